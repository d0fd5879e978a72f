"""Numbers in the plots' text follow the one rule every number shown follows (engine.formula.fmt):
four decimals for ordinary sizes and a true minus sign."""

import numpy as np
from PySide6.QtCore import QPointF

from engine.document import Data, Document
from engine.lesson import NetworkLesson
from engine.network import make_network
from gui.boundary_view import BoundaryView
from gui.loss_plot import LossPlot


def test_the_loss_readout_writes_its_numbers_like_the_diagram(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(700, 450)
    plot.show()
    qtbot.waitExposed(plot)
    for i in range(20):
        plot.append(i, 1.0 / (i + 1), 2.0 / (i + 1), i / 20)
    qtbot.waitUntil(lambda: plot.accuracy_widget.isVisible())
    plot._on_mouse_moved(plot.plot.vb.mapViewToScene(QPointF(5.2, 0.5)))
    parts = plot.readout.text().split(" · ")
    assert parts[:3] == ["Iteration 5", "loss 0.1667", "test loss 0.3333"]  # 1/6 and 2/6 to four decimals


def test_the_boundary_caption_writes_the_output_range_like_the_diagram(qtbot):
    net = make_network([2, 2, 1], ["sigmoid", "linear"], seed=0)
    data = Data(np.array([[0.0, 0.0], [1.0, 1.0], [1.0, 0.0]]), np.array([[-1.5], [2.25], [0.5]]))
    view = BoundaryView(NetworkLesson(Document(network=net, data=data)), 0.0, 0)
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.show()
    view.redraw()
    assert "from −1.5 (blue) to 2.25 (orange)" in view.caption.text()
