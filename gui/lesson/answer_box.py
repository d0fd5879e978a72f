"""The exercise panel: the question, one answer box per entry of the asked value, the verdict, the score.

It follows a lesson's Exercise (gui/lesson/exercise.py): after each step it asks for the step's result
(a number, or a vector or matrix with one box per entry, laid out in the value's shape), checks the
answer with the engine (engine/answers.py) on Enter and says, in the interface language, whether it
is correct, not quite or wrong, which mistake it shows, and the true value once it is revealed.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.errors import ValidationError
from engine.formula import value_text
from engine.messages import Message

from ..messages import engine_message
from .exercise import Exercise

HIDE_NUMBERS_KEY = "exercise/hideNumbers"  # QSettings: the teacher's choice, kept between sessions
MAX_BOXES = 36  # a larger value is typed in one box, as a list or matrix: [[a, b], [c, d]]
VERDICT_COLOURS = {"correct": "#1B7F3A", "not_quite": "#8A5A00", "wrong": "#B3261E"}


class AnswerBox(QLineEdit):
    """One entry of the answer. While it is empty, ← and → step (they move no cursor)."""

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and not self.text() \
                and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            event.ignore()  # the window's Step back / Step forward take it
            return False
        return super().event(event)


class ExercisePanel(QWidget):
    """Exercise mode's panel (in its dock). ``actions`` are the window's: Reveal, Reveal all, Hide all."""

    answered = Signal()  # an answer was checked (the window then hands the keys back to the views)

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exercisePanel")
        self.exercise: Exercise | None = None
        self._boxes: list[AnswerBox] = []
        self._shape: tuple[int, ...] | None = None
        self._feedback_for = None  # the question (an Asked) the feedback speaks of
        outer = QHBoxLayout(self)
        layout = QVBoxLayout()  # the question, the boxes and what is said about the answer
        side = QVBoxLayout()  # the score and the teacher's controls
        outer.addLayout(layout, 3)
        outer.addLayout(side, 2)
        self.question = QLabel(self)
        self.question.setObjectName("exerciseQuestion")
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.question)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        layout.addLayout(self.grid)
        row = QHBoxLayout()
        self.check_button = QToolButton(self)
        self.check_button.setObjectName("exerciseCheck")
        self.check_button.setText(self.tr("Check (Enter)"))
        self.check_button.clicked.connect(self.check)
        row.addWidget(self.check_button)
        row.addWidget(self._button(actions["actionReveal"]))
        row.addStretch(1)
        layout.addLayout(row)
        self.feedback = QLabel(self)
        self.feedback.setObjectName("exerciseFeedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        self.feedback.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.feedback, 1)
        self.score_label = QLabel(self)
        self.score_label.setObjectName("exerciseScore")
        self.score_label.setWordWrap(True)
        side.addWidget(self.score_label)
        self.hide_numbers = QCheckBox(self.tr("Hide the numbers put in too (teacher)"), self)
        self.hide_numbers.setObjectName("exerciseHideNumbers")
        self.hide_numbers.setChecked(QSettings().value(HIDE_NUMBERS_KEY, False, type=bool))
        self.hide_numbers.toggled.connect(self._on_hide_numbers_toggled)
        side.addWidget(self.hide_numbers)
        teacher = QHBoxLayout()
        for name in ("actionRevealAll", "actionHideAll"):
            teacher.addWidget(self._button(actions[name]))
        teacher.addStretch(1)
        side.addLayout(teacher)
        side.addStretch(1)

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        return button

    # ------------------------------------------------------------------ following the exercise
    def set_exercise(self, exercise: Exercise | None) -> None:
        if self.exercise is not None:
            self.exercise.changed.disconnect(self.refresh)
            self.exercise.lesson.stepped.disconnect(self.refresh)
        self.exercise = exercise
        if exercise is not None:
            exercise.set_hide_numbers(self.hide_numbers.isChecked())
            exercise.changed.connect(self.refresh)
            exercise.lesson.stepped.connect(self.refresh)
        self._feedback_for = None
        self.refresh()

    def _on_hide_numbers_toggled(self, checked: bool) -> None:
        QSettings().setValue(HIDE_NUMBERS_KEY, checked)
        if self.exercise is not None:
            self.exercise.set_hide_numbers(checked)

    def refresh(self) -> None:
        exercise = self.exercise
        asked = None if exercise is None else exercise.current
        self._show_score()
        if asked is None:
            self._set_boxes(None)
            self.question.setText(self.tr("Press → to take a step: its result stays hidden until you answer it."))
            self.feedback.clear()
            self._feedback_for = None
            self.check_button.setEnabled(False)
            return
        stepper = exercise.lesson.stepper
        step = stepper.schedule[asked.index]
        e = stepper.explain(asked.index)
        what = e.symbol.html if e is not None else html.escape(step.node.sym.text)
        true = np.asarray(exercise.true_value())
        shape = true.shape if true.size <= MAX_BOXES else ()
        if self._shape != shape or self._feedback_for is not asked:
            self._set_boxes(shape)
        if self._feedback_for is not asked:  # a new question (or the same step asked again)
            self.feedback.clear()
            self._feedback_for = asked
        how = self.tr("Type one number per box and press Enter.") if len(self._boxes) > 1 else \
            self.tr("Type your answer and press Enter.")
        self.question.setText("<p style='font-size:120%'>" + self.tr("What is %1?").replace("%1", f"<b>{what}</b>")
                              + f"</p><p>{how}</p>")
        open_ = asked.outcome is None
        for box in self._boxes:
            box.setEnabled(open_)
        self.check_button.setEnabled(open_)
        if asked.outcome == "revealed":
            self.reveal_feedback()
        if open_ and self.isVisible() and not any(box.hasFocus() for box in self._boxes) and self._boxes:
            self._boxes[0].setFocus()

    def _show_score(self) -> None:
        score = {} if self.exercise is None else self.exercise.score()
        self.score_label.setText(self.tr("Score: %1 right on the first try · %2 right after a retry · %3 revealed")
                                 .replace("%1", str(score.get("first_try", 0)))
                                 .replace("%2", str(score.get("after_retry", 0)))
                                 .replace("%3", str(score.get("revealed", 0))))

    def _set_boxes(self, shape: tuple[int, ...] | None) -> None:
        for box in self._boxes:
            self.grid.removeWidget(box)
            box.deleteLater()
        self._boxes = []
        self._shape = shape
        if shape is None:
            return
        rows, columns = (1, 1) if len(shape) == 0 else (1, shape[0]) if len(shape) == 1 else shape[-2:]
        if len(shape) > 2:
            rows, columns = 1, int(np.prod(shape))
        for r in range(rows):
            for c in range(columns):
                box = AnswerBox(self)
                box.setObjectName(f"answerBox_{r}_{c}")
                box.setMinimumWidth(70)
                box.setMaximumWidth(180)
                box.returnPressed.connect(self.check)
                self.grid.addWidget(box, r, c)
                self._boxes.append(box)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 0)
        self.grid.setColumnStretch(columns, 1)  # the boxes keep their width; the rest is free

    # ------------------------------------------------------------------ checking
    def boxes(self) -> list[AnswerBox]:
        return list(self._boxes)

    def check(self) -> None:
        exercise = self.exercise
        if exercise is None or not exercise.open:
            return
        texts = [box.text().strip() for box in self._boxes]
        if not all(texts):
            self._say("wrong", None, [self.tr("Type a number in each box.")])
            return
        shape = self._shape or ()
        answer: object = texts[0] if len(texts) == 1 else texts
        if len(shape) == 2 and shape[0] > 1 and shape[1] > 1:
            answer = [texts[r * shape[1]:(r + 1) * shape[1]] for r in range(shape[0])]
        try:
            check = exercise.answer(answer)
        except ValidationError as exc:
            self._say("wrong", None, [engine_message(exc.problem)])
            return
        self._say(check.verdict, check.reveal if check.correct else None, [engine_message(m) for m in check.mistakes],
                  check.message)
        if not check.correct and self._boxes:
            self._boxes[0].setFocus()
            self._boxes[0].selectAll()
        self.answered.emit()

    def _say(self, verdict: str | None, reveal: Message | None, notes: list[str] | None = None,
             message: Message | None = None) -> None:
        parts = []
        if message is not None:
            colour = VERDICT_COLOURS.get(verdict or "", "#222")
            parts.append(f"<p style='font-size:120%; color:{colour}'><b>{html.escape(engine_message(message))}</b></p>")
        parts += [f"<p>{html.escape(note)}</p>" for note in notes or []]
        if reveal is not None:
            parts.append(f"<p><b>{html.escape(engine_message(reveal))}</b></p>")
        self.feedback.setText("".join(parts))

    def reveal_feedback(self) -> None:
        """After the Reveal key: the true value under what was said about the last answer."""
        exercise = self.exercise
        asked = None if exercise is None else exercise.current
        if asked is None or asked.outcome != "revealed":
            return
        true = np.asarray(exercise.true_value())
        last = asked.checks[-1] if asked.checks else None
        self._say(None if last is None else last.verdict, Message("answer.true_value", value=value_text(true)),
                  [] if last is None else [engine_message(m) for m in last.mistakes],
                  None if last is None else last.message)
