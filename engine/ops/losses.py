"""Whole losses over a sample's outputs (½SSE, MSE, BCE, cross-entropy) and their exact numbers."""

from __future__ import annotations

import math

import numpy as np

from ..formula import Piece, differing, frac, func, lit, minus, num, num_log, paren, plus, power, sum_of, times
from ..roles import Role
from .base import Op, _log_softmax_complement, log_softmax, softmax_complement, softplus, stable_sigmoid
from .functions import SoftmaxComponent


# --------------------------------------------------------------------- losses
class _PairLoss(Op):
    """A loss over predictions ŷ₁…ŷ_K and targets y₁…y_K, inputs [ŷ…, y…]."""

    role = Role.LOSS

    def __init__(self, k: int) -> None:
        self.k = k

    def split(self, xs):
        return np.array(xs[: self.k], dtype=np.float64), np.array(xs[self.k:], dtype=np.float64)

    def local(self, i, xs, out):
        yhat, y = self.split(xs)
        if i < self.k:
            return np.float64(self.d_yhat(yhat[i], y[i]))
        return np.float64(self.d_y(yhat[i - self.k], y[i - self.k]))

    def d_y(self, yhat, y):
        return 0.0  # targets are constants; their gradient is never stepped

    def shown_args(self, args: list[Piece]) -> list[Piece]:
        """The numbers as the formula shows them: each ŷ and y with the decimals ŷ − y needs."""
        k = self.k
        pairs = [differing(args[i], args[k + i]) for i in range(k)]
        return [*(p[0] for p in pairs), *(p[1] for p in pairs), *args[2 * k:]]


class HalfSSE(_PairLoss):
    name = "half_sse"

    def forward(self, xs):
        yhat, y = self.split(xs)
        return np.float64(0.5 * np.sum((yhat - y) ** 2))

    def d_yhat(self, yhat, y):
        return yhat - y

    def formula(self, args, numeric):
        k = self.k
        args = self.shown_args(args)
        terms = [power(paren(args[i] + minus() + args[k + i]), "2") for i in range(k)]
        return lit("½", "½", r"\frac{1}{2}") + (terms[0] if k == 1 else paren(sum_of(terms)))

    def local_formula(self, i, args, out):
        args = self.shown_args(args)
        return paren(args[i] + minus() + args[self.k + i])


class MSE(_PairLoss):
    name = "mse"

    def forward(self, xs):
        yhat, y = self.split(xs)
        return np.float64(np.mean((yhat - y) ** 2))

    def d_yhat(self, yhat, y):
        return 2.0 * (yhat - y) / self.k

    def formula(self, args, numeric):
        k = self.k
        args = self.shown_args(args)
        terms = [power(paren(args[i] + minus() + args[k + i]), "2") for i in range(k)]
        body = sum_of(terms)
        return body if k == 1 else frac(paren(body), lit(str(k)))

    def local_formula(self, i, args, out):
        args = self.shown_args(args)
        diff = paren(args[i] + minus() + args[self.k + i])
        return lit("2") + diff if self.k == 1 else frac(lit("2") + diff, lit(str(self.k)))


class BCE(_PairLoss):
    """Binary cross-entropy. Its inputs end with the output layer's z (hidden): with ŷ = σ(z), the
    loss is y·softplus(−z) + (1 − y)·softplus(z), exact even where ŷ rounds to 0 or 1."""

    name = "bce"

    def split(self, xs):
        k = self.k
        return np.array(xs[:k], dtype=np.float64), np.array(xs[k:2 * k], dtype=np.float64)

    def is_hidden(self, i):
        return i >= 2 * self.k

    def _logits(self, xs):
        return np.array(xs[2 * self.k:], dtype=np.float64) if len(xs) > 2 * self.k else None

    def forward(self, xs):
        yhat, y = self.split(xs)
        z = self._logits(xs)
        if z is None:
            return np.float64(np.mean(_bce_from_yhat(yhat, y)))
        return np.float64(np.mean(y * softplus(-z) + (1.0 - y) * softplus(z)))

    def local(self, i, xs, out):
        if i >= self.k:
            return np.float64(0.0)
        z = float(xs[2 * self.k + i]) if len(xs) > 2 * self.k else None
        return np.float64(_bce_d_yhat(float(xs[i]), float(xs[self.k + i]), z) / self.k)

    def logit_vjp(self, out_index, logit_index, g, xs):
        """g·∂L/∂z of output ``out_index`` through its ŷ: g·(σ(z) − y)/K, from z."""
        z, y = float(xs[2 * self.k + out_index]), float(xs[self.k + out_index])
        return np.float64(g) * _bce_d_logit(z, y) / self.k

    def shown_args(self, args: list[Piece]) -> list[Piece]:
        """The numbers as the formula shows them: each ŷ from its z, so log(1 − ŷ) reads true near 1."""
        k = self.k
        if len(args) > 2 * k and args[2 * k].value is not None:
            args = [*(_sigmoid_number(args[2 * k + i].value) for i in range(k)), *args[k:]]
        return super().shown_args(args)  # and the decimals ŷ − y needs

    def formula(self, args, numeric):
        k = self.k
        args = self.shown_args(args)
        terms = [_bce_term(args[i], args[k + i]) for i in range(k)]
        body = sum_of(terms)
        return lit("−", "−", "-") + (body if k == 1 else frac(paren(body), lit(str(k))))

    def local_formula(self, i, args, out):
        args = self.shown_args(args)
        yhat, y = args[i], args[self.k + i]
        d = frac(paren(yhat + minus() + y), paren(yhat + lit("(1 − ", "(1 − ", "(1 - ") + yhat + lit(")")))
        return d if self.k == 1 else d + lit(f" / {self.k}")


