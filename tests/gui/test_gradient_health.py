"""Gradient health (梯度健康) in the window: the ‖∂J/∂W‖ plot, edge widths by |∂J/∂w|, dead ReLUs."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QUndoStack

from engine import batched
from engine.config import TrainingConfig
from engine.document import Data, Document
from engine.formula import value_text
from engine.lesson import NetworkLesson
from engine.network import Network, make_network
from gui.diagram.view import NetworkView
from gui.training.grad_plot import GradientPlot
from gui.training.loss_plot import LossPlot
from gui.training.panel import TrainingPanel
from gui.views.diagram_items import MAX_EDGE, MIN_EDGE

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])
ITERATIONS = 12
LR = 0.5


def _expected_norms(network: Network) -> list[list[float]]:
    """‖∂J/∂Wₗ‖ of each full-batch SGD step, by numpy gradient descent on engine.batched's gradients."""
    net = network.copy()
    norms = []
    for _ in range(ITERATIONS):
        grads = batched.gradients(net, X, Y)
        norms.append([float(np.sqrt(np.sum(g ** 2))) for g in grads.weights])
        net.set_parameters([net.weights(k) - LR * grads.weights[k - 1] for k in range(1, net.depth + 1)],
                           [net.biases(k) - LR * grads.biases[k - 1] for k in range(1, net.depth + 1)])
    return norms


@pytest.fixture
def trained(qtbot):
    """A 2-5-5-5-1 sigmoid network trained for ITERATIONS full-batch SGD steps, plotted as in the window."""
    network = make_network([2, 5, 5, 5, 1], "sigmoid", seed=2)
    config = TrainingConfig(optimizer="sgd", learning_rate=LR, batch_size=0, iterations=ITERATIONS)
    lesson = NetworkLesson(Document(network=network.copy(), data=Data(X, Y), training=config))
    panel = TrainingPanel(lesson, QUndoStack())
    loss_plot = LossPlot()
    grad_plot = GradientPlot(loss_plot)
    panel.history_cleared.connect(loss_plot.clear)
    panel.losses_reported.connect(loss_plot.append_rows)
    for widget in (panel, loss_plot, grad_plot):
        qtbot.addWidget(widget)
    grad_plot.resize(700, 450)
    grad_plot.show()
    qtbot.waitExposed(grad_plot)
    panel.train()
    qtbot.waitUntil(lambda: not panel.is_running() and panel.last_result is not None, timeout=60_000)
    qtbot.waitUntil(lambda: loss_plot.point_count() == ITERATIONS + 1)
    grad_plot.redraw()
    yield network, loss_plot, grad_plot
    panel.shutdown()


def test_gradient_plot_has_one_curve_per_weight_layer_with_the_engines_norms(trained):
    network, _loss_plot, grad_plot = trained
    expected = np.array(_expected_norms(network))
    assert len(grad_plot.curves) == network.depth == 4
    assert grad_plot.plot.getAxis("left").logMode  # a log axis: the norms span decades
    names = [grad_plot.legend.items[k][1].text for k in range(4)]
    assert names == ["‖∂J/∂W₁‖", "‖∂J/∂W₂‖", "‖∂J/∂W₃‖", "‖∂J/∂W₄‖"]
    for layer, curve in enumerate(grad_plot.curves):
        x, y = curve.xData, curve.yData
        np.testing.assert_array_equal(x, np.arange(ITERATIONS + 1))
        # iteration 0: the whole set's gradient at the starting weights, as the first full-batch step's
        np.testing.assert_allclose(y[0], expected[0, layer], rtol=1e-10)
        np.testing.assert_allclose(y[1:], expected[:, layer], rtol=1e-10)
    assert expected[-1, 0] < expected[-1, -1]  # the first layer's gradient is the smallest


def test_gradient_plot_hover_reads_every_layer(qtbot, trained):
    network, _loss_plot, grad_plot = trained
    expected = _expected_norms(network)[4]  # the step that led to iteration 5
    qtbot.wait(50)
    scene = grad_plot.plot.vb.mapViewToScene(QPointF(5.2, math.log10(expected[0])))
    view = grad_plot.plot_widget.mapFromScene(scene)
    qtbot.mouseMove(grad_plot.plot_widget.viewport(), view)
    qtbot.waitUntil(lambda: grad_plot.readout.text().startswith("Iteration 5"))
    parts = grad_plot.readout.text().split(" · ")
    assert parts[1:] == [f"‖∂J/∂W{s}‖ {value_text(v)}" for s, v in zip("₁₂₃₄", expected, strict=True)]
    assert grad_plot.cross.marker.isVisible()


