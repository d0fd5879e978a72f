"""The app's translations for a test: ``with in_chinese(): ...`` shows the interface in Chinese."""

from contextlib import contextmanager

from PySide6.QtWidgets import QApplication

from gui.app import install_translators


@contextmanager
def in_chinese():
    """The Chinese translators installed for the with-block and removed after it, whatever happens."""
    app = QApplication.instance()
    translators = install_translators(app, "zh_CN")
    try:
        yield
    finally:
        for translator in translators:
            app.removeTranslator(translator)
