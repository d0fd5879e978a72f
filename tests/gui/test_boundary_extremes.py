"""Numbers a user can type (±1e308 inputs or weights) never break the decision-boundary view."""

import numpy as np
from PySide6.QtCore import Qt

from engine.document import load
from engine.lesson import NetworkLesson
from gui.paths import LECTURE
from gui.training.boundary_view import BoundaryView


def _type_into_input(qtbot, window, neuron, text):
    view = window.network_view
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      pos=view.mapFromScene(view.neuron_center(0, neuron)))
    editor = view.value_editor()
    assert editor is not None, "double-clicking an input opens its editor"
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_an_input_of_1e308_typed_on_the_diagram_keeps_the_boundary_drawn(qtbot, window):
    boundary = window.training.boundary_view
    window.training.plots_dock.show()
    window.training.plots_dock.raise_()
    try:
        with qtbot.captureExceptions() as exceptions:
            _type_into_input(qtbot, window, 0, "1e308")
            assert window.lesson.data.inputs[0, 0] == 1e308
            qtbot.waitUntil(lambda: not boundary.timer.isActive())
            boundary.redraw()
            _type_into_input(qtbot, window, 1, "-1e308")
            qtbot.waitUntil(lambda: not boundary.timer.isActive())
            boundary.redraw()
        assert not exceptions, exceptions
        assert "1 of the points lie beyond" in boundary.caption.text()
        assert boundary.pixel_at(0.0, 0.0) is not None  # a plane is still drawn around the origin
    finally:
        window.undo_stack.setClean()
        window.setWindowModified(False)


def test_extreme_inputs_and_weights_in_the_model(qtbot):
    lesson = NetworkLesson(load(LECTURE))
    view = BoundaryView(lesson)
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.show()
    with qtbot.captureExceptions() as exceptions:
        for x in ((1e308, 2.0), (-1.7e308, 1.7e308), (1e300, 1e-300), (5.0, 1e7)):
            lesson.set_input(0, x[0])
            lesson.set_input(1, x[1])
            view.data_changed()
            assert view.pixel_at(0.0, 0.0) is not None
        lesson.set_input(1, 2.0)
        lesson.set_input(0, 1.0)
        for weight in (1e308, -1e308):
            lesson.network.set_weight(1, 0, 0, weight)
            view.redraw()
            view.show_neuron(1, 0)
            view.show_neuron(-1, -1)
    assert not exceptions, exceptions
    low, high = np.asarray(view._rect.getCoords()).reshape(2, 2)
    assert np.all(np.isfinite([low, high]))
