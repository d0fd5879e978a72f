"""Operations: each holds its forward, its vector-Jacobian product and its formula template.

``formula(args, numeric)`` builds the right-hand side from pieces for the inputs: symbols
give the symbolic formula, numbers the substituted one. ``local(i, xs, out)`` is ∂out/∂xᵢ
for elementwise ops (what the chain rule multiplies by), and ``local_formula`` its symbol.
Ops that are not elementwise (matmul, sum over arrays) override ``vjp`` instead, and
``vjp_formula`` where the product is not ∂J/∂out times a local symbol (aᵀ·∂J/∂z).

Numbers stay true at the edges. ``shown_args(args)`` gives the numbers a formula shows (a
loss shows ŷ from its hidden logit z, so 1 − ŷ keeps its digits; ŷ and y in ŷ − y get the
decimals their difference needs); a formula evaluated from them gives its result. The
cross-entropy losses take z as hidden inputs too, and an output activation that ``feeds`` one
takes its δ from the loss's ``logit_vjp``, exact where ∂ℓ/∂ŷ lies beyond float64.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod

import numpy as np

from .formula import (
    Piece,
    atomic,
    differing,
    exact,
    exact_text,
    factor,
    frac,
    func,
    join,
    lit,
    minus,
    num,
    num_log,
    operator_name,
    paren,
    plus,
    power,
    sum_of,
    times,
    transpose,
    wrapped,
)
from .names import LEAKY_SLOPE  # one slope for the step graph and the batched path
from .roles import Role


def _unbroadcast(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum a broadcast gradient back down to an input's shape."""
    g = np.asarray(g, dtype=np.float64)
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return g.reshape(shape)


