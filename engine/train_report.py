"""What a training run reports: the Reporter protocol, its rows (Evaluation), its result, and accuracy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from .network import Network


class Reporter(Protocol):
    """What ``train`` tells its caller. A GUI worker forwards these as signals.

    * ``progress`` and ``loss`` are called at iteration 0 (the starting parameters),
      every ``eval_every`` iterations and at the last iteration done.
    * ``loss`` gives the loss L on the whole training set with the parameters after
      ``iteration`` updates, the test loss (None without a test split) and the accuracy
      (on the test split if there is one, else on the training set; None for regression).
    * ``should_stop`` is asked before every iteration; keep it cheap.
    * A reporter may also have ``gradient_norms(iteration, norms)``: called just before ``loss``
      with ‖∂J/∂Wₗ‖ of each layer (see ``Evaluation.gradient_norms``).
    """

    def progress(self, iteration: int, total: int) -> None: ...

    def loss(self, iteration: int, train_loss: float, test_loss: float | None, accuracy: float | None) -> None: ...

    def should_stop(self) -> bool: ...


class NullReporter:
    """Reports nowhere and never asks to stop."""

    def progress(self, iteration: int, total: int) -> None:
        pass

    def loss(self, iteration: int, train_loss: float, test_loss: float | None, accuracy: float | None) -> None:
        pass

    def should_stop(self) -> bool:
        return False


@dataclass
class Evaluation:
    iteration: int
    loss: float  # L on the training set
    objective: float  # J = L + λ/2·Σ‖W‖²
    test_loss: float | None
    accuracy: float | None
    # ‖∂J/∂Wₗ‖ of each layer from the step that led here (NaN at iteration 0: no step yet)
    gradient_norms: tuple[float, ...] = ()

    def as_dict(self) -> dict:
        return {"iteration": self.iteration, "loss": self.loss, "objective": self.objective,
                "test_loss": self.test_loss, "accuracy": self.accuracy,
                "gradient_norms": list(self.gradient_norms)}


def send(report: Reporter, evaluation: Evaluation, total: int) -> None:
    """Hand one evaluation to ``report``: progress, the gradient norms (to a reporter that has
    ``gradient_norms(iteration, norms)``, which comes before ``loss``) and the loss."""
    report.progress(evaluation.iteration, total)
    norms = getattr(report, "gradient_norms", None)
    if norms is not None:
        norms(evaluation.iteration, evaluation.gradient_norms)
    report.loss(evaluation.iteration, evaluation.loss, evaluation.test_loss, evaluation.accuracy)


@dataclass
class TrainResult:
    status: str  # "finished", "stopped" or "diverged"
    iterations: int  # updates kept in the network
    history: list[dict] = field(default_factory=list)  # Evaluation.as_dict() rows
    message: str = ""

    @property
    def final(self) -> dict | None:
        return self.history[-1] if self.history else None


# ----------------------------------------------------------------- accuracy


def classification_kind(network: Network, targets: np.ndarray) -> str | None:
    """"argmax" for softmax outputs, "threshold" for sigmoid outputs with 0/1 targets (or bce), else None."""
    out = network.activation(network.depth)
    if out == "softmax":
        return "argmax"
    if out == "sigmoid" and (network.loss == "bce" or bool(np.all((targets == 0) | (targets == 1)))):
        return "threshold"
    return None


def accuracy(kind: str | None, outputs: np.ndarray, targets: np.ndarray) -> float | None:
    """The fraction right: argmax against argmax, or ŷ ≥ 0.5 against y ≥ 0.5 (each output element)."""
    if kind == "argmax":
        return float(np.mean(outputs.argmax(axis=1) == targets.argmax(axis=1)))
    if kind == "threshold":
        return float(np.mean((outputs >= 0.5) == (targets >= 0.5)))
    return None
