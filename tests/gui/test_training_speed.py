"""Training speed: a class watches a paced run; Stop, Pause and a new speed act at once."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QUndoStack

from engine.config import TrainingConfig
from engine.datasets import generate
from engine.document import Document
from engine.lesson import NetworkLesson
from engine.network import make_network
from engine.training import Trainer
from gui.training.loss_plot import LossPlot
from gui.training.panel import TrainingPanel
from gui.training.speed import SPEED_KEY, SPEEDS
from gui.training.worker import TrainingRun, TrainingWorker

RUN_TIMEOUT_MS = 60_000


def _xor_lesson() -> NetworkLesson:
    network = make_network([2, 4, 1], ["tanh", "sigmoid"], loss="bce", seed=0)
    config = TrainingConfig(optimizer="sgd", learning_rate=0.5, iterations=2000, eval_every=20)
    return NetworkLesson(Document(network=network, data=generate("xor", seed=0), training=config))


@pytest.fixture
def panel(qtbot):
    lesson = _xor_lesson()
    panel = TrainingPanel(lesson, QUndoStack())
    plot = LossPlot()
    panel.history_cleared.connect(plot.clear)
    panel.losses_reported.connect(plot.append_rows)
    panel.plot = plot
    for widget in (panel, plot):
        qtbot.addWidget(widget)
        widget.show()
    yield panel
    panel.shutdown()


def _choose_speed(qtbot, panel, speed):
    """Pick ``speed`` in the speed box with the keyboard, as a teacher would."""
    box = panel.speed_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(SPEEDS.index(speed)):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert panel.speed() == speed


def _wait_finished(qtbot, panel):
    qtbot.waitUntil(lambda: not panel.is_running() and panel.last_result is not None, timeout=RUN_TIMEOUT_MS)
    return panel.last_result


def test_a_slow_run_goes_one_iteration_at_a_time_and_stop_ends_it(qtbot, panel):
    _choose_speed(qtbot, panel, 1)
    assert panel.speed_box.currentText() == "1 iteration per second"
    qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.iteration >= 1, timeout=RUN_TIMEOUT_MS)
    assert panel.is_running()
    assert panel.iteration < 2000  # as fast as possible, XOR's 2,000 iterations take a fraction of a second
    seen = panel.iteration
    qtbot.waitUntil(lambda: panel.iteration > seen, timeout=RUN_TIMEOUT_MS)  # time passes: the next one comes
    assert panel.is_running()
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    result = _wait_finished(qtbot, panel)
    assert result.status == "stopped"
    assert seen < result.iterations < 2000
    # A paced run reports the loss of every iteration it shows, whatever the lesson's eval_every (20).
    qtbot.waitUntil(lambda: panel.plot.point_count() == result.iterations + 1)
    np.testing.assert_array_equal(panel.plot.columns()[0], np.arange(result.iterations + 1))


def test_the_fast_setting_runs_the_whole_run(qtbot, panel):
    _choose_speed(qtbot, panel, 0)
    assert panel.speed_box.currentText() == "As fast as possible"
    qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    result = _wait_finished(qtbot, panel)
    assert (result.status, result.iterations) == ("finished", 2000)
    qtbot.waitUntil(lambda: panel.plot.point_count() == 101)  # every 20th iteration, as the lesson asks


def test_speeding_up_during_a_slow_run_finishes_it(qtbot, panel):
    _choose_speed(qtbot, panel, 1)
    panel.train_action.trigger()
    qtbot.waitUntil(lambda: panel.iteration >= 1, timeout=RUN_TIMEOUT_MS)
    _choose_speed(qtbot, panel, 0)  # the box stays usable during a run
    result = _wait_finished(qtbot, panel)
    assert (result.status, result.iterations) == ("finished", 2000)


def test_pause_and_resume_a_slow_run(qtbot, panel):
    _choose_speed(qtbot, panel, 2)
    panel.train_action.trigger()
    qtbot.waitUntil(lambda: panel.iteration >= 1, timeout=RUN_TIMEOUT_MS)
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    worker = panel.run.worker
    qtbot.waitUntil(lambda: worker.waiting, timeout=RUN_TIMEOUT_MS)
    held = panel.iteration
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)  # Resume
    qtbot.waitUntil(lambda: panel.iteration > held, timeout=RUN_TIMEOUT_MS)
    assert panel.is_running()
    assert panel.iteration < 2000
    panel.stop_action.trigger()
    assert _wait_finished(qtbot, panel).status == "stopped"


def test_stop_and_pause_end_a_long_wait_between_iterations(qtbot):
    """One iteration every 1,000 s: only a wait that Stop and Pause wake can end within the test's timeouts."""
    lesson = _xor_lesson()
    config = TrainingConfig(**{**lesson.document.training.to_dict(), "eval_every": 1})
    worker = TrainingWorker(lesson.network, lesson.data, config, speed=0.001)
    run = TrainingRun(worker)
    done = []
    shown = []
    run.run_finished.connect(done.append)
    run.progressed.connect(lambda iteration, _total: shown.append(iteration))
    run.start()
    try:
        qtbot.waitUntil(lambda: bool(shown) and shown[-1] == 1)  # the first iteration goes at once, then the wait
        worker.pause()
        qtbot.waitUntil(lambda: worker.waiting)  # the pause took over from the paced wait
        worker.resume()  # a resumed run starts its pace afresh: the next iteration goes at once
        qtbot.waitUntil(lambda: shown[-1] == 2)
        worker.request_stop()
        qtbot.waitUntil(lambda: bool(done))
    finally:
        run.shutdown()
    assert (done[0].status, done[0].iterations) == ("stopped", 2)


