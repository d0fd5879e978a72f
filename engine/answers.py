"""Check a typed answer for one step: correct, not quite, or wrong, and the likely mistake.

The rule (the same for every step, granularity and phase; an array answer is checked entry
by entry, and the answer takes its worst entry's verdict). Let u be the place value of the
last digit typed ("0.766" → u = 0.001, "7.66e-1" → 0.001, "12" → 1) and t the true value:

* **correct** when |answer − t| ≤ u/2 (the answer is t rounded to the digits typed) and at
  least 3 significant digits were typed, or the answer is exactly t ("1" for 1, "0.5" for
  0.5, "2.4" for 2.4000000000000004);
* **not quite** when it is not correct but |answer − t| ≤ 1 % of |t|, or it agrees with t at
  the digits typed with fewer than 3 significant digits ("0.77" for 0.7657: type more digits);
* **wrong** otherwise.

An exact fraction ("1/4") is correct only when it equals t (to float64 rounding), else it
is judged by the 1 % rule. Input forms (decimal comma, full-width digits, e-notation,
lists and matrices) are described in engine/typed_numbers.py.

Mistakes are recognised by recomputing the step with a faulty rule (engine/mistakes.py): an
answer that is not correct but agrees with a faulty result to within one unit of its last
digit names that mistake. A matrix typed with rows and columns swapped is "transposed";
an answer with the wrong number of entries names the shape the step has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .formula import value_text
from .messages import Message
from .mistakes import StepContext, faulty_results
from .typed_numbers import Typed, exactly, parse_array, within

MIN_DIGITS = 3
NEAR = 0.01
VERDICTS = ("correct", "not_quite", "wrong")


@dataclass
class AnswerCheck:
    verdict: str  # correct | not_quite | wrong
    message: Message  # the verdict in plain words
    true: np.ndarray
    reveal: Message  # "The true value is …", for after the answer or the Reveal key
    mistakes: list[Message] = field(default_factory=list)  # recognised mistakes, the likeliest first
    entries: list[str] = field(default_factory=list)  # each entry's verdict (one for a number)

    @property
    def correct(self) -> bool:
        return self.verdict == "correct"


def grade(typed: Typed, true: float) -> str:
    """One number's verdict: correct, too_few_digits (not quite), not_quite or wrong."""
    if typed.exact:
        if exactly(typed, true):
            return "correct"
    elif within(typed, true, 0.5):
        return "correct" if typed.digits >= MIN_DIGITS or exactly(typed, true) else "too_few_digits"
    return "not_quite" if abs(typed.value - true) <= NEAR * abs(true) else "wrong"


def step_context(stepper, index: int | None = None) -> StepContext:
    """The step at ``index`` (default: the next one) with the numbers it starts from.

    ``index`` is the next step (``stepper.position``: predict, then take it) or the step just
    taken (``stepper.position − 1``: taken with its result hidden)."""
    position = stepper.position
    index = position if index is None else index
    if index not in (position, position - 1) or not 0 <= index < len(stepper.schedule):
        raise IndexError(index)
    step = stepper.schedule[index]
    graph, node = stepper.graph, step.node
    taken = index < position
    with np.errstate(all="ignore"):
        if step.phase == "forward":
            true = node.value if taken else graph.compute_value(node)
            return StepContext(graph, node, "forward", np.asarray(true, dtype=np.float64))
        if step.phase == "backward":
            true = node.grad if taken else graph.compute_grad(node)
            return StepContext(graph, node, "backward", np.asarray(true, dtype=np.float64))
        old = np.asarray(stepper._value_at(node, index) if taken else node.value, dtype=np.float64)
        true = np.asarray(node.value, dtype=np.float64) if taken else old - stepper.learning_rate * node.grad
        return StepContext(graph, node, "update", true, stepper.learning_rate, old)


def check_answer(stepper, answer: object, index: int | None = None) -> AnswerCheck:
    """Check ``answer`` (text, a number, or a list of them: one per entry) for a step (see step_context).
    Text that is not a number raises ValidationError (its problem says why, in one line)."""
    return check_step(step_context(stepper, index), answer)


