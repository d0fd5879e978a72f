"""A QGraphicsView that zooms around the cursor, pans by dragging the background and fits.

Generic on purpose: the network diagram and the computational-graph view both subclass it.
Zoom is a uniform scale kept between ``MIN_ZOOM`` and ``MAX_ZOOM``; ``zoom_changed`` reports
the new scale after every change.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QLabel, QLineEdit, QToolTip, QWidget


class ZoomableView(QGraphicsView):
    """Wheel zoom under the cursor, drag-to-pan, ``zoom_in``/``zoom_out``/``fit``."""

    zoom_changed = Signal(float)

    MIN_ZOOM = 0.05
    MAX_ZOOM = 8.0
    STEP = 1.25  # one zoom_in / zoom_out
    FIT_MARGIN = 24.0  # scene units around the fitted rectangle
    FIT_MAX_ZOOM = 2.0  # fitting a tiny scene never magnifies beyond this
    FIT_MIN_ZOOM = 0.0  # fitting a big scene never shrinks below this (a subclass's readable size)

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
        self._editor: InlineEditor | None = None
        self._press_pos: QPoint | None = None
        self._lesson = None
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

    def zoom_out(self) -> None:
        self._auto_fit = False
        self._scale_by(1.0 / self.STEP, QGraphicsView.ViewportAnchor.AnchorViewCenter)

    def fit(self) -> None:
        """Show the whole scene, keeping the aspect ratio, and refit on later resizes.

        The scale stays between ``FIT_MIN_ZOOM`` and ``FIT_MAX_ZOOM``; a scene too big to show
        whole at ``FIT_MIN_ZOOM`` is centred on ``_fit_focus`` instead of its middle."""
        self._auto_fit = True
        rect = self.fit_rect()
        if rect.isEmpty():
            return
        m = self.FIT_MARGIN
        before = self.zoom()
        self.fitInView(rect.adjusted(-m, -m, m, m), Qt.AspectRatioMode.KeepAspectRatio)
        limit = min(self.MAX_ZOOM, self.FIT_MAX_ZOOM)
        floor = max(self.MIN_ZOOM, min(limit, self.FIT_MIN_ZOOM))
        fitted = self.zoom()
        if fitted > limit or fitted < floor:
            clamped = max(floor, min(limit, fitted))
            self.setTransform(QTransform.fromScale(clamped, clamped))
            self.centerOn(self._fit_focus(rect) if fitted < floor else rect.center())
        if abs(self.zoom() - before) > 1e-9:
            self.zoom_changed.emit(self.zoom())

    def _fit_focus(self, rect: QRectF) -> QPointF:
        """Where ``fit`` centres a scene too big to show whole at ``FIT_MIN_ZOOM``."""
        return rect.center()

    def fit_rect(self) -> QRectF:
        """What ``fit`` shows. Subclasses may narrow it; by default every item."""
        scene = self.scene()
        return QRectF() if scene is None else scene.itemsBoundingRect()

    def _scale_by(self, factor: float, anchor: QGraphicsView.ViewportAnchor | None = None) -> None:
        self._close_editor()  # an editor laid over the viewport would no longer sit on its item
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

    # ------------------------------------------------------------------ the lesson shown
    def lesson(self):
        return self._lesson

    def set_lesson(self, lesson) -> None:
        """Show another lesson (or none): follow its ``rebuilt`` and ``stepped`` events."""
        if self._lesson is not None:
            self._lesson.rebuilt.disconnect(self._on_lesson_rebuilt)
            self._lesson.stepped.disconnect(self._on_lesson_stepped)
        self._lesson = lesson
        self._forget_lesson_state()
        if lesson is not None:
            lesson.rebuilt.connect(self._on_lesson_rebuilt)
            lesson.stepped.connect(self._on_lesson_stepped)
        self._on_lesson_rebuilt()
        self._on_lesson_stepped()
        self.fit()

    def detach(self) -> None:
        self.set_lesson(None)

    def _forget_lesson_state(self) -> None:
        """Drop what belonged to the previous lesson (selections and the like)."""

    def _on_lesson_rebuilt(self) -> None:
        """The lesson's graph was recompiled."""

    def _on_lesson_stepped(self) -> None:
        """The lesson's stepper moved."""

    # ------------------------------------------------------------------ clicks and the inline editor
    # Subclasses say what is under a point (``_hit``), what a click does (``_clicked``) and
    # whether a double-click opens the inline editor (``_double_clicked``); they commit the
    # editor's text in ``_commit_editor``.
    def _hit(self, view_pos: QPoint):
        return None

    def _clicked(self, key) -> None:
        """A left click that was not a pan."""

    def _double_clicked(self, key) -> bool:
        return False

    def _place_editor(self, key, value: float, scene_center, name: str, scale: float) -> InlineEditor:
        """Open the number editor over a scene point, prefilled with ``value`` and selected."""
        self._close_editor()
        editor = InlineEditor(self, key, self.viewport(), name)
        editor.committed.connect(self._commit_editor)
        editor.cancelled.connect(self._close_editor)
        font = editor.font()
        font.setPixelSize(round(18 * scale))
        editor.setFont(font)
        editor.setText(f"{value:.10g}")
        editor.selectAll()
        hint = QCoreApplication.translate("InlineEditor", "Type a number, then press Enter (Escape cancels)")
        editor.setToolTip(hint)
        editor.resize(max(120, round(117 * scale)), editor.sizeHint().height())
        center = self.mapFromScene(scene_center)
        editor.move(center.x() - editor.width() // 2, center.y() - editor.height() // 2)
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self._editor = editor
        return editor

    def _edit_spec(self, key):
        """What the editor at ``key`` edits (None when nothing there is editable)."""
        return None

    def _edited(self, spec, value: float) -> None:
        """Announce an accepted edit (the views emit ``value_edited``; the model is not touched)."""

    def _commit_editor(self) -> None:
        editor = self._editor
        if editor is None:
            return
        value = editor.number()
        if value is None:
            return  # the editor stays open and says why
        spec = self._edit_spec(editor.key)
        self._close_editor()
        if spec is not None:
            self._edited(spec, value)

    def _close_editor(self) -> None:
        editor, self._editor = self._editor, None
        if editor is not None:
            QToolTip.hideText()
            if editor.note is not None:
                editor.note.deleteLater()
            editor.hide()
            editor.deleteLater()
            self.viewport().setFocus()

    def mousePressEvent(self, event) -> None:
        if self._editor is not None and not self._editor.geometry().contains(event.position().toPoint()):
            self._close_editor()
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        press, self._press_pos = self._press_pos, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position().toPoint() - press).manhattanLength() > 4:
            return  # a pan, not a click
        key = self._hit(press)
        if key is not None:
            self._clicked(key)

    def mouseDoubleClickEvent(self, event) -> None:
        key = self._hit(event.position().toPoint())
        if key is not None and self._double_clicked(key):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if self._editor is not None:
            self._editor.move(self._editor.pos() + QPoint(dx, dy))

    # ------------------------------------------------------------------ events
    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            event.ignore()
            return
        self._auto_fit = False
        # 120 units per notch; one notch zooms by about 15 %.
        self._scale_by(1.0015 ** delta, QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit()


class InlineEditor(QLineEdit):
    """The number editor laid over a view: Enter commits, Escape cancels (the view listens)."""

    committed = Signal()
    cancelled = Signal()

    def __init__(self, view: ZoomableView, key, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.view, self.key = view, key
        self.error = ""
        self.note: QLabel | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.committed.emit()
            event.accept()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            event.accept()
        else:
            super().keyPressEvent(event)

    def number(self) -> float | None:
        """The finite number typed, or None after showing why the text is refused."""
        text = self.text().strip().replace("−", "-").replace("\uff0b", "+")
        try:
            value = float(text)
        except ValueError:
            self.error = QCoreApplication.translate(
                "InlineEditor", "“%1” is not a number. Type a number such as 0.5 or -1.2.").replace("%1", text)
        else:
            if math.isfinite(value):
                return value
            self.error = QCoreApplication.translate(
                "InlineEditor", "Only finite numbers are allowed (not NaN or infinity).")
        self.setStyleSheet("QLineEdit { border: 2px solid #D55E00; background: #FFF3EC; }")
        self.setToolTip(self.error)
        self._show_note()
        return None

    def _show_note(self) -> None:
        """Say why under the editor, in plain sight (a tooltip alone is easy to miss on a projector)."""
        if self.note is None:
            self.note = QLabel(self.parentWidget())
            self.note.setObjectName("editorNote")
            self.note.setStyleSheet("QLabel { background: #FFF3EC; color: #8A2400; border: 2px solid #D55E00;"
                                    " padding: 4px; }")
            self.note.setWordWrap(True)
        self.note.setText(self.error)
        self.note.setFixedWidth(max(self.width(), 260))
        self.note.adjustSize()
        self.note.move(self.x(), self.y() + self.height() + 2)
        self.note.show()
        self.note.raise_()

    def moveEvent(self, event) -> None:
        super().moveEvent(event)
        if self.note is not None:
            self.note.move(self.x(), self.y() + self.height() + 2)
