"""Handouts as a teacher hands them out: what is given, every step with its sentence, notation that reads one way."""

import csv
import io

import numpy as np
import pytest

from engine.derivation import BOM, CSV_HEADER, derivation_of, handout
from engine.document import Expression, load
from engine.formula import nowrap
from engine.handout_latex import breakable, latex_text, math
from engine.lesson import ExpressionLesson, NetworkLesson


@pytest.fixture
def d2l(repo_root):
    return NetworkLesson(load(repo_root / "resources" / "examples" / "d2l_weight_decay.json"))


def steps_of(source: str, **values):
    items, _ = derivation_of(ExpressionLesson(Expression(source, {k: float(v) for k, v in values.items()})))
    return items


def step_for(items, text_start: str):
    return next(e for e in items if e.text.startswith(text_start))


# ------------------------------------------------------------------ item 1: LaTeX that compiles
def test_weight_decay_gradient_latex_never_glues_lambda_to_the_weight(d2l):
    text = handout(d2l, "latex")  # d2l's own notation: the layer as a superscript
    assert r"\lambda W^{(2)}[1,1]" in text
    assert r"\lambdaW" not in text


def test_infinity_and_greek_titles_become_latex_commands():
    lesson = ExpressionLesson(Expression("f = exp(x)", {"x": 1000.0}))
    text = handout(lesson, "latex", "A staged function: f = (x + σ(y)) / (σ(x) + (x + y)²)")
    body = text[text.index(r"\begin{document}"):]
    assert r"\infty" in body
    assert body.isascii()  # pdflatex: nothing left as raw Unicode
    assert text.startswith("% !TEX program = pdflatex")
    assert latex_text("σ(x) + (x + y)²") == r"\(\sigma (x) + (x + y)^{2}\)"
    assert math("−∞") == r"-\infty "


def test_chinese_handout_asks_for_xelatex_with_ctex(repo_root):
    lesson = NetworkLesson(load(repo_root / "resources" / "examples" / "xor.json"))
    text = handout(lesson, "latex", "用 2-4-1 网络学习异或")
    assert text.startswith("% !TEX program = xelatex")
    assert r"\usepackage[UTF8,scheme=plain]{ctex}" in text


def test_long_formulas_are_set_so_tex_can_break_them(repo_root):
    lesson = NetworkLesson(load(repo_root / "resources" / "examples" / "spiral.json"))
    text = handout(lesson, "latex")
    assert r"\begin{align" not in text  # an align row never breaks; inline math breaks after + and =
    assert text.count("\n\\formula{") == len(derivation_of(lesson)[0])



def test_program_names_with_underscores_are_one_italic_word_in_latex():
    lesson = ExpressionLesson(Expression("a_b_c = x_1 * _x + lambda_\nf = a_b_c * 2",
                                         {"x_1": 2.0, "_x": 0.5, "lambda_": -1.0}))
    text = handout(lesson, "latex")
    for name in (r"\mathit{a\_b\_c}", r"\mathit{lambda\_}", r"\mathit{\_x}", r"\mathit{x\_1}"):
        assert name in text
    formulas = [line for line in text.splitlines() if line.startswith((r"\formula", r"\also"))]
    # every _ left in a formula opens a subscript group (t_{1}) or is an escaped underscore
    assert all(line[k + 1] == "{" or line[k - 1] == "\\" for line in formulas for k, c in enumerate(line)
               if c == "_")


def test_chinese_names_in_formulas_are_set_as_text():
    lesson = ExpressionLesson(Expression("结果 = 变量 * 2", {"变量": 1.0}))
    text = handout(lesson, "latex")
    assert text.startswith("% !TEX program = xelatex")
    assert r"\formula{\text{结果}}{=}{\text{变量} \cdot 2}" in text
    assert math("∂结果") == r"\partial \text{结果}"


def test_a_title_of_several_lines_is_one_heading(lecture):
    title = "Lesson 3\n\n  the lecture's network\r\n"
    assert handout(lecture, "markdown", title).startswith("# Lesson 3 the lecture's network\n\n")
    assert r"\section*{Lesson 3 the lecture's network}" in handout(lecture, "latex", title)
    assert handout(lecture, "markdown", " \n ").startswith("# Derivation\n")
    latex = handout(lecture, "latex", "bell\a nul\0 escape\x1b zero\u200bwidth")
    assert r"\section*{bell nul escape zerowidth}" in latex  # TeX stops at a control character


def test_a_long_formula_keeps_its_terms_on_the_top_level_where_tex_breaks():
    terms = " + ".join(rf"\log\left(\hat{{y}}[{k}]\right)" for k in range(1, 9))
    long = rf"-\frac{{\left({terms}\right)}}{{8}}"
    assert breakable(long) == rf"-\frac{{1}}{{8}}\bigl({terms}\bigr)".replace(r"\left(", r"\bigl(").replace(
        r"\right)", r"\bigr)")
    assert breakable(r"\sigma\left(z\right)") == r"\sigma\left(z\right)"  # short formulas keep \left( \right)

# ------------------------------------------------------------------ item 2: text notation
def test_square_root_derivative_reads_one_over_two_root_a():
    e = step_for(steps_of("f = sqrt(a)", a=4), "∂f/∂a")
    assert e.symbolic.text == "1/(2√a)"
    assert e.symbolic.html == "1/(2√" + nowrap("a") + ")"
    assert e.symbolic.latex == r"\frac{1}{2\sqrt{a}}"


