"""Gradient check: the graph's backward pass against central differences in float64.

For every element of every leaf that needs a gradient, the output is recomputed with the
leaf nudged by ±ε (the leaf is then restored to the very array it held), and

    numeric = (J(x + ε) − J(x − ε)) / ((x + ε) − (x − ε))

is compared with the analytic ∂J/∂x from one full forward and backward pass. (The step is
divided by the difference actually represented in floating point, not by 2ε.) A graph
whose output is not a scalar is checked on the sum of its output, which is what the
backward pass's seed of ones differentiates.

Relative error, per element:

    error = |a − n| / max(|a| + |n|, floor),   floor = 1e-3 · max(1, |J|)

Central differences in float64 carry rounding noise of about 1e-16·|J|/ε ≈ 1e-10·|J|, so
the relative error of a gradient much smaller than that noise says nothing. Below the
floor the measure becomes an absolute error scaled by the floor: a wrong gradient is still
caught once it is off by more than about threshold × floor (1e-9 for |J| ≤ 1), while a
gradient of 1e-12 is not failed for noise. A NaN or infinite gradient on either side fails
unless both sides agree exactly.

The check passes when the largest error is at most ``threshold`` (1e-6 by default).
``by_group()`` gives the largest error per parameter group: W₁, b₁, … for networks (layer
and role), the variable's name for expressions, and the leaf's symbol otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .compile import compile_network
from .errors import ValidationError
from .formula import fmt, sym
from .graph import Graph, Node
from .network import Network

DEFAULT_EPS = 1e-6
DEFAULT_THRESHOLD = 1e-6
FLOOR_SCALE = 1e-3
MAX_SAMPLES = 64
MAX_PARAMETERS = 500  # network_gradcheck checks at most this many weights and biases


@dataclass(frozen=True)
class LeafCheck:
    """One scalar compared: a leaf, or one element of an array-valued leaf."""

    name: str
    group: str
    analytic: float
    numeric: float
    error: float


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

    def by_group(self) -> dict[str, float]:
        """The largest relative error in each parameter group, in the order the groups first appear."""
        groups: dict[str, float] = {}
        for check in self.checks:
            groups[check.group] = max(groups.get(check.group, 0.0), check.error)
        return groups

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
            "checks": [{"name": c.name, "group": c.group, "analytic": c.analytic, "numeric": c.numeric,
                        "error": c.error} for c in self.checks],
            "notes": list(self.notes),
        }

    def summary(self) -> str:
        """A short report for people: one line per parameter group, then the verdict."""
        lines = [f"Gradient check: central differences in float64, ε = {self.eps:g}"]
        if self.samples_total is not None:
            lines.append(f"objective J averaged over {self.samples_used} of {self.samples_total} samples")
        lines.extend(self.notes)
        width = max((len(g) for g in self.by_group()), default=5)
        lines.append(f"{'group'.ljust(width)}  largest relative error")
        for group, error in self.by_group().items():
            lines.append(f"{group.ljust(width)}  {error:.3e}")
        verdict = "passed" if self.passed else "FAILED"
        worst = self.worst
        detail = "" if worst is None or self.passed else (
            f" (worst {worst.name}: analytic {fmt(worst.analytic)}, numeric {fmt(worst.numeric)})")
        relation = "≤" if self.passed else ">"
        lines.append(f"largest relative error {self.max_error:.3e} {relation} {self.threshold:g}: {verdict}{detail}")
        return "\n".join(lines)

    to_text = summary


# ---------------------------------------------------------------------- measures
def relative_error(analytic: float, numeric: float, floor: float) -> float:
    """|a − n| / max(|a| + |n|, floor); non-finite values fail unless identical."""
    a, n = float(analytic), float(numeric)
    if not (np.isfinite(a) and np.isfinite(n)):
        return 0.0 if a == n else float("inf")
    return abs(a - n) / max(abs(a) + abs(n), floor)


def group_of(node: Node) -> str:
    """W₁, b₁, … for network parameters; the variable's name for expressions; else the symbol."""
    meta = node.meta
    if meta.get("role") == "weight" and "layer" in meta:
        return sym("W", meta["layer"]).text
    if meta.get("role") == "bias" and "layer" in meta:
        return sym("b", meta["layer"]).text
    if "variable" in meta:
        return str(meta["variable"])
    return node.sym.text


def _element_name(node: Node, index: tuple[int, ...], size: int) -> str:
    if size == 1:
        return node.sym.text
    return f"{node.sym.text}[{','.join(str(i + 1) for i in index)}]"


