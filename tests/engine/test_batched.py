"""The batched whole pass: hand-derived lecture values and central-difference gradchecks."""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from engine import batched
from engine.network import Network, make_network

from . import lecture_reference

LECTURE = lecture_reference.NETWORK


@pytest.mark.parametrize("decay", [0.0, 0.1])
def test_lecture_network_matches_hand_derivation(decay):
    network = Network.from_dict({**LECTURE, "weight_decay": decay})
    ref = lecture_reference
    objective, dw1, dw2 = ref.with_decay(decay)
    x, y = np.array([ref.X]), np.array([[ref.Y]])
    result = batched.gradients(network, x, y)
    assert result.loss == pytest.approx(ref.L, rel=1e-15)
    assert result.objective == pytest.approx(objective, rel=1e-15)
    assert result.outputs[0, 0] == pytest.approx(ref.yhat, rel=1e-15)
    np.testing.assert_allclose(result.weights[0], dw1, rtol=1e-14)  # shaped like W1: (in, out)
    np.testing.assert_allclose(result.biases[0], ref.db1, rtol=1e-14)
    np.testing.assert_allclose(result.weights[1], [[w] for w in dw2], rtol=1e-14)
    np.testing.assert_allclose(result.biases[1], [ref.db2], rtol=1e-14)
    assert batched.loss_value(network, x, y) == (result.loss, result.objective)


# ----------------------------------------------------------------- gradcheck

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]
# Every valid (output activation, loss) pairing.
OUTPUTS = [(act, loss) for loss in ("half_sse", "mse") for act in HIDDEN] + [("sigmoid", "bce"),
                                                                             ("softmax", "cross_entropy")]


def _targets(rng, loss, n, k):
    if loss == "bce":
        return rng.uniform(0.0, 1.0, (n, k))
    if loss == "cross_entropy":
        return rng.dirichlet(np.ones(k), n)
    return rng.normal(size=(n, k))


def _numeric_gradient(network, x, y, array):
    """Central differences of J with respect to each entry of ``array`` (a live parameter array)."""
    h = 1e-6
    grad = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        saved = array[index]
        array[index] = saved + h
        plus = batched.loss_value(network, x, y)[1]
        array[index] = saved - h
        minus = batched.loss_value(network, x, y)[1]
        array[index] = saved
        grad[index] = (plus - minus) / (2 * h)
    return grad


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    seed=st.integers(0, 2**32 - 1),
    hidden=st.lists(st.tuples(st.integers(1, 4), st.sampled_from(HIDDEN)), min_size=0, max_size=2),
    output=st.sampled_from(OUTPUTS),
    n_in=st.integers(1, 3),
    n_out=st.integers(1, 3),
    samples=st.integers(1, 4),
    decay=st.sampled_from([0.0, 0.3]),
)
def test_gradients_match_central_differences(seed, hidden, output, n_in, n_out, samples, decay):
    out_act, loss = output
    if loss == "cross_entropy":
        n_out = max(n_out, 2)
    sizes = [n_in] + [size for size, _ in hidden] + [n_out]
    network = make_network(sizes, [act for _, act in hidden] + [out_act], loss, weight_decay=decay, seed=seed % 1000)
    rng = np.random.default_rng(seed)
    for layer in network.layers[1:]:
        layer.biases = rng.normal(scale=0.5, size=layer.biases.shape)
    x = rng.normal(size=(samples, n_in))
    y = _targets(rng, loss, samples, n_out)
    cache = batched.forward(network, x)
    kinked = any(act in ("relu", "leaky_relu") for act in network_activations(network))
    assume(not kinked or min(np.abs(z).min() for z in cache.z[1:]) > 1e-4)
    result = batched.gradients(network, x, y)
    for layer in range(1, len(sizes)):
        for analytic, array in ((result.weights[layer - 1], network.layers[layer].weights),
                                (result.biases[layer - 1], network.layers[layer].biases)):
            numeric = _numeric_gradient(network, x, y, array)
            np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-8)


def network_activations(network):
    return [layer.activation for layer in network.layers[1:]]


# ----------------------------------------------------------------- losses and activations


def test_losses_follow_their_definitions():
    z = np.array([[0.3, -1.2, 2.0], [1.5, 0.1, -0.4]])
    y = np.array([[1.0, 0.0, 0.0], [0.0, 0.2, 0.8]])
    a = batched.sigmoid(z)
    assert batched.data_loss("half_sse", "sigmoid", z, a, y) == pytest.approx(0.5 * ((a - y) ** 2).sum() / 2)
    assert batched.data_loss("mse", "sigmoid", z, a, y) == pytest.approx(((a - y) ** 2).mean())
    bce = -(y * np.log(a) + (1 - y) * np.log(1 - a)).mean()
    assert batched.data_loss("bce", "sigmoid", z, a, y) == pytest.approx(bce, rel=1e-14)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    ce = -(y * np.log(p)).sum() / 2
    assert batched.data_loss("cross_entropy", "softmax", z, p, y) == pytest.approx(ce, rel=1e-14)


def test_extreme_pre_activations_stay_finite_without_warnings():
    z = np.array([[-1000.0], [1000.0]])
    y = np.array([[1.0], [0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = batched.sigmoid(z)
        loss = batched.data_loss("bce", "sigmoid", z, a, y)
        softmax_loss = batched.data_loss("cross_entropy", "softmax", np.array([[1000.0, -1000.0]]),
                                         batched.softmax(np.array([[1000.0, -1000.0]])), np.array([[0.0, 1.0]]))
    np.testing.assert_array_equal(a, [[0.0], [1.0]])
    assert loss == pytest.approx(1000.0)  # the true value: log(1 + e^1000) ≈ 1000 per sample
    assert softmax_loss == pytest.approx(2000.0)


def test_derivatives_at_zero_follow_the_conventions():
    z = np.zeros((1, 1))
    ones = np.ones((1, 1))
    assert batched.activation_vjp("relu", z, batched.activate("relu", z), ones)[0, 0] == 0.0
    assert batched.activation_vjp("leaky_relu", z, batched.activate("leaky_relu", z), ones)[0, 0] == 0.01
    assert batched.activate("leaky_relu", np.array([[-2.0]]))[0, 0] == -0.02
