"""The pinned Qt binding must not leak references to None (PySide6 6.12.0 does on Python 3.11,
which aborts the app after a few thousand Qt calls: "Fatal Python error: none_dealloc")."""

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_returning_nothing_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.setText("x")
        label.hide()
    assert sys.getrefcount(None) >= before - 100
