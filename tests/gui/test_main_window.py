"""The main window as a teacher uses it: keyboard stepping, inspector, log, edits, undo."""

import math
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from gui.window.main_window import MainWindow
from tests.engine import lecture_reference as ref


def _press(qtbot, window, key, times=1):
    for _ in range(times):
        qtbot.keyClick(window, key)


def _numbers(text):
    """Every number in the inspector's plain text (the minus sign is U+2212)."""
    import re

    return [float(t.replace("−", "-")) for t in re.findall(r"−?\d+(?:\.\d+)?(?:e[−+]?\d+)?", text)]


def _plain(symbol):
    """What the rich text shows once subscripts are flattened: z₁[1] → z1[1]."""
    return symbol.translate(str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789"))


def _result(window):
    """The number after the last '=' of the formula shown in the inspector."""
    text = window.inspector.toPlainText()
    formula = [line for line in text.splitlines() if line.strip().startswith("=")]
    return _numbers(formula[-1])[-1]


EXPECTED = [  # (step, symbol shown, true value) through the lecture in neuron granularity
    (1, "z₁[1]", ref.z1[0]), (2, "a₁[1]", ref.a1[0]), (3, "z₁[2]", ref.z1[1]), (4, "a₁[2]", ref.a1[1]),
    (5, "z₂", ref.z2), (6, "ŷ", ref.yhat), (7, "L", ref.L), (9, "∂L/∂ŷ", ref.dL_dyhat), (10, "δ₂", ref.delta2),
    (11, "∂L/∂W₂[1,1]", ref.dW2[0]), (12, "∂L/∂W₂[2,1]", ref.dW2[1]), (13, "∂L/∂b₂", ref.db2),
    (14, "∂L/∂a₁[1]", ref.dL_da1[0]), (15, "∂L/∂a₁[2]", ref.dL_da1[1]), (16, "δ₁[1]", ref.delta1[0]),
    (17, "∂L/∂W₁[1,1]", ref.dW1[0][0]), (18, "∂L/∂W₁[2,1]", ref.dW1[1][0]), (19, "∂L/∂b₁[1]", ref.db1[0]),
    (20, "δ₁[2]", ref.delta1[1]), (21, "∂L/∂W₁[1,2]", ref.dW1[0][1]), (22, "∂L/∂W₁[2,2]", ref.dW1[1][1]),
    (23, "∂L/∂b₁[2]", ref.db1[1]),
]


def test_keyboard_steps_through_the_lecture_with_true_values(window, qtbot):
    position = 0
    for step, symbol, value in EXPECTED:
        _press(qtbot, window, Qt.Key.Key_Right, step - position)
        position = step
        text = window.inspector.toPlainText()
        assert _plain(symbol) in text, (step, text)
        shown = _result(window)
        assert math.isclose(shown, value, rel_tol=5e-4, abs_tol=5e-8), (symbol, shown, value)
    assert window.position_label.text() == f"Step 23 / {len(window.lesson.stepper)}"
    assert window.step_log.model().rowCount() == 23


def test_step_back_restores_the_earlier_text(window, qtbot):
    _press(qtbot, window, Qt.Key.Key_Right, 5)
    shown_at_5 = window.inspector.toPlainText()
    _press(qtbot, window, Qt.Key.Key_Space)
    assert window.inspector.toPlainText() != shown_at_5
    _press(qtbot, window, Qt.Key.Key_Left)
    assert window.inspector.toPlainText() == shown_at_5
    assert window.step_log.model().rowCount() == 5


def test_home_and_end_and_log_click(window, qtbot):
    _press(qtbot, window, Qt.Key.Key_End)
    assert window.lesson.stepper.at_end
    _press(qtbot, window, Qt.Key.Key_Home)
    assert window.lesson.stepper.position == 0
    _press(qtbot, window, Qt.Key.Key_Right, 7)
    log = window.step_log
    rect = log.visualRect(log.model().index(2, 2))
    qtbot.mouseClick(log.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.lesson.stepper.position == 3
    assert "z1[2]" in window.inspector.toPlainText()


def test_weight_edit_changes_z_and_undo_restores_it(window, qtbot):
    _press(qtbot, window, Qt.Key.Key_Right, 1)
    assert math.isclose(_result(window), ref.z1[0], rel_tol=1e-4)
    window.network_view.value_edited.emit("weight", 1, 0, 0, 1.5)  # W₁[1,1] 0.5 → 1.5, as the inline editor does
    assert math.isclose(_result(window), ref.z1[0] + 1.0 * ref.X[0], rel_tol=1e-4)
    assert window.isWindowModified()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert math.isclose(_result(window), ref.z1[0], rel_tol=1e-4)
    assert window.lesson.network.weights(1)[0, 0] == 0.5


def test_granularity_switch_changes_the_number_of_steps(window, qtbot):
    neuron_steps = len(window.lesson.stepper)
    qtbot.keyClick(window, Qt.Key.Key_O)
    assert window.granularity_box.currentData() == "operation"
    assert len(window.lesson.stepper) > neuron_steps
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert len(window.lesson.stepper) == neuron_steps


def test_update_phase_then_next_pass_lowers_the_loss(window, qtbot):
    _press(qtbot, window, Qt.Key.Key_End)
    _press(qtbot, window, Qt.Key.Key_Right)  # at the end: apply the update, start a new pass
    assert window.lesson.stepper.position == 0
    forward_end = window.lesson.stepper.phase_bounds("forward")[1]
    _press(qtbot, window, Qt.Key.Key_Right, forward_end)
    assert float(window.lesson.graph.output.value) < ref.L
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.lesson.network.weights(2)[0, 0] == 0.9


def test_bad_file_gives_a_message_and_keeps_the_lesson(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "backprop-studio", "version": 1, "network": {"layers": [{"size": 2}, '
                   '{"size": 2, "weights": [[1, 2, 3], [4, 5, 6]]}]}}')
    before = window.lesson
    assert not window.open_path(bad)
    assert window.lesson is before
    assert "Output layer ▸ weights: expected 2×2, got 2×3" in shown[0]  # the user's words, not the field path


def test_font_scale_changes_sizes(window, qtbot):
    size = window.step_log.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.step_log.font().pointSizeF() > size
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.step_log.font().pointSizeF() == pytest.approx(size)


def test_f11_toggles_full_screen(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.full_screen_action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.full_screen_action.isChecked()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_smoke_screenshot_is_not_blank(language, tmp_path, repo_root):
    png = tmp_path / f"shot-{language}.png"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "main.py", "--smoke", "--screenshot", str(png), "--lang", language],
                            cwd=repo_root, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert image.width() > 800
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
    assert len(colours) > 10


def test_unreadable_file_on_the_command_line_still_opens_the_app(tmp_path, repo_root):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "backprop-studio", "version": 1, "network": {"layers": [{"size": 0}]}}')
    png = tmp_path / "shot.png"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "main.py", str(bad), "--smoke", "--screenshot", str(png)],
                            cwd=repo_root, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0
    assert "Layers: needs an input layer and at least one more" in result.stderr  # the user's words
    assert "Traceback" not in result.stderr
    assert png.exists()


def test_no_two_actions_share_a_shortcut(window):
    from PySide6.QtGui import QAction

    owners = {}
    for action in window.findChildren(QAction):
        keys = [key.toString() for key in action.shortcuts()]
        assert len(keys) == len(set(keys)), (action.objectName(), keys)  # twice on one action is ambiguous too
        for key in action.shortcuts():
            owners.setdefault(key.toString(), set()).add(action.objectName() or action.text())
    shared = {key: names for key, names in owners.items() if key and len(names) > 1}
    assert shared == {}


def test_larger_text_reaches_the_training_panel(window, qtbot):
    size = window.training.panel.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.training.panel.font().pointSizeF() > size


def test_clicking_a_neuron_shows_its_value_gradient_and_local_derivative(window, qtbot):
    _press(qtbot, window, Qt.Key.Key_End)
    view = window.network_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(view.neuron_center(1, 0)))
    text = window.inspector.toPlainText()
    assert "Selected node" in text
    assert "a1[1]" in text
    numbers = _numbers(text)
    assert any(math.isclose(n, ref.a1[0], rel_tol=1e-4) for n in numbers)  # the value
    assert any(math.isclose(n, ref.dL_da1[0], rel_tol=1e-3) for n in numbers)  # ∂L/∂a₁[1]
    assert any(math.isclose(n, ref.da1_dz1[0], rel_tol=1e-3) for n in numbers)  # σ′(z₁[1])


def test_the_first_lesson_opens_once_for_a_newcomer(qtbot):
    from gui.window.help import FirstLessonDialog

    first = MainWindow(language="en")
    qtbot.addWidget(first)
    first.welcome_newcomer()
    dialogs = first.findChildren(FirstLessonDialog)
    assert len(dialogs) == 1
    assert dialogs[0].isVisible()
    assert not dialogs[0].isModal()
    dialogs[0].close()
    again = MainWindow(language="en")
    qtbot.addWidget(again)
    again.welcome_newcomer()
    assert again.findChildren(FirstLessonDialog) == []
