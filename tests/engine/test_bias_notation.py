"""Layers without bias ("bias": false) and the lesson's notation ("notation": "lecture" | "d2l").

Expected numbers are derived here in float64 (central differences, or by hand), never copied.
"""

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import batched, edits
from engine.compile import compile_network, graph_gradients, operation_node_count
from engine.derivation import handout
from engine.document import Data, Document, load, loads
from engine.errors import ValidationError
from engine.gradcheck import central_difference, network_gradcheck
from engine.lesson import NetworkLesson
from engine.network import Network, make_network
from engine.roles import Role
from engine.stepper import Stepper
from engine.training import TrainingConfig, train

GALLERY_D2L = "resources/examples/d2l_weight_decay.json"
PAIRINGS = [("sigmoid", "half_sse"), ("tanh", "mse"), ("sigmoid", "bce"), ("softmax", "cross_entropy"),
            ("linear", "half_sse")]  # smooth activations: central differences across relu's kink at 0 say nothing


def _raw(layers, **network) -> dict:
    return {"format": "backprop-studio", "version": 1, "network": {"layers": layers, **network},
            "data": {"inputs": [[1, 2]], "targets": [[0.5]]}}


NO_BIAS = [{"size": 2}, {"size": 2, "activation": "sigmoid", "weights": [[0.5, 0.6], [0.7, 0.8]], "bias": False},
           {"size": 1, "activation": "sigmoid", "weights": [[0.9], [0.1]], "biases": [0.3]}]


# ----------------------------------------------------------------- the file format
def test_bias_false_and_notation_round_trip_through_the_file():
    doc = loads(json.dumps(_raw(NO_BIAS, notation="d2l")))
    net = doc.network
    assert (net.has_bias(1), net.has_bias(2), net.notation) == (False, True, "d2l")
    assert net.biases(1).tolist() == [0.0, 0.0]
    saved = json.loads(doc.to_json())["network"]
    assert saved["notation"] == "d2l"
    assert saved["layers"][1]["bias"] is False
    assert "biases" not in saved["layers"][1]
    assert saved["layers"][2]["biases"] == [0.3]
    assert "bias" not in saved["layers"][2]
    again = loads(doc.to_json()).network
    assert (again.has_bias(1), again.has_bias(2), again.notation) == (False, True, "d2l")
    assert again.to_dict() == net.to_dict()


def test_an_old_file_loads_and_saves_as_it_was(repo_root):
    path = repo_root / "resources" / "examples" / "lecture_2-2-1.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    net = load(path).network
    assert net.notation == "lecture"
    assert all(net.has_bias(layer) for layer in range(1, len(net.layers)))
    assert net.to_dict() == raw["network"]  # no "notation" and no "bias" key appears


@pytest.mark.parametrize(("change", "field", "code"), [
    (lambda r: r["network"]["layers"][1].update(biases=[0.0, 0.0]), "network.layers[1].biases",
     "network.biases_without_bias"),
    (lambda r: r["network"]["layers"][1].update(bias="no"), "network.layers[1].bias", "expected.kind_got"),
    (lambda r: r["network"].update(notation="tex"), "network.notation", "unknown.notation_one_of"),
])
def test_a_contradiction_or_a_wrong_value_names_its_field(change, field, code):
    raw = _raw([dict(layer) for layer in NO_BIAS])
    change(raw)
    with pytest.raises(ValidationError) as caught:
        loads(json.dumps(raw))
    assert caught.value.field == field
    assert caught.value.problem.code == code


def test_copy_assign_and_edits_carry_bias_and_notation():
    net = make_network([2, 3, 1], bias=[False, True], notation="d2l")
    assert (net.copy().has_bias(1), net.copy().notation) == (False, "d2l")
    other = make_network([2, 3, 1])
    other.assign(net)
    assert (other.has_bias(1), other.has_bias(2), other.notation) == (False, True, "d2l")
    with pytest.raises(ValidationError):
        net.set_bias(1, 0, 1.0)
    on = edits.set_bias(net, 1, True)
    assert on.has_bias(1)
    assert on.biases(1).tolist() == [0.0, 0.0, 0.0]
    assert not net.has_bias(1)
    off = edits.set_bias(make_network([2, 3, 1]), 2, False)
    assert not off.has_bias(2)
    assert off.biases(2).tolist() == [0.0]
    assert edits.set_notation(net, "lecture").notation == "lecture"
    wider = edits.add_neuron(net, 1)
    assert not wider.has_bias(1)
    assert wider.biases(1).tolist() == [0.0] * 4
    assert net.parameter_count() == 2 * 3 + 3 * 1 + 1


