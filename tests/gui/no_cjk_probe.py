"""Run by tests/gui/test_fonts.py in a subprocess whose fontconfig knows no CJK font.

``python tests/gui/no_cjk_probe.py LANGUAGE``: sets the app up as main.py does (translators, then
the interface font), builds the main window on the lecture, and lays out every text the window
shows, and every Chinese translation, with the font each is drawn in. Prints one JSON object:
the families fontconfig offers for Simplified Chinese, the families the glyphs came from, how many
texts were checked, and the characters drawn as no glyph at all (glyph 0, a box).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QFont, QFontDatabase, QTextLayout  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QDockWidget,
    QLabel,
    QMenu,
    QTabBar,
    QWidget,
)

from gui.app import create_application, install_translators  # noqa: E402
from gui.fonts import pick_font  # noqa: E402

_spec = importlib.util.spec_from_file_location("make_font_subset", ROOT / "tools" / "make_font_subset.py")
subset_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(subset_tool)


def glyph_runs(text: str, font: QFont) -> list[tuple[str, list[int]]]:
    """(family, glyph indexes) of each run Qt lays ``text`` out in, with ``font`` and its fallbacks."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]


def shown_texts(window: QWidget) -> list[tuple[str, QFont]]:
    """Every text the window shows, with the font of the widget that draws it."""
    texts = [(window.windowTitle(), window.font())]
    for menu in window.findChildren(QMenu):
        texts += [(menu.title(), menu.font())]
        texts += [(action.text(), menu.font()) for action in menu.actions() if action.text()]
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append((widget.text(), widget.font()))
        elif isinstance(widget, QTabBar):
            texts += [(widget.tabText(i), widget.font()) for i in range(widget.count())]
        elif isinstance(widget, QDockWidget):
            texts.append((widget.windowTitle(), widget.font()))
        if widget.toolTip():
            texts.append((widget.toolTip(), widget.font()))
    return [(text.replace("&", ""), font) for text, font in texts if text and not text.startswith("<")]


def main(language: str) -> None:
    app = create_application([sys.argv[0]])
    system_chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    install_translators(app, language)
    app.setFont(pick_font(language))

    from gui.window.main_window import MainWindow

    window = MainWindow(language=language)
    window.unattended = True
    window.open_initial(None, recover=False)
    window.show()
    for _ in range(5):
        app.processEvents()
    texts = shown_texts(window) + [(text, app.font()) for text in subset_tool.translations()]
    texts.append(("异或：恰有一个输入为 1 时为类别 1", app.font()))  # a Chinese lesson title, in any language
    families, missing = set(), set()
    for text, font in texts:
        for family, glyphs in glyph_runs(text, font):
            families.add(family)
            if 0 in glyphs:
                missing.update(c for c in text if not c.isspace() and 0 in glyph_runs(c, font)[0][1])
    print(json.dumps({"system_chinese": system_chinese, "families": sorted(families), "checked": len(texts),
                      "missing": "".join(sorted(missing))}, ensure_ascii=False))
    window.close()


if __name__ == "__main__":
    main(sys.argv[1])
