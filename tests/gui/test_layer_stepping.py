"""Layer steps in the window, driven with keys and clicks: L, →, ←, the inspector, the diagram, the graph tab."""

import json

import numpy as np
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from engine import document as documents
from engine.formula import full_form
from engine.matrix_format import array_piece, shape_text
from gui.paths import LECTURE
from gui.window.gallery import example_lessons
from gui.window.main_window import MainWindow
from tests.gui.languages import in_chinese


def _shown(window) -> str:
    """The inspector's text with its line breaks as spaces: long formulas break between terms."""
    return " ".join(window.inspector.toPlainText().split())


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lecture_numbers():
    """The lecture's forward pass in float64: z₁ = X·W₁ + b₁, a₁ = σ(z₁)."""
    doc = documents.load(LECTURE)
    net = doc.network
    x = np.asarray(doc.data.inputs, dtype=np.float64)
    z1 = x @ net.weights(1) + net.biases(1)
    return x, net.weights(1), net.biases(1), z1, sigmoid(z1)


def press(qtbot, window, key, times=1):
    for _ in range(times):
        qtbot.keyClick(window, key)


def _projector(window) -> None:
    """The classroom's 1280×720: the lecture's diagram has room for every z, δ and bias tag there."""
    window.resize(1280, 720)
    QApplication.processEvents()
    window.network_view.fit()


def _z_line(diagram, j: int) -> str:
    """What the diagram tells of hidden neuron j's z: its z tag, or in a thinned diagram (too little
    room for the tags) the hover tip's line, "z₁[j] = …"."""
    key = ("neuron", 1, j)
    if diagram._thin:
        return diagram._thin_text(key).splitlines()[1]
    return next(line for line in diagram.key_text(key).splitlines() if line.startswith("z ="))


def test_l_switches_to_layer_steps_and_the_inspector_shows_the_matrices(qtbot, window):
    x, w1, b1, z1, a1 = lecture_numbers()
    _projector(window)
    press(qtbot, window, Qt.Key.Key_L)
    assert window.lesson.granularity == "layer"
    assert window.actions_by_name["actionLayerGranularity"].isChecked()
    assert window.granularity_box.currentData() == "layer"
    assert not window.sample_box.isEnabled()  # every sample at once: no sample to pick
    assert "every sample at once" in window.sample_box.toolTip()
    press(qtbot, window, Qt.Key.Key_Right)
    text = _shown(window)
    assert "z1 = X·W1 + b1" in text  # the symbolic formula (HTML subscripts read as plain digits)
    substituted = f"= {array_piece(x).text}·{array_piece(w1).text} + {array_piece(b1).text}"
    assert substituted in text
    assert f"= {array_piece(z1).text}" in text  # the result, [2, 2.4]
    assert f"Shapes: {shape_text(x.shape)} · {shape_text(w1.shape)} + {shape_text(b1.shape)} → " \
           f"{shape_text(z1.shape)}" in text
    highlight = window.network_view.current_highlight()
    assert highlight.items == {("neuron", 1, 0), ("neuron", 1, 1)}  # every neuron of layer 1 at once
    for j in range(2):
        assert f"= {array_piece(z1[0, j]).text}" in _z_line(window.network_view, j)
    press(qtbot, window, Qt.Key.Key_Right)
    assert f"= {array_piece(a1).text}" in _shown(window)
    for j in range(2):  # the vector's values on the neurons
        assert array_piece(a1[0, j]).text in window.network_view.key_text(("neuron", 1, j)).splitlines()[1]
    press(qtbot, window, Qt.Key.Key_Left)
    assert "z1 = X·W1 + b1" in _shown(window)
    assert window.network_view.key_text(("neuron", 1, 0)).splitlines()[1] == "?"  # a₁ not known again


def test_a_weight_step_highlights_every_edge_of_its_matrix(qtbot, window):
    press(qtbot, window, Qt.Key.Key_L)
    stepper = window.lesson.stepper
    target = next(s.index for s in stepper.schedule if s.phase == "backward" and s.node.sym.text == "W₂")
    stepper.goto(target + 1)
    assert window.network_view.current_highlight().items == {("edge", 2, 0, 0), ("edge", 2, 1, 0)}
    assert "∂L/∂W2" in _shown(window)


