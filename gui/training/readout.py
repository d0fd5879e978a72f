"""The training panel's readout: the progress bar and the rate, result and message lines."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QSizePolicy, QWidget

from ..messages import engine_message
from .worker import RunResult

translate = QCoreApplication.translate  # its strings keep the panel's context, "TrainingPanel"

ERROR_STYLE = "color: #B00020; font-weight: bold;"
GOOD_STYLE = "color: #006B3C;"


def format_duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class StatusLabel(QLabel):
    """A label that takes no room while it has nothing to say: hidden whenever its text is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.hide()


class ReadoutMixin:
    """The progress and message lines of TrainingPanel (a mixin of TrainingPanel)."""

    def _build_readout(self) -> None:
        """The progress bar and the rate, result and message lines under the run controls."""
        self.progress = QProgressBar(self)
        self.progress.setObjectName("trainingProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.rate_label = StatusLabel(self)
        self.rate_label.setObjectName("trainingRate")
        self.result_label = StatusLabel(self)
        self.result_label.setObjectName("trainingResult")
        self.result_label.setWordWrap(True)
        self.message_label = StatusLabel(self)
        self.message_label.setObjectName("trainingMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def _show_no_run(self) -> None:
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.rate_label.clear()
        self.result_label.clear()

    def _on_progress(self, iteration: int, total: int) -> None:
        self.iteration, self.total = iteration, total
        now = time.perf_counter()
        if self._rate_mark is None:
            self._rate_mark = (now, iteration)
        else:
            t0, i0 = self._rate_mark
            if now - t0 >= 0.25:
                instant = (iteration - i0) / (now - t0)
                self._rate = instant if self._rate == 0 else 0.6 * self._rate + 0.4 * instant
                self._rate_mark = (now, iteration)
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(iteration)
        self.progress.setFormat(translate("TrainingPanel", "%1 / %2 iterations").replace("%1", str(iteration))
                                .replace("%2", str(total)))
        if self._rate > 0 and not self.is_paused():
            left = (total - iteration) / self._rate
            self.rate_label.setText(translate("TrainingPanel", "%1 iterations/s · %2 left")
                                    .replace("%1", f"{self._rate:,.0f}")
                                    .replace("%2", format_duration(left)))
        elif self.is_paused():  # counted as the loss plot counts, across consecutive runs
            self.rate_label.setText(translate("TrainingPanel", "Paused at iteration %1")
                                    .replace("%1", str(self._offset + iteration)))

    def _show_result(self, result: RunResult) -> None:
        self.progress.setRange(0, max(1, result.total))
        self.progress.setValue(result.iterations)
        self.progress.setFormat(translate("TrainingPanel", "%1 / %2 iterations").replace("%1", str(result.iterations))
                                .replace("%2", str(result.total)))
        self.iteration = result.iterations
        final = result.final or {}
        parts = []
        if "loss" in final and final["loss"] is not None:
            parts.append(translate("TrainingPanel", "Loss %1").replace("%1", f"{final['loss']:.4g}"))
        if final.get("test_loss") is not None:
            parts.append(translate("TrainingPanel", "test loss %1").replace("%1", f"{final['test_loss']:.4g}"))
        if final.get("accuracy") is not None:
            parts.append(translate("TrainingPanel", "accuracy %1%").replace("%1", f"{100 * final['accuracy']:.1f}"))
        self.result_label.setText(" · ".join(parts))
        if result.status == "diverged":  # the engine's message says when, what, and what can help
            self._set_message(translate("TrainingPanel", "%1 The weights of the last good iteration are kept.")
                              .replace("%1", engine_message(result.message)), error=True)
        elif result.status == "stopped":
            self._set_message(translate("TrainingPanel",
                                        "Stopped after %1 of %2 iterations; the weights reached are kept. "
                                        "Undo restores the weights from before training.")
                              .replace("%1", str(result.iterations)).replace("%2", str(result.total)))
        elif result.iterations == 1:
            self._set_message(translate("TrainingPanel",
                                        "Finished 1 iteration. Undo restores the weights from before training."),
                              good=True)
        else:
            self._set_message(translate("TrainingPanel",
                                        "Finished %1 iterations. Undo restores the weights from before training.")
                              .replace("%1", str(result.iterations)), good=True)
        note = self._symmetry_note() if result.status != "diverged" else ""  # zero or symmetric initial weights
        if note:
            self.message_label.setText(self.message() + "\n" + note)

    def _set_message(self, text: str, error: bool = False, good: bool = False) -> None:
        self.message_label.setStyleSheet(ERROR_STYLE if error else GOOD_STYLE if good else "")
        self.message_label.setText(text)

    def message(self) -> str:
        return self.message_label.text()
