"""Check my hand calculation, as a student types, pastes and checks, and Help ▸ Compare with the lecture."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QMessageBox

from engine.document import load
from gui.lesson.hand_check_view import SYMBOL, VALUE, VERDICT, WHY
from gui.paths import EXAMPLES, LECTURE
from gui.window.main_window import MainWindow
from tests.engine import lecture_reference as ref
from tests.gui.languages import in_chinese


@pytest.fixture(autouse=True)
def give_up_unsaved_changes_on_close(monkeypatch):
    """A check keeps the values in the lesson: closing the window then answers "Discard", never a hanging dialog."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


def _row(dialog, symbol: str) -> int:
    table = dialog.table
    return next(r for r in range(table.rowCount()) if table.item(r, SYMBOL).text() == symbol)


def _verdict(dialog, symbol: str) -> str:
    return dialog.table.item(_row(dialog, symbol), VERDICT).text()


def _type(qtbot, dialog, symbol: str, text: str) -> None:
    """Click the value cell of ``symbol``'s row, press F2, type ``text`` and press Enter, as a student does."""
    table = dialog.table
    item = table.item(_row(dialog, symbol), VALUE)
    table.scrollToItem(item)
    rect = table.visualItemRect(item)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (table.currentRow(), table.currentColumn()) == (_row(dialog, symbol), VALUE)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editors = [e for e in table.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(_row(dialog, symbol), VALUE).text() == text)  # Qt commits it queued


def _open(window, qtbot):
    window.actions_by_name["actionHandCheck"].trigger()
    dialog = window.hand_check_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _wrong_a12_rows(a12: float) -> list[tuple[str, str]]:
    """The forward pass done right but for a₁[2] = ``a12``, every later value computed from it."""
    a1 = [ref.a1[0], a12]
    z2 = a1[0] * ref.W2[0] + a1[1] * ref.W2[1] + ref.B2
    yhat = ref.sigma(z2)
    f = "{:.6g}".format
    return [("z₁[1]", f(ref.z1[0])), ("a₁[1]", f(a1[0])), ("z₁[2]", f(ref.z1[1])), ("a₁[2]", f(a12)),
            ("z₂", f(z2)), ("ŷ", f(yhat)), ("L", f(0.5 * (yhat - ref.Y) ** 2))]


def test_every_step_has_a_row_in_schedule_order(window, qtbot):
    dialog = _open(window, qtbot)
    symbols = [dialog.table.item(r, SYMBOL).text() for r in range(dialog.table.rowCount())]
    # the lecture's lesson holds its printed values: its rows are the lecture's (a₁ for a₁[1] and a₁[2])
    assert symbols[:4] == ["z₁", "a₁", "z₂", "ŷ"]
    window.document.extra.pop("hand_calculation")
    dialog.follow_lesson()
    symbols = [dialog.table.item(r, SYMBOL).text() for r in range(dialog.table.rowCount())]
    assert symbols[:8] == ["z₁[1]", "a₁[1]", "z₁[2]", "a₁[2]", "z₂", "ŷ", "L", "∂L/∂ŷ"]
    assert "σ′(z₂)" in symbols
    assert "∂L/∂L" not in symbols
    assert all(dialog.table.item(r, VALUE).text() == "" for r in range(dialog.table.rowCount()))


def test_a_wrong_value_with_consistent_later_values_is_the_only_slip(window, qtbot):
    window.document.extra.pop("hand_calculation")
    dialog = _open(window, qtbot)
    for symbol, text in _wrong_a12_rows(0.912345):
        _type(qtbot, dialog, symbol, text)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert _verdict(dialog, "a₁[2]") == "slip at this step"
    for symbol in ("z₂", "ŷ", "L"):
        assert _verdict(dialog, symbol) == "carried over from a₁[2]", symbol
    for symbol in ("z₁[1]", "a₁[1]", "z₁[2]"):
        assert _verdict(dialog, symbol) == "correct", symbol
    assert dialog.summary.text() == "The first slip is a₁[2]: every later difference comes from it."
    assert "σ(2.4) = 0.9168" in dialog.table.item(_row(dialog, "a₁[2]"), WHY).text()
    assert dialog.table.item(_row(dialog, "δ₂"), VERDICT).text() == ""  # left empty: not checked