# ----------------------------------------------------------------- gradients
@st.composite
def no_bias_cases(draw):
    act, loss = draw(st.sampled_from(PAIRINGS))
    depth = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 3)) for _ in range(depth)] + [draw(st.integers(2, 3))]
    hidden = draw(st.sampled_from(["sigmoid", "tanh", "linear"]))
    bias = [draw(st.booleans()) for _ in range(depth)]
    bias[draw(st.integers(0, depth - 1))] = False  # at least one layer without bias
    decay = draw(st.sampled_from([0.0, 0.1]))
    seed = draw(st.integers(0, 1000))
    net = make_network(sizes, [hidden] * (depth - 1) + [act], loss=loss, weight_decay=decay, seed=seed, bias=bias)
    rng = np.random.default_rng(seed)
    for layer in range(1, depth + 1):
        if net.has_bias(layer):
            net.layers[layer].biases = rng.normal(size=sizes[layer])
    n = draw(st.integers(1, 3))
    x = rng.normal(size=(n, sizes[0]))
    if loss == "cross_entropy":
        y = np.eye(sizes[-1])[rng.integers(sizes[-1], size=n)]
    elif loss == "bce":
        y = rng.integers(0, 2, size=(n, sizes[-1])).astype(float)
    else:
        y = rng.normal(size=(n, sizes[-1]))
    return net, x, y


def _objective(net: Network, x, y) -> float:
    return batched.loss_value(net, x, y)[1]


@settings(max_examples=25, deadline=None)
@given(no_bias_cases())
def test_a_no_bias_networks_grads_are_central_differences_and_every_path_agrees(case):
    net, x, y = case
    whole = batched.gradients(net, x, y)
    for layer in range(1, net.depth + 1):
        w = net.weights(layer)
        for index in np.ndindex(w.shape):
            def objective(v, index=index, w=w):
                old = w[index]
                w[index] = v
                try:
                    return _objective(net, x, y)
                finally:
                    w[index] = old
            numeric = central_difference(objective, float(w[index]), 1e-6)
            assert whole.weights[layer - 1][index] == pytest.approx(numeric, rel=1e-5, abs=1e-7)
        if not net.has_bias(layer):
            assert whole.biases[layer - 1].tolist() == [0.0] * net.sizes[layer]
    report = network_gradcheck(net, Data(x, y))
    assert report.passed, report.worst
    assert {c.group for c in report.checks} == \
        {f"{kind}{'₀₁₂₃'[layer]}" for layer in range(1, net.depth + 1)
         for kind in ("W", "b") if kind == "W" or net.has_bias(layer)}
    for granularity in ("neuron", "operation"):
        parts = []
        for k in range(len(x)):
            graph = compile_network(net, x[k], y[k], granularity)
            assert not any(node.meta.get("role") == Role.BIAS and not net.has_bias(node.meta["layer"])
                           for node in graph.nodes)
            graph.forward()
            graph.backward()
            parts.append(graph_gradients(graph, net))
        for layer in range(net.depth):
            mean_w = np.mean([p[0][layer] for p in parts], axis=0)
            mean_b = np.mean([p[1][layer] for p in parts], axis=0)
            np.testing.assert_allclose(mean_w, whole.weights[layer], rtol=1e-10, atol=1e-13)
            np.testing.assert_allclose(mean_b, whole.biases[layer], rtol=1e-10, atol=1e-13)
        if granularity == "operation" and net.loss in ("half_sse", "mse"):  # (the count assumes e = ŷ − y nodes)
            assert len(graph.nodes) == operation_node_count(net)


def test_a_no_bias_weighted_sum_has_no_b_term():
    net = loads(json.dumps(_raw(NO_BIAS))).network
    graph = compile_network(net, [1.0, 2.0], [0.5], "neuron")
    z = graph.by_name("z₁[1]")
    assert z.op.formula([n.sym for n in z.inputs], False).text == "X[1]·W₁[1,1] + X[2]·W₁[2,1]"
    graph.forward()
    assert float(z.value) == 1 * 0.5 + 2 * 0.7  # z₁[1] = X·W₁ with no bias
    z2 = graph.by_name("z₂")
    assert z2.op.formula([n.sym for n in z2.inputs], False).text.endswith(" + b₂")
    op_graph = compile_network(net, [1.0, 2.0], [0.5], "operation")
    assert not any(n.sym.text.startswith(("u₁", "b₁")) for n in op_graph.nodes)
    assert {"u₂", "b₂"} <= {n.sym.text for n in op_graph.nodes}


# ----------------------------------------------------------------- training
@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_training_never_gives_a_no_bias_layer_a_bias(optimizer):
    net = make_network([2, 3, 1], ["tanh", "sigmoid"], bias=[False, True], seed=4)
    start = net.copy()
    rng = np.random.default_rng(1)
    x = rng.normal(size=(8, 2))
    y = (x[:, :1] > 0).astype(float)
    result = train(net, Data(x, y), TrainingConfig(optimizer=optimizer, learning_rate=0.1, iterations=50))
    assert result.status == "finished"
    assert not net.has_bias(1)
    assert net.biases(1).tolist() == [0.0, 0.0, 0.0]
    assert not np.array_equal(net.weights(1), start.weights(1))
    assert not np.array_equal(net.biases(2), start.biases(2))  # the output layer's bias does train
    assert "biases" not in net.to_dict()["layers"][1]


