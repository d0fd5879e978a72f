"""Training: convergence, optimizer rules worked by hand, determinism, divergence, stopping."""

import json
import math
from pathlib import Path

import numpy as np
import pytest

from engine import batched
from engine.config import TrainingConfig
from engine.datasets import generate
from engine.document import Data, load
from engine.errors import DivergenceError, ValidationError
from engine.network import Network, make_network
from engine.training import NullReporter, Trainer, accuracy, train


class RecordingReporter:
    def __init__(self, stop_after: int | None = None):
        self.progress_calls, self.loss_calls, self.asked = [], [], 0
        self.stop_after = stop_after

    def progress(self, iteration, total):
        self.progress_calls.append((iteration, total))

    def loss(self, iteration, train_loss, test_loss, acc):
        self.loss_calls.append((iteration, train_loss, test_loss, acc))

    def should_stop(self):
        self.asked += 1
        return self.stop_after is not None and self.asked > self.stop_after


def test_xor_2_4_1_converges_within_5000_iterations():
    network = make_network([2, 4, 1], "sigmoid", "half_sse", seed=1)
    config = TrainingConfig(optimizer="sgd", learning_rate=2.0, iterations=5000, eval_every=100)
    result = train(network, generate("xor", size=4, noise=0.0), config, NullReporter())
    assert result.status == "finished"
    assert result.iterations == 5000
    assert result.final["loss"] < 0.05
    assert result.final["accuracy"] == 1.0
    # The network now holds the trained parameters.
    data = generate("xor", size=4, noise=0.0)
    assert batched.loss_value(network, data.inputs, data.targets)[0] == pytest.approx(result.final["loss"])


def test_spiral_softmax_cross_entropy_learns_with_adam():
    network = make_network([2, 16, 3], ["tanh", "softmax"], "cross_entropy", seed=0)
    data = generate("spiral", seed=0)
    config = TrainingConfig(optimizer="adam", learning_rate=0.05, batch_size=32, epochs=60, eval_every=50)
    result = train(network, data, config)
    assert result.status == "finished"
    assert result.history[-1]["loss"] < 0.5 * result.history[0]["loss"]
    assert result.final["accuracy"] > 0.8


# ----------------------------------------------------------------- optimizers by hand
# One linear neuron, one sample: ŷ = w·x + b, L = ½(ŷ − y)², J = L + λ/2·w².
X, Y, W0, B0, LR, DECAY = 2.0, 1.0, 0.5, 0.1, 0.1, 0.1


def _tiny(optimizer: str, **extra) -> Trainer:
    network = Network.from_dict({"layers": [{"size": 1}, {"size": 1, "activation": "linear", "weights": [[W0]],
                                                          "biases": [B0]}], "weight_decay": DECAY})
    config = TrainingConfig(optimizer=optimizer, learning_rate=LR, iterations=2, **extra)
    return Trainer(network, Data(np.array([[X]]), np.array([[Y]])), config)


def _grad(w: float, b: float) -> tuple[float, float]:
    error = w * X + b - Y
    return error * X + DECAY * w, error


def _params(trainer: Trainer) -> tuple[float, float]:
    weights, biases = trainer.parameters()
    return float(weights[0][0, 0]), float(biases[0][0])


def test_sgd_first_two_steps():
    trainer = _tiny("sgd")
    w, b = W0, B0
    for _ in range(2):
        gw, gb = _grad(w, b)
        w, b = w - LR * gw, b - LR * gb
        trainer.step()
        assert _params(trainer) == pytest.approx((w, b), rel=1e-15)


def test_momentum_first_two_steps():
    mu = 0.8
    trainer = _tiny("momentum", momentum=mu)
    gw1, gb1 = _grad(W0, B0)
    w1, b1 = W0 - LR * gw1, B0 - LR * gb1  # first step: v = g
    trainer.step()
    assert _params(trainer) == pytest.approx((w1, b1), rel=1e-15)
    gw2, gb2 = _grad(w1, b1)
    w2, b2 = w1 - LR * (mu * gw1 + gw2), b1 - LR * (mu * gb1 + gb2)
    trainer.step()
    assert _params(trainer) == pytest.approx((w2, b2), rel=1e-15)


def test_adam_first_two_steps():
    b1_, b2_, eps = 0.9, 0.999, 1e-8
    trainer = _tiny("adam", beta1=b1_, beta2=b2_, eps=eps)
    p = [W0, B0]
    m, v = [0.0, 0.0], [0.0, 0.0]
    for t in (1, 2):
        g = _grad(*p)
        for k in range(2):
            m[k] = b1_ * m[k] + (1 - b1_) * g[k]
            v[k] = b2_ * v[k] + (1 - b2_) * g[k] ** 2
            m_hat, v_hat = m[k] / (1 - b1_**t), v[k] / (1 - b2_**t)
            p[k] -= LR * m_hat / (math.sqrt(v_hat) + eps)
        trainer.step()
        assert _params(trainer) == pytest.approx(tuple(p), rel=1e-13)


