"""Presentation mode (F5, View ▸ Presentation mode, the toolbar's button): the classroom's layout.

Entering it puts the window in full screen with the diagram or the graph and the inspector only
(the step log and the training docks hidden; View's dock toggles bring them back; the status bar,
the tabs and the toolbar's boxes hidden; the menus and the step buttons stay), the text scaled for
the back of the room, the high-contrast theme on, the current step ringed for a projector and
everything fitted. Leaving it (F5 again, or Esc) restores the theme, the text size, the docks, the
geometry and the window state exactly as they were.

While presenting, a clicker's keys work wherever the focus is (``Presenter.eventFilter``, on the
application): PageDown, →, ↓ and Space step forward, PageUp, ← and ↑ step back, B (or .) blanks the
screen and any key or B again brings it back, Esc leaves. A text box being typed in keeps its keys.
The settings (text scale, view shown, blank colour) are the machine's: presentation_settings.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QDockWidget, QLineEdit, QWidget, QWidgetAction

from .presentation_settings import PresentationSettings, PresentationSettingsDialog, clamp_scale

INSPECTOR_SHARE = 0.36  # of the screen's width: room for a formula at the presentation's text size
FORWARD = (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space)
BACK = (Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up)
BLANK = (Qt.Key.Key_B, Qt.Key.Key_Period)
MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr)
FREE = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.KeypadModifier


@dataclass(frozen=True)
class _Before:
    """What presentation mode changes, as it was before."""

    normal: QRect  # the window's own rectangle when it is neither maximized nor full screen
    state: QByteArray
    window_state: Qt.WindowState
    full_screen_checked: bool
    high_contrast: bool
    font_scale: float
    status_bar: bool
    tab_bar: bool
    tab: int
    tools: tuple  # the step toolbar's boxes and separators presentation mode hid


class BlankScreen(QWidget):
    """The whole window in one colour (B); a click brings the lesson back."""

    def __init__(self, window: QWidget, on_click) -> None:
        super().__init__(window)
        self.setObjectName("presentationBlank")
        self.colour = QColor("#000000")
        self._on_click = on_click
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.hide()

    def paintEvent(self, event) -> None:
        QPainter(self).fillRect(self.rect(), self.colour)

    def mousePressEvent(self, event) -> None:
        self._on_click()


class Presenter(QObject):
    """The clicker's keys (an application event filter while presenting), the blank screen and the settings."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("presenter")
        self.window = window
        self.settings = PresentationSettings.load()
        self.blank = BlankScreen(window, self.unblank)

    def listen(self, on: bool) -> None:
        app = QApplication.instance()
        app.installEventFilter(self) if on else app.removeEventFilter(self)
        if not on:
            self.unblank()

    # ------------------------------------------------------------------ the blank screen
    def toggle_blank(self) -> None:
        if self.blank.isVisible():
            self.unblank()
            return
        self.blank.colour = QColor(self.settings.blank_colour())
        self.blank.setGeometry(self.window.rect())
        self.blank.show()
        self.blank.raise_()

    def unblank(self) -> None:
        self.blank.hide()

    # ------------------------------------------------------------------ keys, wherever the focus is
    def _ours(self, obj) -> bool:
        if not isinstance(obj, QWidget):
            return False
        top = obj.window()
        return top is self.window or (isinstance(top, QDockWidget) and top.parent() is self.window)

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Close and obj is self.window:
            self.window.leave_presentation()  # the window then saves its geometry and docks as they were
            return False
        if kind == QEvent.Type.Resize and obj is self.window and self.blank.isVisible():
            self.blank.setGeometry(self.window.rect())
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or not self._ours(obj):
            return False
        key = event.key()
        if self.blank.isVisible():  # any key brings the lesson back, and does nothing else
            if key in MODIFIER_KEYS:
                return False
            if kind == QEvent.Type.KeyPress:
                self.unblank()
            event.accept()
            return True
        if event.modifiers() & ~FREE:
            return False
        if isinstance(obj, QLineEdit) and not isinstance(obj.parent(), QAbstractSpinBox):
            return False  # a number being typed keeps its keys
        w = self.window
        if key in FORWARD:
            run = w.step_forward_action.trigger
        elif key in BACK:
            run = w.step_back_action.trigger
        elif key in BLANK:
            run = self.toggle_blank
        elif key == Qt.Key.Key_Escape:
            run = w.leave_presentation
        else:
            return False
        event.accept()  # a ShortcutOverride accepted: the press comes here, not to the window's shortcut
        if kind == QEvent.Type.KeyPress:
            run()
        return True


