"""The central-difference gradient check: it passes on right graphs and fails on a wrong derivative."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import batched, ops
from engine.compile import compile_network
from engine.document import load
from engine.errors import StudioError
from engine.expressions import compile_expression
from engine.formula import sym
from engine.gradcheck import (
    GradcheckReport,
    LeafCheck,
    gradcheck,
    network_gradcheck,
    relative_error,
)
from engine.graph import Graph
from engine.network import Network, make_network

from . import lecture_reference

LECTURE = lecture_reference.NETWORK


def lecture_network(decay: float = 0.0) -> Network:
    return Network.from_dict({**LECTURE, "weight_decay": decay})


class BrokenMul(ops.Mul):
    """Multiplication whose local derivative is 1% too large: the kind of slip a gradcheck exists for."""

    def local(self, i, xs, out):
        return 1.01 * super().local(i, xs, out)


# ---------------------------------------------------------------------- networks
@pytest.mark.parametrize("granularity", ["neuron", "operation"])
@pytest.mark.parametrize("decay", [0.0, 0.1])
def test_lecture_graph_passes(granularity, decay):
    graph = compile_network(lecture_network(decay), [1.0, 2.0], [0.5], granularity)
    report = gradcheck(graph)
    assert report.passed
    assert report.max_error < 1e-7
    assert list(report.by_group()) == ["W₁", "b₁", "W₂", "b₂"]
    assert len(report.checks) == 9
    names = {c.name for c in report.checks}
    assert {"W₁[1,1]", "W₁[2,2]", "b₁[2]", "W₂[2,1]", "b₂"} <= names


def test_lecture_gradients_match_the_hand_derivation():
    """The analytic side of the report is the lecture's true ∂L/∂W, and the numeric side agrees."""
    ref = lecture_reference
    doc = load(ref.PATH)
    report = network_gradcheck(doc.network, doc.data)
    checks = {c.name: c for c in report.checks}
    expected = {"W₁[1,1]": ref.dW1[0][0], "W₁[2,1]": ref.dW1[1][0], "b₁[1]": ref.db1[0],
                "W₁[1,2]": ref.dW1[0][1], "W₁[2,2]": ref.dW1[1][1], "b₁[2]": ref.db1[1],
                "W₂[1,1]": ref.dW2[0], "W₂[2,1]": ref.dW2[1], "b₂": ref.db2}
    assert checks.keys() == expected.keys()
    for name, value in expected.items():
        assert checks[name].analytic == pytest.approx(value, rel=1e-13), name
        assert checks[name].numeric == pytest.approx(value, rel=1e-6), name
    assert report.objective == pytest.approx(ref.L, rel=1e-15)
    assert report.passed
    assert (report.samples_used, report.samples_total) == (1, 1)
    assert report.notes == []


@pytest.mark.parametrize(("sizes", "activations", "loss"), [
    ([3, 4, 2], ["tanh", "sigmoid"], "mse"),
    ([2, 3, 3], ["leaky_relu", "softmax"], "cross_entropy"),
    ([2, 4, 1], ["relu", "sigmoid"], "bce"),
    ([3, 2, 2, 2], ["sigmoid", "tanh", "linear"], "half_sse"),
])
def test_network_gradcheck_is_the_mean_over_samples(sizes, activations, loss):
    network = make_network(sizes, activations, loss, weight_decay=0.05, seed=3)
    rng = np.random.default_rng(7)
    inputs = rng.normal(size=(5, sizes[0]))
    if loss == "cross_entropy":
        targets = np.eye(sizes[-1])[rng.integers(0, sizes[-1], 5)]
    else:
        targets = rng.uniform(0.1, 0.9, size=(5, sizes[-1]))
    report = network_gradcheck(network, (inputs, targets))
    assert report.passed, report.summary()
    # the objective and the analytic gradients are those of the batched whole pass: mean L + s
    reference = batched.gradients(network, inputs, targets)
    assert report.objective == pytest.approx(reference.objective, rel=1e-12)
    analytic = {c.name: c.analytic for c in report.checks}
    for layer, (w, b) in enumerate(zip(reference.weights, reference.biases, strict=True), start=1):
        for (i, j), value in np.ndenumerate(w):
            assert analytic[sym("W", layer, [i + 1, j + 1]).text] == pytest.approx(value, rel=1e-10, abs=1e-15)
        for j, value in enumerate(b):
            name = sym("b", layer, [j + 1] if len(b) > 1 else None).text
            assert analytic[name] == pytest.approx(value, rel=1e-10, abs=1e-15)


