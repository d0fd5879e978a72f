"""The example gallery's thumbnails: a sketch of each lesson's network or expression graph.

A network is drawn as its layers of neurons (at most ``SHOWN`` a layer), each neuron filled by its
activation's colour, so a sigmoid network and the same network with ReLU look different at a glance.
An expression is drawn as its graph: the given values on the left, each operation one column right of
its deepest operand, an edge from every operand.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap

from engine.document import Document
from engine.expressions import compile_expression

from ..views.diagram_items import INK, MUTED, PAPER

SIZE = 64  # pixels, square
SHOWN = 6  # neurons drawn in a layer at most
# Okabe-Ito colours, readable for colour-blind viewers; the input layer is left white.
ACTIVATION_COLOURS = {"sigmoid": "#56B4E9", "tanh": "#009E73", "relu": "#E69F00", "leaky_relu": "#F0E442",
                      "linear": "#BBBBBB", "softmax": "#CC79A7"}
OPERATION = "#CC79A7"  # the operations of an expression graph


def lesson_thumbnail(doc: Document, size: int = SIZE) -> QPixmap:
    """The gallery's picture of a lesson (a blank frame for a lesson that cannot be drawn)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(PAPER)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#808080"), 1))
    painter.drawRect(0, 0, size - 1, size - 1)
    if doc.network is not None:
        sizes = doc.network.sizes
        fills = [None] + [ACTIVATION_COLOURS.get(doc.network.activation(n), "#BBBBBB") for n in range(1, len(sizes))]
        columns = [[(fills[n], None)] * min(count, SHOWN) for n, count in enumerate(sizes)]
        edges = [(n, i, j) for n in range(1, len(columns))
                 for i in range(len(columns[n - 1])) for j in range(len(columns[n]))]
        _draw(painter, size, columns, edges)
    elif doc.expression is not None:
        columns, edges = _expression_columns(doc)
        _draw(painter, size, columns, edges)
    painter.end()
    return pixmap


def points(size: int, columns: list[list]) -> list[list[QPointF]]:
    """Where each node of each column is drawn: columns spread evenly left to right, nodes top to bottom."""
    margin = size * 0.14
    width = size - 2 * margin
    out = []
    for c, column in enumerate(columns):
        x = margin + (width * c / (len(columns) - 1) if len(columns) > 1 else width / 2)
        step = width / max(len(column) - 1, 1)
        top = margin + (width - step * (len(column) - 1)) / 2 if len(column) > 1 else size / 2
        out.append([QPointF(x, top + step * r) for r in range(len(column))])
    return out


def _draw(painter: QPainter, size: int, columns: list[list], edges: list[tuple[int, int, int]]) -> None:
    """Edges (column, row in the column before it or the given source, row) first, then the nodes."""
    where = points(size, columns)
    painter.setPen(QPen(MUTED, 0.6))
    for c, i, j in edges:
        source = where[c - 1][i] if columns[c][j][1] is None else where[columns[c][j][1][i][0]][columns[c][j][1][i][1]]
        painter.drawLine(source, where[c][j])
    densest = max(len(column) for column in columns)
    radius = max(1.8, min(size / (3.2 * max(densest, len(columns))), size * 0.07))
    painter.setPen(QPen(INK, 0.8))
    for column, at in zip(columns, where, strict=True):
        for (fill, _sources), point in zip(column, at, strict=True):
            painter.setBrush(QColor(fill) if fill else PAPER)
            painter.drawEllipse(point, radius, radius)


def _expression_columns(doc: Document) -> tuple[list[list], list[tuple[int, int, int]]]:
    """The expression's nodes by depth; each op node carries the (column, row) of its operands."""
    expression = doc.expression
    graph = compile_expression(expression.source, expression.values)
    depth: dict[int, int] = {}
    place: dict[int, tuple[int, int]] = {}
    columns: list[list] = []
    for node in graph.nodes:  # operands are made before the operations that use them
        depth[node.id] = 1 + max((depth[p.id] for p in node.inputs), default=-1)
    for node in sorted(graph.nodes, key=lambda n: (depth[n.id], n.id)):
        c = depth[node.id]
        while len(columns) <= c:
            columns.append([])
        place[node.id] = (c, len(columns[c]))
        sources = [place[p.id] for p in node.inputs]
        columns[c].append((OPERATION if node.inputs else None, sources if node.inputs else None))
    edges = [(c, i, j) for c, column in enumerate(columns) for j, (_fill, sources) in enumerate(column)
             for i in range(len(sources or []))]
    return columns, edges
