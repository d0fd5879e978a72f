"""Expression lessons: values and gradients worked out by hand, stepping, notation, and refusals."""

import ast
import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import expression_check, expressions
from engine.errors import ExpressionError
from engine.expressions import (
    FUNCTION_NAMES,
    MAX_DEPTH,
    compile_expression,
    evaluate,
    free_variables,
    output_name,
)
from engine.stepper import Stepper


def sigma(t: float) -> float:
    return 1.0 / (1.0 + math.exp(-t))


def central(source: str, values: dict[str, float], name: str, h: float = 1e-6) -> float:
    """A central difference of the program's output, written here independently of gradcheck.py."""
    up, down = dict(values), dict(values)
    up[name] += h
    down[name] -= h
    (f_up,) = evaluate(source, up)[0].values()
    (f_down,) = evaluate(source, down)[0].values()
    return (f_up - f_down) / (2 * h)


# ---------------------------------------------------------------------- circuits by hand
def test_cs231n_add_multiply_circuit():
    outputs, grads = evaluate("q = x + y\nf = q * z", {"x": -2, "y": 5, "z": -4})
    assert outputs == {"f": -12.0}
    # q = x + y = 3; ∂f/∂z = q = 3; ∂f/∂q = z = −4; ∂f/∂x = ∂f/∂y = ∂f/∂q · 1 = −4
    assert grads == {"x": -4.0, "y": -4.0, "z": 3.0}


def test_single_line_circuit_matches_staged_one():
    assert evaluate("f = (x + y) * z", {"x": -2, "y": 5, "z": -4}) == (
        {"f": -12.0}, {"x": -4.0, "y": -4.0, "z": 3.0})


def test_two_input_sigmoid_neuron():
    w0, x0, w1, x1, w2 = 2.0, -1.0, -3.0, -2.0, -3.0
    source = "f = sigmoid(w0*x0 + w1*x1 + w2)"
    outputs, grads = evaluate(source, {"w0": w0, "x0": x0, "w1": w1, "x1": x1, "w2": w2})
    dot = w0 * x0 + w1 * x1 + w2  # = 1
    f = 1.0 / (1.0 + math.exp(-dot))
    ddot = (1.0 - f) * f  # σ′(dot) = σ(1 − σ) ≈ 0.1966
    assert dot == 1.0
    assert outputs["f"] == pytest.approx(f, rel=1e-15)
    expected = {"w0": x0 * ddot, "x0": w0 * ddot, "w1": x1 * ddot, "x1": w1 * ddot, "w2": ddot}
    assert grads.keys() == expected.keys()
    for name, value in expected.items():
        assert grads[name] == pytest.approx(value, rel=1e-14), name
    assert grads["x0"] == pytest.approx(0.39322386648, rel=1e-10)  # CS231n's [0.39, -0.59]
    assert grads["x1"] == pytest.approx(-0.58983579972, rel=1e-10)


STAGED = """\
sigy = sigmoid(y)
num = x + sigy
sigx = sigmoid(x)
xpy = x + y
xpysqr = xpy ** 2
den = sigx + xpysqr
invden = 1 / den
f = num * invden
"""


def staged_by_hand(x: float, y: float) -> tuple[float, float, float]:
    """f = (x + σ(y)) / (σ(x) + (x + y)²) and its partial derivatives by the quotient rule."""
    n = x + sigma(y)
    d = sigma(x) + (x + y) ** 2
    dn_dx, dn_dy = 1.0, sigma(y) * (1 - sigma(y))
    dd_dx, dd_dy = sigma(x) * (1 - sigma(x)) + 2 * (x + y), 2 * (x + y)
    return n / d, (dn_dx * d - n * dd_dx) / d**2, (dn_dy * d - n * dd_dy) / d**2


def test_staged_function_with_fan_out():
    outputs, grads = evaluate(STAGED, {"x": 3.0, "y": -4.0})
    f, dfdx, dfdy = staged_by_hand(3.0, -4.0)
    assert outputs["f"] == pytest.approx(f, rel=1e-14)
    assert grads["x"] == pytest.approx(dfdx, rel=1e-12)
    assert grads["y"] == pytest.approx(dfdy, rel=1e-12)