def test_the_speed_is_remembered_on_this_machine_not_in_the_lesson(qtbot, panel):
    _choose_speed(qtbot, panel, 50)
    assert int(QSettings().value(SPEED_KEY)) == 50
    again = TrainingPanel(_xor_lesson(), QUndoStack())
    qtbot.addWidget(again)
    assert again.speed() == 50
    assert again.speed_box.currentText() == "50 iterations per second"
    assert "speed" not in str(panel.lesson.document.to_dict())
    QSettings().setValue(SPEED_KEY, "garbage")
    assert TrainingPanel(_xor_lesson(), QUndoStack()).speed() == 0


def _weights_after(network, data, config, steps):
    """The weights after ``steps`` iterations, by the engine's own trainer on a copy."""
    trainer = Trainer(network.copy(), data, config)
    for _ in range(steps):
        trainer.step()
    return trainer.parameters()


def test_a_paused_slow_run_shows_the_weights_of_the_iteration_it_paused_at(qtbot, panel):
    lesson = panel.lesson
    start, config = lesson.network.copy(), panel.config()
    _choose_speed(qtbot, panel, 2)
    panel.train_action.trigger()
    qtbot.waitUntil(lambda: panel.iteration >= 2, timeout=RUN_TIMEOUT_MS)
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.run.worker.waiting, timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: panel.rate_label.text().startswith("Paused at iteration"))
    held = panel.iteration
    expected = _weights_after(start, lesson.data, config, held)

    def shown() -> bool:
        net = lesson.network
        return all(np.array_equal(net.weights(k), expected[0][k - 1])
                   and np.array_equal(net.biases(k), expected[1][k - 1]) for k in range(1, net.depth + 1))

    qtbot.waitUntil(shown)  # the diagram and the boundary show exactly where the run is held
    assert panel.rate_label.text() == f"Paused at iteration {held}"
    panel.stop_action.trigger()
    result = _wait_finished(qtbot, panel)
    assert (result.status, result.iterations) == ("stopped", held)
    assert shown()


def test_pausing_a_fast_run_shows_the_weights_it_is_held_at(qtbot, panel):
    lesson = panel.lesson
    panel.set_length(10_000_000)
    start, config = lesson.network.copy(), panel.config()
    panel.train_action.trigger()
    qtbot.waitUntil(lambda: panel.iteration > 50, timeout=RUN_TIMEOUT_MS)
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.run.worker.waiting, timeout=RUN_TIMEOUT_MS)
    QCoreApplication.processEvents()  # what was sent before the hold arrives
    shown = [lesson.network.weights(k).copy() for k in range(1, lesson.network.depth + 1)]
    label = panel.rate_label.text()
    panel.stop_action.trigger()
    result = _wait_finished(qtbot, panel)
    assert result.status == "stopped"
    expected = _weights_after(start, lesson.data, config, result.iterations)[0]
    assert all(np.array_equal(a, b) for a, b in zip(shown, expected, strict=True))
    assert label == f"Paused at iteration {result.iterations}"  # not the last reported iteration before it


def test_a_long_slow_run_counts_every_iteration_it_shows(qtbot, panel):
    """A million iterations report their loss every 200th (the plot's cap); the count still goes one by one."""
    panel.set_length(1_000_000)
    _choose_speed(qtbot, panel, 5)
    panel.train_action.trigger()
    qtbot.waitUntil(lambda: panel.iteration >= 2, timeout=RUN_TIMEOUT_MS)
    assert panel.iteration < 200  # counted one by one, not in the steps of the loss reports
    assert panel.progress.value() == panel.iteration
    assert panel.progress.text().startswith(f"{panel.iteration} / 1000000")
    panel.stop_action.trigger()
    assert _wait_finished(qtbot, panel).status == "stopped"


def test_slowing_down_a_fast_run_shows_every_iteration_from_then_on(qtbot, panel):
    panel.set_length(10_000_000)  # the lesson reports its loss every 20th iteration, and this length every 2,000th
    panel.train_action.trigger()
    qtbot.waitUntil(lambda: panel.iteration > 0, timeout=RUN_TIMEOUT_MS)
    _choose_speed(qtbot, panel, 20)
    qtbot.waitUntil(lambda: panel.plot.point_count() >= 3, timeout=RUN_TIMEOUT_MS)
    slowed = panel.plot.point_count()
    qtbot.waitUntil(lambda: panel.plot.point_count() >= slowed + 5, timeout=RUN_TIMEOUT_MS)
    iterations = panel.plot.columns()[0]
    np.testing.assert_array_equal(np.diff(iterations[-5:]), 1)  # one point per iteration now
    panel.stop_action.trigger()
    result = _wait_finished(qtbot, panel)
    assert result.status == "stopped"
    assert result.final["iteration"] == result.iterations
