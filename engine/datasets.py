"""Built-in datasets, the train/test split and CSV import.

Every generator takes ``seed``, ``size`` (the number of samples) and ``noise`` and
returns ``engine.document.Data``; the same arguments always give the same numbers.
Class targets follow one convention throughout: two classes are a single 0/1 column
(for a sigmoid output with bce), three or more are one-hot rows (for softmax with
cross_entropy).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .csv_import import CsvDataset, load_csv
from .document import Data

__all__ = ["DATASETS", "CsvDataset", "DatasetSpec", "generate", "load_csv", "train_test_split"]

# ----------------------------------------------------------------- generators

_CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def _class_targets(labels: np.ndarray, classes: int) -> np.ndarray:
    """A 0/1 column for two classes, one-hot rows for more."""
    if classes == 2:
        return labels.astype(np.float64).reshape(-1, 1)
    return np.eye(classes)[labels]


def _corners(seed: int, size: int, noise: float, truth: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Data:
    # Corners in turn, so size=4 with noise=0 is exactly the four-row truth table.
    rng = np.random.default_rng(seed)
    corners = _CORNERS[np.arange(size) % 4]
    inputs = corners + noise * rng.standard_normal((size, 2))
    labels = truth(corners[:, 0] > 0.5, corners[:, 1] > 0.5)
    return Data(inputs, labels.astype(np.float64).reshape(-1, 1))


def xor(seed: int = 0, size: int = 200, noise: float = 0.1) -> Data:
    """Points around the corners of the unit square; the target is x₁ XOR x₂."""
    return _corners(seed, size, noise, np.logical_xor)


def and_(seed: int = 0, size: int = 200, noise: float = 0.1) -> Data:
    """Points around the corners of the unit square; the target is x₁ AND x₂."""
    return _corners(seed, size, noise, np.logical_and)


def or_(seed: int = 0, size: int = 200, noise: float = 0.1) -> Data:
    """Points around the corners of the unit square; the target is x₁ OR x₂."""
    return _corners(seed, size, noise, np.logical_or)


def circles(seed: int = 0, size: int = 200, noise: float = 0.1) -> Data:
    """An inner circle (radius 0.5, class 1) inside an outer ring (radius 1, class 0)."""
    rng = np.random.default_rng(seed)
    labels = np.arange(size) % 2
    angle = rng.uniform(0.0, 2.0 * math.pi, size)
    radius = np.where(labels == 1, 0.5, 1.0)
    inputs = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    inputs += noise * rng.standard_normal((size, 2))
    return Data(inputs, _class_targets(labels, 2))


def moons(seed: int = 0, size: int = 200, noise: float = 0.1) -> Data:
    """Two interleaving half circles (as scikit-learn's make_moons)."""
    rng = np.random.default_rng(seed)
    labels = np.arange(size) % 2
    t = rng.uniform(0.0, math.pi, size)
    outer = np.column_stack([np.cos(t), np.sin(t)])
    inner = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    inputs = np.where(labels[:, None] == 0, outer, inner) + noise * rng.standard_normal((size, 2))
    return Data(inputs, _class_targets(labels, 2))


def spiral(seed: int = 0, size: int = 300, noise: float = 0.2, classes: int = 3) -> Data:
    """Interleaved spiral arms, one per class (CS231n); noise jitters the angle."""
    if classes < 2:
        raise ValueError("a spiral needs at least two classes")
    rng = np.random.default_rng(seed)
    labels = np.arange(size) % classes
    inputs = np.empty((size, 2))
    for k in range(classes):
        rows = np.flatnonzero(labels == k)
        radius = np.linspace(0.05, 1.0, len(rows))
        angle = np.linspace(4.0 * k, 4.0 * (k + 1), len(rows)) + noise * rng.standard_normal(len(rows))
        inputs[rows] = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    return Data(inputs, _class_targets(labels, classes))


def spiral2(seed: int = 0, size: int = 200, noise: float = 0.2) -> Data:
    """Two interleaved spiral arms, a single 0/1 target."""
    return spiral(seed, size, noise, classes=2)


def blobs(seed: int = 0, size: int = 300, noise: float = 0.5, classes: int = 3) -> Data:
    """Gaussian clouds (standard deviation ``noise``) around centres on a circle of radius 2."""
    rng = np.random.default_rng(seed)
    labels = np.arange(size) % classes
    angle = 2.0 * math.pi * np.arange(classes) / classes + math.pi / 2
    centres = 2.0 * np.column_stack([np.cos(angle), np.sin(angle)])
    inputs = centres[labels] + noise * rng.standard_normal((size, 2))
    return Data(inputs, _class_targets(labels, classes))


def linear(seed: int = 0, size: int = 100, noise: float = 0.1) -> Data:
    """y = 2x + 0.5 plus Gaussian noise, x uniform in [−1, 1]."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, (size, 1))
    return Data(x, 2.0 * x + 0.5 + noise * rng.standard_normal((size, 1)))


def sine(seed: int = 0, size: int = 100, noise: float = 0.1) -> Data:
    """y = sin(x) plus Gaussian noise, x uniform in [−π, π]."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-math.pi, math.pi, (size, 1))
    return Data(x, np.sin(x) + noise * rng.standard_normal((size, 1)))


def lecture(seed: int = 0, size: int = 1, noise: float = 0.0) -> Data:
    """The lecture's single sample: X = [[1, 2]], y = [[0.5]] (the arguments are ignored)."""
    return Data(np.array([[1.0, 2.0]]), np.array([[0.5]]))


# ----------------------------------------------------------------- registry


@dataclass(frozen=True)
class DatasetSpec:
    function: Callable[..., Data]
    description: dict[str, str]  # "en" and "zh_CN"
    default_size: int
    default_noise: float
    n_inputs: int
    n_outputs: int
    task: str  # "classification" or "regression"

    def generate(self, seed: int = 0, size: int | None = None, noise: float | None = None) -> Data:
        return self.function(
            seed=seed,
            size=self.default_size if size is None else size,
            noise=self.default_noise if noise is None else noise,
        )


def _spec(function, en, zh, size, noise, n_in, n_out, task="classification") -> DatasetSpec:
    return DatasetSpec(function, {"en": en, "zh_CN": zh}, size, noise, n_in, n_out, task)


DATASETS: dict[str, DatasetSpec] = {
    "xor": _spec(xor, "XOR: class 1 where exactly one input is 1", "异或：恰有一个输入为 1 时为类别 1", 200, 0.1, 2, 1),
    "and": _spec(and_, "AND: class 1 where both inputs are 1", "与：两个输入都为 1 时为类别 1", 200, 0.1, 2, 1),
    "or": _spec(or_, "OR: class 1 where either input is 1", "或：任一输入为 1 时为类别 1", 200, 0.1, 2, 1),
    "circles": _spec(circles, "Circles: a small circle inside a ring", "同心圆：大圆环中的小圆", 200, 0.1, 2, 1),
    "moons": _spec(moons, "Moons: two interleaving half circles", "双月：两个交错的半圆", 200, 0.1, 2, 1),
    "spiral": _spec(spiral, "Spiral: three interleaved arms (one-hot targets)", "螺旋：三条交错的旋臂（独热标签）",
                    300, 0.2, 2, 3),
    "spiral2": _spec(spiral2, "Spiral: two interleaved arms", "螺旋：两条交错的旋臂", 200, 0.2, 2, 1),
    "blobs": _spec(blobs, "Blobs: three Gaussian clouds (one-hot targets)", "高斯团：三个高斯点团（独热标签）",
                   300, 0.5, 2, 3),
    "linear": _spec(linear, "Linear regression: y = 2x + 0.5 with noise", "线性回归：y = 2x + 0.5 加噪声",
                    100, 0.1, 1, 1, "regression"),
    "sine": _spec(sine, "Sine regression: y = sin x with noise", "正弦回归：y = sin x 加噪声", 100, 0.1, 1, 1,
                  "regression"),
    "lecture": _spec(lecture, "The lecture's single sample: X = [1, 2], y = 0.5",
                     "讲义中的单个样本：X = [1, 2]，y = 0.5", 1, 0.0, 2, 1, "regression"),
}


def generate(name: str, seed: int = 0, size: int | None = None, noise: float | None = None) -> Data:
    """Generate the registered dataset ``name`` (defaults from its registry entry)."""
    if name not in DATASETS:
        raise KeyError(f"unknown dataset {name!r}; expected one of {', '.join(DATASETS)}")
    return DATASETS[name].generate(seed, size, noise)


# ----------------------------------------------------------------- split


def train_test_split(data: Data, test_fraction: float, seed: int = 0) -> tuple[Data, Data | None]:
    """Shuffle with ``seed`` and hold out ``round(N·test_fraction)`` rows (at least one row stays for training).

    Returns ``(train, None)`` when nothing is held out.
    """
    n = len(data)
    n_test = min(round(n * test_fraction), n - 1) if test_fraction > 0 else 0
    if n_test <= 0:
        return data, None
    order = np.random.default_rng(seed).permutation(n)
    test_rows, train_rows = np.sort(order[:n_test]), np.sort(order[n_test:])
    return (Data(data.inputs[train_rows], data.targets[train_rows]),
            Data(data.inputs[test_rows], data.targets[test_rows]))
