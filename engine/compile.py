"""Compile a Network and one sample into a Graph, at neuron or operation granularity.

Notation (lecture style, 1-based indices; the index is dropped for a one-neuron layer):
    X[i]        input i                    W₁[i,j]  weight from neuron i to neuron j of layer 1
    b₁[j]       bias of neuron j           z₁[j]    weighted sum (plus bias)
    a₁[j]       activation                 ŷ[k]     output activation, y[k] its target
    δ₁[j]       ∂J/∂z₁[j], the error term  L        loss,  s  weight-decay term,  J = L + s
Operation granularity adds  p₁[i,j] = X[i]·W₁[i,j],  u₁[j] = Σᵢ p₁[i,j],  e[k] = ŷ[k] − y[k],
ℓ[k] the loss term of output k, and ‖W₁‖² the squared norm of a layer's weights.
A layer without bias (``Network.has_bias``) has no b leaf: z₁[j] = Σᵢ X[i]·W₁[i,j], and at operation
granularity the sum of the products is z itself. In d2l notation (``Network.notation``, engine/notation.py)
the same nodes are named x, W⁽¹⁾, z⁽¹⁾, h⁽¹⁾, o.
"""

from __future__ import annotations

import gc
import itertools
from contextlib import contextmanager

import numpy as np

from . import ops
from .errors import StudioError
from .formula import Piece
from .graph import Graph, Node
from .messages import Message
from .network import Network
from .notation import symbol, symbol_piece
from .roles import DECAY_ROLES, LOSS_ROLES, NEURON_ROLES, Z_ROLES, Role

GRANULARITIES = ("neuron", "operation", "layer")  # layer: engine/compile_layer.py, every sample at once
# Operation steps make about three nodes and four steps per weight; beyond this many parameters the
# graph would take seconds and hundreds of MB to build (bench/scale.py), so it is refused with a reason.
OPERATION_MAX_PARAMETERS = 10_000
# Above this many parameters a lesson opens at layer granularity, whose graph grows with the layers,
# not the weights (bench/layer_scale.py); neuron steps are built only when asked for.
LAYER_DEFAULT_PARAMETERS = OPERATION_MAX_PARAMETERS


def default_granularity(network: Network) -> str:
    """The granularity a lesson opens at: neuron steps, or layer steps for a large network."""
    return "layer" if network.parameter_count() > LAYER_DEFAULT_PARAMETERS else "neuron"


def too_large(network: Network, granularity: str) -> bool:
    """True when ``network`` is too large for ``granularity`` (neuron steps always fit)."""
    return granularity == "operation" and network.parameter_count() > OPERATION_MAX_PARAMETERS


def check_granularity(network: Network, granularity: str) -> None:
    """Raise StudioError, with the limit and the reason, when ``network`` is too large for ``granularity``."""
    if too_large(network, granularity):
        count = network.parameter_count()
        raise StudioError(Message("size.operation_steps", limit=OPERATION_MAX_PARAMETERS, count=count))


def _index(j: int, count: int) -> tuple[int] | None:
    return (j + 1,) if count > 1 else None


def norm_symbol(layer: int, notation: str = "lecture") -> Piece:
    w = symbol_piece(notation, "W", layer)
    return Piece(f"‖{w.text}‖²", f"‖{w.html}‖<sup>2</sup>", rf"\|{w.latex}\|^{{2}}")


