"""What every lesson view shares (LessonView): the message when nothing can be drawn, the font
scale, the lesson followed; and the graph view only reads the lesson's numbers."""

import pytest
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from engine import document as documents
from engine.document import Document, Expression
from engine.lesson import ExpressionLesson, NetworkLesson
from gui.diagram.view import NetworkView
from gui.graph.view import GraphView
from gui.paths import LECTURE
from gui.views.lesson_view import LessonView
from gui.views.zoom_view import ZoomableView


def _drawn_texts(view):
    return [item.text() for item in view.scene().items() if isinstance(item, QGraphicsSimpleTextItem)]


def test_the_diagram_says_why_it_draws_nothing_for_an_expression(qtbot):
    lesson = ExpressionLesson(Document(expression=Expression("f = x * y", {"x": 2.0, "y": 3.0})).expression)
    view = NetworkView(lesson)
    qtbot.addWidget(view)
    assert view.message() == "This lesson has no network to draw."
    assert _drawn_texts(view) == ["This lesson has no network to draw."]
    view.set_lesson(NetworkLesson(documents.load(LECTURE)))
    assert view.message() == ""
    assert view.neuron_center(1, 0) is not None


@pytest.mark.parametrize("make", [NetworkView, GraphView])
def test_both_views_scale_their_text_alike_and_within_bounds(qtbot, make):
    view = make(NetworkLesson(documents.load(LECTURE)))
    qtbot.addWidget(view)
    assert view.font_scale() == 1.0
    assert view._font(20).pixelSize() == 20
    view.set_font_scale(1.5)
    assert view.font_scale() == 1.5
    assert view._font(20, bold=True).pixelSize() == 30
    assert view._font(20, bold=True).bold()
    view.set_font_scale(10.0)
    assert view.font_scale() == 3.0
    view.set_font_scale(0.01)
    assert view.font_scale() == 0.5
    assert view._font(4).pixelSize() == 6  # never unreadably small


def test_zooming_knows_nothing_of_lessons():
    assert issubclass(NetworkView, LessonView)
    assert issubclass(GraphView, LessonView)
    for name in ("set_lesson", "set_font_scale", "_show_message", "_place_editor", "mouseReleaseEvent"):
        assert name not in vars(ZoomableView), name


def test_the_graph_view_draws_the_lessons_operation_graph_and_compiles_none_of_its_own(qtbot):
    lesson = NetworkLesson(documents.load(LECTURE), "neuron")
    view = GraphView(lesson)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.display_graph is lesson.operation_graph()
    lesson.set_input(0, 2.0)  # a rebuild: the lesson compiles again, the view follows it
    assert view.display_graph is lesson.operation_graph()
