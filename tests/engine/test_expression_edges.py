"""Expression gradients at the edges: 0·∞, unused statements, x**0, values outside a domain.

The reference is a forward-mode (dual-number) evaluator written here from the textbook rules,
walking the program's ``ast`` itself (nothing is evaluated by Python). It follows the same two
conventions the engine documents (engine/graph.py): relu′(0) = 0, and a zero factor wins in
the chain rule (0·∞ = 0), so "finite" means the same on both sides. Where the program is
smooth around the point, the reference is itself checked against central differences.
"""

import ast
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import ExpressionError
from engine.expressions import compile_expression, evaluate
from engine.stepper import Stepper

VARIABLES = ("x", "y", "z")
EDGE_VALUES = [0.0, -0.0, 1.0, -1.0, 2.0, -3.0, 0.5, 10.0, -10.0, 1e3, -1e4, 1e8, -1e8, 1e200, 800.0]
SMOOTH_VALUES = [0.3, -0.7, 1.2, -1.9, 2.5, 0.9, -0.4]
UNARY = ("exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "relu")
EXPONENTS = ("0", "1", "2", "3", "-1", "0.5")


# ---------------------------------------------------------------------- random programs
@st.composite
def expressions_(draw, names, depth):
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        if draw(st.integers(0, 4)) == 0:
            return draw(st.sampled_from(["0", "1", "2", "0.5", "3"]))
        return draw(st.sampled_from(names))
    kind = draw(st.sampled_from(["binop", "binop", "unary", "unary", "pow", "neg"]))
    inner = expressions_(names, depth - 1)
    if kind == "binop":
        op = draw(st.sampled_from("+-*/"))
        return f"({draw(inner)} {op} {draw(inner)})"
    if kind == "unary":
        return f"{draw(st.sampled_from(UNARY))}({draw(inner)})"
    if kind == "pow":
        exponent = draw(st.sampled_from([*EXPONENTS, None]))
        return f"({draw(inner)}) ** ({draw(inner) if exponent is None else exponent})"
    return f"-({draw(inner)})"


@st.composite
def programs(draw):
    names = list(VARIABLES)
    lines = []
    for k in range(draw(st.integers(1, 5))):
        target = draw(st.sampled_from(["a", "b", "c", "f"]))
        expression = draw(expressions_(names, 3))
        if target in names and draw(st.integers(0, 3)) == 0:
            lines.append(f"{target} {draw(st.sampled_from('+-*/'))}= {expression}")
        else:
            lines.append(f"{target} = {expression}")
        if target not in names:
            names.append(target)
        del k
    return "\n".join(lines)


# ---------------------------------------------------------------------- the reference
def _times(coef, d):
    """coef·d elementwise, with a zero factor winning (0·∞ = 0, 0·NaN = 0)."""
    coef = np.float64(coef)
    with np.errstate(all="ignore"):
        return np.where((coef == 0) | (d == 0), 0.0, coef * d)


def _sigmoid(v):
    e = math.exp(-abs(v)) if math.isfinite(v) else (0.0 if not math.isnan(v) else math.nan)
    return 1.0 / (1.0 + e) if v >= 0 else e / (1.0 + e)


class Dual:
    """A value, its derivative along each variable, and the magnitude Σ|terms| (for a rounding bound)."""

    def __init__(self, v, d, m):
        self.v, self.d, self.m = np.float64(v), np.asarray(d, dtype=np.float64), np.asarray(m, dtype=np.float64)

    def chain(self, value, *pairs):
        """value with derivative Σ coefᵢ·dᵢ over (coef, dual) pairs."""
        d = sum(_times(c, x.d) for c, x in pairs)
        m = sum(_times(abs(np.float64(c)), x.m) for c, x in pairs)
        return Dual(value, d, m)


def reference(source: str, values: dict[str, float]) -> Dual:
    """The output of ``source`` as a dual number over VARIABLES (forward mode)."""
    env = {}
    for k, name in enumerate(VARIABLES):
        unit = np.eye(len(VARIABLES))[k]
        env[name] = Dual(values[name], unit, unit)
    last = None
    with np.errstate(all="ignore"):
        for statement in ast.parse(source).body:
            if isinstance(statement, ast.Assign):
                name, result = statement.targets[0].id, _ref(statement.value, env)
            else:
                name = statement.target.id
                result = _binop(statement.op, env[name], _ref(statement.value, env))
            env[name] = last = result
    return last


def _ref(node, env) -> Dual:
    zero = np.zeros(len(VARIABLES))
    if isinstance(node, ast.Constant):
        return Dual(float(node.value), zero, zero)
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.operand, ast.Constant):
            return Dual(-float(node.operand.value), zero, zero)
        a = _ref(node.operand, env)
        return a.chain(-a.v, (-1.0, a))
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Pow) and _number(node.right) is not None:
            a, p = _ref(node.left, env), _number(node.right)
            return a.chain(np.power(a.v, p), (0.0 if p == 0 else p * np.power(a.v, p - 1), a))
        return _binop(node.op, _ref(node.left, env), _ref(node.right, env))
    assert isinstance(node, ast.Call)
    a, name = _ref(node.args[0], env), node.func.id
    v = a.v
    if name == "exp":
        return a.chain(np.exp(v), (np.exp(v), a))
    if name == "log":
        return a.chain(np.log(v), (1.0 / v, a))
    if name == "sqrt":
        return a.chain(np.sqrt(v), (0.5 / np.sqrt(v), a))
    if name == "sin":
        return a.chain(np.sin(v), (np.cos(v), a))
    if name == "cos":
        return a.chain(np.cos(v), (-np.sin(v), a))
    if name == "tanh":
        # 1/cosh²: 1 − tanh² loses digits for large |v| (relative 1e-8 at v = 10) and rounds to 0 beyond 19
        with np.errstate(over="ignore"):
            return a.chain(np.tanh(v), (1.0 / np.cosh(v) ** 2, a))
    if name == "sigmoid":
        s = _sigmoid(v)
        return a.chain(s, (s * _sigmoid(-v), a))
    assert name == "relu"
    return a.chain(max(v, 0.0) if not math.isnan(v) else math.nan, (1.0 if v > 0 else 0.0, a))


