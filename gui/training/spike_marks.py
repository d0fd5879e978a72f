"""The loss plot's marks for what its axis does not show as a number.

* A spike above the axis (``loss_range.LossSpan.span`` clipped it): a triangle at the top edge where
  it leaves the axis and another at its highest point, and a note under the plot's buttons
  saying how high it went and when.
* A loss that is not a finite number (NaN, ±inf): a cross at the top edge at its iteration
  (the curve leaves a gap there), and a note.

The curves themselves are drawn by ``drawable``: NaN where not finite, at most ``cap``.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from engine.formula import fmt

from .loss_range import Span

translate = QCoreApplication.translate  # its strings keep the plot's context, "LossPlot"

SPIKE_COLOUR = "#B00020"
TINY = 1e-300  # a loss of exactly 0 on a log axis


def cap_for(span: Span | None, log: bool) -> float:
    """The largest value drawn as it is (loss units): a clipped spike is drawn to well above the axis, no further."""
    if span is None or not span.clipped:
        return math.inf
    top = span.high + 2 * max(span.high - span.low, 1e-12, 1e-9 * abs(span.high))
    return 10.0 ** min(top, 300.0) if log else top


def drawable(values: np.ndarray, log: bool, cap: float, plain: bool = False) -> np.ndarray:
    """Values as a curve draws them: NaN (a gap) where not finite, at most ``cap``, above 0 on a log axis.

    ``plain``: every value is finite and none above ``cap``, so only a log axis needs a copy.
    """
    if plain:
        return np.maximum(values, TINY) if log else values
    with np.errstate(invalid="ignore"):
        drawn = np.where(np.isfinite(values), np.minimum(values, cap), np.nan)
        return np.maximum(drawn, TINY) if log else drawn


class SpikeMarks:
    """The marks on ``plot`` and the note in ``note`` (a label the plot's layout holds)."""

    def __init__(self, plot: pg.PlotItem, note: QLabel) -> None:
        self.plot = plot
        self.note = note
        note.setObjectName("lossPlotNote")
        note.setStyleSheet(f"color: {SPIKE_COLOUR};")
        note.setWordWrap(True)
        note.hide()
        self.spikes = pg.ScatterPlotItem(symbol="t1", size=20, pen=pg.mkPen("#5A0010", width=1.5),
                                         brush=pg.mkBrush(SPIKE_COLOUR))
        self.nonfinite = pg.ScatterPlotItem(symbol="x", size=18, pen=pg.mkPen("#5A0010", width=1),
                                            brush=pg.mkBrush(SPIKE_COLOUR))
        for item in (self.spikes, self.nonfinite):
            item.setZValue(10)
            item.hide()
            plot.addItem(item, ignoreBounds=True)

    def clear(self) -> None:
        for item in (self.spikes, self.nonfinite, self.note):
            item.hide()

    def update(self, span: Span | None, bad: np.ndarray) -> None:
        """Mark the spike of ``span`` and the iterations ``bad`` (losses not finite) at the top of the current view."""
        (_x0, _x1), (y0, y1) = self.plot.viewRange()
        top = y1 - 0.07 * (y1 - y0)
        notes = []
        if span is not None and span.clipped:
            xs = sorted({span.first_off, span.largest_at})
            self.spikes.setData(xs, [top] * len(xs))
            self.spikes.show()
            notes.append(translate("LossPlot", "▲ Off the chart: the loss reached %1 at iteration %2.")
                         .replace("%1", fmt(span.largest)).replace("%2", str(int(span.largest_at))))
        else:
            self.spikes.hide()
        if bad.size:
            self.nonfinite.setData(bad, np.full(bad.size, top))
            self.nonfinite.show()
            notes.append(translate("LossPlot", "✕ The loss is not a finite number here."))
        else:
            self.nonfinite.hide()
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))

    def text(self) -> str:
        return self.note.text() if self.note.isVisibleTo(self.note.parentWidget()) else ""