def test_loss_history_csv_holds_the_gradient_columns(trained, tmp_path):
    network, loss_plot, _grad_plot = trained
    path = tmp_path / "history.csv"
    loss_plot.export_csv(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, as before
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["iteration", "loss", "test_loss", "accuracy", "‖∂J/∂W₁‖", "‖∂J/∂W₂‖", "‖∂J/∂W₃‖",
                       "‖∂J/∂W₄‖"]
    got = np.array([[float(v) for v in row[4:]] for row in rows[1:]])
    expected = _expected_norms(network)
    np.testing.assert_allclose(got, [expected[0], *expected], rtol=1e-10)  # iteration 0: at the starting weights


# ----------------------------------------------------------------- the diagram toggle


def test_toggle_draws_edge_widths_by_gradient_and_delta_norms(qtbot, window):
    view, lesson = window.network_view, window.lesson
    window.resize(1280, 720)  # a projector's window: the lecture drawn whole (a small one draws it bare)
    qtbot.waitUntil(lambda: window.width() == 1280)
    qtbot.keyClick(window, Qt.Key.Key_F)
    assert not view._bare
    action = window.actions_by_name["actionEdgeWidthGradient"]
    assert action in window.findChild(type(window.menuBar().actions()[0].menu()), "viewMenu").actions()
    window.actions_by_name["actionRunToEnd"].trigger()  # forward and backward: every gradient computed
    before = {key: view.edge_style(*key[1:])[1] for key in view._edges}
    action.trigger()
    assert action.isChecked()
    assert view.edge_widths_by_gradient()
    # The lecture's one sample: the step's gradients are the batched ones on that sample.
    grads = batched.gradients(lesson.network, lesson.data.inputs, lesson.data.targets)
    g = {("edge", k, i, j): abs(grads.weights[k - 1][i, j]) for k in (1, 2)
         for i in range(lesson.network.sizes[k - 1]) for j in range(lesson.network.sizes[k])}
    top = max(g.values())
    for key in view._edges:
        want = max(MIN_EDGE, min(MAX_EDGE, MAX_EDGE * g[key] / top))
        assert view.edge_style(*key[1:])[1] == pytest.approx(want, abs=0.125)  # drawn to quarter pixels
    assert max(view.edge_style(*key[1:])[1] for key in view._edges) == MAX_EDGE
    assert {key: view.edge_style(*key[1:])[1] for key in view._edges} != before  # not the |w| widths
    for layer in (1, 2):
        tag = view._delta_tags[layer]
        assert tag.isVisible()
        assert tag.text == "‖δ‖ = " + value_text(float(np.linalg.norm(grads.biases[layer - 1])))  # δ = ∂J/∂b
        heading = view._headings[layer].sceneBoundingRect()
        assert tag.sceneBoundingRect().left() > heading.right()  # beside its heading
    action.trigger()  # back to |w|
    assert {key: view.edge_style(*key[1:])[1] for key in view._edges} == before
    assert not any(tag.isVisible() for tag in view._delta_tags.values())


# ----------------------------------------------------------------- dead ReLU


def _dead_lesson() -> NetworkLesson:
    """2-2-1 ReLU: hidden unit 2 has z = −x₁ − x₂ − 0.5 < 0 on every sample of X (inputs ≥ 0)."""
    network = Network.from_dict({"layers": [
        {"size": 2},
        {"size": 2, "activation": "relu", "weights": [[1.0, -1.0], [0.5, -1.0]], "biases": [0.1, -0.5]},
        {"size": 1, "activation": "sigmoid", "weights": [[1.0], [2.0]], "biases": [0.0]},
    ], "loss": "half_sse"})
    return NetworkLesson(Document(network=network, data=Data(X, Y), training=TrainingConfig()))


def test_dead_relu_is_counted_in_the_panel_and_dashed_on_the_diagram(qtbot):
    lesson = _dead_lesson()
    panel = TrainingPanel(lesson, QUndoStack())
    view = NetworkView(lesson)
    for widget in (panel, view):
        qtbot.addWidget(widget)
        widget.show()
    assert panel.dead_relu_label.isVisible()
    assert panel.dead_relu_label.text().startswith("Dead ReLU: 1 hidden neuron outputs 0 for every training sample")
    assert panel.dead_relu_label.toolTip() == "layer 1 neuron 2"
    dead, alive = view._neurons[("neuron", 1, 1)].circle, view._neurons[("neuron", 1, 0)].circle
    assert dead.pen().style() == Qt.PenStyle.DashLine
    assert "Dead ReLU" in dead.toolTip()
    assert "relu′(z) = 0" in dead.toolTip()
    assert alive.pen().style() == Qt.PenStyle.SolidLine
    assert alive.toolTip() == ""
    assert view.dead_neurons() == {("neuron", 1, 1)}
    # Both hidden units silenced: the panel counts two.
    weights = [lesson.network.weights(1) * np.array([-1.0, 1.0]), lesson.network.weights(2)]
    biases = [np.array([-0.2, -0.5]), lesson.network.biases(2)]
    lesson.network.set_parameters(weights, biases)
    qtbot.waitUntil(lambda: "2 hidden neurons" in panel.dead_relu_label.text())
    assert alive.pen().style() == Qt.PenStyle.DashLine
    # Revived: a positive bias on both makes them fire; the diagram and the panel follow.
    lesson.network.set_parameters(weights, [np.array([5.0, 5.0]), lesson.network.biases(2)])
    qtbot.waitUntil(lambda: not panel.dead_relu_label.isVisible())
    assert view.dead_neurons() == set()
    assert dead.pen().style() == Qt.PenStyle.SolidLine
    assert dead.toolTip() == ""
    panel.shutdown()


def test_gradient_health_words_in_chinese(qtbot):
    from gui.training.dead_relu import dead_relu_text
    from gui.window.actions import ACTIONS

    from .languages import in_chinese

    with in_chinese():
        lesson = _dead_lesson()
        panel = TrainingPanel(lesson, QUndoStack())
        view = NetworkView(lesson)
        qtbot.addWidget(panel)
        qtbot.addWidget(view)
        assert panel.dead_relu_label.text().startswith("死亡 ReLU：有 1 个隐藏神经元")
        assert dead_relu_text(3).startswith("死亡 ReLU：有 3 个隐藏神经元")
        assert view._neurons[("neuron", 1, 1)].circle.toolTip().startswith("死亡 ReLU：")
        row = next(row for row in ACTIONS if row.name == "actionEdgeWidthGradient")
        assert row.label() == "连线粗细：按 |∂J/∂w| 而非 |w|"
        assert row.tooltip().startswith("梯度健康：")
        plot = GradientPlot(LossPlot())
        qtbot.addWidget(plot)
        assert "每一层" in plot.readout.text()
        panel.shutdown()
