"""A graph's schedule of steps (forward, backward, update) and what one step did (Explanation)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .formula import Piece, full_form
from .graph import Node

PHASES = ("forward", "backward", "update")


@dataclass(frozen=True)
class Step:
    index: int
    phase: str
    node: Node


@dataclass
class Explanation:
    """What one step did: ``symbol relation symbolic = substituted = result``."""

    step: Step
    role: str
    symbol: Piece
    symbolic: Piece
    substituted: Piece
    result: Piece
    value: np.ndarray
    relation: str = "="
    contributions: list[dict] = field(default_factory=list)
    warning: str = ""  # why the result is not a finite number, at the step where it first stops being one
    shapes: str = ""  # the shapes of a step over arrays: "1×2 · 2×2 + 1×2 → 1×2" (empty for numbers)

    @property
    def phase(self) -> str:
        return self.step.phase

    def parts(self) -> list[Piece]:
        parts = [] if self.symbolic.text == self.symbol.text else [self.symbolic]  # σ′(z₂) = σ′([1.18]) = …
        if self.substituted.text.removeprefix("(").removesuffix(")") == self.result.text:
            return parts if parts and self.symbolic.text == self.result.text else [*parts, self.result]
        if self.substituted.text != self.symbolic.text:
            parts.append(self.substituted)
        if not parts or self.result.text != parts[-1].text:
            parts.append(self.result)
        return parts

    def full_parts(self) -> list[Piece]:
        """``parts`` with every matrix in full (the step log's tooltip and exports)."""
        return [full_form(p) for p in self.parts()]

    def rendered(self, form: str = "text", full: bool = False) -> str:
        """``text``, ``html`` or ``latex`` of the step, its matrices shortened (the inspector) or in ``full``."""
        rel = {"text": "=", "html": "=", "latex": "="}[form]
        if self.relation == "←":
            rel = {"text": "←", "html": "&larr;", "latex": r"\leftarrow"}[form]
        parts = self.full_parts() if full else self.parts()
        return f"{getattr(self.symbol, form)} {rel} " + " = ".join(getattr(p, form) for p in parts)

    @property
    def text(self) -> str:
        rel = "←" if self.relation == "←" else "="
        return f"{self.symbol.text} {rel} " + " = ".join(p.text for p in self.parts())

    @property
    def html(self) -> str:
        rel = "&larr;" if self.relation == "←" else "="
        return f"{self.symbol.html} {rel} " + " = ".join(p.html for p in self.parts())

    @property
    def latex(self) -> str:
        rel = r"\leftarrow" if self.relation == "←" else "="
        return f"{self.symbol.latex} {rel} " + " = ".join(p.latex for p in self.parts())


class Schedule(Sequence):
    """The steps in order, each made when asked: forward, backward, then one update per parameter.

    A list of 400,000 Step objects took a second to build for the largest network; this holds
    only the three node lists.
    """

    def __init__(self, parts: list[tuple[str, list[Node]]]) -> None:
        self.parts: list[tuple[str, list[Node], int]] = []  # (phase, nodes, index of the first)
        start = 0
        for phase, nodes in parts:
            self.parts.append((phase, nodes, start))
            start += len(nodes)
        self._length = start

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        for phase, nodes, start in self.parts:
            if start <= index < start + len(nodes):
                return Step(index, phase, nodes[index - start])
        raise IndexError(index)

    def __iter__(self):
        for phase, nodes, start in self.parts:
            for k, node in enumerate(nodes):
                yield Step(start + k, phase, node)

    def part(self, index: int) -> tuple[str, list[Node], int]:
        """The phase, its nodes and its first index, for the step at ``index``."""
        for part in self.parts:
            if part[2] <= index < part[2] + len(part[1]):
                return part
        raise IndexError(index)
