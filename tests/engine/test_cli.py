"""`python -m engine steps|grads|gradcheck` as teachers' scripts and CI use it."""

import csv
import io
import json
import subprocess
import sys

import pytest

from . import lecture_reference as ref

LECTURE = str(ref.PATH)


def run(repo_root, *args):
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=repo_root, capture_output=True, text=True,
                          timeout=120)


def test_grads_prints_only_the_documented_json(repo_root):
    result = run(repo_root, "grads", LECTURE)
    assert result.returncode == 0
    out = json.loads(result.stdout)
    assert set(out) == {"loss", "objective", "outputs", "gradients"}
    assert out["loss"] == pytest.approx(ref.L, abs=1e-15)
    assert out["objective"] == out["loss"]
    assert out["outputs"] == [[pytest.approx(ref.yhat, abs=1e-15)]]
    w1, w2 = out["gradients"]
    assert w1["weights"] == [[pytest.approx(v, abs=1e-15) for v in row] for row in ref.dW1]
    assert w1["biases"] == [pytest.approx(v, abs=1e-15) for v in ref.db1]
    assert w2["weights"] == [[pytest.approx(ref.dW2[0], abs=1e-15)], [pytest.approx(ref.dW2[1], abs=1e-15)]]
    assert w2["biases"] == [pytest.approx(ref.db2, abs=1e-15)]


def test_grads_of_an_expression(repo_root, tmp_path):
    lesson = tmp_path / "circuit.json"
    lesson.write_text(json.dumps({"format": "backprop-studio", "version": 1,
                                  "expression": {"source": "q = x + y\nf = q * z",
                                                 "values": {"x": -2, "y": 5, "z": -4}}}))
    out = json.loads(run(repo_root, "grads", str(lesson)).stdout)
    assert out == {"outputs": {"f": -12.0}, "gradients": {"x": -4.0, "y": -4.0, "z": 3.0}}


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_steps_json_holds_every_step_with_true_values(repo_root, granularity):
    result = run(repo_root, "steps", LECTURE, "--granularity", granularity, "--format", "json")
    steps = json.loads(result.stdout)
    by_symbol = {s["symbol"]: s for s in steps}
    assert by_symbol["ŷ"]["value"] == pytest.approx(ref.yhat, abs=1e-15)
    assert by_symbol["δ₂"]["value"] == pytest.approx(ref.delta2, abs=1e-15)
    assert by_symbol["δ₁[2]"]["value"] == pytest.approx(ref.delta1[1], abs=1e-15)
    phases = [s["phase"] for s in steps]
    assert phases == sorted(phases, key=["forward", "backward", "update"].index)
    assert phases.count("update") == 9


def test_steps_markdown_is_the_whole_derivation(repo_root):
    text = run(repo_root, "steps", LECTURE, "--format", "markdown").stdout
    assert text.startswith("# ")
    assert "## Forward propagation" in text
    assert "## Backpropagation" in text
    assert "**10.** Chain rule: the error term δ₂ is the gradient arriving at ŷ times the derivative of sigmoid." \
        in text
    assert "\\delta_{2} &= \\frac{\\partial L}{\\partial \\hat{y}} \\cdot \\sigma'\\left(z_{2}\\right) \\\\\n" \
        "&= 0.2657 \\times 0.1794" in text


def test_steps_text_latex_and_csv(repo_root):
    text = run(repo_root, "steps", LECTURE).stdout
    assert "δ₂ = ∂L/∂ŷ·σ′(z₂) = 0.2657 × 0.1794 = 0.04767" in text
    latex = run(repo_root, "steps", LECTURE, "--format", "latex").stdout
    assert latex.count("\n\\subsection*{") == 4  # what is given, then the three phases
    assert latex.count("\n\\formula{") == 7 + 16 + 9
    out = run(repo_root, "steps", LECTURE, "--format", "csv").stdout
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows[0] == ["step", "phase", "symbol", "formula", "substituted", "value shown", "value (float64)"]
    assert rows[1][1] == "Forward propagation"
    assert len(rows) == 1 + 7 + 16 + 9


def test_gradcheck_passes_on_the_lecture(repo_root):
    result = run(repo_root, "gradcheck", LECTURE)
    assert result.returncode == 0
    assert "passed" in result.stdout



@pytest.mark.parametrize(("source", "where"), [
    ("f = x ** 2", "line 1, column 1: f is not a finite number"),
    ("f = sqrt(x - 1e200)", "line 1, column 10: ∂f/∂t₁ is not a finite number"),
])
def test_gradcheck_of_an_expression_that_is_not_finite_says_where_like_grads(repo_root, tmp_path, source, where):
    lesson = tmp_path / "edge.json"
    lesson.write_text(json.dumps({"format": "backprop-studio", "version": 1,
                                  "expression": {"source": source, "values": {"x": 1e200}}}))
    check, grads = run(repo_root, "gradcheck", str(lesson)), run(repo_root, "grads", str(lesson))
    assert check.returncode == grads.returncode == 2
    assert check.stdout == ""
    assert check.stderr == grads.stderr
    assert check.stderr.startswith(f"error: {where}")
    assert len(check.stderr.splitlines()) == 1

@pytest.mark.parametrize("args", [
    ["steps", "missing.json"],
    ["grads", "README.md"],
    ["steps", LECTURE, "--format", "pdf"],
    ["steps", LECTURE, "--sample", "9"],
    ["frobnicate"],
    [],
])
def test_bad_files_and_arguments_exit_2_with_one_line(repo_root, args):
    result = run(repo_root, *args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_file_with_a_bad_field_is_named(repo_root, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "backprop-studio", "version": 1, "network": {"layers": [{"size": 2}, '
                   '{"size": 1, "weights": [[1], [2], [3]]}]}}')
    result = run(repo_root, "grads", str(bad))
    assert result.returncode == 2
    assert "network.layers[1].weights: expected 2×1, got 3×1" in result.stderr


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_steps_on_a_saturated_network_prints_finite_numbers(repo_root, tmp_path, granularity):
    lesson = tmp_path / "saturated.json"
    lesson.write_text(json.dumps({
        "format": "backprop-studio", "version": 1,
        "network": {"layers": [{"size": 1}, {"size": 1, "activation": "sigmoid", "weights": [[40]], "biases": [0]}],
                    "loss": "bce"},
        "data": {"inputs": [[1]], "targets": [[0]]}}))
    result = run(repo_root, "steps", str(lesson), "--granularity", granularity, "--format", "json")
    assert result.returncode == 0, result.stderr
    steps = json.loads(result.stdout)
    assert all(isinstance(s["value"], float) and abs(s["value"]) < 1e300 for s in steps)
    assert run(repo_root, "gradcheck", str(lesson)).returncode == 0
