"""The largest networks the app accepts: time and peak memory of every heavy action.

Shapes (sizes list every layer, the input layer first), all within the 200,000-parameter and
32-layer caps of engine/network.py:
- ``wide``: 1024-194-1, sigmoid, half_sse (199,045 parameters);
- ``deep``: 2-79×30-1, 32 layers, sigmoid, half_sse (183,597 parameters);
- ``softmax``: 784-250-10, sigmoid hidden layer, softmax output, cross_entropy (198,760 parameters);
- ``oplimit``: 100-98-1 (9,997 parameters), just within engine/compile.py's OPERATION_MAX_PARAMETERS.
Each with one sample (seeded random inputs and targets).

Each action runs in a fresh subprocess, so its peak memory (VmHWM, the high-water mark of
the resident set; ru_maxrss where /proc is missing) is its own. ``rss0`` is the resident set
just before the action (interpreter, numpy, Qt, and what the action needs ready), ``peak`` the
high-water mark at the end; the action's own cost is about ``peak − rss0``.

Engine actions (no Qt):
- ``compile_neuron`` / ``compile_operation``: open the lesson (``NetworkLesson``: compile the
  graph at that granularity and build the stepper);
- ``run_to_end``: from the opened lesson (neuron steps), ``stepper.run_to_end()``;
- ``save``: ``Document.to_json()`` of the opened lesson;
- ``markdown``: the derivation handout at neuron granularity (what File ▸ Export ▸ Markdown
  writes before the first step), or the refusal when the engine declines it;
- ``cli_operation``: ``python -m engine steps FILE --granularity operation`` (wall time of the
  whole process, its exit code).
GUI actions (offscreen, a shown MainWindow of 1400×860):
- ``gui_open``: ``open_path(FILE)`` until the network diagram has been painted;
- ``gui_end``: after opening, the End key until the diagram has been painted again;
- ``gui_operation``: after opening, the O key until painted (or the refusal shown);
- ``gui_apply_update``: after opening and End, → (apply the update, start the next pass) until painted;
- ``gui_undo_update``: after that →, Ctrl+Z (back to the end of the finished pass) until painted.
A cell that failed reads ``error``/``timeout``; ``--timeout`` bounds every child (default 120 s).

Measured on the 2-core CI machine shared with other jobs (load 3 to 6), seconds and peak MB,
before (issue 11) → after, for ``wide``: open in the window 6.5 s/664 MB → 2.1 s/387 MB,
End 11.2 s → 0.5 s, O 12.0 s/1,601 MB → refused in 0.01 s with the limit, engine compile
5.2 s/532 MB → 0.9 s/251 MB, run to the end 12.0 s → 0.5 to 1.5 s, Markdown handout 83 s/1,466 MB
→ refused, ``steps --granularity operation`` 91 s/2,721 MB → exit 2 in 2.2 s. ``deep``: open
15.6 s → 2.5 s, End 5.9 s → 0.9 s. At the operation limit (``oplimit``) O takes 0.5 s.
Then, interleaved runs on the same machine state (two rounds each), before → after: ``wide``
open 1.5 to 2.2 s → 1.4 s (the diagram finds weights when an edge asks instead of indexing 200,000),
→ after the last update step 3.2 to 4.7 s → 1.1 to 1.5 s (one compile, no replay), Ctrl+Z 2.3 to 3.0 s →
0.1 s (the finished pass is kept); ``deep`` open 2.8 s → 2.4 to 3.3 s (noisy; the boundary grid is
40×40 at the cap), → 5.5 to 7.2 s → 1.5 s, Ctrl+Z 5.3 to 5.4 s → 0.2 to 0.4 s; peak memory of those rows
840 to 960 MB → 590 to 620 MB.

    python bench/scale.py                    # a table
    python bench/scale.py --json             # {"results": [{"shape", "action", "seconds", "rss0_mb", "peak_mb", ...}]}
    python bench/scale.py --shapes wide --actions gui_open,gui_end
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHAPES = {
    "wide": ([1024, 194, 1], ["sigmoid", "sigmoid"], "half_sse"),
    "deep": ([2, *([79] * 30), 1], ["sigmoid"] * 31, "half_sse"),
    "softmax": ([784, 250, 10], ["sigmoid", "softmax"], "cross_entropy"),
    "oplimit": ([100, 98, 1], ["sigmoid", "sigmoid"], "half_sse"),
}
ENGINE_ACTIONS = ("compile_neuron", "run_to_end", "compile_operation", "save", "markdown", "cli_operation")
GUI_ACTIONS = ("gui_open", "gui_end", "gui_operation", "gui_apply_update", "gui_undo_update")
ACTIONS = ENGINE_ACTIONS + GUI_ACTIONS


def write_lesson(shape: str, folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    import numpy as np

    from engine.document import Data, Document
    from engine.network import make_network

    sizes, activations, loss = SHAPES[shape]
    network = make_network(sizes, activations, loss=loss, seed=0)
    rng = np.random.default_rng(0)
    inputs = rng.uniform(-1, 1, (1, sizes[0]))
    targets = np.eye(sizes[-1])[[3]] if loss == "cross_entropy" else rng.uniform(0, 1, (1, sizes[-1]))
    path = folder / f"{shape}.json"
    path.write_text(Document(network=network, data=Data(inputs, targets)).to_json(), encoding="utf-8")
    return path


# ---------------------------------------------------------------------- the child side
def _memory_mb() -> tuple[float, float]:
    """(resident now, high-water mark) in MB."""
    try:
        fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return peak, peak


def _engine_child(action: str, path: Path) -> dict:
    from engine.document import load
    from engine.lesson import NetworkLesson

    doc = load(path)
    note = ""
    if action == "compile_neuron":
        rss0, _ = _memory_mb()
        start = time.perf_counter()
        lesson = NetworkLesson(doc)
        seconds = time.perf_counter() - start
        note = f"{len(lesson.stepper)} steps"
    elif action == "compile_operation":
        from engine.errors import StudioError

        rss0, _ = _memory_mb()
        start = time.perf_counter()
        try:
            lesson = NetworkLesson(doc, granularity="operation")
            note = f"{len(lesson.stepper)} steps"
        except StudioError as exc:
            note = f"refused: {exc}"
        seconds = time.perf_counter() - start
    elif action == "run_to_end":
        lesson = NetworkLesson(doc)
        rss0, _ = _memory_mb()
        start = time.perf_counter()
        lesson.stepper.run_to_end()
        seconds = time.perf_counter() - start
        note = f"{lesson.stepper.position} steps"
    elif action == "save":
        NetworkLesson(doc)
        rss0, _ = _memory_mb()
        start = time.perf_counter()
        text = doc.to_json()
        seconds = time.perf_counter() - start
        note = f"{len(text) / 1e6:.1f} MB"
    elif action == "markdown":
        from engine.derivation import handout
        from engine.errors import StudioError

        lesson = NetworkLesson(doc)
        rss0, _ = _memory_mb()
        start = time.perf_counter()
        try:
            text = handout(lesson, "markdown")
            note = f"{len(text) / 1e6:.1f} MB"
        except StudioError as exc:
            note = f"refused: {exc}"
        seconds = time.perf_counter() - start
    else:
        raise ValueError(action)
    _rss, peak = _memory_mb()
    return {"seconds": seconds, "rss0_mb": rss0, "peak_mb": peak, "note": note}


def _gui_child(action: str, path: Path) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication([])
    QCoreApplication.setOrganizationName("BackpropStudioBench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    settings = tempfile.mkdtemp(prefix="scale-bench-")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
    warnings: list[str] = []
    QMessageBox.warning = lambda _parent, title, text, *a, **k: warnings.append(f"{title}: {text}")
    QMessageBox.information = QMessageBox.warning

    from gui.window.main_window import MainWindow

    class Painted(QObject):
        count = 0

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    painted = Painted()

    def until_painted(deadline: float = 120.0) -> None:
        painted.count = 0
        limit = time.perf_counter() + deadline
        while painted.count == 0 and time.perf_counter() < limit:
            app.processEvents()
        app.processEvents()

    window = MainWindow(language="en")
    window.unattended = True  # never wait for a dialog
    window.warn = lambda title, text: warnings.append(f"{title}: {text}")
    window.resize(1400, 860)
    window.show()
    app.processEvents()
    app.installEventFilter(painted)
    if action == "gui_open":
        rss0, _ = _memory_mb()
        start = time.perf_counter()
        ok = window.open_path(path, remember=False)
        until_painted()
        seconds = time.perf_counter() - start
        note = f"{len(window.lesson.stepper)} steps" if ok else "refused"
    else:
        window.open_path(path, remember=False)
        until_painted()
        keys = {"gui_end": [], "gui_operation": [], "gui_apply_update": [Qt.Key.Key_End],
                "gui_undo_update": [Qt.Key.Key_End, Qt.Key.Key_Right]}[action]
        for key in keys:  # what comes before the measured key
            QTest.keyClick(window, key)
            until_painted()
        rss0, _ = _memory_mb()
        key, modifier = {"gui_end": (Qt.Key.Key_End, None), "gui_operation": (Qt.Key.Key_O, None),
                         "gui_apply_update": (Qt.Key.Key_Right, None),
                         "gui_undo_update": (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)}[action]
        start = time.perf_counter()
        if modifier is None:
            QTest.keyClick(window, key)
        else:
            QTest.keyClick(window, key, modifier)
        until_painted()
        seconds = time.perf_counter() - start
        stepper = window.lesson.stepper
        note = f"{window.lesson.granularity}, {stepper.position}/{len(stepper)}"
    status = window.statusBar().currentMessage()
    if status and action == "gui_operation":
        note += f"; status: {status[:80]}"
    if warnings:
        note += f"; dialog: {warnings[0][:80]}"
    _rss, peak = _memory_mb()
    window.setWindowModified(False)
    window.close()
    return {"seconds": seconds, "rss0_mb": rss0, "peak_mb": peak, "note": note}


def _cli_child(path: Path, timeout: float) -> dict:
    import resource

    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "engine", "steps", str(path), "--granularity", "operation"],
                              cwd=ROOT, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": timeout, "rss0_mb": 0.0, "peak_mb": 0.0, "note": "timeout", "error": "timeout"}
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    first = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[0][:90]
    note = f"exit {proc.returncode}" + (f": {first}" if proc.returncode else f", {len(proc.stdout) / 1e6:.1f} MB")
    return {"seconds": seconds, "rss0_mb": 0.0, "peak_mb": peak, "note": note}


def child(action: str, path: Path, timeout: float) -> dict:
    sys.path.insert(0, str(ROOT))
    if action == "cli_operation":
        return _cli_child(path, timeout)
    if action in GUI_ACTIONS:
        return _gui_child(action, path)
    return _engine_child(action, path)


# ---------------------------------------------------------------------- the parent side
def measure(shape: str, action: str, path: Path, timeout: float) -> dict:
    row = {"shape": shape, "action": action}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", action, str(path), "--timeout", str(timeout)]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout + 30, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {**row, "seconds": None, "rss0_mb": None, "peak_mb": None, "note": "timeout", "error": "timeout"}
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["?"])[-1][:100]
        return {**row, "seconds": None, "rss0_mb": None, "peak_mb": None, "note": tail, "error": "error"}
    return {**row, **json.loads(lines[-1])}


def table(rows: list[dict]) -> str:
    out = [f"{'shape':8} {'action':18} {'seconds':>8} {'rss0 MB':>8} {'peak MB':>8}  note"]
    def cell(r: dict, key: str, digits: int) -> str:
        value = r.get(key)
        return f"{value:8.{digits}f}" if isinstance(value, float) else f"{r.get('error', '-'):>8}"

    for r in rows:
        out.append(f"{r['shape']:8} {r['action']:18} {cell(r, 'seconds', 2)} {cell(r, 'rss0_mb', 0)} "
                   f"{cell(r, 'peak_mb', 0)}  {r.get('note', '')}")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--actions", default=",".join(ACTIONS))
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("ACTION", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), args.timeout)))
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="scale-") as folder:
        for shape in args.shapes.split(","):
            path = write_lesson(shape, Path(folder))
            for action in args.actions.split(","):
                rows.append(measure(shape, action, path, args.timeout))
                if not args.json:
                    print(table(rows[-1:]).splitlines()[-1] if len(rows) > 1 else table(rows), flush=True)
    if args.json:
        print(json.dumps({"results": rows}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