def softplus(x: np.ndarray) -> np.ndarray:
    """log(1 + eˣ) without overflow: −log σ(−x)."""
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def stable_sigmoid(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_slope(x: np.ndarray) -> np.ndarray:
    """σ′(x) = σ(x)σ(−x), relative-exact where σ(x)(1 − σ(x)) rounds to 0 (x ≳ 37)."""
    x = np.asarray(x, dtype=np.float64)
    return stable_sigmoid(x) * stable_sigmoid(-x)


def tanh_slope(x: np.ndarray) -> np.ndarray:
    """tanh′(x) = 1/cosh²(x), relative-exact where 1 − tanh²(x) rounds to 0 (|x| ≳ 19)."""
    with np.errstate(over="ignore"):
        return np.square(1.0 / np.cosh(np.asarray(x, dtype=np.float64)))


def log_softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """log softmax(z), finite wherever z is (even where a probability underflows to 0), and exact
    near probability 1: z − max − log1p(Σ of the others' e^(z − max)), not log(1 + …) rounded."""
    z = np.asarray(z, dtype=np.float64)
    shifted = z - z.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return shifted - np.log1p(np.where(_at_top(z, axis), 0.0, e).sum(axis=axis, keepdims=True))


def _at_top(z: np.ndarray, axis: int) -> np.ndarray:
    """True at the (first) largest logit along ``axis``, whose shifted exponential is e⁰ = 1."""
    at_top = np.zeros(z.shape, dtype=bool)
    np.put_along_axis(at_top, np.expand_dims(np.argmax(z, axis=axis), axis), True, axis=axis)
    return at_top


def softmax_complement(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """1 − softmax(z), each as the sum of the other probabilities: exact where one is near 1."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    at_top = _at_top(z, axis)
    total = e.sum(axis=axis, keepdims=True)
    rest = np.where(at_top, 0.0, e).sum(axis=axis, keepdims=True)
    # total − e has no cancellation except at the largest logit, where e = 1 ≥ the rest
    return np.where(at_top, rest, total - e) / total


def _log_softmax_complement(z: np.ndarray, k: int) -> float:
    """ln(1 − softmax(z)[k]) = logsumexp of the other logits − logsumexp of all (−∞ with one logit)."""
    z = np.asarray(z, dtype=np.float64)
    others = np.delete(z, k)
    if others.size == 0:
        return -math.inf
    return _logsumexp(others) - _logsumexp(z)


def _logsumexp(v: np.ndarray) -> float:
    top = float(v.max())
    return top + float(np.log(np.exp(v - top).sum()))  # the sum is ≥ 1: no log(0)


class Op(ABC):
    name = "op"
    role = Role.OP  # what the step means, for the plain-language explanation

    @abstractmethod
    def forward(self, xs: list[np.ndarray]) -> np.ndarray:
        """The value from the input values."""

    def local(self, i: int, xs: list[np.ndarray], out: np.ndarray) -> np.ndarray | None:
        """∂out/∂xᵢ for elementwise ops; None where the op has no elementwise derivative."""
        return None

    def locals_at(self, positions: np.ndarray, values: np.ndarray, out: np.ndarray) -> np.ndarray | None:
        """``local`` for many scalar inputs at once (``values`` holds every input's value), the same
        numbers as one at a time; None where the op has no such shortcut. Only for speed."""
        return None

    def is_hidden(self, i: int) -> bool:
        """Inputs that only make the numbers exact (a loss's logits): not drawn, no gradient through them."""
        return False

    def vjp(self, i: int, g: np.ndarray, xs: list[np.ndarray], out: np.ndarray) -> np.ndarray:
        local = self.local(i, xs, out)
        return _unbroadcast(np.asarray(g) * local, np.shape(xs[i]))

    @property
    def own_vjp(self) -> bool:
        """True where the gradient is not the elementwise g·local (then the zero-factor rule sees only g)."""
        return type(self).vjp is not Op.vjp

    @abstractmethod
    def formula(self, args: list[Piece], numeric: bool) -> Piece:
        """The right-hand side built from the inputs' pieces."""

    def local_formula(self, i: int, args: list[Piece], out: Piece) -> Piece:
        return lit(f"∂{out.text}/∂{args[i].text}", f"∂{out.html}/∂{args[i].html}",
                   rf"\frac{{\partial {out.latex}}}{{\partial {args[i].latex}}}")

    def vjp_formula(self, i: int, args: list[Piece], out: Piece, grad: Piece) -> Piece:
        """The symbol of ``vjp`` for input i, given ∂J/∂out as ``grad``: ∂J/∂out·(local) unless the op knows better."""
        local = self.local_formula(i, args, out)
        return grad + times(False) + (paren(local) if local.text.startswith("−") else local)


ONE = lit("1")
LAMBDA = lit("λ", "λ", r"\lambda")


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


# --------------------------------------------------------------------- functions


class Unary(Op):
    """A one-input elementwise function f(x) with derivative f′."""

    symbol = "f"
    latex_name: str | None = None

    def formula(self, args, numeric):
        return func(self.symbol, args[0], self.latex_name)

    def local_formula(self, i, args, out):
        prime = self.symbol + "′"
        latex = (self.latex_name or operator_name(self.symbol)) + "'"
        return func(prime, args[0], latex)


class Exp(Unary):
    name = symbol = "exp"

    def forward(self, xs):
        return np.exp(xs[0])

    def local(self, i, xs, out):
        return np.asarray(out)


class Log(Unary):
    name = symbol = "log"

    def forward(self, xs):
        return np.log(xs[0])

    def local(self, i, xs, out):
        return 1.0 / np.asarray(xs[0], dtype=np.float64)

    def local_formula(self, i, args, out):
        return frac(ONE, args[0])


class Sqrt(Unary):
    name = symbol = "sqrt"
    latex_name = r"\sqrt"

    def forward(self, xs):
        return np.sqrt(xs[0])

    def local(self, i, xs, out):
        return 0.5 / np.asarray(out)

    def formula(self, args, numeric):
        arg = args[0]
        if arg.text.startswith("(") and wrapped(arg.text) and " " not in arg.text:
            arg = Piece(arg.text[1:-1], arg.html[1:-1], arg.latex[1:-1])  # √(−4), not √((−4))
        text, html = (arg.text, arg.html) if atomic(arg.text) and not arg.text.startswith("−") else \
            (f"({arg.text})", f"({arg.html})")
        return Piece(f"√{text}", f"√{html}", rf"\sqrt{{{arg.latex}}}")

    def local_formula(self, i, args, out):
        return frac(ONE, lit("2") + self.formula(args, False))


class Sin(Unary):
    name = symbol = "sin"

    def forward(self, xs):
        return np.sin(xs[0])

    def local(self, i, xs, out):
        return np.cos(xs[0])

    def local_formula(self, i, args, out):
        return func("cos", args[0])


class Cos(Unary):
    name = symbol = "cos"

    def forward(self, xs):
        return np.cos(xs[0])

    def local(self, i, xs, out):
        return -np.sin(xs[0])

    def local_formula(self, i, args, out):
        return lit("−", "−", "-") + func("sin", args[0])


class Tanh(Unary):
    name = symbol = "tanh"

    def forward(self, xs):
        return np.tanh(xs[0])

    def local(self, i, xs, out):
        return tanh_slope(xs[0])  # not 1 − tanh², which rounds to 0 for |x| ≳ 19


class _FeedsLoss:
    """An output activation whose δ comes from the loss it feeds, as that loss's exact ∂ℓ/∂z.

    ``feeds = (loss node, index of this output in the loss)`` is set by the compiler for
    ``bce`` and ``cross_entropy``. The chain ∂ℓ/∂ŷ·∂ŷ/∂z is then taken in one piece from the
    hidden logits, so it stays finite and exact where ∂ℓ/∂ŷ overflows (ŷ within 1e−308 of 0
    or 1) and σ′ or the softmax Jacobian underflows: the whole pass's (ŷ − y)/K.
    """

    feeds = None

    @property
    def own_vjp(self) -> bool:
        return self.feeds is not None  # otherwise the elementwise g·σ′, like any activation

    def vjp(self, i, g, xs, out):
        if self.feeds is None:
            return super().vjp(i, g, xs, out)
        loss, index = self.feeds
        return np.float64(loss.op.logit_vjp(index, self.logit(i), loss.grad, [n.value for n in loss.inputs]))

    def logit(self, i: int) -> int:
        return i


class Sigmoid(_FeedsLoss, Unary):
    name, symbol, latex_name = "sigmoid", "σ", r"\sigma"

    def forward(self, xs):
        return stable_sigmoid(xs[0])

    def local(self, i, xs, out):
        return sigmoid_slope(xs[0])  # σ(x)(1 − σ(x)) without 1 − σ(x) rounding to 0

    def logit(self, i):
        return self.feeds[1]


class Relu(Unary):
    name = symbol = "relu"

    def forward(self, xs):
        return np.maximum(np.asarray(xs[0], dtype=np.float64), 0.0)

    def local(self, i, xs, out):
        return (np.asarray(xs[0]) > 0).astype(np.float64)


class LeakyRelu(Unary):
    name, symbol = "leaky_relu", "leaky_relu"

    def forward(self, xs):
        x = np.asarray(xs[0], dtype=np.float64)
        return np.where(x > 0, x, LEAKY_SLOPE * x)

    def local(self, i, xs, out):
        return np.where(np.asarray(xs[0]) > 0, 1.0, LEAKY_SLOPE)


class Identity(Unary):
    name, symbol = "linear", "linear"

    def forward(self, xs):
        return np.asarray(xs[0], dtype=np.float64).copy()

    def local(self, i, xs, out):
        return np.ones_like(np.asarray(out))

    def formula(self, args, numeric):
        return args[0]

    def local_formula(self, i, args, out):
        return ONE


class SoftmaxComponent(_FeedsLoss, Op):
    """Component k of softmax over the scalar inputs z₁…z_K."""

    name, role = "softmax", Role.ACTIVATION

    def __init__(self, k: int) -> None:
        self.k = k

    @staticmethod
    def _softmax(xs):
        z = np.array([float(x) for x in xs])
        e = np.exp(z - z.max())
        return e / e.sum()

    def forward(self, xs):
        return np.float64(self._softmax(xs)[self.k])

    def local(self, i, xs, out):
        p = self._softmax(xs)
        if i == self.k:  # p(1 − p) with 1 − p as the sum of the others, exact where p is near 1
            return np.float64(p[self.k] * softmax_complement(np.array(xs, dtype=np.float64))[self.k])
        return np.float64(-p[self.k] * p[i])

    def formula(self, args, numeric):
        exps = [func("exp", a) for a in args]
        return frac(exps[self.k], paren(sum_of(exps)))


# --------------------------------------------------------------------- neurons
class WeightedSum(Op):
    """z = Σᵢ aᵢ·wᵢ + b, with inputs [a₁…aₙ, w₁…wₙ, b] (neuron granularity)."""

    name, role = "weighted_sum", Role.WEIGHTED_SUM

    def __init__(self, n: int) -> None:
        self.n = n

    def forward(self, xs):
        n = self.n
        return np.float64(np.dot(np.array(xs[:n], dtype=np.float64), np.array(xs[n:2 * n], dtype=np.float64))
                          + float(xs[2 * n]))

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
        return sum_of([*terms, args[2 * n]], limit=9)

    def local_formula(self, i, args, out):
        n = self.n
        if i < n:
            return args[n + i]
        if i < 2 * n:
            return args[i - n]
        return ONE


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


# --------------------------------------------------------------------- arrays
class MatMul(Op):
    """z = a·W: a layer's inputs times its weights, (N, in)·(in, out) → (N, out) in the file's layout.

    A vector on either side is read as numpy does: a row (in,) on the left, a column (in,)
    on the right. Stacked matrices broadcast over their leading axes.
    """

    name = "matmul"

    def forward(self, xs):
        return np.asarray(np.matmul(xs[0], xs[1]), dtype=np.float64)

    def vjp(self, i, g, xs, out):
        a, b = np.asarray(xs[0], dtype=np.float64), np.asarray(xs[1], dtype=np.float64)
        a2 = a[np.newaxis, :] if a.ndim == 1 else a  # a row
        b2 = b[:, np.newaxis] if b.ndim == 1 else b  # a column
        g2 = np.asarray(g, dtype=np.float64).reshape(np.matmul(a2, b2).shape)
        if i == 0:  # ∂J/∂a = ∂J/∂z·Wᵀ
            return _unbroadcast(np.matmul(g2, np.swapaxes(b2, -1, -2)), a2.shape).reshape(a.shape)
        return _unbroadcast(np.matmul(np.swapaxes(a2, -1, -2), g2), b2.shape).reshape(b.shape)  # aᵀ·∂J/∂z

    def formula(self, args, numeric):
        return args[0] + times(False) + args[1]  # a matrix product is a dot, numbers or not

    def vjp_formula(self, i, args, out, grad):
        a, b = args
        return grad + times(False) + transpose(b) if i == 0 else transpose(a) + times(False) + grad


class Sum(Op):
    """Σ of an array's entries; with ``axis`` the sum along it (axis=0: over the samples, as for ∂J/∂b)."""

    name = "sum"

    def __init__(self, axis: int | None = None) -> None:
        self.axis = axis

    def forward(self, xs):
        return np.asarray(np.sum(np.asarray(xs[0], dtype=np.float64), axis=self.axis), dtype=np.float64)

    def vjp(self, i, g, xs, out):
        shape = np.shape(xs[i])
        g = np.asarray(g, dtype=np.float64)
        if self.axis is not None:
            g = np.expand_dims(g, self.axis)
        return np.array(np.broadcast_to(g, shape))

    def formula(self, args, numeric):
        return func("sum", args[0], r"\sum")

    def local_formula(self, i, args, out):
        return ONE  # every entry counts once: ∂J/∂x = ∂J/∂s spread over x's shape


ACTIVATION_OPS = {"sigmoid": Sigmoid, "tanh": Tanh, "relu": Relu, "leaky_relu": LeakyRelu, "linear": Identity}
FUNCTIONS = {"exp": Exp, "log": Log, "sqrt": Sqrt, "sin": Sin, "cos": Cos, "tanh": Tanh, "sigmoid": Sigmoid,
             "relu": Relu}

__all__ = ["ACTIVATION_OPS", "FUNCTIONS", "LOSS_OPS", "Op", "join"]


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
