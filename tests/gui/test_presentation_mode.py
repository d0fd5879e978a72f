"""Presentation mode, driven by the keys a teacher (or a clicker) presses."""

import json

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QFontInfo
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QWidget,
)

from gui.paths import LECTURE
from gui.presentation import HIGH_CONTRAST_STYLE, apply_theme
from gui.views.step_ring import PRESENTATION_GLOW, PRESENTATION_PX
from gui.window.main_window import MainWindow
from gui.window.presentation_settings import TEXT_SCALE


@pytest.fixture(autouse=True)
def plain_theme():
    """The application outlives each window: every test starts plain, even after one that failed."""
    yield
    apply_theme(False)


def _docks(window):
    training = window.training
    return {"inspector": window.inspector_dock, "log": window.log_dock, "training": training.panel_dock,
            "plots": training.plots_dock}


def _state(window):
    """What presentation mode must give back: geometry, docks, theme, text size, bars."""
    return {
        "geometry": window.geometry().getRect(),
        "full_screen": window.isFullScreen(),
        "docks": {name: (dock.isVisible(), dock.width(), dock.height()) for name, dock in _docks(window).items()},
        "style": QApplication.instance().styleSheet(),
        "high_contrast": window.high_contrast_action.isChecked(),
        "font_scale": window.font_scale,
        "bars": (window.menuBar().isVisible(), window.statusBar().isVisible(), window.tabs.tabBar().isVisible(),
                 window.step_toolbar.isVisible()),
        "toolbar": [a.isVisible() for a in window.step_toolbar.actions()],
        "tab": window.tabs.currentIndex(),
    }


