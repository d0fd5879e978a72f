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
import io
import math
import tokenize
import warnings
from dataclasses import dataclass, field

import numpy as np

from . import ops
from .errors import ExpressionError, brief
from .formula import Piece, escape, exact, nowrap, sym
from .graph import NOT_FINITE, Graph, Node, gradient_reason, non_finite_error, value_reason
from .messages import Message, python_reason
from .network import is_finite_number
from .roles import Role

MAX_SOURCE_CHARS = 20_000
MAX_STATEMENTS = 500
MAX_NODES = 5_000
MAX_DEPTH = 100  # nested operations in one statement; deeper programs are asked to split lines

FUNCTION_NAMES = tuple(ops.FUNCTIONS)  # exp log sqrt sin cos tanh sigmoid relu
_FUNCTION_LIST = ", ".join(FUNCTION_NAMES)

_BINOPS: dict[type, tuple[str, type[ops.Op] | None]] = {
    ast.Add: ("+", ops.Add),
    ast.Sub: ("-", ops.Sub),
    ast.Mult: ("*", ops.Mul),
    ast.Div: ("/", ops.Div),
    ast.Pow: ("**", None),  # PowConst for a number exponent, else Pow
}
_OTHER_OPERATORS = {
    ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
    ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&", ast.Invert: "~", ast.Not: "not",
}
_DESCRIPTIONS = {
    ast.Attribute: Message("construct.attribute"),
    ast.Import: Message("construct.keyword", word="import"),
    ast.ImportFrom: Message("construct.keyword", word="import"),
    ast.Lambda: Message("construct.keyword", word="lambda"),
    ast.Compare: Message("construct.comparison"),
    ast.BoolOp: Message("construct.and_or"),
    ast.Subscript: Message("construct.indexing"),
    ast.Slice: Message("construct.slicing"),
    ast.List: Message("construct.list"),
    ast.Tuple: Message("construct.tuple"),
    ast.Dict: Message("construct.dictionary"),
    ast.Set: Message("construct.set"),
    ast.ListComp: Message("construct.list_comprehension"),
    ast.SetComp: Message("construct.set_comprehension"),
    ast.DictComp: Message("construct.dictionary_comprehension"),
    ast.GeneratorExp: Message("construct.generator_expression"),
    ast.IfExp: Message("construct.conditional"),
    ast.NamedExpr: Message("construct.walrus"),
    ast.Starred: Message("construct.unpacking"),
    ast.JoinedStr: Message("construct.string"),
    ast.FormattedValue: Message("construct.string"),
    ast.Await: Message("construct.keyword", word="await"),
    ast.Yield: Message("construct.keyword", word="yield"),
    ast.YieldFrom: Message("construct.keyword", word="yield"),
    ast.FunctionDef: Message("construct.defining_a_function"),
    ast.AsyncFunctionDef: Message("construct.defining_a_function"),
    ast.ClassDef: Message("construct.defining_a_class"),
    ast.Return: Message("construct.keyword", word="return"),
    ast.Delete: Message("construct.keyword", word="del"),
    ast.AnnAssign: Message("construct.annotated"),
    ast.For: Message("construct.loop"),
    ast.AsyncFor: Message("construct.loop"),
    ast.While: Message("construct.loop"),
    ast.If: Message("construct.keyword", word="if"),
    ast.With: Message("construct.keyword", word="with"),
    ast.AsyncWith: Message("construct.keyword", word="with"),
    ast.Raise: Message("construct.keyword", word="raise"),
    ast.Try: Message("construct.keyword", word="try"),
    ast.Assert: Message("construct.keyword", word="assert"),
    ast.Global: Message("construct.keyword", word="global"),
    ast.Nonlocal: Message("construct.keyword", word="nonlocal"),
    ast.Pass: Message("construct.keyword", word="pass"),
    ast.Break: Message("construct.keyword", word="break"),
    ast.Continue: Message("construct.keyword", word="continue"),
}


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


@dataclass
class _Program:
    source: str
    tree: ast.Module
    free: dict[str, tuple[int, int]] = field(default_factory=dict)  # name → (line, column) of first use
    lines: list[str] = field(default_factory=list)

    def column(self, node: ast.AST) -> int:
        return _column(self.lines, node.lineno, node.col_offset)


