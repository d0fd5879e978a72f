"""The training panel's settings boxes, bound to the lesson.

The settings boxes show the lesson's training settings (``document.training`` and the network's
λ) and follow its ``settings_changed`` event; editing a box pushes one ``SetSettingsCommand``
that changes the lesson, and Train reads the lesson, never the boxes. So a setting changed
elsewhere (the Edit menu, undo) is what the panel shows and what the next run uses.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QSpinBox

from engine.config import OPTIMIZERS, TrainingConfig
from engine.datasets import DATASETS

from ..labels import optimizer_label
from ..window.commands import SetSettingsCommand
from .spin_boxes import ExactSpinBox, apply_range, guard_wheel

translate = QCoreApplication.translate  # its strings keep the panel's context, "TrainingPanel"


def _number(value, default, kind):
    """``value`` as an int or float when it is a finite number small enough for a spin box, else ``default``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or abs(value) > 2**31 - 1:
        return kind(default)
    return kind(value)


class SettingsFormMixin:
    """TrainingPanel's Gradient descent box and the settings it shows (a mixin of TrainingPanel)."""

    def _build_settings_box(self) -> QGroupBox:
        """The Gradient descent box; each box edits one setting of the lesson."""
        opt_box = QGroupBox(translate("TrainingPanel", "Gradient descent"), self)
        self.lr_box = ExactSpinBox(opt_box)
        self.lr_box.setObjectName("learningRateBox")
        apply_range(self.lr_box, "learning_rate")
        self.lr_box.setSingleStep(0.01)
        self.batch_box = QSpinBox(opt_box)
        self.batch_box.setObjectName("batchSizeBox")
        apply_range(self.batch_box, "batch_size")
        self.batch_box.setSpecialValueText(translate("TrainingPanel", "full batch"))
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
        self.unit_box.addItem(translate("TrainingPanel", "iterations"), "iterations")
        self.unit_box.addItem(translate("TrainingPanel", "epochs"), "epochs")
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
        opt_form.addRow(translate("TrainingPanel", "Learning rate η"), self.lr_box)
        opt_form.addRow(translate("TrainingPanel", "Batch size"), self.batch_box)
        opt_form.addRow(translate("TrainingPanel", "Optimizer"), self.optimizer_box)
        opt_form.addRow(translate("TrainingPanel", "Weight decay λ"), self.decay_box)
        length = QHBoxLayout()
        length.addWidget(self.length_box, 1)
        length.addWidget(self.unit_box)
        opt_form.addRow(translate("TrainingPanel", "Length"), length)
        return opt_box

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
            self._abandon(translate("TrainingPanel",
                                    "The training settings were changed during training, so training stopped. "
                                    "The change is kept."))

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
