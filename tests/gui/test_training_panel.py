"""Training from the window: the panel, its worker thread, the loss plot and the decision boundary."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QPointF, Qt, QTimer
from PySide6.QtGui import QUndoStack

from engine.config import TrainingConfig
from engine.datasets import generate
from engine.document import Document
from engine.lesson import NetworkLesson
from engine.network import make_network
from engine.training import train
from gui.training.boundary_view import BoundaryView
from gui.training.loss_plot import TINY, LossPlot
from gui.training.panel import TrainingPanel
from gui.training.worker import TrainingWorker

RUN_TIMEOUT_MS = 60_000


def _lesson(sizes=(2, 4, 1), activations=("tanh", "sigmoid"), loss="bce", dataset="xor") -> NetworkLesson:
    network = make_network(list(sizes), list(activations), loss=loss, seed=0)
    doc = Document(network=network, data=generate(dataset, seed=0), training=TrainingConfig())
    return NetworkLesson(doc)


@pytest.fixture
def setup(qtbot):
    """A panel, a loss plot and a boundary view wired as the window wires them."""
    lesson = _lesson()
    stack = QUndoStack()
    panel = TrainingPanel(lesson, stack)
    plot = LossPlot()
    boundary = BoundaryView(lesson)
    panel.history_cleared.connect(plot.clear)
    panel.losses_reported.connect(plot.append_rows)
    panel.split_changed.connect(boundary.set_split)
    for widget in (panel, plot, boundary):
        qtbot.addWidget(widget)
        widget.show()
    yield panel, plot, boundary, lesson, stack
    panel.shutdown()


def _configure(panel, optimizer="adam", lr=0.05, length=2000, batch=0):
    panel.optimizer_box.setCurrentIndex(panel.optimizer_box.findData(optimizer))
    panel.lr_box.setValue(lr)
    panel.batch_box.setValue(batch)
    panel.set_length(length)
    panel.undo_stack.clear()  # each setting is an undo entry (test_settings_binding.py); these tests count runs'


def _wait_finished(qtbot, panel):
    qtbot.waitUntil(lambda: not panel.is_running() and panel.last_result is not None, timeout=RUN_TIMEOUT_MS)
    return panel.last_result


def _params(network):
    return ([network.weights(k).copy() for k in range(1, network.depth + 1)],
            [network.biases(k).copy() for k in range(1, network.depth + 1)])


def _same(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a[0] + a[1], b[0] + b[1], strict=True))


def test_xor_trained_from_the_ui_brings_the_loss_down(qtbot, setup):
    panel, plot, _boundary, lesson, _stack = setup
    assert panel.choose_dataset("xor")
    assert len(lesson.data) == 200
    _configure(panel, "adam", 0.05, 2000)
    qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    result = _wait_finished(qtbot, panel)
    assert result.status == "finished"
    assert result.final["loss"] < 0.1
    assert result.final["accuracy"] >= 0.95
    qtbot.waitUntil(lambda: plot.point_count() == 2001)  # iteration 0 and every one after it
    iterations, losses, _test, accuracy = plot.columns()
    np.testing.assert_array_equal(iterations, np.arange(2001))
    assert losses[-1] == pytest.approx(result.final["loss"])
    assert accuracy[-1] == pytest.approx(result.final["accuracy"])
    assert "Finished 2000 iterations" in panel.message()
    # The live network holds the trained weights, so the stepper works with them.
    np.testing.assert_array_equal(lesson.network.weights(1), result.weights[0])
    assert lesson.graph is not None


def test_the_plot_holds_one_point_per_reported_iteration(qtbot, setup):
    panel, plot, _boundary, lesson, _stack = setup
    lesson.document.training.eval_every = 10
    panel.test_box.setValue(0.25)
    _configure(panel, "sgd", 0.5, 500)
    panel.train_action.trigger()
    result = _wait_finished(qtbot, panel)
    qtbot.waitUntil(lambda: plot.point_count() == 51)
    iterations, _loss, test_loss, _acc = plot.columns()
    np.testing.assert_array_equal(iterations, np.arange(0, 501, 10))
    assert np.all(np.isfinite(test_loss))  # a test split: the second curve has every point too
    assert result.iterations == 500


def test_pause_then_resume(qtbot, setup):
    panel, plot, _boundary, lesson, stack = setup
    before = _params(lesson.network)
    _configure(panel, "sgd", 0.01, 10_000_000)
    panel.train_action.trigger()
    qtbot.waitUntil(lambda: panel.iteration > 50, timeout=RUN_TIMEOUT_MS)
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    assert panel.is_paused()
    assert panel.pause_action.text() == "Resume"
    worker = panel.run.worker
    qtbot.waitUntil(lambda: worker.waiting, timeout=RUN_TIMEOUT_MS)  # held, after reporting up to the pause
    QCoreApplication.processEvents()  # the last batch before the pause arrives
    held, points = panel.iteration, plot.point_count()
    QCoreApplication.processEvents()
    assert worker.waiting
    assert (panel.iteration, plot.point_count()) == (held, points)
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    assert not panel.is_paused()
    qtbot.waitUntil(lambda: panel.iteration > held + 50, timeout=RUN_TIMEOUT_MS)
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    result = _wait_finished(qtbot, panel)
    assert result.status == "stopped"
    assert "Stopped after" in panel.message()
    assert not _same(_params(lesson.network), before)  # stop keeps the weights reached
    stack.undo()
    assert _same(_params(lesson.network), before)


def test_step_one_iteration_at_a_time(qtbot, setup):
    panel, _plot, _boundary, lesson, stack = setup
    before = _params(lesson.network)
    _configure(panel, "sgd", 0.5, 100)
    qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.iteration == 1)
    assert panel.is_paused()
    qtbot.waitUntil(lambda: not _same(_params(lesson.network), before))  # the diagram shows the step
    qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.iteration == 2)
    qtbot.waitUntil(lambda: panel.run.worker.waiting)  # held again after exactly one more iteration
    QCoreApplication.processEvents()
    assert panel.iteration == 2
    panel.stop_action.trigger()
    result = _wait_finished(qtbot, panel)
    assert result.iterations == 2
    assert stack.count() == 1
    stack.undo()
    assert _same(_params(lesson.network), before)


def test_event_loop_stays_responsive_while_training(qtbot, setup):
    panel, plot, boundary, _lesson, _stack = setup
    panel.choose_dataset("xor")
    _configure(panel, "adam", 0.05, 20_000)
    ticks: list[bool] = []  # for each tick of a 5 ms timer: was the run still going?
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(panel.is_running()))
    timer.start()
    panel.train_action.trigger()
    _wait_finished(qtbot, panel)
    timer.stop()
    assert len(ticks) > 10
    assert sum(ticks) > 10  # it served its timers during the run, not only after (stall times: bench/gui_training.py)
    assert boundary.redraw_count > 1
    assert plot.point_count() > 0


def test_divergence_shows_a_message_and_keeps_finite_weights(qtbot, setup):
    panel, _plot, _boundary, lesson, _stack = setup
    panel.choose_dataset("linear")
    assert lesson.network.sizes == [1, 4, 1]
    assert lesson.network.activation(2) == "linear"
    assert lesson.network.loss == "half_sse"
    _configure(panel, "sgd", 1e6, 500)
    panel.train_action.trigger()
    result = _wait_finished(qtbot, panel)
    assert result.status == "diverged"
    assert "diverged" in panel.message()
    assert "smaller learning rate" in panel.message()
    weights, biases = _params(lesson.network)
    assert all(np.all(np.isfinite(w)) for w in weights + biases)
    assert panel.train_action.isEnabled()


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.mark.parametrize(("rows", "expected"), [
    ([["x1", "x2", "y"], ["1", "2", "0"], ["3", "4"]], "row 3"),
    ([["x1", "x2", "y"], ["1", "2", "0"], ["3", "4", "1"], ["5", "abc", "0"]], "row 4, column 'x2'"),
])
def test_a_bad_csv_names_the_row_and_column_and_keeps_the_data(qtbot, setup, tmp_path, rows, expected):
    panel, _plot, _boundary, lesson, stack = setup
    data_before = lesson.data
    path = _write(tmp_path / "bad.csv", rows)
    assert not panel.import_csv(path, ["y"], classification=False)
    assert expected in panel.message()
    assert "not imported" in panel.message()
    assert lesson.data is data_before
    assert stack.count() == 0


def test_a_good_csv_becomes_the_data_and_can_be_undone(qtbot, setup, tmp_path):
    panel, _plot, _boundary, lesson, stack = setup
    rows = [["a", "b", "c", "label"]] + [[str(i), str(i % 3), str(i * 0.5), ["cat", "dog", "fox"][i % 3]]
                                         for i in range(30)]
    path = _write(tmp_path / "animals.csv", rows)
    assert panel.import_csv(path, ["label"], classification=True)
    assert lesson.network.sizes == [3, 4, 3]
    assert lesson.network.activation(2) == "softmax"
    assert lesson.network.loss == "cross_entropy"
    assert len(lesson.data) == 30
    assert "softmax" in panel.message()
    stack.undo()
    assert lesson.network.sizes == [2, 4, 1]
    assert len(lesson.data) == 200


def test_undo_after_a_run_restores_the_weights_exactly(qtbot, setup):
    panel, _plot, _boundary, lesson, stack = setup
    before = _params(lesson.network)
    _configure(panel, "momentum", 0.1, 300)
    panel.train_action.trigger()
    result = _wait_finished(qtbot, panel)
    trained = _params(lesson.network)
    assert _same(trained, (result.weights, result.biases))
    assert stack.count() == 1
    assert "Train 300 iterations" in stack.text(0)
    stack.undo()
    assert _same(_params(lesson.network), before)
    stack.redo()
    assert _same(_params(lesson.network), trained)


def test_the_worker_ends_where_headless_train_ends(qtbot):
    lesson = _lesson()
    config = TrainingConfig(optimizer="adam", learning_rate=0.05, iterations=300, batch_size=16, test_fraction=0.2)
    worker = TrainingWorker(lesson.network, lesson.data, config)
    rows = []
    worker.losses_reported.connect(rows.extend)
    worker.run()  # in this thread: the same loop the QThread runs
    headless = lesson.network.copy()
    expected = train(headless, lesson.data, config)
    assert worker.result.status == expected.status == "finished"
    assert _same((worker.result.weights, worker.result.biases), _params(headless))
    assert [row[0] for row in rows] == [row["iteration"] for row in expected.history]
    assert [row[1] for row in rows] == [row["loss"] for row in expected.history]


def test_picking_a_dataset_adapts_the_network_and_explains(qtbot, setup):
    panel, _plot, boundary, lesson, stack = setup
    panel.choose_dataset("spiral")
    assert lesson.network.sizes == [2, 4, 3]
    assert lesson.network.loss == "cross_entropy"
    message = panel.message()
    assert "output layer now has 3 neurons" in message
    assert "cross_entropy" in message
    qtbot.waitUntil(lambda: boundary.redraw_count > 0)
    assert "Most likely class" in boundary.caption.text()
    stack.undo()
    assert lesson.network.sizes == [2, 4, 1]
    assert lesson.network.loss == "bce"


def test_changing_lesson_stops_the_run_and_its_thread(qtbot, setup):
    panel, _plot, _boundary, _current, stack = setup
    _configure(panel, "sgd", 0.01, 10_000_000)
    panel.train_action.trigger()
    qtbot.waitUntil(lambda: panel.iteration > 0, timeout=RUN_TIMEOUT_MS)
    thread = panel.run.thread
    other = _lesson()
    panel.set_lesson(other)
    assert not panel.is_running()
    assert not thread.isRunning()
    assert stack.count() == 0  # nothing from the abandoned run reaches the undo stack
    qtbot.wait(100)
    assert panel.lesson is other


def test_reset_weights_is_seeded_and_undoable(qtbot, setup):
    panel, _plot, _boundary, lesson, stack = setup
    before = _params(lesson.network)
    panel.seed_box.setValue(7)
    panel.reset_weights_action.trigger()
    first = _params(lesson.network)
    assert not _same(first, before)
    stack.undo()
    assert _same(_params(lesson.network), before)
    panel.reset_weights_action.trigger()
    assert _same(_params(lesson.network), first)


def test_boundary_shows_a_hidden_neurons_own_map(qtbot, setup):
    _panel, _plot, boundary, _lesson, _stack = setup
    qtbot.waitUntil(lambda: boundary.redraw_count > 0)
    assert "Network output" in boundary.caption.text()
    boundary.show_neuron(1, 2)
    assert "Hidden layer 1, neuron 3" in boundary.caption.text()
    hidden = boundary.image.image.copy()
    boundary.show_neuron(-1, -1)
    assert "Network output" in boundary.caption.text()
    assert not np.array_equal(hidden, boundary.image.image)
    assert len(boundary.train_points.data) == 200


def test_loss_plot_hover_log_scale_and_exports(qtbot, tmp_path):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(700, 450)
    plot.show()
    qtbot.waitExposed(plot)
    for i in range(20):
        plot.append(i, 1.0 / (i + 1), 2.0 / (i + 1), i / 20)
    qtbot.waitUntil(lambda: plot.accuracy_widget.isVisible())
    qtbot.wait(100)  # let the view range follow the data
    scene_pos = plot.plot.vb.mapViewToScene(QPointF(5.2, 0.5))
    plot._on_mouse_moved(scene_pos)
    assert "Iteration 5" in plot.readout.text()
    assert "test loss" in plot.readout.text()
    # numbers by the one rule every number shown follows (engine.formula.fmt): 1/6 and 2/6 to four decimals
    assert plot.readout.text().split(" · ")[:3] == ["Iteration 5", "loss 0.1667", "test loss 0.3333"]
    plot.log_box.setChecked(True)
    plot.append(20, 0.0, None, None)  # a zero loss on a log axis draws without trouble
    qtbot.waitUntil(lambda: plot.train_curve.xData is not None and len(plot.train_curve.xData) == 21)
    assert plot.train_curve.yData[-1] == TINY  # drawn at the axis' floor, not log(0)
    plot.export_csv(tmp_path / "loss.csv")
    assert (tmp_path / "loss.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, for Excel
    lines = (tmp_path / "loss.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "iteration,loss,test_loss,accuracy"
    assert len(lines) == 22
    assert lines[-1] == "20,0.0,,"
    plot.export_png(tmp_path / "loss.png")
    assert (tmp_path / "loss.png").stat().st_size > 1000
    plot.clear()
    assert plot.point_count() == 0


def test_the_main_window_trains_and_stops_its_thread_on_lesson_change(qtbot):
    from gui.paths import EXAMPLES
    from gui.window.main_window import MainWindow

    window = MainWindow(language="en")
    qtbot.addWidget(window)
    window.open_path(EXAMPLES / "xor.json", remember=False)
    window.show()
    qtbot.waitExposed(window)
    training = window.training
    assert window.findChild(TrainingPanel, "trainingPanel") is training.panel
    assert window.findChild(LossPlot, "lossPlot") is training.loss_plot
    action = window.findChild(type(training.panel.train_action), "actionTrain")
    assert action is training.panel.train_action
    training.panel.set_length(1000)
    action.trigger()
    result = _wait_finished(qtbot, training.panel)
    assert result.final["loss"] < 0.05
    qtbot.waitUntil(lambda: training.loss_plot.point_count() == result.iterations // 20 + 1)
    window.undo_stack.undo()  # one command for the whole run
    assert window.undo_stack.index() == 1  # only the length (an undoable setting) stays to undo
    assert window.undo_stack.undoText() == "Change training length"
    training.panel.set_length(10_000_000)
    action.trigger()
    qtbot.waitUntil(lambda: training.panel.iteration > 0, timeout=RUN_TIMEOUT_MS)
    thread = training.panel.run.thread
    window.open_path(EXAMPLES / "moons.json", remember=False)
    assert not thread.isRunning()
    assert not training.panel.is_running()
    assert training.panel.lesson is window.lesson
    window.undo_stack.setClean()


# ----------------------------------------------------------------- consecutive runs, labels, wording


def _train(qtbot, panel, length):
    panel.set_length(length)
    panel.last_result = None
    panel.train_action.trigger()
    return _wait_finished(qtbot, panel)


def test_two_runs_in_a_row_make_one_continuous_curve(qtbot, setup):
    panel, plot, _boundary, _lesson, stack = setup
    _configure(panel, "sgd", 0.5, 300)
    first = _train(qtbot, panel, 300)
    qtbot.waitUntil(lambda: plot.point_count() == 301)
    first_last = plot.columns()[0][-1]
    first_loss = plot.columns()[1][-1]
    assert first_last == 300
    second = _train(qtbot, panel, 200)
    assert (first.iterations, second.iterations) == (300, 200)
    qtbot.waitUntil(lambda: plot.point_count() == 501)  # one point per reported iteration, none twice
    iterations, losses, _test, _acc = plot.columns()
    assert np.all(np.diff(iterations) > 0)  # strictly increasing
    np.testing.assert_array_equal(iterations, np.arange(501))
    assert iterations[301] == first_last + 1  # the second run's first point continues the first's last
    assert losses[300] == first_loss  # the first run's points are kept
    assert losses[-1] == pytest.approx(second.final["loss"])
    assert panel.history_end() == 500
    runs = [stack.text(k) for k in range(stack.count()) if stack.text(k).startswith("Train ")]
    assert runs == ["Train 300 iterations", "Train 200 iterations"]  # still one undo command per run


def test_a_continued_run_with_sparser_reports_still_increases(qtbot, setup):
    panel, plot, _boundary, _lesson, _stack = setup
    _configure(panel, "sgd", 0.5, 10)
    _train(qtbot, panel, 10)
    _train(qtbot, panel, 12_000)  # more than MAX_PLOT_POINTS: every 3rd iteration is reported
    qtbot.waitUntil(lambda: plot.point_count() == 11 + 4000)
    iterations = plot.columns()[0]
    assert np.all(np.diff(iterations) > 0)
    assert (iterations[10], iterations[11], iterations[-1]) == (10, 13, 12_010)


def test_reset_weights_and_undo_clear_the_plot(qtbot, setup):
    panel, plot, _boundary, _lesson, stack = setup
    _configure(panel, "sgd", 0.5, 100)
    _train(qtbot, panel, 100)
    qtbot.waitUntil(lambda: plot.point_count() == 101)
    panel.reset_weights_action.trigger()
    assert plot.point_count() == 0
    assert panel.history_end() is None
    _train(qtbot, panel, 50)
    qtbot.waitUntil(lambda: plot.point_count() == 51)
    np.testing.assert_array_equal(plot.columns()[0], np.arange(51))  # counted from 0 again
    _train(qtbot, panel, 50)
    qtbot.waitUntil(lambda: plot.point_count() == 101)
    stack.undo()  # the weights from before the second run: its points no longer belong
    assert plot.point_count() == 0
    _train(qtbot, panel, 20)
    qtbot.waitUntil(lambda: plot.point_count() == 21)
    assert plot.columns()[0][0] == 0


def test_new_data_or_a_new_split_clears_the_plot(qtbot, setup):
    panel, plot, _boundary, _lesson, _stack = setup
    _configure(panel, "sgd", 0.5, 30)
    _train(qtbot, panel, 30)
    qtbot.waitUntil(lambda: plot.point_count() == 31)
    panel.test_box.setValue(0.25)
    assert plot.point_count() == 31  # the last run's curve stays until a run with the new split starts
    _train(qtbot, panel, 30)
    qtbot.waitUntil(lambda: plot.point_count() == 31)
    assert plot.columns()[0][0] == 0  # a fresh curve: another split, another loss
    panel.choose_dataset("circles")
    assert plot.point_count() == 0
    assert panel.history_end() is None


def test_changing_only_the_settings_keeps_the_history(qtbot, setup):
    panel, plot, _boundary, _lesson, _stack = setup
    _configure(panel, "sgd", 0.5, 30)
    _train(qtbot, panel, 30)
    _configure(panel, "adam", 0.01, 30)
    _train(qtbot, panel, 30)
    qtbot.waitUntil(lambda: plot.point_count() == 61)
    assert plot.columns()[0][-1] == 60


def test_empty_status_labels_take_no_room(qtbot, setup):
    panel, _plot, _boundary, _lesson, _stack = setup
    labels = (panel.rate_label, panel.result_label, panel.message_label)
    assert [label.objectName() for label in labels] == ["trainingRate", "trainingResult", "trainingMessage"]
    assert not any(label.isVisibleTo(panel) for label in labels)
    # Nothing between the progress bar and the Data group.
    data_box = panel.size_box.parentWidget()
    gap = data_box.geometry().top() - panel.progress.geometry().bottom()
    assert gap <= 2 * panel.layout().spacing() + 1
    _configure(panel, "sgd", 0.5, 50)
    _train(qtbot, panel, 50)
    assert panel.result_label.isVisibleTo(panel)
    assert panel.message_label.isVisibleTo(panel)
    panel.choose_dataset("xor")  # new data: the result of the last run is cleared, and hidden
    assert not panel.result_label.isVisibleTo(panel)
    assert panel.message_label.isVisibleTo(panel)


def test_the_data_sentence_says_one_input_and_one_output(qtbot, setup):
    panel, _plot, _boundary, _lesson, _stack = setup
    panel.choose_dataset("linear")
    message = panel.message()
    assert message.startswith("Now training on Linear regression: ")
    assert ", 1 input, 1 output." in message
    assert "1 inputs" not in message
    assert "1 outputs" not in message
    panel.choose_dataset("spiral")
    assert ", 2 inputs, 3 outputs." in panel.message()


def test_one_iteration_reads_singular(qtbot, setup):
    panel, _plot, _boundary, _lesson, stack = setup
    _configure(panel, "sgd", 0.5, 1)
    _train(qtbot, panel, 1)
    assert stack.text(0) == "Train 1 iteration"
    assert "Finished 1 iteration." in panel.message()


def test_an_imported_csv_is_recorded_and_shown_again_after_reopening(qtbot, tmp_path):
    from gui.paths import EXAMPLES
    from gui.window.main_window import MainWindow

    rows = [["a", "b", "label"]] + [[str(i), str(i % 4), str(i % 2)] for i in range(24)]
    csv_path = _write(tmp_path / "coins.csv", rows)
    window = MainWindow(language="en")
    qtbot.addWidget(window)
    window.open_path(EXAMPLES / "xor.json", remember=False)
    panel = window.training.panel
    assert panel.import_csv(csv_path, ["label"], classification=True)
    record = {"name": "csv", "file": "coins.csv", "targets": ["label"], "classification": True}
    assert window.document.extra["dataset"] == record
    assert panel.dataset_box.currentText() == "CSV: coins.csv"
    window.undo_stack.undo()  # the picker follows the undo back to the lesson's own dataset
    assert window.document.extra["dataset"]["name"] == "xor"
    assert panel.dataset_box.currentData() == "xor"
    window.undo_stack.redo()
    assert panel.dataset_box.currentText() == "CSV: coins.csv"
    saved = tmp_path / "coins_lesson.json"
    assert window._write(saved)

    other = MainWindow(language="en")  # a fresh picker that never imported the file
    qtbot.addWidget(other)
    assert other.open_path(saved, remember=False)
    reopened = other.training.panel
    assert other.document.extra["dataset"] == record
    assert reopened.dataset_box.currentText() == "CSV: coins.csv"
    assert str(reopened.dataset_box.currentData()).startswith("csv:")
    assert not reopened.size_box.isEnabled()  # a file has no size or noise to change
    assert len(other.lesson.data) == 24
    # Picking it again uses the saved data and keeps the record.
    assert reopened.choose_dataset(reopened.dataset_box.currentData())
    assert other.document.extra["dataset"] == record
    assert len(other.lesson.data) == 24
    for win in (window, other):
        win.undo_stack.setClean()
        win.setWindowModified(False)


def test_dataset_tooltips_follow_the_interface_language(qtbot):
    panel = TrainingPanel(_lesson(), QUndoStack(), language="zh_CN")
    qtbot.addWidget(panel)
    tip = panel.dataset_box.itemData(panel.dataset_box.findData("xor"), Qt.ItemDataRole.ToolTipRole)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in tip)


def test_a_new_lesson_does_not_show_the_last_lessons_results(qtbot, setup):
    panel, plot, _boundary, _lesson_now, _stack = setup
    _configure(panel, "adam", 0.05, 200)
    panel.train_action.trigger()
    _wait_finished(qtbot, panel)
    assert panel.result_label.isVisible()
    assert panel.progress.value() > 0
    panel.set_lesson(_lesson())
    assert not panel.result_label.isVisible()
    assert not panel.rate_label.isVisible()
    assert panel.progress.value() == 0
    assert plot.point_count() == 0


@pytest.mark.parametrize("record", [{"name": "xor", "size": "x"}, {"name": "xor", "size": None},
                                    {"name": "xor", "size": [1]}, {"name": "xor", "size": 1e10},
                                    {"name": "xor", "seed": 4_000_000_000}, {"name": "xor", "noise": float("nan")}])
def test_an_odd_dataset_record_in_a_file_falls_back_quietly(qtbot, record):
    lesson = _lesson()
    lesson.document.extra["dataset"] = record
    panel = TrainingPanel(lesson, QUndoStack())
    qtbot.addWidget(panel)
    assert 1 <= panel.size_box.value() <= panel.size_box.maximum()
    assert 0 <= panel.seed_box.value() <= panel.seed_box.maximum()
    panel.shutdown()
