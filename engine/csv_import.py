"""CSV import: a header row, numeric columns, and the targets the caller chooses.

Rows are numbered as lines of the file (the header is row 1), so a message such as
``row 5, column 'x2': 'abc' is not a number`` points at what a text editor shows.

Class labels: with ``classification=True`` and one target column, the column may hold
any labels (numbers or words). They are sorted (numerically when every label is a
number) and encoded as class indices: two classes become a single 0/1 column (the first
sorted label is 0), suiting a sigmoid output with bce; three or more become one-hot
rows, suiting softmax with cross_entropy (at most ``MAX_NEURONS`` classes: one output
neuron each). With several target columns the targets are taken as already encoded numbers.

Encodings: a file is read as what Chinese spreadsheets write, without asking: a byte order mark
decides first (UTF-8, UTF-16 LE or BE), then UTF-16 without one by its pattern of NUL bytes, then
strict UTF-8, then GB18030 (which includes GBK and GB2312). The CSV files the app writes are UTF-8
with a BOM (``WRITE_ENCODING``), so that Excel shows their Chinese intact.

Long files: ``report`` (optional) gets ``progress(done, total)``, in units of the file's
lines read and then its columns converted, and is asked ``should_stop()`` at each report; a
stop raises ``ImportCancelled`` (not a StudioError: no message, the caller just keeps its
data). A plain file (no quotes, a row on every line) is split in one go; others are read
row by row, reporting every 4,096 rows. Numbers are converted a whole column at a time;
only a column that fails is walked cell by cell, to name the first bad cell.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from .document import Data, read_regular_file
from .errors import ValidationError
from .messages import Message, csv_reason, os_reason
from .network import MAX_NEURONS

MAX_CSV_BYTES = 20 * 1024 * 1024
MAX_CSV_ROWS = 100_000
MAX_CSV_COLUMNS = 1025
_DELIMITERS = (",", ";", "\t")
WRITE_ENCODING = "utf-8-sig"  # what the app writes its CSV files in: Excel reads UTF-8 only after a BOM
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_SNIFF_BYTES = 4096  # how much of a file without a BOM is looked at for UTF-16's NUL bytes
REPORT_ROWS = 4096  # rows between progress reports (and stop checks)


class ImportCancelled(Exception):
    """The reporter asked to stop; nothing was imported."""


class ImportReporter(Protocol):
    def progress(self, done: int, total: int) -> None: ...

    def should_stop(self) -> bool: ...


@dataclass
class CsvDataset:
    data: Data
    input_names: list[str]
    target_names: list[str]
    classes: list[str] = field(default_factory=list)  # class labels in encoding order, if any


def load_csv(source: str | Path, target_columns: list[str | int] | str | int,
             classification: bool = False, report: ImportReporter | None = None) -> CsvDataset:
    """Read a CSV file (a ``Path``, a file name, or the text itself when it holds a newline).

    ``target_columns`` names the target columns by header name or by 0-based index;
    every other column is an input. Raises ValidationError naming the row and column,
    and ImportCancelled when ``report.should_stop()`` says so.
    """
    text, where = _read(source)
    table = _table(text, where, report)
    header = table.header
    targets = _target_indices(header, target_columns)
    inputs = [c for c in range(len(header)) if c not in targets]
    if not inputs:
        raise ValidationError("target_columns", Message("csv.all_targets"))
    labels_col = targets[0] if classification and len(targets) == 1 else None
    table.check_widths()
    width, lines = len(header), table.lines
    work = table.total + width  # progress: the file's lines read, then its columns converted
    values = np.empty((len(lines), width))
    for c in range(width):
        if report is not None:
            if report.should_stop():
                raise ImportCancelled
            report.progress(table.total + c, work)
        if c != labels_col:
            values[:, c] = _column(table.column(c), lines, header[c])
    labels: list[str] = []
    if labels_col is not None:
        labels = list(map(str.strip, table.column(labels_col)))
        if "" in labels:
            raise ValidationError(Message("where.row_column", row=lines[labels.index("")],
                                          column=repr(header[labels_col])), Message("csv.empty_label"))
    if report is not None:
        report.progress(work, work)
    classes: list[str] = []
    if labels_col is None:
        y = values[:, targets]
    else:
        classes, y = _encode(labels, header[labels_col])
    return CsvDataset(Data(values[:, inputs], y), [header[c] for c in inputs], [header[c] for c in targets], classes)


def _read(source: str | Path) -> tuple[str, str]:
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        if len(source.encode("utf-8")) > MAX_CSV_BYTES:
            raise ValidationError("csv", Message("csv.text_too_large",
                                                         limit=MAX_CSV_BYTES // 1_048_576))
        return source.removeprefix("\ufeff"), "csv"  # a BOM, as a file read with utf-8-sig loses it
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise ValidationError(path.name, Message("csv.file_too_large", size=f"{size / 1_048_576:.1f}",
                                                     limit=MAX_CSV_BYTES // 1_048_576))
        content = read_regular_file(path, MAX_CSV_BYTES)  # never blocks on a pipe
    except OSError as exc:
        raise ValidationError(path.name, Message("csv.cannot_read", reason=os_reason(exc) if exc.strerror
                                                                    else str(exc))) from None
    return decode(content, path.name), path.name


def decode(content: bytes, where: str = "csv") -> str:
    """A CSV file's text, its encoding found without asking (see the module's docstring)."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return _strict(content[len(bom):], encoding, where)
    texts = []
    for encoding in (*_utf16(content[:_SNIFF_BYTES]), "utf-8", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            texts.append(content.decode(encoding))
    if not texts:
        raise ValidationError(where, Message("csv.unknown_encoding"))
    return max(texts, key=_plausible)  # the first wins a tie: UTF-16 by its NULs, then UTF-8


def _plausible(text: str) -> float:
    """The share of a text's non-ASCII characters that a spreadsheet in a Chinese classroom writes:
    hanzi, CJK and full-width punctuation, accented Latin and Greek letters. A short GBK file can
    also be valid UTF-8: "一" is D2 BB in GBK, which UTF-8 reads as the Cyrillic letter shha (U+04BB); the reading
    with more such characters wins, and UTF-8 wins a tie ("é" stays "é", not GBK's "茅")."""
    wide = [ord(c) for c in text if ord(c) > 0x7F]
    if not wide:
        return 1.0
    return sum(any(lo <= o <= hi for lo, hi in _PLAUSIBLE) for o in wide) / len(wide)


_PLAUSIBLE = ((0x00A0, 0x03FF), (0x2000, 0x22FF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
              (0xFF00, 0xFFEF))  # Latin-1 to Greek, punctuation and maths, CJK, full-width forms


def _utf16(start: bytes) -> tuple[str, ...]:
    """UTF-16 without a BOM, told by its NUL bytes: ASCII (digits, commas, line ends) is a NUL and
    a byte, so one of every two bytes is mostly NUL, the first (big-endian) or the second (little)."""
    even, odd = start[0::2].count(0), start[1::2].count(0)
    if not start or max(even, odd) * 8 < len(start) or min(even, odd) * 4 > max(even, odd):
        return ()  # text with a stray NUL, or none: not UTF-16
    return ("utf-16-be",) if even > odd else ("utf-16-le",)


def _strict(content: bytes, encoding: str, where: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError:
        raise ValidationError(where, Message("csv.unknown_encoding")) from None


def read_header(path: str | Path) -> list[str]:
    """The column names of a CSV file, as ``load_csv`` reads them (for choosing the targets first)."""
    text, _ = _read(Path(path))
    first = next((line for line in text.splitlines() if line.strip()), "")
    return [name.strip() for name in next(csv.reader([first], delimiter=_delimiter(first)), [])]


def _delimiter(line: str) -> str:
    return max(_DELIMITERS, key=line.count)


@dataclass
class _Table:
    """The header and the data cells, by column; ``lines[r]`` is the file line of data row r."""

    header_line: int
    header: list[str]
    lines: Sequence[int]
    total: int  # lines in the file, for progress
    rows: list[list[str]] | None = None  # the data rows as read (the general path) ...
    flat: list[str] | None = None  # ... or every cell, header first, row by row (the fast path)

    def check_widths(self) -> None:
        width = len(self.header)
        for line, row in zip(self.lines, self.rows or (), strict=False):
            if len(row) != width:
                raise ValidationError(Message("where.row", row=line), Message("csv.columns", count=width, got=len(row)))

    def column(self, c: int) -> list[str]:
        if self.flat is not None:
            return self.flat[len(self.header) + c::len(self.header)]
        return [row[c] for row in self.rows]


def _table(text: str, where: str, report: ImportReporter | None) -> _Table:
    """The file's table: the fast path for plain files with a row on every line, else row by row."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise ValidationError(where, Message("csv.empty_file"))
    delimiter = _delimiter(first)
    text = plain = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends alike
    total = text.count("\n") + 1
    simple = not any(special in plain for special in ('"', "\r", "\0"))  # no quoting: split, as csv would
    if simple:
        if report is not None and report.should_stop():
            raise ImportCancelled
        table = _plain_table(plain, delimiter, total)
        if table is not None:
            _check_header(table.header, table.header_line)
            return table
    rows = _rows(text, plain, delimiter, simple, where, total, len(first.split(delimiter)), report)
    header = [name.strip() for name in rows[0][1]]
    _check_header(header, rows[0][0])
    return _Table(rows[0][0], header, [line for line, _ in rows[1:]], total, rows=[row for _, row in rows[1:]])


def _plain_table(plain: str, delimiter: str, total: int) -> _Table | None:
    """Every cell in one split, when each line is a row of the same width (else None: read row by row).

    A line of blanks, a row of another width, or an empty first cell (which may be a row of empty
    cells, skipped as blank) sends the file down the general path, so both read alike.
    """
    lines = plain.split("\n")
    if lines and not lines[-1]:
        lines.pop()  # the final newline ends the last row
    if not 2 <= len(lines) <= MAX_CSV_ROWS + 1 or "" in map(str.strip, lines):
        return None
    counts = set(map(operator.methodcaller("count", delimiter), lines))
    width = counts.pop() + 1
    if counts or width > MAX_CSV_COLUMNS:
        return None
    flat = delimiter.join(lines).split(delimiter)
    if "" in map(str.strip, flat[::width]):
        return None
    return _Table(1, [name.strip() for name in flat[:width]], range(2, len(lines) + 1), total, flat=flat)


def _rows(text: str, plain: str, delimiter: str, simple: bool, where: str, total: int, width: int,
          report: ImportReporter | None) -> list[tuple[int, list[str]]]:
    """(line number, cells) for the header and each non-blank row."""
    reader = _PlainReader(plain, delimiter) if simple else csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    append = rows.append
    next_report = REPORT_ROWS
    try:
        for row in reader:
            if not row or (not row[0].strip() and not any(cell.strip() for cell in row)):
                continue
            if len(row) > MAX_CSV_COLUMNS:
                raise ValidationError(Message("where.row", row=reader.line_num),
                                      Message("csv.max_columns", limit=MAX_CSV_COLUMNS))
            append((reader.line_num, row))
            if len(rows) >= next_report:
                if len(rows) > MAX_CSV_ROWS + 1:
                    raise ValidationError(where, Message("csv.max_rows", limit=MAX_CSV_ROWS))
                next_report += REPORT_ROWS
                if report is not None:
                    if report.should_stop():
                        raise ImportCancelled
                    report.progress(min(reader.line_num, total), total + width)
    except csv.Error as exc:
        raise ValidationError(Message("where.row", row=reader.line_num),
                              Message("csv.invalid", reason=csv_reason(str(exc)))) from None
    if len(rows) > MAX_CSV_ROWS + 1:
        raise ValidationError(where, Message("csv.max_rows", limit=MAX_CSV_ROWS))
    if len(rows) < 2:
        raise ValidationError(where, Message("csv.no_rows"))
    return rows


def _check_header(header: list[str], line: int) -> None:
    seen: set[str] = set()
    for c, name in enumerate(header):
        if not name:
            raise ValidationError(Message("where.row_column_number", row=line, column=c + 1), Message("csv.empty_name"))
        if name in seen:
            raise ValidationError(Message("where.row", row=line), Message("csv.name_twice", name=repr(name)))
        seen.add(name)


class _PlainReader:
    """csv.reader's rows and ``line_num`` for text without quotes or carriage returns, several times faster."""

    def __init__(self, text: str, delimiter: str) -> None:
        self.lines = text.split("\n")
        if self.lines and not self.lines[-1]:
            self.lines.pop()  # the final newline ends the last row
        self.delimiter = delimiter
        self.line_num = 0

    def __iter__(self):
        delimiter = self.delimiter
        for number, line in enumerate(self.lines, start=1):
            self.line_num = number
            yield line.split(delimiter) if line else []


def _target_indices(header: list[str], wanted: list[str | int] | str | int) -> list[int]:
    chosen = [wanted] if isinstance(wanted, str | int) else list(wanted)
    if not chosen:
        raise ValidationError("target_columns", Message("csv.choose_target"))
    indices: list[int] = []
    for item in chosen:
        if isinstance(item, str) and item in header:
            index = header.index(item)
        elif isinstance(item, int) and not isinstance(item, bool) and -len(header) <= item < len(header):
            index = item % len(header)
        else:
            raise ValidationError("target_columns", Message("csv.no_column", name=repr(item),
                                                                   names=", ".join(header)))
        if index in indices:
            raise ValidationError("target_columns", Message("csv.chosen_twice", name=repr(header[index])))
        indices.append(index)
    return indices


def _column(cells: list[str], lines: Sequence[int], name: str) -> np.ndarray:
    """A column's cells as float64, converted at once; a bad cell is found and named."""
    try:
        column = np.array(cells, dtype=np.float64)
    except ValueError:
        column = None
    if column is None or not np.isfinite(column).all():  # name the first bad cell, in file order
        column = np.array([_number(cell, line, name) for cell, line in zip(cells, lines, strict=True)],
                          dtype=np.float64)
    return column


def _number(cell: str, line: int, name: str) -> float:
    text = cell.strip()
    shown = text if len(text) <= 40 else text[:39] + "…"  # never quote a huge cell
    try:
        value = float(text)
    except ValueError:
        raise ValidationError(Message("where.row_column", row=line, column=repr(name)),
                              Message("csv.not_a_number", quoted=repr(shown), text=shown) if text
                              else Message("csv.empty_value")) from None
    if not math.isfinite(value):
        raise ValidationError(Message("where.row_column", row=line, column=repr(name)),
                              Message("csv.not_finite", quoted=repr(shown), text=shown))
    return value


def _encode(labels: list[str], name: str) -> tuple[list[str], np.ndarray]:
    unique = set(labels)
    try:
        classes = sorted(unique, key=float)
    except ValueError:
        classes = sorted(unique)
    if len(classes) < 2:
        raise ValidationError(Message("where.column", column=repr(name)),
                              Message("csv.two_classes", label=repr(classes[0])))
    if len(classes) > MAX_NEURONS:
        raise ValidationError(Message("where.column", column=repr(name)),
                              Message("csv.max_classes", count=len(classes), limit=MAX_NEURONS))
    index = {label: k for k, label in enumerate(classes)}
    codes = np.array([index[label] for label in labels])
    if len(classes) == 2:
        return classes, codes.astype(np.float64).reshape(-1, 1)
    return classes, np.eye(len(classes))[codes]
