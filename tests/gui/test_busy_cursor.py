"""While the window builds a lesson or its steps, the mouse shows a wait cursor, and it always comes back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from engine.lesson import NetworkLesson
from gui.paths import EXAMPLES
from gui.window import main_window


def _cursor() -> Qt.CursorShape | None:
    cursor = QApplication.overrideCursor()
    return None if cursor is None else cursor.shape()


def test_opening_a_lesson_shows_the_wait_cursor_while_it_builds(window, monkeypatch):
    seen = []
    real = main_window.lesson_for

    def watched(doc):
        seen.append(_cursor())
        return real(doc)

    monkeypatch.setattr(main_window, "lesson_for", watched)
    assert window.open_path(EXAMPLES / "xor.json", remember=False, as_template=True)
    assert seen == [Qt.CursorShape.WaitCursor]
    assert _cursor() is None


def test_a_failed_open_gives_the_cursor_back(window, tmp_path):
    window.unattended = True  # the refusal goes to stderr instead of a dialog
    assert not window.open_path(tmp_path, remember=False)  # a folder is no lesson
    assert _cursor() is None


def test_switching_granularity_shows_the_wait_cursor_while_the_steps_are_built(window, qtbot, monkeypatch):
    seen = []
    real = NetworkLesson.set_granularity

    def watched(lesson, granularity):
        seen.append(_cursor())
        return real(lesson, granularity)

    monkeypatch.setattr(NetworkLesson, "set_granularity", watched)
    window.actions_by_name["actionOperationGranularity"].trigger()
    assert seen == [Qt.CursorShape.WaitCursor]
    assert window.lesson.granularity == "operation"
    assert _cursor() is None
