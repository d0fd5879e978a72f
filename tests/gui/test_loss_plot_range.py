"""The loss plot keeps every point in view while training, without re-ranging on every redraw."""

import numpy as np

from gui.training.loss_plot import LossPlot


def _visible(plot):
    (x0, x1), (y0, y1) = plot.plot.viewRange()
    return x0, x1, y0, y1


def test_view_follows_the_data_in_coarse_steps(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    ranges = []
    for start in range(0, 2000, 20):
        iterations = np.arange(start, start + 20)
        plot.append_rows([(i, 1.0 / (1 + 0.01 * i), None, None) for i in iterations])
        plot._redraw()
        _x0, x1, y0, y1 = _visible(plot)
        assert x1 >= iterations[-1]
        assert y0 <= 1.0 / (1 + 0.01 * iterations[-1])
        assert y1 >= 1.0
        ranges.append((x1, y0, y1))
    assert len(set(ranges)) < len(ranges) / 3  # most redraws leave the axes alone


def test_zooming_by_hand_stops_following_and_settle_fits_the_data(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.append_rows([(i, 2.0 - i / 100, None, None) for i in range(100)])
    plot._redraw()
    plot.plot.vb.sigRangeChangedManually.emit([True, True])
    plot.plot.setXRange(10, 20, padding=0)
    plot.append_rows([(i, 1.0, None, None) for i in range(100, 400)])
    plot._redraw()
    assert _visible(plot)[:2] == (10, 20)  # the user's view is kept
    plot.clear()
    plot.append_rows([(i, 2.0 - i / 100, None, None) for i in range(100)])
    plot.settle()
    x0, x1, _y0, _y1 = _visible(plot)
    assert x0 <= 0
    assert 99 <= x1 < 110  # no room left for growth once the run is over
