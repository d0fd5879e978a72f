"""The main window's stepping: forward and back through the passes, play, speed, granularity, sample."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from engine.compile import GRANULARITIES
from engine.errors import StudioError
from engine.formula import fmt
from engine.lesson import ExpressionLesson, NetworkLesson

from ..busy import busy
from ..lesson.exercise import HIDDEN, shown
from ..lesson.explain import phase_name
from ..lesson.inspector import update_text
from ..messages import engine_message
from .commands import ApplyUpdateCommand

translate = QCoreApplication.translate  # its strings keep the window's context, "MainWindow"

GRANULARITY_ACTIONS = {"neuron": "actionNeuronGranularity", "operation": "actionOperationGranularity",
                       "layer": "actionLayerGranularity"}
NETWORK_ACTIONS = ("actionAddLayer", "actionRemoveLayer", "actionRandomize", "actionResetToFile",
                   "actionWeightDecay", "actionLearningRate",
                   "actionNotation_lecture", "actionNotation_d2l")  # enabled for a network lesson only


class SteppingMixin:
    """Step, play and the step controls of MainWindow (a mixin of MainWindow)."""

    def step_forward(self) -> None:
        stepper = self.lesson.stepper
        if stepper.at_end and isinstance(self.lesson, NetworkLesson) and len(stepper):
            self.apply_update()
            return
        stepper.step_forward()

    def step_back(self) -> None:
        """One step back; at the start of a pass that an update began, back to the end of the last one."""
        stepper = self.lesson.stepper
        if stepper.position == 0 and self._update_began_this_pass():
            self.undo_stack.undo()
            return
        stepper.step_back()

    def _update_began_this_pass(self) -> bool:
        index = self.undo_stack.index()
        return index > 0 and isinstance(self.undo_stack.command(index - 1), ApplyUpdateCommand)

    def reset_steps(self) -> None:
        self.stop_play()
        self.lesson.stepper.reset()

    def run_to_end(self) -> None:
        self.stop_play()
        self.lesson.stepper.run_to_end()

    def run_to_end_of_phase(self) -> None:
        self.lesson.stepper.run_to_end_of_phase()

    def apply_update(self) -> None:
        """After the update phase: keep the new weights (undoable) and start the next pass."""
        command = ApplyUpdateCommand(self.lesson, translate("MainWindow", "Apply gradient descent update"))
        self.undo_stack.push(command)
        message = translate("MainWindow", "Update applied: %1; a new pass starts with the new weights (← goes back).")
        self.statusBar().showMessage(message.replace("%1", update_text(command.update)), 8000)

    def toggle_play(self, checked: bool) -> None:
        if checked:
            self._on_speed_changed(self.speed_box.value())
            self.play_timer.start()
        else:
            self.play_timer.stop()

    def stop_play(self) -> None:
        self.play_timer.stop()
        self.play_action.setChecked(False)

    def _on_play_tick(self) -> None:
        if self.lesson.stepper.at_end:
            self.stop_play()
            return
        self.lesson.stepper.step_forward()

    def _on_speed_changed(self, value: int) -> None:
        self.play_timer.setInterval(int(1000 / max(1, value)))

    def set_granularity(self, granularity: str) -> None:
        if self.lesson is None or granularity not in GRANULARITIES:
            return
        self._sync_controls()  # the choice shown follows the lesson, also when the switch is refused
        if isinstance(self.lesson, NetworkLesson) and granularity != self.lesson.granularity:
            try:
                with busy():
                    self.lesson.set_granularity(granularity)
            except StudioError as exc:  # too large: the lesson stays as it was
                self.warn(self.actions_by_name[GRANULARITY_ACTIONS[granularity]].text(), engine_message(exc))
        self._sync_controls()

    def _on_sample_changed(self, value: int) -> None:
        if isinstance(self.lesson, NetworkLesson):
            self.lesson.set_sample(value - 1)

    # ================================================================== status and sync
    def _on_lesson_rebuilt(self) -> None:
        self._sync_controls()
        notice = getattr(self.lesson, "notice", None)
        if notice is not None:  # an edit made the network too large for operation steps
            self.lesson.notice = None
            self.statusBar().showMessage(engine_message(notice), 10000)

    def _sync_controls(self) -> None:
        lesson = self.lesson
        is_network = isinstance(lesson, NetworkLesson)
        granularity = lesson.granularity if lesson is not None else "neuron"
        for widget in (self.granularity_box, self.sample_box):
            widget.blockSignals(True)
        self.granularity_box.setCurrentIndex(max(0, self.granularity_box.findData(granularity)))
        self.granularity_box.setEnabled(is_network)
        self.actions_by_name[GRANULARITY_ACTIONS.get(granularity, "actionNeuronGranularity")].setChecked(True)
        if is_network:
            self.sample_box.setMaximum(len(lesson.data))
            self.sample_box.setValue(lesson.sample + 1)
            self.sample_box.setSuffix(translate("MainWindow", " of %1").replace("%1", str(len(lesson.data))))
            self.loss_actions[lesson.network.loss].setChecked(True)
            self.notation_actions[lesson.network.notation].setChecked(True)
        batched = granularity == "layer"  # every sample at once: there is no one sample to pick
        self.sample_box.setEnabled(is_network and len(lesson.data) > 1 and not batched)
        self.sample_box.setToolTip(translate("MainWindow", "Layer steps take every sample at once (a batch): "
                                             "press N or O to step one sample") if batched
                                   else translate("MainWindow", "The sample that neuron and operation steps follow"))
        for widget in (self.granularity_box, self.sample_box):
            widget.blockSignals(False)
        for name in NETWORK_ACTIONS:
            self.actions_by_name[name].setEnabled(is_network)
        if is_network:  # a hidden layer to remove
            self.actions_by_name["actionRemoveLayer"].setEnabled(lesson.network.depth > 1)
        self.actions_by_name["actionEditExpression"].setEnabled(isinstance(lesson, ExpressionLesson))

    def _on_step_changed(self) -> None:
        stepper = self.lesson.stepper
        self.phase_label.setText(phase_name(stepper.phase))
        self.position_label.setText(translate("MainWindow", "Step %1 / %2").replace("%1", str(stepper.position))
                                    .replace("%2", str(len(stepper))))
        output = self.lesson.graph.output
        shown_value = shown(self.lesson, output)  # exercise mode: an asked loss shows "?"
        value = "—" if output is None or output.value is None else fmt(float(shown_value)) \
            if shown_value is not None else HIDDEN
        self.loss_label.setText(f"{output.sym.text if output is not None else 'L'} = {value}")
