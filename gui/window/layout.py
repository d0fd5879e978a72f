"""The main window's layout and appearance: zoom, text size, dock sizes, screen fit and the saved settings."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QRectF, QSettings, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtWidgets import QApplication, QDockWidget, QTabBar

from engine.lesson import NetworkLesson

from ..lesson.inspector import RESULT_ANCHOR
from ..presentation import apply_theme

DEFAULT_SIZE = (1400, 860)  # the first window, when the screen has room for it
INSPECTOR_SHARE, INSPECTOR_WIDTH = 0.3, (340, 520)  # of the window's width, and its limits in pixels
BOTTOM_ROOM, BOTTOM_HEIGHT = 570, (150, 240)  # the step log / training plots: what the window has over this
MIN_FONT_SCALE, MAX_FONT_SCALE = 0.5, 4.0

_base_font: QFont | None = None  # the application's font before any Larger / Smaller


def default_dock_sizes(width: int, height: int) -> tuple[int, int]:
    """(inspector width, bottom dock height) in pixels for a window of ``width`` × ``height``: the diagram
    gets most of the room, the inspector enough for a formula, the step log and the plots enough to read."""
    inspector = round(min(INSPECTOR_WIDTH[1], max(INSPECTOR_WIDTH[0], INSPECTOR_SHARE * width)))
    bottom = round(min(BOTTOM_HEIGHT[1], max(BOTTOM_HEIGHT[0], height - BOTTOM_ROOM)))
    return inspector, bottom


def result_rect(doc: QTextDocument) -> QRectF | None:
    """Where the step's result (the inspector's anchor ``RESULT_ANCHOR``) is in ``doc``: the blocks it is in,
    whatever size a long formula was made smaller to; None when the inspector shows no result."""
    found = None
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if RESULT_ANCHOR in it.fragment().charFormat().anchorNames():
                rect = doc.documentLayout().blockBoundingRect(block)
                found = rect if found is None else found.united(rect)
                break
            it += 1
        block = block.next()
    return found


class WindowLayoutMixin:
    """Zoom, text size, dock sizes, geometry and saved settings of MainWindow (a mixin of MainWindow)."""

    def zoom_in(self) -> None:
        self.set_font_scale(self.font_scale * 1.15)

    def zoom_out(self) -> None:
        self.set_font_scale(self.font_scale / 1.15)

    def zoom_reset(self) -> None:
        self.set_font_scale(1.0)

    def set_font_scale(self, scale: float) -> None:
        self.font_scale = max(MIN_FONT_SCALE, min(MAX_FONT_SCALE, scale))
        QSettings().setValue("fontScale", self.font_scale)
        self._apply_font_scale()

    def _apply_font_scale(self) -> None:
        """Every text of the window follows the scale: the application's font (menus, toolbar, tabs, docks,
        the training panel, dialogs), the inspector, the diagrams and the step log."""
        global _base_font
        app = QApplication.instance()
        if _base_font is None:
            _base_font = QFont(app.font())
        font = QFont(_base_font)
        if _base_font.pointSizeF() > 0:
            font.setPointSizeF(_base_font.pointSizeF() * self.font_scale)
        else:
            font.setPixelSize(round(_base_font.pixelSize() * self.font_scale))
        if app.font() != font:
            app.setFont(font)
            app.sendPostedEvents(None, QEvent.Type.ApplicationFontChange.value)  # every widget now, not later
            if app.styleSheet():  # the widgets a style sheet styles (the high-contrast theme) skip that change:
                app.setStyleSheet(app.styleSheet())  # repolished, they take the new font too, hidden ones as well
        if self.inspector is not None:
            self.inspector.set_font_scale(self.font_scale)
        if self.network_view is not None:
            self.network_view.set_font_scale(self.font_scale)
        if self.graph_view is not None:
            self.graph_view.set_font_scale(self.font_scale)
        if self.step_log is not None:
            log = self.step_log
            font = log.font()
            font.setPointSizeF(11 * self.font_scale)
            log.setFont(font)
            log.verticalHeader().setDefaultSectionSize(int(28 * self.font_scale))
            log.scale_columns(self.font_scale)
            QTimer.singleShot(0, lambda: log.scrollTo(log.currentIndex()))  # once the rows have their height
        self._reveal_result()

    def fit_view(self) -> None:
        view = self.tabs.currentWidget()
        if hasattr(view, "fit"):
            view.fit()

    def toggle_weight_labels(self, checked: bool) -> None:
        self._labels_chosen = True
        if self.network_view is not None:
            self.network_view.set_weight_labels_visible(checked)

    def toggle_high_contrast(self, checked: bool) -> None:
        apply_theme(checked)

    def toggle_full_screen(self, checked: bool) -> None:
        self.showFullScreen() if checked else self.showNormal()
        QTimer.singleShot(0, self._default_dock_sizes)  # the new window size decides the docks' sizes

    # ------------------------------------------------------------------ docks
    def _docks(self):
        """(inspector and training panel, step log and training plots), each with the one in front first."""
        training = self.training
        return [self.inspector_dock, training.panel_dock], [self.log_dock, training.plots_dock]

    def _default_dock_sizes(self) -> None:
        """The sizes of ``default_dock_sizes`` for the window's present size."""
        width, bottom = default_dock_sizes(self.width(), self.height())
        right, below = self._docks()
        shown = [dock for dock in below if dock.isVisible() and not dock.visibleRegion().isEmpty()][:1]
        self.resizeDocks(right, [width] * len(right), Qt.Orientation.Horizontal)
        self.resizeDocks(shown or below[:1], [bottom], Qt.Orientation.Vertical)  # the tab in front: the group
        QTimer.singleShot(0, self._hide_stray_tab_bars)  # once the dock groups have their places

    def reset_layout(self) -> None:
        """View ▸ Reset layout: the inspector and the training panel at the right, the step log and the
        training plots below the diagram, the first of each in front, at the default sizes."""
        right, below = self._docks()
        for docks, area in ((right, Qt.DockWidgetArea.RightDockWidgetArea),
                            (below, Qt.DockWidgetArea.BottomDockWidgetArea)):
            for dock in docks:
                dock.setFloating(False)
                self.addDockWidget(area, dock)
                dock.show()
        for docks in (right, below):
            for dock in docks[1:]:
                self.tabifyDockWidget(docks[0], dock)
            docks[0].raise_()
        self.step_toolbar.show()
        self._hidden_for_lesson = set()
        self._fit_docks_to_lesson()
        self._default_dock_sizes()
        QTimer.singleShot(0, self.fit_view)  # once the docks have their sizes

    def _hide_stray_tab_bars(self) -> None:
        """Qt (6.x) leaves a stray tab bar on screen when two dock areas hold tabbed docks; it shows
        through the top of the bottom docks at 1280×720. A dock group's own bar sits right under its docks."""
        bottoms = [dock.geometry().bottom() for dock in self.findChildren(QDockWidget) if dock.isVisible()]
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if bar.isVisible() and bottoms and min(abs(bar.geometry().top() - b) for b in bottoms) > 6:
                bar.hide()

    def _fit_docks_to_lesson(self) -> None:
        """An expression lesson shows nothing that does not apply: no training docks, no sample box or
        granularity; a network lesson brings back what was hidden for the expression."""
        network = isinstance(self.lesson, NetworkLesson)
        hidden = getattr(self, "_hidden_for_lesson", set())
        for dock in (self.training.panel_dock, self.training.plots_dock):
            dock.toggleViewAction().setVisible(network)
            if not network and dock.isVisible():
                hidden.add(dock.objectName())
                dock.hide()
            elif network and dock.objectName() in hidden:
                hidden.discard(dock.objectName())
                dock.show()
        self._hidden_for_lesson = hidden
        for action in self.network_tools:
            action.setVisible(network)
        if network:
            self.inspector_dock.raise_()
        followed = getattr(self, "_result_lesson", None)
        if followed is not self.lesson:
            if followed is not None:
                followed.stepped.disconnect(self._reveal_result)
            self._result_lesson = self.lesson
            if self.lesson is not None:
                self.lesson.stepped.connect(self._reveal_result)
        self._reveal_result()

    def _reveal_result(self) -> None:
        """Scroll the inspector, when its text is taller than it, so that the step's result line (the
        large bold text) is whole on screen: the result is never clipped, whatever the formula's length."""
        if not shiboken6.isValid(self):
            return  # the window is gone; the (Qt-free) lesson may outlive it
        inspector = self.inspector
        if inspector is None:
            return
        doc = inspector.document()
        doc.setTextWidth(inspector.viewport().width())
        found = result_rect(doc)
        bar = inspector.verticalScrollBar()
        if found is None or bar.maximum() == 0:
            return
        top, bottom = found.top(), found.bottom()
        height, value = inspector.viewport().height(), bar.value()
        if bottom > value + height:
            value = bottom - height
        if top < value:
            value = top  # a result taller than the inspector shows its beginning
        bar.setValue(round(value))

    # ------------------------------------------------------------------ geometry
    def _available(self):
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def _fits_screen(self) -> bool:
        return self._available().contains(self.frameGeometry())

    def _default_geometry(self) -> None:
        """1400×860 where there is room, never larger than the screen (1366×768 laptops, 720p projectors)."""
        available = self._available()
        self.setWindowState(Qt.WindowState.WindowNoState)
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders
        width = min(DEFAULT_SIZE[0], available.width() - frame.width())
        height = min(DEFAULT_SIZE[1], available.height() - frame.height())
        self.resize(width, height)
        self.move(available.x() + (available.width() - width - frame.width()) // 2,
                  available.y() + (available.height() - height - frame.height()) // 2)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._placed:  # the title bar and borders are known once shown: fit them too
            self._placed = True
            if not self.isFullScreen() and not self.isMaximized() and not self._fits_screen():
                self._default_geometry()
            if not self._restored_docks:
                QTimer.singleShot(0, self.reset_layout)  # for the size the window really got

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("geometry")
        fits = geometry is not None and self.restoreGeometry(geometry) and self._fits_screen()
        if not fits:
            self._default_geometry()  # first start, or saved on a larger screen than this one
        state = settings.value("windowState")
        # Docks sized for another screen would squeeze the diagram here: then the defaults for this one.
        self._restored_docks = state is not None and self.restoreState(state) and fits
        try:
            scale = float(settings.value("fontScale", 1.0))
            self.font_scale = max(MIN_FONT_SCALE, min(MAX_FONT_SCALE, scale)) if scale == scale else 1.0
        except (TypeError, ValueError):
            self.font_scale = 1.0  # a damaged setting must not stop the app from starting
        self.weight_labels_action.setChecked(settings.value("weightLabels", True, type=bool))
        if settings.value("highContrast", False, type=bool):
            self.high_contrast_action.setChecked(True)
            apply_theme(True)
