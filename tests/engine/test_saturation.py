"""Numbers true at the edges: saturated units, huge logits, tiny slopes, typed extremes.

References are float64 closed forms (math.exp / log1p based), never the program's own output.
"""

import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from engine import batched
from engine.compile import compile_network, graph_gradients
from engine.config import TrainingConfig
from engine.document import Data, load
from engine.formula import fmt, num
from engine.network import make_network
from engine.stepper import Stepper
from engine.training import Trainer, train
from tests.engine.shown_numbers import Shown, parse

GRANULARITIES = ["neuron", "operation"]


def _sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def _one_neuron(z: float, loss: str = "bce", activation: str = "sigmoid"):
    net = make_network([1, 1], activation, loss=loss, seed=0)
    net.layers[1].weights[:] = z
    net.layers[1].biases[:] = 0.0
    return net


def _run(net, x, y, granularity):
    stepper = Stepper(compile_network(net, np.asarray(x, float), np.asarray(y, float), granularity))
    stepper.run_to_end()
    return stepper


def _explained(stepper, name, phase):
    for k in range(stepper.position):
        e = stepper.explain(k)
        if e.phase == phase and e.step.node.name == name:
            return e
    raise AssertionError(f"no {phase} step for {name}")


# --------------------------------------------------------------------- 1. the display rule


@settings(max_examples=60, deadline=None)
@given(gap=st.floats(1e-300, 0.0999), sign=st.sampled_from([1.0, -1.0]), above=st.booleans())
def test_numbers_near_plus_or_minus_one_show_their_distance_to_it(gap, sign, above):
    magnitude = 1.0 + gap if above else 1.0 - gap
    assume(magnitude != 1.0)
    value = sign * magnitude
    exact = 1.0 - magnitude  # exact in float64 (Sterbenz): the distance the display must carry
    text = fmt(value)
    shown = parse(text)
    assert text not in ("1", "−1")
    if abs(exact) < 1e-6:  # written 1 ∓ ε: ε carries 4 significant digits
        eps = float(text.rpartition(" ")[2].replace("−", "-"))
        assert eps == pytest.approx(abs(exact), rel=5e-4, abs=0)
    else:
        assert 1.0 - abs(shown.value) == pytest.approx(exact, rel=5e-4, abs=0)


def test_ordinary_numbers_keep_their_display():
    assert [fmt(v) for v in (0.5, 2.4, -0.25, 0.99, 1.0, 123.45678, 1e-5, 0.9995, 0.8765432)] == [
        "0.5", "2.4", "−0.25", "0.99", "1", "123.4568", "1.000e−05", "0.9995", "0.8765"]


@pytest.mark.parametrize("granularity", GRANULARITIES)
@pytest.mark.parametrize("z", [13.13, 30.0, 35.0, 40.0, 100.0])
def test_saturated_bce_loss_reads_true(granularity, z):
    """Was L = −(1·log(1) + (1 − 1)·log(1 − 1)) = 1.984×10⁻⁶: the formula must evaluate to its result."""
    stepper = _run(_one_neuron(z), [1.0], [1.0], granularity)
    e = _explained(stepper, "ℓ" if granularity == "operation" else "L", "forward")
    assert "log(1)" not in e.text
    assert "(1 − 1)·log(1 − 1)" not in e.text
    loss = math.log1p(math.exp(-z))  # −log σ(z)
    shown = float(parse(e.result.text).value)
    assert shown == pytest.approx(loss, rel=5e-4, abs=0)
    # the ŷ the formula shows is σ(z) to 4 significant digits of 1 − ŷ: −log ŷ gives the loss
    node = e.step.node
    yhat = node.op.shown_args([num(float(n.value)) for n in node.inputs])[0]
    assert yhat.text.strip("()") in e.substituted.text
    assert -parse(yhat.text).log == pytest.approx(loss, rel=1e-3, abs=0)


@pytest.mark.parametrize("granularity", GRANULARITIES)
@pytest.mark.parametrize(("z", "y"), [(30.0, 1.0), (35.0, 1.0), (37.0, 1.0), (40.0, 1.0), (300.0, 1.0),
                                      (-30.0, 0.0), (-40.0, 0.0), (30.0, 0.0), (-30.0, 1.0), (13.13, 1.0)])
