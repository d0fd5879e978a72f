"""Numbers in the plots' text follow the one rule every number shown follows (engine.formula.fmt):
four decimals for ordinary sizes and a true minus sign (the loss readout: test_training_panel)."""

import numpy as np

from engine.document import Data, Document
from engine.lesson import NetworkLesson
from engine.network import make_network
from gui.training.boundary_view import BoundaryView


def test_the_boundary_caption_writes_the_output_range_like_the_diagram(qtbot):
    net = make_network([2, 2, 1], ["sigmoid", "linear"], seed=0)
    data = Data(np.array([[0.0, 0.0], [1.0, 1.0], [1.0, 0.0]]), np.array([[-1.5], [2.25], [0.5]]))
    view = BoundaryView(NetworkLesson(Document(network=net, data=data)), 0.0, 0)
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.show()
    view.redraw()
    assert "from −1.5 (blue) to 2.25 (orange)" in view.caption.text()
