"""The main window's layout and appearance: zoom, text size, dock sizes, screen fit and the saved settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

from ..presentation import apply_theme

DEFAULT_SIZE = (1400, 860)  # the first window, when the screen has room for it


class WindowLayoutMixin:
    """Zoom, text size, dock sizes, geometry and saved settings of MainWindow (a mixin of MainWindow)."""

    def zoom_in(self) -> None:
        self.set_font_scale(self.font_scale * 1.15)

    def zoom_out(self) -> None:
        self.set_font_scale(self.font_scale / 1.15)

    def zoom_reset(self) -> None:
        self.set_font_scale(1.0)

    def set_font_scale(self, scale: float) -> None:
        self.font_scale = max(0.5, min(4.0, scale))
        QSettings().setValue("fontScale", self.font_scale)
        self._apply_font_scale()

    def _apply_font_scale(self) -> None:
        if self.inspector is not None:
            self.inspector.set_font_scale(self.font_scale)
        if self.network_view is not None:
            self.network_view.set_font_scale(self.font_scale)
        if self.graph_view is not None:
            self.graph_view.set_font_scale(self.font_scale)
        training = getattr(self, "training", None)
        if training is not None:
            training.set_font_scale(self.font_scale)
        if self.step_log is not None:
            font = self.step_log.font()
            font.setPointSizeF(11 * self.font_scale)
            self.step_log.setFont(font)
            self.step_log.verticalHeader().setDefaultSectionSize(int(28 * self.font_scale))
            self.step_log.scale_columns(self.font_scale)

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

    def _default_dock_sizes(self) -> None:
        """The diagram gets most of the room; the inspector is wide enough for a whole formula."""
        self.resizeDocks([self.inspector_dock], [480], Qt.Orientation.Horizontal)
        self.resizeDocks([self.log_dock], [220], Qt.Orientation.Vertical)

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

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("geometry")
        if geometry is None or not self.restoreGeometry(geometry) or not self._fits_screen():
            self._default_geometry()  # first start, or saved on a larger screen than this one
        state = settings.value("windowState")
        if state is not None:
            self.restoreState(state)
        try:
            self.font_scale = max(0.5, min(4.0, float(settings.value("fontScale", 1.0))))
        except (TypeError, ValueError):
            self.font_scale = 1.0  # a damaged setting must not stop the app from starting
        self.weight_labels_action.setChecked(settings.value("weightLabels", True, type=bool))
        if settings.value("highContrast", False, type=bool):
            self.high_contrast_action.setChecked(True)
            apply_theme(True)
