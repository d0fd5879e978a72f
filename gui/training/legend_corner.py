"""Where a plot's legend covers the fewest points: one of the view's four corners.

A falling loss leaves the top right corner free, but a run that climbs (a divergence) or
a long flat tail at the bottom does not; the plot asks ``best_corner`` whenever its view
changes and moves the legend there. Only the points under the two candidate x strips are
looked at (the x values are sorted), so asking costs little even for a long history.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# (x side, y side): 1 = right / top, 0 = left / bottom; the first one wins a tie
CORNERS = ((1, 1), (0, 1), (1, 0), (0, 0))


def best_corner(x: np.ndarray, columns: list[np.ndarray], view: tuple[tuple[float, float], tuple[float, float]],
                size: tuple[float, float], to_view: Callable[[np.ndarray], np.ndarray],
                marks: list[tuple[float, float]] = ()) -> tuple[int, int]:
    """The corner whose legend-sized box (``size`` in view units) holds the fewest points of ``columns``.

    ``columns`` hold values over the sorted ``x``; ``to_view`` turns a slice of them into view
    units (NaN where not drawn; values above the view count as at its top edge). ``marks`` are
    other (x, y) marks, in view units, to keep clear.
    """
    (x0, x1), (y0, y1) = view
    width, height = size
    best, fewest = CORNERS[0], None
    for right, top in CORNERS:
        left_x = x1 - width if right else x0
        low_y = y1 - height if top else y0
        start, stop = np.searchsorted(x, [left_x, left_x + width])
        count = 0
        for ys in columns:
            strip = np.clip(to_view(ys[start:stop]), y0, y1)
            with np.errstate(invalid="ignore"):
                count += int(np.count_nonzero((strip >= low_y) & (strip <= low_y + height)))
        count += 10 * sum(1 for mx, my in marks if left_x <= mx <= left_x + width and low_y <= my <= low_y + height)
        if fewest is None or count < fewest:
            best, fewest = (right, top), count
    return best
