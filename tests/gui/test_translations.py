"""简体中文 and English: every string translated, compiled files current, the switch visible."""

import subprocess
import sys

from PySide6.QtCore import QCoreApplication, QSettings

from gui.main_window import MainWindow
from gui.paths import LECTURE
from tests.gui.languages import in_chinese


def test_every_string_has_a_chinese_translation_and_the_qm_is_current(repo_root):
    result = subprocess.run([sys.executable, "tools/i18n.py", "--check"], cwd=repo_root, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def _menu_titles(window):
    return [action.text() for action in window.menuBar().actions()]


def test_chinese_interface_shows_glossary_terms(qtbot):
    with in_chinese():
        window = MainWindow(language="zh_CN")
        qtbot.addWidget(window)
        window.open_path(LECTURE, remember=False)
        assert _menu_titles(window)[:2] == ["文件(&F)", "编辑(&E)"]
        assert window.step_forward_action.text() == "前进一步"
        assert window.step_back_action.text() == "后退一步"
        window.lesson.stepper.step_forward()
        assert "前向传播" in window.inspector.toPlainText()
        assert "加权和" in window.inspector.toPlainText()
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own dialogs too
    english = MainWindow(language="en")
    qtbot.addWidget(english)
    assert _menu_titles(english)[:2] == ["&File", "&Edit"]


def test_language_menu_remembers_the_choice(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    notices = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: notices.append(args[2]))
    window = MainWindow(language="en")
    qtbot.addWidget(window)
    window.language_actions["zh_CN"].trigger()
    assert QSettings().value("language") == "zh_CN"
    assert "next time" in notices[0]
