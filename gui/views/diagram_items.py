"""The pieces the diagrams are drawn with: colours, tags, batched edges and geometry helpers.

Shared by the network diagram (gui/diagram/view.py) and the computational graph
(gui/graph/), so both look alike on a projector.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
)

POSITIVE = QColor("#0072B2")  # blue
NEGATIVE = QColor("#D55E00")  # vermillion
HIGHLIGHT = QColor("#E69F00")  # orange-gold ring of the current step
GRADIENT = QColor("#AA3377")  # purple arrows of the gradient flowing back
INK = QColor("#111111")
MUTED = QColor("#444444")
PAPER = QColor("#FFFFFF")
MIN_EDGE, MAX_EDGE = 1.0, 8.0
MIN_VALUE_SCALE = 0.95  # a long value reaches a little past its circle's chord rather than shrink below 14 px
Z_HALO, Z_EDGE, Z_LINK, Z_NODE, Z_RING, Z_LABEL, Z_ARROW = -2.0, 0.0, 1.0, 10.0, 12.0, 20.0, 30.0


@dataclass(frozen=True)
class Highlight:
    """What the diagram highlights now (for tests and accessibility)."""

    node: int | None = None  # the current step's node id
    phase: str | None = None
    item: tuple | None = None  # the key of the item that carries the ring
    lit: frozenset = frozenset()  # keys lit by a forward step (incoming edges, inputs used)
    arrows: tuple = ()  # (from key, to key, value) per gradient contribution drawn
    selected: tuple | None = None
    node_ids: frozenset = frozenset()  # the current node and the nodes whose items are lit
    items: frozenset = frozenset()  # layer steps: every ringed item (a layer's neurons, a matrix's edges)
    selected_items: frozenset = frozenset()  # layer granularity: the items a click in the graph selected


@dataclass
class NeuronItems:
    key: tuple
    center: QPointF
    radius: float
    circle: QGraphicsEllipseItem
    value: QGraphicsSimpleTextItem
    symbol: QGraphicsTextItem
    z: Tag | None = None
    delta: Tag | None = None
    bias: Tag | None = None
    texts: dict = field(default_factory=dict)


class Tag(QGraphicsRectItem):
    """A short plain text (lines centred) on a box, centred on its position or hanging below it."""

    def __init__(self, font: QFont, parent: QGraphicsItem | None = None, border: QColor | None = None,
                 pad: float = 3.0, hang: bool = False, fill: QColor = PAPER) -> None:
        super().__init__(parent)
        self._pad, self._hang, self._font = pad, hang, font
        self.setPen(QPen(border, 1.5) if border is not None else QPen(Qt.PenStyle.NoPen))
        self.setBrush(QBrush(fill))
        self.label = QGraphicsSimpleTextItem(self)
        self.label.setFont(font)
        self.label.setBrush(QBrush(INK))
        self._extra: list[QGraphicsSimpleTextItem] = []
        self.text = ""

    def set_brush(self, brush: QBrush) -> None:
        for item in (self.label, *self._extra):
            item.setBrush(brush)

    def set_text(self, text: str) -> None:
        if text == self.text:
            return
        self.text = text
        lines = text.split("\n")
        while len(self._extra) < len(lines) - 1:
            extra = QGraphicsSimpleTextItem(self)
            extra.setFont(self._font)
            extra.setBrush(self.label.brush())
            self._extra.append(extra)
        items = [self.label, *self._extra]
        for item, line in zip(items, lines, strict=False):
            item.setText(line)
            item.setVisible(True)
        for item in items[len(lines):]:
            item.setVisible(False)
        shown = items[:len(lines)]
        w = max(item.boundingRect().width() for item in shown)
        h = sum(item.boundingRect().height() for item in shown)
        p = self._pad
        top = 0.0 if self._hang else -h / 2 - p
        self.setRect(QRectF(-w / 2 - p, top, w + 2 * p, h + 2 * p))
        y = top + p
        for item in shown:
            br = item.boundingRect()
            item.setPos(-br.width() / 2, y)
            y += br.height()


class EdgeLayer(QGraphicsItem):
    """Every drawn weight between two layers, painted as one cached item.

    Hundreds of antialiased lines are the costly part of a repaint, so they are drawn
    once into a device-coordinate cache; a step that changes one weight invalidates only
    its layer. Geometry lives in ``lines``; hit-testing is done by the view with numpy.
    """

    def __init__(self, layer: int) -> None:
        super().__init__()
        self.layer = layer
        self.keys: list[tuple] = []
        self.lines: list[QLineF] = []
        self.painted: list[QLineF] = []  # the same lines reaching under the circles (flat caps hide there)
        self.style: list[tuple[bool, float]] = []
        self.index: dict[tuple, int] = {}
        self._rect = QRectF()
        self.setZValue(Z_EDGE)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def add(self, key: tuple, line: QLineF, painted: QLineF) -> None:
        self.index[key] = len(self.keys)
        self.keys.append(key)
        self.lines.append(line)
        self.painted.append(painted)
        self.style.append((False, MIN_EDGE))

    def finish(self) -> None:
        rect = QRectF()
        for line in self.lines:
            rect = rect.united(QRectF(line.p1(), line.p2()).normalized())
        self.prepareGeometryChange()
        self._rect = rect.adjusted(-MAX_EDGE, -MAX_EDGE, MAX_EDGE, MAX_EDGE)
        self.p1 = np.array([(ln.x1(), ln.y1()) for ln in self.lines], dtype=np.float64).reshape(-1, 2)
        self.p2 = np.array([(ln.x2(), ln.y2()) for ln in self.lines], dtype=np.float64).reshape(-1, 2)

    def set_style(self, key: tuple, negative: bool, width: float) -> bool:
        k = self.index[key]
        if self.style[k] == (negative, width):
            return False
        self.style[k] = (negative, width)
        self.update()
        return True

    def width(self, key: tuple) -> float:
        return self.style[self.index[key]][1]

    def negative(self, key: tuple) -> bool:
        return self.style[self.index[key]][0]

    def nearest(self, p: QPointF) -> tuple[tuple | None, float]:
        """The key of the line nearest to ``p`` and its distance."""
        if not self.keys:
            return None, math.inf
        q = np.array([p.x(), p.y()])
        d = self.p2 - self.p1
        length2 = np.maximum((d * d).sum(axis=1), 1e-12)
        t = np.clip(((q - self.p1) * d).sum(axis=1) / length2, 0.0, 1.0)
        dist = np.hypot(*(self.p1 + d * t[:, None] - q).T)
        k = int(np.argmin(dist))
        return self.keys[k], float(dist[k]) - self.style[k][1] / 2

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        groups: dict[tuple[bool, float], list[QLineF]] = {}
        for line, style in zip(self.painted, self.style, strict=True):
            groups.setdefault(style, []).append(line)
        painter.save()
        for (negative, width), lines in groups.items():
            pen = QPen(NEGATIVE if negative else POSITIVE, width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # round caps cost about six times as much to fill
            painter.setPen(pen)
            painter.drawLines(lines)
        painter.restore()


class Lines(QGraphicsItem):
    """A few wide lines drawn in one call: far cheaper than stroking them as one path."""

    def __init__(self, lines: list[QLineF], color: QColor, width: float) -> None:
        super().__init__()
        self._lines = list(lines)
        self._pen = QPen(color, width)
        self._pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # round caps on wide lines cost several times as much
        rect = QRectF()
        for line in self._lines:
            rect |= QRectF(line.p1(), line.p2()).normalized()
        self._rect = rect.adjusted(-width, -width, width, width)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self._pen)
        painter.drawLines(self._lines)


def set_value(neuron: NeuronItems, text: str) -> None:
    item = neuron.value
    if item.text() == text:
        return
    item.setText(text)
    br = item.boundingRect()
    r = neuron.radius
    room = 2 * math.sqrt(max(r * r - (r * 0.45) ** 2, 1.0)) - 6  # chord width at the text's baseline
    scale = max(MIN_VALUE_SCALE, min(1.0, room / max(br.width(), 1.0)))
    item.setScale(scale)
    item.setPos(-br.width() * scale / 2, r * 0.12)


def make_pen(color: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(color, width, style)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def dist(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())


def trim(a: QPointF, b: QPointF, ra: float, rb: float) -> tuple[QPointF, QPointF]:
    d = dist(a, b) or 1.0
    u = (b - a) / d
    return a + u * ra, b - u * rb


def nearest_on(line: QLineF, p: QPointF) -> QPointF:
    d = line.p2() - line.p1()
    length2 = d.x() ** 2 + d.y() ** 2
    if length2 < 1e-12:
        return QPointF(line.p1())
    t = ((p.x() - line.x1()) * d.x() + (p.y() - line.y1()) * d.y()) / length2
    return line.pointAt(max(0.0, min(1.0, t)))


def arrow_head(tail: QPointF, tip: QPointF, size: float) -> QPolygonF:
    d = dist(tail, tip) or 1.0
    u = (tip - tail) / d
    n = QPointF(-u.y(), u.x())
    base = tip - u * size
    return QPolygonF([tip, base + n * (size * 0.5), base - n * (size * 0.5)])
