"""Exported scripts rebuild the network and print the same JSON as `python -m engine grads`."""

import importlib.util
import json
import subprocess
import sys

import numpy as np
import pytest

from engine.document import Data, Document
from engine.network import make_network

from . import lecture_reference

CASES = [
    ([2, 3, 1], ["tanh", "sigmoid"], "half_sse", 0.0),
    ([2, 4, 3], ["relu", "softmax"], "cross_entropy", 0.01),
    ([3, 2, 2], ["leaky_relu", "sigmoid"], "bce", 0.1),
    ([1, 3, 2], ["sigmoid", "linear"], "mse", 0.0),
]


def _lesson(tmp_path, sizes, acts, loss, decay):
    rng = np.random.default_rng(7)
    net = make_network(sizes, acts, loss=loss, weight_decay=decay, seed=3)
    x = rng.normal(size=(5, sizes[0]))
    if loss == "cross_entropy":
        y = np.eye(sizes[-1])[rng.integers(sizes[-1], size=5)]
    elif loss == "bce":
        y = rng.integers(0, 2, size=(5, sizes[-1])).astype(float)
    else:
        y = rng.normal(size=(5, sizes[-1]))
    path = tmp_path / "lesson.json"
    path.write_text(Document(network=net, data=Data(x, y)).to_json())
    return path


def _run(*args, cwd):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def _assert_same(a, b):
    assert a["loss"] == pytest.approx(b["loss"], rel=1e-10, abs=1e-12)
    assert a["objective"] == pytest.approx(b["objective"], rel=1e-10, abs=1e-12)
    np.testing.assert_allclose(a["outputs"], b["outputs"], rtol=1e-10, atol=1e-12)
    for mine, theirs in zip(a["gradients"], b["gradients"], strict=True):
        np.testing.assert_allclose(mine["weights"], theirs["weights"], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(mine["biases"], theirs["biases"], rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(("sizes", "acts", "loss", "decay"), CASES)
def test_numpy_script_reproduces_grads(tmp_path, repo_root, sizes, acts, loss, decay):
    lesson = _lesson(tmp_path, sizes, acts, loss, decay)
    script = tmp_path / "net.py"
    exported = _run("-m", "engine", "export", str(lesson), "--to", "numpy", "-o", str(script), cwd=repo_root)
    assert exported.returncode == 0
    grads = json.loads(_run("-m", "engine", "grads", str(lesson), cwd=repo_root).stdout)
    exported = _run(str(script), cwd=tmp_path)  # runs outside the repo: numpy only
    assert exported.returncode == 0, exported.stderr
    imports = {line for line in script.read_text().splitlines() if line.startswith(("import ", "from "))}
    assert imports == {"import json", "import numpy as np"}
    _assert_same(json.loads(exported.stdout), grads)


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")
@pytest.mark.parametrize(("sizes", "acts", "loss", "decay"), CASES)
def test_pytorch_script_reproduces_grads(tmp_path, repo_root, sizes, acts, loss, decay):
    lesson = _lesson(tmp_path, sizes, acts, loss, decay)
    script = tmp_path / "net_torch.py"
    assert _run("-m", "engine", "export", str(lesson), "--to", "pytorch", "-o", str(script),
                cwd=repo_root).returncode == 0
    grads = json.loads(_run("-m", "engine", "grads", str(lesson), cwd=repo_root).stdout)
    exported = _run(str(script), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    _assert_same(json.loads(exported.stdout), grads)


def test_export_refuses_bad_target_with_exit_2(repo_root):
    result = _run("-m", "engine", "export", str(lecture_reference.PATH), "--to", "matlab",
                  cwd=repo_root)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
