"""Gradient health: what shows vanishing gradients and dead ReLUs (Qt-free).

* ``gradient_norm_header(layer)`` names the history's gradient columns: ‖∂J/∂W₁‖, ‖∂J/∂W₂‖, …
  (the Frobenius norm of the weights' gradient, biases left out), as in the training history
  (``Evaluation.gradient_norms``, computed by ``Trainer.gradient_norms`` from the step's own gradient).
* ``dead_relus(network, inputs)`` lists the hidden ReLU neurons whose output is 0 for every sample:
  their gradient is 0 for every sample too, so gradient descent never moves their incoming weights;
  ``dead_relus_in_training`` asks that of the training samples (the test split left out), as the
  training panel and the diagram show it.
* ``delta_norms(deltas)`` is ‖δ‖ of each layer from the δ values a backward pass has computed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

from . import batched
from .config import TrainingConfig
from .datasets import train_test_split
from .document import Data
from .network import Network

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscript(number: int) -> str:
    return str(number).translate(_SUBSCRIPTS)


def gradient_norm_header(layer: int) -> str:
    """The column name of layer ``layer``'s gradient norm: ‖∂J/∂W₁‖ for layer 1."""
    return f"‖∂J/∂W{subscript(layer)}‖"


def dead_relus(network: Network, inputs: np.ndarray) -> list[tuple[int, int]]:
    """(layer, neuron) of every hidden ReLU neuron whose output is 0 for every row of ``inputs``.

    Layers count from 1 (the first hidden layer) as in ``network.layers``; the output layer is not
    hidden and is never listed. No samples: nothing is dead.
    """
    inputs = np.asarray(inputs, dtype=np.float64)
    if inputs.ndim != 2 or inputs.shape[0] == 0:
        return []
    cache = batched.forward(network, inputs)
    dead: list[tuple[int, int]] = []
    for layer in range(1, network.depth):
        if network.activation(layer) != "relu":
            continue
        silent = np.all(cache.a[layer] == 0.0, axis=0)
        dead.extend((layer, int(j)) for j in np.flatnonzero(silent))
    return dead


def dead_relus_in_training(network: Network, data: Data, config: TrainingConfig) -> list[tuple[int, int]]:
    """``dead_relus`` on the training samples: the data without the test split ``config`` holds out."""
    if len(data) == 0:
        return []
    return dead_relus(network, train_test_split(data, config.test_fraction, config.seed)[0].inputs)


def delta_norms(deltas: Iterable[Sequence[float | None]]) -> list[float | None]:
    """‖δ‖ = √Σδⱼ² of each layer's δ values; None for a layer with a δ not computed yet."""
    norms: list[float | None] = []
    for values in deltas:
        values = list(values)
        if not values or any(v is None for v in values):
            norms.append(None)
        else:
            norms.append(math.sqrt(sum(float(np.sum(np.square(v))) for v in values)))
    return norms
