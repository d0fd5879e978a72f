"""The engine's messages in the interface language.

The engine is Qt-free and words its messages in English ("network.layers[1].weights:
expected 2×2, got 2×3"). Here each known shape of message is matched and rebuilt from a
translated template; field paths, names and numbers are kept exactly as they are. A message
of an unknown shape is shown as it is.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# (pattern, template): the template's %1, %2 … are the pattern's groups in order.
_PROBLEMS = [
    (r"expected a finite number, got (.+)", QT_TRANSLATE_NOOP("EngineMessage", "expected a finite number, got %1")),
    (r"expected a finite number ≥ 0", QT_TRANSLATE_NOOP("EngineMessage", "expected a finite number ≥ 0")),
    (r"expected (\d+)×(\d+), got (\d+)×(\d+)", QT_TRANSLATE_NOOP("EngineMessage", "expected %1×%2, got %3×%4")),
    (r"expected (\d+) numbers, got (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "expected %1 numbers, got %2")),
    (r"expected (\d+) numbers per row, got (\d+)", QT_TRANSLATE_NOOP("EngineMessage",
                                                                      "expected %1 numbers per row, got %2")),
    (r"expected (\d+) rows like inputs, got (\d+)", QT_TRANSLATE_NOOP("EngineMessage",
                                                                      "expected %1 rows like the inputs, got %2")),
    (r"expected 1 to (\d+), got (.+)", QT_TRANSLATE_NOOP("EngineMessage", "expected 1 to %1, got %2")),
    (r"expected a whole number from (\S+) to (\S+), got (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "expected a whole number from %1 to %2, got %3")),
    (r"expected a number from (\S+) to (\S+), got (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "expected a number from %1 to %2, got %3")),
    (r"expected a whole number", QT_TRANSLATE_NOOP("EngineMessage", "expected a whole number")),
    (r"expected a list of numbers", QT_TRANSLATE_NOOP("EngineMessage", "expected a list of numbers")),
    (r"expected a list of rows", QT_TRANSLATE_NOOP("EngineMessage", "expected a list of rows")),
    (r"expected an object", QT_TRANSLATE_NOOP("EngineMessage", "expected an object")),
    (r"unknown activation (.+?); expected one of (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "unknown activation function %1; expected one of %2")),
    (r"unknown loss (.+?); expected one of (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "unknown loss function %1; expected one of %2")),
    (r"unknown optimizer (.+?); expected one of (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "unknown optimizer %1; expected one of %2")),
    (r"softmax is for the output layer only",
     QT_TRANSLATE_NOOP("EngineMessage", "softmax is for the output layer only")),
    (r"(\w+) needs a (\w+) output layer, not (\w+)",
     QT_TRANSLATE_NOOP("EngineMessage", "%1 needs a %2 output layer, not %3")),
    (r"a softmax output layer needs cross_entropy, not (\w+)",
     QT_TRANSLATE_NOOP("EngineMessage", "a softmax output layer needs cross_entropy, not %1")),
    (r"at most (\d+) layers", QT_TRANSLATE_NOOP("EngineMessage", "at most %1 layers")),
    (r"at most (\d+) neurons", QT_TRANSLATE_NOOP("EngineMessage", "at most %1 neurons")),
    (r"a layer needs at least one neuron", QT_TRANSLATE_NOOP("EngineMessage", "a layer needs at least one neuron")),
    (r"only hidden layers can be removed", QT_TRANSLATE_NOOP("EngineMessage", "only hidden layers can be removed")),
    (r"missing: a document needs a network or an expression",
     QT_TRANSLATE_NOOP("EngineMessage", "missing: a lesson needs a network or an expression")),
    (r"not valid JSON \(line (\d+), column (\d+): (.+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "not valid JSON (line %1, column %2: %3)")),
    (r"not a Backprop Studio document \(expected a JSON object\)",
     QT_TRANSLATE_NOOP("EngineMessage", "not a Backprop Studio lesson (expected a JSON object)")),
    (r"expected 'backprop-studio', got (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "not a Backprop Studio lesson (the format is %1)")),
    (r"cannot read (.+): (.+)", QT_TRANSLATE_NOOP("EngineMessage", "cannot read %1: %2")),
    (r"(.+) is not a UTF-8 text file", QT_TRANSLATE_NOOP("EngineMessage", "%1 is not a UTF-8 text file")),
    (r"'(.*)' is not a number", QT_TRANSLATE_NOOP("EngineMessage", "“%1” is not a number")),
    (r"the file is empty", QT_TRANSLATE_NOOP("EngineMessage", "the file is empty")),
    (r"expected (\d+) columns?, got (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "expected %1 columns, got %2")),
    (r"'(\w+)' has no value: give it a value, or assign it before this line",
     QT_TRANSLATE_NOOP("EngineMessage", "“%1” has no value: give it a value, or assign it before this line")),
    (r"the program has no assignment: write one, for example (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "the program has no assignment: write one, for example %1")),
    (r"this is not a valid program \((.+)\)", QT_TRANSLATE_NOOP("EngineMessage", "this is not a valid program (%1)")),
    (r"(.+) is not allowed in an expression lesson",
     QT_TRANSLATE_NOOP("EngineMessage", "%1 is not allowed in an expression lesson")),
]

# Prefixes that say where: a field path, or a CSV row and column.
_FIELD = re.compile(r"^(?P<where>[\w.\[\]]+): (?P<problem>.+)$", re.DOTALL)
_ROW = re.compile(r"^row (?P<row>\d+)(?:, column (?P<column>.+?))?: (?P<problem>.+)$", re.DOTALL)


def _translate(text: str) -> str:
    return QCoreApplication.translate("EngineMessage", text)


def _problem(text: str) -> str:
    for pattern, template in _PROBLEMS:
        match = re.fullmatch(pattern, text, re.DOTALL)
        if match:
            result = _translate(template)
            for k, group in enumerate(match.groups(), start=1):
                result = result.replace(f"%{k}", group)
            return result
    return text


def engine_message(text: str) -> str:
    """An engine message (a StudioError's text) in the interface language."""
    text = str(text)
    row = _ROW.match(text)
    if row:
        if row["column"] is None:
            where = QCoreApplication.translate("EngineMessage", "row %1").replace("%1", row["row"])
        else:
            where = QCoreApplication.translate("EngineMessage", "row %1, column %2") \
                .replace("%1", row["row"]).replace("%2", row["column"])
        return f"{where}: {_problem(row['problem'])}"
    field = _FIELD.match(text)
    if field:
        return f"{field['where']}: {_problem(field['problem'])}"
    return _problem(text)
