"""Teacher's notes on the screen: the box the inspector shows, the context-menu entries of the step log
and the inspector, and the dialog that writes a note (engine/notes.py holds the notes themselves)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
)

from engine.notes import LANGUAGES, MAX_NOTE_CHARS, Note

NOTE_COLOURS = ("#FFF8D6", "#B08900")  # background and border: a yellow sticky note, apart from the formula


def note_box_html(text: str, size: str) -> str:
    """The note as the inspector shows it below the formula, at font size ``size`` (such as "16pt")."""
    body = html.escape(text).replace("\n", "<br>")
    background, border = NOTE_COLOURS
    label = html.escape(QCoreApplication.translate("TeacherNotes", "Teacher's note"))
    return (f"<table width='100%' cellpadding='8' cellspacing='0' style='margin-top:10px; background:{background}; "
            f"border:2px solid {border}'><tr><td style='font-size:{size}; color:#3A3000'>"
            f"<b>✎ {label}</b><br>{body}</td></tr></table>")


def add_note_actions(menu: QMenu, has_note: bool, on_edit, on_remove) -> None:
    """Add note… (or Edit note… and Remove note) at the end of ``menu``."""
    if not menu.isEmpty():
        menu.addSeparator()
    edit = menu.addAction(QCoreApplication.translate("TeacherNotes", "Edit note…") if has_note
                          else QCoreApplication.translate("TeacherNotes", "Add note…"))
    edit.setObjectName("actionEditNote" if has_note else "actionAddNote")
    edit.triggered.connect(on_edit)
    if has_note:
        remove = menu.addAction(QCoreApplication.translate("TeacherNotes", "Remove note"))
        remove.setObjectName("actionRemoveNote")
        remove.triggered.connect(on_remove)


def language_name(code: str) -> str:
    if code == "zh_CN":
        return QCoreApplication.translate("TeacherNotes", "Chinese")
    return QCoreApplication.translate("TeacherNotes", "English")


class NoteDialog(QDialog):
    """The note's text, stored in the interface language only or in both languages."""

    def __init__(self, symbol: str, note: Note | None, language: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("Teacher's note on %1").replace("%1", symbol))
        self.language = language if language in LANGUAGES else LANGUAGES[0]
        self.other = next(k for k in LANGUAGES if k != self.language)
        self.before = dict(note.text) if note is not None else {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Shown in the inspector when this step is reached, and in handouts.")))
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("noteText")
        self.editor.setPlainText(note.shown(self.language) if note is not None else "")
        layout.addWidget(self.editor)
        self.only = QRadioButton(self.tr("Store in %1 only").replace("%1", language_name(self.language)), self)
        self.only.setObjectName("noteThisLanguage")
        self.both = QRadioButton(self.tr("Store in both languages"), self)
        self.both.setObjectName("noteBothLanguages")
        same = bool(self.before) and all(self.before.get(k) == self.before.get(self.language) for k in LANGUAGES)
        (self.both if same else self.only).setChecked(True)
        if self.before.get(self.other) and not same:
            self.only.setToolTip(self.tr("The %1 text is kept as it is.").replace("%1", language_name(self.other)))
        layout.addWidget(self.only)
        layout.addWidget(self.both)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.editor.textChanged.connect(self._on_text_changed)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._on_text_changed()

    def _on_text_changed(self) -> None:
        text = self.editor.toPlainText()
        if len(text) > MAX_NOTE_CHARS:
            self.editor.setPlainText(text[:MAX_NOTE_CHARS])
        self._ok.setEnabled(bool(text.strip()))

    def texts(self) -> dict[str, str]:
        """The note's text by language, as chosen."""
        text = self.editor.toPlainText().strip()
        if self.both.isChecked():
            return {k: text for k in LANGUAGES}
        out = {k: v for k, v in self.before.items() if k == self.other}
        out[self.language] = text
        return out
