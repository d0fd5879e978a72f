"""Long formulas break between terms, never inside ∂L/∂W₁[1,1] or between a number and its operator."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from engine.formula import grad_of, join, lit, minus, num, plus, sym, times
from gui.lesson.formula_wrap import fill_lines, split_terms

OPERATORS = ("+ ", "− ", "= ", "&larr; ")
GRAD_W = grad_of(sym("L"), sym("W", 1, [1, 1])).html  # ∂L/∂W₁[1,1]


def _plain(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html)


def _width(html: str) -> float:
    """A stand-in measure: 10 units a character of the text shown."""
    return 10.0 * len(_plain(html).replace("&nbsp;", " ").replace("&larr;", "←"))


def _long_row(count: int) -> str:
    """∂L/∂W₁[1,1] = ∂L/∂z₁[1]·X[1] + … = 0.5 × (−0.25) + … − 1, count terms in each sum."""
    products = [grad_of(sym("L"), sym("z", 1, [k + 1])) + lit("·") + sym("X", None, [k + 1]) for k in range(count)]
    symbolic = join(piece for k, term in enumerate(products) for piece in ([plus()] if k else []) + [term])
    numbers = join(piece for k in range(count) for piece in ([plus() if k % 2 else minus()] if k else [])
                   + [num(0.5 + k) + times(True) + num(-0.25 * (k + 1))])
    return f"{GRAD_W} = {symbolic.html} = {numbers.html} − {num(1).html}"


def test_terms_start_with_their_operator_and_keep_symbols_whole():
    terms = split_terms(_long_row(4))
    assert terms[0] == GRAD_W
    assert all(term.startswith(OPERATORS) for term in terms[1:])
    assert [_plain(t) for t in terms[1:3]] == ["= ∂L/∂z1[1]·X[1]", "+ ∂L/∂z1[2]·X[2]"]
    assert "+ 1.5 × (−0.5)" in [_plain(t) for t in terms]  # a number stays with its operator and its factor
    assert _plain(terms[-1]) == "− 1"


def test_brackets_and_tags_hide_their_operators_until_a_term_is_too_wide():
    row = f"σ(a + b − c) + {lit('x').html}"
    assert split_terms(row) == ["σ(a + b − c)", "+ x"]
    assert split_terms("σ(a + b − c)", 1) == ["σ(a", "+ b", "− c)"]
    assert split_terms("<b>1 + 2</b> + 3") == ["<b>1 + 2</b>", "+ 3"]
    assert fill_lines("y = σ(aaaa + bbbb + cccc)", _width, 120) == ["y = σ(aaaa", "+ bbbb", "+ cccc)"]


def test_a_number_near_one_stays_one_number():
    near = num(1 - 1.982e-7, wrap_negative=False).html  # written 1 − 1.982×10⁻⁷
    assert _plain(near).startswith("1 − 1.982×10")
    assert split_terms(f"ŷ = {near}") == ["ŷ", f"= {near}"]
    assert split_terms("f = 1 − 0.7657") == ["f", "= 1", "− 0.7657"]  # a true difference may break


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 9), st.floats(60, 900))
def test_lines_break_only_between_terms_and_fit_where_they_can(count, width):
    row = _long_row(count)
    lines = fill_lines(row, _width, width, indent=20)
    assert " ".join(lines) == row  # nothing lost, nothing added
    assert all(line.startswith(OPERATORS) for line in lines[1:])
    assert sum(GRAD_W in line for line in lines) == 1  # ∂L/∂W₁[1,1] whole, on one line
    for k, line in enumerate(lines):
        room = width - (20 if k and line.startswith(("+ ", "− ")) else 0)  # a sum's next line is indented
        assert _width(line) <= room or len(split_terms(line)) == 1  # too wide only when it is one term


def _formula_blocks(inspector):
    """The inspector's formula lines: blocks set in its largest font, each with the lines Qt laid out."""
    doc = inspector.document()
    doc.size()  # laid out
    blocks, block = [], doc.begin()
    while block.isValid():
        size = block.begin().fragment().charFormat().fontPointSize() if block.begin() != block.end() else 0
        blocks.append((size, block))
        block = block.next()
    largest = max(size for size, _ in blocks)
    return [(b.text(), b.layout().lineCount()) for size, b in blocks if size == largest]


def _overflow(inspector) -> list[str]:
    """Formula lines wider than the inspector's text area (cut off at its right edge)."""
    doc = inspector.document()
    room = doc.textWidth() - 2 * doc.documentMargin()
    block, wide = doc.begin(), []
    while block.isValid():
        layout = block.layout()
        if layout.lineCount() and layout.lineAt(0).naturalTextWidth() + block.blockFormat().leftMargin() > room:
            wide.append(block.text())
        block = block.next()
    return wide


def test_the_inspector_breaks_a_long_update_between_terms(window, qtbot):
    window.inspector_dock.setFloating(True)
    window.inspector_dock.resize(330, 600)
    stepper = window.lesson.stepper
    while stepper.explain() is None or stepper.explain().phase != "update":
        qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.inspector.width() < 340)
    lines = _formula_blocks(window.inspector)
    texts = [text.replace("\u00a0", " ") for text, _ in lines]
    assert all(count == 1 for _, count in lines), lines  # Qt never breaks a formula line again
    assert len(texts) > 3  # W₁[1,1] ← W₁[1,1] − η·∂L/∂W₁[1,1] = 0.5 − 0.5 × 0.004504 = 0.4977, broken
    assert any(text.endswith("− η·∂L/∂W1[1,1]") for text in texts), texts  # whole, with its operator
    assert all(text.startswith(("=", "+", "−", "←")) for text in texts[1:]), texts
    assert "= 0.5 × 0.004504" not in texts  # the number stays with its minus: "− 0.5 × 0.004504"
    assert _overflow(window.inspector) == []
    window.inspector_dock.resize(1200, 600)  # room again: the formula takes fewer lines
    qtbot.waitUntil(lambda: len(_formula_blocks(window.inspector)) < len(lines))


def test_a_term_too_wide_for_the_inspector_makes_the_formula_smaller_not_cut_off(window, qtbot, repo_root):
    assert window.open_path(repo_root / "resources" / "examples" / "moons.json", remember=False)
    window.inspector.set_font_scale(1.5)
    window.inspector_dock.setFloating(True)
    window.inspector_dock.resize(520, 700)
    stepper = window.lesson.stepper
    while stepper.explain() is None or not stepper.explain().text.startswith("z₂ ="):
        qtbot.keyClick(window, Qt.Key.Key_Right)  # z₂ = a₁[1]·W₂[1,1] + … (8 products) + b₂
    qtbot.waitUntil(lambda: window.inspector.width() < 530)
    texts = [text for text, _ in _formula_blocks(window.inspector)]
    assert len(texts) > 10
    assert _overflow(window.inspector) == []
    sizes = {round(b.charFormat().fontPointSize(), 1) for b in _blocks(window.inspector)}
    formula = max(sizes)
    assert 24 * 1.5 * 17 / 24 <= formula < 24 * 1.5  # smaller, but still larger than the sentence (16 pt × 1.5)
    assert formula > 16 * 1.5


def _blocks(inspector):
    block, found = inspector.document().begin(), []
    while block.isValid():
        if block.begin() != block.end():
            found.append(block.begin().fragment())
        block = block.next()
    return found
