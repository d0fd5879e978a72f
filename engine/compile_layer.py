"""Compile a Network and all of its samples into a Graph at layer granularity: one node per vector
or matrix, the lecture's own steps z₁ = X·W₁ + b₁, a₁ = σ(z₁), …, δ₂ = ∂L/∂ŷ ⊙ σ′(z₂), ….

Layout and notation (``network.notation``):
    lecture  samples are rows: X is N×d, z₁ = X·W₁ + b₁ is N×h, W₁ the file's in×out matrix;
             a, ŷ (a linear output layer's z is ŷ itself), δ₁ (Δ₁ with several samples).
    d2l      samples are columns, as d2l 4.7 prints it: x is d×N, z = W⁽¹⁾x, h = φ(z), o = W⁽²⁾h;
             the node W⁽ˡ⁾ holds the transpose of the file's in×out matrix (meta ``transposed``),
             so ∂J/∂W⁽¹⁾ = ∂J/∂z·xᵀ is the very matrix shown.
Gradients of nodes that carry samples are per sample (ops/layers.py); a parameter's is the mean
over the samples, ∂L/∂W₁ = Xᵀ·Δ₁/N, equal to engine.batched.gradients.

Auxiliary quantities (meta ``aux``): σ′(z) (Role.LOCAL), ∂s/∂W = λW (Role.LOCAL) and ‖W‖²
(Role.NORM). σ′(z) and ∂s/∂W are backward steps that compute a *value* (meta
``backward_value``); the stepper takes and undoes them like any step. A graph view may skip
aux nodes: d2l's figure has none of them.

Backward order, without weight decay the lecture's: ∂L/∂ŷ, σ′(z₂), δ₂, ∂L/∂W₂, ∂L/∂b₂, ∂L/∂a₁,
σ′(z₁), δ₁, ∂L/∂W₁, ∂L/∂b₁; with it d2l's (4.7.8 to 4.7.14): ∂J/∂L, ∂J/∂s, ∂J/∂o, ∂s/∂W⁽¹⁾,
∂s/∂W⁽²⁾, ∂J/∂W⁽²⁾, ∂J/∂h, φ′(z), ∂J/∂z, ∂J/∂W⁽¹⁾. The seed ∂J/∂J = 1 is set, not stepped.

For views, every node has meta ``matrix`` (True), ``role`` (engine.roles.Role), ``layer``, ``samples``
(N) and ``columns`` (d2l's layout); ``size`` (neurons) on X, y, z, a, b and σ′(z), ``sizes`` (in, out)
on W and ∂s/∂W; ``activation`` on a and σ′(z); ``aux`` on σ′(z), ∂s/∂W and ‖W‖². An AFFINE node's
inputs are [a, W, b] ([W, x, b] in d2l's layout; no b where the layer has none: ``op.bias``), drawn
as × then +; s (Role.DECAY) takes the weight matrices themselves. ``compile.part_of`` gives a node's
layer key, ("z", 1); ``compile.parts_of`` every per-neuron key it covers.
"""

from __future__ import annotations

import numpy as np

from . import ops
from .formula import Piece, grad_of, lit, sym
from .graph import Graph, Node
from .network import Network
from .notation import symbol_piece
from .ops.layers import norm_of
from .roles import Role

GRANULARITY = "layer"


class LayerGraph(Graph):
    """A Graph whose seed is set rather than stepped, with auxiliary values computed in the backward pass."""

    def finish_layers(self, output: Node, root: Piece, order: list[Node]) -> LayerGraph:
        """``order``: every backward step in order, auxiliary ones included, the output left out."""
        plain = [n for n in order if not n.meta.get("backward_value")]
        self.finish(output, root, [output, *plain])
        self.backward_order = list(order)
        self.forward_order = [n for n in self.forward_order if not n.meta.get("backward_value")]
        return self

    def _seed(self) -> None:
        self.output.grad = np.float64(1.0)

    def clear(self) -> None:
        super().clear()
        self._seed()

    def backward(self) -> None:
        self._seed()
        for node in self.backward_order:
            if node.meta.get("backward_value"):
                node.value = self.compute_value(node)
            else:
                node.grad = self.compute_grad(node)


def _has_bias(network: Network, layer: int) -> bool:
    return network.has_bias(layer)


