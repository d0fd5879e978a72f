"""Plain-language lines that explain each step, in the interface language.

The sentences and phase names are the engine's (engine/handout_sentences.py, in English); this module
translates them through Qt, so the window, the handouts it exports and the CLI say the same.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from engine.handout_sentences import PHASE_NAMES, sentence
from engine.stepper import Explanation


def translate(context: str, text: str) -> str:
    """The engine's English in the interface language (a ``Translate`` for the handouts)."""
    return QCoreApplication.translate(context, text)


def phase_name(phase: str) -> str:
    return translate("Explain", PHASE_NAMES[phase]) if phase in PHASE_NAMES else phase


def describe(e: Explanation) -> str:
    """One sentence for the step, with its symbols filled in (rich text)."""
    return sentence(e).render("html", translate)
