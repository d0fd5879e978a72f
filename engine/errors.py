"""Errors the engine raises for bad input. Each carries a one-line message for people."""

import math

BRIEF_CHARS = 40  # a message quotes at most this much of what a file holds


def brief(value: object, limit: int = BRIEF_CHARS) -> str:
    """A short, printable quotation of a value from a file, for one-line messages.

    Never more than ``limit`` characters (then ending with "…"); containers are named rather
    than printed, and lone surrogates and other unprintable characters are escaped, so the
    message can always be shown and printed.
    """
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 3 * limit:
        # repr() of a huge whole number is slow, and refused beyond 4300 digits: give its size
        return f"~{'-' if value < 0 else ''}1e{int(value.bit_length() * math.log10(2))}"
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        shown = repr(value[: limit - 3])
        return shown[:-1] + "…" + shown[-1]
    return _cut(repr(value), limit)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class StudioError(Exception):
    """Base class: anything with a message meant for the user."""


class ValidationError(StudioError):
    """A document or model field is wrong. The message names the field."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)


class ExpressionError(StudioError):
    """An expression program was refused. Carries the line and column (1-based)."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        self.message = message
        self.line = line
        self.column = column
        where = f"line {line}, column {column}: " if line else ""
        super().__init__(f"{where}{message}")


class DivergenceError(StudioError):
    """Training produced NaN or infinity."""
