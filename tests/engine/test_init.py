"""Weight initialisers: each draws what its formula says, from the seed, and zero weights stay symmetric."""

import json
import math

import numpy as np
import pytest

from engine.cli_train import main
from engine.config import TrainingConfig
from engine.datasets import generate
from engine.init import INITIALISERS, initialised, symmetric_layers
from engine.network import Network, make_network
from engine.training import train

FAN_IN, FAN_OUT, SEEDS = 60, 40, range(25)  # 25 seeds × 2400 weights = 60 000 draws per initialiser


def _draws(name: str, fan_in: int = FAN_IN, fan_out: int = FAN_OUT) -> np.ndarray:
    """Every weight of a (fan_in → fan_out) layer, drawn from each seed in turn."""
    net = make_network([fan_in, fan_out], ["linear"], seed=0)
    return np.concatenate([initialised(net, name, seed).weights(1).ravel() for seed in SEEDS])


# name → (mean, variance, fourth central moment μ₄) of one weight, from the formula
UNIFORM = {"small_uniform": 0.1, "xavier": math.sqrt(6.0 / (FAN_IN + FAN_OUT))}
NORMAL = {"he": math.sqrt(2.0 / FAN_IN), "too_large": 5.0}


def _moments(name: str) -> tuple[float, float, float]:
    if name in UNIFORM:  # U(−a, a): σ² = a²/3, μ₄ = a⁴/5
        a = UNIFORM[name]
        return 0.0, a * a / 3.0, a**4 / 5.0
    s = NORMAL[name]  # N(0, s²): μ₄ = 3s⁴
    return 0.0, s * s, 3.0 * s**4


@pytest.mark.parametrize("name", [*UNIFORM, *NORMAL])
def test_each_initialiser_draws_the_mean_and_variance_of_its_formula(name):
    w = _draws(name)
    n = w.size
    mean, var, mu4 = _moments(name)
    # Five standard errors: SE(mean) = σ/√n, SE(s²) ≈ √((μ₄ − σ⁴)/n).
    assert abs(w.mean() - mean) < 5 * math.sqrt(var / n)
    assert abs(w.var() - var) < 5 * math.sqrt((mu4 - var * var) / n)
    if name in UNIFORM:
        assert np.max(np.abs(w)) <= UNIFORM[name]


def test_the_variances_are_the_textbook_ones():
    """Xavier: 2/(n_in + n_out); He: 2/n_in; too large: 25 (so z is far past where sigmoid bends)."""
    assert _moments("xavier")[1] == pytest.approx(2.0 / (FAN_IN + FAN_OUT))
    assert _moments("he")[1] == pytest.approx(2.0 / FAN_IN)
    assert _moments("too_large")[1] == 25.0


def test_zero_is_zero_and_every_initialiser_starts_biases_at_zero():
    net = make_network([3, 4, 2], ["tanh", "sigmoid"], seed=0)
    net.layers[1].biases[:] = 0.7
    for name in INITIALISERS:
        out = initialised(net, name, seed=1)
        assert all(not out.biases(k).any() for k in (1, 2)), name
        assert [out.weights(k).shape for k in (1, 2)] == [(3, 4), (4, 2)]
    assert all(not initialised(net, "zero", 5).weights(k).any() for k in (1, 2))
    assert net.layers[1].biases[0] == 0.7  # the network given is left as it was


@pytest.mark.parametrize("name", sorted(set(INITIALISERS) - {"zero"}))
def test_one_seed_gives_one_set_of_weights(name):
    net = make_network([3, 5, 2], ["relu", "linear"], seed=0)
    a, b, c = initialised(net, name, 11), initialised(net, name, 11), initialised(net, name, 12)
    assert all(np.array_equal(a.weights(k), b.weights(k)) for k in (1, 2))
    assert not np.array_equal(a.weights(1), c.weights(1))


