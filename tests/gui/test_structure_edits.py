"""Structure edits, undo and redo keep every view consistent, whatever is hovered or selected."""

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")
MAX_WIDTH, MAX_DEPTH = 4, 4  # small enough that no layer collapses behind an ellipsis

# One user action on the neuron under the mouse (picked by fractions of the layers and sizes).
actions = st.tuples(
    st.sampled_from(["add_neuron", "remove_neuron", "add_layer_after", "remove_layer", "undo", "redo", "bias",
                     *(f"activation:{name}" for name in ACTIVATIONS)]),
    st.floats(0, 0.999), st.floats(0, 0.999))


def _move(view, pos: QPoint) -> None:
    """A real mouse-move over the diagram's viewport (what hovering a neuron sends)."""
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(pos), QPointF(view.viewport().mapToGlobal(pos)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def _pick(sizes, layer_f, neuron_f):
    layer = int(layer_f * len(sizes))
    return layer, int(neuron_f * sizes[layer])


def _settle(qtbot, window):
    window.training.boundary_view.timer.setInterval(0)  # the deferred redraw, without waiting 100 ms
    qtbot.wait(5)


def _hover_and_select(qtbot, window, layer, neuron):
    """Click a neuron (it is selected in every view) and leave the mouse on it."""
    view = window.network_view
    pos = view.mapFromScene(view.neuron_center(layer, neuron))
    hints = QGuiApplication.styleHints()
    interval = hints.mouseDoubleClickInterval()
    hints.setMouseDoubleClickInterval(0)  # two quick clicks on one input must not open its editor
    try:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    finally:
        hints.setMouseDoubleClickInterval(interval)
    _move(view, pos)
    hidden = 0 < layer < len(window.lesson.network.sizes) - 1
    assert window.training.boundary_view.neuron == ((layer, neuron) if hidden else None)


def _perform(qtbot, window, action, layer, neuron):
    """What the user does with the mouse on (layer, neuron): a context-menu entry, or Ctrl+Z / Ctrl+Shift+Z."""
    if action == "undo":
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        return
    if action == "redo":
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        return
    sizes = window.lesson.network.sizes
    too_big = {"add_neuron": sizes[layer] >= MAX_WIDTH, "add_layer_after": len(sizes) > MAX_DEPTH}
    if too_big.get(action, False):
        return
    menu = window.network_view.context_menu_for(layer, neuron)
    entries = [a for a in menu.actions() + [a for m in menu.actions() if m.menu() for a in m.menu().actions()]
               if a.data() == action]
    if entries and entries[0].isEnabled():
        entries[0].trigger()
    menu.deleteLater()


def _assert_views_show(window):
    net = window.lesson.network
    sizes = list(net.sizes)
    view = window.network_view
    assert view.counts()["neurons"] == sum(sizes)
    assert view.counts()["biases"] == sum(sizes[k] for k in range(1, len(sizes)) if net.has_bias(k))
    for layer, size in enumerate(sizes):
        assert all(view.neuron_center(layer, j) is not None for j in range(size))
        assert view.neuron_center(layer, size) is None
    boundary = window.training.boundary_view
    if boundary.neuron is not None:
        layer, j = boundary.neuron
        assert 1 <= layer < len(sizes) - 1
        assert j < sizes[layer]
    graph = window.graph_view.display_graph
    for layer in range(len(sizes)):
        shown = {n.meta["neuron"] for n in graph.nodes if n.meta.get("layer") == layer and "neuron" in n.meta}
        assert shown == set(range(sizes[layer])), (layer, shown, sizes)
    assert window.inspector.toPlainText()
    assert window.step_log.model().rowCount() >= 0


def test_random_structure_edits_with_undo_keep_every_view_consistent(qtbot, window):
    @settings(max_examples=8, deadline=None)
    @given(steps=st.lists(actions, min_size=1, max_size=8))
    def edit(steps):
        window.undo_stack.setIndex(0)  # each example starts from the lecture (reopening it would build new views)
        window.undo_stack.clear()
        assert window.lesson.network.sizes == [2, 2, 1]
        with qtbot.captureExceptions() as exceptions:
            for action, layer_f, neuron_f in steps:
                layer, neuron = _pick(window.lesson.network.sizes, layer_f, neuron_f)
                _hover_and_select(qtbot, window, layer, neuron)
                _perform(qtbot, window, action, layer, neuron)
                _settle(qtbot, window)
                assert not exceptions, exceptions
                _assert_views_show(window)
        assert not exceptions, exceptions  # an exception in a Qt slot or virtual method fails the test

    try:
        edit()
    finally:
        _forget_edits(window)


def _forget_edits(window):
    window.undo_stack.setClean()
    window.setWindowModified(False)
    window.network_view.detach()  # the diagram lets go of its items before pytest-qt deletes the window
    window.undo_stack.clear()


def test_removing_the_hovered_neuron_then_undoing_an_added_one(qtbot, window):
    """The audit's two cases: Remove a₁[2] while hovering it; Add a neuron, then Ctrl+Z over it."""
    try:
        _remove_hovered_then_undo_added(qtbot, window)
    finally:
        _forget_edits(window)  # pytest-qt closes the window before fixtures end: it must not ask


def _remove_hovered_then_undo_added(qtbot, window):
    view, boundary = window.network_view, window.training.boundary_view
    window.training.plots_dock.show()  # the boundary draws only while it is shown
    window.training.plots_dock.raise_()
    with qtbot.captureExceptions() as exceptions:
        _move(view, view.mapFromScene(view.neuron_center(1, 1)))
        assert boundary.neuron == (1, 1)
        next(a for a in view.context_menu_for(1, 1).actions() if a.data() == "remove_neuron").trigger()
        _settle(qtbot, window)
        assert window.lesson.network.sizes == [2, 1, 1]
        assert boundary.neuron is None
        next(a for a in view.context_menu_for(1, 0).actions() if a.data() == "add_neuron").trigger()
        _move(view, view.mapFromScene(view.neuron_center(1, 1)))
        assert boundary.neuron == (1, 1)
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        _settle(qtbot, window)
        assert window.lesson.network.sizes == [2, 1, 1]
        assert boundary.redraw_count > 0
    assert not exceptions, exceptions


def test_a_hovered_neuron_that_turns_into_the_output_and_back_is_shown_again(qtbot, window):
    """Add a layer after a₁, hover its neuron, undo (it is the output now), redo, add a neuron: hovering it again
    shows its activation map (the diagram must not think the other views already know)."""
    try:
        boundary = window.training.boundary_view
        with qtbot.captureExceptions() as exceptions:
            _perform(qtbot, window, "add_layer_after", 1, 0)
            assert len(window.lesson.network.sizes) == 4
            _hover_and_select(qtbot, window, 2, 0)
            assert boundary.neuron == (2, 0)
            _perform(qtbot, window, "undo", 2, 0)
            _settle(qtbot, window)
            assert boundary.neuron is None  # layer 2 is the output layer again
            _perform(qtbot, window, "redo", 2, 0)
            _settle(qtbot, window)
            _perform(qtbot, window, "add_neuron", 2, 0)
            _settle(qtbot, window)
            _hover_and_select(qtbot, window, 2, 0)
            assert boundary.neuron == (2, 0)
        assert not exceptions, exceptions
    finally:
        _forget_edits(window)
