"""Operations over whole layers (layer granularity, engine/compile_layer.py): the affine map, an
activation over every entry, the row softmax, a loss over every sample, the weight-decay terms.

Values hold one sample per row (the lecture's layout: z = a·W + b) or, with ``columns``, one per
column (d2l's: z = W·x + b). Gradients of the nodes that carry samples are *per sample*: row n of
δ is sample n's own δ, as the lecture and the neuron steps show it; the mean over the N samples is
taken where a gradient reaches a parameter, ∂L/∂W = aᵀ·δ / N and ∂L/∂b = Σₙ δ / N, as PyTorch's
mean-reduced loss gives it. The loss therefore passes each sample its own ∂ℓₙ/∂ŷₙ.

``vjp_numbers`` is ``vjp_formula`` with the numbers (the transposed matrices themselves) and
``shape_formula`` / ``vjp_shapes`` the shapes of each side, for the inspector.
"""

from __future__ import annotations

import numpy as np

from ..formula import (
    Piece,
    differing,
    frac,
    func,
    grad_of,
    hadamard,
    lit,
    minus,
    num,
    paren,
    plus,
    power,
    times,
    transpose,
)
from ..matrix_format import array_piece, shape_text
from ..roles import Role
from .base import LAMBDA, Op, log_softmax, softmax_complement, softplus, stable_sigmoid
from .functions import Unary
from .losses import _sigmoid_number, _softmax_number


def norm_of(w: Piece) -> Piece:
    """‖W‖² of a weight matrix's symbol."""
    return Piece(f"‖{w.text}‖²", f"‖{w.html}‖<sup>2</sup>", rf"\|{w.latex}\|^{{2}}")


def _over(piece: Piece, n: int) -> Piece:
    return piece if n == 1 else frac(piece, lit(str(n)))


def _shapes(*values) -> list[str]:
    return [shape_text(np.shape(v)) for v in values]


class Affine(Op):
    """z = a·W + b (inputs [a, W, b]) or, with ``columns``, z = W·x + b (inputs [W, x, b]); no b
    where the layer has no bias. ``samples`` is N, the rows (columns) of a."""

    name, role = "affine", Role.AFFINE

    def __init__(self, samples: int, columns: bool = False, bias: bool = True) -> None:
        self.samples, self.columns, self.bias = int(samples), columns, bias

    def _parts(self, xs):
        w, a = (xs[0], xs[1]) if self.columns else (xs[1], xs[0])
        return np.asarray(a, dtype=np.float64), np.asarray(w, dtype=np.float64)

    def forward(self, xs):
        a, w = self._parts(xs)
        z = w @ a if self.columns else a @ w
        return z + xs[2] if self.bias else z

    def vjp(self, i, g, xs, out):
        a, w = self._parts(xs)
        g = np.asarray(g, dtype=np.float64)
        n = self.samples
        if i == 2:  # the mean over the samples of each one's δ
            total = g.sum(axis=1, keepdims=True) if self.columns else g.sum(axis=0)
            return total / n if n > 1 else total
        weights = i == (0 if self.columns else 1)
        if not weights:  # per sample: ∂ℓ/∂a = δ·Wᵀ (d2l: Wᵀ·δ)
            return w.T @ g if self.columns else g @ w.T
        product = g @ a.T if self.columns else a.T @ g
        return product / n if n > 1 else product

    def formula(self, args, numeric):
        z = args[0] + times(False) + args[1]
        return z + plus() + args[2] if self.bias else z

    def _vjp(self, i, args, grad, t):
        """The product for input i from pieces: ``t`` transposes one (a symbol's ᵀ, or the numbers)."""
        n = self.samples
        if i == 2:
            return grad if n == 1 else _over(lit("Σₙ ", "Σ<sub>n</sub> ", r"\sum_{n} ") + grad, n)
        if self.columns:
            return _over(grad + times(False) + t(1), n) if i == 0 else t(0) + times(False) + grad
        return grad + times(False) + t(1) if i == 0 else _over(t(0) + times(False) + grad, n)

    def vjp_formula(self, i, args, out, grad):
        return self._vjp(i, args, grad, lambda k: transpose(args[k]))

    def vjp_numbers(self, i, xs, out, g) -> Piece:
        return self._vjp(i, None, array_piece(g), lambda k: array_piece(np.asarray(xs[k], dtype=np.float64).T))

    def shape_formula(self, xs, out) -> str:
        shapes = _shapes(*xs)
        text = f"{shapes[0]} · {shapes[1]}" + (f" + {shapes[2]}" if self.bias else "")
        return f"{text} → {shape_text(np.shape(out))}"

    def vjp_shapes(self, i, xs, out, g) -> str:
        result = shape_text(np.shape(xs[i]))
        g_shape = shape_text(np.shape(g))
        if i == 2:
            return f"Σₙ {g_shape} → {result}" if self.samples > 1 else f"{g_shape} → {result}"
        t = shape_text(np.shape(np.asarray(xs[1 if i == 0 else 0]).T))
        if self.columns:
            return f"{g_shape} · {t} → {result}" if i == 0 else f"{t} · {g_shape} → {result}"
        return f"{g_shape} · {t} → {result}" if i == 0 else f"{t} · {g_shape} → {result}"


