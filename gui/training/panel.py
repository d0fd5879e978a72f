"""The training panel: data, optimisation settings, and the controls of a training run.

The panel takes a lesson and the undo stack. Training runs on a ``TrainingRun`` (a worker
on its own QThread) with copies of the network and data; the panel applies parameter
snapshots to the live network (at most four a second, so the diagram follows) and, when
the run ends, pushes ONE ``ReplaceNetworkCommand`` from the weights before the run to the
weights reached. Undo therefore restores the weights from before the run exactly.

The panel is put together from mixins, one concept each: the settings boxes (settings_form.py),
the dataset picker (data_picker.py), CSV import (csv_import.py), the loss history (history.py),
the progress and message lines (readout.py), the dead-ReLU line (dead_relu.py) and the speed box
(speed.py); TrainingPanel itself runs training and
wires the worker.
"""

from __future__ import annotations

import copy
import math
import time

from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QUndoStack
from PySide6.QtWidgets import QFormLayout, QGridLayout, QProgressDialog, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from engine import edits
from engine.document import Data
from engine.errors import StudioError
from engine.lesson import Lesson, NetworkLesson
from engine.network import Network

from ..messages import engine_message
from ..window.actions import ACTIONS, build_action, connect_action
from ..window.commands import ReplaceNetworkCommand
from .csv_import import CsvImportMixin
from .data_picker import DataChoice, DataPickerMixin
from .dead_relu import DeadReluMixin
from .history import LossHistoryMixin
from .init_menu import InitialiseMixin
from .readout import ReadoutMixin
from .settings_form import SettingsFormMixin
from .speed import SpeedMixin
from .worker import CsvImport, RunResult, TrainingRun, TrainingWorker

MAX_PLOT_POINTS = 5000  # above this many iterations, report every k-th so the plot stays light
SNAPSHOT_DUTY = 20  # a snapshot that takes t seconds to apply waits at least 20·t for the next


# ===================================================================== the panel


