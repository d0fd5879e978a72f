"""The LaTeX handout: what is given, a TikZ diagram, then each step's sentence and formula.

English compiles with pdflatex, Chinese with xelatex (ctex, which sets up xeCJK and a Chinese
font on each system); the first lines say which. Every formula is inline math set as its own
paragraph, so TeX breaks a long one after + or = instead of running past the margin; each
step's parts (symbolic, with numbers, result) start on their own lines, aligned at "=".
"""

from __future__ import annotations

import numpy as np

from .derivation import NOTE_LABEL, Given, Handout
from .formula import num, sym
from .handout_tikz import tikz_expression, tikz_network
from .handout_words import MAX_COLUMNS, MAX_ROWS, chunks, data_rows, layer_title, sample_text, shown_rows
from .names import activation_label, loss_label
from .notation import symbol_piece

_TEXT_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
                 "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}
_GREEK = {"α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon", "η": r"\eta",
          "θ": r"\theta", "λ": r"\lambda", "μ": r"\mu", "π": r"\pi", "σ": r"\sigma", "τ": r"\tau", "φ": r"\varphi",
          "ω": r"\omega", "Δ": r"\Delta", "Σ": r"\Sigma", "ℓ": r"\ell"}
_MATH = {**_GREEK, "∂": r"\partial", "∞": r"\infty", "·": r"\cdot", "×": r"\times", "−": "-", "±": r"\pm",
         "≤": r"\le", "≥": r"\ge", "≈": r"\approx", "≠": r"\neq", "→": r"\to", "←": r"\leftarrow", "‖": r"\|",
         "…": r"\dots", "½": r"\tfrac{1}{2}", "ŷ": r"\hat{y}", "′": "'", "√": r"\surd", "∑": r"\sum", "∈": r"\in",
         "÷": r"\div", "⋮": r"\vdots", "⋯": r"\cdots", "⋱": r"\ddots", "⊙": r"\odot",
         "ᵀ": r"^{\top}", "²": "^{2}", "³": "^{3}", "⁻": "^{-}"}
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₍₎", "0123456789+-()", strict=True))
_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾", "0123456789+-()", strict=True))
# dashes, quotes, bullet, euro and degree: beyond Latin Extended-A, yet set by pdflatex (utf8 + T1)
_PDFLATEX_TEXT = set("\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u20ac\u00b0")
_OPERATORS = set("+-=/−·×←→≤≥≈≠±÷")
_ATTACHED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789()[]/+=',")


def is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uf900" <= ch <= "\ufaff" \
        or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"


def math(latex: str) -> str:
    """A formula's LaTeX with any Unicode left in it (∞, −, …) turned into commands."""
    out, k = [], 0
    while k < len(latex):
        ch = latex[k]
        if ch in _SUB or ch in _SUP:
            table = _SUB if ch in _SUB else _SUP
            end = k
            while end < len(latex) and latex[end] in table:
                end += 1
            out.append(("_{" if table is _SUB else "^{") + "".join(table[c] for c in latex[k:end]) + "}")
            k = end
            continue
        if ch in _MATH:
            command = _MATH[ch]
            out.append(command + (" " if command[-1].isalpha() and command.startswith("\\") else ""))
        elif is_cjk(ch):  # a Chinese name in a formula: text, which xeCJK sets (math fonts have no Chinese)
            end = k
            while end < len(latex) and is_cjk(latex[end]):
                end += 1
            out.append(r"\text{" + latex[k:end] + "}")
            k = end
            continue
        elif ord(ch) > 127:
            out.append(r"\text{" + ch + "}")
        else:
            out.append(ch)
        k += 1
    return "".join(out)


def _math_char(ch: str) -> bool:
    return ch in _MATH or ch in _SUB or ch in _SUP


