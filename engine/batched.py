"""The whole pass, vectorised by layer: forward values, the loss and every gradient.

This is the reference the step graph must agree with (to 1e-12) and what
``python -m engine grads`` prints. Samples are rows, as in the lecture:
``z_l = a_{l-1} · W_l + b_l`` and ``a_l = f_l(z_l)``, with ``a_0 = X``; a layer without bias
(``Network.has_bias``) computes ``z_l = a_{l-1} · W_l`` and its bias gradient is 0.

Losses are averaged over the N samples (see ``engine.network``); the objective is
``J = L + λ/2 · Σ‖W_l‖²`` over the weights only, and every gradient here is a
gradient of J.

Numerical choices:

* sigmoid is evaluated without overflow (``exp`` of a non-positive number only);
* ``bce`` with a sigmoid output and ``cross_entropy`` with a softmax output are computed
  from the pre-activation z (log-sigmoid, log-softmax), and their gradient with respect
  to z is taken directly: ``(ŷ − y)/(N·K)`` and ``(ŷ·Σy − y)/N``, written so that no
  difference of nearly equal numbers is rounded away: ``((1 − y)σ(z) − y·σ(−z))/(N·K)`` and
  ``(ŷ·(Σy − y) − y·(1 − ŷ))/N`` with 1 − ŷ the sum of the other probabilities. Nothing is
  clipped.
* σ′(z) = σ(z)σ(−z) and tanh′(z) = 1/cosh²(z), not a(1 − a) and 1 − a², which round to 0
  for saturated units (z ≳ 37, |z| ≳ 19) where the true slope is tiny but not 0.
* Overflow gives ∞ or NaN in the results, never a NumPy warning.
* relu′(0) = 0 and leaky_relu′(0) = 0.01 (the slope of the x ≤ 0 branch).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .names import LEAKY_SLOPE
from .network import Network
from .ops import log_softmax, sigmoid_slope, softmax_complement, softplus, stable_sigmoid, tanh_slope

# ----------------------------------------------------------------- activations


sigmoid = stable_sigmoid  # 1/(1+e^{−z}) without overflow, the same function the step graph uses


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax (each sample is a row)."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def activate(name: str, z: np.ndarray) -> np.ndarray:
    """Apply the activation called ``name`` to the pre-activations ``z`` (N, n)."""
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, z, LEAKY_SLOPE * z)
    if name == "linear":
        return z.copy()
    if name == "softmax":
        return softmax(z)
    raise ValueError(f"unknown activation {name!r}")


def activation_vjp(name: str, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
    """∂L/∂z from ∂L/∂a for a = f(z): elementwise f′(z)·grad_a, or the softmax Jacobian."""
    if name == "sigmoid":
        return grad_a * sigmoid_slope(z)
    if name == "tanh":
        return grad_a * tanh_slope(z)
    if name == "relu":
        return grad_a * (z > 0)
    if name == "leaky_relu":
        return grad_a * np.where(z > 0, 1.0, LEAKY_SLOPE)
    if name == "linear":
        return grad_a.copy()
    if name == "softmax":
        return a * (grad_a - (grad_a * a).sum(axis=1, keepdims=True))
    raise ValueError(f"unknown activation {name!r}")


# ----------------------------------------------------------------- losses


def data_loss(loss: str, activation: str, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> float:
    """The loss L (mean over samples) from the output layer's z and a = f(z)."""
    n, k = y.shape
    if loss == "half_sse":
        return float(0.5 * np.sum((a - y) ** 2) / n)
    if loss == "mse":
        return float(np.sum((a - y) ** 2) / (n * k))
    if loss == "bce":
        if activation == "sigmoid":
            # −[y log σ(z) + (1−y) log(1−σ(z))] = y·softplus(−z) + (1−y)·softplus(z), not softplus(z) − y·z,
            # which cancels to a few digits where y = 1 and z is large
            return float(np.sum(y * softplus(-z) + (1.0 - y) * softplus(z)) / (n * k))
        return float(-np.sum(y * np.log(a) + (1.0 - y) * np.log(1.0 - a)) / (n * k))
    if loss == "cross_entropy":
        log_a = log_softmax(z, axis=1) if activation == "softmax" else np.log(a)
        return float(-np.sum(y * log_a) / n)
    raise ValueError(f"unknown loss {loss!r}")


