"""Spin boxes for settings: exact values, ranges from the engine, and no accidental wheel edits.

* ``guard_wheel(widget)`` gives a spin or combo box the wheel only while it has the focus
  (StrongFocus: a click or Tab focuses it, the wheel does not). Unfocused, the wheel event
  is ignored, so it goes on to the scroll area: scrolling the panel never edits a value.
* ``ExactSpinBox`` shows a float exactly (the shortest text that reads back as the same
  float64) and never rounds what it is given, so any value a file holds is shown and kept
  as it is. Steps are rounded to the decimals of the value and the step, so stepping up
  and back down returns to the very same number.
* ``WholeSpinBox`` holds whole numbers beyond QSpinBox's 32-bit limit (a seed up to 2³² − 1).
* ``apply_range(box, key)`` sets a box's limits from ``engine.config.RANGES``, and
  ``ask_setting`` asks for one setting in a dialog with the same limits.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDoubleSpinBox, QInputDialog, QWidget

from engine.config import RANGES

_MAX_DECIMALS = 323  # QDoubleSpinBox's own limit: with it, Qt rounds nothing a float64 can hold
_PARTIAL = re.compile(r"[+-]?\d*\.?\d*([eE][+-]?\d*)?")


class _WheelFilter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # not accepted: Qt hands it on to the parent (the scroll area)
            return True
        return False


_FILTER: _WheelFilter | None = None


def guard_wheel(*widgets: QAbstractSpinBox | QComboBox) -> None:
    """Let each widget take the wheel only while it has the keyboard focus."""
    global _FILTER
    if _FILTER is None:
        _FILTER = _WheelFilter()
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(_FILTER)


def shortest(value: float) -> str:
    """The shortest text that reads back as ``value`` ("0.05", "1e-05", "250")."""
    for digits in (6, 10, 15, 17):
        text = f"{value:.{digits}g}"
        if float(text) == value:
            return text
    return repr(value)


def _decimals(value: float) -> int:
    if not math.isfinite(value):
        return 0
    return max(0, -int(Decimal(repr(float(value))).as_tuple().exponent))


class ExactSpinBox(QDoubleSpinBox):
    """A QDoubleSpinBox that keeps and shows every float64 exactly (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._exact: float | None = None
        super().__init__(parent)
        self.setDecimals(_MAX_DECIMALS)

    # Qt keeps the value rounded to 323 decimals, which loses only the smallest subnormal numbers
    # (5e-324 becomes 0). The value given is kept beside it and returned while Qt's copy is its rounding.
    def setValue(self, value: float) -> None:
        self._exact = float(value)
        super().setValue(value)

    def value(self) -> float:
        shown = super().value()
        exact = self._exact
        if exact is not None and min(max(exact, self.minimum()), self.maximum()) == exact \
                and float(f"{exact:.{self.decimals()}f}") == shown:
            return exact
        return shown

    def textFromValue(self, value: float) -> str:
        exact = self._exact
        if exact is not None and float(f"{exact:.{self.decimals()}f}") == value:
            value = exact
        return shortest(value)

    def valueFromText(self, text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            return self.value()
        return value if math.isfinite(value) else self.value()

    def validate(self, text: str, pos: int):
        stripped = text.strip()
        try:
            value = float(stripped)
        except ValueError:
            state = QValidator.State.Intermediate if _PARTIAL.fullmatch(stripped) else QValidator.State.Invalid
            return state, text, pos
        if math.isfinite(value) and self.minimum() <= value <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos

    def fixup(self, text: str) -> str:
        return shortest(self.value())

    def stepBy(self, steps: int) -> None:
        value, step = self.value(), self.singleStep()
        target = round(value + steps * step, max(_decimals(value), _decimals(step)))
        self.setValue(min(max(target, self.minimum()), self.maximum()))


class WholeSpinBox(ExactSpinBox):
    """Whole numbers up to 2⁵³, where QSpinBox stops at 2³¹ − 1; ``value()`` is an int."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(0)
        self.setSingleStep(1)

    def value(self) -> int:  # an int, as QSpinBox gives
        return int(super().value())

    def valueFromText(self, text: str) -> float:
        try:
            return float(int(text.strip()))
        except ValueError:
            return float(self.value())

    def validate(self, text: str, pos: int):
        stripped = text.strip()
        if not stripped:
            return QValidator.State.Intermediate, text, pos
        if not stripped.isdecimal() or len(stripped) > len(str(int(self.maximum()))):
            return QValidator.State.Invalid, text, pos  # isdigit() takes ², which int() refuses; never 5,000 digits
        if self.minimum() <= int(stripped) <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos

    def textFromValue(self, value: float) -> str:
        return str(int(value))


def setting_limits(key: str) -> tuple[float, float]:
    """The smallest and largest value of ``RANGES[key]`` (an open end: the nearest float inside)."""
    allowed = RANGES[key]
    minimum = math.nextafter(allowed.low, math.inf) if allowed.low_open else allowed.low
    maximum = math.nextafter(allowed.high, -math.inf) if allowed.high_open else allowed.high
    return minimum, maximum


def apply_range(box: QAbstractSpinBox, key: str, low: float | None = None) -> None:
    """Set ``box``'s minimum and maximum from ``RANGES[key]``.

    ``low`` raises the minimum further where the panel gives the low end another meaning
    (epochs: 0 means "count iterations", chosen with the unit instead).
    """
    minimum, maximum = setting_limits(key)
    if low is not None:
        minimum = max(minimum, low)
    box.setRange(minimum, maximum)


def ask_setting(parent: QWidget, key: str, title: str, label: str, value: float) -> float | None:
    """Ask for the number ``RANGES[key]`` allows; the value chosen, or None when cancelled or left as it was."""
    decimals = min(max(6, _decimals(value)), 17)  # enough to show the current value exactly
    chosen, ok = QInputDialog.getDouble(parent, title, label, value, *setting_limits(key), decimals)
    if not ok or not math.isfinite(chosen) or chosen == round(value, decimals):
        return None
    return chosen