def test_network_gradcheck_caps_samples_and_says_so():
    network = make_network([2, 3, 1], "tanh", "half_sse", seed=1)
    rng = np.random.default_rng(0)
    inputs, targets = rng.normal(size=(100, 2)), rng.normal(size=(100, 1))
    report = network_gradcheck(network, (inputs, targets))
    assert (report.samples_used, report.samples_total) == (64, 100)
    assert report.notes == ["checked on the first 64 of 100 samples"]
    assert "64 of 100 samples" in report.summary()
    reference = batched.gradients(network, inputs[:64], targets[:64])
    assert report.objective == pytest.approx(reference.objective, rel=1e-12)
    assert report.passed


def test_network_gradcheck_samples_large_groups_at_random_and_says_so():
    network = make_network([2, 3, 1], "tanh", "half_sse", seed=1)
    report = network_gradcheck(network, ([[0.1, 0.2]], [[0.3]]), max_per_group=2)
    assert report.notes == ["checked 2 of 6 weights in W₁, chosen at random",
                            "checked 2 of 3 biases in b₁, chosen at random",
                            "checked 2 of 3 weights in W₂, chosen at random"]
    graph_checks = [c for c in report.checks if c.path == "graph"]
    assert len(graph_checks) == 2 + 2 + 2 + 1
    assert report.passed
    again = network_gradcheck(network, ([[0.1, 0.2]], [[0.3]]), max_per_group=2)
    assert [c.name for c in again.checks] == [c.name for c in report.checks]  # seeded: the same sample each time
    assert "checked 2 of 6 weights in W₁, chosen at random" in report.summary()


def test_network_gradcheck_without_data_is_a_user_error():
    with pytest.raises(StudioError, match="data"):
        network_gradcheck(lecture_network(), None)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), decay=st.sampled_from([0.0, 0.01, 0.3]),
       activation=st.sampled_from(["sigmoid", "tanh", "linear"]))
def test_random_smooth_networks_pass(seed, decay, activation):
    network = make_network([2, 3, 2], [activation, "sigmoid"], "half_sse", weight_decay=decay, seed=seed)
    rng = np.random.default_rng(seed)
    report = network_gradcheck(network, (rng.normal(size=(3, 2)), rng.uniform(size=(3, 2))))
    assert report.passed, report.summary()


# ---------------------------------------------------------------------- expressions
def test_expression_graph_passes_and_groups_by_variable():
    graph = compile_expression("f = sigmoid(w0*x0 + w1*x1 + w2)",
                               {"w0": 2.0, "x0": -1.0, "w1": -3.0, "x1": -2.0, "w2": -3.0})
    report = gradcheck(graph)
    assert report.passed
    assert list(report.by_group()) == ["w0", "x0", "w1", "x1", "w2"]
    checks = {c.name: c for c in report.checks}
    assert checks["x0"].analytic == pytest.approx(0.39322386648, rel=1e-10)
    assert checks["x0"].numeric == pytest.approx(0.39322386648, rel=1e-8)


finite = st.floats(min_value=-2.0, max_value=2.0, allow_nan=False, allow_infinity=False)


@settings(max_examples=50, deadline=None)
@given(x=finite, y=finite, z=finite)
def test_random_expression_values_pass(x, y, z):
    source = ("a = x * y + exp(z / 2)\n"
              "b = sqrt(a * a + 1) - cos(x) * tanh(y)\n"
              "f = log(b + 3) * sigmoid(z) + sin(a) ** 2\n"
              "f += a / (1 + b * b)")
    report = gradcheck(compile_expression(source, {"x": x, "y": y, "z": z}))
    assert report.passed, report.summary()


def test_reassigned_variables_and_variable_exponents_pass():
    graph = compile_expression("x = x * y\nx += 2 ** y\nf = x ** z", {"x": 1.3, "y": 0.7, "z": 1.9})
    report = gradcheck(graph)
    assert report.passed
    assert set(report.by_group()) == {"x", "y", "z"}


# ---------------------------------------------------------------------- failing on purpose
def test_a_wrong_derivative_is_detected():
    graph = compile_expression("q = x + y\nf = q * z", {"x": -2.0, "y": 5.0, "z": -4.0})
    f = graph.by_name("f")
    f.op = BrokenMul()
    report = gradcheck(graph)
    assert not report.passed
    groups = report.by_group()
    # every input sits under the broken multiply; the error is |1.01a − a| / (2.01|a|) ≈ 0.005
    for name in ("x", "y", "z"):
        assert groups[name] == pytest.approx(0.01 / 2.01, rel=1e-6)
    assert "FAILED" in report.summary()
    assert report.worst.name in {"x", "y", "z"}


