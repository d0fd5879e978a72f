"""The engine's messages in the interface language, translated by their code.

The engine is Qt-free and raises errors carrying an engine.messages.Message: a catalogue code
and named arguments (engine/messages.py holds each code's English template). Here a message is
looked up by its code in Qt's translation files (tools/i18n.py puts the catalogue's templates in
the .ts, with the code as the disambiguation) and filled with its arguments: field paths, names
and numbers as they are, sub-phrases (arguments that are Messages) translated in turn. A message
with no translation (the English interface) is shown exactly as the engine wrote it, but for the
place of a problem in a file: the window names it in the user's words ("Output layer", gui/fields.py)
where the command line prints its field path ("network.layers[2].activation").
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from engine.errors import StudioError, ValidationError
from engine.messages import CATALOGUE, Message, fill, placeholders

from ._engine_catalogue_strings import SOURCES
from .fields import field_words

MAX_MESSAGE_CHARS = 600
_WORDS = re.compile(r"[^\W\d_]")


def _translated(message: Message) -> str | None:
    """``message`` in the interface language by its code, or None when its template is not translated."""
    source = SOURCES.get(message.code) or CATALOGUE[message.code]  # the text the .ts holds for the code
    text = QCoreApplication.translate("EngineMessage", source, message.code)
    if text == source and _has_words(source):
        return None  # the English interface, or a translation still missing
    return fill(text, {name: _shown(value) for name, value in message.args.items()})


def _has_words(template: str) -> bool:
    rest = template
    for name in placeholders(template):
        rest = rest.replace("{" + name + "}", "")
    return bool(_WORDS.search(rest))


def _shown(value: object) -> str:
    """An argument: a sub-phrase (a Message) translated in turn; a path, name or number as it is."""
    if isinstance(value, Message):
        return _translated(value) or str(value)
    return str(value)


def engine_message(text: object) -> str:
    """An engine message (a StudioError, or a Message) in the interface language; other text as it is.

    A ValidationError's field path is named in the user's words (gui/fields.py) when the table knows it.

    At most MAX_MESSAGE_CHARS characters (the engine keeps its messages short and one line).
    """
    message = text.whole if isinstance(text, StudioError) else text
    if isinstance(text, ValidationError) and isinstance(text.field, str) and isinstance(text.problem, Message):
        words = field_words(text.field, text.layers)
        if words is not None:
            message = Message("at", where=words, problem=text.problem)
    shown = (_translated(message) or str(message)) if isinstance(message, Message) else str(message)
    return shown if len(shown) <= MAX_MESSAGE_CHARS else shown[:MAX_MESSAGE_CHARS - 1] + "…"


engine_phrase = engine_message  # a phrase inside a message (why a value is not finite, …) is a Message too
