"""The decision boundary: the network's output over the plane of a two-input dataset, or over
the line of a one-input dataset (the fitted curve of a regression, gui/training/fit_curve.py).

An 80×80 grid over the data's bounding box goes through ``engine.batched.forward`` (one
vectorised pass, about a millisecond for small networks); beyond GRID_WORK multiply-adds the
grid is coarser (40×40 for a deep network at the parameter cap: 0.25 s instead of 0.8 s). One output is drawn with a
diverging colour map (class 0 blue, 0.5 white, class 1 orange); softmax outputs colour
each cell by its most likely class, faded towards white where the network is unsure.
Training points are filled markers, test points hollow rings; beyond MAX_POINTS samples a seeded
sample of MAX_POINTS is drawn (the caption says how many of how many), with one brush or pen per
colour, so a 100,000-row dataset draws in a fraction of a second. ``show_neuron(layer, j)``
shows a hidden neuron's own activation instead; ``(-1, -1)`` goes back to the output.

Redraws follow the network's ``changed`` event through a 100 ms single-shot timer, so a
training run updates the picture at most ten times a second. A hidden view (its dock tabbed
away) draws nothing until it is shown: the grid's forward pass through a deep network at the
parameter cap takes about half a second, which opening such a lesson no longer waits for.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from engine import batched
from engine.datasets import train_test_split
from engine.formula import fmt
from engine.lesson import Lesson, NetworkLesson

from .fit_curve import FitCurve
from .loss_plot import route_export, style_ticks

GRID = 80  # cells per side, at most
GRID_MIN = 32  # and at least
GRID_WORK = 3e8  # cells × parameters: the forward pass's multiply-adds, at most (when above GRID_MIN)
REDRAW_MS = 100
# Okabe-Ito: blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow, black.
CLASS_COLOURS = np.array([(0, 114, 178), (230, 159, 0), (0, 158, 115), (204, 121, 167), (86, 180, 233),
                          (213, 94, 0), (240, 228, 66), (0, 0, 0)], dtype=np.float64)
WHITE = np.array([255.0, 255.0, 255.0])
BACKGROUND_STRENGTH = 0.7
MAX_POINTS = 5000  # points drawn at most; larger datasets show a seeded sample of this many
PLANE_LIMIT = 1e6  # points beyond ± this are left off the plane: Qt's geometry cannot span ±1e308


def on_plane(inputs: np.ndarray) -> np.ndarray:
    """Which rows can be drawn: both coordinates finite and within ±PLANE_LIMIT."""
    return np.all(np.abs(inputs) <= PLANE_LIMIT, axis=1)


def diverging_lut(size: int = 256) -> np.ndarray:
    """Blue → white → orange, as uint8 RGB rows."""
    t = np.linspace(0.0, 1.0, size)[:, None]
    low = CLASS_COLOURS[0] + (WHITE - CLASS_COLOURS[0]) * np.clip(t * 2, 0, 1)
    high = WHITE + (CLASS_COLOURS[1] - WHITE) * np.clip(t * 2 - 1, 0, 1)
    return np.where(t < 0.5, low, high).astype(np.uint8)


LUT = diverging_lut()


def class_labels(targets: np.ndarray) -> np.ndarray:
    """Class index of each target row: threshold 0.5 for one column, argmax for several."""
    if targets.shape[1] == 1:
        return (targets[:, 0] >= 0.5).astype(int)
    return targets.argmax(axis=1)


def map_values(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """Values to RGB through the diverging map, ``low`` at blue and ``high`` at orange."""
    span = high - low if high > low else 1.0
    index = np.clip((values - low) / span * (len(LUT) - 1), 0, len(LUT) - 1)
    return LUT[np.nan_to_num(index, nan=(len(LUT) - 1) / 2).astype(int)]


def colour_outputs(outputs: np.ndarray, softmax: bool, value_range: tuple[float, float]) -> np.ndarray:
    """(N, K) outputs to (N, 3) uint8 colours."""
    if softmax or outputs.shape[1] > 1:
        k = outputs.shape[1]
        best = outputs.argmax(axis=1)
        confidence = outputs.max(axis=1)
        if not softmax:  # several free outputs: show the winner at full strength
            confidence = np.ones_like(confidence)
        strength = np.clip((confidence - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)[:, None]
        base = CLASS_COLOURS[best % len(CLASS_COLOURS)]
        return (WHITE + (base - WHITE) * (0.15 + 0.85 * strength)).astype(np.uint8)
    return map_values(outputs[:, 0], *value_range)


class BoundaryView(QWidget):
    """Takes a lesson; follows its network. ``show_neuron(layer, neuron)``; ``set_lesson(lesson)``."""

    redrawn = Signal()

    def __init__(self, lesson: Lesson | None = None, test_fraction: float = 0.0, seed: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boundaryView")
        self.lesson: NetworkLesson | None = None
        self.neuron: tuple[int, int] | None = None
        self.test_fraction, self.seed = test_fraction, seed
        self.redraw_count = 0
        self.caption = QLabel(self)
        self.caption.setObjectName("boundaryCaption")
        self.caption.setWordWrap(True)
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.caption.setFont(font)

        self.plot_widget = pg.PlotWidget(self, background="w")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setAspectLocked(True)
        self.plot.hideButtons()
        self.plot.setContentsMargins(0, 10, 10, 0)  # room for half of the top and right tick labels
        route_export(self.plot_widget)  # the boundary has no export of its own: no broken "Export…"
        style_ticks(self.plot, 12)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(size=12, pxMode=True)
        self.test_points = pg.ScatterPlotItem(size=13, pxMode=True)
        self.plot.addItem(self.train_points)
        self.plot.addItem(self.test_points)
        self.fit = FitCurve(self.plot, PLANE_LIMIT, CLASS_COLOURS)
        self._mode: str | None = None  # "plane" (two inputs), "curve" (one input) or None (nothing to draw)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.plot_widget, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self.redraw)
        self._grid: np.ndarray | None = None
        self._n = GRID  # cells per side of the grid drawn
        self._left_off = 0  # data points too far out to draw
        self._shown = (0, 0)  # (points drawn, points on the plane)
        self._stale = False  # a redraw waits until the view is shown
        self._inputs_seen: np.ndarray | None = None
        self._data_ref = self._inputs_ref = None
        self.set_lesson(lesson)

    # -------------------------------------------------------------- binding
    def set_lesson(self, lesson: Lesson | None) -> None:
        self.detach()
        self.lesson = lesson if isinstance(lesson, NetworkLesson) else None
        if self.lesson is not None:
            self.lesson.network.changed.connect(self._on_network_changed)
            self.lesson.rebuilt.connect(self._on_lesson_rebuilt)
        self.neuron = None
        self.data_changed()

    def detach(self) -> None:
        if self.lesson is not None:
            self.lesson.network.changed.disconnect(self._on_network_changed)
            self.lesson.rebuilt.disconnect(self._on_lesson_rebuilt)
        self.lesson = None
        self.timer.stop()

    def set_split(self, test_fraction: float, seed: int) -> None:
        if (test_fraction, seed) != (self.test_fraction, self.seed):
            self.test_fraction, self.seed = test_fraction, seed
            self.data_changed()

    def applicable(self) -> bool:
        """Whether a decision boundary over the plane can be drawn (two inputs)."""
        return self._mode_now() == "plane"

    def _mode_now(self) -> str | None:
        """"plane" for two inputs, "curve" for one, None when the lesson has nothing to draw here."""
        if self.lesson is None or not len(self.lesson.data):
            return None
        width = self.lesson.data.inputs.shape[1]
        if self.lesson.network.sizes[0] != width:
            return None
        return {1: "curve", 2: "plane"}.get(width)

    def data_changed(self) -> None:
        """The data (or its split) changed: new grid and new points, drawn at once."""
        self._grid = None
        data = self.lesson.data if self.lesson is not None else None
        self._data_ref, self._inputs_ref = data, (data.inputs if data is not None else None)
        self._inputs_seen = None if data is None else data.inputs.copy()  # an edit may change them in place
        self._mode = self._mode_now()
        self.plot.setAspectLocked(self._mode == "plane")
        self.image.clear()
        self.fit.clear()
        if self._mode is None:
            self.train_points.clear()
            self.test_points.clear()
            self.caption.setText(self.tr("The decision boundary is drawn for data with one or two inputs."))
            return
        data = self.lesson.data
        curve = self._mode == "curve"
        every = self._positions(data.inputs, data.targets)[0]
        drawn = every[on_plane(every)]
        self._left_off = len(every) - len(drawn)
        if not len(drawn):
            drawn = np.array([[-1.0, -1.0], [1.0, 1.0]])
        low, high = drawn.min(axis=0), drawn.max(axis=0)
        pad = np.maximum((high - low) * 0.1, 0.25)
        low, high = low - pad, high + pad
        if curve:
            self.fit.set_range(low[0], high[0], low[1], high[1])
        else:
            self._bounds = (low, high)
            self._make_grid()
        train, test = train_test_split(data, self.test_fraction, self.seed)
        sets = [(self.train_points, train, True), (self.test_points, test, False)]
        total = len(drawn) if self._left_off < len(every) else 0
        shown = 0
        for item, part, filled in sets:
            if part is None:
                item.clear()
                continue
            positions, colours = self._positions(part.inputs, part.targets, test=not filled)
            keep = on_plane(positions)
            share = int(keep.sum()) if total <= MAX_POINTS else round(MAX_POINTS * keep.sum() / total)
            shown += self._draw_points(item, positions[keep], colours[keep], filled, share)
        self._shown = (shown, total)
        if not curve:
            self.plot.setRange(xRange=(low[0], high[0]), yRange=(low[1], high[1]), padding=0)
        self.redraw()

    def _positions(self, inputs: np.ndarray, targets: np.ndarray,
                   test: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Where the samples are drawn, and in which colour: at their inputs, or at (x, y) for one input."""
        if self._mode == "curve":
            return self.fit.point_positions(inputs, targets, test)
        return inputs, self._point_colours(targets)

    def _cells(self) -> int:
        """Cells per side of the grid for the current network: GRID, or fewer for large networks."""
        parameters = max(1, self.lesson.network.parameter_count())
        return int(min(GRID, max(GRID_MIN, math.sqrt(GRID_WORK / parameters))))

    def _make_grid(self) -> None:
        low, high = self._bounds
        self._n = n = self._cells()
        xs, ys = np.linspace(low[0], high[0], n), np.linspace(low[1], high[1], n)
        gx, gy = np.meshgrid(xs, ys)  # row-major: row = y, column = x
        self._grid = np.column_stack([gx.ravel(), gy.ravel()])
        step = (high - low) / (n - 1)
        self._rect = QRectF(low[0] - step[0] / 2, low[1] - step[1] / 2, high[0] - low[0] + step[0],
                            high[1] - low[1] + step[1])

    def _point_colours(self, targets: np.ndarray) -> np.ndarray:
        net = self.lesson.network
        classification = net.activation(net.depth) in ("sigmoid", "softmax") or targets.shape[1] > 1
        if classification:
            return CLASS_COLOURS[class_labels(targets) % len(CLASS_COLOURS)].astype(np.uint8)
        return map_values(targets[:, 0], *self._value_range())

    def _draw_points(self, item: pg.ScatterPlotItem, inputs: np.ndarray, colours: np.ndarray, filled: bool,
                     limit: int) -> int:
        """Draw at most ``limit`` of the points (a seeded sample beyond it) in their ``colours``; returns how many."""
        if len(inputs) > limit:
            pick = np.sort(np.random.default_rng(self.seed).choice(len(inputs), limit, replace=False))
            inputs, colours = inputs[pick], colours[pick]
        colours, which = np.unique(colours, axis=0, return_inverse=True)
        which = which.ravel()
        small = self._mode == "curve"  # smaller dots along a curve, which must stay visible between them
        if filled:  # one brush per colour, shared by its points
            brushes = [pg.mkBrush(*c) for c in colours]
            edge = pg.mkPen("#000000", width=1.2 if small else 1.8)
            item.setData(pos=inputs, brush=[brushes[k] for k in which], pen=edge, symbol="o", size=9 if small else 12)
        else:
            pens = [pg.mkPen(*c, width=2.5 if small else 3) for c in colours]
            item.setData(pos=inputs, brush=pg.mkBrush(255, 255, 255, 200), pen=[pens[k] for k in which],
                         symbol="o", size=10 if small else 13)
        return len(inputs)

    def _value_range(self) -> tuple[float, float]:
        net = self.lesson.network
        if net.activation(net.depth) == "sigmoid":
            return 0.0, 1.0
        targets = self.lesson.data.targets[:, 0]
        return float(targets.min()), float(targets.max())

    # -------------------------------------------------------------- hidden neurons
    def show_neuron(self, layer: int, neuron: int) -> None:
        """A hidden neuron's activation map; (-1, -1) or an output/input neuron goes back to the output."""
        self.neuron = (layer, neuron) if self._is_hidden_neuron(layer, neuron) else None
        self.redraw()

    def _is_hidden_neuron(self, layer: int, neuron: int) -> bool:
        """True when the current network has this hidden neuron (an edit may have removed it)."""
        net = self.lesson.network if self.lesson is not None else None
        return net is not None and 1 <= layer < net.depth and 0 <= neuron < net.sizes[layer]

    # -------------------------------------------------------------- drawing
    def _on_lesson_rebuilt(self) -> None:
        """A structure edit, undo or redo: forget a shown neuron the network no longer has."""
        if self.neuron is not None and not self._is_hidden_neuron(*self.neuron):
            self.neuron = None
        self._on_network_changed()

    def _on_network_changed(self) -> None:
        data = self.lesson.data if self.lesson is not None else None
        if data is not self._data_ref or (data is not None and (
                data.inputs is not self._inputs_ref or not np.array_equal(data.inputs, self._inputs_seen))) or (
                self._mode != self._mode_now()) or (self._grid is None and self.applicable()):
            self.data_changed()
            return
        if not self.timer.isActive():
            self.timer.start()

    def showEvent(self, event) -> None:  # Qt's name
        super().showEvent(event)
        if self._stale:
            self.redraw()

    def redraw(self) -> None:
        self.timer.stop()
        if self._mode is None or self._mode != self._mode_now() or (self._mode == "plane" and self._grid is None):
            return
        self._stale = not self.isVisible()
        if self._stale:  # drawn when shown
            return
        net = self.lesson.network
        if self.neuron is not None and not self._is_hidden_neuron(*self.neuron):
            self.neuron = None
        if self._mode == "curve":
            self._redraw_curve(net)
            return
        if self._cells() != self._n:  # an edit made the network much larger or smaller
            self._make_grid()
        with np.errstate(over="ignore", invalid="ignore"):
            cache = batched.forward(net, self._grid)
        if self.neuron is not None:
            layer, j = self.neuron
            values = cache.a[layer][:, j]
            activation = net.activation(layer)
            low, high = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}.get(
                activation, (float(np.nanmin(values)), float(np.nanmax(values))))
            if activation in ("relu", "leaky_relu", "linear"):
                bound = max(abs(low), abs(high), 1e-9)
                low, high = -bound, bound
            rgb = map_values(values, low, high)
            text = (self.tr("Hidden layer %1, neuron %2: its activation a over the plane "
                            "(blue low, white middle, orange high)")
                    .replace("%1", str(layer)).replace("%2", str(j + 1)))
        else:
            outputs = cache.outputs
            softmax = net.activation(net.depth) == "softmax"
            rgb = colour_outputs(outputs, softmax, self._value_range())
            if softmax or outputs.shape[1] > 1:
                text = self.tr("Most likely class at each point, paler where the network is unsure. "
                               "Filled dots: training data; rings: test data.")
            else:
                text = self.tr("Network output ŷ: blue near 0, white at 0.5, orange near 1. "
                               "Filled dots: training data; rings: test data.")
                if net.activation(net.depth) != "sigmoid":
                    low, high = self._value_range()
                    text = (self.tr("Network output ŷ from %1 (blue) to %2 (orange). "
                                    "Filled dots: training data; rings: test data.")
                            .replace("%1", fmt(low)).replace("%2", fmt(high)))
        pale = WHITE + (rgb.astype(np.float64) - WHITE) * BACKGROUND_STRENGTH  # points stay the boldest marks
        image = np.ascontiguousarray(pale.reshape(self._n, self._n, 3).astype(np.uint8))
        self.image.setImage(image, autoLevels=False, levels=(0, 255))
        self.image.setRect(self._rect)
        self._drawn(text)

    def _redraw_curve(self, net) -> None:
        """One input: the fitted curve ŷ(x) over the data points (or a hidden neuron's activation over x)."""
        values = self.fit.draw(net, self.neuron)
        if self.neuron is not None:
            text = (self.tr("Hidden layer %1, neuron %2: its activation a over the input x (dashed line). "
                            "Filled dots: training data; rings: test data.")
                    .replace("%1", str(self.neuron[0])).replace("%2", str(self.neuron[1] + 1)))
        else:
            text = self.tr("The fitted curve: the network's output ŷ over the input x. "
                           "Filled dots: training data; rings: test data.")
        if not self.fit.shows(values):
            text += " " + self.tr("The curve lies outside the plot: its values are far from the data's.")
        self._drawn(text)

    def _drawn(self, text: str) -> None:
        """A redraw is done: the caption says what is shown (and which points are not)."""
        shown, total = self._shown
        if shown < total:
            text += " " + self.tr("Showing %1 of %2 points.").replace("%1", f"{shown:,}").replace("%2", f"{total:,}")
        if self._left_off:
            text += " " + self.tr("%1 of the points lie beyond ±1,000,000 and are not drawn.").replace(
                "%1", str(self._left_off))
        self.caption.setText(text)
        self.redraw_count += 1
        self.redrawn.emit()

    def curve_data(self) -> tuple[np.ndarray, list[np.ndarray]]:
        """One input: the x of the fitted curve and the y of each curve drawn."""
        return self.fit.curve_data()

    def pixel_at(self, x: float, y: float) -> tuple[int, int, int] | None:
        """The colour drawn at data coordinates (x, y), for tests and read-outs."""
        if self.image.image is None or self._grid is None:
            return None
        rect = self._rect
        col = int((x - rect.left()) / rect.width() * self._n)
        row = int((y - rect.top()) / rect.height() * self._n)
        if not (0 <= row < self._n and 0 <= col < self._n):
            return None
        return tuple(int(v) for v in self.image.image[row, col, :3])  # type: ignore[return-value]
