"""The network diagram: what it draws, what it highlights while stepping, and what it emits.

Expected numbers are computed here independently, in float64 numpy, from the lecture's
weights: never copied from the lecture's rounded figures.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication

from engine.document import Data, Document, load
from engine.formula import fmt
from engine.lesson import NetworkLesson
from engine.network import make_network
from gui.diagram.layout import MIN_SPREAD
from gui.diagram.view import LAYER_GAP, MAX_SPREAD, NetworkView
from gui.views.diagram_items import Tag
from tests.engine import lecture_reference as ref
from tests.stepping import step_until

LECTURE = ref.PATH

@pytest.fixture
def lesson():
    return NetworkLesson(load(LECTURE))


@pytest.fixture
def view(qtbot, lesson):
    v = NetworkView(lesson)
    qtbot.addWidget(v)
    v.resize(1400, 800)
    v.show()
    qtbot.waitExposed(v)
    v.fit()
    return v


def lecture_numbers():
    """Forward and backward of the 2-2-1 lecture network, from the one hand derivation."""
    return {"z1": np.array(ref.z1), "a1": np.array(ref.a1), "z2": np.array([ref.z2]), "yhat": np.array([ref.yhat]),
            "L": ref.L, "delta2": np.array([ref.delta2]), "delta1": np.array(ref.delta1)}


def node(lesson, name):
    return lesson.graph.by_name(name)


def scene_to_view(view, point):
    return view.mapFromScene(point)


def test_object_name_and_counts_match_the_lecture(view):
    assert view.objectName() == "networkView"
    counts = view.counts()
    assert counts["neurons"] == 2 + 2 + 1
    assert counts["edges"] == 2 * 2 + 2 * 1
    assert counts["biases"] == 3
    assert counts["loss"] == 1
    assert counts["ellipses"] == 0


def test_labels_show_symbols_and_question_marks_before_stepping(view, lesson):
    assert view.item_text(node(lesson, "X[1]").id).splitlines() == ["X[1]", "1"]
    yhat_text = view.item_text(node(lesson, "ŷ").id)
    assert yhat_text.splitlines()[:2] == ["ŷ", "?"]
    assert "y = 0.5" in view.item_text(node(lesson, "y").id)
    assert view.item_text(node(lesson, "L").id).splitlines()[1] == "?"


def test_labels_show_true_values_after_stepping(view, lesson):
    expected = lecture_numbers()
    stepper = lesson.stepper
    stepper.goto(stepper.phase_bounds("forward")[1])  # the whole forward pass
    a11 = view.item_text(node(lesson, "a₁[1]").id).splitlines()
    assert a11[1] == fmt(expected["a1"][0])
    assert f"z = {fmt(expected['z1'][0])}" in a11
    assert view.item_text(node(lesson, "a₁[2]").id).splitlines()[1] == fmt(expected["a1"][1])
    assert view.item_text(node(lesson, "ŷ").id).splitlines()[1] == fmt(expected["yhat"][0])
    assert view.item_text(node(lesson, "L").id).splitlines()[1] == fmt(expected["L"])
    assert not any(line.startswith("δ") for line in view.item_text(node(lesson, "ŷ").id).splitlines())
    stepper.goto(stepper.phase_bounds("backward")[1])
    assert f"δ = {fmt(expected['delta2'][0])}" in view.item_text(node(lesson, "ŷ").id).splitlines()
    assert f"δ = {fmt(expected['delta1'][0])}" in view.item_text(node(lesson, "a₁[1]").id).splitlines()
    assert f"δ = {fmt(expected['delta1'][1])}" in view.item_text(node(lesson, "z₁[2]").id).splitlines()


def test_step_back_restores_the_text(view, lesson):
    stepper = lesson.stepper
    stepper.step_forward()
    stepper.step_forward()  # a₁[1]
    before = view.item_text(node(lesson, "a₁[1]").id)
    assert before.splitlines()[1] != "?"
    stepper.step_back()
    assert view.item_text(node(lesson, "a₁[1]").id).splitlines()[1] == "?"
    stepper.step_forward()
    assert view.item_text(node(lesson, "a₁[1]").id) == before


def test_current_node_is_highlighted_and_moves_back(view, lesson):
    stepper = lesson.stepper
    assert view.current_highlight().node is None
    stepper.step_forward()
    z11 = node(lesson, "z₁[1]")
    h = view.current_highlight()
    assert h.node == z11.id
    assert h.phase == "forward"
    assert h.item == ("neuron", 1, 0)
    # The forward step lights the inputs it uses and the incoming weights.
    assert {("neuron", 0, 0), ("neuron", 0, 1), ("edge", 1, 0, 0), ("edge", 1, 1, 0)} <= h.lit
    assert {node(lesson, "X[1]").id, node(lesson, "W₁[2,1]").id} <= h.node_ids
    stepper.step_forward()
    assert view.current_highlight().node == node(lesson, "a₁[1]").id
    stepper.step_back()
    assert view.current_highlight().node == z11.id
    stepper.step_back()
    assert view.current_highlight().node is None


def test_backward_steps_draw_gradient_arrows_with_values(view, lesson):
    expected = lecture_numbers()
    stepper = lesson.stepper
    first_backward = stepper.phase_bounds("backward")[0]
    step_until(stepper, lambda: stepper.position >= first_backward and stepper.current.node.sym.text == "a₁[1]")
    h = view.current_highlight()
    assert h.phase == "backward"
    assert h.item == ("neuron", 1, 0)
    assert len(h.arrows) == 1
    src, dst, value = h.arrows[0]
    assert src == ("neuron", 2, 0)
    assert dst == ("neuron", 1, 0)
    assert value == pytest.approx(expected["delta2"][0] * 0.9, rel=1e-12)
    stepper.step_back()
    stepper.step_back()  # back into the forward-free part of backward: b₂ has one arrow too
    assert all(a[0] != ("neuron", 2, 0) or a[1] != ("neuron", 1, 0) for a in view.current_highlight().arrows)


def test_update_step_highlights_the_edge_and_changes_its_width(view, lesson):
    stepper = lesson.stepper
    stepper.goto(stepper.phase_bounds("update")[0])
    before = view.edge_style(1, 0, 0)[1]
    stepper.step_forward()  # W₁[1,1] ← W₁[1,1] − η·∂J/∂W₁[1,1]
    h = view.current_highlight()
    assert h.phase == "update"
    assert h.item == ("edge", 1, 0, 0)
    w = float(node(lesson, "W₁[1,1]").value)
    assert w != 0.5
    assert view.edge_style(1, 0, 0)[1] == pytest.approx(round(min(8.0, max(1.0, 8.0 * abs(w) / 0.9)) * 4) / 4)
    assert view.edge_style(1, 0, 0)[1] >= before


def test_edge_colour_shows_sign_and_width_grows_with_magnitude(qtbot, lesson):
    lesson.network.set_weight(1, 0, 1, -0.6)  # W₁[1,2] negative
    v = NetworkView(lesson)
    qtbot.addWidget(v)
    positive, w_pos = v.edge_style(1, 0, 0)  # 0.5
    negative, _ = v.edge_style(1, 0, 1)  # −0.6
    assert positive != negative
    assert positive == QColor("#0072B2")
    assert negative == QColor("#D55E00")
    assert v.edge_style(2, 0, 0)[1] > w_pos > v.edge_style(2, 1, 0)[1]  # 0.9 > 0.5 > 0.1


def test_weight_labels_toggle(view, lesson):
    assert view.weight_labels_visible()
    assert view.item_text(node(lesson, "W₂[1,1]").id) == "0.9"
    view.set_weight_labels_visible(False)
    assert not view.weight_labels_visible()
    assert all(not tag.isVisible() for tag in view._edge_labels.values())
    view.set_weight_labels_visible(True)
    assert all(tag.isVisible() for tag in view._edge_labels.values())


def double_click_edge(qtbot, view, layer, i, j):
    line = view.edge_line(layer, i, j)
    pos = view.mapFromScene(line.pointAt(0.62))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    return view.value_editor()


def test_double_click_weight_opens_editor_that_accepts_finite_numbers_only(qtbot, view):
    view.set_weight_labels_visible(False)
    emitted = []
    view.value_edited.connect(lambda *args: emitted.append(args))
    editor = double_click_edge(qtbot, view, 1, 0, 0)
    assert editor is not None
    assert editor.isVisible()
    assert float(editor.text()) == 0.5
    editor.selectAll()
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.value_editor() is editor
    assert editor.isVisible()
    assert emitted == []
    assert "not a number" in editor.error
    assert editor.note.isVisible()  # the reason is on screen, under the editor
    assert "abc" in editor.note.text()
    editor.clear()
    qtbot.keyClicks(editor, "inf")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert emitted == []
    assert view.value_editor() is editor
    editor.clear()
    qtbot.keyClicks(editor, "1.5")
    with qtbot.waitSignal(view.value_edited) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert blocker.args == ["weight", 1, 0, 0, 1.5]
    assert view.value_editor() is None


def test_escape_cancels_and_the_view_never_changes_the_model(qtbot, view, lesson):
    emitted = []
    view.value_edited.connect(lambda *args: emitted.append(args))
    editor = view.open_editor(("bias", 1, 1))
    assert float(editor.text()) == 0.2
    editor.clear()
    qtbot.keyClicks(editor, "3")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert view.value_editor() is None
    assert emitted == []
    editor = view.open_editor(("neuron", 0, 1))
    editor.clear()
    editor.insert("−2.5")  # a typographic minus is accepted (QTest cannot type it)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editor = view.open_editor(("target", 0))
    editor.clear()
    qtbot.keyClicks(editor, "0.25")
    qtbot.keyClick(editor, Qt.Key.Key_Enter)
    assert emitted == [("input", 0, 1, -1, -2.5), ("target", 2, 0, -1, 0.25)]
    assert lesson.data.inputs[0, 1] == 2.0
    assert lesson.data.targets[0, 0] == 0.5


def test_model_edits_redraw_the_numbers(view, lesson):
    lesson.stepper.step_forward()
    lesson.network.set_weight(1, 0, 0, 1.5)  # what the main window's undo command does
    z = 1.0 * 1.5 + 2.0 * 0.7 + 0.1
    assert f"z = {fmt(z)}" in view.item_text(node(lesson, "z₁[1]").id).splitlines()
    assert view.item_text(node(lesson, "W₁[1,1]").id) == "1.5"
    assert view.current_highlight().node == node(lesson, "z₁[1]").id


def test_click_neuron_selects_and_emits(qtbot, view, lesson):
    neurons, nodes = [], []
    view.neuron_clicked.connect(lambda layer, j: neurons.append((layer, j)))
    view.node_clicked.connect(nodes.append)
    center = view.neuron_center(1, 1)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(center))
    assert neurons == [(1, 1)]
    assert nodes == [node(lesson, "a₁[2]").id]
    assert view.current_highlight().selected == ("neuron", 1, 1)
    line = view.edge_line(2, 0, 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(line.pointAt(0.7)))
    assert nodes[-1] == node(lesson, "W₂[1,1]").id


def _move(view, pos: QPoint) -> None:
    """A real mouse-move event on the viewport, independent of where the system cursor is."""
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(pos), QPointF(view.viewport().mapToGlobal(pos)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def test_hover_reports_hidden_neurons_and_leaving(qtbot, view):
    hovered = []
    view.neuron_hovered.connect(lambda layer, j: hovered.append((layer, j)))
    _move(view, view.mapFromScene(view.neuron_center(1, 0)))
    _move(view, QPoint(3, 3))
    assert hovered[:2] == [(1, 0), (-1, -1)]


def test_context_menu_emits_structure_requests(qtbot, view):
    menu = view.context_menu_for(1, 0)
    actions = {a.data(): a for a in menu.actions() if a.data()}
    assert {"add_neuron", "remove_neuron", "add_layer_after", "remove_layer"} <= set(actions)
    sub = next(a.menu() for a in menu.actions() if a.menu() is not None)
    names = {a.data() for a in sub.actions()}
    assert "activation:tanh" in names
    assert "activation:softmax" not in names
    with qtbot.waitSignal(view.structure_edit_requested) as blocker:
        actions["remove_neuron"].trigger()
    assert blocker.args == ["remove_neuron", 1, 0]
    input_menu = view.context_menu_for(0, 0)
    removable = {a.data(): a.isEnabled() for a in input_menu.actions() if a.data()}
    assert removable["remove_layer"] is False


def test_wide_layer_collapses_behind_an_ellipsis(qtbot):
    network = make_network([3, 30, 2], seed=1)
    lesson = NetworkLesson(Document(network=network, data=Data(np.ones((1, 3)), np.zeros((1, 2)))))
    v = NetworkView(lesson)
    qtbot.addWidget(v)
    counts = v.counts()
    assert counts["ellipses"] == 1
    assert counts["neurons"] == 3 + 13 + 2
    assert counts["edges"] == 3 * 13 + 13 * 2  # none to the hidden neurons
    assert "17" in v.item_text(lesson.graph.find(role="activation", layer=1, neuron=15)[0].id)
    # Stepping onto a hidden neuron highlights the ellipsis.
    stepper = lesson.stepper
    target = lesson.graph.find(role="weighted_sum", layer=1, neuron=15)[0]
    step_until(stepper, lambda: stepper.current is not None and stepper.current.node is target)
    assert v.current_highlight().item == ("ellipsis", 1)


def test_eight_by_sixty_four_builds_and_steps(qtbot):
    network = make_network([64] * 8, seed=0)
    rng = np.random.default_rng(0)
    lesson = NetworkLesson(Document(network=network, data=Data(rng.uniform(size=(1, 64)), rng.uniform(size=(1, 64)))))
    v = NetworkView(lesson)
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    assert v.counts()["ellipses"] == 8
    assert not v.weight_labels_visible()
    for _ in range(5):
        lesson.stepper.step_forward()
    lesson.stepper.goto(lesson.stepper.phase_bounds("backward")[0] + 3)
    assert v.current_highlight().phase == "backward"


def test_zoom_in_out_and_fit(qtbot, view):
    zooms = []
    view.zoom_changed.connect(zooms.append)
    before = view.transform().m11()
    view.zoom_in()
    assert view.transform().m11() > before
    view.zoom_out()
    view.zoom_out()
    assert view.transform().m11() < before
    for _ in range(100):
        view.zoom_in()
    assert view.zoom() == pytest.approx(view.MAX_ZOOM)
    view.fit()
    assert view.zoom() <= view.FIT_MAX_ZOOM
    assert zooms
    assert zooms[-1] == pytest.approx(view.zoom())


def test_font_scale_enlarges_text(view, lesson):
    small = view.item_for(("neuron", 1, 0)).boundingRect().width()
    view.set_font_scale(1.5)
    assert view.font_scale() == 1.5
    assert view.item_for(("neuron", 1, 0)).boundingRect().width() > small
    assert view.item_text(node(lesson, "X[2]").id).splitlines() == ["X[2]", "2"]


def test_granularity_switch_keeps_the_neuron_drawing(view, lesson):
    lesson.set_granularity("operation")
    assert view.counts()["neurons"] == 5
    lesson.stepper.goto(lesson.stepper.phase_bounds("forward")[1])
    expected = lecture_numbers()
    assert view.item_text(node(lesson, "ŷ").id).splitlines()[1] == fmt(expected["yhat"][0])
    lesson.stepper.goto(lesson.stepper.phase_bounds("backward")[1])
    assert f"δ = {fmt(expected['delta1'][0])}" in view.item_text(node(lesson, "a₁[1]").id).splitlines()


def test_render_is_not_blank(view, lesson):
    lesson.stepper.goto(9)
    image = view.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 17) for y in range(0, image.height(), 17)}
    assert len(colours) > 3


def test_a_deleted_view_stops_listening(qtbot, lesson):
    v = NetworkView(lesson)
    v.deleteLater()
    qtbot.wait(10)
    lesson.stepper.step_forward()  # must not touch the deleted view
    assert len(lesson.stepped) == 0


# ---------------------------------------------------------------------- readable size and layout
EXAMPLES = LECTURE.parent


def example_view(qtbot, name, size=(908, 489)):
    lesson = NetworkLesson(load(EXAMPLES / name))
    v = NetworkView(lesson)
    qtbot.addWidget(v)
    v.resize(*size)
    v.show()
    qtbot.waitExposed(v)
    v.fit()
    return v, lesson


def visible_rect(v):
    return v.mapToScene(v.viewport().rect()).boundingRect()


def test_fit_shows_a_tall_network_whole(qtbot):
    v, _ = example_view(qtbot, "spiral.json")
    assert visible_rect(v).contains(v.fit_rect())
    for _ in range(3):
        v.zoom_in()  # the wheel and Larger still reach the readable size; F shows everything again
    assert not visible_rect(v).contains(v.fit_rect())
    v.fit()
    assert visible_rect(v).contains(v.fit_rect())


def test_a_small_network_still_fits_whole(qtbot, view):
    assert visible_rect(view).contains(view.fit_rect())


def test_the_current_neuron_stays_in_view_while_stepping(qtbot):
    v, lesson = example_view(qtbot, "spiral.json")
    stepper = lesson.stepper
    seen = set()
    for _ in range(len(stepper.schedule)):
        stepper.step_forward()
        item = v.current_highlight().item
        focus = v._focus_rect(near=visible_rect(v).center())
        assert focus is not None
        assert visible_rect(v).contains(focus), (stepper.position, item)
        seen.add(item)
    assert {("neuron", 1, 0), ("neuron", 1, 15)} <= seen  # the top and the bottom of the tall layer


def test_a_whole_diagram_on_screen_never_scrolls(qtbot, view, lesson):
    centre = visible_rect(view).center()
    for _ in range(len(lesson.stepper.schedule)):
        lesson.stepper.step_forward()
        assert visible_rect(view).center() == centre


def test_layers_spread_out_to_use_a_wide_viewport(qtbot):
    v, _ = example_view(qtbot, "spiral.json", size=(1800, 700))
    x0, x1 = v.neuron_center(0, 0).x(), v.neuron_center(1, 0).x()
    assert x1 - x0 > LAYER_GAP * 1.2
    # As wide as the viewport, unless the layers are already as far apart as they go (a tall
    # network shown whole is small; stretching it further would only thin it out).
    assert v.fit_rect().width() * v.zoom() > 0.85 * v.viewport().width() or v._spread == MAX_SPREAD
    narrow, _ = example_view(qtbot, "spiral.json", size=(700, 700))
    assert LAYER_GAP * MIN_SPREAD <= narrow.neuron_center(1, 0).x() - narrow.neuron_center(0, 0).x() < x1 - x0


def loss_circle(v):
    item = v.item_for(("loss",))
    return item.sceneBoundingRect().center(), item.rect().width() / 2


def test_the_target_is_a_tag_next_to_the_loss_with_its_own_line(view, lesson):
    centre, r = loss_circle(view)
    tag = view.item_for(("target", 0)).sceneBoundingRect()
    assert tag.right() < centre.x() - r  # left of L…
    assert tag.top() > centre.y()  # …below the dashed ŷ→L line…
    assert QLineF(tag.center(), centre).length() < 4 * r  # …and close to it
    link = view._target_links[0].line()
    assert QLineF(link.p1(), tag.center()).length() < tag.width()  # starts at the box
    assert QLineF(link.p2(), centre).length() == pytest.approx(r + 1, abs=2)  # ends on L's circle
    # The forward step into L lights the target and its line.
    target = node(lesson, "L")
    step_until(lesson.stepper, lambda: lesson.stepper.current is not None and lesson.stepper.current.node is target)
    assert ("target", 0) in view.current_highlight().lit


def test_several_targets_stack_tidily_beside_the_loss(qtbot):
    v, _ = example_view(qtbot, "spiral.json")
    centre, r = loss_circle(v)
    rects = [v.item_for(("target", k)).sceneBoundingRect() for k in range(3)]
    assert all(rect.right() < centre.x() - r for rect in rects)
    assert len({round(rect.right()) for rect in rects}) == 1  # right edges lined up
    for a, b in itertools.pairwise(rects):
        assert not a.intersects(b)
    for line in v._loss_links.values():  # no dashed ŷ→L line runs through a target
        for rect in rects:
            assert not _crosses(line.line(), rect)


def _crosses(line, rect):
    return any(rect.contains(line.pointAt(t / 50)) for t in range(51))


def visible_weight_labels(v):
    return [tag.sceneBoundingRect() for tag in v._edge_labels.values() if tag.isVisible()]


def test_weight_labels_never_sit_on_each_other(qtbot):
    v, lesson = example_view(qtbot, "spiral.json", size=(1800, 1100))
    v.set_weight_labels_visible(True)
    rects = visible_weight_labels(v)
    assert len(rects) > 40
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b)
    # Gradient arrows hide the weight labels under their own labels, and their labels do not overlap.
    stepper = lesson.stepper
    stepper.goto(stepper.phase_bounds("backward")[0] + 1)
    checked = 0
    while stepper.current is not None and stepper.current.phase == "backward":
        arrows = [item for item in v._overlays if isinstance(item, Tag)]
        shown = visible_weight_labels(v)
        for a in arrows:
            ra = a.sceneBoundingRect()
            assert not any(ra.intersects(b) for b in shown)
            checked += 1
        stepper.step_forward()
    assert checked > 20
    stepper.goto(0)
    assert len(visible_weight_labels(v)) == len(rects)  # what a step hid comes back
