"""Undo commands. Each changes the model; the views follow the model's events."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from engine.lesson import NetworkLesson
from engine.network import Network


class ReplaceNetworkCommand(QUndoCommand):
    """Any edit of the network: swap in an edited copy; undo swaps the earlier copy back."""

    def __init__(self, network: Network, after: Network, text: str) -> None:
        super().__init__(text)
        self.network = network
        self.before = network.copy()
        self.after = after.copy()

    def redo(self) -> None:
        self.network.assign(self.after)

    def undo(self) -> None:
        self.network.assign(self.before)


class ApplyUpdateCommand(ReplaceNetworkCommand):
    """The end of a pass: the updated weights, and the next pass starts. Undo (or ← at the start
    of that pass) brings back the old weights at the end of the update phase."""

    def __init__(self, lesson: NetworkLesson, text: str) -> None:
        after, self.update = lesson.finish_pass()
        super().__init__(lesson.network, after, text)
        self.lesson = lesson

    def redo(self) -> None:
        self.lesson.begin_pass(self.after, self.update)

    def undo(self) -> None:
        self.lesson.resume_pass(self.before)


class SetValueCommand(QUndoCommand):
    """A single number: a weight, a bias, an input or a target of the current sample."""

    def __init__(self, setter: Callable[[float], None], before: float, after: float, text: str) -> None:
        super().__init__(text)
        self.setter = setter
        self.before = float(before)
        self.after = float(after)

    def redo(self) -> None:
        self.setter(self.after)

    def undo(self) -> None:
        self.setter(self.before)


def value_command(lesson: NetworkLesson, kind: str, layer: int, i: int, j: int, value: float,
                  text: str) -> SetValueCommand:
    """The undo command for an edit made on the diagram."""
    net = lesson.network
    if kind == "weight":
        before = float(net.weights(layer)[i, j])
        return SetValueCommand(lambda v: net.set_weight(layer, i, j, v), before, value, text)
    if kind == "bias":
        before = float(net.biases(layer)[j])
        return SetValueCommand(lambda v: net.set_bias(layer, j, v), before, value, text)
    sample = lesson.sample
    if kind == "input":
        before = float(lesson.data.inputs[sample, i])

        def set_input(v: float) -> None:
            lesson.set_sample(sample)
            lesson.set_input(i, v)

        return SetValueCommand(set_input, before, value, text)

    before = float(lesson.data.targets[sample, i])

    def set_target(v: float) -> None:
        lesson.set_sample(sample)
        lesson.set_target(i, v)

    return SetValueCommand(set_target, before, value, text)
