"""Small networks for the saturation tests: one saturated neuron, and random networks with large weights."""

import math

import numpy as np

from engine.compile import compile_network
from engine.network import make_network
from engine.stepper import Stepper

GRANULARITIES = ["neuron", "operation"]
PAIRINGS = [(a, loss) for a in ("sigmoid", "tanh", "relu", "linear") for loss in ("half_sse", "mse")]
PAIRINGS += [("sigmoid", "bce"), ("softmax", "cross_entropy")]


def case(seed, pairing, scale, decay):
    rng = np.random.default_rng(seed)
    out_act, loss = pairing
    sizes = [int(rng.integers(1, 3)), int(rng.integers(1, 4)), int(rng.integers(2 if out_act == "softmax" else 1, 4))]
    hidden = str(rng.choice(["sigmoid", "tanh", "relu", "linear"]))
    net = make_network(sizes, [hidden, out_act], loss=loss, weight_decay=decay, seed=seed)
    for layer in net.layers[1:]:
        layer.weights = layer.weights * scale
        layer.biases = rng.normal(size=layer.size) * scale
    x = rng.normal(size=sizes[0])
    if loss == "cross_entropy":
        y = np.eye(sizes[-1])[rng.integers(sizes[-1])]
    elif rng.random() < 0.5:  # labels 0 and 1, where saturated outputs cancel against them
        y = rng.integers(0, 2, size=sizes[-1]).astype(float)
    else:
        y = rng.uniform(0, 1, sizes[-1]) if loss == "bce" else rng.normal(size=sizes[-1])
    return net, x, y


def sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def one_neuron(z: float, loss: str = "bce", activation: str = "sigmoid"):
    net = make_network([1, 1], activation, loss=loss, seed=0)
    net.layers[1].weights[:] = z
    net.layers[1].biases[:] = 0.0
    return net


def run(net, x, y, granularity):
    stepper = Stepper(compile_network(net, np.asarray(x, float), np.asarray(y, float), granularity))
    stepper.run_to_end()
    return stepper


def explained(stepper, name, phase):
    for k in range(stepper.position):
        e = stepper.explain(k)
        if e.phase == phase and e.step.node.name == name:
            return e
    raise AssertionError(f"no {phase} step for {name}")