class _Builder:
    def __init__(self, network: Network, x: np.ndarray, y: np.ndarray, granularity: str) -> None:
        if granularity not in GRANULARITIES:
            raise ValueError(f"granularity must be neuron or operation, not {granularity!r}")
        self.net = network
        self.g = Graph()
        self.x = np.asarray(x, dtype=np.float64).ravel()
        self.y = np.asarray(y, dtype=np.float64).ravel()
        self.granularity = granularity
        self.notation = network.notation
        self.weights: dict[int, list[list[Node]]] = {}  # layer → [i][j]
        self.biases: dict[int, list[Node | None]] = {}  # None: the layer has no bias
        self.zs: dict[int, list[Node]] = {}
        self.acts: dict[int, list[Node]] = {}
        self.extra: dict[int, list[list[Node]]] = {}  # operation granularity: per neuron [u, p…] (no bias: [z, p…])

    def _s(self, base: str, layer: int | None = None, index: tuple | None = None) -> tuple:
        """A symbol of this network's notation (the arguments of formula.sym)."""
        return symbol(self.notation, base, layer, index)

    def build(self) -> Graph:
        g, net = self.g, self.net
        n_in = net.sizes[0]
        self.acts[0] = [g.leaf("input", self._s("X", None, _index(i, n_in)), self.x[i], layer=0, neuron=i,
                               role=Role.INPUT) for i in range(n_in)]
        last = len(net.layers) - 1
        for layer in range(1, last + 1):
            self._layer(layer, last)
        loss, head = self._loss(last)
        output, extra_head = self._objective(loss, last)
        root = output.sym
        return g.finish(output, root, [*extra_head, *head, *self._backward_layers(last)])

    # ------------------------------------------------------------------ layers
    def _layer(self, layer: int, last: int) -> None:
        g, net = self.g, self.net
        prev = self.acts[layer - 1]
        size = net.sizes[layer]
        W, b, has_bias = net.weights(layer), net.biases(layer), net.has_bias(layer)
        activation = net.activation(layer)
        self.weights[layer] = [[None] * size for _ in prev]
        self.biases[layer] = []
        self.zs[layer], self.acts[layer], self.extra[layer] = [], [], []
        rows = range(len(prev))
        for j in range(size):
            column = g.leaves("param", [self._s("W", layer, (i + 1, j + 1)) for i in rows], W[:, j],
                              [{"layer": layer, "i": i, "neuron": j, "role": Role.WEIGHT} for i in rows])
            for i, w in enumerate(column):
                self.weights[layer][i][j] = w
            bias = g.leaf("param", self._s("b", layer, _index(j, size)), b[j], layer=layer, neuron=j,
                          role=Role.BIAS) if has_bias else None
            self.biases[layer].append(bias)
            z = self._weighted_sum(layer, j, prev, column, bias)
            z.grad_sym = symbol_piece(self.notation, "δ", layer, _index(j, size))
            self.zs[layer].append(z)
            if activation != "softmax":
                self.acts[layer].append(self._activate(layer, j, activation, [z], last))
        if activation == "softmax":
            for j in range(size):
                self.acts[layer].append(self._activate(layer, j, activation, self.zs[layer], last))

    def _weighted_sum(self, layer: int, j: int, prev: list[Node], column: list[Node], bias: Node | None) -> Node:
        g = self.g
        index = _index(j, self.net.sizes[layer])
        z_symbol = self._s("z", layer, index)
        if self.granularity == "neuron":
            inputs = [*prev, *column] if bias is None else [*prev, *column, bias]
            return g.apply(ops.WeightedSum(len(prev), bias=bias is not None), inputs, z_symbol,
                           layer=layer, neuron=j, role=Role.WEIGHTED_SUM)
        products = [g.apply(ops.Mul(), [a, w], self._s("p", layer, (i + 1, j + 1)), layer=layer, neuron=j, i=i,
                            role=Role.PRODUCT) for i, (a, w) in enumerate(zip(prev, column, strict=True))]
        if bias is None:  # no bias: the sum of the products is the weighted sum z
            z = g.apply(ops.Add(), products, z_symbol, layer=layer, neuron=j, role=Role.WEIGHTED_SUM)
            self.extra[layer].append([z, *products])
            return z
        u = g.apply(ops.Add(), products, self._s("u", layer, index), layer=layer, neuron=j, role=Role.SUM)
        self.extra[layer].append([u, *products])
        return g.apply(ops.Add(), [u, bias], z_symbol, layer=layer, neuron=j, role=Role.BIAS_ADD)

    def _activate(self, layer: int, j: int, activation: str, inputs: list[Node], last: int) -> Node:
        size = self.net.sizes[layer]
        op = ops.SoftmaxComponent(j) if activation == "softmax" else ops.ACTIVATION_OPS[activation]()
        name = self._s("ŷ", None, _index(j, size)) if layer == last else self._s("a", layer, _index(j, size))
        return self.g.apply(op, inputs, name, layer=layer, neuron=j, role=Role.ACTIVATION, activation=activation)

    # ------------------------------------------------------------------ loss and objective
    def _loss(self, last: int) -> tuple[Node, list[Node]]:
        g, net = self.g, self.net
        outputs = self.acts[last]
        k = len(outputs)
        targets = [g.leaf("target", ("y", None, _index(m, k)), self.y[m], layer=last, neuron=m, role=Role.TARGET)
                   for m in range(k)]
        if self.granularity == "neuron":
            logits = self.zs[last] if net.loss in ("bce", "cross_entropy") else []  # hidden: keep them exact
            loss = g.apply(ops.LOSS_OPS[net.loss](k), [*outputs, *targets, *logits], ("L",), role=Role.LOSS,
                           layer=last + 1)
            if logits:
                for m, yhat in enumerate(outputs):
                    yhat.op.feeds = (loss, m)
            return loss, [loss]
        terms, diffs = [], []
        for m, (yhat, y, z) in enumerate(zip(outputs, targets, self.zs[last], strict=True)):
            index = _index(m, k)
            meta = {"layer": last + 1, "neuron": m}
            if net.loss in ("half_sse", "mse"):
                e = g.apply(ops.Sub(), [yhat, y], ("e", None, index), role=Role.DIFF, **meta)
                diffs.append(e)
                op = ops.HalfSquare() if net.loss == "half_sse" else ops.Square()
                terms.append(g.apply(op, [e], ("ℓ", None, index), role=Role.LOSS_TERM, **meta))
            else:
                inputs = [yhat, y, z] if net.loss == "bce" else [yhat, y, *self.zs[last]]
                op = ops.BCETerm() if net.loss == "bce" else ops.CETerm(m)
                terms.append(g.apply(op, inputs, ("ℓ", None, index), role=Role.LOSS_TERM, **meta))
                yhat.op.feeds = (terms[-1], 0)  # δ from the term's exact ∂ℓ/∂z (see ops.functions._FeedsLoss)
        reduce = ops.MeanOf() if net.loss in ("mse", "bce") else ops.SumOf()
        loss = g.apply(reduce, terms, ("L",), role=Role.LOSS, layer=last + 1)
        head = [loss]
        for term, diff in zip(terms, diffs or [None] * len(terms), strict=True):
            head += [term] if diff is None else [term, diff]
        return loss, head

    def _objective(self, loss: Node, last: int) -> tuple[Node, list[Node]]:
        g, lam = self.g, self.net.weight_decay
        if lam <= 0:
            return loss, []
        all_weights = [w for layer in range(1, last + 1) for row in self.weights[layer] for w in row]
        meta = {"layer": last + 1}
        if self.granularity == "neuron":
            s = g.apply(ops.Decay(lam, squares=True), all_weights, ("s",), role=Role.DECAY, **meta)
            norms = []
        else:
            norms = [g.apply(ops.SumSquares(), [w for row in self.weights[layer] for w in row],
                             norm_symbol(layer, self.notation), role=Role.NORM, layer=layer)
                     for layer in range(1, last + 1)]
            s = g.apply(ops.Decay(lam, squares=False), norms, ("s",), role=Role.DECAY, **meta)
        j = g.apply(ops.Add(), [loss, s], ("J",), role=Role.OBJECTIVE, **meta)
        return j, [j, s, *reversed(norms)]

    # ------------------------------------------------------------------ backward order
    def _backward_layers(self, last: int) -> list[Node]:
        """Per layer from the output back: ∂J/∂a of each neuron, then each neuron's δ and parameters."""
        order: list[Node] = []
        for layer in range(last, 0, -1):
            order += self.acts[layer]
            for j, z in enumerate(self.zs[layer]):
                bias = self.biases[layer][j]
                column = [row[j] for row in self.weights[layer]]
                if self.granularity == "neuron":
                    order += [z, *column] if bias is None else [z, *column, bias]
                else:
                    u, *products = self.extra[layer][j]
                    order += [z] if bias is None else [z, bias, u]
                    for p, w in zip(products, column, strict=True):
                        order += [p, w]
        return order


