"""The training panel's speed box: as fast as possible, or a chosen number of iterations a second.

A class watching the decision boundary form needs training slowed down (XOR's 2,000 iterations
otherwise finish in a fraction of a second). The speed belongs to the machine, not the lesson:
it is kept in QSettings (``SPEED_KEY``) and never written into a file. Choosing a speed during a
run changes the pace of that run at once (the worker paces itself; nothing waits on the GUI thread).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QComboBox, QWidget

from .spin_boxes import guard_wheel

translate = QCoreApplication.translate  # its strings keep the panel's context, "TrainingPanel"

SPEEDS = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500)  # iterations per second; 0: as fast as possible
SPEED_KEY = "training/speed"


def saved_speed() -> int:
    """The speed chosen last on this machine (one of SPEEDS; anything else: as fast as possible)."""
    value = QSettings().value(SPEED_KEY, 0)
    try:
        speed = int(value)
    except (TypeError, ValueError):
        return 0
    return speed if speed in SPEEDS else 0


def speed_label(speed: int) -> str:
    if speed <= 0:
        return translate("TrainingPanel", "As fast as possible")
    if speed == 1:
        return translate("TrainingPanel", "1 iteration per second")
    return translate("TrainingPanel", "%1 iterations per second").replace("%1", str(speed))


class SpeedMixin:
    """TrainingPanel's speed box (a mixin of TrainingPanel)."""

    def _build_speed_box(self, parent: QWidget) -> QComboBox:
        self.speed_box = QComboBox(parent)
        self.speed_box.setObjectName("trainingSpeedBox")
        for speed in SPEEDS:
            self.speed_box.addItem(speed_label(speed), speed)
        self.speed_box.setToolTip(translate(
            "TrainingPanel", "Slow training down so a class can watch the loss and the decision boundary change, "
                             "iteration by iteration. Remembered on this computer, not in the lesson."))
        self.speed_box.setCurrentIndex(self.speed_box.findData(saved_speed()))
        self.speed_box.currentIndexChanged.connect(self._on_speed_chosen)
        guard_wheel(self.speed_box)
        return self.speed_box

    def speed(self) -> int:
        """Iterations per second a run goes at (0: as fast as possible)."""
        return int(self.speed_box.currentData())

    def set_speed(self, speed: int) -> None:
        """Choose one of SPEEDS, as the box does."""
        self.speed_box.setCurrentIndex(self.speed_box.findData(speed if speed in SPEEDS else 0))

    def _on_speed_chosen(self, _index: int) -> None:
        speed = self.speed()
        QSettings().setValue(SPEED_KEY, speed)
        if self.run is not None:
            self.run.worker.set_speed(speed)
            self._rate_mark = None  # the rate shown starts afresh at the new pace
