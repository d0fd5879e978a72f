"""The example gallery: every lesson loads, speaks both languages, fits its data and teaches what it says.

Expected values are worked out by hand below in float64, never copied from the engine.
(That the xor lesson reaches a loss below 0.05 within 5000 iterations with its own settings
is checked in test_training.py; here every trainable lesson must improve by a clear factor.)
"""

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from engine.compile import compile_network
from engine.datasets import generate
from engine.document import load
from engine.expressions import evaluate
from engine.training import train

GALLERY = Path(__file__).resolve().parents[2] / "resources" / "examples"
LESSONS = sorted(GALLERY.glob("*.json"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def sigma(t: float) -> float:
    return 1.0 / (1.0 + math.exp(-t))


def _raw(stem: str) -> dict:
    return json.loads((GALLERY / f"{stem}.json").read_text(encoding="utf-8"))


def _network_lessons() -> list[Path]:
    return [path for path in LESSONS if "network" in _raw(path.stem)]


def _dataset_lessons() -> list[Path]:
    return [path for path in LESSONS if "dataset" in _raw(path.stem)]


def _ids(path: Path) -> str:
    return path.stem


# ----------------------------------------------------------------- every lesson


def test_the_gallery_has_at_least_eight_lessons_of_both_kinds():
    stems = {path.stem for path in LESSONS}
    assert len(stems) >= 8
    assert {"lecture_2-2-1", "d2l_weight_decay", "xor", "circles", "spiral", "sine_regression",
            "expr_add_mul", "expr_sigmoid_neuron", "expr_staged"} <= stems
    kinds = {load(path).kind for path in LESSONS}
    assert kinds == {"network", "expression"}


@pytest.mark.parametrize("path", LESSONS, ids=_ids)
def test_each_lesson_loads_with_titles_and_descriptions_in_both_languages(path):
    doc = load(path)
    for texts in (doc.title, doc.description):
        assert set(texts) >= {"en", "zh_CN"}
        assert texts["en"].strip()
        assert texts["zh_CN"].strip()
        assert CJK.search(texts["zh_CN"])
        assert not CJK.search(texts["en"])
    # One to three sentences in each language.
    assert 1 <= len(re.findall(r"[.!?](?:\s|$)", doc.description["en"])) <= 3
    assert 1 <= doc.description["zh_CN"].count("。") <= 3


@pytest.mark.parametrize("path", LESSONS, ids=_ids)
def test_each_lesson_round_trips_through_the_document_format(path):
    doc = load(path)
    again = json.loads(doc.to_json())
    assert again["title"] == doc.title
    assert again.get("dataset") == _raw(path.stem).get("dataset")


# ----------------------------------------------------------------- network lessons


@pytest.mark.parametrize("path", _network_lessons(), ids=_ids)
def test_network_lessons_data_fits_their_network(path):
    doc = load(path)
    assert doc.data is not None
    assert doc.data.inputs.shape[1] == doc.network.sizes[0]
    assert doc.data.targets.shape[1] == doc.network.sizes[-1]
    assert 1 <= len(doc.data) <= 300
    for layer in range(1, doc.network.depth + 1):  # explicit starting weights, not left to the seed
        assert "weights" in _raw(path.stem)["network"]["layers"][layer]


@pytest.mark.parametrize("path", _dataset_lessons(), ids=_ids)
def test_inline_data_is_the_stored_dataset_spec(path):
    raw = _raw(path.stem)
    spec = raw["dataset"]
    assert set(spec) == {"name", "seed", "size", "noise", "test_fraction"}
    assert spec["test_fraction"] == raw["training"]["test_fraction"]
    data = generate(spec["name"], seed=spec["seed"], size=spec["size"], noise=spec["noise"])
    doc = load(path)
    assert len(doc.data) == spec["size"]
    # Stored rounded to 4 decimals.
    np.testing.assert_allclose(doc.data.inputs, data.inputs, rtol=0, atol=5.0001e-5)
    np.testing.assert_allclose(doc.data.targets, data.targets, rtol=0, atol=5.0001e-5)


@pytest.mark.parametrize("path", _network_lessons(), ids=_ids)
def test_trainable_lessons_improve_their_loss_by_a_clear_factor(path):
    doc = load(path)
    result = train(doc.network, doc.data, doc.training)
    assert result.status == "finished", result.message
    first, last = result.history[0], result.final
    assert last["loss"] < 0.1 * first["loss"]
    if last["accuracy"] is not None:
        assert last["accuracy"] >= 0.95
    if last["test_loss"] is not None:
        assert last["test_loss"] < 0.1 * first["loss"]


def test_xor_lesson_holds_the_four_xor_points_and_a_2_4_1_network():
    doc = load(GALLERY / "xor.json")
    assert doc.network.sizes == [2, 4, 1]
    rows = {tuple(x): y for x, y in zip(doc.data.inputs.tolist(), doc.data.targets[:, 0].tolist(), strict=True)}
    assert rows == {(0.0, 0.0): 0.0, (0.0, 1.0): 1.0, (1.0, 0.0): 1.0, (1.0, 1.0): 0.0}
    assert doc.training.iterations <= 5000


def test_spiral_has_three_classes_with_softmax_and_cross_entropy():
    doc = load(GALLERY / "spiral.json")
    net = doc.network
    assert net.sizes[-1] == 3
    assert net.activation(net.depth) == "softmax"
    assert net.loss == "cross_entropy"
    targets = doc.data.targets
    assert set(np.unique(targets).tolist()) == {0.0, 1.0}
    np.testing.assert_array_equal(targets.sum(axis=1), np.ones(len(targets)))
    assert set(targets.argmax(axis=1).tolist()) == {0, 1, 2}


def test_sine_regression_is_one_input_tanh_hidden_linear_output():
    net = load(GALLERY / "sine_regression.json").network
    assert net.sizes[0] == 1
    assert net.sizes[-1] == 1
    assert [net.activation(layer) for layer in range(1, net.depth + 1)] == ["tanh", "linear"]


def test_d2l_weight_decay_graph_ends_in_j_equals_l_plus_s():
    doc = load(GALLERY / "d2l_weight_decay.json")
    lam = doc.network.weight_decay
    assert lam > 0
    assert len(doc.data) == 1
    graph = compile_network(doc.network, doc.data.inputs[0], doc.data.targets[0], "operation")
    graph.forward()
    s, loss, j = graph.by_name("s"), graph.by_name("L"), graph.by_name("J")
    assert graph.output is j
    assert float(j.value) == pytest.approx(float(loss.value) + float(s.value), rel=1e-15, abs=1e-15)

    # d2l's own network: no biases anywhere, named in the book's notation.
    assert doc.network.notation == "d2l"
    assert not doc.network.has_bias(1)
    assert not doc.network.has_bias(2)
    assert not any(node.meta.get("role") == "bias" for node in graph.nodes)
    assert {"x[1]", "W⁽¹⁾[1,1]", "z⁽¹⁾[1]", "h⁽¹⁾[1]", "W⁽²⁾[1,1]", "o", "y"} <= {n.sym.text for n in graph.nodes}
    # By hand: W₁ = [[0.5, −0.3, 0.8], [0.2, 0.4, −0.6]], W₂ = [0.7, −0.5, 0.3]ᵀ, no biases,
    # x = [1, 2], y = 0.5, λ = 0.1.
    assert lam == 0.1
    norm1 = 0.25 + 0.09 + 0.64 + 0.04 + 0.16 + 0.36  # ‖W₁‖² = 1.54
    norm2 = 0.49 + 0.25 + 0.09  # ‖W₂‖² = 0.83
    assert float(s.value) == pytest.approx(0.1 / 2 * (norm1 + norm2), rel=1e-12)  # = 0.1185
    # z = x·W₁ = [0.5 + 0.4, −0.3 + 0.8, 0.8 − 1.2] = [0.9, 0.5, −0.4]; o = h·W₂ (linear output).
    o = 0.7 * sigma(0.9) - 0.5 * sigma(0.5) + 0.3 * sigma(-0.4)
    assert float(loss.value) == pytest.approx(0.5 * (o - 0.5) ** 2, rel=1e-12)
    assert float(j.value) == pytest.approx(0.5 * (o - 0.5) ** 2 + 0.1185, rel=1e-12)


def test_d2l_lecture_variant_is_the_same_network_with_biases_in_lecture_notation():
    d2l, doc = load(GALLERY / "d2l_weight_decay.json"), load(GALLERY / "d2l_weight_decay_lecture.json")
    net = doc.network
    assert net.notation == "lecture"
    assert net.has_bias(1)
    assert net.has_bias(2)
    for layer in (1, 2):
        np.testing.assert_array_equal(net.weights(layer), d2l.network.weights(layer))
    graph = compile_network(net, doc.data.inputs[0], doc.data.targets[0], "neuron")
    graph.forward()
    # By hand: z₁ = X·W₁ + b₁ = [0.9 + 0.1, 0.5 − 0.2, −0.4 + 0.3] = [1.0, 0.3, −0.1]; ŷ = a₁·W₂ + b₂.
    yhat = 0.7 * sigma(1.0) - 0.5 * sigma(0.3) + 0.3 * sigma(-0.1) + 0.05
    assert float(graph.by_name("ŷ").value) == pytest.approx(yhat, rel=1e-12)
    assert float(graph.by_name("J").value) == pytest.approx(0.5 * (yhat - 0.5) ** 2 + 0.1185, rel=1e-12)


# ----------------------------------------------------------------- expression lessons


def _expression(stem: str) -> tuple[dict, dict]:
    doc = load(GALLERY / f"{stem}.json")
    assert doc.kind == "expression"
    return evaluate(doc.expression.source, doc.expression.values)


def test_expr_add_mul_is_the_cs231n_circuit():
    outputs, grads = _expression("expr_add_mul")
    # q = x + y = −2 + 5 = 3; f = q·z = 3·(−4) = −12.
    assert outputs == {"f": -12.0}
    # ∂f/∂z = q = 3; ∂f/∂q = z = −4, and the add gate passes it to x and y unchanged.
    assert grads == {"x": -4.0, "y": -4.0, "z": 3.0}


def test_expr_mul_add():
    outputs, grads = _expression("expr_mul_add")
    # p = x·y = 3·(−4) = −12; f = p + z = −12 + 2 = −10.
    assert outputs == {"f": -10.0}
    # ∂f/∂p = ∂f/∂z = 1; ∂f/∂x = y = −4; ∂f/∂y = x = 3.
    assert grads == {"x": -4.0, "y": 3.0, "z": 1.0}


def test_expr_sigmoid_neuron_gate_by_gate():
    outputs, grads = _expression("expr_sigmoid_neuron")
    # dot = 2·(−1) + (−3)·(−2) + (−3) = 1; e = exp(−1); f = 1 / (1 + e) = σ(1).
    e = math.exp(-1.0)
    f = 1.0 / (1.0 + e)
    assert outputs["f"] == pytest.approx(f, rel=1e-15)
    # ∂f/∂e = −1/(1 + e)²; ∂e/∂dot = −e; so ∂f/∂dot = e/(1 + e)², which is σ(1)(1 − σ(1)).
    g = e / (1.0 + e) ** 2
    assert g == pytest.approx(f * (1.0 - f), rel=1e-14)
    expected = {"w0": -1.0 * g, "x0": 2.0 * g, "w1": -2.0 * g, "x1": -3.0 * g, "w2": g}
    assert grads.keys() == expected.keys()
    for name, value in expected.items():
        assert grads[name] == pytest.approx(value, rel=1e-12), name


def test_expr_staged_sums_the_three_contributions_of_x():
    outputs, grads = _expression("expr_staged")
    x, y = 3.0, -4.0
    num = x + sigma(y)  # x + σ(y)
    den = sigma(x) + (x + y) ** 2  # σ(x) + (−1)² = σ(x) + 1
    assert outputs["f"] == pytest.approx(num / den, rel=1e-14)
    dnum, dden = 1.0 / den, -num / den**2  # f = num · (1/den)
    dsig = lambda t: sigma(t) * (1.0 - sigma(t))  # noqa: E731
    # x feeds num (local 1), sigx (local σ′(x)) and xpy → xpy² (local 2(x + y)).
    dx = dnum * 1.0 + dden * dsig(x) + dden * 2.0 * (x + y)
    # y feeds sigy → num (local σ′(y)) and xpy → xpy² (local 2(x + y)).
    dy = dnum * dsig(y) + dden * 2.0 * (x + y)
    assert grads.keys() == {"x", "y"}
    assert grads["x"] == pytest.approx(dx, rel=1e-12)
    assert grads["y"] == pytest.approx(dy, rel=1e-12)
