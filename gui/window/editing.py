"""The main window's edits of the lesson: values, structure, expressions, loss and settings (undo commands)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from engine import document as documents
from engine import edits
from engine.errors import StudioError
from engine.lesson import ExpressionLesson, NetworkLesson

from ..lesson.expression_editor import ExpressionEditor, GradcheckDialog, run_gradcheck
from ..messages import engine_message
from ..training.spin_boxes import ask_setting
from .commands import ReplaceNetworkCommand, SetExpressionCommand, SetSettingsCommand, SetValueCommand, value_command

translate = QCoreApplication.translate  # its strings keep the window's context, "MainWindow"


class EditingMixin:
    """The lesson edits of MainWindow, each an undo command (a mixin of MainWindow)."""

    def _push_network(self, after, text: str) -> None:
        self.undo_stack.push(ReplaceNetworkCommand(self.lesson.network, after, text))

    def _try_edit(self, make, text: str) -> None:
        if not isinstance(self.lesson, NetworkLesson):
            return
        try:
            after = make(self.lesson.network)
        except StudioError as exc:
            self.warn(translate("MainWindow", "Edit not possible"), engine_message(exc))
            return
        self._push_network(after, text)

    def _on_value_edited(self, kind: str, layer: int, i: int, j: int, value: float) -> None:
        names = {"weight": translate("MainWindow", "Edit weight"), "bias": translate("MainWindow", "Edit bias"),
                 "input": translate("MainWindow", "Edit input"),
                 "target": translate("MainWindow", "Edit target")}
        self.undo_stack.push(value_command(self.lesson, kind, layer, i, j, value, names.get(kind, kind)))

    def _on_structure_edit_requested(self, action: str, layer: int, neuron: int) -> None:
        if action == "add_neuron":
            self._try_edit(lambda n: edits.add_neuron(n, layer), translate("MainWindow", "Add neuron"))
        elif action == "remove_neuron":
            self._try_edit(lambda n: edits.remove_neuron(n, layer, neuron), translate("MainWindow", "Remove neuron"))
        elif action == "add_layer_after":
            self._try_edit(lambda n: edits.add_hidden_layer(n, layer + 1), translate("MainWindow", "Add hidden layer"))
        elif action == "remove_layer":
            self._try_edit(lambda n: edits.remove_hidden_layer(n, layer),
                           translate("MainWindow", "Remove hidden layer"))
        elif action == "bias":
            enabled = not self.lesson.network.has_bias(layer)
            self._try_edit(lambda n: edits.set_bias(n, layer, enabled),
                           translate("MainWindow", "Add bias") if enabled else translate("MainWindow", "Remove bias"))
        elif action.startswith("activation:"):
            name = action.split(":", 1)[1]
            self._try_edit(lambda n: edits.set_activation(n, layer, name), translate("MainWindow", "Change activation"))

    def _on_variable_edited(self, name: str, value: float) -> None:
        lesson = self.lesson
        if isinstance(lesson, ExpressionLesson):
            before = lesson.expression.values.get(name, 0.0)
            self.undo_stack.push(SetValueCommand(lambda v: lesson.set_value(name, v), before, value,
                                                 translate("MainWindow", "Edit %1").replace("%1", name)))

    # ================================================================== expression lessons, gradient check
    def new_expression_lesson(self) -> None:
        if self.maybe_save():
            self._open_expression_editor(None)

    def edit_expression(self) -> None:
        if isinstance(self.lesson, ExpressionLesson):
            self._open_expression_editor(self.lesson.expression)

    def _open_expression_editor(self, expression) -> None:
        dialog = ExpressionEditor(expression, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._on_expression_accepted(dialog.expression(), expression is not None))
        dialog.open()

    def _on_expression_accepted(self, expression, editing: bool) -> None:
        if editing and isinstance(self.lesson, ExpressionLesson):
            self.undo_stack.push(SetExpressionCommand(self.lesson, expression,
                                                      translate("MainWindow", "Edit expression")))
        else:
            self.set_document(documents.Document(expression=expression), None)

    def gradient_check(self) -> None:
        if self.lesson is None:
            return
        try:
            report = run_gradcheck(self.lesson)
        except StudioError as exc:
            QMessageBox.information(self, translate("MainWindow", "Gradient check"), engine_message(exc))
            return
        dialog = GradcheckDialog(report, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _on_node_clicked(self, node_id: int) -> None:
        if self.inspector is not None:
            self.inspector.show_node(node_id)

    def add_hidden_layer(self) -> None:
        self._try_edit(lambda n: edits.add_hidden_layer(n), translate("MainWindow", "Add hidden layer"))

    def remove_hidden_layer(self) -> None:
        self._try_edit(lambda n: edits.remove_hidden_layer(n, len(n.layers) - 2),
                       translate("MainWindow", "Remove hidden layer"))

    def set_notation(self, notation: str) -> None:
        """Name the steps in the lecture's notation or d2l's; saved with the lesson, one undo entry."""
        if isinstance(self.lesson, NetworkLesson) and notation != self.lesson.network.notation:
            self._try_edit(lambda n: edits.set_notation(n, notation), translate("MainWindow", "Change notation"))
        self._sync_controls()

    def set_loss(self, loss: str) -> None:
        self._try_edit(lambda n: edits.set_loss(n, loss), translate("MainWindow", "Change loss function"))
        self._sync_controls()

    def randomize_weights(self) -> None:
        seed, ok = QInputDialog.getInt(self, translate("MainWindow", "Randomize weights"),
                                       translate("MainWindow", "Seed:"), 0, 0, 2**31 - 1)
        if ok:
            self._try_edit(lambda n: edits.randomized(n, seed), translate("MainWindow", "Randomize weights"))

    def reset_to_file(self) -> None:
        if self.pristine is not None:
            self._try_edit(lambda n: self.pristine.copy(), translate("MainWindow", "Reset weights to the file"))

    def ask_weight_decay(self) -> None:
        self._ask_setting("weight_decay", translate("MainWindow", "Weight decay"),
                          translate("MainWindow", "λ (0 turns weight decay off):"))

    def ask_learning_rate(self) -> None:
        """η: one per lesson, for training and the stepper's update step alike (the Training panel shows it too)."""
        self._ask_setting("learning_rate", translate("MainWindow", "Learning rate"), translate("MainWindow", "η:"))

    def _ask_setting(self, key: str, title: str, label: str) -> None:
        """Ask for one training setting in a dialog bounded by its range; a new value is one undo entry."""
        if isinstance(self.lesson, NetworkLesson):
            value = ask_setting(self, key, title, label, self.lesson.setting(key))
            if value is not None:
                self.undo_stack.push(SetSettingsCommand(self.lesson, {key: value}))
