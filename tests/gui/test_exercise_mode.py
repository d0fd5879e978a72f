"""Exercise mode (predict, then reveal), driven with keys and typing: the check, the named mistakes,
Reveal, ← and →, the score, the teacher's actions, and no view showing a hidden value."""

import math

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem, QGraphicsTextItem

from engine.formula import fmt
from gui.paths import EXAMPLES
from gui.window.main_window import MainWindow
from tests.engine import lecture_reference as ref

DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole


# ---------------------------------------------------------------------- helpers
def visible_texts(win) -> list[str]:
    """Every text the window shows: both scenes' text items and tooltips, the step log (with its
    tooltips), the status bar, the inspector and the exercise panel."""
    texts: list[str] = []
    current = win.tabs.currentWidget()
    for view in (win.network_view, win.graph_view):
        if view is None:
            continue
        win.tabs.setCurrentWidget(view)  # the graph is drawn when its tab is shown
        QApplication.processEvents()
        for item in view.scene().items():
            if not item.isVisible():
                continue
            if isinstance(item, QGraphicsTextItem):
                texts.append(item.toPlainText())
            elif isinstance(item, QGraphicsSimpleTextItem):
                texts.append(item.text())
            if item.toolTip():
                texts.append(item.toolTip())
    win.tabs.setCurrentWidget(current)
    model = win.step_log.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            for role in (DISPLAY, TOOLTIP):
                value = model.data(model.index(row, column), role)
                if value:
                    texts.append(str(value))
    texts += [win.statusBar().currentMessage(), win.phase_label.text(), win.position_label.text(),
              win.loss_label.text(), win.inspector.toPlainText(), win.exercise_panel.question.text(),
              win.exercise_panel.feedback.text()]
    return texts


def digits(value: float) -> set[str]:
    """The ways a view could write ``value``: as the app formats it, and to 4 significant digits."""
    return {fmt(value), f"{value:.4g}"}


def leaks(win, value: float) -> list[str]:
    return [t for t in visible_texts(win) if any(d in t for d in digits(value))]


def asked_step(win, qtbot, phase: str, symbol: str, granularity: str = "neuron") -> None:
    """Exercise mode on, at ``granularity``, with the step (phase, symbol) just taken by →: it is asked."""
    if win.lesson.granularity != granularity:
        win.set_granularity(granularity)
    schedule = win.lesson.stepper.schedule
    index = next(k for k in range(len(schedule)) if schedule[k].phase == phase
                 and (schedule[k].node.grad_sym if phase == "backward" else schedule[k].node.sym).text == symbol)
    win.lesson.stepper.goto(index)
    if not win.exercise_action.isChecked():
        qtbot.keyClick(win, Qt.Key.Key_E)
    qtbot.keyClick(win.tabs, Qt.Key.Key_Right)
    assert win.lesson.stepper.position == index + 1
    assert win.exercise.open


def answer(win, qtbot, *texts: str) -> str:
    """Type one text per answer box and press Enter; the feedback, as plain text."""
    boxes = win.exercise_panel.boxes()
    assert len(boxes) == len(texts)
    for box, text in zip(boxes, texts, strict=True):
        box.clear()
        qtbot.keyClicks(box, text)
    qtbot.keyClick(boxes[-1], Qt.Key.Key_Return)
    return plain(win.exercise_panel.feedback.text())


def plain(rich: str) -> str:
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(rich)
    return doc.toPlainText()


def score(win) -> dict[str, int]:
    return win.exercise.score()


# ---------------------------------------------------------------------- the check
def test_right_answer_then_wrong_then_right_after_a_retry(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_E)
    assert window.exercise_action.isChecked()
    assert window.exercise_dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Right)  # z₁[1] = 1·0.5 + 2·0.7 + 0.1 = 2, asked
    assert "= ?" in window.inspector.toPlainText()
    assert "1 × 0.5 + 2 × 0.7 + 0.1" in " ".join(window.inspector.toPlainText().split())  # the numbers put in are shown
    z = ref.z1[0]
    feedback = answer(window, qtbot, f"{z:.4g}")
    assert "Correct." in feedback
    assert f"The true value is {fmt(z)}." in feedback
    qtbot.keyClick(window.tabs, Qt.Key.Key_Right)  # a₁[1] = σ(2)
    a = ref.a1[0]
    assert answer(window, qtbot, "0.5").startswith("Not right.")
    assert not any(d in t for t in visible_texts(window) for d in digits(a))
    feedback = answer(window, qtbot, f"{a:.4f}")
    assert "Correct." in feedback
    assert score(window) == {"first_try": 1, "after_retry": 1, "revealed": 0}
    assert "1 right on the first try · 1 right after a retry · 0 revealed" in window.exercise_panel.score_label.text()