def _number(node):
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        sign, node = -1.0, node.operand
    return sign * float(node.value) if isinstance(node, ast.Constant) else None


def _binop(op, a: Dual, b: Dual) -> Dual:
    if isinstance(op, ast.Add):
        return a.chain(a.v + b.v, (1.0, a), (1.0, b))
    if isinstance(op, ast.Sub):
        return a.chain(a.v - b.v, (1.0, a), (-1.0, b))
    if isinstance(op, ast.Mult):
        return a.chain(a.v * b.v, (b.v, a), (a.v, b))
    if isinstance(op, ast.Div):
        # −a/b², written as the engine does: b·b overflows for |b| > 1e154 where −(a/b)/b would not,
        # which is ops.py's precision, not what this test is about
        return a.chain(a.v / b.v, (1.0 / b.v, a), (-a.v / (b.v * b.v), b))
    assert isinstance(op, ast.Pow)
    value = np.power(a.v, b.v)
    d_base = 0.0 if b.v == 0 else b.v * np.power(a.v, b.v - 1)
    d_exponent = value * np.log(a.v) if a.v > 0 else (0.0 if a.v == 0 and b.v > 0 else math.nan)
    return a.chain(value, (d_base, a), (d_exponent, b))


# ---------------------------------------------------------------------- the engine's two paths
def stepped(source: str, values: dict[str, float]) -> tuple[float, dict[str, float]]:
    """The output and ∂f/∂variable as the stepper leaves them after the last backward step."""
    graph = compile_expression(source, values)
    stepper = Stepper(graph, 0.0)
    stepper.goto(stepper.phase_bounds("backward")[1])
    grads = {n.meta["variable"]: float(n.grad) for n in graph.nodes if n.meta.get("role") == "variable"}
    return float(graph.output.value), grads


def stepped_gradients(source: str, values: dict[str, float]) -> dict[str, float]:
    return stepped(source, values)[1]


@pytest.mark.slow  # 200 programs: about 3 s
@settings(max_examples=200, deadline=None)
@given(source=programs(), picks=st.lists(st.sampled_from(EDGE_VALUES), min_size=3, max_size=3))
def test_finite_true_gradients_come_out_finite_and_equal(source, picks):
    values = dict(zip(VARIABLES, picks, strict=True))
    truth = reference(source, values)
    output, grads = stepped(source, values)
    for k, name in enumerate(VARIABLES):
        if name not in grads:
            continue
        expected, bound = truth.d[k], truth.m[k]
        if math.isfinite(expected) and math.isfinite(bound):
            assert math.isfinite(grads[name]), (source, values, name, expected)
            assert abs(grads[name] - expected) <= 1e-9 * bound + 1e-300, (source, values, name, expected)
    printable = math.isfinite(output) and all(math.isfinite(v) for v in grads.values())
    if not printable:  # the command line refuses to print a non-finite number, and says where and why
        with pytest.raises(ExpressionError, match=r"^line \d+, column \d+: .+ is not a finite number \(.+\)$"):
            evaluate(source, values)
        return
    outputs, gradients = evaluate(source, values)
    assert gradients == grads  # the command line and the stepper: one code path, the same numbers
    assert list(outputs.values()) == [output]


