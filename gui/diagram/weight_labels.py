"""Weight and gradient labels on the diagram's edges: where each sits so that labels do not cover each other."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QGraphicsItem,
)

from ..views.diagram_items import (
    Z_LABEL,
    Tag,
)
from .layout import (
    LABEL_AT,
    SMALL_PX,
)


class WeightLabels:
    """Places and restores the weight labels of a NetworkView (a mixin of NetworkView)."""

    def _apply_weight_labels(self) -> None:
        self._restore_labels()
        visible = self.weight_labels_visible()
        if visible and not self._edge_labels and self._edges:
            font = self._font(SMALL_PX)
            for key, line in self._edges.items():
                tag = Tag(font, border=None, pad=2.0)
                tag.setZValue(Z_LABEL - 1)
                tag.setData(0, key)
                tag.setPos(line.pointAt(LABEL_AT[0]))
                self.scene().addItem(tag)
                self._edge_labels[key] = tag
                self._refresh_edge(key, force=True)
            self._place_weight_labels(font)
        for key, tag in self._edge_labels.items():
            tag.setVisible(visible and key not in self._crowded)

    def _place_weight_labels(self, font: QFont) -> None:
        """Put each weight's label at the first place along its edge (LABEL_AT) where it covers no
        other label, neuron or box; a label with no free place is left out (``_crowded``).
        Layer by layer, the heaviest weights first."""
        cell = 64.0
        grid: dict[tuple[int, int], list[QRectF]] = {}

        def cells(rect: QRectF):
            for gx in range(math.floor(rect.left() / cell), math.floor(rect.right() / cell) + 1):
                for gy in range(math.floor(rect.top() / cell), math.floor(rect.bottom() / cell) + 1):
                    yield gx, gy

        def free(rect: QRectF) -> bool:
            return not any(other.intersects(rect) for c in cells(rect) for other in grid.get(c, ()))

        def take(rect: QRectF) -> None:
            for c in cells(rect):
                grid.setdefault(c, []).append(rect)

        for n in self._neurons.values():
            take(n.circle.sceneBoundingRect())
            for child in (n.bias, n.z, n.delta):
                if child is not None:
                    take(child.sceneBoundingRect())
        for tag in self._tags.values():
            take(tag.sceneBoundingRect())
        reserve = QFontMetricsF(font).horizontalAdvance("−0.0000") + 4  # room for a longer value later
        self._crowded = set()

        def weight(key: tuple) -> float:
            node = self._nodes.get(key)
            return 0.0 if node is None or node.value is None else abs(float(node.value))

        for key in sorted(self._edge_labels, key=lambda k: (k[1], -weight(k), k[2], k[3])):
            tag, line = self._edge_labels[key], self._edges[key]
            w = max(tag.rect().width(), reserve) + 4
            h = tag.rect().height() + 2
            for t in LABEL_AT:
                p = line.pointAt(t)
                rect = QRectF(p.x() - w / 2, p.y() - h / 2, w, h)
                if free(rect):
                    tag.setPos(p)
                    take(rect)
                    break
            else:
                self._crowded.add(key)

    def _restore_labels(self) -> None:
        """Undo what the last highlight did to weight labels (shown its own, hid covered ones)."""
        for tag, visible, z in reversed(self._label_overrides):
            tag.setVisible(visible)
            tag.setZValue(z)
        self._label_overrides.clear()

    def _override_label(self, tag: Tag, visible: bool, z: float | None = None) -> None:
        self._label_overrides.append((tag, tag.isVisible(), tag.zValue()))
        tag.setVisible(visible)
        if z is not None:
            tag.setZValue(z)

    def _uncover(self, rect: QRectF, keep: QGraphicsItem | None = None) -> None:
        """Hide, for this step, the weight labels under ``rect``."""
        for item in self.scene().items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            key = item.data(0)
            if item is not keep and key is not None and key[0] == "edge" and item.isVisible() \
                    and self._edge_labels.get(tuple(key)) is item:
                self._override_label(item, False)
