"""The numbers a student computes for a graph, by symbol, and each one recomputed from other numbers.

A *quantity* is one number (or array, at layer granularity) the schedule produces: the value
of a node (a leaf's given value, or a forward step's result), the gradient of a node (a
backward step's result), or a *local derivative* ∂c/∂x of a consumer c with respect to one
of its inputs (σ′(z₂) inside the step δ₂ = ∂L/∂ŷ·σ′(z₂)). Quantities come in schedule
order, and every quantity can be *recomputed* from the quantities it is made of, with any
numbers put in for those: the true ones, or a student's own (engine/hand_check.py). The
recomputation is the step's own formula, nothing guessed:

* a value: the op's forward on its inputs' values;
* a local derivative: the op's derivative at its inputs; for σ and tanh also the hand rule
  the lecture teaches, from the output: σ′ = ŷ(1 − ŷ), tanh′ = 1 − a²;
* a gradient: the chain-rule sum over the node's consumers of ∂J/∂c · ∂c/∂x (the op's
  vector-Jacobian product where it has no elementwise derivative, as a matrix product).

Symbols are matched loosely (``symbol_key``): subscripts and plain digits alike, spaces and
``_`` ignored, ``'`` for ′, ``dL/dW`` for ∂L/∂W, ``yhat`` for ŷ, ``sigma``/``delta`` for σ/δ.
A name without its index stands for the whole vector or matrix ("a₁" for a₁[1], a₁[2]).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .formula import fmt, grad_of, num
from .graph import Graph, Node
from .matrix_format import array_piece
from .ops.base import _unbroadcast

KINDS = ("value", "grad", "local")


@dataclass(frozen=True, eq=False)
class Quantity:
    """One number of the schedule: the value or gradient of ``node``, or (kind "local") the
    derivative of the consumer ``node`` with respect to its input at ``position``."""

    kind: str
    node: Node
    position: int = -1
    order: int = 0  # place in schedule order

    @property
    def input(self) -> Node:
        return self.node.inputs[self.position]


# the slope of an activation from its output, as the lecture writes it: σ′ = σ(1 − σ)
HAND_SLOPES: dict[str, tuple[Callable[[np.ndarray], np.ndarray], Callable[[str], str]]] = {
    "sigmoid": (lambda y: y * (1.0 - y), lambda out: f"{out}(1 − {out})"),
    "tanh": (lambda y: 1.0 - y * y, lambda out: f"1 − {out}²"),
}


def hand_slope_text(consumer: Node) -> str | None:
    """"ŷ(1 − ŷ)" for a sigmoid node ŷ (None for an op with no hand rule)."""
    rule = HAND_SLOPES.get(consumer.op.name) if consumer.op is not None else None
    return None if rule is None else rule[1](consumer.sym.text)


def local_symbol(consumer: Node, position: int) -> str:
    return consumer.op.local_formula(position, [n.sym for n in consumer.inputs], consumer.sym).text


def quantities(graph: Graph) -> list[Quantity]:
    """Every quantity, in schedule order: leaves, forward values, then per backward step its local
    derivatives and its gradient."""
    out: list[Quantity] = []
    for node in graph.nodes:
        if node.is_leaf:
            out.append(Quantity("value", node, order=len(out)))
    for node in graph.forward_order:
        out.append(Quantity("value", node, order=len(out)))
    for node in graph.backward_order:
        if node is not graph.output:
            for consumer, position in graph.grad_consumers(node):
                if _elementwise(consumer, position):
                    out.append(Quantity("local", consumer, position, order=len(out)))
        out.append(Quantity("grad", node, order=len(out)))
    return out


def _elementwise(consumer: Node, position: int) -> bool:
    with np.errstate(all="ignore"):
        return consumer.op.local(position, [n.value for n in consumer.inputs], consumer.value) is not None


def true_value(q: Quantity) -> np.ndarray:
    if q.kind == "value":
        return np.asarray(q.node.value, dtype=np.float64)
    if q.kind == "grad":
        return np.asarray(q.node.grad, dtype=np.float64)
    c = q.node
    with np.errstate(all="ignore"):
        local = c.op.local(q.position, [n.value for n in c.inputs], c.value)
    return np.array(local, dtype=np.float64)  # in the output's shape where an input is broadcast (a bias)


# ---------------------------------------------------------------------- symbols
_WORDS = (("yhat", "ŷ"), ("y_hat", "ŷ"), ("y^", "ŷ"), ("sigma", "σ"), ("delta", "δ"), ("'", "′"), ("\u2019", "′"))
_INDEX = re.compile(r"\[(\d+(?:,\d+)*)\]")
_DERIVATIVE = re.compile(r"d([^/]+)/d(.+)")


def symbol_key(text: str) -> str:
    """The form in which two spellings of one symbol agree ("a_1[2]", "a₁[2]" → "a1[2]")."""
    s = unicodedata.normalize("NFKC", text)
    for word, symbol in _WORDS:
        s = s.replace(word, symbol)
    s = "".join(ch for ch in s if not ch.isspace() and ch not in "_{}")
    derivative = _DERIVATIVE.fullmatch(s)
    if derivative and "∂" not in s:
        s = f"∂{derivative[1]}/∂{derivative[2]}"
    return s


def split_index(text: str) -> tuple[str, tuple[int, ...]] | None:
    """("a₁", (2,)) for "a₁[2]"; ("σ′(z₁)", (1,)) for "σ′(z₁[1])"; None without an index."""
    matches = list(_INDEX.finditer(text))
    if len(matches) != 1:
        return None
    m = matches[0]
    return text[:m.start()] + text[m.end():], tuple(int(i) for i in m[1].split(","))


@dataclass
class Entry:
    """What one symbol stands for: cells (a quantity and the flat index of its entry, or -1 for the
    whole quantity) in row-major order, with the shape they form."""

    symbol: str
    cells: list[tuple[Quantity, int]]
    shape: tuple[int, ...]
    names: list[str]  # each cell's own symbol


class SymbolIndex:
    """Symbols of a graph's quantities: each name a student may write, and what it stands for."""

    def __init__(self, graph: Graph, qs: list[Quantity]) -> None:
        self.graph = graph
        root = graph.output.sym if graph.output is not None else None
        self._names: dict[str, Quantity] = {}
        for q in qs:
            for name in self._spellings(q, root):
                self._names.setdefault(symbol_key(name), q)
        self._display = {id(q): self._spellings(q, root)[0] for q in qs}
        groups: dict[str, dict[tuple[int, ...], Quantity]] = {}
        for q in qs:
            for name in self._spellings(q, root):
                parts = split_index(name)
                if parts is not None:
                    groups.setdefault(symbol_key(parts[0]), {}).setdefault(parts[1], q)
        self._groups = {k: v for k, v in groups.items() if len({len(i) for i in v}) == 1 and k not in self._names}

    @staticmethod
    def _spellings(q: Quantity, root) -> list[str]:
        node = q.node
        if q.kind == "value":
            return [node.sym.text]
        if q.kind == "grad":
            names = [node.grad_sym.text]
            if root is not None:
                names.append(grad_of(root, node.sym).text)
            return names
        names = [f"∂{node.sym.text}/∂{q.input.sym.text}"]
        formula = local_symbol(node, q.position)
        if formula.startswith(("σ′", "tanh′", "relu′", "leaky_relu′")):
            names.insert(0, formula)
        return names

    def name(self, q: Quantity) -> str:
        return self._display[id(q)]

    def resolve(self, symbol: str) -> Entry | None:
        key = symbol_key(symbol)
        q = self._names.get(key)
        if q is not None:
            shape = np.shape(true_value(q))
            if int(np.prod(shape)) == 1:  # a number, or an array of one entry (z₂ of one sample at layer steps)
                return Entry(symbol, [(q, -1 if shape == () else 0)], (), [self.name(q)])
            squeezed = tuple(d for d in shape if d != 1) or (1,)
            flat = int(np.prod(shape))
            return Entry(symbol, [(q, k) for k in range(flat)], squeezed,
                         [f"{self.name(q)}[{','.join(str(i + 1) for i in np.unravel_index(k, squeezed))}]"
                          for k in range(flat)])
        group = self._groups.get(key)
        if group is not None:
            size = len(next(iter(group)))
            shape = tuple(max(i[axis] for i in group) for axis in range(size))
            indices = list(np.ndindex(*shape))
            if len(indices) != len(group):
                return None
            cells = [(group[tuple(i + 1 for i in index)], -1) for index in indices]
            return Entry(symbol, cells, tuple(d for d in shape if d != 1) or (1,), [self.name(q) for q, _ in cells])
        parts = split_index(key)
        if parts is not None:  # one entry of an array quantity ("a₁[2]" at layer granularity)
            whole = self.resolve(parts[0])
            if whole is not None and len(whole.shape) == len(parts[1]) and all(
                    1 <= i <= d for i, d in zip(parts[1], whole.shape, strict=True)):
                k = int(np.ravel_multi_index(tuple(i - 1 for i in parts[1]), whole.shape))
                return Entry(symbol, [whole.cells[k]], (), [whole.names[k]])
        return None


