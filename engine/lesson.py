"""A lesson: what is on screen. A graph compiled from a network (or an expression) and a stepper.

Views subscribe to two events:
- ``rebuilt``: the graph was recompiled (an edit, another granularity or sample);
- ``stepped``: the stepper moved.
A network lesson also emits ``settings_changed`` when a training setting changed (``set_settings``).
Edits recompile deterministically and replay the stepper to the same position, so every
value shown is recomputed from the new numbers.
"""

from __future__ import annotations

import numpy as np

from . import edits
from .compile import compile_network, graph_parameters
from .config import checked_value
from .document import Data, Document, Expression
from .events import Event
from .graph import Graph
from .stepper import Stepper


class Lesson:
    kind = "lesson"

    def __init__(self) -> None:
        self.rebuilt = Event()
        self.stepped = Event()
        self.graph: Graph | None = None
        self.stepper: Stepper | None = None

    def _install(self, graph: Graph, learning_rate: float, position: int) -> None:
        if self.stepper is not None:
            self.stepper.changed.disconnect(self.stepped.emit)
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
        self.sample = 0
        self.settings_changed = Event()
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
        graph = compile_network(self.network, data.inputs[self.sample], data.targets[self.sample], self.granularity)
        self._install(graph, self.learning_rate, self._position() if position is None else position)

    def _on_network_changed(self) -> None:
        self._fit_data()
        self.rebuild()

    def _fit_data(self) -> None:
        """Keep the data's widths equal to the input and output layers after structural edits."""
        data, sizes = self.data, self.network.sizes
        data.inputs = _fit_columns(data.inputs, sizes[0])
        data.targets = _fit_columns(data.targets, sizes[-1])

    def set_granularity(self, granularity: str) -> None:
        """Switch between neuron and operation steps, staying at the same point of the pass."""
        if granularity == self.granularity:
            return
        taken = [(step.phase, step.node.name) for step in self.stepper.schedule[:self.stepper.position]]
        self.granularity = granularity
        self.rebuild(position=0)
        self.stepper.goto(_matching_position(taken, self.stepper.schedule))

    def set_sample(self, index: int) -> None:
        index = max(0, min(int(index), len(self.data) - 1))
        if index != self.sample:
            self.sample = index
            self.rebuild(position=0)

    def set_input(self, i: int, value: float) -> None:
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


def _matching_position(taken: list[tuple[str, str]], schedule) -> int:
    """Where the steps ``taken`` end in another schedule: just after the latest step both share.

    z, a, ŷ, L, W and b are steps at either granularity; operation-only nodes (products,
    sums, loss terms) fall back to the neuron step before them.
    """
    index = {(step.phase, step.node.name): step.index for step in schedule}
    for key in reversed(taken):
        if key in index:
            return index[key] + 1
    return 0


def _fit_columns(array: np.ndarray, width: int) -> np.ndarray:
    if array.shape[1] == width:
        return array
    if array.shape[1] > width:
        return array[:, :width].copy()
    return np.hstack([array, np.zeros((array.shape[0], width - array.shape[1]))])


def lesson_for(document: Document) -> Lesson:
    if document.expression is not None:
        return ExpressionLesson(document.expression)
    return NetworkLesson(document)
