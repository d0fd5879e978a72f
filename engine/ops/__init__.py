"""Operations of the step graph, each with its forward, vector-Jacobian product and formula (see base.py)."""

from ..formula import join
from ..names import LEAKY_SLOPE
from .arithmetic import Add, Div, Mul, Neg, Pow, PowConst, Sub, WeightedSum
from .base import Op, log_softmax, sigmoid_slope, softmax_complement, softplus, stable_sigmoid, tanh_slope
from .functions import (
    ACTIVATION_OPS,
    FUNCTIONS,
    Cos,
    Exp,
    Identity,
    LeakyRelu,
    Log,
    Relu,
    Sigmoid,
    Sin,
    SoftmaxComponent,
    Sqrt,
    Tanh,
    Unary,
)
from .loss_terms import BCETerm, CETerm, Decay, HalfSquare, MeanOf, Square, SumOf, SumSquares
from .losses import BCE, LOSS_OPS, MSE, CrossEntropy, HalfSSE
from .layers import Affine, Elementwise, LayerLoss, MatrixDecay, RowSoftmax, Scale, Slope, SquaredNorm
from .matrix import MatMul, Sum

__all__ = [
    "ACTIVATION_OPS", "BCE", "Affine", "Elementwise", "LayerLoss", "MatrixDecay", "RowSoftmax", "Scale", "Slope",
    "SquaredNorm", "FUNCTIONS", "LEAKY_SLOPE", "LOSS_OPS", "MSE", "Add", "BCETerm", "CETerm", "Cos",
    "CrossEntropy", "Decay", "Div", "Exp", "HalfSSE", "HalfSquare", "Identity", "LeakyRelu", "Log", "MatMul",
    "MeanOf", "Mul", "Neg", "Op", "Pow", "PowConst", "Relu", "Sigmoid", "Sin", "SoftmaxComponent", "Sqrt", "Square",
    "Sub", "Sum", "SumOf", "SumSquares", "Tanh", "Unary", "WeightedSum", "join", "log_softmax", "sigmoid_slope",
    "softmax_complement", "softplus", "stable_sigmoid", "tanh_slope",
]