def test_fan_out_gradient_is_shown_as_a_sum_of_contributions():
    graph = compile_expression(STAGED, {"x": 3.0, "y": -4.0})
    stepper = Stepper(graph)
    stepper.run_to_end()
    x = graph.by_name("x")
    step = next(s for s in stepper.schedule if s.phase == "backward" and s.node is x)
    explanation = stepper.explain(step.index)
    # x feeds num, sigx and xpy: three contributions, shown with " + ", adding up to the gradient
    assert len(explanation.contributions) == 3
    assert explanation.symbolic.text.count(" + ") == 2
    total = sum(float(c["value"]) for c in explanation.contributions)
    assert total == pytest.approx(float(x.grad), rel=1e-15)


def test_variable_used_twice_sums_both_paths():
    # f = x·x + x → ∂f/∂x = 2x + 1
    _, grads = evaluate("f = x * x + x", {"x": 1.5})
    assert grads == {"x": 4.0}


def test_augmented_assignment():
    outputs, grads = evaluate("f = x * y\nf += x", {"x": 3.0, "y": -2.0})
    assert outputs == {"f": -3.0}  # x·y + x
    assert grads == {"x": -1.0, "y": 3.0}  # y + 1, x
    graph = compile_expression("f = x * y\nf += x", {"x": 3.0, "y": -2.0})
    assert graph.output.sym.text == "f′"
    assert output_name(graph) == "f"


@pytest.mark.parametrize(("source", "f", "dfdx"), [
    ("f = x\nf -= 1", 1.0, 1.0),
    ("f = x\nf *= x", 4.0, 4.0),
    ("f = x\nf /= 4", 0.5, 0.25),
    ("f = x\nf **= 3", 8.0, 12.0),
    ("x += 1\nf = x * x", 9.0, 6.0),  # a free variable updated in place: f = (x + 1)²
])
def test_every_augmented_operator(source, f, dfdx):
    outputs, grads = evaluate(source, {"x": 2.0})
    assert next(iter(outputs.values())) == pytest.approx(f, rel=1e-15)
    assert grads["x"] == pytest.approx(dfdx, rel=1e-15)


@pytest.mark.parametrize(("source", "f", "dfdx", "dfdy"), [
    ("f = -x * y", 6.0, 3.0, -2.0),  # (−x)·y: ∂/∂x = −y, ∂/∂y = −x
    ("f = -(x + y)", 1.0, -1.0, -1.0),
    ("f = - -x + +y", -1.0, 1.0, 1.0),
    ("f = x * -3 + y", -9.0, -3.0, 1.0),
])
def test_unary_minus_and_plus(source, f, dfdx, dfdy):
    outputs, grads = evaluate(source, {"x": 2.0, "y": -3.0})
    assert outputs == {"f": f}
    assert grads == {"x": dfdx, "y": dfdy}


def test_minus_on_a_number_is_folded_into_the_constant():
    graph = compile_expression("f = x * -3", {"x": 2.0})
    constants = [n for n in graph.nodes if n.kind == "const"]
    assert [float(n.value) for n in constants] == [-3.0]
    assert constants[0].sym.text == "(−3)"
    assert not any(n.op is not None and n.op.name == "neg" for n in graph.nodes)


def test_division():
    x, y = 3.0, -4.0
    outputs, grads = evaluate("f = x / y", {"x": x, "y": y})
    assert outputs == {"f": x / y}
    assert grads["x"] == 1.0 / y
    assert grads["y"] == pytest.approx(-x / y**2, rel=1e-15)


