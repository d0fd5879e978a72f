"""The classic worked examples in the gallery, each against a derivation written out here in float64.

- mazur_2-2-2: the widely used "A Step by Step Backpropagation Example" (2-2-2 sigmoid network);
  the numbers its source publishes are compared with the derivation at the digits printed.
- expr_shopping: the apples-and-oranges graph of 《深度学习入门》 chapter 5.
- d2l_dead_relu: the 2-2-1 ReLU network with a dead hidden unit (revised d2l 4.7 draft).
- deep_sigmoid / deep_relu: the same six hidden layers, vanishing gradients or not.

Nothing here is copied from the program's output: every expected value is computed below.
"""

import dataclasses
import itertools
import json
import math
from pathlib import Path

import numpy as np
import pytest

from engine.batched import gradients, loss_value
from engine.document import load
from engine.expressions import evaluate
from engine.lesson import lesson_for
from engine.training import train

GALLERY = Path(__file__).resolve().parents[2] / "resources" / "examples"
CLASSICS = ("mazur_2-2-2", "expr_shopping", "d2l_dead_relu", "deep_sigmoid", "deep_relu")


def sigma(t: float) -> float:
    return 1.0 / (1.0 + math.exp(-t))


def stepped(stem: str) -> dict[tuple[str, str], np.ndarray]:
    """Step the lesson's own stepper (at its default granularity) to the end; (phase, symbol) → value."""
    lesson = lesson_for(load(GALLERY / f"{stem}.json"))
    stepper = lesson.stepper
    for _ in range(len(stepper) + 1):
        if stepper.step_forward() is None:
            break
    assert stepper.at_end
    steps = [stepper.explain(k) for k in range(len(stepper))]
    return {(e.phase, e.symbol.text): np.asarray(e.value, dtype=np.float64) for e in steps}


def value(steps: dict, phase: str, symbol: str) -> float:
    return float(steps[phase, symbol])


# ----------------------------------------------------------------- the step-by-step 2-2-2 example

I1, I2, T1, T2, ETA = 0.05, 0.10, 0.01, 0.99, 0.5
W = {1: 0.15, 2: 0.20, 3: 0.25, 4: 0.30, 5: 0.40, 6: 0.45, 7: 0.50, 8: 0.55}  # the source's w1 … w8
B1, B2 = 0.35, 0.60  # one bias per layer in the source


def mazur_forward(w: dict, b_hidden=(B1, B1), b_out=(B2, B2)) -> dict:
    """The source's notation: net_h1 = w1·i1 + w2·i2 + b1, net_o1 = w5·out_h1 + w6·out_h2 + b2, …"""
    f = {"net_h1": w[1] * I1 + w[2] * I2 + b_hidden[0], "net_h2": w[3] * I1 + w[4] * I2 + b_hidden[1]}
    f["out_h1"], f["out_h2"] = sigma(f["net_h1"]), sigma(f["net_h2"])
    f["net_o1"] = w[5] * f["out_h1"] + w[6] * f["out_h2"] + b_out[0]
    f["net_o2"] = w[7] * f["out_h1"] + w[8] * f["out_h2"] + b_out[1]
    f["out_o1"], f["out_o2"] = sigma(f["net_o1"]), sigma(f["net_o2"])
    f["E_o1"], f["E_o2"] = 0.5 * (T1 - f["out_o1"]) ** 2, 0.5 * (T2 - f["out_o2"]) ** 2
    f["E_total"] = f["E_o1"] + f["E_o2"]
    return f