def _column(lines: list[str], lineno: int, col_offset: int) -> int:
    """ast's col_offset counts UTF-8 bytes; people count characters. 1-based."""
    if 1 <= lineno <= len(lines):
        return len(lines[lineno - 1].encode("utf-8")[:col_offset].decode("utf-8", errors="ignore")) + 1
    return col_offset + 1


def _analyse(source: str) -> _Program:
    if not isinstance(source, str):
        raise ExpressionError(Message("expr.not_text"), 1, 1)
    if len(source) > MAX_SOURCE_CHARS:
        raise ExpressionError(Message("expr.too_long", length=len(source), limit=MAX_SOURCE_CHARS), 1, 1)
    _refuse_unreadable(source)
    _prescan(source)
    try:
        with warnings.catch_warnings():  # Python's own hints ("invalid decimal literal") never reach stderr
            warnings.simplefilter("ignore", SyntaxWarning)
            tree = ast.parse(source, mode="exec")
    except SyntaxError as exc:
        line, column = exc.lineno or 1, exc.offset or 1
        raise ExpressionError(Message("expr.invalid", reason=_syntax_message(exc)), line, max(column, 1)) from None
    except (RecursionError, MemoryError):
        raise ExpressionError(Message("expr.program_too_deep", limit=MAX_DEPTH), 1, 1) from None
    program = _Program(source, tree, lines=source.splitlines())
    if len(tree.body) > MAX_STATEMENTS:
        extra = tree.body[MAX_STATEMENTS]
        raise ExpressionError(Message("expr.too_many_statements", count=len(tree.body), limit=MAX_STATEMENTS),
                              extra.lineno, program.column(extra))
    for statement in tree.body:
        _check_depth(program, statement)
    _Checker(program).run()
    return program


def _refuse_unreadable(source: str) -> None:
    """A lone surrogate (from a file's \\ud800 escape) cannot even be handed to the parser."""
    for line_number, line in enumerate(source.splitlines() or [source], start=1):
        for column, char in enumerate(line, start=1):
            if "\ud800" <= char <= "\udfff" or char == "\x00":
                raise ExpressionError(Message("expr.invalid_character", code=f"{ord(char):04X}"), line_number, column)


def _prescan(source: str) -> None:
    """Refuse deep nesting before the parser sees it: brackets and runs of unary operators."""
    depth = 0
    run = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.OP and token.string in "([{":
                depth += 1
            elif token.type == tokenize.OP and token.string in ")]}":
                depth = max(depth - 1, 0)
            if (token.type == tokenize.OP and token.string in ("-", "+", "~")) or token.string == "not":
                run += 1
            elif token.type not in (tokenize.NL, tokenize.COMMENT):
                run = 0
            if depth + run > MAX_DEPTH:
                line, col = token.start
                raise ExpressionError(Message("expr.expression_too_deep", limit=MAX_DEPTH), line, col + 1)
    except (tokenize.TokenError, SyntaxError):
        return  # ast.parse reports it with a better message


def _check_depth(program: _Program, statement: ast.stmt) -> None:
    """Iteratively measure the nesting depth, so that later recursive walks stay shallow."""
    stack: list[tuple[ast.AST, int, ast.AST]] = [(statement, 0, statement)]
    while stack:
        node, depth, placed = stack.pop()
        if hasattr(node, "lineno"):
            placed = node  # the nearest node with a position (operators and contexts have none)
        if depth > MAX_DEPTH:
            raise ExpressionError(Message("expr.expression_too_deep", limit=MAX_DEPTH), placed.lineno,
                                  program.column(placed))
        stack.extend((child, depth + 1, placed) for child in ast.iter_child_nodes(node))


def _syntax_message(exc: SyntaxError) -> Message | str:
    """Python's reason a program cannot be read: a catalogued Message when the engine has a code for it."""
    return python_reason((exc.msg or "invalid syntax").strip())


def _not_allowed(program: _Program, node: ast.AST, what: Message | None = None) -> ExpressionError:
    if what is None:
        what = _DESCRIPTIONS.get(type(node)) or Message("construct.other", name=type(node).__name__)
    located = hasattr(node, "lineno") and hasattr(node, "col_offset")
    line = node.lineno if located else 1
    column = program.column(node) if located else 1
    return ExpressionError(Message("expr.not_allowed", what=what), line, column)


