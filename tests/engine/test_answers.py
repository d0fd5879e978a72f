"""Checking a typed answer for one step: the precision rule, input forms, and the mistakes named."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.answers import check_answer, grade, step_context
from engine.compile import compile_network
from engine.errors import ValidationError
from engine.network import Network
from engine.stepper import Stepper
from engine.typed_numbers import parse_array, parse_number

from . import array_graphs
from . import lecture_reference as ref
from .check_cases import HEADS, random_case


def _stepper(granularity="neuron", lam=0.0, network=None, x=ref.X, y=(ref.Y,)):
    net = Network.from_dict(dict(network or ref.NETWORK, weight_decay=lam))
    return Stepper(compile_network(net, x, list(y), granularity), learning_rate=0.5)


def _to(stepper, phase, symbol):
    """Move to the step (of ``phase``) whose node is ``symbol``, without taking it."""
    for step in stepper.schedule:
        if step.phase == phase and step.node.sym.text == symbol:
            stepper.goto(step.index)
            return stepper
    raise AssertionError(symbol)


# ---------------------------------------------------------------------- the precision rule
@pytest.mark.parametrize(("typed", "true", "verdict"), [
    ("0.766", 0.7657380, "correct"),  # |0.766 − t| = 0.00026 ≤ 0.0005
    ("0.7657", 0.7657380, "correct"),
    ("0.123", 0.1234999, "correct"),  # 0.0004999 ≤ half a unit
    ("0.123", 0.1235001, "not_quite"),  # just beyond half a unit, within 1 %
    ("0.767", 0.7657380, "not_quite"),  # 0.17 % off
    ("0.77", 0.7657380, "too_few_digits"),  # right at two digits: type three
    ("0.8", 0.7657380, "too_few_digits"),
    ("0.9", 0.7657380, "wrong"),
    ("0.7734", 0.7657380, "wrong"),  # 1.004 % off
    ("0.7733", 0.7657380, "not_quite"),  # 0.99 % off
    ("1", 1.0, "correct"),  # exact: no digits needed
    ("0.5", 0.5, "correct"),
    ("2.4", 2.4000000000000004, "correct"),
    ("0", 0.0, "correct"),
    ("0.0001", 0.0, "wrong"),
    ("1.23e3", 1234.0, "correct"),  # unit 10
    ("1/4", 0.25, "correct"),  # an exact fraction equals the value
    ("1/4", 0.2501, "not_quite"),
    ("0,766", 0.7657380, "correct"),  # a decimal comma
    ("\uff10\uff0e\uff17\uff16\uff16", 0.7657380, "correct"),  # full-width digits, as an input method types them
    ("−0.766", -0.7657380, "correct"),
    ("7.66×10^-1", 0.7657380, "correct"),
])
def test_the_precision_rule_at_its_boundaries(typed, true, verdict):
    assert grade(parse_number(typed), true) == verdict


def test_typed_numbers_keep_their_precision():
    assert parse_number("0.00036").digits == 2
    assert parse_number("0.7660").unit == pytest.approx(1e-4)
    assert parse_number("12").unit == 1.0
    assert parse_number("3/4").exact
    typed, shape = parse_array("[[0,5; 1,5], [2; 3]]")
    assert shape == (2, 2)
    assert [t.value for t in typed] == [0.5, 1.5, 2.0, 3.0]
    assert parse_array("\uff3b0.5, 0.6\uff3d")[1] == (2,)  # full-width brackets
    for bad in ("abc", "1/0", "[1, 2", "1.2.3", "", "[1, [2]]", "[[1, 2], 3]", "1e999", [[]], [[1], [2, 3]]):
        with pytest.raises(ValidationError):
            parse_array(bad)


def test_a_right_answer_a_wrong_one_and_the_reveal():
    stepper = _to(_stepper(), "forward", "ŷ")
    right = check_answer(stepper, "0.7657")
    assert right.correct
    assert str(right.message) == "Correct."
    wrong = check_answer(stepper, "0.7692")  # the lecture's slip: within 1 %
    assert wrong.verdict == "not_quite"
    assert str(wrong.reveal) == "The true value is 0.7657."
    assert check_answer(stepper, "0.5").verdict == "wrong"


def test_the_step_just_taken_can_be_checked_too():
    stepper = _to(_stepper(), "forward", "ŷ")
    stepper.step_forward()
    assert check_answer(stepper, "0.7657", index=stepper.position - 1).correct
    with pytest.raises(IndexError):
        check_answer(stepper, "1", index=0)


# ---------------------------------------------------------------------- mistakes, at neuron and operation steps
@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_a_forgotten_slope_is_named(granularity):
    stepper = _to(_stepper(granularity), "backward", "z₂")  # δ₂ = ∂L/∂ŷ·σ′(z₂)
    result = check_answer(stepper, f"{ref.dL_dyhat:.4f}")  # ∂L/∂ŷ alone
    assert result.verdict == "wrong"
    assert str(result.mistakes[0]) == "You left out σ′(z₂) = ŷ(1 − ŷ), the activation's slope."


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_a_sign_error_is_named(granularity):
    stepper = _to(_stepper(granularity), "backward", "ŷ")
    result = check_answer(stepper, f"{-ref.dL_dyhat:.4f}")
    assert [m.code for m in result.mistakes] == ["mistake.sign"]


def test_an_update_with_the_wrong_sign_is_named():
    stepper = _stepper()
    stepper.goto(stepper.phase_bounds("update")[0])
    node = stepper.schedule[stepper.position].node
    w, g = float(node.value), float(node.grad)
    assert check_answer(stepper, f"{w - 0.5 * g:.6f}").correct
    assert check_answer(stepper, f"{w + 0.5 * g:.6f}").mistakes[0].code == "mistake.sign"


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_a_rounded_intermediate_is_named(granularity):
    stepper = _to(_stepper(granularity), "backward", "z₂")
    # δ₂ from the two factors rounded to two significant digits: 0.27 × 0.18
    result = check_answer(stepper, "0.0486")
    assert round(ref.dL_dyhat, 2) * round(ref.dyhat_dz2, 2) == pytest.approx(0.0486)
    assert "You used numbers rounded to 2 significant digits: keep more digits until the end." in map(
        str, result.mistakes)


TWO_OUTPUTS = {"layers": [{"size": 2}, {"size": 2, "activation": "sigmoid", "weights": [list(r) for r in ref.W1],
                                         "biases": list(ref.B1)},
                          {"size": 2, "activation": "sigmoid", "weights": [[0.9, -0.4], [0.1, 0.3]],
                           "biases": [0.3, -0.1]}], "loss": "half_sse"}


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_one_path_at_a_fan_out_is_named(granularity):
    stepper = _to(_stepper(granularity, network=TWO_OUTPUTS, y=(0.5, 0.2)), "backward", "a₁[1]")
    r = array_graphs.reference()  # the same network by hand: ∂L/∂a₁[1] = δ₂[1]·W₂[1,1] + δ₂[2]·W₂[1,2]
    one_path = r["d2"][0, 0] * 0.9
    result = check_answer(stepper, f"{one_path:.5f}")
    assert not result.correct
    consumer = "z₂[1]" if granularity == "neuron" else "p₂[1,1]"
    assert str(result.mistakes[0]) == (f"You used only the path through {consumer}: a₁[1] feeds 2 nodes, "
                                       "and their contributions add up.")
    assert check_answer(stepper, f"{r['da1'][0, 0]:.5f}").correct


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_weight_decay_left_out_is_named(granularity):
    stepper = _to(_stepper(granularity, lam=0.1), "backward", "W₂[1,1]")
    _objective, _dw1, dw2 = ref.with_decay(0.1)
    assert check_answer(stepper, f"{dw2[0]:.5f}").correct
    result = check_answer(stepper, f"{ref.dW2[0]:.5f}")  # ∂L/∂W without λW
    assert str(result.mistakes[0]) == "You left out λW₂[1,1], the weight-decay term of ∂J/∂W₂[1,1]."


# ---------------------------------------------------------------------- whole arrays (the shape of layer steps)
def _array_stepper(phase, symbol):
    return _to(Stepper(array_graphs.layer_graph(), learning_rate=0.5), phase, symbol)


def test_a_matrix_answer_is_checked_entry_by_entry_and_a_transposed_one_is_named():
    r = array_graphs.reference()
    stepper = _array_stepper("backward", "W₁")
    right = check_answer(stepper, [[f"{v:.6g}" for v in row] for row in r["dW1"]])
    assert right.correct
    assert right.entries == ["correct"] * 4
    swapped = check_answer(stepper, [[f"{v:.6g}" for v in row] for row in r["dW1"].T])
    assert not swapped.correct
    assert str(swapped.mistakes[0]) == "Rows and columns are swapped: ∂L/∂W₁ is 2×2."
    short = check_answer(stepper, "[0.1, 0.2]")
    assert short.verdict == "wrong"
    assert short.mistakes[0].code == "mistake.shape"


def test_a_missing_transpose_is_named():
    r = array_graphs.reference()
    stepper = _array_stepper("backward", "a₁")  # ∂L/∂a₁ = δ₂·W₂ᵀ
    no_transpose = r["d2"] @ array_graphs.W2
    assert check_answer(stepper, [f"{v:.6g}" for v in r["da1"].ravel()]).correct
    result = check_answer(stepper, [f"{v:.6g}" for v in no_transpose.ravel()])
    assert str(result.mistakes[0]) == "A transpose is missing: multiply by W₂ᵀ, not W₂."


def test_a_forgotten_slope_is_named_for_a_whole_layer():
    r = array_graphs.reference()
    stepper = _array_stepper("backward", "z₂")
    without = r["yhat"] - array_graphs.Y
    result = check_answer(stepper, "[{:.6g}, {:.6g}]".format(*without.ravel()))
    assert str(result.mistakes[0]) == "You left out σ′(z₂) = ŷ(1 − ŷ), the activation's slope."


# ---------------------------------------------------------------------- the true values always pass
@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), granularity=st.sampled_from(["neuron", "operation"]),
       hidden=st.sampled_from(["sigmoid", "tanh", "relu", "leaky_relu"]), decay=st.sampled_from([0.0, 0.1]),
       head=st.sampled_from(HEADS))
def test_true_values_always_check_as_correct(seed, granularity, hidden, decay, head):
    net, x, y = random_case(seed, hidden, decay, head)
    stepper = Stepper(compile_network(net, x, y, granularity))
    while not stepper.at_end:
        true = float(step_context(stepper).true)
        if math.isfinite(true):
            assert check_answer(stepper, f"{true:.6e}").correct
            assert check_answer(stepper, repr(true)).correct
        stepper.step_forward()

