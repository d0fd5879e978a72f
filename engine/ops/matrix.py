"""Array operations for whole layers: matrix product and sums over an array's entries."""

from __future__ import annotations

import numpy as np

from ..formula import func, times, transpose
from .base import ONE, Op, _unbroadcast


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
