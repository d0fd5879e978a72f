"""Large networks: many steps taken at once equal single steps bit for bit; what cannot fit is refused."""

import json
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from engine.compile import OPERATION_MAX_PARAMETERS, compile_network
from engine.derivation import MAX_DERIVATION_STEPS, derivation_of
from engine.document import Data, Document
from engine.errors import StudioError
from engine.lesson import NetworkLesson
from engine.network import make_network
from engine.stepper import Step, Stepper

ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]


def _state(graph):
    """Every value and gradient, with its exact type and bits."""
    out = []
    for node in graph.nodes:
        for x in (node.value, node.grad):
            out.append(None if x is None else (type(x), np.asarray(x).shape, np.asarray(x).tobytes()))
    return out


def _one_at_a_time(stepper, position):
    while stepper.position < position:
        stepper.step_forward()
    while stepper.position > position:
        stepper.step_back()


def _case(seed, decay, scale):
    rng = np.random.default_rng(seed)
    sizes = [int(rng.integers(1, 6)) for _ in range(int(rng.integers(3, 5)))]
    hidden = [str(rng.choice(ACTIVATIONS)) for _ in sizes[2:]]
    net = make_network(sizes, [*hidden, "linear"], weight_decay=decay, seed=seed)
    for layer in net.layers[1:]:
        layer.weights = rng.normal(size=layer.weights.shape) * scale
        layer.biases = rng.normal(size=layer.size) * scale
        layer.weights.flat[0] = 0.0  # a zero weight and a zero input keep 0·∞ and −0 in play
    x = rng.normal(size=sizes[0]) * scale
    x[0] = 0.0
    return net, x, rng.normal(size=sizes[-1])


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), decay=st.sampled_from([0.0, 0.1]), scale=st.sampled_from([1.0, 1e160]),
       granularity=st.sampled_from(["neuron", "operation"]), cut=st.floats(0, 1), back=st.floats(0, 1))
def test_jumping_equals_stepping_one_at_a_time(seed, decay, scale, granularity, cut, back):
    """goto computes runs of parameter steps as arrays: the same bits as single steps, ∞ and NaN included
    (1e160² overflows, and a zero weight or input meets it)."""
    net, x, y = _case(seed, decay, scale)
    jumped = Stepper(compile_network(net, x, y, granularity), learning_rate=0.3)
    stepped = Stepper(compile_network(net, x, y, granularity), learning_rate=0.3)
    for target in (int(cut * len(jumped)), len(jumped), int(back * len(jumped))):
        try:
            _one_at_a_time(stepped, target)
        except ArithmeticError:  # a single step that overflows is another matter (ops.py)
            assume(False)
        jumped.goto(target)
        assert jumped.position == stepped.position == target
        assert _state(jumped.graph) == _state(stepped.graph)
        if target:
            assert jumped.explain().text == stepped.explain().text


def test_the_schedule_is_a_sequence_of_steps_in_pass_order():
    graph = compile_network(make_network([2, 3, 1], "sigmoid", seed=0), [1.0, 2.0], [0.5])
    schedule = Stepper(graph).schedule
    expected = ([("forward", n) for n in graph.forward_order] + [("backward", n) for n in graph.backward_order]
                + [("update", n) for n in graph.params])
    assert len(schedule) == len(expected)
    assert [(s.index, s.phase, s.node) for s in schedule] == [(k, p, n) for k, (p, n) in enumerate(expected)]
    assert schedule[-1] == Step(len(expected) - 1, *expected[-1])
    assert schedule[2:4] == [Step(2, *expected[2]), Step(3, *expected[3])]
    with pytest.raises(IndexError):
        schedule[len(expected)]


def _lesson(sizes, granularity="neuron"):
    net = make_network(sizes, "sigmoid", seed=0)
    data = Data(np.full((1, sizes[0]), 0.5), np.full((1, sizes[-1]), 0.25))
    return NetworkLesson(Document(network=net, data=data), granularity)


