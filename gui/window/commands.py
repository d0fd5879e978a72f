"""Undo commands, every one of the app's. Each changes the model; the views follow the model's events.

Each command is complete when constructed (what it changes, from what, to what): nothing is set
on it afterwards.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from engine.document import Data, Expression
from engine.hand_table import FIELD
from engine.lesson import NetworkLesson
from engine.network import Network


class ReplaceNetworkCommand(QUndoCommand):
    """Any edit of the network: swap in an edited copy; undo swaps the earlier copy back.

    ``before`` is the network undo restores (default: ``network`` as it is now; a training run
    passes the weights from before the run, as ``network`` shows its last snapshot).
    """

    def __init__(self, network: Network, after: Network, text: str, before: Network | None = None) -> None:
        super().__init__(text)
        self.network = network
        self.before = (network if before is None else before).copy()
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


class UseDataCommand(QUndoCommand):
    """New data for the lesson, and the network adapted to it (a ``ReplaceNetworkCommand``) if needed.

    ``record`` is what ``document.extra["dataset"]`` says about the new data (None: nothing);
    ``on_change`` is called after every redo and undo.
    """

    def __init__(self, lesson: NetworkLesson, data: Data, network_command: ReplaceNetworkCommand | None,
                 text: str, record: dict | None, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(text)
        self.lesson = lesson
        self.before = Data(lesson.data.inputs.copy(), lesson.data.targets.copy())
        before_extra = lesson.document.extra.get("dataset")
        self.before_extra = copy.deepcopy(before_extra) if before_extra is not None else None
        self.after = Data(data.inputs.copy(), data.targets.copy())
        self.network_command = network_command
        self.record = copy.deepcopy(record) if record is not None else None
        self.on_change = on_change

    def _install(self, data: Data, extra) -> None:
        doc = self.lesson.document
        doc.data = Data(data.inputs.copy(), data.targets.copy())
        if extra is None:
            doc.extra.pop("dataset", None)
        else:
            doc.extra["dataset"] = copy.deepcopy(extra)
        self.lesson.sample = 0

    def redo(self) -> None:
        self._install(self.after, self.record)
        if self.network_command is not None:
            self.network_command.redo()  # the network's change event rebuilds the lesson
        else:
            self.lesson.rebuild(position=0)
        if self.on_change is not None:
            self.on_change()

    def undo(self) -> None:
        if self.network_command is not None:
            self.network_command.undo()
        self._install(self.before, self.before_extra)
        self.lesson.rebuild(position=0)
        if self.on_change is not None:
            self.on_change()


class SetExpressionCommand(QUndoCommand):
    """Replace an expression lesson's program and values; undo puts the earlier ones back."""

    def __init__(self, lesson, expression: Expression, text: str) -> None:
        super().__init__(text)
        self.lesson = lesson
        self.before = (lesson.expression.source, dict(lesson.expression.values))
        self.after = (expression.source, dict(expression.values))

    def redo(self) -> None:
        self.lesson.set_source(*self.after)

    def undo(self) -> None:
        self.lesson.set_source(*self.before)


def _setting_text(keys: frozenset[str]) -> str:
    """The undo entry's text for a change of these training settings."""
    texts = {
        "learning_rate": QCoreApplication.translate("Settings", "Change learning rate"),
        "weight_decay": QCoreApplication.translate("Settings", "Change weight decay"),
        "optimizer": QCoreApplication.translate("Settings", "Change optimizer"),
        "batch_size": QCoreApplication.translate("Settings", "Change batch size"),
        "test_fraction": QCoreApplication.translate("Settings", "Change test fraction"),
        "seed": QCoreApplication.translate("Settings", "Change seed"),
    }
    if len(keys) == 1 and next(iter(keys)) in texts:
        return texts[next(iter(keys))]
    if keys <= {"epochs", "iterations"}:
        return QCoreApplication.translate("Settings", "Change training length")
    return QCoreApplication.translate("Settings", "Change training settings")


class SetSettingsCommand(QUndoCommand):
    """Training settings of a network lesson (``NetworkLesson.set_settings``), from the panel or a dialog.

    With ``merging`` (a box of the panel), consecutive edits of the same settings are one
    entry, as Qt compresses typing, and edits that end where they began (a box stepped up and
    back down) leave no entry at all. A dialog's change is always an entry of its own.
    """

    ID = 1

    def __init__(self, lesson: NetworkLesson, changes: dict, merging: bool = False) -> None:
        super().__init__(_setting_text(frozenset(changes)))
        self.lesson = lesson
        self.before = {key: lesson.setting(key) for key in changes}
        self.after = dict(changes)
        self.merging = merging

    def id(self) -> int:
        return self.ID if self.merging else -1  # Qt merges only commands of one id, never -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetSettingsCommand) or other.lesson is not self.lesson \
                or other.after.keys() != self.after.keys():
            return False
        self.after = dict(other.after)
        self.setObsolete(self.after == self.before)
        return True

    def redo(self) -> None:
        self.lesson.set_settings(self.after)

    def undo(self) -> None:
        self.lesson.set_settings(self.before)


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


class SetLessonRecordCommand(QUndoCommand):
    """A record kept in the lesson file's ``document.extra[field]`` (the hand calculation, engine/hand_table.py;
    the teacher's notes, engine/notes.py): ``after`` is its record, or None for none; undo puts the earlier one
    back. ``on_change`` is called after every redo and undo."""

    def __init__(self, document, field: str, after, text: str, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(text)
        self.document = document
        self.field = field
        before = document.extra.get(field)
        self.before = copy.deepcopy(before) if before is not None else None
        self.after = copy.deepcopy(after) if after is not None else None
        self.on_change = on_change

    def _install(self, record) -> None:
        if record is None:
            self.document.extra.pop(self.field, None)
        else:
            self.document.extra[self.field] = copy.deepcopy(record)
        if self.on_change is not None:
            self.on_change()

    def redo(self) -> None:
        self._install(self.after)

    def undo(self) -> None:
        self._install(self.before)


class SetHandCalculationCommand(SetLessonRecordCommand):
    """The hand calculation kept in the lesson file (``document.extra["hand_calculation"]``)."""

    def __init__(self, document, after: dict | None, text: str, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(document, FIELD, after, text, on_change)
