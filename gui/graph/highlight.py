"""The operation graph's numbers and highlight: values and gradients under each node, the local
derivatives on edges, and the rings and purple arrows of the current step."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from engine.compile import neuron_nodes
from engine.formula import value_text
from engine.graph import Node

from ..lesson.exercise import HIDDEN, revealed, shown
from ..views.diagram_items import GRADIENT, HIGHLIGHT, INK, Tag, arrow_head, make_pen
from ..views.step_ring import ring_pens
from .drawing import Z_ARROW, Z_HALO, Z_RING, _Slot

EDGE_LABELS_UP_TO = 90  # edges; beyond this only the current step's edges get labels

_number = value_text


class GraphHighlight:
    """The numbers and highlight half of GraphView, over the items GraphDrawing made."""

    # ================================================================== numbers
    def _value(self, slot: _Slot):  # every number through the exercise's rule: a hidden one is None
        node, anchor, lesson = slot.node, slot.anchor, self._lesson
        if not self._mirrored:
            return shown(lesson, node)
        if node.is_leaf:
            return shown(lesson, anchor) if anchor is not None else node.value
        return node.value if anchor is not None and shown(lesson, anchor) is not None else None

    def _grad(self, slot: _Slot):
        node, anchor, lesson = slot.node, slot.anchor, self._lesson
        if not self._mirrored:
            return shown(lesson, node, "grad")
        if anchor is None or shown(lesson, anchor, "grad") is None:
            return None
        return anchor.grad if node.is_leaf else node.grad

    def _hidden(self, slot: _Slot, what: str) -> bool:
        """The number is known but hidden by exercise mode (drawn "?")."""
        node = slot.anchor if self._mirrored else slot.node
        return node is not None and getattr(node, what) is not None and not revealed(self._lesson, node, what)

    def _refresh(self) -> None:
        for slot in self._slots.values():
            value = self._value(slot)
            text = "" if value is None or slot.node.kind == "const" else "= " + _number(value)
            if value is None and slot.node.kind != "const" and self._hidden(slot, "value"):
                text = "= " + HIDDEN  # known, but asked in exercise mode
            if slot.value.text() != text:
                slot.value.setText(text)
                rect = slot.rect.rect()
                br = slot.value.boundingRect()
                scale = min(1.0, (rect.width() - 6) / max(br.width(), 1.0))
                slot.value.setScale(scale)
                slot.value.setPos(rect.center().x() - br.width() * scale / 2,
                                  rect.bottom() - br.height() * scale - 5 * self._font_scale)
            grad = self._grad(slot)
            if grad is None and self._hidden(slot, "grad"):
                slot.grad.set_text(f"{slot.node.grad_sym.text} = {HIDDEN}")
                slot.grad.show()
            elif grad is None:
                slot.grad.hide()
            else:
                text = f"{slot.node.grad_sym.text} = {_number(grad)}"
                if self._grad_split and QFontMetricsF(self._small).horizontalAdvance(text) > self._grad_room:
                    text = f"{slot.node.grad_sym.text}\n= {_number(grad)}"
                slot.grad.set_text(text)
                slot.grad.show()
        self._refresh_edge_labels()

    @staticmethod
    def _local(source: Node, target: Node):
        """∂target/∂source at the current numbers (None when not elementwise or not known)."""
        return target.local(next(i for i, n in enumerate(target.inputs) if n is source))

    def _refresh_edge_labels(self) -> None:
        show = len(self._edges) <= EDGE_LABELS_UP_TO
        for (source, target), tag in self._edge_labels.items():
            src = self._slots[source]
            known = show and src.node.needs_grad and self._grad(src) is not None
            node = self._slots[target].node  # a local derivative is made of the target's numbers: all shown?
            known = known and all(self._value(self._slots[n.id]) is not None or n.kind == "const"
                                  for n in (node, *node.inputs) if n.id in self._slots)
            local = self._local(src.node, self._slots[target].node) if known else None
            if local is None:
                tag.hide()
                continue
            tag.set_text(_number(local))
            tag.show()

    # ================================================================== highlighting
    def _select_neuron_nodes(self) -> None:
        self._selected.clear()
        if self._selected_neuron is None or self._display is None:
            return
        self._selected = {n.id for n in neuron_nodes(self._display, *self._selected_neuron) if n.id in self._slots}

    def _current_step(self):
        lesson = self._lesson
        if lesson is None or lesson.stepper is None:
            return None
        return lesson.stepper.current

    def _update_highlight(self) -> None:
        scene = self.scene()
        for item in self._overlays:
            scene.removeItem(item)
        self._overlays.clear()
        self._current = set()
        if self._display is None:
            return
        for node_id in sorted(self._selected):
            slot = self._slots.get(node_id)
            if slot is not None:
                self._ring(slot, make_pen(INK, 2.5, Qt.PenStyle.DashLine), 9)
        step = self._current_step()
        if step is None:
            return
        ids = [i for i in self._by_anchor.get(step.node.id, []) if i in self._slots]
        self._current = set(ids)
        if step.phase == "forward":
            glow = QColor(HIGHLIGHT)
            glow.setAlpha(150)
            for node_id in ids:
                for parent in self._slots[node_id].node.shown_inputs:
                    if parent.id in self._current:
                        continue
                    path = self._edges.get((parent.id, node_id))
                    if path is not None:
                        self._overlay(scene.addPath(path, make_pen(glow, 10.0)), Z_HALO)
                    self._ring(self._slots[parent.id], make_pen(HIGHLIGHT, 4.0), 5)
        elif step.phase == "backward" and not self._mirrored:
            self._draw_backward(step)
        for node_id in ids:
            slot = self._slots[node_id]
            for pen, _dz in ring_pens(self, (9.0, 5.0)):  # thicker, fixed on screen in presentation mode
                self._ring(slot, pen, 6)

    def _draw_backward(self, step) -> None:
        """Purple arrows from each consumer back to the node, labelled with the local derivative."""
        explanation = self._lesson.stepper.explain()
        node = step.node
        slot = self._slots.get(node.id)
        if explanation is None or slot is None:
            return
        scene = self.scene()
        values = []
        for c in explanation.contributions:
            consumer = c["consumer"]
            path = self._edges.get((node.id, consumer.id))
            value = np.asarray(c["value"], dtype=np.float64)
            values.append(value)
            if path is None:
                continue
            self._overlay(scene.addPath(path, make_pen(GRADIENT, 4.0)), Z_ARROW)
            start = path.pointAtPercent(0.0)
            head = arrow_head(path.pointAtPercent(path.percentAtLength(6 * self._font_scale)), start,
                              15 * self._font_scale)  # along the edge's first few pixels
            self._overlay(scene.addPolygon(head, QPen(GRADIENT, 1.0), QBrush(GRADIENT)), Z_ARROW)
            local = c["local"]
            sym = f"∂{consumer.sym.text}/∂{node.sym.text}"
            text = sym + " = " + (_number(local) if local is not None else "·")
            tag = Tag(self._font(15, bold=True), border=GRADIENT, pad=3.0)
            tag.set_brush(QBrush(GRADIENT.darker(130)))
            tag.set_text(text)
            gap_start = path.pointAtPercent(0.0)
            at = self._label_at.get((node.id, consumer.id), path.pointAtPercent(0.5))
            width, height = tag.rect().width(), tag.rect().height()
            tag.setPos(max(at.x(), gap_start.x() + width / 2 + 6), at.y() - height * 0.7)
            scene.addItem(tag)
            self._overlay(tag, Z_ARROW + 1)
            label = self._edge_labels.get((node.id, consumer.id))
            if label is not None:
                label.hide()
        if len(values) > 1 and all(v.ndim == 0 for v in values) and revealed(self._lesson, node, "grad"):
            terms = " + ".join(_number(v) for v in values).replace("+ −", "− ")
            tag = Tag(self._font(15, bold=True), border=GRADIENT, pad=3.0, hang=True)
            tag.set_brush(QBrush(GRADIENT.darker(130)))
            tag.set_text("= " + terms)
            grad = slot.grad.sceneBoundingRect()
            half = tag.rect().width() / 2  # centred under the gradient, but never past the graph's left edge
            tag.setPos(max(grad.center().x(), self._content_rect.left() + half), grad.bottom() + 2)
            scene.addItem(tag)
            self._overlay(tag, Z_ARROW + 1)

    def fan_in_text(self) -> str:
        """The '= a + b' line shown under a fanning-out node during its backward step, else ''."""
        self.ensure_current()
        for item in self._overlays:
            if isinstance(item, Tag) and item.text.startswith("= "):
                return item.text
        return ""

    def _overlay(self, item: QGraphicsItem, z: float) -> None:
        item.setZValue(z)
        self._overlays.append(item)

    def _ring(self, slot: _Slot, pen: QPen, margin: float) -> None:
        path = QPainterPath()
        rect = slot.rect.sceneBoundingRect().adjusted(-margin, -margin, margin, margin)
        path.addRoundedRect(rect, 6, 6)
        if slot.circle is not None:
            c, r = slot.circle.pos(), slot.circle.rect().width() / 2 + margin
            path.addEllipse(c, r, r)
        self._overlay(self.scene().addPath(path, pen), Z_RING)

    def _follow_step(self) -> None:
        """When zoomed in by hand, keep the current step on screen."""
        if self._auto_fit or not self._current:
            return
        rect = QRectF()
        for node_id in self._current:
            rect = rect.united(self._slots[node_id].rect.sceneBoundingRect())
        visible = self.mapToScene(self.viewport().rect().adjusted(80, 60, -80, -60)).boundingRect()
        if not visible.contains(rect):  # bring the step to the middle, but show no more paper than needed
            self.centerOn(self._clamped_centre(rect.center()))
