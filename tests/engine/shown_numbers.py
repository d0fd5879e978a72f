"""Read a displayed number back (the notation of engine.formula.num), keeping what a float would lose.

``1 − 4.248×10⁻¹⁸`` is 1.0 as a float; a student reading it still knows 1 − ŷ = 4.248×10⁻¹⁸, and
``3.668×10⁻³⁴⁸`` (0.0 as a float) still has a logarithm. ``Shown`` keeps both, so a formula can
be evaluated from its displayed numbers as a reader would.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


@dataclass(frozen=True)
class Shown:
    value: float  # the number as a float
    log: float  # ln |value|, from the digits even where value underflows
    one_minus: float  # 1 − value, from the digits where it is written 1 − ε
    log_one_minus: float  # ln(1 − value) (NaN above 1)
    text: str = ""


def _plain(text: str) -> tuple[float, float]:
    """(value, ln|value|) of 4.248×10⁻¹⁸, −0.5, ∞."""
    negative = text.startswith("−")
    body = text.removeprefix("−")
    if body == "∞":
        value, log = math.inf, math.inf
    elif "×10" in body:
        mantissa, exponent = body.split("×10")
        e = int(exponent.translate(_SUPERSCRIPTS))
        log = math.log(float(mantissa)) + e * math.log(10.0)
        value = float(f"{mantissa}e{e}")
    else:  # 0.5, or fmt's plain e-notation 5.960e−08
        value = float(body.replace("−", "-"))
        log = math.log(value) if value > 0 else -math.inf
    return (-value if negative else value), log


def parse(text: str) -> Shown:
    """A displayed number (an operand may be wrapped in parentheses)."""
    raw = text
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    for sign in (" − ", " + "):
        if sign in text:
            head, tail = text.split(sign)
            assert head in ("1", "−1"), raw
            eps, eps_log = _plain(tail)
            towards_zero = (sign == " − ") == (head == "1")  # 1 − ε or −1 + ε
            magnitude_log = math.log1p(-eps) if towards_zero else math.log1p(eps)
            if head == "1":
                value = 1.0 - eps if towards_zero else 1.0 + eps
                one_minus = eps if towards_zero else -eps
                log_one_minus = eps_log if towards_zero else math.nan
            else:
                value = -1.0 + eps if towards_zero else -1.0 - eps
                one_minus = 2.0 - eps if towards_zero else 2.0 + eps
                log_one_minus = math.log(one_minus)
            return Shown(value, magnitude_log, one_minus, log_one_minus, raw)
    value, log = _plain(text)
    log_one_minus = math.log1p(-value) if value < 1 else (-math.inf if value == 1 else math.nan)
    return Shown(value, log, 1.0 - value, log_one_minus, raw)
