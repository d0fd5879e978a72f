"""Autosave every minute to the app's data folder, and offer recovery after a crash."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QObject, QSaveFile, QStandardPaths, QTimer
from PySide6.QtWidgets import QMessageBox

from engine import document as documents
from engine.errors import StudioError

INTERVAL_MS = 60_000


def autosave_path() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "autosave"
    return folder / "lesson.json"


class Autosaver(QObject):
    """Writes the window's lesson while it has unsaved changes; removes the copy on a clean exit."""

    def __init__(self, window, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()

    def save_now(self) -> bool:
        if not self.window.isWindowModified():
            return False
        path = autosave_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = self.window.current_document().to_dict()
        doc["autosave"] = {"path": str(self.window.path) if self.window.path else None}
        file = QSaveFile(str(path))
        if not file.open(QSaveFile.OpenModeFlag.WriteOnly):
            return False
        file.write(json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
        return file.commit()

    def discard(self) -> None:
        autosave_path().unlink(missing_ok=True)


def offer_recovery(window) -> bool:
    """After a crash an autosaved lesson is left behind: ask whether to open it."""
    path = autosave_path()
    if not path.exists():
        return False
    try:
        doc = documents.load(path)
    except StudioError:
        path.unlink(missing_ok=True)
        return False
    answer = QMessageBox.question(
        window, window.tr("Recover unsaved work?"),
        window.tr("Backprop Studio closed without saving a lesson. Open the automatically saved copy?"),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Discard)
    if answer != QMessageBox.StandardButton.Open:
        path.unlink(missing_ok=True)
        return False
    original = doc.extra.pop("autosave", {}) or {}
    window.set_document(doc, Path(original["path"]) if original.get("path") else None)
    window.setWindowModified(True)
    return True
