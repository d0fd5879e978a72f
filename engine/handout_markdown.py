"""The Markdown handout: what is given, a text picture of the network, then each step's sentence and formula.

Formulas are ``$$…$$`` math (GitHub, GitLab, VS Code, Jupyter, Obsidian and Typora render it); the
picture is a fenced text block, which every viewer shows as it is.
"""

from __future__ import annotations

import unicodedata

import numpy as np

from .derivation import NOTE_LABEL, Given, Handout
from .formula import num
from .handout_latex import math
from .handout_tikz import _drawn, _label, _neuron_symbol
from .handout_words import chunks, data_rows, given_items, layer_title, shown_rows
from .notation import symbol_piece

_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|$"})


def md_text(text: str) -> str:
    return text.translate(_ESCAPE)


def markdown(doc: Handout) -> str:
    lines = [f"# {md_text(doc.title)}", ""]
    if doc.given is not None:
        lines += _given(doc, doc.given)
    for phase, group in doc.grouped():
        lines += [f"## {md_text(doc.phase_name(phase))}", ""]
        for e in group:
            lines += [f"**{e.step.index + 1}.** {_sentence(doc, e)}", "", *_formula(e), "", *note_lines(doc, e)]
    return "\n".join(lines)


def note_lines(doc: Handout, e) -> list[str]:
    """The teacher's note on step ``e`` as a quoted block, then a blank line (nothing when it has none)."""
    note = doc.note(e)
    if not note:
        return []
    lines = [md_text(line) for line in note.splitlines()]
    lines[0] = f"✎ **{md_text(doc.word(NOTE_LABEL))}:** {lines[0]}"
    return [*("> " + line if line.strip() else ">" for line in lines), ""]


def _sentence(doc: Handout, e) -> str:
    return doc.sentence(e).compose(doc.translate, md_text, lambda piece: md_text(piece.text))


def _formula(e) -> list[str]:
    rel = r"\leftarrow" if e.relation == "←" else "="
    first, *rest = e.parts()
    rows = [f"{math(e.symbol.latex)} &{rel} {math(first.latex)}", *(f"&= {math(p.latex)}" for p in rest)]
    return ["$$", r"\begin{aligned}", " \\\\\n".join(rows), r"\end{aligned}", "$$"]


def _given(doc: Handout, given: Given) -> list[str]:
    w = doc.word
    lines = [f"## {md_text(w('What is given'))}", ""]
    if given.kind == "expression":
        values = ", ".join(f"{name} = {num(v, wrap_negative=False).text}" for name, v in given.values.items())
        lines += [f"**{md_text(w('Program'))}:**", "", "```python", given.source.strip(), "```", "",
                  f"**{md_text(w('Values'))}:** {md_text(values)}", "", "```text", *_graph_picture(given.graph),
                  "```", ""]
        return lines
    items = given_items(doc, given)
    lines += [f"- **{md_text(label)}:** {md_text(value)}" for label, value in items]
    lines += ["", "```text", *_network_picture(doc, given), "```", ""]
    name = lambda *args: symbol_piece(given.notation, *args).latex  # noqa: E731
    blocks = [(name("X"), data_rows(given.inputs)), (name("y"), data_rows(given.targets))]
    for n, layer in enumerate(given.layers[1:], start=1):
        blocks += [(name("W", n), layer.weights)]
        if layer.bias:
            blocks += [(name("b", n), layer.biases.reshape(1, -1))]
    for name, matrix in blocks:
        lines += [f"$${block}$$" for block in _matrix_blocks(name, matrix)] + [""]
    return lines


def _matrix_blocks(name: str, matrix: np.ndarray) -> list[str]:
    out = []
    for first, last in chunks(matrix.shape[1]):
        rows = [r" & ".join([r"\vdots"] * (last - first)) if r is None else
                " & ".join(math(num(v, wrap_negative=False).latex) for v in matrix[r, first:last])
                for r in shown_rows(matrix.shape[0])]
        label = name if (first, last) == (0, matrix.shape[1]) else rf"{name}[\cdot, {first + 1}..{last}]"
        out.append(rf"{label} = \begin{{bmatrix}} " + r" \\ ".join(rows) + r" \end{bmatrix}")
    return out


def width(text: str) -> int:
    """Columns a monospace viewer gives the text (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, size: int) -> str:
    return text + " " * (size - width(text))


def _network_picture(doc: Handout, given: Given) -> list[str]:
    """Columns of neurons; a bracket and an arrow show that each layer feeds all of the next."""
    sizes = [layer.size for layer in given.layers]
    last = len(sizes) - 1
    height = 2 * max(len(_drawn(s)) for s in sizes) - 1
    center = height // 2
    columns = []
    for n, size in enumerate(sizes):
        drawn = _drawn(size)
        top = center - (len(drawn) - 1)
        cells = [""] * height
        for k, j in enumerate(drawn):
            cells[top + 2 * k] = "⋮" if j is None else _neuron_symbol(n, last, j, size, given.notation).text
        rows = [top + 2 * k for k in range(len(drawn))]
        body = max(width(c) for c in cells)
        if n < last:  # the bracket: ─┐ at the first neuron, ─┤ at the others, ─┘ at the last, ▶ at the middle
            for r in range(height):
                if len(rows) == 1:
                    mark = " ───▶ " if r == rows[0] else ""
                elif rows[0] <= r <= rows[-1]:
                    edge = "─┐" if r == rows[0] else "─┘" if r == rows[-1] else "─┤" if r in rows else " │"
                    if r == center:
                        edge = {"─┤": "─┼", " │": " ├", "─┐": "─┬", "─┘": "─┴"}[edge] + "─▶"
                    mark = " " + edge
                else:
                    mark = ""
                cells[r] = _pad(cells[r], body) + mark
        columns.append([layer_title(doc, given, n), *cells])
    widths = [max(width(c) for c in column) + 3 for column in columns]
    return [_pad("".join(_pad(col[r], widths[k]) for k, col in enumerate(columns)), 0).rstrip()
            for r in range(height + 1)]


def _graph_picture(graph) -> list[str]:
    """One line per computed node of an expression: what flows into it, and its formula."""
    lines = []
    for node in graph.nodes:
        if node.op is not None:
            inputs = ", ".join(p.sym.text for p in node.shown_inputs)
            lines.append(f"{inputs} ──▶ {_label(node)[0]}")
    return lines