class _Checker:
    """Walks the whitelist in evaluation order and records the free variables."""

    def __init__(self, program: _Program) -> None:
        self.p = program
        self.assigned: set[str] = set()

    def run(self) -> None:
        body = self.p.tree.body
        if not body:
            raise ExpressionError(Message("expr.no_assignment", example="f = (x + y) * z"), 1, 1)
        for statement in body:
            self.statement(statement)

    def error(self, node: ast.AST, message: Message) -> ExpressionError:
        return ExpressionError(message, node.lineno, self.p.column(node))

    def statement(self, node: ast.stmt) -> None:
        if isinstance(node, ast.Assign):
            if len(node.targets) != 1:
                raise self.error(node.targets[1], Message("expr.one_name"))
            target = node.targets[0]
            self.target(target)
            self.expr(node.value)
            self.assigned.add(target.id)
        elif isinstance(node, ast.AugAssign):
            self.target(node.target)
            if type(node.op) not in _BINOPS:
                symbol = _OTHER_OPERATORS.get(type(node.op)) or Message("construct.this_operator")
                raise self.error(node, Message("expr.augmented_operator", symbol=symbol,
                                               allowed="+=, -=, *=, /= or **="))
            self.read(node.target.id, node.target)
            self.expr(node.value)
            self.assigned.add(node.target.id)
        elif isinstance(node, ast.Expr):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                raise _not_allowed(self.p, node.value, Message("construct.string"))
            raise self.error(node, Message("expr.value_without_assignment", example="f = …"))
        else:
            raise _not_allowed(self.p, node)

    def target(self, node: ast.expr) -> None:
        if not isinstance(node, ast.Name):
            if isinstance(node, ast.Attribute | ast.Subscript):
                raise _not_allowed(self.p, node)
            raise self.error(node, Message("expr.plain_name", example="f = …"))
        if node.id in ops.FUNCTIONS:
            raise self.error(node, Message("expr.function_name", name=node.id))

    def read(self, name: str, node: ast.AST) -> None:
        if name in ops.FUNCTIONS:
            raise self.error(node, Message("expr.call_function", name=name, example=f"{name}(x)"))
        if name not in self.assigned and name not in self.p.free:
            self.p.free[name] = (node.lineno, self.p.column(node))

    def expr(self, node: ast.expr) -> None:
        if isinstance(node, ast.BinOp):
            if type(node.op) not in _BINOPS:
                symbol = _OTHER_OPERATORS.get(type(node.op)) or Message("construct.this_operator")
                raise self.error(node, Message("expr.operator", symbol=symbol, allowed="+ - * / **"))
            self.expr(node.left)
            self.expr(node.right)
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, ast.USub | ast.UAdd):
                symbol = _OTHER_OPERATORS.get(type(node.op)) or Message("construct.this_operator")
                raise self.error(node, Message("expr.unary_operator", symbol=symbol))
            self.expr(node.operand)
        elif isinstance(node, ast.Call):
            self.call(node)
        elif isinstance(node, ast.Name):
            self.read(node.id, node)
        elif isinstance(node, ast.Constant):
            _number(self.p, node)
        else:
            raise _not_allowed(self.p, node)

    def call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute):
            raise _not_allowed(self.p, func)
        if not isinstance(func, ast.Name):
            raise self.error(node, Message("expr.only_functions", names=_FUNCTION_LIST))
        if func.id not in ops.FUNCTIONS:
            raise self.error(func, Message("expr.unknown_function", name=func.id, names=_FUNCTION_LIST))
        if node.keywords or len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
            raise self.error(node, Message("expr.one_argument", name=func.id, example=f"{func.id}(x)"))
        self.expr(node.args[0])


def _number(program: _Program, node: ast.Constant) -> float:
    value = node.value
    if isinstance(value, bool):
        raise _not_allowed(program, node, Message("construct.truth_value", value=value))
    if isinstance(value, str | bytes):
        raise _not_allowed(program, node, Message("construct.string"))
    if isinstance(value, complex):
        raise _not_allowed(program, node, Message("construct.complex"))
    if not isinstance(value, int | float):
        raise _not_allowed(program, node, Message("construct.keyword", word=repr(value)))
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise ExpressionError(Message("expr.number_too_large"), node.lineno, program.column(node))
    return number


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
