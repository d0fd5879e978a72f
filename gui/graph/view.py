"""The computational graph (objectName ``graphView``), drawn the way d2l 4.7 draws it.

What is drawn
- A leaf (input, parameter, target, number) is a **rectangle**: its symbol and its value.
- An operation result is an **operator circle** (×, +, σ, ½(·)², ‖·‖², …) joined by a short
  arrow to a **rectangle** holding the result's symbol and value. Each engine node is one
  slot, so the layout stays as compact as the engine's graph while still reading as
  "operator → variable" like the book's figure.
- Once a node's gradient is known it hangs under the rectangle in purple (``∂f/∂x = −4``,
  ``δ₁[1] = …`` for weighted sums). During a node's backward step, the edges to its consumers
  carry their local derivatives, and a node that fans out shows the sum of its contributions
  (``= 0.12 + 0.03``). Edges already passed in the backward pass keep a small label with their
  local derivative (when the graph is small enough for it to stay readable).

Layout: columns from networkx's ``topological_generations`` of the graph (left → right, the
data flow), except that a leaf moves right to sit just before its first consumer (so W₂ sits
beside the layer that uses it, not at the far left). Within a column, nodes are ordered by
node id, which groups each neuron's nodes together. Positions only; Qt draws.

Network lessons always show the operation-granularity graph. At operation granularity it is
the lesson's own graph. At neuron granularity the engine's operation graph of the same
sample is shown (the lesson's ``operation_graph``: the lesson compiles and runs it, the view
only reads it) and every node is tied to an *anchor* in
the lesson's graph by ``engine.compile.part_of`` (the products, the sum and the bias add of a
neuron belong to its weighted sum z; e, ℓ and L to the loss; the norms and s to the decay
term); which nodes make a neuron is ``neuron_of`` / ``neuron_nodes`` there too. A node shows its
value and gradient once its anchor has them, and the current step highlights every node of its
anchor. A banner says so and offers operation steps.

The view never changes a number: a double-click on an expression lesson's variable opens an
inline editor whose value is emitted as ``value_edited(name, value)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QLabel,
    QLineEdit,
    QWidget,
)

from engine.compile import neuron_nodes, neuron_of, operation_node_count, part_of
from engine.formula import value_text
from engine.graph import Graph, Node
from engine.roles import Role

from ..views.diagram_items import GRADIENT, HIGHLIGHT, INK, MUTED, PAPER, Tag, arrow_head, make_pen
from ..views.lesson_view import LessonView

READABLE_ZOOM = 0.8  # fitting never shrinks the graph below this; wider graphs scroll with the step
MAX_NODES = 600  # above this the graph is not drawn (a message says why)
EDGE_LABELS_UP_TO = 90  # edges; beyond this only the current step's edges get labels

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


class GraphView(LessonView):
    """The steppable computational graph of a lesson (network or expression)."""

    MESSAGE_PX = 20

    node_clicked = Signal(int)  # a node id of the lesson's graph
    neuron_selected = Signal(int, int)  # layer, neuron of a clicked node that belongs to a neuron
    value_edited = Signal(str, float)  # an expression variable's new value

    def __init__(self, lesson=None, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setObjectName("graphView")
        self.setBackgroundBrush(QBrush(PAPER))
        self._display: Graph | None = None
        self._mirrored = False  # True: a display graph tied to a neuron-granularity lesson
        self._slots: dict[int, _Slot] = {}
        self._edges: dict[tuple[int, int], QPainterPath] = {}
        self._edge_labels: dict[tuple[int, int], Tag] = {}
        self._label_at: dict[tuple[int, int], QPointF] = {}
        self._column_of: dict[int, int] = {}
        self._channels: dict[int, tuple[float, float, list[float]]] = {}
        self._by_anchor: dict[int, list[int]] = {}
        self._overlays: list[QGraphicsItem] = []
        self._selected: set[int] = set()
        self._selected_neuron: tuple[int, int] | None = None
        self._current: set[int] = set()
        self._content_rect = QRectF()
        self._stale = False  # rebuilt while hidden: build again when shown or asked
        self._small = QFont()
        self._grad_room = 0.0
        self._grad_split = False
        self.banner = QLabel(self)
        self.banner.setObjectName("graphBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #FFF7E6; color: #111; border: 2px solid #E69F00;"
                                  " padding: 6px; }")
        self.banner.hide()
        self.set_lesson(lesson)

    # ================================================================== public API
    @property
    def display_graph(self) -> Graph | None:
        """The graph drawn: the lesson's own, or the operation graph compiled for display."""
        self.ensure_current()
        return self._display

    @property
    def mirrored(self) -> bool:
        return self._mirrored

    def message(self) -> str:
        """The text shown instead of a graph (too large, no lesson), else ''."""
        self.ensure_current()
        return super().message()

    def counts(self) -> dict[str, int]:
        """What is drawn: nodes, data-flow edges, operator circles and rectangles."""
        self.ensure_current()
        return {
            "nodes": len(self._slots),
            "edges": len(self._edges),
            "operators": sum(1 for s in self._slots.values() if s.circle is not None),
            "rectangles": len(self._slots),
        }

    def node_text(self, node_id: int) -> str:
        """The plain text shown on a displayed node: 'symbol = value' then its gradient line(s)."""
        self.ensure_current()
        slot = self._slots.get(node_id)
        if slot is None:
            return ""
        lines = [f"{slot.symbol.toPlainText()} {slot.value.text()}".strip()]
        if slot.grad.isVisible() and slot.grad.text:
            lines.append(slot.grad.text.replace("\n", " "))
        return "\n".join(lines)

    def node_center(self, node_id: int) -> QPointF | None:
        """Scene position of a displayed node's rectangle (its operator circle sits to its left)."""
        self.ensure_current()
        slot = self._slots.get(node_id)
        return None if slot is None else slot.center

    def edge_label(self, source: int, target: int) -> str:
        self.ensure_current()
        tag = self._edge_labels.get((source, target))
        return "" if tag is None or not tag.isVisible() else tag.text

    def selected_nodes(self) -> set[int]:
        """Displayed node ids highlighted by linked selection."""
        self.ensure_current()
        return set(self._selected)

    def current_nodes(self) -> set[int]:
        """Displayed node ids that carry the current step's ring."""
        self.ensure_current()
        return set(self._current)

    def find_nodes(self, **meta) -> list[int]:
        self.ensure_current()
        graph = self._display
        return [] if graph is None else [n.id for n in graph.find(**meta) if n.id in self._slots]

    def node_for_name(self, name: str) -> int | None:
        """The displayed node whose symbol reads ``name`` (x, f, q, L, …)."""
        self.ensure_current()
        for node_id, slot in self._slots.items():
            if slot.node.sym.text == name:
                return node_id
        return None

    def highlight_neuron(self, layer: int, neuron: int) -> None:
        """Linked selection: ring the operation nodes of a neuron (the input node for layer 0)."""
        self.ensure_current()
        self._selected_neuron = (int(layer), int(neuron))
        self._select_neuron_nodes()
        self._update_highlight()

    def select_node(self, node_id: int) -> None:
        """What a click on a displayed node does: select it and tell the other views."""
        slot = self._slots.get(node_id)
        if slot is None:
            return
        neuron = neuron_of(slot.node)
        if neuron is not None:
            self._selected_neuron = neuron
            self._select_neuron_nodes()
            self._selected.add(node_id)
        else:
            self._selected_neuron = None
            self._selected = {node_id}
        self._update_highlight()
        if slot.anchor is not None:
            self.node_clicked.emit(slot.anchor.id)
        if neuron is not None:
            self.neuron_selected.emit(*neuron)

    def open_editor(self, node_id: int) -> QLineEdit | None:
        """Open the inline editor on an expression variable (what a double-click does)."""
        self.ensure_current()
        spec = self._edit_spec(node_id)
        if spec is None:
            return None
        return self._place_editor(node_id, spec[1], self._slots[node_id].center, "graphValueEditor")

    def value_editor(self) -> QLineEdit | None:
        return self._editor

    def ensure_current(self) -> None:
        """Build what a hidden view skipped, so that what it shows matches the lesson."""
        if self._stale:
            self._stale = False
            self._build()
            self._on_lesson_stepped()
            if self._auto_fit:
                self.fit()  # built while hidden: fit now that it has its real size

    def showEvent(self, event) -> None:
        self.ensure_current()
        super().showEvent(event)
        if self.banner.isVisible():
            self._place_banner()

    def fit(self) -> None:
        """Fit the graph, but never below a size that can be read from the back of a room:
        a wide graph is shown at READABLE_ZOOM and the view then follows the current step."""
        super().fit()
        if self.zoom() >= READABLE_ZOOM or self.scene() is None or not self._slots:
            return
        self.set_zoom(READABLE_ZOOM)
        self._auto_fit = False
        if self._current:
            self._follow_step()
        else:
            rect = self.fit_rect()
            self.centerOn(self._clamped_centre(QPointF(rect.left(), rect.center().y())))

    def fit_rect(self) -> QRectF:
        return self._content_rect if not self._content_rect.isEmpty() else super().fit_rect()

    # ================================================================== model events
    def _forget_lesson_state(self) -> None:
        self._selected.clear()
        self._selected_neuron = None

    def _on_lesson_rebuilt(self) -> None:
        self._close_editor()
        if not self.isVisible():
            self._stale = True  # a hidden tab (say, during training) catches up when it is shown
            return
        self._stale = False
        self._build()

    def _on_lesson_stepped(self) -> None:
        if self._display is None or self._stale:
            return
        self._refresh()
        self._update_highlight()
        self._follow_step()

    # ================================================================== building
    def _clear(self) -> None:
        self._overlays.clear()
        self.scene().clear()
        self._slots.clear()
        self._edges.clear()
        self._edge_labels.clear()
        self._label_at.clear()
        self._by_anchor.clear()
        self._current = set()
        self._display = None
        self._message = ""
        self._content_rect = QRectF()

    def _display_graph(self) -> tuple[Graph | None, bool, str]:
        """(graph to draw, mirrored?, message when nothing is drawn)."""
        lesson = self._lesson
        if lesson is None or lesson.graph is None:
            return None, False, self.tr("No lesson is open.")
        too_large = self.tr("This graph has %1 nodes: too large to draw (the limit is %2). "
                            "Switch to a smaller network or expression.")
        if getattr(lesson, "kind", "") == "network" and lesson.granularity != "operation":
            count = operation_node_count(lesson.network)
            if count > MAX_NODES:
                return None, False, too_large.replace("%1", str(count)).replace("%2", str(MAX_NODES))
            return lesson.operation_graph(), True, ""
        if len(lesson.graph.nodes) > MAX_NODES:
            return None, False, too_large.replace("%1", str(len(lesson.graph.nodes))).replace("%2", str(MAX_NODES))
        return lesson.graph, False, ""

    def _build(self) -> None:
        self._clear()
        graph, mirrored, message = self._display_graph()
        self._mirrored = mirrored
        self._update_banner()
        if graph is None:
            self._show_message(message)
            return
        self._display = graph
        anchors = self._anchors(graph, mirrored)
        columns = self._columns(graph)
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
        self._column_of = {node_id: col for col, ids in enumerate(columns) for node_id in ids}
        self._channels = {}
        for col, ids in enumerate(columns):
            left = col * col_w - 4 * s
            right = col * col_w + 2 * r + joint + rect_w + 4 * s
            tops = [(row - (len(ids) - 1) / 2) * row_h for row in range(len(ids) + 1)]
            self._channels[col] = (left, right, [y - row_h / 2 for y in tops])
            for row, node_id in enumerate(ids):
                node = graph.nodes[node_id]
                x = col * col_w + 2 * r + joint
                y = (row - (len(ids) - 1) / 2) * row_h - rect_h / 2
                self._slots[node_id] = self._add_slot(node, anchors.get(node_id), QRectF(x, y, rect_w, rect_h),
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

    def _anchors(self, graph: Graph, mirrored: bool) -> dict[int, Node]:
        lesson_graph = self._lesson.graph
        if not mirrored:
            anchors = {n.id: n for n in graph.nodes}
        else:
            by_key: dict[tuple, Node] = {}
            for node in lesson_graph.nodes:
                key = part_of(node)
                if key is not None:
                    by_key.setdefault(key, node)
            anchors = {}
            for node in graph.nodes:
                key = part_of(node)
                if key is not None and key in by_key:
                    anchors[node.id] = by_key[key]
        for display_id, anchor in anchors.items():
            self._by_anchor.setdefault(anchor.id, []).append(display_id)
        return anchors

    @staticmethod
    def _columns(graph: Graph) -> list[list[int]]:
        """Columns of node ids, left → right, each ordered by node id.

        Start from networkx's topological generations (the longest path from a leaf). Then
        each leaf moves right to just before its first consumer, so W₂ sits beside the layer
        that uses it; the weight-decay norms do not count as that first consumer, so they
        follow their weights instead of pulling W₂ to the far left. Operations are then
        placed one column after their latest input again, which keeps every arrow pointing
        right. Node ids grow neuron by neuron and the decay branch is compiled last, so within
        a column a neuron's nodes stay together and the decay branch runs along the bottom,
        as in d2l's figure.
        """
        rank = {node_id: k for k, generation in enumerate(nx.topological_generations(graph.to_networkx()))
                for node_id in generation}
        for node in graph.nodes:  # creation order is a topological order
            if node.is_leaf:
                consumers = [c for c, _ in node.consumers if c.meta.get("role") != Role.NORM] \
                    or [c for c, _ in node.consumers]
                if consumers:
                    rank[node.id] = max(0, min(rank[c.id] for c in consumers) - 1)
        for node in graph.nodes:
            if not node.is_leaf:
                rank[node.id] = max(rank[p.id] for p in node.shown_inputs) + 1
        used = sorted(set(rank.values()))
        compact = {r: k for k, r in enumerate(used)}
        columns: list[list[int]] = [[] for _ in used]
        for node_id in sorted(rank):
            columns[compact[rank[node_id]]].append(node_id)
        return columns

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

    def _update_banner(self) -> None:
        if self._mirrored:
            self.banner.setText(self.tr("Neuron steps: one step here covers all the operations of a neuron. "
                                        "Press O for operation steps to step through this graph one "
                                        "operation at a time."))
            self.banner.show()
            self._place_banner()
        else:
            self.banner.hide()
            self.setViewportMargins(0, 0, 0, 0)

    def _place_banner(self) -> None:
        """The banner sits in a margin above the viewport, so it never covers the graph."""
        font = self.banner.font()
        font.setPixelSize(round(15 * self._font_scale))
        self.banner.setFont(font)
        width = max(200, self.width() - 4)
        text = self.banner.fontMetrics().boundingRect(QRect(0, 0, width - 24, 10_000),
                                                      Qt.TextFlag.TextWordWrap, self.banner.text())
        self.banner.setFixedSize(width, text.height() + 24)  # 6 px padding and 2 px border each side
        self.banner.move(2, 2)
        self.setViewportMargins(0, self.banner.height() + 4, 0, 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.banner.isVisible() and self.banner.width() != max(200, self.width() - 4):
            self._place_banner()

    # ================================================================== numbers
    def _value(self, slot: _Slot):
        node, anchor = slot.node, slot.anchor
        if not self._mirrored:
            return node.value
        if node.is_leaf:
            return anchor.value if anchor is not None else node.value
        return node.value if anchor is not None and anchor.value is not None else None

    def _grad(self, slot: _Slot):
        node, anchor = slot.node, slot.anchor
        if not self._mirrored:
            return node.grad
        if anchor is None or anchor.grad is None:
            return None
        return anchor.grad if node.is_leaf else node.grad

    def _refresh(self) -> None:
        for slot in self._slots.values():
            value = self._value(slot)
            text = "" if value is None or slot.node.kind == "const" else "= " + _number(value)
            if slot.value.text() != text:
                slot.value.setText(text)
                rect = slot.rect.rect()
                br = slot.value.boundingRect()
                scale = min(1.0, (rect.width() - 6) / max(br.width(), 1.0))
                slot.value.setScale(scale)
                slot.value.setPos(rect.center().x() - br.width() * scale / 2,
                                  rect.bottom() - br.height() * scale - 5 * self._font_scale)
            grad = self._grad(slot)
            if grad is None:
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
            self._ring(slot, make_pen(INK, 9.0), 6)
            self._ring(slot, make_pen(HIGHLIGHT, 5.0), 6)

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
            head = arrow_head(path.pointAtPercent(0.06), start, 15 * self._font_scale)
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
        if len(values) > 1 and all(v.ndim == 0 for v in values):
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

    # ================================================================== mouse
    def _hit(self, view_pos) -> int | None:
        p = self.mapToScene(view_pos)
        for item in self.scene().items(p, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder):
            walker = item
            while walker is not None:
                key = walker.data(0)
                if isinstance(key, int) and key in self._slots:
                    return key
                walker = walker.parentItem()
        return None

    def _clicked(self, key) -> None:
        self.select_node(key)

    def _double_clicked(self, key) -> bool:
        return self.open_editor(key) is not None

    # ================================================================== inline editor
    def _edit_spec(self, node_id: int) -> tuple[str, float] | None:
        slot = self._slots.get(node_id)
        if slot is None or getattr(self._lesson, "kind", "") != "expression":
            return None
        name = slot.node.meta.get("variable")
        if name is None:
            return None
        return name, float(self._lesson.expression.values.get(name, 0.0))

    def _edited(self, spec, value: float) -> None:
        self.value_edited.emit(spec[0], value)


_number = value_text


__all__ = ["MAX_NODES", "GraphView", "glyph"]
