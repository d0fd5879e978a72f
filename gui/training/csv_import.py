"""The training panel's CSV import: pick the target columns, read the file on a worker, use its data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from engine.csv_import import read_header
from engine.errors import ValidationError

from ..messages import engine_message
from .worker import CsvImport, CsvImportWorker, ImportResult

translate = QCoreApplication.translate  # its strings keep the panel's context, "TrainingPanel"


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


class CsvImportMixin:
    """Import CSV… of TrainingPanel (a mixin of TrainingPanel)."""

    def ask_import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("TrainingPanel", "Import CSV"), "",
                                              translate("TrainingPanel", "CSV files (*.csv *.txt)"))
        if not path:
            return
        try:
            header = read_header(path)  # in any encoding the import reads
        except ValidationError as exc:
            self._set_message(translate("TrainingPanel", "Cannot read %1: %2").replace("%1", Path(path).name)
                              .replace("%2", engine_message(exc.problem)), error=True)
            return
        if len(header) < 2:
            self._set_message(translate("TrainingPanel", "%1 needs a header row naming at least two columns.")
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
        dialog = QProgressDialog(translate("TrainingPanel", "Reading %1…").replace("%1", Path(path).name),
                                 translate("TrainingPanel", "Cancel"), 0, 0, self)
        dialog.setObjectName("csvImportProgress")
        dialog.setWindowTitle(translate("TrainingPanel", "Import CSV"))
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
        dialog = self.import_dialog
        if dialog is None or getattr(self, "_updating_dialog", None) is not None:
            return  # no dialog, or a progress signal delivered inside the setValue below: the next one shows it
        # A modal dialog's setValue runs the event loop: the import may end inside it, and the dialog
        # must then outlive the call (deleted inside its own setValue, Qt would crash on return).
        self._updating_dialog = dialog
        try:
            dialog.setMaximum(max(1, total))
            dialog.setValue(min(done, total))
        finally:
            self._updating_dialog = None
            if getattr(self, "_dialog_ended", None) is dialog:
                self._dialog_ended = None
                dialog.deleteLater()

    def _end_import(self) -> None:
        job, dialog = self.csv_import, self.import_dialog
        self.csv_import, self.import_dialog = None, None
        self._imported = False
        if self._import_loop is not None:
            self._import_loop.quit()
        if dialog is not None:
            dialog.canceled.disconnect()
            dialog.close()
            if getattr(self, "_updating_dialog", None) is dialog:
                self._dialog_ended = dialog  # deleted once its setValue has returned (_on_import_progress)
            else:
                dialog.deleteLater()
        if job is not None:
            job.shutdown()
            job.deleteLater()

    def _on_import_finished(self, result: ImportResult, name: str, targets: list[str], classification: bool) -> None:
        """The worker is done: use the data read, or say why not (the data is unchanged either way)."""
        self._end_import()
        if result.status == "cancelled" or self.lesson is None:
            self._set_message(translate("TrainingPanel", "The CSV import was cancelled; the data is unchanged."))
        elif result.status != "imported":
            reason = engine_message(result.error) if result.status == "failed" else \
                translate("TrainingPanel", "There is not enough memory to read it.") \
                if result.status == "no memory" else \
                translate("TrainingPanel", "An unexpected error stopped the import (%1).") \
                .replace("%1", type(result.error).__name__)
            self._set_message(translate("TrainingPanel", "The CSV file was not imported; the data is unchanged.\n%1")
                              .replace("%1", reason), error=True)
        else:
            record = {"name": "csv", "file": name, "targets": list(targets), "classification": bool(classification)}
            key = self._csv_entry(record, result.dataset.data)
            self.dataset_box.setCurrentIndex(self.dataset_box.findData(key))
            self._update_data_settings_enabled()
            self._imported = self.use_data(self._csv_sets[key])
        self._update_controls()
