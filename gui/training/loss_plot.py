"""The live loss plot: train and test loss per reported iteration, accuracy below, hover read-out.

Points go into growing numpy buffers; a 30 Hz timer redraws only when something arrived,
so a fast training run costs the event loop at most thirty cheap redraws a second.

A diverging run stays readable (gui/training/loss_range.py): the axis turns logarithmic by
itself once the loss spans AUTO_LOG_DECADES orders of magnitude (unless the user ticked or
unticked Log scale), and a spike far above the rest leaves the axis at the top, where a
triangle marks it and a note above the plot says how high it went. NaN and ±inf are never
drawn as numbers: they leave a gap in the curve and a cross at the top (spike_marks.py). The
legend sits in whichever corner it covers the fewest points (legend_corner.py).
"""

from __future__ import annotations

import csv
import math
import time
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from engine.csv_import import WRITE_ENCODING
from engine.formula import fmt
from engine.health import gradient_norm_header

from .hover import Crosshair
from .legend_corner import best_corner
from .loss_range import AUTO_LOG_DECADES, LossSpan, Span
from .spike_marks import TINY, SpikeMarks, cap_for, drawable  # noqa: F401 (TINY: the log axis floor, for tests)

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
TRAIN_COLOUR = "#0072B2"  # blue
TEST_COLOUR = "#D55E00"  # vermillion
ACCURACY_COLOUR = "#009E73"  # bluish green
REDRAW_MS = 33
ACCURACY_REDRAW_S = 0.25
AXIS_POINT_SIZE = 13
LINE_WIDTH = 3


class _Buffer:
    """A growing float64 array (amortised doubling)."""

    def __init__(self) -> None:
        self.data = np.empty(256)
        self.size = 0

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=np.float64)
        need = self.size + len(values)
        if need > len(self.data):
            grown = np.empty(max(need, 2 * len(self.data)))
            grown[:self.size] = self.data[:self.size]
            self.data = grown
        self.data[self.size:need] = values
        self.size = need

    def view(self) -> np.ndarray:
        return self.data[:self.size]

    def clear(self) -> None:
        self.size = 0


def style_ticks(plot: pg.PlotItem, point_size: int) -> None:
    """Dark tick numbers of ``point_size`` points on the left and bottom axes of every plot."""
    font = QFont()
    font.setPointSize(point_size)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setTickFont(font)
        axis.setTextPen(pg.mkPen("#202020"))


def _style_plot(plot: pg.PlotItem, left: str) -> None:
    style_ticks(plot, AXIS_POINT_SIZE)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen("#202020", width=1.5))
        axis.enableAutoSIPrefix(False)
    label_style = {"font-size": f"{AXIS_POINT_SIZE + 1}pt", "color": "#202020"}
    plot.setLabel("left", left, **label_style)


def route_export(widget: pg.PlotWidget, save=None) -> None:
    """pyqtgraph's own right-click "Export…" raises AttributeError when triggered without its menu
    (no item was right-clicked): the entry opens our own save dialog ``save`` instead, or is gone."""
    scene = widget.scene()
    scene.contextMenu = []
    if save is not None:
        action = QAction(QCoreApplication.translate("LossPlot", "Save PNG…"), scene)
        action.setObjectName("plotExportAction")
        action.triggered.connect(save)
        scene.contextMenu.append(action)


