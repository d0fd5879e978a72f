"""Render the app icon's PNGs and the Windows .ico from resources/icons/backprop-studio.svg.

    .venv/bin/python packaging/make_icons.py

Writes resources/icons/backprop-studio-<size>.png for every size in SIZES and
resources/icons/backprop-studio.ico, a multi-size ICO whose images are those PNGs
(the PNG-in-ICO form that Windows Vista and later read). No dependency beyond PySide6.
The outputs are committed; rerun this after editing the SVG.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "backprop-studio.svg"
ICO = ICONS / "backprop-studio.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICONS / f"backprop-studio-{size}.png"


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn at size × size on a transparent background, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size} px PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO container holding PNG images.

    ICONDIR: reserved (0), type (1 = icon), count — three little-endian uint16.
    Then one 16-byte ICONDIRENTRY per image: width, height (0 means 256), colour count (0),
    reserved (0), planes (1), bits per pixel (32), size of the image data, offset of the data.
    The PNG bytes follow, in the order of the entries.
    """
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = [], []
    for size, png in images:
        if not 1 <= size <= 256:
            raise ValueError(f"ICO images are 1-256 px, not {size}")
        side = 0 if size == 256 else size
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        blobs.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter wants one)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    images = []
    for size in SIZES:
        png = render_png(renderer, size)
        png_path(size).write_bytes(png)
        images.append((size, png))
    ICO.write_bytes(ico_bytes(images))
    print(f"make_icons: wrote {len(SIZES)} PNGs ({', '.join(map(str, SIZES))} px) and {ICO.name} "
          f"({ICO.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
