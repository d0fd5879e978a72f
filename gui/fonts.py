"""Fonts: the interface's font, with Chinese from the system or, failing that, from the bundle.

A machine without a font for Simplified Chinese (a fresh Linux install, a lab image) would show
every Chinese string as boxes. The app then registers its own subset of Noto Sans CJK SC
(resources/fonts, made by tools/make_font_subset.py), which holds every character of the
translations and the gallery and the common hanzi, and names it as the interface font's
fallback. A system font is preferred when there is one: it has every character a teacher may
type, and it is the face the rest of the desktop shows.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from .paths import CJK_FONT

# System fonts for Simplified Chinese, best first (Linux, Windows, macOS, older Linux).
PREFERRED_CHINESE = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                     "WenQuanYi Micro Hei")
# Latin letters, digits, ½ and the formula symbols from a Latin font, where one of these is installed.
PREFERRED_LATIN = ("DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial")
# Characters a usable Chinese font must have: the app's name and its menus' words.
SAMPLE = "反向传播工作室文件编辑视图训练帮助输入输出层损失梯度"
POINT_SIZE = 11  # readable on a projector

_bundled: list[str] = []  # the bundled family, once registered (registering twice adds a second copy)


def covers(family: str, text: str) -> bool:
    """Whether ``family`` itself (not a fallback) has a glyph for every character of ``text``."""
    raw = QRawFont.fromFont(QFont(family), QFontDatabase.WritingSystem.SimplifiedChinese)
    return raw.isValid() and raw.familyName() == family and all(raw.supportsCharacter(ord(c)) for c in text)


def system_chinese_family() -> str | None:
    """An installed family that covers Simplified Chinese (SAMPLE's characters), or None."""
    installed = [f for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
                 if f not in _bundled and not QFontDatabase.isPrivateFamily(f)]
    ordered = [f for f in PREFERRED_CHINESE if f in installed] + [f for f in installed if f not in PREFERRED_CHINESE]
    return next((family for family in ordered if covers(family, SAMPLE)), None)


def bundled_chinese_family() -> str | None:
    """Register the bundled Chinese font (once) and return its family; None if it cannot be loaded."""
    if not _bundled:
        font_id = QFontDatabase.addApplicationFont(str(CJK_FONT))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            return None
        _bundled.append(families[0])
    return _bundled[0]


def chinese_family() -> str | None:
    """The family that shows Chinese: the system's, else the bundled one."""
    return system_chinese_family() or bundled_chinese_family()


def pick_font(language: str) -> QFont:
    """The interface font: a Latin family first, then a Chinese one, at a size readable on a projector.

    Chinese is looked for in either ``language``, since a lesson's title and notes may be Chinese.
    """
    font = QFont()
    chinese = chinese_family()
    if chinese is not None:
        installed = set(QFontDatabase.families())
        latin = [f for f in PREFERRED_LATIN if f in installed][:1] or [font.defaultFamily()]
        font.setFamilies(list(dict.fromkeys([*latin, chinese])))  # once, where the only font is ours
    font.setPointSize(POINT_SIZE)
    return font
