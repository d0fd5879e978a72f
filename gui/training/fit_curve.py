"""The fitted curve: the network's output over the input, for data with one input.

A regression lesson with one input (sine regression) has no plane to colour; the boundary
panel shows instead the curve ŷ(x): the network's output at SAMPLES evenly spaced x over the
data's range (padded by a tenth), from one ``engine.batched.forward`` pass, over the data
points (x, y). Several outputs give one curve each, in the colour of their points. The
curve follows training live through the panel's redraw timer. Values a float cannot show
(NaN, ±inf, beyond ±PLANE_LIMIT) leave a gap in the curve instead of breaking the plot.

The y range is the data's, padded, and grows (never shrinks, until the data change) when
the curve leaves it, by at most twice the data's span each side, so a wild early curve
cannot squash the points into a line.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from engine import batched
from engine.network import Network

SAMPLES = 200
CURVE_WIDTH = 3
CURVE_COLOUR = (0, 114, 178)  # Okabe-Ito blue
POINT_COLOUR = (230, 159, 0)  # Okabe-Ito orange: the training data
TEST_POINT_COLOUR = (213, 94, 0)  # vermillion: the test data's rings, told apart from the dots
NEURON_COLOUR = (204, 121, 167)  # reddish purple: a hidden neuron's activation


def curve_colours(outputs: int, class_colours: np.ndarray, test: bool = False) -> tuple[list[tuple], list[tuple]]:
    """(curve colours, point colours) for ``outputs`` output columns (``test``: of the test data)."""
    if outputs == 1:
        return [CURVE_COLOUR], [TEST_POINT_COLOUR if test else POINT_COLOUR]
    rows = [tuple(int(v) for v in class_colours[k % len(class_colours)]) for k in range(outputs)]
    return rows, rows


def finite_within(values: np.ndarray, limit: float) -> np.ndarray:
    """``values`` with NaN where they are not finite or lie beyond ±``limit`` (a gap, not a wild line)."""
    with np.errstate(invalid="ignore"):
        return np.where(np.abs(values) <= limit, values, np.nan)


class FitCurve:
    """The curves ŷ(x) drawn on ``plot``; ``set_range(x_low, x_high, y_low, y_high)``, then ``draw(network)``."""

    def __init__(self, plot: pg.PlotItem, limit: float, class_colours: np.ndarray) -> None:
        self.plot = plot
        self.limit = limit
        self.class_colours = class_colours
        self.lines: list[pg.PlotDataItem] = []
        self.xs = np.empty(0)
        self._data_y = (0.0, 1.0)
        self._shown_y = (0.0, 1.0)

    def clear(self) -> None:
        for line in self.lines:
            self.plot.removeItem(line)
        self.lines = []
        self.xs = np.empty(0)

    def point_positions(self, inputs: np.ndarray, targets: np.ndarray,
                        test: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """The data as points (x, y_k) for each output k, with their colours as (N·K, 3) uint8 rows."""
        k = targets.shape[1]
        positions = np.column_stack([np.repeat(inputs[:, 0], k), targets.reshape(-1)])
        colours = np.array(curve_colours(k, self.class_colours, test)[1], dtype=np.uint8)
        return positions, np.tile(colours, (len(inputs), 1))

    def set_range(self, x_low: float, x_high: float, y_low: float, y_high: float) -> None:
        """The x range the curve spans and the data's y range; the view shows both, padded."""
        self.xs = np.linspace(x_low, x_high, SAMPLES)
        self._data_y = (y_low, y_high)
        self._shown_y = (y_low, y_high)
        self.plot.setRange(xRange=(x_low, x_high), yRange=self._shown_y, padding=0)

    def draw(self, network: Network, neuron: tuple[int, int] | None = None) -> np.ndarray:
        """Draw ŷ(x) (or the hidden ``neuron``'s activation over x); returns the values drawn, (SAMPLES, K)."""
        cache = batched.forward(network, self.xs[:, None])
        if neuron is None:
            values = cache.outputs
            colours = curve_colours(values.shape[1], self.class_colours)[0]
            style = Qt.PenStyle.SolidLine
        else:
            layer, j = neuron
            values = cache.a[layer][:, j:j + 1]
            colours, style = [NEURON_COLOUR], Qt.PenStyle.DashLine
        values = finite_within(values, self.limit)
        while len(self.lines) > values.shape[1]:
            self.plot.removeItem(self.lines.pop())
        while len(self.lines) < values.shape[1]:
            line = pg.PlotDataItem()
            line.setZValue(1)  # over the points, with a white edge so that it reads across them
            self.plot.addItem(line)
            self.lines.append(line)
        for k, line in enumerate(self.lines):
            line.setPen(pg.mkPen(*colours[k % len(colours)], width=CURVE_WIDTH, style=style))
            line.setShadowPen(pg.mkPen(255, 255, 255, 220, width=CURVE_WIDTH + 3))
            line.setData(self.xs, values[:, k], connect="finite")
        self._grow_to(values)
        return values

    def _grow_to(self, values: np.ndarray) -> None:
        """Widen the y range when the curve leaves it (by at most twice the data's span each side)."""
        finite = values[np.isfinite(values)]
        if not finite.size:
            return
        low, high = self._data_y
        span = max(high - low, 1e-9)
        want_low = max(float(finite.min()), low - 2 * span)
        want_high = min(float(finite.max()), high + 2 * span)
        shown_low, shown_high = self._shown_y
        if want_low >= shown_low and want_high <= shown_high:
            return
        pad = 0.05 * span
        self._shown_y = (min(shown_low, want_low - pad), max(shown_high, want_high + pad))
        self.plot.setYRange(*self._shown_y, padding=0)

    def shows(self, values: np.ndarray) -> bool:
        """Whether any of ``values`` (as ``draw`` returned them) lies inside the y range shown."""
        low, high = self._shown_y
        with np.errstate(invalid="ignore"):
            return bool(np.any((values >= low) & (values <= high)))

    def curve_data(self) -> tuple[np.ndarray, list[np.ndarray]]:
        """The x and the y values of each curve drawn (for tests and read-outs)."""
        return self.xs.copy(), [np.asarray(line.getData()[1], dtype=np.float64).copy() for line in self.lines]
