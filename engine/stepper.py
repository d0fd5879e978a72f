"""Step through a graph one node at a time, forward, backward and update, and back exactly.

The schedule is: forward steps in topological order (every node, also one whose value the
output never uses); backward steps in the graph's backward order, seeded with ∂J/∂J = 1
(only the nodes that reach the output: see engine/graph.py); then one update step per parameter,
w ← w − η·∂J/∂w. Each step writes one array of one node and remembers the array it
replaced, so ``step_back`` restores the exact earlier state. Running to the end is a loop
over ``step_forward``'s own code path. The schedule and the Explanation of a step are in engine/schedule.py.
"""

from __future__ import annotations

import numpy as np

from .errors import StudioError
from .events import Event
from .formula import Piece, factor, hadamard, join, lit, num, paren, plus, sym, times, wrapped
from .graph import NOT_FINITE, TOO_LARGE, Graph, Node, gradient_reason, non_finite_error, value_reason
from .matrix_format import array_piece, shape_text
from .ops import Op
from .roles import Role
from .schedule import PHASES, Explanation, Schedule, Step

ETA = sym("η")


class Stepper:
    """Owns the position in a graph's schedule. Emits ``changed`` after every move."""

    def __init__(self, graph: Graph, learning_rate: float = 0.5) -> None:
        self.graph = graph
        self.learning_rate = float(learning_rate)
        self.schedule = Schedule([("forward", graph.forward_order), ("backward", graph.backward_order),
                                  ("update", graph.params)])
        self._bounds = {phase: (start, start + len(nodes)) for phase, nodes, start in self.schedule.parts}
        self._update_index_: dict[int, int] | None = None
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

    @property
    def _update_index(self) -> dict[int, int]:
        """Parameter node id → the index of its update step (made when an explanation first needs it)."""
        if self._update_index_ is None:
            start = self._bounds["update"][0]
            self._update_index_ = {node.id: start + k for k, node in enumerate(self.graph.params)}
        return self._update_index_

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
        """Move to ``position`` by stepping (the same computations as single steps, many at a time)."""
        position = max(0, min(int(position), len(self.schedule)))
        moved = position != self.position
        if position > self.position:
            self._advance_to(position)
        elif position < self.position:
            self._retreat_to(position)
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
        elif step.phase == "backward" and not node.meta.get("backward_value"):
            new = graph.compute_grad(node)
            self._undo.append(node.grad)
            node.grad = new
        elif step.phase == "backward":  # an auxiliary value of the chain rule, σ′(z) or λW (layer steps)
            new = graph.compute_value(node)
            self._undo.append(node.value)
            node.value = new
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
        setattr(step.node, written(step.phase, step.node), old)
        self._explained.pop(step.index, None)
        return step

    # ------------------------------------------------------------------ many steps at once
    def _advance_to(self, target: int) -> None:
        """Take the steps up to ``target``. Runs of independent steps (a neuron's weights and bias, a
        layer's activations, the updates) are computed as arrays, with the very same floating-point
        operations as one step at a time (tests compare them bit for bit); a run whose numbers are
        not all finite, or that an op cannot take at once, is taken one step at a time."""
        inputs: dict[int, np.ndarray | None] = {}  # consumer id → its input values (fixed while gradients flow)
        while self.position < target:
            k = self.position
            phase, nodes, start = self.schedule.part(k)
            stop = min(target, start + len(nodes))
            if phase == "update" and stop - k > 1 and self._update_run(nodes[k - start:stop - start]):
                continue
            if phase == "backward" and stop - k > 1:
                run = self._independent_run(nodes, k - start, stop - start)
                if len(run) > 1:
                    if not self._gradient_run(run, inputs):
                        for _ in run:
                            self._advance()
                    continue
            self._advance()

    def _independent_run(self, nodes: list[Node], first: int, stop: int) -> list[tuple[Node, list[tuple[Node, int]]]]:
        """The longest prefix of backward steps none of which feeds another, whose consumers all have
        ``Op.locals_at``: each node with its consumers."""
        graph, run, members = self.graph, [], set()
        for k in range(first, stop):
            node = nodes[k]
            if node is graph.output or node.meta.get("backward_value"):
                break
            uses = graph.grad_consumers(node)
            if any(consumer.id in members or type(consumer.op).locals_at is Op.locals_at for consumer, _ in uses):
                break
            run.append((node, uses))
            members.add(node.id)
        return run

    def _update_run(self, nodes: list[Node]) -> bool:
        """w ← w − η·∂J/∂w for scalar parameters, as one array operation. False: step one at a time."""
        try:
            values = np.array([n.value for n in nodes], dtype=np.float64)
            grads = np.array([n.grad for n in nodes], dtype=np.float64)
        except (TypeError, ValueError):
            return False
        if values.shape != (len(nodes),) or grads.shape != values.shape:
            return False
        with np.errstate(all="ignore"):
            new = values - self.learning_rate * grads
        self._undo.extend(n.value for n in nodes)
        for node, value in zip(nodes, _scalars(new), strict=True):
            node.value = value
        return True

    def _gradient_run(self, run: list[tuple[Node, list[tuple[Node, int]]]],
                      inputs: dict[int, np.ndarray | None]) -> bool:
        """The gradients of independent nodes as arrays.

        Each gradient is Σ over the node's consumers of ∂J/∂consumer · local derivative, as in
        Graph.compute_grad; here each consumer's local derivatives come from ``Op.locals_at`` at
        once, and the sums are added in the same order. False (nothing changed): step one at a time.
        """
        groups: dict[int, tuple[Node, list[int], list[int]]] = {}
        for row, (_node, uses) in enumerate(run):
            for consumer, position in uses:
                entry = groups.get(consumer.id)
                if entry is None:
                    entry = groups[consumer.id] = (consumer, [], [])
                entry[1].append(row)
                entry[2].append(position)
        if any(np.ndim(node.value) for node, _ in run):
            return False
        totals = np.zeros(len(run))
        with np.errstate(all="ignore"):
            for key in sorted(groups):  # each node's consumers in the order compute_grad adds them
                consumer, rows, positions = groups[key]
                if consumer.grad is None or np.ndim(consumer.grad) or np.ndim(consumer.value):
                    return False
                if key not in inputs:
                    values = np.array([n.value for n in consumer.inputs], dtype=np.float64)
                    inputs[key] = values if values.shape == (len(consumer.inputs),) else None
                local = None if inputs[key] is None else \
                    consumer.op.locals_at(np.array(positions), inputs[key], consumer.value)
                if local is None:
                    return False
                contribution = np.asarray(consumer.grad, dtype=np.float64) * local
                if not np.isfinite(contribution).all():
                    return False  # 0·∞ and overflow: the one-step rule decides
                np.add.at(totals, rows, contribution)
        self._undo.extend(node.grad for node, _ in run)
        for (node, _), grad in zip(run, _scalars(totals), strict=True):
            node.grad = grad
        return True

    def _retreat_to(self, target: int) -> None:
        """Undo the steps after ``target``, latest first."""
        old = self._undo[target:]
        del self._undo[target:]
        for phase, nodes, start in reversed(self.schedule.parts):
            low, high = max(target, start), min(start + len(nodes), target + len(old))
            for k in range(high - 1, low - 1, -1):
                node = nodes[k - start]
                setattr(node, written(phase, node), old[k - target])
        if self._explained:
            self._explained = {k: e for k, e in self._explained.items() if k < target}

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
        if step.phase == "forward" or node.meta.get("backward_value"):
            values = [self._value_at(n, step.index) for n in node.inputs]
            numbers = getattr(node.op, "numeric_formula", None)
            return Explanation(
                step, node.meta.get("role", node.op.role), node.sym,
                node.op.formula([n.sym for n in node.inputs], False),
                numbers(values) if numbers else node.op.formula([_number(v) for v in values], True),
                array_piece(node.value), node.value, warning=value_reason(node.op, values, node.value) or "",
                shapes=_shapes(node.op, values, node.value),
            )
        if step.phase == "backward":
            return self._explain_backward(step)
        old = self._undo[step.index]
        eta = num(self.learning_rate)
        finite_before = bool(np.all(np.isfinite(old)) and np.all(np.isfinite(node.grad)))
        before = num(old, wrap_negative=False) if np.ndim(old) == 0 else array_piece(old)
        return Explanation(
            step, "update", node.sym,
            node.sym + lit(" − ", " − ", " - ") + ETA + times(False) + node.grad_sym,
            before + lit(" − ", " − ", " - ") + eta + times(True) + _number(node.grad),
            array_piece(node.value), node.value, relation="←",
            warning=TOO_LARGE if finite_before and not np.all(np.isfinite(node.value)) else "",
            shapes="" if np.ndim(old) == 0 else f"{shape_text(np.shape(old))} − η·{shape_text(np.shape(node.grad))}"
                                                 f" → {shape_text(np.shape(node.value))}",
        )

    def _explain_backward(self, step: Step) -> Explanation:
        node, graph = step.node, self.graph
        role = "grad_" + node.meta.get("role", Role.OP)
        if node is graph.output:
            one = lit("1")
            return Explanation(step, "seed", node.grad_sym, one, one, one, node.grad)
        symbolic, substituted, contributions, shapes = [], [], [], []
        for consumer, position in graph.grad_consumers(node):
            xs = [self._value_at(n, step.index) for n in consumer.inputs]
            local = consumer.op.local(position, xs, consumer.value)
            local_sym = raw = consumer.op.local_formula(position, [n.sym for n in consumer.inputs], consumer.sym)
            if local_sym.text.startswith("−"):
                local_sym = paren(local_sym)
            seeded = consumer is graph.output
            contribution = graph.contribution(consumer, position, xs)
            arrays = np.ndim(consumer.grad) > 0 and np.ndim(local) > 0
            product = hadamard() if arrays else times(False)  # ⊙ between two arrays of one shape
            if local is None:  # not elementwise: show the vector-Jacobian product itself
                symbolic.append(consumer.op.vjp_formula(position, [n.sym for n in consumer.inputs], consumer.sym,
                                                        consumer.grad_sym))
                numbers = getattr(consumer.op, "vjp_numbers", None)
                substituted.append(numbers(position, xs, consumer.value, consumer.grad) if numbers
                                   else array_piece(contribution))
                vjp_shapes = getattr(consumer.op, "vjp_shapes", None)
                if vjp_shapes:
                    shapes.append(vjp_shapes(position, xs, consumer.value, consumer.grad))
            elif seeded:  # next to the seed: show the local derivative with its inputs' numbers
                symbolic.append(local_sym if symbolic else raw)  # a leading minus needs no brackets: −1/t², not (−1/t²)
                own = getattr(consumer.op, "numeric_local", None)  # a layer loss: ŷ and y as its formula shows them
                numbers = own(position, xs) if own else \
                    consumer.op.local_formula(position, [_number(v) for v in xs], consumer.sym)
                substituted.append(numbers if numbers.text != local_sym.text else _number(local))
                if np.ndim(contribution) > 0:
                    shapes.append(f"{', '.join(shape_text(np.shape(x)) for x in xs[:2])}"
                                  f" → {shape_text(np.shape(contribution))}")
            elif local_sym.text == "1":
                symbolic.append(consumer.grad_sym)
                substituted.append(_number(consumer.grad))
            else:
                if " " in local_sym.text and not wrapped(local_sym.text):
                    local_sym = paren(local_sym)  # ∂f/∂t·(x + y), not ∂f/∂t·x + y
                elif "/" in local_sym.text and not local_sym.text.startswith("∂"):
                    local_sym = factor(local_sym)  # ∂J/∂s·(λ/2), not ∂J/∂s·λ/2
                symbolic.append(consumer.grad_sym + product + local_sym)
                substituted.append(_number(consumer.grad) + (product if arrays else times(True)) + _number(local))
                if arrays:
                    shapes.append(f"{shape_text(np.shape(consumer.grad))} ⊙ {shape_text(np.shape(local))}"
                                  f" → {shape_text(np.shape(contribution))}")
            contributions.append({"consumer": consumer, "position": position, "local": local,
                                  "value": np.asarray(contribution)})
        return Explanation(
            step, role, node.grad_sym, join(_with_plus(symbolic)), join(_with_plus(substituted)),
            array_piece(node.grad), node.grad, contributions=contributions,
            warning=gradient_reason(graph, node) or "", shapes=" + ".join(shapes),
        )