@settings(max_examples=100, deadline=None)
@given(source=programs(), picks=st.lists(st.sampled_from(SMOOTH_VALUES), min_size=3, max_size=3))
def test_the_reference_agrees_with_central_differences_where_smooth(source, picks):
    values = dict(zip(VARIABLES, picks, strict=True))
    truth = reference(source, values)
    for k, name in enumerate(VARIABLES):
        h = 1e-5
        up, down = dict(values), dict(values)
        up[name] += h
        down[name] -= h
        f_up, f_down = reference(source, up).v, reference(source, down).v
        smooth = all(np.isfinite([truth.v, f_up, f_down, truth.d[k], truth.m[k]])) and abs(truth.v) < 1e6 \
            and truth.m[k] < 1e4
        if not smooth:
            continue
        rise, fall = f_up - truth.v, truth.v - f_down  # the two one-sided changes over the step
        if abs(rise - fall) > 1e-3 * (abs(truth.v) + 1) or abs(rise - fall) > 1e-2 * (abs(rise) + abs(fall)) + 1e-12:
            continue  # a kink (relu at 0), a domain edge or steep curvature inside the step: no central difference
        numeric = (f_up - f_down) / (up[name] - down[name])
        assert numeric == pytest.approx(truth.d[k], rel=1e-3, abs=1e-4 * (1 + truth.m[k])), (source, values, name)


# ---------------------------------------------------------------------- the audit's cases by hand
@pytest.mark.parametrize(("source", "values", "expected"), [
    ("q = x / y\nf = y * 3", {"x": 1.0, "y": 0.0}, {"x": 0.0, "y": 3.0}),  # unused q = 1/0
    ("q = log(y)\nf = y * 3", {"y": 0.0}, {"y": 3.0}),
    ("t = sqrt(x)\nf = relu(t - 1)", {"x": 0.0}, {"x": 0.0}),  # relu below 0 × √′(0) = ∞
    ("f = sqrt(relu(x - 1))", {"x": 0.0}, {"x": 0.0}),  # ∞ from above × relu′ = 0
    ("f = x ** 0", {"x": 0.0}, {"x": 0.0}),
    ("f = (x ** 0) * y", {"x": 0.0, "y": 2.0}, {"x": 0.0, "y": 1.0}),
    ("f = x ** y", {"x": 0.0, "y": 0.0}, {"x": 0.0, "y": 0.0}),
    ("f = 0 * sqrt(x) + x", {"x": 0.0}, {"x": 1.0}),
])
def test_zero_factors_and_unused_statements_give_the_true_gradient(source, values, expected):
    assert evaluate(source, values)[1] == expected
    assert stepped_gradients(source, values) == expected


def test_unused_statements_are_stepped_forward_but_have_no_backward_step():
    graph = compile_expression("q = x / y\nf = y * 3", {"x": 1.0, "y": 0.0})
    stepper = Stepper(graph, 0.0)
    forward = [s.node.name for s in stepper.schedule if s.phase == "forward"]
    backward = [s.node.name for s in stepper.schedule if s.phase == "backward"]
    assert forward == ["q", "f"]
    assert "q" not in backward
    assert set(backward) >= {"f", "x", "y"}
    stepper.run_to_end()
    q = graph.by_name("q")
    assert q.value == math.inf  # shown with its value, never differentiated
    assert q.grad is None
    assert float(graph.by_name("x").grad) == 0.0


def test_the_step_shows_the_zero_factor_rule():
    graph = compile_expression("t = sqrt(x)\nf = relu(t - 1)", {"x": 0.0})
    stepper = Stepper(graph, 0.0)
    while stepper.current is None or stepper.current.node.name != "x" or stepper.phase != "backward":
        stepper.step_forward()
    e = stepper.explain()
    assert e.substituted.text == "0 × ∞"  # ∂f/∂t · 1/(2√x) at x = 0
    assert float(e.value) == 0.0
    assert e.warning == ""


