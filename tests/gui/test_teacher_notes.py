"""Teacher's notes in the window: added from the step log's or the inspector's context menu, shown in the
inspector (large in presentation mode) and marked in the step log, saved in the lesson file, undoable."""

import json

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu

from engine import document as documents
from gui.lesson.notes_view import NoteDialog
from gui.lesson.step_log import NOTE_MARK
from gui.paths import LECTURE
from gui.window.main_window import MainWindow
from tests.gui.languages import in_chinese

DELTA2 = 10  # the lecture's neuron steps: z₁[1] a₁[1] z₁[2] a₁[2] z₂ ŷ L ∂L/∂L ∂L/∂ŷ δ₂


@pytest.fixture(autouse=True)
def closing_never_asks(monkeypatch):
    """The windows here have unsaved notes: closing them at the end of a test discards them."""
    monkeypatch.setattr(MainWindow, "maybe_save", lambda self: True)


def _press(qtbot, window, key, times=1):
    for _ in range(times):
        qtbot.keyClick(window, key)


def _later(qtbot, kind, act):
    """Once a popup or dialog of ``kind`` is open, ``act(widget)`` (from a timer: the menu and the dialog
    block while open)."""
    def attempt(tries=250):
        widget = QApplication.activePopupWidget() if kind is QMenu else QApplication.activeModalWidget()
        if not isinstance(widget, kind):
            if tries:  # at most 5 s: a timer left behind must not act in a later test
                QTimer.singleShot(20, lambda: attempt(tries - 1))
            return
        act(widget)

    QTimer.singleShot(0, attempt)


def _choose_first_entry(qtbot):
    """Pick the menu's first entry with the keyboard, as a user would."""
    def act(menu):
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    _later(qtbot, QMenu, act)


def _write_note(qtbot, text, both=False):
    def act(dialog):
        qtbot.keyClicks(dialog.editor, text)
        if both:
            qtbot.keyClick(dialog.both, Qt.Key.Key_Space)
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)

    _later(qtbot, NoteDialog, act)


def _context_menu(widget, pos: QPoint):
    """What a right-click at ``pos`` sends (QTest's mouse clicks do not make context-menu events)."""
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos)))


def _right_click_row(qtbot, log, row):
    _context_menu(log.viewport(), log.visualRect(log.model().index(row, 1)).center())


def _add_note_from_the_log(qtbot, window, row, text, both=False):
    _choose_first_entry(qtbot)
    _write_note(qtbot, text, both)
    _right_click_row(qtbot, window.step_log, row)
    qtbot.waitUntil(lambda: window.undo_stack.count() > 0)
    window.activateWindow()  # back from the dialog, to the diagram: the step log keeps its own arrow keys
    qtbot.waitUntil(window.isActiveWindow)
    window.network_view.setFocus()


def _inspector_text(window):
    return window.inspector.toPlainText()


def test_a_note_added_from_the_step_log_shows_at_its_step_and_ctrl_z_removes_it(window, qtbot):
    _press(qtbot, window, Qt.Key.Key_Right, DELTA2 + 1)
    _add_note_from_the_log(qtbot, window, DELTA2 - 1, "Point at the 0.1794: sigmoid's slope.")
    assert window.document.extra["notes"] == [
        {"phase": "backward", "symbol": "δ₂", "text": {"en": "Point at the 0.1794: sigmoid's slope."}}]
    assert window.isWindowModified()
    log = window.step_log.model()
    assert log.index(DELTA2 - 1, 1).data() == f"δ₂ {NOTE_MARK}"
    assert "Point at the 0.1794" in log.index(DELTA2 - 1, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert log.index(DELTA2, 1).data() == "∂L/∂W₂[1,1]"  # other steps: no mark
    assert "Point at the 0.1794" not in _inspector_text(window)  # on step 11 now
    _press(qtbot, window, Qt.Key.Key_Left)  # back to δ₂: the inspector shows the note
    text = _inspector_text(window)
    assert "Teacher's note" in text
    assert "Point at the 0.1794: sigmoid's slope." in text
    assert text.index("0.04767") < text.index("Teacher's note")  # below the formula
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "notes" not in window.document.extra
    assert "Teacher's note" not in _inspector_text(window)
    assert log.index(DELTA2 - 1, 1).data() == "δ₂"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Point at the 0.1794" in _inspector_text(window)


def test_the_inspectors_menu_edits_and_removes_the_current_steps_note(window, qtbot):
    _press(qtbot, window, Qt.Key.Key_Right, 4)  # a₁[2]
    window.set_note("forward", "a₁[2]", {"en": "first"})
    assert "first" in _inspector_text(window)

    def pick(name):
        def act(menu):
            action = next(a for a in menu.actions() if a.objectName() == name)
            menu.setActiveAction(action)
            qtbot.keyClick(menu, Qt.Key.Key_Return)
        _later(qtbot, QMenu, act)

    def open_menu():
        _context_menu(window.inspector.viewport(), QPoint(5, 5))

    pick("actionEditNote")

    def rewrite(dialog):
        dialog.editor.selectAll()
        qtbot.keyClicks(dialog.editor, "second")
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)

    _later(qtbot, NoteDialog, rewrite)
    open_menu()
    assert window.document.extra["notes"][0]["text"] == {"en": "second"}
    pick("actionRemoveNote")
    open_menu()
    assert "notes" not in window.document.extra
    assert "second" not in _inspector_text(window)
    window.undo_stack.undo()
    assert "second" in _inspector_text(window)


