"""The lecture at layer granularity: its own 15 matrix quantities, in its order, with true values.

Expected numbers come from plain numpy in float64 below (and tests/engine/lecture_reference.py),
never from the program; each is also compared with the neuron granularity's value of the same
quantity, forward and back.
"""

import numpy as np
import pytest

from engine.compile import compile_network, graph_gradients, graph_parameters, parts_of
from engine.document import load
from engine.lesson import NetworkLesson
from engine.network import Network
from engine.roles import Role
from engine.stepper import Stepper

from . import lecture_reference as ref

X = np.array([ref.X])
W1, B1 = np.array(ref.W1), np.array(ref.B1)
W2, B2 = np.array([[w] for w in ref.W2]), np.array([ref.B2])
Y = np.array([[ref.Y]])


def sigma(t):
    return 1.0 / (1.0 + np.exp(-t))


def expected():
    """(symbol, value) of the lecture's 15 quantities, in its order, by hand in float64."""
    z1 = X @ W1 + B1
    a1 = sigma(z1)
    z2 = a1 @ W2 + B2
    yhat = sigma(z2)
    loss = 0.5 * np.sum((yhat - Y) ** 2)
    dyhat = yhat - Y
    s2 = yhat * (1 - yhat)
    d2 = dyhat * s2
    dw2, db2 = a1.T @ d2, d2.sum(axis=0)
    da1 = d2 @ W2.T
    s1 = a1 * (1 - a1)
    d1 = da1 * s1
    dw1, db1 = X.T @ d1, d1.sum(axis=0)
    return [("z₁", z1), ("a₁", a1), ("z₂", z2), ("ŷ", yhat), ("L", loss), ("∂L/∂ŷ", dyhat), ("σ′(z₂)", s2),
            ("δ₂", d2), ("∂L/∂W₂", dw2), ("∂L/∂b₂", db2), ("∂L/∂a₁", da1), ("σ′(z₁)", s1), ("δ₁", d1),
            ("∂L/∂W₁", dw1), ("∂L/∂b₁", db1)]


def lecture_stepper(granularity="layer"):
    network = Network.from_dict(ref.NETWORK)
    return Stepper(compile_network(network, X, Y, granularity), 0.5), network


def test_the_lecture_steps_exactly_its_fifteen_quantities_in_order_with_true_values():
    stepper, _ = lecture_stepper()
    start, end = stepper.phase_bounds("update")
    assert start == 15  # no other step before the updates (the seed ∂L/∂L = 1 is set, not stepped)
    stepper.goto(start)
    for k, (symbol, value) in enumerate(expected()):
        e = stepper.explain(k)
        assert e.symbol.text == symbol
        np.testing.assert_allclose(e.value, value, rtol=1e-14, atol=0)
    assert [stepper.schedule[k].node.sym.text for k in range(start, end)] == ["W₁", "b₁", "W₂", "b₂"]


def test_the_matrix_forms_are_written_with_explicit_transposes_and_elementwise_products():
    stepper, _ = lecture_stepper()
    stepper.run_to_end()
    shown = {stepper.explain(k).symbol.text: stepper.explain(k) for k in range(len(stepper))}
    assert shown["z₁"].text == "z₁ = X·W₁ + b₁ = [1, 2]·[[0.5, 0.6], [0.7, 0.8]] + [0.1, 0.2] = [2, 2.4]"
    assert shown["z₁"].shapes == "1×2 · 2×2 + 1×2 → 1×2"
    assert shown["δ₂"].symbolic.text == "∂L/∂ŷ ⊙ σ′(z₂)"
    assert shown["∂L/∂W₁"].symbolic.text == "Xᵀ·δ₁"
    assert shown["∂L/∂W₁"].shapes == "2×1 · 1×2 → 2×2"
    assert shown["∂L/∂a₁"].symbolic.text == "δ₂·W₂ᵀ"
    assert shown["∂L/∂W₂"].symbolic.text == "a₁ᵀ·δ₂"
    assert shown["∂L/∂W₁"].substituted.text.startswith("[[1], [2]]·")  # Xᵀ as the numbers of X transposed
    assert r"\odot" in shown["δ₁"].latex
    assert "⊙" in shown["δ₁"].html


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_every_layer_quantity_equals_the_other_granularities_entries(granularity):
    layer, _ = lecture_stepper()
    other, _ = lecture_stepper(granularity)
    layer.run_to_end()
    other.goto(other.phase_bounds("backward")[1])  # before the updates: the values and gradients of the pass
    layer.goto(layer.phase_bounds("backward")[1])
    by_name = {n.sym.text: n for n in other.graph.nodes}
    for node in layer.graph.nodes:
        if node.meta.get("aux") or node.meta["role"] in (Role.LOSS,):
            continue
        keys = parts_of(node)
        for flat, key in enumerate(keys):
            value = np.asarray(node.value).reshape(-1)[flat] if node.value is not None else None
            name = _neuron_name(node, key)
            twin = by_name[name]
            assert float(twin.value) == pytest.approx(float(value), rel=1e-15, abs=0)
            if node.grad is not None and twin.grad is not None:
                assert float(twin.grad) == pytest.approx(float(np.asarray(node.grad).reshape(-1)[flat]), rel=1e-14)
    assert float(layer.graph.output.value) == pytest.approx(float(other.graph.output.value), rel=1e-15)


