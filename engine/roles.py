"""What a graph node means, stored in ``node.meta["role"]`` and read by the stepper, the sentences
and the views. ``Role`` is a ``StrEnum`` with the historic string values, so a role compares equal
to its string (tests, saved step logs and ``Graph.find(role="weight")`` keep working)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    # network graphs (engine/compile.py)
    INPUT = "input"
    WEIGHT = "weight"
    BIAS = "bias"
    PRODUCT = "product"  # operation steps: X[i]·W[i,j]
    SUM = "sum"  # operation steps: Σᵢ of the products
    BIAS_ADD = "bias_add"  # operation steps: u + b = z
    WEIGHTED_SUM = "weighted_sum"  # neuron steps: z in one step
    ACTIVATION = "activation"
    TARGET = "target"
    DIFF = "diff"  # e = ŷ − y
    LOSS_TERM = "loss_term"
    LOSS = "loss"
    NORM = "norm"  # ‖W‖² of one layer
    DECAY = "decay"  # s = λ/2·Σ‖W‖²
    OBJECTIVE = "objective"  # J = L + s
    # layer granularity (engine/compile_layer.py): one node per vector or matrix
    AFFINE = "affine"  # z = a·W + b for a whole layer (d2l: z = W·x + b)
    LOCAL = "local"  # an auxiliary factor of the chain rule: σ′(z) (∂a/∂z), ∂s/∂W = λW
    # expression graphs (engine/expressions.py) and a plain op
    VARIABLE = "variable"
    CONSTANT = "constant"
    OP = "op"


Z_ROLES = frozenset({Role.PRODUCT, Role.SUM, Role.BIAS_ADD, Role.WEIGHTED_SUM})  # the nodes that make a neuron's z
NEURON_ROLES = frozenset({*Z_ROLES, Role.ACTIVATION})  # the operation nodes of one neuron
LOSS_ROLES = frozenset({Role.DIFF, Role.LOSS_TERM, Role.LOSS})
DECAY_ROLES = frozenset({Role.NORM, Role.DECAY})
