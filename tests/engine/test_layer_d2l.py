"""d2l 4.7 at layer granularity, in d2l's notation: x, W⁽¹⁾, z = W⁽¹⁾x, h = φ(z), W⁽²⁾, o = W⁽²⁾h, y, L, s, J,
and the backward steps in the order of its equations 4.7.8 to 4.7.14; and the exact δ of saturated
sigmoid + bce and softmax + cross-entropy outputs."""

import numpy as np
import pytest

from engine import batched
from engine.compile import compile_network, graph_gradients, graph_parameters
from engine.document import load
from engine.network import make_network
from engine.stepper import Stepper

from .test_handout_compile import ROOT

D2L = ROOT / "resources" / "examples" / "d2l_weight_decay.json"


def d2l_network():
    doc = load(D2L)
    network = doc.network
    network.notation = "d2l"  # the lesson file's "notation": "d2l" and "bias": false (read with getattr)
    network.has_bias = lambda layer: False
    return network, doc.data.inputs, doc.data.targets


def test_d2l_steps_are_its_variables_in_its_order_with_true_values():
    network, x, y = d2l_network()
    lam = network.weight_decay
    graph = compile_network(network, x, y, "layer")
    variables = [n.sym.text for n in graph.nodes if not n.meta.get("aux")]
    assert variables == ["x", "W⁽¹⁾", "z", "h", "W⁽²⁾", "o", "y", "L", "s", "J"]  # d2l's 10 variables
    stepper = Stepper(graph, 0.5)
    stepper.goto(stepper.phase_bounds("backward")[1])
    # by hand, column vectors as d2l prints them: W⁽¹⁾ is the file's in×out matrix transposed
    w1, w2 = network.weights(1).T, network.weights(2).T
    xc, yc = x.T, y.T
    z = w1 @ xc
    h = 1 / (1 + np.exp(-z))
    o = w2 @ h
    loss = 0.5 * float(np.sum((o - yc) ** 2))
    s = lam / 2 * (float(np.sum(w1 ** 2)) + float(np.sum(w2 ** 2)))
    d_o = o - yc
    d_w2 = d_o @ h.T + lam * w2  # 4.7.12
    d_h = w2.T @ d_o  # 4.7.13
    slope = h * (1 - h)
    d_z = d_h * slope  # 4.7.14
    d_w1 = d_z @ xc.T + lam * w1  # 4.7.15
    expected = [("z", z), ("h", h), ("o", o), ("L", loss), ("‖W⁽¹⁾‖²", np.sum(w1 ** 2)), ("‖W⁽²⁾‖²", np.sum(w2 ** 2)),
                ("s", s), ("J", loss + s), ("∂J/∂L", 1.0), ("∂J/∂s", 1.0), ("∂J/∂o", d_o), ("∂s/∂W⁽¹⁾", lam * w1),
                ("∂s/∂W⁽²⁾", lam * w2), ("∂J/∂W⁽²⁾", d_w2), ("∂J/∂h", d_h), ("σ′(z)", slope), ("∂J/∂z", d_z),
                ("∂J/∂W⁽¹⁾", d_w1)]
    assert stepper.position == len(expected)
    for k, (symbol, value) in enumerate(expected):
        e = stepper.explain(k)
        assert e.symbol.text == symbol
        np.testing.assert_allclose(e.value, value, rtol=1e-14, atol=1e-17)
    shown = {stepper.explain(k).symbol.text: stepper.explain(k) for k in range(stepper.position)}
    assert shown["z"].symbolic.text == "W⁽¹⁾·x"
    assert shown["∂J/∂W⁽¹⁾"].symbolic.text == "∂J/∂z·xᵀ + ∂J/∂s·∂s/∂W⁽¹⁾"  # as d2l prints it, plus λW
    assert shown["∂J/∂h"].symbolic.text == "W⁽²⁾ᵀ·∂J/∂o"
    assert shown["∂J/∂z"].symbolic.text == "∂J/∂h ⊙ σ′(z)"
    weights, _biases = graph_gradients(graph, network)  # read back in the file's in×out layout
    reference = batched.gradients(network, x, y)
    for got, want in zip(weights, reference.weights, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-13)
    stepper.run_to_end()
    new, _ = graph_parameters(graph, network)
    np.testing.assert_array_equal(new[0], network.weights(1) - 0.5 * weights[0])


@pytest.mark.parametrize("logit", [40.0, -40.0, 745.0, -745.0])
@pytest.mark.parametrize("target", [0.0, 1.0])
def test_saturated_sigmoid_bce_keeps_its_exact_delta(logit, target):
    network = make_network([1, 1], "sigmoid", "bce")
    network.layers[1].weights[:] = 1.0
    network.layers[1].biases[:] = 0.0
    graph = compile_network(network, [[logit]], [[target]], "layer")
    stepper = Stepper(graph, 0.1)
    stepper.run_to_end()
    delta = graph.by_name("z₁").grad
    sigma = 1 / (1 + np.exp(-logit)) if logit > 0 else np.exp(logit) / (1 + np.exp(logit))
    exact = sigma - target if target == 0 else -(np.exp(-logit) / (1 + np.exp(-logit)) if logit > 0 else
                                                 1 / (1 + np.exp(logit)))
    assert delta.item() == pytest.approx(exact, rel=1e-15, abs=0)
    assert np.isfinite(delta).all()


def test_softmax_cross_entropy_keeps_its_exact_delta_far_out():
    network = make_network([2, 3], "softmax", "cross_entropy")
    network.layers[1].weights[:] = [[800.0, -800.0, 0.0], [0.0, 0.0, 0.0]]
    network.layers[1].biases[:] = 0.0
    graph = compile_network(network, [[1.0, 0.0]], [[0.0, 1.0, 0.0]], "layer")
    Stepper(graph, 0.1).run_to_end()
    delta = graph.by_name("z₁").grad
    # ŷ = (1, e⁻¹⁶⁰⁰, e⁻⁸⁰⁰) up to rounding: δ = ŷ − y = (1, −1, e⁻⁸⁰⁰ → 0), finite where ∂L/∂ŷ₂ = −1/ŷ₂ is not
    np.testing.assert_allclose(delta, [[1.0, -1.0, 0.0]], atol=1e-300)
    assert np.isfinite(delta).all()