def test_a_wrong_derivative_deep_in_a_network_is_pinned_to_its_group():
    graph = compile_network(lecture_network(), [1.0, 2.0], [0.5], "operation")
    broken = [n for n in graph.nodes if n.op is not None and n.meta.get("layer") == 1 and n.op.name == "mul"]
    assert broken, "operation granularity has one product node per weight"
    for node in broken:
        node.op = BrokenMul()
    report = gradcheck(graph)
    groups = report.by_group()
    assert not report.passed
    assert groups["W₁"] > 1e-3  # the products X·W₁ pass a 1% wrong derivative to W₁
    assert groups["b₁"] < 1e-7
    assert groups["W₂"] < 1e-7
    assert groups["b₂"] < 1e-7


def test_gradcheck_restores_the_graph_exactly():
    graph = compile_expression("f = x * y + sin(x)", {"x": 0.3, "y": -0.7})
    x, y = graph.by_name("x"), graph.by_name("y")
    x_before, y_before = x.value, y.value
    gradcheck(graph)
    assert x.value is x_before
    assert y.value is y_before
    assert float(x.value) == 0.3
    assert float(y.value) == -0.7
    # left after one full pass at the original values
    assert float(graph.output.value) == 0.3 * -0.7 + math.sin(0.3)
    assert float(x.grad) == -0.7 + math.cos(0.3)


# ---------------------------------------------------------------------- any graph, and the measure
def test_array_valued_leaves_are_checked_element_by_element():
    graph = Graph()
    w = graph.leaf("param", sym("W"), np.array([[0.5, -0.2], [0.3, 0.8]]))
    x = graph.leaf("input", sym("x"), np.array([1.0, -2.0]), differentiable=True)
    z = graph.apply(ops.MatMul(), [x, w], sym("z"))
    a = graph.apply(ops.Tanh(), [z], sym("a"))
    out = graph.apply(ops.Sum(), [a], sym("J"))
    graph.finish(out)
    report = gradcheck(graph)
    assert report.passed
    assert [c.name for c in report.checks] == ["W[1,1]", "W[1,2]", "W[2,1]", "W[2,2]", "x[1]", "x[2]"]
    assert list(report.by_group()) == ["W", "x"]


def test_relative_error_measure():
    assert relative_error(1.0, 1.0, 1e-3) == 0.0
    assert relative_error(1.0, 1.01, 1e-3) == pytest.approx(0.01 / 2.01)
    # tiny gradients are compared against the floor, so rounding noise does not fail them
    assert relative_error(1e-12, 3e-11, 1e-3) == pytest.approx(2.9e-8)
    assert relative_error(0.0, 0.0, 1e-3) == 0.0
    assert relative_error(float("nan"), 1.0, 1e-3) == math.inf
    assert relative_error(1.0, float("inf"), 1e-3) == math.inf


def test_report_helpers():
    report = GradcheckReport([LeafCheck("a", "A", 1.0, 1.0, 1e-9), LeafCheck("b", "A", 1.0, 1.0, 3e-7),
                              LeafCheck("c", "C", 2.0, 2.1, 0.02)], threshold=1e-6)
    assert report.by_group() == {"A": 3e-7, "C": 0.02}
    assert report.max_error == 0.02
    assert not report.passed
    assert report.worst.name == "c"
    data = report.to_dict()
    assert data["passed"] is False
    assert data["groups"] == {"A": 3e-7, "C": 0.02}
    assert GradcheckReport([]).passed


def test_unfinished_graph_is_refused():
    graph = Graph()
    graph.leaf("param", sym("w"), 1.0)
    with pytest.raises(ValueError, match="not finished"):
        gradcheck(graph)


# ---------------------------------------------------------------------- large values, every path, large networks
def test_a_parameter_of_1e10_is_checked_with_a_relative_step():
    # z = w·x + b = 1, J = ½(z − y)²: ∂J/∂w = (z − y)·x = 0.5e-10, ∂J/∂b = 0.5. x ± 1e-6 rounds back to x at 1e10.
    network = Network.from_dict({"layers": [{"size": 1},
                                            {"size": 1, "activation": "linear", "weights": [[1e10]], "biases": [0.0]}],
                                 "loss": "half_sse"})
    report = network_gradcheck(network, ([[1e-10]], [[0.5]]))
    assert report.passed, report.summary()
    checks = {(c.name, c.path): c for c in report.checks}
    assert checks["W₁[1,1]", "grads"].analytic == pytest.approx(0.5e-10, rel=1e-12)
    assert checks["W₁[1,1]", "grads"].numeric == pytest.approx(0.5e-10, rel=1e-6)
    assert checks["b₁", "graph"].numeric == pytest.approx(0.5, rel=1e-6)