def test_bce_derivative_comes_from_the_logit(granularity, z, y):
    """∂L/∂ŷ = −1/σ(z) for y = 1 and 1/(1 − σ(z)) = 1 + e^z for y = 0 (was −0.999 at 30, 0 at 37)."""
    stepper = _run(_one_neuron(z), [1.0], [y], granularity)
    expected = -(1.0 + math.exp(-z)) if y == 1 else 1.0 + math.exp(z)
    yhat = stepper.graph.by_name("ŷ")
    assert float(yhat.grad) == pytest.approx(expected, rel=1e-12, abs=0)
    e = _explained(stepper, "ŷ", "backward")
    assert parse(e.result.text).value == pytest.approx(expected, rel=5e-4, abs=0)
    assert "(1 − 1) / (1(1 − 1))" not in e.text


# --------------------------------------------------------------------- property: formulas evaluate

ADDITIVE = {"add", "sub", "weighted_sum", "sum_of", "mean_of"}
PAIRINGS = [(a, loss) for a in ("sigmoid", "tanh", "relu", "linear") for loss in ("half_sse", "mse")]
PAIRINGS += [("sigmoid", "bce"), ("softmax", "cross_entropy")]


def _case(seed, pairing, scale, decay):
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


def _bce_shown(yhat: Shown, y: float) -> float:
    total = 0.0
    if y != 0:
        total -= y * yhat.log
    if y != 1:
        total -= (1.0 - y) * yhat.log_one_minus
    return total


def _forward_from_shown(op, shown: list[Shown]) -> float:
    """The op's formula, evaluated from its displayed numbers."""
    k = len(shown) // 2
    if op.name in ("bce", "bce_term"):
        return sum(_bce_shown(shown[i], shown[k + i].value) for i in range(k)) / k
    if op.name in ("cross_entropy", "ce_term"):
        return -sum(shown[k + i].value * shown[i].log for i in range(k) if shown[k + i].value != 0)
    with np.errstate(all="ignore"):
        return float(op.forward([s.value for s in shown]))


def _local_from_shown(op, i: int, shown: list[Shown]) -> float:
    k = len(shown) // 2
    yhat, y = shown[i], shown[k + i].value
    with np.errstate(all="ignore"):
        if op.name in ("bce", "bce_term"):
            diff = yhat.value - y if yhat.value < 0.5 else (1.0 - y) - yhat.one_minus  # no cancellation
            return float(np.float64(diff) / np.float64(yhat.value * yhat.one_minus) / k)
        if op.name in ("cross_entropy", "ce_term"):
            return float(-y * np.exp(np.float64(-yhat.log))) if y != 0 else 0.0
    if op.name == "half_sse":
        return yhat.value - y
    if op.name == "mse":
        return 2.0 * (yhat.value - y) / k
    raise AssertionError(op.name)


def _shown_inputs(node) -> list[Shown]:
    pieces = [num(float(n.value)) for n in node.inputs]
    shown = node.op.shown_args(pieces) if hasattr(node.op, "shown_args") else pieces
    assert node.op.formula(shown, True).text == node.op.formula(pieces, True).text
    return [parse(p.text) for k, p in enumerate(shown) if not node.op.is_hidden(k)]


def _scale(op, shown: list[Shown]) -> float:
    v = [abs(s.value) for s in shown]
    if op.name == "weighted_sum":
        return sum(v[i] * v[op.n + i] for i in range(op.n)) + v[2 * op.n]
    return sum(v)


def _close(got: float, result: Shown, additive_scale: float, extra: float = 0.0) -> bool:
    want = result.value
    if math.isinf(want) or math.isinf(got):
        return got == want or (abs(got) > 1e307 and math.copysign(1, got) == math.copysign(1, want))
    # below 1e-200 both sides are float64 underflow residue (a displayed 0 × 10¹⁴⁷): no reader's number
    return abs(got - want) <= 2e-3 * additive_scale + 3e-3 * abs(want) + extra + 1e-200


def _no_false_one(text: str, value: float) -> None:
    if text.strip("()") in ("1", "−1"):
        assert abs(value) == 1.0, f"{value!r} shown as {text}"


