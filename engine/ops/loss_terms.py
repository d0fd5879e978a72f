"""Loss terms one per output, their mean, and the weight-decay terms (operation granularity)."""

from __future__ import annotations

import numpy as np

from ..formula import factor, frac, func, lit, num, paren, power, sum_of, times
from ..roles import Role
from .arithmetic import Add
from .base import LAMBDA, ONE, Op, log_softmax
from .losses import BCE, _bce_term, _ce_through, _softmax_number


# loss terms, one per output (operation granularity)
class HalfSquare(Op):
    name, role = "half_square", Role.LOSS_TERM

    def forward(self, xs):
        return np.float64(0.5 * np.square(np.float64(xs[0])))  # numpy: ∞ where it overflows, never OverflowError

    def local(self, i, xs, out):
        return np.float64(xs[0])

    def formula(self, args, numeric):
        half = lit("½", "½", r"\frac{1}{2}") + (times(True) if numeric else lit(""))
        return half + power(args[0], "2")

    def local_formula(self, i, args, out):
        return args[0]


class Square(Op):
    name, role = "square", Role.LOSS_TERM

    def forward(self, xs):
        return np.square(np.float64(xs[0]))

    def local(self, i, xs, out):
        return np.float64(2.0 * xs[0])

    def formula(self, args, numeric):
        return power(args[0], "2")

    def local_formula(self, i, args, out):
        return lit("2") + args[0]


class BCETerm(Op):
    """−[y·log ŷ + (1−y)·log(1−ŷ)], inputs [ŷ, y, z] with z hidden (see BCE)."""

    name, role = "bce_term", Role.LOSS_TERM

    def __init__(self) -> None:
        self._whole = BCE(1)

    def is_hidden(self, i):
        return i == 2

    def forward(self, xs):
        return self._whole.forward(xs)

    def local(self, i, xs, out):
        return self._whole.local(i, xs, out)

    def logit_vjp(self, out_index, logit_index, g, xs):
        return self._whole.logit_vjp(out_index, logit_index, g, xs)

    def shown_args(self, args):
        return self._whole.shown_args(args)

    def formula(self, args, numeric):
        args = self.shown_args(args)
        return lit("−", "−", "-") + _bce_term(args[0], args[1])

    def local_formula(self, i, args, out):
        return self._whole.local_formula(i, args, out)


class CETerm(Op):
    """−y·log ŷ, inputs [ŷₖ, yₖ, z₁…z_K] with the softmax layer's z hidden (see CrossEntropy)."""

    name, role = "ce_term", Role.LOSS_TERM

    def __init__(self, k: int = 0) -> None:
        self.k = k  # which softmax output ŷ is

    def is_hidden(self, i):
        return i >= 2

    def _log_p(self, xs):
        if len(xs) > 2:
            return float(log_softmax(np.array(xs[2:], dtype=np.float64))[self.k])
        with np.errstate(divide="ignore"):
            return float(np.log(np.float64(xs[0])))

    def forward(self, xs):
        y = float(xs[1])
        return np.float64(0.0 if y == 0 else -y * self._log_p(xs))

    def local(self, i, xs, out):
        y = float(xs[1])
        if i != 0 or y == 0:
            return np.float64(0.0)
        with np.errstate(over="ignore"):
            return np.float64(-y * np.exp(np.float64(-self._log_p(xs))))  # −y/ŷ; ∞ only beyond float64

    def logit_vjp(self, out_index, logit_index, g, xs):
        return _ce_through(float(xs[1]), np.array(xs[2:], dtype=np.float64), self.k, logit_index, g)

    def shown_args(self, args):
        if len(args) <= 2 or args[2].value is None:
            return args
        return [_softmax_number(np.array([a.value for a in args[2:]], dtype=np.float64), self.k), *args[1:]]

    def formula(self, args, numeric):
        args = self.shown_args(args)
        return lit("−", "−", "-") + args[1] + times(numeric) + func("log", args[0])

    def local_formula(self, i, args, out):
        args = self.shown_args(args)
        return lit("−", "−", "-") + frac(args[1], args[0])


class MeanOf(Op):
    """(x₁ + … + xₙ) / n over scalar inputs."""

    name, role = "mean_of", Role.LOSS

    def forward(self, xs):
        return np.float64(np.mean(np.array(xs, dtype=np.float64)))

    def local(self, i, xs, out):
        return np.float64(1.0 / len(xs))

    def formula(self, args, numeric):
        return frac(paren(sum_of(args)), lit(str(len(args))))

    def local_formula(self, i, args, out):
        return frac(ONE, lit(str(len(args))))


class SumOf(Add):
    name, role = "sum_of", Role.LOSS


# --------------------------------------------------------------------- weight decay
class SumSquares(Op):
    """‖W‖² = Σ w², inputs the weights of one layer."""

    name, role = "sum_squares", Role.NORM

    def forward(self, xs):
        w = np.array(xs, dtype=np.float64)
        return np.float64(np.dot(w, w))

    def local(self, i, xs, out):
        return np.float64(2.0 * xs[i])

    def formula(self, args, numeric):
        return sum_of([power(a, "2") for a in args], limit=6)

    def local_formula(self, i, args, out):
        return lit("2") + args[i]


class Decay(Op):
    """s = λ/2 · Σ xᵢ, or λ/2 · Σ xᵢ² when ``squares`` (inputs the weights themselves)."""

    name, role = "decay", Role.DECAY

    def __init__(self, lam: float, squares: bool) -> None:
        self.lam = float(lam)
        self.squares = squares

    def forward(self, xs):
        x = np.array(xs, dtype=np.float64)
        return np.float64(self.lam / 2.0 * (np.dot(x, x) if self.squares else x.sum()))

    def local(self, i, xs, out):
        return np.float64(self.lam * xs[i] if self.squares else self.lam / 2.0)

    def locals_at(self, positions, values, out):
        return self.lam * values[positions] if self.squares else np.full(len(positions), self.lam / 2.0)

    def formula(self, args, numeric):
        lam = num(self.lam) if numeric else LAMBDA  # one precision for the whole substituted formula
        terms = [power(a, "2") for a in args] if self.squares else args
        return factor(frac(lam, lit("2"))) + times(numeric) + paren(sum_of(terms, limit=6))

    def local_formula(self, i, args, out):
        if self.squares:
            return LAMBDA + lit("", "", " ") + args[i]  # λW₁[1,1]; LaTeX \lambda W_{1}, never \lambdaW_{1}
        return frac(LAMBDA, lit("2"))
