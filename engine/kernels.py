"""In-place numpy kernels for the training hot path: no allocation, no per-node Python.

Buffers are laid out with samples as *columns* (features × samples), so a layer's
activations ``a[:n]`` are one contiguous block and every elementwise kernel runs on
contiguous memory. Each kernel writes through ``out=`` into buffers made once.

The maths is the same as ``engine.batched`` (which is the readable reference); the
training tests check that one step of each agrees to 1e-12.
"""

from __future__ import annotations

import math

import numpy as np

from .names import LEAKY_SLOPE

# ----------------------------------------------------------------- activations
# forward(z, a, t): a = f(z), t is scratch of z's shape; the sigmoid leaves e^−z in it for its backward,
# so t must not be written between a layer's forward and its backward.
# backward(d, z, a, t, mask): d *= f'(z) in place (mask is a bool scratch buffer).


def _sigmoid(z, a, t):
    # σ(z) = 1/(1 + e^−z), relative-exact for z ≪ 0 too; leaves t = e^−z for the backward
    # (∞ below z ≈ −709.8, where σ(z) is 0 to float64's normal range; warnings are off in training).
    np.negative(z, t)
    np.exp(t, t)
    np.add(t, 1.0, a)
    np.divide(1.0, a, a)


def _sigmoid_back(d, z, a, t, mask):
    # σ′(z) = σ(z)·σ(−z) with σ(−z) = e^−z·σ(z) (t from the forward), not σ(z)(1 − σ(z)),
    # which rounds to 0 for z ≳ 37; fmin turns ∞·0 (z ≲ −709.8) into σ(−z) = 1.
    np.multiply(a, t, t)
    np.fmin(t, 1.0, t)
    np.multiply(t, a, t)
    np.multiply(d, t, d)


def _tanh(z, a, t):
    np.tanh(z, a)


def _tanh_back(d, z, a, t, mask):
    np.multiply(a, a, t)
    np.subtract(1.0, t, t)
    np.multiply(d, t, d)


def _relu(z, a, t):
    np.maximum(z, 0.0, out=a)


def _relu_back(d, z, a, t, mask):
    np.less_equal(z, 0.0, mask)  # relu'(0) = 0
    np.copyto(d, 0.0, where=mask)


def _leaky(z, a, t):
    np.multiply(z, LEAKY_SLOPE, t)
    np.maximum(z, t, out=a)


def _leaky_back(d, z, a, t, mask):
    np.less_equal(z, 0.0, mask)  # leaky_relu'(0) = the slope
    np.multiply(d, LEAKY_SLOPE, t)
    np.copyto(d, t, where=mask)


def _linear(z, a, t):
    np.copyto(a, z)


def _linear_back(d, z, a, t, mask):
    pass


def softmax_columns(z, a, col, col2):
    """a = softmax of each column of z; leaves the column maxima in ``col`` and sums in ``col2``."""
    np.max(z, axis=0, keepdims=True, out=col)
    np.subtract(z, col, a)
    np.exp(a, a)
    np.sum(a, axis=0, keepdims=True, out=col2)
    np.divide(a, col2, a)


FORWARD = {"sigmoid": _sigmoid, "tanh": _tanh, "relu": _relu, "leaky_relu": _leaky, "linear": _linear}
BACKWARD = {"sigmoid": _sigmoid_back, "tanh": _tanh_back, "relu": _relu_back, "leaky_relu": _leaky_back,
            "linear": _linear_back}


# ----------------------------------------------------------------- optimizers
# Each works on flat parameter vectors: new = update(old, grad). ``grad`` may be overwritten.


class SGD:
    """p ← p − lr·g (torch.optim.SGD without momentum)."""

    def __init__(self, size: int, lr: float, **_: float) -> None:
        self.lr = lr

    def update(self, old: np.ndarray, grad: np.ndarray, new: np.ndarray) -> None:
        np.multiply(grad, self.lr, grad)
        np.subtract(old, grad, new)


class Momentum:
    """v ← μ·v + g; p ← p − lr·v, with v starting at 0 so the first v is g (torch.optim.SGD, dampening 0)."""

    def __init__(self, size: int, lr: float, momentum: float = 0.9, **_: float) -> None:
        self.lr, self.mu = lr, momentum
        self.velocity = np.zeros(size)

    def update(self, old: np.ndarray, grad: np.ndarray, new: np.ndarray) -> None:
        v = self.velocity
        np.multiply(v, self.mu, v)
        np.add(v, grad, v)
        np.multiply(v, self.lr, grad)
        np.subtract(old, grad, new)


class Adam:
    """torch.optim.Adam: m ← m + (1−β₁)(g − m); v ← β₂v + (1−β₂)g²;
    p ← p − (lr/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε)."""

    def __init__(self, size: int, lr: float, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
                 **_: float) -> None:
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.v, self.tmp = np.zeros(size), np.zeros(size), np.empty(size)
        self.t = 0

    def update(self, old: np.ndarray, grad: np.ndarray, new: np.ndarray) -> None:
        self.t += 1
        m, v, tmp = self.m, self.v, self.tmp
        np.subtract(grad, m, tmp)
        np.multiply(tmp, 1.0 - self.beta1, tmp)
        np.add(m, tmp, m)
        np.multiply(v, self.beta2, v)
        np.multiply(grad, grad, tmp)
        np.multiply(tmp, 1.0 - self.beta2, tmp)
        np.add(v, tmp, v)
        step_size = self.lr / (1.0 - self.beta1**self.t)
        np.sqrt(v, tmp)
        np.divide(tmp, math.sqrt(1.0 - self.beta2**self.t), tmp)
        np.add(tmp, self.eps, tmp)
        np.divide(m, tmp, tmp)
        np.multiply(tmp, step_size, tmp)
        np.subtract(old, tmp, new)


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}
