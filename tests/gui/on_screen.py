"""What a GUI test measures on screen: items that leave a view's viewport, and the view's smallest text."""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsSimpleTextItem, QGraphicsTextItem


def outside(view) -> list:
    """Visible items (neurons, boxes, headings, the loss; graph nodes) whose rectangle leaves the viewport."""
    port = view.viewport().rect().adjusted(-1, -1, 1, 1)
    items = [item for item in view.scene().items() if item.isVisible() and item.parentItem() is None]
    return [(item.data(0), view.mapFromScene(item.sceneBoundingRect()).boundingRect()) for item in items
            if not port.contains(view.mapFromScene(item.sceneBoundingRect()).boundingRect())]


def smallest_text_px(view) -> float:
    """The pixel height on screen of the view's smallest visible text (font size × item scale × zoom)."""
    smallest = float("inf")
    for item in view.scene().items():
        if not item.isVisible() or not isinstance(item, QGraphicsSimpleTextItem | QGraphicsTextItem):
            continue
        text = item.text() if isinstance(item, QGraphicsSimpleTextItem) else item.toPlainText()
        if not text.strip():
            continue
        font = item.font()
        px = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * view.logicalDpiY() / 72
        smallest = min(smallest, px * item.deviceTransform(view.viewportTransform()).m22())
    return smallest
