"""Application setup: QApplication and translators (installed before the first widget); fonts are in fonts.py."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .paths import I18N, ICONS

ORGANIZATION = "BackpropStudio"
APPLICATION = "Backprop Studio"
LANGUAGES = ("en", "zh_CN")


def system_language() -> str:
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def chosen_language(override: str | None) -> str:
    """--lang wins, then the language saved in settings, then the system locale."""
    if override in LANGUAGES:
        return override
    saved = QSettings().value("language", "", type=str)
    return saved if saved in LANGUAGES else system_language()


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    translators: list[QTranslator] = []
    if language == "en":
        return translators
    ours = QTranslator(app)
    if ours.load(str(I18N / f"backprop_studio_{language}.qm")):
        app.installTranslator(ours)
        translators.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    return translators


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    icon = ICONS / "backprop-studio.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app
