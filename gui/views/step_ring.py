"""The current step's ring, in both lesson views: a black stroke under the highlight colour.

In presentation mode (``LessonView.set_presenting``) the ring is drawn with ``PRESENTATION_PENS``: cosmetic
pens, so that the ring keeps its thickness in screen pixels however far Fit zooms out, black
outside and a saturated orange inside, which stay apart on a washed-out projector and where a
laser pointer's dot would be.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsView

from .diagram_items import HIGHLIGHT, INK, make_pen

PRESENTING = "presenting"  # the views' dynamic property
PRESENTATION_INK = QColor("#000000")
PRESENTATION_GLOW = QColor("#FF7A00")  # stronger than HIGHLIGHT: washed out, it still reads orange
PRESENTATION_PX = (18.0, 10.0)  # on-screen widths of the black and the orange strokes


def ring_pens(view: QGraphicsView, widths: tuple[float, float]) -> list[tuple[QPen, float]]:
    """(pen, z offset) of the ring's two strokes, outer first: ``widths`` in scene units as usual,
    the fixed on-screen ``PRESENTATION_PX`` while ``view`` presents."""
    if not view.property(PRESENTING):
        return [(make_pen(INK, widths[0]), 0.0), (make_pen(HIGHLIGHT, widths[1]), 0.1)]
    pens = []
    for color, width, dz in ((PRESENTATION_INK, PRESENTATION_PX[0], 0.0), (PRESENTATION_GLOW, PRESENTATION_PX[1], 0.1)):
        pen = make_pen(color, width)
        pen.setCosmetic(True)
        pens.append((pen, dz))
    return pens
