"""→ after the last update step and Ctrl+Z compile the lesson at most once and replay no steps."""

from PySide6.QtCore import Qt

import engine.lesson
from engine.stepper import Stepper
from tests.engine import lecture_reference as ref
from tests.gui.test_pass_history import _loss_after_one_update  # the loss after one step, by hand


def test_apply_update_compiles_once_and_undo_brings_back_the_finished_pass_without_replaying(window, qtbot,
                                                                                                monkeypatch):
    lesson = window.lesson
    compiled, replayed = [], []
    compile_network = engine.lesson.compile_network
    advance_to = Stepper._advance_to
    monkeypatch.setattr(engine.lesson, "compile_network",
                        lambda *a, **k: compiled.append(1) or compile_network(*a, **k))
    monkeypatch.setattr(Stepper, "_advance_to", lambda self, n: replayed.append(n) or advance_to(self, n))
    try:
        qtbot.keyClick(window, Qt.Key.Key_End)
        end = lesson.stepper.position
        old = lesson.network.weights(1).copy()
        compiled.clear()
        replayed.clear()
        qtbot.keyClick(window, Qt.Key.Key_Right)  # apply the update: the next pass starts
        assert lesson.stepper.position == 0
        assert (lesson.network.weights(1) != old).any()
        assert compiled == [1]  # the new weights compiled once
        assert replayed == []  # and no step replayed
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert lesson.stepper.position == end
        assert (lesson.network.weights(1) == old).all()
        assert abs(float(lesson.graph.output.value) - ref.L) < 1e-15  # the finished pass, as it was
        assert compiled == [1]  # nothing compiled again
        assert replayed == []  # nor replayed
        qtbot.keyClick(window, Qt.Key.Key_Left)  # and its update steps still step back one by one
        assert lesson.stepper.position == end - 1
        qtbot.keyClick(window, Qt.Key.Key_Right)
        qtbot.keyClick(window, Qt.Key.Key_Right)  # the update again
        assert lesson.stepper.position == 0
        assert (lesson.network.weights(1) != old).any()
    finally:
        window.undo_stack.setClean()
        window.setWindowModified(False)


def test_after_another_change_going_back_across_the_update_recomputes_the_finished_pass():
    from engine.document import load
    from gui.paths import LECTURE

    lesson = engine.lesson.NetworkLesson(load(LECTURE))
    lesson.stepper.run_to_end()
    end = lesson.stepper.position
    old = lesson.network.copy()
    after, update = lesson.finish_pass()
    lesson.begin_pass(after, update)
    assert lesson.last_update == update
    assert lesson.stepper.position == 0
    lesson.set_input(0, 0.25)  # a change that rebuilds the lesson: the kept pass no longer fits
    lesson.set_input(0, ref.X[0])
    lesson.resume_pass(old)
    assert lesson.stepper.position == end
    assert lesson.last_update is None
    assert abs(float(lesson.graph.output.value) - ref.L) < 1e-15
    assert abs(update.after - _loss_after_one_update(lesson.learning_rate)) < 1e-15