@pytest.mark.parametrize(("source", "f", "dfdx"), [
    ("f = x ** 3", 8.0, 12.0),  # 3x²
    ("f = x ** -1", 0.5, -0.25),  # −1/x²
    ("f = x ** 0.5", math.sqrt(2.0), 0.5 / math.sqrt(2.0)),
    ("f = (x + 1) ** 2", 9.0, 6.0),
])
def test_power_by_a_number(source, f, dfdx):
    graph = compile_expression(source, {"x": 2.0})
    powers = [n for n in graph.nodes if n.op is not None and n.op.name == "pow"]
    assert len(powers) == 1
    assert len(powers[0].inputs) == 1  # the exponent is part of the op, not a node
    assert type(powers[0].op).__name__ == "PowConst"
    outputs, grads = evaluate(source, {"x": 2.0})
    assert outputs["f"] == pytest.approx(f, rel=1e-15)
    assert grads["x"] == pytest.approx(dfdx, rel=1e-15)


def test_power_with_a_variable_exponent():
    x, y = 1.5, 2.5
    outputs, grads = evaluate("f = x ** y", {"x": x, "y": y})
    assert outputs["f"] == pytest.approx(x**y, rel=1e-15)
    assert grads["x"] == pytest.approx(y * x ** (y - 1), rel=1e-14)  # y·x^(y−1)
    assert grads["y"] == pytest.approx(x**y * math.log(x), rel=1e-14)  # x^y·log x
    _, grads = evaluate("f = 2 ** x", {"x": 3.0})
    assert grads["x"] == pytest.approx(8.0 * math.log(2.0), rel=1e-15)


FUNCTION_POINTS = {"exp": 0.7, "log": 1.7, "sqrt": 2.3, "sin": 0.9, "cos": 0.9, "tanh": -0.6,
                   "sigmoid": -1.2, "relu": 0.8}
HAND_DERIVATIVES = {
    "exp": math.exp,
    "log": lambda x: 1 / x,
    "sqrt": lambda x: 0.5 / math.sqrt(x),
    "sin": math.cos,
    "cos": lambda x: -math.sin(x),
    "tanh": lambda x: 1 - math.tanh(x) ** 2,
    "sigmoid": lambda x: sigma(x) * (1 - sigma(x)),
    "relu": lambda x: 1.0 if x > 0 else 0.0,
}


