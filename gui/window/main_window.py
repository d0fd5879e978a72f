"""The main window: the diagram in the middle, the inspector and the step log in docks."""

from __future__ import annotations

import html
import logging
import sys
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from engine import document as documents
from engine import edits
from engine.compile import too_large
from engine.errors import StudioError
from engine.formula import fmt
from engine.lesson import ExpressionLesson, Lesson, NetworkLesson, lesson_for
from engine.network import Network

from ..diagram.view import NetworkView
from ..graph.view import GraphView
from ..lesson.explain import phase_name
from ..lesson.expression_editor import ExpressionEditor, GradcheckDialog, run_gradcheck
from ..lesson.inspector import Inspector, update_text
from ..lesson.step_log import StepLog
from ..messages import engine_message
from ..paths import LECTURE
from ..presentation import apply_theme
from ..training.dock import TrainingAttachment
from ..training.spin_boxes import ask_setting
from .actions import ACTIONS, MENU_PLACES, MENUS, build_action, connect_action, shortcut_rows
from .autosave import Autosaver, offer_recovery
from .commands import (
    ApplyUpdateCommand,
    ReplaceNetworkCommand,
    SetExpressionCommand,
    SetSettingsCommand,
    SetValueCommand,
    value_command,
)
from .exports import Exporter
from .gallery import GalleryDialog, example_lessons
from .help import FirstLessonDialog
from .save_files import remove_save_leftovers

MAX_RECENT = 8
DEFAULT_SIZE = (1400, 860)  # the first window, when the screen has room for it
STEP_TOOLBAR = ("actionReset", "actionStepBack", "actionStepForward", "actionRunToEndOfPhase", "actionRunToEnd",
                "actionPlay")
NETWORK_ACTIONS = ("actionAddLayer", "actionRemoveLayer", "actionRandomize", "actionResetToFile",
                   "actionWeightDecay", "actionLearningRate")  # enabled for a network lesson only
AUTO_WEIGHT_LABELS = 64


class _Views(NamedTuple):
    network_view: NetworkView | None
    graph_view: GraphView
    inspector: Inspector
    step_log: StepLog


