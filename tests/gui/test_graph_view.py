"""The computational-graph view, expression lessons and the gradient check, driven as a user would."""

import itertools

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QCursor, QTextCharFormat
from PySide6.QtWidgets import QApplication, QDialog

from engine import document as documents
from engine import edits
from engine.document import Document, Expression
from engine.formula import fmt
from engine.lesson import NetworkLesson
from gui.graph.view import MAX_NODES, GraphView
from gui.lesson.expression_editor import ExpressionEditor
from gui.paths import LECTURE
from tests.engine import lecture_reference as ref

SOURCE = "q = x + y\nf = q * z"
VALUES = {"x": -2.0, "y": 5.0, "z": -4.0}


def expected_counts(network) -> dict[str, int]:
    """Nodes and edges of the operation graph, reasoned from the network's sizes (half squared error loss).

    Per layer l with n_prev inputs and n neurons: n_prev·n weights and n_prev·n products
    (two inputs each), n biases, n sums u (n_prev inputs each), n bias adds z = u + b (two
    inputs), n activations (one input). Then, per output k: a target y, a difference
    e = ŷ − y (two inputs) and a loss term ℓ = ½e² (one input); L sums the k terms. With
    weight decay: one norm ‖W_l‖² per layer (over its n_prev·n weights), s over the norms,
    and J = L + s.
    """
    sizes = network.sizes
    k = sizes[-1]
    nodes, edges, operators = sizes[0], 0, 0
    for prev, n in itertools.pairwise(sizes):
        nodes += 2 * prev * n + 4 * n
        operators += prev * n + 3 * n
        edges += 2 * prev * n + prev * n + 2 * n + n
    nodes += 3 * k + 1
    operators += 2 * k + 1
    edges += 2 * k + k + k
    if network.weight_decay > 0:
        layers = len(sizes) - 1
        nodes += layers + 2
        operators += layers + 2
        edges += sum(p * n for p, n in itertools.pairwise(sizes)) + layers + 2
    return {"nodes": nodes, "edges": edges, "operators": operators}