def mazur_backward(f: dict) -> dict:
    """∂E/∂net for each neuron (δ), ∂E/∂out_h (both paths) and ∂E/∂w for w1 … w8, with the old weights."""
    g = {"d_o1": (f["out_o1"] - T1) * f["out_o1"] * (1 - f["out_o1"]),
         "d_o2": (f["out_o2"] - T2) * f["out_o2"] * (1 - f["out_o2"])}
    g["dE_dout_h1"] = g["d_o1"] * W[5] + g["d_o2"] * W[7]
    g["dE_dout_h2"] = g["d_o1"] * W[6] + g["d_o2"] * W[8]
    g["d_h1"] = g["dE_dout_h1"] * f["out_h1"] * (1 - f["out_h1"])
    g["d_h2"] = g["dE_dout_h2"] * f["out_h2"] * (1 - f["out_h2"])
    g["w"] = {1: g["d_h1"] * I1, 2: g["d_h1"] * I2, 3: g["d_h2"] * I1, 4: g["d_h2"] * I2,
              5: g["d_o1"] * f["out_h1"], 6: g["d_o1"] * f["out_h2"],
              7: g["d_o2"] * f["out_h1"], 8: g["d_o2"] * f["out_h2"]}
    return g


# The source's w_k in the file's layout: W₁[i,j] joins input i to hidden neuron j, W₂[i,j] hidden i to output j.
WHERE = {1: "W₁[1,1]", 2: "W₁[2,1]", 3: "W₁[1,2]", 4: "W₁[2,2]",
         5: "W₂[1,1]", 6: "W₂[2,1]", 7: "W₂[1,2]", 8: "W₂[2,2]"}


def test_mazur_lesson_holds_the_source_network_with_each_layer_bias_on_every_neuron():
    doc = load(GALLERY / "mazur_2-2-2.json")
    net = doc.network
    assert net.sizes == [2, 2, 2]
    assert [net.activation(n) for n in (1, 2)] == ["sigmoid", "sigmoid"]
    assert net.loss == "half_sse"
    assert doc.training.learning_rate == ETA
    np.testing.assert_array_equal(net.weights(1), [[W[1], W[3]], [W[2], W[4]]])
    np.testing.assert_array_equal(net.weights(2), [[W[5], W[7]], [W[6], W[8]]])
    np.testing.assert_array_equal(net.biases(1), [B1, B1])
    np.testing.assert_array_equal(net.biases(2), [B2, B2])
    np.testing.assert_array_equal(doc.data.inputs, [[I1, I2]])
    np.testing.assert_array_equal(doc.data.targets, [[T1, T2]])


def test_mazur_steps_match_the_derivation_forward_backward_and_update():
    steps, f = stepped("mazur_2-2-2"), mazur_forward(W)
    g = mazur_backward(f)
    expected = {
        ("forward", "z₁[1]"): f["net_h1"], ("forward", "z₁[2]"): f["net_h2"],
        ("forward", "a₁[1]"): f["out_h1"], ("forward", "a₁[2]"): f["out_h2"],
        ("forward", "z₂[1]"): f["net_o1"], ("forward", "z₂[2]"): f["net_o2"],
        ("forward", "ŷ[1]"): f["out_o1"], ("forward", "ŷ[2]"): f["out_o2"],
        ("forward", "L"): f["E_total"],
        ("backward", "∂L/∂ŷ[1]"): f["out_o1"] - T1, ("backward", "∂L/∂ŷ[2]"): f["out_o2"] - T2,
        ("backward", "δ₂[1]"): g["d_o1"], ("backward", "δ₂[2]"): g["d_o2"],
        ("backward", "∂L/∂a₁[1]"): g["dE_dout_h1"], ("backward", "∂L/∂a₁[2]"): g["dE_dout_h2"],
        ("backward", "δ₁[1]"): g["d_h1"], ("backward", "δ₁[2]"): g["d_h2"],
        ("backward", "∂L/∂b₁[1]"): g["d_h1"], ("backward", "∂L/∂b₂[2]"): g["d_o2"],
    }
    for k in range(1, 9):
        expected["backward", f"∂L/∂{WHERE[k]}"] = g["w"][k]
        expected["update", WHERE[k]] = W[k] - ETA * g["w"][k]
    # The app also updates each bias (the source keeps its two biases fixed).
    expected["update", "b₁[1]"], expected["update", "b₁[2]"] = B1 - ETA * g["d_h1"], B1 - ETA * g["d_h2"]
    expected["update", "b₂[1]"], expected["update", "b₂[2]"] = B2 - ETA * g["d_o1"], B2 - ETA * g["d_o2"]
    for key, want in expected.items():
        assert value(steps, *key) == pytest.approx(want, rel=1e-12, abs=1e-15), key