class Elementwise(Op):
    """An activation applied to every entry of an array: a = σ(z). Where it ``feeds`` a loss node
    (sigmoid into bce), δ is that loss's exact ∂ℓ/∂z (see ``LayerLoss.logit_grad``)."""

    role = Role.ACTIVATION

    def __init__(self, fn: Unary) -> None:
        self.fn = fn
        self.name = fn.name
        self.feeds = None  # the loss node

    def forward(self, xs):
        return np.asarray(self.fn.forward(xs), dtype=np.float64)

    def local(self, i, xs, out):
        return self.fn.local(i, xs, out)

    @property
    def own_vjp(self) -> bool:
        return self.feeds is not None

    def vjp(self, i, g, xs, out):
        if self.feeds is None:
            return super().vjp(i, g, xs, out)
        loss = self.feeds
        return loss.op.logit_grad([n.value for n in loss.inputs], loss.grad)

    def formula(self, args, numeric):
        return self.fn.formula(args, numeric)

    def local_formula(self, i, args, out):
        return self.fn.local_formula(i, args, out)

    def shape_formula(self, xs, out) -> str:
        return f"{_shapes(*xs)[0]} → {shape_text(np.shape(out))}"


class Slope(Op):
    """σ′(z), the activation's derivative at every entry (the factor δ = ∂L/∂a ⊙ σ′(z) multiplies by):
    the very numbers ``Elementwise.local`` gives the chain rule."""

    name, role = "slope", Role.LOCAL

    def __init__(self, fn: Unary) -> None:
        self.fn = fn

    def forward(self, xs):
        return np.asarray(self.fn.local(0, xs, self.fn.forward(xs)), dtype=np.float64)

    def formula(self, args, numeric):
        return self.fn.local_formula(0, args, args[0])

    def shape_formula(self, xs, out) -> str:
        return f"{_shapes(*xs)[0]} → {shape_text(np.shape(out))}"


class RowSoftmax(Op):
    """softmax over each sample's outputs (a row; with ``columns`` a column). Always feeds the
    cross-entropy loss, whose exact ∂ℓ/∂z is δ; ``delta`` is its formula (ŷ − y)."""

    name, role = "softmax", Role.ACTIVATION

    def __init__(self, columns: bool = False) -> None:
        self.axis = 0 if columns else 1
        self.feeds = None
        self.delta: Piece | None = None

    def forward(self, xs):
        z = np.asarray(xs[0], dtype=np.float64)
        e = np.exp(z - z.max(axis=self.axis, keepdims=True))
        return e / e.sum(axis=self.axis, keepdims=True)

    def vjp(self, i, g, xs, out):
        if self.feeds is not None:
            loss = self.feeds
            return loss.op.logit_grad([n.value for n in loss.inputs], loss.grad)
        return out * (g - (g * out).sum(axis=self.axis, keepdims=True))

    def formula(self, args, numeric):
        return func("softmax", args[0], r"\operatorname{softmax}")

    def vjp_formula(self, i, args, out, grad):
        if self.delta is not None:
            return self.delta
        return out + hadamard() + paren(grad + minus() + func("Σ", grad + hadamard() + out))

    def vjp_numbers(self, i, xs, out, g) -> Piece:
        """ŷ − y with the numbers, where δ is that (one-hot or probability targets); else δ itself."""
        if self.feeds is not None and self.delta is not None and "Σ" not in self.delta.text:
            return array_piece(out) + minus() + array_piece(self.feeds.inputs[1].value)
        return array_piece(self.vjp(i, g, xs, out))

    def shape_formula(self, xs, out) -> str:
        return f"{_shapes(*xs)[0]} → {shape_text(np.shape(out))}"


