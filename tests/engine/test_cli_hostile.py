"""The command line on hostile files: exit 2 with one plain line, strict JSON or nothing on stdout."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine import __main__ as cli
from engine import document

LECTURE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "lecture_2-2-1.json"


def run(repo_root, *args):
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=repo_root, capture_output=True, text=True,
                          timeout=60)


def _one_plain_line(result) -> str:
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "Error:" not in lines[0]  # never a Python exception's name and text
    assert "Warning" not in result.stderr
    return lines[0]


def _strict(text: str):
    def refuse(token):
        raise AssertionError(f"{token} is not strict JSON")

    return json.loads(text, parse_constant=refuse)


def _lesson(tmp_path, change) -> Path:
    raw = json.loads(LECTURE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "lesson.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def test_special_files_are_refused_in_one_line(repo_root, tmp_path):
    kinds = {str(tmp_path): "is a folder, not a file"}
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        kinds[str(tmp_path / "pipe")] = "is a named pipe, not a file"
    if Path("/dev/zero").exists():
        kinds["/dev/zero"] = "is a device, not a file"
    for path, problem in kinds.items():
        for command in ("grads", "steps", "gradcheck", "train"):
            assert problem in _one_plain_line(run(repo_root, command, path)), (command, path)


def test_a_huge_row_is_refused_in_one_line(repo_root, tmp_path):
    path = _lesson(tmp_path, lambda raw: raw["data"].update(inputs=[[0.5] * 1_000_000]))
    assert _one_plain_line(run(repo_root, "grads", str(path))) == \
        "error: data.inputs[0]: expected 2 numbers, got 1000000"


def test_overflowing_weights_are_an_error_not_a_nan_token_or_a_warning(repo_root, tmp_path):
    path = _lesson(tmp_path, lambda raw: raw["network"]["layers"][1].update(weights=[[1e308, 1e308],
                                                                                     [1e308, 1e308]],
                                                                            activation="linear"))
    line = _one_plain_line(run(repo_root, "grads", str(path)))
    assert line == "error: the loss or a gradient is not a finite number (the numbers overflow)"


def test_an_expression_that_leaves_its_domain_names_the_line(repo_root, tmp_path):
    path = tmp_path / "expr.json"
    path.write_text(json.dumps({"format": "backprop-studio", "version": 1,
                                "expression": {"source": "q = x + 1\nf = log(q - 10)", "values": {"x": 2}}}))
    assert _one_plain_line(run(repo_root, "grads", str(path))) == \
        "error: line 2, column 1: f is not a finite number (log needs a positive number)"


def test_grads_output_is_strict_json(repo_root):
    result = run(repo_root, "grads", str(LECTURE))
    assert result.returncode == 0
    out = _strict(result.stdout)
    assert math.isfinite(out["loss"])


@pytest.mark.parametrize(("raised", "line"), [
    (MemoryError, "error: not enough memory for this lesson"),
    (RecursionError, "error: the lesson is nested too deeply"),
    (ZeroDivisionError, "error: the computation failed: a number overflowed or was divided by zero"),
    (OverflowError, "error: the computation failed: a number overflowed or was divided by zero"),
])
def test_no_python_exception_text_reaches_stderr(monkeypatch, capsys, raised, line):
    def explode(path):
        raise raised("float division by zero")

    monkeypatch.setattr(document, "load", explode)
    assert cli.main(["grads", str(LECTURE)]) == 2
    captured = capsys.readouterr()
    assert captured.err == line + "\n"
    assert captured.out == ""
