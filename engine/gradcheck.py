"""Gradient check: analytic gradients against central differences in float64.

For a scalar x the numeric derivative is

    numeric = (J(x + h) − J(x − h)) / ((x + h) − (x − h)),   h = ε·max(1, |x|)

The step is relative to the value's magnitude, so a weight of 1e10 is still moved (a fixed
1e-6 rounds back to x there), and the divisor is the step actually represented in floating
point, not 2h. The nudged leaf is restored to the very array it held.

Near 0 a step of ε is large next to x: for 1/x, log x or √x at x = 1e-5 it overshoots the
curvature (or crosses 0 into NaN), so an expression's leaf with 0 < |x| < 1 that fails with it
is checked again with h = ε·|x|, and the closer of the two differences counts. Both are true
central differences, so a wrong derivative still fails.

What is checked:

* ``gradcheck(graph)``: every leaf of any finished graph that needs a gradient (expression
  lessons), against the graph's own forward pass. A graph whose output is not a scalar is
  checked on the sum of its output, which is what the backward pass's seed of ones
  differentiates.
* ``network_gradcheck(network, data)``: the gradients of J (the mean over the samples of
  L, plus λ/2·Σ‖W‖²) as each of the app's three paths computes them, every one against the
  same central differences:

  - ``graph``: the step graph the stepper walks (one graph per sample);
  - ``grads``: the batched whole pass (``engine.batched.gradients``), which
    ``python -m engine grads`` prints;
  - ``training``: the gradient of one full-batch training step (``engine.training``).

  J(x ± h) is recomputed with the batched forward pass only, and only from the nudged
  parameter's layer on (the layers before it do not change). Only the first ``max_samples``
  samples are used. A layer with more than ``max_per_group`` weights (or biases) is checked
  on a seeded random sample of them, and the step graph is compiled only while the sample
  graphs stay within ``GRAPH_NODE_BUDGET`` parameter nodes: the report's notes say what was
  left out.

Relative error, per element:

    error = |a − n| / max(|a| + |n|, floor),   floor = 1e-3 · max(1, |J|)

Central differences in float64 carry rounding noise of about 1e-16·|J|/h ≈ 1e-10·|J|, so the
relative error of a gradient much smaller than that noise says nothing. Below the floor the
measure becomes an absolute error scaled by the floor: a wrong gradient is still caught once
it is off by more than about threshold × floor (1e-9 for |J| ≤ 1), while a gradient of 1e-12
is not failed for noise. A NaN or infinite gradient on either side fails unless both sides
agree exactly.

The check passes when the largest error is at most ``threshold`` (1e-6 by default).
``by_group()`` gives the largest error per parameter group: W₁, b₁, … for networks (layer and
role), the variable's name for expressions, and the leaf's symbol otherwise; ``by_path()``
the same per path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from . import batched
from .compile import compile_network, graph_gradients
from .errors import StudioError, ValidationError
from .formula import fmt, sym
from .graph import Graph, Node
from .messages import Message
from .network import Layer, Network
from .notation import symbol_piece
from .roles import Role

DEFAULT_EPS = 1e-6
DEFAULT_THRESHOLD = 1e-6
FLOOR_SCALE = 1e-3
MAX_SAMPLES = 64
MAX_PER_GROUP = 300  # a layer's weights (or biases) beyond this many are checked on a random sample
GRAPH_NODE_BUDGET = 10_000  # parameter nodes over all the sample graphs the step-graph check compiles
PATHS = {"graph": "step graph", "grads": "grads (batched)", "training": "training step"}


class GradcheckStopped(Exception):
    """The caller asked to stop (``should_stop`` returned True)."""


@dataclass(frozen=True)
class LeafCheck:
    """One scalar compared: a leaf, or one element of an array-valued leaf, on one path."""

    name: str
    group: str
    analytic: float
    numeric: float
    error: float
    path: str = "graph"


@dataclass
class GradcheckReport:
    checks: list[LeafCheck]
    eps: float = DEFAULT_EPS
    threshold: float = DEFAULT_THRESHOLD
    floor: float = FLOOR_SCALE
    objective: float = 0.0
    samples_used: int | None = None  # networks only
    samples_total: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def max_error(self) -> float:
        return max((c.error for c in self.checks), default=0.0)

    @property
    def passed(self) -> bool:
        return self.max_error <= self.threshold

    @property
    def worst(self) -> LeafCheck | None:
        return max(self.checks, key=lambda c: c.error, default=None)

    @property
    def paths(self) -> list[str]:
        """The paths checked, in the order of PATHS."""
        present = {c.path for c in self.checks}
        return [p for p in PATHS if p in present]

    def by_group(self, path: str | None = None) -> dict[str, float]:
        """The largest relative error in each parameter group (over every path, or one), in first-seen order."""
        groups: dict[str, float] = {}
        for check in self.checks:
            if path is None or check.path == path:
                groups[check.group] = max(groups.get(check.group, 0.0), check.error)
        return groups

    def by_path(self) -> dict[str, dict[str, float]]:
        return {path: self.by_group(path) for path in self.paths}

    def to_dict(self) -> dict:
        return {
            "passed": self.passed,
            "max_error": self.max_error,
            "threshold": self.threshold,
            "eps": self.eps,
            "objective": self.objective,
            "samples_used": self.samples_used,
            "samples_total": self.samples_total,
            "groups": self.by_group(),
            "paths": self.by_path(),
            "checks": [{"name": c.name, "group": c.group, "path": c.path, "analytic": c.analytic,
                        "numeric": c.numeric, "error": c.error} for c in self.checks],
            "notes": list(self.notes),
        }

    def summary(self) -> str:
        """A short report for people: one line per parameter group and a column per path, then the verdict."""
        lines = [f"Gradient check: central differences in float64, step h = ε·max(1, |x|), ε = {self.eps:g}"]
        if self.samples_total is not None:
            lines.append(f"objective J averaged over {self.samples_used} of {self.samples_total} samples")
        lines.extend(self.notes)
        paths = self.paths or ["graph"]
        groups = self.by_group()
        width = max((len(g) for g in groups), default=5)
        columns = [PATHS[p] if len(paths) > 1 else "largest relative error" for p in paths]
        lines.append("  ".join(["group".ljust(width), *(c.ljust(16) for c in columns)]).rstrip())
        per_path = self.by_path()
        for group in groups:
            cells = [f"{per_path[p][group]:.3e}" if group in per_path.get(p, {}) else "—" for p in paths]
            lines.append("  ".join([group.ljust(width), *(c.ljust(16) for c in cells)]).rstrip())
        verdict = "passed" if self.passed else "FAILED"
        worst = self.worst
        detail = "" if worst is None or self.passed else (
            f" (worst {worst.name} on the {PATHS[worst.path]}: analytic {fmt(worst.analytic)}, "
            f"numeric {fmt(worst.numeric)})")
        relation = "≤" if self.passed else ">"
        lines.append(f"largest relative error {self.max_error:.3e} {relation} {self.threshold:g}: {verdict}{detail}")
        return "\n".join(lines)


# ---------------------------------------------------------------------- measures
def relative_error(analytic: float, numeric: float, floor: float) -> float:
    """|a − n| / max(|a| + |n|, floor); non-finite values fail unless identical."""
    a, n = float(analytic), float(numeric)
    if not (np.isfinite(a) and np.isfinite(n)):
        return 0.0 if a == n else float("inf")
    return abs(a - n) / max(abs(a) + abs(n), floor)


def central_difference(function: Callable[[float], float], x: float, eps: float = DEFAULT_EPS,
                       size: float | None = None) -> float:
    """(f(x + h) − f(x − h)) / ((x + h) − (x − h)) with h = ε·max(1, |x|), or ε·size when given."""
    x = float(x)
    h = eps * (max(1.0, abs(x)) if size is None else size)
    up, down = x + h, x - h
    with np.errstate(all="ignore"):
        return (function(up) - function(down)) / (up - down)


def group_of(node: Node) -> str:
    """W₁, b₁, … for network parameters; the variable's name for expressions; else the symbol."""
    meta = node.meta
    if meta.get("role") == Role.WEIGHT and "layer" in meta:
        return sym("W", meta["layer"]).text
    if meta.get("role") == Role.BIAS and "layer" in meta:
        return sym("b", meta["layer"]).text
    if "variable" in meta:
        return str(meta["variable"])
    return node.sym.text


