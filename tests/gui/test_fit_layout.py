"""Layouts that fit the classroom's screens: a 1280×720 projector, a 1366×768 laptop, a 1920×1080 screen.

The window is made the size of the screen (what full screen gives there) and laid out as View ▸ Reset
layout (and the first start) lays it out. Then, for every gallery lesson, Fit shows every node and heading
inside the view, with no text on the network diagram under 14 px, before and after a short training run.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui.diagram.layout import TEXT_FLOOR_PX
from gui.lesson.inspector import RESULT_ANCHOR
from gui.paths import EXAMPLES
from gui.window.gallery import example_lessons
from gui.window.layout import default_dock_sizes
from tests.gui.on_screen import outside, smallest_text_px

SCREENS = ((1280, 720), (1366, 768), (1920, 1080))
DIAGRAM_SHARE = (0.6, 0.55)  # the diagram keeps at least this share of the window's width and height
TRAIN_TIMEOUT_MS = 60_000


def fit_and_check(qtbot, window, name: str, when: str) -> None:
    view = window.tabs.currentWidget()
    qtbot.keyClick(window, Qt.Key.Key_F)  # View ▸ Fit
    assert outside(view) == [], (name, when)
    if view is window.network_view:
        smallest = smallest_text_px(view)
        assert smallest >= TEXT_FLOOR_PX - 0.02, (name, when, round(smallest, 2))  # to 1/50 px: the fit's rounding


def train_briefly(qtbot, window, iterations: int = 30) -> None:
    panel = window.training.panel
    panel.set_length(iterations)
    window.actions_by_name["actionTrain"].trigger()
    qtbot.waitUntil(lambda: not panel.is_running() and panel.last_result is not None, timeout=TRAIN_TIMEOUT_MS)
    window.undo_stack.setClean()  # the trained weights: closing the window must not ask to save them
    qtbot.wait(20)


@pytest.mark.slow
@pytest.mark.parametrize("screen_window", SCREENS, indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_fit_shows_every_gallery_lesson_whole_and_readable(qtbot, screen_window):
    window = screen_window
    checked = 0
    for path, _title, _description in example_lessons("en"):
        assert window.open_path(path, remember=False, as_template=True)
        qtbot.wait(10)
        fit_and_check(qtbot, window, path.name, "before training")
        if window.network_view is not None:
            train_briefly(qtbot, window)
            fit_and_check(qtbot, window, path.name, "after training")
        checked += 1
    assert checked >= 10


def result_line_shown(inspector) -> bool:
    """Whether the inspector's result line (the formula's last, bold part, at whatever size a long formula
    was made smaller to) is whole inside its viewport."""
    doc, bar = inspector.document(), inspector.verticalScrollBar()
    block, found = doc.begin(), None
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if RESULT_ANCHOR in fmt.anchorNames():
                assert fmt.fontWeight() >= 700
                rect = doc.documentLayout().blockBoundingRect(block)
                found = rect if found is None else found.united(rect)
            it += 1
        block = block.next()
    assert found is not None
    return bar.value() <= found.top() and found.bottom() <= bar.value() + inspector.viewport().height()


@pytest.mark.parametrize("screen_window", SCREENS, indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_docks_leave_the_diagram_room_before_and_after_training(qtbot, screen_window):
    window = screen_window
    width, height = window.width(), window.height()
    inspector_width, bottom = default_dock_sizes(width, height)
    for when in ("before", "after"):
        port = window.network_view.viewport()
        assert port.width() >= DIAGRAM_SHARE[0] * width, when
        assert port.height() >= DIAGRAM_SHARE[1] * height, when
        assert abs(window.inspector_dock.width() - inspector_width) <= 40, when
        assert abs(window.log_dock.height() - bottom) <= 40 or abs(window.training.plots_dock.height() - bottom) <= 40
        if when == "before":
            train_briefly(qtbot, window)
            assert window.training.plots_dock.isVisible()


@pytest.mark.parametrize("screen_window", [(1280, 720)], indirect=True, ids=["1280x720"])
def test_the_inspector_never_clips_the_result_line(qtbot, screen_window):
    window = screen_window
    assert window.open_path(EXAMPLES / "spiral.json", remember=False, as_template=True)  # long formulas
    stepper = window.lesson.stepper
    checked = 0
    for position in range(1, len(stepper.schedule) + 1, 7):
        stepper.goto(position)
        if stepper.current is not None and len(stepper.explain().parts()) > 1:
            assert result_line_shown(window.inspector), position
            checked += 1
    assert checked > 10


def test_reset_layout_restores_the_docks(qtbot, window):
    window.inspector_dock.setFloating(True)
    window.log_dock.hide()
    window.resizeDocks([window.training.plots_dock], [500], Qt.Orientation.Vertical)
    window.actions_by_name["actionResetLayout"].trigger()
    qtbot.wait(20)
    assert not window.inspector_dock.isFloating()
    assert window.dockWidgetArea(window.inspector_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.log_dock.isVisible()
    assert not window.log_dock.visibleRegion().isEmpty()  # in front
    assert window.dockWidgetArea(window.log_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert window.tabifiedDockWidgets(window.log_dock) == [window.training.plots_dock]
    _inspector_width, bottom = default_dock_sizes(window.width(), window.height())
    assert abs(window.log_dock.height() - bottom) <= 40


def test_an_expression_lesson_hides_training_and_the_sample_box(qtbot, window):
    panel_dock, plots_dock = window.training.panel_dock, window.training.plots_dock
    sample = next(a for a in window.network_tools if window.step_toolbar.widgetForAction(a) is window.sample_box)
    assert panel_dock.isVisible()
    assert sample.isVisible()
    assert window.open_path(EXAMPLES / "expr_sigmoid_neuron.json", remember=False, as_template=True)
    assert not panel_dock.isVisible()
    assert not plots_dock.isVisible()
    assert not panel_dock.toggleViewAction().isVisible()  # not offered in the menus either
    assert not sample.isVisible()
    assert not window.sample_box.isVisible()
    assert window.open_path(EXAMPLES / "xor.json", remember=False, as_template=True)
    assert panel_dock.isVisible()
    assert sample.isVisible()
    assert panel_dock.toggleViewAction().isVisible()
