"""Fitting the network diagram to the viewport: the layer spread, and keeping the current step on screen."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from ..views.diagram_items import (
    dist,
    nearest_on,
)
from .layout import (
    MAX_SPREAD,
    base_gap,
)


class DiagramFitting:
    """Chooses the layer spread and follows the step in a NetworkView (a mixin of NetworkView)."""

    def _wanted_spread(self) -> float:
        """The layer spread that makes the diagram as wide as the viewport at the zoom fit will use."""
        rect, gaps = self._content_rect, len(self._sizes)
        vw, vh = self.viewport().width(), self.viewport().height()
        if rect.isEmpty() or gaps < 1 or vw < 100 or vh < 100:
            return self._spread
        m = self.FIT_MARGIN
        base = base_gap(self._font_scale)
        zoom = max(self.MIN_ZOOM, min(self.FIT_MAX_ZOOM, self.MAX_ZOOM, vh / (rect.height() + 2 * m)))
        fixed = rect.width() - gaps * base * self._spread  # headers and boxes that stick out of the columns
        gap = (vw / zoom - 2 * m - fixed) / gaps
        return round(max(1.0, min(MAX_SPREAD, gap / base)) * 20) / 20

    def _relayout(self) -> None:
        """Rebuild the drawing with new positions (the numbers and the highlight come back)."""
        self._close_editor()
        self._build()
        self._last_position = None
        self._on_lesson_stepped()

    def _fit_focus(self, rect: QRectF) -> QPointF:
        focus = self._focus_rect()
        return self._clamped_centre(QPointF(rect.left(), rect.center().y()) if focus is None else focus.center())

    def _focus_rect(self, near: QPointF | None = None) -> QRectF | None:
        """The scene area of the current step's item: a neuron with its boxes, a box, or a piece of
        an edge (its middle, or its point nearest to ``near``: a long edge needs only a piece on screen)."""
        key = self._highlight.item
        if key is None:
            return None
        if key[0] in ("neuron", "loss"):
            n = self._neurons.get(key)
            if n is None:
                return None
            rect = n.circle.sceneBoundingRect()
            for tag in (n.bias, n.z, n.delta):
                if tag is not None and tag.isVisible():
                    rect |= tag.sceneBoundingRect()
            return rect
        if key[0] == "edge":
            line = self._edges.get(key)
            if line is None:
                return None
            p = line.center() if near is None else nearest_on(line, near)
            return QRectF(p.x() - 40, p.y() - 30, 80, 60)
        item = self.item_for(key)
        return None if item is None else item.sceneBoundingRect()

    def _follow_step(self) -> None:
        """When the diagram does not fit on screen, bring the current step back to the middle
        whenever it leaves the middle region of the viewport."""
        vp = self.viewport().rect()
        if vp.width() < 50 or vp.height() < 50:
            return
        visible = self.mapToScene(vp).boundingRect()
        focus = self._focus_rect(near=visible.center())
        if focus is None:
            return
        if visible.contains(self._content_rect.adjusted(1, 1, -1, -1)):
            return  # the whole diagram is on screen: never move it
        dx, dy = max(40, round(vp.width() * 0.15)), max(30, round(vp.height() * 0.15))
        middle = self.mapToScene(vp.adjusted(dx, dy, -dx, -dy)).boundingRect()
        if middle.contains(focus):
            return
        target = self._clamped_centre(focus.center())
        if dist(target, visible.center()) * self.zoom() > 2.0:  # pinned at an edge of the diagram: stay
            self.centerOn(target)
