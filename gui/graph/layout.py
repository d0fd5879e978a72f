"""Where the operation graph's nodes go: columns left to right, and each drawn node's anchor.

Columns come from networkx's ``topological_generations`` of the graph (left → right, the
data flow), except that a leaf moves right to sit just before its first consumer (so W₂ sits
beside the layer that uses it, not at the far left). Within a column, nodes are ordered by
node id, which groups each neuron's nodes together. Positions only; Qt draws (gui/graph/drawing.py).

At neuron granularity the drawn graph is the lesson's operation graph and every node is tied
to an *anchor* in the lesson's own graph by ``engine.compile.part_of``.
"""

from __future__ import annotations

import networkx as nx

from engine.compile import part_of
from engine.graph import Graph, Node
from engine.roles import Role


def anchors(graph: Graph, lesson_graph: Graph, mirrored: bool) -> dict[int, Node]:
    """Each drawn node's counterpart in the lesson's graph: itself unless ``mirrored``, else by ``part_of``."""
    if not mirrored:
        return {n.id: n for n in graph.nodes}
    by_key: dict[tuple, Node] = {}
    for node in lesson_graph.nodes:
        key = part_of(node)
        if key is not None:
            by_key.setdefault(key, node)
    found = {}
    for node in graph.nodes:
        key = part_of(node)
        if key is not None and key in by_key:
            found[node.id] = by_key[key]
    return found


def columns(graph: Graph) -> list[list[int]]:
    """Columns of node ids, left → right, each ordered by node id.

    Start from networkx's topological generations (the longest path from a leaf). Then
    each leaf moves right to just before its first consumer, so W₂ sits beside the layer
    that uses it; the weight-decay norms do not count as that first consumer, so they
    follow their weights instead of pulling W₂ to the far left. Operations are then
    placed one column after their latest input again, which keeps every arrow pointing
    right. Node ids grow neuron by neuron and the decay branch is compiled last, so within
    a column a neuron's nodes stay together and the decay branch runs along the bottom,
    as in d2l's figure.
    """
    rank = {node_id: k for k, generation in enumerate(nx.topological_generations(graph.to_networkx()))
            for node_id in generation}
    for node in graph.nodes:  # creation order is a topological order
        if node.is_leaf:
            consumers = [c for c, _ in node.consumers if c.meta.get("role") != Role.NORM] \
                or [c for c, _ in node.consumers]
            if consumers:
                rank[node.id] = max(0, min(rank[c.id] for c in consumers) - 1)
    for node in graph.nodes:
        if not node.is_leaf:
            rank[node.id] = max(rank[p.id] for p in node.shown_inputs) + 1
    used = sorted(set(rank.values()))
    compact = {r: k for k, r in enumerate(used)}
    placed: list[list[int]] = [[] for _ in used]
    for node_id in sorted(rank):
        placed[compact[rank[node_id]]].append(node_id)
    return placed


MAX_BANDS = 4  # Fit folds a long graph into at most this many bands


def _sizes(columns: int, bands: int, widest: int):
    """Every way to cut ``columns`` into ``bands`` runs of 1..``widest`` columns, in order."""
    if bands == 1:
        if 1 <= columns <= widest:
            yield (columns,)
        return
    for first in range(min(widest, columns - bands + 1), 0, -1):
        for rest in _sizes(columns - first, bands - 1, widest):
            yield (first, *rest)


def fold(placed: list[list[int]], edges: list[tuple[int, int]], bands: int) -> list[range]:
    """Fold the columns into ``bands`` bands (runs of columns stacked top to bottom, like lines of text).

    No band is wider than it must be (the widest decides the zoom); among those cuts, the one whose bands
    are lowest (each as tall as its tallest column) wins, then the one whose edges between bands leave the
    last column of a band and enter the first of the next (drawn around the bands, crossing nothing), then
    the one with fewest edges between bands, then the one that fills the upper bands first.
    """
    n = len(placed)
    bands = max(1, min(int(bands), n))
    if bands == 1:
        return [range(n)]
    widest = -(-n // bands)
    column_of = {node_id: col for col, ids in enumerate(placed) for node_id in ids}
    best, best_key = None, None
    for sizes in _sizes(n, bands, widest):
        cuts, start = [], 0
        for size in sizes:
            cuts.append(range(start, start + size))
            start += size
        band_of = {col: b for b, cut in enumerate(cuts) for col in cut}
        height = sum(max(len(placed[col]) for col in cut) for cut in cuts)
        crossing = [(column_of[s], column_of[t]) for s, t in edges if band_of[column_of[s]] != band_of[column_of[t]]]
        awkward = sum(1 for a, b in crossing if a != cuts[band_of[a]][-1] or b != cuts[band_of[b]][0])
        key = (height, awkward, len(crossing), [-size for size in sizes])
        if best_key is None or key < best_key:
            best, best_key = cuts, key
    return best
