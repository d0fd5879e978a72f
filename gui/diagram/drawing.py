"""Drawing the network diagram: neurons, edges, biases, targets and the loss, and refreshing their numbers.

Positions come from layout.py; the headings and the ellipsis, which carry translated words, are drawn
by NetworkView itself (their strings stay in its translation context).
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
)

from engine.formula import value_text as _number

from ..lesson.exercise import shown
from ..views.diagram_items import (
    INK,
    MUTED,
    NEGATIVE,
    POSITIVE,
    Z_EDGE,
    Z_LABEL,
    Z_LINK,
    Z_NODE,
    EdgeLayer,
    Highlight,
    NeuronItems,
    Tag,
    set_value,
    trim,
)
from .graph_index import GraphKeys, NodeIndex
from .layer_index import LayerKeys, LayerNodeIndex
from .layout import (
    COLLAPSE_OVER,
    COMPACT_OVER,
    COMPACT_ROW_GAP,
    RADIUS,
    ROW_GAP,
    SHOW_FIRST,
    SHOW_LAST,
    SMALL_PX,
    TEXT_RADIUS,
    THIN_GAP,
    base_gap,
    shown_slots,
    slot_positions,
)


class DiagramDrawing:
    """Builds the scene items of a NetworkView and keeps their numbers current (a mixin of NetworkView)."""

    def _clear_scene(self) -> None:
        self._overlays.clear()
        self._label_overrides.clear()
        self._clear_model_state()
        self._highlight = Highlight()
        scene = self.scene()
        for item in scene.items():  # not scene.clear(): Python takes each item back and frees it when no
            if item.parentItem() is None:  # reference is left, so no wrapper outlives its item (a crash
                scene.removeItem(item)  # when the garbage collector later frees such a wrapper)

    def _radius(self) -> float:
        """A neuron's radius: RADIUS at this font scale, smaller in a thinned diagram."""
        return RADIUS * self._font_scale * self._node_scale

    def _layout(self) -> dict[tuple[int, int], QPointF]:
        """Slot positions in the scene (layout.slot_positions at this font scale and spread); a thinned
        diagram stacks its neurons closely; the loss keeps room for the targets before it."""
        s = self._font_scale
        gap_x = base_gap(s) * self._spread
        unthinned = (COMPACT_ROW_GAP if self._compact else ROW_GAP) * s
        gap_y = (2 + THIN_GAP) * self._radius() if self._thin else unthinned
        positions = {n: QPointF(x, y) for n, (x, y) in slot_positions(self._shown, gap_x, gap_y).items()}
        loss = (len(self._shown), 0)
        output_x = positions[(len(self._shown) - 1, 0)].x()
        positions[loss].setX(max(positions[loss].x(), output_x + self._loss_gap()))
        return positions

    def _build(self) -> None:
        selected = self._selected
        self._clear_scene()
        lesson = self._lesson
        net = lesson.network
        self._sizes = list(net.sizes)
        self._shown = [shown_slots(size) for size in self._sizes]
        self._compact = max(len(slots) for slots in self._shown) > COMPACT_OVER
        self._index_graph()
        positions = self._layout()
        r = self._radius()
        last = len(self._sizes) - 1
        value_font, symbol_font = self._font(15), self._font(17, bold=True)
        small = self._font(SMALL_PX)
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
        self._add_headers(max(r, RADIUS * self._font_scale * 0.5))
        self._add_health_items()
        self._thin_out()
        self._content_rect = self._visible_rect()
        if not self._compact and not self._thin:  # z and δ are empty before the first step, but their room counts
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
        if self._lesson.granularity == "layer":  # one node per layer: each item shows its entry
            self._key_of = LayerKeys(graph)
            self._nodes = index = LayerNodeIndex(graph, net, self._lesson.sample)
        else:
            self._key_of = GraphKeys(graph)
            self._nodes = index = NodeIndex(graph, net.sizes)
        self._z_nodes, self._objective = index.z, index.objective
        for k in list(self._edge_state):
            self._edge_state[k] = math.nan  # repaint every edge on the next refresh

    def _thin_out(self) -> None:
        """A thinned diagram keeps its circles, symbols and headings and leaves the rest to the hover tip:
        no bias boxes, no z or δ; a circle too small for a readable symbol and value shows neither. A bare
        one also leaves out the targets and J."""
        if not self._thin:
            return
        empty = self._bare or self._radius() < TEXT_RADIUS * self._font_scale
        for neuron in self._neurons.values():
            if neuron.bias is not None:
                neuron.bias.setVisible(False)
                for child in neuron.circle.childItems():
                    if isinstance(child, QGraphicsLineItem):
                        child.setVisible(False)  # the bias box's link
            if empty:
                neuron.symbol.setVisible(False)
                neuron.value.setVisible(False)
        if self._bare:  # the targets and J: in the loss's hover tip
            for item in (*self._target_links.values(), *(t for k, t in self._tags.items() if k[0] == "target")):
                item.setVisible(False)
            loss = self._neurons.get(("loss",))
            if loss is not None and loss.z is not None:
                loss.z.setVisible(False)

    def _visible_rect(self) -> QRectF:
        """What is drawn and shown: the scene rectangle of every visible item (from the view's own records:
        asking the scene for its items would make a Python wrapper for each)."""
        items = [*self._headings.values(), *self._tags.values(), *self._edge_layers.values(),
                 *self._loss_links.values(), *self._target_links.values()]
        for neuron in self._neurons.values():
            items += [neuron.circle, *(tag for tag in (neuron.bias, neuron.z, neuron.delta) if tag is not None)]
        rect = QRectF()
        for item in items:
            if item.isVisible():
                rect |= item.sceneBoundingRect()
        for tag in self._delta_room():  # shown or not yet: gradient_health.py
            rect |= tag.mapRectToScene(tag.rect())
        return rect

    def _add_neuron(self, layer: int, j: int, center: QPointF, r: float, last: int,
                    value_font: QFont, symbol_font: QFont, small: QFont) -> None:
        key = ("neuron", layer, j)
        node = self._nodes.get(key)
        fill = "#EEF3F8" if layer == 0 else ("#FFF7E6" if layer == last else "#FFFFFF")
        neuron = self._add_circle(key, center, r, 2.2, fill, node.sym.html if node is not None else "?",
                                  value_font, symbol_font)
        circle = neuron.circle
        if layer > 0:
            if self._lesson.network.has_bias(layer):  # a layer without bias has no bias box
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

    def _column_x(self, layer: int) -> float:
        for key, neuron in self._neurons.items():
            if key[0] == "neuron" and key[1] == layer:
                return neuron.center.x()
        tag = self._tags.get(("ellipsis", layer))
        return 0.0 if tag is None else tag.pos().x()

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
        lesson = self._lesson  # every number through the exercise's rule: a hidden one is drawn "?"
        set_value(neuron, _number(shown(lesson, node)))
        if key[0] == "loss":
            if neuron.z is not None and self._objective is not None:
                neuron.z.set_text("J = " + _number(shown(lesson, self._objective)))
            return
        if neuron.z is None:
            return
        z = self._z_nodes.get(key)
        zv = None if z is None else z.value
        neuron.z.setVisible(zv is not None and not self._compact and not self._thin)
        if zv is not None:
            neuron.z.set_text("z = " + _number(shown(lesson, z)))
        grad = None if z is None else z.grad
        neuron.delta.setVisible(grad is not None and not self._compact and not self._thin)
        if grad is not None:
            neuron.delta.set_text("δ = " + _number(shown(lesson, z, "grad")))
        bias = self._nodes.get(("bias", key[1], key[2]))
        if neuron.bias is not None and bias is not None:
            neuron.bias.set_text(f"{bias.sym.text} = {_number(shown(lesson, bias))}")

    def _refresh_edge(self, key: tuple, force: bool = False) -> None:
        node = self._nodes.get(key)
        if key not in self._edges or node is None:
            return
        value = shown(self._lesson, node)  # a hidden (asked) update is labelled "?"
        w = float(node.value)
        state = self._edge_state_of(node, w)  # w, and |∂J/∂w| when widths follow it (gradient_health.py)
        if not force and self._edge_state.get(key) == state and (value is not None) == self._edge_known.get(key, True):
            return
        self._edge_known[key] = value is not None
        self._edge_state[key] = state
        width = self._edge_width(node, w)
        self._edge_layers[key[1]].set_style(key, w < 0, round(width * 4) / 4)
        label = self._edge_labels.get(key)
        if label is not None:
            label.set_text(_number(None if value is None else w))
            label.set_brush(QBrush(NEGATIVE.darker(140) if w < 0 else POSITIVE.darker(140)))

    def _refresh_target(self, key: tuple) -> None:
        tag = self._tags.get(key)
        node = self._nodes.get(key)
        if tag is not None and node is not None:
            tag.set_text(f"{node.sym.text} = {_number(node.value)}")
            if key[1] in self._target_links:  # keep the right edge on its line into L
                tag.setPos(self._target_right - tag.rect().width() / 2, tag.pos().y())

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

    def _drawn(self, key: tuple) -> tuple:
        """The key of the item that shows ``key`` on screen: ``_visible``'s, and a bias or target whose box a
        thinned diagram hides is shown by its neuron or by the loss (the highlight rings that instead)."""
        key = self._visible(key)
        if key[0] == "bias":
            neuron = self._neurons.get(("neuron", key[1], key[2]))
            if neuron is not None and (neuron.bias is None or not neuron.bias.isVisible()):
                return ("neuron", key[1], key[2])
        if key[0] == "target":
            tag = self._tags.get(key)
            if tag is not None and not tag.isVisible():
                return ("loss",)
        return key

    def _is_shown(self, layer: int, j: int) -> bool:
        if not 0 <= layer < len(self._sizes):
            return False
        size = self._sizes[layer]
        return size <= COLLAPSE_OVER or j < SHOW_FIRST or j >= size - SHOW_LAST

    def item_text(self, node_id: int) -> str:
        """The plain text the user sees on the item that shows graph node ``node_id``, one line each."""
        key = self._key_of.get(node_id)
        return "" if key is None else self.key_text(key)

    def key_text(self, key: tuple) -> str:
        """The plain text the user sees on the item drawn for a diagram key, one line each."""
        key = self._visible(tuple(key))
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
            return label.text if label is not None else ("" if w is None else _number(shown(self._lesson, w)))
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
