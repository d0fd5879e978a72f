"""The update is part of the step history: → past the end applies it, ← at the next pass's start undoes it."""

from PySide6.QtCore import Qt

from tests.engine import lecture_reference as ref


def _sigma(t):
    return ref.sigma(t)


def _loss_after_one_update(eta):
    """The lecture's loss with the weights after one gradient descent step, in float64 by hand."""
    w1 = [[ref.W1[i][j] - eta * ref.dW1[i][j] for j in range(2)] for i in range(2)]
    b1 = [ref.B1[j] - eta * ref.db1[j] for j in range(2)]
    w2 = [ref.W2[j] - eta * ref.dW2[j] for j in range(2)]
    b2 = ref.B2 - eta * ref.db2
    a1 = [_sigma(ref.X[0] * w1[0][j] + ref.X[1] * w1[1][j] + b1[j]) for j in range(2)]
    yhat = _sigma(a1[0] * w2[0] + a1[1] * w2[1] + b2)
    return 0.5 * (yhat - ref.Y) ** 2


def test_step_back_after_the_update_returns_to_the_end_of_the_pass(window, qtbot):
    lesson = window.lesson
    try:
        qtbot.keyClick(window, Qt.Key.Key_End)
        end = lesson.stepper.position
        assert end == len(lesson.stepper)
        old_w2 = lesson.network.weights(2).copy()
        qtbot.keyClick(window, Qt.Key.Key_Right)  # apply the update, start the next pass
        assert lesson.stepper.position == 0
        assert lesson.network.weights(2)[0, 0] != old_w2[0, 0]
        after = _loss_after_one_update(lesson.learning_rate)
        assert after < ref.L
        shown = f"L: {ref.L:.4g} → {after:.4g}"  # four significant digits, as the app shows values
        assert shown in window.statusBar().currentMessage()
        assert shown in window.inspector.toPlainText()
        qtbot.keyClick(window, Qt.Key.Key_Left)  # back across the update
        assert lesson.stepper.position == end
        assert (lesson.network.weights(2) == old_w2).all()
        assert abs(float(lesson.graph.output.value) - ref.L) < 1e-15
        assert f"step {end} of {end}" in window.inspector.toPlainText()  # the last update step, shown again
        qtbot.keyClick(window, Qt.Key.Key_Left)  # and the update phase steps back one by one
        assert lesson.stepper.position == end - 1
        qtbot.keyClick(window, Qt.Key.Key_Right)
        qtbot.keyClick(window, Qt.Key.Key_Right)  # the update again: the same new pass
        assert lesson.stepper.position == 0
        forward_end = lesson.stepper.phase_bounds("forward")[1]
        for _ in range(forward_end):
            qtbot.keyClick(window, Qt.Key.Key_Right)
        assert abs(float(lesson.graph.output.value) - after) < 1e-12
        assert window.undo_stack.count() == 1  # one update on the undo stack, not two
    finally:
        window.undo_stack.setClean()
        window.setWindowModified(False)
