"""The training panel shows and keeps every file setting exactly (the engine's ranges), trains a
file as the command line does, takes the wheel only when a box is focused, and imports large
CSV files on a worker with progress and Cancel."""

from __future__ import annotations

import argparse
import copy
import io
import json
import threading

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QUndoStack, QWheelEvent
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea

from engine.cli_train import run_train
from engine.config import RANGES, TrainingConfig
from engine.document import loads
from engine.lesson import NetworkLesson
from engine.training import train
from gui.messages import engine_message
from gui.training import worker as training_worker
from gui.training.loss_plot import LossPlot
from gui.training.panel import TrainingPanel
from tests.gui.languages import in_chinese

TIMEOUT_MS = 60_000

LESSON = {
    "format": "backprop-studio", "version": 1,
    "network": {"layers": [{"size": 2}, {"size": 3, "activation": "tanh"}, {"size": 1, "activation": "sigmoid"}],
                "loss": "bce", "weight_decay": 0.0},
    "data": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.2]], "targets": [[0], [1], [1], [0], [1]]},
    "training": {"optimizer": "adam", "learning_rate": 0.05, "iterations": 40, "seed": 1},
}

# Each is outside what the old boxes could show (clamped to 1e-4..1e6 and λ ≤ 100, rounded to 4 or 2
# decimals, seeds below 2³¹, batches up to 100,000, at least one iteration) and inside the engine's range.
ODD_SETTINGS = [
    ({"learning_rate": 5e-5}, 0.0),
    ({"learning_rate": 0.123456789, "test_fraction": 0.123}, 150.5),
    ({"seed": 2**32 - 1, "batch_size": 10**7, "optimizer": "momentum", "momentum": 0.5}, 1e-7),
    ({"iterations": 0, "learning_rate": RANGES["learning_rate"].high}, RANGES["weight_decay"].high),
    ({"epochs": 3, "iterations": 9, "batch_size": 2, "beta1": 0.5, "beta2": 0.25, "eps": 1e-3}, 0.01),
]


def _doc(training, weight_decay):
    raw = copy.deepcopy(LESSON)
    raw["training"].update(training)
    raw["network"]["weight_decay"] = weight_decay
    return loads(json.dumps(raw)), raw


def _panel(qtbot, lesson, stack=None):
    panel = TrainingPanel(lesson, stack or QUndoStack())
    qtbot.addWidget(panel)
    return panel


def _wait(qtbot, panel):
    qtbot.waitUntil(lambda: not panel.is_running() and panel.last_result is not None, timeout=TIMEOUT_MS)
    return panel.last_result


# ---------------------------------------------------------------- one range, shown exactly
@pytest.mark.parametrize(("training", "weight_decay"), ODD_SETTINGS)
def test_every_setting_of_a_file_round_trips_through_the_panel(qtbot, training, weight_decay):
    doc, _raw = _doc(training, weight_decay)
    expected = TrainingConfig(**doc.training.to_dict())
    panel = _panel(qtbot, NetworkLesson(doc))
    assert panel.config() == expected
    assert panel.decay_box.value() == weight_decay
    panel.train_action.trigger()  # the run stores the panel's settings back into the lesson
    _wait(qtbot, panel)
    assert doc.training == expected
    assert doc.network.weight_decay == weight_decay
    panel.shutdown()


def test_the_boxes_take_their_limits_from_the_engine_table(qtbot):
    doc, _ = _doc({}, 0.0)
    panel = _panel(qtbot, NetworkLesson(doc))
    for box, key in ((panel.lr_box, "learning_rate"), (panel.decay_box, "weight_decay"),
                     (panel.test_box, "test_fraction"), (panel.seed_box, "seed"),
                     (panel.batch_box, "batch_size"), (panel.length_box, "iterations")):
        assert (box.minimum(), box.maximum()) == (RANGES[key].low, RANGES[key].high), key
    panel.set_length(5, "epochs")
    assert (panel.length_box.minimum(), panel.length_box.maximum()) == (1, RANGES["epochs"].high)
    panel.lr_box.setValue(5e-5)
    assert panel.lr_box.text() == "5e-05"


def _args(path):
    return argparse.Namespace(file=str(path), out=None, iterations=None, learning_rate=None, optimizer=None,
                              batch_size=None, seed=None)


@pytest.mark.parametrize(("training", "weight_decay"), [({"learning_rate": 5e-5, "iterations": 300}, 150.0),
                                                        ({"learning_rate": 2.0, "optimizer": "sgd"}, 250.0)])