def test_function_tables_cover_the_whitelist():
    assert set(FUNCTION_NAMES) == set(FUNCTION_POINTS) == set(HAND_DERIVATIVES)
    assert set(FUNCTION_NAMES) == {"exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "relu"}


@pytest.mark.parametrize("name", sorted(FUNCTION_POINTS))
def test_every_function_against_central_differences(name):
    # chain through 2x − 1 so that the local derivative is multiplied, not just copied
    x = (FUNCTION_POINTS[name] + 1.0) / 2.0
    source = f"u = 2 * x - 1\nf = {name}(u) * y"
    values = {"x": x, "y": 1.5}
    _, grads = evaluate(source, values)
    assert grads["x"] == pytest.approx(central(source, values, "x"), rel=1e-7, abs=1e-9)
    assert grads["x"] == pytest.approx(2.0 * 1.5 * HAND_DERIVATIVES[name](2 * x - 1), rel=1e-13)
    assert grads["y"] == pytest.approx(central(source, values, "y"), rel=1e-7, abs=1e-9)


def test_relu_derivative_is_zero_at_and_below_zero():
    assert evaluate("f = relu(x)", {"x": 0.0})[1] == {"x": 0.0}
    assert evaluate("f = relu(x)", {"x": -2.0}) == ({"f": 0.0}, {"x": 0.0})


finite = st.floats(min_value=-3.0, max_value=3.0, allow_nan=False, allow_infinity=False)

MIXED = """\
a = x * y + sin(x)
b = exp(-a) + tanh(y) ** 2
f = a / (1 + b) - sigmoid(x - y)
"""


def mixed_by_hand(x: float, y: float) -> tuple[float, float, float]:
    a = x * y + math.sin(x)
    da_dx, da_dy = y + math.cos(x), x
    b = math.exp(-a) + math.tanh(y) ** 2
    db_dx = -math.exp(-a) * da_dx
    db_dy = -math.exp(-a) * da_dy + 2 * math.tanh(y) * (1 - math.tanh(y) ** 2)
    s = sigma(x - y)
    ds = s * (1 - s)
    f = a / (1 + b) - s
    df_dx = (da_dx * (1 + b) - a * db_dx) / (1 + b) ** 2 - ds
    df_dy = (da_dy * (1 + b) - a * db_dy) / (1 + b) ** 2 + ds
    return f, df_dx, df_dy


@pytest.mark.parametrize(("source", "by_hand"), [(MIXED, mixed_by_hand), (STAGED, staged_by_hand)],
                         ids=["mixed", "staged"])
@settings(max_examples=60, deadline=None)
@given(x=finite, y=finite)
def test_random_values_match_hand_derivatives(source, by_hand, x, y):
    outputs, grads = evaluate(source, {"x": x, "y": y})
    f, dfdx, dfdy = by_hand(x, y)
    assert outputs["f"] == pytest.approx(f, rel=1e-12, abs=1e-14)
    assert grads["x"] == pytest.approx(dfdx, rel=1e-11, abs=1e-13)
    assert grads["y"] == pytest.approx(dfdy, rel=1e-11, abs=1e-13)


# ---------------------------------------------------------------------- stepping
def _state(graph):
    return [(None if n.value is None else np.array(n.value, copy=True),
             None if n.grad is None else np.array(n.grad, copy=True)) for n in graph.nodes]


def _same(a, b):
    return all((va is None and vb is None) or (va is not None and vb is not None and np.array_equal(va, vb))
               for va, vb in zip(a, b, strict=True))


def _snapshot_equal(before, after):
    return all(_same([v1], [v2]) and _same([g1], [g2]) for (v1, g1), (v2, g2) in zip(before, after, strict=True))


@pytest.mark.parametrize("source", [STAGED, MIXED, "f = (x + y) * z\nf += f * x"])
def test_stepping_to_the_end_and_back_restores_every_state_exactly(source):
    values = {"x": 0.3, "y": -1.1, "z": 2.0}
    graph = compile_expression(source, values)
    stepper = Stepper(graph)
    states = [_state(graph)]
    while not stepper.at_end:
        stepper.step_forward()
        assert stepper.explain() is not None
        states.append(_state(graph))
    assert stepper.position == len(graph.forward_order) + len(graph.backward_order)  # no update steps
    # the end of the schedule equals the whole pass
    outputs, grads = evaluate(source, {k: v for k, v in values.items() if k in free_variables(source)})
    assert float(graph.output.value) == next(iter(outputs.values()))
    for name, grad in grads.items():
        assert float(graph.by_name(name).grad) == grad
    for expected in reversed(states[:-1]):
        stepper.step_back()
        assert _snapshot_equal(expected, _state(graph))
    assert stepper.position == 0


def test_step_formulas_use_the_names_and_numbers():
    graph = compile_expression("q = x + y\nf = q * z", {"x": -2, "y": 5, "z": -4})
    stepper = Stepper(graph)
    texts = []
    while not stepper.at_end:
        stepper.step_forward()
        texts.append(stepper.explain().text)
    assert texts[0] == "q = x + y = (−2) + 5 = 3"
    assert texts[1] == "f = q·z = 3 × (−4) = −12"
    assert "∂f/∂f = 1" in texts
    by_symbol = {t.split(" = ")[0]: t for t in texts}
    assert by_symbol["∂f/∂q"].startswith("∂f/∂q = z = ")  # next to the seed the chain starts at z
    assert by_symbol["∂f/∂q"].endswith(" −4")
    assert by_symbol["∂f/∂z"] == "∂f/∂z = q = 3"
    assert by_symbol["∂f/∂x"].startswith("∂f/∂x = ∂f/∂q = ")
    assert by_symbol["∂f/∂x"].endswith(" −4")


# ---------------------------------------------------------------------- notation and metadata
def test_symbols_roles_and_lines():
    source = "q = x + 2\nf = q * sin(q) - x\nf = f * f"
    graph = compile_expression(source, {"x": 1.0})
    names = [n.sym.text for n in graph.nodes]
    assert names == ["x", "2", "q", "t₁", "t₂", "f", "f′"]
    # t₁ = sin(q), t₂ = q·t₁, f = t₂ − x (the top node of the line takes the assigned name)
    assert graph.by_name("f").inputs == [graph.by_name("t₂"), graph.by_name("x")]
    roles = {n.sym.text: n.meta["role"] for n in graph.nodes}
    assert roles["x"] == "variable"
    assert roles["2"] == "constant"
    assert roles["q"] == roles["t₁"] == roles["f′"] == "op"
    lines = {n.sym.text: n.meta["line"] for n in graph.nodes}
    assert lines == {"x": 1, "2": 1, "q": 1, "t₁": 2, "t₂": 2, "f": 2, "f′": 3}
    x = graph.by_name("x")
    assert x.kind == "input"
    assert x.needs_grad
    assert x.meta["differentiable"]
    assert not graph.by_name("2").needs_grad
    assert graph.output is graph.by_name("f′")
    assert graph.output.grad_sym.text == "∂f′/∂f′"


def test_temporaries_are_numbered_in_creation_order():
    # each op that is not the top of its line gets the next tᵢ, in the order it is computed
    graph = compile_expression("f = sin(x) * cos(x) + exp(x)", {"x": 0.5})
    assert [n.sym.text for n in graph.nodes if n.op is not None] == ["t₁", "t₂", "t₃", "t₄", "f"]


def test_versions_are_marked_with_primes_then_a_number():
    source = "x = x + 1\nx = x * 2\nx = x - 3\nx = x / 4\nx += 5"
    graph = compile_expression(source, {"x": 1.0})
    versions = [n.sym for n in graph.nodes if n.meta.get("name") == "x"]
    assert [p.text for p in versions] == ["x′", "x″", "x‴", "x⁽⁴⁾", "x⁽⁵⁾"]
    assert [p.latex for p in versions] == ["x'", "x''", "x'''", "x^{(4)}", "x^{(5)}"]
    assert versions[3].html == '<span style="white-space:nowrap">x<sup>(4)</sup></span>'  # kept on one line
    assert float(graph.forward()) == ((1 + 1) * 2 - 3) / 4 + 5


def test_plain_copy_and_number_assignments_are_identity_nodes():
    graph = compile_expression("a = x\nb = 3\nf = a * b", {"x": 2.0})
    a, b = graph.by_name("a"), graph.by_name("b")
    assert a.op is not None
    assert a.inputs == [graph.by_name("x")]
    assert b.op is not None
    assert b.inputs[0].kind == "const"
    assert evaluate("a = x\nb = 3\nf = a * b", {"x": 2.0}) == ({"f": 6.0}, {"x": 3.0})


def test_free_variables_in_order_of_first_use():
    assert free_variables("f = z * (x + y)\ng = f + w") == ["z", "x", "y", "w"]
    assert free_variables("x = 1\nf = x + y") == ["y"]
    assert free_variables("x += 1") == ["x"]
    assert free_variables("f = sigmoid(b) + a\na = f") == ["b", "a"]


def test_values_for_names_that_are_not_free_are_ignored():
    assert evaluate("x = 2\nf = x * y", {"x": 100.0, "y": 3.0, "unused": 1.0}) == ({"f": 6.0}, {"y": 2.0})


def test_output_is_the_last_assigned_name_and_unused_variables_get_zero():
    outputs, grads = evaluate("f = x * 2\ng = y + 1", {"x": 1.0, "y": 2.0})
    assert outputs == {"g": 3.0}
    assert grads == {"x": 0.0, "y": 1.0}


def test_comments_and_blank_lines_are_fine():
    source = "# 一个电路\n\nq = x + y  # sum\n\nf = q * z\n"
    assert evaluate(source, {"x": -2, "y": 5, "z": -4})[0] == {"f": -12.0}


# ---------------------------------------------------------------------- refusals
def refused(source: str, values: dict | None = None) -> ExpressionError:
    with pytest.raises(ExpressionError) as info:
        compile_expression(source, {"x": 1.0, "y": 2.0} if values is None else values)
    error = info.value
    assert error.line >= 1
    assert error.column >= 1
    assert str(error).startswith(f"line {error.line}, column {error.column}: ")
    return error


@pytest.mark.parametrize(("source", "line", "column", "pattern"), [
    ("a = x.y", 1, 5, r"attribute access .* not allowed"),
    ("import os", 1, 1, r"import is not allowed"),
    ("from os import system", 1, 1, r"import is not allowed"),
    ("f = lambda: 1", 1, 5, r"lambda is not allowed"),
    ("f = foo(x)", 1, 5, r"unknown function 'foo'.*exp, log, sqrt, sin, cos, tanh, sigmoid, relu"),
    ('f = "a"', 1, 5, r"string.* not allowed"),
    ("f = x + 'a'", 1, 9, r"string.* not allowed"),
    ("f = x + undefined", 1, 9, r"'undefined' has no value"),
    ("x + 1", 1, 1, r"no assignment"),
    ("", 1, 1, r"no assignment"),
    ("# only a comment\n", 1, 1, r"no assignment"),
    ("f = (x +", 1, 5, r"not a valid program"),
    ("f = x +", 1, 8, r"not a valid program"),
    ("f = x\ng = f *\n", 2, 8, r"not a valid program"),
    ("f = x < 1", 1, 5, r"comparison"),
    ("f = x[0]", 1, 5, r"indexing"),
    ("f = x // 2", 1, 5, r"operator // is not allowed"),
    ("f = x % 2", 1, 5, r"operator % is not allowed"),
    ("f = True", 1, 5, r"True .* not allowed"),
    ("f = 2j", 1, 5, r"complex number"),
    ("f = None", 1, 5, r"None is not allowed"),
    ("a = b = x", 1, 5, r"one name at a time"),
    ("a, b = x, y", 1, 1, r"only a plain name"),
    ("x.y = 1", 1, 1, r"attribute access"),
    ("exp = 3", 1, 1, r"'exp' is a function name"),
    ("f = exp + 1", 1, 5, r"'exp' is a function"),
    ("f = exp(x, y)", 1, 5, r"exactly one argument"),
    ("f = sin(x=1)", 1, 5, r"exactly one argument"),
    ("f = sin()", 1, 5, r"exactly one argument"),
    ("f = x\nf //= 2", 2, 1, r"operator //= is not allowed"),
    ("f = not x", 1, 5, r"operator not is not allowed"),
    ("f = [x]", 1, 5, r"a list is not allowed"),
    ("f = x if y else 1", 1, 5, r"conditional expression"),
    ("if x:\n    f = 1", 1, 1, r"if is not allowed"),
    ("for i in x:\n    f = 1", 1, 1, r"loop"),
    ("def g():\n    return 1", 1, 1, r"defining a function"),
    ("f = (y := 3)", 1, 6, r":= operator"),
    ("f = 1e400", 1, 5, r"too large"),
    ("f = x\n    g = 1", 2, None, r"not a valid program \(unexpected indent\)"),
    ("q = x\n# 注释\nf = q.real", 3, 5, r"attribute access"),
    ("中 = x\nf = 中.文 + 1", 2, 5, r"attribute access"),  # columns count characters, not UTF-8 bytes
])
def test_refused_constructs(source, line, column, pattern):
    error = refused(source)
    assert error.line == line, error
    if column is not None:  # None: the column is Python's own report for indentation
        assert error.column == column, error
    assert re.search(pattern, error.message), error.message


def test_undefined_name_is_reported_where_it_is_first_used():
    error = refused("a = 1\nb = a * 2\nf = b + late + late", {})
    assert (error.line, error.column) == (3, 9)
    assert "'late' has no value" in error.message


def test_a_name_read_before_its_assignment_needs_a_value():
    error = refused("f = g + 1\ng = 2", {})
    assert (error.line, error.column, error.message.split(":")[0]) == (1, 5, "'g' has no value")


def test_non_finite_values_are_refused():
    error = refused("f = x * 2", {"x": float("nan")})
    assert "finite number" in error.message
    error = refused("f = x * 2", {"x": "3"})
    assert "finite number" in error.message


def test_deep_parentheses_are_refused():
    error = refused("f = " + "(" * 200 + "x" + ")" * 200)
    assert "nested too deeply" in error.message
    assert error.line == 1


def test_long_chain_of_unary_minus_is_refused():
    for count in (150, 5000, 19_000):
        error = refused("f = " + "-" * count + "x")
        assert "nested too deeply" in error.message


def test_deep_power_chain_and_long_sums_are_refused_not_crashing():
    assert "nested too deeply" in refused("f = " + "x ** " * 3000 + "x").message
    assert "nested too deeply" in refused("f = " + " + ".join(["x"] * 200)).message


def test_moderate_nesting_is_fine():
    depth = 30
    source = "f = " + "sin(" * depth + "x" + ")" * depth
    x = 0.4
    for _ in range(depth):
        x = math.sin(x)
    assert evaluate(source, {"x": 0.4})[0]["f"] == pytest.approx(x, rel=1e-14)
    assert len(compile_expression("f = " + " + ".join(["x"] * 40), {"x": 1.0}).nodes) == 1 + 39
    assert MAX_DEPTH >= 40


def test_size_limits():
    assert "too long" in refused("f = x" + " " * expressions.MAX_SOURCE_CHARS).message
    many = "\n".join(f"a{k} = x" for k in range(expressions.MAX_STATEMENTS + 1))
    error = refused(many)
    assert "too many statements" in error.message
    assert error.line == expressions.MAX_STATEMENTS + 1
    # 400 lines of 18 multiplications stay under the text limit but exceed the node limit
    wide = "\n".join("a = " + "*".join(["x"] * 19) for _ in range(400))
    assert len(wide) <= expressions.MAX_SOURCE_CHARS
    assert "too many nodes" in refused(wide).message


# ---------------------------------------------------------------------- nothing runs
def test_import_call_is_refused_before_anything_runs(monkeypatch):
    import os

    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    for source in ("f = __import__('os').system('x')", "__import__('os').system('x')",
                   "f = __import__('os')", "f = eval('1')", "f = exec('x = 1')", "f = open('x')"):
        with pytest.raises(ExpressionError):
            compile_expression(source, {})
        with pytest.raises(ExpressionError):
            free_variables(source)
    assert calls == []
    assert "attribute access" in refused("f = __import__('os').system('x')", {}).message
    assert "unknown function '__import__'" in refused("f = __import__('os')", {}).message


@pytest.mark.parametrize("module", [expressions, expression_check])
def test_the_module_never_evaluates_code(module):
    path = Path(module.__file__)
    source = path.read_text(encoding="utf-8")
    for banned in ("eval(", "exec(", "compile(", "__import__(", "pickle"):
        assert not re.search(r"(?<![\w.])" + re.escape(banned), source), banned
    called = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            called.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
    assert not called & {"eval", "exec", "compile", "__import__", "getattr", "setattr", "globals", "locals"}


@pytest.mark.parametrize(("source", "values", "reason"), [
    ("f = log(x - 10)", {"x": 2.0}, "log needs a positive number"),
    ("q = x - x\nf = 1 / q", {"x": 3.0}, "division by zero"),
    ("f = sqrt(x)", {"x": -1.0}, "sqrt needs a number ≥ 0"),
    ("f = exp(x)", {"x": 1000.0}, "exp overflows for numbers above about 709"),
])
def test_values_outside_a_functions_domain_are_named(source, values, reason):
    from engine.expressions import value_problems

    problems = value_problems(source, values)
    assert problems[0][2] == reason
    assert problems[0][1] == source.count("\n") + 1  # the line where it happens


def test_a_healthy_program_has_no_value_problems():
    from engine.expressions import value_problems

    assert value_problems("q = x + y\nf = q * z", {"x": -2, "y": 5, "z": -4}) == []


def test_python_syntax_hints_never_reach_stderr(recwarn):
    import warnings

    warnings.simplefilter("always")
    with pytest.raises(ExpressionError, match="conditional expression"):
        compile_expression("f = 1if x else 2", {"x": 1.0})  # Python itself warns "invalid decimal literal"
    assert not [w for w in recwarn if issubclass(w.category, SyntaxWarning)]