def agrees(published: str, mine: float) -> bool:
    """``mine`` rounds to ``published`` at the digits printed (within half a unit of its last place)."""
    unit = 10.0 ** -len(published.split(".")[1])
    return abs(float(published) - mine) <= unit / 2 + 1e-15


def test_the_source_published_numbers_agree_with_the_derivation_except_the_error_after_one_update():
    f = mazur_forward(W)
    g = mazur_backward(f)
    new = {k: W[k] - ETA * g["w"][k] for k in W}
    published = {  # as printed in the source, 9 significant digits or fewer
        "0.593269992": f["out_h1"], "0.596884378": f["out_h2"], "1.105905967": f["net_o1"],
        "0.75136507": f["out_o1"], "0.772928465": f["out_o2"],
        "0.274811083": f["E_o1"], "0.023560026": f["E_o2"], "0.298371109": f["E_total"],
        "0.74136507": f["out_o1"] - T1, "0.186815602": f["out_o1"] * (1 - f["out_o1"]),
        "0.082167041": g["w"][5], "0.138498562": g["d_o1"],
        "0.036350306": g["dE_dout_h1"], "0.241300709": f["out_h1"] * (1 - f["out_h1"]),
        "0.000438568": g["w"][1],
        "0.35891648": new[5], "0.408666186": new[6], "0.511301270": new[7], "0.561370121": new[8],
        "0.149780716": new[1], "0.19956143": new[2], "0.24975114": new[3], "0.29950229": new[4],
    }
    for text, mine in published.items():
        assert agrees(text, mine), (text, mine)
    # The source's error after the first update, 0.291027924, is not what its own updated weights give:
    # with its two biases kept, float64 gives 0.291027774 (it differs in the 7th digit).
    kept = mazur_forward(new)["E_total"]
    assert agrees("0.291027774", kept)
    assert not agrees("0.291027924", kept)
    assert abs(kept - 0.291027924) > 1e-7


def test_after_the_app_update_the_error_is_the_one_the_note_gives():
    """The app moves the biases too, so its next pass starts from 0.280471447, not the source's 0.29…"""
    steps, f = stepped("mazur_2-2-2"), mazur_forward(W)
    g = mazur_backward(f)
    mine = mazur_forward({k: W[k] - ETA * g["w"][k] for k in W},
                         (B1 - ETA * g["d_h1"], B1 - ETA * g["d_h2"]), (B2 - ETA * g["d_o1"], B2 - ETA * g["d_o2"]))
    assert agrees("0.280471447", mine["E_total"])
    doc = load(GALLERY / "mazur_2-2-2.json")
    net = doc.network.copy()
    net.set_parameters([[[value(steps, "update", f"W{sub}[{i},{j}]") for j in (1, 2)] for i in (1, 2)]
                        for sub in "₁₂"],
                       [[value(steps, "update", f"b{sub}[{j}]") for j in (1, 2)] for sub in "₁₂"])
    loss, _ = loss_value(net, doc.data.inputs, doc.data.targets)
    assert loss == pytest.approx(mine["E_total"], rel=1e-12)


# ----------------------------------------------------------------- the fish book's shopping graph