class TrainingPanel(DataPickerMixin, CsvImportMixin, SettingsFormMixin, LossHistoryMixin, ReadoutMixin,
                    SpeedMixin, InitialiseMixin, DeadReluMixin, QWidget):
    """``TrainingPanel(lesson, undo_stack, parent=None, language="en", actions=None)``; ``set_lesson(lesson)``;
    ``shutdown()``.

    ``language`` picks the dataset descriptions shown as the picker's tooltips. ``actions`` are the
    window's actions by objectName (built from its table, gui/actions.py); the panel connects the
    training ones to its slots and shows them as its buttons. Without them (a panel on its own)
    it builds those rows of the same table itself.
    """

    run_started = Signal()
    losses_reported = Signal(object)  # rows of (iteration, loss, test_loss, accuracy)
    run_finished = Signal(object)  # RunResult
    split_changed = Signal(float, object)  # test fraction, seed (up to 2³² − 1: beyond a C int)
    state_changed = Signal()
    history_cleared = Signal()  # the loss history no longer fits the lesson: the plot starts afresh

    def __init__(self, lesson: Lesson | None, undo_stack: QUndoStack, parent: QWidget | None = None,
                 language: str = "en", actions: dict[str, QAction] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        self.language = language
        self.undo_stack = undo_stack
        self.lesson: NetworkLesson | None = None
        self.run: TrainingRun | None = None
        self.last_result: RunResult | None = None
        self.iteration, self.total = 0, 0
        self._before: Network | None = None
        self._applying = False
        self._abandoned = ""  # why the run was stopped without keeping its weights ("": it was not)
        self._snapshots = 0
        self._split: tuple[float, int] = (0.0, 0)  # the split last announced (split_changed)
        self._rate = 0.0
        self._rate_mark: tuple[float, int] | None = None
        self._csv_sets: dict[str, DataChoice] = {}
        self._lesson_data: Data | None = None
        self._thumbnails: dict[str, QIcon] = {}
        self._syncing = False
        self._own_push = False  # pushing a finished run's command: the history goes on
        self._lesson_record: dict | None = None  # the lesson's dataset record when it was opened
        # The loss history: the iteration its last point stands for, and the weights, data and
        # split it ended with (a run continues it only from exactly there). None: no history.
        self._history_end: int | None = None
        self._history_state: tuple | None = None
        self._offset = 0  # the running run's first iteration in the history
        self.csv_import: CsvImport | None = None  # a CSV file being read on a worker
        self.import_dialog: QProgressDialog | None = None
        self._imported = False
        self._import_loop: QEventLoop | None = None
        self._use_actions(actions or {})
        self._build()
        self.regenerate_timer = QTimer(self)
        self.regenerate_timer.setSingleShot(True)
        self.regenerate_timer.setInterval(300)
        self.regenerate_timer.timeout.connect(self.regenerate)
        self.set_lesson(lesson)

    # ------------------------------------------------------------------ construction
    def _use_actions(self, given: dict[str, QAction]) -> None:
        """Connect the table's training rows to this panel: the window's actions, or built here."""
        actions = {}
        for row in ACTIONS:
            if row.owner == "panel":
                action = given.get(row.name) or build_action(row, self)
                connect_action(row, action, self)
                actions[row.name] = action
        self.train_action, self.stop_action = actions["actionTrain"], actions["actionStopTraining"]
        self.pause_action, self.step_action = actions["actionPauseTraining"], actions["actionStepIteration"]
        self.reset_weights_action = actions["actionResetWeights"]
        self.panel_actions = actions

    def _build(self) -> None:
        data_box = self._build_data_box()
        opt_box = self._build_settings_box()

        # ---- run controls
        buttons = QGridLayout()
        self.train_button = self._tool_button(self.train_action, "trainButton")
        self.stop_button = self._tool_button(self.stop_action, "stopButton")
        self.pause_button = self._tool_button(self.pause_action, "pauseButton")
        self.step_button = self._tool_button(self.step_action, "stepIterationButton")
        self.reset_button = self._tool_button(self.reset_weights_action, "resetWeightsButton")
        self._build_init_menu(self.panel_actions)
        buttons.addWidget(self.train_button, 0, 0)
        buttons.addWidget(self.stop_button, 0, 1)
        buttons.addWidget(self.pause_button, 1, 0)
        buttons.addWidget(self.step_button, 1, 1)
        buttons.addWidget(self.reset_button, 2, 0, 1, 2)
        font = self.train_button.font()
        font.setBold(True)
        self.train_button.setFont(font)

        speed = QFormLayout()
        speed.addRow(self.tr("Training speed"), self._build_speed_box(self))

        self._build_readout()
        self._build_dead_relu_line()

        layout = QVBoxLayout(self)
        # The controls first: Train and its progress stay in view however small the dock is.
        layout.addLayout(buttons)
        layout.addLayout(speed)
        layout.addWidget(self.progress)
        layout.addWidget(self.rate_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.dead_relu_label)
        layout.addWidget(data_box)
        layout.addWidget(opt_box)
        layout.addStretch(1)
        self._fill_datasets()

    def _tool_button(self, action: QAction, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setMinimumHeight(36)
        return button

    # ------------------------------------------------------------------ lessons
    def set_lesson(self, lesson: Lesson | None) -> None:
        """Bind to another lesson; a run in progress is stopped and its results dropped (an import too)."""
        self.discard_run()
        if self.csv_import is not None:
            self._end_import()
        if self.lesson is not None:
            self.lesson.network.changed.disconnect(self._on_network_changed)
            self.lesson.settings_changed.disconnect(self._on_settings_changed)
        self.lesson = lesson if isinstance(lesson, NetworkLesson) else None
        self.last_result = None
        self._lesson_record = None
        self._show_no_run()  # results of the previous lesson's runs would mislead
        if self.lesson is not None:
            self.lesson.network.changed.connect(self._on_network_changed)
            self.lesson.settings_changed.connect(self._on_settings_changed)
            data = self.lesson.data
            self._lesson_data = Data(data.inputs.copy(), data.targets.copy())
            record = self.lesson.document.extra.get("dataset")
            self._lesson_record = copy.deepcopy(record) if isinstance(record, dict) else None
        self._clear_history()
        self._follow_dead_relus(self.lesson)
        self._sync_from_lesson()
        self._set_message("" if self.lesson is not None else
                          self.tr("Training needs a network lesson. Open or create a network first."))
        self._update_controls()

    # ------------------------------------------------------------------ running
    def is_running(self) -> bool:
        return self.run is not None

    def is_paused(self) -> bool:
        return self.run is not None and self.run.worker.paused

    def train(self) -> None:
        self._start(paused=False)

    def step_iteration(self) -> None:
        if self.run is None:
            self._start(paused=True, steps=1)
        elif self.run.worker.paused:
            self.run.worker.step_once()

    def _start(self, paused: bool, steps: int = 0) -> None:
        if self.lesson is None or self.run is not None:
            return
        lesson = self.lesson
        config = self.config()  # the lesson's settings, never the boxes
        self.regenerate_timer.stop()
        network = lesson.network.copy()
        try:
            network.validate()
            lesson.data.check_against(network)
        except StudioError as exc:
            self._set_message(self.tr("Cannot train: %1").replace("%1", engine_message(exc)), error=True)
            return
        probe_total = config.epochs * -(-len(lesson.data) // max(1, config.batch_size or len(lesson.data))) \
            if config.epochs > 0 else config.iterations
        config.eval_every = max(config.eval_every, math.ceil(probe_total / MAX_PLOT_POINTS))
        if not self._continues_history(config):
            self._clear_history()
        self._offset = self._history_end or 0
        self._before = lesson.network.copy()
        self._abandoned = ""
        self._snapshots = 0
        self.iteration, self.total = 0, probe_total
        worker = TrainingWorker(network, lesson.data, config, start_paused=paused, steps=steps,
                                offset=self._offset if self._history_end is not None else 0, speed=self.speed())
        run = TrainingRun(worker, self)
        run.progressed.connect(self._on_progress)
        run.losses_reported.connect(self.losses_reported)
        run.parameters_reported.connect(self._on_parameters)
        run.run_finished.connect(self._on_run_finished)
        self.run = run
        self._rate, self._rate_mark = 0.0, None
        self.pause_action.blockSignals(True)
        self.pause_action.setChecked(paused)
        self.pause_action.blockSignals(False)
        self.result_label.clear()
        self._set_message(self.tr("Paused. Step one iteration at a time, Resume, or Stop.") if paused
                          else self.tr("Training…"))
        self.run_started.emit()
        run.start()
        self._update_controls()

    def set_paused(self, paused: bool) -> None:
        self.pause_action.setText(self.tr("Resume") if paused else self.tr("Pause"))
        if self.run is None:
            if paused:  # nothing to pause
                self.pause_action.blockSignals(True)
                self.pause_action.setChecked(False)
                self.pause_action.setText(self.tr("Pause"))
                self.pause_action.blockSignals(False)
            return
        if paused:
            self.run.worker.pause()
            self._set_message(self.tr("Paused. Step one iteration at a time, Resume, or Stop."))
        else:
            self._rate_mark = None
            self.run.worker.resume()
            self._set_message(self.tr("Training…"))
        self._update_controls()

    def stop(self) -> None:
        """Stop the run; its weights so far are kept (one undo command, as for a finished run)."""
        if self.run is not None:
            self.run.worker.request_stop()

    def discard_run(self) -> None:
        """Stop and wait for the run without applying anything (the lesson is going away)."""
        run, self.run = self.run, None
        if run is None:
            return
        run.shutdown()
        run.deleteLater()
        self._before = None
        self._update_controls()

    def shutdown(self) -> None:
        """Stop any run, wait for its thread and keep the weights reached (window closing, app quitting)."""
        if self.csv_import is not None:
            self._end_import()
        run = self.run
        if run is None:
            return
        result = run.shutdown()
        if result is not None:
            self._on_run_finished(result)
        else:
            self.discard_run()

    def _on_parameters(self, iteration: int, weights, biases) -> None:
        lesson = self.lesson
        if lesson is None or self._abandoned:
            return
        self._applying = True
        start = time.perf_counter()
        try:
            lesson.network.set_parameters(weights, biases)  # the lesson rebuilds; the diagram follows
        finally:
            self._applying = False
        self._snapshots += 1
        if self.run is not None:  # keep the live diagram under ~5 % of the time: slower for big networks
            cost = time.perf_counter() - start
            self.run.worker.snapshot_floor = SNAPSHOT_DUTY * cost

    def _on_network_changed(self) -> None:
        if self._applying or self._own_push:  # the run's own snapshots and result: the history goes on
            return
        # Edited, reset, undone or redone: the loss history no longer leads to these weights.
        self._clear_history()
        if self.lesson is not None and self.decay_box.value() != self.lesson.network.weight_decay:
            self._show_settings()  # λ is the network's
        if self.run is None or self._abandoned:
            return
        # Edited (or undone) while training: the run no longer matches the network. Stop it, keep the edit.
        self._abandon(self.tr("The network was edited during training, so training stopped. The edit is kept."))

    def _abandon(self, message: str) -> None:
        """Stop the run without keeping its weights; ``message`` says why when it has ended."""
        self._abandoned = message
        self.run.losses_reported.disconnect(self.losses_reported)  # its later losses are not of this network
        self.run.worker.request_stop()

    def _on_run_finished(self, result: RunResult) -> None:
        run, self.run = self.run, None
        if run is not None:
            run.discard()
            run.thread.wait()
            run.deleteLater()
        self.last_result = result
        lesson, before = self.lesson, self._before
        self._before = None
        self.pause_action.blockSignals(True)
        self.pause_action.setChecked(False)
        self.pause_action.setText(self.tr("Pause"))
        self.pause_action.blockSignals(False)
        if lesson is None or before is None:
            self._update_controls()
            return
        if self._abandoned:
            self._set_message(self._abandoned, error=True)
            self._update_controls()
            self.run_finished.emit(result)
            return
        if result.status == "failed" or not result.weights:
            if self._snapshots:
                self._restore(before)
            self._history_end, self._history_state = None, None  # the next run starts a fresh curve
            self._set_message(self.tr("Cannot train: %1").replace("%1", engine_message(result.message)),
                              error=True)
            self._update_controls()
            self.run_finished.emit(result)
            return
        after = before.copy()
        after.set_parameters(result.weights, result.biases)
        if result.iterations > 0:
            text = self.tr("Train 1 iteration") if result.iterations == 1 else \
                self.tr("Train %1 iterations").replace("%1", str(result.iterations))
            # From the weights before the run, not the last snapshot shown during it.
            command = ReplaceNetworkCommand(lesson.network, after, text, before=before)
            self._own_push = True
            try:
                self.undo_stack.push(command)
            finally:
                self._own_push = False
        elif self._snapshots:
            self._restore(before)
        self._keep_history(result.iterations)
        self._show_result(result)
        self._update_controls()
        self.run_finished.emit(result)

    def _restore(self, network: Network) -> None:
        self._applying = True
        try:
            self.lesson.network.assign(network)
        finally:
            self._applying = False

    # ------------------------------------------------------------------ weights
    def reset_weights(self) -> None:
        if self.lesson is None or self.run is not None:
            return
        seed = self.config().seed
        after = edits.randomized(self.lesson.network, seed)
        self.undo_stack.push(ReplaceNetworkCommand(self.lesson.network, after,
                                                   self.tr("Reset weights (seed %1)").replace("%1", str(seed))))
        self._set_message(self.tr("New random weights from seed %1.").replace("%1", str(seed)))

    # ------------------------------------------------------------------ state

    def _training_on(self, label: str, samples: int, inputs: int, outputs: int) -> str:
        """"Now training on …" with each count in its singular or plural form."""
        samples_text = self.tr("%n sample", "", samples) if samples == 1 else self.tr("%n samples", "", samples)
        inputs_text = self.tr("%n input", "", inputs) if inputs == 1 else self.tr("%n inputs", "", inputs)
        outputs_text = self.tr("%n output", "", outputs) if outputs == 1 else self.tr("%n outputs", "", outputs)
        return (self.tr("Now training on %1: %2, %3, %4.").replace("%1", label).replace("%2", samples_text)
                .replace("%3", inputs_text).replace("%4", outputs_text))

    def _update_controls(self) -> None:
        has_lesson = self.lesson is not None
        running = self.run is not None or self.csv_import is not None
        paused = self.is_paused()
        self.train_action.setEnabled(has_lesson and not running)
        self.stop_action.setEnabled(running)
        self.pause_action.setEnabled(running)
        self.step_action.setEnabled(has_lesson and (not running or paused))
        self.reset_weights_action.setEnabled(has_lesson and not running)
        self._update_init_actions(has_lesson and not running)
        for widget in (self.dataset_box, self.import_button, self.test_box, self.seed_box, self.lr_box,
                       self.batch_box, self.optimizer_box, self.decay_box, self.length_box, self.unit_box):
            widget.setEnabled(has_lesson and not running)
        self._update_data_settings_enabled()
        self.state_changed.emit()

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)
