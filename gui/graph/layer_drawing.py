"""The computational graph at layer granularity: d2l's figure 4.7.1 drawn into GraphView's scene.

Squares (variables: symbol, value, gradient; parameters shaded) and operator circles are
placed by gui/graph/layer_figure.py from the network; each shows the numbers of the lesson's
layer-graph node it stands for (``layer_part``), in short vector form, ``?`` until the step
reaches it. The current step rings its shapes; a forward step lights its inputs, a backward
step the edges its gradient comes back along. A click selects a shape and tells the diagram
which neurons (or weights) it covers.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainterPath
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsRectItem, QGraphicsSimpleTextItem, QGraphicsTextItem

from engine.compile_layer import layer_part
from engine.formula import fmt, sym
from engine.graph import Node
from engine.matrix_format import shape_text

from ..lesson.exercise import HIDDEN, shown
from ..views.diagram_items import GRADIENT, HIGHLIGHT, INK, MUTED, arrow_head, make_pen
from .drawing import _GLYPHS, CIRCLE_FILL, Z_EDGE, Z_HALO, Z_NODE, Z_RING
from .layer_figure import Figure, Metrics, Shape, figure

PARAM_FILL, INPUT_FILL, TARGET_FILL, OUTPUT_FILL = "#DDE3EA", "#EEF3F8", "#FFF7E6", "#FFF7E6"
SHORT = 3  # entries a square shows; beyond this its shape and the first two

_OP_GLYPHS = {"matmul": "×", "bias_add": "+", "loss": "l", "decay": "‖·‖²", "objective": "+"}
_FALLBACK = {"input": ("X",), "target": ("y",), "loss": ("L",), "decay": ("s",), "objective": ("J",)}


def short_text(value) -> str:
    """A square's value: ? before it is known (or while exercise mode hides it), a number, [a, b, c], or
    beyond SHORT entries its shape, 2×3."""
    if value is None:
        return HIDDEN
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        return fmt(float(array), 3)
    flat = array.ravel()
    if flat.size <= SHORT:
        return "[" + ", ".join(fmt(float(v), 3) for v in flat) + "]"
    return shape_text(array.shape)  # the inspector and the step log show the numbers


class LayerDrawing:
    """The layer-figure half of GraphView (a mixin): builds, numbers and highlights the figure."""

    # ================================================================== building
    def _build_figure(self) -> None:
        lesson = self._lesson
        self._by_part = {}
        for node in lesson.graph.nodes:
            part = layer_part(node)
            if part is not None and not node.meta.get("aux"):  # σ′(z), ‖W‖², λW: d2l's figure has none
                self._by_part.setdefault(part, node)
        s = self._font_scale
        symbol_font, value_font, grad_font = self._font(18, bold=True), self._font(15), self._font(14)
        self._figure_fonts = (value_font, grad_font)
        fm_value, fm_grad = QFontMetricsF(value_font), QFontMetricsF(grad_font)
        box_w = max(fm_value.horizontalAdvance("= [0.000, 0.9168]"), 92 * s) + 10 * s
        box_h = QFontMetricsF(symbol_font).height() + fm_value.height() + fm_grad.height() + 8 * s
        m = Metrics(box_w=box_w, box_h=box_h, radius=20 * s, gap=15 * s, row=box_h + 18 * s)
        self._metrics = m
        fig = figure(lesson.network, m)
        self._figure = fig
        self._shape_items = []
        for index, shape in enumerate(fig.shapes):
            item = self._add_circle_shape(index, shape, m) if shape.op else \
                self._add_square_shape(index, shape, m, symbol_font, value_font, grad_font)
            self._shape_items.append(item)
        self._figure_edges = []
        for edge in fig.edges:
            path = QPainterPath(QPointF(*edge.points[0]))
            for point in edge.points[1:]:
                path.lineTo(QPointF(*point))
            line = self.scene().addPath(path, make_pen(MUTED, 2.0))
            line.setZValue(Z_EDGE)
            tail = QPointF(*edge.points[-2])
            tip = QPointF(*edge.points[-1])
            head = self.scene().addPolygon(arrow_head(tail, tip, 10 * s), make_pen(MUTED, 1.0), QBrush(MUTED))
            head.setZValue(Z_EDGE)
            self._figure_edges.append(path)
        self._content_rect = self.scene().itemsBoundingRect().adjusted(-12, -12, 12, 12)
        self.setSceneRect(self._content_rect.adjusted(-400, -400, 400, 400))

    def _node_of(self, shape: Shape) -> Node | None:
        for part in shape.parts or (shape.part,):
            node = self._by_part.get(part)
            if node is not None:
                return node
        return None

    def _symbol_html(self, shape: Shape) -> str:
        node = self._node_of(shape)
        if node is not None:
            return node.sym.html
        kind = shape.part[0]
        if kind in _FALLBACK:
            return sym(*_FALLBACK[kind]).html
        return sym({"weight": "W", "bias": "b", "z": "z", "a": "a"}[kind], shape.part[1]).html

    def _add_square_shape(self, index: int, shape: Shape, m: Metrics, symbol_font, value_font, grad_font):
        rect = QRectF(shape.x - m.box_w / 2, shape.y - m.box_h / 2, m.box_w, m.box_h)
        box = QGraphicsRectItem(rect)
        kind = shape.part[0]
        fill = PARAM_FILL if shape.is_parameter else {"input": INPUT_FILL, "target": TARGET_FILL}.get(kind, "#FFFFFF")
        if self._is_objective(shape):
            fill = OUTPUT_FILL
        box.setBrush(QBrush(QColor(fill)))
        box.setPen(make_pen(INK, 2.2))
        box.setZValue(Z_NODE)
        box.setData(0, ("shape", index))
        self.scene().addItem(box)
        symbol = QGraphicsTextItem(box)
        symbol.document().setDocumentMargin(0)
        symbol.setFont(symbol_font)
        symbol.setDefaultTextColor(INK)
        symbol.setHtml(self._symbol_html(shape))
        br = symbol.boundingRect()
        symbol.setPos(rect.center().x() - br.width() / 2, rect.top() + 3 * self._font_scale)
        value = QGraphicsSimpleTextItem(box)
        value.setFont(value_font)
        value.setBrush(QBrush(INK))
        grad = QGraphicsSimpleTextItem(box)
        grad.setFont(grad_font)
        grad.setBrush(QBrush(GRADIENT.darker(130)))
        return box, symbol, value, grad

    def _is_objective(self, shape: Shape) -> bool:
        decay = self._lesson.network.weight_decay > 0
        return not shape.op and shape.part == (("objective",) if decay else ("loss",))

    def _add_circle_shape(self, index: int, shape: Shape, m: Metrics):
        circle = QGraphicsEllipseItem(-m.radius, -m.radius, 2 * m.radius, 2 * m.radius)
        circle.setPos(shape.x, shape.y)
        circle.setBrush(QBrush(QColor(CIRCLE_FILL)))
        circle.setPen(make_pen(INK, 2.2))
        circle.setZValue(Z_NODE)
        circle.setData(0, ("shape", index))
        self.scene().addItem(circle)
        text = self._glyph(shape)
        label = QGraphicsSimpleTextItem(text, circle)
        label.setFont(self._font(20 if len(text) <= 2 else 14, bold=len(text) <= 2))
        label.setBrush(QBrush(INK))
        lb = label.boundingRect()
        fit = min(1.0, (2 * m.radius - 6) / max(lb.width(), 1.0))
        label.setScale(fit)
        label.setPos(-lb.width() * fit / 2, -lb.height() * fit / 2)
        circle.setToolTip(shape.activation or shape.op)
        return (circle, label)

    def _glyph(self, shape: Shape) -> str:
        if shape.op != "activation":
            return _OP_GLYPHS[shape.op]
        if getattr(self._lesson.network, "notation", "") == "d2l" and shape.activation != "softmax":
            return "φ"
        return {"softmax": "soft\nmax"}.get(shape.activation, _GLYPHS.get(shape.activation, shape.activation))

    # ================================================================== numbers
    def _refresh_figure(self) -> None:
        m, lesson = self._metrics, self._lesson
        for shape, item in zip(self._figure.shapes, self._shape_items, strict=True):
            if shape.op:
                continue
            box, _symbol, value, grad = item
            node = self._node_of(shape)
            rect = box.rect()
            value.setText("= " + short_text(shown(lesson, node)))  # every number through the exercise's rule
            shown_grad = node is not None and node.needs_grad and node.grad_sym is not None
            grad.setText(f"{node.grad_sym.text} = {short_text(shown(lesson, node, 'grad'))}" if shown_grad else "")
            for text, bottom in ((value, rect.bottom() - QFontMetricsF(grad.font()).height() - 4),
                                 (grad, rect.bottom() - 3)):
                br = text.boundingRect()
                scale = min(1.0, (m.box_w - 8) / max(br.width(), 1.0))
                text.setScale(scale)
                text.setPos(rect.center().x() - br.width() * scale / 2, bottom - br.height() * scale)

    # ================================================================== highlight
    def _step_part(self, node: Node) -> tuple | None:
        """The part a step's node stands for; an auxiliary node (σ′(z)…) borrows its first input's."""
        seen = 0
        while node is not None and seen < 8:
            part = layer_part(node)
            if part is not None:
                return part
            node = node.inputs[0] if node.inputs else None
            seen += 1
        return None

    def _highlight_figure(self) -> None:
        scene = self.scene()
        for item in self._overlays:
            scene.removeItem(item)
        self._overlays.clear()
        self._current = set()
        for index in sorted(self._selected):
            self._ring_shape(index, make_pen(INK, 2.5, Qt.PenStyle.DashLine), 9)
        step = self._current_step()
        if step is None:
            return
        part = self._step_part(step.node)
        shapes = self._figure.shapes
        current = {i for i, s in enumerate(shapes) if part is not None and (s.part == part or part in s.parts)}
        self._current = current
        glow = QColor(HIGHLIGHT if step.phase != "backward" else GRADIENT)
        glow.setAlpha(150)
        for k, edge in enumerate(self._figure.edges):
            into, out_of = edge.target in current, edge.source in current
            if (step.phase == "forward" and into and not out_of) or (step.phase == "backward" and out_of and not into):
                self._overlay(scene.addPath(self._figure_edges[k], make_pen(glow, 9.0)), Z_HALO)
        for index in sorted(current):
            self._ring_shape(index, make_pen(INK, 9.0), 6)
            self._ring_shape(index, make_pen(HIGHLIGHT, 5.0), 6)

    def _follow_figure_step(self) -> None:
        """When zoomed in by hand, keep the current step's shapes on screen (as _follow_step does for nodes)."""
        if self._auto_fit or not self._current:
            return
        rect = QRectF()
        for index in self._current:
            rect = rect.united(self.shape_rect(index))
        visible = self.mapToScene(self.viewport().rect().adjusted(40, 30, -40, -30)).boundingRect()
        if not visible.contains(rect):
            self.centerOn(self._clamped_centre(rect.center()))

    def _ring_shape(self, index: int, pen, margin: float) -> None:
        item = self._shape_items[index][0]
        path = QPainterPath()
        rect = item.sceneBoundingRect().adjusted(-margin, -margin, margin, margin)
        if self._figure.shapes[index].op:
            path.addEllipse(rect)
        else:
            path.addRoundedRect(rect, 6, 6)
        self._overlay(self.scene().addPath(path, pen), Z_RING)

    # ================================================================== reading it (tests, accessibility)
    def figure(self) -> Figure | None:
        self.ensure_current()
        return getattr(self, "_figure", None)

    def shape_text(self, index: int) -> str:
        """The plain text of a square: symbol, '= value' and the gradient line; a circle's glyph."""
        item = self._shape_items[index]
        if self._figure.shapes[index].op:
            return item[1].text()
        _box, symbol, value, grad = item
        return "\n".join(t for t in (symbol.toPlainText(), value.text(), grad.text()) if t)

    def shape_rect(self, index: int) -> QRectF:
        return self._shape_items[index][0].sceneBoundingRect()

    def shape_for(self, part: tuple, operator: bool = False) -> int | None:
        """The index of the square (or the first circle) that stands for ``part``."""
        for index, shape in enumerate(self._figure.shapes):
            if bool(shape.op) == operator and (shape.part == part or part in shape.parts):
                return index
        return None
