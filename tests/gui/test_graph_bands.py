"""Fit folds a computational graph too long for the viewport into bands (rows of columns, like lines of text).

The window is put on a classroom screen (1280×720 projector, 1920×1080 screen) and laid out as View ▸ Reset
layout lays it out; the graph tab is shown and F pressed. Every node is then inside the view, no two overlap,
each edge still joins its two nodes (those between bands run in elbows through the gap between them) and
stepping still rings the current node. The text is as large as any number of bands makes it: at 1920×1080 at
least TEXT_FLOOR_PX. On the 1280×720 projector (a graph viewport of 884×404 to 884×462) no fold reaches 14 px
for expr_sigmoid_neuron or expr_staged: the sigmoid neuron's first column alone holds four leaves, about 450
scene units high, and each band is as tall as its tallest column; there the folded sigmoid neuron is still
larger than unfolded, and expr_staged (widest for the viewport unfolded) stays in one band.
"""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsPathItem, QGraphicsRectItem

from gui.diagram.layout import TEXT_FLOOR_PX
from gui.graph.drawing import Z_NODE, Z_RING
from gui.graph.layout import fold
from gui.paths import EXAMPLES
from tests.gui.on_screen import smallest_text_px

LONG = ("expr_sigmoid_neuron", "expr_staged")
SCREENS = [(1280, 720), (1920, 1080)]


def test_fold_cuts_the_columns_into_runs_no_wider_than_needed_and_prefers_edges_around_the_bands():
    placed = [[0, 1], [2], [3], [4, 5], [6]]  # five columns of node ids
    edges = [(0, 2), (1, 2), (2, 3), (3, 4), (3, 5), (4, 6), (5, 6)]
    assert fold(placed, edges, 1) == [range(5)]
    two = fold(placed, edges, 2)
    assert [list(cut) for cut in two] in ([[0, 1, 2], [3, 4]], [[0, 1], [2, 3, 4]])
    assert sum(1 for cut in two for _ in cut) == 5
    assert max(len(cut) for cut in two) == 3  # ceil(5 / 2): no band wider than it must be
    # both cuts are two rows + two rows high and send their crossing edges from a band's last column to the
    # next band's first, so the fewer crossing edges wins: column 1 → 2 (node 2 → 3, one edge) beats
    # column 2 → 3 (node 3 → 4 and 3 → 5, two edges)
    assert [list(cut) for cut in two] == [[0, 1], [2, 3, 4]]
    assert fold(placed, edges, 9) == [range(k, k + 1) for k in range(5)]  # never more bands than columns


def show_graph(qtbot, window, name: str):
    assert window.open_path(EXAMPLES / f"{name}.json", remember=False, as_template=True)
    window.tabs.setCurrentWidget(window.graph_view)
    qtbot.wait(20)
    qtbot.keyClick(window, Qt.Key.Key_F)  # View ▸ Fit
    qtbot.wait(10)
    return window.graph_view


def node_boxes(view) -> list[tuple[int, QRectF]]:
    """(displayed node id, scene rectangle) of every node's rectangle and operator circle."""
    return [(item.data(0), item.sceneBoundingRect()) for item in view.scene().items()
            if isinstance(item, QGraphicsRectItem | QGraphicsEllipseItem) and item.zValue() == Z_NODE
            and item.parentItem() is None and isinstance(item.data(0), int)]


def near(point: QPointF, rect: QRectF, slack: float = 1.5) -> bool:
    return rect.adjusted(-slack, -slack, slack, slack).contains(point)