class _Prepared(NamedTuple):
    """A document made ready to show, before the window switches to it."""

    lesson: Lesson
    pristine: Network | None
    views: _Views


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
        self._placed = False  # the first show checks that the window fits the screen
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
        self.training = TrainingAttachment(self, self.actions_by_name)
        self._create_menus()
        self._create_toolbars()
        self._create_status_bar()
        self._restore_settings()
        self.autosaver = Autosaver(self)
        self.setAcceptDrops(True)
        self._apply_font_scale()
        if QSettings().value("windowState") is None:
            self._default_dock_sizes()

    # ================================================================== construction
    def _dock(self, name: str, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        self.addDockWidget(area, dock)
        return dock

    def _create_actions(self) -> None:
        """Every action of the window, training included, from the one table (gui/actions.py)."""
        self.actions_by_name: dict[str, QAction] = {}
        groups: dict[str, QActionGroup] = {}
        for row in ACTIONS:
            made = None
            if row.owner == "undoStack":  # the stack keeps its text ("Undo Edit weight") and state current
                create = self.undo_stack.createUndoAction if row.slot == "undo" else self.undo_stack.createRedoAction
                made = create(self, row.label())
            action = build_action(row, self, made)
            if row.owner == "window":
                connect_action(row, action, self)
            if row.group:
                groups.setdefault(row.group, QActionGroup(self)).addAction(action)
            self.addAction(action)  # shortcuts work even when menus and toolbars are hidden
            self.actions_by_name[row.name] = action
        named = self.actions_by_name.get
        self.step_forward_action, self.step_back_action = named("actionStepForward"), named("actionStepBack")
        self.play_action, self.full_screen_action = named("actionPlay"), named("actionFullScreen")
        self.weight_labels_action, self.high_contrast_action = named("actionWeightLabels"), named("actionHighContrast")
        self.neuron_action = named("actionNeuronGranularity")
        self.operation_action = named("actionOperationGranularity")
        self.loss_actions = {row.args[0]: named(row.name) for row in ACTIONS if row.group == "loss"}
        self.language_actions = {row.args[0]: named(row.name) for row in ACTIONS if row.group == "language"}
        for code, action in self.language_actions.items():
            action.setChecked(code == self.language)

    def _create_menus(self) -> None:
        """The menus from the action table: each row in its menu, in table order."""
        self.exporter = Exporter(self)
        self.examples_menu = QMenu(self.tr("&Examples"), self)
        self.examples_menu.setObjectName("examplesMenu")
        self.examples_menu.aboutToShow.connect(self._fill_examples_menu)  # read the files when asked, not at start
        self.recent_menu = QMenu(self.tr("Open &recent"), self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        placed = {menu.objectName(): menu for menu in (self.examples_menu, self.recent_menu, self.exporter.menu)}
        menus: dict[str, QMenu] = {}
        for path, name, context, title in MENUS:
            text = QCoreApplication.translate(context, title)
            menu = QMenu(text, self) if "/" in path else self.menuBar().addMenu(text)  # a submenu: placed below
            menu.setObjectName(name)
            menus[path] = menu
        submenus_placed: set[str] = set()
        for row in ACTIONS:
            path = row.menu
            top = path.split("/")[0]
            for menu_name, before in MENU_PLACES.items():
                if before == row.name:
                    menus[top].addMenu(placed[menu_name])
            if row.separator:
                menus[top].addSeparator()
            if "/" in path and path not in submenus_placed:
                menus[top].addMenu(menus[path])
                submenus_placed.add(path)
            menus[path].addAction(self.actions_by_name[row.name])
        for top, docks in (("view", (self.inspector_dock, self.log_dock)),
                           ("train", (self.training.panel_dock, self.training.plots_dock))):
            menus[top].addSeparator()
            menus[top].addActions([dock.toggleViewAction() for dock in docks])
        self.file_menu, self.edit_menu, self.step_menu = menus["file"], menus["edit"], menus["step"]
        self.view_menu, self.help_menu = menus["view"], menus["help"]

    def _create_toolbars(self) -> None:
        bar = QToolBar(self.tr("Steps"), self)
        bar.setObjectName("stepToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions([self.actions_by_name[name] for name in STEP_TOOLBAR])
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
        """Open the file asked for (or the lecture), then offer the work of every window that crashed."""
        if not (path and self.open_path(path)):
            self.open_path(LECTURE, remember=False, as_template=True)  # Save must never overwrite the example
        if recover and not self.unattended:
            offer_recovery(self)

    def open_path(self, path, remember: bool = True, as_template: bool = False) -> bool:
        """Open a lesson, all or nothing.

        The file is read, validated, compiled into a lesson and given its views before anything
        of the window changes; any failure shows one short message and leaves the open lesson,
        its file name, title, undo history and modified flag exactly as they were.
        """
        try:
            doc = documents.load(path)
            prepared = self._prepare(doc)
        except Exception as exc:  # nothing has changed yet: say so, whatever went wrong
            self.warn(self.tr("Cannot open lesson"),
                      self.tr("%1 could not be opened:\n%2").replace("%1", documents.shown_name(Path(path)))
                      .replace("%2", self._failure(exc)))
            return False
        self._commit(doc, None if as_template else Path(path), prepared)
        if remember and not as_template:
            self._remember_recent(Path(path))
        return True

    def set_document(self, doc: documents.Document, path: Path | None) -> None:
        """Show ``doc`` (already validated). Raises StudioError, changing nothing, if it cannot be shown."""
        self._commit(doc, path, self._prepare(doc))

    def _failure(self, exc: BaseException) -> str:
        """One short line for why a lesson could not be opened."""
        if isinstance(exc, StudioError):
            return engine_message(exc)
        if isinstance(exc, MemoryError):
            return self.tr("There is not enough memory to open this lesson.")
        if isinstance(exc, RecursionError):
            return self.tr("The lesson is nested too deeply to open.")
        logging.getLogger(__name__).exception("unexpected error while opening a lesson")
        return self.tr("An unexpected problem stopped the lesson from opening (%1).").replace(
            "%1", type(exc).__name__)

    def _prepare(self, doc: documents.Document) -> _Prepared:
        """Everything a document needs on screen, built aside: the lesson at its saved view state
        and its views. Raises (StudioError for a refused program or value) and changes nothing."""
        lesson = lesson_for(doc)  # compiles: a refused program or a missing value stops here
        view = doc.extra.get("view")
        if isinstance(view, dict) and isinstance(lesson, NetworkLesson):
            granularity, sample, step = view.get("granularity"), view.get("sample", 0), view.get("step", 0)
            if granularity in ("neuron", "operation") and not too_large(lesson.network, granularity):
                lesson.granularity = granularity
            if isinstance(sample, int) and not isinstance(sample, bool) and 0 <= sample < len(lesson.data):
                lesson.sample = sample
            ok = isinstance(step, int) and not isinstance(step, bool) and step >= 0
            lesson.rebuild(position=step if ok else 0)
        pristine = doc.network.copy() if doc.network is not None else None
        return _Prepared(lesson, pristine, self._build_views(lesson))

    def _commit(self, doc: documents.Document, path: Path | None, prepared: _Prepared) -> None:
        self.stop_play()
        self.document = doc
        self.path = path
        self.pristine = prepared.pristine
        self._install_lesson(prepared.lesson, prepared.views)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._update_title()

    def _build_views(self, lesson: Lesson) -> _Views:
        """The views of ``lesson``, not yet shown. If one cannot be built, none is kept."""
        built: list[QWidget] = []
        try:
            network_view = None
            if isinstance(lesson, NetworkLesson):
                network_view = NetworkView(lesson)  # no parent until installed: nothing shows early
                built.append(network_view)
            graph_view = GraphView(lesson)
            built.append(graph_view)
            inspector = Inspector(lesson)
            built.append(inspector)
            step_log = StepLog(lesson)
            built.append(step_log)
        except BaseException:
            for widget in built:
                widget.detach()
                widget.deleteLater()
            raise
        return _Views(network_view, graph_view, inspector, step_log)

    def _install_lesson(self, lesson: Lesson, views: _Views | None = None) -> None:
        views = views if views is not None else self._build_views(lesson)
        for widget in (self.inspector, self.step_log, self.network_view, self.graph_view):
            if widget is not None:
                widget.detach()
                widget.deleteLater()  # tabs.clear() and setWidget() keep the old views alive otherwise
        if self.lesson is not None:
            self.lesson.stepped.disconnect(self._on_step_changed)
            self.lesson.rebuilt.disconnect(self._on_lesson_rebuilt)
        self.lesson = lesson
        self.tabs.clear()
        self.network_view, self.graph_view = views.network_view, views.graph_view
        self.inspector, self.step_log = views.inspector, views.step_log
        if self.network_view is not None:
            self.network_view.value_edited.connect(self._on_value_edited)
            self.network_view.structure_edit_requested.connect(self._on_structure_edit_requested)
            self.network_view.node_clicked.connect(self._on_node_clicked)
            # Weight values crowd a big network: shown by default up to AUTO_WEIGHT_LABELS weights.
            self.network_view.set_weight_labels_visible(self.weight_labels_action.isChecked() and (
                self._labels_chosen or lesson.network.parameter_count() <= AUTO_WEIGHT_LABELS))
            self.tabs.addTab(self.network_view, self.tr("Network diagram"))
        self.graph_view.node_clicked.connect(self._on_node_clicked)
        self.graph_view.value_edited.connect(self._on_variable_edited)
        self.tabs.addTab(self.graph_view, self.tr("Computational graph"))
        if self.network_view is not None:
            self.network_view.neuron_clicked.connect(self.graph_view.highlight_neuron)
            self.graph_view.neuron_selected.connect(self.network_view.select_neuron)
        self.inspector_dock.setWidget(self.inspector)
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
        command = ApplyUpdateCommand(self.lesson, self.tr("Apply gradient descent update"))
        self.undo_stack.push(command)
        message = self.tr("Update applied: %1; a new pass starts with the new weights (← goes back).")
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
        if self.lesson is None or granularity not in ("neuron", "operation"):
            return
        self._sync_controls()  # the choice shown follows the lesson, also when the switch is refused
        if isinstance(self.lesson, NetworkLesson) and granularity != self.lesson.granularity:
            try:
                self.lesson.set_granularity(granularity)
            except StudioError as exc:  # too large: the lesson stays as it was
                self.warn(self.tr("Operation steps"), engine_message(exc))
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

    def _write(self, path: Path) -> bool:
        from PySide6.QtCore import QSaveFile

        remove_save_leftovers(path)  # what an interrupted earlier save of this file left beside it
        try:  # everything that can fail before the file is touched
            content = self.current_document().to_json().encode("utf-8")
        except StudioError as exc:
            self.warn(self.tr("Cannot save"), engine_message(exc))
            return False
        except UnicodeEncodeError:
            self.warn(self.tr("Cannot save"), self.tr("The lesson holds text that is not valid Unicode."))
            return False
        file = QSaveFile(str(path))
        if not file.open(QSaveFile.OpenModeFlag.WriteOnly):
            self.warn(self.tr("Cannot save"), file.errorString())
            return False
        file.write(QByteArray(content))
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
        for name in NETWORK_ACTIONS:
            self.actions_by_name[name].setEnabled(is_network)
        if is_network:  # a hidden layer to remove
            self.actions_by_name["actionRemoveLayer"].setEnabled(lesson.network.depth > 1)
        self.actions_by_name["actionEditExpression"].setEnabled(isinstance(lesson, ExpressionLesson))

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
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), self.shortcuts_html())

    def shortcuts_html(self) -> str:
        """The keyboard-shortcut sheet: every action of the table that has keys, as its menu shows them."""
        rows = shortcut_rows(self.actions_by_name)
        table = "".join(f"<tr><td style='padding-right:24px'>{html.escape(what)}</td>"
                        f"<td><b>{html.escape(keys)}</b></td></tr>" for what, keys in rows)
        return f"<table>{table}</table>"

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

    def _available(self):
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def _fits_screen(self) -> bool:
        return self._available().contains(self.frameGeometry())

    def _default_geometry(self) -> None:
        """1400×860 where there is room, never larger than the screen (1366×768 laptops, 720p projectors)."""
        available = self._available()
        self.setWindowState(Qt.WindowState.WindowNoState)
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders
        width = min(DEFAULT_SIZE[0], available.width() - frame.width())
        height = min(DEFAULT_SIZE[1], available.height() - frame.height())
        self.resize(width, height)
        self.move(available.x() + (available.width() - width - frame.width()) // 2,
                  available.y() + (available.height() - height - frame.height()) // 2)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._placed:  # the title bar and borders are known once shown: fit them too
            self._placed = True
            if not self.isFullScreen() and not self.isMaximized() and not self._fits_screen():
                self._default_geometry()

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("geometry")
        if geometry is None or not self.restoreGeometry(geometry) or not self._fits_screen():
            self._default_geometry()  # first start, or saved on a larger screen than this one
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
        self.resize(*DEFAULT_SIZE)  # the same frame every time, whatever size was saved last
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
