"""The computational graph at layer granularity: d2l's figure 4.7.1, on every gallery lesson."""

import itertools
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QLineF, QPointF, QRectF

from engine import document as documents
from engine.lesson import NetworkLesson
from gui.graph.layer_drawing import PARAM_FILL, short_text
from gui.graph.layer_figure import Metrics, figure
from gui.graph.view import GraphView
from gui.paths import EXAMPLES, LECTURE

METRICS = Metrics(box_w=120.0, box_h=60.0, radius=20.0, gap=15.0, row=80.0)


def gallery_networks():
    return sorted(p for p in EXAMPLES.glob("*.json") if documents.load(p).network is not None)


def expected_counts(network) -> dict[str, int]:
    """Shapes and edges of d2l's figure, reasoned from the network: the input square; per layer its W,
    a × fed by the layer before and by W, with a bias a + fed by the × and by b, the square z made by the
    last of them, and unless the activation is linear φ and the square a after it; the loss operator l fed
    by the output and the target y, and L; with weight decay ‖·‖² fed by every W, s, and + (from L and s)
    making J."""
    layers = len(network.sizes) - 1
    variables, operators, edges = 1, 0, 0
    for layer in range(1, layers + 1):
        bias = network.has_bias(layer) if hasattr(network, "has_bias") else True
        linear = network.activation(layer) == "linear"
        variables += 2 + bias + (not linear)  # W, z, b, a
        operators += 1 + bias + (not linear)  # ×, +, φ
        edges += 2 + 2 * bias + 1 + 2 * (not linear)
    variables += 2  # y, L
    operators += 1  # l
    edges += 3
    if network.weight_decay > 0:
        variables += 2  # s, J
        operators += 2  # ‖·‖², +
        edges += layers + 4
    return {"variables": variables, "operators": operators, "edges": edges}


def test_d2l_network_is_drawn_as_figure_4_7_1():
    """d2l 4.7: one hidden layer, no biases, a linear output, weight decay: 10 squares, 6 circles, 17 edges."""
    d2l = SimpleNamespace(sizes=[2, 3, 1], weight_decay=0.1, activation=lambda layer: ["", "sigmoid", "linear"][layer],
                          has_bias=lambda layer: False)
    fig = figure(d2l, METRICS)
    parts = sorted(s.part for s in fig.variables)
    assert parts == sorted([("input",), ("weight", 1), ("z", 1), ("a", 1), ("weight", 2), ("a", 2), ("target",),
                            ("loss",), ("decay",), ("objective",)])  # x, W⁽¹⁾, z, h, W⁽²⁾, o, y, L, s, J
    assert sorted(s.op for s in fig.operators) == sorted(["matmul", "activation", "matmul", "loss", "decay",
                                                          "objective"])  # ×, φ, ×, l, ‖·‖², +
    assert len(fig.edges) == 17
    squares = fig.variables
    x = next(s for s in squares if s.part == ("input",))
    j = next(s for s in squares if s.part == ("objective",))
    assert x.x == min(s.x for s in squares)  # the input lower left
    assert x.y >= max(s.y for s in squares if s.part[0] in ("z", "a", "loss"))
    assert j.x == max(s.x for s in squares)  # the objective upper right
    assert j.y == min(s.y for s in squares)


def _polyline(path) -> list[QPointF]:
    return [QPointF(path.elementAt(k).x, path.elementAt(k).y) for k in range(path.elementCount())]


def _segments_cross(a: list[QPointF], b: list[QPointF]) -> bool:
    for (p, q), (r, t) in itertools.product(itertools.pairwise(a), itertools.pairwise(b)):
        kind, _ = QLineF(p, q).intersects(QLineF(r, t))
        if kind == QLineF.IntersectionType.BoundedIntersection:
            return True
    return False


def _through(points: list[QPointF], rect: QRectF) -> bool:
    """Does the polyline pass through the inside of ``rect``?"""
    inner = rect.adjusted(1, 1, -1, -1)
    for p, q in itertools.pairwise(points):
        for k in range(21):
            if inner.contains(p + (q - p) * (k / 20)):
                return True
    return False


