"""Values that leave a function's domain are named where they happen: in the inspector and the editor."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from engine.document import Document, Expression
from gui.lesson.expression_editor import ExpressionEditor
from tests.gui.languages import in_chinese


def test_the_inspector_names_the_reason_at_the_step_where_the_value_stops_being_finite(window, qtbot):
    window.set_document(Document(expression=Expression("a = x - 10\nb = log(a)\nf = b * 2", {"x": 2.0})), None)
    texts = []
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Right)
        texts.append(window.inspector.toPlainText())
    assert "not a finite number" not in texts[0]  # a = −8 is fine
    assert "⚠ b is not a finite number: log needs a positive number" in texts[1]
    assert "not a finite number" not in texts[2]  # f = NaN · 2 only carries it on


def test_the_gradient_check_dialog_has_a_column_per_path(window, qtbot):
    window.findChild(type(window.step_forward_action), "actionGradcheck").trigger()
    dialog = window.findChild(QDialog, "gradcheckDialog")
    qtbot.waitUntil(dialog.isVisible)
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert headers == ["Parameter", "Step graph", "grads (batched)", "Training step"]
    for row in dialog.rows():
        assert all(float(cell) < 1e-6 for cell in row[1:]), row
    dialog.close()


def test_the_editor_names_the_reason_in_chinese(qtbot):
    with in_chinese():
        editor = ExpressionEditor(Expression("f = log(x - 10)", {"x": 2.0}))
        qtbot.addWidget(editor)
        assert editor.warning_label.text() == "第 1 行：f 不是有限的数（log 需要正数）。"
