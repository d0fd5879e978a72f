"""The training panel: data, optimisation settings, and the controls of a training run.

The panel takes a lesson and the undo stack. Training runs on a ``TrainingRun`` (a worker
on its own QThread) with copies of the network and data; the panel applies parameter
snapshots to the live network (at most four a second, so the diagram follows) and, when
the run ends, pushes ONE ``ReplaceNetworkCommand`` from the weights before the run to the
weights reached. Undo therefore restores the weights from before the run exactly.

The settings boxes show the lesson's training settings (``document.training`` and the network's
λ) and follow its ``settings_changed`` event; editing a box pushes one ``SetSettingsCommand``
that changes the lesson, and Train reads the lesson, never the boxes. So a setting changed
elsewhere (the Edit menu, undo) is what the panel shows and what the next run uses.

Choosing a dataset is one undo command too: it swaps the lesson's data and, when the
input or output sizes or the task need it, adapts the input and output layers (and the
output activation and loss) through a ``ReplaceNetworkCommand``. The choice is recorded in
``document.extra["dataset"]`` (an imported CSV file as ``{"name": "csv", "file", "targets",
"classification"}``), so the picker shows it again when the lesson is reopened.

The loss history goes on across runs: a run that starts from the weights, data and split
the last run ended with continues its iterations and its curve. Anything else that changes
the network (an edit, reset weights, undo or redo), the data or the split clears the history
(``history_cleared``), and the next run starts again at iteration 0.
"""

from __future__ import annotations

import copy
import csv
import math
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEventLoop, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPen, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine import edits
from engine.config import OPTIMIZERS, TrainingConfig
from engine.datasets import DATASETS
from engine.document import Data
from engine.errors import StudioError
from engine.lesson import Lesson, NetworkLesson
from engine.network import Network

from ..labels import optimizer_label
from ..messages import engine_message
from ..window.actions import ACTIONS, build_action, connect_action
from ..window.commands import ReplaceNetworkCommand, SetSettingsCommand, UseDataCommand
from .boundary_view import CLASS_COLOURS, class_labels
from .spin_boxes import ExactSpinBox, WholeSpinBox, apply_range, guard_wheel
from .worker import (
    SNAPSHOT_SECONDS,
    CsvImport,
    CsvImportWorker,
    ImportResult,
    RunResult,
    TrainingRun,
    TrainingWorker,
)

MAX_PLOT_POINTS = 5000  # above this many iterations, report every k-th so the plot stays light
THUMBNAIL = 56
THUMBNAIL_POINTS = 2000  # at most this many samples drawn in a dataset's thumbnail
SNAPSHOT_DUTY = 20  # a snapshot that takes t seconds to apply waits at least 20·t for the next
LESSON_DATA = "lesson"
ERROR_STYLE = "color: #B00020; font-weight: bold;"
GOOD_STYLE = "color: #006B3C;"


# ===================================================================== helpers


@dataclass
class DataChoice:
    """What the picker can put into the lesson."""

    key: str  # a DATASETS name, "lesson" or "csv:<n>"
    label: str
    data: Data
    task: str  # "classification" or "regression"
    record: dict | None = None  # what document.extra["dataset"] holds for it (None: nothing)


def task_of(data: Data) -> str:
    """A guess for data without a registry entry: 0/1 targets or one-hot rows are classes."""
    y = data.targets
    if y.shape[1] == 1:
        return "classification" if bool(np.all((y == 0) | (y == 1))) and len(np.unique(y)) == 2 else "regression"
    one_hot = bool(np.all((y == 0) | (y == 1))) and bool(np.all(y.sum(axis=1) == 1))
    return "classification" if one_hot else "regression"


