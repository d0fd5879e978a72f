"""Memory of ``python -m engine train FILE --iterations N --out history.csv``: peak RSS growth.

Each case runs in a fresh process on the lecture lesson (2-2-1, one sample). The peak
resident set (VmHWM, reset through /proc/self/clear_refs where the kernel allows) is
compared with the resident set just before training, after a short warm-up run has
allocated the trainer's buffers and imported everything.

* ``kept``: the history kept in memory and written after the run (what ``train --out``
  did before it streamed: ``train()`` without a sink, then every row written);
* ``streamed``: the command itself (``engine.cli_train.run_train``), which hands each row
  to the CSV file as training reports it.

    python bench/train_memory.py [--iterations 100000 1000000] [--json]

Target: streamed growth ≤ 5 MB at 10^6 iterations.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "resources" / "examples" / "lecture_2-2-1.json"


def _status(field: str) -> int:
    """A /proc/self/status figure in bytes (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def child(mode: str, iterations: int, out: str) -> dict:
    sys.path.insert(0, str(ROOT))
    import io

    from engine.cli_train import HistoryWriter, _add_arguments, run_train
    from engine.document import load
    from engine.training import train

    parser = argparse.ArgumentParser()
    _add_arguments(parser)
    run_train(parser.parse_args([str(LESSON), "--iterations", "100", "--out", out]), io.StringIO(), io.StringIO())
    reset = _reset_peak()
    before = _status("VmRSS")
    start = time.perf_counter()
    if mode == "streamed":
        run_train(parser.parse_args([str(LESSON), "--iterations", str(iterations), "--out", out]),
                  io.StringIO(), io.StringIO())
    else:
        doc = load(LESSON)
        doc.training.iterations = iterations
        result = train(doc.network, doc.data, doc.training)
        with open(out, "w", newline="", encoding="utf-8") as handle:
            write = HistoryWriter(handle)
            for row in result.history:
                write(row)
    seconds = time.perf_counter() - start
    peak = _status("VmHWM")
    return {"mode": mode, "iterations": iterations, "growth_mb": (peak - before) / 1e6,
            "seconds": seconds, "peak_reset": reset, "rows": sum(1 for _ in open(out, encoding="utf-8")) - 1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(child(args.child[0], int(args.child[1]), str(Path(tmp) / "history.csv"))))
        return
    results = []
    for iterations in args.iterations:
        for mode in ("kept", "streamed"):
            done = subprocess.run([sys.executable, __file__, "--child", mode, str(iterations)], capture_output=True,
                                  text=True, check=True, timeout=3600)
            results.append(json.loads(done.stdout))
    if args.json:
        print(json.dumps({"results": results}))
        return
    print(f"{'iterations':>11} {'mode':>9} {'rows':>8} {'peak RSS growth':>16} {'time':>8}")
    for r in results:
        print(f"{r['iterations']:>11,} {r['mode']:>9} {r['rows']:>8,} {r['growth_mb']:>13.1f} MB {r['seconds']:>7.1f}s")


if __name__ == "__main__":
    main()