def compile_network(network: Network, x, y, granularity: str = "neuron") -> Graph:
    """The graph of ``network`` for one sample (inputs ``x``, targets ``y``); at layer granularity
    ``x`` and ``y`` may hold every sample, one a row."""
    check_granularity(network, granularity)
    if granularity == "layer":
        from .compile_layer import compile_layers

        return compile_layers(network, x, y)
    with _collector_paused():
        return _Builder(network, x, y, granularity).build()


def operation_graph(network: Network, x, y) -> Graph:
    """The operation-granularity graph of one sample with its forward and backward passes run:
    what a neuron-step lesson shows beside its own graph (values and gradients are the model's)."""
    graph = compile_network(network, x, y, "operation")
    with np.errstate(all="ignore"):
        graph.forward()
        graph.backward()
    return graph


def operation_node_count(network: Network) -> int:
    """How many nodes ``compile_network(network, …, "operation")`` makes, without compiling it."""
    sizes = network.sizes
    count = sizes[0]
    for prev, size in itertools.pairwise(sizes):
        count += 2 * prev * size + 4 * size  # weights, products; biases, sums, bias adds, activations
    count -= 2 * sum(layer.size for layer in network.layers[1:] if not layer.bias)  # no bias, no bias add
    count += 3 * sizes[-1] + 1  # targets, differences, loss terms; L
    if network.weight_decay > 0:
        count += len(sizes) - 1 + 2  # norms, s, J
    return count


