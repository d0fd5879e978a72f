"""Numbers true at the edges: huge logits, tiny slopes, typed extremes, one δ in every path.

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
from engine.document import Data
from engine.network import make_network
from engine.stepper import Stepper
from engine.training import Trainer
from tests.engine.saturated_cases import GRANULARITIES, PAIRINGS, case, explained, one_neuron, run, sigma
from tests.engine.shown_numbers import parse

# --------------------------------------------------------------------- 3. finite where grads is finite


@pytest.mark.parametrize("granularity", GRANULARITIES)
@pytest.mark.parametrize(("z", "y"), [(-800.0, 1.0), (800.0, 0.0), (-1e5, 1.0), (800.0, 1.0), (-800.0, 0.0)])
def test_bce_beyond_the_float_range_of_sigma_stays_finite(granularity, z, y):
    stepper = run(one_neuron(z), [1.0], [y], granularity)
    graph = stepper.graph
    wrong = (y == 1) == (z < 0)
    loss = abs(z) if wrong else 0.0  # softplus(|z|) = |z| + log1p(e^−|z|) = |z| in float64 here
    delta = (-1.0 if y == 1 else 1.0) if wrong else 0.0  # σ(z) − y
    assert float(graph.by_name("L").value) == pytest.approx(loss, rel=1e-12, abs=0)
    assert float(graph.by_name("z₁").grad) == delta
    weights, biases = graph_gradients(graph, one_neuron(z))
    assert float(weights[0][0, 0]) == delta
    assert float(biases[0][0]) == delta
    e = explained(stepper, "ℓ" if granularity == "operation" else "L", "forward")
    assert parse(e.result.text).value == pytest.approx(loss, rel=5e-4, abs=0)
    assert "log(0)" not in e.text


@pytest.mark.parametrize("granularity", GRANULARITIES)
def test_cross_entropy_with_an_underflowing_probability_stays_finite(granularity):
    """A logit gap of 800: softmax gives p = 0 for the target class, yet L = 800 and δ = p − y exactly."""
    net = make_network([1, 2], "softmax", loss="cross_entropy", seed=0)
    net.layers[1].weights[:] = [[0.0, 800.0]]
    net.layers[1].biases[:] = 0.0
    stepper = run(net, [1.0], [1.0, 0.0], granularity)
    graph = stepper.graph
    assert float(graph.by_name("L").value) == pytest.approx(800.0, rel=1e-12, abs=0)
    weights, biases = graph_gradients(graph, net)
    np.testing.assert_array_equal(biases[0], [-1.0, 1.0])  # p − y with p = (e^−800, 1)
    np.testing.assert_array_equal(weights[0], [[-1.0, 1.0]])
    whole = batched.gradients(net, np.array([[1.0]]), np.array([[1.0, 0.0]]))
    np.testing.assert_array_equal(whole.biases[0], [-1.0, 1.0])
    e = explained(stepper, "ℓ[1]" if granularity == "operation" else "L", "forward")
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
    net, x, y = case(seed, pairing, scale, decay)
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
        assert float(graph.output.value) == pytest.approx(whole.objective, rel=1e-10, abs=1e-300)
        weights, biases = graph_gradients(graph, net)
        for mine, ref, tol in zip(weights + biases, whole.weights + whole.biases, tol_w + tol_b, strict=True):
            assert np.all(np.abs(mine - ref) <= 1e-9 * np.abs(ref) + tol + 1e-300), (granularity, mine, ref)


# --------------------------------------------------------------------- 4. tiny gradients


@pytest.mark.parametrize(("activation", "z", "slope"), [
    ("sigmoid", 43.0, sigma(43.0) * sigma(-43.0)),
    ("sigmoid", 300.0, sigma(300.0) * sigma(-300.0)),
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
    a = math.tanh(z) if activation == "tanh" else sigma(z)
    expected = a * slope  # (ŷ − 0)·1·f′(z)·1
    whole = batched.gradients(net, np.array([[1.0]]), np.array([[0.0]]))
    assert expected != 0.0
    assert float(whole.weights[0][0, 0]) == pytest.approx(expected, rel=1e-12, abs=0)
    for granularity in GRANULARITIES:
        weights, _ = graph_gradients(run(net, [1.0], [0.0], granularity).graph, net)
        assert float(weights[0][0, 0]) == pytest.approx(expected, rel=1e-12, abs=0)
    if activation == "sigmoid":  # the training kernels too (lr = 1: the gradient buffer holds the gradient)
        trainer = Trainer(net, Data(np.array([[1.0]]), np.array([[0.0]])), TrainingConfig(learning_rate=1.0))
        trainer.step()
        assert float(trainer.grad_views[1][0, 0]) == pytest.approx(expected, rel=1e-12, abs=0)


def test_confident_correct_classifiers_keep_their_tiny_deltas():
    """δ = ŷ − y for ŷ ≈ y = 1: −σ(−z) for bce and −(1 − p) for cross-entropy, not 0."""
    net = one_neuron(40.0)
    whole = batched.gradients(net, np.array([[1.0]]), np.array([[1.0]]))
    assert float(whole.biases[0][0]) == pytest.approx(-sigma(-40.0), rel=1e-12, abs=0)
    ce = make_network([1, 2], "softmax", loss="cross_entropy", seed=0)
    ce.layers[1].weights[:] = [[50.0, 0.0]]
    ce.layers[1].biases[:] = 0.0
    whole = batched.gradients(ce, np.array([[1.0]]), np.array([[1.0, 0.0]]))
    p_other = math.exp(-50.0) / (1.0 + math.exp(-50.0))
    np.testing.assert_allclose(whole.biases[0], [-p_other, p_other], rtol=1e-12)
    for granularity in GRANULARITIES:
        _, biases = graph_gradients(run(ce, [1.0], [1.0, 0.0], granularity).graph, ce)
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
    assert "∞" in explained(stepper, "s", "forward").result.text


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
        stepper = run(net, [1.0], [-1e308], granularity)
        texts = [stepper.explain(k).text for k in range(stepper.position)]
    assert texts[-1]
    assert "∞" in explained(stepper, "L", "forward").result.text
