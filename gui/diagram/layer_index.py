"""The diagram at layer granularity: each neuron, weight, bias and target shows its entry of a layer node.

A layer-granularity graph has one node per vector or matrix (z₁, a₁, W₁, …). The diagram still
draws neurons and edges, so ``LayerNodeIndex`` hands it, for every diagram key, an ``Entry``:
the entry of that node's value and gradient (for a neuron, the column of its layer; with several
samples, the row of the lesson's sample), named like the neuron-granularity node it equals
(a₁[2], W₁[1,2]). ``diagram_keys`` lists the diagram keys a layer node covers, so a layer step
highlights every neuron of the layer, or every edge of the weight matrix, at once.
"""

from __future__ import annotations

import numpy as np

from engine.compile import parts_of
from engine.compile_layer import layer_part
from engine.formula import lit, sym
from engine.graph import Graph, Node
from engine.network import Network
from engine.roles import Role


def diagram_key(part: tuple) -> tuple:
    """The diagram item of a per-neuron key of ``engine.compile.parts_of``: ("z", 1, j) and ("a", 1, j) are
    neuron j of layer 1, ("weight", l, i, j) the edge, ("input", i) an input neuron; the loss and decay
    parts are the loss circle."""
    kind = part[0]
    if kind == "input":
        return ("neuron", 0, part[1])
    if kind in ("z", "a"):
        return ("neuron", part[1], part[2])
    if kind == "weight":
        return ("edge", *part[1:])
    if kind in ("bias", "target"):
        return part
    return ("loss",)


def diagram_keys(node: Node) -> list[tuple]:
    """The diagram items a layer node covers: every neuron of its layer, or every edge of its matrix."""
    return list(dict.fromkeys(diagram_key(part) for part in parts_of(node)))


def covers(part: tuple | None, key: tuple) -> bool:
    """Does the layer-level part of a node (``engine.compile_layer.layer_part``: ("z", 1), ("weight", 2), …)
    cover the drawn diagram item ``key`` (a neuron, a collapsed layer's ellipsis, an edge, a bias, a target)?"""
    if part is None:
        return False
    kind, item = part[0], key[0]
    if kind in ("input", "z", "a"):
        layer = 0 if kind == "input" else part[1]
        return item in ("neuron", "ellipsis") and key[1] == layer
    if kind == "weight":
        return item == "edge" and key[1] == part[1]
    if kind == "bias":
        return item == "bias" and key[1] == part[1]
    if kind == "target":
        return item == "target"
    return key == ("loss",)


def entry_index(part: tuple) -> tuple:
    """Where a per-neuron key's number sits in its layer node's value: (i, j) of a weight, (j,) otherwise."""
    if part[0] == "weight":
        return part[2:]
    if part[0] in ("z", "a", "bias"):
        return part[2:]
    if part[0] in ("input", "target"):
        return part[1:]
    return ()


def pick(value, index: tuple, sample: int, columns: bool = False):
    """The entry ``index`` of a layer value: a batch gives the entry of ``sample`` (its row, or with
    ``columns``, d2l's layout, its column); a transposed weight (``columns``) holds W[i, j] at [j, i]."""
    if value is None:
        return None
    array = np.asarray(value, dtype=np.float64)
    if not index:
        return float(array.ravel()[0]) if array.size == 1 else array
    if array.ndim < 2:
        return float(array.ravel()[index[-1]])
    if len(index) == 2:
        i, j = index
        return float(array[j, i] if columns else array[i, j])
    if columns:
        return float(array[index[0], min(sample, array.shape[1] - 1)])
    return float(array[min(sample, array.shape[0] - 1), index[0]])


