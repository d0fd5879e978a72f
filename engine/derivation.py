"""The derivation handout: every step's formula with its numbers, as text, JSON, Markdown, LaTeX or CSV.

A handout is always the whole derivation of a lesson, computed on a fresh graph
(``derivation_of``), so exporting never moves the window's stepper. Markdown and LaTeX begin
with what is given (the network or program, the numbers) and a diagram, then give each step's
sentence and formula. Words come in English unless a ``Translate`` is passed (the window's).
A teacher's note on a step (engine/notes.py; ``notes`` maps (phase, symbol) to its text in the
handout's language) follows the step's formula in text, Markdown and LaTeX.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from .errors import StudioError
from .formula import full_form
from .handout_sentences import PHASE_NAMES, QT_TRANSLATE_NOOP, Translate, english, sentence
from .messages import Message
from .stepper import PHASES, Explanation, Stepper

FORMATS = ("text", "json", "markdown", "latex", "csv")
CSV_HEADER = (  # in the handout's language; a script reads the columns by position
    QT_TRANSLATE_NOOP("Handout", "step"), QT_TRANSLATE_NOOP("Handout", "phase"), QT_TRANSLATE_NOOP("Handout", "symbol"),
    QT_TRANSLATE_NOOP("Handout", "formula"), QT_TRANSLATE_NOOP("Handout", "substituted"),
    QT_TRANSLATE_NOOP("Handout", "value shown"), QT_TRANSLATE_NOOP("Handout", "value (float64)"))
BOM = "\ufeff"  # Excel opens a UTF-8 CSV as UTF-8 only with it
DEFAULT_TITLE = QT_TRANSLATE_NOOP("Handout", "Derivation")
NOTE_LABEL = QT_TRANSLATE_NOOP("Handout", "Teacher's note")
# A handout of more steps than this is no handout (a million lines), and writing one froze the window for
# a minute and took over 1 GB (bench/scale.py): it is refused with a reason instead.
MAX_DERIVATION_STEPS = 10_000


@dataclass
class Layer:
    """One layer of the network as a handout describes it."""

    size: int
    activation: str | None = None  # None for the input layer
    weights: np.ndarray | None = None  # (previous size, size), W[i, j] joins i to j
    biases: np.ndarray | None = None
    bias: bool = True  # False: the layer has no bias (no b is given or shown)


@dataclass
class Given:
    """What a lesson starts from: the network and one sample, or a program and its values."""

    kind: str  # "network" | "expression"
    layers: list[Layer] = field(default_factory=list)
    loss: str = ""
    weight_decay: float = 0.0
    learning_rate: float = 0.0
    inputs: np.ndarray | None = None  # the sample stepped through
    targets: np.ndarray | None = None
    sample: int = 0
    samples: int = 1
    batch: bool = False  # layer granularity: every sample at once (inputs and targets hold them all, a row each)
    source: str = ""
    values: dict[str, float] = field(default_factory=dict)
    graph: object = None  # the graph the derivation steps through (drawn for expressions)
    notation: str = "lecture"  # the network's symbols (engine/notation.py)


@dataclass
class Handout:
    """Everything a handout shows: its title, what is given, and every step of the derivation."""

    title: str
    items: list[Explanation]
    given: Given | None = None
    translate: Translate = english
    notes: dict[tuple[str, str], str] = field(default_factory=dict)  # (phase, symbol) → the note's text

    def note(self, e: Explanation) -> str | None:
        """The teacher's note on step ``e`` (None when it has none)."""
        return self.notes.get((e.phase, e.symbol.text)) or None

    def word(self, text: str, context: str = "Handout") -> str:
        return self.translate(context, text)

    def phase_name(self, phase: str) -> str:
        return self.translate("Explain", PHASE_NAMES[phase])

    def sentence(self, e: Explanation):
        return sentence(e)

    def grouped(self):
        for phase in PHASES:
            group = [e for e in self.items if e.phase == phase]
            if group:
                yield phase, group


