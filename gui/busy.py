"""A wait cursor while the window builds something large: opening a lesson, or its steps at another
granularity (up to the step cap, about two seconds on these machines). One place, so every such wait
looks the same and the cursor always comes back, also when the work fails."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@contextmanager
def busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