def adapt_network(network: Network, n_in: int, n_out: int, task: str, targets: np.ndarray,
                  seed: int) -> tuple[Network | None, list[tuple[str, str, str]]]:
    """The network made to fit the data, and what changed as (what, before, after); None if nothing must."""
    out = network.activation(network.depth)
    loss = network.loss
    new_out, new_loss = out, loss
    if task == "classification" and n_out >= 2:
        new_out, new_loss = "softmax", "cross_entropy"
    elif task == "classification":
        new_out = "sigmoid"
        new_loss = loss if loss in ("bce", "half_sse", "mse") else "bce"
    else:
        inside = bool(np.all((targets >= 0) & (targets <= 1)))
        if out in ("softmax",) or (out == "sigmoid" and not inside) or loss in ("bce", "cross_entropy"):
            new_out = "linear" if out in ("softmax", "sigmoid") else out
            new_loss = "mse" if loss == "mse" else "half_sse"
    changes: list[tuple[str, str, str]] = []
    sizes = network.sizes
    if sizes[0] != n_in:
        changes.append(("input", str(sizes[0]), str(n_in)))
    if sizes[-1] != n_out:
        changes.append(("output", str(sizes[-1]), str(n_out)))
    if new_out != out:
        changes.append(("activation", out, new_out))
    if new_loss != loss:
        changes.append(("loss", loss, new_loss))
    if not changes:
        return None, []
    raw = network.to_dict()
    layers = raw["layers"]
    if sizes[0] != n_in:
        layers[0]["size"] = n_in
        layers[1].pop("weights")  # fresh seeded weights into the first layer after the inputs
    last = layers[-1]
    if sizes[-1] != n_out:
        last["size"] = n_out
        last.pop("weights", None)
        last.pop("biases")
    last["activation"] = new_out
    raw["loss"] = new_loss
    return Network.from_dict(raw, seed=seed), changes


def thumbnail(data: Data, size: int = THUMBNAIL) -> QPixmap:
    """A small scatter of the data: class colours for classes, a dark trace for regression."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#808080"), 1))
    painter.drawRect(0, 0, size - 1, size - 1)
    if len(data) > THUMBNAIL_POINTS:  # evenly spaced samples: a 56-pixel picture shows no more
        keep = np.linspace(0, len(data) - 1, THUMBNAIL_POINTS).astype(int)
        data = Data(data.inputs[keep], data.targets[keep])
    if data.inputs.shape[1] >= 2:
        xy = data.inputs[:, :2]
        colours = CLASS_COLOURS[class_labels(data.targets) % len(CLASS_COLOURS)]
    else:
        xy = np.column_stack([data.inputs[:, 0], data.targets[:, 0]])
        colours = np.tile(np.array([[0.0, 0.0, 0.0]]), (len(xy), 1))
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = np.where(high > low, high - low, 1.0)
    margin = 5
    points = margin + (xy - low) / span * (size - 2 * margin)
    dot = 2.2 if len(xy) > 60 else 4.0
    painter.setPen(Qt.PenStyle.NoPen)
    for (x, y), colour in zip(points, colours, strict=True):
        painter.setBrush(QColor(int(colour[0]), int(colour[1]), int(colour[2])))
        painter.drawEllipse(QPointF(x, size - y), dot, dot)
    painter.end()
    return pixmap


def csv_header(path: str | Path) -> list[str]:
    """The column names in the first non-blank line (the delimiter guessed as the engine does)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for line in handle:
            if line.strip():
                delimiter = max((",", ";", "\t"), key=line.count)
                return [name.strip() for name in next(csv.reader([line], delimiter=delimiter))]
    return []


def format_duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class CsvTargetsDialog(QDialog):
    """Tick the target columns of a CSV file; every other column is an input."""

    def __init__(self, header: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("csvTargetsDialog")
        self.setWindowTitle(self.tr("Import CSV"))
        self.columns = QListWidget(self)
        self.columns.setObjectName("csvColumns")
        for k, name in enumerate(header):
            item = QListWidgetItem(name, self.columns)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if k == len(header) - 1 else Qt.CheckState.Unchecked)
        self.classification = QCheckBox(self.tr("The target is a class label (classification)"), self)
        self.classification.setObjectName("csvClassification")
        self.classification.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Tick the target columns (the true labels). Every other column is an "
                                        "input."), self))
        layout.addWidget(self.columns)
        layout.addWidget(self.classification)
        layout.addWidget(buttons)

    def targets(self) -> list[str]:
        return [self.columns.item(k).text() for k in range(self.columns.count())
                if self.columns.item(k).checkState() == Qt.CheckState.Checked]


def _number(value, default, kind):
    """``value`` as an int or float when it is a finite number small enough for a spin box, else ``default``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or abs(value) > 2**31 - 1:
        return kind(default)
    return kind(value)


class StatusLabel(QLabel):
    """A label that takes no room while it has nothing to say: hidden whenever its text is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.hide()


# ===================================================================== the panel


