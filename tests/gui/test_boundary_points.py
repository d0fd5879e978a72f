"""A 100,000-row dataset in the decision-boundary view: a seeded sample is drawn and the caption says so."""

import numpy as np
from PySide6.QtCore import QTimer

from gui.boundary_view import CLASS_COLOURS, MAX_POINTS


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


def test_a_small_dataset_draws_every_point_without_a_sample_note(qtbot, window, tmp_path):
    _csv(tmp_path / "small.csv", 300)
    boundary = window.training.boundary_view
    assert window.training.panel.import_csv(tmp_path / "small.csv", ["label"], classification=True)
    boundary.set_split(0.0, 0)
    assert len(boundary.train_points.data) == 300
    assert "Showing" not in boundary.caption.text()
    window.undo_stack.setClean()
    window.setWindowModified(False)


def test_a_hidden_boundary_computes_nothing_until_its_dock_is_shown(qtbot, window):
    boundary = window.training.boundary_view
    window.training.plots_dock.hide()  # closed, or tabbed behind another dock
    qtbot.waitUntil(lambda: not boundary.isVisible())
    before = boundary.redraw_count
    window.lesson.network.set_weight(1, 0, 0, 2.5)  # a change the boundary follows
    qtbot.wait(250)  # longer than its 100 ms redraw delay
    assert boundary.redraw_count == before
    window.training.plots_dock.show()
    qtbot.waitUntil(boundary.isVisible)
    assert boundary.redraw_count == before + 1
    assert boundary.pixel_at(*window.lesson.data.inputs[0]) is not None  # the plane around the sample
    window.undo_stack.setClean()
    window.setWindowModified(False)