# 101-99-1: 101·99 + 99 + 99 + 1 = 10,198 parameters, just over the operation limit
OVER = [101, 99, 1]


def test_operation_steps_beyond_the_limit_are_refused_and_nothing_changes():
    lesson = _lesson(OVER)
    assert lesson.network.parameter_count() > OPERATION_MAX_PARAMETERS
    lesson.stepper.goto(300)
    graph = lesson.graph
    with pytest.raises(StudioError, match=rf"up to {OPERATION_MAX_PARAMETERS} parameters; this network has 10198"):
        lesson.set_granularity("operation")
    assert lesson.granularity == "neuron"
    assert lesson.graph is graph
    assert lesson.stepper.position == 300


def test_operation_steps_up_to_the_limit_work():
    lesson = _lesson([100, 98, 1])  # 100·98 + 98 + 98 + 1 = 9,997 parameters
    lesson.stepper.goto(lesson.stepper.phase_bounds("forward")[1])
    lesson.set_granularity("operation")
    assert lesson.granularity == "operation"
    assert lesson.stepper.position == lesson.stepper.phase_bounds("forward")[1]
    assert lesson.stepper.current.node.name == "L"


def test_an_edit_that_outgrows_operation_steps_falls_back_to_neuron_steps():
    lesson = _lesson([100, 98, 1], "operation")
    bigger = lesson.network.copy()
    bigger.layers[1].weights = np.vstack([bigger.layers[1].weights, np.zeros((3, 98))])  # 3 more inputs
    bigger.layers[0].size = 103
    lesson.network.assign(bigger)
    assert lesson.granularity == "neuron"
    assert "Use neuron steps" in str(lesson.notice)
    assert len(lesson.stepper) == len(Stepper(compile_network(bigger, np.zeros(103), [0.0])))


def test_a_derivation_longer_than_the_limit_is_refused_before_any_work():
    lesson = _lesson([100, 50, 1])  # 5,101 parameters: over 10,000 steps
    assert len(lesson.stepper) > MAX_DERIVATION_STEPS
    with pytest.raises(StudioError, match=rf"handouts are written up to {MAX_DERIVATION_STEPS} steps"):
        derivation_of(lesson)
    assert lesson.stepper.position == 0


def _write(tmp_path, sizes):
    net = make_network(sizes, "sigmoid", seed=0)
    doc = Document(network=net, data=Data(np.full((1, sizes[0]), 0.5), np.full((1, sizes[-1]), 0.25)))
    path = tmp_path / "big.json"
    path.write_text(doc.to_json(), encoding="utf-8")
    return path


def test_cli_operation_steps_beyond_the_limit_exit_2_with_the_reason(repo_root, tmp_path):
    path = _write(tmp_path, OVER)
    result = subprocess.run([sys.executable, "-m", "engine", "steps", str(path), "--granularity", "operation"],
                            cwd=repo_root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"error: Operation steps are available up to {OPERATION_MAX_PARAMETERS} parameters; "
        "this network has 10198. Use neuron steps."]


def test_cli_steps_of_a_huge_derivation_exit_2_with_the_reason(repo_root, tmp_path):
    path = _write(tmp_path, [100, 50, 1])
    result = subprocess.run([sys.executable, "-m", "engine", "steps", str(path), "--format", "json"],
                            cwd=repo_root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "handouts are written up to" in result.stderr
    small = subprocess.run([sys.executable, "-m", "engine", "steps", str(_write(tmp_path, [3, 2, 1])),
                            "--format", "json"], cwd=repo_root, capture_output=True, text=True, timeout=120)
    assert small.returncode == 0
    assert len(json.loads(small.stdout)) == len(_lesson([3, 2, 1]).stepper)


def test_switching_granularity_after_the_symbols_were_shown_keeps_the_place():
    lesson = _lesson([2, 2, 1])
    lesson.stepper.goto(1)
    assert lesson.stepper.current.node.name == "z₁[1]"  # the symbol is built now
    lesson.set_granularity("operation")
    assert lesson.stepper.current.node.name == "z₁[1]"
