"""``--self-test``: check the engine on the lecture example, from source or inside the frozen bundle.

The lecture file is found through the same ROOT rule as ``gui/paths.py`` (``sys._MEIPASS``
when frozen by PyInstaller, else the repository root), replicated here because the engine
never imports ``gui``.

Three computations must agree to 1e-12:
1. the step graph: ``NetworkLesson`` + ``stepper.run_to_end()``, read with ``graph_gradients``;
2. the batched path: ``engine.batched.gradients``;
3. an independent float64 derivation written out by hand below (scalar ``math.exp``, no numpy),
   with the lecture's numbers typed in, so a file that drifted from the lecture fails too.
"""

from __future__ import annotations

import contextlib
import math
import sys
from pathlib import Path

TOLERANCE = 1e-12

ROOT = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
LECTURE = ROOT / "resources" / "examples" / "lecture_2-2-1.json"


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def lecture_by_hand() -> dict[str, object]:
    """The 2-2-1 lecture network, derived with the chain rule one scalar at a time.

    z₁ = X·W₁ + b₁, a₁ = σ(z₁), z₂ = a₁·W₂ + b₂, ŷ = σ(z₂), L = ½(ŷ − y)².
    δ₂ = (ŷ − y)·ŷ(1 − ŷ);  ∂L/∂W₂[i] = a₁[i]·δ₂;  ∂L/∂b₂ = δ₂;
    δ₁[j] = δ₂·W₂[j]·a₁[j](1 − a₁[j]);  ∂L/∂W₁[i][j] = X[i]·δ₁[j];  ∂L/∂b₁[j] = δ₁[j].
    """
    x = [1.0, 2.0]
    w1 = [[0.5, 0.6], [0.7, 0.8]]
    b1 = [0.1, 0.2]
    w2 = [[0.9], [0.1]]
    b2 = [0.3]
    y = 0.5

    z1 = [x[0] * w1[0][j] + x[1] * w1[1][j] + b1[j] for j in range(2)]
    a1 = [_sigmoid(z) for z in z1]
    z2 = a1[0] * w2[0][0] + a1[1] * w2[1][0] + b2[0]
    y_hat = _sigmoid(z2)
    loss = 0.5 * (y_hat - y) ** 2

    delta2 = (y_hat - y) * y_hat * (1.0 - y_hat)
    grad_w2 = [[a1[0] * delta2], [a1[1] * delta2]]
    grad_b2 = [delta2]
    delta1 = [delta2 * w2[j][0] * a1[j] * (1.0 - a1[j]) for j in range(2)]
    grad_w1 = [[x[i] * delta1[j] for j in range(2)] for i in range(2)]
    grad_b1 = list(delta1)
    return {
        "y_hat": y_hat,
        "loss": loss,
        "weights": [grad_w1, grad_w2],
        "biases": [grad_b1, grad_b2],
    }


def _flat(value) -> list[float]:
    if isinstance(value, (list, tuple)):
        return [item for part in value for item in _flat(part)]
    if hasattr(value, "ravel"):
        return [float(v) for v in value.ravel()]
    return [float(value)]


def _compare(label: str, got, want, problems: list[str]) -> float:
    """Record a problem when ``got`` and ``want`` differ by more than TOLERANCE; return the worst gap."""
    got_flat, want_flat = _flat(got), _flat(want)
    if len(got_flat) != len(want_flat):
        problems.append(f"{label}: {len(got_flat)} numbers, expected {len(want_flat)}")
        return math.inf
    worst = max((abs(g - w) for g, w in zip(got_flat, want_flat, strict=True)), default=0.0)
    if not worst <= TOLERANCE:  # also catches NaN
        problems.append(f"{label}: got {got_flat}, expected {want_flat} (max difference {worst:.3g})")
    return worst


def check_lecture(path: Path = LECTURE) -> tuple[list[str], float]:
    """Run every check; return (problems, worst difference seen)."""
    import numpy as np

    from .batched import gradients
    from .compile import graph_gradients
    from .document import load
    from .lesson import NetworkLesson
    from .roles import Role

    want = lecture_by_hand()
    problems: list[str] = []
    worst = 0.0

    document = load(path)
    if document.network is None or document.data is None:
        raise ValueError(f"{path.name} has no network or no data")

    lesson = NetworkLesson(document)
    stepper, graph = lesson.stepper, lesson.graph
    if stepper is None or graph is None:
        raise RuntimeError("the lesson built no graph")
    stepper.run_to_end()
    outputs = [node.value for node in graph.find(role=Role.ACTIVATION, layer=len(lesson.network.layers) - 1)]
    graph_w, graph_b = graph_gradients(graph, lesson.network)
    checks = [
        ("step graph ŷ", outputs, want["y_hat"]),
        ("step graph L", graph.output.value, want["loss"]),
        ("step graph ∂L/∂W", graph_w, want["weights"]),
        ("step graph ∂L/∂b", graph_b, want["biases"]),
    ]

    batched = gradients(document.network, np.asarray(document.data.inputs), np.asarray(document.data.targets))
    checks += [
        ("batched ŷ", batched.outputs, want["y_hat"]),
        ("batched L", batched.loss, want["loss"]),
        ("batched ∂L/∂W", batched.weights, want["weights"]),
        ("batched ∂L/∂b", batched.biases, want["biases"]),
    ]
    for label, got, expected in checks:
        worst = max(worst, _compare(label, got, expected, problems))
    return problems, worst


def _say(text: str, error: bool = False) -> None:
    """Print where there is somewhere to print: windowed builds have sys.stdout/stderr set to None."""
    stream = sys.stderr if error else sys.stdout
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):  # a closed or broken stream must not turn a pass into a crash
        print(text, file=stream, flush=True)


def run_self_test() -> int:
    """0 when the step graph, the batched path and the hand derivation agree; 1 otherwise."""
    try:
        problems, worst = check_lecture()
    except Exception as exc:  # the self-test reports every failure as a failure, never as a traceback
        _say(f"self-test FAILED: {type(exc).__name__}: {exc} (lecture file: {LECTURE})", error=True)
        return 1
    if problems:
        _say("self-test FAILED:", error=True)
        for problem in problems:
            _say(f"  {problem}", error=True)
        return 1
    loss = lecture_by_hand()["loss"]
    _say(f"self-test passed: lecture 2-2-1 network, step graph and batched gradients match the hand "
         f"derivation (L = {loss:.12f}, max difference {worst:.1e} ≤ {TOLERANCE:g})")
    return 0


if __name__ == "__main__":
    raise SystemExit(run_self_test())
