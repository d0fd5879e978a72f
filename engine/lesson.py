"""A lesson: what is on screen. A graph compiled from a network (or an expression) and a stepper.

Views subscribe to two events:
- ``rebuilt``: the graph was recompiled (an edit, another granularity or sample);
- ``stepped``: the stepper moved.
A network lesson also emits ``settings_changed`` when a training setting changed (``set_settings``).
Edits recompile deterministically and replay the stepper to the same position, so every
value shown is recomputed from the new numbers. Views only read: the graph, the stepper and
``operation_graph`` (the same sample at operation granularity, for the graph view).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import batched, edits
from .compile import (
    check_granularity,
    compile_network,
    default_granularity,
    graph_parameters,
    operation_graph,
    part_of,
)
from .compile_layer import layer_key
from .config import checked_value
from .document import Data, Document, Expression
from .errors import StudioError
from .events import Event
from .graph import Graph
from .network import Network
from .roles import Role
from .stepper import Stepper


@dataclass(frozen=True)
class PassUpdate:
    """A finished pass's update: the objective's symbol (L, or J with weight decay) and its value
    on this sample before and after the new weights."""

    symbol: str
    before: float
    after: float


class Lesson:
    kind = "lesson"

    def __init__(self) -> None:
        self.rebuilt = Event()
        self.stepped = Event()
        self.graph: Graph | None = None
        self.stepper: Stepper | None = None
        self._operation_graph: Graph | None = None

    def operation_graph(self) -> Graph | None:
        """The lesson's sample at operation granularity, with its numbers: the lesson's own graph
        when it steps operations, else one compiled and run for it (kept until the next rebuild)."""
        return self.graph

    def _install(self, graph: Graph, learning_rate: float, position: int) -> None:
        if self.stepper is not None:
            self.stepper.changed.disconnect(self.stepped.emit)
        self._operation_graph = None
        self.graph = graph
        self.stepper = Stepper(graph, learning_rate)
        self.stepper.goto(position)
        self.stepper.changed.connect(self.stepped.emit)
        self.rebuilt.emit()
        self.stepped.emit()

    def _position(self) -> int:
        return 0 if self.stepper is None else self.stepper.position


class NetworkLesson(Lesson):
    """A network, its data and training settings, one sample on the stepper."""

    kind = "network"

    def __init__(self, document: Document, granularity: str = "neuron") -> None:
        super().__init__()
        assert document.network is not None
        self.document = document
        self.network = document.network
        if document.data is None:
            sizes = self.network.sizes
            document.data = Data(np.zeros((1, sizes[0])), np.zeros((1, sizes[-1])))
        self.granularity = granularity
        self.notice: StudioError | None = None  # why the granularity changed by itself, for the window to say
        self.sample = 0
        self.last_update: PassUpdate | None = None  # while a pass starts right after an update
        self.settings_changed = Event()
        self._finished: tuple[Graph, Stepper] | None = None  # the pass an update ended, kept for resume_pass
        self._next: str | None = None  # "start" or "resume" while begin_pass / resume_pass change the network
        self._update: PassUpdate | None = None  # the update begin_pass is applying
        self.network.changed.connect(self._on_network_changed)
        self.rebuild(position=0)

    @property
    def data(self) -> Data:
        assert self.document.data is not None
        return self.document.data

    @property
    def learning_rate(self) -> float:
        return self.document.training.learning_rate

    def rebuild(self, position: int | None = None) -> None:
        """Recompile from the current numbers and replay to ``position`` (default: where we are)."""
        data = self.data
        self.sample = min(self.sample, len(data) - 1)
        next_, self._next = self._next, None
        self.last_update = self._update if next_ == "start" else None
        finished = self._finished
        if next_ != "start":  # only the update's own rebuild keeps the finished pass
            self._finished = None
        if next_ == "resume" and finished is not None:  # the old weights again: the finished pass as it was
            self._reinstall(*finished)
            return
        graph = self._compile(self.network)
        self._install(graph, self.learning_rate, 0 if next_ else self._position() if position is None else position)

    def _reinstall(self, graph: Graph, stepper: Stepper) -> None:
        self.stepper.changed.disconnect(self.stepped.emit)
        self.graph, self.stepper = graph, stepper
        stepper.changed.connect(self.stepped.emit)
        self.rebuilt.emit()
        self.stepped.emit()

    @property
    def batch(self) -> bool:
        """True at layer granularity, which steps every sample at once (the sample box does not apply)."""
        return self.granularity == "layer"

    def _rows(self) -> slice:
        """The samples the graph holds: all of them at layer granularity, else the one stepped through."""
        return slice(None) if self.batch else slice(self.sample, self.sample + 1)

    def _compile(self, network: Network) -> Graph:
        data = self.data
        if self.batch:
            return compile_network(network, data.inputs, data.targets, "layer")
        return compile_network(network, data.inputs[self.sample], data.targets[self.sample], self.granularity)

    def operation_graph(self) -> Graph | None:
        """At neuron granularity the sample's operation graph; at operation and layer granularity the
        lesson's own graph (a layer graph is drawn as it is: d2l's figure)."""
        if self.granularity in ("operation", "layer") or self.graph is None:
            return self.graph
        if self._operation_graph is None:
            data = self.data
            self._operation_graph = operation_graph(self.network, data.inputs[self.sample], data.targets[self.sample])
        return self._operation_graph

    def _on_network_changed(self) -> None:
        self._fit_data()
        try:
            check_granularity(self.network, self.granularity)
        except StudioError as exc:  # an edit made the network too large for operation steps
            self.granularity, self.notice = "neuron", exc
            self.rebuild(position=0)
            return
        self.rebuild()

    def _fit_data(self) -> None:
        """Keep the data's widths equal to the input and output layers after structural edits."""
        data, sizes = self.data, self.network.sizes
        data.inputs = _fit_columns(data.inputs, sizes[0])
        data.targets = _fit_columns(data.targets, sizes[-1])

    def set_granularity(self, granularity: str) -> None:
        """Switch between neuron and operation steps, staying at the same point of the pass.

        Raises StudioError, and changes nothing, when the network is too large for ``granularity``."""
        if granularity == self.granularity:
            return
        check_granularity(self.network, granularity)
        old, position = self.stepper.schedule, self.stepper.position
        self.granularity = granularity
        self.rebuild(position=0)
        self.stepper.goto(_matching_position(old, position, self.stepper.schedule))

    def set_sample(self, index: int) -> None:
        index = max(0, min(int(index), len(self.data) - 1))
        if index != self.sample:
            self.sample = index
            if not self.batch:  # layer steps hold every sample: nothing to recompile
                self.rebuild(position=0)

    def set_input(self, i: int, value: float) -> None:
        """Input i of the sample shown (at layer granularity too: the sample box's sample)."""
        self.data.inputs[self.sample, i] = float(value)
        self.rebuild()

    def set_target(self, k: int, value: float) -> None:
        self.data.targets[self.sample, k] = float(value)
        self.rebuild()

    def setting(self, key: str):
        """A training setting: a ``document.training`` field, or "weight_decay" (``network.weight_decay``)."""
        return self.network.weight_decay if key == "weight_decay" else getattr(self.document.training, key)

    def set_settings(self, changes: dict) -> None:
        """Change training settings (keys as for ``setting``), each checked as a file's is; emits ``settings_changed``.

        One η per lesson: ``learning_rate`` is both training's and the stepper's update step's.
        """
        checked = {key: checked_value(key, value, f"training.{key}") for key, value in changes.items()
                   if key != "weight_decay"}
        if "weight_decay" in changes and changes["weight_decay"] != self.network.weight_decay:
            network = edits.set_weight_decay(self.network, changes["weight_decay"])  # checked before any change
        else:
            network = None
        for key, value in checked.items():
            setattr(self.document.training, key, value)
        if network is not None:
            self.network.assign(network)  # the network's change event rebuilds the lesson
        elif "learning_rate" in checked:
            self.rebuild()
        self.settings_changed.emit()

    def updated_parameters(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Weights and biases as the stepper holds them (after update steps, the new ones)."""
        assert self.graph is not None
        return graph_parameters(self.graph, self.network)

    # ------------------------------------------------------------------ passes
    # A pass ends after its update phase; the next one starts with the new weights. The window
    # keeps each update as an undo command, so ← at the start of a pass goes back to the end of
    # the previous one: ``finish_pass`` → (new network, PassUpdate), then ``begin_pass(new, update)``
    # / ``resume_pass(old)``. Each compiles the graph once and replays nothing: the next pass starts
    # at its first step, and the finished pass (its graph and stepper, at most one) is kept until
    # another change rebuilds the lesson, so going back to it is immediate.
    def finish_pass(self) -> tuple[Network, PassUpdate]:
        """The network with the updated weights, and the objective before and after them."""
        weights, biases = self.updated_parameters()
        after = self.network.copy()
        after.set_parameters(weights, biases)
        rows = self._rows()
        _loss, objective = batched.loss_value(after, self.data.inputs[rows], self.data.targets[rows])
        before = self.graph.output
        return after, PassUpdate(before.sym.text, float(before.value), float(objective))

    def begin_pass(self, after: Network, update: PassUpdate) -> None:
        """The network takes the new weights and the next pass starts, remembering the update."""
        self._finished = (self.graph, self.stepper)
        self._next, self._update = "start", update
        self.network.assign(after)
        self._update = None

    def resume_pass(self, before: Network) -> None:
        """The network takes the old weights again: back to the end of the finished pass."""
        self._next = "resume"
        self.network.assign(before)
        self.stepper.goto(len(self.stepper))


class ExpressionLesson(Lesson):
    """An expression program and the values of its free variables."""

    kind = "expression"

    def __init__(self, expression: Expression) -> None:
        super().__init__()
        self.expression = expression
        self.granularity = "operation"
        self.rebuild(position=0)

    def rebuild(self, position: int | None = None) -> None:
        from .expressions import compile_expression

        graph = compile_expression(self.expression.source, self.expression.values)
        self._install(graph, 0.0, self._position() if position is None else position)

    def set_value(self, name: str, value: float) -> None:
        self.expression.values[name] = float(value)
        self.rebuild()

    def set_source(self, source: str, values: dict[str, float]) -> None:
        """Replace the program. Raises ExpressionError and keeps the old one if it is refused."""
        from .expressions import compile_expression

        compile_expression(source, values)
        self.expression.source = source
        self.expression.values = dict(values)
        self.rebuild(position=0)


def _matching_position(old, position: int, schedule) -> int:
    """Where the first ``position`` steps of the ``old`` schedule end in another: just after the latest
    step both share.

    z, a, ŷ, L, W and b are steps at either granularity; operation-only nodes (products,
    sums, loss terms) fall back to the neuron step before them. Between layer steps and the others a
    step matches by its layer (``coarse_key``): z₁[2] ↔ z₁, ∂L/∂W₁[1,2] ↔ ∂L/∂W₁; going to neuron steps,
    just after the last neuron's (the whole layer done); auxiliary steps (σ′(z)) fall back as well.
    """
    if not (_is_layer(old) or _is_layer(schedule)):
        index = {(step.phase, step.node.key): step.index for step in schedule}
        for k in range(position - 1, -1, -1):
            match = index.get((old[k].phase, old[k].node.key))
            if match is not None:
                return match + 1
        return 0
    tables: dict[str, dict] = {}  # phase → coarse key → index of its last step, made for the phases asked
    for k in range(position - 1, -1, -1):
        step = old[k]
        key = coarse_key(step.node)
        if key is None:
            continue
        if step.phase not in tables:
            tables[step.phase] = {coarse_key(node): start + j for phase, nodes, start in schedule.parts
                                  if phase == step.phase for j, node in enumerate(nodes)}
        match = tables[step.phase].get(key)
        if match is not None:
            return match + 1
    return 0


def _is_layer(schedule) -> bool:
    return any(nodes and nodes[0].meta.get("matrix") for _phase, nodes, _start in schedule.parts)


def coarse_key(node) -> tuple | None:
    """What a node computes, comparable between layer steps and the others: its layer's key, ("z", 1)
    for z₁ and every z₁[j]; None for a step of one granularity only (products, sums, loss terms and
    norms of operation steps; the auxiliary values of layer steps, σ′(z), ∂s/∂W, ‖W‖²)."""
    meta = node.meta
    if meta.get("aux") or meta.get("role") in _OWN_STEPS:
        return None
    return layer_key(part_of(node))


_OWN_STEPS = frozenset({Role.PRODUCT, Role.SUM, Role.DIFF, Role.LOSS_TERM, Role.NORM})


def _fit_columns(array: np.ndarray, width: int) -> np.ndarray:
    if array.shape[1] == width:
        return array
    if array.shape[1] > width:
        return array[:, :width].copy()
    return np.hstack([array, np.zeros((array.shape[0], width - array.shape[1]))])


def lesson_for(document: Document, granularity: str | None = None) -> Lesson:
    """The lesson of a document; a network's at ``granularity``, by default neuron steps, or layer steps
    for a network above LAYER_DEFAULT_PARAMETERS (``compile.default_granularity``)."""
    if document.expression is not None:
        return ExpressionLesson(document.expression)
    # a large network opens at layer steps, whose graph grows with the layers, not the weights
    return NetworkLesson(document, granularity or default_granularity(document.network))
