"""Shared GUI fixtures, and the ``gui`` marker on every test in this folder."""

from pathlib import Path

import pytest

from gui.paths import LECTURE
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


GUI_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Every test in tests/gui builds real widgets: mark it ``gui`` (deselect with -m "not gui")."""
    for item in items:
        if GUI_TESTS in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.gui)
