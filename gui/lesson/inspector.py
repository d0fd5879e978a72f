"""The inspector: the current step's formula, with numbers, large enough for a projector."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTextBrowser

from engine.formula import array_piece, fmt
from engine.graph import Node
from engine.lesson import Lesson

from ..messages import engine_phrase
from .explain import describe, phase_name
from .formula_wrap import FormulaWrapping
from .notes_view import add_note_actions, note_box_html

PHASE_COLOURS = {"forward": "#0072B2", "backward": "#D55E00", "update": "#009E73", "ready": "#444444"}


class Inspector(FormulaWrapping, QTextBrowser):
    """Shows the phase, the symbolic formula, the numbers substituted, the result, the teacher's note
    (if the step has one) and a plain sentence. Right-click: Add note…, Edit note…, Remove note."""

    note_requested = Signal(int, str)  # step index, "edit" or "remove"

    def __init__(self, lesson: Lesson, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.setOpenLinks(False)
        self.lesson = lesson
        self._scale = 1.0
        self._selected: Node | None = None
        self._notes: dict[tuple[str, str], str] = {}  # (phase, symbol) → text, engine/notes.py texts()
        lesson.stepped.connect(self._on_step_changed)
        lesson.rebuilt.connect(self._on_lesson_rebuilt)
        self._on_step_changed()

    def detach(self) -> None:
        self.lesson.stepped.disconnect(self._on_step_changed)
        self.lesson.rebuilt.disconnect(self._on_lesson_rebuilt)

    def set_font_scale(self, scale: float) -> None:
        self._scale = scale
        self._render()

    def set_notes(self, notes: dict[tuple[str, str], str]) -> None:
        self._notes = dict(notes)
        self._render()

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        stepper = self.lesson.stepper
        e = stepper.explain() if stepper is not None and self._selected is None else None
        if e is not None:
            index = e.step.index
            add_note_actions(menu, (e.phase, e.symbol.text) in self._notes,
                             lambda: self.note_requested.emit(index, "edit"),
                             lambda: self.note_requested.emit(index, "remove"))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def show_node(self, node_id: int | None) -> None:
        """Show a clicked node's value, gradient and local derivative instead of the step."""
        graph = self.lesson.graph
        self._selected = None if node_id is None or graph is None or not 0 <= node_id < len(graph.nodes) \
            else graph.nodes[node_id]
        self._render()

    def _on_lesson_rebuilt(self) -> None:
        self._selected = None

    def _on_step_changed(self) -> None:
        self._selected = None
        self._render()

    def _pt(self, size: float) -> str:
        return f"{size * self._scale:.0f}pt"

    def _render(self) -> None:
        self.setHtml(self._node_html(self._selected) if self._selected is not None else self._step_html())

    def _step_html(self) -> str:
        stepper = self.lesson.stepper
        if stepper is None or stepper.current is None:
            hint = self.tr("Press → (or Space) to take the first step of forward propagation.")
            update = getattr(self.lesson, "last_update", None)
            done = "" if update is None else (
                f"<p style='font-size:{self._pt(18)}; color:{PHASE_COLOURS['update']}'>"
                + self.tr("The last update changed the loss on this sample: %1 (← goes back to the end of that pass).")
                .replace("%1", update_text(update)) + "</p>")
            return (f"<div style='font-size:{self._pt(16)}; color:#444'><b>{phase_name('ready')}</b></div>"
                    f"{done}<p style='font-size:{self._pt(18)}'>{hint}</p>")
        e = stepper.explain()
        colour = PHASE_COLOURS.get(e.phase, "#000")
        header = self.tr("%1 · step %2 of %3").replace("%1", phase_name(e.phase)) \
            .replace("%2", str(stepper.position)).replace("%3", str(len(stepper)))
        rel = "&larr;" if e.relation == "←" else "="
        first, *rest = e.parts()
        rows = [f"{e.symbol.html} {rel} {first.html}"] + [f"= {p.html}" for p in rest]
        if rest:
            rows[-1] = f"= <b>{rest[-1].html}</b>"
        body = self.formula_html(rows, 24 * self._scale)  # broken between terms, never inside one
        warning = ""
        if e.warning:  # the step where the result first stops being a finite number: say why
            text = self.tr("%1 is not a finite number: %2").replace("%1", e.symbol.html) \
                .replace("%2", html.escape(engine_phrase(e.warning)))
            warning = (f"<p style='font-size:{self._pt(16)}; color:#8A4B00; background:#FFF7E6'>"
                       f"<b>⚠ {text}</b></p>")
        note = self._notes.get((e.phase, e.symbol.text))
        note = "" if not note else note_box_html(note, self._pt(18))
        return (f"<div style='font-size:{self._pt(15)}; color:{colour}'><b>{header}</b></div>"
                f"<div style='font-size:{self._pt(24)}; color:#000; margin-top:6px'>{body}</div>"
                f"{warning}{note}<p style='font-size:{self._pt(16)}; color:#222'>{describe(e)}</p>")

    def _node_html(self, node: Node) -> str:
        rows = [(self.tr("Value"), _number(node.value)), (self.tr("Gradient"), _number(node.grad))]
        if node.op is not None and node.value is not None:
            locals_ = []
            for position, parent in enumerate(node.inputs):
                if node.op.is_hidden(position):
                    continue
                local = node.local(position)
                if local is not None and parent.needs_grad:
                    symbol = node.op.local_formula(position, [n.sym for n in node.inputs], node.sym).html
                    locals_.append(f"∂{node.sym.html}/∂{parent.sym.html} = {symbol} = {_number(local)}")
            if locals_:
                rows.append((self.tr("Local derivatives"), "<br>".join(locals_)))
        table = "".join(f"<tr><td style='padding-right:16px; color:#444'>{k}</td><td><b>{v}</b></td></tr>"
                        for k, v in rows)
        return (f"<div style='font-size:{self._pt(15)}; color:#444'><b>{self.tr('Selected node')}</b></div>"
                f"<div style='font-size:{self._pt(26)}'>{node.sym.html}</div>"
                f"<table style='font-size:{self._pt(18)}'>{table}</table>")


def update_text(update) -> str:
    """A pass's update as the loss before and after it, such as "L: 0.03531 → 0.03434"."""
    return f"{update.symbol}: {fmt(update.before)} → {fmt(update.after)}"


def _number(value) -> str:
    if value is None:
        return "?"
    return array_piece(np.asarray(value)).html
