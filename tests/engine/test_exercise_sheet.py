"""Exercise sheets and answer keys from the derivation, and the rows of a hand-calculation table."""

import pytest

from engine.document import load
from engine.exercise_sheet import BLANK, exercise_sheet, handout_sheet, html, markdown
from engine.hand_rows import step_symbols, table_rows
from engine.hand_table import document_graph, from_document
from engine.lesson import lesson_for

from . import lecture_reference as ref

EXAMPLES = ref.PATH.parent


def four(value: float) -> str:
    return f"{value:.4g}"


@pytest.fixture
def lecture():
    return lesson_for(load(ref.PATH))


def test_the_blank_phases_hide_their_results_and_the_key_gives_them(lecture):
    sheet = markdown(exercise_sheet(lecture, {"forward"}, title="Lecture"))
    key = markdown(exercise_sheet(lecture, {"forward"}, key=True, title="Lecture"))
    assert sheet.startswith("# Lecture — Exercise sheet\n")
    assert key.startswith("# Lecture — Answer key\n")
    assert "z₂ = a₁[1]·W₂[1,1] + a₁[2]·W₂[2,1] + b₂ = ____" in sheet
    assert "ŷ = σ(z₂) = ____" in sheet
    assert four(ref.yhat) in key
    assert f"= {four(ref.z2)}" in key
    assert BLANK not in key
    # the backward pass is worked out on this sheet (its numbers are not blank) …
    assert f"δ₂ = ∂L/∂ŷ·σ′(z₂) = {four(ref.dL_dyhat)} × {four(ref.dyhat_dz2)} = {four(ref.delta2)}" in sheet
    # … and what is given is there: the weights
    assert r"W_{1} = \begin{bmatrix} 0.5 & 0.6 \\ 0.7 & 0.8 \end{bmatrix}" in sheet
    forward = sheet[sheet.index("## Forward propagation"):sheet.index("## Backpropagation")]
    assert forward.count(BLANK) == 7  # z₁[1], a₁[1], z₁[2], a₁[2], z₂, ŷ, L


def test_an_update_blank_keeps_its_rule(lecture):
    sheet = markdown(exercise_sheet(lecture, {"update"}))
    assert "W₂[1,1] ← W₂[1,1] − η·∂L/∂W₂[1,1] = ____" in sheet
    assert "∂L/∂L = 1" in sheet


def test_the_html_sheet_has_the_picture_the_given_numbers_and_the_blanks(lecture):
    text = html(exercise_sheet(lecture, {"forward", "backward"}), picture="network.png")
    assert '<img src="network.png"' in text
    assert "<td align='right'>0.7</td>" in text
    assert text.count(BLANK) == 7 + 16 + 1  # forward and backward steps, and the instruction
    handout = html(handout_sheet(lecture, "Lecture"))
    assert BLANK not in handout
    assert four(ref.delta2) in handout
    assert "<h1>Lecture</h1>" in handout


def test_unknown_phases_are_refused(lecture):
    with pytest.raises(ValueError, match="sideways"):
        exercise_sheet(lecture, {"sideways"})


def test_an_expression_lesson_has_a_sheet():
    lesson = lesson_for(load(EXAMPLES / "expr_add_mul.json"))
    sheet = markdown(exercise_sheet(lesson, {"forward", "backward"}))
    assert "```python" in sheet
    assert BLANK in sheet


def test_the_table_lists_every_step_and_puts_written_rows_in_their_place():
    doc = load(ref.PATH)
    graph = document_graph(doc)
    symbols = step_symbols(graph)
    assert symbols[:7] == ["z₁[1]", "a₁[1]", "z₁[2]", "a₁[2]", "z₂", "ŷ", "L"]
    assert symbols[7:10] == ["∂L/∂ŷ", "σ′(z₂)", "δ₂"]
    assert "∂L/∂L" not in symbols
    assert "∂z₂/∂W₂[1,1]" not in symbols  # a local derivative a hand calculation does not write by itself
    rows = table_rows(graph, from_document(doc).values)
    assert rows == from_document(doc).values  # the lecture's rows cover every step, in schedule order
    mixed = table_rows(graph, [("q₉", "1"), ("δ₂", "0.0477"), ("a₁[2]", "0.9168")])
    assert [s for s, _ in mixed][:5] == ["z₁[1]", "a₁[1]", "z₁[2]", "a₁[2]", "z₂"]
    assert mixed[3] == ("a₁[2]", "0.9168")
    assert mixed[-1] == ("q₉", "1")  # a symbol the lesson has no step for: last, for the check to name
    assert [s for s, _ in mixed].count("δ₂") == 1