def test_shopping_graph_total_and_every_derivative():
    doc = load(GALLERY / "expr_shopping.json")
    v = doc.expression.values
    assert v == {"apple": 100, "apple_num": 2, "orange": 150, "orange_num": 3, "tax": 1.1}
    outputs, grads = evaluate(doc.expression.source, v)
    subtotal = 100.0 * 2 + 150.0 * 3  # 650
    assert outputs["total"] == pytest.approx(subtotal * 1.1, rel=1e-15)  # 715
    assert outputs["total"] == pytest.approx(715.0, rel=1e-14)
    # total = subtotal·tax: ∂/∂tax = subtotal; ∂/∂subtotal = tax, passed unchanged by the add gate
    # to both products; each product hands back the other factor times it.
    expected = {"apple": 2 * 1.1, "apple_num": 100 * 1.1, "orange": 3 * 1.1, "orange_num": 150 * 1.1,
                "tax": subtotal}
    assert grads.keys() == expected.keys()
    for name, want in expected.items():
        assert grads[name] == pytest.approx(want, rel=1e-14), name
    assert [round(grads[n], 10) for n in ("apple", "apple_num", "orange", "orange_num", "tax")] == \
        [2.2, 110.0, 3.3, 165.0, 650.0]
    steps = stepped("expr_shopping")
    assert value(steps, "backward", "∂total/∂subtotal") == pytest.approx(1.1, rel=1e-15)
    assert value(steps, "backward", "∂total/∂tax") == pytest.approx(650.0, rel=1e-15)


# ----------------------------------------------------------------- the dead ReLU unit

X_D2L = np.array([1.0, 2.0])
W1_D2L = np.array([[1.0, -1.0], [0.0, 1.0]])  # d2l's layout: out × in, z = W⁽¹⁾x
W2_D2L = np.array([[2.0, -1.0]])  # 1 × 2, o = W⁽²⁾h
Y_DEAD = -3.0  # the lesson's target


def dead_relu_derivation(y: float = Y_DEAD) -> dict:
    z = W1_D2L @ X_D2L  # [1 − 2, 0 + 2] = [−1, 2]
    h = np.maximum(z, 0.0)  # [0, 2]
    o = float((W2_D2L @ h)[0])  # −2
    d_o = o - y  # ∂L/∂o for L = ½(o − y)², the output is linear so δ⁽²⁾ = ∂L/∂o
    d_h = d_o * W2_D2L[0]
    delta1 = d_h * (z > 0)  # relu′(z) = 1 for z > 0, 0 otherwise (relu′(0) = 0)
    return {"z": z, "h": h, "o": o, "L": 0.5 * d_o**2, "d_o": d_o, "dW2": d_o * h, "d_h": d_h, "delta1": delta1,
            "dW1": np.outer(delta1, X_D2L)}  # d2l's layout, out × in


def test_dead_relu_lesson_stores_the_transpose_of_d2l_matrix_in_d2l_notation_without_biases():
    doc = load(GALLERY / "d2l_dead_relu.json")
    net = doc.network
    assert net.notation == "d2l"
    assert not net.has_bias(1)
    assert not net.has_bias(2)
    assert [net.activation(n) for n in (1, 2)] == ["relu", "linear"]
    np.testing.assert_array_equal(net.weights(1), W1_D2L.T)  # the file is in × out, for z = x·W
    np.testing.assert_array_equal(net.weights(2), W2_D2L.T)
    np.testing.assert_array_equal(doc.data.inputs, [X_D2L])
    np.testing.assert_array_equal(doc.data.targets, [[Y_DEAD]])


