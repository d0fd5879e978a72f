"""Lesson documents: the JSON file format v1, read with validation and written back.

A document holds either a network (with data and training settings) or an expression
program. Unknown top-level keys (view state, dataset specs, the current step…) are kept
in ``extra`` and written back unchanged, so newer files survive a round trip.

Reading is safe against hostile files: only a regular file of at most MAX_FILE_BYTES is read
(a folder, pipe or device is refused before it is opened), a UTF-8 byte-order mark is allowed,
nothing may nest deeper than MAX_DEPTH, every number anywhere must be a finite float64, text
may not hold lone surrogates, and each known field is checked for type, size and range before
anything is built. Writing refuses what reading would refuse. Every refusal is one short line.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .config import TrainingConfig
from .errors import ValidationError, brief
from .messages import Message, json_reason, os_reason
from .network import Network, is_finite_number, numeric_array

FORMAT = "backprop-studio"
VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 64  # objects and lists inside each other; a lesson needs about 6
MAX_SAMPLES = 100_000
MAX_VALUES = 5_000  # an expression's variables (a program makes at most 5,000 nodes)
MAX_NAME_CHARS = 100
MAX_TITLE_CHARS = 500
MAX_DESCRIPTION_CHARS = 20_000
MAX_NUMBER_DIGITS = 309  # 1.8e308, the largest float64, has 309 digits
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
    def from_dict(cls, raw: object, where: str = "data", widths: tuple[int, int] | None = None) -> Data:
        """Validate and build; with ``widths`` (the network's input and output sizes) every row's
        length is checked before any number is converted."""
        if not isinstance(raw, dict):
            raise ValidationError(where, Message("expected.inputs_and_targets"))
        for key in ("inputs", "targets"):
            value = raw.get(key)
            if not isinstance(value, list) or not value:
                raise ValidationError(f"{where}.{key}", Message("expected.non_empty_rows"))
            if len(value) > MAX_SAMPLES:
                raise ValidationError(f"{where}.{key}", Message("file.max_samples", limit=MAX_SAMPLES, got=len(value)))
        if len(raw["inputs"]) != len(raw["targets"]):
            raise ValidationError(f"{where}.targets",
                                  Message("expected.rows_like_inputs", count=len(raw["inputs"]),
                                          got=len(raw["targets"])))
        n_in, n_out = widths if widths is not None else (None, None)
        inputs = numeric_array(raw["inputs"], f"{where}.inputs", 2, width=n_in)
        targets = numeric_array(raw["targets"], f"{where}.targets", 2, width=n_out)
        return cls(inputs, targets)

    def check_against(self, network: Network, where: str = "data") -> None:
        if self.inputs.shape[1] != network.sizes[0]:
            raise ValidationError(
                f"{where}.inputs", Message("expected.numbers_per_row", count=network.sizes[0],
                                                   got=self.inputs.shape[1])
            )
        if self.targets.shape[1] != network.sizes[-1]:
            raise ValidationError(
                f"{where}.targets", Message("expected.numbers_per_row", count=network.sizes[-1],
                                                    got=self.targets.shape[1])
            )
        if network.loss == "bce" and np.any((self.targets < 0) | (self.targets > 1)):
            raise ValidationError(f"{where}.targets", Message("data.bce_targets"))
        if network.loss == "cross_entropy" and (
            np.any(self.targets < 0) or not np.allclose(self.targets.sum(axis=1), 1.0)
        ):
            raise ValidationError(f"{where}.targets", Message("data.cross_entropy_targets"))


@dataclass
class Expression:
    source: str
    values: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"source": self.source, "values": dict(self.values)}

    @classmethod
    def from_dict(cls, raw: object, where: str = "expression") -> Expression:
        if not isinstance(raw, dict):
            raise ValidationError(where, Message("expected.source_and_values"))
        from .expression_check import MAX_SOURCE_CHARS

        source = raw.get("source")
        if not isinstance(source, str) or not source.strip():
            raise ValidationError(f"{where}.source", Message("expected.program_text"))
        if len(source) > MAX_SOURCE_CHARS:
            raise ValidationError(f"{where}.source", Message("file.max_characters", limit=MAX_SOURCE_CHARS,
                                                                       got=len(source)))
        values = raw.get("values", {})
        if not isinstance(values, dict):
            raise ValidationError(f"{where}.values", Message("expected.name_number_object"))
        if len(values) > MAX_VALUES:
            raise ValidationError(f"{where}.values", Message("file.max_values", limit=MAX_VALUES, got=len(values)))
        clean: dict[str, float] = {}
        for name, value in values.items():
            if not isinstance(name, str) or not name.isidentifier() or len(name) > MAX_NAME_CHARS:
                raise ValidationError(f"{where}.values", Message("file.not_variable_name", name=brief(name)))
            if not is_finite_number(value):
                raise ValidationError(f"{where}.values.{name}", Message("expected.finite_number_got",
                                                                                   value=brief(value)))
            clean[name] = float(value)
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
        """The file's text: indented, with each row of numbers on one line (so a lesson stays
        well below the size limit). Raises ValidationError rather than write what loading refuses."""
        try:
            text = _pretty(self.to_dict(), 0) + "\n"
        except ValueError:
            raise ValidationError("", Message("file.save_not_finite")) from None
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_FILE_BYTES:
            raise ValidationError("", Message("file.save_too_large", size=size // 1_048_576,
                                              limit=MAX_FILE_BYTES // 1_048_576))
        return text


def _pretty(value: object, level: int) -> str:
    """JSON indented by two spaces, except that a list holding no list or object stays on one line."""
    def atom(item: object) -> str:
        return json.dumps(item, ensure_ascii=False, allow_nan=False)

    inner = "  " * (level + 1)
    if isinstance(value, dict) and value:
        items = (f"{inner}{atom(k if isinstance(k, str) else str(k))}: {_pretty(v, level + 1)}"
                 for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + "  " * level + "}"
    if isinstance(value, list | tuple) and any(isinstance(item, dict | list | tuple) for item in value):
        return "[\n" + ",\n".join(inner + _pretty(item, level + 1) for item in value) + "\n" + "  " * level + "]"
    return atom(value)


def parse_document(raw: object) -> Document:
    """Validate a decoded JSON value into a Document (raises ValidationError)."""
    if not isinstance(raw, dict):
        raise ValidationError("", Message("file.not_a_document"))
    if raw.get("format") != FORMAT:
        raise ValidationError("format", Message("file.format", expected=repr(FORMAT), value=brief(raw.get("format"))))
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValidationError("version", Message("expected.whole_number_at_least_one_got", value=brief(version)))
    if version > VERSION:
        raise ValidationError("version", Message("file.newer_version", version=brief(version)))
    doc = Document(extra={k: v for k, v in raw.items() if k not in KNOWN_KEYS})
    doc.title = _texts(raw.get("title"), "title", MAX_TITLE_CHARS)
    doc.description = _texts(raw.get("description"), "description", MAX_DESCRIPTION_CHARS)
    _check_dataset_record(doc.extra.get("dataset"))
    from .hand_table import validate  # the optional hand calculation to check (kept in ``extra``)

    validate(doc.extra.get("hand_calculation"))
    from .notes import validate as validate_notes  # teachers' notes on steps (kept in ``extra``)

    validate_notes(doc.extra.get("notes"))
    if "expression" in raw:
        doc.expression = Expression.from_dict(raw["expression"])
        return doc
    if "network" not in raw:
        raise ValidationError("network", Message("file.missing_network"))
    doc.training = TrainingConfig.from_dict(raw.get("training"))
    doc.network = Network.from_dict(raw["network"], seed=doc.training.seed)
    if "data" in raw:
        sizes = doc.network.sizes
        doc.data = Data.from_dict(raw["data"], widths=(sizes[0], sizes[-1]))
        doc.data.check_against(doc.network)
    return doc


def loads(text: str | bytes) -> Document:
    """A document from its JSON text (a leading UTF-8 byte-order mark is allowed)."""
    if isinstance(text, bytes | bytearray):
        text = _decode(bytes(text))
    text = text.removeprefix("\ufeff")
    try:
        raw = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ValidationError("", Message("json.invalid_at", line=exc.lineno, column=exc.colno,
                                                      reason=json_reason(exc.msg))) from None
    except ValueError:  # Python's limit of 4300 digits for a whole number
        raise ValidationError("", Message("json.number_too_large", limit=_FLOAT_MAX)) from None
    except RecursionError:
        raise ValidationError("", Message("json.too_deep", limit=MAX_DEPTH)) from None
    except MemoryError:
        raise ValidationError("", Message("file.no_memory")) from None
    doc = parse_document(raw)  # first: it checks sizes before converting anything
    _check_tree(raw)
    return doc


def load(path: str | Path) -> Document:
    """Read and validate a lesson file: only a regular file, of at most MAX_FILE_BYTES."""
    path = Path(path)
    return loads(_decode(read_regular_file(path, MAX_FILE_BYTES), shown_name(path)))


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or a ValidationError.

    A folder, a named pipe or a device is refused before it is opened for reading, and the
    file is opened without blocking, so a pipe with no writer can never hang the caller; the
    size is checked before reading, and again while reading (a file may grow).
    """
    path = Path(path)
    name = shown_name(path)
    try:
        info = os.stat(path)
        _check_regular(info, name, limit)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as file:
            _check_regular(os.fstat(file.fileno()), name, limit)  # the same file as the one checked
            content = file.read(limit + 1)
    except ValidationError:
        raise
    except MemoryError:
        raise ValidationError("", Message("file.no_memory")) from None
    except (OSError, ValueError) as exc:
        raise ValidationError("", Message("file.cannot_read", name=name, reason=os_reason(exc))) from None
    if len(content) > limit:
        raise ValidationError("", Message("file.too_large_more_than", name=name, size=limit // 1_048_576,
                                          limit=limit // 1_048_576))
    return content


_NOT_REGULAR = ((stat.S_ISDIR, "kind.folder"), (stat.S_ISFIFO, "kind.named_pipe"), (stat.S_ISCHR, "kind.device"),
                (stat.S_ISBLK, "kind.device"), (stat.S_ISSOCK, "kind.socket"))


def _check_regular(info: os.stat_result, name: str, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        what = next((what for test, what in _NOT_REGULAR if test(info.st_mode)), "kind.special_file")
        raise ValidationError("", Message("file.not_regular", name=name, what=Message(what)))
    if info.st_size > limit:
        raise ValidationError("", Message("file.too_large", name=name, size=info.st_size // 1_048_576,
                                          limit=limit // 1_048_576))


def shown_name(path: Path) -> str:
    """The file's name as a message shows it: quoted, at most 40 characters, always printable."""
    return brief(path.name or str(path))


def _decode(content: bytes, name: str | None = None) -> str:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError("", Message("file.not_utf8_named", name=name) if name
                              else Message("file.not_utf8")) from None


def _refuse_constant(name: str) -> float:
    raise ValidationError("", Message("json.constant", name=name))


_SURROGATE = re.compile("[\ud800-\udfff]")
_FLOAT_MAX = "1.8e308"


def _check_tree(raw: object) -> None:
    """The whole decoded file, walked without recursion: nothing nested deeper than MAX_DEPTH,
    every number a finite float64 (1e999 reads as infinity), and no lone surrogate in any text
    (it could be neither shown nor saved)."""
    stack: list[tuple[object, int, str]] = [(raw, 1, "")]
    while stack:
        value, depth, where = stack.pop()
        if depth > MAX_DEPTH:  # named by its top-level key: the full path would be 64 levels long
            raise ValidationError(re.split(r"[.\[]", where, maxsplit=1)[0], Message("file.too_deep", limit=MAX_DEPTH))
        if isinstance(value, dict):
            items = value.items()
            for key in value:
                if _SURROGATE.search(key):
                    raise ValidationError(where, Message("file.name_surrogate"))
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            if isinstance(value, str) and _SURROGATE.search(value):
                raise ValidationError(where, Message("file.text_surrogate"))
            continue
        for key, item in items:
            kind = type(item)
            if kind is float:
                if item - item != 0.0:  # infinity (NaN is refused by the reader)
                    raise ValidationError(_field(where, key), Message("file.number_too_large", limit=_FLOAT_MAX))
            elif kind is int:
                if item.bit_length() > 1024:
                    raise ValidationError(_field(where, key), Message("file.number_too_large", limit=_FLOAT_MAX))
            elif kind is dict or kind is list or kind is str:
                stack.append((item, depth + 1, _field(where, key)))


def _field(where: str, key: object) -> str:
    if len(where) > 80:  # deep inside: the start of the path says where
        return where
    if isinstance(key, int):
        return f"{where}[{key}]"
    key = brief(key)[1:-1]
    return f"{where}.{key}" if where else key


def _texts(raw: object, where: str, limit: int) -> dict[str, str]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        raw = {"en": raw}
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise ValidationError(where, Message("expected.text_or_languages"))
    for language, text in raw.items():
        if len(language) > MAX_NAME_CHARS:
            raise ValidationError(where, Message("file.not_language_code", name=brief(language)))
        if len(text) > limit:
            raise ValidationError(f"{where}.{language}", Message("file.max_characters", limit=limit, got=len(text)))
    return dict(raw)


# What the training panel records about the lesson's dataset (see gui/training/panel.py).
_DATASET_FIELDS = {"name": "text", "file": "text", "targets": "a list of column names",
                   "classification": "true or false", "size": "a whole number", "seed": "a whole number",
                   "noise": "a finite number"}


_KINDS = {"text": "kind.text", "a list of column names": "kind.column_names", "true or false": "kind.true_or_false",
          "a whole number": "kind.whole_number", "a finite number": "kind.finite_number"}


def _check_dataset_record(record: object) -> None:
    """The ``dataset`` record: each field the panel reads, of the type it reads."""
    if record is None:
        return
    if not isinstance(record, dict):
        raise ValidationError("dataset", Message("expected.object"))
    for key, value in record.items():
        kind = _DATASET_FIELDS.get(key)
        good = {
            None: True,
            "text": isinstance(value, str) and len(value) <= MAX_TITLE_CHARS,
            "a list of column names": isinstance(value, list) and all(isinstance(v, str) for v in value),
            "true or false": isinstance(value, bool),
            "a whole number": isinstance(value, int) and not isinstance(value, bool) and value >= 0,
            "a finite number": is_finite_number(value),
        }[kind]
        if not good:
            raise ValidationError(f"dataset.{key}", Message("expected.kind_got", kind=Message(_KINDS[kind]),
                                                                 value=brief(value)))
