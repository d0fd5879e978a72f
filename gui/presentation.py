"""Presentation: a high-contrast theme for projectors in bright rooms."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

HIGH_CONTRAST_STYLE = """
QWidget { color: #000000; background: #ffffff; }
QToolBar { border-bottom: 3px solid #000000; spacing: 6px; }
QToolButton { border: 2px solid #000000; border-radius: 4px; padding: 4px 10px; font-weight: bold; }
QToolButton:checked { background: #E69F00; }
QDockWidget { color: #ffffff; font-weight: bold; }
QDockWidget::title { background: #000000; padding: 6px; }
QDockWidget > QWidget { color: #000000; font-weight: normal; }
QHeaderView::section { background: #000000; color: #ffffff; font-weight: bold; padding: 4px; }
QTableView { gridline-color: #000000; selection-background-color: #E69F00; selection-color: #000000; }
QStatusBar { border-top: 3px solid #000000; font-weight: bold; }
QTabBar::tab:selected { background: #E69F00; }
"""


def apply_theme(high_contrast: bool) -> None:
    app = QApplication.instance()
    if high_contrast:
        palette = QPalette()
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
            palette.setColor(role, QColor("#ffffff"))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            palette.setColor(role, QColor("#000000"))
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#E69F00"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#000000"))
        app.setPalette(palette)
        app.setStyleSheet(HIGH_CONTRAST_STYLE)
    else:
        app.setPalette(app.style().standardPalette())
        app.setStyleSheet("")