def _check_step(stepper, before) -> None:
    e = stepper.explain()
    node, graph = e.step.node, stepper.graph
    result = parse(e.result.text)
    if not math.isfinite(result.value) and not math.isinf(result.value):
        return
    _no_false_one(e.result.text, float(e.value))
    if e.phase == "forward":
        shown = _shown_inputs(node)
        if not all(math.isfinite(s.value) or math.isinf(s.value) for s in shown):
            return
        xs = [n.value for n in node.inputs]
        for n, s in zip([n for k, n in enumerate(node.inputs) if not node.op.is_hidden(k)], shown, strict=True):
            if " " not in s.text:
                _no_false_one(s.text, float(n.value))
        extra = 0.0  # operands in e-notation carry 4 significant digits only; allow for what that moves
        for i, s in enumerate(shown):
            if abs(s.value) >= 1e6 and node.op.local(i, xs, node.value) is not None:
                extra += abs(float(node.op.local(i, xs, node.value))) * 5e-4 * abs(s.value)
        got = _forward_from_shown(node.op, shown)
        additive = _scale(node.op, shown) if node.op.name in ADDITIVE else 0.0
        assert _close(got, result, additive, extra), f"{e.text}: formula gives {got!r}"
    elif e.phase == "backward":
        if node is graph.output:
            return
        terms = []
        additive = 0.0
        for c in e.contributions:
            consumer, position, local = c["consumer"], c["position"], c["local"]
            if consumer is graph.output and consumer.op.name in ("bce", "cross_entropy", "half_sse", "mse"):
                shown = _shown_inputs(consumer)
                term = _local_from_shown(consumer.op, position, shown)
                if consumer.op.name in ("half_sse", "mse"):
                    additive += 2.0 * (abs(shown[position].value) + 1.0)
            elif consumer is graph.output:
                term = parse(num(float(local)).text).value
            else:
                g, ell = parse(num(float(consumer.grad)).text).value, parse(num(float(local)).text).value
                if (g == 0 and abs(ell) > 1e100) or (ell == 0 and abs(g) > 1e100):
                    return  # a local derivative that underflowed beside a huge ∂L/∂ŷ: δ comes from the logit
                term = g * ell
                additive += abs(term)
            terms.append(term)
        if not all(math.isfinite(t) for t in terms):
            return
        got = math.fsum(terms)
        assert _close(got, result, additive), f"{e.text}: numbers give {got!r}"
    else:
        old, eta, g = (parse(num(v, wrap_negative=False).text).value for v in (before, stepper.learning_rate,
                                                                              float(node.grad)))
        if not all(math.isfinite(t) for t in (old, eta, g)):
            return
        got = old - eta * g
        assert _close(got, result, abs(old) + abs(eta * g)), f"{e.text}: numbers give {got!r}"


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), pairing=st.sampled_from(PAIRINGS), granularity=st.sampled_from(GRANULARITIES),
       scale=st.sampled_from([0.5, 1.0, 8.0, 30.0, 300.0]), decay=st.sampled_from([0.0, 0.1]))