@pytest.fixture(autouse=True)
def park_the_mouse(qtbot):
    """Clicks move QTest's shared mouse position; put it back so hover tests elsewhere start clean."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()
    focused = QApplication.focusWidget()
    if focused is not None:
        focused.clearFocus()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCursor.setPos(0, 0)


def _lecture(weight_decay=0.0):
    doc = documents.load(LECTURE)
    if weight_decay:
        doc.network = edits.set_weight_decay(doc.network, weight_decay)
    return doc


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
@pytest.mark.parametrize("weight_decay", [0.0, 0.1])
def test_lecture_graph_counts(qtbot, granularity, weight_decay):
    doc = _lecture(weight_decay)
    lesson = NetworkLesson(doc, granularity)
    view = GraphView(lesson)
    qtbot.addWidget(view)
    expected = expected_counts(doc.network)
    counts = view.counts()
    assert (counts["nodes"], counts["edges"], counts["operators"]) == \
        (expected["nodes"], expected["edges"], expected["operators"])
    assert view.mirrored == (granularity == "neuron")
    names = {view.display_graph.nodes[i].sym.text for i in range(counts["nodes"])}
    if weight_decay:
        assert {"‖W₁‖²", "‖W₂‖²", "s", "J"} <= names
    else:
        assert not {"s", "J"} & names
    # The lecture by hand: 2 + 16 + 8 + 4 nodes and 31 edges without weight decay.
    if not weight_decay:
        assert (counts["nodes"], counts["edges"]) == (30, 31)


def test_columns_run_with_the_data_flow(qtbot):
    lesson = NetworkLesson(_lecture(0.1), "operation")
    view = GraphView(lesson)
    qtbot.addWidget(view)
    graph = view.display_graph
    for node in graph.nodes:
        for parent in node.inputs:
            assert view.node_center(parent.id).x() < view.node_center(node.id).x(), (parent, node)


def test_large_network_shows_a_message_instead(qtbot):
    doc = documents.load(LECTURE)
    for _ in range(7):
        doc.network = edits.add_hidden_layer(doc.network)
    for layer in range(1, len(doc.network.sizes) - 1):
        while doc.network.sizes[layer] < 64:
            doc.network = edits.add_neuron(doc.network, layer)
    view = GraphView(NetworkLesson(doc, "neuron"))
    qtbot.addWidget(view)
    assert view.counts()["nodes"] == 0
    assert "too large" in view.message()
    assert str(MAX_NODES) in view.message()


def _click(qtbot, view, scene_pos):
    pos = view.mapFromScene(scene_pos)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_linked_selection_both_ways(window, qtbot):
    network_view, graph_view = window.network_view, window.graph_view
    assert graph_view is not None
    assert graph_view.objectName() == "graphView"
    # Diagram → graph: the neuron's product, sum, bias add and activation light up.
    window.tabs.setCurrentWidget(network_view)
    qtbot.wait(10)
    _click(qtbot, network_view, network_view.neuron_center(1, 1))
    selected = graph_view.selected_nodes()
    graph = graph_view.display_graph
    roles = sorted(graph.nodes[i].meta["role"] for i in selected)
    assert roles == ["activation", "bias_add", "product", "product", "sum"]
    assert all((graph.nodes[i].meta["layer"], graph.nodes[i].meta["neuron"]) == (1, 1) for i in selected)
    # Graph → diagram: clicking ŷ's operation selects the output neuron there.
    window.tabs.setCurrentWidget(graph_view)
    qtbot.wait(10)
    yhat = graph_view.find_nodes(role="activation", layer=2, neuron=0)[0]
    with qtbot.waitSignal(graph_view.neuron_selected) as blocker:
        _click(qtbot, graph_view, graph_view.node_center(yhat))
    assert blocker.args == [2, 0]
    assert network_view.current_highlight().selected == ("neuron", 2, 0)
    assert yhat in graph_view.selected_nodes()


def test_current_step_is_highlighted_in_both_views(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_Right)  # z₁[1] at neuron granularity
    graph = window.graph_view.display_graph
    current = window.graph_view.current_nodes()
    assert sorted(graph.nodes[i].meta["role"] for i in current) == ["bias_add", "product", "product", "sum"]
    assert window.network_view.current_highlight().item == ("neuron", 1, 0)
    window.set_granularity("operation")  # stays at z₁[1], now its bias-add operation
    step = window.lesson.stepper.current
    assert window.graph_view.current_nodes() == {step.node.id}
    qtbot.keyClick(window, Qt.Key.Key_Right)
    step = window.lesson.stepper.current
    assert window.graph_view.current_nodes() == {step.node.id}
    # The symbol is rich text (a<sub>1</sub>), so its plain text reads a1[1]: σ(2) = 0.8808.
    assert window.graph_view.node_text(step.node.id).startswith(f"a1[1] = {fmt(ref.a1[0])}")


def _expression_window(window):
    window.set_document(Document(expression=Expression(SOURCE, dict(VALUES))), None)
    return window.graph_view


def test_expression_lesson_steps_with_the_keyboard(window, qtbot):
    view = _expression_window(window)
    assert window.tabs.count() == 1
    assert window.tabs.widget(0) is view
    ids = {name: view.node_for_name(name) for name in ("x", "y", "z", "q", "f")}

    def press():
        qtbot.keyClick(window, Qt.Key.Key_Right)
        return window.inspector.toPlainText()

    # Forward: q = x + y = −2 + 5 = 3, then f = q·z = 3·(−4) = −12.
    assert "q = x + y" in press()
    assert view.node_text(ids["q"]) == "q = 3"
    text = press()
    assert "f = q" in text
    assert "−12" in text
    assert view.node_text(ids["f"]).startswith("f = −12")
    # Backward: seed 1; ∂f/∂z = q = 3; ∂f/∂q = z = −4; ∂f/∂y = ∂f/∂x = ∂f/∂q · 1 = −4.
    press()
    assert view.node_text(ids["f"]) == "f = −12\n∂f/∂f = 1"
    assert "∂f/∂z" in press()
    assert view.node_text(ids["z"]) == "z = −4\n∂f/∂z = 3"
    assert view.edge_label(ids["z"], ids["f"]) == ""  # labelled by the current-step tag instead
    press()
    assert view.node_text(ids["q"]) == "q = 3\n∂f/∂q = −4"
    press()
    assert view.node_text(ids["y"]) == "y = 5\n∂f/∂y = −4"
    text = press()
    assert "∂f/∂x" in text
    assert "−4" in text
    assert view.node_text(ids["x"]) == "x = −2\n∂f/∂x = −4"
    assert window.lesson.stepper.at_end
    # Step back restores the earlier state, in both the inspector and the graph.
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert view.node_text(ids["x"]) == "x = −2"
    assert "∂f/∂y" in window.inspector.toPlainText()


def test_fan_out_shows_the_sum_of_contributions(window, qtbot):
    window.set_document(Document(expression=Expression("a = x * y\nb = x + y\nf = a * b", {"x": 2.0, "y": 3.0})),
                        None)
    view = window.graph_view
    stepper = window.lesson.stepper
    x = view.node_for_name("x")
    stepper.goto(next(s.index + 1 for s in stepper.schedule if s.phase == "backward" and s.node.id == x))
    # ∂f/∂x = ∂f/∂a · y + ∂f/∂b · 1 = b·y + a = 5·3 + 6 = 21.
    assert view.node_text(x).endswith("∂f/∂x = 21")
    assert view.fan_in_text() == "= 15 + 6"


def test_double_click_edits_a_variable_with_undo(window, qtbot):
    view = _expression_window(window)
    window.tabs.setCurrentWidget(view)
    editor = view.open_editor(view.node_for_name("y"))
    assert editor is not None
    editor.setText("7")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.lesson.expression.values["y"] == 7.0
    window.lesson.stepper.goto(1)
    assert window.graph_view.node_text(window.graph_view.node_for_name("q")) == "q = 5"
    window.undo_stack.undo()
    assert window.lesson.expression.values["y"] == 5.0
    assert not window.isWindowModified()


@pytest.mark.parametrize(("source", "line", "column"), [("q = x + y\nf = x.y", 2, 5), ("import os", 1, 1)])
def test_bad_expression_shows_its_error_inline(qtbot, source, line, column):
    editor = ExpressionEditor()
    qtbot.addWidget(editor)
    assert editor.ok_button().isEnabled()
    editor.source_edit.setPlainText(source)
    assert not editor.check()
    assert not editor.ok_button().isEnabled()
    assert editor.error_text().startswith(f"Line {line}, column {column}: ")
    assert "not allowed" in editor.error_text()
    selections = editor.source_edit.extraSelections()
    assert len(selections) == 1
    fmt = selections[0].format
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert selections[0].cursor.blockNumber() == line - 1
    assert selections[0].cursor.selectionStart() - selections[0].cursor.block().position() == column - 1
    editor.accept()
    assert editor.result() != QDialog.DialogCode.Accepted


def test_nothing_typed_in_the_editor_runs(qtbot, tmp_path):
    marker = tmp_path / "ran"
    editor = ExpressionEditor()
    qtbot.addWidget(editor)
    editor.source_edit.setPlainText(f"f = __import__('os').system('touch {marker}')")
    assert not editor.check()
    assert not editor.ok_button().isEnabled()
    assert not marker.exists()


def test_values_outside_a_functions_domain_are_flagged_but_allowed(qtbot):
    editor = ExpressionEditor()
    qtbot.addWidget(editor)
    editor.source_edit.setPlainText("q = x - 10\nf = log(q)")
    assert editor.check()
    editor.values_table.cellWidget(0, 1).setValue(2.0)  # x = 2: log(−8)
    qtbot.waitUntil(lambda: not editor.warning_label.isHidden())
    assert editor.warning_label.text() == "Line 2: f is not a finite number (log needs a positive number)."
    assert editor.ok_button().isEnabled()
    editor.values_table.cellWidget(0, 1).setValue(12.0)
    qtbot.waitUntil(editor.warning_label.isHidden)


def test_editor_values_follow_the_program(qtbot):
    editor = ExpressionEditor(Expression(SOURCE, dict(VALUES)))
    qtbot.addWidget(editor)
    assert editor.values() == VALUES
    editor.source_edit.setPlainText("f = (x + w) * z")
    qtbot.waitUntil(lambda: "w" in editor.values())
    assert editor.values() == {"x": -2.0, "w": 1.0, "z": -4.0}
    assert editor.ok_button().isEnabled()


def test_new_expression_lesson_from_the_file_menu(window, qtbot, tmp_path):
    action = window.findChild(type(window.step_forward_action), "actionNewExpression")
    action.trigger()
    editor = window.findChild(ExpressionEditor, "expressionEditor")
    qtbot.waitUntil(editor.isVisible)
    editor.source_edit.setPlainText("f = (a + b) * c")
    editor.check()
    editor.values_table.cellWidget(0, 1).setValue(1.5)
    editor.ok_button().click()
    assert window.lesson.kind == "expression"
    assert window.lesson.expression.source == "f = (a + b) * c"
    assert window.lesson.expression.values["a"] == 1.5
    path = tmp_path / "expr.json"
    assert window._write(path)
    saved = documents.load(path)
    assert saved.expression.source == "f = (a + b) * c"
    assert saved.network is None


def test_gradient_check_dialog_passes_for_the_lecture(window, qtbot):
    action = window.findChild(type(window.step_forward_action), "actionGradcheck")
    action.trigger()
    dialog = window.findChild(QDialog, "gradcheckDialog")
    qtbot.waitUntil(dialog.isVisible)
    assert "passed" in dialog.verdict.text()
    assert [row[0] for row in dialog.rows()] == ["W₁", "b₁", "W₂", "b₂"]
    dialog.close()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "gradcheckDialog") is None)
    _expression_window(window)
    action.trigger()
    dialog = window.findChild(QDialog, "gradcheckDialog")
    assert "passed" in dialog.verdict.text()
    assert [row[0] for row in dialog.rows()] == ["x", "y", "z"]