def _element_name(node: Node, index: tuple[int, ...], size: int) -> str:
    if size == 1:
        return node.sym.text
    return f"{node.sym.text}[{','.join(str(i + 1) for i in index)}]"


# ---------------------------------------------------------------------- any graph
def gradcheck(graph: Graph, eps: float = DEFAULT_EPS, threshold: float = DEFAULT_THRESHOLD,
              floor: float | None = None) -> GradcheckReport:
    """Check every leaf that needs a gradient. Leaves the graph after one full forward and backward pass."""
    if graph.output is None:
        raise ValueError("the graph is not finished: it has no output")
    leaves = [node for node in graph.nodes if node.is_leaf and node.needs_grad]
    with np.errstate(all="ignore"):
        graph.forward()
        graph.backward()
        objective = float(np.sum(graph.output.value))
        analytic = {leaf.id: np.array(leaf.grad, dtype=np.float64) for leaf in leaves}
        scale = FLOOR_SCALE * max(1.0, abs(objective)) if floor is None else float(floor)
        checks, near_zero = [], []
        for leaf in leaves:
            original = leaf.value
            for index in np.ndindex(np.shape(original)):
                def nudged(v, leaf=leaf, original=original, index=index):
                    array = np.array(original, dtype=np.float64, copy=True)
                    array[index] = v
                    leaf.value = array
                    return float(np.sum(graph.forward()))
                x = float(np.asarray(original)[index])
                a = float(analytic[leaf.id][index])
                try:
                    numeric = central_difference(nudged, x, eps)
                    error = relative_error(a, numeric, scale)
                    if error > threshold and 0 < abs(x) < 1:  # 1/x, log x, √x near 0: a step that shrinks with x
                        close = central_difference(nudged, x, eps, size=abs(x))
                        if relative_error(a, close, scale) < error:
                            numeric, error = close, relative_error(a, close, scale)
                            near_zero.append(_element_name(leaf, index, np.size(original)))
                finally:
                    leaf.value = original
                checks.append(LeafCheck(_element_name(leaf, index, np.size(original)), group_of(leaf), a, numeric,
                                        error))
        graph.forward()  # leave the graph as after one full pass at the original values
        graph.backward()
    notes = [Message("check.near_zero", names=_listed(near_zero))] if near_zero else []
    return GradcheckReport(checks, eps=eps, threshold=threshold, floor=scale, objective=objective, notes=notes)


