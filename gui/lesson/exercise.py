"""Exercise mode (predict, then reveal): which steps' results are hidden, the answers given, the score.

The one visibility rule every view consults is ``revealed(lesson, node, what)`` (or ``shown``, the
value or None): a node's value or gradient is hidden while the step that wrote it is hidden. In
exercise mode the step just taken is *asked*: its result stays hidden until the student answers it
right or reveals it. → past an unanswered step reveals it (it counts as revealed); ← asks the step
gone back to again, its answers forgotten. A teacher's Hide all hides every step taken so far;
Reveal all shows them all. The score counts the steps answered right on the first try, right after
a retry, and revealed; it lasts as long as the lesson (a new lesson starts a new score).

The model is Qt-free: it follows the lesson's events (connected before the views, so every view
renders with the new state) and emits ``changed`` after an answer, a reveal or a teacher's action.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.answers import AnswerCheck, check_answer, step_context
from engine.events import Event
from engine.formula import Piece
from engine.graph import Node

OUTCOMES = ("first_try", "after_retry", "revealed")
HIDDEN = "?"  # what every view shows for a hidden number


@dataclass
class Asked:
    """One asked step: the answers checked so far and how it ended (None: still open)."""

    index: int
    checks: list[AnswerCheck] = field(default_factory=list)
    outcome: str | None = None


class Exercise:
    """The exercise state of one lesson (``lesson.exercise``, made by ``attach``)."""

    def __init__(self, lesson) -> None:
        self.lesson = lesson
        self.changed = Event()
        self.enabled = False
        self.hide_numbers = False  # the teacher's option: hide the numbers put into the formula too
        self._hidden: set[int] = set()  # step indices whose result is hidden
        self._keys: set[tuple[int, str]] | None = None  # (node id, "value" | "grad") hidden, made when asked
        self._asked: dict[int, Asked] = {}
        self._banked = dict.fromkeys(OUTCOMES, 0)  # outcomes of earlier passes and rebuilds
        self._stepper = lesson.stepper
        self._position = self._where()
        lesson.rebuilt.connect(self._on_rebuilt)
        lesson.stepped.connect(self._on_stepped)

    def detach(self) -> None:
        self.lesson.rebuilt.disconnect(self._on_rebuilt)
        self.lesson.stepped.disconnect(self._on_stepped)

    # ------------------------------------------------------------------ the rule
    def revealed(self, node: Node, what: str = "value") -> bool:
        """May the views show ``node``'s value (``what`` = "value") or gradient ("grad")?"""
        if not self._hidden:
            return True
        if self._keys is None:
            schedule = self.lesson.stepper.schedule
            self._keys = {_key(schedule[k]) for k in self._hidden if k < len(schedule)}
        return (node.id, what) not in self._keys

    def step_hidden(self, index: int) -> bool:
        return index in self._hidden

    def numbers_shown(self, index: int) -> bool:
        """Are the numbers put into step ``index``'s formula shown? Not when the teacher hides them for
        an asked step, nor when one of them is itself hidden (after Hide all)."""
        if index not in self._hidden:
            return True
        if self.hide_numbers:
            return False
        stepper = self.lesson.stepper
        step = stepper.schedule[index]
        node = step.node
        if step.phase == "forward":
            return all(self.revealed(n) for n in node.inputs)
        if step.phase == "update":
            return self.revealed(node, "grad")
        return all(self.revealed(c, "grad") and self.revealed(c) and all(self.revealed(n) for n in c.inputs)
                   for c, _ in stepper.graph.grad_consumers(node))

    # ------------------------------------------------------------------ the question
    @property
    def current(self) -> Asked | None:
        """The step asked now: the one just taken, while exercise mode is on."""
        index = self._where() - 1
        return self._asked.get(index) if self.enabled else None

    @property
    def open(self) -> bool:
        """An answer is awaited."""
        asked = self.current
        return asked is not None and asked.outcome is None

    def true_value(self):
        """The asked step's true value (its shape gives the answer boxes)."""
        return step_context(self.lesson.stepper, self._where() - 1).true

    def answer(self, answer: object) -> AnswerCheck:
        """Check an answer to the asked step (text, or one text per entry). A right one reveals the step.
        Text that is not a number raises ValidationError and counts as no answer."""
        asked = self.current
        if asked is None or asked.outcome is not None:
            raise RuntimeError("no step is asked")
        check = check_answer(self.lesson.stepper, answer, asked.index)
        asked.checks.append(check)
        if check.correct:
            self._resolve(asked, "first_try" if len(asked.checks) == 1 else "after_retry")
        self.changed.emit()
        return check

    def reveal(self) -> None:
        """Show the asked step's true value (the Reveal key)."""
        asked = self.current
        if asked is not None and asked.outcome is None:
            self._resolve(asked, "revealed")
            self.changed.emit()

    # ------------------------------------------------------------------ the teacher's actions
    def reveal_all(self) -> None:
        asked = self.current
        if asked is not None and asked.outcome is None:
            asked.outcome = "revealed"
        self._set_hidden(set())
        self.changed.emit()

    def hide_all(self) -> None:
        """Hide every step taken so far; the step just taken is asked again."""
        if not self.enabled:
            return
        self._bank()
        position = self._where()
        self._set_hidden(set(range(position)))
        if position:
            self._asked[position - 1] = Asked(position - 1)
        self.changed.emit()

    def set_enabled(self, enabled: bool) -> None:
        if enabled == self.enabled:
            return
        self.enabled = enabled
        self._bank()
        self._set_hidden(set())
        if enabled:
            self._ask(self._where() - 1)
        self.changed.emit()

    def set_hide_numbers(self, hide: bool) -> None:
        if hide != self.hide_numbers:
            self.hide_numbers = hide
            self.changed.emit()

    def score(self) -> dict[str, int]:
        """How many steps ended each way (OUTCOMES) since the lesson was opened."""
        counts = dict(self._banked)
        for asked in self._asked.values():
            if asked.outcome is not None:
                counts[asked.outcome] += 1
        return counts

    # ------------------------------------------------------------------ following the lesson
    def _on_rebuilt(self) -> None:
        """New numbers (an edit, another granularity or sample, an update): the step is asked afresh."""
        self._stepper = self.lesson.stepper
        self._position = self._where()
        self._bank()
        self._set_hidden(set())
        if self.enabled:
            self._ask(self._position - 1)

    def _on_stepped(self) -> None:
        if self.lesson.stepper is not self._stepper:  # another pass's stepper put back (no rebuild)
            self._on_rebuilt()
            return
        new, old = self._where(), self._position
        if new == old:
            return
        self._position = new
        if not self.enabled:
            return
        hidden = set(self._hidden)
        if new > old:  # moving on: an unanswered step is revealed
            for asked in self._asked.values():
                if asked.outcome is None and asked.index < new - 1:
                    asked.outcome = "revealed"
                    hidden.discard(asked.index)
        else:  # back: the steps undone and the one gone back to are asked again
            for index in [k for k in self._asked if k >= new - 1]:
                del self._asked[index]
            hidden = {k for k in hidden if k < new - 1}
        self._set_hidden(hidden)
        self._ask(new - 1)

    # ------------------------------------------------------------------ helpers
    def _where(self) -> int:
        stepper = self.lesson.stepper
        return 0 if stepper is None else stepper.position

    def _ask(self, index: int) -> None:
        if index >= 0:
            self._asked[index] = Asked(index)
            self._set_hidden(self._hidden | {index})

    def _resolve(self, asked: Asked, outcome: str) -> None:
        asked.outcome = outcome
        self._set_hidden(self._hidden - {asked.index})

    def _set_hidden(self, hidden: set[int]) -> None:
        self._hidden = hidden
        self._keys = None

    def _bank(self) -> None:
        """Keep the outcomes so far in the score and forget the steps they belong to."""
        for asked in self._asked.values():
            if asked.outcome is not None:
                self._banked[asked.outcome] += 1
        self._asked = {}


