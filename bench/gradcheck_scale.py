"""Time and peak memory of the network gradient check, up to the parameter cap.

    python bench/gradcheck_scale.py                      # this checkout, default sizes
    python bench/gradcheck_scale.py --sizes 1024-194-1   # one size
    python bench/gradcheck_scale.py --repo /tmp/before   # another checkout (e.g. `git archive REV | tar -x`)

Each size runs in a fresh Python process (``cwd`` = the checkout, so ``import engine`` is that
checkout's engine) under an address-space limit (``--limit-gb``, default 6 GB), so a run that
would exhaust the machine ends with MemoryError instead. Reported per size: the number of
parameters, wall time of ``network_gradcheck(network, (X, Y))`` on 64 random samples, the
process's peak resident memory (VmHWM from /proc/self/status) and how the check ended
(passed / FAILED / the exception's name), plus the number of values compared.

Measured on the 2-core development machine (shared), 64 samples:

    layers      parameters   before (issue 11)                   after
    2-2-1                9   0.30 s, 36 MB                        0.12 s, 38 MB (3 paths)
    64-64-1          4,225   over 300 s (stopped)                 0.68 s, 54 MB
    256-194-1       50,053   MemoryError after 243 s at 5.9 GB    0.48 s, 41 MB
    1024-194-1     199,045   MemoryError after 151 s at 6 GB      0.53 s, 53 MB

"Before" compiled one step graph per sample (64 of them) and recomputed J on all of them for
each of the first 500 parameters; "after" recomputes J with the batched pass from the nudged
parameter's layer on, and samples 300 parameters per layer at random.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = ["2-2-1", "64-64-1", "256-194-1", "1024-194-1"]

CHILD = r"""
import json, resource, sys, time
limit = int(float(sys.argv[2]) * 2**30)
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import numpy as np
from engine.gradcheck import network_gradcheck
from engine.network import make_network

sizes = [int(s) for s in sys.argv[1].split("-")]
network = make_network(sizes, "sigmoid", "half_sse", seed=0)
rng = np.random.default_rng(0)
data = (rng.normal(size=(64, sizes[0])), rng.uniform(size=(64, sizes[-1])))

def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")

start = time.perf_counter()
try:
    report = network_gradcheck(network, data)
    outcome, compared = ("passed" if report.passed else "FAILED"), len(report.checks)
    notes = report.notes
except BaseException as exc:  # MemoryError at the limit, or whatever the old code raised
    outcome, compared, notes = type(exc).__name__, 0, []
elapsed = time.perf_counter() - start
print(json.dumps({"sizes": sys.argv[1], "parameters": network.parameter_count(), "seconds": elapsed,
                  "peak_mb": peak_mb(), "outcome": outcome, "compared": compared, "notes": notes}))
"""


def measure(repo: Path, sizes: str, limit_gb: float, timeout: float) -> dict:
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, sizes, str(limit_gb)], cwd=repo, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"sizes": sizes, "outcome": f"timeout after {timeout:g} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"sizes": sizes, "outcome": f"crashed: {tail[:80]}"}
    return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to measure (default: this one)")
    parser.add_argument("--sizes", nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--limit-gb", type=float, default=6.0)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = [measure(args.repo, sizes, args.limit_gb, args.timeout) for sizes in args.sizes]
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'layers':<12} {'parameters':>10} {'time (s)':>9} {'peak RSS (MB)':>14} {'compared':>9}  outcome")
    for row in rows:
        print(f"{row['sizes']:<12} {row.get('parameters', 0):>10,} {row.get('seconds', float('nan')):>9.2f} "
              f"{row.get('peak_mb', float('nan')):>14.0f} {row.get('compared', 0):>9,}  {row['outcome']}")
        for note in row.get("notes", []):
            print(f"{'':<12} {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