def test_notes_are_saved_in_the_lesson_file_and_shown_after_opening(window, qtbot, tmp_path):
    _press(qtbot, window, Qt.Key.Key_Right, DELTA2)
    _add_note_from_the_log(qtbot, window, DELTA2 - 1, "Both languages", both=True)
    path = tmp_path / "noted.json"
    assert window._write(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["notes"] == [{"phase": "backward", "symbol": "δ₂",
                               "text": {"en": "Both languages", "zh_CN": "Both languages"}}]
    other = MainWindow(language="en")
    qtbot.addWidget(other)
    assert other.open_path(path, remember=False)
    assert other.lesson.stepper.position == DELTA2  # saved at this step
    assert "Both languages" in _inspector_text(other)


def test_a_lesson_with_bad_notes_is_refused_and_the_open_lesson_stays(window, qtbot, tmp_path, monkeypatch):
    window.set_note("forward", "z₂", {"en": "kept"})
    raw = json.loads(LECTURE.read_text(encoding="utf-8"))
    raw["notes"] = [{"phase": "sideways", "symbol": "δ₂", "text": "x"}]
    bad = tmp_path / "bad notes.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    said = []
    monkeypatch.setattr(window, "warn", lambda title, text: said.append(text))
    before = window.document
    assert not window.open_path(bad, remember=False)
    assert window.document is before
    assert window.document.extra["notes"][0]["text"] == {"en": "kept"}
    assert window.undo_stack.count() == 1
    assert "notes[0].phase" in said[0]
    assert "sideways" in said[0]


def test_the_note_is_large_in_presentation_mode(window, qtbot):
    _press(qtbot, window, Qt.Key.Key_Right, DELTA2)
    window.set_note("backward", "δ₂", {"en": "Look here"})
    small = _note_point_size(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.presenting)
    assert window.inspector.isVisible()
    assert _note_point_size(window) >= 1.5 * small
    qtbot.keyClick(window, Qt.Key.Key_Escape)


def _note_point_size(window) -> float:
    """The point size of the note's text in the inspector."""
    block = window.inspector.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if "Look here" in fragment.text():
                return fragment.charFormat().font().pointSizeF()
            it += 1
        block = block.next()
    pytest.fail("the note is not in the inspector")


def test_a_chinese_note_shows_in_the_chinese_interface(qtbot, tmp_path):
    raw = json.loads(LECTURE.read_text(encoding="utf-8"))
    raw["notes"] = [{"phase": "backward", "symbol": "δ₂",
                     "text": {"en": "The output error", "zh_CN": "输出层的误差项"}},
                    {"phase": "forward", "symbol": "z₂", "text": {"en": "English only"}}]
    path = tmp_path / "noted.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with in_chinese():
        win = MainWindow(language="zh_CN")
        qtbot.addWidget(win)
        assert win.open_path(path, remember=False)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        _press(qtbot, win, Qt.Key.Key_Right, 5)
        assert "English only" in _inspector_text(win)  # no Chinese text: the English one
        _press(qtbot, win, Qt.Key.Key_Right, DELTA2 - 5)
        text = _inspector_text(win)
        assert "教师批注" in text
        assert "输出层的误差项" in text
        assert "The output error" not in text
        tip = win.step_log.model().index(DELTA2 - 1, 2).data(Qt.ItemDataRole.ToolTipRole)
        assert "教师批注" in tip
    doc = documents.load(path)
    assert doc.extra["notes"] == raw["notes"]


def test_the_windows_handout_and_exercise_sheet_carry_the_note_in_the_interface_language(window, qtbot, tmp_path):
    from gui.window.exports import derivation_text
    from gui.window.sheet_export import export_exercise_sheet

    window.set_note("backward", "δ₂", {"en": "Mind the slope", "zh_CN": "注意斜率"})
    markdown = derivation_text(window, "markdown")
    step10 = markdown.index("**10.**")
    assert step10 < markdown.index("> ✎ **Teacher's note:** Mind the slope") < markdown.index("**11.**")
    assert r"\teachernote{Teacher's note}{Mind the slope}" in derivation_text(window, "latex")
    written = export_exercise_sheet(window, str(tmp_path / "sheet"), {"backward"}, formats=("markdown",), key=False)
    sheet = next(p for p in written if p.suffix == ".md").read_text(encoding="utf-8")
    assert "> ✎ **Teacher's note:** Mind the slope" in sheet
    assert "注意斜率" not in sheet
