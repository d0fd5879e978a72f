"""Shared GUI fixtures, and the ``gui`` marker on every test in this folder."""

import gc
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from gui.paths import EXAMPLES, LECTURE
from gui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    """The main window on the lecture example, shown and exposed, as a teacher first sees it."""
    win = MainWindow(language="en")
    qtbot.addWidget(win)
    win.open_path(LECTURE, remember=False)
    win.show()
    qtbot.waitExposed(win)
    return win



@pytest.fixture
def screen_window(qtbot, monkeypatch, request):
    """A window on a screen of ``request.param`` (width, height), filling it as full screen does and laid out
    as View ▸ Reset layout lays it out, on the lecture example."""
    width, height = request.param
    monkeypatch.setattr(MainWindow, "_available", lambda self: QRect(0, 0, width, height))
    window = MainWindow(language="en")
    qtbot.addWidget(window)
    window.open_path(EXAMPLES / "lecture_2-2-1.json", remember=False, as_template=True)
    window.show()
    qtbot.waitExposed(window)
    window.setGeometry(0, 0, width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    window.actions_by_name["actionResetLayout"].trigger()
    qtbot.wait(20)
    return window


GUI_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Every test in tests/gui builds real widgets: mark it ``gui`` (deselect with -m "not gui")."""
    for item in items:
        if GUI_TESTS in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def collect_between_tests(qtbot):
    """Python's cycle collector, run at an arbitrary allocation, can free a pyqtgraph item while Qt is
    painting its view (a crash in GraphicsView.paintEvent during pytest-qt's event processing after a
    test). Collect only between tests, with every window hidden so that nothing is painted meanwhile."""
    gc.collect()
    gc.disable()
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.hide()
    gc.enable()
    gc.collect()


@pytest.fixture
def offscreen_screen(tmp_path):
    """``env(width, height)``: this process's environment with Qt's offscreen platform on one screen of that
    size at 96 dpi, for a child process that starts the app as on that screen."""
    def env(width: int, height: int) -> dict[str, str]:
        path = tmp_path / f"screen-{width}x{height}.json"
        path.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                                                 "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
        return dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={path}")
    return env
