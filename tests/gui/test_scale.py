"""The largest network the app accepts: it opens, runs to the end, refuses what cannot fit, and saves."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from engine.compile import OPERATION_MAX_PARAMETERS
from engine.document import Data, Document, load
from engine.network import MAX_PARAMETERS, make_network
from gui.window.main_window import MainWindow


def _lesson_file(tmp_path, sizes, name="big.json"):
    net = make_network(sizes, "sigmoid", seed=0)
    rng = np.random.default_rng(0)
    doc = Document(network=net, data=Data(rng.uniform(-1, 1, (1, sizes[0])), rng.uniform(0, 1, (1, sizes[-1]))))
    path = tmp_path / name
    path.write_text(doc.to_json(), encoding="utf-8")
    return path


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a, **k: shown.append((title, text)))
    return shown


@pytest.fixture
def big_window(qtbot):
    win = MainWindow(language="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.mark.slow
def test_a_lesson_at_the_parameter_cap_opens_at_layer_steps_runs_refuses_operation_steps_and_saves(
        big_window, qtbot, tmp_path, warnings, monkeypatch):
    window = big_window
    path = _lesson_file(tmp_path, [1024, 194, 1])  # 1024·194 + 194 + 194 + 1 = 199,045 parameters
    assert window.open_path(path, remember=False)
    lesson = window.lesson
    assert lesson.network.parameter_count() == 199_045 <= MAX_PARAMETERS
    assert lesson.granularity == "layer"  # its graph grows with the layers, not with the weights
    assert window.granularity_box.currentData() == "layer"
    assert window.network_view is not None
    assert window.windowTitle().startswith("big.json")

    qtbot.keyClick(window, Qt.Key.Key_End)
    stepper = lesson.stepper
    assert stepper.at_end
    assert window.position_label.text() == f"Step {len(stepper)} / {len(stepper)}"
    assert window.step_log.model().rowCount() == len(stepper)
    # the first weight's update, w − η·∂J/∂w, is what the window holds at the end
    w = lesson.graph.find(role="weight", layer=1)[0]
    assert float(w.value[0, 0]) == lesson.network.weights(1)[0, 0] - 0.5 * float(w.grad[0, 0])

    qtbot.keyClick(window, Qt.Key.Key_O)
    assert warnings == [("Operation steps", f"Operation steps are available up to {OPERATION_MAX_PARAMETERS} "
                                            "parameters; this network has 199045. Use neuron steps.")]
    assert window.lesson is lesson
    assert lesson.granularity == "layer"
    assert stepper.at_end
    assert window.granularity_box.currentData() == "layer"
    assert window.actions_by_name["actionLayerGranularity"].isChecked()

    qtbot.keyClick(window, Qt.Key.Key_N)  # neuron steps when asked for: one step per neuron, at the end still
    stepper = lesson.stepper
    assert lesson.granularity == "neuron"
    assert stepper.at_end
    assert window.neuron_action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_Left)  # the window stays usable
    assert stepper.position == len(stepper) - 1
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: pytest.fail("no file dialog expected"))
    window.exporter.export_derivation("markdown", "*.md")  # refused before asking for a file name
    assert warnings[-1][1] == (f"The derivation has {len(stepper)} steps; handouts are written up to 10000 steps. "
                               "Use a smaller network.")

    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = load(path)
    for layer in (1, 2):
        assert np.array_equal(saved.network.weights(layer), lesson.network.weights(layer))
        assert np.array_equal(saved.network.biases(layer), lesson.network.biases(layer))
    assert np.array_equal(saved.data.inputs, lesson.data.inputs)
    assert saved.extra["view"]["step"] == len(stepper) - 1
    assert len(warnings) == 2


def test_operation_steps_up_to_the_limit_and_an_edit_beyond_it(big_window, qtbot, tmp_path, warnings):
    window = big_window
    assert window.open_path(_lesson_file(tmp_path, [100, 98, 1]), remember=False)  # 9,997 parameters
    qtbot.keyClick(window, Qt.Key.Key_O)
    assert warnings == []
    assert window.lesson.granularity == "operation"
    assert window.granularity_box.currentData() == "operation"
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.lesson.stepper.current.node.name == "p₁[1,1]"

    window._on_structure_edit_requested("add_neuron", 1, 0)  # 100·99 + 99 + 99 + 1 = 10,099 parameters
    assert window.lesson.network.sizes == [100, 99, 1]
    assert window.lesson.granularity == "neuron"
    assert window.granularity_box.currentData() == "neuron"
    assert "Use neuron steps." in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.lesson.network.sizes == [100, 98, 1]
    qtbot.keyClick(window, Qt.Key.Key_O)
    assert window.lesson.granularity == "operation"


def test_a_saved_operation_view_of_a_too_large_network_opens_at_layer_steps(big_window, tmp_path, warnings):
    path = _lesson_file(tmp_path, [101, 99, 1])  # 10,198 parameters
    doc = load(path)
    doc.extra["view"] = {"granularity": "operation", "step": 5}
    path.write_text(doc.to_json(), encoding="utf-8")
    assert big_window.open_path(path, remember=False)
    assert big_window.lesson.granularity == "layer"  # too large for operation steps: the default for its size
    assert big_window.lesson.stepper.position == 5
    assert warnings == []