def layout_problems(view: GraphView) -> list[str]:
    """Crossing edges, edges through a shape, overlapping shapes and texts outside their shape."""
    fig = view.figure()
    problems = []
    paths = [_polyline(p) for p in view._figure_edges]
    rects = [view.shape_rect(i) for i in range(len(fig.shapes))]
    for (k, e), (m, f) in itertools.combinations(enumerate(fig.edges), 2):
        if {e.source, e.target} & {f.source, f.target}:
            continue  # edges that meet at a shape touch there
        if _segments_cross(paths[k], paths[m]):
            problems.append(f"edges {k} and {m} cross")
    for k, e in enumerate(fig.edges):
        for i, rect in enumerate(rects):
            if i not in (e.source, e.target) and _through(paths[k], rect):
                problems.append(f"edge {k} passes through shape {i}")
    for i, j in itertools.combinations(range(len(rects)), 2):
        if rects[i].intersects(rects[j]):
            problems.append(f"shapes {i} and {j} overlap")
    for i, items in enumerate(view._shape_items):
        inside = rects[i].adjusted(-0.5, -0.5, 0.5, 0.5)
        for text in items[1:]:
            shown = text.sceneBoundingRect()
            if text.isVisible() and not shown.isEmpty() and not inside.contains(shown):
                problems.append(f"a text of shape {i} leaves it")
    return problems


@pytest.mark.parametrize("path", gallery_networks(), ids=lambda p: p.stem)
def test_gallery_layer_graph_has_no_crossings_or_overlaps(qtbot, path):
    lesson = NetworkLesson(documents.load(path), "layer")
    view = GraphView(lesson)
    qtbot.addWidget(view)
    view.resize(784, 370)
    view.show()
    qtbot.waitExposed(view)
    assert view.counts() | {"parameters": 0} == expected_counts(lesson.network) | {"parameters": 0}
    lesson.stepper.run_to_end()  # every value and gradient known: the widest texts
    assert layout_problems(view) == [], path.name
    fig = view.figure()
    for index, shape in enumerate(fig.shapes):
        if shape.is_parameter:  # parameters are shaded
            assert view._shape_items[index][0].brush().color().name().upper() == PARAM_FILL


def test_lecture_layer_graph_shows_each_value_as_the_step_reaches_it(qtbot):
    doc = documents.load(LECTURE)
    lesson = NetworkLesson(doc, "layer")
    view = GraphView(lesson)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    counts = view.counts()
    assert (counts["variables"], counts["operators"], counts["edges"]) == (11, 7, 17)
    fig = view.figure()
    assert [s.op for s in fig.operators].count("bias_add") == 2  # the lecture's layers add b: + and b
    assert {s.part for s in fig.variables} >= {("bias", 1), ("bias", 2)}
    z = view.shape_for(("z", 1))
    assert "= ?" in view.shape_text(z)  # not reached yet
    net = lesson.network
    x = np.asarray(doc.data.inputs[0])
    z1 = x @ net.weights(1) + net.biases(1)
    lesson.stepper.step_forward()
    assert f"= {short_text(z1)}" in view.shape_text(z)
    ringed = {i for i, s in enumerate(fig.shapes) if s.part == ("z", 1)}
    assert sorted(fig.shapes[i].op for i in ringed) == ["", "bias_add", "matmul"]  # z₁ with its × and +
    assert view.current_nodes() == ringed
    lesson.stepper.step_back()
    assert "= ?" in view.shape_text(z)


def test_zoomed_in_the_layer_graph_follows_the_step(qtbot):
    lesson = NetworkLesson(documents.load(LECTURE), "layer")
    view = GraphView(lesson)
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(4):
        view.zoom_in()  # by hand: no more fitting
    target = next(s.index for s in lesson.stepper.schedule if s.phase == "forward" and s.node.sym.text == "L")
    lesson.stepper.goto(target + 1)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(view.shape_rect(view.shape_for(("loss",))).center())
