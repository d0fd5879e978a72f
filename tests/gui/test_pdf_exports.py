"""File ▸ Export ▸ Exercise sheet… and Handout (PDF)…: the files open and hold what a teacher prints."""

import shutil
import subprocess

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from gui.paths import LECTURE
from gui.window.main_window import MainWindow
from gui.window.sheet_export import ExerciseSheetDialog, export_exercise_sheet, export_handout_pdf
from tests.engine import lecture_reference as ref
from tests.gui.languages import in_chinese

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")


def pdf_text(path) -> str:
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    done = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def four(value: float) -> str:
    """A value as the handout writes it: four significant digits, trailing zeros dropped."""
    return f"{value:.4g}"


def _window(qtbot, language="en"):
    win = MainWindow(language=language)
    qtbot.addWidget(win)
    win.open_path(LECTURE, remember=False)
    win.show()
    qtbot.waitExposed(win)
    return win


@needs_pdftotext
def test_the_exercise_sheet_has_the_givens_and_blanks_and_its_key_the_true_values(qtbot, tmp_path):
    win = _window(qtbot)
    win.lesson.stepper.goto(5)  # the picture is drawn before the first step: it shows no answer
    written = export_exercise_sheet(win, str(tmp_path / "sheet.pdf"), {"forward", "backward", "update"})
    names = sorted(p.name for p in written)
    assert names == ["sheet.md", "sheet.pdf", "sheet_key.md", "sheet_key.pdf", "sheet_network.png"]
    sheet, key = pdf_text(tmp_path / "sheet.pdf"), pdf_text(tmp_path / "sheet_key.pdf")
    for given in ("0.5", "0.6", "0.7", "0.8", "0.9", "0.3", "What is given", "Learning rate"):
        assert given in sheet
    assert sheet.count("____") == len(win.lesson.stepper) + 1  # every step, and the instruction that names the blank
    assert "Forward propagation" in sheet
    assert "Backpropagation" in sheet
    true_values = (ref.a1[1], ref.z2, ref.yhat, ref.L, ref.delta2, ref.delta1[1])
    for value in true_values:
        assert four(value) not in sheet  # the answers are blank on the sheet …
        assert four(value) in key  # … and in the key
    assert "____" not in key
    markdown = (tmp_path / "sheet.md").read_text(encoding="utf-8")
    assert "δ₂ = ∂L/∂ŷ·σ′(z₂) = ____" in markdown
    assert "![Network](sheet_network.png)" in markdown
    assert four(ref.delta2) in (tmp_path / "sheet_key.md").read_text(encoding="utf-8")
    assert win.lesson.stepper.position == 5  # exporting leaves the window where it was
    win.undo_stack.setClean()


@needs_pdftotext
def test_only_the_chosen_phases_are_blank(qtbot, tmp_path):
    win = _window(qtbot)
    export_exercise_sheet(win, str(tmp_path / "s.pdf"), {"update"}, formats=("pdf",), key=False)
    assert not (tmp_path / "s.md").exists()
    assert not (tmp_path / "s_key.pdf").exists()
    text = pdf_text(tmp_path / "s.pdf")
    assert four(ref.yhat) in text  # the forward pass is worked out
    assert text.count("____") == 9 + 1  # the nine updates (W₁: 4, b₁: 2, W₂: 2, b₂: 1), and the instruction


@needs_pdftotext
def test_the_chinese_sheet_and_handout_render_chinese(qtbot, tmp_path):
    with in_chinese():
        win = _window(qtbot, "zh_CN")
        export_exercise_sheet(win, str(tmp_path / "练习.pdf"), {"forward"}, formats=("pdf",))
        export_handout_pdf(win, str(tmp_path / "推导.pdf"))
    sheet, key, handout = (pdf_text(tmp_path / name) for name in ("练习.pdf", "练习_key.pdf", "推导.pdf"))
    assert "前向传播" in sheet
    assert "反向传播" in handout
    assert "____" in sheet
    assert four(ref.yhat) in key
    assert four(ref.yhat) in handout
    assert "讲义" in handout  # the lesson's own Chinese title
    fonts = subprocess.run(["pdffonts", str(tmp_path / "推导.pdf")], capture_output=True, text=True, check=False)
    if fonts.returncode == 0:
        assert all(line.split()[-5] == "yes" for line in fonts.stdout.splitlines()[2:])  # every font embedded


@needs_pdftotext
def test_the_handout_pdf_holds_the_whole_derivation(qtbot, tmp_path):
    win = _window(qtbot)
    export_handout_pdf(win, str(tmp_path / "derivation.pdf"))
    text = pdf_text(tmp_path / "derivation.pdf")
    for value in (ref.a1[1], ref.z2, ref.L, ref.delta2, ref.dW1[1][0]):
        assert four(value) in text
    assert "____" not in text
    assert "Gradient descent update" in text


@needs_pdftotext
def test_the_export_menu_asks_which_phases_become_blanks(qtbot, tmp_path, monkeypatch):
    win = _window(qtbot)
    seen = {}

    def choose(dialog):
        seen["boxes"] = sorted(dialog.phase_boxes)
        dialog.phase_boxes["forward"].setChecked(False)
        dialog.pdf_box.setChecked(False)
        return 1

    monkeypatch.setattr(ExerciseSheetDialog, "exec", choose)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "menu.md"), ""))
    win.exporter._fill()
    action = next(a for a in win.exporter.menu.actions() if a.objectName() == "actionExportExerciseSheet")
    action.trigger()
    assert seen["boxes"] == ["backward", "forward", "update"]
    markdown = (tmp_path / "menu.md").read_text(encoding="utf-8")
    assert four(ref.yhat) in markdown  # forward worked out
    assert "δ₂ = ∂L/∂ŷ·σ′(z₂) = ____" in markdown
    assert not (tmp_path / "menu.pdf").exists()


def test_the_dialog_needs_a_phase_and_a_format(qtbot):
    dialog = ExerciseSheetDialog()
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    for box in dialog.phase_boxes.values():
        box.setChecked(False)
    assert not ok.isEnabled()
    dialog.phase_boxes["backward"].setChecked(True)
    assert ok.isEnabled()
    dialog.markdown_box.setChecked(False)
    dialog.pdf_box.setChecked(False)
    assert not ok.isEnabled()