class _Names:
    """The symbols of one notation (engine/notation.py renames them; in d2l's figure a network with one
    hidden layer leaves its z and h unnumbered)."""

    def __init__(self, network: Network, samples: int) -> None:
        self.notation = network.notation
        self.d2l = network.notation == "d2l"
        self.last = len(network.layers) - 1
        self.samples = samples
        self.root = sym("J") if network.weight_decay > 0 else sym("L")
        self.linear_out = network.activation(self.last) == "linear"

    def _named(self, base: str, layer: int | None = None) -> Piece:
        return symbol_piece(self.notation, base, layer)

    def _hidden(self, base: str, layer: int) -> Piece:
        """z or a of a hidden layer: d2l numbers it only when there are several hidden layers."""
        return self._named(base, layer if not self.d2l or self.last > 2 else None)

    def input(self) -> Piece:
        return self._named("X")

    def weight(self, layer: int) -> Piece:
        return self._named("W", layer)

    def bias(self, layer: int) -> Piece:
        return self._named("b", layer)

    def z(self, layer: int) -> Piece:
        if layer == self.last and (self.d2l or self.linear_out):
            return self._named("ŷ")  # d2l: o
        return self._hidden("z", layer)

    def a(self, layer: int) -> Piece:
        return sym("ŷ") if layer == self.last else self._hidden("a", layer)  # d2l: h

    def grad(self, node: Node, per_sample: bool) -> Piece:
        """∂L/∂node; a node that carries samples, with several of them: rows of ∂ℓₙ/∂node."""
        root = sym("ℓ") if per_sample and self.samples > 1 else self.root
        return grad_of(root, node.sym)

    def delta(self, layer: int, node: Node) -> Piece:
        if self.d2l or (layer == self.last and self.linear_out):
            return self.grad(node, True)
        return sym("Δ" if self.samples > 1 else "δ", layer)


def compile_layers(network: Network, inputs, targets) -> LayerGraph:
    """The graph of ``network`` over the samples ``inputs`` (N×d, or one sample d) and ``targets``."""
    x = np.atleast_2d(np.asarray(inputs, dtype=np.float64))
    y = np.atleast_2d(np.asarray(targets, dtype=np.float64))
    return _LayerBuilder(network, x, y).build()


class _LayerBuilder:
    def __init__(self, network: Network, x: np.ndarray, y: np.ndarray) -> None:
        self.net, self.x, self.y = network, x, y
        self.n = x.shape[0]
        self.names = _Names(network, self.n)
        self.columns = self.names.d2l
        self.g = LayerGraph()

    def _orient(self, array: np.ndarray) -> np.ndarray:
        return array.T.copy() if self.columns else array

    def build(self) -> LayerGraph:
        g, net, names, n = self.g, self.net, self.names, self.n
        last = names.last
        common = {"matrix": True, "samples": n, "columns": self.columns}
        prev = g.leaf("input", names.input(), self._orient(self.x), role=Role.INPUT, layer=0, size=net.sizes[0],
                      **common)
        layers = []  # per layer: (W, b, z, a, slope)
        for layer in range(1, last + 1):
            size, activation = net.sizes[layer], net.activation(layer)
            sizes = (net.sizes[layer - 1], size)
            w = g.leaf("param", names.weight(layer), self._orient(net.weights(layer)), role=Role.WEIGHT, layer=layer,
                       sizes=sizes, transposed=self.columns, **common)
            bias = None
            if _has_bias(net, layer):
                values = net.biases(layer).reshape(-1, 1) if self.columns else net.biases(layer)
                bias = g.leaf("param", names.bias(layer), values, role=Role.BIAS, layer=layer, size=size, **common)
            inputs = [w, prev] if self.columns else [prev, w]
            z = g.apply(ops.Affine(n, self.columns, bias is not None), [*inputs, *([bias] if bias else [])],
                        names.z(layer), role=Role.AFFINE, layer=layer, size=size, **common)
            z.grad_sym = names.delta(layer, z)
            a, slope = z, None
            if not (activation == "linear" and layer == last):
                if activation == "softmax":
                    op = ops.RowSoftmax(self.columns)
                else:
                    op = ops.Elementwise(ops.ACTIVATION_OPS[activation]())
                a = g.apply(op, [z], names.a(layer), role=Role.ACTIVATION, activation=activation, layer=layer,
                            size=size, **common)
                a.grad_sym = names.grad(a, True)
                if activation not in ("softmax", "linear"):
                    fn = op.fn
                    slope = g.apply(ops.Slope(fn), [z], fn.local_formula(0, [z.sym], a.sym), role=Role.LOCAL,
                                    activation=activation, layer=layer, size=size, aux=True, backward_value=True,
                                    **common)
            else:
                z.grad_sym = names.grad(z, True)
            for p in (w, bias):
                if p is not None:
                    p.grad_sym = names.grad(p, False)
            layers.append((w, bias, z, a, slope))
            prev = a
        output, head, decay_steps = self._loss_and_objective(layers)
        order = [*head]
        for layer in range(last, 0, -1):
            w, bias, z, a, slope = layers[layer - 1]
            if a is not z:
                order.append(a)
            if slope is not None:
                order.append(slope)
            order.append(z)
            if layer == last:
                order += decay_steps
            order += [w, *([bias] if bias is not None else [])]
        return g.finish_layers(output, output.sym, order)

    def _loss_and_objective(self, layers) -> tuple[Node, list[Node], list[Node]]:
        g, net, names, n = self.g, self.net, self.names, self.n
        last = names.last
        _w, _b, z, a, _slope = layers[-1]
        common = {"matrix": True, "samples": n, "columns": self.columns}
        y = g.leaf("target", sym("y"), self._orient(self.y), role=Role.TARGET, layer=last, size=net.sizes[last],
                   **common)
        hidden = [z] if net.loss in ("bce", "cross_entropy") else []
        loss = g.apply(ops.LayerLoss(net.loss, n, net.sizes[last], self.columns), [a, y, *hidden], sym("L"),
                       role=Role.LOSS, layer=last + 1, **common)
        if hidden:
            a.op.feeds = loss
            if net.loss == "cross_entropy":
                sums_to_one = bool(np.all(self.y.sum(axis=1) == 1.0))
                a.op.delta = (a.sym + lit(" − ", " − ", " - ") + y.sym) if sums_to_one else \
                    (a.sym + lit("·Σy − ", "·Σy − ", r" \sum y - ") + y.sym)
        lam = net.weight_decay
        if lam <= 0:
            return loss, [], []
        weights = [entry[0] for entry in layers]
        meta = {"layer": last + 1, **common}
        for layer, w in enumerate(weights, start=1):
            g.apply(ops.SquaredNorm(), [w], norm_of(w.sym), role=Role.NORM, layer=layer, aux=True, **common)
        s = g.apply(ops.MatrixDecay(lam), weights, sym("s"), role=Role.DECAY, **meta)
        objective = g.apply(ops.Add(), [loss, s], sym("J"), role=Role.OBJECTIVE, **meta)
        for node in (loss, s):
            node.grad_sym = names.grad(node, False)
        steps = [g.apply(ops.Scale(lam), [w], grad_of(s.sym, w.sym), role=Role.LOCAL, layer=layer, aux=True,
                         backward_value=True, decay=True, sizes=w.meta["sizes"], **common)
                 for layer, w in enumerate(weights, start=1)]
        return objective, [loss, s], steps