def _present(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.wait(20)  # the deferred Fit


def _px(font) -> float:
    return QFontInfo(font).pixelSize() if font.pixelSize() < 0 else font.pixelSize()


def _formula_px(window) -> float:
    """The largest text in the inspector: its pixel size, and the text of that fragment."""
    doc = window.inspector.document()
    dpi = window.inspector.logicalDpiY()
    best, text = 0.0, ""
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            size = fragment.charFormat().fontPointSize() * dpi / 72
            if size > best:
                best, text = size, fragment.text()
            it += 1
        block = block.next()
    return best, text


def test_f5_presents_the_diagram_and_the_inspector_large_and_in_high_contrast(window, qtbot):
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    _present(window, qtbot)
    assert window.presenting
    assert window.presentation_action.isChecked()
    docks = _docks(window)
    assert docks["inspector"].isVisible()
    assert not any(docks[name].isVisible() for name in ("log", "training", "plots"))
    assert not window.statusBar().isVisible()
    assert not window.tabs.tabBar().isVisible()
    assert window.network_view.isVisible()
    assert window.tabs.currentWidget() is window.network_view
    assert window.high_contrast_action.isChecked()
    assert QApplication.instance().styleSheet() == HIGH_CONTRAST_STYLE
    assert window.font_scale == pytest.approx(TEXT_SCALE[2])
    assert window.network_view.font_scale() == pytest.approx(TEXT_SCALE[2])
    # The toolbar keeps its buttons, with the one that leaves presentation mode.
    shown = [a.objectName() for a in window.step_toolbar.actions() if a.isVisible() and not a.isSeparator()]
    assert shown[-1] == "actionPresentationMode"
    assert "actionStepForward" in shown
    # Everything fitted: every neuron inside the diagram's viewport.
    view = window.network_view
    port = view.viewport().rect()
    for key in [("neuron", 0, 0), ("neuron", 0, 1), ("neuron", 2, 0), ("loss",)]:
        circle = view.item_for(key) if key[0] != "neuron" else None
        rect = view.mapFromScene((circle or _circle(view, key)).sceneBoundingRect()).boundingRect()
        assert port.contains(rect), key

    # The formula is the largest text on screen: larger than every visible widget's font …
    formula, fragment = _formula_px(window)
    assert fragment.strip()
    assert fragment.strip() in window.lesson.stepper.explain().text  # a piece of the formula
    widgets = [w for w in window.findChildren(QWidget) if w.isVisible() and w is not window.inspector]
    assert widgets
    assert all(_px(w.font()) < formula for w in widgets), max(
        (_px(w.font()), w.objectName() or type(w).__name__) for w in widgets)
    # … and than every text drawn in the diagram, at the diagram's zoom.
    texts = [item for item in view.scene().items() if item.isVisible()
             and isinstance(item, QGraphicsSimpleTextItem | QGraphicsTextItem)]
    assert texts
    on_screen = max(_px(item.font()) * item.sceneTransform().m22() * view.zoom() for item in texts)
    assert on_screen < formula


def _circle(view, key):
    return next(item for item in view.scene().items() if item.data(0) == key and item.type() == 4)  # an ellipse


def test_page_keys_step_wherever_the_focus_is_and_the_docks_come_back_with_their_toggle(window, qtbot):
    _present(window, qtbot)
    stepper = window.lesson.stepper
    window.inspector.setFocus()
    qtbot.keyClick(window.inspector, Qt.Key.Key_PageDown)
    qtbot.keyClick(window.inspector, Qt.Key.Key_PageDown)
    assert stepper.position == 2
    qtbot.keyClick(window.inspector, Qt.Key.Key_PageUp)
    assert stepper.position == 1
    # The step log, hidden, is one toggle away; its table would take the arrows for itself.
    window.log_dock.toggleViewAction().trigger()
    qtbot.waitUntil(window.step_log.isVisible)
    window.step_log.setFocus()
    qtbot.keyClick(window.step_log, Qt.Key.Key_Down)
    qtbot.keyClick(window.step_log, Qt.Key.Key_Right)
    assert stepper.position == 3
    qtbot.keyClick(window.step_log, Qt.Key.Key_Left)
    qtbot.keyClick(window.step_log, Qt.Key.Key_Up)
    assert stepper.position == 1
    qtbot.keyClick(window.network_view, Qt.Key.Key_Space)
    assert stepper.position == 2


def test_outside_presentation_mode_the_log_keeps_its_arrow_keys(window, qtbot):
    window.log_dock.show()
    window.step_log.setFocus()
    qtbot.keyClick(window.step_log, Qt.Key.Key_Down)
    assert window.lesson.stepper.position == 0  # the table moved its selection; no step was taken


def test_b_blanks_the_screen_and_b_or_any_key_brings_it_back(window, qtbot):
    _present(window, qtbot)
    stepper = window.lesson.stepper
    qtbot.keyClick(window.inspector, Qt.Key.Key_PageDown)
    blank = window.presenter.blank
    qtbot.keyClick(window.inspector, Qt.Key.Key_B)
    assert blank.isVisible()
    assert blank.geometry() == window.rect()
    image = window.grab().toImage()
    for x, y in ((5, 5), (image.width() // 2, image.height() // 2), (image.width() - 5, image.height() - 5)):
        assert image.pixelColor(x, y) == QColor("#000000")
    qtbot.keyClick(window.inspector, Qt.Key.Key_B)
    assert not blank.isVisible()
    qtbot.keyClick(window.inspector, Qt.Key.Key_B)
    qtbot.keyClick(window.inspector, Qt.Key.Key_PageDown)  # any key: back to the lesson, and no step taken
    assert not blank.isVisible()
    assert stepper.position == 1
    qtbot.keyClick(window.inspector, Qt.Key.Key_B)
    qtbot.mouseClick(blank, Qt.MouseButton.LeftButton)
    assert not blank.isVisible()
    qtbot.keyClick(window.inspector, Qt.Key.Key_Period)  # what many clickers send for "black screen"
    assert blank.isVisible()
    qtbot.keyClick(window.inspector, Qt.Key.Key_Escape)  # returns from black first
    assert not blank.isVisible()
    assert window.presenting


@pytest.mark.parametrize("high_contrast", [False, True])
def test_esc_leaves_and_gives_back_the_docks_theme_size_and_geometry(window, qtbot, high_contrast):
    window.log_dock.show()
    window.training.plots_dock.show()
    window.resizeDocks([window.inspector_dock], [300], Qt.Orientation.Horizontal)
    if high_contrast:
        qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    window.set_font_scale(1.15)
    window.tabs.setCurrentWidget(window.graph_view)
    # the theme's bold toolbar can make the window's least width larger than the 800-pixel test
    # screen left it: start from a size the window can be given back
    window.resize(window.size().expandedTo(window.minimumSizeHint()))
    qtbot.wait(20)
    before = _state(window)
    assert not before["full_screen"]
    assert before["high_contrast"] == high_contrast
    _present(window, qtbot)
    assert _state(window) != before
    qtbot.keyClick(window.network_view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    qtbot.wait(20)
    assert not window.presenting
    assert not window.presentation_action.isChecked()
    assert _state(window) == before
    assert QSettings().value("fontScale", type=float) == pytest.approx(1.15)  # the user's own size, kept
    if not high_contrast:
        assert QApplication.instance().styleSheet() == ""


def test_larger_text_reaches_every_widget_in_the_high_contrast_theme_hidden_docks_too(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.instance().styleSheet() == HIGH_CONTRAST_STYLE
    plots = window.training.plots_dock
    plots.hide()
    size = window.menuBar().font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    larger = size * 1.15
    button = window.step_toolbar.widgetForAction(window.step_forward_action)
    for widget in (window.menuBar(), button, window.statusBar(), window.log_dock):
        assert widget.font().pointSizeF() == pytest.approx(larger, abs=0.01), widget
    plots.show()
    assert plots.font().pointSizeF() == pytest.approx(larger, abs=0.01)


def test_f5_and_the_menu_item_leave_too_and_full_screen_is_given_back(window, qtbot):
    window.full_screen_action.trigger()
    qtbot.waitUntil(window.isFullScreen)
    qtbot.wait(20)
    before = _state(window)
    menu_item = window.findChild(QAction, "actionPresentationMode")
    assert menu_item in window.view_menu.actions()
    assert menu_item.shortcut().toString() == "F5"
    menu_item.trigger()
    assert window.presenting
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not window.presenting
    assert _state(window) == before
    assert window.full_screen_action.isChecked()


def test_the_current_step_gets_a_thick_fixed_width_ring_in_both_views(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_Right)

    def rings(view):
        return [item for item in view.scene().items() if isinstance(item, QGraphicsPathItem)
                and item.pen().color() == PRESENTATION_GLOW and item.pen().isCosmetic()]

    assert rings(window.network_view) == []
    _present(window, qtbot)
    ring = rings(window.network_view)
    assert len(ring) == 1
    assert ring[0].pen().widthF() == PRESENTATION_PX[1]
    black = [item for item in window.network_view.scene().items() if isinstance(item, QGraphicsPathItem)
             and item.pen().isCosmetic() and item.pen().color() == QColor("#000000")]
    assert len(black) == 1
    assert black[0].pen().widthF() > ring[0].pen().widthF() >= 8  # black on both sides
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert len(rings(window.network_view)) == 1  # it follows the step
    window.tabs.setCurrentWidget(window.graph_view)
    qtbot.waitUntil(window.graph_view.isVisible)
    assert rings(window.graph_view)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert rings(window.network_view) == []
    assert rings(window.graph_view) == []


def test_the_presentation_settings_belong_to_the_machine_not_the_lesson(window, qtbot):
    _present(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # larger, for this room
    larger = TEXT_SCALE[2] * 1.15
    assert window.font_scale == pytest.approx(larger)
    assert QSettings().value("presentation/textScale", type=float) == pytest.approx(larger)
    assert QSettings().value("fontScale") is None  # the everyday size is not touched
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.font_scale == pytest.approx(1.0)
    assert "presentation" not in json.dumps(json.loads(window.current_document().to_json())).lower()

    def choose():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        assert dialog.objectName() == "presentationSettingsDialog"
        dialog.view_box.setCurrentIndex(dialog.view_box.findData("graph"))
        dialog.blank_box.setCurrentIndex(dialog.blank_box.findData("white"))
        dialog.scale_box.setValue(200)
        dialog.accept()

    QTimer.singleShot(0, choose)
    window.findChild(QAction, "actionPresentationSettings").trigger()
    other = MainWindow()  # another window on this machine
    qtbot.addWidget(other)
    other.open_path(LECTURE, remember=False)
    other.show()
    qtbot.waitExposed(other)
    _present(other, qtbot)
    assert other.tabs.currentWidget() is other.graph_view
    assert other.font_scale == pytest.approx(2.0)
    qtbot.keyClick(other, Qt.Key.Key_B)
    assert other.grab().toImage().pixelColor(10, 10) == QColor("#FFFFFF")
    qtbot.keyClick(other, Qt.Key.Key_B)
    qtbot.keyClick(other, Qt.Key.Key_Escape)
    assert not other.presenting


def test_a_lesson_opened_while_presenting_is_presented_too(window, qtbot, repo_root):
    _present(window, qtbot)
    assert window.open_path(repo_root / "resources" / "examples" / "xor.json", remember=False)
    qtbot.wait(20)
    assert window.network_view.property("presenting")
    assert window.graph_view.property("presenting")
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.lesson.stepper.position == 1
    window.close()  # closing while presenting saves the window as it was before
    assert QSettings().value("highContrast", type=bool) is False
    window.undo_stack.setClean()


def test_the_toolbar_button_enters_and_leaves(window, qtbot):
    before = _state(window)
    button = window.step_toolbar.widgetForAction(window.presentation_action)
    assert button is not None
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.isFullScreen)
    assert window.presenting
    assert button.isChecked()
    button.click()  # on this 800-pixel test screen it sits in the toolbar's » menu (it is shown at 1280×720 and
    # larger: tests/gui/test_presentation_fit.py)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not window.presenting
    assert _state(window) == before