def test_dead_unit_gets_exactly_zero_gradient_and_the_rest_matches_the_derivation():
    steps, d = stepped("d2l_dead_relu"), dead_relu_derivation()
    assert d["z"].tolist() == [-1.0, 2.0]
    assert d["o"] == -2.0
    for j in (1, 2):
        assert value(steps, "forward", f"z⁽¹⁾[{j}]") == d["z"][j - 1]
        assert value(steps, "forward", f"h⁽¹⁾[{j}]") == d["h"][j - 1]
        assert value(steps, "backward", f"∂L/∂h⁽¹⁾[{j}]") == d["d_h"][j - 1]
        assert value(steps, "backward", f"δ⁽¹⁾[{j}]") == d["delta1"][j - 1]
        assert value(steps, "backward", f"∂L/∂W⁽²⁾[{j},1]") == d["dW2"][j - 1]
        for i in (1, 2):  # the app's W⁽¹⁾[i,j] joins input i to unit j: d2l's entry [j, i]
            assert value(steps, "backward", f"∂L/∂W⁽¹⁾[{i},{j}]") == d["dW1"][j - 1, i - 1]
    assert value(steps, "forward", "o") == -2.0
    assert value(steps, "forward", "L") == 0.5
    assert value(steps, "backward", "∂L/∂h⁽¹⁾[1]") == 2.0  # the gradient does arrive at the dead unit …
    assert value(steps, "backward", "δ⁽¹⁾[1]") == 0.0  # … and relu′(−1) = 0 stops it
    doc = load(GALLERY / "d2l_dead_relu.json")
    grads = gradients(doc.network, doc.data.inputs, doc.data.targets)
    assert grads.weights[0].T[0].tolist() == [0.0, 0.0]  # d2l's row of zeros: every weight into unit 1
    assert grads.weights[1][0].tolist() == [0.0]  # and its outgoing weight, as h⁽¹⁾[1] = 0
    np.testing.assert_array_equal(grads.weights[0].T, d["dW1"])
    np.testing.assert_array_equal(grads.weights[1].T, [d["dW2"]])


def test_training_leaves_the_dead_unit_as_it_was_and_with_y_1_the_live_unit_dies_too():
    doc = load(GALLERY / "d2l_dead_relu.json")
    result = train(doc.network, doc.data, doc.training)  # trains the network in place
    assert result.status == "finished"
    assert result.final["loss"] < 1e-3 * 0.5
    net = doc.network
    np.testing.assert_array_equal(net.weights(1)[:, 0], W1_D2L[0])  # unit 1 never had a non-zero gradient
    assert net.weights(2)[0, 0] == W2_D2L[0, 0]
    # With y = 1, ∂L/∂o = −3 < 0 and W⁽²⁾[2,1] = −1 < 0 make δ⁽¹⁾[2] = (−3)(−1) = 3 > 0, so descent lowers
    # z⁽¹⁾[2]; 5a² − u² (a = W⁽²⁾[2,1], u = z⁽¹⁾[2]) stays near 5 − 4 = 1 under gradient flow, so a never reaches
    # 0 and u is driven to 0 first: o stops at 0 and the loss at ½(0 − 1)² = ½, as the description says.
    assert dead_relu_derivation(1.0)["delta1"][1] == 3.0
    doc = load(GALLERY / "d2l_dead_relu.json")
    doc.data.targets[:] = 1.0
    result = train(doc.network, doc.data, doc.training)
    assert result.final["loss"] == pytest.approx(0.5, abs=1e-9)
    z = X_D2L @ doc.network.weights(1)
    assert z[0] == -1.0
    assert z[1] <= 0.0


# ----------------------------------------------------------------- vanishing gradients


def own_weight_gradient_norms(stem: str) -> list[float]:
    """‖∂L/∂W_l‖ for every layer, by a plain backward pass written here (bce on a sigmoid output)."""
    doc = load(GALLERY / f"{stem}.json")
    net, x, y = doc.network, doc.data.inputs, doc.data.targets
    acts, zs = [x], []
    for layer in range(1, net.depth + 1):
        z = acts[-1] @ net.weights(layer) + net.biases(layer)
        zs.append(z)
        a = 1.0 / (1.0 + np.exp(-z)) if net.activation(layer) == "sigmoid" else np.maximum(z, 0.0)
        acts.append(a)
    delta = (acts[-1] - y) / len(x)  # ∂(mean bce)/∂z for a sigmoid output, one output neuron
    norms = []
    for layer in range(net.depth, 0, -1):
        norms.append(float(np.linalg.norm(acts[layer - 1].T @ delta)))
        if layer > 1:
            back = delta @ net.weights(layer).T
            a = acts[layer - 1]
            delta = back * (a * (1.0 - a) if net.activation(layer - 1) == "sigmoid" else zs[layer - 2] > 0)
    return norms[::-1]


