"""Numbers as a student types them: the value and the precision the typing shows.

One typed number (``parse_number``) keeps its *unit*, the place value of its last digit
("0.766" → 0.001, "1.23e3" → 10, "12" → 1), and how many significant digits were typed
(from the first non-zero digit to the last digit: "0.00036" has 2, "0.7660" has 4).

What is accepted:

* full-width digits, signs and brackets (as a Chinese input method types them), the minus sign "−", spaces;
* a decimal comma when it is the only separator: "1,5" is 1.5 (there are no thousands
  separators, so "1,000" is 1.000); inside a list the entries are separated by "," unless
  a ";" is present, and then "," may be a decimal comma: "[0,88; 0,92]";
* e-notation ("3.6e-4") and "×10^-4", "x10^-4", "·10⁻⁴";
* a fraction "p/q" of two decimals ("1/4", "0.5/2"): it is exact, so it has no last digit
  (``unit`` is None);
* lists "[a, b]" and matrices "[[a, b], [c, d]]" (``parse_array``), one number per entry.

A bad entry raises ValidationError with the field given by the caller.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from .errors import ValidationError, brief
from .messages import Message

MAX_TYPED_CHARS = 2000


@dataclass(frozen=True)
class Typed:
    """A typed number: its value, the place value of its last digit (None: exact, a fraction)
    and the count of significant digits typed."""

    text: str
    value: float
    unit: float | None
    digits: int

    @property
    def exact(self) -> bool:
        return self.unit is None


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_DECIMAL = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?")
_TEN_POWER = re.compile(r"(?:×|x|\*|·)10\^?([+-]?\d+)$")
_VECTOR = re.compile(r"\[[^\[\]]*\]")
_MATRIX = re.compile(r"\[\[[^\[\]]*\](?:[,;]\[[^\[\]]*\])*\]")
_FRACTION = re.compile(r"([+-]?)(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)")


def normalise(text: str) -> str:
    """Full-width forms folded (NFKC), minus signs as "-", no spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2212", "-").replace("\u2013", "-").replace("\ufe63", "-").replace("E", "e")
    return "".join(text.split())


def parse_number(text: object, where: str = "value", decimal_comma: bool = True) -> Typed:
    """One typed number; a Python number is read as its shortest repr (0.5 → "0.5")."""
    if isinstance(text, bool) or not isinstance(text, str | int | float):
        raise ValidationError(where, Message("expected.finite_number_got", value=brief(text)))
    raw = repr(float(text)) if isinstance(text, int | float) else text
    if len(raw) > MAX_TYPED_CHARS:
        raise ValidationError(where, Message("file.max_characters", limit=MAX_TYPED_CHARS, got=len(raw)))
    s = normalise(raw).translate(_SUPERSCRIPT)
    if decimal_comma and s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    power = _TEN_POWER.search(s)
    if power:
        s = f"{s[:power.start()]}e{power[1]}"
    fraction = _FRACTION.fullmatch(s)
    if fraction:
        top, bottom = float(fraction[2]), float(fraction[3])
        if bottom == 0:
            raise ValidationError(where, Message("typed.zero_denominator", value=brief(raw)))
        return Typed(raw, (-1.0 if fraction[1] == "-" else 1.0) * top / bottom, None, 0)
    match = _DECIMAL.fullmatch(s)
    if not match or not (match[2] or match[3]):
        raise ValidationError(where, Message("typed.not_a_number", value=brief(raw)))
    whole, decimals, exponent = match[2], match[3] or "", int(match[4] or 0)
    if abs(exponent) > 400:
        raise ValidationError(where, Message("typed.not_a_number", value=brief(raw)))
    value = float(s)
    if not math.isfinite(value):
        raise ValidationError(where, Message("expected.finite_number_got", value=brief(raw)))
    digits = len((whole + decimals).lstrip("0"))
    return Typed(raw, value, 10.0 ** (exponent - len(decimals)), digits)


def parse_array(text: object, where: str = "value") -> tuple[list[Typed], tuple[int, ...]]:
    """The typed entries, row by row, and the shape: () for one number, (n,) for "[a, b]",
    (m, n) for "[[a, b], [c, d]]"."""
    if isinstance(text, list):
        return _parse_nested(text, where)
    if isinstance(text, str) and len(text) > MAX_TYPED_CHARS:
        raise ValidationError(where, Message("file.max_characters", limit=MAX_TYPED_CHARS, got=len(text)))
    s = normalise(text) if isinstance(text, str) else ""  # full-width brackets are folded too
    if "[" not in s:
        return [parse_number(text, where)], ()
    if _VECTOR.fullmatch(s):
        rows, depth = [s[1:-1]], 0
    elif _MATRIX.fullmatch(s):
        rows, depth = re.findall(r"\[([^\[\]]*)\]", s[1:-1]), 1
    else:
        raise ValidationError(where, Message("typed.not_a_number", value=brief(text)))
    cells = [_split(row, where) for row in rows]
    if depth == 0:
        return cells[0], (len(cells[0]),)
    if len({len(row) for row in cells}) != 1:
        raise ValidationError(where, Message("expected.numbers_like_first_row", count=len(cells[0]),
                                             got=len(next(r for r in cells if len(r) != len(cells[0])))))
    return [t for row in cells for t in row], (len(cells), len(cells[0]))


def _split(row: str, where: str) -> list[Typed]:
    semicolons = ";" in row
    parts = [p for p in row.split(";" if semicolons else ",")]
    if not parts or any(not p for p in parts):
        raise ValidationError(where, Message("typed.not_a_number", value=brief(row)))
    return [parse_number(p, where, decimal_comma=semicolons) for p in parts]


def _parse_nested(value: list, where: str) -> tuple[list[Typed], tuple[int, ...]]:
    if not value or any(isinstance(v, list) and not v for v in value):
        raise ValidationError(where, Message("expected.list_of_numbers"))
    if value and all(isinstance(v, list) for v in value):
        rows = [[parse_number(x, where) for x in row] for row in value]
        if len({len(r) for r in rows}) != 1:
            raise ValidationError(where, Message("expected.numbers_like_first_row", count=len(rows[0]),
                                                 got=len(next(r for r in rows if len(r) != len(rows[0])))))
        return [t for r in rows for t in r], (len(rows), len(rows[0]))
    return [parse_number(x, where) for x in value], (len(value),)


def values(typed: list[Typed], shape: tuple[int, ...]) -> np.ndarray:
    return np.array([t.value for t in typed], dtype=np.float64).reshape(shape)


# ---------------------------------------------------------------------- agreement
_SLACK = 1e-9  # decimal digits are not exact in binary: 0.1 typed, 0.1 + 1e-17 meant


def within(typed: Typed, reference: float, units: float) -> bool:
    """|typed − reference| ≤ ``units`` of the typed number's last digit (an exact fraction: within
    float64 rounding of the reference)."""
    gap = abs(typed.value - reference)
    if typed.unit is None:
        return gap <= 1e-12 * max(1.0, abs(reference))
    return gap <= units * typed.unit * (1 + _SLACK) + 1e-12 * abs(reference)


def exactly(typed: Typed, reference: float) -> bool:
    """The typed number is the reference itself, to float64 rounding ("1" for 1, "2.4" for 2.4000000000000004)."""
    return abs(typed.value - reference) <= 1e-12 * max(1.0, abs(reference))


def rounded(value: float, unit: float) -> float:
    """``value`` rounded to the place value ``unit`` (0.03531 at 0.001 → 0.035)."""
    return round(value / unit) * unit