def test_not_quite_and_too_few_digits(window, qtbot):
    asked_step(window, qtbot, "forward", "ŷ")
    y = ref.yhat
    assert answer(window, qtbot, "0.77").startswith("Not quite: give at least 3 significant digits.")
    assert answer(window, qtbot, f"{y * 1.004:.4f}").startswith("Not quite")  # within 1 %, wrong at the digits typed
    assert window.exercise.open


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_forgotten_slope_is_named(window, qtbot, granularity):
    """δ₂ = ∂L/∂ŷ·σ′(z₂); without σ′ it is ŷ − y."""
    symbol = "δ₂" if granularity == "neuron" else None
    if symbol is None:  # at operation granularity: the gradient of z₂
        window.set_granularity("operation")
        schedule = window.lesson.stepper.schedule
        symbol = next(schedule[k].node.grad_sym.text for k in range(len(schedule))
                      if schedule[k].phase == "backward" and schedule[k].node.sym.text == "z₂")
    asked_step(window, qtbot, "backward", symbol, granularity)
    forgot = ref.yhat - ref.Y
    feedback = answer(window, qtbot, f"{forgot:.4g}")
    assert feedback.startswith("Not right.")
    assert "the activation's slope" in feedback
    assert "σ′(z₂)" in feedback
    assert window.exercise.open
    assert not leaks(window, ref.delta2)
    assert answer(window, qtbot, f"{ref.delta2:.4g}").startswith("Correct.")
    assert score(window)["after_retry"] == 1


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_sign_error_in_an_update_is_named(window, qtbot, granularity):
    """W₂[1,1] ← 0.9 − η·∂L/∂W₂[1,1]; with the sign the wrong way round, 0.9 + η·∂L/∂W₂[1,1]."""
    asked_step(window, qtbot, "update", "W₂[1,1]", granularity)
    eta = window.lesson.learning_rate
    true, faulty = ref.W2[0] - eta * ref.dW2[0], ref.W2[0] + eta * ref.dW2[0]
    assert not leaks(window, true)
    feedback = answer(window, qtbot, f"{faulty:.5g}")
    assert feedback.startswith("Not right.")
    assert "The sign is the wrong way round." in feedback


def test_sign_error_in_a_gradient_is_named(window, qtbot):
    asked_step(window, qtbot, "backward", "∂L/∂a₁[1]")
    feedback = answer(window, qtbot, f"{-ref.dL_da1[0]:.4g}")
    assert "The sign is the wrong way round." in feedback


def test_a_typing_slip_is_said_and_not_counted(window, qtbot):
    asked_step(window, qtbot, "forward", "a₁[2]")
    feedback = answer(window, qtbot, "0.9x1")
    assert "0.9x1" in feedback
    assert window.exercise.open
    assert window.exercise.current.checks == []


# ---------------------------------------------------------------------- reveal, ← and →
def test_reveal_key_shows_the_true_value_and_counts(window, qtbot):
    asked_step(window, qtbot, "forward", "a₁[2]")
    a = ref.a1[1]
    assert not leaks(window, a)
    window.tabs.setFocus()
    qtbot.keyClick(window.tabs, Qt.Key.Key_R)
    assert not window.exercise.open
    assert f"The true value is {fmt(a)}." in plain(window.exercise_panel.feedback.text())
    assert leaks(window, a)  # now every view shows it (the collector sees it when it is there)
    assert score(window)["revealed"] >= 1


def test_back_asks_the_step_again_and_forward_moves_on(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_E)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    answer(window, qtbot, fmt(ref.z1[0]))
    qtbot.keyClick(window.tabs, Qt.Key.Key_Right)
    assert answer(window, qtbot, fmt(ref.a1[0])).startswith("Correct.")
    assert score(window)["first_try"] == 2
    qtbot.keyClick(window.tabs, Qt.Key.Key_Left)  # back to z₁[1]: asked again, its answer forgotten
    assert window.lesson.stepper.position == 1
    assert window.exercise.open
    assert window.exercise.current.checks == []
    assert window.exercise_panel.boxes()[0].isEnabled()
    assert window.exercise_panel.feedback.text() == ""
    assert "= ?" in window.inspector.toPlainText()
    assert score(window)["first_try"] == 0
    qtbot.keyClick(window.exercise_panel.boxes()[0], Qt.Key.Key_Right)  # an empty box lets → step
    assert window.lesson.stepper.position == 2
    assert score(window) == {"first_try": 0, "after_retry": 0, "revealed": 1}  # z₁[1] passed unanswered
    assert not leaks(window, ref.a1[0])