def test_every_formula_evaluates_to_its_result_at_the_digits_shown(seed, pairing, granularity, scale, decay):
    net, x, y = _case(seed, pairing, scale, decay)
    stepper = Stepper(compile_network(net, x, y, granularity), learning_rate=0.3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(len(stepper)):
            step = stepper.schedule[stepper.position]
            before = float(step.node.value) if step.phase == "update" else None
            stepper.step_forward()
            _check_step(stepper, before)


@pytest.mark.parametrize("name", ["circles", "moons", "d2l_weight_decay"])
def test_gallery_lessons_after_their_own_training_read_true(repo_root, name):
    """Trained, circles and moons saturate (ŷ within 2×10⁻⁶ of 1 on most samples); d2l's ŷ sits near its y."""
    doc = load(repo_root / "resources" / "examples" / f"{name}.json")
    train(doc.network, doc.data, doc.training)
    for granularity, samples in (("neuron", 40), ("operation", 8)):
        for k in range(min(samples, len(doc.data))):
            graph = compile_network(doc.network, doc.data.inputs[k], doc.data.targets[k], granularity)
            stepper = Stepper(graph, learning_rate=doc.training.learning_rate)
            for _ in range(len(stepper)):
                step = stepper.schedule[stepper.position]
                before = float(step.node.value) if step.phase == "update" else None
                stepper.step_forward()
                _check_step(stepper, before)


# --------------------------------------------------------------------- 3. finite where grads is finite


@pytest.mark.parametrize("granularity", GRANULARITIES)
@pytest.mark.parametrize(("z", "y"), [(-800.0, 1.0), (800.0, 0.0), (-1e5, 1.0), (800.0, 1.0), (-800.0, 0.0)])
def test_bce_beyond_the_float_range_of_sigma_stays_finite(granularity, z, y):
    stepper = _run(_one_neuron(z), [1.0], [y], granularity)
    graph = stepper.graph
    wrong = (y == 1) == (z < 0)
    loss = abs(z) if wrong else 0.0  # softplus(|z|) = |z| + log1p(e^−|z|) = |z| in float64 here
    delta = (-1.0 if y == 1 else 1.0) if wrong else 0.0  # σ(z) − y
    assert float(graph.by_name("L").value) == pytest.approx(loss, rel=1e-12, abs=0)
    assert float(graph.by_name("z₁").grad) == delta
    weights, biases = graph_gradients(graph, _one_neuron(z))
    assert float(weights[0][0, 0]) == delta
    assert float(biases[0][0]) == delta
    e = _explained(stepper, "ℓ" if granularity == "operation" else "L", "forward")
    assert parse(e.result.text).value == pytest.approx(loss, rel=5e-4, abs=0)
    assert "log(0)" not in e.text


@pytest.mark.parametrize("granularity", GRANULARITIES)
def test_cross_entropy_with_an_underflowing_probability_stays_finite(granularity):
    """A logit gap of 800: softmax gives p = 0 for the target class, yet L = 800 and δ = p − y exactly."""
    net = make_network([1, 2], "softmax", loss="cross_entropy", seed=0)
    net.layers[1].weights[:] = [[0.0, 800.0]]
    net.layers[1].biases[:] = 0.0
    stepper = _run(net, [1.0], [1.0, 0.0], granularity)
    graph = stepper.graph
    assert float(graph.by_name("L").value) == pytest.approx(800.0, rel=1e-12, abs=0)
    weights, biases = graph_gradients(graph, net)
    np.testing.assert_array_equal(biases[0], [-1.0, 1.0])  # p − y with p = (e^−800, 1)
    np.testing.assert_array_equal(weights[0], [[-1.0, 1.0]])
    whole = batched.gradients(net, np.array([[1.0]]), np.array([[1.0, 0.0]]))
    np.testing.assert_array_equal(whole.biases[0], [-1.0, 1.0])
    e = _explained(stepper, "ℓ[1]" if granularity == "operation" else "L", "forward")
    assert "log(0)" not in e.text
    assert parse(e.result.text).value == pytest.approx(800.0, rel=5e-4, abs=0)


def _abs_tolerances(net, x, y):
    """Per-entry tolerances for ∂J/∂W and ∂J/∂b: relative, plus what cancellation in δ sums can leave."""
    cache = batched.forward(net, x)
    last = len(net.layers) - 1
    z = cache.z[last]
    delta = batched.output_delta(net.loss, net.activation(last), z, cache.a[last], y)
    bound = np.abs(delta) + (np.abs(cache.a[last]) * np.abs(y).sum(axis=1, keepdims=True) + np.abs(y))
    tol_w, tol_b = [None] * last, [None] * last
    for layer in range(last, 0, -1):
        w = net.weights(layer)
        tol_w[layer - 1] = 1e-12 * (np.abs(cache.a[layer - 1]).T @ bound + net.weight_decay * np.abs(w))
        tol_b[layer - 1] = 1e-12 * bound.sum(axis=0)
        if layer > 1:
            slope = np.abs(batched.activation_vjp(net.activation(layer - 1), cache.z[layer - 1],
                                                  cache.a[layer - 1], np.ones_like(cache.z[layer - 1])))
            bound = slope * (bound @ np.abs(w).T)
    return tol_w, tol_b


def _allowed_infinite(node, net, y) -> bool:
    """∂L/∂ŷ may be ±∞ only where its exact value lies beyond float64 (the δ after it stays finite)."""
    if node.meta.get("role") != "activation" or node.meta.get("layer") != len(net.layers) - 1:
        return False
    m = node.meta["neuron"]
    zs = np.array([float(n.value) for n in node.inputs], dtype=np.float64)
    if net.loss == "bce":
        z = zs[0]
        return (y[m] != 0 and -z > 709.0) or (y[m] != 1 and z > 709.0)
    if net.loss == "cross_entropy":
        log_p = zs[m] - (zs.max() + math.log(np.exp(zs - zs.max()).sum()))
        return y[m] != 0 and -log_p > 709.0
    return False


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), pairing=st.sampled_from(PAIRINGS), decay=st.sampled_from([0.0, 0.1]),
       scale=st.sampled_from([1.0, 20.0, 300.0, 1e4, 1e6, 1e100]))
