"""The main window: the diagram in the middle, the inspector and the step log in docks.

MainWindow builds the window and installs lessons; mixins, one concept each, hold the rest: files.py
(open, save, recent files, examples), layout.py (zoom, text size, dock sizes, screen fit, saved settings),
stepping.py (step, play and the step controls), editing.py (the lesson edits, each an undo command),
presenting.py (presentation mode) and notes.py (teacher's notes on steps).
"""

from __future__ import annotations

import html
import logging
import sys
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
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
from engine.compile import GRANULARITIES, too_large
from engine.errors import StudioError
from engine.lesson import Lesson, NetworkLesson, lesson_for
from engine.network import Network

from ..busy import busy
from ..diagram.view import NetworkView
from ..graph.view import GraphView
from ..lesson.exercise import attach as attach_exercise
from ..lesson.inspector import Inspector
from ..lesson.step_log import StepLog
from ..messages import engine_message
from ..paths import LECTURE
from ..training.dock import TrainingAttachment
from .actions import ACTIONS, MENU_PLACES, MENUS, build_action, connect_action, shortcut_rows
from .autosave import Autosaver, offer_recovery
from .editing import EditingMixin
from .exercising import ExerciseMixin
from .exports import Exporter
from .files import FileMixin
from .hand_check import HandCheckMixin
from .help import FirstLessonDialog
from .layout import DEFAULT_SIZE, WindowLayoutMixin
from .notes import NotesMixin
from .presenting import PresentingMixin
from .stepping import SteppingMixin

STEP_TOOLBAR = ("actionReset", "actionStepBack", "actionStepForward", "actionRunToEndOfPhase", "actionRunToEnd",
                "actionPlay", "actionExercise", "actionPresentationMode")
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


class MainWindow(FileMixin, PresentingMixin, WindowLayoutMixin, SteppingMixin, EditingMixin, HandCheckMixin,
                 ExerciseMixin, NotesMixin, QMainWindow):
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
        self._create_exercise_dock()
        self.training = TrainingAttachment(self, self.actions_by_name)
        self._create_menus()
        self._create_toolbars()
        self._create_status_bar()
        self._create_presenter()
        self._restore_settings()
        self.autosaver = Autosaver(self)
        self.setAcceptDrops(True)
        self._apply_font_scale()
        self.lesson_changed.connect(self._fit_docks_to_lesson)

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
        self.exercise_action = named("actionExercise")
        self.loss_actions = {row.args[0]: named(row.name) for row in ACTIONS if row.group == "loss"}
        self.notation_actions = {row.args[0]: named(row.name) for row in ACTIONS if row.group == "notation"}
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
        self.network_tools = [bar.addWidget(QLabel(" " + self.tr("Granularity") + " "))]  # hidden for expressions
        self.granularity_box = QComboBox(bar)
        self.granularity_box.setObjectName("granularityBox")
        self.granularity_box.addItem(self.tr("Neuron"), "neuron")
        self.granularity_box.addItem(self.tr("Operation"), "operation")
        self.granularity_box.addItem(self.tr("Layer (matrices)"), "layer")
        self.granularity_box.currentIndexChanged.connect(
            lambda i: self.set_granularity(self.granularity_box.itemData(i)))
        self.network_tools.append(bar.addWidget(self.granularity_box))
        self.network_tools.append(bar.addWidget(QLabel(" " + self.tr("Sample") + " ")))
        self.sample_box = QSpinBox(bar)
        self.sample_box.setObjectName("sampleBox")
        self.sample_box.setMinimum(1)
        self.sample_box.valueChanged.connect(self._on_sample_changed)
        self.network_tools.append(bar.addWidget(self.sample_box))
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
            with busy():
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
        # compiles: a refused program or a missing value stops here; a large network opens at layer steps
        lesson = lesson_for(doc)
        view = doc.extra.get("view")
        if isinstance(view, dict) and isinstance(lesson, NetworkLesson):
            granularity, sample, step = view.get("granularity"), view.get("sample", 0), view.get("step", 0)
            if granularity in GRANULARITIES and not too_large(lesson.network, granularity):
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
        attach_exercise(lesson)  # before the views: it follows the lesson's steps first, they draw by its rule
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

    def _lesson_views(self) -> list:
        """The views that follow the open lesson (a lesson without a network has no diagram)."""
        return [w for w in (self.inspector, self.step_log, self.network_view, self.graph_view) if w is not None]

    def _install_lesson(self, lesson: Lesson, views: _Views | None = None) -> None:
        views = views if views is not None else self._build_views(lesson)
        for widget in self._lesson_views():
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
            self.network_view.set_edge_widths_by_gradient(self.actions_by_name["actionEdgeWidthGradient"].isChecked())
            self.tabs.addTab(self.network_view, self.tr("Network diagram"))
        self.graph_view.node_clicked.connect(self._on_node_clicked)
        self.graph_view.value_edited.connect(self._on_variable_edited)
        self.tabs.addTab(self.graph_view, self.tr("Computational graph"))
        if self.network_view is not None:
            self.network_view.neuron_clicked.connect(self.graph_view.highlight_neuron)
            self.graph_view.neuron_selected.connect(self.network_view.select_neuron)
            self.graph_view.parts_selected.connect(self.network_view.select_parts)
            self.network_view.neuron_clicked.connect(self.inspector.show_entry)
        self.inspector_dock.setWidget(self.inspector)
        self.log_dock.setWidget(self.step_log)
        self._connect_notes()
        lesson.stepped.connect(self._on_step_changed)
        lesson.rebuilt.connect(self._on_lesson_rebuilt)
        self._install_exercise(lesson.exercise)
        self._apply_font_scale()
        self._on_lesson_rebuilt()
        self._on_step_changed()
        if self.network_view is not None:
            QTimer.singleShot(0, self.network_view.fit)
        self.lesson_changed.emit()

    # ================================================================== view
    def toggle_gradient_widths(self, checked: bool) -> None:
        """Gradient health: edge widths by |∂J/∂w| and ‖δ‖ per layer (gui/diagram/gradient_health.py)."""
        if self.network_view is not None:
            self.network_view.set_edge_widths_by_gradient(checked)

    def switch_language(self, language: str) -> None:
        """Remember the choice; the interface is rebuilt in that language at the next start."""
        QSettings().setValue("language", language)
        if language != self.language:
            QMessageBox.information(self, self.tr("Language"),
                                    self.tr("The new language is used the next time Backprop Studio starts."))

    def show_first_lesson(self) -> None:
        """Help ▸ Your first lesson: the walkthrough beside the diagram; → keeps stepping the lesson."""
        dialog = self.findChild(FirstLessonDialog)
        if dialog is None:
            dialog = FirstLessonDialog(self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show_beside()

    def welcome_newcomer(self) -> None:
        """On the very first start, open the first-lesson walkthrough beside the window (not modal)."""
        settings = QSettings()
        if self.unattended or settings.value("welcomed", False, type=bool):
            return
        settings.setValue("welcomed", True)
        self.show_first_lesson()

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
        for widget in self._lesson_views():  # let go of the lesson now, while every scene item is alive: a
            widget.detach()  # view freed later by Python's collector would free them after Qt (a crash)
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