def first_non_finite(items: list[Explanation]) -> StudioError | None:
    """The error for the first step whose result stops being a finite number (None if every one is finite)."""
    for e in items:
        if e.warning:
            return non_finite_error(e.step.node, e.symbol.text, e.warning, e.step.index + 1)
    if any(not np.all(np.isfinite(e.value)) for e in items):  # not finite from the start: no reason to give
        e = next(e for e in items if not np.all(np.isfinite(e.value)))
        return non_finite_error(e.step.node, e.symbol.text, NOT_FINITE, e.step.index + 1)
    return None


def written(phase: str, node: Node) -> str:
    """Which array of ``node`` a step of ``phase`` writes: its gradient in the backward phase, else its
    value (an auxiliary value of the chain rule, meta ``backward_value``, is written in the backward phase)."""
    return "grad" if phase == "backward" and not node.meta.get("backward_value") else "value"


def _shapes(op: Op, xs: list, out) -> str:
    """The shapes of a step over arrays, "1×2 · 2×2 + 1×2 → 1×2" (the op's own wording, or inputs → result)."""
    if out is None or (np.ndim(out) == 0 and all(np.ndim(x) == 0 for x in xs)):
        return ""
    own = getattr(op, "shape_formula", None)
    if own is not None:
        return own(xs, out)
    return ", ".join(shape_text(np.shape(x)) for x in xs) + f" → {shape_text(np.shape(out))}"


def _scalars(array: np.ndarray) -> list[np.ndarray]:
    """The entries of a vector as 0-d arrays, the type every single step stores."""
    return [array[k, ...] for k in range(array.shape[0])]


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
