"""Structural edits as pure functions: each returns an edited copy and leaves the original alone.

The GUI wraps each in an undo command that assigns the copy (``Network.assign``), so undo
is simply assigning the earlier copy back. Refused edits raise ValidationError.
"""

from __future__ import annotations

import numpy as np

from .config import checked_setting
from .errors import ValidationError, counting_layers
from .messages import Message
from .network import ACTIVATIONS, LOSSES, MAX_LAYERS, MAX_NEURONS, Layer, Network, _init_params
from .notation import NOTATIONS

_ADDED_SEED = 12345


def add_hidden_layer(network: Network, index: int | None = None, size: int = 2,
                     activation: str = "sigmoid") -> Network:
    """Insert a hidden layer before layer ``index`` (default: just before the output layer)."""
    net = network.copy()
    if len(net.layers) >= MAX_LAYERS:
        raise ValidationError("network.layers", Message("network.max_layers", limit=MAX_LAYERS))
    index = len(net.layers) - 1 if index is None else index
    if not 1 <= index <= len(net.layers) - 1:
        raise ValidationError("network.layers", Message("network.hidden_goes_between"))
    rng = np.random.default_rng(_ADDED_SEED + index)
    fan_in = net.layers[index - 1].size
    w, b = _init_params(rng, fan_in, size, activation)
    net.layers.insert(index, Layer(size, activation, w, b))
    _refit_incoming(net, index + 1, rng)
    return net


def remove_hidden_layer(network: Network, index: int) -> Network:
    net = network.copy()
    if not 1 <= index < len(net.layers) - 1:
        raise ValidationError("network.layers", Message("network.only_hidden_removed"))
    del net.layers[index]
    _refit_incoming(net, index, np.random.default_rng(_ADDED_SEED + index))
    return net


@counting_layers
def add_neuron(network: Network, layer: int) -> Network:
    net = network.copy()
    if net.layers[layer].size >= MAX_NEURONS:
        raise ValidationError(f"network.layers[{layer}].size", Message("network.max_neurons", limit=MAX_NEURONS))
    rng = np.random.default_rng(_ADDED_SEED + layer)
    target = net.layers[layer]
    if layer > 0:
        w, _ = _init_params(rng, net.layers[layer - 1].size, 1, target.activation or "sigmoid")
        target.weights = np.hstack([target.weights, w])
        target.biases = np.append(target.biases, 0.0)
    target.size += 1
    if layer + 1 < len(net.layers):
        after = net.layers[layer + 1]
        w, _ = _init_params(rng, 1, after.size, after.activation or "sigmoid")
        after.weights = np.vstack([after.weights, w])
    return net


@counting_layers
def remove_neuron(network: Network, layer: int, j: int) -> Network:
    net = network.copy()
    target = net.layers[layer]
    if target.size <= 1:
        raise ValidationError(f"network.layers[{layer}].size", Message("network.layer_needs_neuron"))
    if not 0 <= j < target.size:
        raise ValidationError(f"network.layers[{layer}]", Message("network.no_neuron", number=j + 1))
    if layer > 0:
        target.weights = np.delete(target.weights, j, axis=1)
        target.biases = np.delete(target.biases, j)
    target.size -= 1
    if layer + 1 < len(net.layers):
        net.layers[layer + 1].weights = np.delete(net.layers[layer + 1].weights, j, axis=0)
    net.validate()
    return net


@counting_layers
def set_activation(network: Network, layer: int, activation: str) -> Network:
    """Change a layer's activation. A softmax output switches the loss to cross-entropy and back."""
    if activation not in ACTIVATIONS:
        raise ValidationError(f"network.layers[{layer}].activation", Message("unknown.activation",
                                                                                name=repr(activation)))
    net = network.copy()
    net.layers[layer].activation = activation
    last = len(net.layers) - 1
    if layer == last and activation == "softmax":
        net.loss = "cross_entropy"
    elif layer == last and net.loss == "cross_entropy":
        net.loss = "bce" if activation == "sigmoid" else "half_sse"
    elif layer == last and net.loss == "bce" and activation != "sigmoid":
        net.loss = "half_sse"
    net.validate()
    return net


def set_bias(network: Network, layer: int, enabled: bool) -> Network:
    """Give layer ``layer`` a bias (starting at 0) or take it away (z = a_prev · W; its biases are dropped)."""
    if not 1 <= layer < len(network.layers):
        raise ValidationError("network.layers", Message("network.no_bias"))
    net = network.copy()
    target = net.layers[layer]
    target.bias = bool(enabled)
    target.biases = np.zeros(target.size) if not enabled or target.biases is None else target.biases
    return net


def set_notation(network: Network, notation: str) -> Network:
    """Name the steps in the lecture's notation or in d2l's (engine/notation.py)."""
    if notation not in NOTATIONS:
        raise ValidationError("network.notation", Message("unknown.notation_one_of", name=repr(notation),
                                                           names=", ".join(NOTATIONS)))
    net = network.copy()
    net.notation = notation
    return net


def set_loss(network: Network, loss: str) -> Network:
    if loss not in LOSSES:
        raise ValidationError("network.loss", Message("unknown.loss", name=repr(loss)))
    net = network.copy()
    net.loss = loss
    net.validate()
    return net


def set_weight_decay(network: Network, value: float) -> Network:
    """λ checked against ``RANGES["weight_decay"]``, as a file's is."""
    net = network.copy()
    net.weight_decay = checked_setting("weight_decay", value, "network.weight_decay")
    return net


def randomized(network: Network, seed: int) -> Network:
    net = network.copy()
    net.randomize(seed)
    return net


def _refit_incoming(net: Network, layer: int, rng: np.random.Generator) -> None:
    """New weights into ``layer`` when the layer before it changed size."""
    if layer >= len(net.layers):
        return
    target = net.layers[layer]
    fan_in = net.layers[layer - 1].size
    if target.weights is None or target.weights.shape[0] != fan_in:
        target.weights, _ = _init_params(rng, fan_in, target.size, target.activation or "sigmoid")