def test_weight_decay_reads_lambda_over_two_times_the_sum(d2l):
    items, _ = derivation_of(d2l)
    s = next(e for e in items if e.role == "decay")
    assert s.symbolic.text.startswith("(λ/2)·(W⁽¹⁾[1,1]² + ")
    assert s.substituted.text.startswith("(0.1/2) × (0.5² + (−0.3)² + ")  # λ at the precision of the rest
    assert s.symbolic.latex.startswith(r"\frac{\lambda}{2} \cdot \left(")


def test_a_negative_factor_is_bracketed_with_the_minus_sign():
    e = step_for(steps_of("f = x ** -2", x=2), "∂f/∂x")
    assert e.symbolic.text == "(−2)·x⁻³"
    assert e.symbolic.html == "(−2)·" + nowrap("x") + "<sup>−3</sup>"
    assert e.symbolic.latex == r"(-2) \cdot {x}^{-3}"
    assert e.value == pytest.approx(-2 * 2.0 ** -3)
    half = step_for(steps_of("f = x ** -0.5", x=4), "∂f/∂x")
    assert half.symbolic.text == "(−0.5)·x^(−1.5)"


def test_constants_in_the_symbolic_formula_are_not_rounded():
    e = step_for(steps_of("f = x * 3.14159265", x=2), "f =")
    assert e.symbolic.text == "x·3.14159265"
    p = step_for(steps_of("f = x ** 0.123456789", x=2), "f =")
    assert p.symbolic.text == "x^0.123456789"



def test_a_negative_number_in_e_notation_is_squared_in_one_pair_of_brackets():
    square = steps_of("f = x ** 2", x=-2e-12)[0]
    assert square.substituted.text == "(−2.000×10⁻¹²)²"
    assert square.substituted.latex == r"{(-2.000\times 10^{-12})}^{2}"


def test_an_exponent_in_e_notation_is_bracketed_in_text_and_latex_in_latex():
    power = steps_of("f = x ** 1e-20", x=2.0)[0]
    assert power.symbolic.text == "x^(1×10⁻²⁰)"
    assert power.symbolic.latex == r"{x}^{1\times 10^{-20}}"
    assert power.latex.isascii()


def test_a_local_derivative_next_to_the_seed_starts_with_its_minus_sign_unbracketed():
    grad = step_for(steps_of("f = 1 / x", x=4), "∂f/∂x")
    assert grad.symbolic.text == "−1/x²"
    assert grad.substituted.text == "−1/4²"
    assert grad.text == "∂f/∂x = −1/x² = −1/4² = −0.0625"

# ------------------------------------------------------------------ item 3: what is given, sentences, diagram
def test_handouts_begin_with_what_is_given_and_hold_every_step_whatever_the_window_shows(lecture):
    lecture.stepper.goto(3)
    moves = []
    lecture.stepped.connect(lambda: moves.append(1))
    latex = handout(lecture, "latex")
    markdown = handout(lecture, "markdown")
    assert lecture.stepper.position == 3
    assert not moves
    steps = len(lecture.stepper)
    for text in (latex, markdown):
        assert text.index("What is given") < text.index("Forward propagation")
        assert r"W_{1} = \begin{bmatrix} 0.5 & 0.6 \\ 0.7 & 0.8 \end{bmatrix}" in text
        assert r"X = \begin{bmatrix} 1 & 2 \end{bmatrix}" in text
        assert "half squared error" in text
        assert "Weighted sum: multiply each input by its weight" in text
        assert "Gradient descent: move the parameter against its gradient" in text
    assert r"\eta = 0.5" in latex
    assert "η = 0.5" in markdown
    assert all(rf"\step{{{k}}}" in latex for k in range(1, steps + 1))
    assert all(f"**{k}.**" in markdown for k in range(1, steps + 1))
    assert r"\begin{tikzpicture}" in latex
    assert r"{$\hat{y}$}" in latex
    picture = markdown[markdown.index("```text"):]
    assert "X[1] ─┐" in picture
    assert "ŷ" in picture.splitlines()[3]


def test_expression_handout_gives_the_program_values_and_graph():
    lesson = ExpressionLesson(Expression("q = x + y\nf = q * z", {"x": -2.0, "y": 5.0, "z": -4.0}))
    markdown = handout(lesson, "markdown")
    assert "```python\nq = x + y\nf = q * z\n```" in markdown
    assert "x = −2, y = 5, z = −4" in markdown
    assert "x, y ──▶ q = x + y" in markdown
    latex = handout(lesson, "latex")
    assert r"\texttt{q = x + y}" in latex
    assert r"(g0) -- (g2)" in latex


def test_sentences_come_through_the_translation_passed_in(lecture):
    shout = lambda context, text: text.upper()  # noqa: E731 (a stand-in for the window's translator)
    markdown = handout(lecture, "markdown", translate=shout)
    assert "WEIGHTED SUM: MULTIPLY EACH INPUT" in markdown
    assert "## FORWARD PROPAGATION" in markdown
    assert "WHAT IS GIVEN" in markdown


# ------------------------------------------------------------------ item 4: CSV
def test_csv_has_a_bom_phase_names_in_the_language_and_both_values(lecture):
    text = handout(lecture, "csv", translate=lambda context, t: {"Forward propagation": "前向传播"}.get(t, t))
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert tuple(rows[0]) == CSV_HEADER
    z12 = next(r for r in rows if r[2] == "z₁[2]")
    assert z12[1] == "前向传播"
    exact = float(np.dot([1.0, 2.0], [0.6, 0.8]) + 0.2)
    assert exact != 2.4  # the float64 sum is not the decimal 2.4 …
    assert z12[5] == "2.4"  # … the slide shows 2.4
    assert z12[6] == repr(exact)
    assert float(z12[6]) == exact