class Entry:
    """One entry of a layer node, read like a graph node by the diagram (value, grad, sym, id, meta)."""

    __slots__ = ("_columns", "_index", "_node", "_sample", "_sym", "meta")

    def __init__(self, node: Node, index: tuple, sample: int, symbol, meta: dict) -> None:
        self._node, self._index, self._sample, self._sym, self.meta = node, index, sample, symbol, meta
        self._columns = bool(meta.get("columns"))

    @property
    def id(self) -> int:
        return self._node.id

    @property
    def kind(self) -> str:
        return self._node.kind

    @property
    def sym(self):
        return self._sym

    @property
    def value(self):
        return pick(self._node.value, self._index, self._sample, self._columns)

    @property
    def grad(self):
        return pick(self._node.grad, self._index, self._sample, self._columns)


def entry_symbol(node: Node, index: tuple, count: int):
    """a₁[2] from a₁ (the index dropped where the layer has one neuron), W₁[1,2] from W₁."""
    key = node.key
    shown = tuple(k + 1 for k in index) if index and (len(index) == 2 or count > 1) else None
    if isinstance(key, tuple) and len(key) >= 2:
        return sym(key[0], key[1], shown)
    text = node.sym.text
    return lit(text if shown is None else f"{text}[{','.join(map(str, shown))}]")


class LayerNodeIndex(dict):
    """Diagram key → Entry, as ``graph_index.NodeIndex`` is for neuron and operation graphs: each layer
    node's entries, by the per-neuron keys ``parts_of`` names (σ′(z), ‖W‖² and λW are not shown)."""

    def __init__(self, graph: Graph, network: Network, sample: int) -> None:
        super().__init__()
        self.z: dict[tuple, Entry] = {}
        self.objective: Entry | None = None
        columns = any(n.meta.get("columns") for n in graph.nodes[:1])  # d2l's layout: samples are columns, W transposed
        self._columns, self._sample = columns, sample
        self._weights: dict[int, Node] = {}  # layer → W: an edge's entry is made when asked for (200,000 at the cap)
        for node in graph.nodes:
            if node.meta.get("aux"):
                continue
            if node.meta.get("role") == Role.WEIGHT:
                self._weights[node.meta["layer"]] = node
                continue
            if node.meta.get("role") == Role.OBJECTIVE:
                self.objective = Entry(node, (), sample, node.sym, {"role": Role.OBJECTIVE, "columns": columns})
                continue
            parts = parts_of(node)
            for part in parts:
                key = diagram_key(part)
                index = entry_index(part)
                meta = {"role": node.meta.get("role"), "layer": part[1] if len(part) > 2 else None,
                        "columns": columns}
                entry = Entry(node, index, sample, entry_symbol(node, index, len(parts)), meta)
                if part[0] == "z":
                    self.z[key] = entry
                elif key not in self:
                    self[key] = entry
        for key, entry in self.z.items():  # a linear output layer has no a: its z is ŷ
            self.setdefault(key, entry)

    def get(self, key: tuple, default=None):
        found = dict.get(self, key)
        if found is None and key[0] == "edge" and key[1] in self._weights:
            w = self._weights[key[1]]
            meta = {"role": Role.WEIGHT, "layer": key[1], "columns": self._columns}
            found = Entry(w, key[2:], self._sample, entry_symbol(w, key[2:], 2), meta)
        return default if found is None else found


class LayerKeys:
    """Layer node id → the diagram keys it covers (``get`` gives the first, as ``GraphKeys.get`` does)."""

    def __init__(self, graph: Graph) -> None:
        self._nodes = graph.nodes
        self._first: dict[int, tuple | None] = {}

    def part(self, node_id: int) -> tuple | None:
        """The layer-level part of a node (σ′(z) and λW: their z's and W's)."""
        return layer_part(self._nodes[node_id]) if 0 <= node_id < len(self._nodes) else None

    def get(self, node_id: int, default: tuple | None = None) -> tuple | None:
        if node_id not in self._first:
            parts = parts_of(self._nodes[node_id]) if 0 <= node_id < len(self._nodes) else []
            self._first[node_id] = diagram_key(parts[0]) if parts else None
        found = self._first[node_id]
        return default if found is None else found
