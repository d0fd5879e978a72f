"""Long formulas break between terms: before a top-level +, − or = (or ←), never inside a term.

Qt's rich text breaks a line wherever Unicode allows it, also after the "/" of ∂L/∂W₁[1,1] and
inside a "white-space:nowrap" span, so the inspector breaks its formula lines itself:

- ``split_terms`` cuts a formula's HTML (the engine's ``Piece.html``) into terms at the operators
  outside every bracket and tag, each operator starting the term it belongs to ("+ 0.6 × 2");
- ``fill_lines`` puts as many terms on a line as fit, and splits a term that alone is too wide
  at the operators one bracket deeper (the terms of σ(a + b + c));
- ``FormulaWrapping`` (a mixin of the inspector) measures the terms in the inspector's font, sets
  each line as a block that Qt does not break again (a sum's next line indented), makes the
  formula smaller (down to ``SMALLEST``) where one term alone is wider than the inspector, and
  lays the lines out anew when the inspector is resized.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtGui import QTextDocument

BREAKS = (" + ", " − ", " = ", " &larr; ", " ← ")  # the operators a line may start with
OPENING, CLOSING = "([{", ")]}"
_TAG = re.compile(r"<[^>]*>")
_NUMBER = r"−?\d+(?:\.\d+)?"
_EPSILON = re.compile(rf"^[+−] {_NUMBER}×10−\d+\)?$")  # the ε of "1 − 1.982×10⁻⁷" (tags removed): one number
DEEPEST = 3  # brackets a too-wide term is opened up to


def split_terms(html: str, depth: int = 0) -> list[str]:
    """The terms of ``html`` at bracket depth ``depth``: ``"a + b·c − d"`` → ``["a", "+ b·c", "− d"]``.

    Brackets are counted on the text only, and an operator inside a tag's element (``<b>``, a
    symbol's "white-space:nowrap" span) is never a break; at ``depth`` > 0 the operators inside
    ``depth`` brackets count, so "σ(a + b)" gives ``["σ(a", "+ b)"]``. A number written 1 − ε
    (``fmt``'s form near 1) stays one term."""
    cuts: list[int] = []
    level = tags = 0
    k = 0
    while k < len(html):
        ch = html[k]
        if ch == "<":
            end = html.find(">", k)
            end = len(html) - 1 if end < 0 else end
            tag = html[k:end + 1]
            if not tag.startswith("</") and not tag.endswith("/>") and not tag.lower().startswith("<br"):
                tags += 1
            elif tag.startswith("</"):
                tags = max(0, tags - 1)
            k = end + 1
            continue
        if ch in OPENING:
            level += 1
        elif ch in CLOSING:
            level -= 1
        elif level == depth and tags == 0 and ch == " " and any(html.startswith(op, k) for op in BREAKS):
            cuts.append(k)
        k += 1
    terms, start = [], 0
    for cut in cuts:
        terms.append(html[start:cut])
        start = cut + 1  # the space before the operator goes; the operator starts the next term
    terms.append(html[start:])
    return _keep_numbers_whole([t for t in terms if t])


def _keep_numbers_whole(terms: list[str]) -> list[str]:
    """Join "1" and "− 1.982×10⁻⁷" again: one number, not two terms."""
    out: list[str] = []
    for term in terms:
        head = _TAG.sub("", out[-1]).split(" ")[-1] if out else ""
        if out and _EPSILON.match(_TAG.sub("", term).strip()) and head.lstrip("(").removeprefix("−") == "1":
            out[-1] = f"{out[-1]} {term}"
        else:
            out.append(term)
    return out


def fill_lines(html: str, width_of: Callable[[str], float], width: float, indent: float = 0.0) -> list[str]:
    """``html`` as lines no wider than ``width`` (``width − indent`` for a line that goes on with
    + or −, which ``indented`` says is indented), broken only between terms; a term wider than a
    line is opened at the next bracket depth, and one that cannot be opened stays whole (the line
    is then wider than ``width``)."""
    space = width_of("&nbsp;")
    lines: list[str] = []
    current, used = "", 0.0

    def room() -> float:
        return width - (indent if lines and indented(current) else 0.0)

    def place(term: str, depth: int) -> None:
        nonlocal current, used
        w = width_of(term)
        if current and used + space + w <= room():
            current, used = f"{current} {term}", used + space + w
            return
        if w > width - indent and depth < DEEPEST:
            inner = split_terms(term, depth + 1)
            if len(inner) > 1:
                for part in inner:
                    place(part, depth + 1)
                return
        if current:
            lines.append(current)
        current, used = term, w

    for term in split_terms(html):
        place(term, 0)
    if current:
        lines.append(current)
    return lines


def indented(line: str) -> bool:
    """True for a line that goes on with the terms of a sum (+ b, − c); a line of "= …" is not indented."""
    return line.startswith(("+ ", "− "))


def widest_term(html: str, width_of: Callable[[str], float], width: float, indent: float = 0.0,
                depth: int = 0) -> float:
    """The room the widest piece ``fill_lines`` cannot break needs (a term, opened where it is wider
    than ``width``), with ``indent`` for a piece that goes on with + or −."""
    widest = 0.0
    for term in split_terms(html, depth):
        w = width_of(term) + (indent if indented(term) else 0.0)
        if w > width and depth < DEEPEST and len(split_terms(term, depth + 1)) > 1:
            w = widest_term(term, width_of, width, indent, depth + 1)
        widest = max(widest, w)
    return widest


class FormulaWrapping:
    """The inspector's formula lines (a mixin of a QTextEdit): measured in its font, re-laid out on resize."""

    INDENT_EM = 1.2  # continuation lines are indented by this many formula-font ems
    SMALLEST = 17 / 24  # a term too wide shrinks the formula, never to the size of the sentence under it (16/24)

    def formula_html(self, rows: list[str], point_size: float) -> str:
        """Each row (one ``= …`` part of the formula) as lines that fit the viewport at ``point_size``,
        or at a smaller size (down to ``SMALLEST`` of it) where one term would not fit whole."""
        self._wrapped_width = self.width()
        width = self._formula_room()
        measure = self._measurer(point_size)
        indent = self.INDENT_EM * point_size * self.logicalDpiY() / 72.0
        widest = max((widest_term(row, measure, width, indent) for row in rows), default=0.0)
        if widest > width:  # smaller, so that the widest term fits (indented, if it is a sum's next term)
            point_size *= max(self.SMALLEST, width / widest * 0.98)  # (hinting is not exactly linear)
            measure = self._measurer(point_size)
        px = point_size * self.logicalDpiY() / 72.0
        out = []
        for row in rows:
            lines = fill_lines(row, measure, width, self.INDENT_EM * px)
            for k, line in enumerate(lines):
                top, bottom = (4 if k == 0 else 0), (4 if k == len(lines) - 1 else 0)
                indent = round(self.INDENT_EM * px)
                left = indent if k and indented(line) and measure(line) + indent <= width else 0
                out.append(f"<div style='margin-top:{top}px; margin-bottom:{bottom}px; margin-left:{left}px;"
                           f" white-space:nowrap'>{line}</div>")
        return f"<div style='font-size:{point_size:.1f}pt'>{''.join(out)}</div>"

    def _formula_room(self) -> float:
        """The text width: the widget's, less its frame, a scroll bar (shown or not: no relayout loop) and margins."""
        bar = self.verticalScrollBar().sizeHint().width()
        return max(80.0, self.width() - 2 * self.frameWidth() - bar - 2 * self.document().documentMargin() - 4)

    def _measurer(self, point_size: float) -> Callable[[str], float]:
        """Widths of pieces of HTML at ``point_size`` in the inspector's font, remembered between steps."""
        font = self.document().defaultFont()
        key = (font.key(), round(point_size, 1))
        sizes = getattr(self, "_term_widths", None)
        if sizes is None or len(sizes) > 8:
            self._term_widths = sizes = {}
        cache = sizes.setdefault(key, {})
        if len(cache) > 4000:
            cache.clear()
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)

        def width_of(html: str) -> float:
            if html not in cache:
                doc.setHtml(f"<span style='font-size:{point_size:.1f}pt; white-space:nowrap'>{html}</span>")
                cache[html] = doc.idealWidth()
            return cache[html]

        return width_of

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if abs(self.width() - getattr(self, "_wrapped_width", self.width())) > 6:
            self._render()