def test_first_adam_step_moves_each_parameter_by_the_learning_rate():
    # m̂/√v̂ = g/|g| on the first step, so each parameter moves by lr whatever the gradient's size.
    trainer = _tiny("adam")
    trainer.step()
    w, b = _params(trainer)
    assert W0 - w == pytest.approx(LR, rel=1e-6)
    assert B0 - b == pytest.approx(LR, rel=1e-6)


# ----------------------------------------------------------------- the compiled step agrees with the whole pass


@pytest.mark.parametrize(("activations", "loss", "n_out"), [
    (["tanh", "sigmoid"], "half_sse", 2),
    (["relu", "linear"], "mse", 2),
    (["leaky_relu", "sigmoid"], "bce", 1),
    (["sigmoid", "softmax"], "cross_entropy", 3),
    (["linear", "tanh"], "half_sse", 1),
])
@pytest.mark.parametrize("batch_size", [0, 3])
def test_one_step_agrees_with_batched_gradients(activations, loss, n_out, batch_size):
    rng = np.random.default_rng(7)
    network = make_network([3, 5, n_out], activations, loss, weight_decay=0.2, seed=3)
    x = rng.normal(size=(6, 3))
    if loss == "cross_entropy":
        y = np.eye(3)[np.arange(6) % 3]
    elif loss == "bce":
        y = (np.arange(6) % 2).reshape(-1, 1).astype(float)
    else:
        y = rng.normal(size=(6, n_out))
    trainer = Trainer(network, Data(x, y), TrainingConfig(learning_rate=0.3, batch_size=batch_size, seed=5))
    rows = np.arange(6) if batch_size == 0 else np.random.default_rng([5, 1]).permutation(6)[:batch_size]
    step_loss = trainer.step()
    expected = batched.gradients(network, x[rows], y[rows])
    assert step_loss == pytest.approx(expected.loss, rel=1e-12)
    weights, biases = trainer.parameters()
    for k in range(2):
        np.testing.assert_allclose(weights[k], network.weights(k + 1) - 0.3 * expected.weights[k], rtol=0, atol=1e-12)
        np.testing.assert_allclose(biases[k], network.biases(k + 1) - 0.3 * expected.biases[k], rtol=0, atol=1e-12)


@pytest.mark.parametrize(("activation", "slope"), [("relu", 0.0), ("leaky_relu", 0.01)])
def test_step_uses_the_derivative_convention_at_zero(activation, slope):
    # The hidden z is exactly 0, so the first layer's gradient is slope · δ.
    network = Network.from_dict({"layers": [
        {"size": 1},
        {"size": 1, "activation": activation, "weights": [[0.0]], "biases": [0.0]},
        {"size": 1, "activation": "linear", "weights": [[2.0]], "biases": [0.0]},
    ]})
    trainer = Trainer(network, Data(np.array([[1.0]]), np.array([[1.0]])), TrainingConfig(learning_rate=0.1))
    trainer.step()
    weights, biases = trainer.parameters()
    delta = (0.0 - 1.0) * 2.0 * slope  # ∂L/∂z₁ = (ŷ − y)·w₂·f′(0)
    assert weights[0][0, 0] == pytest.approx(-0.1 * delta, abs=1e-18)
    assert biases[0][0] == pytest.approx(-0.1 * delta, abs=1e-18)


# ----------------------------------------------------------------- runs


def _run(seed: int):
    network = make_network([2, 6, 1], ["tanh", "sigmoid"], "bce", seed=0)
    config = TrainingConfig(optimizer="momentum", learning_rate=0.1, batch_size=16, epochs=5, seed=seed,
                            test_fraction=0.25, eval_every=7)
    result = train(network, generate("moons", seed=0, size=80), config)
    return result, network


def test_same_seed_gives_the_same_run_and_another_seed_does_not():
    first, net1 = _run(3)
    second, net2 = _run(3)
    assert first.history == second.history
    np.testing.assert_array_equal(net1.weights(1), net2.weights(1))
    third, _ = _run(4)
    assert third.history != first.history


def test_epochs_test_split_and_report_schedule():
    result, _ = _run(3)
    # 80 samples, a quarter held out: 60 for training in batches of 16 → 4 per epoch, 20 iterations.
    assert result.iterations == 20
    assert [row["iteration"] for row in result.history] == [0, 7, 14, 20]
    assert all(row["test_loss"] is not None and row["accuracy"] is not None for row in result.history)


def test_reporter_receives_progress_and_loss_at_each_report():
    reporter = RecordingReporter()
    network = make_network([2, 3, 1], "sigmoid", seed=0)
    train(network, generate("xor", size=8), TrainingConfig(iterations=10, eval_every=4), reporter)
    assert reporter.progress_calls == [(0, 10), (4, 10), (8, 10), (10, 10)]
    assert [call[0] for call in reporter.loss_calls] == [0, 4, 8, 10]
    assert all(test is None and 0 <= acc <= 1 for _, _, test, acc in reporter.loss_calls)
    assert reporter.asked == 10


