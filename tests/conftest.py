"""Shared test setup: headless Qt, an importable repo root, isolated settings, no stray threads."""

import os
import sys
from pathlib import Path

# Must happen before anything imports Qt: without a display, Qt would abort the run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, QThread  # noqa: E402

# Locally every run explores new random examples (and finds new bugs); CI runs the same examples every
# time, so that its verdict on a commit is repeatable. A failure prints the blob to reproduce it.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore", print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "explore")

ORGANIZATION_NAME = "BackpropStudio"
APPLICATION_NAME = "Backprop Studio"
THREAD_GRACE_MS = 2000

# Threads that outlived their test. Kept referenced so that Python never destroys a running
# QThread, which would abort the whole process instead of failing one test.
_leaked_threads: list[QThread] = []


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory, monkeypatch):
    """Point every QSettings, and the app's data folder (autosaves, crash logs), at a fresh temporary directory."""
    settings_dir = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("XDG_DATA_HOME", str(settings_dir / "data"))  # AppDataLocation on Linux, read on each call
    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setApplicationName(APPLICATION_NAME)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(settings_dir / "user"))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(settings_dir / "system"))
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not data.startswith(str(settings_dir)):  # not Linux: at least keep off the user's real data folder
        QStandardPaths.setTestModeEnabled(True)
    return settings_dir


@pytest.fixture(autouse=True)
def no_running_qthreads():
    """Fail a test that leaves a QThread running once it (and its widgets) are torn down."""
    started: list[QThread] = []
    original_start = QThread.start

    def recording_start(self, *args, **kwargs):
        started.append(self)
        return original_start(self, *args, **kwargs)

    QThread.start = recording_start
    try:
        yield
    finally:
        QThread.start = original_start

    still_running = []
    for thread in started:
        try:
            running = thread.isRunning() and not thread.wait(THREAD_GRACE_MS)
        except RuntimeError:  # the C++ object is already deleted, so the thread has ended
            continue
        if running:
            thread.requestInterruption()
            thread.quit()
            _leaked_threads.append(thread)
            still_running.append(thread.objectName() or type(thread).__name__)
    started.clear()
    if still_running:
        pytest.fail(
            f"QThread still running {THREAD_GRACE_MS} ms after the test: {', '.join(still_running)}",
            pytrace=False,
        )


@pytest.fixture
def repo_root():
    """The checkout's top folder (resources/, main.py …)."""
    return Path(__file__).resolve().parent.parent
