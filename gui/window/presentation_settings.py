"""Presentation settings: remembered per machine (QSettings), never in a lesson.

- the text scale of presentation mode (Ctrl+= and Ctrl+- in presentation mode change it too);
- the view shown: the current tab, the network diagram or the computational graph;
- the colour of the blank screen (B).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

TEXT_SCALE = (1.0, 3.0, 1.5)  # lowest, highest and first text scale of presentation mode
VIEWS = ("current", "diagram", "graph")
BLANKS = {"black": "#000000", "white": "#FFFFFF"}
KEY = "presentation/"

translate = QCoreApplication.translate


@dataclass
class PresentationSettings:
    text_scale: float = TEXT_SCALE[2]
    view: str = VIEWS[0]
    blank: str = "black"

    @classmethod
    def load(cls) -> PresentationSettings:
        """The machine's settings; a missing or damaged value is the default."""
        settings = QSettings()
        try:
            scale = float(settings.value(KEY + "textScale", TEXT_SCALE[2]))
        except (TypeError, ValueError):
            scale = TEXT_SCALE[2]
        scale = clamp_scale(scale)
        view = str(settings.value(KEY + "view", VIEWS[0]))
        blank = str(settings.value(KEY + "blankColour", "black"))
        return cls(scale, view if view in VIEWS else VIEWS[0], blank if blank in BLANKS else "black")

    def save(self) -> None:
        settings = QSettings()
        settings.setValue(KEY + "textScale", clamp_scale(self.text_scale))
        settings.setValue(KEY + "view", self.view)
        settings.setValue(KEY + "blankColour", self.blank)

    def blank_colour(self) -> str:
        return BLANKS[self.blank]


def clamp_scale(scale: float) -> float:
    return max(TEXT_SCALE[0], min(TEXT_SCALE[1], scale))


class PresentationSettingsDialog(QDialog):
    """View ▸ Presentation settings…: the three settings, saved on OK."""

    def __init__(self, settings: PresentationSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presentationSettingsDialog")
        self.setWindowTitle(self.tr("Presentation settings"))
        form = QFormLayout(self)
        self.scale_box = QSpinBox(self)
        self.scale_box.setObjectName("presentationTextScale")
        self.scale_box.setRange(round(TEXT_SCALE[0] * 100), round(TEXT_SCALE[1] * 100))
        self.scale_box.setSingleStep(10)
        self.scale_box.setSuffix(" %")
        self.scale_box.setValue(round(settings.text_scale * 100))
        form.addRow(self.tr("Text size"), self.scale_box)
        self.view_box = QComboBox(self)
        self.view_box.setObjectName("presentationView")
        for value, label in zip(VIEWS, (self.tr("The current tab"), translate("MainWindow", "Network diagram"),
                                        translate("MainWindow", "Computational graph")), strict=True):
            self.view_box.addItem(label, value)
        self.view_box.setCurrentIndex(VIEWS.index(settings.view))
        form.addRow(self.tr("View shown"), self.view_box)
        self.blank_box = QComboBox(self)
        self.blank_box.setObjectName("presentationBlank")
        for value, label in zip(BLANKS, (self.tr("Black"), self.tr("White")), strict=True):
            self.blank_box.addItem(label, value)
        self.blank_box.setCurrentIndex(list(BLANKS).index(settings.blank))
        form.addRow(self.tr("Blank screen (B)"), self.blank_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> PresentationSettings:
        return PresentationSettings(self.scale_box.value() / 100, self.view_box.currentData(),
                                    self.blank_box.currentData())