class LayerLoss(Op):
    """The loss L over every sample, inputs [ŷ, y] and, for bce and cross_entropy, the output
    layer's z (hidden), from which ℓ and δ are exact. L is the mean over the N samples as the file
    format defines it; ``local`` is each sample's own ∂ℓₙ/∂ŷₙ (see the module's note)."""

    role = Role.LOSS

    def __init__(self, kind: str, samples: int, outputs: int, columns: bool = False) -> None:
        self.name, self.kind = kind, kind
        self.n, self.k, self.columns = int(samples), int(outputs), columns

    def _rows(self, x):
        x = np.asarray(x, dtype=np.float64)
        return x.T if self.columns else x

    def is_hidden(self, i):
        return i >= 2

    def forward(self, xs):
        yhat, y = self._rows(xs[0]), self._rows(xs[1])
        n, k = self.n, self.k
        if self.kind == "half_sse":
            return np.float64(0.5 * np.sum((yhat - y) ** 2) / n)
        if self.kind == "mse":
            return np.float64(np.sum((yhat - y) ** 2) / (n * k))
        z = self._rows(xs[2])
        if self.kind == "bce":
            return np.float64(np.sum(y * softplus(-z) + (1.0 - y) * softplus(z)) / (n * k))
        return np.float64(-np.sum(np.where(y != 0, y * log_softmax(z, axis=1), 0.0)) / n)

    def local(self, i, xs, out):
        yhat, y = self._rows(xs[0]), self._rows(xs[1])
        if i != 0:
            return np.zeros_like(self._rows(xs[i]).T if self.columns else self._rows(xs[i]))
        if self.kind == "half_sse":
            d = yhat - y
        elif self.kind == "mse":
            d = 2.0 * (yhat - y) / self.k
        elif self.kind == "bce":  # −y/σ(z) + (1 − y)/σ(−z), from z (see ops.losses._bce_d_yhat)
            z = self._rows(xs[2])
            with np.errstate(over="ignore"):
                d = (np.where(y != 0, -y * (1.0 + np.exp(-z)), 0.0)
                     + np.where(y != 1, (1.0 - y) * (1.0 + np.exp(z)), 0.0)) / self.k
        else:  # −y/ŷ with log ŷ from z
            with np.errstate(over="ignore"):
                d = np.where(y != 0, -y * np.exp(-log_softmax(self._rows(xs[2]), axis=1)), 0.0)
        return d.T if self.columns else d

    def logit_grad(self, xs, g) -> np.ndarray:
        """g·∂ℓₙ/∂zₙ for every sample, exact: ((1 − y)σ(z) − y·σ(−z))/K, or ŷ·(Σy − y) − y·(1 − ŷ)."""
        yhat, y, z = self._rows(xs[0]), self._rows(xs[1]), self._rows(xs[2])
        if self.kind == "bce":
            d = ((1.0 - y) * stable_sigmoid(z) - y * stable_sigmoid(-z)) / self.k
        else:
            d = yhat * (y.sum(axis=1, keepdims=True) - y) - y * softmax_complement(z, axis=1)
        d = np.float64(g) * d
        return d.T if self.columns else d

    def formula(self, args, numeric):
        yhat, y = args[0], args[1]
        n, k = self.n, self.k
        sigma = lit("Σ", "Σ", r"\sum ")
        if self.kind in ("half_sse", "mse"):
            square = power(paren(yhat + minus() + y), "2")
            body = square if n * k == 1 else sigma + square
            if self.kind == "half_sse":
                return _over(lit("½", "½", r"\frac{1}{2}") + body, n)
            return _over(body, n * k)
        log = lambda p: func("log", p)  # noqa: E731
        if self.kind == "bce":
            one = lit("1 − ", "1 − ", "1 - ")
            body = sigma + paren(y + hadamard() + log(yhat) + plus() + paren(one + y) + hadamard() + log(one + yhat))
            return lit("−", "−", "-") + _over(body, n * k)
        return lit("−", "−", "-") + _over(sigma + paren(y + hadamard() + log(yhat)), n)

    def _shown(self, xs) -> list[Piece]:
        """ŷ and y as the formula shows them, entry by entry: ŷ from its logit z for bce and
        cross-entropy (true near 1 and below float64), and each pair ŷ, y with the decimals ŷ − y
        needs (as the neuron steps' ``shown_args``)."""
        yhat, y = np.asarray(xs[0], dtype=np.float64), np.asarray(xs[1], dtype=np.float64)
        flat_y = [num(float(v), wrap_negative=False) for v in y.ravel()]
        if self.kind == "bce":
            flat_yhat = [_sigmoid_number(v) for v in np.asarray(xs[2], dtype=np.float64).ravel()]
        elif self.kind == "cross_entropy":
            z = np.asarray(xs[2], dtype=np.float64)
            rows = z.T if self.columns else z
            flat_yhat = [None] * z.size
            for k in range(z.size):
                r, c = divmod(k, z.shape[-1])
                sample, entry = (c, r) if self.columns else (r, c)
                flat_yhat[k] = _softmax_number(rows[sample], entry)
        else:
            flat_yhat = [num(float(v), wrap_negative=False) for v in yhat.ravel()]
        if self.kind != "cross_entropy":
            pairs = [differing(a, b) for a, b in zip(flat_yhat, flat_y, strict=True)]
            flat_yhat, flat_y = [p[0] for p in pairs], [p[1] for p in pairs]
        return [array_piece(yhat, lambda k, _v: flat_yhat[k]), array_piece(y, lambda k, _v: flat_y[k])]

    def numeric_formula(self, xs) -> Piece:
        return self.formula(self._shown(xs), True)

    def numeric_local(self, i, xs) -> Piece:
        return self.local_formula(i, self._shown(xs), None)

    def local_formula(self, i, args, out):
        yhat, y = args[0], args[1]
        diff = paren(yhat + minus() + y)
        if self.kind == "half_sse":
            return yhat + minus() + y
        if self.kind == "mse":
            return frac(lit("2") + diff, lit(str(self.k)))
        if self.kind == "bce":
            one = lit("1 − ", "1 − ", "1 - ")
            return _over(frac(diff, paren(yhat + hadamard() + paren(one + yhat))), self.k)
        return lit("−", "−", "-") + frac(y, yhat)

    def shape_formula(self, xs, out) -> str:
        shapes = _shapes(*xs[:2])
        return f"{shapes[0]}, {shapes[1]} → 1×1"