# ----------------------------------------------------------------- notation
def test_the_d2l_lesson_steps_in_d2l_symbols(repo_root):
    doc = load(repo_root / GALLERY_D2L)
    assert doc.network.notation == "d2l"
    assert not any(doc.network.has_bias(layer) for layer in (1, 2))
    stepper = Stepper(compile_network(doc.network, doc.data.inputs[0], doc.data.targets[0], "neuron"), 0.5)
    stepper.run_to_end()
    steps = [stepper.explain(k) for k in range(len(stepper))]
    formulas = [(e.symbol.text, e.symbolic.text) for e in steps]
    assert ("z⁽¹⁾[1]", "x[1]·W⁽¹⁾[1,1] + x[2]·W⁽¹⁾[2,1]") in formulas
    assert ("h⁽¹⁾[1]", "σ(z⁽¹⁾[1])") in formulas
    assert ("z⁽²⁾", "h⁽¹⁾[1]·W⁽²⁾[1,1] + h⁽¹⁾[2]·W⁽²⁾[2,1] + h⁽¹⁾[3]·W⁽²⁾[3,1]") in formulas
    assert ("L", "½(o − y)²") in formulas
    assert all("b" not in text and "ŷ" not in text and "a₁" not in text for pair in formulas for text in pair)
    # By hand: z = x·W⁽¹⁾ = [0.9, 0.5, −0.4], o = h·W⁽²⁾ with h = σ(z).
    sigma = [1 / (1 + math.exp(-t)) for t in (0.9, 0.5, -0.4)]
    o = 0.7 * sigma[0] - 0.5 * sigma[1] + 0.3 * sigma[2]
    assert float(stepper.graph.by_name("o").value) == pytest.approx(o, rel=1e-15)
    html = next(e for e in steps if e.symbol.text == "z⁽¹⁾[1]").symbol.html
    assert "z<sup>(1)</sup>[1]" in html


def test_handouts_of_a_no_bias_d2l_lesson_show_no_b(repo_root):
    lesson = NetworkLesson(load(repo_root / GALLERY_D2L))
    latex, markdown = handout(lesson, "latex"), handout(lesson, "markdown")
    assert "W^{(1)}" in latex
    assert "W^{(2)}" in markdown
    assert "b^{(1)}" not in latex
    assert "b^{(1)}" not in markdown
    assert "b_{1}" not in latex
    assert "h^{(1)}" in latex  # the network picture names the hidden neurons h


def test_grads_and_the_numpy_export_leave_out_a_missing_bias(tmp_path, repo_root):
    import subprocess
    import sys

    net = make_network([2, 2, 1], bias=[False, True], seed=2)
    path = tmp_path / "lesson.json"
    path.write_text(Document(network=net, data=Data(np.array([[1.0, 2.0]]), np.array([[0.5]]))).to_json())
    run = lambda *args, cwd=repo_root: subprocess.run([sys.executable, *args], capture_output=True,  # noqa: E731
                                                     text=True, cwd=cwd, timeout=120)
    grads = json.loads(run("-m", "engine", "grads", str(path)).stdout)
    assert [set(entry) for entry in grads["gradients"]] == [{"weights"}, {"weights", "biases"}]
    script = tmp_path / "net.py"
    assert run("-m", "engine", "export", str(path), "--to", "numpy", "-o", str(script)).returncode == 0
    exported = json.loads(run(str(script), cwd=tmp_path).stdout)
    assert [set(entry) for entry in exported["gradients"]] == [{"weights"}, {"weights", "biases"}]
    for mine, theirs in zip(exported["gradients"], grads["gradients"], strict=True):
        for key in mine:
            np.testing.assert_allclose(mine[key], theirs[key], rtol=1e-10, atol=1e-13)
    assert exported["objective"] == pytest.approx(grads["objective"], rel=1e-12)


@pytest.mark.parametrize(("granularity", "code"), [("neuron", "weighted_sum_no_bias"), ("operation", "sum")])
def test_the_plain_sentence_of_a_no_bias_weighted_sum_does_not_add_a_bias(repo_root, granularity, code):
    from engine.handout_sentences import sentence

    doc = load(repo_root / GALLERY_D2L)
    stepper = Stepper(compile_network(doc.network, doc.data.inputs[0], doc.data.targets[0], granularity), 0.5)
    stepper.run_to_end()
    said = next(sentence(e) for e in map(stepper.explain, range(len(stepper))) if e.symbol.text == "z⁽¹⁾[1]")
    assert said.code == code
    assert "bias" not in said.render("text").replace("has no bias", "")