def test_an_expression_at_1e10_is_checked_with_a_relative_step():
    report = gradcheck(compile_expression("f = x * y", {"x": 1e10, "y": 3.0}))
    assert report.passed, report.summary()
    checks = {c.name: c for c in report.checks}
    assert checks["x"].numeric == pytest.approx(3.0, rel=1e-9)
    assert checks["y"].numeric == pytest.approx(1e10, rel=1e-9)



@pytest.mark.parametrize(("source", "x"), [("f = 1 / x", 1e-5), ("f = log(x)", 2e-6), ("f = log(x)", 1e-7),
                                           ("f = sqrt(x)", 1e-7), ("f = x ** 0.5", 3e-5), ("f = sqrt(x * y)", 1e-8)])
def test_a_value_near_zero_is_checked_with_a_step_that_shrinks_with_it(source, x):
    report = gradcheck(compile_expression(source, {"x": x, "y": 2.0}))
    assert report.passed, report.summary()
    exact = {"f = 1 / x": -1 / x**2, "f = log(x)": 1 / x, "f = sqrt(x)": 0.5 / math.sqrt(x),
             "f = x ** 0.5": 0.5 / math.sqrt(x), "f = sqrt(x * y)": 0.5 * math.sqrt(2.0 / x)}[source]
    assert {c.name: c for c in report.checks}["x"].numeric == pytest.approx(exact, rel=1e-6)
    assert "near 0, h = ε·|x| was used for: x" in report.summary()  # the summary says which step was taken


def test_a_wrong_derivative_near_zero_still_fails():
    graph = compile_expression("f = x * y", {"x": 1e-5, "y": 3e-4})
    graph.by_name("f").op = BrokenMul()
    assert not gradcheck(graph).passed

def _wrong_sigmoid_vjp(real):
    def wrong(name, z, a, grad_a):
        out = real(name, z, a, grad_a)
        return 1.05 * out if name == "sigmoid" else out
    return wrong


def test_a_wrong_derivative_in_the_batched_pass_fails_the_check(monkeypatch):
    monkeypatch.setattr(batched, "activation_vjp", _wrong_sigmoid_vjp(batched.activation_vjp))
    report = network_gradcheck(lecture_network(), ([[1.0, 2.0]], [[0.5]]))
    assert not report.passed
    paths = report.by_path()
    assert max(paths["grads"].values()) > 1e-3  # what `grads` prints is 5% off in every layer below the output
    assert max(paths["graph"].values()) < 1e-7  # the step graph is still right
    assert max(paths["training"].values()) < 1e-7
    assert "grads (batched)" in report.summary()


def test_a_wrong_derivative_in_the_training_kernels_fails_the_check(monkeypatch):
    from engine import kernels

    real = kernels.BACKWARD["sigmoid"]

    def wrong(d, z, a, t, mask):
        real(d, z, a, t, mask)
        np.multiply(d, 1.05, d)

    monkeypatch.setitem(kernels.BACKWARD, "sigmoid", wrong)
    report = network_gradcheck(lecture_network(), ([[1.0, 2.0]], [[0.5]]))
    assert not report.passed
    paths = report.by_path()
    assert max(paths["training"].values()) > 1e-3
    assert max(paths["grads"].values()) < 1e-7
    assert report.worst.path == "training"


def test_a_large_network_is_checked_on_a_sample_within_bounded_memory():
    import tracemalloc

    network = make_network([400, 50, 2], ["tanh", "sigmoid"], "half_sse", seed=2)
    rng = np.random.default_rng(3)
    data = (rng.normal(size=(64, 400)), rng.uniform(size=(64, 2)))
    tracemalloc.start()
    try:
        report = network_gradcheck(network, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.passed, report.summary()
    assert "checked 300 of 20,000 weights in W₁, chosen at random" in report.notes
    assert any(note.startswith("the step graph was not checked") for note in report.notes)
    assert {c.path for c in report.checks} == {"grads", "training"}
    assert len(report.checks) == 2 * (300 + 50 + 100 + 2)
    assert peak < 100 * 2**20  # 64 step graphs of 20,000 parameter nodes each took gigabytes


def test_a_check_can_be_stopped():
    from engine.gradcheck import GradcheckStopped

    seen = []

    def progress(done, total):
        seen.append((done, total))
        return done >= 3

    with pytest.raises(GradcheckStopped):
        network_gradcheck(lecture_network(), ([[1.0, 2.0]], [[0.5]]), progress=progress)
    assert seen == [(0, 9), (1, 9), (2, 9), (3, 9)]
