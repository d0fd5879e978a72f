"""A QGraphicsView that zooms around the cursor, pans by dragging the background and fits.

Only zoom, pan and fit: what a lesson view adds (the lesson followed, fonts, the message shown
when nothing can be drawn, clicks and the inline number editor) is ``gui.views.lesson_view.LessonView``.
Zoom is a uniform scale kept between ``MIN_ZOOM`` and ``MAX_ZOOM``; ``zoom_changed`` reports
the new scale after every change.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget


class ZoomableView(QGraphicsView):
    """Wheel zoom under the cursor, drag-to-pan, ``zoom_in``/``zoom_out``/``fit``."""

    zoom_changed = Signal(float)

    MIN_ZOOM = 0.05
    MAX_ZOOM = 8.0
    STEP = 1.25  # one zoom_in / zoom_out
    FIT_MARGIN = 24.0  # scene units around the fitted rectangle
    FIT_MAX_ZOOM = 2.0  # fitting a tiny scene never magnifies beyond this

    def __init__(self, scene: QGraphicsScene | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(scene if scene is not None else QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._auto_fit = True  # refit on resize until the user zooms by hand
        self._content_rect = QRectF()  # what the view draws; subclasses set it when they build

    # ------------------------------------------------------------------ zoom state
    def zoom(self) -> float:
        """The current scale (1.0 = one scene unit per pixel)."""
        return float(self.transform().m11())

    def set_zoom(self, value: float) -> None:
        """Set an absolute scale, clamped, keeping the view's centre."""
        self._scale_by(value / max(self.zoom(), 1e-12), QGraphicsView.ViewportAnchor.AnchorViewCenter)

    def zoom_in(self) -> None:
        self._auto_fit = False
        self._scale_by(self.STEP, QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self._keep_step_in_view()

    def zoom_out(self) -> None:
        self._auto_fit = False
        self._scale_by(1.0 / self.STEP, QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self._keep_step_in_view()

    def _keep_step_in_view(self) -> None:
        """After a zoom: bring what the view follows (a lesson's current step) back on screen if it left."""

    def fit(self) -> None:
        """Show the whole scene, keeping the aspect ratio, and refit on later resizes.

        Nothing is ever left out: the scale goes as low as the scene needs (down to ``MIN_ZOOM``), and
        no higher than ``FIT_MAX_ZOOM`` for a tiny scene."""
        self._auto_fit = True
        rect = self.fit_rect()
        if rect.isEmpty():
            return
        m = self.FIT_MARGIN
        before = self.zoom()
        self.fitInView(rect.adjusted(-m, -m, m, m), Qt.AspectRatioMode.KeepAspectRatio)
        limit = min(self.MAX_ZOOM, self.FIT_MAX_ZOOM)
        fitted = self.zoom()
        if fitted > limit or fitted < self.MIN_ZOOM:
            clamped = max(self.MIN_ZOOM, min(limit, fitted))
            self.setTransform(QTransform.fromScale(clamped, clamped))
            self.centerOn(rect.center())
        if abs(self.zoom() - before) > 1e-9:
            self.zoom_changed.emit(self.zoom())

    def fit_rect(self) -> QRectF:
        """What ``fit`` shows. Subclasses may narrow it; by default every item."""
        scene = self.scene()
        return QRectF() if scene is None else scene.itemsBoundingRect()

    def _scale_by(self, factor: float, anchor: QGraphicsView.ViewportAnchor | None = None) -> None:
        current = self.zoom()
        target = max(self.MIN_ZOOM, min(self.MAX_ZOOM, current * factor))
        if abs(target - current) < 1e-9:
            return
        previous = self.transformationAnchor()
        if anchor is not None:
            self.setTransformationAnchor(anchor)
        self.scale(target / current, target / current)
        self.setTransformationAnchor(previous)
        self.zoom_changed.emit(self.zoom())

    def _clamped_centre(self, point: QPointF) -> QPointF:
        """``point``, moved so that a view centred there shows no more empty paper than it must."""
        vp = self.viewport().rect()
        z = max(self.zoom(), 1e-6)
        half_w, half_h = vp.width() / (2 * z), vp.height() / (2 * z)
        m = self.FIT_MARGIN
        c = self._content_rect.adjusted(-m, -m, m, m)
        x = c.center().x() if c.width() <= 2 * half_w else min(max(point.x(), c.left() + half_w), c.right() - half_w)
        y = c.center().y() if c.height() <= 2 * half_h else min(max(point.y(), c.top() + half_h), c.bottom() - half_h)
        return QPointF(x, y)

    # ------------------------------------------------------------------ events
    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            event.ignore()
            return
        self._auto_fit = False
        # 120 units per notch; one notch zooms by about 15 %.
        self._scale_by(1.0015 ** delta, QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._keep_step_in_view()
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit()
