"""TikZ pictures for the LaTeX handout: the network's layers, or an expression's graph."""

from __future__ import annotations

from .formula import lit
from .notation import symbol_piece

MAX_DRAWN = 12  # neurons drawn per layer; a larger layer shows its first ones, ⋮, and its last
MAX_GRAPH_NODES = 40  # an expression graph larger than this is not drawn
TEXT_WIDTH_CM = 15.5  # what a picture may span (the text is 17 cm wide)


def _drawn(size: int) -> list[int | None]:
    if size <= MAX_DRAWN:
        return list(range(size))
    return [*range(MAX_DRAWN - 2), None, size - 1]


def _neuron_symbol(n: int, last: int, j: int, size: int, notation: str = "lecture"):
    index = None if size == 1 else [j + 1]
    if n == 0:
        return symbol_piece(notation, "X", None, index)
    return symbol_piece(notation, "ŷ", None, index) if n == last else symbol_piece(notation, "a", n, index)


def tikz_network(given, title) -> list[str]:
    """The layers as columns of neurons, every neuron joined to every neuron of the next layer."""
    from .handout_latex import math

    sizes = [layer.size for layer in given.layers]
    last = len(sizes) - 1
    tallest = max(len(_drawn(s)) for s in sizes)
    small = tallest > 8  # big layers: small unlabelled circles, the first and last neuron named
    dy = min(1.1, 9.0 / max(tallest - 1, 1))
    dx = min(4.0, (TEXT_WIDTH_CM - 3.0) / max(last, 1))
    style = "minimum size=3mm, inner sep=0pt" if small else "minimum size=9mm, inner sep=1pt, font=\\footnotesize"
    lines = [*_open(), rf"\begin{{tikzpicture}}[x={dx:.2f}cm, y={dy:.2f}cm, "
             rf"neuron/.style={{circle, draw=black!70, fill=black!5, {style}}}]"]
    top = (tallest - 1) / 2
    for n, size in enumerate(sizes):
        drawn = _drawn(size)
        for row, j in enumerate(drawn):
            y = (len(drawn) - 1) / 2 - row
            if j is None:
                lines.append(rf"\node at ({n}, {y:.2f}) {{$\vdots$}};")
                continue
            label = "$" + math(_neuron_symbol(n, last, j, size, given.notation).latex) + "$"
            named = not small or row in (0, len(drawn) - 1)
            if small:
                side = "left" if n == 0 else "right"
                text = f", label={{[font=\\scriptsize]{side}:{label}}}" if named else ""
                lines.append(rf"\node[neuron{text}] (n{n}-{j}) at ({n}, {y:.2f}) {{}};")
            else:
                lines.append(rf"\node[neuron] (n{n}-{j}) at ({n}, {y:.2f}) {{{label}}};")
        lines.append(rf"\node[font=\small, align=center] at ({n}, {top + 1.0 / dy * 0.9:.2f}) "
                     rf"{{{title(n)}}};")
    for n in range(1, len(sizes)):
        for i in (j for j in _drawn(sizes[n - 1]) if j is not None):
            for j in (j for j in _drawn(sizes[n]) if j is not None):
                lines.append(rf"\draw[black!35] (n{n - 1}-{i}) -- (n{n}-{j});")
    return [*lines, *_close()]


def tikz_expression(graph) -> list[str]:
    """The expression's graph: a column per depth, each node shown as ``name = formula``, arrows along the data."""
    from .handout_latex import math

    nodes = [n for n in graph.nodes if n.kind != "target"]
    if not nodes or len(nodes) > MAX_GRAPH_NODES:
        return []
    depth: dict[int, int] = {}
    for node in nodes:  # creation order is a topological order
        depth[node.id] = 1 + max((depth[p.id] for p in node.shown_inputs if p.id in depth), default=-1)
    for node in reversed(nodes):  # a leaf sits just before its first use, not far off at the left edge
        uses = [depth[c.id] for c in nodes if node in c.shown_inputs]
        if node.op is None and uses:
            depth[node.id] = min(uses) - 1
    columns: dict[int, list] = {}
    for node in nodes:
        columns.setdefault(depth[node.id], []).append(node)
    labels = {node.id: _label(node) for node in nodes}
    x, lefts = 0.0, {}
    for col in sorted(columns):
        width = max(0.17 * len(labels[n.id][0]) + 0.4 for n in columns[col])
        lefts[col] = x + width / 2
        x += width + 0.8
    lines = [*_open(), r"\begin{tikzpicture}[y=1.1cm, op/.style={draw=black!70, fill=black!5, rounded corners=2pt, "
             r"inner sep=2pt, font=\footnotesize}, ->, >=stealth]"]
    for col, members in columns.items():
        for row, node in enumerate(members):
            y = (len(members) - 1) / 2 - row
            lines.append(rf"\node[op] (g{node.id}) at ({lefts[col]:.2f}cm, {y:.2f}) {{${math(labels[node.id][1])}$}};")
    for node in nodes:
        for parent in node.shown_inputs:
            lines.append(rf"\draw[black!50] (g{parent.id}) -- (g{node.id});")
    return [*lines, *_close()]


def _label(node) -> tuple[str, str]:
    """A graph node's label, ``name = formula``, as (text, LaTeX)."""
    piece = node.sym
    if node.op is not None:
        piece = piece + lit(" = ") + node.op.formula([p.sym for p in node.inputs], False)
    return piece.text, piece.latex


def _open() -> list[str]:
    """A centred picture, shrunk to the text width when it is wider, then to 80% of the page when taller."""
    return [r"\begin{center}", r"\resizebox{!}{\ifdim\height>0.8\textheight0.8\textheight\else\height\fi}{%",
            r"\resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{%"]


def _close() -> list[str]:
    return [r"\end{tikzpicture}%", "}}", r"\end{center}"]
