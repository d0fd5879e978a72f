"""The step log: every step taken so far; clicking a row jumps to that step."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from engine.lesson import Lesson

from .exercise import HIDDEN, formula_parts
from .explain import phase_name


class StepLogModel(QAbstractTableModel):
    """Rows are the steps taken (0 … position-1); explanations are built lazily, row by row."""

    COLUMNS = 4

    def __init__(self, lesson: Lesson, parent=None) -> None:
        super().__init__(parent)
        self.lesson = lesson
        self._rows = lesson.stepper.position if lesson.stepper else 0

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
        if role == Qt.ItemDataRole.ToolTipRole:  # every matrix in full (the table and the inspector shorten them)
            if not hidden:
                return e.rendered("text", full=True) if hasattr(e, "rendered") else e.text
            rel = "←" if e.relation == "←" else "="
            return f"{e.symbol.text} {rel} " + " = ".join([p.text for p in parts] + [HIDDEN])
        column = index.column()
        if column == 0:
            return phase_name(e.phase)
        if column == 1:
            return e.symbol.text
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

    def _on_row_clicked(self, index) -> None:
        self.lesson.stepper.goto(index.row() + 1)