# --------------------------------------------------------------------- weight decay
class SquaredNorm(Op):
    """‖W‖² = Σ w² over one weight matrix (an auxiliary value s is made of)."""

    name, role = "squared_norm", Role.NORM

    def forward(self, xs):
        return np.float64(np.sum(np.asarray(xs[0], dtype=np.float64) ** 2))

    def local(self, i, xs, out):
        return 2.0 * np.asarray(xs[0], dtype=np.float64)

    def formula(self, args, numeric):
        return norm_of(args[0])

    def shape_formula(self, xs, out) -> str:
        return f"{_shapes(*xs)[0]} → 1×1"


class MatrixDecay(Op):
    """s = λ/2·(‖W₁‖² + ‖W₂‖² + …) with the weight matrices as inputs, so ∂s/∂W = λW reaches
    each directly (d2l 4.7.11): its local symbol is ∂s/∂W, the auxiliary step's."""

    name, role = "decay", Role.DECAY

    def __init__(self, lam: float) -> None:
        self.lam = float(lam)

    @staticmethod
    def _norms(xs) -> list[float]:
        return [float(SquaredNorm().forward([x])) for x in xs]

    def forward(self, xs):
        return np.float64(self.lam / 2.0 * sum(self._norms(xs)))

    def local(self, i, xs, out):
        return self.lam * np.asarray(xs[i], dtype=np.float64)

    def formula(self, args, numeric):
        terms = [norm_of(a) for a in args]
        return frac(LAMBDA, lit("2")) + times(False) + paren(_join(terms, plus()))

    def numeric_formula(self, xs) -> Piece:
        norms = [num(v) for v in self._norms(xs)]
        return frac(num(self.lam), lit("2")) + times(True) + paren(_join(norms, plus()))

    def local_formula(self, i, args, out):
        return grad_of(out, args[i])

    def shape_formula(self, xs, out) -> str:
        return ", ".join(_shapes(*xs)) + " → 1×1"


class Scale(Op):
    """λW: ∂s/∂W for one weight matrix, the auxiliary step before ∂J/∂W (the same numbers as
    ``MatrixDecay.local``)."""

    name, role = "scale", Role.LOCAL

    def __init__(self, lam: float) -> None:
        self.lam = float(lam)

    def forward(self, xs):
        return self.lam * np.asarray(xs[0], dtype=np.float64)

    def formula(self, args, numeric):
        if numeric:
            return num(self.lam) + times(True) + args[0]
        return LAMBDA + lit("", "", " ") + args[0]

    def shape_formula(self, xs, out) -> str:
        return f"{_shapes(*xs)[0]} → {shape_text(np.shape(out))}"


def _join(items: list[Piece], sep: Piece) -> Piece:
    out = items[0]
    for item in items[1:]:
        out = out + sep + item
    return out
