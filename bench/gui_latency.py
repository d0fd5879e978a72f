"""Network diagram latency: build time, and per-step time from a key press until the scene is painted.

Workloads (sizes list every layer, the input layer first):
- ``lecture``: the lecture's 2-2-1 network (resources/examples/lecture_2-2-1.json);
- ``4x16``: four layers of 16 neurons, sizes [16, 16, 16, 16] (3 weight layers, 816 parameters);
- ``8x64``: eight layers of 64 neurons, sizes [64] * 8 (wide layers collapse behind an ellipsis).

A step is measured as the main window does it: the Right key reaches a QAction on the view
whose slot calls ``stepper.step_forward()``; the view refreshes the touched items, and the
clock stops when the viewport has received its paint event. Steps are taken from the start
of each phase (forward, backward, update), up to ``--steps`` per phase. Runs offscreen.

    python bench/gui_latency.py           # a table
    python bench/gui_latency.py --json    # {"workloads": [{"name", "build_ms", "steps", "p50_ms", ...}]}
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject, Qt  # noqa: E402
from PySide6.QtGui import QAction, QKeySequence  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from engine.document import Data, Document, load  # noqa: E402
from engine.lesson import NetworkLesson  # noqa: E402
from engine.network import make_network  # noqa: E402
from gui.diagram.view import NetworkView  # noqa: E402

WORKLOADS = [("lecture", None), ("4x16", [16, 16, 16, 16]), ("8x64", [64] * 8)]


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def make_lesson(sizes: list[int] | None) -> NetworkLesson:
    if sizes is None:
        return NetworkLesson(load(ROOT / "resources" / "examples" / "lecture_2-2-1.json"))
    rng = np.random.default_rng(0)
    network = make_network(sizes, "sigmoid", seed=0)
    data = Data(rng.uniform(-1, 1, (1, sizes[0])), rng.uniform(0, 1, (1, sizes[-1])))
    return NetworkLesson(Document(network=network, data=data))


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else float("nan")


def run(name: str, sizes: list[int] | None, steps_per_phase: int, app: QApplication) -> dict:
    lesson = make_lesson(sizes)
    start = time.perf_counter()
    view = NetworkView(lesson)
    build_ms = (time.perf_counter() - start) * 1e3
    view.resize(1400, 800)
    view.show()
    app.processEvents()
    view.fit()
    app.processEvents()
    first_paint_ms = (time.perf_counter() - start) * 1e3

    action = QAction(view)
    action.setShortcut(QKeySequence(Qt.Key.Key_Right))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lesson.stepper.step_forward)
    view.addAction(action)
    view.setFocus()
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)

    stepper = lesson.stepper
    latencies: list[float] = []
    for phase in ("forward", "backward", "update"):
        first, end = stepper.phase_bounds(phase)
        stepper.goto(first)
        app.processEvents()
        for _ in range(min(steps_per_phase, end - first)):
            painted = counter.count
            t0 = time.perf_counter()
            QTest.keyClick(view, Qt.Key.Key_Right)
            deadline = t0 + 2.0
            while counter.count == painted and time.perf_counter() < deadline:
                app.processEvents()
            latencies.append((time.perf_counter() - t0) * 1e3)
    view.close()
    view.deleteLater()
    app.processEvents()
    return {
        "name": name,
        "sizes": lesson.network.sizes,
        "build_ms": round(build_ms, 2),
        "first_paint_ms": round(first_paint_ms, 2),
        "steps": len(latencies),
        "p50_ms": round(percentile(latencies, 50), 3),
        "p95_ms": round(percentile(latencies, 95), 3),
        "max_ms": round(max(latencies), 3) if latencies else float("nan"),
        "mean_ms": round(statistics.fmean(latencies), 3) if latencies else float("nan"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--steps", type=int, default=150, help="steps measured per phase (default 150)")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    results = [run(name, sizes, args.steps, app) for name, sizes in WORKLOADS]
    if args.json:
        print(json.dumps({"workloads": results}, indent=2))
        return 0
    print(f"{'workload':<10}{'build ms':>10}{'1st paint':>11}{'steps':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for r in results:
        print(f"{r['name']:<10}{r['build_ms']:>10.1f}{r['first_paint_ms']:>11.1f}{r['steps']:>7}"
              f"{r['p50_ms']:>9.2f}{r['p95_ms']:>9.2f}{r['max_ms']:>9.2f}")
    print("targets: 4x16 step p95 <= 16 ms; 8x64 build <= 300 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
