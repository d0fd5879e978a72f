"""Operations: each holds its forward, its vector-Jacobian product and its formula template.

``formula(args, numeric)`` builds the right-hand side from pieces for the inputs: symbols
give the symbolic formula, numbers the substituted one. ``local(i, xs, out)`` is ∂out/∂xᵢ
for elementwise ops (what the chain rule multiplies by), and ``local_formula`` its symbol.
Ops that are not elementwise (matmul, sum, mean over arrays) override ``vjp`` instead.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from .formula import (
    Piece,
    frac,
    func,
    join,
    lit,
    minus,
    operator_name,
    paren,
    plus,
    power,
    sum_of,
    times,
)
from .network import LEAKY_SLOPE  # one slope for the step graph and the batched path


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


class Op(ABC):
    name = "op"
    role = "op"  # what the step means, for the plain-language explanation

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

    @abstractmethod
    def formula(self, args: list[Piece], numeric: bool) -> Piece:
        """The right-hand side built from the inputs' pieces."""

    def local_formula(self, i: int, args: list[Piece], out: Piece) -> Piece:
        return lit(f"∂{out.text}/∂{args[i].text}", f"∂{out.html}/∂{args[i].html}",
                   rf"\frac{{\partial {out.latex}}}{{\partial {args[i].latex}}}")


ONE = lit("1")


# --------------------------------------------------------------------- arithmetic
class Add(Op):
    name, role = "add", "sum"

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

    def formula(self, args, numeric):
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
        return f"{self.p:g}"

    def forward(self, xs):
        return np.asarray(np.power(xs[0], self.p), dtype=np.float64)

    def local(self, i, xs, out):
        return self.p * np.power(xs[0], self.p - 1.0)

    def formula(self, args, numeric):
        return power(args[0], self._p())

    def local_formula(self, i, args, out):
        factor = lit(f"{self._p()}·", f"{self._p()}·", rf"{self._p()} \cdot ")
        if self.p - 1 == 1:
            return factor + args[0]  # 2·x, not 2·x¹
        return factor + power(args[0], f"{self.p - 1:g}")


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
        return Piece(f"√({args[0].text})", f"√({args[0].html})", rf"\sqrt{{{args[0].latex}}}")

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
        return 1.0 - np.asarray(out) ** 2


class Sigmoid(Unary):
    name, symbol, latex_name = "sigmoid", "σ", r"\sigma"

    def forward(self, xs):
        return stable_sigmoid(xs[0])

    def local(self, i, xs, out):
        x = np.asarray(xs[0], dtype=np.float64)
        return stable_sigmoid(x) * stable_sigmoid(-x)  # σ(x)(1 − σ(x)) without 1 − σ(x) rounding to 0


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


class SoftmaxComponent(Op):
    """Component k of softmax over the scalar inputs z₁…z_K."""

    name, role = "softmax", "activation"

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
        return np.float64(p[self.k] * ((1.0 if i == self.k else 0.0) - p[i]))

    def formula(self, args, numeric):
        exps = [func("exp", a) for a in args]
        return frac(exps[self.k], paren(sum_of(exps)))


# --------------------------------------------------------------------- neurons
class WeightedSum(Op):
    """z = Σᵢ aᵢ·wᵢ + b, with inputs [a₁…aₙ, w₁…wₙ, b] (neuron granularity)."""

    name, role = "weighted_sum", "weighted_sum"

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

    role = "loss"

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


