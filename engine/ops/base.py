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

from ..formula import Piece, lit, paren, times
from ..roles import Role


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
