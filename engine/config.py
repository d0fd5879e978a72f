"""Training settings, validated from the document's ``training`` section."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields

from .errors import ValidationError, brief

OPTIMIZERS = ("sgd", "momentum", "adam")


@dataclass
class TrainingConfig:
    """Defaults follow PyTorch: momentum 0.9 (dampening 0), Adam β₁ 0.9, β₂ 0.999, ε 1e-8."""

    optimizer: str = "sgd"
    learning_rate: float = 0.5
    batch_size: int = 0  # 0 means the full batch
    iterations: int = 100
    epochs: int = 0  # when > 0, the length is given in epochs instead of iterations
    seed: int = 0
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    test_fraction: float = 0.0
    eval_every: int = 1

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: object, where: str = "training") -> TrainingConfig:
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise ValidationError(where, "expected an object")
        config = cls()
        for key, value in raw.items():
            if key not in {f.name for f in fields(cls)}:
                continue  # unknown keys are kept by the document, ignored here
            setattr(config, key, _checked(key, value, f"{where}.{key}"))
        return config


_INTS = {"batch_size": (0, 10**7), "iterations": (0, 10**8), "epochs": (0, 10**7), "seed": (0, 2**32 - 1),
         "eval_every": (1, 10**8)}
_FLOATS = {"learning_rate": (0.0, 1e6), "momentum": (0.0, 1.0), "beta1": (0.0, 1.0), "beta2": (0.0, 1.0),
           "eps": (0.0, 1.0), "test_fraction": (0.0, 0.9)}


def _checked(key: str, value: object, where: str):
    if key == "optimizer":
        if value not in OPTIMIZERS:
            raise ValidationError(where, f"unknown optimizer {brief(value)}; expected one of {', '.join(OPTIMIZERS)}")
        return value
    if key in _INTS:
        low, high = _INTS[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValidationError(where, f"expected a whole number from {low} to {high}, got {brief(value)}")
        return value
    low, high = _FLOATS[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(where, f"expected a finite number, got {brief(value)}")
    if not low <= value <= high:
        raise ValidationError(where, f"expected a number from {low:g} to {high:g}, got {brief(value)}")
    return float(value)
