"""简体中文 and English: every string translated, compiled files current, the switch visible."""

import importlib.util
import subprocess
import sys

from PySide6.QtCore import QCoreApplication, QSettings

from gui.paths import LECTURE
from gui.window.main_window import MainWindow
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


def _i18n_tool(repo_root):
    spec = importlib.util.spec_from_file_location("i18n_tool", repo_root / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_strings_in_subfolders_are_collected(repo_root, tmp_path):
    """Moving a view into a subpackage (gui/diagram/, engine/handouts/) keeps its strings in the translation."""
    i18n = _i18n_tool(repo_root)
    (tmp_path / "gui" / "diagram").mkdir(parents=True)
    (tmp_path / "gui" / "diagram" / "view.py").write_text(
        "from PySide6.QtWidgets import QWidget\n\n\nclass View(QWidget):\n"
        "    def title(self):\n        return self.tr('Drawn in a subfolder')\n", encoding="utf-8")
    (tmp_path / "engine" / "handouts").mkdir(parents=True)
    (tmp_path / "engine" / "handouts" / "words.py").write_text(
        "def QT_TRANSLATE_NOOP(context, text):\n    return text\n\n\n"
        "WORD = QT_TRANSLATE_NOOP('Handout', 'Worded in a subfolder')\n", encoding="utf-8")
    (tmp_path / "engine" / "plain.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "main.py").write_text("", encoding="utf-8")
    assert i18n.sources(tmp_path) == ["gui/diagram/view.py", "main.py", "engine/handouts/words.py"]
    ts = tmp_path / "out.ts"
    i18n.lupdate(ts, tmp_path)
    text = ts.read_text(encoding="utf-8")
    assert "<source>Drawn in a subfolder</source>" in text
    assert "<source>Worded in a subfolder</source>" in text
