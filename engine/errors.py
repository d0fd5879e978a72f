"""Errors the engine raises for bad input. Each carries a one-line message for people."""


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