class LossPlot(QWidget):
    """``clear()``, ``append(iteration, loss, test_loss, accuracy)``, ``export_png``/``export_csv``.

    Rows may carry ‖∂J/∂W₁‖, … after the four: kept here (``gradient_norms``), drawn by GradientPlot
    and written to the CSV after the four columns."""

    redrawn = Signal()
    rows_changed = Signal()  # rows arrived or the history was cleared (the gradient plot follows)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lossPlot")
        self._columns = [_Buffer() for _ in range(4)]  # iteration, loss, test loss, accuracy
        self._norms: list[_Buffer] = []  # ‖∂J/∂Wₗ‖ of each layer, after the four (gui/training/grad_plot.py)
        self._range = LossSpan()  # what the axis shows, kept up to date as rows arrive
        self._dirty = False
        self._accuracy_pending = False
        self._accuracy_drawn = 0.0
        self._has_test = False
        self._has_accuracy = False

        self.log_box = QCheckBox(self.tr("Log scale"), self)
        self.log_box.setObjectName("logScaleBox")
        self.log_box.toggled.connect(self._on_log_toggled)
        self._log_by_hand = False  # the user ticked or unticked the box: the scale is theirs
        self._log_auto = False  # the plot switched to log by itself (undone when the history is cleared)
        self._switching = False
        self.readout = QLabel(self.tr("Hover over the curve to read the loss."), self)
        self.readout.setObjectName("lossReadout")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.png_button = QPushButton(self.tr("Save PNG…"), self)
        self.png_button.setObjectName("exportLossPngButton")
        self.png_button.clicked.connect(self.ask_png)
        self.csv_button = QPushButton(self.tr("Save CSV…"), self)
        self.csv_button.setObjectName("exportLossCsvButton")
        self.csv_button.clicked.connect(self.ask_csv)

        self.plot_widget = pg.PlotWidget(self, background="w")
        self.plot_widget.setObjectName("lossPlotArea")
        self.plot_widget.setMinimumHeight(100)  # room for the diagram on a 720p projector
        self.plot = self.plot_widget.getPlotItem()
        _style_plot(self.plot, self.tr("Loss"))
        self.plot.setLabel("bottom", self.tr("Iteration"), **{"font-size": f"{AXIS_POINT_SIZE + 1}pt",
                                                                  "color": "#202020"})
        self.legend = self.plot.addLegend(offset=(-10, 10), labelTextSize=f"{AXIS_POINT_SIZE}pt",
                                     labelTextColor="#202020", brush=pg.mkBrush(255, 255, 255, 220))
        self.train_curve = self.plot.plot(pen=pg.mkPen(TRAIN_COLOUR, width=LINE_WIDTH), name=self.tr("Training loss"))
        self.test_curve = self.plot.plot(pen=pg.mkPen(TEST_COLOUR, width=LINE_WIDTH, style=Qt.PenStyle.DashLine))
        self._test_in_legend = False
        self._legend_corner = (1, 1)  # (right, top): where the legend covers the fewest points
        self._legend_view: tuple | None = None  # the view it was placed for
        for curve in (self.train_curve, self.test_curve):
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
        # The view follows the data in coarse steps instead of pyqtgraph's auto-range, which
        # re-lays out both axes on every redraw and slows training in the window by a third.
        self.plot.disableAutoRange()
        self.plot.vb.sigRangeChangedManually.connect(self._on_range_changed_by_hand)
        self._following = True
        self._shown_range: tuple[float, float, float] | None = None  # x end, y low, y high

        self.accuracy_widget = pg.PlotWidget(self, background="w")
        self.accuracy_widget.setObjectName("accuracyPlotArea")
        self.accuracy_plot = self.accuracy_widget.getPlotItem()
        _style_plot(self.accuracy_plot, self.tr("Accuracy"))
        self.plot.sigXRangeChanged.connect(self._on_x_range_changed)
        self.accuracy_plot.setYRange(0, 1.02, padding=0)
        self.accuracy_plot.setMouseEnabled(y=False)
        self.accuracy_curve = self.accuracy_plot.plot(pen=pg.mkPen(ACCURACY_COLOUR, width=LINE_WIDTH))
        self.accuracy_widget.setMaximumHeight(170)
        self.accuracy_widget.setMinimumHeight(130)
        self.accuracy_plot.getAxis("left").setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]])
        self.accuracy_widget.hide()

        self.cross = Crosshair(self.plot, TRAIN_COLOUR)
        self.v_line, self.h_line, self.marker = self.cross.items()
        self.marks = SpikeMarks(self.plot, QLabel(self))  # a spike above the axis, values that are not numbers
        self._span: Span | None = None
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        for widget in (self.plot_widget, self.accuracy_widget):
            route_export(widget, self.ask_png)

        top = QHBoxLayout()
        top.addWidget(self.readout, 1)
        top.addWidget(self.log_box)
        top.addWidget(self.png_button)
        top.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.marks.note)
        layout.addWidget(self.plot_widget, 3)
        layout.addWidget(self.accuracy_widget, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self._redraw)
        self.timer.start()

    # -------------------------------------------------------------- data
    def clear(self) -> None:
        for column in self._columns:
            column.clear()
        self._norms = []
        self._has_test = self._has_accuracy = False
        self._dirty = True
        self._following, self._shown_range = True, None
        self.readout.setText(self.tr("Hover over the curve to read the loss."))
        self.cross.hide()
        self._range.clear()
        self.marks.clear()
        self._legend_view = None
        if self._log_auto:  # a fresh history starts on the scale the user had
            self._set_log(False)
        self._redraw()
        self.rows_changed.emit()

    def append(self, iteration: int, loss: float, test_loss: float | None = None,
               accuracy: float | None = None) -> None:
        nan = float("nan")
        self.append_rows([(iteration, loss, nan if test_loss is None else test_loss,
                           nan if accuracy is None else accuracy)])

    def append_rows(self, rows) -> None:
        """Many (iteration, loss, test_loss, accuracy) rows at once; None or NaN where absent."""
        if not len(rows):
            return
        array = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=np.float64)
        before = self.point_count()
        while len(self._norms) < array.shape[1] - 4:  # a column no row had before: NaN there
            self._norms.append(_Buffer())
            self._norms[-1].extend(np.full(before, np.nan))
        for k, column in enumerate(self._columns + self._norms):
            column.extend(array[:, k] if k < array.shape[1] else np.full(len(array), np.nan))
        self._range.extend(array[:, 0], array[:, 1], array[:, 2])
        self._has_test = self._has_test or bool(np.isfinite(array[:, 2]).any())
        self._has_accuracy = self._has_accuracy or bool(np.isfinite(array[:, 3]).any())
        self._dirty = True
        self.rows_changed.emit()

    def point_count(self) -> int:
        return self._columns[0].size

    def columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Copies of iteration, loss, test loss and accuracy (NaN where absent)."""
        return tuple(column.view().copy() for column in self._columns)  # type: ignore[return-value]

    def gradient_norms(self) -> np.ndarray:
        """‖∂J/∂Wₗ‖ of each layer at each point: (points, layers), NaN where absent (a view, not a copy)."""
        if not self._norms:
            return np.empty((self.point_count(), 0))
        return np.column_stack([column.view() for column in self._norms])

    def last(self) -> tuple[float, float, float, float] | None:
        if not self.point_count():
            return None
        return tuple(float(column.view()[-1]) for column in self._columns)  # type: ignore[return-value]

    # -------------------------------------------------------------- drawing
    def set_log_scale(self, on: bool) -> None:
        """Log or linear axis, as the user's tick in the box (the plot no longer switches by itself)."""
        self._log_by_hand, self._log_auto = True, False
        if self.log_box.isChecked() != on:
            self.log_box.setChecked(on)

    def is_log_scale(self) -> bool:
        return self.log_box.isChecked()

    def _on_log_toggled(self, on: bool) -> None:
        if not self._switching:
            self._log_by_hand, self._log_auto = True, False
        self.plot.setLogMode(y=on)
        self._shown_range = None
        self._dirty = True
        self._redraw()

    def _set_log(self, on: bool) -> None:
        """Switch the axis without it counting as the user's choice."""
        self._switching = True
        try:
            self._log_auto = on
            self.log_box.setChecked(on)
        finally:
            self._switching = False

    def _switch_to_log_if_needed(self) -> None:
        """A loss spanning many orders of magnitude is unreadable on a linear axis: switch, and say so."""
        if self._log_by_hand or self.log_box.isChecked():
            return
        span = self._range.decades()
        if span >= AUTO_LOG_DECADES:
            self._set_log(True)
            self.readout.setText(self.tr("Log scale switched on: the loss spans %1 orders of magnitude.")
                                 .replace("%1", str(int(span))))

    def _redraw(self) -> None:
        if self._dirty:
            self._dirty = False
            self._accuracy_pending = True
            self._redraw_loss()
        if self._accuracy_pending and (time.perf_counter() - self._accuracy_drawn >= ACCURACY_REDRAW_S
                                       or not self.timer.isActive()):
            self._redraw_accuracy()

    def _redraw_loss(self) -> None:
        x = self._columns[0].view()
        loss, test = self._columns[1].view(), self._columns[2].view()
        self._switch_to_log_if_needed()
        log = self.log_box.isChecked()
        self._span = self._range.span(log)
        cap = cap_for(self._span, log)
        bad = self._range.nonfinite_at()
        plain = not bad.size and not math.isfinite(cap)  # nothing to clip or blank: no copy of the history
        self.train_curve.setData(x, drawable(loss, log, cap, plain), connect="finite")
        self._follow(x)
        self.marks.update(self._span, bad)
        self._place_legend()
        if self._has_test:
            self.test_curve.setData(x, drawable(test, log, cap, plain), connect="finite")
            if not self._test_in_legend:
                self.legend.addItem(self.test_curve, self.tr("Test loss"))
                self._test_in_legend = True
                self._legend_view = None  # a taller legend: place it again
            self.test_curve.show()
        else:
            if self._test_in_legend:
                self.legend.removeItem(self.test_curve)
                self._test_in_legend = False
            self.test_curve.setData([], [])
            self.test_curve.hide()
        self.redrawn.emit()

    def _place_legend(self) -> None:
        """Whenever the view changes: move the legend to the corner where it covers the fewest points."""
        view = tuple(tuple(side) for side in self.plot.viewRange())
        if view == self._legend_view or not self.point_count():
            return
        self._legend_view = view
        log = self.log_box.isChecked()
        cap = cap_for(self._span, log)

        def to_view(values: np.ndarray) -> np.ndarray:
            drawn = drawable(values, log, cap)
            return np.log10(drawn) if log else drawn

        pixel_w, pixel_h = self.plot.vb.viewPixelSize()
        rect = self.legend.boundingRect()
        size = ((rect.width() + 20) * pixel_w, (rect.height() + 20) * pixel_h)
        columns = [self._columns[1].view()] + ([self._columns[2].view()] if self._has_test else [])
        marks = [(float(mx), float(my)) for item in (self.marks.spikes, self.marks.nonfinite) if item.isVisible()
                 for mx, my in zip(*item.getData(), strict=True)]
        corner = best_corner(self._columns[0].view(), columns, view, size, to_view, marks)
        if corner != self._legend_corner:
            self._legend_corner = corner
            right, top = corner
            anchor = (right, 0 if top else 1)
            self.legend.anchor(itemPos=anchor, parentPos=anchor, offset=(-10 if right else 10, 10 if top else -10))

    def settle(self) -> None:
        """After a run: show exactly the data, without the room left for it to grow."""
        self._redraw()
        span = self._span
        if self._following and self.point_count() and span is not None:
            x = self._columns[0].view()
            room = max(span.high - span.low, 1e-12, 1e-9 * abs(span.high))  # the top tick's label and the marks fit
            self.plot.setRange(xRange=(float(x[0]), float(x[-1])), yRange=(span.low, span.high + 0.06 * room),
                               padding=0.02)
            self._shown_range = None
            self.marks.update(span, self._range.nonfinite_at())
            self._place_legend()
            self._redraw_accuracy()

    def _on_range_changed_by_hand(self, *_args) -> None:
        self._following = False  # the user zoomed or panned: leave the view where it is

    def _follow(self, x: np.ndarray) -> None:
        """Widen the view when the data leaves it, with room to grow, so that most redraws
        change no range and no axis (a spike above the span stays above it: see ``LossSpan.span``)."""
        span = self._span
        if not self._following or not len(x) or span is None:
            return
        low, high, end = span.low, span.high, float(x[-1])
        shown = self._shown_range
        if shown is not None and end <= shown[0] and shown[1] <= low and high <= shown[2] \
                and high - low >= 0.3 * (shown[2] - shown[1]):
            return
        span = max(high - low, 1e-12, 1e-9 * abs(high))
        self._shown_range = (max(10.0, end * 1.3), low - 0.15 * span, high + 0.05 * span)
        self.plot.setRange(xRange=(0.0, self._shown_range[0]), yRange=self._shown_range[1:], padding=0)

    def _redraw_accuracy(self) -> None:
        """Accuracy moves in coarse steps: a few redraws a second are enough, and each repaint of
        the second plot takes the training thread as much time as the loss plot's."""
        self._accuracy_pending = False
        self._accuracy_drawn = time.perf_counter()
        self.accuracy_widget.setVisible(self._has_accuracy)
        if self._has_accuracy:
            self.accuracy_curve.setData(self._columns[0].view(), self._columns[3].view(), connect="finite")
            self.accuracy_plot.setXRange(*self.plot.viewRange()[0], padding=0)
        else:
            self.accuracy_curve.setData([], [])

    def _on_x_range_changed(self, *_args) -> None:
        """The accuracy plot follows the loss plot's iterations (zoom and pan by hand at once,
        growth during training with its own redraws)."""
        if not self.timer.isActive() or (not self._dirty and not self._accuracy_pending):
            self.accuracy_plot.setXRange(*self.plot.viewRange()[0], padding=0)

    def _on_mouse_moved(self, position) -> None:
        index = self.cross.index_at(self._columns[0].view(), position)
        if index is None:
            return
        iteration, loss, test, accuracy = (float(c.view()[index]) for c in self._columns)
        log = self.log_box.isChecked()
        drawn = float(drawable(np.array([loss]), log, cap_for(self._span, log))[0])
        shown = self.plot.viewRange()[1][1]  # not a number: the marker sits on its cross at the top
        if math.isfinite(drawn):
            shown = math.log10(drawn) if log else drawn
        self.cross.show(iteration, shown)
        parts = [self.tr("Iteration %1").replace("%1", str(int(iteration))),
                 self.tr("loss %1").replace("%1", fmt(loss))]
        if math.isfinite(test):
            parts.append(self.tr("test loss %1").replace("%1", fmt(test)))
        if math.isfinite(accuracy):
            parts.append(self.tr("accuracy %1%").replace("%1", f"{100 * accuracy:.1f}"))
        self.readout.setText(" · ".join(parts))

    # -------------------------------------------------------------- export
    def export_png(self, path: str | Path) -> None:
        from pyqtgraph.exporters import ImageExporter

        self._redraw()
        exporter = ImageExporter(self.plot)
        exporter.parameters()["width"] = max(800, int(self.plot.sceneBoundingRect().width()) * 2)
        exporter.export(str(path))

    def export_csv(self, path: str | Path) -> None:
        iteration, loss, test, accuracy = self.columns()
        norms = self.gradient_norms()

        def cell(value: float) -> str:
            return "" if not math.isfinite(value) else repr(float(value))

        with open(path, "w", newline="", encoding=WRITE_ENCODING) as handle:  # Excel needs the BOM
            writer = csv.writer(handle)
            writer.writerow(["iteration", "loss", "test_loss", "accuracy",
                             *(gradient_norm_header(k) for k in range(1, norms.shape[1] + 1))])
            for row, layers in zip(zip(iteration, loss, test, accuracy, strict=True), norms, strict=True):
                writer.writerow([int(row[0]), cell(row[1]), cell(row[2]), cell(row[3]), *map(cell, layers)])

    def ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save loss plot"), "loss.png",
                                              self.tr("PNG images (*.png)"))
        if path:
            self.export_png(path if path.lower().endswith(".png") else path + ".png")

    def ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save loss history"), "loss.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path if path.lower().endswith(".csv") else path + ".csv")
