"""The lecture example: every forward value, δ and gradient against an independent derivation."""

import numpy as np
import pytest

from engine.compile import graph_gradients
from tests.stepping import step_until

from . import lecture_reference as ref

TOL = 1e-12


def _run(lesson, granularity):
    lesson.set_granularity(granularity)
    lesson.stepper.run_to_end_of_phase()  # forward
    lesson.stepper.run_to_end_of_phase()  # backward
    return lesson.graph


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_forward_values_match_independent_derivation(lecture, granularity):
    graph = _run(lecture, granularity)
    for j in range(2):
        assert float(graph.by_name(f"z₁[{j + 1}]").value) == pytest.approx(ref.z1[j], abs=TOL)
        assert float(graph.by_name(f"a₁[{j + 1}]").value) == pytest.approx(ref.a1[j], abs=TOL)
    assert float(graph.by_name("z₂").value) == pytest.approx(ref.z2, abs=TOL)
    assert float(graph.by_name("ŷ").value) == pytest.approx(ref.yhat, abs=TOL)
    assert float(graph.by_name("L").value) == pytest.approx(ref.L, abs=TOL)


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_error_terms_and_gradients_match(lecture, granularity):
    graph = _run(lecture, granularity)
    assert float(graph.by_name("ŷ").grad) == pytest.approx(ref.dL_dyhat, abs=TOL)
    assert float(graph.by_name("z₂").grad) == pytest.approx(ref.delta2, abs=TOL)
    for j in range(2):
        assert float(graph.by_name(f"a₁[{j + 1}]").grad) == pytest.approx(ref.dL_da1[j], abs=TOL)
        assert float(graph.by_name(f"z₁[{j + 1}]").grad) == pytest.approx(ref.delta1[j], abs=TOL)
    weights, biases = graph_gradients(graph, lecture.network)
    np.testing.assert_allclose(weights[0], ref.dW1, atol=TOL, rtol=0)
    np.testing.assert_allclose(weights[1][:, 0], ref.dW2, atol=TOL, rtol=0)
    np.testing.assert_allclose(biases[0], ref.db1, atol=TOL, rtol=0)
    assert biases[1][0] == pytest.approx(ref.db2, abs=TOL)


def test_weight_gradient_is_shaped_like_the_weights_not_transposed(lecture):
    """The lecture prints ∂L/∂W₁ transposed; entry [i, j] must pair input i with hidden neuron j."""
    graph = _run(lecture, "neuron")
    weights, _ = graph_gradients(graph, lecture.network)
    assert weights[0][1, 0] == pytest.approx(ref.X[1] * ref.delta1[0], abs=TOL)
    assert weights[0][0, 1] == pytest.approx(ref.X[0] * ref.delta1[1], abs=TOL)


def test_neuron_schedule_follows_the_lecture_order(lecture):
    stepper = lecture.stepper
    names = [(s.phase, s.node.grad_sym.text if s.phase == "backward" else s.node.name) for s in stepper.schedule]
    forward = [n for p, n in names if p == "forward"]
    assert forward == ["z₁[1]", "a₁[1]", "z₁[2]", "a₁[2]", "z₂", "ŷ", "L"]
    backward = [n for p, n in names if p == "backward"]
    assert backward[:5] == ["∂L/∂L", "∂L/∂ŷ", "δ₂", "∂L/∂W₂[1,1]", "∂L/∂W₂[2,1]"]
    assert backward.index("δ₁[1]") > backward.index("∂L/∂a₁[2]") > backward.index("∂L/∂b₂")
    assert sum(1 for p, _ in names if p == "update") == 9


def test_backward_step_spells_out_the_chain_rule(lecture):
    stepper = lecture.stepper
    step_until(stepper, lambda: stepper.phase == "backward" and stepper.current.node.grad_sym.text == "δ₂")
    explanation = stepper.explain()
    assert explanation.symbolic.text == "∂L/∂ŷ·σ′(z₂)"
    left, right = explanation.substituted.text.split(" × ")
    assert float(left) == pytest.approx(ref.dL_dyhat, abs=5e-5)
    assert float(right) == pytest.approx(ref.dyhat_dz2, abs=5e-5)
    assert float(explanation.result.text) == pytest.approx(ref.delta2, abs=5e-5)
    assert "\\sigma" in explanation.latex
    assert "<sub>2</sub>" in explanation.html


def test_fan_out_gradient_is_shown_as_a_sum_of_contributions():
    from engine.compile import compile_network
    from engine.network import make_network
    from engine.stepper import Stepper

    net = make_network([2, 2, 2], "sigmoid", seed=3)
    stepper = Stepper(compile_network(net, [0.3, -0.7], [0.2, 0.9]))
    stepper.run_to_end_of_phase()
    step_until(stepper, lambda: stepper.phase == "backward" and stepper.current.node.name == "a₁[1]")
    e = stepper.explain()
    assert e.symbolic.text == "δ₂[1]·W₂[1,1] + δ₂[2]·W₂[1,2]"
    assert len(e.contributions) == 2
    total = sum(float(c["value"]) for c in e.contributions)
    assert total == pytest.approx(float(stepper.current.node.grad), abs=1e-15)


def test_update_step_applies_gradient_descent(lecture):
    stepper = lecture.stepper
    stepper.run_to_end()
    w = lecture.graph.by_name("W₁[2,1]")
    assert float(w.value) == pytest.approx(0.7 - 0.5 * ref.dW1[1][0], abs=TOL)
    explanation = stepper.explain(stepper.schedule.index(next(s for s in stepper.schedule
                                                             if s.phase == "update" and s.node is w)))
    assert explanation.text.startswith("W₁[2,1] ← W₁[2,1] − η·∂L/∂W₁[2,1] = 0.7 − 0.5 × ")
