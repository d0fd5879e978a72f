"""Check a hand calculation: for each number a student wrote, correct, carried over, or a slip.

The student gives a table symbol → value ("a₁[2]" → "0.9084", "∂L/∂W₁" → a matrix). Every
entry is compared with the true float64 value and with the step's formula recomputed from
the student's *own* earlier numbers (engine/quantities.py): the student's where given, and
where a step was left out, that step recomputed from the student's numbers in turn.

The rule, for an entry v typed to the place value u of its last digit ("0.9084": u = 0.0001):
a difference of one in the last printed digit counts as rounding, so v *agrees* with a
number r when |v − r| ≤ u.

* **correct**: v agrees with the true value. Notes: *rounding* when v is not the true value
  correctly rounded (|v − true| > u/2: 0.0430 for 0.04290); *one digit* when v has a single
  significant digit (0.0004 for 0.0003635 hides the 6); *not following* when v does not
  agree with the recomputation from the student's own numbers (the lecture's L ≈ 0.035 is
  true, but its own ŷ = 0.7692 gives 0.0362).
* **carried**: not correct, but it agrees with the recomputation from the student's own
  numbers: the step's arithmetic is right and an earlier value was wrong. The report names
  the slips it comes from (the *roots*).
* **slip**: neither. The first slip in schedule order is the root cause.

A matrix entered with rows and columns swapped is *transposed* (its entries are then
checked in the right places), not wrong. An exact fraction ("1/4") agrees only with its own value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .errors import ValidationError
from .graph import Graph
from .messages import Message
from .quantities import Entry, Quantity, Recompute, SymbolIndex, quantities, shown, true_value
from .typed_numbers import Typed, exactly, parse_array, rounded, within

STATUSES = ("correct", "carried", "slip")


@dataclass
class CellResult:
    """One number of an entry."""

    symbol: str  # the cell's own symbol, "a₁[2]"
    typed: Typed
    status: str  # correct | carried | slip
    true: float
    own: float  # the step recomputed from the student's own numbers
    formula: str  # that recomputation with its numbers: "σ(2.4)"
    roots: list[str] = field(default_factory=list)  # the slips a carried number comes from
    notes: list[str] = field(default_factory=list)  # rounding | one_digit | not_following
    message: Message | None = None


@dataclass
class EntryResult:
    """One row of the table: a symbol and what was typed for it."""

    symbol: str
    text: str
    cells: list[CellResult] = field(default_factory=list)
    transposed: bool = False
    problem: Message | None = None  # an unknown symbol, a wrong count of numbers, unreadable text
    shape: tuple[int, ...] = ()  # the entry's shape: () for a number, (n,) for a vector, (m, n) for a matrix

    @property
    def status(self) -> str:
        if self.problem is not None:
            return "problem"
        worst = max((STATUSES.index(c.status) for c in self.cells), default=0)
        return STATUSES[worst]

    def messages(self) -> list[Message]:
        if self.problem is not None:
            return [self.problem]
        lines = []
        if self.transposed:
            lines.append(Message("hand.transposed", symbol=self.symbol, rows=self.shape[0], columns=self.shape[1]))
        return lines + [c.message for c in self.cells]


@dataclass
class HandReport:
    entries: list[EntryResult]
    slips: list[str]  # every slip, in schedule order: the first is the root cause
    summary: Message | None

    def messages(self) -> list[Message]:
        lines = [m for e in self.entries for m in e.messages()]
        return [*lines, self.summary] if self.summary is not None else lines

    def cell(self, symbol: str) -> CellResult:
        return next(c for e in self.entries for c in e.cells if c.symbol == symbol)

    @property
    def all_correct(self) -> bool:
        return all(e.status == "correct" for e in self.entries)


def check_hand_calculation(graph: Graph, rows: list[tuple[str, object]]) -> HandReport:
    """Check ``rows`` (symbol, typed value) against ``graph``, whose forward and backward passes have run."""
    qs = quantities(graph)
    index, recompute = SymbolIndex(graph, qs), Recompute(graph, qs)
    entries: list[tuple[EntryResult, Entry | None, list[Typed], tuple[int, ...]]] = []
    for symbol, text in rows:
        result = EntryResult(str(symbol), str(text))
        entry = index.resolve(str(symbol))
        typed: list[Typed] = []
        shape: tuple[int, ...] = ()
        if entry is None:
            result.problem = Message("hand.unknown_symbol", symbol=symbol)
        else:
            try:
                typed, shape = parse_array(text, str(symbol))
            except ValidationError as exc:
                result.problem = Message("hand.unreadable", symbol=symbol, problem=exc.problem)
            else:
                if len(typed) != len(entry.cells):
                    result.problem = Message("hand.count", symbol=symbol, count=len(entry.cells), got=len(typed))
        entries.append((result, entry, typed, shape))
    layouts = {k: e[1] is not None and len(e[3]) == 2 and e[3] != e[1].shape and e[3] == e[1].shape[::-1]
               for k, e in enumerate(entries)}  # a matrix typed in the other shape is read transposed
    for _ in range(3):  # a layout found transposed changes the numbers after it: check again
        cells = _judge(entries, layouts, qs, index, recompute)
        changed = False
        for k, (result, entry, _typed, shape) in enumerate(entries):
            if result.problem is None and not layouts[k] and _may_transpose(entry, shape):
                direct = cells[k]
                if any(c.status == "slip" for c in direct):
                    swapped = _judge(entries, {**layouts, k: True}, qs, index, recompute)[k]
                    if not any(c.status == "slip" for c in swapped):
                        layouts[k], changed = True, True
        if not changed:
            break
    for k, (result, entry, _typed, _shape) in enumerate(entries):
        if result.problem is None:
            result.cells, result.transposed = cells[k], layouts[k]
            result.shape = entry.shape
    slips = [c.symbol for r, *_ in entries for c in r.cells if c.status == "slip"]
    return HandReport([r for r, *_ in entries], slips, _summary(slips))


def _may_transpose(entry: Entry | None, shape: tuple[int, ...]) -> bool:
    return entry is not None and len(entry.shape) == 2 and min(entry.shape) > 1 and \
        shape in (entry.shape, entry.shape[::-1])


def _placed(entry: Entry, typed: list[Typed], shape: tuple[int, ...], transposed: bool) -> list[Typed]:
    """The typed numbers in the entry's cell order (row-major in the entry's own shape)."""
    if not transposed:
        return typed
    rows, columns = shape if len(shape) == 2 else entry.shape[::-1]
    grid = [typed[r * columns:(r + 1) * columns] for r in range(rows)]
    return [grid[r][c] for c in range(columns) for r in range(rows)]


def _judge(entries, layouts, qs: list[Quantity], index: SymbolIndex,
           recompute: Recompute) -> dict[int, list[CellResult]]:
    given: dict[int, dict[int, tuple[int, int, Typed]]] = {}  # quantity id → entry index → (entry, cell, typed)
    for k, (result, entry, typed, shape) in enumerate(entries):
        if result.problem is not None:
            continue
        for c, ((q, flat), t) in enumerate(zip(entry.cells, _placed(entry, typed, shape, layouts[k]), strict=True)):
            given.setdefault(id(q), {})[flat] = (k, c, t)
    world: dict[int, np.ndarray] = {}
    roots: dict[int, set[str]] = {}
    truths = {id(q): true_value(q) for q in qs}

    def get(q: Quantity) -> np.ndarray:
        return world[id(q)]

    def blame(q: Quantity, which: int, value: np.ndarray, deps: list[Quantity]) -> set[str]:
        """The roots of the used quantities that make ``value`` differ: each wrong one put right in turn."""
        found: set[str] = set()
        for d in {id(d): d for d in deps}.values():
            if not roots[id(d)] or np.array_equal(world[id(d)], truths[id(d)]):
                continue
            saved, world[id(d)] = world[id(d)], truths[id(d)]
            try:
                fixed = recompute.candidates(q, get)[which][0]
            finally:
                world[id(d)] = saved
            if not np.allclose(fixed, value, rtol=1e-12, atol=0.0):
                found |= roots[id(d)]
        return found

    judged: dict[int, dict[int, CellResult]] = {}
    for q in qs:
        candidates = recompute.candidates(q, get)
        value = np.array(candidates[0][0], dtype=np.float64)
        mine = given.get(id(q))
        if not mine:
            world[id(q)], roots[id(q)] = value, blame(q, 0, value, candidates[0][1])
            continue
        truth = truths[id(q)]
        q_roots = set() if len(mine) == max(1, value.size) else blame(q, 0, value, candidates[0][1])
        formula = recompute.formula(q, get, index.name)
        for flat, (k, c, t) in mine.items():
            at = () if flat < 0 else np.unravel_index(flat, value.shape)
            name = entries[k][1].names[c]
            own = [float(np.asarray(v)[at]) for v, _ in candidates]
            cell = _cell(name, t, float(truth[at]), own, formula)
            if cell.status == "carried":
                which = next(i for i, v in enumerate(own) if within(t, v, 1))
                cell.roots = sorted(blame(q, which, candidates[which][0], candidates[which][1]), key=_order(roots))
                cell.message = _message(cell)
            q_roots |= set(cell.roots) if cell.status != "slip" else {name}
            judged.setdefault(k, {})[c] = cell
            if value.ndim == 0:
                value = np.array(t.value)
            else:
                value[at] = t.value
        world[id(q)], roots[id(q)] = value, q_roots
    return {k: [judged[k][c] for c in sorted(judged[k])] for k in judged}


def _cell(name: str, t: Typed, truth: float, own: list[float], formula: str) -> CellResult:
    correct = within(t, truth, 1)
    follows = next((v for v in own if within(t, v, 1)), None)
    own_value = own[0]
    if correct:
        cell = CellResult(name, t, "correct", truth, own_value, formula)
        if not within(t, truth, 0.5):
            cell.notes.append("rounding")
        if t.digits == 1 and not exactly(t, truth):
            cell.notes.append("one_digit")
        if follows is None:
            cell.notes.append("not_following")
    elif follows is not None:
        cell = CellResult(name, t, "carried", truth, follows, formula)
    else:
        cell = CellResult(name, t, "slip", truth, own_value, formula)
    cell.message = _message(cell)
    return cell


def _order(roots: dict[int, set[str]]):
    first: dict[str, int] = {}
    for k, names in enumerate(roots.values()):
        for n in names:
            first.setdefault(n, k)
    return lambda n: first.get(n, math.inf)


def _message(cell: CellResult) -> Message:
    t, symbol = cell.typed, cell.symbol
    value, true = t.text.strip(), shown(cell.true)
    if cell.status == "slip":
        if t.unit is not None and abs(cell.own - cell.true) <= t.unit / 2:
            return Message("hand.slip", symbol=symbol, value=value, working=_working(cell))
        return Message("hand.slip_own", symbol=symbol, value=value, working=_working(cell), true=true)
    if cell.status == "carried":
        if not cell.roots:
            return Message("hand.carried_rounding", symbol=symbol, value=value, true=true)
        return Message("hand.carried", symbol=symbol, value=value, roots=", ".join(cell.roots), true=true)
    if "not_following" in cell.notes:
        return Message("hand.correct_not_following", symbol=symbol, value=value, true=true, working=_working(cell))
    if "one_digit" in cell.notes:
        return Message("hand.one_digit", symbol=symbol, value=value, true=true)
    if "rounding" in cell.notes:
        return Message("hand.rounding", symbol=symbol, value=value, true=true, rounded=_as_typed(cell.true, t))
    return Message("hand.correct", symbol=symbol, value=value)


def _working(cell: CellResult) -> str:
    """"σ(2.4) = 0.9168": the recomputation from the student's own values (the number alone when that is all)."""
    own = shown(cell.own)
    return own if cell.formula in (own, "") else f"{cell.formula} = {own}"


def _as_typed(value: float, t: Typed) -> str:
    """``value`` rounded to the typed number's last digit, written with as many decimals."""
    if t.unit is None:
        return shown(value)
    decimals = max(0, -math.floor(math.log10(t.unit) + 1e-9))
    return f"{rounded(value, t.unit):.{decimals}f}".replace("-", "−")


def _summary(slips: list[str]) -> Message | None:
    if not slips:
        return None
    if len(slips) == 1:
        return Message("hand.first_slip", symbol=slips[0])
    return Message("hand.first_slip_and_others", symbol=slips[0], others=", ".join(slips[1:]))