def test_reporter_can_stop_the_run():
    reporter = RecordingReporter(stop_after=3)
    network = make_network([2, 3, 1], "sigmoid", seed=0)
    start = network.copy()
    result = train(network, generate("xor", size=8), TrainingConfig(iterations=100, eval_every=10), reporter)
    assert result.status == "stopped"
    assert result.iterations == 3
    assert result.final["iteration"] == 3  # the kept parameters are evaluated once more
    trainer = Trainer(start, generate("xor", size=8), TrainingConfig(iterations=100))
    for _ in range(3):
        trainer.step()
    np.testing.assert_array_equal(network.weights(1), trainer.parameters()[0][0])


def _exploding():
    network = make_network([1, 4, 1], "linear", "half_sse", seed=0)
    data = Data(np.array([[3.0], [-2.0], [5.0]]), np.array([[1.0], [0.0], [2.0]]))
    return network, data, TrainingConfig(learning_rate=50.0, iterations=1000, eval_every=1)


def test_divergence_stops_and_keeps_the_last_good_parameters():
    network, data, config = _exploding()
    start = network.copy()
    result = train(network, data, config)
    assert result.status == "diverged"
    assert result.message.startswith("Training diverged at iteration ")
    assert "Try a smaller learning rate." in result.message
    assert 0 < result.iterations < 1000
    for k in (1, 2):
        assert np.all(np.isfinite(network.weights(k)))
    loss = batched.loss_value(network, data.inputs, data.targets)[0]
    assert math.isfinite(loss)
    assert result.final["iteration"] == result.iterations
    # Exactly the parameters reached by that many good steps.
    trainer = Trainer(start, data, config)
    for _ in range(result.iterations):
        trainer.step()
    np.testing.assert_array_equal(network.weights(1), trainer.parameters()[0][0])


def test_step_raises_on_divergence_and_stays_diverged():
    network, data, config = _exploding()
    trainer = Trainer(network, data, config)

    def run_until_it_fails():
        for _ in range(1000):
            trainer.step()

    with pytest.raises(DivergenceError, match="diverged"):
        run_until_it_fails()
    assert trainer.status == "diverged"
    assert all(np.all(np.isfinite(w)) for w in trainer.parameters()[0])
    with pytest.raises(DivergenceError):
        trainer.step()


def test_bad_pairings_are_refused():
    network = make_network([2, 2], "softmax", "cross_entropy")
    network.loss = "mse"
    with pytest.raises(ValidationError, match="softmax"):
        Trainer(network, generate("xor", size=4), TrainingConfig())


def test_accuracy_rules():
    assert accuracy("argmax", np.array([[0.1, 0.9], [0.8, 0.2]]), np.array([[0, 1], [0, 1]])) == 0.5
    assert accuracy("threshold", np.array([[0.7], [0.4], [0.5]]), np.array([[1], [0], [0]])) == pytest.approx(2 / 3)
    assert accuracy(None, np.zeros((2, 1)), np.zeros((2, 1))) is None


# ----------------------------------------------------------------- the example gallery

GALLERY = Path(__file__).resolve().parents[2] / "resources" / "examples"


def _trainable_examples():
    found = []
    for path in sorted(GALLERY.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if "network" in raw and "data" in raw and raw.get("training", {}).get("iterations", 0) >= 50:
            found.append(path)
    return found


@pytest.mark.parametrize("path", _trainable_examples(), ids=lambda path: path.stem)
def test_gallery_lessons_train_with_their_own_settings(path):
    doc = load(path)
    result = train(doc.network, doc.data, doc.training)
    assert result.status == "finished", result.message
    assert result.final["loss"] < result.history[0]["loss"]
    if path.stem == "xor":
        assert result.iterations <= 5000
        assert result.final["loss"] < 0.05


def test_divergence_through_weight_decay_keeps_a_finite_objective():
    """With λ large, ‖W‖² overflows while L stays finite: training must stop before J becomes ∞."""
    net = make_network([2, 3, 1], "sigmoid", weight_decay=1e6, seed=0)
    data = Data(np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([[1.0], [0.0]]))
    result = train(net, data, TrainingConfig(optimizer="sgd", learning_rate=1e6, iterations=50))
    assert result.status == "diverged"
    assert "weight-decay term" in result.message
    _loss, objective = batched.loss_value(net, data.inputs, data.targets)
    assert np.isfinite(objective)


def test_epoch_lengths_beyond_the_iteration_limit_are_refused():
    net = make_network([2, 2, 1], "sigmoid", seed=0)
    data = Data(np.zeros((1000, 2)), np.zeros((1000, 1)))
    with pytest.raises(ValidationError, match=r"training\.epochs: more than 100000000 iterations"):
        train(net, data, TrainingConfig(epochs=10**7, batch_size=1))


@pytest.mark.slow
def test_a_long_run_keeps_a_small_history():
    from engine.training import MAX_REPORTS, Trainer, run_loop

    net = make_network([1, 1], "linear", seed=0)
    data = Data(np.ones((1, 1)), np.ones((1, 1)))
    trainer = Trainer(net, data, TrainingConfig(iterations=3 * MAX_REPORTS, learning_rate=0.01))
    _status, _message, history = run_loop(trainer, NullReporter())
    assert len(history) <= MAX_REPORTS + 2
