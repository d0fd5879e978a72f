"""Exercise sheets and answer keys: the derivation handout with the results of chosen phases left blank.

A sheet is the handout of a lesson (engine/derivation.py: what is given, then every step) where
each step of a *blank* phase (forward, backward, update) shows its formula and a blank ``____``
instead of the numbers put in and the result; steps of the other phases are worked out. Its
answer key is the same sheet with every blank filled in: the step's numbers and its result.

Two renderings: Markdown (the handout's "what is given" with its text picture, then one line of
plain formula a step) and HTML for Qt's rich text, which the window prints to PDF
(gui/window/sheet_export.py). The HTML is the PDF handout too: a sheet with no blanks. A teacher's
note on a step (engine/notes.py) follows its formula, on the sheet and on its key.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

from .derivation import DEFAULT_TITLE, NOTE_LABEL, Given, Handout, derivation_of
from .formula import escape, num
from .handout_markdown import _given as markdown_given
from .handout_markdown import _sentence as markdown_sentence
from .handout_markdown import md_text, note_lines
from .handout_sentences import QT_TRANSLATE_NOOP, Translate, english
from .handout_words import chunks, data_rows, given_items, layer_title, shown_rows
from .notation import symbol_piece
from .stepper import PHASES, Explanation

BLANK = "____"
WORDS = (  # listed for lupdate; looked up through Handout.word
    QT_TRANSLATE_NOOP("Handout", "Exercise sheet"),
    QT_TRANSLATE_NOOP("Handout", "Answer key"),
    QT_TRANSLATE_NOOP("Handout", "Fill in each blank ____ with the value you compute (four significant digits)."),
    QT_TRANSLATE_NOOP("Handout", "Network"),
)
PICTURE_WIDTH = 520  # the picture's width in the HTML, in the document's pixels
# a formula line of the Markdown sheet: what would start emphasis, code, HTML or math is escaped;
# brackets stay as they are (a[1] is no link: the sheet defines no link labels)
_FORMULA_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_<$|"})


@dataclass
class Sheet:
    """A handout, the phases whose results are blank, and whether it is the answer key (nothing blank)."""

    doc: Handout
    blanks: frozenset[str] = frozenset()
    key: bool = False

    def blank(self, e: Explanation) -> bool:
        return not self.key and e.phase in self.blanks

    def formula(self, e: Explanation, form: str = "text") -> str:
        """The step's formula as the sheet shows it (plain ``text`` or ``html``): whole, or its
        symbolic form and a blank."""
        if not self.blank(e):
            return e.text if form == "text" else e.html
        symbol, symbolic = (e.symbol.text, e.symbolic.text) if form == "text" else (e.symbol.html, e.symbolic.html)
        if e.relation == "←":  # an update: W ← W − η·∂L/∂W = ____
            return f"{symbol} {'←' if form == 'text' else '&larr;'} {symbolic} = {BLANK}"
        if e.symbolic.text == e.result.text:  # nothing to work out but the number (∂L/∂L = 1)
            return f"{symbol} = {BLANK}"
        return f"{symbol} = {symbolic} = {BLANK}"


def exercise_sheet(lesson, blanks, key: bool = False, title: str | None = None,
                   translate: Translate = english, notes: dict[tuple[str, str], str] | None = None) -> Sheet:
    """The exercise sheet of a lesson (or its answer key, ``key``) with the phases ``blanks`` blank, and the
    teacher's ``notes`` (engine/notes.py texts())."""
    items, given = derivation_of(lesson)
    base = _title(title, translate)
    name = translate("Handout", "Answer key" if key else "Exercise sheet")
    unknown = set(blanks) - set(PHASES)
    if unknown:
        raise ValueError(f"unknown phases {sorted(unknown)}")
    return Sheet(Handout(f"{base} — {name}", items, given, translate, dict(notes or {})), frozenset(blanks), key)


def handout_sheet(lesson, title: str | None = None, translate: Translate = english,
                  notes: dict[tuple[str, str], str] | None = None) -> Sheet:
    """The whole derivation as a sheet with nothing blank (the PDF handout)."""
    items, given = derivation_of(lesson)
    return Sheet(Handout(_title(title, translate), items, given, translate, dict(notes or {})))


def _title(title: str | None, translate: Translate) -> str:
    """One line without control characters (as the handout's title), or the handout's default title."""
    title = "".join(ch for ch in " ".join((title or "").split()) if unicodedata.category(ch)[0] != "C")
    return title or translate("Handout", DEFAULT_TITLE)


