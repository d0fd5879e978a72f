"""A 100,000-row dataset in the decision-boundary view: a seeded sample is drawn and the caption says so."""

import numpy as np
from PySide6.QtCore import QTimer

from engine.document import Data, load
from engine.lesson import NetworkLesson
from gui.paths import LECTURE
from gui.training.boundary_view import CLASS_COLOURS, MAX_POINTS, BoundaryView


def _csv(path, rows):
    rng = np.random.default_rng(5)
    x = rng.normal(size=(rows, 2))
    labels = (x[:, 0] * x[:, 1] > 0).astype(int)
    np.savetxt(path, np.column_stack([x, labels]), delimiter=",", header="x1,x2,label", comments="",
               fmt=["%.17g", "%.17g", "%d"])
    return x, labels


def _colour(item, point, key):
    """The colour a point is drawn with: its own pen or brush, else the item's."""
    qcolor = (point[key] if point[key] is not None else item.opts[key]).color()
    return qcolor.red(), qcolor.green(), qcolor.blue()


def test_a_100000_row_csv_shows_a_sample_of_its_points_and_says_so(qtbot, window, tmp_path):
    x, labels = _csv(tmp_path / "big.csv", 100_000)
    boundary = window.training.boundary_view
    window.training.plots_dock.show()
    window.training.plots_dock.raise_()
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(boundary.redraw_count))
    timer.start(5)
    try:
        assert window.training.panel.import_csv(tmp_path / "big.csv", ["label"], classification=True)
        boundary.set_split(0.2, 7)
        qtbot.waitUntil(lambda: len(ticks) > 3)  # the event loop goes on after the points are drawn
        timer.stop()
        assert ticks  # and it ran while the file was read and drawn
        train = boundary.train_points.data
        test = boundary.test_points.data
        assert abs(len(train) + len(test) - MAX_POINTS) <= 1
        assert abs(len(test) - 0.2 * MAX_POINTS) <= 1  # the sample keeps the split's proportions
        shown = len(train) + len(test)
        assert f"Showing {shown:,} of 100,000 points." in boundary.caption.text()
        label_of = {(a, b): c for (a, b), c in zip(x.tolist(), labels.tolist(), strict=True)}
        item = boundary.train_points
        for point in train:  # training points: filled in their class colour, outlined black
            c = label_of[(point["x"], point["y"])]
            assert _colour(item, point, "brush") == tuple(int(v) for v in CLASS_COLOURS[c])
            assert _colour(item, point, "pen") == (0, 0, 0)
        item = boundary.test_points
        for point in test:  # test points: rings in their class colour
            c = label_of[(point["x"], point["y"])]
            assert _colour(item, point, "pen") == tuple(int(v) for v in CLASS_COLOURS[c])
            assert _colour(item, point, "brush") == (255, 255, 255)
    finally:
        timer.stop()
        window.undo_stack.setClean()
        window.setWindowModified(False)


def _view(qtbot, rows):
    """A shown boundary view over ``rows`` seeded samples of two inputs."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(rows, 2))
    doc = load(LECTURE)
    doc.data = Data(x, (x[:, :1] * x[:, 1:] > 0).astype(float))
    view = BoundaryView(NetworkLesson(doc))
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_small_dataset_draws_every_point_without_a_sample_note(qtbot):
    view = _view(qtbot, 300)
    assert len(view.train_points.data) == 300
    assert "Showing" not in view.caption.text()


def test_a_hidden_boundary_computes_nothing_until_it_is_shown(qtbot):
    view = _view(qtbot, 20)
    view.hide()  # its dock closed, or tabbed behind another one
    before = view.redraw_count
    view.lesson.network.set_weight(1, 0, 0, 2.5)  # a change the boundary follows
    qtbot.wait(250)  # longer than its 100 ms redraw delay
    assert view.redraw_count == before
    view.show()
    qtbot.waitUntil(view.isVisible)
    assert view.redraw_count == before + 1
    assert view.pixel_at(*view.lesson.data.inputs[0]) is not None  # the plane around a sample


def test_a_deep_network_at_the_cap_is_drawn_on_a_coarser_grid_that_matches_the_network(qtbot):
    from engine import batched
    from engine.network import make_network
    from gui.training.boundary_view import BACKGROUND_STRENGTH, GRID, LUT, WHITE

    small = _view(qtbot, 20)
    assert small.image.image.shape[:2] == (GRID, GRID)
    net = make_network([2, *([79] * 30), 1], ["sigmoid"] * 31, seed=0)  # 183,597 parameters
    small.lesson.network.assign(net)
    qtbot.waitUntil(lambda: small.image.image.shape[:2] != (GRID, GRID))
    n = small.image.image.shape[0]
    assert 32 <= n <= 41  # 3e8 multiply-adds at most: √(3e8 / 183,597) ≈ 40 cells a side
    rect = small._rect
    for row, col in ((0, 0), (n // 2, n // 3), (n - 1, n - 1)):
        x = rect.left() + (col + 0.5) * rect.width() / n
        y = rect.top() + (row + 0.5) * rect.height() / n
        out = float(batched.forward(net, np.array([[x, y]])).outputs[0, 0])
        colour = WHITE + (LUT[int(np.clip(out * (len(LUT) - 1), 0, len(LUT) - 1))] - WHITE) * BACKGROUND_STRENGTH
        assert small.pixel_at(x, y) == tuple(int(v) for v in colour.astype(np.uint8))
