"""The lesson's training settings live in one place: the Edit menu's dialogs, the training panel's
boxes and the stepper all show and use the lesson's λ and η; every change is one undo entry."""

from __future__ import annotations

import argparse
import io

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QInputDialog

from engine.cli_train import run_train
from engine.config import RANGES
from tests.engine import lecture_reference as ref

pytestmark = pytest.mark.gui
TIMEOUT_MS = 60_000
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(window, monkeypatch):
    monkeypatch.setattr(window, "maybe_save", lambda: True)  # a failing test must not leave a save question open
    return window


def _answer(qtbot, typed: str, seen: dict) -> QTimer:
    """Once the dialog is open, type ``typed`` into it and press Return; note what it showed and allowed."""
    timer = QTimer()

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            return
        timer.stop()
        seen.update(shown=dialog.doubleValue(), low=dialog.doubleMinimum(), high=dialog.doubleMaximum())
        box = dialog.findChild(QDoubleSpinBox)
        box.lineEdit().selectAll()
        qtbot.keyClicks(box.lineEdit(), typed)
        qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)

    timer.timeout.connect(look)
    timer.start(20)
    return timer


def _ask(qtbot, action, typed: str) -> dict:
    """Choose ``action`` (an Edit-menu entry) and answer its dialog with ``typed``."""
    seen: dict = {}
    timer = _answer(qtbot, typed, seen)
    action.trigger()  # returns once the dialog is answered
    timer.stop()
    assert seen, "no dialog was shown"
    return seen


def _type(qtbot, box, text: str) -> None:
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)


def _hand_sgd(iterations: int, eta: float, lam: float):
    """Full-batch gradient descent on the lecture's sample, J = L + λ/2·Σ‖W‖², by hand in float64."""
    x, y = np.array([ref.X]), np.array([[ref.Y]])
    w1, b1 = np.array(ref.W1), np.array(ref.B1)
    w2, b2 = np.array(ref.W2).reshape(2, 1), np.array([ref.B2])
    for _ in range(iterations):
        a1 = 1 / (1 + np.exp(-(x @ w1 + b1)))
        yhat = 1 / (1 + np.exp(-(a1 @ w2 + b2)))
        d2 = (yhat - y) * yhat * (1 - yhat)
        d1 = (d2 @ w2.T) * a1 * (1 - a1)
        w1, b1, w2, b2 = (w1 - eta * (x.T @ d1 + lam * w1), b1 - eta * d1[0],
                          w2 - eta * (a1.T @ d2 + lam * w2), b2 - eta * d2[0])
    return w1, b1, w2, b2


def _panel(window, qtbot):
    window.training.panel_dock.raise_()
    panel = window.training.panel
    qtbot.waitUntil(panel.isVisible)
    return panel


