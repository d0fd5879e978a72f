"""Training throughput: the engine's Trainer against a hand-written numpy loop.

Both do the same maths (sigmoid layers, half_sse, plain SGD, float64, full batch) on
the same random data, on one thread. Repetitions of the two are interleaved and the
medians compared, so a busy machine slows both alike.

    python bench/train_speed.py           # a table
    python bench/train_speed.py --json    # {"workloads": [{"name", "engine_its", "numpy_its", "ratio"}, ...]}
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS",
             "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.config import TrainingConfig  # noqa: E402
from engine.document import Data  # noqa: E402
from engine.network import make_network  # noqa: E402
from engine.training import Trainer  # noqa: E402

WORKLOADS = [("2-2-1x1", [2, 2, 1], 1), ("2-8-8-1x200", [2, 8, 8, 1], 200), ("784-128-10x1024", [784, 128, 10], 1024)]
LEARNING_RATE = 0.1


class NumpyLoop:
    """The straightforward numpy training loop a student would write."""

    def __init__(self, weights: list[np.ndarray], biases: list[np.ndarray], x: np.ndarray, y: np.ndarray):
        self.weights = [w.copy() for w in weights]
        self.biases = [b.copy() for b in biases]
        self.x, self.y = x, y

    def step(self) -> float:
        n = self.x.shape[0]
        activations = [self.x]
        for w, b in zip(self.weights, self.biases, strict=True):
            activations.append(1.0 / (1.0 + np.exp(-(activations[-1] @ w + b))))
        out = activations[-1]
        diff = out - self.y
        loss = 0.5 * np.sum(diff * diff) / n
        delta = diff / n * out * (1.0 - out)
        for layer in range(len(self.weights) - 1, -1, -1):
            grad_w = activations[layer].T @ delta
            grad_b = delta.sum(axis=0)
            if layer > 0:
                a = activations[layer]
                delta = (delta @ self.weights[layer].T) * a * (1.0 - a)
            self.weights[layer] -= LEARNING_RATE * grad_w
            self.biases[layer] -= LEARNING_RATE * grad_b
        return float(loss)


def _rate(step, iterations: int) -> float:
    start = time.perf_counter()
    for _ in range(iterations):
        step()
    return iterations / (time.perf_counter() - start)


def measure(sizes: list[int], samples: int, seconds: float, repeats: int) -> tuple[float, float]:
    rng = np.random.default_rng(0)
    data = Data(rng.standard_normal((samples, sizes[0])), rng.uniform(0.0, 1.0, (samples, sizes[-1])))
    network = make_network(sizes, "sigmoid", "half_sse", seed=0)
    config = TrainingConfig(optimizer="sgd", learning_rate=LEARNING_RATE, batch_size=0, iterations=10**8)
    trainer = Trainer(network, data, config)
    loop = NumpyLoop([network.weights(k) for k in range(1, len(sizes))],
                     [network.biases(k) for k in range(1, len(sizes))], data.inputs, data.targets)
    for _ in range(2):  # the two really do the same maths
        engine_loss, numpy_loss = trainer.step(), loop.step()
        if not np.isclose(engine_loss, numpy_loss, rtol=1e-9, atol=0.0):
            raise SystemExit(f"{sizes}: engine loss {engine_loss} differs from numpy loss {numpy_loss}")
    # Calibrate the batch of iterations so that one timing takes about ``seconds``.
    iterations = max(1, int(seconds * _rate(loop.step, 3)))
    iterations = max(1, int(seconds * _rate(loop.step, iterations // 10 + 1)))
    engine_rates, numpy_rates = [], []
    for repeat in range(repeats):
        pair = [(trainer.step, engine_rates), (loop.step, numpy_rates)]
        for step, rates in pair if repeat % 2 == 0 else reversed(pair):
            rates.append(_rate(step, iterations))
    return statistics.median(engine_rates), statistics.median(numpy_rates)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--seconds", type=float, default=0.25, help="time per measurement (default 0.25)")
    parser.add_argument("--repeats", type=int, default=7, help="interleaved repetitions (default 7)")
    args = parser.parse_args(argv)
    rows = []
    for name, sizes, samples in WORKLOADS:
        engine_its, numpy_its = measure(sizes, samples, args.seconds, args.repeats)
        rows.append({"name": name, "engine_its": round(engine_its, 1), "numpy_its": round(numpy_its, 1),
                     "ratio": round(engine_its / numpy_its, 3)})
    if args.json:
        print(json.dumps({"workloads": rows}))
        return 0
    print(f"{'workload':<18}{'engine it/s':>14}{'numpy it/s':>14}{'ratio':>8}")
    for row in rows:
        print(f"{row['name']:<18}{row['engine_its']:>14,.1f}{row['numpy_its']:>14,.1f}{row['ratio']:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