class HalfSSE(_PairLoss):
    name = "half_sse"

    def forward(self, xs):
        yhat, y = self.split(xs)
        return np.float64(0.5 * np.sum((yhat - y) ** 2))

    def d_yhat(self, yhat, y):
        return yhat - y

    def formula(self, args, numeric):
        k = self.k
        terms = [power(paren(args[i] + minus() + args[k + i]), "2") for i in range(k)]
        return lit("½", "½", r"\frac{1}{2}") + (terms[0] if k == 1 else paren(sum_of(terms)))

    def local_formula(self, i, args, out):
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
        terms = [power(paren(args[i] + minus() + args[k + i]), "2") for i in range(k)]
        body = sum_of(terms)
        return body if k == 1 else frac(paren(body), lit(str(k)))

    def local_formula(self, i, args, out):
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

    def forward(self, xs):
        _yhat, y = self.split(xs)
        z = np.array(xs[2 * self.k:], dtype=np.float64)
        return np.float64(np.mean(y * softplus(-z) + (1.0 - y) * softplus(z)))

    def local(self, i, xs, out):
        if i >= self.k:
            return np.float64(0.0)
        z = float(xs[2 * self.k + i])
        return np.float64(_bce_d_yhat(float(xs[i]), float(xs[self.k + i]), z) / self.k)

    def formula(self, args, numeric):
        k = self.k
        terms = [_bce_term(args[i], args[k + i]) for i in range(k)]
        body = sum_of(terms)
        return lit("−", "−", "-") + (body if k == 1 else frac(paren(body), lit(str(k))))

    def local_formula(self, i, args, out):
        yhat, y = args[i], args[self.k + i]
        d = frac(paren(yhat + minus() + y), paren(yhat + lit("(1 − ", "(1 − ", "(1 - ") + yhat + lit(")")))
        return d if self.k == 1 else d + lit(f" / {self.k}")


class CrossEntropy(_PairLoss):
    name = "cross_entropy"

    def forward(self, xs):
        yhat, y = self.split(xs)
        mask = y != 0
        return np.float64(-np.sum(y[mask] * np.log(yhat[mask])))

    def d_yhat(self, yhat, y):
        return -y / yhat if y != 0 else 0.0

    def formula(self, args, numeric):
        k = self.k
        return lit("−", "−", "-") + paren(sum_of([args[k + i] + times(numeric) + func("log", args[i])
                                                  for i in range(k)]))

    def local_formula(self, i, args, out):
        return lit("−", "−", "-") + frac(args[self.k + i], args[i])


LOSS_OPS = {"half_sse": HalfSSE, "mse": MSE, "bce": BCE, "cross_entropy": CrossEntropy}


def _bce_d_yhat(yhat: float, y: float, z: float) -> float:
    """∂BCE/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)), with ŷ(1 − ŷ) = σ(z)σ(−z) so it stays finite where ŷ rounds to 1."""
    variance = float(stable_sigmoid(z) * stable_sigmoid(-z))
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.float64(yhat - y) / np.float64(variance))


def _bce_term(yhat: Piece, y: Piece) -> Piece:
    one_minus = lit("1 − ", "1 − ", "1 - ")
    return paren(y + times(False) + func("log", yhat) + plus()
                 + paren(one_minus + y) + times(False) + func("log", one_minus + yhat))


# loss terms, one per output (operation granularity)
class HalfSquare(Op):
    name, role = "half_square", "loss_term"

    def forward(self, xs):
        return np.float64(0.5 * float(xs[0]) ** 2)

    def local(self, i, xs, out):
        return np.float64(xs[0])

    def formula(self, args, numeric):
        half = lit("½", "½", r"\frac{1}{2}") + (times(True) if numeric else lit(""))
        return half + power(args[0], "2")

    def local_formula(self, i, args, out):
        return args[0]


class Square(Op):
    name, role = "square", "loss_term"

    def forward(self, xs):
        return np.float64(float(xs[0]) ** 2)

    def local(self, i, xs, out):
        return np.float64(2.0 * xs[0])

    def formula(self, args, numeric):
        return power(args[0], "2")

    def local_formula(self, i, args, out):
        return lit("2") + args[0]


class BCETerm(Op):
    """−[y·log ŷ + (1−y)·log(1−ŷ)], inputs [ŷ, y, z] with z hidden (see BCE)."""

    name, role = "bce_term", "loss_term"

    def is_hidden(self, i):
        return i == 2

    def forward(self, xs):
        y, z = float(xs[1]), float(xs[2])
        return np.float64(y * softplus(-z) + (1.0 - y) * softplus(z))

    def local(self, i, xs, out):
        return np.float64(_bce_d_yhat(float(xs[0]), float(xs[1]), float(xs[2])) if i == 0 else 0.0)

    def formula(self, args, numeric):
        return lit("−", "−", "-") + _bce_term(args[0], args[1])

    def local_formula(self, i, args, out):
        yhat, y = args[0], args[1]
        return frac(paren(yhat + minus() + y), paren(yhat + lit("(1 − ", "(1 − ", "(1 - ") + yhat + lit(")")))