# ---------------------------------------------------------------------- no view shows a hidden value
@pytest.mark.parametrize("granularity", ["neuron", "operation"])
@pytest.mark.parametrize(("phase", "symbol", "value"), [
    ("forward", "a₁[2]", ref.a1[1]),
    ("forward", "L", ref.L),
    ("backward", "δ₁[2]", ref.delta1[1]),
    ("backward", "∂L/∂W₁[2,2]", ref.dW1[1][1]),
    ("update", "b₂", ref.B2 - 0.5 * ref.db2),
])
def test_no_view_shows_a_hidden_value(window, qtbot, granularity, phase, symbol, value):
    if granularity == "operation" and symbol == "L":
        symbol = "ℓ"  # L = ℓ for one output: at operation steps the loss term is asked first
    try:
        asked_step(window, qtbot, phase, symbol, granularity)
    except StopIteration:
        pytest.skip(f"no step {symbol} at {granularity} granularity")
    found = leaks(window, value)
    assert found == [], found
    window.reveal_step()
    assert leaks(window, value)


def test_teacher_hides_the_numbers_put_in_and_the_choice_is_kept(window, qtbot):
    asked_step(window, qtbot, "forward", "z₂")
    numbers = f"{fmt(ref.a1[0])} × 0.9"
    assert numbers in window.inspector.toPlainText()
    window.exercise_panel.hide_numbers.click()
    assert numbers not in window.inspector.toPlainText()
    assert "a₁[1]·W₂[1,1]" in window.inspector.toPlainText().replace("a1", "a₁").replace("W2", "W₂")
    model = window.step_log.model()
    row = window.lesson.stepper.position - 1
    assert model.data(model.index(row, 2), DISPLAY) == "?"
    assert QSettings().value("exercise/hideNumbers", type=bool) is True
    other = MainWindow(language="en")
    qtbot.addWidget(other)
    assert other.exercise_panel.hide_numbers.isChecked()


def test_hide_all_and_reveal_all(window, qtbot):
    window.lesson.stepper.goto(7)
    qtbot.keyClick(window, Qt.Key.Key_E)
    model = window.step_log.model()
    values = [model.data(model.index(r, 3), DISPLAY) for r in range(7)]
    assert values[:6] == [fmt(v) for v in (*ref.z1[:1], ref.a1[0], ref.z1[1], ref.a1[1], ref.z2, ref.yhat)]
    assert values[6] == "?"
    window.actions_by_name["actionHideAll"].trigger()
    assert [model.data(model.index(r, 3), DISPLAY) for r in range(7)] == ["?"] * 7
    assert not leaks(window, ref.z2)
    assert not leaks(window, ref.yhat)
    assert fmt(ref.a1[0]) not in window.inspector.toPlainText()  # L's numbers are hidden with them
    window.actions_by_name["actionRevealAll"].trigger()
    assert [model.data(model.index(r, 3), DISPLAY) for r in range(7)][4:] == [fmt(ref.z2), fmt(ref.yhat), fmt(ref.L)]
    assert score(window)["revealed"] == 1


def test_score_resets_with_the_lesson_and_the_mode_stays(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_E)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    answer(window, qtbot, "2")
    assert score(window)["first_try"] == 1
    assert window.open_path(EXAMPLES / "xor.json", remember=False)
    assert score(window) == {"first_try": 0, "after_retry": 0, "revealed": 0}
    assert window.exercise_action.isChecked()
    assert window.exercise.enabled
    assert "0 right on the first try" in window.exercise_panel.score_label.text()


def test_expression_lesson(window, qtbot):
    assert window.open_path(EXAMPLES / "expr_sigmoid_neuron.json", remember=False)
    qtbot.keyClick(window, Qt.Key.Key_E)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    step = window.lesson.stepper.current
    true = float(step.node.value)
    assert not leaks(window, true) or math.isclose(true, round(true))  # a whole number may appear elsewhere
    assert answer(window, qtbot, repr(true)).startswith("Correct.")


