"""A diverging run is plotted so that the curve before the spike stays readable."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from engine.document import load
from engine.formula import fmt
from engine.lesson import NetworkLesson
from gui.training.loss_plot import LossPlot
from gui.training.loss_range import SPIKE_RATIO, SPIKE_RATIO_LOG, SPIKE_SHARE, LossSpan
from gui.training.panel import TrainingPanel

RUN_TIMEOUT_MS = 60_000


def _wired(qtbot, repo_root):
    """The sine-regression lesson with a panel and a loss plot wired as the window wires them."""
    lesson = NetworkLesson(load(repo_root / "resources" / "examples" / "sine_regression.json"))
    panel = TrainingPanel(lesson, QUndoStack())
    plot = LossPlot()
    panel.history_cleared.connect(plot.clear)
    panel.losses_reported.connect(plot.append_rows)
    panel.run_finished.connect(lambda _result: plot.settle())
    for widget in (panel, plot):
        qtbot.addWidget(widget)
        widget.show()
    plot.resize(700, 400)
    return lesson, panel, plot


def _train(qtbot, panel):
    qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.is_running() and panel.last_result is not None, timeout=RUN_TIMEOUT_MS)
    result, panel.last_result = panel.last_result, None
    return result


def _points_under_legend(plot, x, shown) -> int:
    """How many of the points (x, shown), in view units, the legend covers."""
    box = plot.plot.vb.mapSceneToView(plot.legend.sceneBoundingRect()).boundingRect()
    inside = (x >= box.left()) & (x <= box.right()) & (shown >= box.top()) & (shown <= box.bottom())
    return int(np.count_nonzero(inside))


def _sgd(panel, lr):
    panel.optimizer_box.setCurrentIndex(panel.optimizer_box.findData("sgd"))
    panel.lr_box.setValue(lr)


def test_a_spike_after_a_good_run_leaves_the_curve_before_it_readable(qtbot, repo_root):
    _lesson, panel, plot = _wired(qtbot, repo_root)
    try:
        assert _train(qtbot, panel).status == "finished"  # Adam, η = 0.02: the loss falls from 1.3 to about 0.02
        before = plot.point_count()
        _sgd(panel, 0.5)  # then η far too large: the same curve goes on, and climbs to about 1e305
        result = _train(qtbot, panel)
    finally:
        panel.shutdown()
    assert result.status == "diverged"
    assert "diverged" in panel.message()
    assert "smaller learning rate" in panel.message()  # the engine's explanation stays
    qtbot.waitUntil(lambda: plot.point_count() > before)
    iterations, loss, _test, _accuracy = plot.columns()
    good = loss[:before]
    assert loss.max() > 1e100  # a real spike
    assert plot.is_log_scale()  # switched on by itself
    (_x0, x1), (y0, y1) = plot.plot.viewRange()
    assert x1 >= iterations[-1]
    start, lowest = math.log10(good[0]), math.log10(good.min())
    assert y0 <= lowest
    assert y1 >= start  # the whole good run is in view ...
    assert (start - lowest) / (y1 - y0) > 0.25  # ... over a good part of the plot's height, not squashed at the bottom
    assert plot.marks.spikes.isVisible()
    assert fmt(float(loss.max())) in plot.marks.text()  # how high the spike went
    xs, ys = plot.marks.spikes.getData()
    assert np.all((y0 < ys) & (ys < y1))  # the marks are on the plot, at its top
    assert iterations[before] <= xs.min()
    assert _points_under_legend(plot, iterations, np.log10(loss)) == 0


def test_a_run_diverging_from_the_start_shows_its_whole_climb(qtbot, repo_root):
    _lesson, panel, plot = _wired(qtbot, repo_root)
    _sgd(panel, 0.5)
    try:
        result = _train(qtbot, panel)
    finally:
        panel.shutdown()
    assert result.status == "diverged"
    assert "diverged" in panel.message()
    qtbot.waitUntil(lambda: plot.point_count() > 5)
    _iterations, loss, test, _accuracy = plot.columns()
    assert plot.is_log_scale()
    (_x0, _x1), (y0, y1) = plot.plot.viewRange()
    shown = np.log10(np.concatenate([loss, test]))
    assert y0 <= shown.min()
    assert shown.max() <= y1  # every point in view: the climb is one straight line, from its start
    assert not plot.marks.spikes.isVisible()
    assert _points_under_legend(plot, np.concatenate([_iterations, _iterations]), shown) == 0  # out of its way


def test_values_that_are_not_numbers_are_marked_not_drawn(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.show()
    nan, inf = float("nan"), float("inf")
    plot.append_rows([(0, 1.0, 1.1, None), (1, 0.5, 0.6, None), (2, 0.4, inf, None), (3, nan, nan, None),
                      (4, 0.3, 0.35, None)])
    plot.settle()
    _x, y = plot.train_curve.getData()
    assert not np.isinf(y).any()
    (_x0, _x1), (y0, y1) = plot.plot.viewRange()
    assert np.isfinite([y0, y1]).all()
    assert y1 < 2  # the infinite test loss does not stretch the axis
    xs, ys = plot.marks.nonfinite.getData()
    assert sorted(xs.tolist()) == [2.0, 3.0]
    assert np.all((y0 < ys) & (ys < y1))
    assert "not a finite number" in plot.marks.text()
    assert plot.marks.note.isVisible()


def test_the_scale_switches_by_itself_only_until_the_user_chooses_it(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.show()
    plot.append_rows([(i, 10.0 ** (-i / 100), None, None) for i in range(301)])  # three orders of magnitude
    plot.settle()
    assert not plot.is_log_scale()  # an ordinary falling curve keeps its linear axis
    plot.append_rows([(301, 1e6, None, None)])
    plot.settle()
    assert plot.is_log_scale()
    assert "Log scale switched on" in plot.readout.text()
    plot.clear()
    assert not plot.is_log_scale()  # a fresh curve starts on the scale the user had
    plot.append_rows([(0, 1.0, None, None), (1, 1e9, None, None)])
    plot.settle()
    assert plot.is_log_scale()
    qtbot.mouseClick(plot.log_box, Qt.MouseButton.LeftButton, pos=plot.log_box.rect().center())  # the user unticks
    assert not plot.is_log_scale()
    plot.append_rows([(2, 1e12, None, None)])
    plot.settle()
    assert not plot.is_log_scale()  # their choice holds
    plot.clear()
    assert not plot.is_log_scale()


values = st.one_of(st.floats(1e-6, 1e6), st.sampled_from([float("nan"), float("inf"), 1e300, 0.0]))


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(values, values), min_size=1, max_size=40), cut=st.integers(0, 40),
       log=st.booleans())
def test_the_span_kept_row_by_row_is_the_span_of_the_whole_history(rows, cut, log):
    """Batches in any split give what one look at the whole history gives."""
    x = np.arange(len(rows), dtype=np.float64)
    loss, test = (np.array(column, dtype=np.float64) for column in zip(*rows, strict=True))
    kept = LossSpan()
    for part in (slice(0, cut), slice(cut, None)):
        kept.extend(x[part], loss[part], test[part])
    everything = np.concatenate([loss, test])
    at = np.concatenate([x, x])
    usable = np.isfinite(everything) & ((everything > 0) if log else True)
    span = kept.span(log)
    if not usable.any():
        assert span is None
        return
    shown, where = everything[usable], at[usable]
    start = loss[np.isfinite(loss)][0] if np.isfinite(loss).any() else 0.0
    limit = start * (SPIKE_RATIO_LOG if log else SPIKE_RATIO) if start > 0 else math.inf
    above = shown > limit
    clipped = 0 < above.sum() <= SPIKE_SHARE * shown.size
    high = shown[~above].max() if clipped else shown.max()
    unit = np.log10 if log else float
    assert span.clipped == clipped
    assert span.low == pytest.approx(unit(shown.min()))
    assert span.high == pytest.approx(unit(high))
    assert span.first_off == (where[above].min() if clipped else None)
    assert span.largest == everything[np.isfinite(everything)].max()
    bad = ~np.isfinite(loss) | np.isinf(test)
    np.testing.assert_array_equal(np.sort(kept.nonfinite_at()), x[bad])
