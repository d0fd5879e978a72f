"""Training in the main window: ``TrainingAttachment(window, actions)``, made by the window.

It adds a "Training" dock (the panel, on the right, tabbed with the inspector) and a
"Training plots" dock (the loss plot, with the gradient-health plot in a tab behind it, and the
decision boundary, or the fitted curve, side by side, at the bottom, tabbed with the step log).
The window's action table holds the training actions
(Train, Pause, …, the loss exports); the window builds them and its Train menu, and this
connects them to the panel and the loss plot. It follows ``window.lesson_changed`` (a run
in progress is stopped first) and stops the worker thread when the window closes or the
application quits, so no thread outlives the window. Nothing in the window is overridden:
closing is watched with an event filter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QScrollArea, QSplitter, QTabWidget

from ..window.actions import ACTIONS, connect_action
from .boundary_view import BoundaryView
from .grad_plot import GradientPlot
from .loss_plot import LossPlot
from .panel import TrainingPanel


def _dock(window: QMainWindow, title: str, name: str, widget, area: Qt.DockWidgetArea,
          beside: QDockWidget | None) -> QDockWidget:
    """A dock holding ``widget`` in ``area``, tabbed behind ``beside`` (which stays in front) when given."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    if beside is not None:
        window.tabifyDockWidget(beside, dock)
        beside.raise_()
    return dock


class TrainingAttachment(QObject):
    """Owns the docks' wiring; the window keeps it as ``window.training``.

    ``actions`` are the window's actions by objectName (the training ones among them).
    """

    def __init__(self, window: QMainWindow, actions: dict[str, QAction]) -> None:
        super().__init__(window)
        self.setObjectName("trainingAttachment")
        self.window = window
        self._hovered_view = None
        self.panel = TrainingPanel(window.lesson, window.undo_stack, language=getattr(window, "language", "en"),
                                   actions=actions)
        config = self.panel.config()
        self.loss_plot = LossPlot()
        self.gradient_plot = GradientPlot(self.loss_plot)  # ‖∂J/∂Wₗ‖ of the same rows, in a tab beside it
        self.boundary_view = BoundaryView(window.lesson, config.test_fraction, config.seed)

        scroll = QScrollArea()
        scroll.setObjectName("trainingScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.panel.minimumSizeHint().width() + 24)
        self.panel_dock = _dock(window, self.tr("Training"), "trainingDock", scroll,
                                Qt.DockWidgetArea.RightDockWidgetArea, getattr(window, "inspector_dock", None))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("trainingPlotsSplitter")
        self.plot_tabs = QTabWidget()
        self.plot_tabs.setObjectName("trainingPlotTabs")
        self.plot_tabs.addTab(self.loss_plot, self.tr("Loss"))
        self.plot_tabs.addTab(self.gradient_plot, self.tr("Gradient health"))
        splitter.addWidget(self.plot_tabs)
        splitter.addWidget(self.boundary_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3000, 2000])  # 3 : 2 from the start, not by size hints: a fitted curve needs the width
        self.plots_dock = _dock(window, self.tr("Training plots"), "trainingPlotsDock", splitter,
                                Qt.DockWidgetArea.BottomDockWidgetArea, getattr(window, "log_dock", None))

        self.plots_dock.setMinimumHeight(140)  # a 720p projector keeps the diagram tall
        for row in ACTIONS:
            if row.owner == "lossPlot" and row.name in actions:
                connect_action(row, actions[row.name], self.loss_plot)
        self.panel.run_started.connect(self._on_run_started)
        self.panel.history_cleared.connect(self.loss_plot.clear)  # a new run otherwise continues the curve
        self.panel.losses_reported.connect(self.loss_plot.append_rows)
        self.panel.run_finished.connect(lambda _result: self.loss_plot.settle())
        self.panel.split_changed.connect(self.boundary_view.set_split)
        window.lesson_changed.connect(self._on_lesson_changed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        window.installEventFilter(self)
        self._connect_hover()

    # -------------------------------------------------------------- following the window
    def _on_run_started(self) -> None:
        self.plots_dock.show()
        self.plots_dock.raise_()

    def _on_lesson_changed(self) -> None:
        lesson = self.window.lesson
        self.panel.set_lesson(lesson)  # stops a run first
        self.loss_plot.clear()
        config = self.panel.config()
        self.boundary_view.test_fraction, self.boundary_view.seed = config.test_fraction, config.seed
        self.boundary_view.set_lesson(lesson)
        self._connect_hover()

    def _connect_hover(self) -> None:
        view = getattr(self.window, "network_view", None)
        if view is self._hovered_view:
            return
        self._hovered_view = view
        signal = getattr(view, "neuron_hovered", None)
        if signal is not None:
            signal.connect(self.boundary_view.show_neuron)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()  # before the window asks to save: the trained weights are in the lesson
        return False

    def set_font_scale(self, scale: float) -> None:
        """Follow the window's Larger / Smaller (Ctrl+= / Ctrl+-) like the other views."""
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        self.panel.setFont(font)

    def shutdown(self) -> None:
        self.panel.shutdown()

