"""Folding a long computational graph into bands for Fit (a mixin of GraphView).

A graph whose columns run far wider than the viewport is folded into bands, rows of columns stacked top to
bottom like lines of text (gui/graph/layout.py ``fold`` cuts them, gui/graph/drawing.py draws them). Fit keeps
one band when that shows the smallest text at TEXT_FLOOR_PX or more; otherwise it draws the number of bands, up
to MAX_BANDS, that it shows largest. The bands are chosen for the viewport's shape at every fit, so a resize
with auto-fit folds or unfolds the graph; the layer figure (gui/graph/layer_figure.py) is never folded.
"""

from __future__ import annotations

from PySide6.QtCore import QSizeF

from ..diagram.layout import TEXT_FLOOR_PX
from .drawing import BAND_GAP
from .layout import MAX_BANDS, fold


class GraphBands:
    """Chooses how many bands GraphView's drawing folds into when it is fitted."""

    def fit(self) -> None:
        """Show the whole graph. A graph too long for the viewport to show its smallest text at
        TEXT_FLOOR_PX is folded into bands when that shows it larger (see ``_choose_bands``)."""
        if self._slots and self._figure is None and self.isVisible():
            self._choose_bands()
        super().fit()

    def bands(self) -> int:
        """How many bands the graph's columns are folded into (1: one row of columns)."""
        return len(self._cuts) if self._slots else 1

    def _fit_zoom_of(self, size: QSizeF) -> float:
        m = self.FIT_MARGIN
        return min(self.FIT_MAX_ZOOM, self.MAX_ZOOM, self.viewport().width() / (size.width() + 2 * m),
                   self.viewport().height() / (size.height() + 2 * m))

    def _choose_bands(self) -> None:
        """One band when Fit shows its smallest text at TEXT_FLOOR_PX or more; else the number of bands,
        up to MAX_BANDS, that Fit shows largest (a band count's size is measured once per drawing)."""
        if self.viewport().width() < 100 or self.viewport().height() < 100:
            return
        chosen = self._bands
        if chosen not in self._band_sizes:
            self._band_sizes[chosen] = self._content_rect.size()

        def zoom(count: int) -> float:
            if count not in self._band_sizes:
                self._relayout(count)
                self._band_sizes[count] = self._content_rect.size()
            return self._fit_zoom_of(self._band_sizes[count])

        best = 1
        if zoom(1) * self._least_text < TEXT_FLOOR_PX * 1.01:  # fitInView keeps a few pixels of its own
            for count in range(2, min(MAX_BANDS, len(self._channels)) + 1):  # a band per column at most
                if self._zoom_bound(count) > zoom(best) and zoom(count) > zoom(best):
                    best = count
        if self._bands != best:  # the last drawing tried is not the one chosen
            self._relayout(best)

    def _zoom_bound(self, count: int) -> float:
        """The most Fit could show ``count`` bands at, from their columns and rows alone (no drawing)."""
        cuts = fold(self._placed, self._edge_list, count)
        width = max(len(cut) for cut in cuts) * self._col_w - self._edge_gap - self._lead
        rows = sum(max(len(self._placed[col]) for col in cut) for cut in cuts)
        height = rows * self._row_h - count * self._above + (count - 1) * BAND_GAP * self._font_scale
        return self._fit_zoom_of(QSizeF(width, height))

    def _relayout(self, bands: int) -> None:
        """Draw the graph again folded into ``bands`` bands (the numbers and the highlight come back)."""
        self._bands = bands
        self._close_editor()
        self._build()
        self._refresh()
        self._update_highlight()
