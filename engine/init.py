"""Weight initialisers, each id once with its label, its formula and its function, and the symmetry check.

``INITIALISERS`` is the one table: the training panel's Reset weights menu, its tooltips, the
README and ``python -m engine train --init NAME`` all read it. Each function takes
``(rng, fan_in, fan_out)`` and returns the (fan_in, fan_out) weight matrix of one layer
(z = a_prev · W + b, engine/network.py); every initialiser starts the biases at 0, and a layer
without bias stays without one. The generator is ``numpy.random.default_rng(seed)``, drawn layer
by layer from the first, so one seed gives one set of weights.

``symmetric_layers`` finds the hidden layers whose neurons are all identical (the same incoming
weights and bias): they compute the same value and get the same gradient, so gradient descent can
never make them differ. Zero (or any such symmetric) initial weights leave a network like that.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .names import CONTEXT, QT_TRANSLATE_NOOP, Translate, english

if TYPE_CHECKING:  # engine/network.py uses xavier_limit for a file's missing weights
    from .network import Network

SMALL = 0.1  # small uniform: U(−0.1, 0.1)
TOO_LARGE_STD = 5.0  # "too large": N(0, 25); |z| of a few units already saturates sigmoid and tanh
SYMMETRY_TOLERANCE = 1e-9  # relative: identical up to rounding

Initialise = Callable[[np.random.Generator, int, int], np.ndarray]


def xavier_limit(fan_in: int, fan_out: int, gain: float = 1.0) -> float:
    """Glorot and Bengio's uniform bound gain·√(6/(fan_in + fan_out)): variance gain²·2/(fan_in + fan_out)."""
    return gain * math.sqrt(6.0 / (fan_in + fan_out))


def _zero(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    return np.zeros((fan_in, fan_out))


def _small_uniform(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    return rng.uniform(-SMALL, SMALL, size=(fan_in, fan_out))


def _xavier(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    limit = xavier_limit(fan_in, fan_out)
    return rng.uniform(-limit, limit, size=(fan_in, fan_out))


def _he(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    return rng.normal(0.0, math.sqrt(2.0 / fan_in), size=(fan_in, fan_out))


def _too_large(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    return rng.normal(0.0, TOO_LARGE_STD, size=(fan_in, fan_out))


@dataclass(frozen=True)
class Initialiser:
    label: str  # English, marked for translation (context ``Names``)
    formula: str  # the distribution of every weight; n_in, n_out: the layer's fan-in and fan-out
    function: Initialise


INITIALISERS: dict[str, Initialiser] = {
    "zero": Initialiser(QT_TRANSLATE_NOOP("Names", "zero"), "w = 0", _zero),
    "small_uniform": Initialiser(QT_TRANSLATE_NOOP("Names", "small uniform"), "w ~ U(−0.1, 0.1)", _small_uniform),
    "xavier": Initialiser(QT_TRANSLATE_NOOP("Names", "Xavier/Glorot (uniform)"),
                          "w ~ U(−√(6/(n_in + n_out)), +√(6/(n_in + n_out))), Var w = 2/(n_in + n_out)", _xavier),
    "he": Initialiser(QT_TRANSLATE_NOOP("Names", "He/Kaiming (normal)"), "w ~ N(0, 2/n_in)", _he),
    "too_large": Initialiser(QT_TRANSLATE_NOOP("Names", "too large"), "w ~ N(0, 25), σ = 5", _too_large),
}


def init_label(name: str, translate: Translate = english) -> str:
    """The initialiser's name in the language of ``translate`` (English by default)."""
    return translate(CONTEXT, INITIALISERS[name].label) if name in INITIALISERS else name


def initialised(network: Network, name: str, seed: int) -> Network:
    """A copy of ``network`` with every weight drawn by initialiser ``name`` from ``seed``, biases 0."""
    function = INITIALISERS[name].function
    rng = np.random.default_rng(seed)
    net = network.copy()
    for layer in range(1, len(net.layers)):
        fan_in, fan_out = net.layers[layer - 1].size, net.layers[layer].size
        net.layers[layer].weights = np.asarray(function(rng, fan_in, fan_out), dtype=np.float64)
        net.layers[layer].biases = np.zeros(fan_out)  # with or without bias: a bias-free layer's zeros stay
    return net


def symmetric_layers(network: Network, tolerance: float = SYMMETRY_TOLERANCE) -> list[int]:
    """The hidden layers (1 … depth − 1) of two or more neurons whose neurons are all identical:
    every column of W (a neuron's incoming weights) and every bias equal to the first neuron's,
    within ``tolerance`` relative to the layer's largest weight or bias."""
    found = []
    for layer in range(1, network.depth):
        w, b = network.weights(layer), network.biases(layer)
        if w.shape[1] < 2:
            continue
        scale = 1.0 + max(float(np.max(np.abs(w), initial=0.0)), float(np.max(np.abs(b), initial=0.0)))
        spread = max(float(np.max(np.abs(w - w[:, :1]), initial=0.0)), float(np.max(np.abs(b - b[0]))))
        if spread <= tolerance * scale:
            found.append(layer)
    return found