def test_lambda_and_eta_from_the_edit_menu_are_kept_by_train_and_undone_in_order(window, qtbot, tmp_path):
    lesson, stack = window.lesson, window.undo_stack
    panel = _panel(window, qtbot)
    training = lesson.document.training
    assert (lesson.network.weight_decay, training.learning_rate, training.iterations) == (0.0, 0.5, 100)

    seen_decay = _ask(qtbot, window.actions_by_name["actionWeightDecay"], "0.25")
    seen_rate = _ask(qtbot, window.actions_by_name["actionLearningRate"], "0.05")
    assert (lesson.network.weight_decay, lesson.learning_rate, lesson.stepper.learning_rate) == (0.25, 0.05, 0.05)
    saved = tmp_path / "lesson.json"
    saved.write_text(window.current_document().to_json(), encoding="utf-8")

    with qtbot.waitSignal(panel.run_finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    result = finished.args[0]
    assert (result.status, result.iterations) == ("finished", 100)
    # Kept in the lesson (they were 0.0 and 0.5 again after a run) and shown by the panel.
    assert (lesson.network.weight_decay, lesson.learning_rate) == (0.25, 0.05)
    assert (panel.decay_box.value(), panel.lr_box.value()) == (0.25, 0.05)
    assert [stack.text(k) for k in range(stack.count())] == [
        "Change weight decay", "Change learning rate", "Train 100 iterations"]
    # Trained with them: as by hand, and as the command line trains the file saved before the run.
    w1, b1, w2, b2 = _hand_sgd(100, 0.05, 0.25)
    np.testing.assert_allclose(lesson.network.weights(1), w1, rtol=1e-12)
    np.testing.assert_allclose(lesson.network.biases(1), b1, rtol=1e-12)
    np.testing.assert_allclose(lesson.network.weights(2), w2, rtol=1e-12)
    np.testing.assert_allclose(lesson.network.biases(2), b2, rtol=1e-12)
    out = io.StringIO()
    args = argparse.Namespace(file=str(saved), out=None, iterations=None, learning_rate=None, optimizer=None,
                              batch_size=None, seed=None)
    assert run_train(args, out, io.StringIO()) == 0
    assert out.getvalue().splitlines()[0] == f"final loss: {result.final['loss']:.10g}"
    # The dialogs showed the lesson's value and allowed exactly the engine's range, as the panel's boxes do.
    assert seen_decay == {"shown": 0.0, "low": RANGES["weight_decay"].low, "high": RANGES["weight_decay"].high}
    assert seen_rate == {"shown": 0.5, "low": RANGES["learning_rate"].low, "high": RANGES["learning_rate"].high}

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # the run
    np.testing.assert_array_equal(lesson.network.weights(1), np.array(ref.W1))
    assert (panel.decay_box.value(), panel.lr_box.value()) == (0.25, 0.05)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # η
    assert (lesson.network.weight_decay, lesson.learning_rate, lesson.stepper.learning_rate) == (0.25, 0.5, 0.5)
    assert (panel.decay_box.value(), panel.lr_box.value()) == (0.25, 0.5)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # λ
    assert (lesson.network.weight_decay, lesson.learning_rate) == (0.0, 0.5)
    assert (panel.decay_box.value(), panel.lr_box.value()) == (0.0, 0.5)
    assert stack.index() == 0
    assert not window.isWindowModified()


def test_the_length_typed_in_the_panel_is_the_lessons(window, qtbot):
    lesson, stack = window.lesson, window.undo_stack
    panel = _panel(window, qtbot)
    _type(qtbot, panel.length_box, "3")
    assert (lesson.document.training.iterations, stack.count(), stack.text(0)) == (3, 1, "Change training length")
    panel.unit_box.setCurrentIndex(panel.unit_box.findData("epochs"))
    assert (lesson.document.training.epochs, lesson.document.training.iterations) == (3, 3)
    stack.undo()
    assert (lesson.document.training.epochs, panel.unit_box.currentData()) == (0, "iterations")
    stack.undo()
    assert (lesson.document.training.iterations, panel.length_box.value()) == (100, 100)


def test_a_box_edit_is_one_undo_entry_and_the_stepper_updates_with_the_same_eta(window, qtbot):
    lesson, stack = window.lesson, window.undo_stack
    panel = _panel(window, qtbot)
    _type(qtbot, panel.lr_box, "0.2")
    assert stack.count() == 1
    assert stack.text(0) == "Change learning rate"
    assert lesson.document.training.learning_rate == 0.2
    assert window.isWindowModified()
    shown = _ask(qtbot, window.actions_by_name["actionLearningRate"], "0.2")["shown"]
    assert shown == 0.2  # the Edit menu shows the same η
    assert stack.count() == 1  # answered unchanged: nothing to undo

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_End)  # through the update steps: W ← W − η·∂L/∂W
    weights, biases = lesson.updated_parameters()
    np.testing.assert_allclose(weights[0], np.array(ref.W1) - 0.2 * np.array(ref.dW1), rtol=1e-12)
    np.testing.assert_allclose(biases[0], np.array(ref.B1) - 0.2 * np.array(ref.db1), rtol=1e-12)
    np.testing.assert_allclose(weights[1].ravel(), np.array(ref.W2) - 0.2 * np.array(ref.dW2), rtol=1e-12)
    np.testing.assert_allclose(biases[1], [ref.B2 - 0.2 * ref.db2], rtol=1e-12)

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert (lesson.learning_rate, lesson.stepper.learning_rate, panel.lr_box.value()) == (0.5, 0.5, 0.5)
    assert stack.index() == 0


def test_lambda_typed_in_the_panel_is_the_networks_and_undoes_in_one_step(window, qtbot):
    lesson, stack = window.lesson, window.undo_stack
    panel = _panel(window, qtbot)
    _type(qtbot, panel.decay_box, "0.125")
    assert (stack.count(), stack.text(0)) == (1, "Change weight decay")
    assert lesson.network.weight_decay == 0.125
    assert _ask(qtbot, window.actions_by_name["actionWeightDecay"], "0.5")["shown"] == 0.125
    assert panel.decay_box.value() == 0.5
    assert stack.count() == 2
    stack.undo()
    assert (lesson.network.weight_decay, panel.decay_box.value()) == (0.125, 0.125)
    stack.undo()
    assert (lesson.network.weight_decay, panel.decay_box.value()) == (0.0, 0.0)


def test_stepping_a_box_is_one_entry_and_stepping_back_leaves_none(window, qtbot):
    lesson, stack = window.lesson, window.undo_stack
    panel = _panel(window, qtbot)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel.lr_box.setFocus()
    qtbot.waitUntil(panel.lr_box.hasFocus)
    for _ in range(2):
        qtbot.keyClick(panel.lr_box, Qt.Key.Key_Up)
    assert lesson.learning_rate == 0.52  # 0.5 and two steps of 0.01
    assert (stack.count(), stack.text(0)) == (1, "Change learning rate")
    for _ in range(2):
        qtbot.keyClick(panel.lr_box, Qt.Key.Key_Down)
    assert (lesson.learning_rate, stack.count()) == (0.5, 0)
    assert not window.isWindowModified()
