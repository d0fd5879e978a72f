"""CSV import: a header row, numeric columns, and the targets the caller chooses.

Rows are numbered as lines of the file (the header is row 1), so a message such as
``row 5, column 'x2': 'abc' is not a number`` points at what a text editor shows.

Class labels: with ``classification=True`` and one target column, the column may hold
any labels (numbers or words). They are sorted (numerically when every label is a
number) and encoded as class indices: two classes become a single 0/1 column (the first
sorted label is 0), suiting a sigmoid output with bce; three or more become one-hot
rows, suiting softmax with cross_entropy. With several target columns the targets are
taken as already encoded numbers.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .document import Data, read_regular_file
from .errors import ValidationError

MAX_CSV_BYTES = 20 * 1024 * 1024
MAX_CSV_ROWS = 100_000
MAX_CSV_COLUMNS = 1025
_DELIMITERS = (",", ";", "\t")


@dataclass
class CsvDataset:
    data: Data
    input_names: list[str]
    target_names: list[str]
    classes: list[str] = field(default_factory=list)  # class labels in encoding order, if any


def load_csv(source: str | Path, target_columns: list[str | int] | str | int,
             classification: bool = False) -> CsvDataset:
    """Read a CSV file (a ``Path``, a file name, or the text itself when it holds a newline).

    ``target_columns`` names the target columns by header name or by 0-based index;
    every other column is an input. Raises ValidationError naming the row and column.
    """
    text, where = _read(source)
    rows = _rows(text, where)
    header = [name.strip() for name in rows[0][1]]
    targets = _target_indices(header, target_columns)
    inputs = [c for c in range(len(header)) if c not in targets]
    if not inputs:
        raise ValidationError("target_columns", "every column is a target; at least one input column is needed")
    labels_col = targets[0] if classification and len(targets) == 1 else None
    numeric = [c for c in range(len(header)) if c != labels_col]
    values = np.empty((len(rows) - 1, len(header)))
    labels: list[str] = []
    for r, (line, row) in enumerate(rows[1:]):
        if len(row) != len(header):
            raise ValidationError(f"row {line}", f"expected {len(header)} columns, got {len(row)}")
        for c in numeric:
            values[r, c] = _number(row[c], line, header[c])
        if labels_col is not None:
            label = row[labels_col].strip()
            if not label:
                raise ValidationError(f"row {line}, column {header[labels_col]!r}", "the class label is empty")
            labels.append(label)
    classes: list[str] = []
    if labels_col is None:
        y = values[:, targets]
    else:
        classes, y = _encode(labels, header[labels_col])
    return CsvDataset(Data(values[:, inputs], y), [header[c] for c in inputs], [header[c] for c in targets], classes)


def _read(source: str | Path) -> tuple[str, str]:
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        if len(source.encode("utf-8")) > MAX_CSV_BYTES:
            raise ValidationError("csv", f"the text is larger than the limit of {MAX_CSV_BYTES // 1_048_576} MB")
        return source, "csv"
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise ValidationError(path.name, f"the file is {size / 1_048_576:.1f} MB; the limit is "
                                             f"{MAX_CSV_BYTES // 1_048_576} MB")
        return read_regular_file(path, MAX_CSV_BYTES).decode("utf-8-sig"), path.name  # never blocks on a pipe
    except UnicodeDecodeError:
        raise ValidationError(path.name, "not a UTF-8 text file") from None
    except OSError as exc:
        raise ValidationError(path.name, f"cannot read the file: {exc.strerror or exc}") from None


def _rows(text: str, where: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) for the header and each non-blank row."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise ValidationError(where, "the file is empty; expected a header row and data rows")
    delimiter = max(_DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(rows) > MAX_CSV_ROWS:
                raise ValidationError(where, f"more than {MAX_CSV_ROWS} data rows")
            if len(row) > MAX_CSV_COLUMNS:
                raise ValidationError(f"row {reader.line_num}", f"more than {MAX_CSV_COLUMNS} columns")
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise ValidationError(f"row {reader.line_num}", f"not valid CSV ({exc})") from None
    if len(rows) < 2:
        raise ValidationError(where, "no data rows after the header")
    header = [name.strip() for name in rows[0][1]]
    seen: set[str] = set()
    for c, name in enumerate(header):
        if not name:
            raise ValidationError(f"row {rows[0][0]}, column {c + 1}", "the header has an empty column name")
        if name in seen:
            raise ValidationError(f"row {rows[0][0]}", f"the column name {name!r} appears twice")
        seen.add(name)
    return rows


def _target_indices(header: list[str], wanted: list[str | int] | str | int) -> list[int]:
    chosen = [wanted] if isinstance(wanted, str | int) else list(wanted)
    if not chosen:
        raise ValidationError("target_columns", "choose at least one target column")
    indices: list[int] = []
    for item in chosen:
        if isinstance(item, str) and item in header:
            index = header.index(item)
        elif isinstance(item, int) and not isinstance(item, bool) and -len(header) <= item < len(header):
            index = item % len(header)
        else:
            raise ValidationError("target_columns", f"no column {item!r}; the columns are {', '.join(header)}")
        if index in indices:
            raise ValidationError("target_columns", f"column {header[index]!r} is chosen twice")
        indices.append(index)
    return indices


def _number(cell: str, line: int, name: str) -> float:
    text = cell.strip()
    try:
        value = float(text)
    except ValueError:
        problem = "the value is empty" if not text else f"{text!r} is not a number"
        raise ValidationError(f"row {line}, column {name!r}", problem) from None
    if not math.isfinite(value):
        raise ValidationError(f"row {line}, column {name!r}", f"{text!r} is not a finite number")
    return value


def _encode(labels: list[str], name: str) -> tuple[list[str], np.ndarray]:
    unique = set(labels)
    try:
        classes = sorted(unique, key=float)
    except ValueError:
        classes = sorted(unique)
    if len(classes) < 2:
        raise ValidationError(f"column {name!r}", f"needs at least two classes, found only {classes[0]!r}")
    index = {label: k for k, label in enumerate(classes)}
    codes = np.array([index[label] for label in labels])
    if len(classes) == 2:
        return classes, codes.astype(np.float64).reshape(-1, 1)
    return classes, np.eye(len(classes))[codes]
