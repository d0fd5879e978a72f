"""Formula pieces that render as plain text, Qt rich-text HTML and LaTeX.

A formula is a list of ``Piece``s. Each op builds its formula from pieces for its inputs;
passing symbols gives the symbolic formula, passing numbers gives the same formula with
the numbers substituted. One template, three renderings, no string parsing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

_SUB = str.maketrans("0123456789+-()", "₀₁₂₃₄₅₆₇₈₉₊₋₍₎")
_SUP = str.maketrans("0123456789+-()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾")
_FROM_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾", "0123456789+-()")
_LATEX_BASES = {"ŷ": r"\hat{y}", "δ": r"\delta", "σ": r"\sigma", "η": r"\eta", "λ": r"\lambda", "ℓ": r"\ell",
                "Δ": r"\Delta", "φ": r"\varphi"}
_HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}

DIGITS = 4  # decimals shown for numbers of ordinary size
# Within NEAR_ONE of ±1 the distance to ±1 gets DIGITS significant digits too (0.994835, not 0.9948), so
# that log(ŷ), 1 − ŷ and ŷ(1 − ŷ) evaluate true; within EPSILON_FORM a number is written 1 − 1.982×10⁻⁷.
NEAR_ONE = 0.1
EPSILON_FORM = 1e-6


@dataclass(frozen=True)
class Piece:
    """One fragment in three renderings."""

    text: str
    html: str
    latex: str
    value: float | None = field(default=None, compare=False)  # set on numbers (see ``num``)
    # the same fragment with every matrix in full (``matrix_piece(full=True)``), where it differs; else None
    full: Piece | None = field(default=None, compare=False, repr=False)

    def __add__(self, other: Piece) -> Piece:
        full = None
        if self.full is not None or other.full is not None:
            full = (self.full or self) + (other.full or other)
        return Piece(self.text + other.text, self.html + other.html, self.latex + other.latex, full=full)


def full_form(piece: Piece) -> Piece:
    """The piece with its matrices in full (the step log's tooltip, exports); itself where nothing was shortened."""
    return piece.full or piece


def _keeps_full(build):
    """A piece builder that also builds the full form from its arguments' full forms."""
    def wrapper(*args, **kwargs):
        out = build(*args, **kwargs)
        if any(isinstance(a, Piece) and a.full is not None for a in args):
            full = build(*(full_form(a) if isinstance(a, Piece) else a for a in args), **kwargs)
            out = Piece(out.text, out.html, out.latex, out.value, full)
        return out
    wrapper.__name__, wrapper.__doc__ = build.__name__, build.__doc__
    return wrapper


def lit(text: str, html: str | None = None, latex: str | None = None) -> Piece:
    """A literal. HTML defaults to the escaped text, LaTeX to the text."""
    return Piece(text, escape(text) if html is None else html, text if latex is None else latex)


def join(pieces: Iterable[Piece]) -> Piece:
    out = Piece("", "", "")
    for piece in pieces:
        out = out + piece
    return out


def sym(base: str, layer: int | str | None = None, index: Iterable[int] | None = None, sup: str = "",
        notation: str = "lecture") -> Piece:
    """A symbol in lecture notation: base, layer subscript, 1-based [index], optional superscript.

    ``sym("z", 1, [2])`` → z₁[2]; ``sym("W", 1, [1, 2])`` → W₁[1,2]; ``sym("ŷ")`` → ŷ.
    In ``notation="d2l"`` the layer is a superscript in brackets: ``sym("W", 1, notation="d2l")`` → W⁽¹⁾.
    """
    if notation == "d2l" and layer is not None:
        layer, sup = None, f"({layer})" + sup
    sub = "" if layer is None else str(layer)
    idx = "" if index is None else ",".join(str(i) for i in index)
    bracket = f"[{idx}]" if idx else ""
    text = base + sub.translate(_SUB) + sup.translate(_SUP) + bracket
    html = escape(base) + (f"<sub>{sub}</sub>" if sub else "") + (f"<sup>{sup}</sup>" if sup else "") + bracket
    html = nowrap(html)
    latex_base = _LATEX_BASES.get(base, base)
    if base.isascii() and base.isidentifier() and (len(base) > 1 or base == "_"):
        # a program's name such as sigy or x_1: one word, not s·i·g·y, and _ is no subscript
        latex_base = r"\mathit{" + base.replace("_", r"\_") + "}"
    latex = latex_base + (f"_{{{sub}}}" if sub else "") + (f"^{{{sup}}}" if sup else "") + bracket
    return Piece(text, html, latex)


def grad_of(root: Piece, of: Piece) -> Piece:
    """∂root/∂of."""
    return Piece(f"∂{root.text}/∂{of.text}", nowrap(f"∂{root.html}/∂{of.html}"),
                 rf"\frac{{\partial {root.latex}}}{{\partial {of.latex}}}")


def fmt(value: float, digits: int = DIGITS, log_complement: float | None = None,
        decimals: int | None = None) -> str:
    """Plain-text number, one rule for every number shown: ``digits`` significant digits (at least
    ``digits`` decimals for ordinary sizes), e-notation beyond; near ±1 the distance to ±1 gets
    ``digits`` significant digits too, so 1 − v reads true: 0.994835, 0.9995312, then 1 − 1.982e−07.

    ``log_complement`` is ln(1 − value) where the caller knows it more exactly than the float
    ``value`` (ŷ = σ(z) as 1 − σ(−z)); it may lie below float64's range (1 − 3.726e−348).
    ``decimals`` asks for at least that many decimals (see ``difference_decimals``).
    """
    if value is None:
        return "?"
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if log_complement is not None and 0.5 <= value <= 1.0 and log_complement < math.log(NEAR_ONE):
        if log_complement < math.log(EPSILON_FORM):
            return "1 − " + _from_log(log_complement, digits)
        value = 1.0 - math.exp(log_complement)
    if value == 0:
        return "0"
    magnitude = abs(value)
    gap = 1.0 - magnitude  # exact for magnitudes in [0.5, 2] (Sterbenz)
    if 0 < abs(gap) < NEAR_ONE:
        if abs(gap) < EPSILON_FORM:
            sign = "−" if value < 0 else ""
            towards = "−" if (gap > 0) == (value > 0) else "+"
            return f"{sign}1 {towards} {fmt(abs(gap), digits)}"
        places = max(digits - 1 - math.floor(math.log10(abs(gap))), decimals or 0)
        return f"{value:.{places}f}".rstrip("0").rstrip(".").replace("-", "−")
    if 1e-4 <= magnitude < 1e6:
        places = max(digits, digits - 1 - math.floor(math.log10(magnitude)), decimals or 0)
        text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    else:
        shown = digits if decimals is None else max(digits, math.floor(math.log10(magnitude)) + decimals + 1)
        text = f"{value:.{min(shown, 17) - 1}e}"
    return text.replace("-", "−")


def difference_decimals(a: float | None, b: float | None, digits: int = DIGITS) -> int | None:
    """Decimals that show a − b to ``digits`` significant digits (½(0.498554 − 0.5)², not
    ½(0.4986 − 0.5)²), as far as float64 carries them; None where the usual rule suffices."""
    if a is None or b is None or not math.isfinite(a - b) or a == b:  # a − b may overflow: then no digits help
        return None
    wanted = digits - 1 - math.floor(math.log10(abs(a - b)))
    carried = 15 - math.floor(math.log10(max(abs(a), abs(b))))  # float64 holds about 16 digits
    return max(0, min(wanted, carried))


def fmt_log(log_value: float, digits: int = DIGITS) -> str:
    """The positive number e^log_value as ``fmt`` writes it, even below float64's range (3.726e−348)."""
    if log_value > -700.0 or math.isnan(log_value):
        return fmt(math.exp(log_value), digits)
    return _from_log(log_value, digits)


def _from_log(log_value: float, digits: int) -> str:
    if log_value > -700.0:
        return fmt(math.exp(log_value), digits)
    if math.isinf(log_value):
        return "0"
    log10 = log_value / math.log(10.0)
    exponent = math.floor(log10)
    mantissa = round(10.0 ** (log10 - exponent), digits - 1)
    if mantissa >= 10.0:
        mantissa, exponent = mantissa / 10.0, exponent + 1
    return f"{mantissa:.{digits - 1}f}e−{-exponent}"


def num(value: float, wrap_negative: bool = True, log_complement: float | None = None,
        decimals: int | None = None) -> Piece:
    """A number as a formula piece. As an operand (``wrap_negative``), a negative number or a
    1 − ε form is wrapped in parentheses. See ``fmt`` for the digits, ``log_complement`` and ``decimals``."""
    if value is None:
        return lit("?")
    return _number_piece(fmt(value, log_complement=log_complement, decimals=decimals), float(value), wrap_negative)


def differing(a: Piece, b: Piece) -> tuple[Piece, Piece]:
    """Two numbers to be subtracted in a formula, each with the decimals their difference needs."""
    places = difference_decimals(a.value, b.value)
    if places is None or " " in a.text or " " in b.text:  # 1 − ε already carries the difference from 1
        return a, b
    return _finer(a, num(a.value, decimals=places)), _finer(b, num(b.value, decimals=places))


def _finer(old: Piece, new: Piece) -> Piece:
    """The piece showing more digits (a number given from its logarithm keeps its own)."""
    count = lambda piece: sum(ch in "0123456789" for ch in piece.text)  # noqa: E731
    return new if count(new) > count(old) else old


def num_log(log_value: float, wrap_negative: bool = True) -> Piece:
    """The positive number e^log_value as a piece, even where it underflows float64."""
    return _number_piece(fmt_log(log_value), float(np.exp(np.float64(log_value))), wrap_negative)


def _number_piece(text: str, value: float, wrap: bool) -> Piece:
    head, sep, tail = text.rpartition(" ")  # "1 − 1.982e−07": the number ε follows the last space
    piece = _sci(tail)
    if sep:
        piece = lit(head + " ", head + " ", head.replace("−", "-") + " ") + piece
    piece = Piece(piece.text, piece.html, piece.latex, value)
    if wrap and (text.startswith("−") or sep):
        return Piece(f"({piece.text})", f"({piece.html})", f"({piece.latex})", value)
    return piece


def _sci(text: str) -> Piece:
    mantissa, _, exponent = text.partition("e")
    if not exponent:
        return Piece(text, text, text.replace("−", "-"))
    exp = exponent.lstrip("+").replace("−0", "−").lstrip("0") or "0"
    return Piece(f"{mantissa}×10{exp.translate(_SUP).replace('−', '⁻')}", f"{mantissa}×10<sup>{exp}</sup>",
                 rf"{mantissa.replace('−', '-')}\times 10^{{{exp.replace('−', '-')}}}")


def hadamard() -> Piece:
    """⊙, the elementwise product of two arrays of one shape."""
    return lit(" ⊙ ", " ⊙ ", r" \odot ")


def value_text(value) -> str:
    """A node's value for a label: ? before it is known, a number, or a short [a, b, …] list."""
    if value is None:
        return "?"
    from .matrix_format import array_piece  # the matrices are written there, on top of these pieces

    array = np.asarray(value, dtype=np.float64)
    return fmt(float(array)) if array.ndim == 0 else array_piece(array).text


def times(numeric: bool) -> Piece:
    return lit(" × ", " × ", r" \times ") if numeric else lit("·", "·", r" \cdot ")


def plus() -> Piece:
    return lit(" + ")


def minus() -> Piece:
    return lit(" − ", " − ", " - ")


def _unwrap(piece: Piece) -> Piece:
    """(−3) → −3 where the parentheses around a lone number would double up: log(1 − 2×10⁻⁷)."""
    text = piece.text
    lone = piece.value is not None or (text.startswith("(−") and " " not in text)
    if lone and text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        return Piece(text[1:-1], piece.html[1:-1], piece.latex[1:-1], piece.value)
    return piece


@_keeps_full
def func(name: str, arg: Piece, latex_name: str | None = None) -> Piece:
    arg = _unwrap(arg)
    latex = latex_name if latex_name is not None else (rf"\{name}" if name in {"exp", "log", "sin", "cos", "tanh"}
                                                        else operator_name(name))
    return Piece(f"{name}({arg.text})", f"{escape(name)}({arg.html})", f"{latex}\\left({arg.latex}\\right)")


def operator_name(name: str) -> str:
    return rf"\operatorname{{{name.replace('_', chr(92) + '_')}}}"


@_keeps_full
def frac(top: Piece, bottom: Piece) -> Piece:
    """top/bottom; in text and HTML an operand that is not a single term is bracketed: 1/(2√a), (a + b)/c."""
    top, bottom = _operand(top, bottom_side=False), _operand(bottom, bottom_side=True)
    return Piece(f"{top.text}/{bottom.text}", f"{top.html}/{bottom.html}",
                 rf"\frac{{{top.latex}}}{{{bottom.latex}}}")


@_keeps_full
def factor(piece: Piece) -> Piece:
    """A fraction or negative term used as a factor, bracketed in text and HTML: (λ/2)·(…), ·(−2)·x⁻³.

    LaTeX needs no brackets around a fraction (\\frac stacks), only around a negative term."""
    text = piece.text
    if text.startswith("−") or text.startswith("-"):
        return paren(piece)
    if not atomic(text):
        return Piece(f"({text})", f"({piece.html})", piece.latex)
    return piece


_SINGLE = re.compile(r"[^\s·×/+−\-√^()]+")  # a symbol or a number: W₁[1,2], ŷ, 0.5
_CALL = re.compile(r"[^\s·×/+−\-√^()]+(\(.*\))")  # f(…)


def atomic(text: str) -> bool:
    """True for one term that needs no brackets next to · or /: a symbol, a number, f(…), (…)."""
    if _SINGLE.fullmatch(text) or wrapped(text):
        return True
    call = _CALL.fullmatch(text)
    return call is not None and wrapped(call.group(1))


def wrapped(text: str) -> bool:
    """True when the whole text sits inside one pair of parentheses: (a − b), not (a) / (b)."""
    if not text.startswith("("):
        return False
    depth = 0
    for k, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:
            return k == len(text) - 1
    return False


def _operand(piece: Piece, bottom_side: bool) -> Piece:
    text = piece.text
    if atomic(text) or (not bottom_side and not _has_top_level(text, " + ", " − ")):
        return piece  # a numerator may be a product (2·x/3); a denominator must be one term
    return Piece(f"({text})", f"({piece.html})", piece.latex)


def _has_top_level(text: str, *operators: str) -> bool:
    depth = 0
    for k, ch in enumerate(text):
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(ch, 0)
        if depth == 0 and any(text.startswith(op, k) for op in operators):
            return True
    return False


@_keeps_full
def paren(inner: Piece) -> Piece:
    return Piece(f"({inner.text})", f"({inner.html})", rf"\left({inner.latex}\right)")


@_keeps_full
def transpose(piece: Piece) -> Piece:
    """Aᵀ: a symbol's transpose; a compound term is bracketed first, (a + b)ᵀ."""
    if not atomic(piece.text):
        piece = paren(piece)
    return Piece(f"{piece.text}ᵀ", f"{piece.html}<sup>T</sup>", f"{{{piece.latex}}}^{{\\top}}")


@_keeps_full
def power(base: Piece, exponent: str) -> Piece:
    """base to a constant exponent: x², x⁻³, x^0.5, x^(−0.5) (the minus sign, never a hyphen)."""
    if ("×10" in base.text or " " in base.text) and not wrapped(base.text):
        base = paren(base)  # 6.1×10⁻⁶ or 1 − 2×10⁻⁷ squared needs brackets to stay unambiguous
    shown = exponent.replace("-", "−")
    latex = exponent
    if "×10" in exponent:  # an exponent such as 1×10⁻²⁰ (PowConst's exact constant)
        mantissa, _, power_of_ten = exponent.partition("×10")
        latex = rf"{mantissa}\times 10^{{{power_of_ten.translate(_FROM_SUP)}}}"
    if _is_plain_int(exponent):
        text = base.text + exponent.translate(_SUP)
    else:
        text = f"{base.text}^({shown})" if shown.startswith("−") or "×" in shown else f"{base.text}^{shown}"
    return Piece(text, f"{base.html}<sup>{escape(shown)}</sup>", f"{{{base.latex}}}^{{{latex}}}")


def exact(value: float) -> Piece:
    """A constant of a formula, never rounded: the shortest text that reads back as the same float64."""
    value = float(value)
    if not math.isfinite(value) or (value == int(value) and abs(value) < 1e6):
        return num(value)  # small whole numbers, ±∞ and NaN read the same at any precision
    mantissa, _, exponent = repr(abs(value)).partition("e")
    mantissa = mantissa.removesuffix(".0")
    sign = "−" if value < 0 else ""
    if exponent:
        exp = str(int(exponent)).replace("-", "−")
        piece = Piece(f"{sign}{mantissa}×10{exp.translate(_SUP).replace('−', '⁻')}",
                      f"{sign}{mantissa}×10<sup>{exp}</sup>",
                      rf"{sign.replace('−', '-')}{mantissa}\times 10^{{{exp.replace('−', '-')}}}")
    else:
        piece = Piece(sign + mantissa, sign + mantissa, sign.replace("−", "-") + mantissa)
    return paren(piece) if value < 0 else piece


def exact_text(value: float) -> str:
    """A constant as plain text, never rounded (2, 0.5, −0.123456789)."""
    return exact(abs(float(value))).text if float(value) >= 0 else "−" + exact(-float(value)).text


def sum_of(terms: list[Piece], limit: int = 8) -> Piece:
    """t₁ + t₂ + … with long sums shortened in the middle (the value is still exact)."""
    if len(terms) > limit:
        terms = [*terms[:3], lit("…", "…", r"\dots"), terms[-1]]
    return join(_interleave(terms, plus()))


def _interleave(items: list[Piece], sep: Piece) -> list[Piece]:
    out: list[Piece] = []
    for k, item in enumerate(items):
        if k:
            out.append(sep)
        out.append(item)
    return out


def _is_plain_int(text: str) -> bool:
    return text.lstrip("-").isdigit()


def nowrap(html: str) -> str:
    """Keep a symbol on one line when rich text wraps a long formula (never ∂L/ then ∂W₁[2,2])."""
    return f'<span style="white-space:nowrap">{html}</span>'


def escape(text: str) -> str:
    return "".join(_HTML_ESCAPES.get(ch, ch) for ch in text)