# ---------------------------------------------------------------------- recomputing
Get = Callable[[Quantity], np.ndarray]


class Recompute:
    """Each quantity from the ones it is made of: ``candidates(q, get)`` lists (value, the
    quantities used), ``get`` giving the numbers to put in."""

    def __init__(self, graph: Graph, qs: list[Quantity]) -> None:
        self.graph = graph
        self.value: dict[int, Quantity] = {}
        self.grad: dict[int, Quantity] = {}
        self.local: dict[tuple[int, int], Quantity] = {}
        for q in qs:
            if q.kind == "local":
                self.local[(q.node.id, q.position)] = q
            else:
                getattr(self, q.kind)[q.node.id] = q

    def candidates(self, q: Quantity, get: Get) -> list[tuple[np.ndarray, list[Quantity]]]:
        node = q.node
        with np.errstate(all="ignore"):
            if q.kind == "value":
                if node.is_leaf:
                    return [(true_value(q), [])]
                ins = [self.value[n.id] for n in node.inputs]
                return [(np.asarray(node.op.forward([get(i) for i in ins]), dtype=np.float64), ins)]
            if q.kind == "local":
                return self._locals(q, get)
            return [self._gradient(node, get)]

    def _locals(self, q: Quantity, get: Get) -> list[tuple[np.ndarray, list[Quantity]]]:
        c = q.node
        ins = [self.value[n.id] for n in c.inputs]
        out = self.value[c.id]
        shape = np.shape(true_value(q))
        found = []
        rule = HAND_SLOPES.get(c.op.name)
        if rule is not None:
            found.append((np.broadcast_to(rule[0](get(out)), shape).astype(np.float64), [out]))
        local = c.op.local(q.position, [get(i) for i in ins], get(out))
        found.append((np.broadcast_to(np.asarray(local, dtype=np.float64), shape).copy(), [*ins, out]))
        return found

    def _gradient(self, node: Node, get: Get) -> tuple[np.ndarray, list[Quantity]]:
        graph = self.graph
        shape = np.shape(node.value)
        if node is graph.output:
            return np.ones(shape), []
        total, used = np.zeros(shape), []
        for consumer, position in graph.grad_consumers(node):
            g_q = self.grad[consumer.id]
            used.append(g_q)
            total = total + self.contribution(consumer, position, get, used)
        return total, used

    def contribution(self, consumer: Node, position: int, get: Get, used: list[Quantity] | None = None) -> np.ndarray:
        """∂J/∂c · ∂c/∂x with the numbers of ``get``."""
        local_q = self.local.get((consumer.id, position))
        ins = [self.value[n.id] for n in consumer.inputs]
        if used is not None:
            used.extend([local_q] if local_q is not None else [*ins, self.value[consumer.id]])
        g = get(self.grad[consumer.id])
        if local_q is not None:
            return chain_term(consumer, position, g, local=get(local_q))
        return chain_term(consumer, position, g, [get(i) for i in ins], get(self.value[consumer.id]))

    def formula(self, q: Quantity, get: Get, name: Callable[[Quantity], str]) -> str:
        """The step's formula with the numbers of ``get`` put in: "σ(2.4)", "0.2692 × 0.1776"."""
        node = q.node
        if q.kind == "value":
            if node.is_leaf:
                return name(q)
            return node.op.formula([_piece(get(self.value[n.id])) for n in node.inputs], True).text
        if q.kind == "local":
            rule = HAND_SLOPES.get(node.op.name)
            if rule is not None:
                return rule[1](_piece(get(self.value[node.id])).text)
            return local_symbol(node, q.position)
        if node is self.graph.output:
            return "1"
        terms = []
        for consumer, position in self.graph.grad_consumers(node):
            local_q = self.local.get((consumer.id, position))
            g = _piece(get(self.grad[consumer.id])).text
            terms.append(f"{g} × {_piece(get(local_q)).text}" if local_q is not None else
                         f"{name(self.grad[consumer.id])}·∂{consumer.sym.text}/∂{node.sym.text}")
        return " + ".join(terms) or "0"


