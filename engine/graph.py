"""The computational graph: nodes that hold numpy values and gradients.

Each node is a leaf (an input, a target, a parameter or a constant) or the result of an
op applied to earlier nodes. The graph knows the order to visit nodes in; the Stepper
(engine/stepper.py) walks that order one node at a time, and whole passes are loops over
the same steps.

Backward is pull-style: a node's gradient is the sum, over the nodes that consume it, of
the consumer's gradient times the local derivative. That sum is what the app shows at a
fan-out, and it is accumulated with ``+=``.

Two rules keep gradients true at the edges (the stepper, the whole pass and ``python -m
engine grads`` all go through ``Graph.contribution``, so they agree exactly):

* **Only what reaches the output is differentiated.** A node whose value never reaches the
  output (a statement of an expression program that nothing later uses) is still computed
  and shown in the forward pass, but it has no backward step and no gradient, and it
  contributes nothing to the gradients of its inputs. Leaves that need a gradient keep their
  backward step: a variable that does not reach the output has the gradient 0.
* **A zero factor wins in the chain rule.** A contribution ∂J/∂c · ∂c/∂x is 0 where either
  factor is exactly 0, even if the other is ±∞ or undefined: 0·∞ = 0. A zero gradient
  arriving from downstream means J does not change with c there (c feeds a relu below 0,
  or a product with 0), so an infinite local derivative (√ or log at 0, a division by 0)
  does not matter; a zero local derivative means c does not change with x (relu below 0,
  x⁰), so an infinite gradient above it does not matter either. Without the rule IEEE
  arithmetic gives 0·∞ = NaN, and one unused √0 poisons every gradient it touches.

Where a value or a gradient does stop being a finite number, ``value_reason`` and
``gradient_reason`` say why, in one short English phrase (the editor, the command line and
the stepper's inspector all use them).
"""

from __future__ import annotations

import numpy as np

from .errors import ExpressionError, StudioError
from .formula import Piece, fmt, grad_of
from .formula import sym as make_sym
from .messages import Message
from .ops import Op
from .ops.base import _unbroadcast

LEAF_KINDS = ("input", "target", "param", "const")


class Node:
    """One node. ``sym`` may be given as the arguments of ``formula.sym`` (a tuple): the symbol is then
    built when first read, so a graph of 200,000 weights does not format 200,000 names it never shows."""

    __slots__ = ("_grad_root", "_grad_sym", "_key", "_sym", "consumers", "grad", "id", "inputs", "kind", "meta",
                 "needs_grad", "op", "value")

    def __init__(self, id: int, kind: str, sym: Piece | tuple, op: Op | None = None,
                 inputs: list[Node] | None = None, value: np.ndarray | None = None, grad: np.ndarray | None = None,
                 needs_grad: bool = False, meta: dict | None = None, grad_sym: Piece | None = None,
                 consumers: list[tuple[Node, int]] | None = None) -> None:
        self.id = id
        self.kind = kind  # input | target | param | const | op
        self._sym = sym
        self._key = sym if isinstance(sym, tuple) else None
        self.op = op
        self.inputs = [] if inputs is None else inputs
        self.value = value
        self.grad = grad
        self.needs_grad = needs_grad
        self.meta = {} if meta is None else meta
        self._grad_sym = grad_sym  # set by Graph.finish: δ for weighted sums, else ∂J/∂node
        self._grad_root: Piece | None = None
        self.consumers = [] if consumers is None else consumers

    @property
    def sym(self) -> Piece:
        if isinstance(self._sym, tuple):
            self._sym = make_sym(*self._sym)
        return self._sym

    @sym.setter
    def sym(self, value: Piece | tuple) -> None:
        self._sym = value
        self._key = value if isinstance(value, tuple) else None

    @property
    def key(self):
        """A cheap identity of the symbol (its arguments, or its text): equal keys, equal names."""
        return self._sym.text if self._key is None else self._key

    @property
    def grad_sym(self) -> Piece | None:
        if self._grad_sym is None and self._grad_root is not None:
            self._grad_sym = grad_of(self._grad_root, self.sym)
        return self._grad_sym

    @grad_sym.setter
    def grad_sym(self, value: Piece | None) -> None:
        self._grad_sym = value

    @property
    def is_leaf(self) -> bool:
        return self.op is None

    @property
    def shown_inputs(self) -> list[Node]:
        """The inputs drawn and explained (a loss's hidden logits left out)."""
        if self.op is None:
            return []
        return [n for k, n in enumerate(self.inputs) if not self.op.is_hidden(k)]

    @property
    def name(self) -> str:
        return self.sym.text

    def local(self, position: int):
        """∂self/∂(its input at ``position``) at the current values; None where the operation has
        no elementwise local derivative or a value is not known yet."""
        if self.op is None or self.value is None or any(n.value is None for n in self.inputs):
            return None
        with np.errstate(all="ignore"):
            return self.op.local(position, [n.value for n in self.inputs], self.value)

    def __repr__(self) -> str:
        return f"Node({self.id}, {self.kind}, {self.sym.text})"