def _objective(graphs: list[Graph]) -> float:
    """The mean over graphs of each graph's (summed) output, recomputed by a forward pass."""
    return float(np.mean([np.sum(g.forward()) for g in graphs]))


def _central(graphs: list[Graph], leaves: list[Node], index: tuple[int, ...], eps: float) -> float:
    """Nudge the same element of ``leaves`` (one per graph) by ±ε; restore the original arrays exactly."""
    originals = [leaf.value for leaf in leaves]
    x = float(np.asarray(originals[0], dtype=np.float64)[index])
    up, down = x + eps, x - eps
    results = []
    try:
        for shifted in (up, down):
            for leaf, original in zip(leaves, originals, strict=True):
                nudged = np.array(original, dtype=np.float64, copy=True)
                nudged[index] = shifted
                leaf.value = nudged
            results.append(_objective(graphs))
    finally:
        for leaf, original in zip(leaves, originals, strict=True):
            leaf.value = original
    return (results[0] - results[1]) / (up - down)


def _check(graphs: list[Graph], leaf_sets: list[list[Node]], eps: float, threshold: float,
           floor: float | None) -> GradcheckReport:
    with np.errstate(all="ignore"):
        analytic_parts = []
        for graph in graphs:
            graph.forward()
            graph.backward()
        objective = float(np.mean([np.sum(g.output.value) for g in graphs]))
        for leaves in leaf_sets:
            analytic_parts.append(np.mean([np.asarray(leaf.grad, dtype=np.float64) for leaf in leaves], axis=0))
        scale = FLOOR_SCALE * max(1.0, abs(objective)) if floor is None else float(floor)
        checks = []
        for leaves, analytic in zip(leaf_sets, analytic_parts, strict=True):
            node = leaves[0]
            value = np.asarray(node.value)
            for index in np.ndindex(value.shape):
                numeric = _central(graphs, leaves, index, eps)
                a = float(analytic[index])
                checks.append(LeafCheck(_element_name(node, index, value.size), group_of(node), a, numeric,
                                        relative_error(a, numeric, scale)))
        for graph in graphs:  # leave every graph as after one full pass at the original values
            graph.forward()
            graph.backward()
    return GradcheckReport(checks, eps=eps, threshold=threshold, floor=scale, objective=objective)


# ---------------------------------------------------------------------- public API
def gradcheck(graph: Graph, eps: float = DEFAULT_EPS, threshold: float = DEFAULT_THRESHOLD,
              floor: float | None = None) -> GradcheckReport:
    """Check every leaf that needs a gradient. Leaves the graph after one full forward and backward pass."""
    if graph.output is None:
        raise ValueError("the graph is not finished: it has no output")
    leaves = [[node] for node in graph.nodes if node.is_leaf and node.needs_grad]
    return _check([graph], leaves, eps, threshold, floor)


def network_gradcheck(network: Network, data, eps: float = DEFAULT_EPS, threshold: float = DEFAULT_THRESHOLD,
                      granularity: str = "neuron", max_samples: int = MAX_SAMPLES,
                      max_parameters: int = MAX_PARAMETERS, floor: float | None = None) -> GradcheckReport:
    """Check ∂J/∂W and ∂J/∂b of a network, J being the mean over samples of each sample's J = L + s.

    ``data`` has ``inputs`` and ``targets`` rows (a Document's Data), or is a pair (X, Y).
    Each sample is compiled on its own (``compile_network``); only the first ``max_samples``
    samples and the first ``max_parameters`` parameters (in graph order: layer by layer,
    each neuron's weights then its bias) are checked, and the report says so.
    """
    if data is None:
        raise ValidationError("data", "missing: the gradient check needs samples")
    inputs, targets = (data.inputs, data.targets) if hasattr(data, "inputs") else data
    inputs = np.atleast_2d(np.asarray(inputs, dtype=np.float64))
    targets = np.atleast_2d(np.asarray(targets, dtype=np.float64))
    if len(inputs) != len(targets) or len(inputs) == 0:
        raise ValidationError("data", "the gradient check needs the same, non-zero number of input and target rows")
    total = len(inputs)
    used = min(total, max_samples)
    graphs = [compile_network(network, inputs[k], targets[k], granularity) for k in range(used)]
    params = [graph.params for graph in graphs]
    count = len(params[0])
    checked = min(count, max_parameters)
    leaf_sets = [[p[k] for p in params] for k in range(checked)]
    report = _check(graphs, leaf_sets, eps, threshold, floor)
    report.samples_used, report.samples_total = used, total
    if used < total:
        report.notes.append(f"checked on the first {used} of {total} samples")
    if checked < count:
        report.notes.append(f"checked the first {checked} of {count} parameters")
    return report