def test_mode_off_shows_everything(window, qtbot):
    asked_step(window, qtbot, "forward", "a₁[2]")
    qtbot.keyClick(window.tabs, Qt.Key.Key_E)
    assert not window.exercise_action.isChecked()
    assert leaks(window, ref.a1[1])


# ---------------------------------------------------------------------- whole-layer steps: one box per entry
@pytest.fixture
def layer_lesson(qtbot):
    """A lesson stepping whole arrays (the shape layer granularity compiles to), with its inspector,
    step log and exercise panel."""
    from PySide6.QtGui import QAction

    from engine.lesson import Lesson
    from gui.lesson.answer_box import ExercisePanel
    from gui.lesson.exercise import attach
    from gui.lesson.inspector import Inspector
    from gui.lesson.step_log import StepLog
    from tests.engine import array_graphs

    lesson = Lesson()
    exercise = attach(lesson)
    lesson._install(array_graphs.layer_graph(), 0.5, 0)
    views = [Inspector(lesson), StepLog(lesson)]
    actions = {name: QAction(name) for name in ("actionReveal", "actionRevealAll", "actionHideAll")}
    panel = ExercisePanel(actions)
    panel.set_exercise(exercise)
    for widget in (*views, panel):
        qtbot.addWidget(widget)
    exercise.changed.connect(lesson.stepped.emit)  # as the window does: the views draw again
    exercise.set_enabled(True)
    return lesson, exercise, panel, views


def _take(lesson, phase, symbol):
    stepper = lesson.stepper
    index = next(s.index for s in (stepper.schedule[k] for k in range(len(stepper)))
                 if s.phase == phase and s.node.sym.text == symbol)
    stepper.goto(index)
    stepper.step_forward()