def test_the_window_and_the_command_line_train_a_file_alike(qtbot, tmp_path, training, weight_decay):
    doc, raw = _doc(training, weight_decay)
    path = tmp_path / "lesson.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    out = io.StringIO()
    cli_code = run_train(_args(path), out, io.StringIO())
    reference, _ = _doc(training, weight_decay)
    expected = train(reference.network, reference.data, reference.training)
    panel = _panel(qtbot, NetworkLesson(doc))
    panel.train_action.trigger()
    result = _wait(qtbot, panel)
    assert result.status == expected.status
    assert cli_code == (1 if expected.status == "diverged" else 0)
    assert result.iterations == expected.iterations
    for layer in (1, 2):
        np.testing.assert_array_equal(doc.network.weights(layer), reference.network.weights(layer))
        np.testing.assert_array_equal(doc.network.biases(layer), reference.network.biases(layer))
    assert out.getvalue().splitlines()[0] == f"final loss: {result.final['loss']:.10g}"
    if expected.status == "diverged":  # η·λ = 500: the decay alone grows the weights; the panel says so
        assert "smaller weight decay λ" in panel.message()
    panel.shutdown()


def test_the_new_messages_read_in_chinese(qapp):
    from engine.config import TrainingConfig
    from engine.errors import StudioError, ValidationError
    from engine.messages import Message

    with pytest.raises(StudioError) as beta:
        TrainingConfig.from_dict({"beta1": 1})
    inf = Message("train.loss_became", value="inf")
    texts = [beta.value, Message("train.diverged_decay", iteration=3, what=inf),
             Message("train.diverged_at_start", what=inf),
             ValidationError(Message("where.column", column="'label'"), Message("csv.max_classes", count=1025,
                                                                                limit=1024))]
    assert [str(text) for text in texts] == [
        "training.beta1: expected a number in [0, 1), got 1",
        "Training diverged at iteration 3: the loss became inf. "
        "Try a smaller learning rate or a smaller weight decay λ.",
        "Training diverged at the start: the loss became inf. The data or the starting weights are too large.",
        "column 'label': has 1025 classes; at most 1024 (one output neuron per class)"]
    with in_chinese():
        chinese = [engine_message(text) for text in texts]
    assert chinese[0] == "训练 ▸ β₁: 应为 [0, 1) 内的数，实际为 1"  # the place in the user's words
    for english, text in zip(texts, chinese, strict=True):
        assert text != str(english)
        assert "Try" not in text
        assert "classes" not in text
        assert "starting" not in text


# ---------------------------------------------------------------- the wheel
def _wheel(widget, up=True):
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, widget.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120 if up else -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


@pytest.fixture
def scrolled(qtbot):
    """The panel in a short scroll area (as in its dock), with a loss plot, after a 100-iteration run."""
    doc, _ = _doc({"optimizer": "sgd", "learning_rate": 0.5, "iterations": 100}, 0.0)
    lesson, stack = NetworkLesson(doc), QUndoStack()
    panel = TrainingPanel(lesson, stack)
    plot = LossPlot()
    panel.history_cleared.connect(plot.clear)
    panel.losses_reported.connect(plot.append_rows)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(panel)
    scroll.resize(320, 220)
    qtbot.addWidget(plot)  # counted, not shown: the scroll area stays the active window
    qtbot.addWidget(scroll)
    scroll.show()
    qtbot.waitExposed(scroll)
    panel.train_action.trigger()
    _wait(qtbot, panel)
    qtbot.waitUntil(lambda: plot.point_count() == 101, timeout=TIMEOUT_MS)
    yield panel, plot, scroll, stack
    panel.shutdown()


def _shown(box):
    return box.currentIndex() if hasattr(box, "currentIndex") else box.value()


def test_the_wheel_over_an_unfocused_box_goes_to_the_scroll_area_and_changes_nothing(qtbot, scrolled):
    panel, plot, scroll, stack = scrolled
    assert scroll.verticalScrollBar().maximum() > 0  # there is something to scroll
    if (focused := QApplication.focusWidget()) is not None:
        focused.clearFocus()  # the window's first control may hold focus when the window becomes active
    boxes = (panel.test_box, panel.lr_box, panel.decay_box, panel.batch_box, panel.length_box, panel.seed_box,
             panel.optimizer_box, panel.unit_box, panel.dataset_box, panel.size_box, panel.noise_box)
    for box in boxes:
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives no focus
        assert not box.hasFocus()
        before = _shown(box)
        for up in (True, True, False):
            # Not accepted: Qt hands a real (spontaneous) wheel event on to the scroll area, which scrolls.
            assert not _wheel(box, up=up), box.objectName()
        assert _shown(box) == before, box.objectName()
    assert plot.point_count() == 101
    assert stack.count() == 1
    assert panel.history_end() == 100


