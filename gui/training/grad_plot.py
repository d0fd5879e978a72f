"""Gradient health (梯度健康): ‖∂J/∂Wₗ‖ of each weight layer over the iterations, on a log axis.

``GradientPlot(loss_plot)`` draws the gradient norms the loss plot keeps (the training history's
``gradient_norms``, see engine/training.py: the Frobenius norm of each layer's weight gradient in
the step that led to that iteration; at iteration 0, the whole training set's gradient at the starting
weights). One curve per weight layer, W₁ nearest
the input in the darkest colour. In a deep sigmoid network the curves of the first layers lie
orders of magnitude below the last: the gradient vanishes on its way back.

The plot redraws from the loss plot's rows on a 30 Hz timer, only while it is shown, so a run
whose gradient tab is behind the loss tab pays nothing for it. Hovering reads the iteration under
the mouse, with the cross on the curve nearest the mouse (the same cross-hair as the loss plot,
gui/training/hover.py).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from engine.formula import fmt
from engine.health import gradient_norm_header

from .hover import Crosshair
from .loss_plot import AXIS_POINT_SIZE, LINE_WIDTH, REDRAW_MS, LossPlot, _style_plot, route_export

# Okabe-Ito, then repeated with dashes: from the input layer to the output layer.
COLOURS = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442")
STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)
LEGEND_ROWS = 4  # a legend of more layers than this takes more columns, so it fits a 720p projector's plot


def layer_pen(layer: int) -> pg.QtGui.QPen:
    """The pen of layer ``layer``'s curve (layers count from 1)."""
    k = layer - 1
    return pg.mkPen(COLOURS[k % len(COLOURS)], width=LINE_WIDTH, style=STYLES[(k // len(COLOURS)) % len(STYLES)])


class GradientPlot(QWidget):
    """The gradient norms of ``loss_plot``'s rows; ``curves`` holds one curve per weight layer."""

    def __init__(self, loss_plot: LossPlot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradientPlot")
        self.source = loss_plot
        self.curves: list[pg.PlotDataItem] = []
        self._dirty = True
        self.readout = QLabel(self.tr("Hover over the curves to read each layer's ‖∂J/∂W‖."), self)
        self.readout.setObjectName("gradientReadout")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setWordWrap(True)
        self.plot_widget = pg.PlotWidget(self, background="w")
        self.plot_widget.setObjectName("gradientPlotArea")
        self.plot_widget.setMinimumHeight(100)  # as the loss plot: room for the diagram on a 720p projector
        self.plot = self.plot_widget.getPlotItem()
        _style_plot(self.plot, self.tr("‖∂J/∂W‖ (log scale)"))
        self.plot.setLabel("bottom", self.tr("Iteration"), **{"font-size": f"{AXIS_POINT_SIZE + 1}pt",
                                                              "color": "#202020"})
        self.plot.setLogMode(y=True)
        # Beside the plot, not over it: the first iterations (the starting ratio) are the key reading.
        self.legend = pg.LegendItem(offset=None, labelTextSize=f"{AXIS_POINT_SIZE}pt", labelTextColor="#202020")
        self.plot.layout.addItem(self.legend, 2, 3)
        self.plot.legend = self.legend  # curves made with a name join it
        self.cross = Crosshair(self.plot, COLOURS[0])
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        route_export(self.plot_widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.readout)
        layout.addWidget(self.plot_widget, 1)
        loss_plot.rows_changed.connect(self._on_rows_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self._redraw_if_shown)
        self.timer.start()

    # -------------------------------------------------------------- data
    def _on_rows_changed(self) -> None:
        self._dirty = True
        if not self.source.point_count():
            self.cross.hide()
            self.readout.setText(self.tr("Hover over the curves to read each layer's ‖∂J/∂W‖."))

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """The iterations and the norms, (points, layers), as drawn (NaN where there is none)."""
        return self.source.columns()[0], self.source.gradient_norms().copy()

    # -------------------------------------------------------------- drawing
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.redraw()

    def _redraw_if_shown(self) -> None:
        if self._dirty and self.isVisible():
            self.redraw()

    def redraw(self) -> None:
        self._dirty = False
        x, norms = self.data()
        layers = norms.shape[1]
        if layers != len(self.curves):
            self.legend.clear()
            for curve in self.curves:
                self.plot.removeItem(curve)
            self.curves = []
            for layer in range(1, layers + 1):
                curve = self.plot.plot(pen=layer_pen(layer), name=gradient_norm_header(layer))
                curve.setClipToView(True)
                curve.setDownsampling(auto=True, method="peak")
                self.curves.append(curve)
            self.legend.setColumnCount(max(1, math.ceil(layers / LEGEND_ROWS)))  # a deep network: side by side
        with np.errstate(invalid="ignore"):
            shown = np.where(norms > 0, norms, np.nan)  # a log axis cannot show 0: a gap in the curve
        for k, curve in enumerate(self.curves):
            curve.setData(x, shown[:, k], connect="finite")

    # -------------------------------------------------------------- hover
    def _on_mouse_moved(self, position) -> None:
        x, norms = self.data()
        index = self.cross.index_at(x, position)
        if index is None or not norms.shape[1]:
            return
        row = norms[index]
        parts = [self.tr("Iteration %1").replace("%1", str(int(x[index])))]
        for layer, value in enumerate(row, start=1):
            shown = fmt(float(value)) if math.isfinite(value) else "—"
            parts.append(f"{gradient_norm_header(layer)} {shown}")
        self.readout.setText(" · ".join(parts))
        finite = [(k, math.log10(v)) for k, v in enumerate(row) if math.isfinite(v) and v > 0]
        if not finite:
            self.cross.hide()
            return
        mouse = self.cross.view_y(position)
        k, y = min(finite, key=lambda item: abs(item[1] - mouse))  # the curve nearest the mouse
        self.cross.show(float(x[index]), y, COLOURS[k % len(COLOURS)])
