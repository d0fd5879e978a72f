"""Autosave every minute to the app's data folder, and offer recovery after a crash.

Each window autosaves to its own copy, ``<AppDataLocation>/autosave/<id>.json``, and holds
``<id>.lock`` (a QLockFile) while that copy exists. The lock proves its owner is alive: QLockFile
records the owner's process id, and a lock whose process is gone is stale. At start-up every copy
whose lock can be taken belongs to a window that is no longer running; the user is asked about
each one (Open, Discard, or Later, which keeps it for the next start), whatever file the app was
started with. Nothing is deleted before the user has decided, except when the window itself
no longer has unsaved work (it was saved, or the user chose not to keep the changes).
A recovered copy becomes the new window's own copy: it is replaced only by a complete new
autosave (QSaveFile), so it is never lost in between.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QEvent,
    QLocale,
    QLockFile,
    QObject,
    QSaveFile,
    QStandardPaths,
    QTimer,
)
from PySide6.QtWidgets import QMessageBox

from engine import document as documents
from engine.errors import StudioError

from ..messages import engine_message
from .save_files import is_temporary_name

INTERVAL_MS = 60_000
OPEN, DISCARD, LATER = "open", "discard", "later"
_COPY_NAME = re.compile(r"[0-9a-f]{32}|lesson")  # a window's id; "lesson" is the single copy of older versions


def autosave_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "autosave"


def _lock_file(folder: Path, name: str) -> QLockFile:
    lock = QLockFile(str(folder / f"{name}.lock"))
    lock.setStaleLockTime(0)  # a window may stay open for days: only a dead owner makes a lock stale
    return lock


@dataclass
class RecoverableCopy:
    """An autosaved lesson whose window is gone. This session holds its lock until it is decided."""

    path: Path
    lock: QLockFile
    document: documents.Document | None = None
    error: str = ""
    original: Path | None = None
    saved_at: QDateTime = field(default_factory=QDateTime)

    def title(self, language: str) -> str:
        titles = self.document.title if self.document is not None else {}
        return titles.get(language) or titles.get("en") or (self.original.name if self.original else "") \
            or QCoreApplication.translate("Autosave", "Untitled lesson")

    def discard(self) -> None:
        """The user does not want it: delete the copy, then release its lock."""
        _remove(self.path)
        self.lock.unlock()

    def keep(self) -> None:
        """Later: leave the copy for the next start, and let go of it."""
        self.lock.unlock()


def find_recoverable() -> list[RecoverableCopy]:
    """Every autosaved copy whose window is no longer running, oldest first.

    Also removes litter of dead sessions only: their interrupted autosaves (QSaveFile temporary
    files) and lock files without a copy. A live window's lock cannot be taken, so its copy,
    its lock and its autosave in progress are never touched.
    """
    folder = autosave_folder()
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    names = set()
    for entry in entries:
        stem = entry.name.split(".", 1)[0]
        if _COPY_NAME.fullmatch(stem):
            names.add(stem)
    copies = []
    for name in sorted(names):
        lock = _lock_file(folder, name)
        if not lock.tryLock(0):
            continue  # its window is running (here or in another instance)
        path = folder / f"{name}.json"
        for entry in entries:
            if is_temporary_name(path, entry):  # our own folder: every such name is an autosave's
                _remove(entry)
        if not path.is_file():
            lock.unlock()  # a lock without a copy: removed
            continue
        copies.append(_read_copy(path, lock))
    copies.sort(key=lambda c: c.saved_at.toMSecsSinceEpoch())
    return copies


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only folder must not stop the app from starting
        path.unlink(missing_ok=True)


def _read_copy(path: Path, lock: QLockFile) -> RecoverableCopy:
    copy = RecoverableCopy(path, lock, saved_at=QDateTime.fromSecsSinceEpoch(int(path.stat().st_mtime)))
    try:
        copy.document = documents.load(path)
    except StudioError as exc:
        copy.error = engine_message(exc)
        return copy
    except (ValueError, TypeError, OverflowError, RecursionError, MemoryError):  # never keep the app from starting
        copy.error = QCoreApplication.translate("Autosave", "the copy is damaged")
        return copy
    meta = copy.document.extra.pop("autosave", None)
    original = meta.get("path") if isinstance(meta, dict) else None
    copy.original = Path(original) if isinstance(original, str) and original else None
    return copy


def ask_recovery(parent, copy: RecoverableCopy, number: int, count: int, can_open: bool) -> str:
    """Ask what to do with one copy: OPEN, DISCARD or LATER (also Esc, or closing the box)."""
    if copy.error:
        text = QCoreApplication.translate(
            "Autosave", "An automatically saved copy cannot be read:\n%1").replace("%1", copy.error)
    else:
        where = str(copy.original) if copy.original else QCoreApplication.translate("Autosave", "never saved to a file")
        when = QLocale().toString(copy.saved_at, QLocale.FormatType.ShortFormat)
        template = QCoreApplication.translate(
            "Autosave", "Backprop Studio closed without saving “%1”.\nFile: %2\nSaved automatically: %3")
        title = copy.title(getattr(parent, "language", "en"))
        text = template.replace("%3", when).replace("%2", where).replace("%1", title)  # a title may hold "%2"
    if count > 1:
        counter = QCoreApplication.translate("Autosave", "Copy %1 of %2.")
        text = counter.replace("%1", str(number)).replace("%2", str(count)) + "\n" + text
    title = QCoreApplication.translate("Autosave", "Recover unsaved work?")
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setInformativeText(QCoreApplication.translate("Autosave", "“Later” keeps the copy for the next start."))
    open_button = box.addButton(QMessageBox.StandardButton.Open) if can_open and not copy.error else None
    discard_button = box.addButton(QMessageBox.StandardButton.Discard)
    later_button = box.addButton(QCoreApplication.translate("Autosave", "Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button or later_button)
    box.setEscapeButton(later_button)
    box.exec()
    clicked = box.clickedButton()
    if open_button is not None and clicked is open_button:
        return OPEN
    return DISCARD if clicked is discard_button else LATER


def offer_recovery(window) -> bool:
    """Ask about every copy left by a window that is gone; True when one was opened in ``window``.

    One question per copy. Only one copy can be opened into the window: once one is, the
    others can still be discarded or kept for later.
    """
    copies = find_recoverable()
    opened = False
    for number, copy in enumerate(copies, start=1):
        choice = ask_recovery(window, copy, number, len(copies), can_open=not opened)
        if choice == OPEN and not opened and copy.document is not None:
            window.set_document(copy.document, copy.original)
            window.undo_stack.resetClean()  # unsaved work, even after undoing back to this state
            window.setWindowModified(True)
            window.autosaver.adopt(copy)
            opened = True
        elif choice == DISCARD:
            copy.discard()
        else:
            copy.keep()
    return opened


class Autosaver(QObject):
    """Writes the window's lesson to its own copy while it has unsaved changes.

    The copy goes as soon as the window has no unsaved work (saved, or changes given up) and
    on a clean exit; another window's copy is never touched.
    """

    def __init__(self, window, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.name = uuid.uuid4().hex
        self.lock: QLockFile | None = None
        window.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()

    @property
    def path(self) -> Path:
        return autosave_folder() / f"{self.name}.json"

    def _hold_lock(self) -> bool:
        """Lock before the first write, so no other session ever takes a live copy for a dead one."""
        if self.lock is not None and self.lock.isLocked():
            return True
        self.lock = _lock_file(autosave_folder(), self.name)
        return self.lock.tryLock(0)

    def save_now(self) -> bool:
        if not self.window.isWindowModified():
            return False
        try:
            autosave_folder().mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        if not self._hold_lock():
            return False
        doc = self.window.current_document()
        where = {"path": str(self.window.path) if self.window.path else None}
        try:  # the very text a save writes, so a copy opens whenever the saved file would
            text = replace(doc, extra={**doc.extra, "autosave": where}).to_json()
        except (StudioError, ValueError):
            return False
        file = QSaveFile(str(self.path))
        if not file.open(QSaveFile.OpenModeFlag.WriteOnly):
            return False
        file.write(text.encode("utf-8"))
        return file.commit()

    def adopt(self, copy: RecoverableCopy) -> None:
        """A recovered copy becomes this window's own; the next autosave replaces it whole."""
        self.discard()
        self.name = copy.path.stem
        self.lock = copy.lock
        self.save_now()

    def discard(self) -> None:
        """Delete this window's own copy (only that one), then release its lock."""
        _remove(self.path)
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.ModifiedChange \
                and not self.window.isWindowModified():
            self.discard()  # nothing unsaved any more: the copy would only offer stale work later
        return False
