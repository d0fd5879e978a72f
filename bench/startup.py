"""Start-up time: from launching the process until the first window has rendered.

    python bench/startup.py                  # a table
    python bench/startup.py --runs 9 --json  # {"runs", "bundle_bytes", "results": [{"name", "median_s", ...}]}

What is measured, honestly:
- **smoke** rows: the wall time of ``<app> --smoke`` with QT_QPA_PLATFORM=offscreen. ``--smoke``
  builds the main window, shows it, lets it render fully and exits, so this is the time to the
  first full window *plus* the process's teardown (a few tens of ms): an upper bound on what a
  user waits for.
- **self-test** rows: ``<app> --self-test``, which loads the engine and checks the lecture
  example without importing Qt — the floor set by the interpreter, numpy and the bundle's
  bootloader.
- If the app prints a line ``startup: window shown after S s`` (when BACKPROP_STUDIO_TIMING=1
  is set), the in-process figure is reported too; otherwise that column is empty.

Runs are warm-cache: the first run of each row is reported separately (closest to a cold start
on this machine; a true cold start would need dropping the OS page cache, which needs root and
disturbs everything else). Each row reports median and minimum of the remaining runs.
Settings and crash logs go to a throw-away HOME so that every run starts alike.
The frozen rows need ``./run.sh package`` first; they are skipped when dist/ has no build.
Targets (issue 8): ≤ 0.8 s from source, ≤ 1.2 s frozen.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FROZEN_DIR = REPO / "dist" / "backprop-studio"
FROZEN = FROZEN_DIR / ("backprop-studio.exe" if sys.platform == "win32" else "backprop-studio")
VENV_PY = REPO / ".venv" / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
TARGETS = {"source": 0.8, "frozen": 1.2}
IN_PROCESS = re.compile(r"startup: window shown after ([0-9.]+) s")
TIMEOUT_S = 60


def _commands() -> list[tuple[str, str, list[str]]]:
    python = str(VENV_PY if VENV_PY.exists() else Path(sys.executable))
    rows = [
        ("source --smoke", "source", [python, str(REPO / "main.py"), "--smoke"]),
        ("source --self-test", "", [python, str(REPO / "main.py"), "--self-test"]),
    ]
    if FROZEN.exists():
        rows += [
            ("frozen --smoke", "frozen", [str(FROZEN), "--smoke"]),
            ("frozen --self-test", "", [str(FROZEN), "--self-test"]),
        ]
    return rows


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "BACKPROP_STUDIO_TIMING": "1",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    })
    return env


def time_once(command: list[str], env: dict[str, str]) -> tuple[float, float | None, str]:
    """(wall seconds, in-process seconds or None, error text or "")."""
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=TIMEOUT_S,
                              check=False)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, None, f"timed out after {TIMEOUT_S} s"
    wall = time.perf_counter() - start
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        return wall, None, f"exit {done.returncode}: {last}"
    found = IN_PROCESS.search(done.stdout + done.stderr)
    return wall, float(found.group(1)) if found else None, ""


def measure(runs: int) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory(prefix="bps-startup-") as tmp:
        env = _environment(Path(tmp))
        for name, kind, command in _commands():
            walls, inside, error = [], [], ""
            for _ in range(runs + 1):  # the first run is reported on its own
                wall, in_process, error = time_once(command, env)
                if error:
                    break
                walls.append(wall)
                if in_process is not None:
                    inside.append(in_process)
            row: dict = {"name": name, "command": " ".join(command), "error": error or None}
            if walls and not error:
                rest = walls[1:] or walls
                row.update({
                    "first_s": walls[0],
                    "median_s": statistics.median(rest),
                    "min_s": min(rest),
                    "in_process_median_s": statistics.median(inside) if inside else None,
                    "target_s": TARGETS.get(kind),
                })
                if row["target_s"] is not None:
                    row["meets_target"] = row["median_s"] <= row["target_s"]
            results.append(row)
    return results


def bundle_bytes() -> int | None:
    if not FROZEN_DIR.is_dir():
        return None
    return sum(p.stat().st_size for p in FROZEN_DIR.rglob("*") if p.is_file() and not p.is_symlink())


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per row after the first (default 7)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    results = measure(max(1, args.runs))
    size = bundle_bytes()
    if args.json:
        print(json.dumps({"runs": args.runs, "bundle_bytes": size, "results": results}, indent=2))
        return 0
    print(f"Start-up, wall time of the whole process, QT_QPA_PLATFORM=offscreen, {args.runs} runs after a first one")
    header = f"{'':20} {'first s':>8} {'median s':>9} {'min s':>7} {'in-proc s':>9} {'target s':>8}"
    print(header)
    print("-" * len(header))
    for row in results:
        if row["error"]:
            print(f"{row['name']:20} failed: {row['error']}")
            continue
        verdict = "" if row["target_s"] is None else ("  ok" if row["meets_target"] else "  SLOWER than target")
        print(f"{row['name']:20} {row['first_s']:8.3f} {row['median_s']:9.3f} {row['min_s']:7.3f} "
              f"{_seconds(row['in_process_median_s']):>9} {_seconds(row['target_s']):>8}{verdict}")
    if size is None:
        print("no frozen build in dist/backprop-studio (run ./run.sh package for the frozen rows)")
    else:
        print(f"bundle: {FROZEN_DIR.relative_to(REPO)} is {size / 1_048_576:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
