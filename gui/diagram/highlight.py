"""The current step on the network diagram: the ring, the lit items and the backward arrows."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen

from engine.formula import value_text as _number
from engine.roles import Role

from ..lesson.exercise import HIDDEN, revealed
from ..views.diagram_items import (
    GRADIENT,
    HIGHLIGHT,
    INK,
    Z_ARROW,
    Z_HALO,
    Z_LABEL,
    Z_RING,
    Highlight,
    Lines,
    Tag,
    arrow_head,
    dist,
    make_pen,
)
from ..views.step_ring import ring_pens
from .layer_index import covers


class DiagramHighlight:
    """Draws the current step's highlight of a NetworkView (a mixin of NetworkView)."""

    def _update_highlight(self) -> None:
        scene = self.scene()
        for item in self._overlays:
            scene.removeItem(item)
        self._overlays.clear()
        self._restore_labels()
        stepper = self._lesson.stepper
        step = stepper.current
        selected = self._selected
        if selected is not None and selected in self._neurons:
            n = self._neurons[selected]
            ring = self._ring_path_for(n.center, n.radius + 12)
            item = scene.addPath(ring, make_pen(INK, 2.5, Qt.PenStyle.DashLine))
            item.setZValue(Z_RING)
            self._overlays.append(item)
        selected_items = self._ring_selected_items()
        if step is None:
            self._highlight = Highlight(selected=selected, selected_items=selected_items)
            return
        if self._lesson.granularity == "layer":
            self._update_layer_highlight(step, selected, selected_items)
            return
        node = step.node
        key = self._drawn(self._key_of.get(node.id, ("loss",)))
        lit: set[tuple] = set()
        lit_ids: set[int] = set()
        arrows: list[tuple] = []
        if step.phase == "forward":
            for parent in node.shown_inputs:
                pkey = self._key_of.get(parent.id)
                if pkey is None:
                    continue
                pkey = self._drawn(pkey)
                if pkey != key:
                    lit.add(pkey)
                    lit_ids.add(parent.id)
                if parent.meta.get("role") == Role.ACTIVATION and key == ("loss",):
                    lit.add(("lossedge", parent.meta["neuron"]))
                if pkey[0] == "target" and key == ("loss",):
                    lit.add(("targetlink", pkey[1]))
                if node.meta.get("role") in (Role.WEIGHTED_SUM, Role.PRODUCT, Role.SUM) and pkey[0] == "neuron" \
                        and key[0] == "neuron" and pkey[1] == key[1] - 1:
                    lit.add(("edge", key[1], pkey[2], key[2]))  # the edge the value travels along
            self._draw_lit(lit)
        elif step.phase == "backward":
            explanation = stepper.explain()
            placed: list[QRectF] = []
            for c in (explanation.contributions if explanation is not None else []):
                ckey = self._key_of.get(c["consumer"].id)
                if ckey is None:
                    continue
                ckey = self._drawn(ckey)
                if ckey[0] == "ellipsis" and ckey != key:
                    continue
                value = np.asarray(c["value"], dtype=np.float64)
                shown = _number(value) if revealed(self._lesson, node, "grad") else HIDDEN  # its terms add up to it
                if self._draw_arrow(ckey, key, shown, placed):
                    arrows.append((ckey, key, float(value) if value.ndim == 0 else value.tolist()))
        if key[0] == "edge" and key in self._edge_labels and self.weight_labels_visible():
            # The current weight shows its label even where it had no room, over its neighbours.
            tag = self._edge_labels[key]
            if key in self._crowded:
                self._override_label(tag, True, Z_LABEL)
                self._uncover(tag.sceneBoundingRect(), keep=tag)
        self._draw_ring(key, step.phase)
        self._highlight = Highlight(node.id, step.phase, key, frozenset(lit), tuple(arrows), selected,
                                    frozenset({node.id, *lit_ids}))

    def _ring_selected_items(self) -> frozenset:
        """Dashed rings on the items a click on a layer node in the graph selected."""
        keys = frozenset(getattr(self, "_selected_keys", frozenset()))
        for key in keys:
            self._draw_outline(key, make_pen(INK, 2.5, Qt.PenStyle.DashLine))
        return keys

    def _update_layer_highlight(self, step, selected, selected_items: frozenset) -> None:
        """A layer step rings every item of its node at once (a layer's neurons, a matrix's edges) and,
        going forward, lights the items of its inputs."""
        node = step.node
        drawn = self._drawn_keys()
        keys = frozenset(k for k in drawn if covers(self._key_of.part(node.id), k))
        lit: set[tuple] = set()
        if step.phase == "forward":
            for parent in node.shown_inputs:
                lit |= {k for k in drawn if covers(self._key_of.part(parent.id), k)} - keys
            self._draw_lit(lit)
        for key in sorted(keys):
            self._draw_ring(key, step.phase)
        first = min(keys) if keys else None
        self._highlight = Highlight(node.id, step.phase, first, frozenset(lit), (), selected,
                                    frozenset({node.id}), keys, selected_items)

    def _draw_outline(self, key: tuple, pen: QPen) -> None:
        path = QPainterPath()
        if key[0] in ("neuron", "loss") and key in self._neurons:
            n = self._neurons[key]
            path.addEllipse(n.center, n.radius + 12, n.radius + 12)
        elif key[0] == "edge" and key in self._edges:
            line = self._edges[key]
            path.moveTo(line.p1())
            path.lineTo(line.p2())
        else:
            item = self.item_for(key)
            if item is None:
                return
            path.addRoundedRect(item.sceneBoundingRect().adjusted(-6, -6, 6, 6), 5, 5)
        item = self.scene().addPath(path, pen)
        item.setZValue(Z_RING)
        self._overlays.append(item)

    @staticmethod
    def _ring_path_for(center: QPointF, radius: float) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(center, radius, radius)
        return path

    def _draw_ring(self, key: tuple, phase: str) -> None:
        scene = self.scene()
        path = QPainterPath()
        if key[0] in ("neuron", "loss"):
            n = self._neurons.get(key)
            if n is None:
                return
            path.addEllipse(n.center, n.radius + 6, n.radius + 6)
            widths = (11.0, 6.0)
        elif key[0] == "edge":
            line = self._edges.get(key)
            if line is None:
                return
            path.moveTo(line.p1())
            path.lineTo(line.p2())
            width = self._edge_layers[key[1]].width(key)
            widths = (width + 12.0, width + 7.0)
        else:
            item = self.item_for(key)
            if item is None:
                return
            path.addRoundedRect(item.sceneBoundingRect().adjusted(-4, -4, 4, 4), 5, 5)
            widths = (8.0, 4.5)
        z = Z_HALO if key[0] == "edge" else Z_RING
        for pen, dz in ring_pens(self, widths):  # thicker, fixed on screen in presentation mode
            item = scene.addPath(path, pen)
            item.setZValue(z + dz)
            self._overlays.append(item)

    def _draw_lit(self, lit: set[tuple]) -> None:
        scene = self.scene()
        edges: list[QLineF] = []
        rings = QPainterPath()
        for key in lit:
            kind = key[0]
            if kind == "edge" and key in self._edges:
                edges.append(self._edges[key])
            elif kind in ("lossedge", "targetlink"):
                links = self._loss_links if kind == "lossedge" else self._target_links
                if key[1] in links:
                    edges.append(links[key[1]].line())
            elif kind in ("neuron", "loss") and key in self._neurons:
                n = self._neurons[key]
                rings.addEllipse(n.center, n.radius + 5, n.radius + 5)
            else:
                item = self.item_for(key)
                if item is not None:
                    rings.addRoundedRect(item.sceneBoundingRect().adjusted(-4, -4, 4, 4), 5, 5)
        a = 150 / 255  # the highlight at 150/255 over white paper, opaque: blending wide lines is costly
        glow = QColor.fromRgbF(*(a * c + (1 - a) for c in HIGHLIGHT.getRgbF()[:3]))
        if edges:
            item = Lines(edges, glow, 12.0)
            item.setZValue(Z_HALO)
            scene.addItem(item)
            self._overlays.append(item)
        if not rings.isEmpty():
            item = scene.addPath(rings, make_pen(HIGHLIGHT, 4.5))
            item.setZValue(Z_RING)
            self._overlays.append(item)

    def _anchor(self, key: tuple) -> tuple[QPointF, float] | None:
        """Where an arrow attaches to an item, and how far from that point it should stop."""
        if key[0] in ("neuron", "loss"):
            n = self._neurons.get(key)
            return None if n is None else (n.center, n.radius + 6)
        if key[0] == "edge":
            line = self._edges.get(key)
            return None if line is None else (line.pointAt(0.4), 6.0)
        item = self.item_for(key)
        if item is None:
            return None
        rect = item.sceneBoundingRect()
        return rect.center(), max(rect.width(), rect.height()) / 2 + 4

    def _draw_arrow(self, src: tuple, dst: tuple, label: str, placed: list[QRectF] | None = None) -> bool:
        """A purple gradient arrow from ``src`` to ``dst`` with its value. Its label avoids the labels
        in ``placed`` (the step's other arrows; the new one is added) and hides weight labels under it."""
        a, b = self._anchor(src), self._anchor(dst)
        if a is None or b is None:
            return False
        scene = self.scene()
        (pa, ra), (pb, rb) = a, b
        s = self._font_scale
        path = QPainterPath()
        dst_item = self.item_for(dst)
        side_hook = src != dst and dst[0] in ("bias", "target") and dst_item is not None and dist(pa, pb) < 3 * ra
        if side_hook:
            # From a neuron to its own bias box just below: a hook round the right-hand side.
            rect = dst_item.sceneBoundingRect()
            start = pa + QPointF(ra * 0.8, ra * 0.55)
            end = QPointF(rect.right() + 3, rect.center().y())
            control = QPointF(max(start.x(), end.x()) + 34 * s, (start.y() + end.y()) / 2)
            path.moveTo(start)
            path.quadTo(control, end)
            tangent_from = control
            label_at = None
        elif src == dst or dist(pa, pb) < ra + rb:
            # The same item (δ from its own a, say): a loop over the top.
            start = pb + QPointF(rb * 0.55, -rb * 0.83)
            end = pb + QPointF(-rb * 0.55, -rb * 0.83)
            path.moveTo(start)
            path.cubicTo(pb + QPointF(rb * 1.3, -rb * 2.2), pb + QPointF(-rb * 1.3, -rb * 2.2), end)
            tangent_from = pb + QPointF(-rb * 1.3, -rb * 2.2)
            label_at = pb + QPointF(0, -rb * 1.95)
        else:
            d = dist(pa, pb)
            u = (pb - pa) / d
            normal = QPointF(-u.y(), u.x())
            bend = max(24.0, min(70.0, 0.16 * d))
            start, end = pa + u * ra, pb - u * rb
            control = (start + end) / 2 + normal * bend
            path.moveTo(start)
            path.quadTo(control, end)
            tangent_from = control
            label_at = [(1 - t) ** 2 * start + 2 * t * (1 - t) * control + t * t * end + normal * (14.0 * s)
                        for t in (0.5, 0.35, 0.65, 0.25, 0.75)]
        pen = make_pen(GRADIENT, 3.2)
        curve = scene.addPath(path, pen)
        curve.setZValue(Z_ARROW)
        head = arrow_head(tangent_from, end, 16 * max(1.0, s ** 0.5))
        tip = scene.addPolygon(head, QPen(GRADIENT, 1.0), QBrush(GRADIENT))
        tip.setZValue(Z_ARROW)
        tag = Tag(self._font(14, bold=True), border=GRADIENT, pad=3.0)
        tag.set_brush(QBrush(GRADIENT.darker(130)))
        tag.set_text(label)
        if label_at is None:
            label_at = QPointF(control.x() + tag.rect().width() / 2 + 4, end.y() + tag.rect().height() * 0.6)
        spots = label_at if isinstance(label_at, list) else [label_at]
        placed = [] if placed is None else placed
        for spot in spots:
            rect = tag.rect().translated(spot).adjusted(-2, -2, 2, 2)
            if not any(rect.intersects(other) for other in placed):
                break
        else:
            spot = spots[0]
        tag.setPos(spot)
        placed.append(tag.rect().translated(spot).adjusted(-2, -2, 2, 2))
        tag.setZValue(Z_ARROW + 1)
        scene.addItem(tag)
        self._overlays += [curve, tip, tag]
        self._uncover(tag.sceneBoundingRect())
        return True
