"""Which diagram item shows each node of a compiled network graph, and the other way round.

At the 200,000-parameter cap a graph holds about 200,000 weight nodes: indexing every one took
about half a second at each open and rebuild, for a diagram that shows a few dozen edges of a
collapsed wide layer. ``NodeIndex`` indexes the few other nodes at once and finds a weight when
asked for it (engine/compile.py creates each weight column just before its bias, so the weight
W[i, j] of layer l is the node ``size(l − 1) − i`` places before the bias b[j]; any other layout
falls back to indexing every weight once). ``GraphKeys`` gives a node's key when first asked.
"""

from __future__ import annotations

from engine.graph import Graph, Node
from engine.roles import NEURON_ROLES as NEURON_OP_ROLES
from engine.roles import Role

NEURON_ROLES = NEURON_OP_ROLES - {Role.PRODUCT}  # a product belongs to its weight's edge
_UNKNOWN = object()


def node_key(node: Node) -> tuple | None:
    """The key of the diagram item that shows ``node`` (None for constants, which no item shows)."""
    meta, kind = node.meta, node.kind
    role = meta.get("role")
    if kind == "input":
        return ("neuron", 0, meta["neuron"])
    if kind == "target":
        return ("target", meta["neuron"])
    if role in (Role.WEIGHT, Role.PRODUCT):
        return ("edge", meta["layer"], meta["i"], meta["neuron"])
    if role == Role.BIAS:
        return ("bias", meta["layer"], meta["neuron"])
    if role in NEURON_ROLES and "neuron" in meta:
        return ("neuron", meta["layer"], meta["neuron"])
    if kind == "const":
        return None
    return ("loss",)


class GraphKeys:
    """Graph node id → diagram key, with a dict's ``get``; each key is made when first asked for."""

    def __init__(self, graph: Graph) -> None:
        self._nodes = graph.nodes
        self._known: dict[int, tuple | None] = {}

    def get(self, node_id: int, default: tuple | None = None) -> tuple | None:
        key = self._known.get(node_id, _UNKNOWN)
        if key is _UNKNOWN:
            nodes = self._nodes
            key = node_key(nodes[node_id]) if 0 <= node_id < len(nodes) else None
            self._known[node_id] = key
        return default if key is None else key


class NodeIndex(dict):
    """Diagram key → graph node: an input's node or a neuron's a, a bias, a target, the loss, and
    (through ``get``) the weight of an edge. ``z`` maps neuron keys to their z node; ``objective``
    is J with weight decay (None without)."""

    def __init__(self, graph: Graph, sizes: list[int]) -> None:
        super().__init__()
        self.z: dict[tuple, Node] = {}
        self.objective: Node | None = None
        self._graph, self._sizes = graph, list(sizes)
        self._weights: dict[tuple, Node] | None = None
        others = [n for n in graph.nodes if n.kind != "param"]
        others += [n for n in graph.params if n.meta.get("role") != Role.WEIGHT]
        for node in sorted(others, key=lambda n: n.id):
            key, role = node_key(node), node.meta.get("role")
            if key is None or role == Role.PRODUCT:
                continue
            if key[0] == "neuron" and node.kind != "input":
                if role == Role.ACTIVATION:
                    self[key] = node
                elif role in (Role.WEIGHTED_SUM, Role.BIAS_ADD):
                    self.z[key] = node
            elif key == ("loss",):
                if role == Role.LOSS:
                    self[key] = node
                elif role == Role.OBJECTIVE:
                    self.objective = node
            else:
                self[key] = node

    def get(self, key: tuple, default: Node | None = None) -> Node | None:
        node = dict.get(self, key)
        if node is None and len(key) == 4 and key[0] == "edge":
            node = self._weight(*key[1:])
        return default if node is None else node

    def _weight(self, layer: int, i: int, j: int) -> Node | None:
        bias, sizes, nodes = dict.get(self, ("bias", layer, j)), self._sizes, self._graph.nodes
        if bias is not None and 1 <= layer < len(sizes) and 0 <= i < sizes[layer - 1]:
            k = bias.id - sizes[layer - 1] + i
            if 0 <= k < len(nodes) and node_key(nodes[k]) == ("edge", layer, i, j) \
                    and nodes[k].meta.get("role") == Role.WEIGHT:
                return nodes[k]
        if self._weights is None:  # not the usual layout: every weight, once
            self._weights = {node_key(n): n for n in self._graph.params if n.meta.get("role") == Role.WEIGHT}
        return self._weights.get(("edge", layer, i, j))
