"""Vectors and matrices in formulas: ``array_piece`` and ``matrix_piece`` (text, HTML and LaTeX
bmatrix, every entry true at the digits shown), shortened with ⋯ and ⋮ on screen and in full for
exports; ``matrix_table`` for the inspector and ``shape_text`` for the shapes line."""

from __future__ import annotations

import numpy as np

from .formula import Piece, nowrap, num


def array_piece(value: np.ndarray, number=None) -> Piece:
    """A scalar as a number, an array as a matrix (``matrix_piece``): shortened with ⋯ and ⋮ where it is
    larger than MATRIX_COLUMNS × MATRIX_ROWS, its full form attached (``full_form``)."""
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        return num(float(array), wrap_negative=False) if number is None else number(0, float(array))
    short = matrix_piece(array, number=number)
    if _fits(array, MATRIX_COLUMNS, MATRIX_ROWS):
        return short
    return Piece(short.text, short.html, short.latex, None, matrix_piece(array, full=True, number=number))


MATRIX_COLUMNS = 6  # a matrix wider than this is shown shortened with ⋯ (the inspector, the step's formula)
MATRIX_ROWS = 6  # and taller than this with ⋮
FULL_COLUMNS = 20  # the full form's limits (LaTeX's bmatrix takes 20 columns; a screen about as many)
FULL_ROWS = 50


def _fits(array: np.ndarray, columns: int, rows: int) -> bool:
    grid = _grid(array)
    return grid.shape[1] <= columns and grid.shape[0] <= rows


def _grid(array: np.ndarray) -> np.ndarray:
    """An array as rows × columns: a vector is one row; more than two axes stack their leading rows."""
    return array.reshape(1, -1) if array.ndim == 1 else array.reshape(-1, array.shape[-1])


def _shown(count: int, limit: int) -> list[int | None]:
    """The indices shown of ``count``: all of them, or the first few, None (⋯ or ⋮) and the last."""
    if count <= limit:
        return list(range(count))
    return [*range(limit - 2), None, count - 1]


def matrix_piece(value: np.ndarray, full: bool = False, number=None) -> Piece:
    """A vector or matrix with every shown number as ``num`` writes it (true at the digits shown).

    Text ``[a, b]`` for a vector or a one-row matrix, ``[[a, b], [c, d]]`` for a matrix; HTML the
    same, each row kept on one line; LaTeX a ``bmatrix``. Beyond MATRIX_COLUMNS columns (MATRIX_ROWS
    rows) the middle ones are left out as ⋯ (⋮, and ⋱ where both meet); ``full`` raises the limits
    to FULL_COLUMNS × FULL_ROWS. ``number(k, v)`` writes entry k (in ``ravel`` order) where the caller
    knows it better (ŷ from its logit, the decimals ŷ − y needs)."""
    array = np.asarray(value, dtype=np.float64)
    make = number or (lambda _k, v: num(v, wrap_negative=False))
    if array.ndim == 0:
        return make(0, float(array))
    grid = _grid(array)
    columns = _shown(grid.shape[1], FULL_COLUMNS if full else MATRIX_COLUMNS)
    rows = _shown(grid.shape[0], FULL_ROWS if full else MATRIX_ROWS)
    cells = [[None if r is None or c is None else make(r * grid.shape[1] + c, float(grid[r, c])) for c in columns]
             for r in rows]

    def entry(cell, r, c, form):
        if cell is not None:
            return getattr(cell, form)
        if form == "latex":
            return r"\ddots" if r is None and c is None else r"\vdots" if r is None else r"\cdots"
        return "⋮" if r is None and c is not None else "⋯"

    def text_row(r, cells_row, form):
        if r is None:
            return "⋮"
        inner = ", ".join(entry(cell, r, c, form) for cell, c in zip(cells_row, columns, strict=True))
        return f"[{inner}]" if form == "text" else nowrap(f"[{inner}]")

    if grid.shape[0] == 1:
        text, html = text_row(0, cells[0], "text"), text_row(0, cells[0], "html")
    else:
        text = "[" + ", ".join(text_row(r, row, "text") for r, row in zip(rows, cells, strict=True)) + "]"
        html = "[" + ", ".join(text_row(r, row, "html") for r, row in zip(rows, cells, strict=True)) + "]"
    latex = r"\begin{bmatrix} " + r" \\ ".join(
        " & ".join(entry(cell, r, c, "latex") for cell, c in zip(row, columns, strict=True))
        for r, row in zip(rows, cells, strict=True)) + r" \end{bmatrix}"
    return Piece(text, html, latex)


def matrix_table(value: np.ndarray, full: bool = False) -> str:
    """A vector or matrix as a small Qt rich-text table (the inspector), shortened as ``matrix_piece``."""
    grid = _grid(np.asarray(value, dtype=np.float64))
    columns = _shown(grid.shape[1], FULL_COLUMNS if full else MATRIX_COLUMNS)
    rows = _shown(grid.shape[0], FULL_ROWS if full else MATRIX_ROWS)
    body = []
    for r in rows:
        cells = ["⋮" if r is None else "⋯" if c is None else num(float(grid[r, c]), wrap_negative=False).html
                 for c in columns]
        body.append("<tr>" + "".join(f'<td align="right">{cell}</td>' for cell in cells) + "</tr>")
    return '<table cellspacing="0" cellpadding="2">' + "".join(body) + "</table>"


def shape_text(shape: tuple[int, ...]) -> str:
    """A value's shape as the inspector shows it: 2×3; a vector (k,) as the row 1×k; a number as 1×1."""
    shape = tuple(shape)
    if len(shape) == 0:
        return "1×1"
    if len(shape) == 1:
        return f"1×{shape[0]}"
    return "×".join(str(n) for n in shape)