def test_a_layer_without_bias_stays_without_bias():
    net = Network.from_dict({"layers": [{"size": 2}, {"size": 2, "activation": "relu", "bias": False},
                                        {"size": 1, "activation": "linear"}]})
    for name in INITIALISERS:
        out = initialised(net, name, 3)
        assert not out.has_bias(1)
        assert out.has_bias(2)
        assert "biases" not in out.to_dict()["layers"][1]


def _net(hidden_w, hidden_b, out_w):
    return Network.from_dict({"layers": [{"size": 2}, {"size": 3, "activation": "sigmoid", "weights": hidden_w,
                                                       "biases": hidden_b},
                                         {"size": 1, "activation": "sigmoid", "weights": out_w, "biases": [0]}]})


def test_the_detector_needs_equal_weights_and_biases_of_every_hidden_neuron():
    same = [[0.3, 0.3, 0.3], [-1, -1, -1]]
    assert symmetric_layers(_net(same, [0.1, 0.1, 0.1], [[1], [2], [3]])) == [1]  # outgoing weights may differ
    assert symmetric_layers(_net(same, [0.1, 0.1, 0.2], [[1], [1], [1]])) == []
    assert symmetric_layers(_net([[0.3, 0.3, 0.3], [-1, -1, -1.001]], [0, 0, 0], [[1], [1], [1]])) == []
    assert symmetric_layers(_net([[0.3, 0.3, 0.3], [-1, -1, -1 + 1e-13]], [0, 0, 0], [[1], [1], [1]])) == [1]


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_zero_weights_stay_symmetric_through_training_and_xavier_does_not(activation):
    data = generate("and", seed=0)  # unbalanced classes: zero weights get a gradient (XOR's cancel)
    config = TrainingConfig.from_dict({"optimizer": "adam", "learning_rate": 0.05, "iterations": 300, "seed": 2})
    base = make_network([2, 4, 3, 1], [activation, activation, "sigmoid"], loss="bce", seed=0)
    zero = initialised(base, "zero", 2)
    train(zero, data, config)
    assert zero.biases(3).any()  # training did change the network (tanh(0) = 0 leaves W³ at 0)
    assert symmetric_layers(zero) == [1, 2]
    xavier = initialised(base, "xavier", 2)
    train(xavier, data, config)
    assert symmetric_layers(xavier) == []


LESSON = {
    "format": "backprop-studio", "version": 1,
    "network": {"layers": [{"size": 2}, {"size": 3, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
                "loss": "half_sse"},
    "data": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [0], [0], [1]]},
    "training": {"optimizer": "sgd", "learning_rate": 2.0, "iterations": 50, "seed": 1},
}


def test_train_command_starts_from_the_chosen_initialiser_and_names_the_symmetry(tmp_path, capsys):
    path = tmp_path / "lesson.json"
    path.write_text(json.dumps(LESSON), encoding="utf-8")
    assert main([str(path), "--init", "zero"]) == 0
    out = capsys.readouterr().out
    assert "symmetry: the neurons of hidden layer 1 stayed identical" in out
    assert main([str(path), "--init", "he", "--seed", "4"]) == 0
    assert "symmetry" not in capsys.readouterr().out
    assert main([str(path), "--init", "bogus"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_too_large_weights_saturate_sigmoid_and_xavier_weights_do_not():
    """σ′(z) = σ(1 − σ) < 0.05 where |z| > 3: most hidden neurons barely pass a gradient back."""
    x = generate("xor", seed=0).inputs
    net = make_network([2, 16, 1], ["sigmoid", "sigmoid"], seed=0)

    def saturated(name: str) -> float:
        w = initialised(net, name, 3).weights(1)
        return float(np.mean(np.abs(x @ w) > 3.0))  # z = X·W₁ + b₁, b₁ = 0

    assert saturated("too_large") > 0.3
    assert saturated("xavier") == 0.0  # |z| ≤ (|x₁| + |x₂|)·√(6/18) < 3 for inputs near 0 and 1
