"""CSV import speed: ``engine.csv_import.load_csv`` on a generated 100,000-row file.

Two files with the same numbers: plain (no quotes: the fast split reader) and with every
label quoted (Python's csv module). Each is read ``--repeats`` times; medians are printed.

    python bench/csv_import.py [--rows 100000] [--repeats 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.csv_import import load_csv


def write(path: Path, rows: int, quoted: bool) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(rows, 2)).tolist()
    q = '"' if quoted else ""
    body = "".join(f"{a!r},{b!r},{q}{'yes' if a * b > 0 else 'no'}{q}\n" for a, b in x)
    path.write_text("x1,x2,label\n" + body, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, quoted in (("plain", False), ("quoted", True)):
            path = Path(tmp) / f"{name}.csv"
            write(path, args.rows, quoted)
            times = []
            for _ in range(args.repeats):
                start = time.perf_counter()
                load_csv(path, ["label"], classification=True)
                times.append(time.perf_counter() - start)
            results[name] = {"rows": args.rows, "bytes": path.stat().st_size, "median_s": statistics.median(times)}
    if args.json:
        print(json.dumps(results))
        return
    for name, r in results.items():
        print(f"{name:>7}: {r['rows']:,} rows, {r['bytes'] / 1e6:.1f} MB, median {r['median_s'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
