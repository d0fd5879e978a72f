"""Gradient health on the diagram (a mixin of NetworkView): edge widths by |∂J/∂w|, ‖δ‖ per layer, dead ReLUs.

* ``set_edge_widths_by_gradient(True)`` (View ▸ Edge width: |∂J/∂w|) draws each weight's width in
  proportion to |∂J/∂w| instead of |w|: the gradient the lesson's current step holds (the graph's
  weight nodes after the backward steps reached so far, for the sample being stepped, or for every
  sample at layer granularity; these are the numbers the inspector shows). The widest drawn edge gets
  the full width, so the whole network shares one scale and a vanishing gradient shows as hair-thin
  edges near the input. A weight whose gradient is not computed yet is drawn thinnest. Beside each
  layer's heading the view then writes ‖δ‖ = √Σⱼ δⱼ² of the layer (once its δ values are computed).
* A hidden ReLU neuron that outputs 0 for every training sample (``engine.health.dead_relus_in_training``)
  is drawn greyed with a dashed outline, and its tooltip says why it no longer learns. This follows
  every rebuild of the lesson, whatever the edge width mode.

Numbers go through the diagram's own value text (``engine.formula.value_text``), as every label does.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QPen

from engine.formula import value_text as _number
from engine.health import dead_relus_in_training, delta_norms

from ..views.diagram_items import MAX_EDGE, MIN_EDGE, MUTED, Tag
from .layout import HEADING_PX, SMALL_PX

DEAD_FILL = QColor("#E4E4E4")


def dead_relu_tip() -> str:
    return QCoreApplication.translate(
        "NetworkView", "Dead ReLU: this neuron outputs 0 for every training sample (z ≤ 0 on all of them). "
                       "There relu′(z) = 0, so no gradient passes back through it and its weights and bias "
                       "never change. Other starting weights, a smaller learning rate or leaky ReLU can help.")


WIDEST_NORM = "0.0000000"  # as wide as a norm is written (value_text: four significant digits)


class GradientHealth:
    """Edge widths by gradient, ‖δ‖ beside the headings, dead ReLUs greyed (a mixin of NetworkView)."""

    _by_gradient = False

    def _clear_health_state(self) -> None:
        self._headings: dict[int, Tag] = {}  # layer → its heading
        self._delta_tags: dict[int, Tag] = {}  # layer → its ‖δ‖ beside the heading
        self._dead: set[tuple] = set()  # keys of the neurons drawn as dead
        self._plain_style: dict[tuple, tuple[QPen, QBrush]] = {}
        self._g_scale = 1.0

    # -------------------------------------------------------------- the toggle
    def set_edge_widths_by_gradient(self, on: bool) -> None:
        changed = self._by_gradient != bool(on)
        self._by_gradient = bool(on)
        if self._neurons:
            self._refresh_gradient_health(force=True)
            if changed:  # the ‖δ‖ boxes take room, or give it back: Fit counts them
                self._content_rect = self._visible_rect()
                if self._auto_fit:
                    self.fit()

    def edge_widths_by_gradient(self) -> bool:
        return self._by_gradient

    def _edge_state_of(self, node, w: float):
        """What an edge's look depends on: its weight, and its gradient when drawn by gradient."""
        return (w, self._gradient_of(node)) if self._by_gradient else w

    @staticmethod
    def _gradient_of(node) -> float | None:
        grad = None if node is None else node.grad
        return None if grad is None else float(np.sqrt(np.sum(np.square(grad))))

    def _edge_width(self, node, w: float) -> float:
        if not self._by_gradient:
            return max(MIN_EDGE, min(MAX_EDGE, MAX_EDGE * abs(w) / self._w_scale))
        g = self._gradient_of(node)
        if g is None or not math.isfinite(g):
            return MIN_EDGE
        return max(MIN_EDGE, min(MAX_EDGE, MAX_EDGE * g / self._g_scale))

    # -------------------------------------------------------------- building
    def _add_health_items(self) -> None:
        """The ‖δ‖ boxes beside the headings (hidden until shown), and the dead ReLUs' look."""
        small = self._font(HEADING_PX if self._bare else SMALL_PX)  # never under Fit's floor
        for layer in self._headings:
            if layer == 0 or layer >= len(self._sizes):
                continue
            tag = Tag(small, border=MUTED, pad=2.0)
            tag.setData(0, ("delta_norm", layer))
            tag.set_text(self._delta_text(WIDEST_NORM))  # the room it takes, for Fit, until there is a value
            tag.hide()
            self.scene().addItem(tag)
            self._delta_tags[layer] = tag
            self._place_delta_tag(layer)
        self._apply_dead_relus()
        self._refresh_gradient_health(force=True)

    def _delta_text(self, number: str) -> str:
        return ("‖δ‖ =\n" if self._bare else "‖δ‖ = ") + number  # bare: two lines, as narrow as a column

    def _delta_room(self) -> list:
        """The ‖δ‖ boxes Fit must leave room for: all of them while edges follow the gradient."""
        return list(self._delta_tags.values()) if self._by_gradient else []

    def _place_delta_tag(self, layer: int) -> None:
        tag, heading = self._delta_tags[layer], self._headings[layer]
        box = heading.sceneBoundingRect()
        if self._bare:  # the columns are as close as their headings: above the heading instead
            tag.setPos(box.center().x(), box.top() - 4 * self._font_scale - tag.rect().height() / 2)
        else:
            tag.setPos(box.right() + 6 * self._font_scale + tag.rect().width() / 2, box.center().y())

    # -------------------------------------------------------------- following the lesson
    def _refresh_gradient_health(self, force: bool = False) -> None:
        """After a step (or a toggle): the gradient scale, the edges it changes and the ‖δ‖ boxes."""
        if self._by_gradient:
            grads = [self._gradient_of(self._nodes.get(key)) for key in self._edges]
            finite = [g for g in grads if g is not None and math.isfinite(g)]
            scale = max(finite, default=0.0) or 1.0
            if scale != self._g_scale:
                self._g_scale, force = scale, True
        if force:
            for key in self._edges:
                self._refresh_edge(key, force=True)
        norms = delta_norms(self._layer_deltas()) if self._by_gradient else []
        for layer, tag in self._delta_tags.items():
            norm = norms[layer - 1] if layer - 1 < len(norms) else None
            tag.setVisible(norm is not None)
            if norm is not None:
                tag.set_text(self._delta_text(_number(norm)))
                self._place_delta_tag(layer)

    def _layer_deltas(self) -> list[list]:
        """The δ = ∂J/∂z values of each non-input layer (None where not computed yet)."""
        deltas: list[list] = [[] for _ in range(len(self._sizes) - 1)]
        for key, z in self._z_nodes.items():
            if key[0] == "neuron" and 1 <= key[1] < len(self._sizes):
                deltas[key[1] - 1].append(z.grad)
        return deltas

    def _apply_dead_relus(self) -> None:
        lesson = self._lesson
        dead = set()
        if lesson is not None and getattr(lesson, "data", None) is not None:
            dead = {("neuron", layer, j) for layer, j in
                    dead_relus_in_training(lesson.network, lesson.data, lesson.document.training)}
        for key in self._dead - dead:  # alive again
            neuron = self._neurons.get(key)
            if neuron is not None and key in self._plain_style:
                pen, brush = self._plain_style[key]
                neuron.circle.setPen(pen)
                neuron.circle.setBrush(brush)
                neuron.circle.setToolTip("")
        for key in dead:
            neuron = self._neurons.get(key)
            if neuron is None:  # folded into its layer's ellipsis
                continue
            circle = neuron.circle
            if key not in self._plain_style:
                self._plain_style[key] = (QPen(circle.pen()), QBrush(circle.brush()))
            pen = QPen(MUTED, self._plain_style[key][0].widthF(), Qt.PenStyle.DashLine)
            circle.setPen(pen)
            circle.setBrush(QBrush(DEAD_FILL))
            circle.setToolTip(dead_relu_tip())
        self._dead = dead

    def dead_neurons(self) -> set[tuple]:
        """Keys of the neurons drawn as dead ReLUs."""
        return set(self._dead)
