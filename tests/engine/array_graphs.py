"""A two-layer network built by hand as one graph of whole arrays (matrix product, bias add,
elementwise σ), the shape layer granularity compiles to, for tests of checks that must work on any graph."""

import numpy as np

from engine import ops
from engine.formula import sym
from engine.graph import Graph

X = np.array([[1.0, 2.0]])
W1 = np.array([[0.5, 0.6], [0.7, 0.8]])
B1 = np.array([0.1, 0.2])
W2 = np.array([[0.9, -0.4], [0.1, 0.3]])
B2 = np.array([0.3, -0.1])
Y = np.array([[0.5, 0.2]])


def sigma(t):
    return 1.0 / (1.0 + np.exp(-t))


def reference() -> dict[str, np.ndarray]:
    """The same numbers by hand-written numpy formulas (z = a·W + b, L = ½Σ(ŷ − y)²)."""
    z1 = X @ W1 + B1
    a1 = sigma(z1)
    z2 = a1 @ W2 + B2
    yhat = sigma(z2)
    d2 = (yhat - Y) * yhat * (1 - yhat)
    da1 = d2 @ W2.T
    d1 = da1 * a1 * (1 - a1)
    return {"z1": z1, "a1": a1, "z2": z2, "yhat": yhat, "L": 0.5 * np.sum((yhat - Y) ** 2), "d2": d2,
            "dW2": a1.T @ d2, "da1": da1, "d1": d1, "dW1": X.T @ d1}


def layer_graph() -> Graph:
    g = Graph()
    x = g.leaf("input", ("X",), X)
    w1, b1 = g.leaf("param", ("W", 1), W1), g.leaf("param", ("b", 1), B1)
    w2, b2 = g.leaf("param", ("W", 2), W2), g.leaf("param", ("b", 2), B2)
    y = g.leaf("target", ("y",), Y)
    z1 = g.apply(ops.Add(), [g.apply(ops.MatMul(), [x, w1], ("u", 1)), b1], ("z", 1))
    a1 = g.apply(ops.Sigmoid(), [z1], ("a", 1))
    z2 = g.apply(ops.Add(), [g.apply(ops.MatMul(), [a1, w2], ("u", 2)), b2], ("z", 2))
    yhat = g.apply(ops.Sigmoid(), [z2], ("ŷ",))
    e = g.apply(ops.Sub(), [yhat, y], ("e",))
    half = g.leaf("const", ("½",), 0.5)
    loss = g.apply(ops.Sum(), [g.apply(ops.Mul(), [half, g.apply(ops.PowConst(2), [e], ("e²",))], ("ℓ",))], ("L",))
    z1.grad_sym, z2.grad_sym = sym("δ", 1), sym("δ", 2)
    return g.finish(loss)
