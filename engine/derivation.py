"""The derivation handout: every step's formula with its numbers, as text, JSON, Markdown, LaTeX or CSV."""

from __future__ import annotations

import csv
import io
import json

import numpy as np

from .errors import StudioError
from .stepper import PHASES, Explanation, Stepper

FORMATS = ("text", "json", "markdown", "latex", "csv")
# A handout of more steps than this is no handout (a million lines), and writing one froze the window for
# a minute and took over 1 GB (bench/scale.py): it is refused with a reason instead.
MAX_DERIVATION_STEPS = 10_000
PHASE_TITLES = {"forward": "Forward propagation", "backward": "Backpropagation", "update": "Gradient descent update"}


def explanations(stepper: Stepper, upto: int | None = None) -> list[Explanation]:
    """Explanations of the steps taken so far (or, with ``upto``, after running to that position).

    Raises StudioError, before any work, for more than MAX_DERIVATION_STEPS steps."""
    check_derivation_size(stepper.position if upto is None else min(upto, len(stepper)))
    if upto is not None:
        stepper.goto(upto)
    return [stepper.explain(k) for k in range(stepper.position)]


def check_derivation_size(steps: int) -> None:
    if steps > MAX_DERIVATION_STEPS:
        raise StudioError(f"The derivation has {steps} steps; handouts are written up to {MAX_DERIVATION_STEPS} "
                          "steps. Use a smaller network.")


def render(items: list[Explanation], fmt: str, title: str = "Derivation", titles: dict | None = None) -> str:
    titles = titles or PHASE_TITLES
    if fmt == "text":
        return _text(items, titles)
    if fmt == "json":
        return json.dumps([_record(e) for e in items], ensure_ascii=False, indent=1) + "\n"
    if fmt == "markdown":
        return _markdown(items, title, titles)
    if fmt == "latex":
        return _latex(items, title, titles)
    if fmt == "csv":
        return _csv(items)
    raise ValueError(f"unknown format {fmt!r}")


def _value(e: Explanation):
    value = np.asarray(e.value, dtype=np.float64)
    return float(value) if value.ndim == 0 else value.tolist()


def _record(e: Explanation) -> dict:
    return {
        "index": e.step.index + 1, "phase": e.phase, "role": e.role, "symbol": e.symbol.text,
        "formula": e.symbolic.text, "substituted": e.substituted.text, "result": e.result.text,
        "value": _value(e), "text": e.text, "latex": e.latex,
    }


def _grouped(items: list[Explanation]):
    for phase in PHASES:
        group = [e for e in items if e.phase == phase]
        if group:
            yield phase, group


def _text(items: list[Explanation], titles: dict) -> str:
    lines: list[str] = []
    for phase, group in _grouped(items):
        lines.append(f"== {titles[phase]} ==")
        lines += [f"{e.step.index + 1:4d}. {e.text}" for e in group]
        lines.append("")
    return "\n".join(lines)


def _markdown(items: list[Explanation], title: str, titles: dict) -> str:
    lines = [f"# {title}", ""]
    for phase, group in _grouped(items):
        lines += [f"## {titles[phase]}", ""]
        lines += [f"{e.step.index + 1}. ${e.latex}$" for e in group]
        lines.append("")
    return "\n".join(lines)


_LATEX_SPECIAL = str.maketrans({"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
                                "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                                "\\": r"\textbackslash{}"})


def latex_escape(text: str) -> str:
    return text.translate(_LATEX_SPECIAL)


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" for ch in text)


def _latex(items: list[Explanation], title: str, titles: dict) -> str:
    cjk = _has_cjk(title + "".join(titles.values()))
    lines = [
        "% Compile with xelatex (the Chinese headings need xeCJK)." if cjk else "% Compile with pdflatex or xelatex.",
        r"\documentclass[11pt]{article}",
        r"\usepackage[a4paper,margin=2cm]{geometry}",
        r"\usepackage{amsmath}",
        *([r"\usepackage{xeCJK}"] if cjk else []),
        r"\allowdisplaybreaks",
        r"\begin{document}",
        rf"\section*{{{latex_escape(title)}}}",
    ]
    for phase, group in _grouped(items):
        lines.append(rf"\subsection*{{{latex_escape(titles[phase])}}}")
        lines.append(r"\begin{align*}")
        rows = [rf"&\text{{{e.step.index + 1}.}}\quad {e.latex}" for e in group]
        lines.append(" \\\\\n".join(rows))
        lines.append(r"\end{align*}")
    lines.append(r"\end{document}")
    return "\n".join(lines) + "\n"


def _csv(items: list[Explanation]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["step", "phase", "symbol", "formula", "substituted", "result", "value"])
    for e in items:
        value = _value(e)
        writer.writerow([e.step.index + 1, e.phase, e.symbol.text, e.symbolic.text, e.substituted.text,
                         e.result.text, repr(value) if isinstance(value, float) else json.dumps(value)])
    return out.getvalue()
