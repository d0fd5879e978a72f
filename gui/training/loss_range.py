"""Which loss values the plot's axis shows: readable before a spike, whatever the spike's size.

A diverging run climbs from about 1 to 1e305 in a few hundred iterations; on a linear axis
that is a flat line at zero and a wall at the end. Two rules keep it readable:

* ``decades()``: how many orders of magnitude the finite positive values span; from
  AUTO_LOG_DECADES on, the plot switches to a log axis by itself (unless the user chose the
  scale). A run that diverged from the start is then one straight line, every point in view.
* ``span(log)``: the values to keep in view. When a few of them (at most SPIKE_SHARE of the
  points) rise far above the starting loss (SPIKE_RATIO times it; on a log axis
  SPIKE_RATIO_LOG), they are a spike after a curve worth reading: the axis ends above the
  rest, and the plot marks where the spike leaves it and how high it went.

Non-finite values (NaN, ±inf) are never part of the span: the plot marks them instead (a NaN
test loss counts as "no test loss", as in rows without a test set).

``LossSpan`` keeps these figures up to date as rows arrive (O(new rows), not O(history)), so
the 30 Hz redraw of a 100,000-point history costs nothing more than before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

AUTO_LOG_DECADES = 4.0  # a loss spanning this many orders of magnitude gets a log axis
SPIKE_SHARE = 0.2  # points far above the start count as a spike when they are at most this share
SPIKE_RATIO = 10.0  # linear axis: "far above" is this many times the starting loss
SPIKE_RATIO_LOG = 1e3  # log axis: three orders of magnitude above it


@dataclass(frozen=True)
class Span:
    """The values to show (in the axis's units: log10 of the loss on a log axis)."""

    low: float
    high: float
    clipped: bool  # some values lie above ``high``: a spike, marked on the plot
    first_off: float | None  # the iteration where the spike first leaves the axis
    largest: float  # the largest finite value, in the loss's own units
    largest_at: float  # and its iteration


class _Axis:
    """Running figures for one kind of axis (linear, or log: positive values only)."""

    def __init__(self) -> None:
        self.count = 0
        self.low, self.high = math.inf, -math.inf
        self.threshold = math.inf  # "far above the start"
        self.above = 0
        self.body_high = -math.inf  # the largest value not above the threshold
        self.first_off: float | None = None

    def extend(self, at: np.ndarray, values: np.ndarray) -> None:
        if not values.size:
            return
        self.count += values.size
        self.low, self.high = min(self.low, float(values.min())), max(self.high, float(values.max()))
        above = values > self.threshold
        if above.any():
            self.above += int(above.sum())
            first = float(at[above].min())
            self.first_off = first if self.first_off is None else min(self.first_off, first)
        if not above.all():
            self.body_high = max(self.body_high, float(values[~above].max()))


class LossSpan:
    """``extend(x, loss, test)`` as rows arrive; ``span(log)``, ``decades()``, ``nonfinite_at()``."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.started = False  # the starting loss is known
        self._early: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # rows before it
        self._reset()

    def _reset(self) -> None:
        self.linear, self.log = _Axis(), _Axis()
        self.largest, self.largest_at = -math.inf, math.nan
        self._bad: list[np.ndarray] = []

    def extend(self, x: np.ndarray, loss: np.ndarray, test: np.ndarray) -> None:
        """New rows: iterations ``x``, training losses and test losses (NaN: none)."""
        if not self.started:  # until the starting loss is known, the rows so far are counted afresh each time
            self._early.append((x, loss, test))
            x, loss, test = (np.concatenate(parts) for parts in zip(*self._early, strict=True))
            self._reset()
            first = np.flatnonzero(np.isfinite(loss))
            if first.size:
                start = float(loss[first[0]])
                self.started, self._early = True, []
                if start > 0:
                    self.linear.threshold, self.log.threshold = start * SPIKE_RATIO, start * SPIKE_RATIO_LOG
        bad = ~np.isfinite(loss) | np.isinf(test)
        if bad.any():
            self._bad.append(x[bad])
        values, at = np.concatenate([loss, test]), np.concatenate([x, x])
        finite = np.isfinite(values)
        values, at = values[finite], at[finite]
        if not values.size:
            return
        biggest = int(np.argmax(values))
        if values[biggest] > self.largest:
            self.largest, self.largest_at = float(values[biggest]), float(at[biggest])
        self.linear.extend(at, values)
        positive = values > 0
        self.log.extend(at[positive], values[positive])

    def span(self, log: bool) -> Span | None:
        """What the axis should show; None: nothing to show."""
        axis = self.log if log else self.linear
        if not axis.count:
            return None
        clipped = 0 < axis.above <= SPIKE_SHARE * axis.count
        low, high = axis.low, axis.body_high if clipped else axis.high
        if log:
            low, high = math.log10(low), math.log10(high)
        return Span(low, high, clipped, axis.first_off if clipped else None, self.largest, self.largest_at)

    def decades(self) -> float:
        """Orders of magnitude between the smallest and the largest finite positive value (0 if none)."""
        if self.log.count < 2:
            return 0.0
        return math.log10(self.log.high) - math.log10(self.log.low)

    def nonfinite_at(self) -> np.ndarray:
        """The iterations where a loss is not a finite number (a NaN test loss is no test loss)."""
        return np.concatenate(self._bad) if self._bad else np.empty(0)