def test_every_step_is_finite_and_equal_to_grads_wherever_grads_is_finite(seed, pairing, decay, scale):
    net, x, y = _case(seed, pairing, scale, decay)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no NumPy warnings either
        whole = batched.gradients(net, x[None, :], y[None, :])
    finite = [whole.loss, whole.objective, *(float(np.max(np.abs(g))) for g in whole.weights + whole.biases)]
    assume(all(math.isfinite(v) for v in finite))
    tol_w, tol_b = _abs_tolerances(net, x[None, :], y[None, :])
    for granularity in GRANULARITIES:
        stepper = Stepper(compile_network(net, x, y, granularity))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            stepper.goto(stepper.phase_bounds("backward")[1])
        graph = stepper.graph
        for node in graph.nodes:
            assert node.value is None or np.all(np.isfinite(node.value)), node
            if node.grad is not None and not np.all(np.isfinite(node.grad)):
                assert _allowed_infinite(node, net, y), f"{node} has gradient {node.grad} where grads is finite"
        assert float(graph.output.value) == pytest.approx(whole.objective, rel=1e-12, abs=1e-300)
        weights, biases = graph_gradients(graph, net)
        for mine, ref, tol in zip(weights + biases, whole.weights + whole.biases, tol_w + tol_b, strict=True):
            assert np.all(np.abs(mine - ref) <= 1e-9 * np.abs(ref) + tol + 1e-300), (granularity, mine, ref)


# --------------------------------------------------------------------- 4. tiny gradients


@pytest.mark.parametrize(("activation", "z", "slope"), [
    ("sigmoid", 43.0, _sigma(43.0) * _sigma(-43.0)),
    ("sigmoid", 300.0, _sigma(300.0) * _sigma(-300.0)),
    ("tanh", 25.0, 4.0 * math.exp(-50.0) / (1.0 + math.exp(-50.0)) ** 2),
    ("tanh", -200.0, 4.0 * math.exp(-400.0) / (1.0 + math.exp(-400.0)) ** 2),
])
def test_tiny_gradients_of_saturated_units_agree_relatively(activation, z, slope):
    """Hidden unit at z: ∂J/∂w₁ = (ŷ − y)·w₂·f′(z)·x, tiny but not 0 (grads printed 0.0)."""
    net = make_network([1, 1, 1], [activation, "linear"], loss="half_sse", seed=0)
    net.layers[1].weights[:] = z
    net.layers[1].biases[:] = 0.0
    net.layers[2].weights[:] = 1.0
    net.layers[2].biases[:] = 0.0
    a = math.tanh(z) if activation == "tanh" else _sigma(z)
    expected = a * slope  # (ŷ − 0)·1·f′(z)·1
    whole = batched.gradients(net, np.array([[1.0]]), np.array([[0.0]]))
    assert expected != 0.0
    assert float(whole.weights[0][0, 0]) == pytest.approx(expected, rel=1e-12, abs=0)
    for granularity in GRANULARITIES:
        weights, _ = graph_gradients(_run(net, [1.0], [0.0], granularity).graph, net)
        assert float(weights[0][0, 0]) == pytest.approx(expected, rel=1e-12, abs=0)
    if activation == "sigmoid":  # the training kernels too (lr = 1: the gradient buffer holds the gradient)
        trainer = Trainer(net, Data(np.array([[1.0]]), np.array([[0.0]])), TrainingConfig(learning_rate=1.0))
        trainer.step()
        assert float(trainer.grad_views[1][0, 0]) == pytest.approx(expected, rel=1e-12, abs=0)