def latex_text(text: str) -> str:
    """Running text for LaTeX: specials escaped, and words with math in them (λ/2, W₁, ½(ŷ − y)²) set as math."""
    tokens: list[list] = []  # [is_math, text]
    k = 0
    while k < len(text):
        end = k
        while end < len(text) and (text[end] in _ATTACHED or _math_char(text[end])):
            end += 1
        while end > k and text[end - 1] in ",.;:":
            end -= 1  # a word's closing punctuation stays text
        run = text[k:end]
        if run and any(_math_char(c) for c in run):
            _join_formula(tokens, run)
            k = end
            continue
        stop = max(end, k + 1)
        tokens.append([False, text[k:stop]])
        k = stop
    return "".join(r"\(" + math(t) + r"\)" if is_math else "".join(_TEXT_SPECIAL.get(c, c) for c in t)
                   for is_math, t in tokens)


def _join_formula(tokens: list[list], run: str) -> None:
    """Add a run with math in it, joined to an earlier one across spaces, operators and one-letter
    names: σ(x) + (x + y)² is one formula, not three; "λ/2 times the sum" keeps its words as text."""
    k = len(tokens)
    while k > 0 and not tokens[k - 1][0] and _joinable(tokens[k - 1][1]):
        k -= 1
    gap = "".join(t for _, t in tokens[k:])
    if k > 0 and tokens[k - 1][0] and (not gap or any(c in _OPERATORS for c in gap + tokens[k - 1][1][-1] + run[0])):
        tokens[k - 1][1] += gap + run  # joined where an operator links them: σ² ∞ stays two formulas
        del tokens[k:]
    elif any(c in _OPERATORS for c in gap):  # "s = λ/2": the names before an operator belong to the formula
        lead = len(gap) - len(gap.lstrip())
        del tokens[k:]
        if lead:
            tokens.append([False, gap[:lead]])
        tokens.append([True, gap[lead:] + run])
    else:
        tokens.append([True, run])