def _listed(names: list[str], limit: int = 5) -> str:
    return ", ".join(names[:limit]) + (", …" if len(names) > limit else "")


# ---------------------------------------------------------------------- networks
class _Objective:
    """J of a network copy on fixed samples, with one parameter changed: only its layer and those after it are
    recomputed (the batched forward pass, from a cache of the unchanged layers)."""

    def __init__(self, network: Network, inputs: np.ndarray, targets: np.ndarray) -> None:
        self.net = network.copy()
        self.targets = targets
        self.cache = batched.forward(self.net, inputs)
        depth = self.net.depth
        self.tails = {layer: Network([Layer(self.net.sizes[layer]), *self.net.layers[layer + 1:]], self.net.loss,
                                     0.0) for layer in range(1, depth)}

    def __call__(self, layer: int, role: str, index: tuple, value: float) -> float:
        net, cache = self.net, self.cache
        array = net.weights(layer) if role == Role.WEIGHT else net.biases(layer)
        old = float(array[index])
        column = index[-1]
        z = cache.z[layer].copy()
        z[:, column] += (value - old) * (cache.a[layer - 1][:, index[0]] if role == Role.WEIGHT else 1.0)
        array[index] = value
        try:
            a = batched.activate(net.activation(layer), z)
            if layer < net.depth:
                tail = batched.forward(self.tails[layer], a)
                z, a = tail.z[-1], tail.a[-1]
            loss = batched.data_loss(net.loss, net.activation(net.depth), z, a, self.targets)
            return loss + batched.weight_penalty(net)
        finally:
            array[index] = old


def _training_gradients(network: Network, inputs: np.ndarray, targets: np.ndarray):
    """∂J/∂W and ∂J/∂b as one full-batch training step computes them (SGD, before the update)."""
    from .config import TrainingConfig
    from .document import Data
    from .training import Trainer

    trainer = Trainer(network.copy(), Data(inputs, targets), TrainingConfig(learning_rate=1.0, iterations=1))
    trainer.step()  # SGD scales the gradient buffer by the learning rate 1.0: it still holds ∂J/∂θ exactly
    views = trainer.grad_views[1:]
    return [v[:-1].copy() for v in views], [v[-1].copy() for v in views]


def _chosen(size: int, limit: int, rng: np.random.Generator) -> np.ndarray:
    return np.arange(size) if size <= limit else np.sort(rng.choice(size, size=limit, replace=False))


