"""The app never just vanishes: an unexpected exception is logged to a file and shown in a dialog.

``install_crash_handler()`` replaces ``sys.excepthook`` and ``threading.excepthook``. For each
uncaught exception it
1. writes the traceback to ``<AppDataLocation>/logs/crash-YYYYmmdd-HHMMSS.log``
   (for example ``~/.local/share/BackpropStudio/Backprop Studio/logs`` on Linux,
   ``%APPDATA%\\BackpropStudio\\Backprop Studio\\logs`` on Windows);
2. prints it to stderr when there is one (windowed builds have ``sys.stderr is None``);
3. shows a critical QMessageBox with a short translated message and the log's path,
   in the GUI thread even when the exception came from a worker thread (not on headless
   platforms such as offscreen, where a modal dialog would hang CI).

It never calls ``sys.exit``: PySide6 reports exceptions raised in slots and event handlers
through ``sys.excepthook`` and then carries on, so the window stays open and the user can
save their work.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import platform
import sys
import tempfile
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QThread, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

HEADLESS_PLATFORMS = {"offscreen", "minimal", "minimalegl", "vnc"}
KEEP_LOGS = 20  # older crash logs are deleted so the folder cannot grow without bound


def log_directory() -> Path:
    """Where crash logs go: the user's data folder for this app, or the temp folder as a fallback."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not base:
        base = os.path.join(tempfile.gettempdir(), "backprop-studio")
    return Path(base) / "logs"


def _report_text(exc_type, exc_value, exc_tb, thread_name: str) -> str:
    app = QCoreApplication.instance()
    version = app.applicationVersion() if app is not None else ""
    lines = [
        f"Backprop Studio crash report, {datetime.datetime.now().isoformat(timespec='seconds')}",
        f"version: {version or 'unknown'}; frozen: {bool(getattr(sys, 'frozen', False))}",
        f"python: {sys.version.split()[0]}; platform: {platform.platform()}; thread: {thread_name}",
        "",
        *traceback.format_exception(exc_type, exc_value, exc_tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def write_crash_log(text: str, directory: Path | None = None) -> Path:
    """Write ``text`` to a new crash-YYYYmmdd-HHMMSS.log (with -2, -3… if that second is taken)."""
    directory = log_directory() if directory is None else directory
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = directory / f"crash-{stamp}.log"
    counter = 2
    while True:
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
            break
        except FileExistsError:
            path = directory / f"crash-{stamp}-{counter}.log"
            counter += 1
    _prune(directory)
    return path


def _prune(directory: Path) -> None:
    logs = sorted(directory.glob("crash-*.log"), key=lambda p: p.stat().st_mtime)
    for old in logs[:-KEEP_LOGS]:
        with contextlib.suppress(OSError):
            old.unlink()


class CrashHandler(QObject):
    """Receives uncaught exceptions from any thread; logs them and shows one dialog at a time."""

    crash_reported = Signal(str, str)  # log path ("" when it could not be written), traceback text

    def __init__(self, log_dir: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_dir = log_dir
        self.last_log: Path | None = None
        self._dialog_open = False
        # Headless platforms (CI, --smoke under offscreen) have nobody to click OK: a modal
        # dialog would hang the process, so there the log and stderr are the whole report.
        self.interactive = QGuiApplication.platformName() not in HEADLESS_PLATFORMS
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        # Emitted from any thread; the slot runs in this object's (the GUI) thread.
        self.crash_reported.connect(self._show_dialog)

    # ------------------------------------------------------------------ hooks
    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.threading_excepthook

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hooks[0]
        if threading.excepthook == self.threading_excepthook:
            threading.excepthook = self._previous_hooks[1]

    def excepthook(self, exc_type: type[BaseException], exc_value: BaseException,
                   exc_tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal: no dialog, no log
            self._previous_hooks[0](exc_type, exc_value, exc_tb)
            return
        self.handle(exc_type, exc_value, exc_tb, threading.current_thread().name)

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:  # the default hook ignores it too
            return
        name = args.thread.name if args.thread is not None else "unknown thread"
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, name)

    # ------------------------------------------------------------------ work
    def handle(self, exc_type, exc_value, exc_tb, thread_name: str = "") -> Path | None:
        """Log, print and (in the GUI thread) show one exception. Never raises."""
        text = ""
        path: Path | None = None
        try:
            text = _report_text(exc_type, exc_value, exc_tb, thread_name)
            path = write_crash_log(text, self.log_dir)
            self.last_log = path
        except Exception:  # a failing handler must not hide the original error
            text = text or "".join(traceback.format_exception(exc_type, exc_value, exc_tb))
        stderr = sys.stderr
        if stderr is not None:
            with contextlib.suppress(Exception):
                stderr.write(text)
                if path is not None:
                    stderr.write(f"(crash log written to {path})\n")
                stderr.flush()
        with contextlib.suppress(Exception):
            self.crash_reported.emit(str(path) if path is not None else "", text)
        return path

    @Slot(str, str)
    def _show_dialog(self, path: str, details: str) -> None:
        app = QCoreApplication.instance()
        if not isinstance(app, QApplication) or QThread.currentThread() is not app.thread():
            return  # no widgets possible (no QApplication yet, or not the GUI thread): the log is enough
        if not self.interactive or self._dialog_open:
            return  # one dialog at a time; errors that repeat on every repaint are only logged
        self._dialog_open = True
        try:
            title = self.tr("Backprop Studio: unexpected error")
            text = self.tr("Something went wrong. The window stays open: save your work under a new "
                           "name to be safe.")
            if path:
                text += "\n\n" + self.tr("A report was written to:\n{path}").format(path=path)
            else:
                text += "\n\n" + self.tr("The report could not be written to a file.")
            box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok,
                              QApplication.activeWindow())
            box.setDetailedText(details)
            box.setObjectName("crashDialog")
            box.exec()
        finally:
            self._dialog_open = False


_handler: CrashHandler | None = None


def install_crash_handler(log_dir: Path | None = None) -> CrashHandler:
    """Install the hooks (once; a second call replaces the first handler) and return the handler.

    Call it after the QApplication exists, so the handler lives in the GUI thread.
    ``log_dir`` overrides the folder (tests); by default it is ``log_directory()``.
    """
    global _handler
    if _handler is not None:
        _handler.uninstall()
    _handler = CrashHandler(log_dir)
    _handler.install()
    return _handler