def test_switching_neuron_layer_operation_keeps_the_place_in_the_pass(qtbot, window):
    press(qtbot, window, Qt.Key.Key_N)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)  # the end of forward propagation
    assert window.lesson.stepper.current.node.sym.text == "L"
    for key, granularity in ((Qt.Key.Key_L, "layer"), (Qt.Key.Key_O, "operation"), (Qt.Key.Key_L, "layer"),
                             (Qt.Key.Key_N, "neuron")):
        press(qtbot, window, key)
        stepper = window.lesson.stepper
        assert window.lesson.granularity == granularity
        assert (stepper.current.phase, stepper.current.node.sym.text) == ("forward", "L"), granularity
        assert stepper.position == stepper.phase_bounds("forward")[1]


def test_graph_tab_at_layer_steps_and_its_link_to_the_diagram(qtbot, window):
    press(qtbot, window, Qt.Key.Key_L)
    window.tabs.setCurrentWidget(window.graph_view)
    view = window.graph_view
    counts = view.counts()
    assert (counts["variables"], counts["operators"], counts["edges"], counts["parameters"]) == (11, 7, 17, 4)
    index = view.shape_for(("z", 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.mapFromScene(view.shape_rect(index).center()))
    assert window.network_view.current_highlight().selected_items == {("neuron", 1, 0), ("neuron", 1, 1)}
    assert _shown(window).startswith("Selected node")
    index = view.shape_for(("weight", 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.mapFromScene(view.shape_rect(index).center()))
    assert window.network_view.current_highlight().selected_items == {
        ("edge", 1, i, j) for i in range(2) for j in range(2)}


def test_clicking_a_neuron_shows_its_column_of_the_matrix_step(qtbot, window):
    x, w1, _b1, z1, _a1 = lecture_numbers()
    press(qtbot, window, Qt.Key.Key_L)
    press(qtbot, window, Qt.Key.Key_Right)  # z₁ = X·W₁ + b₁
    window.tabs.setCurrentWidget(window.network_view)
    diagram = window.network_view
    qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton,
                     pos=diagram.mapFromScene(diagram.neuron_center(1, 1)))
    text = _shown(window)
    assert "z1 = X·W1 + b1" in text  # still the step
    assert "Neuron 2 of layer 1 in this step" in text
    assert f"z1[:, 2] = {array_piece(z1[:, 1]).text}" in text
    assert f"W1[:, 2] = {array_piece(w1[:, 1]).text}" in text  # the weights into the neuron
    assert f"X[:, 2] = {array_piece(x[:, 1]).text}" not in text  # the input layer's column is not this neuron's


def test_step_log_tooltip_shows_wide_matrices_in_full(qtbot, window, tmp_path):
    raw = json.loads(LECTURE.read_text(encoding="utf-8"))
    rng = np.random.default_rng(0)
    raw["network"]["layers"][1] = {"size": 8, "activation": "sigmoid",
                                   "weights": rng.normal(size=(2, 8)).round(2).tolist(), "biases": [0.0] * 8}
    raw["network"]["layers"][2]["weights"] = rng.normal(size=(8, 1)).round(2).tolist()
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert window.open_path(path, remember=False)
    press(qtbot, window, Qt.Key.Key_L)
    press(qtbot, window, Qt.Key.Key_Right)
    assert "⋯" in _shown(window)  # eight columns: shortened on screen
    model = window.step_log.model_
    tip = model.data(model.index(0, 2), Qt.ItemDataRole.ToolTipRole)
    assert "⋯" not in tip
    w1 = np.asarray(raw["network"]["layers"][1]["weights"])
    assert full_form(array_piece(w1[0])).text.strip("[]") in tip  # the first row of W₁, all eight numbers


def test_every_gallery_layer_graph_fits_the_tab_at_1280x720(qtbot):
    window = MainWindow(language="en")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # keys go to the active window's shortcuts
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.setGeometry(QRect(0, 0, 1280, 720))  # a 720p projector, full screen
    checked = 0
    for path, _title, _description in example_lessons("en"):
        assert window.open_path(path, remember=False, as_template=True)
        if window.network_view is None:
            continue  # an expression lesson
        press(qtbot, window, Qt.Key.Key_L)
        assert window.lesson.granularity == "layer", path.name
        window.tabs.setCurrentWidget(window.graph_view)
        qtbot.wait(10)
        press(qtbot, window, Qt.Key.Key_F)  # View ▸ Fit
        view = window.graph_view
        shown = view.mapFromScene(view.fit_rect()).boundingRect()
        assert view.viewport().rect().adjusted(-2, -2, 2, 2).contains(shown), (path.name, shown, view.zoom())
        checked += 1
    assert checked >= 5


def _point_sizes(inspector) -> list[float]:
    return [float(part.split("pt")[0]) for part in inspector.toHtml().split("font-size:")[1:]]


def test_a_long_matrix_formula_is_set_smaller_to_keep_its_rows_whole(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Right)  # neuron steps: the formula at its usual size
    assert max(_point_sizes(window.inspector)) == 24
    press(qtbot, window, Qt.Key.Key_L)
    window.lesson.stepper.goto(1)  # z₁ = X·W₁ + b₁ = [1, 2]·[[0.5, 0.6], [0.7, 0.8]] + [0.1, 0.2] = …
    assert 15 <= max(_point_sizes(window.inspector)) < 24


def test_layer_steps_read_in_chinese(qtbot):
    with in_chinese():
        window = MainWindow(language="zh_CN")
        qtbot.addWidget(window)
        window.open_path(LECTURE, remember=False)
        window.show()
        qtbot.waitExposed(window)
        assert window.actions_by_name["actionLayerGranularity"].text() == "按层单步（矩阵形式）"
        window.set_granularity("layer")
        assert window.granularity_box.currentText() == "层（矩阵形式）"
        assert "一次计算所有样本" in window.sample_box.toolTip()
        window.lesson.stepper.goto(1)
        assert "形状：1×2 · 2×2 + 1×2 → 1×2" in _shown(window)
        window.inspector.show_entry(1, 0)
        assert "本步中第 1 层的第 1 个神经元" in _shown(window)


def test_in_d2ls_layout_the_diagram_and_the_inspector_read_the_right_entries(qtbot, window):
    """d2l's notation stores samples as columns and W⁽ˡ⁾ transposed: each neuron and edge still shows its own number."""
    _x, w1, _b1, z1, a1 = lecture_numbers()
    _projector(window)
    window.lesson.network.notation = "d2l"  # what a lesson file's "notation": "d2l" sets
    press(qtbot, window, Qt.Key.Key_L)
    window.lesson.stepper.goto(2)  # z, then h = φ(z)
    assert window.lesson.graph.nodes[0].meta.get("columns")
    diagram = window.network_view
    for j in range(2):
        assert array_piece(a1[0, j]).text in diagram.key_text(("neuron", 1, j)).splitlines()[1]
        assert f"= {array_piece(z1[0, j]).text}" in _z_line(diagram, j)
    for i in range(2):
        for j in range(2):
            assert diagram._nodes.get(("edge", 1, i, j)).value == w1[i, j]
    window.lesson.stepper.goto(1)
    diagram._on_item_clicked(("neuron", 1, 1))
    text = _shown(window)
    assert f"[2, :] = {array_piece(z1[:, 1]).text}" in text  # z's row 2: neuron 2 of every sample
    assert f"[2, :] = {array_piece(w1[:, 1]).text}" in text  # W⁽¹⁾'s row 2: the weights into neuron 2


def test_after_an_update_at_layer_steps_the_inspector_speaks_of_all_the_samples(qtbot, window):
    press(qtbot, window, Qt.Key.Key_L)
    press(qtbot, window, Qt.Key.Key_End)
    press(qtbot, window, Qt.Key.Key_Right)  # keep the new weights: the next pass starts
    assert window.lesson.stepper.position == 0
    assert "changed the loss on all the samples at once" in _shown(window)
    window.undo_stack.setClean()  # closing asks nothing
