"""Step through a graph one node at a time, forward, backward and update, and back exactly.

The schedule is: forward steps in topological order (every node, also one whose value the
output never uses); backward steps in the graph's backward order, seeded with ∂J/∂J = 1
(only the nodes that reach the output: see engine/graph.py); then one update step per parameter,
w ← w − η·∂J/∂w. Each step writes one array of one node and remembers the array it
replaced, so ``step_back`` restores the exact earlier state. Running to the end is a loop
over ``step_forward``'s own code path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .errors import StudioError
from .events import Event
from .formula import Piece, array_piece, factor, join, lit, num, paren, plus, sym, times, wrapped
from .graph import TOO_LARGE, Graph, Node, gradient_reason, non_finite_error, value_reason

PHASES = ("forward", "backward", "update")
ETA = sym("η")


@dataclass(frozen=True)
class Step:
    index: int
    phase: str
    node: Node


@dataclass
class Explanation:
    """What one step did: ``symbol relation symbolic = substituted = result``."""

    step: Step
    role: str
    symbol: Piece
    symbolic: Piece
    substituted: Piece
    result: Piece
    value: np.ndarray
    relation: str = "="
    contributions: list[dict] = field(default_factory=list)
    warning: str = ""  # why the result is not a finite number, at the step where it first stops being one

    @property
    def phase(self) -> str:
        return self.step.phase

    def parts(self) -> list[Piece]:
        parts = [self.symbolic]
        if self.substituted.text.removeprefix("(").removesuffix(")") == self.result.text:
            return parts if self.symbolic.text == self.result.text else [*parts, self.result]
        if self.substituted.text != self.symbolic.text:
            parts.append(self.substituted)
        if self.result.text != parts[-1].text:
            parts.append(self.result)
        return parts

    @property
    def text(self) -> str:
        rel = "←" if self.relation == "←" else "="
        return f"{self.symbol.text} {rel} " + " = ".join(p.text for p in self.parts())

    @property
    def html(self) -> str:
        rel = "&larr;" if self.relation == "←" else "="
        return f"{self.symbol.html} {rel} " + " = ".join(p.html for p in self.parts())

    @property
    def latex(self) -> str:
        rel = r"\leftarrow" if self.relation == "←" else "="
        return f"{self.symbol.latex} {rel} " + " = ".join(p.latex for p in self.parts())


class Stepper:
    """Owns the position in a graph's schedule. Emits ``changed`` after every move."""

    def __init__(self, graph: Graph, learning_rate: float = 0.5) -> None:
        self.graph = graph
        self.learning_rate = float(learning_rate)
        forward = [("forward", n) for n in graph.forward_order]
        backward = [("backward", n) for n in graph.backward_order]
        update = [("update", n) for n in graph.params]
        self.schedule = [Step(k, phase, node) for k, (phase, node) in enumerate([*forward, *backward, *update])]
        self._bounds = {phase: self._find_bounds(phase) for phase in PHASES}
        self._update_index = {s.node.id: s.index for s in self.schedule if s.phase == "update"}
        self._undo: list[np.ndarray | None] = []
        self._explained: dict[int, Explanation] = {}
        self.changed = Event()
        graph.clear()

    # ------------------------------------------------------------------ state
    @property
    def position(self) -> int:
        """How many steps have been taken (0 … len(schedule))."""
        return len(self._undo)

    def __len__(self) -> int:
        return len(self.schedule)

    @property
    def current(self) -> Step | None:
        return self.schedule[self.position - 1] if self.position else None

    @property
    def phase(self) -> str:
        """The phase of the last step taken: ready, forward, backward, update."""
        step = self.current
        return "ready" if step is None else step.phase

    @property
    def at_end(self) -> bool:
        return self.position == len(self.schedule)

    def phase_bounds(self, phase: str) -> tuple[int, int]:
        """Positions before the phase's first step and after its last."""
        return self._bounds[phase]

    def _find_bounds(self, phase: str) -> tuple[int, int]:
        indices = [s.index for s in self.schedule if s.phase == phase]
        if not indices:
            start = sum(1 for s in self.schedule if PHASES.index(s.phase) < PHASES.index(phase))
            return start, start
        return indices[0], indices[-1] + 1

    # ------------------------------------------------------------------ moving
    def step_forward(self) -> Step | None:
        step = self._advance()
        if step is not None:
            self.changed.emit()
        return step

    def step_back(self) -> Step | None:
        step = self._retreat()
        if step is not None:
            self.changed.emit()
        return step

    def goto(self, position: int) -> None:
        """Move to ``position`` by stepping (the same code path as single steps)."""
        position = max(0, min(int(position), len(self.schedule)))
        moved = position != self.position
        while self.position < position:
            self._advance()
        while self.position > position:
            self._retreat()
        if moved:
            self.changed.emit()

    def reset(self) -> None:
        self.goto(0)

    def run_to_end(self) -> None:
        self.goto(len(self.schedule))

    def run_to_end_of_phase(self) -> None:
        """Finish the phase in progress, or the next one when a phase has just ended."""
        for phase in PHASES:
            _start, end = self._bounds[phase]
            if self.position < end:
                self.goto(end)
                return

    def goto_phase_start(self, phase: str) -> None:
        self.goto(self._bounds[phase][0])

    def _advance(self) -> Step | None:
        if self.at_end:
            return None
        step = self.schedule[self.position]
        node, graph = step.node, self.graph
        # Compute first, then record: a step that fails leaves the position and every value as they were.
        if step.phase == "forward":
            new = graph.compute_value(node)
            self._undo.append(node.value)
            node.value = new
        elif step.phase == "backward":
            new = graph.compute_grad(node)
            self._undo.append(node.grad)
            node.grad = new
        else:
            with np.errstate(all="ignore"):
                new = np.asarray(node.value - self.learning_rate * node.grad, dtype=np.float64)
            self._undo.append(node.value)
            node.value = new
        return step

    def _retreat(self) -> Step | None:
        if not self._undo:
            return None
        step = self.schedule[self.position - 1]
        old = self._undo.pop()
        if step.phase == "backward":
            step.node.grad = old
        else:
            step.node.value = old
        self._explained.pop(step.index, None)
        return step

    # ------------------------------------------------------------------ explaining
    def explain(self, index: int | None = None) -> Explanation | None:
        """The formula of a step already taken (default: the current one), with its numbers."""
        if index is None:
            index = self.position - 1
        if not 0 <= index < self.position:
            return None
        if index not in self._explained:
            with np.errstate(all="ignore"):  # ∞ and NaN are shown in the formula, not printed as warnings
                self._explained[index] = self._build_explanation(self.schedule[index])
        return self._explained[index]

    def _value_at(self, node: Node, index: int) -> np.ndarray:
        """A node's value as it was when step ``index`` was taken (parameters change in updates)."""
        update = self._update_index.get(node.id)
        if update is not None and index <= update < self.position:
            return self._undo[update]
        return node.value

    def _build_explanation(self, step: Step) -> Explanation:
        node = step.node
        if step.phase == "forward":
            values = [self._value_at(n, step.index) for n in node.inputs]
            return Explanation(
                step, node.meta.get("role", node.op.role), node.sym,
                node.op.formula([n.sym for n in node.inputs], False),
                node.op.formula([_number(v) for v in values], True),
                array_piece(node.value), node.value, warning=value_reason(node.op, values, node.value) or "",
            )
        if step.phase == "backward":
            return self._explain_backward(step)
        old = self._undo[step.index]
        eta = num(self.learning_rate)
        finite_before = bool(np.all(np.isfinite(old)) and np.all(np.isfinite(node.grad)))
        return Explanation(
            step, "update", node.sym,
            node.sym + lit(" − ", " − ", " - ") + ETA + times(False) + node.grad_sym,
            num(old, wrap_negative=False) + lit(" − ", " − ", " - ") + eta + times(True) + _number(node.grad),
            array_piece(node.value), node.value, relation="←",
            warning=TOO_LARGE if finite_before and not np.all(np.isfinite(node.value)) else "",
        )

    def _explain_backward(self, step: Step) -> Explanation:
        node, graph = step.node, self.graph
        role = "grad_" + node.meta.get("role", "op")
        if node is graph.output:
            one = lit("1")
            return Explanation(step, "seed", node.grad_sym, one, one, one, node.grad)
        symbolic, substituted, contributions = [], [], []
        for consumer, position in graph.grad_consumers(node):
            xs = [self._value_at(n, step.index) for n in consumer.inputs]
            local = consumer.op.local(position, xs, consumer.value)
            local_sym = consumer.op.local_formula(position, [n.sym for n in consumer.inputs], consumer.sym)
            if local_sym.text.startswith("−"):
                local_sym = paren(local_sym)
            seeded = consumer is graph.output
            contribution = graph.contribution(consumer, position, xs)
            if local is None:  # not elementwise: show the vector-Jacobian product itself
                symbolic.append(consumer.op.vjp_formula(position, [n.sym for n in consumer.inputs], consumer.sym,
                                                        consumer.grad_sym))
                substituted.append(array_piece(contribution))
            elif seeded:  # next to the seed: show the local derivative with its inputs' numbers
                symbolic.append(local_sym)
                numbers = consumer.op.local_formula(position, [_number(v) for v in xs], consumer.sym)
                substituted.append(numbers if numbers.text != local_sym.text else _number(local))
            elif local_sym.text == "1":
                symbolic.append(consumer.grad_sym)
                substituted.append(_number(consumer.grad))
            else:
                if " " in local_sym.text and not wrapped(local_sym.text):
                    local_sym = paren(local_sym)  # ∂f/∂t·(x + y), not ∂f/∂t·x + y
                elif "/" in local_sym.text:
                    local_sym = factor(local_sym)  # ∂J/∂s·(λ/2), not ∂J/∂s·λ/2
                symbolic.append(consumer.grad_sym + times(False) + local_sym)
                substituted.append(_number(consumer.grad) + times(True) + _number(local))
            contributions.append({"consumer": consumer, "position": position, "local": local,
                                  "value": np.asarray(contribution)})
        return Explanation(
            step, role, node.grad_sym, join(_with_plus(symbolic)), join(_with_plus(substituted)),
            array_piece(node.grad), node.grad, contributions=contributions,
            warning=gradient_reason(graph, node) or "",
        )


def first_non_finite(items: list[Explanation]) -> StudioError | None:
    """The error for the first step whose result stops being a finite number (None if every one is finite)."""
    for e in items:
        if e.warning:
            return non_finite_error(e.step.node, e.symbol.text, e.warning, e.step.index + 1)
    if any(not np.all(np.isfinite(e.value)) for e in items):  # not finite from the start: no reason to give
        e = next(e for e in items if not np.all(np.isfinite(e.value)))
        return non_finite_error(e.step.node, e.symbol.text, "the result is not a finite number", e.step.index + 1)
    return None


def _number(value) -> Piece:
    array = np.asarray(value, dtype=np.float64)
    return num(float(array)) if array.ndim == 0 else array_piece(array)


def _with_plus(items: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for k, item in enumerate(items):
        if k:
            out.append(plus())
        out.append(item)
    return out or [lit("0")]
