"""Likely mistakes at one step, each found by recomputing the step with a faulty rule.

``faulty_results(context)`` lists (message, the value the faulty rule gives) for the step; an
answer that agrees with one of these values (and not with the true one) shows that mistake
(engine/answers.py). Nothing is guessed: each rule is the step's own formula with one
thing done wrong, on the step's own numbers. The rules work on any graph, at any granularity:

* **weight decay left out**: ∂J/∂W without the consumers that add λW (the decay term, or a
  layer's ‖W‖²);
* **slope left out**: a term through an activation c without its slope ∂c/∂x (δ = ∂L/∂ŷ
  without σ′(z₂));
* **one path at a fan-out**: a node that feeds several nodes, with the term of one only;
* **missing transpose** (matrix products): ∂J/∂a = ∂J/∂z·W instead of ∂J/∂z·Wᵀ, or z = a·Wᵀ;
* **sign**: the result negated (an update w + η·∂J/∂w);
* **rounded intermediate**: the step's numbers rounded to 2, 3 or 4 significant digits, or to
  2, 3 or 4 decimals, before the step.

A matrix typed with rows and columns swapped is recognised by engine/answers.py itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .graph import Graph, Node
from .messages import Message
from .names import ACTIVATIONS
from .quantities import chain_term, hand_slope_text, local_symbol
from .roles import DECAY_ROLES, Role

ROUNDINGS = (2, 3, 4)


@dataclass
class StepContext:
    """One step and the numbers it starts from (the graph's values, gradients and, for an update,
    the parameter's value before it)."""

    graph: Graph
    node: Node
    phase: str  # forward | backward | update
    true: np.ndarray
    learning_rate: float = 0.0
    old: np.ndarray | None = None  # update: the parameter before the step

    def recompute(self, transform: Callable[[np.ndarray], np.ndarray] = np.asarray,
                  term: Callable[[Node, int], np.ndarray | None] | None = None) -> np.ndarray:
        """The step with every number put in passed through ``transform`` (rounding), and in a
        backward step each consumer's term made by ``term`` where it gives one."""
        node = self.node
        with np.errstate(all="ignore"):
            if self.phase == "forward":
                return np.asarray(node.op.forward([transform(n.value) for n in node.inputs]), dtype=np.float64)
            if self.phase == "update":
                return transform(self.old) - self.learning_rate * transform(node.grad)
            if node is self.graph.output:
                return np.ones_like(self.true)
            total = np.zeros_like(self.true)
            for consumer, position in self.graph.grad_consumers(node):
                made = term(consumer, position) if term is not None else None
                if made is None:
                    xs = [transform(n.value) for n in consumer.inputs]
                    out = transform(consumer.value)
                    local = consumer.op.local(position, xs, out)
                    made = chain_term(consumer, position, transform(consumer.grad), xs, out,
                                      None if local is None else transform(local))
                total = total + made
            return total


def faulty_results(ctx: StepContext) -> list[tuple[Message, np.ndarray]]:
    found: list[tuple[Message, np.ndarray]] = []
    if ctx.phase == "backward" and ctx.node is not ctx.graph.output:
        found += _decay_left_out(ctx) + _slope_left_out(ctx) + _one_path(ctx) + _transpose_left_out(ctx)
    if ctx.phase == "forward":
        found += _transpose_left_out(ctx)
    if ctx.phase == "update":
        found.append((Message("mistake.sign"), ctx.old + ctx.learning_rate * ctx.node.grad))
    elif np.any(ctx.true != 0):
        found.append((Message("mistake.sign"), -ctx.true))
    return found + _rounded(ctx)


def _decay_left_out(ctx: StepContext) -> list[tuple[Message, np.ndarray]]:
    node = ctx.node
    uses = ctx.graph.grad_consumers(node)
    if node.meta.get("role") != Role.WEIGHT or not any(c.meta.get("role") in DECAY_ROLES for c, _ in uses):
        return []
    value = ctx.recompute(term=lambda c, _p: np.zeros_like(ctx.true) if c.meta.get("role") in DECAY_ROLES else None)
    return [(Message("mistake.decay", weight=node.sym.text, gradient=node.grad_sym.text), value)]


def _slope_left_out(ctx: StepContext) -> list[tuple[Message, np.ndarray]]:
    found = []
    for consumer, position in ctx.graph.grad_consumers(ctx.node):
        if consumer.op is None or consumer.op.name not in ACTIVATIONS or consumer.op.name in ("linear", "softmax"):
            continue

        def without(c, p, consumer=consumer, position=position):
            return chain_term(c, p, c.grad, local=1.0) if (c, p) == (consumer, position) else None

        slope = local_symbol(consumer, position)
        rule = hand_slope_text(consumer)
        found.append((Message("mistake.forgot_slope", slope=f"{slope} = {rule}" if rule else slope),
                      ctx.recompute(term=without)))
    return found


def _one_path(ctx: StepContext) -> list[tuple[Message, np.ndarray]]:
    uses = ctx.graph.grad_consumers(ctx.node)
    if len(uses) < 2:
        return []
    found = []
    for consumer, position in uses:
        def only(c, p, consumer=consumer, position=position):
            return None if (c, p) == (consumer, position) else np.zeros_like(ctx.true)

        found.append((Message("mistake.fan_out", consumer=consumer.sym.text, symbol=ctx.node.sym.text,
                              count=len(uses)), ctx.recompute(term=only)))
    return found


def _transpose_left_out(ctx: StepContext) -> list[tuple[Message, np.ndarray]]:
    """Matrix products with a square factor left untransposed (other shapes cannot be multiplied)."""
    found = []
    node = ctx.node
    if ctx.phase == "forward":
        if node.op.name == "matmul":
            a, w = (np.asarray(n.value, dtype=np.float64) for n in node.inputs)
            if w.ndim == 2 and w.shape[0] == w.shape[1]:
                found.append((Message("mistake.missing_transpose", factor=node.inputs[1].sym.text), a @ w.T))
        return found
    for consumer, position in ctx.graph.grad_consumers(node):
        if consumer.op.name != "matmul":
            continue
        a, w = (np.asarray(n.value, dtype=np.float64) for n in consumer.inputs)
        g = np.asarray(consumer.grad, dtype=np.float64)
        other = w if position == 0 else a
        if other.ndim != 2 or other.shape[0] != other.shape[1]:
            continue
        wrong = g @ w if position == 0 else a @ g

        def swapped(c, p, consumer=consumer, position=position, wrong=wrong):
            return wrong if (c, p) == (consumer, position) else None

        found.append((Message("mistake.missing_transpose", factor=consumer.inputs[1 - position].sym.text),
                      ctx.recompute(term=swapped)))
    return found


def _rounded(ctx: StepContext) -> list[tuple[Message, np.ndarray]]:
    found = []
    for digits in ROUNDINGS:
        found.append((Message("mistake.rounded_digits", digits=digits),
                      ctx.recompute(transform=lambda v, d=digits: round_significant(v, d))))
    for digits in ROUNDINGS:
        found.append((Message("mistake.rounded_decimals", digits=digits),
                      ctx.recompute(transform=lambda v, d=digits: np.round(np.asarray(v, dtype=np.float64), d))))
    return found


def round_significant(value, digits: int) -> np.ndarray:
    """Each entry rounded to ``digits`` significant digits."""
    v = np.asarray(value, dtype=np.float64)
    with np.errstate(all="ignore"):
        scale = np.where((v == 0) | ~np.isfinite(v), 0, np.floor(np.log10(np.abs(np.where(v == 0, 1, v))))).astype(int)
    factor = np.power(10.0, digits - 1 - scale)
    out = np.round(v * factor) / factor
    return np.where(np.isfinite(v) & (v != 0), out, v) if v.ndim else np.float64(out if math.isfinite(v) and v else v)
