"""Presentation: a high-contrast theme for projectors in bright rooms, reaching every view.

``apply_theme(True)`` sets the window's palette and style sheet, darkens the diagrams' colours (edges,
headings, node text, the graph's labels: the shared colours of gui/views/diagram_items.py, changed in
place so every drawing picks them up), redraws the lesson views and gives the plots black axes and
thicker curves. ``apply_theme(False)`` brings the ordinary look back.
"""

from __future__ import annotations

import weakref

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from .views import diagram_items

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

# The diagrams' shared colours: (ordinary, high contrast). The hues stay (blue weights are positive,
# vermilion negative, purple the gradient, gold the current step); only their darkness changes.
DIAGRAM_COLOURS = {
    "INK": ("#111111", "#000000"),
    "MUTED": ("#444444", "#000000"),
    "POSITIVE": ("#0072B2", "#004A80"),
    "NEGATIVE": ("#D55E00", "#A33A00"),
    "GRADIENT": ("#AA3377", "#7A1F57"),
}
PLOT_AXIS = (("#202020", 1.5), ("#000000", 3.0))  # (colour, width) of the plots' axes: ordinary, high contrast
PLOT_CURVE_WIDEN = 1.6  # high contrast draws the plots' curves this much thicker
PLOT_BACKGROUND = ("#FFFFFF", "#FFFFFF")

_state = {"high_contrast": False, "generation": 0}
_ordinary_pens: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # each curve's pen in the ordinary theme


def high_contrast() -> bool:
    return _state["high_contrast"]


def theme_generation() -> int:
    """A number that changes each time the theme does (a view redraws when it differs)."""
    return _state["generation"]


def apply_theme(high_contrast: bool) -> None:
    app = QApplication.instance()
    high_contrast = bool(high_contrast)
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
    if high_contrast == _state["high_contrast"]:
        return
    _state["high_contrast"] = high_contrast
    _state["generation"] += 1
    for name, colours in DIAGRAM_COLOURS.items():
        getattr(diagram_items, name).setRgba(QColor(colours[high_contrast]).rgba())
    from .views.lesson_view import LessonView

    for widget in app.allWidgets():
        if isinstance(widget, LessonView):
            widget.restyle()
        elif isinstance(widget, pg.PlotWidget):
            style_plot(widget)


def style_plot(widget: pg.PlotWidget) -> None:
    """The plot's background, axes and curves in the present theme."""
    hc = _state["high_contrast"]
    widget.setBackground(PLOT_BACKGROUND[hc])
    plot = widget.getPlotItem()
    colour, width = PLOT_AXIS[hc]
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(colour, width=width))
        axis.setTextPen(pg.mkPen(colour))
    for item in plot.listDataItems():
        if not isinstance(item, pg.PlotDataItem):
            continue  # scatter points keep their own pens (one per class)
        pen = _ordinary_pens.get(item)
        if pen is None:
            pen = _ordinary_pens[item] = pg.mkPen(item.opts["pen"])
        if hc:
            wide = pg.mkPen(pen)
            wide.setWidthF(max(pen.widthF(), 1.0) * PLOT_CURVE_WIDEN)
            item.setPen(wide)
        else:
            item.setPen(pen)