def test_confident_correct_classifiers_keep_their_tiny_deltas():
    """δ = ŷ − y for ŷ ≈ y = 1: −σ(−z) for bce and −(1 − p) for cross-entropy, not 0."""
    net = _one_neuron(40.0)
    whole = batched.gradients(net, np.array([[1.0]]), np.array([[1.0]]))
    assert float(whole.biases[0][0]) == pytest.approx(-_sigma(-40.0), rel=1e-12, abs=0)
    ce = make_network([1, 2], "softmax", loss="cross_entropy", seed=0)
    ce.layers[1].weights[:] = [[50.0, 0.0]]
    ce.layers[1].biases[:] = 0.0
    whole = batched.gradients(ce, np.array([[1.0]]), np.array([[1.0, 0.0]]))
    p_other = math.exp(-50.0) / (1.0 + math.exp(-50.0))
    np.testing.assert_allclose(whole.biases[0], [-p_other, p_other], rtol=1e-12)
    for granularity in GRANULARITIES:
        _, biases = graph_gradients(_run(ce, [1.0], [1.0, 0.0], granularity).graph, ce)
        np.testing.assert_allclose(biases[0], [-p_other, p_other], rtol=1e-12)


# --------------------------------------------------------------------- 5. typed extremes


@pytest.mark.parametrize("granularity", GRANULARITIES)
@pytest.mark.parametrize(("acts", "loss"), [(["sigmoid", "linear"], "half_sse"), (["tanh", "sigmoid"], "mse"),
                                            (["relu", "sigmoid"], "bce"), (["linear", "softmax"], "cross_entropy")])
def test_a_weight_of_1e308_never_raises_and_shows_infinity(granularity, acts, loss):
    net = make_network([2, 2, 2], acts, loss=loss, weight_decay=0.1, seed=0)
    net.layers[1].weights = np.array([[1e308, -1e308], [1e308, 2.0]])
    net.layers[2].weights = np.array([[-1e308, 1e308], [3.0, 1e308]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # neither OverflowError nor a NumPy RuntimeWarning
        stepper = Stepper(compile_network(net, [1.0, 2.0], [1.0, 0.0], granularity))
        texts = []
        for _ in range(len(stepper)):
            stepper.step_forward()
            texts.append(stepper.explain().text)
        batched.gradients(net, np.array([[1.0, 2.0]]), np.array([[1.0, 0.0]]))
    assert any("∞" in t for t in texts)
    s = stepper.graph.by_name("s")  # λ/2·Σw² overflows: shown as ∞
    assert math.isinf(float(s.value))
    assert "∞" in _explained(stepper, "s", "forward").result.text


# --------------------------------------------------------------------- 6. one cross-entropy δ everywhere


def test_numpy_export_uses_the_cross_entropy_delta_of_grads_for_soft_targets(tmp_path):
    import json
    import subprocess
    import sys

    from engine.document import Document
    from engine.export import export_script

    net = make_network([2, 3], "softmax", loss="cross_entropy", seed=4)
    x = np.array([[0.3, -1.2], [1.5, 0.4]])
    y = np.array([[0.2, 0.3000002, 0.5], [0.0, 1.0000002, 0.0]])  # sums 1.0000002, as validation accepts
    doc = Document(network=net, data=Data(x, y))
    doc.data.check_against(net)  # accepted: the rows sum to 1 within np.allclose
    script = tmp_path / "net.py"
    script.write_text(export_script(doc, "numpy"), encoding="utf-8")
    out = json.loads(subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True,
                                    timeout=120).stdout)
    # the reference: ∂L/∂z = (p·Σy − y)/N from a log-sum-exp softmax, by hand
    z = x @ net.weights(1) + net.biases(1)
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    delta = (p * y.sum(axis=1, keepdims=True) - y) / 2
    whole = batched.gradients(net, x, y)
    for grads in (out["gradients"][0], {"weights": whole.weights[0], "biases": whole.biases[0]}):
        np.testing.assert_allclose(grads["biases"], delta.sum(axis=0), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(grads["weights"], x.T @ delta, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("granularity", GRANULARITIES)
def test_a_difference_beyond_float64_is_shown_as_infinity(granularity):
    """ŷ − y = 1e308 − (−1e308) overflows: e and the loss show ∞, nothing raises."""
    net = make_network([1, 1], "linear", loss="half_sse", seed=0)
    net.layers[1].weights[:] = 1e308
    net.layers[1].biases[:] = 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        stepper = _run(net, [1.0], [-1e308], granularity)
        texts = [stepper.explain(k).text for k in range(stepper.position)]
    assert texts[-1]
    assert "∞" in _explained(stepper, "L", "forward").result.text
