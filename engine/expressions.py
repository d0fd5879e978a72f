"""Expression lessons: small Python-like programs compiled into the same graphs as networks.

A program is a list of assignments::

    q = x + y
    f = q * z
    f += sigmoid(f)

It is read with :mod:`ast` and checked node by node against a whitelist; nothing in it is
ever evaluated by Python. Allowed: assignments to one plain name (``=``, and ``+= -= *=
/= **=``), the operators ``+ - * / **``, unary ``-`` and ``+``, int and float numbers, names,
and calls with one argument of the functions exp log sqrt sin cos tanh sigmoid relu.
Everything else is refused with an :class:`ExpressionError` that carries a line and a
1-based column.

Notation in the graph:
    * a name that is read before it is assigned is a free variable: an ``input`` leaf that
      gets a gradient, shown by its plain name (``x``, ``w0``);
    * a number is a ``const`` leaf shown as the number itself (``3``, ``(−1)``); a unary
      minus written directly on a number is folded into it;
    * the top node of each assignment is shown by the assigned name; the unnamed
      intermediate nodes of a statement are t₁, t₂, … numbered through the program;
    * assigning a name again (``x = x + 1``, ``x += 1``) makes a new node marked with
      primes: x, x′, x″, x‴, then x⁽⁴⁾, x⁽⁵⁾, …;
    * ``f = x`` and ``f = 3`` make an identity node named f, so every name is a node;
    * the output is the last assigned name (in its last version).
Gradients at the edges (the rules live in engine/graph.py, so the stepper, ``evaluate`` and
the command line agree exactly):
    * a statement the output does not use is computed and shown, but never differentiated:
      ``q = x / y; f = y * 3`` at y = 0 gives ∂f/∂y = 3 although q = ∞;
    * a zero factor wins in the chain rule, 0·∞ = 0, in either order: ``relu(sqrt(x) - 1)``
      at x = 0 has ∂/∂x = 0 (relu is flat there, so √′(0) = ∞ does not matter), and
      ``x ** 0`` (also ``x ** y`` where y is 0) has the derivative 0 everywhere;
    * where the output or a gradient is still not finite, ``evaluate`` raises an
      ExpressionError naming the line, the node and the reason (``value_reason`` and
      ``gradient_reason``, which the editor and the inspector use too).
Every node has ``meta["role"]`` ("variable", "constant" or "op"), ``meta["line"]`` and
``meta["column"]`` (1-based, where its text starts); assigned nodes also carry
``meta["name"]`` and ``meta["version"]``, free variables ``meta["variable"]``.
"""

from __future__ import annotations

import ast

import numpy as np

from . import ops
from .errors import ExpressionError, brief
from .expression_check import (
    _BINOPS,
    FUNCTION_NAMES,
    MAX_DEPTH,
    MAX_NODES,
    MAX_SOURCE_CHARS,
    MAX_STATEMENTS,
    _analyse,
    _number,
    _Program,
)
from .formula import Piece, escape, exact, nowrap, sym
from .graph import NOT_FINITE, Graph, Node, gradient_reason, non_finite_error, value_reason
from .messages import Message
from .network import is_finite_number
from .roles import Role

__all__ = ["FUNCTION_NAMES", "MAX_DEPTH", "MAX_NODES", "MAX_SOURCE_CHARS", "MAX_STATEMENTS", "ExpressionError",
           "compile_expression", "evaluate", "free_variables", "output_name", "value_problems", "version_symbol"]


# ---------------------------------------------------------------------- public API
def free_variables(source: str) -> list[str]:
    """The names that need a value (read before they are assigned), in order of first use.

    Raises ExpressionError for a program that would be refused anyway (except for
    missing values, which is what this function is for).
    """
    return list(_analyse(source).free)


def compile_expression(source: str, values: dict[str, float]) -> Graph:
    """Compile an expression program into a finished Graph whose output is the last assigned name."""
    program = _analyse(source)
    for name, (line, column) in program.free.items():
        if name not in values:
            raise ExpressionError(Message("expr.no_value", name=name), line, column)
        value = values[name]
        if not is_finite_number(value):
            raise ExpressionError(Message("expr.value_not_finite", name=name, value=brief(value)), line, column)
    return _Builder(program, values).build()