def _joinable(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return all(c == " " or c in _ATTACHED for c in text) and len(letters) <= 1


def needs_xelatex(text: str) -> bool:
    """Chinese (or other text pdflatex's fonts lack) needs xelatex."""
    return any(is_cjk(ch) or (ord(ch) > 0x17F and ch not in _PDFLATEX_TEXT and not _math_char(ch)) for ch in text)


PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{tikz}
\setcounter{MaxMatrixCols}{20}
\setlength{\parindent}{0pt}
\setlength{\parskip}{2pt}
\raggedright
\newlength{\lhs}
% \formula{symbol}{relation}{right-hand side}: one part of a step, long ones break after + or =
\newcommand{\formula}[3]{\par\settowidth{\lhs}{$\displaystyle #1$}%
  {\leftskip=1.5em\hangindent=\dimexpr\lhs+2.5em\relax\hangafter=1 $\displaystyle #1 #2 #3$\par}}
% \also{right-hand side}: the next part of the same step, its = under the first
\newcommand{\also}[1]{\par\nopagebreak{\leftskip=1.5em\hangindent=\dimexpr\lhs+2.5em\relax\hangafter=1
  \hspace*{\lhs}$\displaystyle {} = #1$\par}}
\newcommand{\step}[2]{\par\addvspace{6pt}\textbf{#1.}\enspace #2\par\nopagebreak}
% \teachernote{label}{text}: the teacher's note on the step, indented under its formula
\newcommand{\teachernote}[2]{\par\addvspace{3pt}{\leftskip=1.5em\textbf{#1:}\enspace #2\par}}
"""


def latex(doc: Handout) -> str:
    body = [rf"\section*{{{latex_text(doc.title)}}}"]
    if doc.given is not None:
        body += _given(doc, doc.given)
    for phase, group in doc.grouped():
        body.append(rf"\subsection*{{{latex_text(doc.phase_name(phase))}}}")
        for e in group:
            body += _step(doc, e)
    xe = needs_xelatex("".join(body))  # all that is not ASCII by now is text: Chinese, or letters like é
    if xe:
        head = ["% !TEX program = xelatex", "% Compile with xelatex (ctex and xeCJK set the Chinese text).",
                *PREAMBLE.splitlines()[:1], r"\usepackage[UTF8,scheme=plain]{ctex}", *PREAMBLE.splitlines()[1:]]
    else:
        head = ["% !TEX program = pdflatex", "% Compile with pdflatex (or xelatex).", *PREAMBLE.splitlines()[:1],
                r"\usepackage[T1]{fontenc}", r"\usepackage{lmodern}", *PREAMBLE.splitlines()[1:]]
    return "\n".join([*head, r"\begin{document}", *body, r"\end{document}"]) + "\n"


def _sentence(doc: Handout, e) -> str:
    return doc.sentence(e).compose(doc.translate, latex_text, lambda piece: r"\(" + math(piece.latex) + r"\)")


def _step(doc: Handout, e) -> list[str]:
    rel = r"\leftarrow" if e.relation == "←" else "="
    first, *rest = e.parts()
    return [rf"\step{{{e.step.index + 1}}}{{{_sentence(doc, e)}}}",
            rf"\formula{{{math(e.symbol.latex)}}}{{{rel}}}{{{breakable(math(first.latex))}}}",
            *(rf"\also{{{breakable(math(p.latex))}}}" for p in rest), *_note(doc, e)]


def _note(doc: Handout, e) -> list[str]:
    note = doc.note(e)
    if not note:
        return []
    text = r" \newline ".join(latex_text(line) for line in note.splitlines() if line.strip())
    return [rf"\teachernote{{{latex_text(doc.word(NOTE_LABEL))}}}{{{text}}}"]


LONG = 150  # characters of LaTeX beyond which a formula may not fit on one line


def breakable(latex: str) -> str:
    """A long formula set so TeX can break it after + and = : inside \\left( … \\right) or a \\frac it
    cannot, so brackets become \\bigl( … \\bigr) and a long \\frac{A}{n} becomes \\frac{1}{n}(A)."""
    if len(latex) <= LONG:
        return latex
    latex = latex.replace(r"\left(", r"\bigl(").replace(r"\right)", r"\bigr)")
    out, k, depth = [], 0, 0
    while k < len(latex):
        if depth == 0 and latex.startswith(r"\frac{", k):
            top_end = _group_end(latex, k + 5)
            bottom_end = _group_end(latex, top_end + 1) if latex.startswith("{", top_end + 1) else -1
            top = latex[k + 6:top_end]
            if bottom_end > 0 and len(top) > LONG // 2:
                bottom = latex[top_end + 2:bottom_end]
                wrapped = top.startswith(r"\bigl(") and _bracket_end(top) == len(top)
                out.append(rf"\frac{{1}}{{{bottom}}}" + (top if wrapped else rf"\bigl({top}\bigr)"))
                k = bottom_end + 1
                continue
        depth += {"{": 1, "}": -1}.get(latex[k], 0)
        out.append(latex[k])
        k += 1
    return "".join(out)


def _group_end(latex: str, start: int) -> int:
    """The index of the } that closes the { at ``start``."""
    depth = 0
    for k in range(start, len(latex)):
        depth += {"{": 1, "}": -1}.get(latex[k], 0)
        if depth == 0:
            return k
    return len(latex)


def _bracket_end(latex: str) -> int:
    """Where the \\bigl( at the start of ``latex`` is closed (just past its \\bigr))."""
    depth, k = 0, 0
    while k < len(latex):
        if latex.startswith(r"\bigl(", k):
            depth, k = depth + 1, k + 6
        elif latex.startswith(r"\bigr)", k):
            depth, k = depth - 1, k + 6
            if depth == 0:
                return k
        else:
            k += 1
    return -1


def _item(label: str, body: str) -> str:
    return rf"\item[{latex_text(label)}] {body}"


def _given(doc: Handout, given: Given) -> list[str]:
    w = doc.word
    lines = [rf"\subsection*{{{latex_text(w('What is given'))}}}"]
    if given.kind == "expression":
        # one line a statement; a statement wider than the page wraps at its spaces
        program = r"\\ ".join(r"\texttt{" + latex_text(line) + "}" for line in given.source.strip().splitlines())
        values = ", ".join(rf"\({math(sym(name).latex)} = {math(num(v, wrap_negative=False).latex)}\)"
                           for name, v in given.values.items())
        lines += [r"\begin{description}", _item(w("Program"), program), _item(w("Values"), values or "--"),
                  r"\end{description}"]
        picture = tikz_expression(given.graph)
        return [*lines, *picture]
    sizes = " \\(\\to\\) ".join(
        latex_text(f"{layer.size}" + ("" if layer.activation is None else
                                      f" ({activation_label(layer.activation, doc.translate)})"))
        for layer in given.layers)
    items = [_item(w("Layers"), sizes),
             _item(w("Loss"), latex_text(loss_label(given.loss, doc.translate)))]
    if given.weight_decay:
        items.append(_item(w("Weight decay"), rf"\(\lambda = {math(num(given.weight_decay).latex)}\), "
                                               r"\(J = L + \frac{\lambda}{2}\sum \|W\|^{2}\)"))
    items += [_item(w("Learning rate"), rf"\(\eta = {math(num(given.learning_rate).latex)}\)"),
              _item(w("Sample"), latex_text(sample_text(doc, given)))]
    lines += [r"\begin{description}", *items, r"\end{description}"]
    lines += tikz_network(given, lambda n: latex_text(layer_title(doc, given, n)))
    symbol = lambda *args: symbol_piece(given.notation, *args).latex  # noqa: E731
    pairs = [(symbol("X"), data_rows(given.inputs), symbol("y"), data_rows(given.targets))]
    pairs += [(symbol("W", n), layer.weights, *((symbol("b", n), layer.biases.reshape(1, -1)) if layer.bias
                                                else (None, None)))
              for n, layer in enumerate(given.layers[1:], start=1)]
    for name, matrix, other, vector in pairs:
        if vector is None:  # a layer without bias: its weights alone
            fits = matrix.shape[1] <= MAX_COLUMNS and matrix.shape[0] <= MAX_ROWS
            lines += [r"\[ " + _matrix(name, matrix) + r" \]"] if fits else _matrix_lines(name, matrix)
        elif matrix.shape[1] + vector.shape[1] <= MAX_COLUMNS and matrix.shape[0] <= MAX_ROWS:
            lines.append(r"\[ " + _matrix(name, matrix) + r" \qquad " + _matrix(other, vector) + r" \]")
        else:
            lines += [*_matrix_lines(name, matrix), *_matrix_lines(other, vector)]
    return lines


def _matrix(name: str, matrix: np.ndarray) -> str:
    return _matrix_lines(name, matrix)[0].removeprefix(r"\[ ").removesuffix(r" \]")


def _matrix_lines(name: str, matrix: np.ndarray) -> list[str]:
    """name = [matrix] as display math; wide matrices wrap into blocks of columns, tall ones elide rows."""
    rows = shown_rows(matrix.shape[0])
    out = []
    for first, last in chunks(matrix.shape[1]):
        body = []
        for r in rows:
            if r is None:
                body.append(" & ".join([r"\vdots"] * (last - first)))
            else:
                body.append(" & ".join(math(num(v, wrap_negative=False).latex) for v in matrix[r, first:last]))
        label = name if (first, last) == (0, matrix.shape[1]) else \
            rf"{name}[\,\cdot\,, {first + 1}\text{{--}}{last}]"
        out.append(rf"\[ {label} = \begin{{bmatrix}} " + r" \\ ".join(body) + r" \end{bmatrix} \]")
    return out
