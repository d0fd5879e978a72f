"""Teacher's notes: a short text attached to a step of a lesson.

In a lesson file (an optional top-level field, kept as it is on saving):

    "notes": [
      {"phase": "backward", "symbol": "δ₂", "text": {"en": "…", "zh_CN": "…"}},
      …
    ]

A note belongs to the step whose phase and symbol match, the symbol as the step shows it
("a₁[2]", "δ₂", "∂L/∂W₁[1,2]", or "z₁" at layer granularity). Its text holds one language or
both, and is shown in the interface language, else in the other one. The symbols of a step
depend on the granularity (neuron steps name "a₁[2]", layer steps "a₁"): a note whose symbol
has no step at the current granularity is simply not shown there, and is kept in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ValidationError, brief
from .messages import Message

FIELD = "notes"
PHASES = ("forward", "backward", "update")
LANGUAGES = ("en", "zh_CN")
MAX_NOTES = 2_000
MAX_SYMBOL_CHARS = 100
MAX_NOTE_CHARS = 2_000
_KEYS = {"phase", "symbol", "text"}


@dataclass(frozen=True)
class Note:
    phase: str
    symbol: str
    text: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return self.phase, self.symbol

    def shown(self, language: str) -> str:
        """The text in ``language``, else in the other language."""
        return self.text.get(language) or next((self.text[k] for k in LANGUAGES if self.text.get(k)), "")

    def to_record(self) -> dict:
        return {"phase": self.phase, "symbol": self.symbol,
                "text": {k: self.text[k] for k in LANGUAGES if self.text.get(k)}}


def validate(raw: object) -> None:
    """Raise ValidationError naming the field when the lesson's notes are malformed."""
    if raw is not None:
        read(raw)


def read(raw: object) -> list[Note]:
    if not isinstance(raw, list):
        raise ValidationError(FIELD, Message("notes.list"))
    if len(raw) > MAX_NOTES:
        raise ValidationError(FIELD, Message("notes.max_notes", limit=MAX_NOTES, got=len(raw)))
    notes: list[Note] = []
    seen: set[tuple[str, str]] = set()
    for k, item in enumerate(raw):
        where = f"{FIELD}[{k}]"
        if not isinstance(item, dict):
            raise ValidationError(where, Message("expected.object"))
        unknown = sorted(str(key) for key in item if key not in _KEYS)
        if unknown:
            raise ValidationError(where, Message("notes.unknown_key", name=brief(unknown[0])))
        phase, symbol = item.get("phase"), item.get("symbol")
        if phase not in PHASES:
            raise ValidationError(f"{where}.phase", Message("notes.phase", names=", ".join(PHASES),
                                                            value=brief(phase)))
        if not isinstance(symbol, str) or not symbol.strip():
            raise ValidationError(f"{where}.symbol", Message("notes.symbol"))
        if len(symbol) > MAX_SYMBOL_CHARS:
            raise ValidationError(f"{where}.symbol", Message("file.max_characters", limit=MAX_SYMBOL_CHARS,
                                                             got=len(symbol)))
        note = Note(phase, symbol, _text(item.get("text"), f"{where}.text"))
        if note.key in seen:
            raise ValidationError(where, Message("notes.duplicate", phase=phase, symbol=brief(symbol)))
        seen.add(note.key)
        notes.append(note)
    return notes


def _text(raw: object, where: str) -> dict[str, str]:
    if isinstance(raw, str):
        raw = {"en": raw}
    if not isinstance(raw, dict) or not raw:
        raise ValidationError(where, Message("notes.text"))
    for language, text in raw.items():
        if language not in LANGUAGES:
            raise ValidationError(where, Message("notes.language", name=brief(language), names=", ".join(LANGUAGES)))
        if not isinstance(text, str) or not text.strip():
            raise ValidationError(f"{where}.{language}", Message("notes.text"))
        if len(text) > MAX_NOTE_CHARS:
            raise ValidationError(f"{where}.{language}", Message("file.max_characters", limit=MAX_NOTE_CHARS,
                                                                 got=len(text)))
    return dict(raw)


def from_document(doc) -> list[Note]:
    """The lesson's notes (none when it has none)."""
    raw = doc.extra.get(FIELD)
    return [] if raw is None else read(raw)


def texts(doc, language: str) -> dict[tuple[str, str], str]:
    """(phase, symbol) → the note's text in ``language`` (else the other one), for every note of ``doc``."""
    return {note.key: note.shown(language) for note in from_document(doc)}


def find(notes: list[Note], phase: str, symbol: str) -> Note | None:
    return next((note for note in notes if note.key == (phase, symbol)), None)


def with_note(notes: list[Note], phase: str, symbol: str, text: dict[str, str] | None) -> list[dict] | None:
    """The record of ``notes`` with the note of (phase, symbol) set to ``text`` (None or empty: removed),
    or None when no note is left. The record is validated as reading would validate it."""
    out = [note for note in notes if note.key != (phase, symbol)]
    if text:
        kept = next((k for k, note in enumerate(notes) if note.key == (phase, symbol)), len(out))
        out.insert(kept, Note(phase, symbol, {k: v for k, v in text.items() if v and v.strip()}))
    record = [note.to_record() for note in out]
    validate(record)
    return record or None
