"""Shared GUI fixtures."""

import pytest

from gui.main_window import MainWindow
from gui.paths import LECTURE


@pytest.fixture
def window(qtbot):
    """The main window on the lecture example, shown and exposed, as a teacher first sees it."""
    win = MainWindow(language="en")
    qtbot.addWidget(win)
    win.open_path(LECTURE, remember=False)
    win.show()
    qtbot.waitExposed(win)
    return win
