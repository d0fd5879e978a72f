"""`python -m engine steps --granularity layer` in every format: the lecture's matrix steps, and every
sample at once for a lesson with several."""

import csv
import io
import json
import subprocess
import sys

import numpy as np
import pytest

from engine.derivation import FORMATS

from . import lecture_reference as ref

LECTURE = str(ref.PATH)


def run(repo_root, *args):
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=repo_root, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("fmt", FORMATS)
def test_layer_steps_print_in_every_format(repo_root, fmt):
    result = run(repo_root, "steps", LECTURE, "--granularity", "layer", "--format", fmt)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        records = json.loads(out)
        assert len(records) == 15 + 4  # the lecture's 15 quantities, then W₁, b₁, W₂, b₂ updated
        by_symbol = {r["symbol"]: r for r in records}
        np.testing.assert_allclose(by_symbol["∂L/∂W₁"]["value"], ref.dW1, rtol=1e-14)
        assert by_symbol["z₁"]["shapes"] == "1×2 · 2×2 + 1×2 → 1×2"
        assert by_symbol["∂L/∂W₁"]["formula"] == "Xᵀ·δ₁"
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
        assert len(rows) == 1 + 19
        assert rows[14][2:4] == ["∂L/∂W₁", "Xᵀ·δ₁"]
        np.testing.assert_allclose(json.loads(rows[14][6]), ref.dW1, rtol=1e-14)
    elif fmt == "latex":
        assert r"\begin{bmatrix} 0.5 & 0.6 \\ 0.7 & 0.8 \end{bmatrix}" in out
        assert r"\odot" in out
    elif fmt == "markdown":
        assert "bmatrix" in out
        assert "all 1 at once (layer steps)" in out
    else:
        assert "z₁ = X·W₁ + b₁ = [1, 2]·[[0.5, 0.6], [0.7, 0.8]] + [0.1, 0.2] = [2, 2.4]" in out
        assert "δ₂ = ∂L/∂ŷ ⊙ σ′(z₂)" in out


def test_layer_steps_hold_every_sample_and_print_matrices_in_full(repo_root, tmp_path):
    """Eight samples of a 2-9-1 network: X is 8×2, z₁ is 8×9 (wider than the inspector's 6 columns,
    printed in full by the command line), ∂L/∂W₁ = Xᵀ·Δ₁/8 equals the mean over the samples."""
    rng = np.random.default_rng(4)
    x, y = rng.normal(size=(8, 2)), rng.uniform(size=(8, 1))
    w1, w2 = rng.normal(size=(2, 9)), rng.normal(size=(9, 1))
    doc = {"format": "backprop-studio", "version": 1, "network": {
        "layers": [{"size": 2}, {"size": 9, "activation": "tanh", "weights": w1.tolist(), "biases": [0.1] * 9},
                   {"size": 1, "activation": "sigmoid", "weights": w2.tolist(), "biases": [0.0]}],
        "loss": "bce"}, "data": {"inputs": x.tolist(), "targets": y.tolist()}}
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(doc))
    records = json.loads(run(repo_root, "steps", str(path), "--granularity", "layer", "--format", "json").stdout)
    by_symbol = {r["symbol"]: r for r in records}
    z1 = x @ w1 + 0.1
    np.testing.assert_allclose(by_symbol["z₁"]["value"], z1, rtol=1e-14)
    a1 = np.tanh(z1)
    yhat = 1 / (1 + np.exp(-(a1 @ w2)))
    delta2 = yhat - y  # each sample's own δ₂ of bce with a sigmoid output
    delta1 = (delta2 @ w2.T) * (1 - a1 ** 2)
    np.testing.assert_allclose(by_symbol["Δ₂"]["value"], delta2, rtol=1e-12)
    np.testing.assert_allclose(by_symbol["∂L/∂W₁"]["value"], x.T @ delta1 / 8, rtol=1e-12)
    assert by_symbol["∂L/∂W₁"]["formula"] == "Xᵀ·Δ₁/8"
    text = run(repo_root, "steps", str(path), "--granularity", "layer").stdout
    line = next(line for line in text.splitlines() if ". z₁ = " in line)
    assert "⋯" not in line  # 9 columns, in full
    assert "⋮" not in line
    assert line.endswith(", ".join(f"{v:.4f}".rstrip("0") for v in z1[-1, -2:]) + "]]")  # down to the last entry