def derivation_of(lesson) -> tuple[list[Explanation], Given]:
    """Every step of a lesson's pass and what it starts from, stepped on a fresh graph of the lesson
    (same numbers, granularity and sample): the lesson's own stepper, and the views on it, stay put.

    Raises StudioError, before any work, for more than MAX_DERIVATION_STEPS steps."""
    check_derivation_size(len(lesson.stepper))
    if lesson.kind == "expression":
        from .expressions import compile_expression

        graph = compile_expression(lesson.expression.source, lesson.expression.values)
        given = Given("expression", source=lesson.expression.source, values=dict(lesson.expression.values),
                      graph=graph)
        stepper = Stepper(graph, 0.0)
    else:
        from .compile import compile_network

        network, data, k = lesson.network.copy(), lesson.data, lesson.sample
        batch = lesson.granularity == "layer"
        rows = slice(None) if batch else k
        graph = compile_network(network, data.inputs[rows].copy(), data.targets[rows].copy(), lesson.granularity)
        stepper = Stepper(graph, lesson.learning_rate)
        layers = [Layer(network.sizes[0])] + [
            Layer(network.sizes[n], network.activation(n), network.weights(n).copy(), network.biases(n).copy(),
                  network.has_bias(n))
            for n in range(1, len(network.sizes))]
        given = Given("network", layers, network.loss, network.weight_decay, lesson.learning_rate,
                      data.inputs[rows].copy(), data.targets[rows].copy(), k, len(data), graph=graph, batch=batch,
                      notation=network.notation)
    stepper.run_to_end()
    return [stepper.explain(k) for k in range(len(stepper))], given


def check_derivation_size(steps: int) -> None:
    if steps > MAX_DERIVATION_STEPS:
        raise StudioError(Message("size.derivation", steps=steps, limit=MAX_DERIVATION_STEPS))


def handout(lesson, fmt: str, title: str | None = None, translate: Translate = english,
            notes: dict[tuple[str, str], str] | None = None) -> str:
    """The whole derivation of a lesson as ``fmt``, in the language of ``translate``, with the teacher's
    ``notes`` (engine/notes.py texts())."""
    items, given = derivation_of(lesson)
    return render(items, fmt, title, translate, given, notes)


def render(items: list[Explanation], fmt: str, title: str | None = None, translate: Translate = english,
           given: Given | None = None, notes: dict[tuple[str, str], str] | None = None) -> str:
    # one line (a blank line would end a LaTeX heading or a Markdown one), without control characters (TeX stops)
    title = "".join(ch for ch in " ".join((title or "").split()) if unicodedata.category(ch)[0] != "C")
    doc = Handout(title or translate("Handout", DEFAULT_TITLE), items, given, translate, dict(notes or {}))
    if fmt == "text":
        return _text(doc)
    if fmt == "json":
        return json.dumps([_record(e) for e in items], ensure_ascii=False, indent=1) + "\n"
    if fmt == "markdown":
        from .handout_markdown import markdown

        return markdown(doc)
    if fmt == "latex":
        from .handout_latex import latex

        return latex(doc)
    if fmt == "csv":
        return _csv(doc)
    raise ValueError(f"unknown format {fmt!r}")


def _value(e: Explanation):
    value = np.asarray(e.value, dtype=np.float64)
    return float(value) if value.ndim == 0 else value.tolist()


def _record(e: Explanation) -> dict:
    return {
        "index": e.step.index + 1, "phase": e.phase, "role": e.role, "symbol": e.symbol.text,
        "formula": e.symbolic.text, "substituted": full_form(e.substituted).text, "result": full_form(e.result).text,
        "value": _value(e), "text": e.rendered("text", full=True), "latex": e.rendered("latex", full=True),
        "sentence": sentence(e).render(), **({"shapes": e.shapes} if e.shapes else {}),
        **({"warning": e.warning} if e.warning else {}),  # why the value stopped being finite at this step
    }


def _text(doc: Handout) -> str:
    lines: list[str] = []
    for phase, group in doc.grouped():
        lines.append(f"== {doc.phase_name(phase)} ==")
        for e in group:
            lines.append(f"{e.step.index + 1:4d}. {e.rendered('text', full=True)}")  # matrices in full
            note = doc.note(e)
            if note:
                lines += [f"      ✎ {doc.word(NOTE_LABEL)}: " + note.splitlines()[0],
                          *(f"        {line}" for line in note.splitlines()[1:])]
        lines.append("")
    return "\n".join(lines)


def _csv(doc: Handout) -> str:
    """One row a step, with the value as the slide shows it and as float64 (repr: reads back exactly)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([doc.word(name) for name in CSV_HEADER])
    for e in doc.items:
        value = _value(e)
        writer.writerow([e.step.index + 1, doc.phase_name(e.phase), e.symbol.text, e.symbolic.text,
                         full_form(e.substituted).text, full_form(e.result).text,
                         repr(value) if isinstance(value, float) else json.dumps(value)])
    return out.getvalue()
