"""Layer granularity on random networks: every activation × loss, with and without weight decay,
one and several samples, lecture and d2l notation.

* each row of z, a, ŷ and of their per-sample gradients (δ) equals the neuron and operation steps'
  numbers for that sample;
* the parameter gradients equal engine.batched.gradients on the whole data and the other
  granularities' per-sample gradients averaged;
* the update steps give W − η·∂J/∂W;
* stepping back restores every value and gradient bit for bit.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import batched
from engine.compile import compile_network, graph_gradients, graph_parameters, part_of
from engine.compile_layer import compile_layers
from engine.network import make_network
from engine.roles import Role
from engine.stepper import Stepper

HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")
HEADS = [(a, loss) for loss in ("half_sse", "mse") for a in HIDDEN] + [("sigmoid", "bce"), ("softmax", "cross_entropy")]


@st.composite
def lessons(draw, heads=HEADS):
    inputs = draw(st.integers(1, 3))
    hidden = draw(st.lists(st.integers(1, 3), max_size=2))
    activation, loss = draw(st.sampled_from(heads))
    outputs = draw(st.integers(2, 3)) if activation == "softmax" else draw(st.integers(1, 3))
    acts = [draw(st.sampled_from(HIDDEN)) for _ in hidden] + [activation]
    decay = draw(st.sampled_from([0.0, 0.1, 0.5]))
    samples = draw(st.integers(1, 4))
    seed = draw(st.integers(0, 2**16))
    network = make_network([inputs, *hidden, outputs], acts, loss, decay, seed=seed)
    rng = np.random.default_rng(seed)
    for layer in range(1, len(network.layers)):  # biases away from 0, so no z sits on relu's kink
        network.layers[layer].biases = rng.normal(size=network.sizes[layer]) * 0.5
    x = rng.normal(size=(samples, inputs))
    if loss == "bce":
        y = rng.uniform(size=(samples, outputs))
    elif loss == "cross_entropy":
        y = np.eye(outputs)[rng.integers(0, outputs, size=samples)]
    else:
        y = rng.normal(size=(samples, outputs))
    if draw(st.booleans()):
        network.notation = "d2l"
    return network, x, y


def run(graph, position=None):
    stepper = Stepper(graph, 0.5)
    stepper.goto(stepper.phase_bounds("backward")[1] if position is None else position)
    return stepper


def samples_of(graph, columns):
    """{(layer key, j): rows of value, rows of grad} for z and a nodes of a layer graph."""
    out = {}
    for node in graph.nodes:
        if node.meta["role"] in (Role.AFFINE, Role.ACTIVATION):
            value = np.asarray(node.value)
            grad = None if node.grad is None else np.asarray(node.grad)
            if columns:
                value, grad = value.T, None if grad is None else grad.T
            out[node.meta["role"], node.meta["layer"]] = (value, grad)
    return out


@pytest.mark.parametrize("head", HEADS, ids=[f"{a}-{loss}" for a, loss in HEADS])
@settings(max_examples=5, deadline=None)
@given(data=st.data())
def test_layer_steps_equal_the_other_granularities_and_grads(head, data):
    network, x, y = data.draw(lessons([head]))
    columns = getattr(network, "notation", "lecture") == "d2l"
    layer = run(compile_layers(network, x, y))
    reference = batched.gradients(network, x, y)
    weights, biases = graph_gradients(layer.graph, network)
    for got, want in zip([*weights, *biases], [*reference.weights, *reference.biases], strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-11, atol=1e-13)
    assert float(layer.graph.output.value) == np.float64(reference.objective) or \
        abs(float(layer.graph.output.value) - reference.objective) <= 1e-12 * max(1.0, abs(reference.objective))
    shown = samples_of(layer.graph, columns)
    for granularity in ("neuron", "operation"):
        mean_w = [np.zeros_like(w) for w in weights]
        mean_b = [np.zeros_like(b) for b in biases]
        for n in range(len(x)):
            other = run(compile_network(network.copy(), x[n], y[n], granularity))
            for node in other.graph.nodes:
                key = part_of(node)
                role = node.meta.get("role")
                if key is None or key[0] not in ("z", "a") or role not in (
                        Role.WEIGHTED_SUM, Role.BIAS_ADD, Role.ACTIVATION):
                    continue
                _kind, number, j = key
                layer_role = Role.AFFINE if key[0] == "z" else Role.ACTIVATION
                if (layer_role, number) not in shown:  # a linear output layer: its z is ŷ
                    layer_role = Role.AFFINE
                value, grad = shown[layer_role, number]
                np.testing.assert_allclose(value[n, j], float(node.value), rtol=1e-13, atol=1e-15)
                if node.grad is not None and grad is not None:
                    np.testing.assert_allclose(grad[n, j], float(node.grad), rtol=1e-10, atol=1e-14)
            w, b = graph_gradients(other.graph, network)
            for total, part in zip([*mean_w, *mean_b], [*w, *b], strict=True):
                total += part / len(x)
        for got, want in zip([*weights, *biases], [*mean_w, *mean_b], strict=True):
            np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-13)
    layer.run_to_end()
    new_w, new_b = graph_parameters(layer.graph, network)
    for got, old, grad in zip([*new_w, *new_b], [*(network.weights(k) for k in range(1, len(network.layers))),
                                                  *(network.biases(k) for k in range(1, len(network.layers)))],
                              [*weights, *biases], strict=True):
        np.testing.assert_array_equal(got, old - 0.5 * grad)


def state(graph):
    return [(None if n.value is None else np.asarray(n.value).tobytes(),
             None if n.grad is None else np.asarray(n.grad).tobytes()) for n in graph.nodes]


@settings(max_examples=15, deadline=None)
@given(lessons(), st.data())
def test_step_back_and_goto_restore_every_array_bit_for_bit(lesson, data):
    network, x, y = lesson
    stepper = Stepper(compile_layers(network, x, y), 0.5)
    states = []
    for _ in range(len(stepper)):
        states.append(state(stepper.graph))
        stepper.step_forward()
    states.append(state(stepper.graph))
    for k in range(len(stepper) - 1, -1, -1):
        stepper.step_back()
        assert state(stepper.graph) == states[k]
    target = data.draw(st.integers(0, len(stepper)))
    stepper.goto(target)
    assert state(stepper.graph) == states[target]
    back = data.draw(st.integers(0, target))
    stepper.goto(back)
    assert state(stepper.graph) == states[back]
