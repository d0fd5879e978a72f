"""The training panel's dataset picker: the Data box, thumbnails and the data a choice puts into the lesson.

Choosing a dataset is one undo command too: it swaps the lesson's data and, when the
input or output sizes or the task need it, adapts the input and output layers (and the
output activation and loss) through a ``ReplaceNetworkCommand``. The choice is recorded in
``document.extra["dataset"]`` (an imported CSV file as ``{"name": "csv", "file", "targets",
"classification"}``), so the picker shows it again when the lesson is reopened.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QSpinBox

from engine.datasets import DATASETS
from engine.document import Data
from engine.errors import StudioError
from engine.network import Network

from ..messages import engine_message
from ..window.commands import ReplaceNetworkCommand, UseDataCommand
from .boundary_view import CLASS_COLOURS, class_labels
from .spin_boxes import ExactSpinBox, WholeSpinBox, apply_range

translate = QCoreApplication.translate  # its strings keep the panel's context, "TrainingPanel"

THUMBNAIL = 56
THUMBNAIL_POINTS = 2000  # at most this many samples drawn in a dataset's thumbnail
LESSON_DATA = "lesson"


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


class DataPickerMixin:
    """The Data box of TrainingPanel (a mixin of TrainingPanel)."""

    def _build_data_box(self) -> QGroupBox:
        """The Data box: the dataset picker, Import CSV, samples, noise, test fraction and seed."""
        data_box = QGroupBox(translate("TrainingPanel", "Data"), self)
        self.dataset_box = QComboBox(data_box)
        self.dataset_box.setObjectName("datasetBox")
        self.dataset_box.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.dataset_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.dataset_box.setMinimumContentsLength(12)
        self.dataset_box.activated.connect(self._on_dataset_activated)
        self.import_button = QPushButton(translate("TrainingPanel", "Import CSV…"), data_box)
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
        data_form.addRow(translate("TrainingPanel", "Samples"), self.size_box)
        data_form.addRow(translate("TrainingPanel", "Noise"), self.noise_box)
        data_form.addRow(translate("TrainingPanel", "Test fraction"), self.test_box)
        data_form.addRow(translate("TrainingPanel", "Seed"), self.seed_box)
        return data_box

    def _fill_datasets(self) -> None:
        box = self.dataset_box
        box.clear()
        box.addItem(translate("TrainingPanel", "The lesson's own data"), LESSON_DATA)
        names = {"xor": translate("TrainingPanel", "XOR"), "and": translate("TrainingPanel", "AND"),
                 "or": translate("TrainingPanel", "OR"), "circles": translate("TrainingPanel", "Circles"),
                 "moons": translate("TrainingPanel", "Moons"),
                 "spiral": translate("TrainingPanel", "Spiral (3 classes)"),
                 "spiral2": translate("TrainingPanel", "Spiral (2 classes)"),
                 "blobs": translate("TrainingPanel", "Blobs (3 classes)"),
                 "linear": translate("TrainingPanel", "Linear regression"),
                 "sine": translate("TrainingPanel", "Sine regression"),
                 "lecture": translate("TrainingPanel", "Lecture sample")}
        for key, spec in DATASETS.items():
            icon = self._thumbnails.get(key)
            if icon is None:
                icon = self._thumbnails[key] = QIcon(thumbnail(spec.generate(seed=0)))
            box.addItem(icon, names.get(key, key), key)
            tip = spec.description.get(self.language) or spec.description.get("en", "")
            box.setItemData(box.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        for key, choice in self._csv_sets.items():
            box.addItem(self._thumbnails.get(key, QIcon()), choice.label, key)

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
        label = translate("TrainingPanel", "CSV: %1").replace("%1", str(record.get("file") or "?"))
        task = "classification" if record.get("classification") else task_of(data)
        self._csv_sets[key] = DataChoice(key, label, data, task, copy.deepcopy(record))
        self._thumbnails[key] = QIcon(thumbnail(data))
        self.dataset_box.addItem(self._thumbnails[key], label, key)
        return key

    def _update_data_settings_enabled(self) -> None:
        builtin = self.dataset_box.currentData() in DATASETS
        for box in (self.size_box, self.noise_box):
            box.setEnabled(builtin and not self.is_running())

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
            self._set_message(translate("TrainingPanel", "The data was not used; the lesson is unchanged.\n%1")
                              .replace("%1", engine_message(exc)), error=True)
            return False
        net_command = None
        if after is not None:
            net_command = ReplaceNetworkCommand(lesson.network, after,
                                                translate("TrainingPanel", "Adapt network to data"))
        text = translate("TrainingPanel", "Use data: %1").replace("%1", choice.label)
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

    def _describe_change(self, what: str, before: str, after: str) -> str:
        if what == "input":
            text = translate("TrainingPanel",
                             "The input layer now has %2 neurons (it had %1); its weights were drawn afresh.")
        elif what == "output":
            text = translate("TrainingPanel",
                             "The output layer now has %2 neurons (it had %1); its weights were drawn afresh.")
        elif what == "activation":
            text = translate("TrainingPanel", "The output activation changed from %1 to %2 to suit the data.")
        else:
            text = translate("TrainingPanel", "The loss function changed from %1 to %2 to suit the data.")
        return text.replace("%1", before).replace("%2", after)
