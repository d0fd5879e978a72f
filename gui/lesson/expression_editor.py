"""The expression-lesson editor and the gradient-check dialog.

``ExpressionEditor`` is a dialog with the program (monospace, large), a table of the free
variables' values that follows the program as it is typed, and an inline error line. A
refused program shows the engine's message with its line and column, the cursor moves
there and the spot is underlined with a red wave; OK stays disabled until the program is
accepted. The engine reads the program with ``ast`` against a whitelist: nothing typed
here is ever run.

``GradcheckDialog`` shows a gradient-check report: the largest relative error per parameter
group (or expression variable), one column per path checked (step graph, grads, training
step), the notes (what was sampled) and the verdict.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from engine.document import Expression
from engine.errors import ExpressionError
from engine.expressions import compile_expression, free_variables, value_problems
from engine.gradcheck import GradcheckReport, gradcheck, network_gradcheck

from ..messages import engine_message, engine_phrase

EXAMPLE = "q = x + y\nf = q * z\n"
EXAMPLE_VALUES = {"x": -2.0, "y": 5.0, "z": -4.0}
ERROR_RED = "#C0392B"


class ExpressionEditor(QDialog):
    """Edit an expression program and its input values; ``expression()`` gives the result."""

    def __init__(self, expression: Expression | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expressionEditor")
        self.setWindowTitle(self.tr("Expression lesson"))
        self.resize(760, 640)
        source = expression.source if expression is not None else EXAMPLE
        self._values: dict[str, float] = dict(expression.values if expression is not None else EXAMPLE_VALUES)
        self.error: ExpressionError | None = None
        self.error_cursor: QTextCursor | None = None

        intro = QLabel(self.tr("One assignment per line, for example <b>f = (x + y) * z</b>. Operators "
                               "+ − * / ** and the functions exp log sqrt sin cos tanh sigmoid relu. "
                               "The last assigned name is the output."), self)
        intro.setWordWrap(True)
        self.source_edit = QPlainTextEdit(self)
        self.source_edit.setObjectName("expressionSource")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPixelSize(22)
        self.source_edit.setFont(font)
        self.source_edit.setPlainText(source)
        self.source_edit.setTabChangesFocus(True)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("expressionError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(f"QLabel {{ color: {ERROR_RED}; font-size: 16px; font-weight: bold; }}")
        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("expressionWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label.setStyleSheet("QLabel { color: #8A4B00; background: #FFF7E6; border: 2px solid #E69F00;"
                                         " padding: 4px; font-size: 15px; }")
        self.warning_label.hide()
        values_label = QLabel(self.tr("Values of the inputs"), self)
        self.values_table = QTableWidget(0, 2, self)
        self.values_table.setObjectName("expressionValues")
        self.values_table.setHorizontalHeaderLabels([self.tr("Variable"), self.tr("Value")])
        self.values_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.values_table.verticalHeader().setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.source_edit, 3)
        layout.addWidget(self.error_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(values_label)
        layout.addWidget(self.values_table, 2)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)  # check shortly after typing stops, not on every key
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.check)
        self.source_edit.textChanged.connect(self._timer.start)
        self.check()

    # ------------------------------------------------------------------ public
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def source(self) -> str:
        return self.source_edit.toPlainText()

    def values(self) -> dict[str, float]:
        out = {}
        for row in range(self.values_table.rowCount()):
            name = self.values_table.item(row, 0).text()
            out[name] = float(self.values_table.cellWidget(row, 1).value())
        return out

    def expression(self) -> Expression:
        return Expression(self.source(), self.values())

    def error_text(self) -> str:
        return self.error_label.text()

    def check(self) -> bool:
        """Parse the program now: update the variables, the error line and OK. True when accepted."""
        self._timer.stop()
        source = self.source()
        self.error = None
        names: list[str] | None = None
        try:
            names = free_variables(source)
            self._sync_table(names)
            if not source.strip():
                raise ExpressionError(self.tr("write at least one assignment, such as f = x * y"), 1, 1)
            compile_expression(source, self.values())  # parses with ast and builds the graph; runs nothing
        except ExpressionError as exc:
            self.error = exc
        self._show_error()
        self._show_value_problems([] if self.error is not None else value_problems(source, self.values()))
        return self.error is None

    # ------------------------------------------------------------------ internals
    def _show_value_problems(self, problems: list[tuple[str, int, str]]) -> None:
        """A valid program whose values leave a function's domain: say where, without refusing it."""
        lines = [self.tr("Line %1: %2 is not a finite number (%3).").replace("%1", str(line)).replace("%2", symbol)
                 .replace("%3", engine_phrase(reason)) for symbol, line, reason in problems[:3]]
        self.warning_label.setText("\n".join(lines))
        self.warning_label.setVisible(bool(lines))

    def _sync_table(self, names: list[str]) -> None:
        current = [self.values_table.item(r, 0).text() for r in range(self.values_table.rowCount())]
        for row, name in enumerate(current):
            self._values[name] = float(self.values_table.cellWidget(row, 1).value())
        if current == names:
            return
        self.values_table.setRowCount(len(names))
        for row, name in enumerate(names):
            item = QTableWidgetItem(name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            bold = QFont(item.font())
            bold.setBold(True)
            item.setFont(bold)
            self.values_table.setItem(row, 0, item)
            box = QDoubleSpinBox(self.values_table)
            box.setObjectName(f"value_{name}")
            box.setRange(-1e6, 1e6)
            box.setDecimals(4)
            box.setSingleStep(0.1)
            box.setValue(self._values.get(name, 1.0))
            box.valueChanged.connect(lambda value, n=name: self._on_value_changed(n, value))
            self.values_table.setCellWidget(row, 1, box)

    def _on_value_changed(self, name: str, value: float) -> None:
        self._values[name] = float(value)
        self._timer.start()  # check the values again (a log of a negative number, say)

    def _show_error(self) -> None:
        exc = self.error
        self.ok_button().setEnabled(exc is None)
        if exc is None:
            self.error_label.setText("")
            self.source_edit.setExtraSelections([])
            return
        where = self.tr("Line %1, column %2: ").replace("%1", str(exc.line)).replace("%2", str(exc.column)) \
            if exc.line else ""
        self.error_label.setText(where + engine_message(exc.message))
        document = self.source_edit.document()
        block = document.findBlockByLineNumber(max(0, exc.line - 1))
        if not block.isValid():
            self.source_edit.setExtraSelections([])
            return
        cursor = QTextCursor(block)
        column = max(0, min(exc.column - 1, max(0, block.length() - 1)))
        cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor, column)
        if column >= block.length() - 1 and column > 0:  # at the end of the line: mark the last character
            cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.MoveAnchor, 1)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
        if not cursor.hasSelection():
            cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 1)
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(ERROR_RED))
        fmt.setBackground(QColor("#FDECEA"))
        selection.format = fmt
        selection.cursor = cursor
        self.source_edit.setExtraSelections([selection])
        self.error_cursor = cursor
        if not self.source_edit.hasFocus() or self.source_edit.textCursor().blockNumber() != block.blockNumber():
            moved = QTextCursor(cursor)
            moved.setPosition(cursor.anchor())
            self.source_edit.setTextCursor(moved)

    def accept(self) -> None:
        if self.check():
            super().accept()