def output_delta(loss: str, activation: str, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """δ of the output layer: ∂L/∂z, shape (N, K)."""
    n, k = y.shape
    if loss == "bce" and activation == "sigmoid":
        return ((1.0 - y) * a - y * sigmoid(-z)) / (n * k)
    if loss == "cross_entropy" and activation == "softmax":
        return (a * (y.sum(axis=1, keepdims=True) - y) - y * softmax_complement(z, axis=1)) / n
    if loss == "half_sse":
        grad_a = (a - y) / n
    elif loss == "mse":
        grad_a = 2.0 * (a - y) / (n * k)
    elif loss == "bce":
        grad_a = (a - y) / (a * (1.0 - a) * (n * k))
    elif loss == "cross_entropy":
        grad_a = -y / (a * n)
    else:
        raise ValueError(f"unknown loss {loss!r}")
    return activation_vjp(activation, z, a, grad_a)


def weight_penalty(network: Network) -> float:
    """s = λ/2 · Σ‖W‖² over the weight matrices (biases are not decayed)."""
    if network.weight_decay == 0.0:
        return 0.0
    total = sum(float(np.sum(network.weights(layer) ** 2)) for layer in range(1, len(network.layers)))
    return 0.5 * network.weight_decay * total


# ----------------------------------------------------------------- passes


@dataclass
class ForwardCache:
    """Every layer's values for a batch: ``z[l]`` and ``a[l]`` (``z[0]`` is None, ``a[0]`` is X)."""

    z: list[np.ndarray | None]
    a: list[np.ndarray]

    @property
    def outputs(self) -> np.ndarray:
        return self.a[-1]


class Gradients(NamedTuple):
    """What ``gradients`` returns; unpacks as ``L, J, outputs, dW, db``."""

    loss: float
    objective: float
    outputs: np.ndarray
    weights: list[np.ndarray]  # ∂J/∂W_l for l = 1..depth, each (in, out)
    biases: list[np.ndarray]  # ∂J/∂b_l, each (out,); zeros for a layer without bias


def forward(network: Network, inputs: np.ndarray) -> ForwardCache:
    """Run the batch ``inputs`` (N, n_in) through every layer."""
    a = np.asarray(inputs, dtype=np.float64)
    cache = ForwardCache([None], [a])
    with np.errstate(all="ignore"):
        for layer in range(1, len(network.layers)):
            z = a @ network.weights(layer)
            if network.has_bias(layer):
                z = z + network.biases(layer)
            a = activate(network.activation(layer), z)
            cache.z.append(z)
            cache.a.append(a)
    return cache


def loss_from_cache(network: Network, cache: ForwardCache, targets: np.ndarray) -> tuple[float, float]:
    """(L, J) for a forward pass already run."""
    y = np.asarray(targets, dtype=np.float64)
    z_out = cache.z[-1]
    assert z_out is not None
    with np.errstate(all="ignore"):
        loss = data_loss(network.loss, network.activation(len(network.layers) - 1), z_out, cache.a[-1], y)
        return loss, loss + weight_penalty(network)


def loss_value(network: Network, inputs: np.ndarray, targets: np.ndarray) -> tuple[float, float]:
    """(L, J): the mean loss over the samples and the objective with weight decay."""
    return loss_from_cache(network, forward(network, inputs), targets)


def gradients(network: Network, inputs: np.ndarray, targets: np.ndarray) -> Gradients:
    """Forward, loss and backward: the gradients of J with respect to every W and b."""
    cache = forward(network, inputs)
    loss, objective = loss_from_cache(network, cache, targets)
    with np.errstate(all="ignore"):
        return _backward(network, cache, np.asarray(targets, dtype=np.float64), loss, objective)


def _backward(network: Network, cache: ForwardCache, y: np.ndarray, loss: float, objective: float) -> Gradients:
    last = len(network.layers) - 1
    z_out = cache.z[last]
    assert z_out is not None
    delta = output_delta(network.loss, network.activation(last), z_out, cache.a[last], y)
    grad_w: list[np.ndarray] = [np.empty(0)] * last
    grad_b: list[np.ndarray] = [np.empty(0)] * last
    for layer in range(last, 0, -1):
        w = network.weights(layer)
        grad_w[layer - 1] = cache.a[layer - 1].T @ delta + network.weight_decay * w
        grad_b[layer - 1] = delta.sum(axis=0) if network.has_bias(layer) else np.zeros(delta.shape[1])
        if layer > 1:
            z_prev = cache.z[layer - 1]
            assert z_prev is not None
            delta = activation_vjp(network.activation(layer - 1), z_prev, cache.a[layer - 1], delta @ w.T)
    return Gradients(loss, objective, cache.outputs, grad_w, grad_b)
