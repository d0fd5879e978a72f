"""Layer steps against neuron steps at the 200,000-parameter cap: open, step, switch, pass and train, side by side.

Shapes (bench/scale.py's, with 32 samples: neuron steps step through the first, layer steps take all):
``wide`` 1024-194-1 (199,045 parameters), ``deep`` 2-79×30-1 (183,597), ``softmax`` 784-250-10 (198,760).

Actions, each in a fresh subprocess (``seconds``; ``peak`` is the high-water mark of the resident set, MB,
``rss0`` the resident set just before the action):
- ``open``: ``NetworkLesson(doc, granularity)`` (compile the graph, build the stepper);
- ``step``: after opening, the first step forward and its explanation (what → shows);
- ``end``: after opening, ``stepper.run_to_end()`` (End);
- ``switch``: opened at the other granularity and stepped to the middle of its backward pass, then
  ``set_granularity(granularity)`` (N or L, keeping the place);
- ``pass``: after End, ``finish_pass`` and ``begin_pass`` (→ after the last update: one update of the
  network and the next pass compiled);
- ``train``: ``engine.training.train`` for 20 full-batch SGD iterations (the same batched path whatever
  the granularity: the row says what training costs beside the stepper).

Measured on the 2-core machine shared with other jobs (one run; neuron → layer, seconds and peak MB):
``wide`` open 1.6 s/260 → 0.002 s/53 (398,872 steps and 200,461 nodes → 19 steps and 13 nodes), End
3.2 s → 0.08 s, switching into them (N or L) 1.7 s → 0.11 s, one pass's update 0.84 s/504 → 0.013 s/54, train
(20 iterations, the same batched code) 3.3 s → 2.0 s: the neuron graph held in memory slows Python's
cycle collector; ``deep`` open 1.4 s → 0.003 s, End 2.3 s → 0.04 s, switch 2.3 s → 0.02 s; ``softmax``
open 1.7 s → 0.001 s, End 1.4 s → 0.04 s, switch 2.2 s → 0.13 s. A switch's peak includes the
granularity it came from (the layer column's 262 MB is the neuron graph opened first). Before
``_matching_position`` looked up only the phase it needs, switching from layer to neuron steps
took 9.8 s (``wide``) and 19.4 s (``deep``).

    python bench/layer_scale.py                  # a table
    python bench/layer_scale.py --json
    python bench/layer_scale.py --shapes wide --actions open,switch
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import ROOT, SHAPES, _memory_mb  # bench/scale.py: the shapes and the memory probe

LAYER_SHAPES = ("wide", "deep", "softmax")
GRANULARITIES = ("neuron", "layer")
ACTIONS = ("open", "step", "end", "switch", "pass", "train")
SAMPLES = 32


def write_lesson(shape: str, folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    import numpy as np

    from engine.document import Data, Document
    from engine.network import make_network

    sizes, activations, loss = SHAPES[shape]
    network = make_network(sizes, activations, loss=loss, seed=0)
    rng = np.random.default_rng(0)
    inputs = rng.uniform(-1, 1, (SAMPLES, sizes[0]))
    if loss == "cross_entropy":
        targets = np.eye(sizes[-1])[rng.integers(0, sizes[-1], SAMPLES)]
    else:
        targets = rng.uniform(0, 1, (SAMPLES, sizes[-1]))
    path = folder / f"{shape}.json"
    path.write_text(Document(network=network, data=Data(inputs, targets)).to_json(), encoding="utf-8")
    return path


def child(action: str, granularity: str, path: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from engine.document import load
    from engine.lesson import NetworkLesson

    doc = load(path)
    other = "neuron" if granularity == "layer" else "layer"
    note = ""
    if action == "open":
        rss0, _ = _memory_mb()
        start = time.perf_counter()
        lesson = NetworkLesson(doc, granularity)
        seconds = time.perf_counter() - start
        note = f"{len(lesson.stepper)} steps, {len(lesson.graph.nodes)} nodes"
    elif action == "step":
        lesson = NetworkLesson(doc, granularity)
        rss0, _ = _memory_mb()
        start = time.perf_counter()
        lesson.stepper.step_forward()
        explanation = lesson.stepper.explain()
        seconds = time.perf_counter() - start
        note = f"{explanation.symbol.text}: {len(explanation.text)} characters"
    elif action == "end":
        lesson = NetworkLesson(doc, granularity)
        rss0, _ = _memory_mb()
        start = time.perf_counter()
        lesson.stepper.run_to_end()
        seconds = time.perf_counter() - start
        note = f"{lesson.stepper.position} steps"
    elif action == "switch":
        lesson = NetworkLesson(doc, other)
        low, high = lesson.stepper.phase_bounds("backward")
        lesson.stepper.goto((low + high) // 2)
        rss0, _ = _memory_mb()
        start = time.perf_counter()
        lesson.set_granularity(granularity)
        seconds = time.perf_counter() - start
        step = lesson.stepper.current
        note = f"from {other}: at {lesson.stepper.position}/{len(lesson.stepper)}" + \
            (f" ({step.phase} {step.node.sym.text})" if step else "")
    elif action == "pass":
        lesson = NetworkLesson(doc, granularity)
        lesson.stepper.run_to_end()
        rss0, _ = _memory_mb()
        start = time.perf_counter()
        after, update = lesson.finish_pass()
        lesson.begin_pass(after, update)
        seconds = time.perf_counter() - start
        note = f"{update.symbol}: {update.before:.6g} → {update.after:.6g}"
    elif action == "train":
        from engine.config import TrainingConfig
        from engine.training import train

        NetworkLesson(doc, granularity)
        rss0, _ = _memory_mb()
        start = time.perf_counter()
        result = train(doc.network, doc.data, TrainingConfig(learning_rate=0.1, iterations=20))
        seconds = time.perf_counter() - start
        note = f"{result.iterations} iterations"
    else:
        raise ValueError(action)
    _rss, peak = _memory_mb()
    return {"seconds": seconds, "rss0_mb": rss0, "peak_mb": peak, "note": note}


def measure(shape: str, granularity: str, action: str, path: Path, timeout: float) -> dict:
    row = {"shape": shape, "granularity": granularity, "action": action}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", action, granularity, str(path)]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {**row, "note": "timeout", "error": "timeout"}
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {**row, "note": (proc.stderr.strip().splitlines() or ["?"])[-1][:100], "error": "error"}
    return {**row, **json.loads(lines[-1])}


def table(rows: list[dict]) -> str:
    """Neuron and layer rows of one shape and action side by side."""
    out = [f"{'shape':8} {'action':7} {'neuron s':>9} {'peak MB':>8} {'layer s':>9} {'peak MB':>8}  "
           "layer note | neuron note"]
    pairs: dict[tuple, dict] = {}
    for r in rows:
        pairs.setdefault((r["shape"], r["action"]), {})[r["granularity"]] = r

    def cell(r: dict | None, key: str, width: int, digits: int) -> str:
        value = None if r is None else r.get(key)
        return f"{value:{width}.{digits}f}" if isinstance(value, float) else f"{(r or {}).get('error', '-'):>{width}}"

    for (shape, action), pair in pairs.items():
        neuron, layer = pair.get("neuron"), pair.get("layer")
        out.append(f"{shape:8} {action:7} {cell(neuron, 'seconds', 9, 3)} {cell(neuron, 'peak_mb', 8, 0)} "
                   f"{cell(layer, 'seconds', 9, 3)} {cell(layer, 'peak_mb', 8, 0)}  "
                   f"{(layer or {}).get('note', '')} | {(neuron or {}).get('note', '')}")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(LAYER_SHAPES))
    parser.add_argument("--actions", default=",".join(ACTIONS))
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=3, metavar=("ACTION", "GRANULARITY", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], Path(args.child[2]))))
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="layer-scale-") as folder:
        for shape in args.shapes.split(","):
            path = write_lesson(shape, Path(folder))
            for action in args.actions.split(","):
                for granularity in GRANULARITIES:
                    rows.append(measure(shape, granularity, action, path, args.timeout))
                if not args.json:
                    print(table(rows[-2:]).splitlines()[-1], flush=True)
    print(json.dumps({"results": rows}, indent=1) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
