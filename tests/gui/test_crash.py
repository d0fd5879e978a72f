"""The crash handler logs an uncaught exception to a file and shows its path in a dialog."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from gui.window import crash


@pytest.fixture
def shown(monkeypatch):
    """Record every QMessageBox the handler would show, instead of blocking on a modal exec()."""
    boxes: list[dict] = []

    def fake_exec(box):
        boxes.append({"title": box.windowTitle(), "text": box.text(), "details": box.detailedText(),
                      "icon": box.icon()})
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


@pytest.fixture
def handler(qapp, tmp_path):
    saved = (sys.excepthook, threading.excepthook)
    installed = crash.install_crash_handler(tmp_path / "logs")
    installed.interactive = True  # as on a desktop; the offscreen default shows no dialog
    yield installed
    installed.uninstall()
    assert (sys.excepthook, threading.excepthook) == saved


def _raise_and_hook(message: str) -> None:
    try:
        raise ValueError(message)
    except ValueError:
        sys.excepthook(*sys.exc_info())


def test_uncaught_exception_writes_log_and_shows_its_path(handler, shown, tmp_path):
    _raise_and_hook("fake failure for the crash handler test")

    logs = list((tmp_path / "logs").glob("crash-*.log"))
    assert len(logs) == 1
    assert logs[0].name.startswith("crash-")
    assert len(logs[0].stem) == len("crash-YYYYmmdd-HHMMSS")
    content = logs[0].read_text(encoding="utf-8")
    assert "ValueError: fake failure for the crash handler test" in content
    assert "Traceback (most recent call last)" in content

    assert len(shown) == 1
    assert shown[0]["icon"] == QMessageBox.Icon.Critical
    assert str(logs[0]) in shown[0]["text"]
    assert "fake failure" in shown[0]["details"]
    assert handler.last_log == logs[0]


def test_app_stays_alive_and_each_crash_gets_its_own_log(handler, shown, tmp_path):
    _raise_and_hook("first")
    _raise_and_hook("second")  # same second: the name gets a -2 suffix rather than overwriting
    logs = sorted((tmp_path / "logs").glob("crash-*.log"))
    assert len(logs) == 2
    assert len(shown) == 2


def test_safe_without_stderr(handler, shown, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)  # as in a windowed (console=False) build
    _raise_and_hook("no stderr here")
    assert len(list((tmp_path / "logs").glob("crash-*.log"))) == 1
    assert len(shown) == 1


def test_worker_thread_exception_is_shown_in_the_gui_thread(handler, shown, tmp_path, qtbot):
    def work():
        raise RuntimeError("fake failure in a worker thread")

    with qtbot.waitSignal(handler.crash_reported, timeout=5000):
        thread = threading.Thread(target=work, name="worker")
        thread.start()
        thread.join()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
    (log,) = (tmp_path / "logs").glob("crash-*.log")
    assert "thread: worker" in log.read_text(encoding="utf-8")
    assert str(log) in shown[0]["text"]


def test_default_folder_is_the_users_app_data(qapp):
    folder = crash.log_directory()
    assert folder.name == "logs"
    assert "Backprop Studio" in str(folder) or "backprop-studio" in str(folder)


def test_headless_platform_logs_without_a_dialog(handler, shown, tmp_path):
    handler.interactive = crash.QGuiApplication.platformName() not in crash.HEADLESS_PLATFORMS
    assert not handler.interactive  # the tests run offscreen
    _raise_and_hook("nobody is there to click OK")
    assert len(list((tmp_path / "logs").glob("crash-*.log"))) == 1
    assert shown == []
