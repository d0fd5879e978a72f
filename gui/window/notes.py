"""Teacher's notes on steps (a mixin of MainWindow): Add note…, Edit note… and Remove note from the step
log's and the inspector's context menus, each an undo command; the views shown the notes in the interface
language (engine/notes.py holds the format)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from engine import notes as lesson_notes
from engine.errors import StudioError

from ..lesson.notes_view import NoteDialog
from ..messages import engine_message
from .commands import SetLessonRecordCommand


class NotesMixin:
    """Connects the views' note requests (``note_requested(step index, "edit" | "remove")``) to the lesson file."""

    def _connect_notes(self) -> None:
        """Called when a lesson's views are installed."""
        self.inspector.note_requested.connect(self._on_note_requested)
        self.step_log.note_requested.connect(self._on_note_requested)
        self.show_notes()

    def show_notes(self) -> None:
        """Give the views the notes of the open lesson, in the interface language."""
        doc = getattr(self, "document", None)
        try:
            texts = lesson_notes.texts(doc, self.language) if doc is not None else {}
        except StudioError:
            texts = {}
        for view in (self.inspector, self.step_log):
            if view is not None:
                view.set_notes(texts)

    def _on_note_requested(self, index: int, what: str) -> None:
        e = self.lesson.stepper.explain(index)
        if e is None:
            return
        if what == "remove":
            self.set_note(e.phase, e.symbol.text, None)
            return
        note = lesson_notes.find(lesson_notes.from_document(self.document), e.phase, e.symbol.text)
        dialog = NoteDialog(e.symbol.text, note, self.language, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_note(e.phase, e.symbol.text, dialog.texts())
        dialog.deleteLater()

    def set_note(self, phase: str, symbol: str, text: dict[str, str] | None) -> bool:
        """Set (``text``: language → text) or remove (None) the note of a step, as one undo command."""
        notes = lesson_notes.from_document(self.document)
        had = lesson_notes.find(notes, phase, symbol) is not None
        if text is None and not had:
            return False
        try:
            record = lesson_notes.with_note(notes, phase, symbol, text)
        except StudioError as exc:
            self.warn(QCoreApplication.translate("MainWindow", "Teacher's note"), engine_message(exc))
            return False
        if text is None:
            label = QCoreApplication.translate("MainWindow", "Remove note")
        elif had:
            label = QCoreApplication.translate("MainWindow", "Edit note")
        else:
            label = QCoreApplication.translate("MainWindow", "Add note")
        self.undo_stack.push(SetLessonRecordCommand(self.document, lesson_notes.FIELD, record,
                                                    f"{label} ({symbol})", self.show_notes))
        return True