# ---------------------------------------------------------------------- what a node stands for
def layer_key(key: tuple | None) -> tuple | None:
    """A per-neuron key of ``compile.part_of`` made coarse to its layer: ("z", 1, 2) → ("z", 1),
    ("weight", 1, i, j) → ("weight", 1), ("input", i) → ("input",); whole-network keys stay."""
    if key is None:
        return None
    if key[0] in ("z", "a", "weight", "bias"):
        return key[:2]
    if key[0] in ("input", "target"):
        return key[:1]
    return key


def layer_part(node: Node) -> tuple | None:
    """The layer-level key of a layer-granularity node (as ``layer_key`` makes neuron keys coarse)."""
    m = node.meta
    role = m.get("role")
    if role == Role.INPUT:
        return ("input",)
    if role == Role.TARGET:
        return ("target",)
    if role == Role.WEIGHT or (role == Role.LOCAL and m.get("decay")):
        return ("weight", m["layer"])
    if role == Role.BIAS:
        return ("bias", m["layer"])
    if role in (Role.AFFINE, Role.LOCAL):
        return ("z", m["layer"])
    if role == Role.ACTIVATION:
        return ("a", m["layer"])
    if role == Role.LOSS:
        return ("loss",)
    if role in (Role.NORM, Role.DECAY):
        return ("decay",)
    if role == Role.OBJECTIVE:
        return ("objective",)
    return None


def layer_parts(node: Node) -> list[tuple]:
    """Every per-neuron key (``compile.part_of``'s) a layer node covers: all ("z", l, j) of a z or σ′(z)
    node, all ("weight", l, i, j) of a W or ∂s/∂W node, all ("input", i) of X, …"""
    key = layer_part(node)
    if key is None:
        return []
    m = node.meta
    if key[0] == "weight":
        rows, columns = m["sizes"]
        return [("weight", key[1], i, j) for i in range(rows) for j in range(columns)]
    if key[0] in ("z", "a", "bias"):
        return [(key[0], key[1], j) for j in range(m["size"])]
    if key[0] in ("input", "target"):
        return [(key[0], j) for j in range(m["size"])]
    return [key]
