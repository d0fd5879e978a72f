"""One ROOT for resources, from source and when frozen by PyInstaller (sys._MEIPASS)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
RESOURCES = ROOT / "resources"
EXAMPLES = RESOURCES / "examples"
I18N = RESOURCES / "i18n"
ICONS = RESOURCES / "icons"
FONTS = RESOURCES / "fonts"
CJK_FONT = FONTS / "BackpropStudioSansSC-Regular.otf"  # made by tools/make_font_subset.py
LECTURE = EXAMPLES / "lecture_2-2-1.json"
