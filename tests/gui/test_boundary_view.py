"""The decision boundary shows what the trained network predicts where."""

import numpy as np

from engine import batched
from engine.document import load
from engine.lesson import NetworkLesson
from engine.training import train
from gui.training.boundary_view import BoundaryView


def test_heatmap_matches_the_network_inside_and_outside_the_circle(qtbot, repo_root):
    doc = load(repo_root / "resources" / "examples" / "circles.json")
    train(doc.network, doc.data, doc.training)
    view = BoundaryView(NetworkLesson(doc), 0.2, 0)
    qtbot.addWidget(view)
    view.resize(500, 500)
    view.show()
    view.redraw()
    for point in [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (-1.0, -0.2)]:
        predicted = float(batched.forward(doc.network, np.array([point])).outputs[0, 0])
        red, _green, blue = view.pixel_at(*point)
        if predicted > 0.9:  # orange: class 1
            assert red > blue + 60, (point, predicted, red, blue)
        elif predicted < 0.1:  # blue: class 0
            assert blue > red + 60, (point, predicted, red, blue)
    inside = float(batched.forward(doc.network, np.array([[0.0, 0.0]])).outputs[0, 0])
    outside = float(batched.forward(doc.network, np.array([[1.0, 0.0]])).outputs[0, 0])
    assert inside > 0.9 > 0.1 > outside  # the trained network separates the rings
