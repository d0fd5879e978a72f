"""Stepping: exact step back, run to end equals the whole pass, edits recompute."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import batched
from engine.compile import compile_network, graph_gradients
from engine.network import make_network
from engine.stepper import Stepper
from tests.stepping import step_until

PAIRINGS = [(act, loss) for act in ("sigmoid", "tanh", "relu", "leaky_relu", "linear") for loss in ("half_sse", "mse")]
PAIRINGS += [("sigmoid", "bce"), ("softmax", "cross_entropy")]


def _snapshot(graph):
    return [(None if n.value is None else np.array(n.value, copy=True),
             None if n.grad is None else np.array(n.grad, copy=True)) for n in graph.nodes]


def _same(a, b):
    for (va, ga), (vb, gb) in zip(a, b, strict=True):
        for x, y in ((va, vb), (ga, gb)):
            assert (x is None) == (y is None)
            if x is not None:
                assert np.array_equal(x, y)


def _targets(loss, k, rng):
    if loss == "cross_entropy":
        t = np.zeros(k)
        t[rng.integers(k)] = 1.0
        return t
    if loss == "bce":
        return rng.uniform(0, 1, k)
    return rng.normal(size=k)


def _random_case(seed, pairing, decay):
    rng = np.random.default_rng(seed)
    out_act, loss = pairing
    sizes = [int(rng.integers(1, 4)), int(rng.integers(1, 4)), int(rng.integers(2 if out_act == "softmax" else 1, 4))]
    hidden = str(rng.choice(["sigmoid", "tanh", "relu", "leaky_relu", "linear"]))
    net = make_network(sizes, [hidden, out_act], loss=loss, weight_decay=decay, seed=seed)
    for layer in net.layers[1:]:  # random biases keep relu away from its kink at exactly 0
        layer.biases = rng.normal(size=layer.size)
    return net, rng.normal(size=sizes[0]), _targets(loss, sizes[-1], rng)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), pairing=st.sampled_from(PAIRINGS), decay=st.sampled_from([0.0, 0.05]),
       granularity=st.sampled_from(["neuron", "operation"]), cut=st.floats(0, 1))
def test_step_back_restores_exactly(seed, pairing, decay, granularity, cut):
    net, x, y = _random_case(seed, pairing, decay)
    stepper = Stepper(compile_network(net, x, y, granularity), learning_rate=0.3)
    stepper.goto(int(cut * len(stepper)))
    before = _snapshot(stepper.graph)
    position = stepper.position
    if stepper.step_forward() is None:
        return
    stepper.step_back()
    assert stepper.position == position
    _same(before, _snapshot(stepper.graph))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), pairing=st.sampled_from(PAIRINGS), decay=st.sampled_from([0.0, 0.1]))
def test_granularities_and_whole_pass_agree(seed, pairing, decay):
    net, x, y = _random_case(seed, pairing, decay)
    whole = batched.gradients(net, x[None, :], y[None, :])
    for granularity in ("neuron", "operation"):
        stepper = Stepper(compile_network(net, x, y, granularity))
        stepper.goto(stepper.phase_bounds("backward")[1])
        assert float(stepper.graph.output.value) == pytest.approx(whole.objective, abs=1e-12)
        weights, biases = graph_gradients(stepper.graph, net)
        for mine, theirs in zip(weights + biases, whole.weights + whole.biases, strict=True):
            np.testing.assert_allclose(mine, theirs, atol=1e-12, rtol=0)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), pairing=st.sampled_from(PAIRINGS), decay=st.sampled_from([0.0, 0.1]))
def test_graph_gradients_match_central_differences(seed, pairing, decay):
    net, x, y = _random_case(seed, pairing, decay)
    graph = compile_network(net, x, y, "operation")
    graph.forward()
    graph.backward()
    for node in graph.params:
        analytic = float(node.grad)
        original = node.value.copy()
        h = 1e-6
        node.value = original + h
        up = float(graph.forward())
        node.value = original - h
        down = float(graph.forward())
        node.value = original
        numeric = (up - down) / (2 * h)
        assert abs(analytic - numeric) <= 1e-6 * max(1.0, abs(analytic) + abs(numeric)), node.name


def test_stepping_to_the_end_equals_the_whole_pass(lecture):
    stepper = lecture.stepper
    stepper.goto(stepper.phase_bounds("backward")[1])
    stepped = {n.id: (float(n.value), None if n.grad is None else float(n.grad)) for n in lecture.graph.nodes}
    graph = compile_network(lecture.network, [1, 2], [0.5])
    graph.forward()
    graph.backward()
    whole = {n.id: (float(n.value), None if n.grad is None else float(n.grad)) for n in graph.nodes}
    assert stepped == whole


def test_back_from_the_end_returns_to_the_start_exactly(lecture):
    stepper = lecture.stepper
    start = _snapshot(lecture.graph)
    stepper.run_to_end()
    assert stepper.at_end
    stepper.reset()
    assert stepper.position == 0
    _same(start, _snapshot(lecture.graph))


def test_editing_a_weight_midway_recomputes(lecture):
    stepper = lecture.stepper
    stepper.goto(5)  # z₁[1] a₁[1] z₁[2] a₁[2] z₂
    z2_before = float(lecture.graph.by_name("z₂").value)
    lecture.network.set_weight(2, 0, 0, 1.9)  # W₂[1,1]: 0.9 → 1.9
    assert lecture.stepper.position == 5
    a11 = float(lecture.graph.by_name("a₁[1]").value)
    assert float(lecture.graph.by_name("z₂").value) == pytest.approx(z2_before + a11, abs=1e-12)
    assert lecture.graph.by_name("ŷ").value is None  # not computed yet: still step 5


def test_phase_jumps(lecture):
    stepper = lecture.stepper
    stepper.run_to_end_of_phase()
    assert stepper.phase == "forward"
    assert stepper.position == stepper.phase_bounds("forward")[1]
    stepper.run_to_end_of_phase()
    assert stepper.phase == "backward"
    stepper.goto_phase_start("backward")
    assert stepper.position == stepper.phase_bounds("backward")[0]
    assert lecture.graph.output.grad is None


def test_events_fire_once_per_move(lecture):
    moves = []
    lecture.stepped.connect(lambda: moves.append(lecture.stepper.position))
    lecture.stepper.step_forward()
    lecture.stepper.run_to_end()
    lecture.stepper.step_back()
    assert moves == [1, len(lecture.stepper), len(lecture.stepper) - 1]


def test_switching_granularity_keeps_the_place_in_the_pass(lecture):
    stepper = lecture.stepper
    step_until(stepper, lambda: stepper.phase == "backward" and stepper.current.node.grad_sym.text == "δ₂")
    lecture.set_granularity("operation")
    assert lecture.stepper.current.phase == "backward"
    assert lecture.stepper.current.node.grad_sym.text == "δ₂"
    lecture.stepper.step_forward()  # ∂L/∂b₂ comes next at operation granularity
    lecture.set_granularity("neuron")
    assert lecture.stepper.current.node.name == "b₂"
    assert lecture.stepper.phase == "backward"


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
@pytest.mark.parametrize("target", [0.0, 1.0, 0.3])
def test_saturated_sigmoid_with_bce_agrees_with_the_whole_pass(granularity, target):
    """z = 40 makes ŷ round to exactly 1.0; the step graph must still match the batched path."""
    net = make_network([1, 1], "sigmoid", loss="bce", seed=0)
    net.layers[1].weights[:] = 40.0
    net.layers[1].biases[:] = 0.0
    x, y = np.array([1.0]), np.array([target])
    whole = batched.gradients(net, x[None, :], y[None, :])
    stepper = Stepper(compile_network(net, x, y, granularity))
    stepper.run_to_end()  # no exception, no NaN
    graph = stepper.graph
    assert float(graph.by_name("L").value) == pytest.approx(whole.loss, rel=1e-12)
    assert float(graph.by_name("z₁").grad) == pytest.approx(float(whole.biases[0][0]), rel=1e-9, abs=1e-15)
    assert np.isfinite(float(graph.by_name("W₁[1,1]").value))
