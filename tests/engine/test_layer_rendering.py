"""Matrices in formulas, in text, HTML and LaTeX: [a, b] and [[a, b], [c, d]], a bmatrix, shortened with
⋯ and ⋮ beyond 6 columns or rows (the inspector), in full on request (the step log's tooltip, exports);
every number shown is ``num``'s (``fmt``'s digits), so true at the digits shown."""

import numpy as np

from engine.compile import compile_network
from engine.formula import full_form, func, lit, num
from engine.matrix_format import FULL_COLUMNS, MATRIX_COLUMNS, array_piece, matrix_piece, matrix_table, shape_text
from engine.network import make_network
from engine.stepper import Stepper


def test_vectors_and_matrices_in_all_three_forms():
    m = matrix_piece(np.array([[0.5, 0.6], [0.7, 0.8]]))
    assert m.text == "[[0.5, 0.6], [0.7, 0.8]]"
    assert m.latex == r"\begin{bmatrix} 0.5 & 0.6 \\ 0.7 & 0.8 \end{bmatrix}"
    assert m.html.count("white-space:nowrap") == 2  # each row kept on one line
    assert m.html.replace('<span style="white-space:nowrap">', "").replace("</span>", "") == m.text
    assert matrix_piece(np.array([1.0, 2.0])).text == "[1, 2]"
    assert matrix_piece(np.array([[1.0, 2.0]])).text == "[1, 2]"  # one sample: a row, as the lecture prints X
    column = matrix_piece(np.array([[1.0], [-2.0]]))
    assert column.text == "[[1], [−2]]"
    assert column.latex == r"\begin{bmatrix} 1 \\ -2 \end{bmatrix}"
    assert matrix_piece(np.array([[3e-9, 1.0]])).latex == r"\begin{bmatrix} 3.000\times 10^{-9} & 1 \end{bmatrix}"


def shown(v):
    return num(float(v), wrap_negative=False).text


def test_every_number_shown_is_num_of_its_entry():
    values = np.random.default_rng(0).normal(size=(3, 4)) * np.array([1e-7, 1.0, 1e3, 0.999999])
    text = matrix_piece(values).text
    assert text == "[" + ", ".join("[" + ", ".join(shown(v) for v in row) + "]" for row in values) + "]"


def test_wide_and_tall_matrices_are_shortened_and_given_in_full_on_request():
    values = np.arange(80.0).reshape(8, 10)
    short = array_piece(values)
    assert short.text == ("[[0, 1, 2, 3, ⋯, 9], [10, 11, 12, 13, ⋯, 19], [20, 21, 22, 23, ⋯, 29], "
                          "[30, 31, 32, 33, ⋯, 39], ⋮, [70, 71, 72, 73, ⋯, 79]]")
    assert r"\vdots & \vdots & \vdots & \vdots & \ddots & \vdots" in short.latex
    assert r"\cdots" in short.latex
    assert "⋯" in short.html
    full = full_form(short)
    assert full.text == "[" + ", ".join("[" + ", ".join(shown(v) for v in row) + "]" for row in values) + "]"
    assert full.latex.count(r"\\") == 7
    assert full_form(matrix_piece(np.zeros((2, 2)))) == matrix_piece(np.zeros((2, 2)))  # nothing shortened
    wide = full_form(array_piece(np.zeros((1, FULL_COLUMNS + 5))))
    assert wide.text.count(",") == FULL_COLUMNS - 1  # beyond 20 columns even the full form shortens
    assert MATRIX_COLUMNS == 6


def test_formulas_keep_the_full_form_of_the_matrices_they_hold():
    values = np.arange(9.0).reshape(1, 9)
    piece = lit("z = ") + func("σ", array_piece(values))
    assert "⋯" in piece.text
    assert full_form(piece).text == "z = σ([0, 1, 2, 3, 4, 5, 6, 7, 8])"


def test_a_small_table_for_the_inspector():
    html = matrix_table(np.array([[1.0, -2.5], [3.0, 4.0]]))
    assert html.count("<tr>") == 2
    assert html.count("<td") == 4
    assert "−2.5" in html
    assert matrix_table(np.zeros((2, 9))).count("⋯") == 2


def test_shapes_of_a_step():
    assert shape_text((1, 2)) == "1×2"
    assert shape_text((2,)) == "1×2"
    assert shape_text(()) == "1×1"
    network = make_network([3, 8, 2], ["relu", "sigmoid"], seed=3)
    x, y = np.random.default_rng(1).normal(size=(4, 3)), np.random.default_rng(2).normal(size=(4, 2))
    stepper = Stepper(compile_network(network, x, y, "layer"), 0.1)
    stepper.run_to_end()
    shown = {stepper.explain(k).symbol.text: stepper.explain(k) for k in range(len(stepper))}
    assert shown["z₁"].shapes == "4×3 · 3×8 + 1×8 → 4×8"
    assert shown["∂L/∂W₁"].shapes == "3×4 · 4×8 → 3×8"
    assert shown["∂ℓ/∂a₁"].shapes == "4×2 · 2×8 → 4×8"
    assert shown["Δ₁"].shapes == "4×8 ⊙ 4×8 → 4×8"
    e = shown["z₁"]
    assert "⋯" in e.text  # 8 columns: shortened in the inspector
    assert "⋯" not in e.rendered("text", full=True)
    assert e.rendered("latex", full=True).count(r"\begin{bmatrix}") == 4