def _key(step) -> tuple[int, str]:
    return step.node.id, "grad" if step.phase == "backward" else "value"


# ---------------------------------------------------------------------- what the views call
def attach(lesson) -> Exercise:
    """The lesson's exercise state, made on first use (before any view follows the lesson)."""
    exercise = getattr(lesson, "exercise", None)
    if exercise is None:
        exercise = lesson.exercise = Exercise(lesson)
    return exercise


def revealed(lesson, node: Node | None, what: str = "value") -> bool:
    """The shared rule: may a view show ``node``'s value or gradient now?"""
    exercise = getattr(lesson, "exercise", None)
    return node is None or exercise is None or exercise.revealed(node, what)


def shown(lesson, node: Node | None, what: str = "value"):
    """``node``'s value (or gradient) as the views may show it: None (drawn "?") while it is hidden."""
    if node is None:
        return None
    return getattr(node, what) if revealed(lesson, node, what) else None


def active(lesson) -> bool:
    """Exercise mode is on for ``lesson`` (views then redraw every number after each step)."""
    exercise = getattr(lesson, "exercise", None)
    return exercise is not None and exercise.enabled


def formula_parts(lesson, e) -> tuple[list[Piece], bool]:
    """The parts of step explanation ``e`` a view may show, and whether its result is hidden (then the
    view writes HIDDEN after them). The numbers put in are left out while they are hidden too."""
    parts = e.parts()
    exercise = getattr(lesson, "exercise", None)
    index = e.step.index
    if exercise is None or not exercise.step_hidden(index):
        return parts, False
    kept = [p for p in parts[:-1] if p is not e.result and p.text != e.result.text] if len(parts) > 1 else []
    if not kept:
        kept = [e.symbolic] if e.symbolic.text != e.result.text else []
    if not exercise.numbers_shown(index):
        kept = [p for p in kept if p is not e.substituted]
    return kept, True
