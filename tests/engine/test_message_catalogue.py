"""Every engine error carries a catalogued message code, never free-form English."""

import ast
from pathlib import Path

import pytest

from engine.errors import ExpressionError, ValidationError
from engine.messages import CATALOGUE, Message, placeholders

ENGINE = Path(__file__).resolve().parents[2] / "engine"
_ERRORS = {"StudioError", "ValidationError", "ExpressionError", "DivergenceError"}
def _error_calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _ERRORS:
            yield node
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "error" \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "self":
            yield node  # the expression checker's self.error(node, message)


# every engine module that makes an error (errors.py defines them)
RAISING = sorted(path.relative_to(ENGINE).as_posix() for path in ENGINE.rglob("*.py")
                 if path.name != "errors.py" and any(True for _ in _error_calls(path)))


def _message_argument(call: ast.Call) -> ast.expr:
    if isinstance(call.func, ast.Attribute) or call.func.id == "ValidationError":
        return call.args[1]
    return call.args[0]


def _makers(tree: ast.Module) -> set[str]:
    """The module's functions that return a Message (annotated ``-> Message``)."""
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
            and isinstance(node.returns, ast.Name) and node.returns.id == "Message"}


def test_the_scan_finds_the_modules_that_raise():
    assert {"network.py", "document.py", "csv_import.py", "expressions.py", "graph.py", "training.py"} <= set(RAISING)


@pytest.mark.parametrize("name", RAISING)
def test_every_raise_site_passes_a_catalogued_code(name):
    makers = _makers(ast.parse((ENGINE / name).read_text(encoding="utf-8")))
    calls = list(_error_calls(ENGINE / name))
    assert calls, name
    for call in calls:
        where = f"{name}:{call.lineno}"
        message = _message_argument(call)
        for branch in (message.body, message.orelse) if isinstance(message, ast.IfExp) else (message,):
            if isinstance(branch, ast.Attribute):  # a message already made: exc.problem, self.message
                assert branch.attr in {"message", "problem", "whole"}, where
            elif isinstance(branch, ast.Name):  # a parameter annotated Message (the checker's error())
                assert branch.id == "message", where
            elif isinstance(branch, ast.Call) and getattr(branch.func, "id", None) in makers:
                continue
            else:
                _check_message(branch, where)


def test_every_code_the_engine_names_is_catalogued():
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Message" \
                    and isinstance(node.args[0], ast.Constant):
                assert node.args[0].value in CATALOGUE, f"{path.name}:{node.lineno}"


def _check_message(message: ast.expr, where: str) -> None:
    assert isinstance(message, ast.Call), where
    assert getattr(message.func, "id", None) == "Message", where
    code = message.args[0]
    assert isinstance(code, ast.Constant), where
    assert code.value in CATALOGUE, where
    given = {keyword.arg for keyword in message.keywords}
    assert given >= set(placeholders(CATALOGUE[code.value])), where  # more: for a translation


def test_every_catalogue_template_is_one_line_with_named_placeholders():
    for code, template in CATALOGUE.items():
        assert "\n" not in template, code
        assert "%1" not in template, code
        assert all(name.isidentifier() for name in placeholders(template)), code


def test_the_english_rendering_is_the_one_line_message():
    error = ValidationError("network.layers[1].weights", Message("expected.shape", rows=2, columns=2,
                                                                 got_rows=2, got_columns=3))
    assert str(error) == "network.layers[1].weights: expected 2×2, got 2×3"
    assert error.whole.code == "at"
    assert error.problem.code == "expected.shape"
    expression = ExpressionError(Message("expected.whole_number"), 2, 5)
    assert str(expression) == "line 2, column 5: expected a whole number"
    assert expression.message.code == "expected.whole_number"