def test_a_layer_step_gets_one_box_per_entry_in_its_shape(layer_lesson, qtbot):
    from tests.engine import array_graphs

    lesson, exercise, panel, (inspector, step_log) = layer_lesson
    r = array_graphs.reference()
    _take(lesson, "backward", "W₁")  # ∂L/∂W₁ = Xᵀ·δ₁, 2 × 2
    boxes = panel.boxes()
    assert len(boxes) == 4
    assert {panel.grid.getItemPosition(panel.grid.indexOf(b))[:2] for b in boxes} == {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert not any(f"{v:.4g}" in inspector.toPlainText() for v in r["dW1"].ravel())
    model = step_log.model()
    assert model.data(model.index(model.rowCount() - 1, 3), DISPLAY) == "?"
    feedback = answer_in(panel, qtbot, [f"{v:.6g}" for v in r["dW1"].T.ravel()])  # typed transposed
    assert "Rows and columns are swapped" in feedback
    assert exercise.open
    assert answer_in(panel, qtbot, [f"{v:.6g}" for v in r["dW1"].ravel()]).startswith("Correct.")
    assert f"{r['dW1'][1, 1]:.4g}" in inspector.toPlainText()


def test_a_layer_vector_with_a_forgotten_slope(layer_lesson, qtbot):
    from tests.engine import array_graphs

    lesson, _exercise, panel, _ = layer_lesson
    r = array_graphs.reference()
    _take(lesson, "backward", "z₂")  # δ₂ = ∂L/∂ŷ ⊙ σ′(z₂), a row of 2
    assert len(panel.boxes()) == 2
    without = (r["yhat"] - array_graphs.Y).ravel()
    feedback = answer_in(panel, qtbot, [f"{v:.6g}" for v in without])
    assert "the activation's slope" in feedback


def answer_in(panel, qtbot, texts) -> str:
    for box, text in zip(panel.boxes(), texts, strict=True):
        box.clear()
        qtbot.keyClicks(box, text)
    qtbot.keyClick(panel.boxes()[-1], Qt.Key.Key_Return)
    return plain(panel.feedback.text())


# ---------------------------------------------------------------------- more ways in
def test_ctrl_r_reveals_from_the_answer_box(window, qtbot):
    asked_step(window, qtbot, "forward", "z₂")
    box = window.exercise_panel.boxes()[0]
    assert box.hasFocus() or box.isEnabled()
    qtbot.keyClick(box, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert not window.exercise.open
    assert f"The true value is {fmt(ref.z2)}." in plain(window.exercise_panel.feedback.text())


def test_a_clicked_node_shows_no_hidden_value(window, qtbot):
    asked_step(window, qtbot, "backward", "δ₂")
    node = window.lesson.stepper.current.node
    window.inspector.show_node(node.id)
    text = window.inspector.toPlainText()
    assert "Gradient" in text
    assert not any(d in text for d in digits(ref.delta2))


def test_another_granularity_asks_the_step_afresh(window, qtbot):
    asked_step(window, qtbot, "forward", "a₁[2]")
    answer(window, qtbot, "0.5")
    window.set_granularity("operation")  # the same point of the pass, now as operations
    assert window.exercise.open
    assert window.exercise.current.checks == []
    assert not leaks(window, window.lesson.stepper.current.node.value.item())


def test_the_next_pass_after_the_update(window, qtbot):
    window.lesson.stepper.run_to_end()
    qtbot.keyClick(window, Qt.Key.Key_E)
    window.reveal_step()
    qtbot.keyClick(window.tabs, Qt.Key.Key_Right)  # the update is kept: a new pass starts, nothing asked yet
    assert window.lesson.stepper.position == 0
    assert window.exercise.current is None
    assert score(window)["revealed"] == 1  # the score lasts across passes
    qtbot.keyClick(window.tabs, Qt.Key.Key_Right)
    assert window.exercise.open
    window.undo_stack.setClean()  # nothing to save on closing


def test_the_panel_speaks_chinese(qtbot):
    from tests.gui.languages import in_chinese

    with in_chinese():
        win = MainWindow(language="zh_CN")
        qtbot.addWidget(win)
        win.open_path(EXAMPLES / "lecture_2-2-1.json", remember=False)
        win.show()
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
        assert win.exercise_action.text() == "练习模式"
        assert win.actions_by_name["actionReveal"].text() == "揭晓"
        assert win.exercise_dock.windowTitle() == "先预测，再揭晓"
        asked_step(win, qtbot, "backward", "δ₂")
        assert "等于多少" in win.exercise_panel.question.text()
        feedback = answer(win, qtbot, f"{ref.yhat - ref.Y:.4g}")
        assert feedback.startswith("不对。")
        assert "斜率" in feedback
        assert "一次答对 0" in win.exercise_panel.score_label.text()


# ---------------------------------------------------------------------- layer steps in the window
@pytest.mark.parametrize(("phase", "symbol", "value"), [
    ("forward", "a₁", ref.a1),
    ("backward", "δ₁", ref.delta1),
])
def test_layer_steps_are_asked_entry_by_entry_and_hidden_everywhere(window, qtbot, phase, symbol, value):
    """L, →: a whole vector or matrix is asked, one box per entry; no view shows any entry until it is answered."""
    asked_step(window, qtbot, phase, symbol, "layer")
    assert len(window.exercise_panel.boxes()) == len(value)
    for entry in value:
        assert leaks(window, entry) == [], entry
    typed = [f"{v:.6g}" for v in value]
    wrong = [f"{-v:.6g}" for v in value]
    assert not answer(window, qtbot, *wrong).startswith("Correct")
    assert window.exercise.open
    assert answer(window, qtbot, *typed).startswith("Correct")
    assert all(leaks(window, entry) for entry in value)  # revealed: the views show it again


def test_an_asked_layer_gradient_shows_none_of_its_own_entries(window, qtbot):
    """L, → to ∂L/∂W₁ = Xᵀ·δ₁: the entries only it holds show in no view, its square in the graph's figure
    reads ?, while δ₁ (a revealed step, put into the formula) stays shown; answered, they all show."""
    asked_step(window, qtbot, "backward", "∂L/∂W₁", "layer")
    value = [v for row in ref.dW1 for v in row]
    own = [v for v in value if all(abs(v - d) > 1e-12 for d in ref.delta1)]  # X₂·δ₁: no other step shows them
    assert len(own) == 2
    for entry in own:
        assert leaks(window, entry) == [], entry
    assert all(leaks(window, d) for d in ref.delta1)
    graph = window.graph_view
    window.tabs.setCurrentWidget(graph)
    square = graph.shape_for(("weight", 1))
    assert "∂L/∂W₁ = ?" in graph.shape_text(square)
    assert answer(window, qtbot, *[f"{v:.6g}" for v in value]).startswith("Correct")
    assert all(leaks(window, entry) for entry in own)
    assert "∂L/∂W₁ = ?" not in graph.shape_text(square)
