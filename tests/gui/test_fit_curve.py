"""A one-input regression shows its fitted curve over the data, live during training."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from engine.datasets import train_test_split
from engine.document import load
from engine.lesson import NetworkLesson
from gui.training.boundary_view import BoundaryView
from gui.training.panel import TrainingPanel

RUN_TIMEOUT_MS = 60_000


def _sine(repo_root) -> NetworkLesson:
    return NetworkLesson(load(repo_root / "resources" / "examples" / "sine_regression.json"))


def _expected(network, xs):
    """The 1-8-1 tanh/linear network's output at ``xs``, worked out here in float64."""
    hidden = np.tanh(np.outer(xs, network.weights(1)[0]) + network.biases(1))
    return hidden @ network.weights(2)[:, 0] + network.biases(2)[0]


def _view(qtbot, lesson) -> BoundaryView:
    config = lesson.document.training
    view = BoundaryView(lesson, config.test_fraction, config.seed)
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    view.redraw()
    return view


def _curve_is(view, network) -> bool:
    xs, (ys,) = view.curve_data()
    return bool(np.allclose(ys, _expected(network, xs), rtol=1e-12, atol=1e-12))


def test_the_sine_lesson_shows_the_networks_curve_over_its_data_points(qtbot, repo_root):
    lesson = _sine(repo_root)
    view = _view(qtbot, lesson)
    xs, curves = view.curve_data()
    assert len(curves) == 1
    assert len(xs) >= 100
    inputs = lesson.data.inputs[:, 0]
    assert xs.min() <= inputs.min()
    assert xs.max() >= inputs.max()
    np.testing.assert_allclose(curves[0], _expected(lesson.network, xs), rtol=1e-12, atol=1e-12)
    train, test = train_test_split(lesson.data, 0.2, 0)
    for item, part in ((view.train_points, train), (view.test_points, test)):
        x, y = item.getData()
        order = np.lexsort((y, x))
        expected = np.column_stack([part.inputs[:, 0], part.targets[:, 0]])
        np.testing.assert_array_equal(np.column_stack([x, y])[order],
                                      expected[np.lexsort((expected[:, 1], expected[:, 0]))])
    assert (len(view.train_points.getData()[0]), len(view.test_points.getData()[0])) == (80, 20)
    assert "fitted curve" in view.caption.text()
    (x0, x1), (y0, y1) = view.plot.viewRange()
    assert x0 <= inputs.min()
    assert x1 >= inputs.max()
    assert y0 <= lesson.data.targets.min()
    assert y1 >= lesson.data.targets.max()


def test_the_curve_follows_a_training_run_live(qtbot, repo_root):
    lesson = _sine(repo_root)
    view = _view(qtbot, lesson)
    first = view.curve_data()[1][0]
    panel = TrainingPanel(lesson, QUndoStack())
    qtbot.addWidget(panel)
    panel.set_speed(10)  # slow: the curve is seen changing while the run goes on
    try:
        qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
        count = view.redraw_count
        qtbot.waitUntil(lambda: panel.iteration >= 3 and view.redraw_count > count + 1, timeout=RUN_TIMEOUT_MS)
        assert panel.is_running()
        qtbot.waitUntil(lambda: _curve_is(view, lesson.network), timeout=RUN_TIMEOUT_MS)  # the weights shown now
        assert not np.allclose(view.curve_data()[1][0], first)
        panel.set_speed(0)
        qtbot.waitUntil(lambda: not panel.is_running(), timeout=RUN_TIMEOUT_MS)
    finally:
        panel.shutdown()
    assert panel.last_result.status == "finished"
    qtbot.waitUntil(lambda: _curve_is(view, lesson.network))  # the trained network, after the run
    xs, (ys,) = view.curve_data()
    assert np.max(np.abs(ys - np.sin(xs))[np.abs(xs) <= 3]) < 0.3  # Adam, 2,000 iterations: it fits sin x


def test_a_hidden_neuron_shows_its_activation_over_x(qtbot, repo_root):
    lesson = _sine(repo_root)
    view = _view(qtbot, lesson)
    view.show_neuron(1, 2)
    xs, (ys,) = view.curve_data()
    net = lesson.network
    np.testing.assert_allclose(ys, np.tanh(xs * net.weights(1)[0, 2] + net.biases(1)[2]), rtol=1e-12, atol=1e-15)
    assert "neuron 3" in view.caption.text()
    view.show_neuron(-1, -1)
    assert _curve_is(view, net)


@pytest.mark.parametrize(("layer", "weight"), [(2, 1e308), (2, -1e308), (1, 1e308)])
def test_an_overflowing_network_leaves_a_gap_not_a_broken_plot(qtbot, repo_root, layer, weight):
    lesson = _sine(repo_root)
    view = _view(qtbot, lesson)
    with qtbot.captureExceptions() as exceptions:
        lesson.network.set_weight(layer, 0, 0, weight)
        lesson.network.set_weight(2, 1, 0, weight)
        view.redraw()
    assert not exceptions, exceptions
    ys = view.curve_data()[1][0]
    assert not np.isinf(ys).any()
    (_x0, _x1), (y0, y1) = view.plot.viewRange()
    assert np.isfinite([y0, y1]).all()
    assert y1 - y0 < 20  # the points stay readable (their span is about 2)