class CETerm(Op):
    """−y·log ŷ, inputs [ŷ, y]."""

    name, role = "ce_term", "loss_term"

    def forward(self, xs):
        yhat, y = float(xs[0]), float(xs[1])
        return np.float64(0.0 if y == 0 else -y * np.log(yhat))

    def local(self, i, xs, out):
        yhat, y = np.float64(xs[0]), np.float64(xs[1])
        if i != 0 or y == 0:
            return np.float64(0.0)
        with np.errstate(divide="ignore"):
            return np.float64(-y / yhat)  # ∞ rather than an exception where ŷ underflows to 0

    def formula(self, args, numeric):
        return lit("−", "−", "-") + args[1] + times(numeric) + func("log", args[0])

    def local_formula(self, i, args, out):
        return lit("−", "−", "-") + frac(args[1], args[0])


class MeanOf(Op):
    """(x₁ + … + xₙ) / n over scalar inputs."""

    name, role = "mean_of", "loss"

    def forward(self, xs):
        return np.float64(np.mean(np.array(xs, dtype=np.float64)))

    def local(self, i, xs, out):
        return np.float64(1.0 / len(xs))

    def formula(self, args, numeric):
        return frac(paren(sum_of(args)), lit(str(len(args))))

    def local_formula(self, i, args, out):
        return frac(ONE, lit(str(len(args))))


class SumOf(Add):
    name, role = "sum_of", "loss"


# --------------------------------------------------------------------- weight decay
class SumSquares(Op):
    """‖W‖² = Σ w², inputs the weights of one layer."""

    name, role = "sum_squares", "norm"

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

    name, role = "decay", "decay"

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
        lam = lit(f"{self.lam:g}") if numeric else lit("λ", "λ", r"\lambda")
        terms = [power(a, "2") for a in args] if self.squares else args
        return frac(lam, lit("2")) + times(numeric) + paren(sum_of(terms, limit=6))

    def local_formula(self, i, args, out):
        if self.squares:
            return lit("λ", "λ", r"\lambda") + args[i]
        return frac(lit("λ", "λ", r"\lambda"), lit("2"))


# --------------------------------------------------------------------- arrays
class MatMul(Op):
    name = "matmul"

    def forward(self, xs):
        return np.asarray(np.matmul(xs[0], xs[1]), dtype=np.float64)

    def vjp(self, i, g, xs, out):
        a, b = np.asarray(xs[0], dtype=np.float64), np.asarray(xs[1], dtype=np.float64)
        g = np.asarray(g, dtype=np.float64)
        if a.ndim == 1 and b.ndim == 1:
            return g * (b if i == 0 else a)
        return _matmul_vjp_a(a, b, g) if i == 0 else _matmul_vjp_b(a, b, g)

    def formula(self, args, numeric):
        return args[0] + times(numeric) + args[1]


def _matmul_vjp_a(a, b, g):
    if b.ndim == 1:  # (n,k)·(k,) → (n,)
        return np.outer(g, b)
    if a.ndim == 1:  # (k,)·(k,m) → (m,)
        return b @ g
    return g @ b.T


def _matmul_vjp_b(a, b, g):
    if b.ndim == 1:
        return a.T @ g
    if a.ndim == 1:
        return np.outer(a, g)
    return a.T @ g


class Sum(Op):
    name = "sum"

    def forward(self, xs):
        return np.float64(np.sum(xs[0]))

    def vjp(self, i, g, xs, out):
        return np.full(np.shape(xs[i]), float(g))

    def formula(self, args, numeric):
        return func("sum", args[0], r"\sum")


class Mean(Op):
    name = "mean"

    def forward(self, xs):
        return np.float64(np.mean(xs[0]))

    def vjp(self, i, g, xs, out):
        size = max(np.size(xs[i]), 1)
        return np.full(np.shape(xs[i]), float(g) / size)

    def formula(self, args, numeric):
        return func("mean", args[0], r"\operatorname{mean}")


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
