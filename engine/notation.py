"""The two notations a network lesson can name its quantities in (``Network.notation``).

* ``lecture`` (the default): X, W₁, b₁, z₁, a₁, ŷ; the layer is a subscript, z₁ = X·W₁ + b₁.
* ``d2l`` (Dive into Deep Learning 4.7): x, W⁽¹⁾, b⁽¹⁾, z⁽¹⁾, h⁽¹⁾, o; the layer is a superscript,
  hidden activations are h and the output is o.

Every other symbol (y, δ, L, s, J, the operation steps' p, u, e, ℓ) keeps its name; only where
the layer goes changes. The graph compilers build their symbols through ``symbol``.
"""

from __future__ import annotations

from collections.abc import Iterable

from .formula import Piece, sym

NOTATIONS = ("lecture", "d2l")
DEFAULT_NOTATION = "lecture"
_RENAMED = {"d2l": {"X": "x", "a": "h", "ŷ": "o"}}


def symbol(notation: str, base: str, layer: int | None = None, index: Iterable[int] | None = None) -> tuple:
    """The arguments of ``formula.sym`` for a network quantity (``"a"``, ``"W"``, …) in ``notation``
    (a tuple, so that a graph node builds its name only when it is shown)."""
    if notation == DEFAULT_NOTATION:
        return (base, layer, index)
    return (_RENAMED.get(notation, {}).get(base, base), layer, index, "", notation)


def symbol_piece(notation: str, base: str, layer: int | None = None, index: Iterable[int] | None = None) -> Piece:
    """``symbol`` as a formula piece."""
    return sym(*symbol(notation, base, layer, index))
