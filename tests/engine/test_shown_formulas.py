"""Every formula with numbers evaluates to its result at the digits it shows, saturated or not.

A displayed number is read back as a student would read it (tests/engine/shown_numbers.py), the
op's formula is evaluated from those numbers in float64, and the result must match the displayed
one: relatively for products, logs and functions; within the operands' shown digits for sums,
where cancellation is a fact of the numbers and not of the display.
"""

import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from engine.compile import compile_network
from engine.document import load
from engine.formula import fmt, num
from engine.stepper import Stepper
from engine.training import train
from tests.engine.saturated_cases import GRANULARITIES, PAIRINGS, case, explained, one_neuron, run
from tests.engine.shown_numbers import Shown, parse

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
    stepper = run(one_neuron(z), [1.0], [1.0], granularity)
    e = explained(stepper, "ℓ" if granularity == "operation" else "L", "forward")
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
    stepper = run(one_neuron(z), [1.0], [y], granularity)
    expected = -(1.0 + math.exp(-z)) if y == 1 else 1.0 + math.exp(z)
    yhat = stepper.graph.by_name("ŷ")
    assert float(yhat.grad) == pytest.approx(expected, rel=1e-12, abs=0)
    e = explained(stepper, "ŷ", "backward")
    assert parse(e.result.text).value == pytest.approx(expected, rel=5e-4, abs=0)
    assert "(1 − 1) / (1(1 − 1))" not in e.text


# --------------------------------------------------------------------- property: formulas evaluate

ADDITIVE = {"add", "sub", "weighted_sum", "sum_of", "mean_of"}


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
        return sum(v[i] * v[op.n + i] for i in range(op.n)) + (v[2 * op.n] if op.bias else 0.0)
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
    net, x, y = case(seed, pairing, scale, decay)
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
