"""Drawing the operation graph into its scene: a rectangle per node, an operator circle per
operation, curved edges that run along the channels between rows (layout in gui/graph/layout.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
)

from engine.graph import Node

from ..views.diagram_items import GRADIENT, INK, MUTED, Tag, arrow_head, make_pen
from .layout import anchors, columns

Z_EDGE, Z_HALO, Z_NODE, Z_TEXT, Z_RING, Z_ARROW = 0.0, 1.0, 10.0, 12.0, 14.0, 30.0

LEAF_FILLS = {"input": "#EEF3F8", "target": "#FFF7E6", "param": "#FFFFFF", "const": "#F0F0F0"}
OP_FILL = "#FFFFFF"
CIRCLE_FILL = "#F3EEF6"

_GLYPHS = {
    "add": "+", "sub": "−", "mul": "×", "div": "÷", "neg": "−", "exp": "exp", "log": "log", "sqrt": "√",
    "sin": "sin", "cos": "cos", "tanh": "tanh", "sigmoid": "σ", "relu": "ReLU", "leaky_relu": "LReLU",
    "linear": "=", "softmax": "soft\nmax", "half_square": "½(·)²", "square": "(·)²", "bce_term": "BCE",
    "ce_term": "−y·log", "mean_of": "mean", "sum_of": "Σ", "sum_squares": "‖·‖²", "decay": "λ/2·Σ",
    "weighted_sum": "Σ", "half_sse": "½Σ(·)²", "mse": "MSE", "bce": "BCE", "cross_entropy": "CE",
    "matmul": "@", "sum": "Σ", "mean": "mean", "pow": "^",
}


def glyph(node: Node) -> str:
    """The operator's symbol drawn in its circle."""
    op = node.op
    if op is None:
        return ""
    if op.name == "pow" and hasattr(op, "p"):
        p = float(op.p)
        return {2.0: "(·)²", 3.0: "(·)³", 0.5: "√", -1.0: "1/(·)"}.get(p, f"(·)^{p:g}")
    return _GLYPHS.get(op.name, op.name)


@dataclass
class _Slot:
    node: Node  # the displayed node
    anchor: Node | None  # its counterpart in the lesson's graph (itself at operation granularity)
    rect: QGraphicsRectItem
    symbol: QGraphicsTextItem
    value: QGraphicsSimpleTextItem
    grad: Tag
    circle: QGraphicsEllipseItem | None = None

    @property
    def center(self) -> QPointF:
        return self.rect.sceneBoundingRect().center()


