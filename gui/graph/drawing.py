"""Drawing the operation graph into its scene: a rectangle per node, an operator circle per
operation, curved edges that run along the channels between rows (layout in gui/graph/layout.py).
A long graph is drawn folded into bands of columns, stacked top to bottom (gui/graph/bands.py chooses
how many); an edge from one band to the next runs in elbows through the gap between them."""

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

from ..views.diagram_items import GRADIENT, INK, MUTED, Tag, arrow_head, dist, make_pen
from .layout import anchors, columns, fold

Z_EDGE, Z_HALO, Z_NODE, Z_TEXT, Z_RING, Z_ARROW = 0.0, 1.0, 10.0, 12.0, 14.0, 30.0
BAND_GAP = 24.0  # the least gap between two bands, at font scale 1 (more when more edges run in it)

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
        self._least_text = float(min(small.pixelSize(), self._edge_font().pixelSize()))  # the circles' may be less
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
        edges = [(p.id, node.id) for node in graph.nodes for p in node.shown_inputs]
        cuts = fold(placed, edges, self._bands)
        self._band_of = {col: b for b, cut in enumerate(cuts) for col in cut}
        self._cuts = cuts
        lane = 12 * s
        lanes = [0] * len(cuts)  # edges that run in the gap under each band
        for source, target in edges:
            b0, b1 = self._band_of[self._column_of[source]], self._band_of[self._column_of[target]]
            if b1 != b0:
                lanes[b0] += 1
                lanes[b1 - 1] += b1 - b0 > 1
        middles, y = [], 0.0
        self._gaps = []  # (top, bottom) of the gap under each band but the last: its lanes, one per edge
        self._above = above = (row_h - rect_h) / 2  # the room above a band's top rectangles (below: the gradients')
        for b, cut in enumerate(cuts):
            half = max(len(placed[col]) for col in cut) * row_h / 2
            if b:
                top = y
                y += max(BAND_GAP * s, (lanes[b - 1] + 1) * lane)
                self._gaps.append((top, y))
                y += half - above
            middles.append(y)
            y += half
        self._rect_w, self._col_w, self._edge_gap, self._lane = rect_w, col_w, edge_gap, lane
        self._placed, self._edge_list, self._row_h, self._lead = placed, edges, row_h, 2 * r + joint
        for col, ids in enumerate(placed):
            band = self._band_of[col]
            x0 = (col - cuts[band][0]) * col_w
            mid = middles[band]
            left = x0 - 4 * s
            right = x0 + 2 * r + joint + rect_w + 4 * s
            tops = [mid + (row - (len(ids) - 1) / 2) * row_h for row in range(len(ids) + 1)]
            self._channels[col] = (left, right, [y - row_h / 2 for y in tops])
            for row, node_id in enumerate(ids):
                node = graph.nodes[node_id]
                x = x0 + 2 * r + joint
                y = mid + (row - (len(ids) - 1) / 2) * row_h - rect_h / 2
                self._slots[node_id] = self._add_slot(node, anchored.get(node_id), QRectF(x, y, rect_w, rect_h),
                                                      r, joint, symbol_font, value_font, small)
        self._routes = self._band_routes(edges)
        for source, target in edges:
            self._add_edge(source, target, r)
        self._content_rect = scene.itemsBoundingRect().adjusted(-10, -10, 10, 10 + 2 * fm_small.height())
        self.setSceneRect(self._content_rect.adjusted(-400, -400, 400, 400))
        if self._selected_neuron is not None:
            self._select_neuron_nodes()
        else:
            self._selected = {i for i in self._selected if i in self._slots}

    def _edge_font(self) -> QFont:
        """The font of an edge's local derivative: as large as the gradients' (TEXT_FLOOR_PX at zoom 1)."""
        return self._font(14)

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
            self._least_text = min(self._least_text, label.font().pixelSize() * fit)
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

    def _band_routes(self, edges: list[tuple[int, int]]) -> dict[tuple[int, int], list[QPointF]]:
        """The corners of each edge from one band to a later one, by its (source, target).

        It leaves its source to the right into the gap after the source's column (beyond the band when that
        column ends it), goes down into the gap under the band, along its own lane there to the gap before
        the target's column (before the band when that column starts it), and down into the target from the
        left. An edge that skips a band runs down beside the bands, left of them, between two lanes."""
        s, gap = self._font_scale, self._edge_gap
        band = {node_id: self._band_of[col] for node_id, col in self._column_of.items()}
        cross = [(a, b) for a, b in edges if band[a] != band[b]]
        drops: dict[int, list[int]] = {}
        rises: dict[int, list[int]] = {}
        for a, b in cross:  # each source drops, and each target is entered, at an x of its own
            for found, node_id in ((drops, a), (rises, b)):
                ids = found.setdefault(self._column_of[node_id], [])
                if node_id not in ids:
                    ids.append(node_id)
        step = 8 * s  # a lower source drops nearer its column, a higher target is entered nearer: no two cross
        outs, ins, ends = {}, {}, {}
        for col, sources in drops.items():
            last = col == self._cuts[self._band_of[col]][-1]
            for k, a in enumerate(sorted(sources, key=lambda i: -self._slots[i].center.y())):
                right = self._slots[a].rect.sceneBoundingRect().right()
                outs[a] = right + (gap * 0.3 + step if last else gap * 0.35) + k * step
        for col, targets in rises.items():
            first = col == self._cuts[self._band_of[col]][0]
            for k, b in enumerate(sorted(targets, key=lambda i: self._slots[i].center.y())):
                slot = self._slots[b]
                if slot.circle is not None:
                    c, r = slot.circle.pos(), slot.circle.rect().width() / 2
                    ends[b] = QPointF(c.x() - r, c.y())
                else:
                    rect = slot.rect.sceneBoundingRect()
                    ends[b] = QPointF(rect.left(), rect.center().y())
                left = slot.rect.sceneBoundingRect().left() - (self._col_w - self._rect_w - gap)
                ins[b] = left - (1.25 * step if first else gap * 0.2) - k * step
        skips = [e for e in cross if band[e[1]] - band[e[0]] > 1]
        margin = {e: -gap * 0.5 - k * step for k, e in enumerate(skips)}
        runs: dict[int, list[tuple[float, float, tuple[int, int], int]]] = {}  # gap → (from x, to x, edge, leg)
        for e in cross:
            a, b = e
            if e in margin:
                runs.setdefault(band[a], []).append((outs[a], margin[e], e, 0))
                runs.setdefault(band[b] - 1, []).append((margin[e], ins[b], e, 1))
            else:
                runs.setdefault(band[a], []).append((outs[a], ins[b], e, 0))
        lanes: dict[tuple[tuple[int, int], int], float] = {}
        for g, legs in runs.items():
            top, bottom = self._gaps[g]
            for k, (_x0, _x1, e, leg) in enumerate(sorted(legs, key=lambda t: (t[0], t[1]))):  # staircases
                lanes[(e, leg)] = top + (k + 1) * (bottom - top) / (len(legs) + 1)
        routes = {}
        for e in cross:
            a, b = e
            start = self._slots[a].rect.sceneBoundingRect()
            start = QPointF(start.right(), start.center().y())
            y0 = lanes[(e, 0)]
            points = [start, QPointF(outs[a], start.y()), QPointF(outs[a], y0)]
            if e in margin:
                y1 = lanes[(e, 1)]
                points += [QPointF(margin[e], y0), QPointF(margin[e], y1), QPointF(ins[b], y1)]
            else:
                points.append(QPointF(ins[b], y0))
            points += [QPointF(ins[b], ends[b].y()), ends[b]]
            routes[e] = points
        return routes

    def _add_edge(self, source: int, target: int, r: float) -> None:
        """A left → right curve; an edge that skips columns runs along the channels between rows; an edge
        from one band to another runs in elbows through the gap between them (``_band_routes``)."""
        route = self._routes.get((source, target))
        if route is not None:
            self._add_path(source, target, _elbows(route, 10 * self._font_scale), route[-2],
                           (route[0] + route[1]) / 2)
            return
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
        a = points[-2]
        self._add_path(source, target, path, path.pointAtPercent(0.985),
                       QPointF(a.x() + (end.x() - a.x()) * 0.4, a.y() + (end.y() - a.y()) * 0.25))

    def _add_path(self, source: int, target: int, path: QPainterPath, tail: QPointF, label_at: QPointF) -> None:
        """Draw an edge's ``path`` with its arrow head (from ``tail`` to the path's end) and its hidden
        label (the local derivative, at ``label_at``)."""
        end = path.currentPosition()
        item = QGraphicsPathItem(path)
        item.setPen(make_pen(MUTED, 2.0))
        item.setZValue(Z_EDGE)
        self.scene().addItem(item)
        head = self.scene().addPolygon(arrow_head(tail, end, 11 * self._font_scale), QPen(MUTED, 1.0), QBrush(MUTED))
        head.setZValue(Z_EDGE)
        self._edges[(source, target)] = path
        self._label_at[(source, target)] = label_at
        tag = Tag(self._edge_font(), pad=1.5)
        tag.set_brush(QBrush(GRADIENT.darker(130)))
        tag.setPos(label_at)
        tag.setZValue(Z_TEXT)
        tag.hide()
        self.scene().addItem(tag)
        self._edge_labels[(source, target)] = tag


def _elbows(points: list[QPointF], radius: float) -> QPainterPath:
    """Straight runs through ``points``, each corner rounded (at most ``radius``)."""
    path = QPainterPath(points[0])
    for a, b, c in zip(points, points[1:], points[2:], strict=False):
        ab, bc = dist(a, b), dist(b, c)
        if ab < 1e-6 or bc < 1e-6:
            continue
        rr = min(radius, ab / 2, bc / 2)
        path.lineTo(b + (a - b) * (rr / ab))
        path.quadTo(b, b + (c - b) * (rr / bc))
    path.lineTo(points[-1])
    return path
