"""The network diagram (objectName ``networkView``): neurons, weights, biases, loss, and the step.

The view wraps a ``NetworkLesson`` and never owns or changes a number:
- ``lesson.rebuilt`` → the items are rebuilt (or, when only numbers changed, refreshed);
- ``lesson.stepped`` → only the items the step touched are refreshed, and the highlight moves.

Every item that stands for something in the model carries a *key* in ``data(0)``:
``("neuron", layer, j)``, ``("edge", layer, i, j)``, ``("bias", layer, j)``, ``("target", k)``,
``("loss",)``, ``("ellipsis", layer)``. Graph nodes map onto keys (a neuron shows its z and a
nodes, an edge its weight), so stepping looks up a few dicts instead of walking the scene.

Edits are requests: double-clicking a number opens an inline editor, and a finite number
typed there is emitted as ``value_edited``; the context menu emits ``structure_edit_requested``.
The main window turns both into undo commands, and the view follows the lesson's events.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import shiboken6
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QLineEdit,
    QMenu,
    QWidget,
)

from engine.formula import fmt, value_text
from engine.roles import Role

from ..labels import activation_choices, activation_label, loss_label
from ..views.diagram_items import (
    GRADIENT,
    HIGHLIGHT,
    INK,
    MAX_EDGE,
    MIN_EDGE,
    MUTED,
    NEGATIVE,
    PAPER,
    POSITIVE,
    Z_ARROW,
    Z_EDGE,
    Z_HALO,
    Z_LABEL,
    Z_LINK,
    Z_NODE,
    Z_RING,
    EdgeLayer,
    Highlight,
    Lines,
    NeuronItems,
    Tag,
    arrow_head,
    dist,
    make_pen,
    nearest_on,
    set_value,
    trim,
)
from ..views.lesson_view import LessonView
from .graph_index import GraphKeys, NodeIndex

COLLAPSE_OVER = 24  # layers wider than this collapse
SHOW_FIRST, SHOW_LAST = 10, 3
RADIUS = 34.0  # neuron radius at font scale 1
LAYER_GAP = 330.0
ROW_GAP = 175.0
COMPACT_OVER = 5  # wider layers sit closer together and leave z and δ to the inspector
COMPACT_ROW_GAP = 100.0
AUTO_LABEL_EDGES = 48  # weight labels start visible when no more edges than this are drawn
LABEL_AT = (0.3, 0.42, 0.2, 0.54, 0.66)  # where along its edge a weight label may sit, first choice first
READABLE_ZOOM = 0.75  # the size read from the back of a room; Fit goes below it only to show everything
MAX_SPREAD = 2.0  # layers spread apart up to this many times LAYER_GAP to fill a wide viewport




class NetworkView(LessonView):
    """The editable, steppable diagram of a ``NetworkLesson``."""

    neuron_clicked = Signal(int, int)  # layer, neuron
    node_clicked = Signal(int)  # graph node id (the neuron's a node, or the weight, bias, loss…)
    neuron_hovered = Signal(int, int)  # a non-input neuron under the mouse; (-1, -1) on leaving it
    value_edited = Signal(str, int, int, int, float)  # kind, layer, i, j, value
    structure_edit_requested = Signal(str, int, int)  # action, layer, neuron


    def __init__(self, lesson=None, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setObjectName("networkView")
        self.setBackgroundBrush(QBrush(PAPER))
        self.viewport().setMouseTracking(True)
        self._labels_visible: bool | None = None  # None: automatic (visible for small networks)
        self._hovered = (-1, -1)
        self._selected: tuple | None = None
        self._signature = None
        self._overlays: list[QGraphicsItem] = []
        self._highlight = Highlight()
        self._compact = False
        self._spread = 1.0  # layer gap / LAYER_GAP, chosen by ``fit`` to match the viewport's shape
        self._refit = False  # the drawing changed shape: fit again once the highlight is back
        self._label_overrides: list[tuple[Tag, bool, float]] = []  # weight labels the highlight moved
        self._clear_model_state()
        self.set_lesson(lesson)

    # ================================================================== public API
    def set_weight_labels_visible(self, visible: bool) -> None:
        self._labels_visible = bool(visible)
        self._apply_weight_labels()
        if self._lesson is not None and self._lesson.stepper is not None and self._neurons:
            self._update_highlight()  # the labels the current step shows or covers

    def weight_labels_visible(self) -> bool:
        if self._labels_visible is None:
            return len(self._edges) <= AUTO_LABEL_EDGES
        return self._labels_visible

    def select_neuron(self, layer: int, neuron: int) -> None:
        """Ring a neuron as selected without emitting anything (linked selection from another view)."""
        key = ("neuron", int(layer), int(neuron))
        self._selected = key if key in self._neurons else None
        if self._lesson is not None and self._lesson.stepper is not None and self._neurons:
            self._update_highlight()

    def current_highlight(self) -> Highlight:
        return self._highlight

    def item_text(self, node_id: int) -> str:
        """The plain text the user sees on the item that shows graph node ``node_id``, one line each."""
        key = self._key_of.get(node_id)
        if key is None:
            return ""
        key = self._visible(key)
        kind = key[0]
        if kind == "neuron" or kind == "loss":
            neuron = self._neurons.get(key)
            if neuron is None:
                return ""
            lines = [neuron.symbol.toPlainText(), neuron.value.text()]
            for tag in (neuron.z, neuron.delta, neuron.bias):
                if tag is not None and tag.isVisible() and tag.text:
                    lines.append(tag.text)
            return "\n".join(lines)
        if kind == "edge":
            label = self._edge_labels.get(key)
            w = self._nodes.get(key)
            return label.text if label is not None else ("" if w is None else fmt(float(w.value)))
        if kind == "bias":
            neuron = self._neurons.get(("neuron", key[1], key[2]))
            return "" if neuron is None or neuron.bias is None else neuron.bias.text
        if kind in ("target", "ellipsis"):
            tag = self._tags.get(key)
            return "" if tag is None else tag.text
        return ""

    def neuron_center(self, layer: int, neuron: int) -> QPointF | None:
        """Scene position of a drawn neuron (None when it is collapsed or absent)."""
        item = self._neurons.get(("neuron", layer, neuron))
        return None if item is None else QPointF(item.center)

    def edge_line(self, layer: int, i: int, j: int) -> QLineF | None:
        """Scene geometry of a drawn weight (None when an end is collapsed)."""
        line = self._edges.get(("edge", layer, i, j))
        return None if line is None else QLineF(line)

    def edge_style(self, layer: int, i: int, j: int) -> tuple[QColor, float] | None:
        """The colour and width a weight is drawn with."""
        key = ("edge", layer, i, j)
        edges = self._edge_layers.get(layer)
        if edges is None or key not in edges.index:
            return None
        return QColor(NEGATIVE if edges.negative(key) else POSITIVE), edges.width(key)

    def item_for(self, key: tuple) -> QGraphicsItem | None:
        """The scene item drawn for a key (a neuron's circle, an edge, a bias/target/ellipsis box)."""
        if key[0] in ("neuron", "loss"):
            neuron = self._neurons.get(key)
            return None if neuron is None else neuron.circle
        if key[0] == "edge":
            return self._edge_layers.get(key[1]) if key in self._edges else None
        if key[0] == "bias":
            neuron = self._neurons.get(("neuron", key[1], key[2]))
            return None if neuron is None else neuron.bias
        return self._tags.get(key)

    def counts(self) -> dict[str, int]:
        """How many neurons, edges, biases and ellipses are drawn."""
        return {
            "neurons": sum(1 for k in self._neurons if k[0] == "neuron"),
            "edges": len(self._edges),
            "biases": sum(1 for n in self._neurons.values() if n.bias is not None),
            "ellipses": sum(1 for k in self._tags if k[0] == "ellipsis"),
            "loss": 1 if ("loss",) in self._neurons else 0,
        }

    def value_editor(self) -> QLineEdit | None:
        """The open inline editor, if any."""
        return self._editor

    def open_editor(self, key: tuple) -> QLineEdit | None:
        """Open the inline editor on an edge, bias, input neuron or target (what double-click does)."""
        spec = self._edit_spec(key)
        if spec is None:
            return None
        item = self.item_for(key) if key[0] != "neuron" else self._neurons[key].value
        if item is None:
            return None
        return self._place_editor(key, spec[4], item.sceneBoundingRect().center(), "networkValueEditor")

    def context_menu_for(self, layer: int, neuron: int) -> QMenu:
        """The structure menu of a neuron (neuron ≥ 0) or of a layer (neuron = −1)."""
        menu = QMenu(self)
        sizes = self._sizes
        last = len(sizes) - 1

        def add(text: str, action: str, enabled: bool = True, target: QMenu = menu, checked: bool | None = None):
            act = target.addAction(text)
            act.setData(action)
            act.setEnabled(enabled)
            if checked is not None:
                act.setCheckable(True)
                act.setChecked(checked)
            act.triggered.connect(lambda _=False, a=action: self.structure_edit_requested.emit(a, layer, neuron))
            return act

        add(self.tr("Add a neuron to this layer"), "add_neuron")
        add(self.tr("Remove this neuron"), "remove_neuron", neuron >= 0 and 0 <= layer <= last and sizes[layer] > 1)
        menu.addSeparator()
        add(self.tr("Insert a hidden layer after this one"), "add_layer_after", layer < last)
        add(self.tr("Remove this layer"), "remove_layer", 0 < layer < last)
        if 1 <= layer <= last:
            sub = menu.addMenu(self.tr("Activation"))
            current = self._lesson.network.activation(layer) if self._lesson is not None else None
            for name, label in activation_choices(layer == last):
                add(label, f"activation:{name}", True, sub, name == current)
        return menu

    def fit(self) -> None:
        """Show the whole diagram: first the layers spread out to match the viewport's shape, then
        the zoom shows every neuron, box and heading, below READABLE_ZOOM when nothing else fits
        (a classroom at 1280×720 must see the inputs and the loss at once)."""
        if self._neurons and self.isVisible():
            spread = self._wanted_spread()
            if abs(spread - self._spread) > 0.04:
                self._spread = spread
                self._relayout()
        super().fit()

    def fit_rect(self) -> QRectF:
        return self._content_rect if not self._content_rect.isEmpty() else super().fit_rect()

    # ------------------------------------------------------------------ fitting the viewport
    def _wanted_spread(self) -> float:
        """The layer spread that makes the diagram as wide as the viewport at the zoom fit will use."""
        rect, gaps = self._content_rect, len(self._sizes)
        vw, vh = self.viewport().width(), self.viewport().height()
        if rect.isEmpty() or gaps < 1 or vw < 100 or vh < 100:
            return self._spread
        m = self.FIT_MARGIN
        base = self._base_gap()
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

    # ================================================================== model events
    def _forget_lesson_state(self) -> None:
        self._selected = None
        self._signature = None
        self._spread = 1.0

    def _alive(self) -> bool:
        """False once Qt has deleted the view; then stop listening to the (Qt-free) lesson."""
        if shiboken6.isValid(self):
            return True
        if self._lesson is not None:
            self._lesson.rebuilt.disconnect(self._on_lesson_rebuilt)
            self._lesson.stepped.disconnect(self._on_lesson_stepped)
        return False

    def _on_lesson_rebuilt(self) -> None:
        if not self._alive():
            return
        self._close_editor()
        lesson = self._lesson
        if lesson is None or getattr(lesson, "kind", "") != "network" or lesson.graph is None:
            self._clear_scene()
            self._show_message(self.tr("This lesson has no network to draw."))
            self._forget_missing_hover()
            return
        net = lesson.network
        signature = (tuple(net.sizes), tuple(net.activation(k) for k in range(1, len(net.sizes))), net.loss,
                     net.weight_decay > 0, self._font_scale)
        if signature == self._signature:
            self._index_graph()  # the same drawing: only the numbers (and node ids) changed
        else:
            self._signature = signature
            self._build()
            self._refit = self._auto_fit  # another shape: fit it once the step is highlighted again
        self._last_position = None  # the next stepped event refreshes every item
        self._forget_missing_hover()

    def _forget_missing_hover(self) -> None:
        """A structure edit, undo or redo may remove the neuron under the mouse, or make another kind of
        neuron of it (a hidden neuron becomes the output when a layer goes): say again what is hovered."""
        if self._hovered == (-1, -1):
            return
        if ("neuron", *self._hovered) not in self._neurons:
            self._hovered = (-1, -1)
        self.neuron_hovered.emit(*self._hovered)

    def _on_lesson_stepped(self) -> None:
        if not self._alive():
            return
        lesson = self._lesson
        if lesson is None or lesson.stepper is None or not self._neurons:
            return
        stepper = lesson.stepper
        position = stepper.position
        last = self._last_position
        if last is None or abs(position - last) != 1:
            self._refresh_all()
        else:
            changed = stepper.schedule[min(position, last)].node
            key = self._key_of.get(changed.id)
            if key is not None:
                self._refresh_key(self._visible(key))
        self._last_position = position
        self._update_highlight()
        if self._refit:
            self._refit = False
            self.fit()
        else:
            self._follow_step()

    # ================================================================== building
    def _clear_model_state(self) -> None:
        self._neurons: dict[tuple, NeuronItems] = {}
        self._edges: dict[tuple, QLineF] = {}
        self._edge_layers: dict[int, EdgeLayer] = {}
        self._edge_labels: dict[tuple, Tag] = {}
        self._edge_state: dict[tuple, float] = {}
        self._tags: dict[tuple, Tag] = {}
        self._loss_links: dict[int, QGraphicsLineItem] = {}
        self._target_links: dict[int, QGraphicsLineItem] = {}  # target box → L
        self._target_right = 0.0  # the target boxes' right edges line up here
        self._crowded: set[tuple] = set()  # weights whose label found no free place
        self._nodes: dict[tuple, object] = {}  # key → graph node (a for neurons, weight for edges…)
        self._z_nodes: dict[tuple, object] = {}
        self._key_of: dict[int, tuple] = {}
        self._shown: list[list[int | None]] = []
        self._sizes: list[int] = []
        self._content_rect = QRectF()
        self._message = ""
        self._last_position: int | None = None
        self._w_scale = 1.0
        self._objective = None

    def _clear_scene(self) -> None:
        self._overlays.clear()
        self._label_overrides.clear()
        self._clear_model_state()
        self._highlight = Highlight()
        scene = self.scene()
        for item in scene.items():  # not scene.clear(): Python takes each item back and frees it when no
            if item.parentItem() is None:  # reference is left, so no wrapper outlives its item (a crash
                scene.removeItem(item)  # when the garbage collector later frees such a wrapper)

    @staticmethod
    def _shown_slots(size: int) -> list[int | None]:
        """Neuron indices drawn for a layer; None is the ellipsis."""
        if size <= COLLAPSE_OVER:
            return list(range(size))
        return [*range(SHOW_FIRST), None, *range(size - SHOW_LAST, size)]

    def _layout(self) -> dict[tuple[int, int], QPointF]:
        """Slot positions from networkx's multipartite layout (a dict subset_key: deterministic)."""
        g = nx.Graph()
        subsets: dict[int, list[tuple[int, int]]] = {}
        for layer, slots in enumerate([*self._shown, [0]]):  # the loss is one more column
            nodes = [(layer, k) for k in range(len(slots))]
            g.add_nodes_from(nodes)
            subsets[layer] = nodes
        pos = nx.multipartite_layout(g, subset_key=subsets, align="vertical")
        unit = float(pos[(1, 0)][0] - pos[(0, 0)][0]) or 1.0  # one layer step in layout units
        s = self._font_scale
        gap_x = self._base_gap() * self._spread
        gap_y = (COMPACT_ROW_GAP if self._compact else ROW_GAP) * s
        return {n: QPointF(float(p[0]) / unit * gap_x, float(p[1]) / unit * gap_y) for n, p in pos.items()}

    def _base_gap(self) -> float:
        return LAYER_GAP * max(1.0, 0.75 + 0.25 * self._font_scale)

    def _build(self) -> None:
        selected = self._selected
        self._clear_scene()
        lesson = self._lesson
        net = lesson.network
        self._sizes = list(net.sizes)
        self._shown = [self._shown_slots(size) for size in self._sizes]
        self._compact = max(len(slots) for slots in self._shown) > COMPACT_OVER
        self._index_graph()
        positions = self._layout()
        scene = self.scene()
        r = RADIUS * self._font_scale
        last = len(self._sizes) - 1
        value_font, symbol_font = self._font(15), self._font(17, bold=True)
        small = self._font(13)
        for layer, slots in enumerate(self._shown):
            for k, j in enumerate(slots):
                center = positions[(layer, k)]
                if j is None:
                    self._add_ellipsis(layer, center, r)
                    continue
                self._add_neuron(layer, j, center, r, last, value_font, symbol_font, small)
        self._add_loss(positions[(last + 1, 0)], r * 1.15, value_font, symbol_font, small)
        self._add_edges()
        self._add_targets(small)
        self._add_headers(r)
        self._content_rect = scene.itemsBoundingRect()
        if not self._compact:  # z and δ are empty before the first step, but their room counts
            line = QFontMetricsF(small).height() + 2
            for n in self._neurons.values():
                if n.delta is not None:
                    c = n.center
                    self._content_rect |= QRectF(c.x() - n.radius, c.y(), 2 * n.radius, n.delta.pos().y() + line)
        self.setSceneRect(self._content_rect.adjusted(-400, -400, 400, 400))
        if selected in self._neurons:
            self._selected = selected
        self._apply_weight_labels()

    def _index_graph(self) -> None:
        """Map graph nodes to keys; neurons keep their a node (inputs: the input node). See graph_index."""
        graph = self._lesson.graph
        net = self._lesson.network
        self._w_scale = max((float(np.max(np.abs(net.weights(k)))) for k in range(1, len(net.sizes))),
                            default=1.0) or 1.0
        self._key_of = GraphKeys(graph)
        self._nodes = index = NodeIndex(graph, net.sizes)
        self._z_nodes, self._objective = index.z, index.objective
        for k in list(self._edge_state):
            self._edge_state[k] = math.nan  # repaint every edge on the next refresh

    def _add_neuron(self, layer: int, j: int, center: QPointF, r: float, last: int,
                    value_font: QFont, symbol_font: QFont, small: QFont) -> None:
        key = ("neuron", layer, j)
        node = self._nodes.get(key)
        fill = "#EEF3F8" if layer == 0 else ("#FFF7E6" if layer == last else "#FFFFFF")
        neuron = self._add_circle(key, center, r, 2.2, fill, node.sym.html if node is not None else "?",
                                  value_font, symbol_font)
        circle = neuron.circle
        if layer > 0:
            neuron.bias = Tag(small, circle, border=MUTED, pad=3.0, hang=True, fill=QColor("#F4F4F4"))
            neuron.bias.setData(0, ("bias", layer, j))
            link = QGraphicsLineItem(0, r, 0, r + 8 * self._font_scale, circle)
            link.setPen(QPen(MUTED, 1.5))
            neuron.bias.setPos(0, r + 8 * self._font_scale)
            neuron.z = Tag(small, circle, pad=1.0, hang=True)
            neuron.delta = Tag(small, circle, pad=1.0, hang=True)
            neuron.z.setPos(0, r + 8 * self._font_scale + 32 * self._font_scale)
            neuron.delta.setPos(0, r + 8 * self._font_scale + 51 * self._font_scale)
        self._neurons[key] = neuron

    def _add_circle(self, key: tuple, center: QPointF, r: float, outline: float, fill: str, symbol_html: str,
                    value_font: QFont, symbol_font: QFont) -> NeuronItems:
        """A circle with its symbol above the middle and room for its value below."""
        circle = QGraphicsEllipseItem(-r, -r, 2 * r, 2 * r)
        circle.setPos(center)
        circle.setPen(QPen(INK, outline))
        circle.setBrush(QBrush(QColor(fill)))
        circle.setZValue(Z_NODE)
        circle.setData(0, key)
        self.scene().addItem(circle)
        symbol = QGraphicsTextItem(circle)
        symbol.document().setDocumentMargin(0)
        symbol.setFont(symbol_font)
        symbol.setDefaultTextColor(INK)
        symbol.setHtml(symbol_html)
        symbol.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # fixed until the next rebuild
        br = symbol.boundingRect()
        symbol.setPos(-br.width() / 2, -br.height() + r * 0.12)
        value = QGraphicsSimpleTextItem(circle)
        value.setFont(value_font)
        value.setBrush(QBrush(INK))
        return NeuronItems(key, QPointF(center), r, circle, value, symbol)

    def _add_ellipsis(self, layer: int, center: QPointF, r: float) -> None:
        key = ("ellipsis", layer)
        hidden = self._sizes[layer] - SHOW_FIRST - SHOW_LAST
        tag = Tag(self._font(15, bold=True), border=INK, pad=8.0, fill=QColor("#F4F4F4"))
        tag.set_text(self.tr("⋯ (%n more)", "", hidden))
        tag.setPos(center)
        tag.setZValue(Z_NODE)
        tag.setData(0, key)
        self.scene().addItem(tag)
        self._tags[key] = tag

    def _add_loss(self, center: QPointF, r: float, value_font: QFont, symbol_font: QFont, small: QFont) -> None:
        key = ("loss",)
        loss = self._nodes.get(key)
        neuron = self._add_circle(key, center, r, 2.6, "#F3EEF6", loss.sym.html if loss is not None else "L",
                                  value_font, symbol_font)
        circle = neuron.circle
        if self._objective is not None:
            neuron.z = Tag(small, circle, border=INK, pad=3.0, hang=True)
            neuron.z.setPos(0, r + 8 * self._font_scale)
        self._neurons[key] = neuron

    def _add_edges(self) -> None:
        scene = self.scene()
        for layer in range(1, len(self._sizes)):
            edges = self._edge_layers[layer] = EdgeLayer(layer)
            for i in self._shown[layer - 1]:
                if i is None:
                    continue
                a = self._neurons[("neuron", layer - 1, i)]
                for j in self._shown[layer]:
                    if j is None:
                        continue
                    b = self._neurons[("neuron", layer, j)]
                    key = ("edge", layer, i, j)
                    p1, p2 = trim(a.center, b.center, a.radius, b.radius)
                    self._edges[key] = QLineF(p1, p2)
                    q1, q2 = trim(a.center, b.center, a.radius * 0.6, b.radius * 0.6)
                    edges.add(key, self._edges[key], QLineF(q1, q2))
                    self._edge_state[key] = math.nan
            edges.finish()
            scene.addItem(edges)
        loss = self._neurons[("loss",)]
        pen = QPen(MUTED, 2.0, Qt.PenStyle.DashLine)
        last = len(self._sizes) - 1
        for k in self._shown[last]:
            if k is None:
                continue
            out = self._neurons[("neuron", last, k)]
            p1, p2 = trim(out.center, loss.center, out.radius, loss.radius)
            line = scene.addLine(p1.x(), p1.y(), p2.x(), p2.y(), pen)
            line.setZValue(Z_EDGE)
            self._loss_links[k] = line

    def _add_targets(self, small: QFont) -> None:
        """The targets y are inputs of L: a column of boxes just left of L and below the dashed
        ŷ→L lines, right edges lined up, each with its own thin line into L."""
        last = len(self._sizes) - 1
        loss = self._neurons[("loss",)]
        c, r, s = loss.center, loss.radius, self._font_scale
        font = self._font(15)
        tags: list[tuple[int, Tag]] = []
        for k in self._shown[last]:
            if k is None:
                continue
            key = ("target", k)
            tag = Tag(font, border=INK, pad=5.0, fill=QColor("#FFF7E6"))
            tag.setZValue(Z_LABEL)
            tag.setData(0, key)
            self._tags[key] = tag
            self._refresh_target(key)
            tags.append((k, tag))
        if not tags:
            return
        room = QFontMetricsF(font).horizontalAdvance("y[00] = −0.0000") + 10
        width = max(room, *(tag.rect().width() for _, tag in tags))
        right = c.x() - r - 34 * s
        self._target_right = right
        # Top of the column: below every dashed line where it passes over the column.
        top = c.y() + 8 * s
        for line in self._loss_links.values():
            ln = line.line()
            for x in (right - width, right):
                if ln.x1() <= x <= ln.x2() and abs(ln.dx()) > 1e-9:
                    top = max(top, ln.y1() + ln.dy() * (x - ln.x1()) / ln.dx() + 8 * s)
        pen = QPen(MUTED, 1.5)
        y = top
        for k, tag in tags:
            h = tag.rect().height()
            tag.setPos(right - tag.rect().width() / 2, y + h / 2)
            self.scene().addItem(tag)
            start = QPointF(right, y + h / 2)
            end = trim(start, c, 0.0, r + 1.0)[1]
            link = self.scene().addLine(QLineF(start, end), pen)
            link.setZValue(Z_LINK)
            link.setData(0, ("target", k))
            self._target_links[k] = link
            y += h + 6 * s

    def _add_headers(self, r: float) -> None:
        net = self._lesson.network
        last = len(self._sizes) - 1
        top = min(n.center.y() - n.radius for n in self._neurons.values())
        top = min([top, *(t.sceneBoundingRect().top() for t in self._tags.values())])
        font = self._font(15, bold=True)
        columns: list[tuple[float, str]] = []
        for layer in range(last + 1):
            x = self._column_x(layer)
            if layer == 0:
                text = self.tr("Input")
            elif layer == last:
                text = self.tr("Output") + "\n" + activation_label(net.activation(layer))
            else:
                text = self.tr("Hidden %1").replace("%1", str(layer)) + "\n" \
                    + activation_label(net.activation(layer))
            columns.append((x, text))
        loss_text = self.tr("Loss") + "\n" + loss_label(net.loss)
        if self._objective is not None:
            loss_text += "\n" + self.tr("J = L + λ/2·Σ‖W‖², λ = %1").replace("%1", fmt(net.weight_decay))
        columns.append((self._neurons[("loss",)].center.x(), loss_text))
        for x, text in columns:
            tag = Tag(font, pad=2.0)
            tag.set_brush(QBrush(MUTED))
            tag.set_text(text)
            tag.setPos(x, top - r * 1.9 - tag.rect().height() / 2)
            self.scene().addItem(tag)

    def _column_x(self, layer: int) -> float:
        for key, neuron in self._neurons.items():
            if key[0] == "neuron" and key[1] == layer:
                return neuron.center.x()
        tag = self._tags.get(("ellipsis", layer))
        return 0.0 if tag is None else tag.pos().x()

    # ------------------------------------------------------------------ weight labels
    def _apply_weight_labels(self) -> None:
        self._restore_labels()
        visible = self.weight_labels_visible()
        if visible and not self._edge_labels and self._edges:
            font = self._font(13)
            for key, line in self._edges.items():
                tag = Tag(font, border=None, pad=2.0)
                tag.setZValue(Z_LABEL - 1)
                tag.setData(0, key)
                tag.setPos(line.pointAt(LABEL_AT[0]))
                self.scene().addItem(tag)
                self._edge_labels[key] = tag
                self._refresh_edge(key, force=True)
            self._place_weight_labels(font)
        for key, tag in self._edge_labels.items():
            tag.setVisible(visible and key not in self._crowded)

    def _place_weight_labels(self, font: QFont) -> None:
        """Put each weight's label at the first place along its edge (LABEL_AT) where it covers no
        other label, neuron or box; a label with no free place is left out (``_crowded``).
        Layer by layer, the heaviest weights first."""
        cell = 64.0
        grid: dict[tuple[int, int], list[QRectF]] = {}

        def cells(rect: QRectF):
            for gx in range(math.floor(rect.left() / cell), math.floor(rect.right() / cell) + 1):
                for gy in range(math.floor(rect.top() / cell), math.floor(rect.bottom() / cell) + 1):
                    yield gx, gy

        def free(rect: QRectF) -> bool:
            return not any(other.intersects(rect) for c in cells(rect) for other in grid.get(c, ()))

        def take(rect: QRectF) -> None:
            for c in cells(rect):
                grid.setdefault(c, []).append(rect)

        for n in self._neurons.values():
            take(n.circle.sceneBoundingRect())
            for child in (n.bias, n.z, n.delta):
                if child is not None:
                    take(child.sceneBoundingRect())
        for tag in self._tags.values():
            take(tag.sceneBoundingRect())
        reserve = QFontMetricsF(font).horizontalAdvance("−0.0000") + 4  # room for a longer value later
        self._crowded = set()

        def weight(key: tuple) -> float:
            node = self._nodes.get(key)
            return 0.0 if node is None or node.value is None else abs(float(node.value))

        for key in sorted(self._edge_labels, key=lambda k: (k[1], -weight(k), k[2], k[3])):
            tag, line = self._edge_labels[key], self._edges[key]
            w = max(tag.rect().width(), reserve) + 4
            h = tag.rect().height() + 2
            for t in LABEL_AT:
                p = line.pointAt(t)
                rect = QRectF(p.x() - w / 2, p.y() - h / 2, w, h)
                if free(rect):
                    tag.setPos(p)
                    take(rect)
                    break
            else:
                self._crowded.add(key)

    def _restore_labels(self) -> None:
        """Undo what the last highlight did to weight labels (shown its own, hid covered ones)."""
        for tag, visible, z in reversed(self._label_overrides):
            tag.setVisible(visible)
            tag.setZValue(z)
        self._label_overrides.clear()

    def _override_label(self, tag: Tag, visible: bool, z: float | None = None) -> None:
        self._label_overrides.append((tag, tag.isVisible(), tag.zValue()))
        tag.setVisible(visible)
        if z is not None:
            tag.setZValue(z)

    def _uncover(self, rect: QRectF, keep: QGraphicsItem | None = None) -> None:
        """Hide, for this step, the weight labels under ``rect``."""
        for item in self.scene().items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            key = item.data(0)
            if item is not keep and key is not None and key[0] == "edge" and item.isVisible() \
                    and self._edge_labels.get(tuple(key)) is item:
                self._override_label(item, False)

    # ================================================================== refreshing numbers
    def _refresh_all(self) -> None:
        for key in self._neurons:
            self._refresh_neuron(key)
        for key in self._edges:
            self._refresh_edge(key)
        for key in self._tags:
            if key[0] == "target":
                self._refresh_target(key)

    def _refresh_key(self, key: tuple) -> None:
        kind = key[0]
        if kind in ("neuron", "loss"):
            self._refresh_neuron(key)
        elif kind == "edge":
            self._refresh_edge(key)
        elif kind == "bias":
            self._refresh_neuron(("neuron", key[1], key[2]))
        elif kind == "target":
            self._refresh_target(key)

    def _refresh_neuron(self, key: tuple) -> None:
        neuron = self._neurons.get(key)
        if neuron is None:
            return
        node = self._nodes.get(key)
        set_value(neuron, _number(None if node is None else node.value))
        if key[0] == "loss":
            if neuron.z is not None and self._objective is not None:
                neuron.z.set_text("J = " + _number(self._objective.value))
            return
        if neuron.z is None:
            return
        z = self._z_nodes.get(key)
        zv = None if z is None else z.value
        neuron.z.setVisible(zv is not None and not self._compact)
        if zv is not None:
            neuron.z.set_text("z = " + _number(zv))
        grad = None if z is None else z.grad
        neuron.delta.setVisible(grad is not None and not self._compact)
        if grad is not None:
            neuron.delta.set_text("δ = " + _number(grad))
        bias = self._nodes.get(("bias", key[1], key[2]))
        if neuron.bias is not None and bias is not None:
            neuron.bias.set_text(f"{bias.sym.text} = {_number(bias.value)}")

    def _refresh_edge(self, key: tuple, force: bool = False) -> None:
        node = self._nodes.get(key)
        if key not in self._edges or node is None:
            return
        w = float(node.value)
        if not force and self._edge_state.get(key) == w:
            return
        self._edge_state[key] = w
        width = max(MIN_EDGE, min(MAX_EDGE, MAX_EDGE * abs(w) / self._w_scale))
        self._edge_layers[key[1]].set_style(key, w < 0, round(width * 4) / 4)
        label = self._edge_labels.get(key)
        if label is not None:
            label.set_text(_number(w))
            label.set_brush(QBrush(NEGATIVE.darker(140) if w < 0 else POSITIVE.darker(140)))

    def _refresh_target(self, key: tuple) -> None:
        tag = self._tags.get(key)
        node = self._nodes.get(key)
        if tag is not None and node is not None:
            tag.set_text(f"{node.sym.text} = {_number(node.value)}")
            if key[1] in self._target_links:  # keep the right edge on its line into L
                tag.setPos(self._target_right - tag.rect().width() / 2, tag.pos().y())

    # ================================================================== highlighting
    def _visible(self, key: tuple) -> tuple:
        """The key of what is drawn for ``key``: hidden neurons fold into their layer's ellipsis."""
        kind = key[0]
        if kind == "neuron" or kind == "bias":
            return key if self._is_shown(key[1], key[2]) else ("ellipsis", key[1])
        if kind == "edge":
            _, layer, i, j = key
            if not self._is_shown(layer - 1, i):
                return ("ellipsis", layer - 1)
            return key if self._is_shown(layer, j) else ("ellipsis", layer)
        if kind == "target":
            last = len(self._sizes) - 1
            return key if self._is_shown(last, key[1]) else ("ellipsis", last)
        return key

    def _is_shown(self, layer: int, j: int) -> bool:
        if not 0 <= layer < len(self._sizes):
            return False
        size = self._sizes[layer]
        return size <= COLLAPSE_OVER or j < SHOW_FIRST or j >= size - SHOW_LAST

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
        if step is None:
            self._highlight = Highlight(selected=selected)
            return
        node = step.node
        key = self._visible(self._key_of.get(node.id, ("loss",)))
        lit: set[tuple] = set()
        lit_ids: set[int] = set()
        arrows: list[tuple] = []
        if step.phase == "forward":
            for parent in node.shown_inputs:
                pkey = self._key_of.get(parent.id)
                if pkey is None:
                    continue
                pkey = self._visible(pkey)
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
                ckey = self._visible(ckey)
                if ckey[0] == "ellipsis" and ckey != key:
                    continue
                value = np.asarray(c["value"], dtype=np.float64)
                shown = _number(value)
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
        for color, width, dz in ((INK, widths[0], 0.0), (HIGHLIGHT, widths[1], 0.1)):
            item = scene.addPath(path, make_pen(color, width))
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

    # ================================================================== mouse and menus
    def _hit(self, view_pos) -> tuple | None:
        """The key under a viewport position: labels and neurons before edges, then the nearest edge."""
        p = self.mapToScene(view_pos)
        tol = 7.0 / max(self.zoom(), 1e-6)
        rect = QRectF(p.x() - tol, p.y() - tol, 2 * tol, 2 * tol)
        for item in self.scene().items(rect, Qt.ItemSelectionMode.IntersectsItemShape,
                                       Qt.SortOrder.DescendingOrder):
            key = None
            walker = item
            while walker is not None and key is None:
                key = walker.data(0)
                walker = walker.parentItem()
            if key:
                return tuple(key)
        best_edge, best_d = None, math.inf
        for edges in self._edge_layers.values():
            if edges.boundingRect().adjusted(-tol, -tol, tol, tol).contains(p):
                key, d = edges.nearest(p)
                if d < best_d:
                    best_edge, best_d = key, d
        return best_edge if best_d <= tol else None

    def _clicked(self, key) -> None:
        self._on_item_clicked(key)

    def _double_clicked(self, key) -> bool:
        if self._edit_spec(key) is None:
            return False
        self.open_editor(key)
        return True

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() != Qt.MouseButton.NoButton:
            return
        key = self._hit(event.position().toPoint())
        hovered = (key[1], key[2]) if key is not None and key[0] == "neuron" and key[1] > 0 else (-1, -1)
        if hovered != self._hovered:
            self._hovered = hovered
            self.neuron_hovered.emit(*hovered)

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        if self._hovered != (-1, -1):
            self._hovered = (-1, -1)
            self.neuron_hovered.emit(-1, -1)

    def contextMenuEvent(self, event) -> None:
        key = self._hit(event.pos())
        if key is not None and key[0] in ("neuron", "ellipsis") and self._lesson is not None:
            neuron = key[2] if key[0] == "neuron" else -1
            menu = self.context_menu_for(key[1], neuron)
            menu.exec(event.globalPos())
            event.accept()
            return
        super().contextMenuEvent(event)

    def _on_item_clicked(self, key: tuple) -> None:
        if key[0] == "neuron":
            self._selected = key
            if self._lesson is not None and self._lesson.stepper is not None:
                self._update_highlight()
            self.neuron_clicked.emit(key[1], key[2])
            node = self._nodes.get(key) or self._z_nodes.get(key)
        elif key[0] == "loss":
            node = self._objective or self._nodes.get(key)
        else:
            node = self._nodes.get(key)
        if node is not None:
            self.node_clicked.emit(node.id)

    # ================================================================== inline editor
    def _edit_spec(self, key: tuple) -> tuple[str, int, int, int, float] | None:
        """(kind, layer, i, j, current model value) for an editable key, else None."""
        lesson = self._lesson
        if lesson is None or getattr(lesson, "kind", "") != "network":
            return None
        net, data, sample = lesson.network, lesson.data, lesson.sample
        kind = key[0]
        if kind == "edge" and key in self._edges:
            _, layer, i, j = key
            return "weight", layer, i, j, float(net.weights(layer)[i, j])
        if kind == "bias" and self._is_shown(key[1], key[2]):
            _, layer, j = key
            return "bias", layer, -1, j, float(net.biases(layer)[j])
        if kind == "neuron" and key[1] == 0 and key in self._neurons:
            return "input", 0, key[2], -1, float(data.inputs[sample, key[2]])
        if kind == "target" and key in self._tags:
            return "target", len(self._sizes) - 1, key[1], -1, float(data.targets[sample, key[1]])
        return None

    def _edited(self, spec, value: float) -> None:
        kind, layer, i, j, _old = spec
        self.value_edited.emit(kind, layer, i, j, value)


# ====================================================================== helpers
_number = value_text

