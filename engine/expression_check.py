"""Checking an expression program before anything is built: limits, the whitelist of Python
constructs (one table of what is refused and why), free variables, and the numbers written in it.

Nothing is ever evaluated by Python: the source is tokenized and parsed with :mod:`ast`, and
every node is checked against the whitelist (see engine/expressions.py for what is allowed).
"""


import ast
import io
import math
import tokenize
import warnings
from dataclasses import dataclass, field

from . import ops
from .errors import ExpressionError
from .messages import Message, python_reason

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
