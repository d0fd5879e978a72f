"""Errors the engine raises for bad input. Each carries a one-line message for people.

A message is an engine.messages.Message (a catalogue code and named arguments); str(error) is
its English rendering, and ``error.whole`` the Message the interface translates.
"""

import functools
import math

from .messages import Message

BRIEF_CHARS = 40  # a message quotes at most this much of what a file holds


def brief(value: object, limit: int = BRIEF_CHARS) -> str:
    """A short, printable quotation of a value from a file, for one-line messages.

    Never more than ``limit`` characters (then ending with "…"); containers are named rather
    than printed, and lone surrogates and other unprintable characters are escaped, so the
    message can always be shown and printed.
    """
    if isinstance(value, dict):
        return Message("kind.object")
    if isinstance(value, list | tuple):
        return Message("kind.list")
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


def _at(where: object, problem: Message) -> Message:
    if not where:
        return problem
    if not isinstance(problem, Message):  # not yet catalogued: the interface shows it by its text
        return f"{where}: {problem}"
    return Message("at", where=where, problem=problem)


class StudioError(Exception):
    """Base class: anything with a message meant for the user."""

    def __init__(self, message: Message) -> None:
        self.message = message
        self.whole = message
        super().__init__(str(message))


class ValidationError(StudioError):
    """A document or model field is wrong. ``field`` is the field path (or a Message: a CSV row).

    ``layers`` is the number of layers of the network the path's ``layers[i]`` index into, where
    known (see ``counting_layers``), so that the interface can say "Output layer" for layers[2].
    """

    def __init__(self, field: object, problem: Message) -> None:
        super().__init__(_at(field, problem))
        self.field = field
        self.problem = problem
        self.layers: int | None = None


def counting_layers(function):
    """Decorate a function whose first network argument (a Network, or a network's dict) its
    ValidationErrors' paths index into: they learn its layer count (``error.layers``)."""

    @functools.wraps(function)
    def checked(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except ValidationError as exc:
            if exc.layers is None:
                exc.layers = next((n for n in map(_layer_count, args) if n is not None), None)
            raise

    return checked


def _layer_count(value: object) -> int | None:
    layers = value.get("layers") if isinstance(value, dict) else getattr(value, "__dict__", {}).get("layers")
    return len(layers) if isinstance(layers, list) else None


class ExpressionError(StudioError):
    """An expression program was refused. Carries the line and column (1-based)."""

    def __init__(self, message: Message, line: int = 0, column: int = 0) -> None:
        super().__init__(_at(Message("where.line_column", line=line, column=column) if line else "", message))
        self.message = message
        self.line = line
        self.column = column


class DivergenceError(StudioError):
    """Training produced NaN or infinity."""