def part_of(node: Node) -> tuple | None:
    """What a node stands for in the network, as one key at both granularities: ("input", i),
    ("target", k), ("weight", layer, i, j), ("bias", layer, j), ("z", layer, j) for every node that
    makes a weighted sum, ("a", layer, j), ("loss",), ("decay",), ("objective",); None otherwise."""
    m = node.meta
    if m.get("matrix"):  # a layer node: its layer's key, ("z", 1), ("weight", 1), ("input",) …
        from .compile_layer import layer_part

        return layer_part(node)
    role = m.get("role")
    if node.kind in ("input", "target") and "neuron" in m and "variable" not in m:
        return (node.kind, m["neuron"])
    if role == Role.WEIGHT:
        return ("weight", m["layer"], m["i"], m["neuron"])
    if role == Role.BIAS:
        return ("bias", m["layer"], m["neuron"])
    if role in Z_ROLES:
        return ("z", m["layer"], m["neuron"])
    if role == Role.ACTIVATION:
        return ("a", m["layer"], m["neuron"])
    if role in LOSS_ROLES:
        return ("loss",)
    if role in DECAY_ROLES:
        return ("decay",)
    if role == Role.OBJECTIVE:
        return ("objective",)
    return None


def parts_of(node: Node) -> list[tuple]:
    """Every per-neuron key (as ``part_of`` gives at neuron and operation granularity) a node stands
    for: a layer node covers a whole layer, all ("z", l, j), or a whole matrix, all ("weight", l, i, j);
    any other node its one ``part_of`` key (none where it has none)."""
    if node.meta.get("matrix"):
        from .compile_layer import layer_parts

        return layer_parts(node)
    key = part_of(node)
    return [] if key is None else [key]


def neuron_of(node: Node) -> tuple[int, int] | None:
    """(layer, neuron) of the neuron a node belongs to: its weights, its bias and its operation
    nodes; an input node is neuron i of layer 0. None for the loss and decay nodes."""
    m = node.meta
    if m.get("role") in (*NEURON_ROLES, Role.WEIGHT, Role.BIAS) and "layer" in m and "neuron" in m:
        return (m["layer"], m["neuron"])
    if node.kind == "input" and "neuron" in m and "variable" not in m:
        return (0, m["neuron"])
    return None


def neuron_nodes(graph: Graph, layer: int, neuron: int) -> list[Node]:
    """The nodes that compute one neuron (the products, sums and activation; layer 0: its input)."""
    return [n for n in graph.nodes if n.meta.get("layer") == layer and n.meta.get("neuron") == neuron
            and (n.meta.get("role") in NEURON_ROLES or (layer == 0 and n.kind == "input"))]


@contextmanager
def _collector_paused():
    """Python's cycle collector ran over and over while 200,000 nodes were made and took half the
    compile time (bench/scale.py); it runs again as usual once the graph is built."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def graph_parameters(graph: Graph, network: Network) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Read the parameter nodes' values back into weight matrices and bias vectors (a layer without
    bias has no bias nodes: its vector stays the network's zeros)."""
    weights = [np.array(network.weights(layer), dtype=np.float64) for layer in range(1, len(network.layers))]
    biases = [np.array(network.biases(layer), dtype=np.float64) for layer in range(1, len(network.layers))]
    _fill(graph, weights, biases, "value")
    return weights, biases


def graph_gradients(graph: Graph, network: Network) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The parameter nodes' gradients as matrices shaped like the weights and biases (zeros for a
    layer without bias, as ``engine.batched.gradients`` gives)."""
    weights = [np.zeros_like(network.weights(layer)) for layer in range(1, len(network.layers))]
    biases = [np.zeros_like(network.biases(layer)) for layer in range(1, len(network.layers))]
    _fill(graph, weights, biases, "grad")
    return weights, biases


def _fill(graph: Graph, weights: list[np.ndarray], biases: list[np.ndarray], attr: str) -> None:
    for node in graph.params:
        value = getattr(node, attr)
        if value is None:
            continue
        if node.meta.get("matrix"):  # a whole matrix or vector (layer granularity; d2l's W holds the transpose)
            array = np.asarray(value, dtype=np.float64)
            if node.meta["role"] == Role.WEIGHT:
                weights[node.meta["layer"] - 1][...] = array.T if node.meta.get("transposed") else array
            else:
                biases[node.meta["layer"] - 1][...] = array.reshape(-1)
            continue
        layer, j = node.meta["layer"], node.meta["neuron"]
        if node.meta["role"] == Role.WEIGHT:
            weights[layer - 1][node.meta["i"], j] = float(value)
        else:
            biases[layer - 1][j] = float(value)
