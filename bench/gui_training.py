"""Training throughput with the window open against headless ``train()``, and event-loop stalls.

The GUI side is the real main window (with its training docks) when it can be built, else
the training panel, loss plot and decision boundary on their own. Both sides train the
same 2-8-8-1 sigmoid network on 200 XOR samples with the same settings (full batch, SGD,
loss reported at every iteration). Repetitions alternate headless / GUI so a busy machine
slows both alike; medians are compared.

Throughput is timed in GUI runs without the probe. In a second GUI run after each, a 5 ms
QTimer records the gaps between its ticks; a gap much longer than 5 ms is time the event
loop could not react (a stall). p99 and max are reported.

    python bench/gui_training.py [--iterations N] [--repeats R] [--json]

Targets: throughput ratio ≥ 0.8, p99 stall ≤ 50 ms.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from engine.config import TrainingConfig  # noqa: E402
from engine.datasets import generate  # noqa: E402
from engine.document import Document  # noqa: E402
from engine.lesson import NetworkLesson  # noqa: E402
from engine.network import make_network  # noqa: E402
from engine.training import train  # noqa: E402
from gui.training.panel import MAX_PLOT_POINTS  # noqa: E402


def make_document(iterations: int) -> Document:
    network = make_network([2, 8, 8, 1], "sigmoid", loss="half_sse", seed=0)
    # The panel reports every iteration up to MAX_PLOT_POINTS points; headless uses the same interval.
    every = max(1, math.ceil(iterations / MAX_PLOT_POINTS))
    config = TrainingConfig(optimizer="sgd", learning_rate=0.5, batch_size=0, iterations=iterations, eval_every=every)
    return Document(network=network, data=generate("xor", seed=0, size=200), training=config)


class GuiSide:
    """Whatever shows training: the main window if it builds, else the bare widgets."""

    def __init__(self) -> None:
        self.window = None
        try:
            from gui.window.main_window import MainWindow

            self.window = MainWindow(language="en")
            self.attachment = self.window.training
            self.window.resize(1600, 1000)
            self.window.show()
            self.kind = "main window"
        except Exception as exc:  # the window is not there yet: measure the training widgets alone
            self.window = None
            self.kind = f"panel, plot and boundary only ({type(exc).__name__})"
            from gui.training.boundary_view import BoundaryView
            from gui.training.loss_plot import LossPlot
            from gui.training.panel import TrainingPanel

            self.stack = QUndoStack()
            self.panel = TrainingPanel(None, self.stack)
            self.plot, self.boundary = LossPlot(), BoundaryView()
            self.panel.run_started.connect(self.plot.clear)
            self.panel.losses_reported.connect(self.plot.append_rows)
            for widget in (self.panel, self.plot, self.boundary):
                widget.show()

    @property
    def training_panel(self):
        return self.attachment.panel if self.window is not None else self.panel

    def load(self, doc: Document) -> None:
        if self.window is not None:
            self.window.set_document(doc, None)
        else:
            lesson = NetworkLesson(doc)
            self.panel.set_lesson(lesson)
            self.boundary.set_lesson(lesson)

    def points(self) -> int:
        plot = self.attachment.loss_plot if self.window is not None else self.plot
        return plot.point_count()

    def close(self) -> None:
        self.training_panel.shutdown()
        if self.window is not None:
            self.window.undo_stack.setClean()
            self.window.setWindowModified(False)


def run_gui(app: QApplication, side: GuiSide, iterations: int, probe: bool) -> tuple[float, list[float], int]:
    side.load(make_document(iterations))
    panel = side.training_panel
    panel.set_length(iterations)
    for _ in range(5):
        app.processEvents()
    gaps: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: gaps.append(clock.nsecsElapsed() / 1e6) or clock.restart())
    start = time.perf_counter()
    clock.start()
    if probe:
        timer.start()
    loop = QEventLoop()
    panel.run_finished.connect(loop.quit)
    panel.train_action.trigger()
    if panel.is_running():
        loop.exec()
    panel.run_finished.disconnect(loop.quit)
    elapsed = time.perf_counter() - start
    timer.stop()
    app.processEvents()
    result = panel.last_result
    if result is None or result.iterations != iterations:
        raise RuntimeError(f"the GUI run did not finish: {result}")
    return iterations / elapsed, gaps[1:], side.points()


def run_headless(iterations: int) -> float:
    doc = make_document(iterations)
    start = time.perf_counter()
    result = train(doc.network, doc.data, doc.training)
    elapsed = time.perf_counter() - start
    assert result.iterations == iterations
    return iterations / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=5_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication([sys.argv[0]])
    side = GuiSide()
    run_headless(500)  # warm up both paths
    run_gui(app, side, 500, probe=True)
    gui_rates, probed_rates, headless_rates, gaps = [], [], [], []
    points = 0
    for _ in range(args.repeats):
        headless_rates.append(run_headless(args.iterations))
        rate, _gaps, points = run_gui(app, side, args.iterations, probe=False)
        gui_rates.append(rate)
        rate, run_gaps, _points = run_gui(app, side, args.iterations, probe=True)
        probed_rates.append(rate)
        gaps.extend(run_gaps)
    side.close()
    gui, headless = statistics.median(gui_rates), statistics.median(headless_rates)
    figures = {
        "workload": "2-8-8-1 sigmoid, XOR 200 samples, SGD full batch, loss reported every "
                    f"{max(1, math.ceil(args.iterations / MAX_PLOT_POINTS))} iteration(s)",
        "gui": side.kind,
        "iterations": args.iterations,
        "repeats": args.repeats,
        "gui_its": round(gui, 1),
        "headless_its": round(headless, 1),
        "ratio": round(gui / headless, 3),
        "gui_its_with_stall_probe": round(statistics.median(probed_rates), 1),
        "stall_p50_ms": round(float(np.percentile(gaps, 50)), 2),
        "stall_p99_ms": round(float(np.percentile(gaps, 99)), 2),
        "stall_max_ms": round(float(max(gaps)), 2),
        "timer_ticks": len(gaps),
        "plot_points": points,
        "targets": {"ratio": 0.8, "stall_p99_ms": 50},
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"workload    {figures['workload']} ({side.kind})")
        print(f"throughput  window {gui:,.0f} it/s, headless {headless:,.0f} it/s, ratio {gui / headless:.2f} "
              f"(target ≥ 0.8)")
        print(f"            window with the 5 ms stall probe running: {figures['gui_its_with_stall_probe']:,.0f} it/s")
        print(f"stalls      5 ms timer gaps: p50 {figures['stall_p50_ms']} ms, p99 {figures['stall_p99_ms']} ms, "
              f"max {figures['stall_max_ms']} ms (target p99 ≤ 50 ms)")
    ok = figures["ratio"] >= 0.8 and figures["stall_p99_ms"] <= 50
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