def engine_weight_gradient_norms(stem: str) -> list[float]:
    doc = load(GALLERY / f"{stem}.json")
    return [float(np.linalg.norm(w)) for w in gradients(doc.network, doc.data.inputs, doc.data.targets).weights]


def test_the_two_deep_lessons_differ_only_in_the_hidden_activation():
    sig, relu = (json.loads((GALLERY / f"{s}.json").read_text(encoding="utf-8")) for s in ("deep_sigmoid", "deep_relu"))
    for key in ("data", "training", "dataset"):
        assert sig[key] == relu[key], key
    assert sig["network"]["loss"] == relu["network"]["loss"] == "bce"
    layers_s, layers_r = sig["network"]["layers"], relu["network"]["layers"]
    assert [layer["size"] for layer in layers_s] == [layer["size"] for layer in layers_r] == [2, 4, 4, 4, 4, 4, 4, 1]
    for s, r in zip(layers_s[1:], layers_r[1:], strict=True):
        assert s["weights"] == r["weights"]
        assert s["biases"] == r["biases"]
    assert [layer["activation"] for layer in layers_s[1:]] == ["sigmoid"] * 6 + ["sigmoid"]
    assert [layer["activation"] for layer in layers_r[1:]] == ["relu"] * 6 + ["sigmoid"]


@pytest.mark.parametrize("stem", ["deep_sigmoid", "deep_relu"])
def test_engine_weight_gradient_norms_match_a_plain_backward_pass(stem):
    np.testing.assert_allclose(engine_weight_gradient_norms(stem), own_weight_gradient_norms(stem), rtol=1e-10)


def test_sigmoid_first_layer_gradient_is_orders_of_magnitude_smaller_than_the_last_but_not_with_relu():
    sig, relu = engine_weight_gradient_norms("deep_sigmoid"), engine_weight_gradient_norms("deep_relu")
    # sigmoid: the description says "about 800 times smaller"
    assert 500 < sig[-1] / sig[0] < 1200
    assert all(later > earlier for earlier, later in itertools.pairwise(sig))  # shrinking layer by layer
    # relu: the same order of magnitude ("here about 5 times larger")
    assert 0.1 < relu[-1] / relu[0] < 1
    assert 4 < relu[0] / relu[-1] < 6


def test_with_adam_the_sigmoid_lesson_sits_on_its_plateau_while_the_relu_lesson_learns():
    """README: the sigmoid lesson stays near L = log 2 for its first hundred iterations; ReLU learns at once."""
    losses = {}
    for stem in ("deep_sigmoid", "deep_relu"):
        doc = load(GALLERY / f"{stem}.json")
        config = dataclasses.replace(doc.training, iterations=100)
        losses[stem] = [row["loss"] for row in train(doc.network, doc.data, config).history]
    assert all(abs(loss - math.log(2)) < 0.02 for loss in losses["deep_sigmoid"][1:])  # 10 … 100
    assert losses["deep_relu"][-1] < 0.3 * math.log(2)


# ----------------------------------------------------------------- teacher's notes


@pytest.mark.parametrize("stem", CLASSICS)
def test_each_classic_has_a_note_in_both_languages_on_a_step_it_has(stem):
    raw = json.loads((GALLERY / f"{stem}.json").read_text(encoding="utf-8"))
    notes = raw["notes"]
    assert notes
    steps = stepped(stem)
    for note in notes:
        assert set(note) == {"phase", "symbol", "text"}
        assert (note["phase"], note["symbol"]) in steps, note["symbol"]
        assert note["text"]["en"].strip()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in note["text"]["zh_CN"])