class CrossEntropy(_PairLoss):
    """−Σ y·log ŷ. Its inputs end with the softmax layer's z (hidden): log ŷ is the log-softmax
    of z, finite where ŷ underflows to 0."""

    name = "cross_entropy"

    def is_hidden(self, i):
        return i >= 2 * self.k

    def split(self, xs):
        k = self.k
        return np.array(xs[:k], dtype=np.float64), np.array(xs[k:2 * k], dtype=np.float64)

    def _log_p(self, xs):
        yhat, _y = self.split(xs)
        if len(xs) > 2 * self.k:
            return log_softmax(np.array(xs[2 * self.k:], dtype=np.float64))
        with np.errstate(divide="ignore"):
            return np.log(yhat)

    def forward(self, xs):
        _yhat, y = self.split(xs)
        mask = y != 0
        return np.float64(-np.sum(y[mask] * self._log_p(xs)[mask]))

    def local(self, i, xs, out):
        if i >= self.k:
            return np.float64(0.0)
        y = float(xs[self.k + i])
        if y == 0:
            return np.float64(0.0)
        with np.errstate(over="ignore"):
            return np.float64(-y * np.exp(-self._log_p(xs)[i]))  # −y/ŷ; ∞ only where it exceeds float64

    def logit_vjp(self, out_index, logit_index, g, xs):
        """g·∂L/∂ŷₖ·∂ŷₖ/∂zⱼ = g·yₖ·(ŷⱼ − [j = k]), from z (no division by ŷₖ)."""
        k = self.k
        return _ce_through(float(xs[k + out_index]), np.array(xs[2 * k:], dtype=np.float64), out_index,
                           logit_index, g)

    def shown_args(self, args: list[Piece]) -> list[Piece]:
        k = self.k
        if len(args) <= 2 * k or args[2 * k].value is None:
            return args
        z = np.array([a.value for a in args[2 * k:]], dtype=np.float64)
        return [*(_softmax_number(z, i) for i in range(k)), *args[k:]]

    def formula(self, args, numeric):
        k = self.k
        args = self.shown_args(args)
        return lit("−", "−", "-") + paren(sum_of([args[k + i] + times(numeric) + func("log", args[i])
                                                  for i in range(k)]))

    def local_formula(self, i, args, out):
        args = self.shown_args(args)
        return lit("−", "−", "-") + frac(args[self.k + i], args[i])


LOSS_OPS = {"half_sse": HalfSSE, "mse": MSE, "bce": BCE, "cross_entropy": CrossEntropy}


def _bce_from_yhat(yhat, y):
    with np.errstate(divide="ignore", invalid="ignore"):
        return -(np.where(y != 0, y * np.log(yhat), 0.0) + np.where(y != 1, (1.0 - y) * np.log1p(-yhat), 0.0))


def _bce_d_yhat(yhat: float, y: float, z: float | None) -> float:
    """∂BCE/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)) = −y/σ(z) + (1 − y)/σ(−z) = −y(1 + e^−z) + (1 − y)(1 + e^z).

    Taken from z, not from the rounded ŷ (which gives 0 at z ≥ 37 instead of −1); ±∞ only where
    the value exceeds float64 (|z| ≳ 709.8 on the wrong side). Terms with a zero weight are left out.
    """
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        if z is None:
            return float(np.float64(yhat - y) / np.float64(yhat * (1.0 - yhat)))
        total = 0.0
        if y != 0:
            total -= y * (1.0 + float(np.exp(np.float64(-z))))
        if y != 1:
            total += (1.0 - y) * (1.0 + float(np.exp(np.float64(z))))
        return total


def _bce_d_logit(z: float, y: float) -> float:
    """∂BCE/∂z = σ(z) − y = (1 − y)σ(z) − y·σ(−z): exact for y = 0 or 1 where σ(z) rounds to 1."""
    return float((1.0 - y) * stable_sigmoid(z) - y * stable_sigmoid(-z))


def _ce_through(y: float, z: np.ndarray, k: int, j: int, g) -> np.float64:
    if y == 0:
        return np.float64(0.0)
    if j == k:  # ŷₖ − 1 = −(sum of the other probabilities)
        return np.float64(g) * np.float64(-y * softmax_complement(z)[k])
    return np.float64(g) * np.float64(y * np.exp(log_softmax(z)[j]))


def _sigmoid_number(z: float) -> Piece:
    """σ(z) as a formula number, from z: 1 − σ(−z) near 1, e^(log σ(z)) near 0 (even below float64)."""
    z = float(z)
    if not math.isfinite(z):
        return num(float(stable_sigmoid(z)))
    if z >= 0:
        return num(float(stable_sigmoid(z)), log_complement=-float(softplus(z)))
    return num_log(-float(softplus(-z)))


def _softmax_number(z: np.ndarray, k: int) -> Piece:
    """softmax(z)[k] as a formula number, from z, like ``_sigmoid_number``."""
    if not np.all(np.isfinite(z)):
        return num(float(SoftmaxComponent._softmax(z)[k]))
    log_p = float(log_softmax(z)[k])
    if log_p >= -math.log(2.0):
        return num(math.exp(log_p), log_complement=_log_softmax_complement(z, k))
    return num_log(log_p)


def _bce_term(yhat: Piece, y: Piece) -> Piece:
    one_minus = lit("1 − ", "1 − ", "1 - ")
    return paren(y + times(False) + func("log", yhat) + plus()
                 + paren(one_minus + y) + times(False) + func("log", one_minus + yhat))