# ---------------------------------------------------------------------- leaving a function's domain
@pytest.mark.parametrize(("source", "values", "message"), [
    ("f = 3 * log(x - 10)", {"x": 2.0},
     "line 1, column 9: t₂ is not a finite number (log needs a positive number)"),
    ("q = x - x\nf = 1 / q", {"x": 3.0}, "line 2, column 1: f is not a finite number (division by zero)"),
    ("a = sqrt(x)\nf = a * 2", {"x": -1.0}, "line 1, column 1: a is not a finite number (sqrt needs a number ≥ 0)"),
    ("f = x ** -1", {"x": 0.0}, "line 1, column 1: f is not a finite number (0 to a negative power is a division by "
                                "zero)"),
    ("f = sqrt(x)", {"x": 0.0}, "line 1, column 10: ∂f/∂x is not a finite number (the derivative of f with respect "
                                "to x is not finite at 0)"),
])
def test_evaluate_names_the_line_and_the_reason(source, values, message):
    with pytest.raises(ExpressionError) as caught:
        evaluate(source, values)
    assert str(caught.value) == message


def test_the_stepper_warns_at_the_step_where_the_value_stops_being_finite():
    graph = compile_expression("a = x - 10\nb = log(a)\nf = b * 2", {"x": 2.0})
    stepper = Stepper(graph, 0.0)
    stepper.run_to_end()
    warnings = {stepper.explain(k).symbol.text: stepper.explain(k).warning for k in range(len(stepper))}
    assert warnings["a"] == ""
    assert warnings["b"] == "log needs a positive number"
    assert warnings["f"] == ""  # NaN · 2 only carries the NaN on: the reason was given at b


# ---------------------------------------------------------------------- the command line says where, in one line
def _lesson(tmp_path, source, values):
    path = tmp_path / "lesson.json"
    path.write_text(json.dumps({"format": "backprop-studio", "version": 1,
                                "expression": {"source": source, "values": values}}), encoding="utf-8")
    return str(path)


def _cli(repo_root, *args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=repo_root, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("command", ["grads", "steps"])
def test_cli_names_the_line_and_reason_of_a_value_outside_the_domain(repo_root, tmp_path, command):
    lesson = _lesson(tmp_path, "a = x - 10\nb = log(a)\nf = b * 2", {"x": 2})
    result = _cli(repo_root, command, lesson, *(["--format", "json"] if command == "steps" else []))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "error: line 2, column 1: b is not a finite number (log needs a positive number)\n"


def test_cli_grads_of_a_program_with_an_unused_division_by_zero(repo_root, tmp_path):
    result = _cli(repo_root, "grads", _lesson(tmp_path, "q = x / y\nf = y * 3", {"x": 1, "y": 0}))
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"outputs": {"f": 0.0}, "gradients": {"x": 0.0, "y": 3.0}}


def test_cli_gradcheck_at_1e10(repo_root, tmp_path):
    result = _cli(repo_root, "gradcheck", _lesson(tmp_path, "f = x * y", {"x": 1e10, "y": 3}))
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("passed")


def test_the_json_record_of_a_step_carries_its_warning():
    from engine.derivation import render

    stepper = Stepper(compile_expression("a = x - 10\nb = log(a)\nf = b * 2", {"x": 2.0}), 0.0)
    stepper.run_to_end()
    text = render([stepper.explain(k) for k in range(3)], "json")
    records = {r["symbol"]: r for r in json.loads(text.replace("NaN", "null"))}
    assert records["b"]["warning"] == "log needs a positive number"
    assert "warning" not in records["a"]


def test_a_saturated_sigmoid_stops_an_infinite_gradient_as_any_zero_slope_does():
    """σ′(1000) is exactly 0, so ∂c/∂x is 0 even though ∂c/∂a = log(0) = −∞ (σ has its own vjp for losses)."""
    output, grads = stepped("a = 0\na += sigmoid(x)\nc = (a * log(0))", {"x": 1000.0, "y": 0.0, "z": 0.0})
    assert output == -math.inf
    assert grads["x"] == 0.0
    _, through_tanh = stepped("a = tanh(x)\nc = (a * log(0))", {"x": 1000.0, "y": 0.0, "z": 0.0})
    assert through_tanh["x"] == 0.0  # the elementwise path, for comparison
