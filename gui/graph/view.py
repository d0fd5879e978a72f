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

Layout (gui/graph/layout.py): columns left to right in data-flow order, each leaf just before
its first consumer. Drawing is in gui/graph/drawing.py, numbers and highlight in highlight.py.

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

from PySide6.QtCore import QPointF, QRect, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QLabel, QLineEdit, QWidget

from engine.compile import neuron_of, operation_node_count
from engine.graph import Graph

from ..diagram.layer_index import diagram_keys
from ..views.diagram_items import PAPER, Tag
from ..views.lesson_view import LessonView
from .bands import GraphBands
from .drawing import GraphDrawing, _Slot, glyph
from .highlight import GraphHighlight
from .layer_drawing import LayerDrawing

MAX_NODES = 600  # above this the graph is not drawn (a message says why)


class GraphView(GraphHighlight, GraphBands, LayerDrawing, GraphDrawing, LessonView):
    """The steppable computational graph of a lesson (network or expression)."""

    MESSAGE_PX = 20
    FIT_MARGIN = 12.0  # scene units around the fitted graph (its drawing keeps room of its own at the edges)

    node_clicked = Signal(int)  # a node id of the lesson's graph
    parts_selected = Signal(object)  # layer granularity: the diagram keys a clicked shape covers
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
        self._bands = 1  # how many bands the columns fold into (chosen by fit for the viewport)
        self._band_sizes: dict[int, QSizeF] = {}  # the drawing's size at each number of bands tried
        self._band_of: dict[int, int] = {}  # column → its band
        self._cuts: list[range] = []  # each band's columns
        self._gaps: list[tuple[float, float]] = []  # scene top and bottom of the gap under each band
        self._routes: dict[tuple[int, int], list] = {}  # the corners of each edge between bands
        self._least_text = 14.0  # the drawing's smallest text, in scene units
        self._placed: list[list[int]] = []  # the columns' node ids
        self._edge_list: list[tuple[int, int]] = []  # (source, target) of every edge drawn
        self._row_h = self._above = self._lead = self._rect_w = self._col_w = self._edge_gap = self._lane = 0.0
        self._by_anchor: dict[int, list[int]] = {}
        self._overlays: list[QGraphicsItem] = []
        self._selected: set[int] = set()
        self._selected_neuron: tuple[int, int] | None = None
        self._current: set[int] = set()
        self._content_rect = QRectF()
        self._figure = None  # layer granularity: the figure drawn instead of nodes (gui/graph/layer_figure.py)
        self._by_part: dict[tuple, object] = {}
        self._shape_items: list = []
        self._figure_edges: list[QPainterPath] = []
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
        if self._figure is not None:
            return {"variables": len(self._figure.variables), "operators": len(self._figure.operators),
                    "edges": len(self._figure.edges),
                    "parameters": sum(1 for s in self._figure.variables if s.is_parameter)}
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

    def fit_rect(self) -> QRectF:
        return self._content_rect if not self._content_rect.isEmpty() else super().fit_rect()

    # ================================================================== model events
    def _forget_lesson_state(self) -> None:
        self._selected.clear()
        self._selected_neuron = None
        self._bands = 1

    def _on_lesson_rebuilt(self) -> None:
        self._close_editor()
        self._band_sizes.clear()  # another drawing: its size at each number of bands is measured again
        if not self.isVisible():
            self._stale = True  # a hidden tab (say, during training) catches up when it is shown
            return
        self._stale = False
        self._build()

    def _on_lesson_stepped(self) -> None:
        if self._stale:
            return
        if self._figure is not None:
            self._refresh_figure()
            self._highlight_figure()
            self._follow_figure_step()
            return
        if self._display is None:
            return
        self._refresh()
        self._update_highlight()
        self._follow_step()

    # ================================================================== building
    def _build(self) -> None:
        lesson = self._lesson
        if getattr(lesson, "kind", "") != "network" or lesson.granularity != "layer" or lesson.graph is None:
            super()._build()
            return
        self._clear()
        self._mirrored = False
        self._update_banner()
        self._build_figure()
        self._selected = {i for i in self._selected if i < len(self._shape_items)}

    def _update_highlight(self) -> None:
        if self._figure is not None:
            self._highlight_figure()
        else:
            super()._update_highlight()

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
        self._figure = None
        self._shape_items = []
        self._figure_edges = []
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

    # ================================================================== mouse
    def _hit(self, view_pos) -> int | None:
        p = self.mapToScene(view_pos)
        for item in self.scene().items(p, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder):
            walker = item
            while walker is not None:
                key = walker.data(0)
                if isinstance(key, tuple) and self._figure is not None:
                    return key
                if isinstance(key, int) and key in self._slots:
                    return key
                walker = walker.parentItem()
        return None

    def _clicked(self, key) -> None:
        if isinstance(key, tuple):
            self.select_shape(key[1])
        else:
            self.select_node(key)

    def select_shape(self, index: int) -> None:
        """What a click on a shape of the layer figure does: select it, show its node in the inspector
        and select the neurons (or the weights) it covers in the diagram."""
        self.ensure_current()
        if self._figure is None or not 0 <= index < len(self._shape_items):
            return
        shape = self._figure.shapes[index]
        self._selected = {i for i, s in enumerate(self._figure.shapes) if s.part == shape.part}
        self._highlight_figure()
        node = self._node_of(shape)
        if node is not None:
            self.node_clicked.emit(node.id)
            self.parts_selected.emit(diagram_keys(node))

    def _double_clicked(self, key) -> bool:
        return not isinstance(key, tuple) and self.open_editor(key) is not None

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



__all__ = ["MAX_NODES", "GraphView", "glyph"]