def test_a_focused_box_wheeled_up_and_back_changes_nothing(qtbot, scrolled):
    panel, plot, scroll, stack = scrolled
    scroll.ensureWidgetVisible(panel.test_box)
    scroll.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is scroll)
    qtbot.mouseClick(panel.test_box.lineEdit(), Qt.MouseButton.LeftButton)
    assert panel.test_box.hasFocus()
    _wheel(panel.test_box, up=True)
    assert panel.test_box.value() == 0.05  # focused, the wheel edits
    _wheel(panel.test_box, up=False)
    assert panel.test_box.value() == 0.0
    assert plot.point_count() == 101  # the curve is not cleared
    assert stack.count() == 1
    assert panel.history_end() == 100
    panel.train_action.trigger()
    _wait(qtbot, panel)
    qtbot.waitUntil(lambda: plot.point_count() == 201, timeout=TIMEOUT_MS)  # the next run continues it


def test_stepping_a_dataset_setting_and_back_adds_no_undo_entry_and_no_modified_flag(qtbot, window):
    panel = window.training.panel
    assert panel.choose_dataset("xor")
    count = window.undo_stack.count()
    window.undo_stack.setClean()
    window.training.panel_dock.raise_()
    box = panel.size_box
    panel.window().activateWindow()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    _wheel(box, up=True)
    _wheel(box, up=False)
    qtbot.waitUntil(lambda: not panel.regenerate_timer.isActive())
    assert window.undo_stack.count() == count
    assert not window.isWindowModified()


# ---------------------------------------------------------------- CSV import at scale
def _big_csv(path, rows=100_000, classes=2):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(rows, 2))
    labels = rng.integers(0, classes, size=rows)
    body = "".join(f"{a!r},{b!r},k{c}\n" for (a, b), c in zip(x.tolist(), labels.tolist(), strict=True))
    path.write_text("x1,x2,label\n" + body, encoding="utf-8")
    return x, labels


def test_a_large_csv_is_imported_on_a_worker_with_progress(qtbot, tmp_path, monkeypatch):
    x, labels = _big_csv(tmp_path / "big.csv")
    doc, _ = _doc({}, 0.0)
    lesson, stack = NetworkLesson(doc), QUndoStack()
    panel = _panel(qtbot, lesson, stack)
    seen = []  # (dialog shown, its value) at each tick while the import runs
    progress_seen = threading.Event()
    first_progress = training_worker.CsvImportWorker.progress

    def held(self, done, total):  # after a report the worker waits until the window has shown it (at most 30 s)
        first_progress(self, done, total)
        if done > 0:
            progress_seen.wait(30)

    monkeypatch.setattr(training_worker.CsvImportWorker, "progress", held)

    def tick():
        if panel.import_dialog is not None:
            seen.append((panel.import_dialog.isVisible(), panel.import_dialog.value()))
            if seen[-1][0] and seen[-1][1] > 0:
                progress_seen.set()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    assert panel.import_csv(tmp_path / "big.csv", ["label"], classification=True)
    timer.stop()
    assert seen  # the event loop ran during the import
    assert any(shown and value > 0 for shown, value in seen)  # and the dialog showed progress
    np.testing.assert_array_equal(lesson.data.inputs, x)
    np.testing.assert_array_equal(lesson.data.targets.ravel(), labels.astype(float))  # "k0" < "k1"
    assert stack.count() == 1
    assert panel.import_dialog is None
    assert panel.csv_import is None


def test_cancel_leaves_the_data_unchanged(qtbot, tmp_path, monkeypatch):
    _big_csv(tmp_path / "big.csv", rows=20_000)
    release = threading.Event()
    first_progress = training_worker.CsvImportWorker.progress

    def held(self, done, total):  # the worker waits after its first report until the test has clicked
        first_progress(self, done, total)
        release.wait(30)

    monkeypatch.setattr(training_worker.CsvImportWorker, "progress", held)
    doc, _ = _doc({}, 0.0)
    lesson, stack = NetworkLesson(doc), QUndoStack()
    before = lesson.data
    panel = _panel(qtbot, lesson, stack)
    assert panel.start_import_csv(tmp_path / "big.csv", ["label"], classification=True)
    dialog = panel.import_dialog
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=TIMEOUT_MS)
    assert not panel.train_action.isEnabled()  # no training while the data may change
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: panel.csv_import is None, timeout=TIMEOUT_MS)
    assert lesson.data is before
    assert stack.count() == 0
    assert "cancelled" in panel.message()
    assert panel.train_action.isEnabled()


