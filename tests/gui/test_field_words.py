"""A bad lesson file's message names the place as the window shows it; the command line keeps the field path."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from engine import edits
from engine.errors import ValidationError
from engine.network import Network
from gui.fields import field_words
from gui.messages import engine_message
from tests.gui.languages import in_chinese

NET = {"layers": [{"size": 2}, {"size": 2, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
       "loss": "half_sse"}


def _lesson(tmp_path, **changes) -> str:
    raw = {"format": "backprop-studio", "version": 1, "network": json.loads(json.dumps(NET)), **changes}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return str(path)


def _softmax_of_one(tmp_path) -> str:
    net = json.loads(json.dumps(NET))
    net["layers"][2]["activation"], net["loss"] = "softmax", "cross_entropy"
    return _lesson(tmp_path, network=net)


def _bad_bias(tmp_path) -> str:
    net = json.loads(json.dumps(NET))
    net["layers"].insert(2, {"size": 3, "activation": "tanh", "biases": [0, 0, "x"]})
    return _lesson(tmp_path, network=net)


def _short_row(tmp_path) -> str:
    return _lesson(tmp_path, data={"inputs": [[1, 2], [3, 4], [5]], "targets": [[0], [1], [0]]})


def _negative_rate(tmp_path) -> str:
    return _lesson(tmp_path, training={"learning_rate": -1})


def _opened(window, monkeypatch, path) -> str:
    """The message box's text when the window opens ``path`` (File ▸ Open's own path)."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    before = window.lesson
    assert not window.open_path(path)
    assert window.lesson is before
    assert len(shown) == 1
    return shown[0].split("\n", 1)[1]  # after "'bad.json' could not be opened:"


@pytest.mark.parametrize(("make", "english"), [
    (_softmax_of_one, "Output layer: softmax needs at least two output neurons"),
    (_bad_bias, "Hidden layer 2 ▸ bias of neuron 3: expected a finite number, got 'x'"),
    (_short_row, "Data ▸ inputs row 3: expected 2 numbers, got 1"),
    (_negative_rate, "Training ▸ learning rate: expected a number from 0 to 1e+06, got -1"),
])
def test_a_bad_file_opened_in_the_window_names_the_place_in_the_users_words(window, monkeypatch, tmp_path, make,
                                                                            english):
    assert _opened(window, monkeypatch, make(tmp_path)) == english


@pytest.mark.parametrize(("make", "chinese"), [
    (_softmax_of_one, "输出层: softmax 至少需要两个输出神经元"),
    (_bad_bias, "隐藏层 2 ▸ 神经元 3 的偏置: 应为有限的数，实际为 'x'"),
    (_short_row, "数据 ▸ 输入第 3 行: 应为 2 个数，实际为 1 个"),
    (_negative_rate, "训练 ▸ 学习率: 应为 0 到 1e+06 之间的数，实际为 -1"),
])
def test_the_places_are_named_in_chinese_too(window, monkeypatch, tmp_path, make, chinese):
    with in_chinese():
        assert _opened(window, monkeypatch, make(tmp_path)) == chinese


def test_the_command_line_keeps_the_field_path(tmp_path, repo_root):
    done = subprocess.run([sys.executable, "-m", "engine", "grads", _softmax_of_one(tmp_path)], cwd=repo_root,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert "network.layers[2].activation: softmax needs at least two output neurons" in done.stderr


def test_an_edit_refused_on_the_live_network_names_its_layer(qapp):
    network = Network.from_dict(NET)
    with pytest.raises(ValidationError) as refused:
        edits.set_activation(network, 1, "swish")
    assert refused.value.layers == 3
    assert engine_message(refused.value) == "Hidden layer 1: unknown activation 'swish'"


@pytest.mark.parametrize(("path", "layers", "words"), [
    ("network.layers[0].size", 3, "Input layer ▸ number of neurons"),
    ("network.layers[1].weights[0][1]", 3, "Hidden layer 1 ▸ weight W[1, 2]"),
    ("network.layers[2].weights[1]", 3, "Output layer ▸ weights row 2"),
    ("network.layers[2].biases", None, "Layer 2 ▸ biases"),  # the count unknown: as the file counts
    ("data.targets[4][0]", None, "Data ▸ targets row 5, value 1"),
    ("expression.values.x1", None, "Expression ▸ value of x1"),
    ("training.beta2", None, "Training ▸ β₂"),
    ("data.csv", None, None),  # a file name, shown as it is
    ("x[3][4]", None, None),  # deep inside the file: the path says it best
])
def test_field_words(qapp, path, layers, words):
    assert field_words(path, layers) == words