class GradcheckDialog(QDialog):
    """The result of a gradient check: one row per parameter group, then the verdict."""

    def __init__(self, report: GradcheckReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradcheckDialog")
        self.setWindowTitle(self.tr("Gradient check"))
        self.resize(620, 480)
        self.report = report
        intro = QLabel(self.tr("Each gradient from backpropagation is compared with a central difference "
                               "(J(x + h) − J(x − h)) / 2h in float64, with the step h = ε·max(1, |x|), ε = %1.")
                       .replace("%1", f"{report.eps:g}"), self)
        intro.setWordWrap(True)
        groups = report.by_group()
        paths = report.paths or ["graph"]
        names = {"graph": self.tr("Step graph"), "grads": self.tr("grads (batched)"),
                 "training": self.tr("Training step")}
        headers = [names[p] for p in paths] if len(paths) > 1 else [self.tr("Largest relative error")]
        self.table = QTableWidget(len(groups), 1 + len(headers), self)
        self.table.setObjectName("gradcheckTable")
        self.table.setHorizontalHeaderLabels([self.tr("Parameter"), *headers])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        per_path = report.by_path()
        for row, group in enumerate(groups):
            self.table.setItem(row, 0, QTableWidgetItem(group))
            for column, path in enumerate(paths, start=1):
                error = per_path.get(path, {}).get(group)
                text = "—" if error is None else f"{error:.2e}" if math.isfinite(error) else "∞"
                item = QTableWidgetItem(text)
                item.setForeground(QColor("#111111" if error is None or error <= report.threshold else ERROR_RED))
                self.table.setItem(row, column, item)
        font = self.table.font()
        font.setPixelSize(18)
        self.table.setFont(font)
        self.table.resizeRowsToContents()
        verdict = self.tr("passed") if report.passed else self.tr("FAILED")
        self.verdict = QLabel(self.tr("Largest relative error %1 (threshold %2): %3")
                              .replace("%1", f"{report.max_error:.2e}").replace("%2", f"{report.threshold:g}")
                              .replace("%3", verdict), self)
        self.verdict.setObjectName("gradcheckVerdict")
        colour = "#009E73" if report.passed else ERROR_RED
        self.verdict.setStyleSheet(f"QLabel {{ color: {colour}; font-size: 20px; font-weight: bold; }}")
        self.verdict.setWordWrap(True)
        notes = QLabel("\n".join(engine_message(note) for note in report.notes), self)
        notes.setVisible(bool(report.notes))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(notes)
        layout.addWidget(self.verdict)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, ...]]:
        return [tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]


def run_gradcheck(lesson) -> GradcheckReport:
    """Check the current lesson on fresh graphs (the lesson's own stepper is left alone).

    Networks: the weights and biases (a random sample of a large layer's) on the step graph, the
    batched pass and a training step; expressions: every variable. Under a second at the
    200,000-parameter cap (bench/gradcheck_scale.py), so it runs on the GUI thread.
    """
    if getattr(lesson, "kind", "") == "network":
        return network_gradcheck(lesson.network, lesson.data)
    return gradcheck(compile_expression(lesson.expression.source, lesson.expression.values))
