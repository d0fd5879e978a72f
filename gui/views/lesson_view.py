"""What every lesson view adds to a ``ZoomableView``, written once.

- the lesson it follows (``set_lesson``; hooks for its ``rebuilt`` and ``stepped`` events);
- the font scale (``set_font_scale``) and fonts sized by it (``_font``);
- the message drawn instead of the lesson when there is nothing to draw (``_show_message``);
- clicks that are not pans, and the inline number editor (``InlineEditor``) a double-click opens.

The network diagram and the computational-graph view subclass it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QToolTip,
    QWidget,
)

from .diagram_items import MUTED
from .step_ring import PRESENTING
from .zoom_view import ZoomableView

MIN_FONT_SCALE, MAX_FONT_SCALE = 0.5, 3.0


class LessonView(ZoomableView):
    """A zoomable view of a lesson: its fonts, its message, its clicks and its inline editor."""

    MESSAGE_PX = 18  # the message's pixel size at font scale 1

    def __init__(self, scene: QGraphicsScene | None = None, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self._editor: InlineEditor | None = None
        self._press_pos: QPoint | None = None
        self._lesson = None
        self._font_scale = 1.0
        self._message = ""

    # ------------------------------------------------------------------ fonts
    def set_font_scale(self, scale: float) -> None:
        """Scale every text (and what holds it); 1.0 is the default size."""
        scale = max(MIN_FONT_SCALE, min(MAX_FONT_SCALE, float(scale)))
        if abs(scale - self._font_scale) < 1e-9:
            return
        self._font_scale = scale
        self._on_lesson_rebuilt()
        self._on_lesson_stepped()
        if self._auto_fit:
            self.fit()

    def font_scale(self) -> float:
        return self._font_scale

    def set_presenting(self, presenting: bool) -> None:
        """Ring the current step for a projector (gui/views/step_ring.py), now and at every later step."""
        if bool(self.property(PRESENTING)) != presenting:
            self.setProperty(PRESENTING, presenting)
            self._on_lesson_stepped()

    def _font(self, px: float, bold: bool = False) -> QFont:
        """The view's font at ``px`` pixels times the font scale."""
        font = QFont(self.font())
        font.setPixelSize(max(6, round(px * self._font_scale)))
        font.setBold(bold)
        return font

    # ------------------------------------------------------------------ the message instead of a drawing
    def message(self) -> str:
        """The text shown instead of the lesson (nothing to draw, too large…), else ''."""
        return self._message

    def _show_message(self, text: str) -> None:
        """Draw ``text`` alone on the (cleared) scene and make it what the view fits."""
        self._message = text
        item = QGraphicsSimpleTextItem(text)
        item.setFont(self._font(self.MESSAGE_PX))
        item.setBrush(QBrush(MUTED))
        self.scene().addItem(item)
        self._content_rect = item.sceneBoundingRect()
        self.setSceneRect(self._content_rect.adjusted(-200, -200, 200, 200))

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

    def _place_editor(self, key, value: float, scene_center, name: str) -> InlineEditor:
        """Open the number editor over a scene point, prefilled with ``value`` and selected."""
        self._close_editor()
        scale = self._font_scale
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

    def _scale_by(self, factor: float, anchor: QGraphicsView.ViewportAnchor | None = None) -> None:
        self._close_editor()  # an editor laid over the viewport would no longer sit on its item
        super()._scale_by(factor, anchor)


class InlineEditor(QLineEdit):
    """The number editor laid over a view: Enter commits, Escape cancels (the view listens)."""

    committed = Signal()
    cancelled = Signal()

    def __init__(self, view: LessonView, key, parent: QWidget, name: str) -> None:
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
