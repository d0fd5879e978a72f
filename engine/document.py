"""Lesson documents: the JSON file format v1, read with validation and written back.

A document holds either a network (with data and training settings) or an expression
program. Unknown top-level keys (view state, dataset specs, the current step…) are kept
in ``extra`` and written back unchanged, so newer files survive a round trip.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .config import TrainingConfig
from .errors import ValidationError
from .network import Network, numeric_array

FORMAT = "backprop-studio"
VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_SAMPLES = 100_000
KNOWN_KEYS = {"format", "version", "network", "data", "training", "expression", "title", "description"}


@dataclass
class Data:
    """Samples as rows: inputs (N, n_in) and targets (N, n_out)."""

    inputs: np.ndarray
    targets: np.ndarray

    def __len__(self) -> int:
        return int(self.inputs.shape[0])

    def to_dict(self) -> dict:
        return {"inputs": self.inputs.tolist(), "targets": self.targets.tolist()}

    @classmethod
    def from_dict(cls, raw: object, where: str = "data") -> Data:
        if not isinstance(raw, dict):
            raise ValidationError(where, "expected an object with inputs and targets")
        for key in ("inputs", "targets"):
            value = raw.get(key)
            if not isinstance(value, list) or not value:
                raise ValidationError(f"{where}.{key}", "expected a non-empty list of rows")
            if len(value) > MAX_SAMPLES:
                raise ValidationError(f"{where}.{key}", f"at most {MAX_SAMPLES} samples, got {len(value)}")
        inputs = numeric_array(raw["inputs"], f"{where}.inputs", 2)
        targets = numeric_array(raw["targets"], f"{where}.targets", 2)
        if len(inputs) != len(targets):
            raise ValidationError(f"{where}.targets", f"expected {len(inputs)} rows like inputs, got {len(targets)}")
        return cls(inputs, targets)

    def check_against(self, network: Network, where: str = "data") -> None:
        if self.inputs.shape[1] != network.sizes[0]:
            raise ValidationError(
                f"{where}.inputs", f"expected {network.sizes[0]} numbers per row, got {self.inputs.shape[1]}"
            )
        if self.targets.shape[1] != network.sizes[-1]:
            raise ValidationError(
                f"{where}.targets", f"expected {network.sizes[-1]} numbers per row, got {self.targets.shape[1]}"
            )
        if network.loss == "bce" and np.any((self.targets < 0) | (self.targets > 1)):
            raise ValidationError(f"{where}.targets", "bce needs targets between 0 and 1")
        if network.loss == "cross_entropy" and (
            np.any(self.targets < 0) or not np.allclose(self.targets.sum(axis=1), 1.0)
        ):
            raise ValidationError(f"{where}.targets", "cross_entropy needs one-hot or probability rows")


@dataclass
class Expression:
    source: str
    values: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"source": self.source, "values": dict(self.values)}

    @classmethod
    def from_dict(cls, raw: object, where: str = "expression") -> Expression:
        if not isinstance(raw, dict):
            raise ValidationError(where, "expected an object with source and values")
        source = raw.get("source")
        if not isinstance(source, str) or not source.strip():
            raise ValidationError(f"{where}.source", "expected the program as text")
        values = raw.get("values", {})
        if not isinstance(values, dict):
            raise ValidationError(f"{where}.values", "expected an object of name: number")
        clean: dict[str, float] = {}
        for name, value in values.items():
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ValidationError(f"{where}.values.{name}", f"expected a finite number, got {value!r}")
            clean[str(name)] = float(value)
        return cls(source, clean)


@dataclass
class Document:
    network: Network | None = None
    data: Data | None = None
    training: TrainingConfig = field(default_factory=TrainingConfig)
    expression: Expression | None = None
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return "expression" if self.expression is not None else "network"

    def to_dict(self) -> dict:
        out: dict = {"format": FORMAT, "version": VERSION}
        if self.title:
            out["title"] = dict(self.title)
        if self.description:
            out["description"] = dict(self.description)
        if self.expression is not None:
            out["expression"] = self.expression.to_dict()
        if self.network is not None:
            out["network"] = self.network.to_dict()
        if self.data is not None:
            out["data"] = self.data.to_dict()
        if self.network is not None:
            out["training"] = self.training.to_dict()
        out.update(self.extra)
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


def parse_document(raw: object) -> Document:
    """Validate a decoded JSON value into a Document (raises ValidationError)."""
    if not isinstance(raw, dict):
        raise ValidationError("", "not a Backprop Studio document (expected a JSON object)")
    if raw.get("format") != FORMAT:
        raise ValidationError("format", f"expected {FORMAT!r}, got {raw.get('format')!r}")
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValidationError("version", f"expected a whole number ≥ 1, got {version!r}")
    if version > VERSION:
        raise ValidationError("version", f"this file needs a newer Backprop Studio (version {version})")
    doc = Document(extra={k: v for k, v in raw.items() if k not in KNOWN_KEYS})
    doc.title = _texts(raw.get("title"), "title")
    doc.description = _texts(raw.get("description"), "description")
    if "expression" in raw:
        doc.expression = Expression.from_dict(raw["expression"])
        return doc
    if "network" not in raw:
        raise ValidationError("network", "missing: a document needs a network or an expression")
    doc.training = TrainingConfig.from_dict(raw.get("training"))
    doc.network = Network.from_dict(raw["network"], seed=doc.training.seed)
    if "data" in raw:
        doc.data = Data.from_dict(raw["data"])
        doc.data.check_against(doc.network)
    return doc


def loads(text: str) -> Document:
    try:
        raw = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ValidationError("", f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise ValidationError("", "not valid JSON (nested too deeply)") from None
    return parse_document(raw)


def load(path: str | Path) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValidationError("", f"{path.name} is too large ({size // 1_048_576} MB; the limit is 50 MB)")
        text = path.read_text(encoding="utf-8")
    except ValidationError:
        raise
    except UnicodeDecodeError:
        raise ValidationError("", f"{path.name} is not a UTF-8 text file") from None
    except OSError as exc:
        raise ValidationError("", f"cannot read {path}: {exc.strerror or exc}") from None
    return loads(text)


def _refuse_constant(name: str) -> float:
    raise ValidationError("", f"not valid JSON: {name} is not a finite number")


def _texts(raw: object, where: str) -> dict[str, str]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        return {"en": raw}
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise ValidationError(where, "expected text, or an object of language: text")
    return {str(k): v for k, v in raw.items()}
