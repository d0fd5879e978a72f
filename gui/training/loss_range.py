"""Which loss values the plot's axis shows: readable before a spike, whatever the spike's size.

A diverging run climbs from about 1 to 1e305 in a few hundred iterations; on a linear axis
that is a flat line at zero and a wall at the end. Two rules keep it readable:

* ``decades(columns)``: how many orders of magnitude the finite positive values span; from
  AUTO_LOG_DECADES on, the plot switches to a log axis by itself (unless the user chose the
  scale). A run that diverged from the start is then one straight line, every point in view.
* ``view_span(x, columns, log)``: the values to keep in view. When a few of them (at most
  SPIKE_SHARE of the points) rise far above the starting loss (SPIKE_RATIO times it; on a log
  axis SPIKE_RATIO_LOG), they are a spike after a curve worth reading: the axis ends above the
  rest, and the plot marks where the spike leaves it and how high it went.

Non-finite values (NaN, ±inf) are never part of the span: the plot marks them instead.
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


def decades(columns: list[np.ndarray]) -> float:
    """Orders of magnitude between the smallest and the largest finite positive value (0 if none)."""
    values = np.concatenate(columns) if columns else np.empty(0)
    with np.errstate(invalid="ignore"):
        values = values[np.isfinite(values) & (values > 0)]
    if values.size < 2:
        return 0.0
    return float(np.log10(values.max()) - np.log10(values.min()))


def view_span(x: np.ndarray, columns: list[np.ndarray], log: bool) -> Span | None:
    """What the axis should show of ``columns`` (values over iterations ``x``); None: nothing to show.

    ``columns[0]`` is the training loss: its first value is the starting loss.
    """
    if not columns or not len(x):
        return None
    values = np.concatenate(columns)
    at = np.tile(x, len(columns))
    with np.errstate(invalid="ignore"):
        usable = np.isfinite(values) & ((values > 0) if log else True)
    if not usable.any():
        return None
    values, at = values[usable], at[usable]
    shown = np.log10(values) if log else values
    biggest = int(np.argmax(values))
    start = _start(columns[0], log)
    limit = math.inf
    if start is not None:
        limit = start + math.log10(SPIKE_RATIO_LOG) if log else (start * SPIKE_RATIO if start > 0 else math.inf)
    above = shown > limit
    count = int(above.sum())
    if 0 < count <= SPIKE_SHARE * len(shown):
        return Span(float(shown.min()), float(shown[~above].max()), True, float(at[above].min()),
                    float(values[biggest]), float(at[biggest]))
    return Span(float(shown.min()), float(shown.max()), False, None, float(values[biggest]), float(at[biggest]))


def _start(loss: np.ndarray, log: bool) -> float | None:
    """The first usable training loss, in the axis's units."""
    with np.errstate(invalid="ignore"):
        usable = np.flatnonzero(np.isfinite(loss) & ((loss > 0) if log else True))
    if not usable.size:
        return None
    value = float(loss[usable[0]])
    return math.log10(value) if log else value
