"""Drawing a large two-input dataset in the decision-boundary view.

``BoundaryView.data_changed()`` (new grid, new points, one redraw) and the next paint of the
plot, for a 2-8-1 sigmoid network and ``--rows`` seeded samples (test fraction 0.2), offscreen.
Median of ``--repeats``. Measured on the shared 2-core machine, 100,000 rows: 8.0 to 9.6 s with
one brush per point → 0.06 to 0.07 s drawing a seeded 5,000-point sample with one brush per colour.

    python bench/boundary_points.py [--rows 100000] [--repeats 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from engine.document import Data, Document
    from engine.lesson import NetworkLesson
    from engine.network import make_network
    from gui.training.boundary_view import BoundaryView

    app = QApplication.instance() or QApplication([])
    rng = np.random.default_rng(0)
    x = rng.normal(size=(args.rows, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    lesson = NetworkLesson(Document(network=make_network([2, 8, 1], ["sigmoid", "sigmoid"], seed=0),
                                    data=Data(x[:1], y[:1])))
    view = BoundaryView(lesson, test_fraction=0.2, seed=0)
    view.resize(800, 700)
    view.show()
    app.processEvents()
    times = []
    for k in range(args.repeats):
        lesson.document.data = Data(x + k * 1e-9, y)  # a new dataset each time
        start = time.perf_counter()
        view.data_changed()
        view.plot_widget.viewport().repaint()
        app.processEvents()
        times.append(time.perf_counter() - start)
    result = {"rows": args.rows, "median_s": statistics.median(times), "caption": view.caption.text()}
    print(json.dumps(result) if args.json else f"{args.rows:,} rows: median {result['median_s']:.2f} s")


if __name__ == "__main__":
    main()
