"""Arithmetic operations: + − × ÷, negation, powers and the neuron's weighted sum."""

from __future__ import annotations

import numpy as np

from ..formula import Piece, differing, exact, exact_text, factor, frac, func, lit, minus, power, sum_of, times
from ..roles import Role
from .base import ONE, Op


# --------------------------------------------------------------------- arithmetic
class Add(Op):
    name, role = "add", Role.SUM

    def forward(self, xs):
        out = np.asarray(xs[0], dtype=np.float64)
        for x in xs[1:]:
            out = out + x
        return out

    def local(self, i, xs, out):
        return np.ones_like(np.asarray(out, dtype=np.float64))

    def formula(self, args, numeric):
        return sum_of(args)

    def local_formula(self, i, args, out):
        return ONE


class Sub(Op):
    name = "sub"

    def forward(self, xs):
        return np.asarray(xs[0] - xs[1], dtype=np.float64)

    def local(self, i, xs, out):
        return np.full(np.shape(out), 1.0 if i == 0 else -1.0)

    def shown_args(self, args: list[Piece]) -> list[Piece]:
        """The numbers as shown: with the decimals their difference needs (0.498554 − 0.5)."""
        return list(differing(args[0], args[1]))

    def formula(self, args, numeric):
        args = self.shown_args(args)
        return args[0] + minus() + args[1]

    def local_formula(self, i, args, out):
        return ONE if i == 0 else lit("−1", "−1", "-1")


class Mul(Op):
    name = "mul"

    def forward(self, xs):
        return np.asarray(xs[0] * xs[1], dtype=np.float64)

    def local(self, i, xs, out):
        return np.broadcast_to(np.asarray(xs[1 - i], dtype=np.float64), np.shape(out))

    def formula(self, args, numeric):
        return args[0] + times(numeric) + args[1]

    def local_formula(self, i, args, out):
        return args[1 - i]


class Div(Op):
    name = "div"

    def forward(self, xs):
        return np.asarray(xs[0] / xs[1], dtype=np.float64)

    def local(self, i, xs, out):
        a, b = xs
        return np.broadcast_to(1.0 / b if i == 0 else -a / (b * b), np.shape(out))

    def formula(self, args, numeric):
        return frac(args[0], args[1])

    def local_formula(self, i, args, out):
        a, b = args
        return frac(ONE, b) if i == 0 else lit("−", "−", "-") + frac(a, power(b, "2"))


class Neg(Op):
    name = "neg"

    def forward(self, xs):
        return np.asarray(-xs[0], dtype=np.float64)

    def local(self, i, xs, out):
        return np.full(np.shape(out), -1.0)

    def formula(self, args, numeric):
        return lit("−", "−", "-") + args[0]

    def local_formula(self, i, args, out):
        return lit("−1", "−1", "-1")


class PowConst(Op):
    """x ** p for a constant p."""

    name = "pow"

    def __init__(self, p: float) -> None:
        self.p = float(p)

    def _p(self) -> str:
        return exact_text(self.p).replace("−", "-")  # the exponent as written, never rounded

    def forward(self, xs):
        return np.asarray(np.power(xs[0], self.p), dtype=np.float64)

    def local(self, i, xs, out):
        return self.p * np.power(xs[0], self.p - 1.0)

    def formula(self, args, numeric):
        return power(args[0], self._p())

    def local_formula(self, i, args, out):
        p = factor(exact(self.p)) + times(False)  # (−2)·x⁻³, never -2·x^-3
        if self.p - 1 == 1:
            return p + args[0]  # 2·x, not 2·x¹
        return p + power(args[0], exact_text(self.p - 1).replace("−", "-"))


# --------------------------------------------------------------------- general power
class Pow(Op):
    """x ** y where the exponent is itself a node (expression lessons).

    ∂/∂x = y·x^(y−1); ∂/∂y = x^y·log x, defined for x > 0. At x = 0 the exponent's
    derivative is taken as 0 (the limit for y > 0); for x < 0 it is NaN, as x^y is then
    real only at whole-number y and has no derivative along y.
    """

    name = "pow"

    def forward(self, xs):
        return np.asarray(np.power(np.asarray(xs[0], dtype=np.float64), xs[1]), dtype=np.float64)

    def local(self, i, xs, out):
        x = np.asarray(xs[0], dtype=np.float64)
        y = np.asarray(xs[1], dtype=np.float64)
        if i == 0:
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.asarray(y * np.power(x, y - 1.0), dtype=np.float64)
        safe = np.where(x > 0, x, 1.0)
        return np.where(x > 0, np.asarray(out) * np.log(safe), np.where(x == 0, 0.0, np.nan))

    def formula(self, args, numeric):
        base, exponent = args
        return Piece(f"{base.text}^{exponent.text}", f"{base.html}<sup>{exponent.html}</sup>",
                     f"{{{base.latex}}}^{{{exponent.latex}}}")

    def local_formula(self, i, args, out):
        base, exponent = args
        if i == 0:
            reduced = Piece(f"({exponent.text} − 1)", f"{exponent.html} − 1", f"{exponent.latex} - 1")
            return exponent + times(False) + self.formula([base, reduced], False)
        return self.formula(args, False) + times(False) + func("log", base)


# --------------------------------------------------------------------- neurons
class WeightedSum(Op):
    """z = Σᵢ aᵢ·wᵢ + b, with inputs [a₁…aₙ, w₁…wₙ, b] (neuron granularity); without ``bias``,
    z = Σᵢ aᵢ·wᵢ with inputs [a₁…aₙ, w₁…wₙ] (a layer that has no bias)."""

    name, role = "weighted_sum", Role.WEIGHTED_SUM

    def __init__(self, n: int, bias: bool = True) -> None:
        self.n = n
        self.bias = bias

    def forward(self, xs):
        n = self.n
        total = np.dot(np.array(xs[:n], dtype=np.float64), np.array(xs[n:2 * n], dtype=np.float64))
        return np.float64(total + float(xs[2 * n]) if self.bias else total)

    def local(self, i, xs, out):
        n = self.n
        if i < n:
            return np.float64(xs[n + i])
        if i < 2 * n:
            return np.float64(xs[i - n])
        return np.float64(1.0)

    def locals_at(self, positions, values, out):
        n = self.n
        local = np.ones(len(positions))
        inputs, weights = positions < n, (positions >= n) & (positions < 2 * n)
        local[inputs] = values[positions[inputs] + n]
        local[weights] = values[positions[weights] - n]
        return local

    def formula(self, args, numeric):
        n = self.n
        terms = [args[i] + times(numeric) + args[n + i] for i in range(n)]
        return sum_of([*terms, args[2 * n]] if self.bias else terms, limit=9)

    def local_formula(self, i, args, out):
        n = self.n
        if i < n:
            return args[n + i]
        if i < 2 * n:
            return args[i - n]
        return ONE
