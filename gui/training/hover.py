"""The hover read-out of the training plots: a cross-hair and a marker on the point nearest the mouse.

``Crosshair(plot, colour)`` adds its lines and marker to a pyqtgraph PlotItem. ``index_at(x, position)``
gives the row of the iteration nearest to a scene position over the plot (None elsewhere or when
there is no point), ``show(x, y)`` puts the cross on a point in view coordinates (log10 of the value
on a log axis), ``hide()`` takes it away. The loss plot and the gradient plot share it.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt


class Crosshair:
    def __init__(self, plot: pg.PlotItem, colour: str) -> None:
        self.plot = plot
        pen = pg.mkPen("#606060", width=1, style=Qt.PenStyle.DotLine)
        self.v_line = pg.InfiniteLine(angle=90, movable=False, pen=pen)
        self.h_line = pg.InfiniteLine(angle=0, movable=False, pen=pen)
        self.marker = pg.ScatterPlotItem(size=12, pen=pg.mkPen("#000000", width=2), brush=pg.mkBrush(colour))
        for item in self.items():
            item.hide()
            plot.addItem(item, ignoreBounds=True)

    def items(self) -> tuple:
        return self.v_line, self.h_line, self.marker

    def index_at(self, x: np.ndarray, position) -> int | None:
        """The index into ``x`` (sorted iterations) nearest the mouse at scene ``position``."""
        if not len(x) or not self.plot.sceneBoundingRect().contains(position):
            return None
        px = self.plot.vb.mapSceneToView(position).x()
        index = int(np.clip(np.searchsorted(x, px), 0, len(x) - 1))
        if index > 0 and abs(x[index - 1] - px) < abs(x[index] - px):
            index -= 1
        return index

    def view_y(self, position) -> float:
        """The mouse's height at scene ``position`` in view coordinates."""
        return float(self.plot.vb.mapSceneToView(position).y())

    def show(self, x: float, y: float, colour: str | None = None) -> None:
        self.v_line.setPos(x)
        self.h_line.setPos(y)
        if colour is not None:
            self.marker.setBrush(pg.mkBrush(colour))
        self.marker.setData([x], [y])
        for item in self.items():
            item.show()

    def hide(self) -> None:
        for item in self.items():
            item.hide()