class TrainingPanel(QWidget):
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

    def _build(self) -> None:
        # ---- data
        data_box = QGroupBox(self.tr("Data"), self)
        self.dataset_box = QComboBox(data_box)
        self.dataset_box.setObjectName("datasetBox")
        self.dataset_box.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.dataset_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.dataset_box.setMinimumContentsLength(12)
        self.dataset_box.activated.connect(self._on_dataset_activated)
        self.import_button = QPushButton(self.tr("Import CSV…"), data_box)
        self.import_button.setObjectName("importCsvButton")
        self.import_button.clicked.connect(self.ask_import_csv)
        self.size_box = QSpinBox(data_box)
        self.size_box.setObjectName("sizeBox")
        self.size_box.setRange(4, 10_000)
        self.noise_box = QDoubleSpinBox(data_box)
        self.noise_box.setObjectName("noiseBox")
        self.noise_box.setRange(0.0, 5.0)
        self.noise_box.setSingleStep(0.05)
        self.noise_box.setDecimals(2)
        # The training settings' limits come from the engine's one table (engine.config.RANGES), and the
        # boxes show a file's value exactly, so the window trains a file as the command line does.
        self.test_box = ExactSpinBox(data_box)
        self.test_box.setObjectName("testFractionBox")
        apply_range(self.test_box, "test_fraction")
        self.test_box.setSingleStep(0.05)
        self.seed_box = WholeSpinBox(data_box)
        self.seed_box.setObjectName("seedBox")
        apply_range(self.seed_box, "seed")
        for box in (self.size_box, self.noise_box, self.seed_box):
            box.valueChanged.connect(self._on_data_setting_changed)
        data_form = QFormLayout(data_box)
        row = QHBoxLayout()
        row.addWidget(self.dataset_box, 1)
        row.addWidget(self.import_button)
        data_form.addRow(row)
        data_form.addRow(self.tr("Samples"), self.size_box)
        data_form.addRow(self.tr("Noise"), self.noise_box)
        data_form.addRow(self.tr("Test fraction"), self.test_box)
        data_form.addRow(self.tr("Seed"), self.seed_box)

        # ---- optimisation
        opt_box = QGroupBox(self.tr("Gradient descent"), self)
        self.lr_box = ExactSpinBox(opt_box)
        self.lr_box.setObjectName("learningRateBox")
        apply_range(self.lr_box, "learning_rate")
        self.lr_box.setSingleStep(0.01)
        self.batch_box = QSpinBox(opt_box)
        self.batch_box.setObjectName("batchSizeBox")
        apply_range(self.batch_box, "batch_size")
        self.batch_box.setSpecialValueText(self.tr("full batch"))
        self.optimizer_box = QComboBox(opt_box)
        self.optimizer_box.setObjectName("optimizerBox")
        for key in OPTIMIZERS:
            self.optimizer_box.addItem(optimizer_label(key), key)
        self.decay_box = ExactSpinBox(opt_box)
        self.decay_box.setObjectName("weightDecayBox")
        apply_range(self.decay_box, "weight_decay")
        self.decay_box.setSingleStep(0.001)
        self.length_box = QSpinBox(opt_box)
        self.length_box.setObjectName("lengthBox")
        self.length_box.setSingleStep(100)
        self.unit_box = QComboBox(opt_box)
        self.unit_box.setObjectName("lengthUnitBox")
        self.unit_box.addItem(self.tr("iterations"), "iterations")
        self.unit_box.addItem(self.tr("epochs"), "epochs")
        self.unit_box.currentIndexChanged.connect(self._range_length)
        self._range_length()
        # Each box edits one setting of the lesson (typing: once, on Enter or when the box loses focus).
        for key, box in (("test_fraction", self.test_box), ("seed", self.seed_box), ("learning_rate", self.lr_box),
                         ("batch_size", self.batch_box), ("weight_decay", self.decay_box)):
            box.setKeyboardTracking(False)
            box.valueChanged.connect(lambda _value, key=key, box=box: self._edit_settings({key: box.value()}))
        self.length_box.setKeyboardTracking(False)
        self.length_box.valueChanged.connect(self._on_length_edited)
        self.unit_box.currentIndexChanged.connect(self._on_length_edited)
        self.optimizer_box.currentIndexChanged.connect(
            lambda _index: self._edit_settings({"optimizer": self.optimizer_box.currentData()}))
        # Scrolling the panel over a box must not edit it: the wheel only edits a focused box.
        guard_wheel(self.dataset_box, self.size_box, self.noise_box, self.test_box, self.seed_box, self.lr_box,
                    self.batch_box, self.optimizer_box, self.decay_box, self.length_box, self.unit_box)
        opt_form = QFormLayout(opt_box)
        opt_form.addRow(self.tr("Learning rate η"), self.lr_box)
        opt_form.addRow(self.tr("Batch size"), self.batch_box)
        opt_form.addRow(self.tr("Optimizer"), self.optimizer_box)
        opt_form.addRow(self.tr("Weight decay λ"), self.decay_box)
        length = QHBoxLayout()
        length.addWidget(self.length_box, 1)
        length.addWidget(self.unit_box)
        opt_form.addRow(self.tr("Length"), length)

        # ---- run controls
        buttons = QGridLayout()
        self.train_button = self._tool_button(self.train_action, "trainButton")
        self.stop_button = self._tool_button(self.stop_action, "stopButton")
        self.pause_button = self._tool_button(self.pause_action, "pauseButton")
        self.step_button = self._tool_button(self.step_action, "stepIterationButton")
        self.reset_button = self._tool_button(self.reset_weights_action, "resetWeightsButton")
        buttons.addWidget(self.train_button, 0, 0)
        buttons.addWidget(self.stop_button, 0, 1)
        buttons.addWidget(self.pause_button, 1, 0)
        buttons.addWidget(self.step_button, 1, 1)
        buttons.addWidget(self.reset_button, 2, 0, 1, 2)
        font = self.train_button.font()
        font.setBold(True)
        self.train_button.setFont(font)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("trainingProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.rate_label = StatusLabel(self)
        self.rate_label.setObjectName("trainingRate")
        self.result_label = StatusLabel(self)
        self.result_label.setObjectName("trainingResult")
        self.result_label.setWordWrap(True)
        self.message_label = StatusLabel(self)
        self.message_label.setObjectName("trainingMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        layout = QVBoxLayout(self)
        # The controls first: Train and its progress stay in view however small the dock is.
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.rate_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.message_label)
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

    def _fill_datasets(self) -> None:
        box = self.dataset_box
        box.clear()
        box.addItem(self.tr("The lesson's own data"), LESSON_DATA)
        names = {"xor": self.tr("XOR"), "and": self.tr("AND"), "or": self.tr("OR"), "circles": self.tr("Circles"),
                 "moons": self.tr("Moons"), "spiral": self.tr("Spiral (3 classes)"),
                 "spiral2": self.tr("Spiral (2 classes)"), "blobs": self.tr("Blobs (3 classes)"),
                 "linear": self.tr("Linear regression"), "sine": self.tr("Sine regression"),
                 "lecture": self.tr("Lecture sample")}
        for key, spec in DATASETS.items():
            icon = self._thumbnails.get(key)
            if icon is None:
                icon = self._thumbnails[key] = QIcon(thumbnail(spec.generate(seed=0)))
            box.addItem(icon, names.get(key, key), key)
            tip = spec.description.get(self.language) or spec.description.get("en", "")
            box.setItemData(box.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        for key, choice in self._csv_sets.items():
            box.addItem(self._thumbnails.get(key, QIcon()), choice.label, key)

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
        self._sync_from_lesson()
        self._set_message("" if self.lesson is not None else
                          self.tr("Training needs a network lesson. Open or create a network first."))
        self._update_controls()

    def _show_no_run(self) -> None:
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.rate_label.clear()
        self.result_label.clear()

    def _sync_from_lesson(self) -> None:
        self._syncing = True
        try:
            spec = self._dataset_record()
            key = self._select_dataset_from_lesson()
            default = DATASETS.get(key, None)
            # The record comes from a file: anything odd falls back to the defaults (the boxes clamp the rest).
            self.size_box.setValue(_number(spec.get("size"), default.default_size if default else 200, int))
            self.noise_box.setValue(_number(spec.get("noise"), default.default_noise if default else 0.1, float))
            self._update_data_settings_enabled()
        finally:
            self._syncing = False
        self._show_settings()
        self._split = self._current_split()

    def _show_settings(self) -> None:
        """Show the lesson's training settings in the boxes (the seed is the training seed, as on the command line)."""
        self._syncing = True
        try:
            config = self.config()
            self.seed_box.setValue(config.seed)
            self.test_box.setValue(config.test_fraction)
            self.lr_box.setValue(config.learning_rate)
            self.batch_box.setValue(config.batch_size)
            self.optimizer_box.setCurrentIndex(max(0, self.optimizer_box.findData(config.optimizer)))
            epochs = config.epochs > 0
            self.unit_box.setCurrentIndex(1 if epochs else 0)
            self.length_box.setValue(config.epochs if epochs else config.iterations)
            self.decay_box.setValue(self.lesson.network.weight_decay if self.lesson is not None else 0.0)
        finally:
            self._syncing = False

    def _edit_settings(self, changes: dict) -> None:
        """A box was edited: one undo command changes the lesson (nothing when it already holds these values)."""
        lesson = self.lesson
        if self._syncing or lesson is None or all(lesson.setting(key) == value for key, value in changes.items()):
            return
        self.undo_stack.push(SetSettingsCommand(lesson, changes, merging=True))

    def _on_length_edited(self) -> None:
        value = int(self.length_box.value())
        if self.unit_box.currentData() == "epochs":
            iterations = self.lesson.setting("iterations") if self.lesson is not None else 0
            self._edit_settings({"epochs": value, "iterations": iterations})
        else:
            self._edit_settings({"epochs": 0, "iterations": value})

    def _current_split(self) -> tuple[float, int]:
        config = self.config()
        return config.test_fraction, config.seed

    def _on_settings_changed(self) -> None:
        self._show_settings()
        split = self._current_split()
        if split != self._split:
            # The curve stays: a run with another split starts a fresh one (``_continues_history``), and a
            # split set back to where it was (a wheel up and down) changes nothing at all.
            self._split = split
            self.split_changed.emit(*split)
        if self.run is not None and not self._abandoned:
            self._abandon(self.tr("The training settings were changed during training, so training stopped. "
                                  "The change is kept."))

    def _dataset_record(self) -> dict:
        record = self.lesson.document.extra.get("dataset") if self.lesson is not None else None
        return record if isinstance(record, dict) else {}

    def _select_dataset_from_lesson(self) -> str:
        """Show the lesson's recorded dataset in the picker (adding an imported CSV file's entry
        when the lesson was saved with one); returns its key."""
        spec = self._dataset_record()
        name = spec.get("name")
        if name in DATASETS:
            key = name
        elif name == "csv" and self.lesson is not None:
            key = self._csv_entry(spec, self.lesson.data)
        else:
            key = LESSON_DATA
        self.dataset_box.setCurrentIndex(max(0, self.dataset_box.findData(key)))
        self._update_data_settings_enabled()
        return key

    def _csv_entry(self, record: dict, data: Data) -> str:
        """The picker's key for an imported CSV file with this record and data, added if missing."""
        for key, choice in self._csv_sets.items():
            if choice.record == record and np.array_equal(choice.data.inputs, data.inputs) \
                    and np.array_equal(choice.data.targets, data.targets):
                return key
        key = f"csv:{len(self._csv_sets) + 1}"
        data = Data(data.inputs.copy(), data.targets.copy())
        label = self.tr("CSV: %1").replace("%1", str(record.get("file") or "?"))
        task = "classification" if record.get("classification") else task_of(data)
        self._csv_sets[key] = DataChoice(key, label, data, task, copy.deepcopy(record))
        self._thumbnails[key] = QIcon(thumbnail(data))
        self.dataset_box.addItem(self._thumbnails[key], label, key)
        return key

    def _update_data_settings_enabled(self) -> None:
        builtin = self.dataset_box.currentData() in DATASETS
        for box in (self.size_box, self.noise_box):
            box.setEnabled(builtin and not self.is_running())

    # ------------------------------------------------------------------ settings
    def config(self) -> TrainingConfig:
        """A copy of the lesson's training settings (what the panel shows and a run uses)."""
        base = self.lesson.document.training if self.lesson is not None else TrainingConfig()
        return TrainingConfig(**base.to_dict())

    def _range_length(self) -> None:
        """The length box's limits for its unit (epochs start at 1: 0 epochs means "count iterations")."""
        if self.unit_box.currentData() == "epochs":
            apply_range(self.length_box, "epochs", low=1)
        else:
            apply_range(self.length_box, "iterations")

    def set_length(self, value: int, unit: str = "iterations") -> None:
        """Train for ``value`` iterations or epochs (one undo command)."""
        if unit == "epochs":
            self._edit_settings({"epochs": value, "iterations": self.lesson.setting("iterations")})
        else:
            self._edit_settings({"epochs": 0, "iterations": value})

    def _on_data_setting_changed(self) -> None:
        if not self._syncing and self.dataset_box.currentData() in DATASETS:
            self.regenerate_timer.start()

    # ------------------------------------------------------------------ data
    def choose_dataset(self, key: str) -> bool:
        """Pick a dataset by key (a DATASETS name, "lesson" or a "csv:" key) as the picker does."""
        index = self.dataset_box.findData(key)
        if index < 0:
            return False
        self.dataset_box.setCurrentIndex(index)
        self._on_dataset_activated(index)
        return True

    def _on_dataset_activated(self, index: int) -> None:
        key = self.dataset_box.itemData(index)
        if key in DATASETS:
            spec = DATASETS[key]
            self._syncing = True
            self.size_box.setValue(spec.default_size)
            self.noise_box.setValue(spec.default_noise)
            self._syncing = False
        self._update_data_settings_enabled()
        self.regenerate()

    def regenerate(self) -> None:
        """Put the chosen dataset, with the size, noise and seed shown, into the lesson."""
        self.regenerate_timer.stop()
        if self.lesson is None or self.is_running():
            return
        key = self.dataset_box.currentData()
        if key in DATASETS:
            spec = DATASETS[key]
            data = spec.generate(seed=self.seed_box.value(), size=self.size_box.value(), noise=self.noise_box.value())
            record = {"name": key, "size": self.size_box.value(), "noise": self.noise_box.value(),
                      "seed": self.seed_box.value()}
            choice = DataChoice(key, self.dataset_box.currentText(), data, spec.task, record)
        elif key in self._csv_sets:
            choice = self._csv_sets[key]
        elif key == LESSON_DATA and self._lesson_data is not None:
            data = self._lesson_data
            # The lesson's own data is what its record (if any) described when it was opened.
            choice = DataChoice(key, self.dataset_box.currentText(), data, task_of(data), self._lesson_record)
        else:
            return
        self.use_data(choice)

    def use_data(self, choice: DataChoice) -> bool:
        """Replace the lesson's data (one undo command), adapting the network if it must change.

        Returns False when the data cannot be used (the network it needs is beyond the limits).
        """
        lesson = self.lesson
        data = choice.data
        if choice.record == lesson.document.extra.get("dataset") and np.array_equal(data.inputs, lesson.data.inputs) \
                and np.array_equal(data.targets, lesson.data.targets):
            return True  # the same data again (a setting stepped and stepped back): nothing to undo or modify
        n_in, n_out = data.inputs.shape[1], data.targets.shape[1]
        try:
            after, changes = adapt_network(lesson.network, n_in, n_out, choice.task, data.targets,
                                           self.config().seed)
        except StudioError as exc:  # the network these data need is beyond the limits
            self._set_message(self.tr("The data was not used; the lesson is unchanged.\n%1")
                              .replace("%1", engine_message(exc)), error=True)
            return False
        net_command = None
        if after is not None:
            net_command = ReplaceNetworkCommand(lesson.network, after, self.tr("Adapt network to data"))
        text = self.tr("Use data: %1").replace("%1", choice.label)
        self._own_push = True  # the picker already shows the choice
        try:
            self.undo_stack.push(UseDataCommand(lesson, data, net_command, text, choice.record,
                                                self._on_data_replaced))
        finally:
            self._own_push = False
        lines = [self._training_on(choice.label, len(data), n_in, n_out)]
        lines += [self._describe_change(*change) for change in changes]
        self._set_message("\n".join(lines))
        self.last_result = None
        self.result_label.clear()
        return True

    def _on_data_replaced(self) -> None:
        """A dataset command was done, undone or redone: other data, so the history ends."""
        self._clear_history()
        if not self._own_push and self.lesson is not None:  # undo or redo: the picker follows
            self._syncing = True
            try:
                self._select_dataset_from_lesson()
            finally:
                self._syncing = False

    def _training_on(self, label: str, samples: int, inputs: int, outputs: int) -> str:
        """"Now training on …" with each count in its singular or plural form."""
        samples_text = self.tr("%n sample", "", samples) if samples == 1 else self.tr("%n samples", "", samples)
        inputs_text = self.tr("%n input", "", inputs) if inputs == 1 else self.tr("%n inputs", "", inputs)
        outputs_text = self.tr("%n output", "", outputs) if outputs == 1 else self.tr("%n outputs", "", outputs)
        return (self.tr("Now training on %1: %2, %3, %4.").replace("%1", label).replace("%2", samples_text)
                .replace("%3", inputs_text).replace("%4", outputs_text))

    def _describe_change(self, what: str, before: str, after: str) -> str:
        if what == "input":
            text = self.tr("The input layer now has %2 neurons (it had %1); its weights were drawn afresh.")
        elif what == "output":
            text = self.tr("The output layer now has %2 neurons (it had %1); its weights were drawn afresh.")
        elif what == "activation":
            text = self.tr("The output activation changed from %1 to %2 to suit the data.")
        else:
            text = self.tr("The loss function changed from %1 to %2 to suit the data.")
        return text.replace("%1", before).replace("%2", after)

    def ask_import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import CSV"), "", self.tr("CSV files (*.csv *.txt)"))
        if not path:
            return
        try:
            header = csv_header(path)
        except (OSError, UnicodeDecodeError) as exc:
            self._set_message(self.tr("Cannot read %1: %2").replace("%1", Path(path).name)
                              .replace("%2", engine_message(exc)), error=True)
            return
        if len(header) < 2:
            self._set_message(self.tr("%1 needs a header row naming at least two columns.")
                              .replace("%1", Path(path).name), error=True)
            return
        dialog = CsvTargetsDialog(header, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start_import_csv(path, dialog.targets(), dialog.classification.isChecked())

    def start_import_csv(self, path: str | Path, targets: list[str], classification: bool) -> bool:
        """Read a CSV file on a worker, with a progress dialog and Cancel; the data is used when it is read.

        Returns False when no import could start (no lesson, training, or an import already running).
        """
        if self.lesson is None or self.is_running() or self.csv_import is not None:
            return False
        worker = CsvImportWorker(str(path), list(targets), bool(classification))
        job = CsvImport(worker, self)
        dialog = QProgressDialog(self.tr("Reading %1…").replace("%1", Path(path).name), self.tr("Cancel"),
                                 0, 0, self)
        dialog.setObjectName("csvImportProgress")
        dialog.setWindowTitle(self.tr("Import CSV"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(worker.request_stop, Qt.ConnectionType.DirectConnection)  # thread-safe: an Event
        job.progressed.connect(self._on_import_progress)
        job.finished.connect(lambda result: self._on_import_finished(result, Path(path).name, targets, classification))
        self.csv_import, self.import_dialog = job, dialog
        self._update_controls()
        dialog.show()
        job.start()
        return True

    def import_csv(self, path: str | Path, targets: list[str], classification: bool) -> bool:
        """``start_import_csv`` and wait (the event loop keeps running) until it ends; True when imported."""
        if not self.start_import_csv(path, targets, classification):
            return False
        self._import_loop = loop = QEventLoop()
        try:
            loop.exec()  # quit by _end_import, however the import ends
        finally:
            self._import_loop = None
        return self._imported

    def _on_import_progress(self, done: int, total: int) -> None:
        if self.import_dialog is not None:
            self.import_dialog.setMaximum(max(1, total))
            self.import_dialog.setValue(min(done, total))

    def _end_import(self) -> None:
        job, dialog = self.csv_import, self.import_dialog
        self.csv_import, self.import_dialog = None, None
        self._imported = False
        if self._import_loop is not None:
            self._import_loop.quit()
        if dialog is not None:
            dialog.canceled.disconnect()
            dialog.close()
            dialog.deleteLater()
        if job is not None:
            job.shutdown()
            job.deleteLater()

    def _on_import_finished(self, result: ImportResult, name: str, targets: list[str], classification: bool) -> None:
        """The worker is done: use the data read, or say why not (the data is unchanged either way)."""
        self._end_import()
        if result.status == "cancelled" or self.lesson is None:
            self._set_message(self.tr("The CSV import was cancelled; the data is unchanged."))
        elif result.status != "imported":
            reason = engine_message(result.error) if result.status == "failed" else \
                self.tr("There is not enough memory to read it.") if result.status == "no memory" else \
                self.tr("An unexpected error stopped the import (%1).").replace("%1", type(result.error).__name__)
            self._set_message(self.tr("The CSV file was not imported; the data is unchanged.\n%1")
                              .replace("%1", reason), error=True)
        else:
            record = {"name": "csv", "file": name, "targets": list(targets), "classification": bool(classification)}
            key = self._csv_entry(record, result.dataset.data)
            self.dataset_box.setCurrentIndex(self.dataset_box.findData(key))
            self._update_data_settings_enabled()
            self._imported = self.use_data(self._csv_sets[key])
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
                                offset=self._offset if self._history_end is not None else 0)
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

    # ------------------------------------------------------------------ loss history
    def history_end(self) -> int | None:
        """The iteration the loss history has reached (the next run continues from it); None: none yet."""
        return self._history_end

    def _clear_history(self) -> None:
        self._history_end, self._history_state = None, None
        self.history_cleared.emit()

    def _keep_history(self, iterations: int) -> None:
        """A run ended: the history reaches ``iterations`` more, from the weights, data and split now in the lesson."""
        lesson = self.lesson
        self._history_end = self._offset + iterations
        self._history_state = (lesson.network.copy(), lesson.data.inputs.copy(), lesson.data.targets.copy(),
                               *self._current_split())

    def _continues_history(self, config: TrainingConfig) -> bool:
        """Whether a run starting now begins where the history ended (same weights, data and split)."""
        if self._history_end is None or self._history_state is None or self.lesson is None:
            return False
        network, inputs, targets, test_fraction, seed = self._history_state
        current, data = self.lesson.network, self.lesson.data
        if (current.sizes != network.sizes or current.loss != network.loss
                or test_fraction != config.test_fraction or seed != config.seed
                or not np.array_equal(inputs, data.inputs) or not np.array_equal(targets, data.targets)):
            return False
        for layer in range(1, network.depth + 1):
            if current.activation(layer) != network.activation(layer) \
                    or not np.array_equal(current.weights(layer), network.weights(layer)) \
                    or not np.array_equal(current.biases(layer), network.biases(layer)):
                return False
        return True

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

    def _on_progress(self, iteration: int, total: int) -> None:
        self.iteration, self.total = iteration, total
        now = time.perf_counter()
        if self._rate_mark is None:
            self._rate_mark = (now, iteration)
        else:
            t0, i0 = self._rate_mark
            if now - t0 >= 0.25:
                instant = (iteration - i0) / (now - t0)
                self._rate = instant if self._rate == 0 else 0.6 * self._rate + 0.4 * instant
                self._rate_mark = (now, iteration)
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(iteration)
        self.progress.setFormat(self.tr("%1 / %2 iterations").replace("%1", str(iteration)).replace("%2", str(total)))
        if self._rate > 0 and not self.is_paused():
            left = (total - iteration) / self._rate
            self.rate_label.setText(self.tr("%1 iterations/s · %2 left").replace("%1", f"{self._rate:,.0f}")
                                    .replace("%2", format_duration(left)))
        elif self.is_paused():  # counted as the loss plot counts, across consecutive runs
            self.rate_label.setText(self.tr("Paused at iteration %1").replace("%1", str(self._offset + iteration)))

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
            self.run.worker.snapshot_interval = max(SNAPSHOT_SECONDS, SNAPSHOT_DUTY * cost)

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

    def _show_result(self, result: RunResult) -> None:
        self.progress.setRange(0, max(1, result.total))
        self.progress.setValue(result.iterations)
        self.progress.setFormat(self.tr("%1 / %2 iterations").replace("%1", str(result.iterations))
                                .replace("%2", str(result.total)))
        self.iteration = result.iterations
        final = result.final or {}
        parts = []
        if "loss" in final and final["loss"] is not None:
            parts.append(self.tr("Loss %1").replace("%1", f"{final['loss']:.4g}"))
        if final.get("test_loss") is not None:
            parts.append(self.tr("test loss %1").replace("%1", f"{final['test_loss']:.4g}"))
        if final.get("accuracy") is not None:
            parts.append(self.tr("accuracy %1%").replace("%1", f"{100 * final['accuracy']:.1f}"))
        self.result_label.setText(" · ".join(parts))
        if result.status == "diverged":  # the engine's message says when, what, and what can help
            self._set_message(self.tr("%1 The weights of the last good iteration are kept.")
                              .replace("%1", engine_message(result.message)), error=True)
        elif result.status == "stopped":
            self._set_message(self.tr("Stopped after %1 of %2 iterations; the weights reached are kept. "
                                      "Undo restores the weights from before training.")
                              .replace("%1", str(result.iterations)).replace("%2", str(result.total)))
        elif result.iterations == 1:
            self._set_message(self.tr("Finished 1 iteration. Undo restores the weights from before training."),
                              good=True)
        else:
            self._set_message(self.tr("Finished %1 iterations. Undo restores the weights from before training.")
                              .replace("%1", str(result.iterations)), good=True)

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
    def _set_message(self, text: str, error: bool = False, good: bool = False) -> None:
        self.message_label.setStyleSheet(ERROR_STYLE if error else GOOD_STYLE if good else "")
        self.message_label.setText(text)

    def message(self) -> str:
        return self.message_label.text()

    def _update_controls(self) -> None:
        has_lesson = self.lesson is not None
        running = self.run is not None or self.csv_import is not None
        paused = self.is_paused()
        self.train_action.setEnabled(has_lesson and not running)
        self.stop_action.setEnabled(running)
        self.pause_action.setEnabled(running)
        self.step_action.setEnabled(has_lesson and (not running or paused))
        self.reset_weights_action.setEnabled(has_lesson and not running)
        for widget in (self.dataset_box, self.import_button, self.test_box, self.seed_box, self.lr_box,
                       self.batch_box, self.optimizer_box, self.decay_box, self.length_box, self.unit_box):
            widget.setEnabled(has_lesson and not running)
        self._update_data_settings_enabled()
        self.state_changed.emit()

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)
