"""The main window: the diagram in the middle, the inspector and the step log in docks."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from engine import document as documents
from engine import edits
from engine.errors import StudioError
from engine.formula import fmt
from engine.lesson import ExpressionLesson, Lesson, NetworkLesson, lesson_for
from engine.network import LOSSES

from .autosave import Autosaver, offer_recovery
from .commands import ReplaceNetworkCommand, SetSettingsCommand, SetValueCommand, value_command
from .explain import loss_name, phase_name
from .exports import Exporter
from .expression_editor import ExpressionEditor, GradcheckDialog, SetExpressionCommand, run_gradcheck
from .gallery import GalleryDialog, example_lessons
from .graph_view import GraphView
from .help import FirstLessonDialog
from .inspector import Inspector
from .messages import engine_message
from .network_view import NetworkView
from .paths import LECTURE
from .presentation import apply_theme
from .spin_boxes import ask_setting
from .step_log import StepLog
from .training_dock import attach_training

MAX_RECENT = 8
AUTO_WEIGHT_LABELS = 64


class MainWindow(QMainWindow):
    lesson_changed = Signal()

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.language = language
        self.unattended = False  # a smoke run: never wait for a dialog
        self.lesson: Lesson | None = None
        self.path: Path | None = None
        self.pristine = None  # the network as opened, for "Reset to file"
        self.font_scale = 1.0
        self._labels_chosen = False  # the user toggled weight labels in this session
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.play_timer = QTimer(self)
        self.play_timer.timeout.connect(self._on_play_tick)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("viewTabs")
        self.setCentralWidget(self.tabs)
        self.network_view: NetworkView | None = None
        self.graph_view: GraphView | None = None
        self.inspector: Inspector | None = None
        self.step_log: StepLog | None = None
        self.inspector_dock = self._dock("inspectorDock", self.tr("Inspector"), Qt.DockWidgetArea.RightDockWidgetArea)
        self.log_dock = self._dock("stepLogDock", self.tr("Step log"), Qt.DockWidgetArea.BottomDockWidgetArea)

        self._create_actions()
        self._create_menus()
        self._create_toolbars()
        self._create_status_bar()
        self._restore_settings()
        self.autosaver = Autosaver(self)
        self.setAcceptDrops(True)
        attach_training(self)
        self._apply_font_scale()
        if QSettings().value("windowState") is None:
            self._default_dock_sizes()

    # ================================================================== construction
    def _dock(self, name: str, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, name: str, text: str, slot, shortcuts=(), checkable: bool = False, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        keys: list[QKeySequence] = []
        for shortcut in shortcuts:  # a standard key may already hold the extra one (F11, Ctrl+-)
            candidates = QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey) \
                else [QKeySequence(shortcut)]
            keys += [k for k in candidates if not k.isEmpty() and k.toString() not in {x.toString() for x in keys}]
        if keys:
            action.setShortcuts(keys)
        action.setCheckable(checkable)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even when menus and toolbars are hidden
        return action

    def _create_actions(self) -> None:
        """Every action of the window, in one place."""
        key = QKeySequence.StandardKey
        a = self._action
        # ---- stepping
        self.step_forward_action = a("actionStepForward", self.tr("Step forward"), self.step_forward,
                                     [Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown],
                                     tip=self.tr("Take the next step (→, Space)"))
        self.step_back_action = a("actionStepBack", self.tr("Step back"), self.step_back,
                                  [Qt.Key.Key_Left, Qt.Key.Key_PageUp], tip=self.tr("Undo the last step (←)"))
        self.reset_action = a("actionReset", self.tr("Reset"), self.reset_steps, [Qt.Key.Key_Home],
                              tip=self.tr("Back to the start of the pass (Home)"))
        self.run_to_end_action = a("actionRunToEnd", self.tr("Run to end"), self.run_to_end, [Qt.Key.Key_End],
                                   tip=self.tr("Take every remaining step (End)"))
        self.run_phase_action = a("actionRunToEndOfPhase", self.tr("Run to end of phase"), self.run_to_end_of_phase,
                                  ["Ctrl+Right"], tip=self.tr("Finish the forward, backward or update phase"))
        self.play_action = a("actionPlay", self.tr("Play"), self.toggle_play, ["P"], checkable=True,
                             tip=self.tr("Step automatically at the chosen speed (P)"))
        # ---- file
        self.new_action = a("actionNew", self.tr("&New network"), self.new_network, [key.New])
        self.new_expression_action = a("actionNewExpression", self.tr("New &expression lesson…"),
                                       self.new_expression_lesson)
        self.edit_expression_action = a("actionEditExpression", self.tr("Edit e&xpression…"), self.edit_expression)
        self.gradcheck_action = a("actionGradcheck", self.tr("Gradient check"), self.gradient_check, ["Ctrl+G"],
                                  tip=self.tr("Compare every gradient with finite differences"))
        self.open_action = a("actionOpen", self.tr("&Open…"), self.open_dialog, [key.Open])
        self.gallery_action = a("actionGallery", self.tr("Example &gallery…"), self.show_gallery, ["Ctrl+Shift+O"])
        self.save_action = a("actionSave", self.tr("&Save"), self.save, [key.Save])
        self.save_as_action = a("actionSaveAs", self.tr("Save &as…"), self.save_as, [key.SaveAs])
        self.quit_action = a("actionQuit", self.tr("&Quit"), self.close, [key.Quit, "Ctrl+Q"])
        # ---- edit
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setObjectName("actionUndo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(key.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setObjectName("actionRedo")
        self.redo_action.setShortcuts(QKeySequence.keyBindings(key.Redo))
        self.addActions([self.undo_action, self.redo_action])
        self.randomize_action = a("actionRandomize", self.tr("Randomize weights…"), self.randomize_weights)
        self.reset_file_action = a("actionResetToFile", self.tr("Reset weights to the file"), self.reset_to_file)
        self.add_layer_action = a("actionAddLayer", self.tr("Add hidden layer"), self.add_hidden_layer)
        self.remove_layer_action = a("actionRemoveLayer", self.tr("Remove last hidden layer"),
                                     self.remove_hidden_layer)
        self.learning_rate_action = a("actionLearningRate", self.tr("Learning rate η…"), self.ask_learning_rate)
        self.decay_action = a("actionWeightDecay", self.tr("Weight decay λ…"), self.ask_weight_decay)
        self.loss_group = QActionGroup(self)
        self.loss_actions = {}
        for loss in LOSSES:
            action = QAction(loss_name(loss), self, checkable=True)
            action.setObjectName(f"actionLoss_{loss}")
            action.triggered.connect(lambda _=False, name=loss: self.set_loss(name))
            self.loss_group.addAction(action)
            self.loss_actions[loss] = action
        # ---- view
        self.zoom_in_action = a("actionZoomIn", self.tr("Larger"), self.zoom_in, [key.ZoomIn, "Ctrl+="])
        self.zoom_out_action = a("actionZoomOut", self.tr("Smaller"), self.zoom_out, [key.ZoomOut, "Ctrl+-"])
        self.zoom_reset_action = a("actionZoomReset", self.tr("Normal size"), self.zoom_reset, ["Ctrl+0"])
        self.fit_action = a("actionFit", self.tr("Fit diagram to window"), self.fit_view, ["F"])
        self.weight_labels_action = a("actionWeightLabels", self.tr("Show weight values"),
                                      self.toggle_weight_labels, ["W"], checkable=True)
        self.full_screen_action = a("actionFullScreen", self.tr("Full screen"), self.toggle_full_screen,
                                    [key.FullScreen, "F11"], checkable=True)
        self.granularity_group = QActionGroup(self)
        self.neuron_action = a("actionNeuronGranularity", self.tr("Neuron steps"),
                               lambda: self.set_granularity("neuron"), ["N"], checkable=True)
        self.operation_action = a("actionOperationGranularity", self.tr("Operation steps"),
                                  lambda: self.set_granularity("operation"), ["O"], checkable=True)
        self.granularity_group.addAction(self.neuron_action)
        self.granularity_group.addAction(self.operation_action)
        self.high_contrast_action = a("actionHighContrast", self.tr("High-contrast theme (projector)"),
                                      self.toggle_high_contrast, ["Ctrl+Shift+H"], checkable=True)
        self.language_group = QActionGroup(self)
        self.language_actions = {}
        for code, label in (("en", "English"), ("zh_CN", "简体中文")):
            action = QAction(label, self, checkable=True)
            action.setObjectName(f"actionLanguage_{code}")
            action.setChecked(code == self.language)
            action.triggered.connect(lambda _=False, c=code: self.switch_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        # ---- help
        self.first_lesson_action = a("actionFirstLesson", self.tr("Your first lesson"), self.show_first_lesson)
        self.shortcuts_action = a("actionShortcuts", self.tr("Keyboard shortcuts"), self.show_shortcuts,
                                  [key.HelpContents])
        self.about_action = a("actionAbout", self.tr("About Backprop Studio"), self.show_about)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.new_expression_action, self.open_action,
                              self.gallery_action])
        self.examples_menu = file_menu.addMenu(self.tr("&Examples"))
        self.examples_menu.setObjectName("examplesMenu")
        self.examples_menu.aboutToShow.connect(self._fill_examples_menu)  # read the files when asked, not at start
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        self.exporter = Exporter(self)
        file_menu.addMenu(self.exporter.menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.edit_expression_action)
        edit_menu.addActions([self.add_layer_action, self.remove_layer_action])
        loss_menu = edit_menu.addMenu(self.tr("Loss function"))
        loss_menu.addActions(list(self.loss_actions.values()))
        edit_menu.addActions([self.decay_action, self.learning_rate_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.randomize_action, self.reset_file_action])
        self.edit_menu = edit_menu

        step_menu = bar.addMenu(self.tr("&Step"))
        step_menu.addActions([self.step_forward_action, self.step_back_action, self.reset_action,
                              self.run_phase_action, self.run_to_end_action, self.play_action])
        step_menu.addSeparator()
        step_menu.addActions([self.neuron_action, self.operation_action])
        step_menu.addSeparator()
        step_menu.addAction(self.gradcheck_action)
        self.step_menu = step_menu

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action, self.fit_action])
        view_menu.addSeparator()
        view_menu.addActions([self.weight_labels_action, self.full_screen_action, self.high_contrast_action])
        language_menu = view_menu.addMenu(self.tr("Language"))
        language_menu.setObjectName("languageMenu")
        language_menu.addActions(list(self.language_actions.values()))
        view_menu.addSeparator()
        view_menu.addActions([self.inspector_dock.toggleViewAction(), self.log_dock.toggleViewAction()])
        self.view_menu = view_menu

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.first_lesson_action, self.shortcuts_action, self.about_action])
        self.help_menu = help_menu

    def _create_toolbars(self) -> None:
        bar = QToolBar(self.tr("Steps"), self)
        bar.setObjectName("stepToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions([self.reset_action, self.step_back_action, self.step_forward_action, self.run_phase_action,
                        self.run_to_end_action, self.play_action])
        bar.addWidget(QLabel(" " + self.tr("Speed") + " "))
        self.speed_box = QSpinBox(bar)
        self.speed_box.setObjectName("speedBox")
        self.speed_box.setRange(1, 20)
        self.speed_box.setValue(2)
        self.speed_box.setSuffix(self.tr(" steps/s"))
        self.speed_box.setToolTip(self.tr("Play speed"))
        self.speed_box.valueChanged.connect(self._on_speed_changed)
        bar.addWidget(self.speed_box)
        bar.addSeparator()
        bar.addWidget(QLabel(" " + self.tr("Granularity") + " "))
        self.granularity_box = QComboBox(bar)
        self.granularity_box.setObjectName("granularityBox")
        self.granularity_box.addItem(self.tr("Neuron"), "neuron")
        self.granularity_box.addItem(self.tr("Operation"), "operation")
        self.granularity_box.currentIndexChanged.connect(
            lambda i: self.set_granularity(self.granularity_box.itemData(i)))
        bar.addWidget(self.granularity_box)
        bar.addWidget(QLabel(" " + self.tr("Sample") + " "))
        self.sample_box = QSpinBox(bar)
        self.sample_box.setObjectName("sampleBox")
        self.sample_box.setMinimum(1)
        self.sample_box.valueChanged.connect(self._on_sample_changed)
        bar.addWidget(self.sample_box)
        self.addToolBar(bar)
        self.step_toolbar = bar

    def _create_status_bar(self) -> None:
        self.phase_label = QLabel(self)
        self.phase_label.setObjectName("phaseLabel")
        self.position_label = QLabel(self)
        self.position_label.setObjectName("positionLabel")
        self.loss_label = QLabel(self)
        self.loss_label.setObjectName("lossLabel")
        for label in (self.phase_label, self.position_label, self.loss_label):
            label.setContentsMargins(12, 0, 12, 0)
            self.statusBar().addPermanentWidget(label)

    # ================================================================== lessons
    def warn(self, title: str, text: str) -> None:
        """A message for the user: a dialog, or one line on stderr in an unattended (smoke) run."""
        if self.unattended:
            if sys.stderr is not None:
                sys.stderr.write(f"{title}: {text}\n")
            return
        QMessageBox.warning(self, title, text)

    def open_initial(self, path: str | None, recover: bool = True) -> None:
        if path and self.open_path(path):
            return
        if recover and not path and not self.unattended and offer_recovery(self):
            return
        self.open_path(LECTURE, remember=False, as_template=True)  # Save must never overwrite the shipped example

    def open_path(self, path, remember: bool = True, as_template: bool = False) -> bool:
        """Open a lesson. A bad file shows a message naming the problem and changes nothing."""
        try:
            doc = documents.load(path)
        except StudioError as exc:
            self.warn(self.tr("Cannot open lesson"),
                      self.tr("%1 could not be opened:\n%2").replace("%1", str(path))
                      .replace("%2", engine_message(exc)))
            return False
        self.set_document(doc, None if as_template else Path(path))
        if remember and not as_template:
            self._remember_recent(Path(path))
        return True

    def set_document(self, doc: documents.Document, path: Path | None) -> None:
        self.stop_play()
        self.document = doc
        self.path = path
        self.pristine = doc.network.copy() if doc.network is not None else None
        self._install_lesson(lesson_for(doc))
        self._restore_view_state(doc)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._update_title()

    def _install_lesson(self, lesson: Lesson) -> None:
        for widget in (self.inspector, self.step_log, self.network_view, self.graph_view):
            if widget is not None:
                widget.detach()
                widget.deleteLater()  # tabs.clear() and setWidget() keep the old views alive otherwise
        if self.lesson is not None:
            self.lesson.stepped.disconnect(self._on_step_changed)
            self.lesson.rebuilt.disconnect(self._on_lesson_rebuilt)
        self.lesson = lesson
        self.tabs.clear()
        if isinstance(lesson, NetworkLesson):
            self.network_view = NetworkView(lesson, self.tabs)
            self.network_view.value_edited.connect(self._on_value_edited)
            self.network_view.structure_edit_requested.connect(self._on_structure_edit_requested)
            self.network_view.node_clicked.connect(self._on_node_clicked)
            # Weight values crowd a big network: shown by default up to AUTO_WEIGHT_LABELS weights.
            self.network_view.set_weight_labels_visible(self.weight_labels_action.isChecked() and (
                self._labels_chosen or lesson.network.parameter_count() <= AUTO_WEIGHT_LABELS))
            self.tabs.addTab(self.network_view, self.tr("Network diagram"))
        else:
            self.network_view = None
        self.graph_view = GraphView(lesson, self.tabs)
        self.graph_view.node_clicked.connect(self._on_node_clicked)
        self.graph_view.value_edited.connect(self._on_variable_edited)
        self.tabs.addTab(self.graph_view, self.tr("Computational graph"))
        if self.network_view is not None:
            self.network_view.neuron_clicked.connect(self.graph_view.highlight_neuron)
            self.graph_view.neuron_selected.connect(self.network_view.select_neuron)
        self.inspector = Inspector(lesson, self.inspector_dock)
        self.inspector_dock.setWidget(self.inspector)
        self.step_log = StepLog(lesson, self.log_dock)
        self.log_dock.setWidget(self.step_log)
        lesson.stepped.connect(self._on_step_changed)
        lesson.rebuilt.connect(self._on_lesson_rebuilt)
        self._apply_font_scale()
        self._on_lesson_rebuilt()
        self._on_step_changed()
        if self.network_view is not None:
            QTimer.singleShot(0, self.network_view.fit)
        self.lesson_changed.emit()

    # ================================================================== stepping
    def step_forward(self) -> None:
        stepper = self.lesson.stepper
        if stepper.at_end and isinstance(self.lesson, NetworkLesson) and len(stepper):
            self.apply_update()
            return
        stepper.step_forward()

    def step_back(self) -> None:
        self.lesson.stepper.step_back()

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
        lesson = self.lesson
        weights, biases = lesson.updated_parameters()
        after = lesson.network.copy()
        after.set_parameters(weights, biases)
        self.undo_stack.push(ReplaceNetworkCommand(lesson.network, after, self.tr("Apply gradient descent update")))
        lesson.stepper.reset()
        self.statusBar().showMessage(self.tr("Update applied: a new pass starts with the new weights."), 5000)

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
        if self.lesson is None or granularity not in ("neuron", "operation"):
            return
        if isinstance(self.lesson, NetworkLesson):
            self.lesson.set_granularity(granularity)
        self._sync_controls()

    def _on_sample_changed(self, value: int) -> None:
        if isinstance(self.lesson, NetworkLesson):
            self.lesson.set_sample(value - 1)

    # ================================================================== editing
    def _push_network(self, after, text: str) -> None:
        self.undo_stack.push(ReplaceNetworkCommand(self.lesson.network, after, text))

    def _try_edit(self, make, text: str) -> None:
        if not isinstance(self.lesson, NetworkLesson):
            return
        try:
            after = make(self.lesson.network)
        except StudioError as exc:
            self.warn(self.tr("Edit not possible"), engine_message(exc))
            return
        self._push_network(after, text)

    def _on_value_edited(self, kind: str, layer: int, i: int, j: int, value: float) -> None:
        names = {"weight": self.tr("Edit weight"), "bias": self.tr("Edit bias"), "input": self.tr("Edit input"),
                 "target": self.tr("Edit target")}
        self.undo_stack.push(value_command(self.lesson, kind, layer, i, j, value, names.get(kind, kind)))

    def _on_structure_edit_requested(self, action: str, layer: int, neuron: int) -> None:
        if action == "add_neuron":
            self._try_edit(lambda n: edits.add_neuron(n, layer), self.tr("Add neuron"))
        elif action == "remove_neuron":
            self._try_edit(lambda n: edits.remove_neuron(n, layer, neuron), self.tr("Remove neuron"))
        elif action == "add_layer_after":
            self._try_edit(lambda n: edits.add_hidden_layer(n, layer + 1), self.tr("Add hidden layer"))
        elif action == "remove_layer":
            self._try_edit(lambda n: edits.remove_hidden_layer(n, layer), self.tr("Remove hidden layer"))
        elif action.startswith("activation:"):
            name = action.split(":", 1)[1]
            self._try_edit(lambda n: edits.set_activation(n, layer, name), self.tr("Change activation"))

    def _on_variable_edited(self, name: str, value: float) -> None:
        lesson = self.lesson
        if isinstance(lesson, ExpressionLesson):
            before = lesson.expression.values.get(name, 0.0)
            self.undo_stack.push(SetValueCommand(lambda v: lesson.set_value(name, v), before, value,
                                                 self.tr("Edit %1").replace("%1", name)))

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
            self.undo_stack.push(SetExpressionCommand(self.lesson, expression, self.tr("Edit expression")))
        else:
            self.set_document(documents.Document(expression=expression), None)

    def gradient_check(self) -> None:
        if self.lesson is None:
            return
        try:
            report = run_gradcheck(self.lesson)
        except StudioError as exc:
            QMessageBox.information(self, self.tr("Gradient check"), engine_message(exc))
            return
        dialog = GradcheckDialog(report, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _on_node_clicked(self, node_id: int) -> None:
        if self.inspector is not None:
            self.inspector.show_node(node_id)

    def add_hidden_layer(self) -> None:
        self._try_edit(lambda n: edits.add_hidden_layer(n), self.tr("Add hidden layer"))

    def remove_hidden_layer(self) -> None:
        self._try_edit(lambda n: edits.remove_hidden_layer(n, len(n.layers) - 2), self.tr("Remove hidden layer"))

    def set_loss(self, loss: str) -> None:
        self._try_edit(lambda n: edits.set_loss(n, loss), self.tr("Change loss function"))
        self._sync_controls()

    def randomize_weights(self) -> None:
        seed, ok = QInputDialog.getInt(self, self.tr("Randomize weights"), self.tr("Seed:"), 0, 0, 2**31 - 1)
        if ok:
            self._try_edit(lambda n: edits.randomized(n, seed), self.tr("Randomize weights"))

    def reset_to_file(self) -> None:
        if self.pristine is not None:
            self._try_edit(lambda n: self.pristine.copy(), self.tr("Reset weights to the file"))

    def ask_weight_decay(self) -> None:
        if isinstance(self.lesson, NetworkLesson):
            value = ask_setting(self, "weight_decay", self.tr("Weight decay"), self.tr("λ (0 turns weight decay off):"),
                                self.lesson.setting("weight_decay"))
            if value is not None:
                self.undo_stack.push(SetSettingsCommand(self.lesson, {"weight_decay": value}))

    def ask_learning_rate(self) -> None:
        """η: one per lesson, for training and the stepper's update step alike (the Training panel shows it too)."""
        if isinstance(self.lesson, NetworkLesson):
            value = ask_setting(self, "learning_rate", self.tr("Learning rate"), self.tr("η:"),
                                self.lesson.setting("learning_rate"))
            if value is not None:
                self.undo_stack.push(SetSettingsCommand(self.lesson, {"learning_rate": value}))

    # ================================================================== files
    def new_network(self) -> None:
        if self.maybe_save():
            doc = documents.load(LECTURE)
            doc.title = {}
            doc.description = {}
            self.set_document(doc, None)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open lesson"), str(self._last_dir()),
                                              self.tr("Lessons (*.json);;All files (*)"))
        if path:
            self.open_path(path)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save lesson"), str(self._last_dir() / "lesson.json"),
                                              self.tr("Lessons (*.json)"))
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".json"
        return self._write(Path(path))

    def current_document(self) -> documents.Document:
        """The open lesson with its view state: granularity, sample, current step and scale."""
        doc = self.document
        lesson = self.lesson
        doc.extra["view"] = {"granularity": getattr(lesson, "granularity", "neuron"),
                             "sample": getattr(lesson, "sample", 0), "step": lesson.stepper.position,
                             "font_scale": round(self.font_scale, 3)}
        return doc

    def _restore_view_state(self, doc: documents.Document) -> None:
        view = doc.extra.get("view")
        if not isinstance(view, dict) or not isinstance(self.lesson, NetworkLesson):
            return
        granularity = view.get("granularity")
        sample = view.get("sample", 0)
        step = view.get("step", 0)
        if granularity in ("neuron", "operation"):
            self.lesson.granularity = granularity
        if isinstance(sample, int) and 0 <= sample < len(self.lesson.data):
            self.lesson.sample = sample
        self.lesson.rebuild(position=step if isinstance(step, int) and step >= 0 else 0)

    def _write(self, path: Path) -> bool:
        from PySide6.QtCore import QSaveFile

        file = QSaveFile(str(path))
        if not file.open(QSaveFile.OpenModeFlag.WriteOnly):
            self.warn(self.tr("Cannot save"), file.errorString())
            return False
        file.write(QByteArray(self.current_document().to_json().encode("utf-8")))
        if not file.commit():
            self.warn(self.tr("Cannot save"), file.errorString())
            return False
        self.path = path
        self.undo_stack.setClean()
        self.setWindowModified(False)
        self._remember_recent(path)
        self._update_title()
        return True

    def maybe_save(self) -> bool:
        """Ask about unsaved changes. True when it is safe to go on."""
        if not self.isWindowModified():
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("The lesson has unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _last_dir(self) -> Path:
        return self.path.parent if self.path else Path.home()

    def _remember_recent(self, path: Path) -> None:
        settings = QSettings()
        recent = [p for p in settings.value("recentFiles", [], type=list) if p != str(path)]
        settings.setValue("recentFiles", [str(path), *recent][:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = QSettings().value("recentFiles", [], type=list)
        for entry in recent:
            action = self.recent_menu.addAction(entry)
            action.triggered.connect(lambda _=False, p=entry: self.maybe_save() and self.open_path(p))
        if not recent:
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def _fill_examples_menu(self) -> None:
        self.examples_menu.clear()
        for path, title, description in example_lessons(self.language):
            action = self.examples_menu.addAction(title)
            action.setToolTip(description)
            action.triggered.connect(lambda _=False, p=path: self.open_example(p))
        self.examples_menu.setToolTipsVisible(True)

    def open_example(self, path: Path) -> bool:
        """Open a shipped lesson as a template: saving asks for a new file name."""
        return self.maybe_save() and self.open_path(path, remember=False, as_template=True)

    def show_gallery(self) -> None:
        dialog = GalleryDialog(self.language, self)
        if dialog.exec() and dialog.chosen is not None:
            self.open_example(dialog.chosen)

    def _update_title(self) -> None:
        doc = self.document
        name = self.path.name if self.path else (doc.title.get(self.language) or doc.title.get("en")
                                                 or self.tr("Untitled lesson"))
        self.setWindowTitle(f"{name}[*] — " + self.tr("Backprop Studio"))

    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    # ================================================================== view
    def zoom_in(self) -> None:
        self.set_font_scale(self.font_scale * 1.15)

    def zoom_out(self) -> None:
        self.set_font_scale(self.font_scale / 1.15)

    def zoom_reset(self) -> None:
        self.set_font_scale(1.0)

    def set_font_scale(self, scale: float) -> None:
        self.font_scale = max(0.5, min(4.0, scale))
        QSettings().setValue("fontScale", self.font_scale)
        self._apply_font_scale()

    def _apply_font_scale(self) -> None:
        if self.inspector is not None:
            self.inspector.set_font_scale(self.font_scale)
        if self.network_view is not None:
            self.network_view.set_font_scale(self.font_scale)
        if self.graph_view is not None:
            self.graph_view.set_font_scale(self.font_scale)
        training = getattr(self, "training", None)
        if training is not None:
            training.set_font_scale(self.font_scale)
        if self.step_log is not None:
            font = self.step_log.font()
            font.setPointSizeF(11 * self.font_scale)
            self.step_log.setFont(font)
            self.step_log.verticalHeader().setDefaultSectionSize(int(28 * self.font_scale))
            self.step_log.scale_columns(self.font_scale)

    def fit_view(self) -> None:
        view = self.tabs.currentWidget()
        if hasattr(view, "fit"):
            view.fit()

    def toggle_weight_labels(self, checked: bool) -> None:
        self._labels_chosen = True
        if self.network_view is not None:
            self.network_view.set_weight_labels_visible(checked)

    def toggle_high_contrast(self, checked: bool) -> None:
        apply_theme(checked)

    def switch_language(self, language: str) -> None:
        """Remember the choice; the interface is rebuilt in that language at the next start."""
        QSettings().setValue("language", language)
        if language != self.language:
            QMessageBox.information(self, self.tr("Language"),
                                    self.tr("The new language is used the next time Backprop Studio starts."))

    def show_first_lesson(self) -> None:
        FirstLessonDialog(self).exec()

    def welcome_newcomer(self) -> None:
        """On the very first start, open the first-lesson walkthrough beside the window (not modal)."""
        settings = QSettings()
        if self.unattended or settings.value("welcomed", False, type=bool):
            return
        settings.setValue("welcomed", True)
        dialog = FirstLessonDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def toggle_full_screen(self, checked: bool) -> None:
        self.showFullScreen() if checked else self.showNormal()

    # ================================================================== status and sync
    def _on_lesson_rebuilt(self) -> None:
        self._sync_controls()

    def _sync_controls(self) -> None:
        lesson = self.lesson
        is_network = isinstance(lesson, NetworkLesson)
        granularity = lesson.granularity if lesson is not None else "neuron"
        for widget in (self.granularity_box, self.sample_box):
            widget.blockSignals(True)
        self.granularity_box.setCurrentIndex(0 if granularity == "neuron" else 1)
        self.granularity_box.setEnabled(is_network)
        (self.neuron_action if granularity == "neuron" else self.operation_action).setChecked(True)
        if is_network:
            self.sample_box.setMaximum(len(lesson.data))
            self.sample_box.setValue(lesson.sample + 1)
            self.sample_box.setSuffix(self.tr(" of %1").replace("%1", str(len(lesson.data))))
            self.loss_actions[lesson.network.loss].setChecked(True)
        self.sample_box.setEnabled(is_network and len(lesson.data) > 1)
        for widget in (self.granularity_box, self.sample_box):
            widget.blockSignals(False)
        for action in (self.add_layer_action, self.remove_layer_action, self.randomize_action,
                       self.reset_file_action, self.decay_action, self.learning_rate_action):
            action.setEnabled(is_network)
        if is_network:
            self.remove_layer_action.setEnabled(lesson.network.depth > 1)  # a hidden layer to remove
        self.edit_expression_action.setEnabled(isinstance(lesson, ExpressionLesson))

    def _on_step_changed(self) -> None:
        stepper = self.lesson.stepper
        self.phase_label.setText(phase_name(stepper.phase))
        self.position_label.setText(self.tr("Step %1 / %2").replace("%1", str(stepper.position))
                                    .replace("%2", str(len(stepper))))
        output = self.lesson.graph.output
        value = "—" if output is None or output.value is None else fmt(float(output.value))
        self.loss_label.setText(f"{output.sym.text if output is not None else 'L'} = {value}")

    # ================================================================== help
    def show_shortcuts(self) -> None:
        rows = [(self.tr("Step forward"), "→ / Space / PageDown"), (self.tr("Step back"), "← / PageUp"),
                (self.tr("Reset"), "Home"), (self.tr("Run to end"), "End"),
                (self.tr("Run to end of phase"), "Ctrl+→"), (self.tr("Play / pause"), "P"),
                (self.tr("Neuron / operation steps"), "N / O"), (self.tr("Larger / smaller / normal"),
                                                                 "Ctrl+= / Ctrl+- / Ctrl+0"),
                (self.tr("Fit diagram"), "F"), (self.tr("Show weight values"), "W"),
                (self.tr("Full screen"), "F11"), (self.tr("High-contrast theme (projector)"), "Ctrl+Shift+H"),
                (self.tr("Train"), "Ctrl+T"), (self.tr("Gradient check"), "Ctrl+G"),
                (self.tr("Example gallery"), "Ctrl+Shift+O"), (self.tr("Undo / redo"), "Ctrl+Z / Ctrl+Shift+Z")]
        table = "".join(f"<tr><td style='padding-right:24px'>{a}</td><td><b>{b}</b></td></tr>" for a, b in rows)
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), f"<table>{table}</table>")

    def show_about(self) -> None:
        from engine import __version__

        QMessageBox.about(self, self.tr("About Backprop Studio"),
                          self.tr("<h3>Backprop Studio %1</h3><p>Step through forward propagation, "
                                  "backpropagation and computational graphs, one node at a time.</p>")
                          .replace("%1", __version__))

    # ================================================================== settings and closing
    def _default_dock_sizes(self) -> None:
        """The diagram gets most of the room; the inspector is wide enough for a whole formula."""
        self.resizeDocks([self.inspector_dock], [480], Qt.Orientation.Horizontal)
        self.resizeDocks([self.log_dock], [220], Qt.Orientation.Vertical)

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        state = settings.value("windowState")
        if state is not None:
            self.restoreState(state)
        try:
            self.font_scale = max(0.5, min(4.0, float(settings.value("fontScale", 1.0))))
        except (TypeError, ValueError):
            self.font_scale = 1.0  # a damaged setting must not stop the app from starting
        self.weight_labels_action.setChecked(settings.value("weightLabels", True, type=bool))
        if settings.value("highContrast", False, type=bool):
            self.high_contrast_action.setChecked(True)
            apply_theme(True)

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.stop_play()
        settings = QSettings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("windowState", self.saveState())
        settings.setValue("weightLabels", self.weight_labels_action.isChecked())
        settings.setValue("highContrast", self.high_contrast_action.isChecked())
        self.autosaver.discard()
        event.accept()

    # ================================================================== drag and drop
    def dragEnterEvent(self, event) -> None:
        if any(url.isLocalFile() and url.toLocalFile().endswith(".json") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files and self.maybe_save():
            self.open_path(files[0])
        event.acceptProposedAction()

    # ================================================================== smoke run
    def smoke(self, screenshot: str | None) -> int:
        """Let the window render fully, save it if asked, and report success."""
        from PySide6.QtWidgets import QApplication

        self.showNormal()
        self.resize(1400, 860)  # the same frame every time, whatever size was saved last
        self._default_dock_sizes()
        for _ in range(5):
            QApplication.processEvents()
        if self.network_view is not None:
            self.network_view.fit()
        self.lesson.stepper.goto(self.lesson.stepper.phase_bounds("backward")[0] + 3)
        QApplication.processEvents()
        if screenshot and not self.grab().save(screenshot):
            return 1
        return 0
