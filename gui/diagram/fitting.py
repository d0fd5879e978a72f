"""Fitting the network diagram to the viewport: the layer spread, and keeping the current step on screen."""

from __future__ import annotations

import math
from itertools import pairwise

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtWidgets import QToolTip

from engine.formula import value_text

from ..lesson.exercise import shown
from ..views.diagram_items import (
    dist,
    nearest_on,
)
from .layout import (
    BARE_RADIUS,
    HEADING_PAD,
    HEADING_PX,
    LOSS_GAP,
    MAX_SPREAD,
    MIN_RADIUS,
    MIN_SPREAD,
    RADIUS,
    SMALL_PX,
    TEXT_FLOOR_PX,
    THIN_GAP,
    base_gap,
)


class DiagramFitting:
    """Chooses the layer spread and how much the diagram shows, and follows the step in a NetworkView
    (a mixin of NetworkView).

    Fit must show the whole diagram with every text at least TEXT_FLOOR_PX high on screen. It tries,
    in order: the full drawing (biases, z and δ under each neuron, weight labels), then a thinned one
    (circles stacked closely, their numbers in a hover tip), then a thinned one with smaller circles
    (a circle too small for its symbol shows none), then a bare one for a deep network too wide for the
    screen: only circles and headings, the targets and J left to the loss's hover tip, the columns as
    close as their headings allow. Each time the layers spread out or close up to match the viewport's
    shape. When even the bare drawing does not fit, the smallest thinned one is kept: the whole diagram is
    shown, smaller, with its numbers.
    """

    FIT_MARGIN = 12.0  # scene units around the fitted diagram (its headings and boxes carry their own room)

    def _zoom_floor(self, bare: bool | None = None) -> float:
        """The zoom at which the diagram's smallest text is TEXT_FLOOR_PX high on screen (a bare diagram's
        smallest is a heading); ``bare`` None: the diagram as it is."""
        bare = self._bare if bare is None else bare
        return TEXT_FLOOR_PX / ((HEADING_PX if bare else SMALL_PX) * self._font_scale)

    def _fit_zoom(self) -> float:
        """The zoom ``fit`` would choose for the drawing as it is."""
        rect, m = self._content_rect, self.FIT_MARGIN
        vw, vh = self.viewport().width(), self.viewport().height()
        return min(self.FIT_MAX_ZOOM, self.MAX_ZOOM, vw / (rect.width() + 2 * m), vh / (rect.height() + 2 * m))

    def _choose_layout(self) -> None:
        """Pick the spread, the thinning and the circles' size for the viewport (see the class)."""
        vw, vh = self.viewport().width(), self.viewport().height()
        if self._content_rect.isEmpty() or vw < 100 or vh < 100:
            return
        floor = self._zoom_floor(bare=False) * 1.01  # fitInView keeps a few pixels of its own
        if self._spread_to_fit(False, 1.0) >= floor or self._shrink_to_fit(floor, False):
            return
        thinned = self._node_scale
        if not self._shrink_to_fit(self._zoom_floor(bare=True) * 1.01, True):
            self._spread_to_fit(True, thinned)  # not even bare fits: the thinned drawing, smaller, keeps its numbers

    def _shrink_to_fit(self, floor: float, bare: bool) -> bool:
        """Thin the diagram (``bare``: down to its circles and headings, the columns as close as their
        headings allow) with circles as large as the height and the columns leave; True when it fits."""
        vh = self.viewport().height()
        rows = max(len(slots) for slots in self._shown)
        smallest = MIN_RADIUS / RADIUS
        unit = RADIUS * self._font_scale
        cap = min(1.0, BARE_RADIUS * self._heading_gaps()[0] / unit) if bare else 1.0
        scale = cap
        for _ in range(5):  # what is not a circle barely changes with the circles' size: a few rounds settle it
            if self._spread_to_fit(True, scale, bare) >= floor:
                return True
            if scale <= smallest:
                return False
            top = self._content_rect.height() - self._column_height(rows)  # headings, targets, what hangs below
            room = vh / floor - 2 * self.FIT_MARGIN - top
            radius = 0.98 * room / ((2 + THIN_GAP) * rows - THIN_GAP)
            scale = max(smallest, min(cap, self._node_scale, radius / unit))
        return False

    def _column_height(self, rows: int) -> float:
        """From the top of a thinned column's first circle to the bottom of its last."""
        return ((2 + THIN_GAP) * rows - THIN_GAP) * self._radius()

    def _spread_to_fit(self, thin: bool, node_scale: float, bare: bool = False) -> float:
        """Lay the diagram out thinned (and bare) or not, with circles of ``node_scale``, and the spread that
        makes it as wide as the viewport at the zoom its height allows; returns the zoom fit will then use."""
        vw, vh, m = self.viewport().width(), self.viewport().height(), self.FIT_MARGIN
        wanted_look = (thin, bare, round(node_scale, 3))
        if wanted_look != (self._thin, self._bare, round(self._node_scale, 3)):
            self._thin, self._bare, self._node_scale = thin, bare, node_scale
            self._relayout()
        least = self._least_spread()
        for _ in range(3):  # the width is nearly linear in the spread: a few corrections settle it
            rect = self._content_rect
            zoom = min(self.FIT_MAX_ZOOM, self.MAX_ZOOM, vh / (rect.height() + 2 * m))
            gap = base_gap(self._font_scale) * self._spread
            gaps = self._scaled_gaps()
            fixed = rect.width() - gaps * gap  # what does not grow with the spread
            wanted = (vw / zoom - 2 * m - fixed) / max(gaps, 1) / base_gap(self._font_scale)
            spread = max(least, math.floor(min(MAX_SPREAD, wanted) * 20) / 20)  # in 1/20s, never wider than wanted
            if 0 <= spread - self._spread < 0.04:  # close enough, and not too wide
                break
            self._spread = spread
            self._relayout()
        return self._fit_zoom()

    def _least_spread(self) -> float:
        """The spread the columns may close up to: MIN_SPREAD, or in a bare diagram as close as the
        headings allow."""
        if not self._bare:
            return MIN_SPREAD
        return min(MIN_SPREAD, self._heading_gaps()[0] / base_gap(self._font_scale))

    def _loss_gap(self) -> float:
        """The least distance from the output column to the loss: room for the targets, or in a bare
        diagram (which leaves the targets to the loss's hover tip) room for the two headings."""
        return self._heading_gaps()[1] if self._bare else LOSS_GAP * self._font_scale

    def _heading_gaps(self) -> tuple[float, float]:
        """How close two layer columns, and the output and the loss, may be with their headings apart."""
        widths = [self._heading_width(text) + 2 * HEADING_PAD for text in self._heading_texts()]
        room = 14.0 * self._font_scale
        layers = max((a + b) / 2 for a, b in pairwise(widths[:-1])) + room
        return layers, (widths[-2] + widths[-1]) / 2 + room

    def _scaled_gaps(self) -> int:
        """How many gaps between columns follow the spread (the loss keeps its own gap when that is wider)."""
        layers = len(self._sizes)
        return layers if base_gap(self._font_scale) * self._spread >= self._loss_gap() else layers - 1

    def _show_thin_tip(self, key: tuple | None, where: QPoint) -> None:
        """In a thinned diagram, hovering a neuron or a weight shows what the drawing left out."""
        if not self._thin:
            return
        text = self._thin_text(key) if key is not None else ""
        if text:
            QToolTip.showText(where, text, self.viewport())
        else:
            QToolTip.hideText()

    def _thin_text(self, key: tuple) -> str:
        """A neuron's symbol, value, z, δ and bias, or a weight's symbol and value, one line each (the loss
        of a bare diagram: also J and the targets)."""
        kind = key[0]
        if kind in ("neuron", "loss"):
            lines = []  # every number through the exercise's rule: a hidden one reads "?"
            for node in (self._nodes.get(key), self._z_nodes.get(key),
                         self._nodes.get(("bias", *key[1:])) if kind == "neuron" else None):
                if node is not None:
                    lines.append(f"{node.sym.text} = {value_text(shown(self._lesson, node))}")
            z = self._z_nodes.get(key)
            if z is not None and z.grad is not None:
                lines.append("δ = " + value_text(shown(self._lesson, z, "grad")))
            if kind == "loss" and self._bare:  # what a bare diagram leaves out beside the loss
                if self._objective is not None:
                    lines.append("J = " + value_text(shown(self._lesson, self._objective)))
                for k in self._shown[-1]:
                    target = None if k is None else self._nodes.get(("target", k))
                    if target is not None:
                        lines.append(f"{target.sym.text} = {value_text(target.value)}")
            return "\n".join(lines)
        if kind in ("edge", "bias"):
            node = self._nodes.get(key)
            return "" if node is None else f"{node.sym.text} = {value_text(shown(self._lesson, node))}"
        return ""

    def _relayout(self) -> None:
        """Rebuild the drawing with new positions (the numbers and the highlight come back)."""
        self._close_editor()
        self._build()
        self._last_position = None
        self._on_lesson_stepped()

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
        if item is not None and not item.isVisible() and key[0] == "bias":
            return self._focus_rect_of(("neuron", key[1], key[2]))  # a thinned diagram hides its biases
        return None if item is None else item.sceneBoundingRect()

    def _focus_rect_of(self, key: tuple) -> QRectF | None:
        n = self._neurons.get(key)
        return None if n is None else n.circle.sceneBoundingRect()

    def _keep_step_in_view(self) -> None:
        self._follow_step()

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
