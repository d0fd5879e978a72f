"""The matrix operations a layer step is built from: z = a·W, z + b broadcast over the samples, Σ.

Each vector-Jacobian product is checked against central differences of a random linear
functional ⟨G, f(xs)⟩ (exact for these ops up to rounding), for matrices of several shapes,
and a whole layer X·W + b → σ → Σ against ``gradcheck`` and the float64 formulas
∂J/∂W = Xᵀ·σ′(u), ∂J/∂b = Σ over samples of σ′(u).
"""

import numpy as np
import pytest

from engine import ops
from engine.formula import sym
from engine.gradcheck import gradcheck
from engine.graph import Graph
from engine.stepper import Stepper

from . import lecture_reference as ref

H = 1e-6


def numeric_vjp(op, xs, i, g):
    """∂⟨g, op(xs)⟩/∂xs[i] by central differences, entry by entry."""
    x = np.array(xs[i], dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        values = []
        for step in (H, -H):
            moved = x.copy()
            moved[index] += step
            args = [*xs[:i], moved, *xs[i + 1:]]
            values.append(float(np.sum(g * op.forward(args))))
        grad[index] = (values[0] - values[1]) / (2 * H)
    return grad


def check_vjps(op, xs, seed=0):
    rng = np.random.default_rng(seed)
    out = op.forward(xs)
    g = rng.normal(size=np.shape(out))
    for i, x in enumerate(xs):
        analytic = op.vjp(i, g, xs, out)
        assert np.shape(analytic) == np.shape(x)  # the gradient has its input's shape
        np.testing.assert_allclose(analytic, numeric_vjp(op, xs, i, g), rtol=1e-7, atol=1e-8)


MATMUL_SHAPES = [
    ((1, 2), (2, 2)),  # the lecture's one sample: [x₁, x₂]·W₁
    ((3, 2), (2, 4)),  # a batch of 3 samples into 4 neurons
    ((4, 3), (3, 1)),  # one output neuron
    ((5, 1), (1, 3)),  # one input feature
    ((2,), (2, 3)),  # a row vector on the left
    ((3, 2), (2,)),  # a column vector on the right
    ((3,), (3,)),  # a dot product
    ((2, 3, 2), (2, 4)),  # stacked matrices broadcast against one weight matrix
]


@pytest.mark.parametrize(("a_shape", "b_shape"), MATMUL_SHAPES)
def test_matmul_forward_and_vjp_agree_with_central_differences(a_shape, b_shape):
    rng = np.random.default_rng(len(a_shape) * 10 + len(b_shape))
    a, b = rng.normal(size=a_shape), rng.normal(size=b_shape)
    op = ops.MatMul()
    np.testing.assert_array_equal(op.forward([a, b]), a @ b)
    check_vjps(op, [a, b])


def test_matmul_vjp_is_the_transposed_products():
    x = np.array([[1.0, 2.0], [-0.5, 3.0], [0.25, -1.0]])  # (N=3, in=2)
    w = np.array([[0.5, 0.6, -0.1], [0.7, 0.8, 0.2]])  # (in=2, out=3)
    g = np.arange(9.0).reshape(3, 3) / 7
    op = ops.MatMul()
    z = op.forward([x, w])
    np.testing.assert_allclose(op.vjp(0, g, [x, w], z), g @ w.T, rtol=0, atol=1e-15)  # (N, in)
    np.testing.assert_allclose(op.vjp(1, g, [x, w], z), x.T @ g, rtol=0, atol=1e-15)  # (in, out)


@pytest.mark.parametrize("bias_shape", [(4,), (1, 4)])
def test_a_bias_added_to_every_sample_gets_the_sum_of_their_gradients(bias_shape):
    rng = np.random.default_rng(3)
    z, b = rng.normal(size=(3, 4)), rng.normal(size=bias_shape)
    op = ops.Add()
    out = op.forward([z, b])
    np.testing.assert_array_equal(out, z + b)
    check_vjps(op, [z, b])
    g = rng.normal(size=(3, 4))
    np.testing.assert_allclose(op.vjp(1, g, [z, b], out), g.sum(axis=0).reshape(bias_shape), rtol=1e-15)


@pytest.mark.parametrize(("shape", "axis"), [((3,), None), ((2, 3), None), ((4, 2), 0), ((4, 2), 1), ((2, 3, 2), 0)])
def test_sum_forward_and_vjp_agree_with_central_differences(shape, axis):
    x = np.random.default_rng(5).normal(size=shape)
    op = ops.Sum(axis)
    np.testing.assert_allclose(op.forward([x]), np.sum(x, axis=axis), rtol=1e-15)
    check_vjps(op, [x])


def layer_graph(x, w, b):
    graph = Graph()
    xn = graph.leaf("input", sym("X"), x, differentiable=True)
    wn = graph.leaf("param", sym("W", 1), w)
    bn = graph.leaf("param", sym("b", 1), b)
    z = graph.apply(ops.MatMul(), [xn, wn], sym("z", 1))
    u = graph.apply(ops.Add(), [z, bn], sym("u", 1))
    a = graph.apply(ops.Sigmoid(), [u], sym("a", 1))
    return graph.finish(graph.apply(ops.Sum(), [a], sym("J")))


@pytest.mark.parametrize(("n", "inputs", "outputs"), [(1, 2, 2), (3, 2, 4), (5, 3, 1)])
def test_a_whole_layer_passes_gradcheck_and_matches_the_matrix_formulas(n, inputs, outputs):
    rng = np.random.default_rng(n)
    x, w, b = rng.normal(size=(n, inputs)), rng.normal(size=(inputs, outputs)), rng.normal(size=outputs)
    graph = layer_graph(x, w, b)
    report = gradcheck(graph)
    assert report.passed, report.summary()
    u = x @ w + b
    s = 1.0 / (1.0 + np.exp(-u))
    slope = s * (1.0 - s)
    assert float(graph.output.value) == pytest.approx(s.sum(), rel=1e-14)
    np.testing.assert_allclose(graph.by_name("W₁").grad, x.T @ slope, rtol=1e-12)
    np.testing.assert_allclose(graph.by_name("b₁").grad, slope.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(graph.by_name("X").grad, slope @ w.T, rtol=1e-12)


def test_matrix_formulas_put_the_transpose_where_the_layout_needs_it():
    x, w, z, grad = sym("X"), sym("W", 1), sym("z", 1), sym("g")
    op = ops.MatMul()
    assert op.formula([x, w], numeric=False).text == "X·W₁"
    assert op.formula([x, w], numeric=True).text == "X·W₁"  # a matrix product is a dot with numbers too
    weights = op.vjp_formula(1, [x, w], z, grad)
    assert weights.text == "Xᵀ·g"  # ∂J/∂W₁ = Xᵀ·∂J/∂z₁, the shape of W₁ for z = X·W₁
    assert weights.latex == r"{X}^{\top} \cdot g"
    assert "<sup>T</sup>" in weights.html
    assert op.vjp_formula(0, [x, w], z, grad).text == "g·W₁ᵀ"  # ∂J/∂X = ∂J/∂z₁·W₁ᵀ
    assert ops.Sum().formula([sym("a", 1)], numeric=False).text == "sum(a₁)"


def test_stepping_a_layer_shows_the_transposed_products():
    x, w, b = np.array([ref.X]), np.array(ref.W1), np.array(ref.B1)  # the lecture's first layer
    graph = layer_graph(x, w, b)
    stepper = Stepper(graph, 0.5)
    stepper.goto(stepper.phase_bounds("backward")[1])
    shown = {e.symbol.text: e for e in (stepper.explain(k) for k in range(stepper.position))}
    assert shown["∂J/∂W₁"].symbolic.text == "Xᵀ·∂J/∂z₁"
    assert shown["∂J/∂X"].symbolic.text == "∂J/∂z₁·W₁ᵀ"
    slope = 1.0 / (1.0 + np.exp(-(x @ w + b)))
    slope = slope * (1.0 - slope)
    np.testing.assert_allclose(shown["∂J/∂W₁"].value, x.T @ slope, rtol=1e-12)
