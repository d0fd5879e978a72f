"""Where the layer-granularity graph's shapes go: d2l's figure 4.7.1, computed from the network.

Squares are variables, circles are operators. The forward chain runs left to right along
one row (the input at its left); each weight matrix sits above its ×, each bias below its +
(an affine z = a·W + b is drawn as × then + with b, no square between), the target below
the loss operator l. With weight decay a top row holds ‖·‖² (fed by every W), s, and the
+ above L that makes J, so the objective is at the upper right as in the book. A linear
activation draws no operator: the affine result is the layer's output square.

Positions only (plain numbers, no Qt): gui/graph/layer_drawing.py draws them. Each shape
carries the *part* it stands for, ("z", layer), ("weight", layer), ("loss",), …, which
``engine.compile_layer.layer_part`` reads from a node of the lesson's layer graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.network import Network


@dataclass
class Shape:
    """One square (``op`` empty) or circle of the figure, centred at (x, y)."""

    part: tuple  # what it stands for; an operator has the part of the variable it makes
    op: str = ""  # "", "matmul", "bias_add", "activation", "loss", "decay", "objective"
    x: float = 0.0
    y: float = 0.0
    parts: tuple = ()  # a square's parts: its own and, for a linear layer's output, the z it equals
    activation: str = ""

    @property
    def is_operator(self) -> bool:
        return bool(self.op)

    @property
    def is_parameter(self) -> bool:
        return self.part[0] in ("weight", "bias")


@dataclass
class Edge:
    source: int  # index into Figure.shapes
    target: int
    points: list[tuple[float, float]] = field(default_factory=list)  # a polyline, source to target


@dataclass
class Figure:
    shapes: list[Shape] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    climb: int | None = None  # two bands: the edge from the bottom band's end up to the top band's start

    def add(self, shape: Shape) -> int:
        if not shape.op and not shape.parts:
            shape.parts = (shape.part,)
        self.shapes.append(shape)
        return len(self.shapes) - 1

    def link(self, source: int, target: int) -> None:
        self.edges.append(Edge(source, target))

    @property
    def variables(self) -> list[Shape]:
        return [s for s in self.shapes if not s.op]

    @property
    def operators(self) -> list[Shape]:
        return [s for s in self.shapes if s.op]


@dataclass(frozen=True)
class Metrics:
    """Sizes in scene pixels: a square's width and height, a circle's radius, the gap along the chain,
    and the distance between rows."""

    box_w: float
    box_h: float
    radius: float
    gap: float
    row: float


def has_bias(network: Network, layer: int) -> bool:
    """Whether ``layer`` adds a bias (a file may declare ``"bias": false``)."""
    ask = getattr(network, "has_bias", None)
    return True if ask is None else bool(ask(layer))


def figure(network: Network, m: Metrics) -> Figure:
    """The shapes and edges of ``network``'s layer graph, placed (see the module's docstring)."""
    fig = Figure()
    right = 0.0  # the right edge of the chain so far

    def along(width: float) -> float:  # the centre of the chain's next shape, ``width`` wide
        nonlocal right
        centre = right + (m.gap if right else 0.0) + width / 2
        right = centre + width / 2
        return centre

    box, circle = m.box_w, 2 * m.radius
    previous = fig.add(Shape(("input",), x=along(box)))
    weights: list[int] = []
    for layer in range(1, len(network.sizes)):
        activation = network.activation(layer)
        linear = activation == "linear"
        z_part, a_part = ("z", layer), ("a", layer)
        made = a_part if linear else z_part
        last_op = fig.add(Shape(made, "matmul", along(circle)))
        weights.append(fig.add(Shape(("weight", layer), x=fig.shapes[last_op].x, y=-m.row)))
        fig.link(previous, last_op)
        fig.link(weights[-1], last_op)
        if has_bias(network, layer):
            plus = fig.add(Shape(made, "bias_add", along(circle)))
            bias = fig.add(Shape(("bias", layer), x=fig.shapes[plus].x, y=m.row))
            fig.link(last_op, plus)
            fig.link(bias, plus)
            last_op = plus
        previous = fig.add(Shape(made, x=along(box), parts=(a_part, z_part) if linear else (z_part,)))
        fig.link(last_op, previous)
        if not linear:
            phi = fig.add(Shape(a_part, "activation", along(circle), activation=activation))
            fig.link(previous, phi)
            previous = fig.add(Shape(a_part, x=along(box)))
            fig.link(phi, previous)
    loss_op = fig.add(Shape(("loss",), "loss", along(circle)))
    target = fig.add(Shape(("target",), x=fig.shapes[loss_op].x, y=m.row))
    loss = fig.add(Shape(("loss",), x=along(box)))
    fig.link(previous, loss_op)
    fig.link(target, loss_op)
    fig.link(loss_op, loss)
    if network.weight_decay > 0:
        top = -2 * m.row
        norm = fig.add(Shape(("decay",), "decay", fig.shapes[weights[-1]].x, top))
        s = fig.add(Shape(("decay",), x=fig.shapes[norm].x + m.radius + m.gap + box / 2, y=top))
        plus_x = max(fig.shapes[loss].x, fig.shapes[s].x + box / 2 + m.gap + m.radius)
        plus = fig.add(Shape(("objective",), "objective", plus_x, top))
        j = fig.add(Shape(("objective",), x=plus_x + m.radius + m.gap + box / 2, y=top))
        for w in weights:
            fig.link(w, norm)
        fig.link(norm, s)
        fig.link(loss, plus)
        fig.link(s, plus)
        fig.link(plus, j)
    if network.weight_decay <= 0 and len(network.sizes) > 2:
        _wrap(fig, network, m)
    route(fig, m)
    return fig


def _wrap(fig: Figure, network: Network, m: Metrics) -> None:
    """Two bands, as the tab is wide and short: the first half of the layers along the bottom, the rest and
    the loss above it (the input lower left, the objective upper right); the chain climbs from the end of
    the bottom band back to the start of the top one along a corridor between the bands."""
    layers = len(network.sizes) - 1
    first = (layers + 1) // 2 + 1  # the first layer of the top band
    start = next(i for i, s in enumerate(fig.shapes) if s.op == "matmul" and s.part[1] == first)
    shift_x = fig.shapes[start].x - fig.shapes[0].x
    shift_y = 2 * m.row + m.box_h + 2 * m.gap
    for shape in fig.shapes[start:]:
        shape.x -= shift_x
        shape.y -= shift_y
    fig.climb = next(k for k, e in enumerate(fig.edges) if e.target == start and not fig.shapes[e.source].op
                     and not fig.shapes[e.source].is_parameter)


def route(fig: Figure, m: Metrics) -> None:
    """Each edge as a polyline from the source's border to the target's: straight along the chain, up or
    down to a parameter or the + of J; an earlier weight's edge to ‖·‖² goes up, then right to the circle
    (the leftmost highest, so that these corners never cross each other)."""
    climb = None if fig.climb is None else fig.edges[fig.climb]
    corners = [e for e in fig.edges if e is not climb and not _aligned(fig.shapes[e.source], fig.shapes[e.target])]
    for edge in fig.edges:
        a, b = fig.shapes[edge.source], fig.shapes[edge.target]
        if edge is climb:  # right, up to the corridor between the bands, left along it, up into the top band
            corridor = a.y - m.row - m.box_h / 2 - m.gap
            right, left = a.x + _half_w(a, m) + m.gap, b.x - _half_w(b, m) - m.gap
            edge.points = [(a.x + _half_w(a, m), a.y), (right, a.y), (right, corridor), (left, corridor),
                           (left, b.y), (b.x - _half_w(b, m), b.y)]
        elif abs(a.y - b.y) < 1e-9:  # along a row
            edge.points = [(a.x + _half_w(a, m), a.y), (b.x - _half_w(b, m), b.y)]
        elif abs(a.x - b.x) < 1e-9:  # straight up or down
            sign = 1.0 if b.y > a.y else -1.0
            edge.points = [(a.x, a.y + sign * _half_h(a, m)), (b.x, b.y - sign * _half_h(b, m))]
        else:
            k = corners.index(edge)
            dy = -(len(corners) - 1 - k) * min(0.45, 0.9 / max(len(corners) - 1, 1)) * m.radius
            dx = (max(m.radius ** 2 - dy ** 2, 0.0)) ** 0.5
            edge.points = [(a.x, a.y - _half_h(a, m)), (a.x, b.y + dy), (b.x - dx, b.y + dy)]


def _aligned(a: Shape, b: Shape) -> bool:
    return abs(a.y - b.y) < 1e-9 or abs(a.x - b.x) < 1e-9


def _half_w(shape: Shape, m: Metrics) -> float:
    return m.radius if shape.op else m.box_w / 2


def _half_h(shape: Shape, m: Metrics) -> float:
    return m.radius if shape.op else m.box_h / 2