class PresentingMixin:
    """Entering and leaving presentation mode (a mixin of MainWindow; keys and blank screen: ``Presenter``)."""

    def _create_presenter(self) -> None:
        self.presentation_action = self.actions_by_name["actionPresentationMode"]
        self.presenter = Presenter(self)
        self._before_presenting: _Before | None = None
        self.lesson_changed.connect(self._on_presented_lesson_changed)

    @property
    def presenting(self) -> bool:
        return getattr(self, "_before_presenting", None) is not None

    def toggle_presentation(self, checked: bool | None = None) -> None:
        """Enter presentation mode, or leave it."""
        self.leave_presentation() if self.presenting else self.enter_presentation()

    def enter_presentation(self) -> None:
        if self.presenting:
            return
        self.presenter.settings = settings = PresentationSettings.load()
        self._before_presenting = before = _Before(
            self.normalGeometry(), self.saveState(), self.windowState(),
            self.full_screen_action.isChecked(), self.high_contrast_action.isChecked(), self.font_scale,
            self.statusBar().isVisible(), self.tabs.tabBar().isVisible(),
            self.tabs.currentIndex(), self._toolbar_boxes())
        self._show_presented_view()
        for dock in (self.log_dock, self.training.panel_dock, self.training.plots_dock):
            dock.hide()
        if self.inspector_dock.isFloating():
            self.inspector_dock.setFloating(False)
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        self.statusBar().hide()
        self.tabs.tabBar().hide()
        for action in before.tools:  # the buttons only: they fit a 1280-pixel screen
            action.setVisible(False)
        self.full_screen_action.setChecked(True)
        self.showFullScreen()
        self._keep_toolbar_text(QApplication.font())  # the teacher's buttons: the everyday size, to fit 1280 px
        self._set_presented_theme(True)
        self.font_scale = settings.text_scale
        self._apply_font_scale()
        self._mark_views(True)
        self.presenter.listen(True)
        self.presentation_action.setChecked(True)
        self._arrange_presentation()
        QTimer.singleShot(0, self._arrange_presentation)  # once the platform has made the window full screen

    def leave_presentation(self) -> None:
        before, self._before_presenting = self._before_presenting, None
        if before is None:
            return
        self.presenter.listen(False)
        self._mark_views(False)
        # The text size before the theme: a dock still hidden takes the application's font when the style
        # sheet changes, and would come back at the presentation's size (and widen the window).
        self._keep_toolbar_text(None)
        self.font_scale = before.font_scale
        self._apply_font_scale()
        self._set_presented_theme(before.high_contrast)
        self.statusBar().setVisible(before.status_bar)
        self.tabs.tabBar().setVisible(before.tab_bar)
        self.tabs.setCurrentIndex(before.tab)
        for action in before.tools:
            action.setVisible(True)
        self.setWindowState(before.window_state)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)  # the normal text's layout now:
        self.layout().activate()  # pending, it would change the window's and the docks' sizes after them
        if not before.window_state & (Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowMaximized):
            self.setGeometry(before.normal)  # restoreGeometry would place it by a frame it guesses
        self.restoreState(before.state)
        self.full_screen_action.setChecked(before.full_screen_checked)
        self.presentation_action.setChecked(False)

    def show_presentation_settings(self) -> None:
        dialog = PresentationSettingsDialog(self.presenter.settings, self)
        if dialog.exec():
            chosen = dialog.chosen()
            chosen.save()
            self.presenter.settings = chosen
            if self.presenting:
                self.set_font_scale(chosen.text_scale)
                self._show_presented_view()
                self.fit_view()

    def set_font_scale(self, scale: float) -> None:
        """While presenting, Ctrl+= and Ctrl+- change the presentation's own text size (remembered)."""
        if not self.presenting:
            super().set_font_scale(scale)
            return
        settings = self.presenter.settings
        settings.text_scale = self.font_scale = clamp_scale(scale)
        settings.save()
        self._apply_font_scale()

    def _keep_toolbar_text(self, font: QFont | None) -> None:
        """The step toolbar's text at ``font``'s size whatever the application's font (None: follow it again).
        A style sheet, as the high-contrast theme's one styles the buttons and a widget's own font would not."""
        size = "" if font is None else (f"{font.pointSizeF()}pt" if font.pointSizeF() > 0 else f"{font.pixelSize()}px")
        self.step_toolbar.setStyleSheet(f"QToolBar, QToolBar * {{ font-size: {size}; }}" if size else "")

    def _toolbar_boxes(self) -> tuple:
        return tuple(a for a in self.step_toolbar.actions()
                     if a.isVisible() and (a.isSeparator() or isinstance(a, QWidgetAction)))

    def _set_presented_theme(self, high_contrast: bool) -> None:
        self.high_contrast_action.setChecked(high_contrast)
        self.toggle_high_contrast(high_contrast)

    def _show_presented_view(self) -> None:
        view = {"diagram": self.network_view, "graph": self.graph_view}.get(self.presenter.settings.view)
        if view is not None and self.tabs.indexOf(view) >= 0:
            self.tabs.setCurrentWidget(view)

    def _mark_views(self, presenting: bool) -> None:
        for view in (self.network_view, self.graph_view):
            if view is not None:
                view.set_presenting(presenting)

    def _arrange_presentation(self) -> None:
        """The inspector's share of the screen, then Fit."""
        if not self.presenting:
            return
        self.resizeDocks([self.inspector_dock], [round(self.width() * INSPECTOR_SHARE)], Qt.Orientation.Horizontal)
        QApplication.processEvents()  # the view takes its new size before it is fitted
        self.fit_view()

    def _on_presented_lesson_changed(self) -> None:
        if self.presenting:  # new views: ring them for the projector too, and fit them
            self._show_presented_view()
            self._mark_views(True)
            QTimer.singleShot(0, self._arrange_presentation)
