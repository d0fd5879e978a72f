"""File ▸ Export ▸ Exercise sheet… and Handout (PDF)…: Markdown and PDF, the PDF written by Qt itself.

The sheet's content is the engine's (engine/exercise_sheet.py); here it gets the network's picture
(the diagram rendered as the PNG export renders it) and is printed to PDF by QTextDocument on a
QPdfWriter, in the interface's fonts (gui/fonts.py: a system Chinese font or the bundled subset),
which Qt embeds in the file: no TeX is needed, and Chinese renders.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QMessageBox,
    QVBoxLayout,
)

from engine.derivation import check_derivation_size
from engine.errors import StudioError
from engine.exercise_sheet import exercise_sheet, handout_sheet, html, markdown
from engine.notes import texts as note_texts
from engine.stepper import PHASES

from ..fonts import pick_font
from ..lesson.explain import phase_name, translate
from ..messages import engine_message
from .exports import VIEWS, scene_image

PICTURE = "network.png"  # the picture's name: a resource of the PDF, a file beside the Markdown


def add_sheet_actions(exporter) -> None:
    """The two rows of the Export menu (called when the menu is filled)."""
    menu = exporter.menu
    rows = (("actionExportExerciseSheet", QCoreApplication.translate("Exports", "Exercise sheet…"), ask_exercise_sheet),
            ("actionExportHandoutPdf", QCoreApplication.translate("Exports", "Handout (PDF)…"), ask_handout_pdf))
    for name, label, slot in rows:
        action = menu.addAction(label)
        action.setObjectName(name)
        action.triggered.connect(lambda _=False, run=slot: run(exporter.window))


def picture(window) -> QImage:
    """The lesson's picture: the network diagram, else the computational graph, as it is before the
    first step (no computed value shows: they are the sheet's blanks); the window then steps back to where it was."""
    stepper = window.lesson.stepper
    position = stepper.position
    stepper.goto(0)
    try:
        for name in VIEWS:
            view = getattr(window, name, None)
            if view is not None:
                image = scene_image(view)
                if not image.isNull():
                    return image
        return QImage()
    finally:
        stepper.goto(position)


def write_pdf(rich_text: str, path: str, title: str, images: dict[str, QImage] | None = None,
              language: str = "en") -> bool:
    """Print Qt rich text to an A4 PDF in the interface's fonts (embedded by Qt). False if it cannot be written."""
    doc = QTextDocument()
    doc.setDefaultFont(pick_font(language))
    for name, image in (images or {}).items():
        if not image.isNull():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    doc.setHtml(rich_text)
    writer = QPdfWriter(path)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("Backprop Studio")
    doc.print_(writer)
    del writer  # the file is complete when the writer is gone
    return Path(path).is_file() and Path(path).stat().st_size > 0


def _title(window) -> str:
    doc = window.document
    return doc.title.get(window.language) or doc.title.get("en") or ""


def export_exercise_sheet(window, path: str, blanks, formats=("markdown", "pdf"), key: bool = True) -> list[Path]:
    """Write the sheet (and its answer key, ``key``: NAME_key.*) as NAME.md and NAME.pdf; returns the files.

    Raises StudioError (a derivation too long for a handout) and OSError."""
    base = Path(path).with_suffix("")
    image = picture(window)
    written: list[Path] = []
    shown = None  # the picture beside the Markdown
    if "markdown" in formats and not image.isNull():
        png = base.with_name(f"{base.name}_{PICTURE}")
        if image.save(str(png)):
            shown = png.name
            written.append(png)
    for is_key in (False, True) if key else (False,):
        sheet = exercise_sheet(window.lesson, blanks, key=is_key, title=_title(window), translate=translate,
                               notes=note_texts(window.document, window.language))
        stem = base.name + ("_key" if is_key else "")
        if "markdown" in formats:
            target = base.with_name(stem + ".md")
            target.write_text(markdown(sheet, shown), encoding="utf-8")
            written.append(target)
        if "pdf" in formats:
            target = base.with_name(stem + ".pdf")
            if not write_pdf(html(sheet, None if image.isNull() else PICTURE), str(target), sheet.doc.title,
                             {PICTURE: image}, window.language):
                raise OSError(QCoreApplication.translate("Exports", "Could not write %1").replace("%1", str(target)))
            written.append(target)
    return written


def export_handout_pdf(window, path: str) -> Path:
    """The whole derivation, with what is given and the picture, as a PDF."""
    image = picture(window)
    sheet = handout_sheet(window.lesson, _title(window), translate, note_texts(window.document, window.language))
    if not write_pdf(html(sheet, PICTURE if not image.isNull() else None), path, sheet.doc.title, {PICTURE: image},
                     window.language):
        raise OSError(QCoreApplication.translate("Exports", "Could not write %1").replace("%1", path))
    return Path(path)


class ExerciseSheetDialog(QDialog):
    """Which phases become blanks, which formats, and whether the answer key comes too."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("exerciseSheetDialog")
        self.setWindowTitle(self.tr("Exercise sheet"))
        blanks = QGroupBox(self.tr("Leave blank"), self)
        column = QVBoxLayout(blanks)
        self.phase_boxes = {}
        for phase in PHASES:
            box = QCheckBox(phase_name(phase), blanks)
            box.setObjectName(f"sheetBlank_{phase}")
            box.setChecked(phase != "update")
            column.addWidget(box)
            self.phase_boxes[phase] = box
        files = QGroupBox(self.tr("Write"), self)
        column = QVBoxLayout(files)
        self.markdown_box = QCheckBox(self.tr("Markdown (.md)"), files)
        self.pdf_box = QCheckBox(self.tr("PDF (.pdf)"), files)
        self.key_box = QCheckBox(self.tr("The answer key too (NAME_key)"), files)
        for name, box in (("sheetMarkdown", self.markdown_box), ("sheetPdf", self.pdf_box), ("sheetKey", self.key_box)):
            box.setObjectName(name)
            box.setChecked(True)
            column.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        for box in (*self.phase_boxes.values(), self.markdown_box, self.pdf_box):
            box.toggled.connect(self._on_choice_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(blanks)
        layout.addWidget(files)
        layout.addWidget(buttons)

    def _on_choice_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.blanks()) and bool(self.formats()))

    def blanks(self) -> set[str]:
        return {phase for phase, box in self.phase_boxes.items() if box.isChecked()}

    def formats(self) -> tuple[str, ...]:
        return tuple(name for name, box in (("markdown", self.markdown_box), ("pdf", self.pdf_box)) if box.isChecked())


def _refused(window, exc: Exception) -> None:
    QMessageBox.warning(window, QCoreApplication.translate("Exports", "Export failed"), engine_message(exc))


def _start(window, name: str) -> str:
    return str((window.path.parent if window.path else Path.home()) / name)


def ask_exercise_sheet(window) -> None:
    try:
        check_derivation_size(len(window.lesson.stepper))
    except StudioError as exc:
        _refused(window, exc)
        return
    dialog = ExerciseSheetDialog(window)
    if not dialog.exec():
        return
    path, _ = QFileDialog.getSaveFileName(
        window, QCoreApplication.translate("Exports", "Export an exercise sheet"), _start(window, "exercise_sheet"),
        QCoreApplication.translate("Exports", "Exercise sheet (*.md *.pdf)"))
    if not path:
        return
    try:
        written = export_exercise_sheet(window, path, dialog.blanks(), dialog.formats(), dialog.key_box.isChecked())
    except (StudioError, OSError) as exc:
        _refused(window, exc)
        return
    names = ", ".join(p.name for p in written)
    window.statusBar().showMessage(QCoreApplication.translate("Exports", "Saved %1").replace("%1", names), 5000)


def ask_handout_pdf(window) -> None:
    try:
        check_derivation_size(len(window.lesson.stepper))
    except StudioError as exc:
        _refused(window, exc)
        return
    path, _ = QFileDialog.getSaveFileName(
        window, QCoreApplication.translate("Exports", "Export the derivation"), _start(window, "derivation.pdf"),
        QCoreApplication.translate("Exports", "PDF (*.pdf)"))
    if not path:
        return
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        export_handout_pdf(window, path)
    except (StudioError, OSError) as exc:
        _refused(window, exc)
        return
    window.statusBar().showMessage(QCoreApplication.translate("Exports", "Saved %1").replace("%1", path), 5000)
