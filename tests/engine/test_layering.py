"""The engine's modules depend downwards only: operations never reach up to the model, errors never to the CLI."""

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "engine"


def imported(module: str) -> set[str]:
    """The modules one engine module or package imports, by name (``.network`` as ``network``).

    For a package, imports between its own modules (``from .base import Op``) are left out:
    what counts is what the package as a whole reaches for outside itself."""
    package = ENGINE / module
    files = sorted(package.glob("*.py")) if package.is_dir() else [ENGINE / f"{module}.py"]
    names = set()
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if not (package.is_dir() and node.level == 1):
                    names.add(node.module or "")
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
    return names


def test_operations_depend_only_on_formulas_and_tables():
    assert (ENGINE / "ops").is_dir(), "the operations are a package, one module per concept"
    # formulas (matrix_format writes their vectors and matrices) and tables
    assert imported("ops") - {"__future__", "math", "abc", "numpy"} == {"formula", "matrix_format", "names", "roles"}


def test_the_leaky_slope_is_stated_once_in_the_table_of_activations():
    from engine import batched, kernels, names, ops

    assert batched.LEAKY_SLOPE is kernels.LEAKY_SLOPE is ops.LEAKY_SLOPE is names.LEAKY_SLOPE
    stated = [p.relative_to(ENGINE).as_posix() for p in ENGINE.rglob("*.py")
              if "LEAKY_SLOPE =" in p.read_text(encoding="utf-8")]
    assert stated == ["names.py"]


def test_errors_hold_no_command_line_parser():
    assert "argparse" not in imported("errors")
    assert "argparse" in imported("cli")
