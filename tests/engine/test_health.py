"""Gradient health: the training history's ‖∂J/∂Wₗ‖ and the dead-ReLU count, derived independently."""

from __future__ import annotations

import numpy as np
import pytest

from engine import batched
from engine.config import TrainingConfig
from engine.document import Data
from engine.health import dead_relus, delta_norms, gradient_norm_header
from engine.network import Network, make_network
from engine.training import train

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def _expected_norms(network: Network, iterations: int, lr: float) -> list[list[float]]:
    """‖∂J/∂Wₗ‖ of each full-batch SGD step, by plain numpy gradient descent on batched gradients."""
    net = network.copy()
    norms = []
    for _ in range(iterations):
        grads = batched.gradients(net, X, Y)
        norms.append([float(np.sqrt(np.sum(g ** 2))) for g in grads.weights])
        weights = [net.weights(k) - lr * grads.weights[k - 1] for k in range(1, net.depth + 1)]
        biases = [net.biases(k) - lr * grads.biases[k - 1] for k in range(1, net.depth + 1)]
        net.set_parameters(weights, biases)
    return norms


@pytest.mark.parametrize("decay", [0.0, 0.1])
def test_history_holds_each_layers_gradient_norm_of_the_step(decay):
    network = make_network([2, 3, 3, 1], ["sigmoid", "tanh", "sigmoid"], weight_decay=decay, seed=4)
    expected = _expected_norms(network, 6, 0.5)
    result = train(network.copy(), Data(X, Y), TrainingConfig(learning_rate=0.5, iterations=6, eval_every=1))
    rows = result.history
    assert [row["iteration"] for row in rows] == list(range(7))
    # no step before iteration 0: its row holds the whole set's gradient at the starting parameters, which
    # the first (full-batch) step then computes too
    np.testing.assert_allclose(rows[0]["gradient_norms"], expected[0], rtol=1e-10)
    for row, want in zip(rows[1:], expected, strict=True):
        np.testing.assert_allclose(row["gradient_norms"], want, rtol=1e-10)


def test_deep_sigmoid_gradients_shrink_towards_the_input():
    network = make_network([2, *[6] * 7, 1], "sigmoid", seed=0)
    rows = train(network, Data(X, Y), TrainingConfig(learning_rate=0.5, iterations=3, eval_every=1)).history
    norms = rows[-1]["gradient_norms"]
    assert len(norms) == 8
    assert norms[0] < norms[-1] / 100  # vanishing: the first layer's is orders of magnitude smaller


def test_gradient_column_names():
    assert [gradient_norm_header(k) for k in (1, 2, 12)] == ["‖∂J/∂W₁‖", "‖∂J/∂W₂‖", "‖∂J/∂W₁₂‖"]


def _dead_network() -> Network:
    """2-2-1 ReLU: hidden unit 2 has weights (−1, −1) and bias −0.5, so z = −x₁ − x₂ − 0.5 < 0 on X ≥ 0."""
    return Network.from_dict({"layers": [
        {"size": 2},
        {"size": 2, "activation": "relu", "weights": [[1.0, -1.0], [0.5, -1.0]], "biases": [0.1, -0.5]},
        {"size": 1, "activation": "sigmoid", "weights": [[1.0], [2.0]], "biases": [0.0]},
    ], "loss": "half_sse"})


def test_dead_relu_is_found_and_its_gradient_is_zero():
    network = _dead_network()
    assert dead_relus(network, X) == [(1, 1)]
    grads = batched.gradients(network, X, Y)
    np.testing.assert_array_equal(grads.weights[0][:, 1], 0.0)  # a column of zero gradients: it never learns
    assert grads.biases[0][1] == 0.0


def test_a_relu_alive_on_one_sample_is_not_dead_and_other_activations_never_are():
    network = _dead_network()
    # on x = (−1, −1) hidden unit 2 has z = 1.5 > 0 (alive) and unit 1 has z = −1.4 (dead there)
    assert dead_relus(network, np.array([[-1.0, -1.0]])) == [(1, 0)]
    assert dead_relus(network, np.vstack([X, [[-1.0, -1.0]]])) == []  # each alive on some sample
    assert dead_relus(network, np.empty((0, 2))) == []
    sigmoid = make_network([2, 2, 1], "sigmoid")
    assert dead_relus(sigmoid, X) == []
    out_relu = make_network([2, 1], "relu")  # the output layer is not hidden
    out_relu.layers[1].weights = np.array([[-1.0], [-1.0]])
    assert dead_relus(out_relu, X) == []


def test_delta_norms():
    assert delta_norms([[3.0, 4.0], [None, 1.0], []]) == [5.0, None, None]