def network_gradcheck(network: Network, data, eps: float = DEFAULT_EPS, threshold: float = DEFAULT_THRESHOLD,
                      granularity: str = "neuron", max_samples: int = MAX_SAMPLES,
                      max_per_group: int = MAX_PER_GROUP, floor: float | None = None, seed: int = 0,
                      graph_budget: int = GRAPH_NODE_BUDGET, progress: Callable[[int, int], bool] | None = None
                      ) -> GradcheckReport:
    """Check ∂J/∂W and ∂J/∂b of a network on the step graph, the batched pass and a training step.

    ``data`` has ``inputs`` and ``targets`` rows (a Document's Data), or is a pair (X, Y).
    ``progress(done, total)`` is called as parameters are checked; when it returns True the
    check stops with GradcheckStopped.
    """
    if data is None:
        raise ValidationError("data", Message("check.no_samples"))
    inputs, targets = (data.inputs, data.targets) if hasattr(data, "inputs") else data
    inputs = np.atleast_2d(np.asarray(inputs, dtype=np.float64))
    targets = np.atleast_2d(np.asarray(targets, dtype=np.float64))
    if len(inputs) != len(targets) or len(inputs) == 0:
        raise ValidationError("data", Message("check.rows"))
    total = len(inputs)
    used = min(total, max_samples)
    inputs, targets = inputs[:used], targets[:used]
    notes = [Message("check.first_samples", used=used, total=total)] if used < total else []

    with np.errstate(all="ignore"):
        objective = _Objective(network, inputs, targets)
        result = batched.gradients(network, inputs, targets)
        analytic = {"grads": (result.weights, result.biases)}
        try:
            analytic["training"] = _training_gradients(network, inputs, targets)
        except StudioError as exc:
            notes.append(Message("check.training_not_checked", reason=exc.whole))
        count = network.parameter_count()
        graph_samples = min(used, graph_budget // max(count, 1))
        if graph_samples >= 1:
            graphs = [compile_network(network, inputs[k], targets[k], granularity) for k in range(graph_samples)]
            for graph in graphs:
                graph.forward()
                graph.backward()
            parts = [graph_gradients(graph, network) for graph in graphs]
            analytic["graph"] = ([np.mean([p[0][k] for p in parts], axis=0) for k in range(network.depth)],
                                 [np.mean([p[1][k] for p in parts], axis=0) for k in range(network.depth)])
            if graph_samples < used:
                notes.append(Message("check.graph_first_samples", used=graph_samples, total=used))
        else:
            notes.append(Message("check.graph_not_checked", limit=f"{graph_budget:,}", count=f"{count:,}"))
        graph_objective = _Objective(network, inputs[:graph_samples], targets[:graph_samples]) \
            if 1 <= graph_samples < used else objective

        rng = np.random.default_rng(seed)
        chosen = []
        for layer in range(1, network.depth + 1):
            groups = [(Role.WEIGHT, network.weights(layer), "check.weights_chosen")]
            if network.has_bias(layer):  # a layer without bias has no bias to check
                groups.append((Role.BIAS, network.biases(layer), "check.biases_chosen"))
            for role, array, kind in groups:
                picked = _chosen(array.size, max_per_group, rng)
                group = symbol_piece(network.notation, "W" if role == Role.WEIGHT else "b", layer).text
                if len(picked) < array.size:
                    notes.append(Message(kind, picked=f"{len(picked):,}", total=f"{array.size:,}", group=group))
                chosen += [(layer, role, np.unravel_index(k, array.shape)) for k in picked]

        j_value = result.objective
        scale = FLOOR_SCALE * max(1.0, abs(j_value)) if floor is None else float(floor)
        checks: list[LeafCheck] = []
        for done, (layer, role, index) in enumerate(chosen):
            if progress is not None and progress(done, len(chosen)):
                raise GradcheckStopped
            array = network.weights(layer) if role == Role.WEIGHT else network.biases(layer)
            x = float(array[index])
            numeric = central_difference(lambda v, a=(layer, role, index): objective(*a, v), x, eps)
            name, group = _parameter_name(network, layer, role, index)
            for path, (weights, biases) in analytic.items():
                n = numeric
                if path == "graph" and graph_objective is not objective:
                    n = central_difference(lambda v, a=(layer, role, index): graph_objective(*a, v), x, eps)
                a = float((weights if role == Role.WEIGHT else biases)[layer - 1][index])
                checks.append(LeafCheck(name, group, a, n, relative_error(a, n, scale), path))
        if progress is not None:
            progress(len(chosen), len(chosen))
    report = GradcheckReport(checks, eps=eps, threshold=threshold, floor=scale, objective=j_value,
                             samples_used=used, samples_total=total, notes=notes)
    return report


def _parameter_name(network: Network, layer: int, role: str, index: tuple) -> tuple[str, str]:
    """The parameter's symbol as the step graph names it (W₁[i,j], b₁[j], b₂ for a one-neuron layer) and group."""
    name = lambda *args: symbol_piece(network.notation, *args).text  # noqa: E731
    if role == Role.WEIGHT:
        return name("W", layer, [index[0] + 1, index[1] + 1]), name("W", layer)
    size = network.sizes[layer]
    return name("b", layer, [index[0] + 1] if size > 1 else None), name("b", layer)
