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

This module holds the events, selection, editing and the context menu (and every translated word).
The rest is in mixins: positions in layout.py (Qt-free), building and refreshing items in drawing.py,
weight labels in weight_labels.py, the current step's highlight in highlight.py, gradient health (edge
widths by |∂J/∂w|, ‖δ‖, dead ReLUs) in gradient_health.py, and fitting the viewport in fitting.py.
"""

from __future__ import annotations

import math

import shiboken6
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QLineEdit,
    QMenu,
    QWidget,
)

from engine.formula import fmt
from engine.init import symmetric_layers

from ..labels import activation_choices, activation_label, loss_label
from ..lesson.exercise import active as exercise_active
from ..presentation import theme_generation
from ..views.diagram_items import (
    INK,
    MUTED,
    PAPER,
    Z_NODE,
    EdgeLayer,
    Highlight,
    NeuronItems,
    Tag,
)
from ..views.lesson_view import LessonView
from .drawing import DiagramDrawing
from .fitting import DiagramFitting
from .gradient_health import GradientHealth
from .highlight import DiagramHighlight
from .layout import (
    AUTO_LABEL_EDGES,
    HEADING_GAP,
    HEADING_PAD,
    HEADING_PX,
    LAYER_GAP,
    MAX_SPREAD,
    SHOW_FIRST,
    SHOW_LAST,
    wrap_words,
)
from .weight_labels import WeightLabels

__all__ = ["LAYER_GAP", "MAX_SPREAD", "NetworkView"]


class NetworkView(DiagramHighlight, WeightLabels, DiagramFitting, GradientHealth, DiagramDrawing, LessonView):
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
        self._selected_keys: frozenset = frozenset()  # layer granularity: the items a graph click selected
        self._signature = None
        self._overlays: list[QGraphicsItem] = []
        self._highlight = Highlight()
        self._compact = False
        self._spread = 1.0  # layer gap / LAYER_GAP, chosen by ``fit`` to match the viewport's shape
        self._thin = False  # chosen by ``fit`` when the whole diagram would be too small to read
        self._bare = False  # thinned further, to circles and headings, for a network too deep for the width
        self._node_scale = 1.0  # a thinned diagram's neurons are this much smaller
        self._refit = False  # the drawing changed shape: fit again once the highlight is back
        self._label_overrides: list[tuple[Tag, bool, float]] = []  # weight labels the highlight moved
        self._clear_model_state()
        self.set_lesson(lesson)

    def set_weight_labels_visible(self, visible: bool) -> None:
        self._labels_visible = bool(visible)
        self._apply_weight_labels()
        if self._lesson is not None and self._lesson.stepper is not None and self._neurons:
            self._update_highlight()  # the labels the current step shows or covers

    def weight_labels_visible(self) -> bool:
        if self._labels_visible is None:
            return len(self._edges) <= AUTO_LABEL_EDGES and not self._bare  # a bare diagram has none
        return self._labels_visible

    def select_neuron(self, layer: int, neuron: int) -> None:
        """Ring a neuron as selected without emitting anything (linked selection from another view)."""
        key = ("neuron", int(layer), int(neuron))
        self._selected = key if key in self._neurons else None
        self._selected_keys = frozenset()
        if self._lesson is not None and self._lesson.stepper is not None and self._neurons:
            self._update_highlight()

    def select_parts(self, keys) -> None:
        """Ring every drawn item of ``keys`` as selected (a layer node clicked in the graph: its neurons, or
        its weight matrix's edges), without emitting anything."""
        self._selected = None
        self._selected_keys = frozenset(self._visible(tuple(k)) for k in keys) & self._drawn_keys()
        if self._lesson is not None and self._lesson.stepper is not None and self._neurons:
            self._update_highlight()

    def _drawn_keys(self) -> frozenset:
        """Every item drawn: neurons, the loss, edges, ellipses, targets and biases."""
        return frozenset(self._neurons) | frozenset(self._edges) | frozenset(self._tags) | frozenset(
            ("bias", k[1], k[2]) for k, n in self._neurons.items() if n.bias is not None)

    def current_highlight(self) -> Highlight:
        return self._highlight

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
            has_bias = self._lesson.network.has_bias(layer) if self._lesson is not None else True
            add(self.tr("Bias"), "bias", True, menu, has_bias).setObjectName("biasAction")
        return menu

    def fit(self) -> None:
        """Show the whole diagram with no text under TEXT_FLOOR_PX on screen: the layers spread out or
        close up to match the viewport's shape and, when that is not enough, the diagram is thinned
        (see DiagramFitting._choose_layout); then the zoom shows every neuron, box and heading."""
        if self._neurons and self.isVisible():
            self._choose_layout()
        super().fit()

    def fit_rect(self) -> QRectF:
        return self._content_rect if not self._content_rect.isEmpty() else super().fit_rect()

    def _forget_lesson_state(self) -> None:
        self._selected = None
        self._selected_keys = frozenset()
        self._signature = None
        self._spread = 1.0
        self._thin, self._bare, self._node_scale = False, False, 1.0

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
                     net.weight_decay > 0, self._font_scale, theme_generation(),
                     tuple(net.has_bias(k) for k in range(1, len(net.sizes))), net.notation,  # bias boxes, names
                     tuple(symmetric_layers(net)))  # the headings' symmetry notes
        if signature == self._signature:
            self._index_graph()  # the same drawing: only the numbers (and node ids) changed
            self._apply_dead_relus()
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
        if (last is None or abs(position - last) != 1 or lesson.granularity == "layer"  # a layer step: many items
                or exercise_active(lesson)):  # exercise: any number may flip
            self._refresh_all()
        else:
            changed = stepper.schedule[min(position, last)].node
            key = self._key_of.get(changed.id)
            if key is not None:
                self._refresh_key(self._visible(key))
        self._last_position = position
        if self._by_gradient:
            self._refresh_gradient_health()
        self._update_highlight()
        if self._refit:
            self._refit = False
            self.fit()
        else:
            self._follow_step()

    def _clear_model_state(self) -> None:
        self._neurons: dict[tuple, NeuronItems] = {}
        self._edges: dict[tuple, QLineF] = {}
        self._edge_layers: dict[int, EdgeLayer] = {}
        self._edge_labels: dict[tuple, Tag] = {}
        self._edge_state: dict[tuple, float] = {}
        self._edge_known: dict[tuple, bool] = {}  # False: the label shows "?" (exercise mode)
        self._tags: dict[tuple, Tag] = {}
        self._headings: dict[int, Tag] = {}  # layer → its heading (held here: scene.items() must never own it)
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
        self._clear_health_state()

    def _add_ellipsis(self, layer: int, center: QPointF, r: float) -> None:
        key = ("ellipsis", layer)
        hidden = self._sizes[layer] - SHOW_FIRST - SHOW_LAST
        tag = Tag(self._font(15, bold=True), border=INK, pad=8.0 * self._node_scale, fill=QColor("#F4F4F4"))
        tag.set_text(self.tr("⋯ (%n more)", "", hidden))
        tag.setPos(center)
        tag.setZValue(Z_NODE)
        tag.setData(0, key)
        self.scene().addItem(tag)
        self._tags[key] = tag

    def _heading_texts(self) -> list[str]:
        """Each column's heading, layers 0 … last and then the loss."""
        net = self._lesson.network
        last = len(net.sizes) - 1
        symmetric = symmetric_layers(net)
        texts = []
        for layer in range(last + 1):
            if layer == 0:
                text = self.tr("Input")
            elif layer == last:
                text = self.tr("Output") + "\n" + activation_label(net.activation(layer))
            else:
                text = self.tr("Hidden %1").replace("%1", str(layer)) + "\n" \
                    + activation_label(net.activation(layer))
                if layer in symmetric:  # engine/init.py: every neuron has the same weights and bias
                    text += "\n" + self.tr("identical neurons (symmetry)")
            texts.append(text)
        loss_lines = [self.tr("Loss"), loss_label(net.loss)]
        if self._objective is not None:
            loss_lines.append(self.tr("J = L + λ/2·Σ‖W‖², λ = %1").replace("%1", fmt(net.weight_decay)))
        if self._bare:  # the columns are as close as their headings: the loss's is no wider than theirs
            width = max(self._heading_width(text) for text in texts)
            advance = QFontMetricsF(self._heading_font()).horizontalAdvance
            loss_lines = [part for line in loss_lines for part in wrap_words(line, width, advance)]
        return [*texts, "\n".join(loss_lines)]

    def _heading_font(self):
        return self._font(HEADING_PX, bold=True)

    def _heading_width(self, text: str) -> float:
        """The width of a heading's widest line, without its box's padding."""
        metrics = QFontMetricsF(self._heading_font())
        return max(metrics.horizontalAdvance(line) for line in text.split("\n"))

    def _add_headers(self, r: float) -> None:
        last = len(self._sizes) - 1
        top = min(n.center.y() - n.radius for n in self._neurons.values())
        top = min([top, *(t.sceneBoundingRect().top() for t in self._tags.values())])
        font = self._heading_font()
        xs = [*(self._column_x(layer) for layer in range(last + 1)), self._neurons[("loss",)].center.x()]
        for layer, (x, text) in enumerate(zip(xs, self._heading_texts(), strict=True)):
            tag = Tag(font, pad=HEADING_PAD)
            tag.set_brush(QBrush(MUTED))
            tag.set_text(text)
            tag.setPos(x, top - r * HEADING_GAP - tag.rect().height() / 2)
            self.scene().addItem(tag)
            self._headings[layer] = tag  # ‖δ‖ goes beside it (gradient_health.py)

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
        self._show_thin_tip(key, event.globalPosition().toPoint())

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
            self._selected_keys = frozenset()
            if self._lesson is not None and self._lesson.stepper is not None:
                self._update_highlight()
            self.neuron_clicked.emit(key[1], key[2])
            lesson = self._lesson
            if lesson is not None and lesson.granularity == "layer" and lesson.stepper.current is not None:
                return  # the inspector shows the neuron's row or column of the step (Inspector.show_entry)
            node = self._nodes.get(key) or self._z_nodes.get(key)
        elif key[0] == "loss":
            node = self._objective or self._nodes.get(key)
        else:
            node = self._nodes.get(key)
        if node is not None:
            self.node_clicked.emit(node.id)

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
        if kind == "bias" and self._is_shown(key[1], key[2]) and net.has_bias(key[1]):
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
