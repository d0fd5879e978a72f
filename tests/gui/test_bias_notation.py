"""A layer's Bias switch and the lesson's notation: both undoable, both drawn, both saved."""

import json

import pytest
from PySide6.QtCore import Qt

from gui.paths import EXAMPLES

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def _no_save_question(window, monkeypatch):
    monkeypatch.setattr(window, "maybe_save", lambda: True)  # closing after an edit must not ask to save


def _bias_entry(window, layer: int):
    menu = window.network_view.context_menu_for(layer, -1)
    return menu, next(a for a in menu.actions() if a.data() == "bias")


def _names(window) -> set[str]:
    return {node.sym.text for node in window.lesson.graph.nodes}


def test_toggling_a_layers_bias_is_undoable_and_its_bias_boxes_follow(qtbot, window):
    view, net = window.network_view, window.lesson.network
    biases = net.biases(1).copy()
    assert view.counts()["biases"] == 3  # the lecture's 2-2-1: two hidden biases and one output bias
    menu, entry = _bias_entry(window, 1)
    assert entry.isCheckable()
    assert entry.isChecked()
    entry.trigger()
    menu.deleteLater()
    assert not net.has_bias(1)
    assert view.counts()["biases"] == 1
    assert view.item_for(("bias", 1, 0)) is None
    assert not {"b₁[1]", "b₁[2]"} & _names(window)  # no bias node, and z₁ = Σ X·W₁ without "+ b₁"
    z = next(n for n in window.lesson.graph.nodes if n.sym.text == "z₁[1]")
    assert "b₁" not in z.op.formula([p.sym for p in z.inputs], False).text
    assert window.undo_stack.undoText() == "Remove bias"
    _, again = _bias_entry(window, 1)
    assert not again.isChecked()

    for _ in range(6):  # the steps, the inspector and the log still work without the bias
        qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.lesson.stepper.position == 6
    assert window.inspector.toPlainText()

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert net.has_bias(1)
    assert view.counts()["biases"] == 3
    assert net.biases(1).tolist() == biases.tolist()  # undo brings back the very biases
    assert {"b₁[1]", "b₁[2]"} <= _names(window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert not net.has_bias(1)
    assert view.counts()["biases"] == 1


def test_the_notation_switch_is_undoable_and_saved_with_the_lesson(qtbot, window, tmp_path):
    lecture, d2l = window.notation_actions["lecture"], window.notation_actions["d2l"]
    assert lecture.isChecked()
    assert {"a₁[1]", "ŷ", "W₁[1,1]"} <= _names(window)
    d2l.trigger()
    assert window.lesson.network.notation == "d2l"
    assert d2l.isChecked()
    assert {"h⁽¹⁾[1]", "o", "W⁽¹⁾[1,1]", "z⁽²⁾", "x[1]"} <= _names(window)
    assert "ŷ" not in _names(window)
    assert window.isWindowModified()
    path = tmp_path / "lesson.json"
    assert window._write(path)
    assert json.loads(path.read_text(encoding="utf-8"))["network"]["notation"] == "d2l"

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.lesson.network.notation == "lecture"
    assert lecture.isChecked()
    assert "ŷ" in _names(window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.lesson.network.notation == "d2l"
    assert d2l.isChecked()


def test_the_d2l_lesson_opens_in_d2l_notation_without_bias_boxes(qtbot, window):
    assert window.open_path(EXAMPLES / "d2l_weight_decay.json", remember=False)
    assert window.notation_actions["d2l"].isChecked()
    assert window.network_view.counts()["biases"] == 0
    assert not any(node.meta.get("role") == "bias" for node in window.lesson.graph.nodes)
    window.run_to_end()
    assert window.inspector.toPlainText()
    net = window.lesson.network
    before = net.weights(1).copy()
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)  # training keeps the layers without bias
    panel = window.training.panel
    qtbot.waitUntil(lambda: not panel.is_running() and panel.last_result is not None, timeout=60_000)
    assert panel.last_result.status == "finished"
    assert not (window.lesson.network.weights(1) == before).all()
    assert not window.lesson.network.has_bias(1)
    assert window.lesson.network.biases(1).tolist() == [0.0, 0.0, 0.0]
    assert window.network_view.counts()["biases"] == 0
