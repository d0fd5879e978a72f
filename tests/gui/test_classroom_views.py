"""The whole window for the back of the room: text size, high contrast, the walkthrough, zoom and hover."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QEvent, QPoint, QPointF, QRect, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip

from engine.document import load
from engine.lesson import NetworkLesson
from gui.diagram.view import NetworkView
from gui.paths import EXAMPLES
from gui.views import diagram_items
from gui.window.help import FirstLessonDialog, first_lesson_html
from gui.window.main_window import MainWindow


def _larger(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_equal_scales_menus_toolbar_tabs_and_docks(qtbot, window):
    def sizes():
        return (window.menuBar().font().pointSizeF(), window.view_menu.font().pointSizeF(),
                window.step_toolbar.font().pointSizeF(), window.tabs.tabBar().font().pointSizeF(),
                window.log_dock.font().pointSizeF(), window.statusBar().font().pointSizeF())

    before = sizes()
    _larger(qtbot, window)
    _larger(qtbot, window)
    after = sizes()
    assert all(b > a * 1.25 for a, b in zip(before, after, strict=True)), (before, after)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # Normal size
    assert sizes() == pytest.approx(before)


def test_larger_text_keeps_the_step_logs_current_row_in_view(qtbot, window):
    stepper = window.lesson.stepper
    stepper.goto(len(stepper.schedule) - 1)
    log = window.step_log
    for _ in range(4):
        _larger(qtbot, window)
    qtbot.wait(30)
    row = log.visualRect(log.currentIndex())
    assert log.currentIndex().row() == stepper.position - 1
    assert log.viewport().rect().contains(row.center())
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)


def _hex(colour: QColor) -> str:
    return QColor(colour).name()


def test_high_contrast_reaches_the_diagram_the_graph_and_the_plots(qtbot, window):
    view, graph = window.network_view, window.graph_view
    plot = window.training.loss_plot.plot_widget
    before_edge = view.edge_style(1, 0, 0)[0].name()
    before_axis = plot.getPlotItem().getAxis("bottom").pen().color().name()
    before_width = window.training.loss_plot.train_curve.opts["pen"].widthF()
    window.high_contrast_action.trigger()
    try:
        assert view.edge_style(1, 0, 0)[0].name() != before_edge  # diagram edges: darker blue
        headings = [tag for tag in view._headings.values() if tag.text.startswith("Input")]
        assert headings[0].label.brush().color().name() == "#000000"  # headings in black
        symbol = view.item_for(("neuron", 1, 0)).childItems()
        assert any(getattr(item, "defaultTextColor", None) and item.defaultTextColor().name() == "#000000"
                   for item in symbol)  # node text in black
        assert _hex(diagram_items.INK) == "#000000"  # what the graph's labels are drawn with
        assert graph.backgroundBrush().color().name() == "#ffffff"
        axis = plot.getPlotItem().getAxis("bottom").pen()
        assert (axis.color().name(), axis.widthF()) != (before_axis, 1.5)
        assert axis.color().name() == "#000000"
        assert plot.backgroundBrush().color().name() == "#ffffff"  # the plots' background: pure white
        assert window.training.loss_plot.train_curve.opts["pen"].widthF() > before_width
    finally:
        window.high_contrast_action.trigger()
    assert view.edge_style(1, 0, 0)[0].name() == before_edge
    assert plot.getPlotItem().getAxis("bottom").pen().color().name() == before_axis


def test_the_walkthrough_leaves_the_keys_to_the_lesson_and_sits_beside_the_diagram(qtbot, window):
    window.actions_by_name["actionFirstLesson"].trigger()
    dialog = window.findChild(FirstLessonDialog)
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    stepper = window.lesson.stepper
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert stepper.position == 1
    qtbot.keyClick(dialog, Qt.Key.Key_Right)  # even if the walkthrough got the key, it steps the lesson
    assert stepper.position == 2
    diagram = QRect(window.tabs.mapToGlobal(QPoint(0, 0)), window.tabs.size())
    assert not dialog.frameGeometry().intersects(diagram)


def test_the_walkthrough_names_the_backward_arrows_colour_as_drawn():
    hue = diagram_items.GRADIENT.hslHue()
    assert 270 <= hue <= 340  # purple, as the diagram draws the gradient flowing back
    text = first_lesson_html()
    assert "Purple arrows" in text
    assert "Orange arrows" not in text


def test_zooming_keeps_the_current_step_in_view(qtbot):
    lesson = NetworkLesson(load(EXAMPLES / "spiral.json"))
    view = NetworkView(lesson)
    qtbot.addWidget(view)
    view.resize(908, 489)
    view.show()
    qtbot.waitExposed(view)
    view.fit()
    stepper = lesson.stepper
    while view.current_highlight().item != ("neuron", 1, 15):
        stepper.step_forward()
    for _ in range(4):
        view.zoom_in()
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        assert shown.contains(view._focus_rect(near=shown.center()))


def test_a_thinned_diagram_tells_a_neuron_on_hover(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QToolTip, "showText", lambda *args: shown.append(args[1]))  # what the tip would say
    lesson = NetworkLesson(load(EXAMPLES / "spiral.json"))
    view = NetworkView(lesson)
    qtbot.addWidget(view)
    view.resize(855, 409)  # a 720p projector's diagram
    view.show()
    qtbot.waitExposed(view)
    view.fit()
    neuron = view.item_for(("neuron", 1, 3))
    assert not neuron.childItems()[0].isVisible() or not view.item_for(("bias", 1, 3)).isVisible()
    where = view.mapFromScene(neuron.sceneBoundingRect().center())
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(where), QPointF(view.viewport().mapToGlobal(where)),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), move)  # straight to the view, whatever window is on top
    assert shown
    assert "a₁[4] = " in shown[-1]
    assert "b₁[4] = " in shown[-1]


def test_saved_geometry_that_fits_the_screen_is_used(qtbot):
    available = QGuiApplication.primaryScreen().availableGeometry()
    first = MainWindow()
    qtbot.addWidget(first)
    first.setGeometry(QRect(available.x() + 10, available.y() + 10, available.width() - 60, available.height() - 80))
    QSettings().setValue("geometry", first.saveGeometry())
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.size() == first.size()
    QSettings().setValue("geometry", QByteArray())
    assert QApplication.instance() is not None