def test_a_csv_with_too_many_classes_is_refused_with_a_message(qtbot, tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("x,label\n" + "".join(f"{k},c{k}\n" for k in range(1025)), encoding="utf-8")
    doc, _ = _doc({}, 0.0)
    lesson, stack = NetworkLesson(doc), QUndoStack()
    before = lesson.data
    panel = _panel(qtbot, lesson, stack)
    assert not panel.import_csv(path, ["label"], classification=True)
    assert "has 1025 classes; at most 1024" in panel.message()
    assert "not imported" in panel.message()
    assert lesson.data is before
    assert stack.count() == 0


def test_typed_values_are_read_exactly_and_out_of_range_text_is_not_taken(qtbot):
    doc, _ = _doc({}, 0.0)
    panel = _panel(qtbot, NetworkLesson(doc))
    panel.show()
    qtbot.waitExposed(panel)
    for box, text, expected in ((panel.lr_box, "1e-5", 1e-5), (panel.lr_box, "0.123456789", 0.123456789),
                                (panel.decay_box, "250.5", 250.5), (panel.seed_box, "4000000000", 4_000_000_000)):
        box.lineEdit().selectAll()
        qtbot.keyClicks(box.lineEdit(), text)
        qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
        assert box.value() == expected
    panel.test_box.lineEdit().selectAll()
    qtbot.keyClicks(panel.test_box.lineEdit(), "0.95")  # above the engine's 0.9: not acceptable
    qtbot.keyClick(panel.test_box.lineEdit(), Qt.Key.Key_Return)
    assert panel.test_box.value() <= RANGES["test_fraction"].high
    assert panel.config().test_fraction in RANGES["test_fraction"]


@pytest.mark.parametrize("text", ["²", "³7", "9" * 5000])
def test_a_whole_number_box_refuses_superscripts_and_endless_digits_without_an_error(qtbot, text):
    doc, _ = _doc({}, 0.0)
    panel = _panel(qtbot, NetworkLesson(doc))
    panel.show()
    qtbot.waitExposed(panel)
    before = panel.seed_box.value()
    panel.seed_box.lineEdit().selectAll()
    if len(text) == 1:
        qtbot.keyClicks(panel.seed_box.lineEdit(), text)
    else:
        panel.seed_box.lineEdit().insert(text)  # as a paste does
    qtbot.keyClick(panel.seed_box.lineEdit(), Qt.Key.Key_Return)
    assert panel.seed_box.value() == before
    assert panel.config().seed == before


def _in_range(key):
    allowed = RANGES[key]
    if allowed.whole:
        return st.integers(int(allowed.low), int(allowed.high))
    return st.floats(allowed.low, allowed.high, exclude_min=allowed.low_open, exclude_max=allowed.high_open)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking: each example builds a panel
@given(values=st.fixed_dictionaries({key: _in_range(key) for key in
                                     ("learning_rate", "batch_size", "iterations", "epochs", "seed", "momentum",
                                      "beta1", "beta2", "eps", "test_fraction", "weight_decay")}),
       optimizer=st.sampled_from(["sgd", "momentum", "adam"]))
@example(values={"learning_rate": 5e-324, "batch_size": 0, "iterations": 0, "epochs": 0, "seed": 0, "momentum": 0.0,
                 "beta1": 0.0, "beta2": 0.0, "eps": 5e-324, "test_fraction": 0.0, "weight_decay": 5e-324},
         optimizer="sgd")  # the smallest subnormal: below what 323 decimals can hold
def test_any_setting_in_range_is_shown_and_given_back_unchanged(qtbot, values, optimizer):
    weight_decay = values.pop("weight_decay")
    doc, _ = _doc({**values, "optimizer": optimizer}, weight_decay)
    panel = _panel(qtbot, NetworkLesson(doc))
    assert panel.config() == doc.training
    assert panel.decay_box.value() == weight_decay
    panel.shutdown()


@pytest.mark.parametrize(("error", "said"), [(MemoryError(), "not enough memory"), (RuntimeError("x"), "RuntimeError")])
def test_a_worker_failure_is_a_message_and_the_data_stays(qtbot, tmp_path, monkeypatch, error, said):
    def fail(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(training_worker, "load_csv", fail)
    path = tmp_path / "small.csv"
    path.write_text("a,b\n1,0\n2,1\n", encoding="utf-8")
    doc, _ = _doc({}, 0.0)
    lesson = NetworkLesson(doc)
    before = lesson.data
    panel = _panel(qtbot, lesson)
    assert not panel.import_csv(path, ["b"], classification=True)
    assert said in panel.message()
    assert "not imported" in panel.message()
    assert lesson.data is before
