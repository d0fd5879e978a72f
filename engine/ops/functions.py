"""One-input functions and activations (σ, tanh, ReLU, …, softmax) and their tables by name."""

from __future__ import annotations

import numpy as np

from ..formula import Piece, atomic, frac, func, lit, operator_name, paren, sum_of, wrapped
from ..names import LEAKY_SLOPE  # one slope for the step graph and the batched path
from ..roles import Role
from .base import ONE, Op, sigmoid_slope, softmax_complement, stable_sigmoid, tanh_slope

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


ACTIVATION_OPS = {"sigmoid": Sigmoid, "tanh": Tanh, "relu": Relu, "leaky_relu": LeakyRelu, "linear": Identity}
FUNCTIONS = {"exp": Exp, "log": Log, "sqrt": Sqrt, "sin": Sin, "cos": Cos, "tanh": Tanh, "sigmoid": Sigmoid,
             "relu": Relu}