class Graph:
    """Nodes in creation order (which is a topological order) and the output node."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.output: Node | None = None
        self.forward_order: list[Node] = []
        self.backward_order: list[Node] = []
        self._live: set[int] | None = None  # ids of the nodes whose value reaches the output
        self._params: list[Node] | None = None  # fixed by finish

    # ------------------------------------------------------------------ building
    def leaf(self, kind: str, symbol: Piece | tuple, value: float | np.ndarray, **meta) -> Node:
        assert kind in LEAF_KINDS
        node = Node(len(self.nodes), kind, symbol, value=np.asarray(value, dtype=np.float64), meta=meta)
        node.needs_grad = kind == "param" or (kind == "input" and meta.get("differentiable", False))
        self.nodes.append(node)
        return node

    def leaves(self, kind: str, symbols: list[tuple], values: np.ndarray, metas: list[dict]) -> list[Node]:
        """Many leaves at once (a column of weights): ``leaf`` for each, without its per-call cost."""
        assert kind in ("target", "param", "const")  # inputs may be differentiable: one leaf() each
        values = np.array(values, dtype=np.float64)  # a copy: each node holds one entry as a 0-d array
        start, needs_grad = len(self.nodes), kind == "param"
        nodes = [Node(start + k, kind, symbol, None, (), values[k, ...], None, needs_grad, meta, None, [])
                 for k, (symbol, meta) in enumerate(zip(symbols, metas, strict=True))]
        self.nodes.extend(nodes)
        return nodes

    def apply(self, op: Op, inputs: list[Node], symbol: Piece | tuple, **meta) -> Node:
        node = Node(len(self.nodes), "op", symbol, op=op, inputs=list(inputs), meta=meta)
        node.needs_grad = any(n.needs_grad for n in inputs)
        for position, parent in enumerate(inputs):
            parent.consumers.append((node, position))
        self.nodes.append(node)
        return node

    def finish(self, output: Node, root_symbol: Piece | None = None,
               backward_order: list[Node] | None = None) -> Graph:
        """Fix the output and the visiting orders. The default backward order is reverse topological."""
        self.output = output
        root = root_symbol or output.sym
        output.grad_sym = output.grad_sym or grad_of(root, root)
        for node in self.nodes:
            node._grad_root = root  # ∂root/∂node, built when first shown
        self.forward_order = [n for n in self.nodes if not n.is_leaf]
        self._live = self._reaching(output)
        wanted = [n for n in reversed(self.nodes)
                  if n is output or (n.needs_grad and (n.is_leaf or n.id in self._live))]
        if backward_order is None:
            self.backward_order = wanted
        else:
            assert set(backward_order) == set(wanted), "backward order must visit every node that needs a gradient"
            self.backward_order = backward_order
        seen: set[int] = set()
        for node in self.backward_order:
            for use in node.consumers:  # consumers not yet visited: usually none (a loop, not a list: 200,000 nodes)
                if use[0].id not in seen:
                    late = {u for u in node.consumers if u[0].id not in seen}
                    assert not late & set(self.grad_consumers(node)), f"{node} visited before a consumer"
                    break
            seen.add(node.id)
        self._params = [n for n in self.nodes if n.kind == "param"]
        return self

    def _reaching(self, output: Node) -> set[int]:
        """The nodes whose value flows into ``output`` along edges that carry a gradient."""
        live = {output.id}
        for node in reversed(self.nodes[:output.id]):  # creation order is topological
            for c, i in node.consumers:  # a loop, not any(): no generator for each of 200,000 nodes
                if c.id in live and not c.op.is_hidden(i):
                    live.add(node.id)
                    break
        return live

    # ------------------------------------------------------------------ queries
    def reaches_output(self, node: Node) -> bool:
        """False for a node whose value the output never uses (it has no backward step)."""
        return self._live is None or node.id in self._live

    @property
    def params(self) -> list[Node]:
        if self._params is None:
            return [n for n in self.nodes if n.kind == "param"]
        return self._params

    def find(self, **meta) -> list[Node]:
        return [n for n in self.nodes if all(n.meta.get(k) == v for k, v in meta.items())]

    def by_name(self, name: str) -> Node:
        for node in self.nodes:
            if node.sym.text == name:
                return node
        raise KeyError(name)

    def grad_consumers(self, node: Node) -> list[tuple[Node, int]]:
        """The consumers through which gradient flows back into ``node`` (not through hidden inputs)."""
        live = self._live
        return [(c, i) for c, i in node.consumers
                if (c.needs_grad or c is self.output) and not c.op.is_hidden(i) and (live is None or c.id in live)]

    def to_networkx(self):
        """The graph as a networkx DiGraph of node ids (for layouts)."""
        import networkx as nx  # only views need it; the command line starts faster without

        g = nx.DiGraph()
        for node in self.nodes:
            g.add_node(node.id, kind=node.kind, label=node.sym.text)
        for node in self.nodes:
            for parent in node.shown_inputs:
                g.add_edge(parent.id, node.id)
        return g

    # ------------------------------------------------------------------ computing one node
    def compute_value(self, node: Node) -> np.ndarray:
        assert node.op is not None
        with np.errstate(all="ignore"):  # ∞ and NaN are shown as values, not printed as warnings
            return np.asarray(node.op.forward([n.value for n in node.inputs]), dtype=np.float64)

    def compute_grad(self, node: Node) -> np.ndarray:
        """Σ over consumers c of ∂J/∂c · ∂c/∂node, or 1 for the output (the seed)."""
        if node is self.output:
            return np.ones_like(np.asarray(node.value, dtype=np.float64))
        total = np.zeros_like(np.asarray(node.value, dtype=np.float64))
        with np.errstate(all="ignore"):
            for consumer, position in self.grad_consumers(node):
                total += self.contribution(consumer, position)
        return total

    @staticmethod
    def contribution(consumer: Node, position: int, xs: list | None = None) -> np.ndarray:
        """∂J/∂c · ∂c/∂xᵢ for one consumer c and its input i, with a zero factor winning (0·∞ = 0).

        ``xs`` are the consumer's input values (default: as they are now). Call it inside
        ``np.errstate(all="ignore")``: ∞ and NaN are results here, not warnings.
        """
        op, out = consumer.op, consumer.value
        if xs is None:
            xs = [n.value for n in consumer.inputs]
        if op.own_vjp:  # not elementwise (or its own product): only a zero gradient can be seen
            g = np.asarray(consumer.grad, dtype=np.float64)
            product = np.asarray(op.vjp(position, g, xs, out), dtype=np.float64)
            if product.shape == g.shape and not np.all(np.isfinite(product)):
                product = np.where(g == 0, 0.0, product)
            return product
        local = np.asarray(op.local(position, xs, out), dtype=np.float64)
        g = consumer.grad
        if local.ndim == 0 and np.ndim(g) == 0 and np.ndim(xs[position]) == 0:  # scalars: the common case, fast
            gf, lf = float(g), float(local)
            return np.float64(0.0 if gf == 0.0 or lf == 0.0 else gf * lf)
        g = np.asarray(g, dtype=np.float64)
        product = g * local
        if not np.all(np.isfinite(product)):
            product = np.where((g == 0) | (local == 0), 0.0, product)
        return _unbroadcast(product, np.shape(xs[position]))

    # ------------------------------------------------------------------ whole passes
    def clear(self) -> None:
        for node in self.nodes:
            node.grad = None
            if not node.is_leaf:
                node.value = None

    def forward(self) -> np.ndarray:
        for node in self.forward_order:
            node.value = self.compute_value(node)
        assert self.output is not None
        return self.output.value

    def backward(self) -> None:
        for node in self.backward_order:
            node.grad = self.compute_grad(node)



# ---------------------------------------------------------------------- why a number is not finite
_DOMAINS = {
    "log": Message("reason.log"),
    "sqrt": Message("reason.sqrt"),
    "div": Message("reason.division_by_zero"),
    "exp": Message("reason.exp"),
}
TOO_LARGE = Message("reason.too_large")
NOT_FINITE = Message("reason.not_finite")


def _finite(value) -> bool:
    return value is not None and bool(np.all(np.isfinite(value)))


def value_reason(op: Op, xs: list, out) -> Message | None:
    """Why ``out`` = op(xs) is not a finite number although every input is; None otherwise."""
    if _finite(out) or not all(_finite(x) for x in xs):
        return None
    name = op.name
    if name == "pow":
        base = np.asarray(xs[0], dtype=np.float64)
        exponent = np.asarray(xs[1] if len(xs) > 1 else getattr(op, "p", 1.0), dtype=np.float64)
        if np.any((base == 0) & (exponent < 0)):
            return Message("reason.zero_negative_power")
        if np.any((base < 0) & (exponent != np.round(exponent))):
            return Message("reason.negative_base")
        return TOO_LARGE
    if name == "div" and not np.all(np.asarray(xs[1]) != 0):
        return _DOMAINS["div"]
    if name in _DOMAINS and name != "div":
        return _DOMAINS[name]
    return TOO_LARGE if not np.any(np.isnan(out)) else NOT_FINITE


def gradient_reason(graph: Graph, node: Node) -> Message | None:
    """Why ``node.grad`` is not a finite number although every gradient it is built from is; None otherwise.

    Names the consumer whose local derivative is not finite at its input's value, or says the
    product grew too large.
    """
    if _finite(node.grad) or node is graph.output:
        return None
    consumers = graph.grad_consumers(node)
    if not all(_finite(c.grad) and _finite(c.value) and all(_finite(n.value) for n in c.inputs)
               for c, _ in consumers):
        return None
    for consumer, position in consumers:
        with np.errstate(all="ignore"):
            local = consumer.op.local(position, [n.value for n in consumer.inputs], consumer.value)
        if local is not None and not _finite(local):
            at = np.asarray(node.value, dtype=np.float64)
            where = fmt(float(at)) if at.ndim == 0 else Message("reason.this_value")
            return Message("reason.derivative", of=consumer.sym.text, wrt=node.sym.text, at=where)
    return TOO_LARGE


def non_finite_error(node: Node, symbol: str, reason: str, step: int | None = None) -> StudioError:
    """The one-line error for a value or gradient that is not finite: where (the program's line and
    column, or the step number) and why."""
    line = node.meta.get("line")
    if line:
        return ExpressionError(Message("value.not_finite", symbol=symbol, reason=reason), int(line),
                               int(node.meta.get("column", 0)))
    if step:
        return StudioError(Message("at", where=Message("where.step", step=step),
                                   problem=Message("value.not_finite", symbol=symbol, reason=reason)))
    return StudioError(Message("value.not_finite", symbol=symbol, reason=reason))
