"""The step log: every step taken so far; clicking a row jumps to that step. A step with a teacher's note
shows ✎ beside its symbol and the note as the row's tooltip; right-click a row to add, edit or remove its note."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from engine.lesson import Lesson

from .exercise import HIDDEN, formula_parts
from .explain import phase_name
from .notes_view import add_note_actions

NOTE_MARK = "✎"


class StepLogModel(QAbstractTableModel):
    """Rows are the steps taken (0 … position-1); explanations are built lazily, row by row."""

    COLUMNS = 4

    def __init__(self, lesson: Lesson, parent=None) -> None:
        super().__init__(parent)
        self.lesson = lesson
        self._rows = lesson.stepper.position if lesson.stepper else 0
        self.notes: dict[tuple[str, str], str] = {}  # (phase, symbol) → text, engine/notes.py texts()

    def set_notes(self, notes: dict[tuple[str, str], str]) -> None:
        self.notes = dict(notes)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self._rows - 1, self.COLUMNS - 1))

    def note(self, row: int) -> str | None:
        e = self.lesson.stepper.explain(row)
        return None if e is None else self.notes.get((e.phase, e.symbol.text))

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return [self.tr("Phase"), self.tr("Symbol"), self.tr("Formula with numbers"), self.tr("Value")][section]

    def rowCount(self, parent=None):
        return 0 if parent is not None and parent.isValid() else self._rows

    def columnCount(self, parent=None):
        return 0 if parent is not None and parent.isValid() else self.COLUMNS

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        e = self.lesson.stepper.explain(index.row())
        if e is None:
            return None
        parts, hidden = formula_parts(self.lesson, e)  # exercise mode: an asked result is not shown
        note = self.notes.get((e.phase, e.symbol.text))
        if role == Qt.ItemDataRole.ToolTipRole:  # every matrix in full (the table and the inspector shorten them)
            if hidden:
                rel = "←" if e.relation == "←" else "="
                text = f"{e.symbol.text} {rel} " + " = ".join([p.text for p in parts] + [HIDDEN])
            else:
                text = e.rendered("text", full=True) if hasattr(e, "rendered") else e.text
            if note is None:
                return text
            return f"{text}\n\n{NOTE_MARK} " + self.tr("Teacher's note: %1").replace("%1", note)
        column = index.column()
        if column == 0:
            return phase_name(e.phase)
        if column == 1:
            return e.symbol.text if note is None else f"{e.symbol.text} {NOTE_MARK}"
        if hidden:
            return e.substituted.text if column == 2 and any(p is e.substituted for p in parts) else HIDDEN
        if column == 2:  # the numbers put in, unless they only repeat the result
            return e.substituted.text if len(e.parts()) >= 3 else e.result.text
        return e.result.text

    def sync(self) -> None:
        """Follow the stepper: append or remove rows at the end, or reset after a rebuild."""
        target = self.lesson.stepper.position
        if target > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, target - 1)
            self._rows = target
            self.endInsertRows()
        elif target < self._rows:
            self.beginRemoveRows(QModelIndex(), target, self._rows - 1)
            self._rows = target
            self.endRemoveRows()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self.lesson.stepper.position
        self.endResetModel()


class StepLog(QTableView):
    note_requested = Signal(int, str)  # step index, "edit" or "remove"

    def __init__(self, lesson: Lesson, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("stepLog")
        self.lesson = lesson
        self.model_ = StepLogModel(lesson, self)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        # Fixed widths: sizing to contents would build every row's explanation on long runs.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.scale_columns(1.0)
        self.clicked.connect(self._on_row_clicked)
        lesson.stepped.connect(self._on_step_changed)
        lesson.rebuilt.connect(self._on_lesson_rebuilt)
        self._on_step_changed()

    def scale_columns(self, scale: float) -> None:
        """Column widths that grow with the text (the formula column takes the rest)."""
        header = self.horizontalHeader()
        for column, width in ((0, 170), (1, 150), (3, 110)):
            header.resizeSection(column, int(width * scale))

    def detach(self) -> None:
        self.lesson.stepped.disconnect(self._on_step_changed)
        self.lesson.rebuilt.disconnect(self._on_lesson_rebuilt)

    def _on_lesson_rebuilt(self) -> None:
        self.model_.reload()

    def _on_step_changed(self) -> None:
        self.model_.sync()
        if self.model_.rowCount():  # exercise mode hides and reveals rows already shown
            self.model_.dataChanged.emit(self.model_.index(0, 0),
                                         self.model_.index(self.model_.rowCount() - 1, self.model_.COLUMNS - 1))
        row = self.lesson.stepper.position - 1
        if row >= 0:
            self.selectRow(row)
            self.scrollTo(self.model_.index(row, 0))
        else:
            self.clearSelection()

    def set_notes(self, notes: dict[tuple[str, str], str]) -> None:
        self.model_.set_notes(notes)

    def contextMenuEvent(self, event) -> None:
        row = self.rowAt(event.pos().y())
        if row < 0:
            return
        menu = QMenu(self)
        add_note_actions(menu, self.model_.note(row) is not None, lambda: self.note_requested.emit(row, "edit"),
                         lambda: self.note_requested.emit(row, "remove"))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _on_row_clicked(self, index) -> None:
        self.lesson.stepper.goto(index.row() + 1)
