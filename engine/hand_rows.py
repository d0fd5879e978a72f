"""The rows of a hand-calculation table: every number a student computes, in schedule order, with
what the student wrote for it.

The rows are the graph's quantities (engine/quantities.py) a student works out: each forward
step's value, each backward step's gradient (the seed ∂L/∂L = 1 left out) and the slope of an
activation the lecture writes by itself (σ′(z₂) inside δ₂ = ∂L/∂ŷ·σ′(z₂)). Rows a student wrote
(a saved calculation, a pasted table) go in the place of the first number they name: "a₁ =
[0.8808, 0.9084]" takes the place of the rows a₁[1] and a₁[2], which it covers. A written row the
lesson has no step for goes last, so that the check names it.
"""

from __future__ import annotations

import math

from .graph import Graph
from .quantities import SymbolIndex, quantities

SLOPES = ("σ′", "tanh′", "relu′", "leaky_relu′")  # local derivatives a hand calculation writes on their own


def step_symbols(graph: Graph) -> list[str]:
    """The symbol of every number to compute by hand, in schedule order."""
    qs = quantities(graph)
    index = SymbolIndex(graph, qs)
    out = []
    for q in qs:
        name = index.name(q)
        if (q.kind == "value" and q.node.is_leaf) or (q.kind == "grad" and q.node is graph.output) or \
                (q.kind == "local" and not name.startswith(SLOPES)):
            continue
        out.append(name)
    return out


def table_rows(graph: Graph, written: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(symbol, value) for the table: ``written`` in schedule order, and an empty row for every
    step symbol that no written row covers."""
    qs = quantities(graph)
    index = SymbolIndex(graph, qs)
    place = {id(q): q.order for q in qs}
    covered: set[tuple[int, int]] = set()
    rows: list[tuple[float, int, str, str]] = []
    for k, (symbol, value) in enumerate(written):
        entry = index.resolve(symbol)
        if entry is None:
            rows.append((math.inf, k, symbol, value))
            continue
        covered |= {(id(q), flat) for q, flat in entry.cells}
        rows.append((min(place[id(q)] + (max(flat, 0) + 1) / 1e6 for q, flat in entry.cells), k, symbol, value))
    for symbol in step_symbols(graph):
        entry = index.resolve(symbol)
        cells = {(id(q), flat) for q, flat in entry.cells}
        if not cells <= covered:
            q, flat = entry.cells[0]
            rows.append((place[id(q)] + (max(flat, 0) + 1) / 1e6, len(written), symbol, ""))
    return [(symbol, value) for _, _, symbol, value in sorted(rows, key=lambda r: (r[0], r[1]))]
