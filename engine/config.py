"""Training settings, validated from the document's ``training`` section.

``RANGES`` is the one table of what each setting may be: the file loader, the command line
and the window's spin boxes all take their limits from it, so one file trains alike
everywhere. It includes the network's weight decay λ (``network.weight_decay``).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields

from . import names
from .errors import ValidationError, brief
from .messages import Message

OPTIMIZERS = tuple(names.OPTIMIZERS)  # the ids of engine/names.py's table (tuple: see network.ACTIVATIONS)


@dataclass(frozen=True)
class Range:
    """An interval of allowed values; ``low_open``/``high_open`` exclude that end."""

    low: float
    high: float
    whole: bool = False  # a whole number (int), else any finite number
    low_open: bool = False
    high_open: bool = False

    def __contains__(self, value: float) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below

    def interval(self) -> str:
        """The range in interval notation, such as ``[0, 1)``."""
        return f"{'(' if self.low_open else '['}{self.low:g}, {self.high:g}{')' if self.high_open else ']'}"


RANGES: dict[str, Range] = {
    "learning_rate": Range(0.0, 1e6),
    "batch_size": Range(0, 10**7, whole=True),  # 0 means the full batch
    "iterations": Range(0, 10**8, whole=True),
    "epochs": Range(0, 10**7, whole=True),
    "seed": Range(0, 2**32 - 1, whole=True),
    "eval_every": Range(1, 10**8, whole=True),
    # Heavy-ball momentum converges only for μ < 1: at 1 the velocity never forgets a gradient.
    "momentum": Range(0.0, 1.0, high_open=True),
    # Adam divides by 1 − β₁ᵗ and by √(1 − β₂ᵗ): 1 itself is no setting.
    "beta1": Range(0.0, 1.0, high_open=True),
    "beta2": Range(0.0, 1.0, high_open=True),
    # ε keeps Adam's m/(√v + ε) defined where a gradient is exactly 0.
    "eps": Range(0.0, 1.0, low_open=True),
    "test_fraction": Range(0.0, 0.9),
    "weight_decay": Range(0.0, 1e6),  # network.weight_decay: λ of J = L + λ/2·Σ‖W‖²
}


@dataclass
class TrainingConfig:
    """Defaults follow PyTorch: momentum 0.9 (dampening 0), Adam β₁ 0.9, β₂ 0.999, ε 1e-8."""

    optimizer: str = "sgd"
    learning_rate: float = 0.5
    batch_size: int = 0  # 0 means the full batch
    iterations: int = 100
    epochs: int = 0  # when > 0, the length is given in epochs instead of iterations
    seed: int = 0
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    test_fraction: float = 0.0
    eval_every: int = 1

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: object, where: str = "training") -> TrainingConfig:
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise ValidationError(where, Message("expected.object"))
        config = cls()
        for key, value in raw.items():
            if key not in {f.name for f in fields(cls)}:
                continue  # unknown keys are kept by the document, ignored here
            setattr(config, key, checked_value(key, value, f"{where}.{key}"))
        return config


def checked_setting(key: str, value: object, where: str) -> int | float:
    """``value`` checked against ``RANGES[key]``: the int or float to store, or ValidationError."""
    allowed = RANGES[key]
    if allowed.whole:
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise ValidationError(where, Message("expected.whole_number_range", low=allowed.low,
                                                 high=allowed.high, value=brief(value)))
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(where, Message("expected.finite_number_got", value=brief(value)))
    if (isinstance(value, int) and value.bit_length() > 1000) or not math.isfinite(value):
        raise ValidationError(where, Message("expected.finite_number_got", value=brief(value)))
    if value not in allowed:
        if allowed.low_open or allowed.high_open:
            raise ValidationError(where, Message("expected.number_interval", interval=allowed.interval(),
                                                     value=brief(value)))
        raise ValidationError(where, Message("expected.number_range", low=f"{allowed.low:g}",
                                             high=f"{allowed.high:g}", value=brief(value)))
    return float(value)


def checked_value(key: str, value: object, where: str):
    """Any training setting (the optimizer's name or a number in ``RANGES``), checked as a file's is."""
    if key == "optimizer":
        if value not in OPTIMIZERS:
            raise ValidationError(where, Message("unknown.optimizer_one_of", name=brief(value),
                                                     names=", ".join(OPTIMIZERS)))
        return value
    return checked_setting(key, value, where)