def _neuron_name(node, key):
    """The neuron-step symbol of one entry of a layer node (lecture notation, 1-based)."""
    kind = key[0]
    if kind == "input":
        return f"X[{key[1] + 1}]"
    if kind == "target":
        return "y"
    sub = "₀₁₂₃₄₅₆₇₈₉"[key[1]]
    if kind == "weight":
        return f"W{sub}[{key[2] + 1},{key[3] + 1}]"
    size = node.meta["size"]
    index = f"[{key[2] + 1}]" if size > 1 else ""
    if kind == "bias":
        return f"b{sub}{index}"
    if kind == "a" and node.sym.text == "ŷ":
        return "ŷ"
    return f"{kind}{sub}{index}"


def test_the_update_steps_and_finish_pass_give_the_full_batch_step():
    lesson = NetworkLesson(load(ref.PATH), "layer")
    lesson.stepper.run_to_end()
    weights, biases = graph_parameters(lesson.graph, lesson.network)
    np.testing.assert_allclose(weights[0], W1 - 0.5 * np.array(ref.dW1), rtol=1e-15)
    np.testing.assert_allclose(biases[1], B2 - 0.5 * ref.db2, rtol=1e-15)
    grads_w, _grads_b = graph_gradients(lesson.graph, lesson.network)
    np.testing.assert_allclose(grads_w[1].ravel(), ref.dW2, rtol=1e-14)
    after, update = lesson.finish_pass()
    assert update.before == pytest.approx(ref.L, rel=1e-15)
    lesson.begin_pass(after, update)
    assert lesson.stepper.position == 0
    assert lesson.granularity == "layer"
    np.testing.assert_array_equal(lesson.network.weights(1), weights[0])


def test_step_back_restores_every_array_bit_for_bit():
    stepper, _ = lecture_stepper()
    snapshots = []
    for _ in range(len(stepper)):
        snapshots.append([(None if n.value is None else np.array(n.value), None if n.grad is None else np.array(n.grad))
                          for n in stepper.graph.nodes])
        stepper.step_forward()
    for k in range(len(stepper) - 1, -1, -1):
        stepper.step_back()
        for (value, grad), node in zip(snapshots[k], stepper.graph.nodes, strict=True):
            for old, new in ((value, node.value), (grad, node.grad)):
                assert (old is None) == (new is None)
                if old is not None:
                    assert old.tobytes() == np.asarray(new).tobytes()


def test_the_error_term_is_built_from_the_auxiliary_slope_step_bit_for_bit():
    stepper, _ = lecture_stepper()
    stepper.run_to_end()
    names = {n.sym.text: n for n in stepper.graph.nodes}
    slope, yhat, z2 = names["σ′(z₂)"], names["ŷ"], names["z₂"]
    assert slope.meta["aux"]
    assert slope.meta["role"] == Role.LOCAL
    assert np.asarray(z2.grad).tobytes() == (yhat.grad * slope.value).tobytes()  # δ₂ = ∂L/∂ŷ ⊙ σ′(z₂)
    a1, z1 = names["a₁"], names["z₁"]
    assert np.asarray(z1.grad).tobytes() == (a1.grad * names["σ′(z₁)"].value).tobytes()