def test_a_pasted_table_fills_the_rows_and_a_transposed_matrix_is_named(window, qtbot):
    window.document.extra.pop("hand_calculation")
    dialog = _open(window, qtbot)
    f = "{:.6g}".format
    transposed = "[[{}, {}], [{}, {}]]".format(*(f(ref.dW1[i][j]) for j in range(2) for i in range(2)))
    QGuiApplication.clipboard().setText(f"symbol\tvalue\nδ₂\t{f(ref.delta2)}\n∂L/∂W₁\t{transposed}\n"
                                        f"∂L/∂b₂\t0.0521\n")
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.table.item(_row(dialog, "δ₂"), VALUE).text() == f(ref.delta2)
    symbols = [dialog.table.item(r, SYMBOL).text() for r in range(dialog.table.rowCount())]
    assert symbols.index("δ₂") < symbols.index("∂L/∂W₁") < symbols.index("∂L/∂b₁[2]")  # in schedule order
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert _verdict(dialog, "δ₂") == "correct"
    assert _verdict(dialog, "∂L/∂W₁") == "transposed"
    assert "transposed" in dialog.table.item(_row(dialog, "∂L/∂W₁"), WHY).text()
    assert _verdict(dialog, "∂L/∂b₂") == "slip at this step"  # 0.0521 is not δ₂ = 0.04767


def test_an_imported_csv_fills_the_table(window, qtbot, tmp_path):
    window.document.extra.pop("hand_calculation")
    dialog = _open(window, qtbot)
    path = tmp_path / "mine.csv"
    path.write_text("symbol,value\nz₂,1.1844\nŷ,0.7657\n", encoding="utf-8")
    dialog.import_path(str(path))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert _verdict(dialog, "z₂") == _verdict(dialog, "ŷ") == "correct"


def _lecture_expectations():
    """From the float64 reference: which of the lecture's printed values are slips, and which carried."""
    unit = 1e-4
    def agrees(v, r):
        return abs(v - r) <= unit * (1 + 1e-9)  # one in the last printed digit is rounding
    a12, z2, yhat = 0.9084, 1.1835, 0.7692
    assert not agrees(a12, ref.a1[1])
    assert not agrees(a12, ref.sigma(2.4))
    own_z2 = 0.8808 * ref.W2[0] + a12 * ref.W2[1] + ref.B2
    assert not agrees(z2, ref.z2)
    assert agrees(z2, own_z2)
    assert not agrees(yhat, ref.yhat)
    assert not agrees(yhat, ref.sigma(z2))
    return {"a₁": "slip at a₁[2]", "z₂": "carried over from a₁[2]", "ŷ": "slip at this step"}


def test_compare_with_the_lecture_opens_the_lecture_and_checks_its_printed_values(qtbot):
    win = MainWindow(language="en")
    qtbot.addWidget(win)
    win.open_path(EXAMPLES / "xor.json", remember=False)
    win.show()
    win.actions_by_name["actionCompareLecture"].trigger()
    dialog = win.hand_check_dialog
    assert win.document.title == load(LECTURE).title
    for symbol, words in _lecture_expectations().items():
        assert _verdict(dialog, symbol) == words
    assert _verdict(dialog, "∂L/∂W₁") == "transposed"
    assert dialog.summary.text().startswith("The first slip is a₁[2]")
    assert win.undo_stack.count() == 0  # the lesson's own values: nothing changed
    assert dialog.table.item(_row(dialog, "a₁"), VERDICT).data(Qt.ItemDataRole.UserRole) == "slip"


def test_compare_with_the_lecture_speaks_chinese(qtbot):
    with in_chinese():
        win = MainWindow(language="zh_CN")
        qtbot.addWidget(win)
        win.open_path(LECTURE, remember=False)
        win.compare_with_lecture()
        dialog = win.hand_check_dialog
        assert dialog.windowTitle() == "核对手算"
        assert _verdict(dialog, "ŷ") == "此步计算失误"
        assert _verdict(dialog, "z₂") == "沿用了 a₁[2] 的错误"
        assert "计算失误" in dialog.table.item(_row(dialog, "a₁"), WHY).text()
        assert dialog.summary.text().startswith("第一个计算失误是 a₁[2]")


def test_checked_values_are_kept_in_the_lesson_file_and_undone(window, qtbot, tmp_path):
    window.document.extra.pop("hand_calculation")
    dialog = _open(window, qtbot)
    _type(qtbot, dialog, "z₂", "1.1844")
    _type(qtbot, dialog, "a₁[2]", "0.9084")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert window.isWindowModified()
    path = tmp_path / "mine.json"
    assert window._write(path)
    other = MainWindow(language="en")
    qtbot.addWidget(other)
    assert other.open_path(path)
    again = other.show_hand_check()
    assert again.table.item(_row(again, "a₁[2]"), VALUE).text() == "0.9084"
    assert again.table.item(_row(again, "z₂"), VALUE).text() == "1.1844"
    assert load(path).extra["hand_calculation"]["values"] == [["a₁[2]", "0.9084"], ["z₂", "1.1844"]]
    assert _verdict(dialog, "a₁[2]") == "slip at this step"  # keeping the values leaves the verdicts shown
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Edit ▸ Undo in the window
    assert "hand_calculation" not in window.document.extra
    assert dialog.table.item(_row(dialog, "z₂"), VALUE).text() == ""  # the table follows the undo
    window.undo_stack.redo()
    assert dialog.table.item(_row(dialog, "z₂"), VALUE).text() == "1.1844"

