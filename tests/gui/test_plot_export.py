"""The plots' own right-click entries work when triggered directly (no pyqtgraph export dialog crash)."""

import math

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from engine.document import load
from engine.lesson import NetworkLesson
from gui.paths import LECTURE
from gui.training.boundary_view import BoundaryView
from gui.training.loss_plot import LossPlot


def test_the_loss_plots_own_export_entry_saves_through_our_dialog(qtbot, tmp_path, monkeypatch):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(600, 400)
    plot.show()
    for i in range(1, 21):
        plot.append(i, 1.0 / i, math.nan, math.nan)
    target = tmp_path / "from-menu"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    for widget in (plot.plot_widget, plot.accuracy_widget):
        entries = widget.scene().contextMenu
        assert entries, "the plot's context menu keeps a way to save it"
        with qtbot.captureExceptions() as exceptions:
            for action in entries:
                action.trigger()
        assert not exceptions, exceptions
    image = QImage(str(target) + ".png")
    assert not image.isNull()
    assert image.width() >= 800


def test_the_boundary_plot_has_no_broken_export_entry(qtbot):
    view = BoundaryView(NetworkLesson(load(LECTURE)))
    qtbot.addWidget(view)
    view.show()
    with qtbot.captureExceptions() as exceptions:
        for action in view.plot_widget.scene().contextMenu:
            action.trigger()
    assert not exceptions, exceptions