class GraphDrawing:
    """The scene-building half of GraphView: it fills the scene and the maps from node ids to items."""

    def _build(self) -> None:
        self._clear()
        graph, mirrored, message = self._display_graph()
        self._mirrored = mirrored
        self._update_banner()
        if graph is None:
            self._show_message(message)
            return
        self._display = graph
        anchored = anchors(graph, self._lesson.graph, mirrored)
        for display_id, anchor in anchored.items():
            self._by_anchor.setdefault(anchor.id, []).append(display_id)
        placed = columns(graph)
        s = self._font_scale
        symbol_font, value_font, small = self._font(18, bold=True), self._font(16), self._font(14)
        self._small = small
        fm_value, fm_small = QFontMetricsF(value_font), QFontMetricsF(small)
        sample = "= −0.0000"
        probe = QGraphicsTextItem()
        probe.setFont(symbol_font)
        probe.document().setDocumentMargin(0)
        symbol_w = 0.0
        for node in graph.nodes:
            probe.setHtml(node.sym.html)
            symbol_w = max(symbol_w, probe.boundingRect().width())
        # A gradient label is one line (∂f/∂x = −4) when it fits under its rectangle and the gap
        # beside it, else two (∂L/∂W₁[1,1] / = −0.0012); the rectangle is wide enough for the second.
        names_w = max((fm_small.horizontalAdvance(n.grad_sym.text) for n in graph.nodes if n.grad_sym is not None),
                      default=0.0)
        pad = 8 * s
        rect_w = max(symbol_w, fm_value.horizontalAdvance(sample), names_w) + 2 * pad
        rect_h = QFontMetricsF(symbol_font).height() + fm_value.height() + 2 * pad * 0.6
        r = 22 * s
        joint = 12 * s  # operator circle → its rectangle
        edge_gap = 64 * s
        self._grad_room = rect_w + edge_gap * 0.6
        self._grad_split = any(fm_small.horizontalAdvance(f"{n.grad_sym.text} {sample}") > self._grad_room
                               for n in graph.nodes if n.grad_sym is not None)
        col_w = 2 * r + joint + rect_w + edge_gap
        row_h = rect_h + (3.4 if self._grad_split else 2.4) * fm_small.height() + 26 * s
        scene = self.scene()
        self._column_of = {node_id: col for col, ids in enumerate(placed) for node_id in ids}
        self._channels = {}
        for col, ids in enumerate(placed):
            left = col * col_w - 4 * s
            right = col * col_w + 2 * r + joint + rect_w + 4 * s
            tops = [(row - (len(ids) - 1) / 2) * row_h for row in range(len(ids) + 1)]
            self._channels[col] = (left, right, [y - row_h / 2 for y in tops])
            for row, node_id in enumerate(ids):
                node = graph.nodes[node_id]
                x = col * col_w + 2 * r + joint
                y = (row - (len(ids) - 1) / 2) * row_h - rect_h / 2
                self._slots[node_id] = self._add_slot(node, anchored.get(node_id), QRectF(x, y, rect_w, rect_h),
                                                      r, joint, symbol_font, value_font, small)
        for node in graph.nodes:
            for parent in node.shown_inputs:
                self._add_edge(parent.id, node.id, r)
        self._content_rect = scene.itemsBoundingRect().adjusted(-10, -10, 10, 10 + 2 * fm_small.height())
        self.setSceneRect(self._content_rect.adjusted(-400, -400, 400, 400))
        if self._selected_neuron is not None:
            self._select_neuron_nodes()
        else:
            self._selected = {i for i in self._selected if i in self._slots}

    def _add_slot(self, node: Node, anchor: Node | None, rect: QRectF, r: float, joint: float,
                  symbol_font: QFont, value_font: QFont, small: QFont) -> _Slot:
        scene = self.scene()
        s = self._font_scale
        box = QGraphicsRectItem(rect)
        fill = OP_FILL if node.op is not None else LEAF_FILLS.get(node.kind, "#FFFFFF")
        if node is (self._display.output if self._display else None):
            fill = "#FFF7E6"
        box.setBrush(QBrush(QColor(fill)))
        box.setPen(make_pen(INK, 2.2 if node.kind == "param" or node.op is None else 2.0))
        box.setZValue(Z_NODE)
        box.setData(0, node.id)
        scene.addItem(box)
        symbol = QGraphicsTextItem(box)
        symbol.document().setDocumentMargin(0)
        symbol.setFont(symbol_font)
        symbol.setDefaultTextColor(INK)
        symbol.setHtml(node.sym.html)
        br = symbol.boundingRect()
        top = rect.center().y() - br.height() / 2 if node.kind == "const" else rect.top() + 5 * s
        symbol.setPos(rect.center().x() - br.width() / 2, top)
        value = QGraphicsSimpleTextItem(box)
        value.setFont(value_font)
        value.setBrush(QBrush(INK))
        grad = Tag(small, pad=2.0, hang=True)
        grad.set_brush(QBrush(GRADIENT.darker(130)))
        grad.setPos(rect.center().x(), rect.bottom() + 12 * s)
        grad.setZValue(Z_TEXT)
        grad.setData(0, node.id)
        grad.hide()
        scene.addItem(grad)
        slot = _Slot(node, anchor, box, symbol, value, grad)
        if node.op is not None:
            center = QPointF(rect.left() - joint - r, rect.center().y())
            circle = QGraphicsEllipseItem(-r, -r, 2 * r, 2 * r)
            circle.setPos(center)
            circle.setBrush(QBrush(QColor(CIRCLE_FILL)))
            circle.setPen(make_pen(INK, 2.2))
            circle.setZValue(Z_NODE)
            circle.setData(0, node.id)
            circle.setToolTip(node.op.name)
            scene.addItem(circle)
            text = glyph(node)
            label = QGraphicsSimpleTextItem(text, circle)
            label.setFont(self._font(20 if len(text) <= 2 else 14, bold=len(text) <= 2))
            label.setBrush(QBrush(INK))
            lb = label.boundingRect()
            fit = min(1.0, (2 * r - 6) / max(lb.width(), 1.0))
            label.setScale(fit)
            label.setPos(-lb.width() * fit / 2, -lb.height() * fit / 2)
            link = QPainterPath(QPointF(center.x() + r, center.y()))
            link.lineTo(rect.left() - 2, rect.center().y())
            line = scene.addPath(link, make_pen(INK, 2.0))
            line.setZValue(Z_EDGE)
            head = scene.addPolygon(arrow_head(QPointF(center.x() + r, center.y()),
                                                QPointF(rect.left(), rect.center().y()), 9 * s),
                                    QPen(INK, 1.0), QBrush(INK))
            head.setZValue(Z_EDGE)
            slot.circle = circle
        return slot

    def _ports(self, source: int, target: int, r: float) -> tuple[QPointF, QPointF]:
        a, b = self._slots[source], self._slots[target]
        ra = a.rect.sceneBoundingRect()
        start = QPointF(ra.right(), ra.center().y())
        if b.circle is not None:
            c = b.circle.pos()
            dx, dy = start.x() - c.x(), start.y() - c.y()
            d = math.hypot(dx, dy) or 1.0
            end = QPointF(c.x() + dx / d * r, c.y() + dy / d * r)
        else:
            rb = b.rect.sceneBoundingRect()
            end = QPointF(rb.left(), rb.center().y())
        return start, end

    def _add_edge(self, source: int, target: int, r: float) -> None:
        """A left → right curve; an edge that skips columns runs along the channels between rows."""
        start, end = self._ports(source, target, r)
        points = [start]
        c0, c1 = self._column_of[source], self._column_of[target]
        for col in range(c0 + 1, c1):
            left, right, channels = self._channels[col]
            t = (left - start.x()) / max(end.x() - start.x(), 1.0)
            want = start.y() + t * (end.y() - start.y())
            y = min(channels, key=lambda c: (abs(c - want), c))
            points += [QPointF(left, y), QPointF(right, y)]
        points.append(end)
        path = QPainterPath(points[0])
        for k in range(1, len(points)):
            a, b = points[k - 1], points[k]
            if k % 2 == 0 and k < len(points) - 1:  # straight through a column's channel
                path.lineTo(b)
                continue
            dx = max(20.0, (b.x() - a.x()) * 0.5)
            path.cubicTo(QPointF(a.x() + dx, a.y()), QPointF(b.x() - dx, b.y()), b)
        item = QGraphicsPathItem(path)
        item.setPen(make_pen(MUTED, 2.0))
        item.setZValue(Z_EDGE)
        self.scene().addItem(item)
        head = self.scene().addPolygon(arrow_head(path.pointAtPercent(0.985), end, 11 * self._font_scale),
                                       QPen(MUTED, 1.0), QBrush(MUTED))
        head.setZValue(Z_EDGE)
        self._edges[(source, target)] = path
        a = points[-2]
        label_at = QPointF(a.x() + (end.x() - a.x()) * 0.4, a.y() + (end.y() - a.y()) * 0.25)
        self._label_at[(source, target)] = label_at
        tag = Tag(self._font(13), pad=1.5)
        tag.set_brush(QBrush(GRADIENT.darker(130)))
        tag.setPos(label_at)
        tag.setZValue(Z_TEXT)
        tag.hide()
        self.scene().addItem(tag)
        self._edge_labels[(source, target)] = tag
