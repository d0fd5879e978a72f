"""The inspector: the current step's formula, with numbers, large enough for a projector."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTextBrowser

from engine.compile_layer import layer_part
from engine.formula import fmt
from engine.graph import Node
from engine.lesson import Lesson
from engine.matrix_format import array_piece

from ..messages import engine_phrase
from .exercise import HIDDEN, formula_parts, revealed, shown
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
        self._entry: tuple[int, int] | None = None  # layer steps: a neuron clicked in the diagram
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

    def show_entry(self, layer: int, neuron: int) -> None:
        """Layer steps: below the step, the clicked neuron's row or column of each matrix of the step."""
        self._entry = (int(layer), int(neuron)) if getattr(self.lesson, "granularity", "") == "layer" else None
        self._selected = None
        self._render()

    def _on_lesson_rebuilt(self) -> None:
        self._selected = None
        self._entry = None

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
            if getattr(self.lesson, "batch", False):  # layer steps: the loss over every sample
                said = self.tr("The last update changed the loss on all the samples at once: %1 (← goes back to the "
                               "end of that pass).")
            else:
                said = self.tr("The last update changed the loss on this sample: %1 (← goes back to the end of that "
                               "pass).")
            done = "" if update is None else (
                f"<p style='font-size:{self._pt(18)}; color:{PHASE_COLOURS['update']}'>"
                + said.replace("%1", update_text(update)) + "</p>")
            return (f"<div style='font-size:{self._pt(16)}; color:#444'><b>{phase_name('ready')}</b></div>"
                    f"{done}<p style='font-size:{self._pt(18)}'>{hint}</p>")
        e = stepper.explain()
        colour = PHASE_COLOURS.get(e.phase, "#000")
        header = self.tr("%1 · step %2 of %3").replace("%1", phase_name(e.phase)) \
            .replace("%2", str(stepper.position)).replace("%3", str(len(stepper)))
        rel = "&larr;" if e.relation == "←" else "="
        parts, hidden = formula_parts(self.lesson, e)  # exercise mode: the result is asked, not shown
        first, *rest = [p.html for p in parts] + ([HIDDEN] if hidden else [])
        rows = [f"{e.symbol.html} {rel} {first}"] + [f"= {p}" for p in rest]
        if rest:
            rows[-1] = f"= <b><a name='{RESULT_ANCHOR}'>{rest[-1]}</a></b>"  # found by the window's scrolling
        body = self.formula_html(rows, 24 * self._scale)  # broken between terms, never inside one
        warning = ""
        if e.warning and not hidden:  # the step where the result first stops being a finite number: say why
            text = self.tr("%1 is not a finite number: %2").replace("%1", e.symbol.html) \
                .replace("%2", html.escape(engine_phrase(e.warning)))
            warning = (f"<p style='font-size:{self._pt(16)}; color:#8A4B00; background:#FFF7E6'>"
                       f"<b>⚠ {text}</b></p>")
        shapes = ""
        if getattr(e, "shapes", ""):  # a step over matrices: the shapes that meet, "1×2 · 2×2 + 1×2 → 1×2"
            line = self.tr("Shapes: %1").replace("%1", html.escape(e.shapes))
            shapes = f"<div style='font-size:{self._pt(15)}; color:#444'>{line}</div>"
        note = self._notes.get((e.phase, e.symbol.text))
        note = "" if not note else note_box_html(note, self._pt(18))
        return (f"<div style='font-size:{self._pt(15)}; color:{colour}'><b>{header}</b></div>"
                f"<div style='font-size:{self._pt(formula_size(e))}; color:#000; margin-top:6px'>{body}</div>"
                f"{shapes}{self._entry_html(e)}"
                f"{warning}{note}<p style='font-size:{self._pt(16)}; color:#222'>{describe(e)}</p>")

    def _entry_html(self, e) -> str:
        """The clicked neuron's slice of the step's result and of each matrix it used (layer steps)."""
        if self._entry is None or getattr(self.lesson, "granularity", "") != "layer":
            return ""
        layer, neuron = self._entry
        step = self.lesson.stepper.current
        columns = bool(step.node.meta.get("columns"))  # d2l's layout: samples are columns, W transposed
        rows = []
        for k, node in enumerate([step.node, *step.node.shown_inputs]):
            gradient = k == 0 and e.phase == "backward" and not step.node.meta.get("backward_value")
            found = neuron_slice(node, node.grad if gradient else node.value, layer, neuron, columns)
            if found is not None:
                name = (node.grad_sym if gradient and node.grad_sym is not None else node.sym).html
                rows.append(f"{name}{found[0]} = {array_piece(found[1]).html}")
        if not rows:
            rows.append(self.tr("This step does not use that neuron's row or column."))
        title = self.tr("Neuron %1 of layer %2 in this step").replace("%1", str(neuron + 1)).replace("%2", str(layer))
        lines = "".join(f"<div style='margin:2px 0'>{row}</div>" for row in rows)
        return (f"<div style='font-size:{self._pt(15)}; color:#444; margin-top:8px'><b>{title}</b></div>"
                f"<div style='font-size:{self._pt(18)}; color:#000'>{lines}</div>")

    def _node_html(self, node: Node) -> str:
        lesson = self.lesson
        rows = [(self.tr("Value"), _number(shown(lesson, node))),
                (self.tr("Gradient"), _number(shown(lesson, node, "grad")))]
        if node.op is not None and node.value is not None and revealed(lesson, node) \
                and all(revealed(lesson, n) for n in node.inputs):
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


RESULT_ANCHOR = "result"  # the anchor name of the step's result (the formula's last, bold part)


def formula_size(e, size: float = 24.0, fits: int = 28) -> float:
    """The formula's point size: 24, smaller for a long row of a step over matrices, so that a row of
    numbers keeps to one line in the dock (a matrix is never broken inside a row)."""
    if not getattr(e, "shapes", ""):
        return size
    longest = max(len(p.text) for p in [e.symbol, *e.parts()])
    return size if longest <= fits else max(15.0, size * fits / longest)


def neuron_slice(node: Node, value, layer: int, neuron: int, columns: bool) -> tuple[str, np.ndarray] | None:
    """(index text, numbers) of neuron ``neuron`` of ``layer`` in a layer node's ``value``: its column of z, a,
    σ′(z) or X (one entry per sample), its column of W (the weights into it) or its row of the next W
    (the weights out of it), its bias; ``columns``: d2l's layout, where samples are columns and W is
    transposed. None where the node does not hold that neuron."""
    part = layer_part(node)
    if part is None or value is None:
        return None
    array = np.asarray(value, dtype=np.float64)
    j = neuron
    kind = part[0]
    own = (kind in ("z", "a") and part[1] == layer) or (kind == "input" and layer == 0)
    if array.ndim == 2 and own:
        return (f"[{j + 1}, :]", array[j, :]) if columns else (f"[:, {j + 1}]", array[:, j])
    if array.ndim == 2 and kind == "weight" and part[1] in (layer, layer + 1):
        into = part[1] == layer  # this layer's W: the weights into the neuron; the next W: the weights out of it
        if into != columns:
            return f"[:, {j + 1}]", array[:, j]
        return f"[{j + 1}, :]", array[j, :]
    if kind == "bias" and part[1] == layer:
        return f"[{j + 1}]", array.reshape(-1)[j:j + 1]
    return None


def update_text(update) -> str:
    """A pass's update as the loss before and after it, such as "L: 0.03531 → 0.03434"."""
    return f"{update.symbol}: {fmt(update.before)} → {fmt(update.after)}"


def _number(value) -> str:
    if value is None:
        return "?"
    return array_piece(np.asarray(value)).html
