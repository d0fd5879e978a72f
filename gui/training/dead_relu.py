"""The training panel's dead-ReLU line (死亡 ReLU): how many hidden ReLU neurons output 0 for every training sample.

Such a neuron passes no gradient back (relu′ = 0 wherever it is silent), so its incoming weights and
bias never change: it stays dead. The count comes from ``engine.health.dead_relus_in_training`` and
follows the lesson (every rebuild: an edit, undo, new data, the weights a run reaches), a quarter
of a second late at most so that a live run's snapshots cost one forward pass each at most. The
diagram greys and dashes the same neurons (gui/diagram/gradient_health.py).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer

from engine.health import dead_relus_in_training

from .readout import StatusLabel

translate = QCoreApplication.translate  # the panel's context, "TrainingPanel"
DELAY_MS = 250


def dead_relu_text(count: int) -> str:
    if count == 1:
        return translate("TrainingPanel", "Dead ReLU: 1 hidden neuron outputs 0 for every training sample, "
                                          "so its weights no longer learn.")
    return translate("TrainingPanel", "Dead ReLU: %1 hidden neurons output 0 for every training sample, "
                                      "so their weights no longer learn.").replace("%1", str(count))


class DeadReluMixin:
    """``dead_relu_label`` (objectName ``deadReluLine``), hidden while no neuron is dead (a mixin of TrainingPanel)."""

    def _build_dead_relu_line(self) -> None:
        self.dead_relu_label = StatusLabel(self)
        self.dead_relu_label.setObjectName("deadReluLine")
        self.dead_relu_label.setWordWrap(True)
        self.dead_relu_label.setStyleSheet("color: #7A4A00;")
        self._dead_relu_timer = QTimer(self)
        self._dead_relu_timer.setSingleShot(True)
        self._dead_relu_timer.setInterval(DELAY_MS)
        self._dead_relu_timer.timeout.connect(self.update_dead_relus)
        self._dead_relu_lesson = None

    def _follow_dead_relus(self, lesson) -> None:
        """Count for ``lesson`` now and after each of its rebuilds (None: nothing to count)."""
        if self._dead_relu_lesson is not None:
            self._dead_relu_lesson.rebuilt.disconnect(self._count_dead_relus_soon)
            self._dead_relu_lesson.settings_changed.disconnect(self._count_dead_relus_soon)
        self._dead_relu_lesson = lesson
        if lesson is not None:  # the weights and data (rebuilt) and the test split (settings)
            lesson.rebuilt.connect(self._count_dead_relus_soon)
            lesson.settings_changed.connect(self._count_dead_relus_soon)
        self.update_dead_relus()

    def _count_dead_relus_soon(self) -> None:
        if shiboken6.isValid(self._dead_relu_timer):
            self._dead_relu_timer.start()

    def dead_relus(self) -> list[tuple[int, int]]:
        lesson = self._dead_relu_lesson
        if lesson is None:
            return []
        return dead_relus_in_training(lesson.network, lesson.data, lesson.document.training)

    def update_dead_relus(self) -> None:
        self._dead_relu_timer.stop()
        dead = self.dead_relus()
        self.dead_relu_label.setText(dead_relu_text(len(dead)) if dead else "")
        where = ", ".join(translate("TrainingPanel", "layer %1 neuron %2").replace("%1", str(layer))
                          .replace("%2", str(j + 1)) for layer, j in dead)
        self.dead_relu_label.setToolTip(where)
