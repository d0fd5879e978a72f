"""A hand calculation as data: in a lesson file, pasted from a spreadsheet, or read from a CSV file.

In a lesson file (an optional top-level field, kept as it is on saving):

    "hand_calculation": {
      "source": {"en": "…", "zh_CN": "…"},          optional: whose calculation this is
      "granularity": "neuron",                       optional: the steps its symbols name
      "values": [["a₁", "[0.8808, 0.9084]"], ["z₂", "1.1835"], …]
    }

Values are text, so that the digits stay as printed ("0.0090" keeps its last zero; a JSON
number would lose it); a number is accepted too. A value may be a list or a matrix.

Pasted or CSV text has two columns, symbol and value, separated by a tab, ";" or ","
(the first one outside brackets and quotes: "W₁[1,1],0.5" and "a₁,[0.88, 0.92]" both read).
A first row whose value is not a number is a header and is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import ValidationError, brief
from .messages import Message
from .typed_numbers import parse_array

FIELD = "hand_calculation"
MAX_ROWS = 5_000
MAX_SYMBOL_CHARS = 100
MAX_TABLE_CHARS = 2_000_000


@dataclass
class HandCalculation:
    values: list[tuple[str, str]]
    source: dict[str, str] = field(default_factory=dict)
    granularity: str | None = None

    def to_record(self) -> dict:
        record: dict = {}
        if self.source:
            record["source"] = dict(self.source)
        if self.granularity:
            record["granularity"] = self.granularity
        record["values"] = [[s, v] for s, v in self.values]
        return record


def validate(raw: object) -> None:
    """Raise ValidationError naming the field when the lesson's hand calculation is malformed."""
    if raw is None:
        return
    read(raw)


def read(raw: object) -> HandCalculation:
    from .compile import GRANULARITIES
    from .document import MAX_DESCRIPTION_CHARS, _texts

    if not isinstance(raw, dict):
        raise ValidationError(FIELD, Message("expected.object"))
    source = _texts(raw.get("source"), f"{FIELD}.source", MAX_DESCRIPTION_CHARS)
    granularity = raw.get("granularity")
    if granularity is not None and granularity not in GRANULARITIES:
        raise ValidationError(f"{FIELD}.granularity", Message("hand.granularity", names=", ".join(GRANULARITIES),
                                                              value=brief(granularity)))
    rows = raw.get("values")
    if not isinstance(rows, list):
        raise ValidationError(f"{FIELD}.values", Message("expected.list_of_rows"))
    if len(rows) > MAX_ROWS:
        raise ValidationError(f"{FIELD}.values", Message("file.max_values", limit=MAX_ROWS, got=len(rows)))
    values = []
    for k, row in enumerate(rows):
        where = f"{FIELD}.values[{k}]"
        if not (isinstance(row, list) and len(row) == 2 and isinstance(row[0], str) and row[0].strip()):
            raise ValidationError(where, Message("hand.row_pair"))
        if len(row[0]) > MAX_SYMBOL_CHARS:
            raise ValidationError(where, Message("file.max_characters", limit=MAX_SYMBOL_CHARS, got=len(row[0])))
        parse_array(row[1], where)
        values.append((row[0], row[1] if isinstance(row[1], str) else repr(row[1])))
    return HandCalculation(values, source, granularity)


def from_document(doc) -> HandCalculation | None:
    """The lesson's own hand calculation (None when it has none)."""
    raw = doc.extra.get(FIELD)
    return None if raw is None else read(raw)


def parse_table(text: str, where: str = "table") -> list[tuple[str, str]]:
    """Two columns, symbol and value, as pasted from a spreadsheet or written in a CSV file."""
    if len(text) > MAX_TABLE_CHARS:
        raise ValidationError(where, Message("file.max_characters", limit=MAX_TABLE_CHARS, got=len(text)))
    lines = [line for line in text.removeprefix("\ufeff").splitlines() if line.strip()]
    delimiter = "\t" if any("\t" in line for line in lines) else ";" if any(";" in _outside(line) for line in lines) \
        else ","
    rows: list[tuple[str, str]] = []
    for number, line in enumerate(lines, start=1):
        cells = _split(line, delimiter)
        if len(cells) < 2 or not cells[0]:
            if number == 1:
                continue
            raise ValidationError(Message("where.row", row=number), Message("hand.row_pair"))
        symbol, value = cells
        try:
            parse_array(value, symbol)
        except ValidationError:
            if number == 1:
                continue  # a header: symbol, value
            raise
        rows.append((symbol, value))
        if len(rows) > MAX_ROWS:
            raise ValidationError(where, Message("file.max_values", limit=MAX_ROWS, got=len(rows)))
    return rows


def read_table(path: str | Path) -> list[tuple[str, str]]:
    """A two-column CSV file (read as the training panel reads CSV: size limit, UTF-8, BOM)."""
    from .csv_import import _read

    text, where = _read(Path(path))
    return parse_table(text, where)


def _top_level(line: str):
    """(index, character) of each character outside brackets and quotes (those themselves left out)."""
    depth, quoted = 0, False
    for k, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "[":
            depth += 1
        elif not quoted and ch == "]":
            depth = max(0, depth - 1)
        elif not quoted and depth == 0:
            yield k, ch


def _outside(line: str) -> str:
    """The line without what is inside brackets or quotes."""
    return "".join(ch for _k, ch in _top_level(line))


def _split(line: str, delimiter: str) -> list[str]:
    """Symbol and value: split at the first delimiter outside brackets and quotes; empty cells after dropped."""
    for k, ch in _top_level(line):
        if ch == delimiter:
            rest = line[k + 1:].strip().rstrip(delimiter).strip()
            return [_unquote(line[:k]), _unquote(rest)]
    return [_unquote(line)]


def _unquote(cell: str) -> str:
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        cell = cell[1:-1].replace('""', '"')
    return cell.strip()


def check_document(doc, rows: list[tuple[str, str]] | None = None, granularity: str | None = None,
                   sample: int = 0):
    """Check ``rows`` (default: the lesson's own hand calculation) against sample ``sample`` of a
    network lesson, or an expression lesson, at ``granularity`` (default: the calculation's own,
    else neuron). Returns a HandReport (engine/hand_check.py)."""
    from .errors import StudioError
    from .hand_check import check_hand_calculation

    own = from_document(doc)
    if rows is None:
        if own is None:
            raise StudioError(Message("hand.no_calculation"))
        rows = own.values
    granularity = granularity or (own.granularity if own is not None else None) or "neuron"
    return check_hand_calculation(document_graph(doc, granularity, sample), rows)


def document_graph(doc, granularity: str = "neuron", sample: int = 0):
    """The graph a hand calculation of ``doc`` is checked on: sample ``sample`` at ``granularity``
    (an expression lesson's program), its forward and backward passes run."""
    import numpy as np

    from .compile import compile_network

    if doc.kind == "expression":
        from .expressions import compile_expression

        graph = compile_expression(doc.expression.source, doc.expression.values)
    else:
        data = doc.data
        graph = compile_network(doc.network, data.inputs[sample], data.targets[sample], granularity)
    with np.errstate(all="ignore"):
        graph.forward()
        graph.backward()
    return graph