def evaluate(source: str, values: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """One full forward and backward pass: ({output name: value}, {free variable: ∂output/∂variable}).

    Raises ExpressionError naming the line and the reason when the output or a gradient is
    not a finite number (a log of a negative number, a division by zero, …). Statements the
    output does not use are computed but never differentiated, and a zero factor wins in the
    chain rule (0·∞ = 0): see engine/graph.py.
    """
    graph = compile_expression(source, values)
    with np.errstate(all="ignore"):
        graph.forward()
        graph.backward()
    output = graph.output
    variables = [node for node in graph.nodes if node.meta.get("role") == Role.VARIABLE]
    if not (np.isfinite(output.value) and all(np.isfinite(node.grad) for node in variables)):
        raise _first_problem(graph)
    outputs = {output.meta["name"]: float(output.value)}
    gradients = {node.meta["variable"]: float(node.grad) for node in variables}
    return outputs, gradients


def value_problems(source: str, values: dict[str, float]) -> list[tuple[str, int, str]]:
    """Where the program's values stop being finite numbers: (symbol, line, reason) per first bad node.

    A program such as ``f = log(x - 10)`` at x = 2 is valid but gives NaN; the editor says
    where and why instead of letting the lesson show NaN without a word. Statements the
    output does not use are included: their values are shown too.
    """
    graph = compile_expression(source, values)
    problems = []
    with np.errstate(all="ignore"):
        for node in graph.forward_order:
            node.value = graph.compute_value(node)
            reason = value_reason(node.op, [n.value for n in node.inputs], node.value)
            if reason:
                problems.append((node.sym.text, int(node.meta.get("line", 0)), reason))
    return problems


def output_name(graph: Graph) -> str:
    """The assigned name of an expression graph's output (the last assigned name)."""
    assert graph.output is not None
    return graph.output.meta["name"]


def version_symbol(name: str, version: int) -> Piece:
    """``name`` for version 0, then name′, name″, name‴, name⁽⁴⁾, …"""
    base = sym(name)
    if version == 0:
        return base
    if version <= 3:
        primes = "′″‴"[version - 1]
        return Piece(base.text + primes, nowrap(escape(name) + primes), base.latex + "'" * version)
    mark = sym("", sup=f"({version})")
    return Piece(base.text + mark.text, nowrap(f"{escape(name)}<sup>({version})</sup>"),
                 f"{base.latex}^{{({version})}}")


# ---------------------------------------------------------------------- checking
def _first_problem(graph: Graph) -> ExpressionError:
    """Where a value, then a gradient, that the output depends on first stops being finite."""
    for node in graph.forward_order:
        reason = value_reason(node.op, [n.value for n in node.inputs], node.value)
        if reason and graph.reaches_output(node):
            return non_finite_error(node, node.sym.text, reason)
    for node in graph.backward_order:
        reason = gradient_reason(graph, node)
        if reason:
            return non_finite_error(node, node.grad_sym.text, reason)
    return non_finite_error(graph.output, graph.output.sym.text, NOT_FINITE)


# ---------------------------------------------------------------------- building
class _Builder:
    """Builds the graph from a checked program. Recursion depth is bounded by MAX_DEPTH."""

    def __init__(self, program: _Program, values: dict[str, float]) -> None:
        self.p = program
        self.values = values
        self.g = Graph()
        self.env: dict[str, Node] = {}
        self.versions: dict[str, int] = {}
        self.temps = 0
        self.output: Node | None = None

    def build(self) -> Graph:
        for statement in self.p.tree.body:
            start = len(self.g.nodes)
            if isinstance(statement, ast.Assign):
                name = statement.targets[0].id
                node = self.expr(statement.value)
            else:
                assert isinstance(statement, ast.AugAssign)
                name = statement.target.id
                node = self.binop(statement.op, self.name(statement.target), statement.value, statement)
            self.bind(name, node, statement, start)
        assert self.output is not None
        return self.g.finish(self.output, self.output.sym)

    # nodes
    def _count(self, node: ast.AST) -> None:
        if len(self.g.nodes) >= MAX_NODES:
            raise ExpressionError(Message("expr.too_many_nodes", limit=MAX_NODES), node.lineno, self.p.column(node))

    def _where(self, node: ast.AST) -> dict:
        return {"line": node.lineno, "column": self.p.column(node)}

    def apply(self, op: ops.Op, inputs: list[Node], node: ast.AST) -> Node:
        self._count(node)
        return self.g.apply(op, inputs, Piece("?", "?", "?"), role=Role.OP, **self._where(node))

    def const(self, value: float, node: ast.AST) -> Node:
        self._count(node)
        return self.g.leaf("const", exact(value), value, role=Role.CONSTANT, **self._where(node))  # never rounded

    def bind(self, name: str, node: Node, statement: ast.stmt, start: int) -> None:
        if node.is_leaf or "name" in node.meta or node.id < start:
            node = self.apply(ops.Identity(), [node], statement)
        version = self.versions.get(name, -1) + 1
        self.versions[name] = version
        node.sym = version_symbol(name, version)
        node.meta.update(name=name, version=version, line=statement.lineno, column=self.p.column(statement))
        for other in self.g.nodes[start:]:
            if other.op is not None and "name" not in other.meta:
                self.temps += 1
                other.sym = sym("t", self.temps)
        self.env[name] = node
        self.output = node

    def name(self, node: ast.Name) -> Node:
        bound = self.env.get(node.id)
        if bound is None:  # a free variable at its first use
            self._count(node)
            bound = self.g.leaf("input", sym(node.id), float(self.values[node.id]), role=Role.VARIABLE,
                                variable=node.id, differentiable=True, **self._where(node))
            self.env[node.id] = bound
            self.versions[node.id] = 0
        return bound

    def expr(self, node: ast.expr) -> Node:
        if isinstance(node, ast.BinOp):
            return self.binop(node.op, self.expr(node.left), node.right, node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.operand, ast.Constant):
                value = _number(self.p, node.operand)
                return self.const(-value if isinstance(node.op, ast.USub) else value, node)
            operand = self.expr(node.operand)
            return self.apply(ops.Neg(), [operand], node) if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.Call):
            argument = self.expr(node.args[0])
            return self.apply(ops.FUNCTIONS[node.func.id](), [argument], node)
        if isinstance(node, ast.Name):
            return self.name(node)
        assert isinstance(node, ast.Constant)
        return self.const(_number(self.p, node), node)

    def binop(self, op: ast.operator, left: Node, right: ast.expr, node: ast.AST) -> Node:
        if isinstance(op, ast.Pow):
            exponent = _constant_exponent(self.p, right)
            if exponent is not None:
                return self.apply(_ZeroPower() if exponent == 0 else ops.PowConst(exponent), [left], node)
            return self.apply(_Power(), [left, self.expr(right)], node)
        return self.apply(_BINOPS[type(op)][1](), [left, self.expr(right)], node)


def _constant_exponent(program: _Program, node: ast.expr) -> float | None:
    """A number exponent (2, 0.5, -1) becomes part of the op: x² rather than a node for 2."""
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        node = node.operand
    if isinstance(node, ast.Constant):
        return sign * _number(program, node)
    return None


class _ZeroPower(ops.PowConst):
    """x ** 0, which is 1 for every x: its derivative is 0 everywhere (p·x^(p−1) would give 0·∞ at 0)."""

    def __init__(self) -> None:
        super().__init__(0.0)

    def local(self, i, xs, out):
        return np.zeros(np.shape(out))


class _Power(ops.Pow):
    """x ** y with y a node: where y is 0 the power is 1 for every x, so ∂/∂x is 0 (not 0·0⁻¹ = NaN at 0)."""

    def local(self, i, xs, out):
        local = super().local(i, xs, out)
        return np.where(np.asarray(xs[1]) == 0, 0.0, local) if i == 0 else local