@pytest.mark.parametrize("screen_window", SCREENS, indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", LONG)
def test_fit_shows_a_long_graph_whole_with_its_nodes_apart_and_its_edges_joined(qtbot, screen_window, name):
    view = show_graph(qtbot, screen_window, name)
    boxes = node_boxes(view)
    assert len({node_id for node_id, _ in boxes}) == view.counts()["nodes"]
    port = QRectF(view.viewport().rect()).adjusted(-1, -1, 1, 1)
    for node_id, rect in boxes:
        assert port.contains(view.mapFromScene(rect).boundingRect()), (name, node_id)
    for (a, ra), (b, rb) in itertools.combinations(boxes, 2):
        assert not ra.intersects(rb), (name, a, b)
    by_node: dict[int, list[QRectF]] = {}
    for node_id, rect in boxes:
        by_node.setdefault(node_id, []).append(rect)
    graph = view.display_graph
    edges = [(p.id, node.id) for node in graph.nodes for p in node.shown_inputs]
    assert len(edges) == view.counts()["edges"]
    for source, target in edges:
        path = view._edges[(source, target)]
        start, end = path.pointAtPercent(0.0), path.pointAtPercent(1.0)
        assert any(near(start, rect) for rect in by_node[source]), (name, source, target)
        assert any(near(end, rect) for rect in by_node[target]), (name, source, target)
        assert end.x() > path.pointAtPercent(0.98).x(), (name, source, target)  # it enters its node from the left


@pytest.mark.parametrize("screen_window", [(1920, 1080)], indirect=True, ids=["1920x1080"])
@pytest.mark.parametrize("name", LONG)
def test_on_a_1920_screen_fit_shows_no_text_under_the_floor(qtbot, screen_window, name):
    view = show_graph(qtbot, screen_window, name)
    assert smallest_text_px(view) >= TEXT_FLOOR_PX - 0.02, name  # to 1/50 px: the fit's rounding


@pytest.mark.parametrize("screen_window", SCREENS, indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_fit_folds_the_sigmoid_neuron_when_that_shows_it_larger(qtbot, screen_window, monkeypatch):
    view = show_graph(qtbot, screen_window, "expr_sigmoid_neuron")
    folded, bands = smallest_text_px(view), view.bands()
    monkeypatch.setattr("gui.graph.bands.MAX_BANDS", 1)  # what Fit showed before it could fold
    qtbot.keyClick(screen_window, Qt.Key.Key_F)
    unfolded = smallest_text_px(view)
    assert view.bands() == 1
    assert bands == 2
    assert folded > unfolded * 1.1, (folded, unfolded)
    monkeypatch.undo()
    qtbot.keyClick(screen_window, Qt.Key.Key_F)
    assert view.bands() == 2
    assert abs(smallest_text_px(view) - folded) < 0.02


@pytest.mark.parametrize("screen_window", [(1920, 1080)], indirect=True, ids=["1920x1080"])
def test_a_graph_that_fits_readably_stays_in_one_band(qtbot, screen_window):
    view = show_graph(qtbot, screen_window, "expr_shopping")
    assert view.bands() == 1
    assert smallest_text_px(view) >= TEXT_FLOOR_PX


@pytest.mark.parametrize("screen_window", [(1920, 1080)], indirect=True, ids=["1920x1080"])
def test_a_resize_refits_into_as_many_bands_as_the_new_viewport_wants(qtbot, screen_window):
    window = screen_window
    view = show_graph(qtbot, window, "expr_sigmoid_neuron")
    assert view.bands() == 2
    docks = (window.inspector_dock, window.log_dock)
    for dock in docks:  # the graph gets the whole window: one band shows its text at the floor or more
        dock.hide()
    qtbot.waitUntil(lambda: view.bands() == 1)
    assert smallest_text_px(view) >= TEXT_FLOOR_PX
    for dock in docks:
        dock.show()
    qtbot.waitUntil(lambda: view.bands() == 2)
    assert smallest_text_px(view) >= TEXT_FLOOR_PX - 0.02


@pytest.mark.parametrize("screen_window", [(1920, 1080)], indirect=True, ids=["1920x1080"])
def test_stepping_rings_each_node_of_a_folded_graph_in_turn(qtbot, screen_window):
    window = screen_window
    view = show_graph(qtbot, window, "expr_sigmoid_neuron")
    assert view.bands() == 2
    window.graph_view.setFocus()
    rung = []
    for _ in range(len(window.lesson.stepper.schedule)):
        qtbot.keyClick(view, Qt.Key.Key_Right)
        current = view.current_nodes()
        assert len(current) == 1
        node_id = next(iter(current))
        rings = [item.sceneBoundingRect() for item in view.scene().items()
                 if isinstance(item, QGraphicsPathItem) and item.zValue() == Z_RING]
        assert any(ring.contains(view.node_center(node_id)) for ring in rings), node_id
        rung.append(node_id)
    assert len(set(rung)) == view.counts()["nodes"] - 2  # every node but the two constants 1 has a step
    assert view.bands() == 2  # stepping never unfolds it