def check_step(ctx: StepContext, answer: object) -> AnswerCheck:
    true = ctx.true
    shape = tuple(d for d in true.shape if d != 1) if true.ndim else ()
    flat_true = true.reshape(-1)
    reveal = Message("answer.true_value", value=value_text(true))
    typed, typed_shape = parse_array(answer, ctx.node.sym.text)
    if len(typed) != flat_true.size:
        rows, columns = (*true.shape, 1, 1)[:2] if true.ndim <= 2 else (true.size, 1)
        mistake = Message("mistake.shape", symbol=ctx.node.sym.text, rows=rows, columns=columns,
                          got=" × ".join(str(d) for d in typed_shape) or "1")
        return AnswerCheck("wrong", Message("answer.count", count=flat_true.size, got=len(typed)), true, reveal,
                           [mistake], ["wrong"] * len(typed))
    mistakes: list[Message] = []
    if len(shape) == 2 and len(typed_shape) == 2 and typed_shape == shape[::-1] != shape:
        placed = _transposed(typed, typed_shape)  # a matrix in the other shape: the transpose of what was meant
        mistakes.append(_transposed_message(ctx, shape))
    else:
        placed = typed
    grades = [grade(t, float(v)) for t, v in zip(placed, flat_true, strict=True)]
    if len(shape) == 2 and shape[0] == shape[1] and any(g != "correct" for g in grades):
        swapped = _transposed(typed, shape)
        if all(grade(t, float(v)) == "correct" for t, v in zip(swapped, flat_true, strict=True)):
            mistakes.append(_transposed_message(ctx, shape))
    if any(g != "correct" for g in grades) and not mistakes:
        few = any(t.digits < MIN_DIGITS and not t.exact for t in placed)
        for message, faulty in faulty_results(ctx):
            if few and message.code.startswith("mistake.rounded"):
                continue  # an answer of two digits agrees with too much
            faulty = np.broadcast_to(np.asarray(faulty, dtype=np.float64), true.shape).reshape(-1)
            if _shows(placed, faulty, flat_true) and message not in mistakes:
                mistakes.append(message)
    verdict = "correct" if all(g == "correct" for g in grades) else \
        "wrong" if any(g == "wrong" for g in grades) else "not_quite"
    if mistakes and verdict == "correct":
        verdict = "not_quite"  # right numbers in the wrong places
    entries = ["not_quite" if g == "too_few_digits" else g for g in grades]
    if verdict == "correct":
        message = Message("answer.correct")
    elif verdict == "not_quite" and "too_few_digits" in grades and "not_quite" not in grades:
        message = Message("answer.too_few_digits", digits=MIN_DIGITS)
    else:
        message = Message("answer.not_quite" if verdict == "not_quite" else "answer.wrong")
    return AnswerCheck(verdict, message, true, reveal, mistakes, entries)


def _shows(typed: list[Typed], faulty: np.ndarray, true: np.ndarray) -> bool:
    """The answer agrees with the faulty result to within one unit of its last digit, and the
    faulty result differs from the true one by more than the digits typed can hide."""
    if not np.all(np.isfinite(faulty)):
        return False
    visible = any(abs(f - v) > (t.unit or 0.0) / 2 for t, f, v in zip(typed, faulty, true, strict=True))
    return visible and all(within(t, float(f), 1) for t, f in zip(typed, faulty, strict=True))


def _transposed(typed: list[Typed], shape: tuple[int, int]) -> list[Typed]:
    rows, columns = shape
    return [typed[r * columns + c] for c in range(columns) for r in range(rows)]


def _transposed_message(ctx: StepContext, shape: tuple[int, ...]) -> Message:
    return Message("mistake.transposed", symbol=_symbol(ctx), rows=shape[0], columns=shape[1])


def _symbol(ctx: StepContext) -> str:
    node = ctx.node
    return node.grad_sym.text if ctx.phase == "backward" and node.grad_sym is not None else node.sym.text