# ---------------------------------------------------------------------- Markdown
def markdown(sheet: Sheet, picture: str | None = None) -> str:
    """The sheet in Markdown; ``picture`` is the file name of the network's image beside it (or None)."""
    doc = sheet.doc
    lines = [f"# {md_text(doc.title)}", ""]
    if doc.given is not None:
        lines += markdown_given(doc, doc.given)
    if picture:
        lines += [f"![{md_text(doc.word('Network'))}]({picture.replace(' ', '%20')})", ""]
    if _has_blanks(sheet):
        lines += [f"*{md_text(doc.word(WORDS[2])).replace(md_text(BLANK), BLANK)}*", ""]
    for phase, group in doc.grouped():
        lines += [f"## {md_text(doc.phase_name(phase))}", ""]
        for e in group:
            text = sheet.formula(e)
            shown = (text.removesuffix(BLANK).translate(_FORMULA_ESCAPE) + BLANK if sheet.blank(e)
                     else text.translate(_FORMULA_ESCAPE))
            lines += [f"**{e.step.index + 1}.** {markdown_sentence(doc, e)}", "", shown, "", *note_lines(doc, e)]
    return "\n".join(lines)


def _has_blanks(sheet: Sheet) -> bool:
    return any(sheet.blank(e) for e in sheet.doc.items)


# ---------------------------------------------------------------------- HTML (Qt rich text)
def html(sheet: Sheet, picture: str | None = None) -> str:
    """The sheet as rich text for Qt's QTextDocument (no CSS beyond what it reads); ``picture`` is
    the name of the image resource of the network (or None)."""
    doc = sheet.doc
    out = [f"<h1>{escape(doc.title)}</h1>"]
    if doc.given is not None:
        out += _html_given(doc, doc.given)
    if picture:
        out.append(f'<p align="center"><img src="{escape(picture)}" width="{PICTURE_WIDTH}"></p>')
    if _has_blanks(sheet):
        out.append(f"<p><i>{escape(doc.word(WORDS[2]))}</i></p>")
    for phase, group in doc.grouped():
        out.append(f"<h2>{escape(doc.phase_name(phase))}</h2>")
        for e in group:
            out.append(f"<p><b>{e.step.index + 1}.</b> {doc.sentence(e).render('html', doc.translate)}</p>")
            out.append(f'<p style="margin-left:24px">{sheet.formula(e, "html")}</p>')
            note = doc.note(e)
            if note:
                text = escape(note).replace("\n", "<br>")
                out.append(f'<p style="margin-left:24px"><b>{escape(doc.word(NOTE_LABEL))}:</b> <i>{text}</i></p>')
    return f'<html><body style="font-size:11pt">{"".join(out)}</body></html>'


def _html_given(doc: Handout, given: Given) -> list[str]:
    w = doc.word
    out = [f"<h2>{escape(w('What is given'))}</h2>"]
    if given.kind == "expression":
        values = ", ".join(f"{escape(name)} = {num(v, wrap_negative=False).html}" for name, v in given.values.items())
        return [*out, f"<p><b>{escape(w('Program'))}:</b></p><pre>{escape(given.source.strip())}</pre>",
                f"<p><b>{escape(w('Values'))}:</b> {values}</p>"]
    out.append("<ul>" + "".join(f"<li><b>{escape(label)}:</b> {escape(value)}</li>"
                                for label, value in given_items(doc, given)) + "</ul>")
    name = lambda *args: symbol_piece(given.notation, *args).html  # noqa: E731
    blocks = [(name("X"), data_rows(given.inputs)), (name("y"), data_rows(given.targets))]
    for n, layer in enumerate(given.layers[1:], start=1):
        title = escape(layer_title(doc, given, n))
        blocks += [(f"{name('W', n)} ({title})", layer.weights)]
        if layer.bias:
            blocks += [(name("b", n), layer.biases.reshape(1, -1))]
    cells = [f"<td valign='middle'>{name} =&nbsp;</td><td>{_html_matrix(matrix)}</td>" for name, matrix in blocks]
    rows = ["<tr>" + "".join(cells[k:k + 2]) + "</tr>" for k in range(0, len(cells), 2)]
    return [*out, f'<table cellspacing="8">{"".join(rows)}</table>']


def _html_matrix(matrix: np.ndarray) -> str:
    body = []
    for r in shown_rows(matrix.shape[0]):
        cells = []
        for first, last in chunks(matrix.shape[1]):
            if r is None:
                cells += ["<td align='center'>⋮</td>"] * (last - first)
            else:
                cells += [f"<td align='right'>{num(float(v), wrap_negative=False).html}</td>"
                          for v in matrix[r, first:last]]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table border="1" cellspacing="0" cellpadding="4">{"".join(body)}</table>'
