"""Check my hand calculation: a table of every step's symbol, the values a student worked out, and the check.

The rows are the lesson's steps at its granularity (engine/hand_rows.py); the student types the
values, pastes two columns (symbol, value) from a spreadsheet (the Paste button or Ctrl+V in the
table) or imports a CSV file. Check runs engine/hand_check.py on the lesson's current numbers and
shows, per row, correct / a slip at this step / carried over (naming the slip it comes from) /
transposed, with the engine's explanation in the interface language (gui/messages.py), and a
summary naming the first slip as the root cause. The values checked are kept in the lesson file
("hand_calculation") through an undo command, so Save keeps them and Ctrl+Z takes them back.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from engine.errors import StudioError
from engine.hand_rows import table_rows
from engine.hand_table import FIELD, HandCalculation, check_document, document_graph, from_document, parse_table
from engine.hand_table import read_table as read_csv
from engine.quantities import symbol_key

from ..messages import engine_message

SYMBOL, VALUE, VERDICT, WHY = range(4)
COLOURS = {  # background of the verdict: readable on a projector, told apart without colour by the words
    "correct": "#dcedc8", "carried": "#ffe0b2", "slip": "#ffcdd2", "transposed": "#bbdefb", "problem": "#e0e0e0",
}


class HandTable(QTableWidget):
    """The table; Ctrl+V pastes a two-column table into it (``paste`` is the dialog's)."""

    def __init__(self, paste, parent=None) -> None:
        super().__init__(0, 4, parent)
        self._paste = paste

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self._paste()
            event.accept()
            return
        super().keyPressEvent(event)


class HandCheckDialog(QDialog):
    """Not modal: the class sees the diagram and the check side by side."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setObjectName("handCheckDialog")
        self.setWindowTitle(self.tr("Check my hand calculation"))
        self.report = None
        self._lesson = None
        self.source = QLabel(self)
        self.source.setObjectName("handSource")
        self.source.setWordWrap(True)
        self.table = HandTable(self.paste, self)
        self.table.setObjectName("handTable")
        self.table.setHorizontalHeaderLabels([self.tr("Symbol"), self.tr("Your value"), self.tr("Verdict"),
                                              self.tr("Why")])
        header = self.table.horizontalHeader()
        for column in (SYMBOL, VALUE, VERDICT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed |
                                   triggers.SelectedClicked)
        self.summary = QLabel(self)
        self.summary.setObjectName("handSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for name, text, slot in (("handPaste", self.tr("Paste"), self.paste),
                                 ("handImport", self.tr("Import CSV…"), self.import_csv),
                                 ("handClear", self.tr("Clear"), self.clear_values),
                                 ("handCheck", self.tr("Check"), self.check)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            setattr(self, name.removeprefix("hand").lower() + "_button", button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.resize(980, 640)
        window.lesson_changed.connect(self.follow_lesson)
        self.follow_lesson()

    # ------------------------------------------------------------------ the rows
    def follow_lesson(self) -> None:
        """Show the open lesson's steps and its saved hand calculation."""
        if self._lesson is not None:
            self._lesson.rebuilt.disconnect(self._on_lesson_rebuilt)
        self._lesson = self.window.lesson
        self._lesson.rebuilt.connect(self._on_lesson_rebuilt)
        try:
            own = from_document(self.window.document)
        except StudioError:
            own = None
        self._show_source(own)
        self.set_rows(own.values if own is not None else [])

    def _on_lesson_rebuilt(self) -> None:
        """An edit, another granularity or sample: the same values against the new steps, not yet checked."""
        self.set_rows(self.rows())

    def _show_source(self, own: HandCalculation | None) -> None:
        language = self.window.language
        text = "" if own is None else own.source.get(language) or own.source.get("en", "")
        self.source.setText(text)
        self.source.setVisible(bool(text))

    def _graph(self):
        lesson = self.window.lesson
        return document_graph(self.window.document, lesson.granularity, getattr(lesson, "sample", 0))

    def set_rows(self, written: list[tuple[str, str]]) -> None:
        """Every step's row, with ``written`` (symbol, value) in their places; no verdicts yet."""
        try:
            rows = table_rows(self._graph(), written)
        except StudioError as exc:
            rows = list(written)
            self.summary.setText(engine_message(exc))
        self.report = None
        self.table.setRowCount(len(rows))
        for r, (symbol, value) in enumerate(rows):
            self.table.setItem(r, SYMBOL, QTableWidgetItem(symbol))
            self.table.setItem(r, VALUE, QTableWidgetItem(value))
            for column in (VERDICT, WHY):
                item = QTableWidgetItem("")
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, column, item)
        self.summary.setText("")

    def rows(self) -> list[tuple[str, str]]:
        """(symbol, value) of every row with a value."""
        out = []
        for r in range(self.table.rowCount()):
            symbol, value = (self.table.item(r, c).text().strip() if self.table.item(r, c) else ""
                             for c in (SYMBOL, VALUE))
            if symbol and value:
                out.append((symbol, value))
        return out

    def set_value(self, symbol: str, value: str) -> None:
        """Type ``value`` for the row of ``symbol`` (a new row when there is none)."""
        self.merge([(symbol, value)])

    def merge(self, pasted: list[tuple[str, str]]) -> None:
        """Put pasted rows in: a symbol already in the table takes the pasted value."""
        given = dict((symbol_key(s), v) for s, v in pasted)
        rows, seen = [], set()
        for r in range(self.table.rowCount()):
            symbol = self.table.item(r, SYMBOL).text().strip()
            value = self.table.item(r, VALUE).text().strip()
            key = symbol_key(symbol)
            if key in given:
                value, seen = given[key], seen | {key}
            if symbol and value:
                rows.append((symbol, value))
        rows += [(s, v) for s, v in pasted if symbol_key(s) not in seen]
        self.set_rows(rows)

    # ------------------------------------------------------------------ input
    def paste(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> None:
        try:
            pasted = parse_table(text, self.tr("pasted table"))
        except StudioError as exc:
            self.summary.setText(engine_message(exc))
            return
        if len(pasted) == 0:
            self.summary.setText(self.tr("Nothing to paste: copy two columns, symbol and value."))
            return
        self.merge(pasted)

    def import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a hand calculation"), str(Path.home()),
                                              self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.import_path(path)

    def import_path(self, path: str) -> None:
        try:
            self.merge(read_csv(path))
        except StudioError as exc:
            self.summary.setText(engine_message(exc))

    def clear_values(self) -> None:
        self.set_rows([])

    # ------------------------------------------------------------------ the check
    def check(self) -> None:
        rows = self.rows()
        lesson = self.window.lesson
        try:
            report = check_document(self.window.document, rows, lesson.granularity, getattr(lesson, "sample", 0))
        except StudioError as exc:
            self.summary.setText(engine_message(exc))
            return
        self.report = report
        entries = iter(report.entries)
        for r in range(self.table.rowCount()):
            symbol, value = (self.table.item(r, c).text().strip() for c in (SYMBOL, VALUE))
            if not (symbol and value):
                continue
            entry = next(entries)
            self._show_verdict(r, entry)
        self.table.resizeRowsToContents()
        if report.summary is not None:
            self.summary.setText(engine_message(report.summary))
        elif not rows:
            self.summary.setText(self.tr("Type the values you worked out by hand, or paste them, then press Check."))
        elif any(e.status == "problem" for e in report.entries):
            self.summary.setText(self.tr("Some rows could not be checked: their reason is under “Why”."))
        elif report.all_correct:
            self.summary.setText(self.tr("Every value you wrote is correct."))
        else:
            self.summary.setText(self.tr("No slip of your own: the differences come from rounding."))
        self._keep(rows)

    def verdict(self, entry) -> tuple[str, str]:
        """(colour key, words) of an entry's verdict."""
        if entry.status == "problem":
            return "problem", self.tr("cannot check")
        if entry.status == "slip":
            slips = [c.symbol for c in entry.cells if c.status == "slip"]
            words = self.tr("slip at this step") if len(entry.cells) == 1 else \
                self.tr("slip at %1").replace("%1", ", ".join(slips))
            return "slip", words
        if entry.status == "carried":
            slips = self.report.slips if self.report is not None else []
            roots = sorted({root for c in entry.cells for root in c.roots},
                           key=lambda root: slips.index(root) if root in slips else len(slips))
            return "carried", (self.tr("carried over from %1").replace("%1", ", ".join(roots)) if roots
                               else self.tr("carried over (rounding)"))
        if entry.transposed:
            return "transposed", self.tr("transposed")
        return "correct", self.tr("correct")

    def _show_verdict(self, r: int, entry) -> None:
        colour, words = self.verdict(entry)
        if entry.transposed and colour != "transposed":
            words = self.tr("transposed") + "; " + words
        why = "\n".join(engine_message(m) for m in entry.messages())
        for column, text in ((VERDICT, words), (WHY, why)):
            item = self.table.item(r, column)
            item.setText(text)
            item.setData(Qt.ItemDataRole.UserRole, "transposed" if entry.transposed else colour)
            item.setBackground(QBrush(QColor(COLOURS[colour])))
            item.setForeground(QBrush(QColor("#000000")))

    def _keep(self, rows: list[tuple[str, str]]) -> None:
        """The values checked, in the lesson file (an undo command), when they changed."""
        from ..window.commands import SetHandCalculationCommand

        doc = self.window.document
        try:
            own = from_document(doc)
        except StudioError:
            own = None
        if own is not None and own.values == rows:
            return
        lesson = self.window.lesson
        after = HandCalculation(rows, granularity=lesson.granularity).to_record() if rows else None
        if after is None and doc.extra.get(FIELD) is None:
            return
        self.window.undo_stack.push(SetHandCalculationCommand(doc, after, self.tr("Enter hand calculation"),
                                                              self._on_saved_changed))

    def _on_saved_changed(self) -> None:
        """Undo or redo changed the lesson's hand calculation: show it (unless the table holds it already)."""
        if self._lesson is None:
            return
        try:
            own = from_document(self.window.document)
        except StudioError:
            own = None
        written = own.values if own is not None else []
        if written != self.rows():
            self.set_rows(written)

    def closeEvent(self, event) -> None:
        if self._lesson is not None:
            self._lesson.rebuilt.disconnect(self._on_lesson_rebuilt)
            self._lesson = None
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self.window.lesson_changed.disconnect(self.follow_lesson)
        super().closeEvent(event)