def chain_term(consumer: Node, position: int, g, xs: list | None = None, out=None, local=None) -> np.ndarray:
    """One term of the chain rule by hand: ∂J/∂c times the local derivative ∂c/∂x (``local``, or the
    op's own at ``xs`` and ``out``), summed back to x's shape; the op's vector-Jacobian product
    where it has no elementwise derivative (a matrix product). Default numbers: the nodes' own."""
    if xs is None:
        xs = [n.value for n in consumer.inputs]
    if out is None:
        out = consumer.value
    with np.errstate(all="ignore"):
        if local is None:
            local = consumer.op.local(position, xs, out)
        if local is None:
            return np.asarray(consumer.op.vjp(position, g, xs, out), dtype=np.float64)
        return _unbroadcast(np.asarray(g, dtype=np.float64) * local, np.shape(consumer.inputs[position].value))


def _piece(value: np.ndarray):
    array = np.asarray(value, dtype=np.float64)
    return num(float(array)) if array.ndim == 0 else array_piece(array)


def shown(value: float) -> str:
    """A number as a report shows it: four significant digits and at least four decimals, trailing
    zeros kept (0.1050, 0.9168, 1.1844, 0.0003635); very large or small numbers as ``fmt`` writes them."""
    value = float(value)
    if not (1e-4 <= abs(value) < 1e6):
        return fmt(value)
    places = max(4, 3 - math.floor(math.log10(abs(value))))
    return f"{value:.{places}f}".replace("-", "−")
