"""Lesson files and exports, as a teacher preparing a lesson uses them."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui.exports import derivation_text, save_scene
from gui.main_window import MainWindow
from gui.paths import LECTURE


@pytest.fixture
def window(qtbot):
    win = MainWindow(language="en")
    qtbot.addWidget(win)
    win.open_initial(str(LECTURE), recover=False)
    win.show()
    return win


def test_save_and_open_keeps_everything(window, qtbot, tmp_path):
    window.network_view.value_edited.emit("weight", 2, 1, 0, -0.25)
    window.set_granularity("operation")
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    path = tmp_path / "lesson.json"
    assert window._write(path)
    assert not window.isWindowModified()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["network"]["layers"][2]["weights"] == [[0.9], [-0.25]]
    assert saved["view"] == {"granularity": "operation", "sample": 0, "step": 4, "font_scale": 1.0}

    other = MainWindow(language="en")
    qtbot.addWidget(other)
    assert other.open_path(path)
    assert other.lesson.network.weights(2)[1, 0] == -0.25
    assert other.lesson.granularity == "operation"
    assert other.lesson.stepper.position == 4
    assert other.lesson.data.inputs.tolist() == [[1.0, 2.0]]
    assert other.document.training.learning_rate == 0.5
    assert other.document.title["zh_CN"] == window.document.title["zh_CN"]


@pytest.mark.parametrize("content", [
    "{ not json",
    '{"format": "backprop-studio", "version": 1}',
    '{"format": "backprop-studio", "version": 1, "network": {"layers": [{"size": 2}, {"size": 1, "biases": [NaN]}]}}',
    '{"format": "backprop-studio", "version": 1, "network": {"layers": [{"size": 2}, {"size": 1}]}, '
    '"data": {"inputs": [[1, 2]], "targets": [[1, 2]]}}',
])
def test_corrupt_or_partial_file_leaves_the_lesson_untouched(window, tmp_path, monkeypatch, content):
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: messages.append(args[2]))
    window.lesson.stepper.goto(3)
    before = (window.lesson, window.lesson.network.to_dict(), window.lesson.stepper.position)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    assert not window.open_path(bad)
    assert (window.lesson, window.lesson.network.to_dict(), window.lesson.stepper.position) == before
    assert len(messages) == 1
    assert "bad.json" in messages[0]


def test_latex_derivation_has_balanced_environments(window):
    text = derivation_text(window, "latex")
    begins = re.findall(r"\\begin\{(\w+\*?)\}", text)
    ends = re.findall(r"\\end\{(\w+\*?)\}", text)
    assert begins == ["document", "align*", "align*", "align*"]
    assert sorted(begins) == sorted(ends)
    assert text.count("{") == text.count("}")
    assert "\\delta_{2}" in text
    assert window.lesson.stepper.position == 0  # exporting before stepping leaves the stepper alone


def test_markdown_and_csv_hold_the_steps_taken(window, qtbot):
    for _ in range(7):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    markdown = derivation_text(window, "markdown")
    assert markdown.count("\n1. ") + markdown.count("\n7. ") == 2
    assert "Backpropagation" not in markdown
    rows = derivation_text(window, "csv").strip().splitlines()
    assert len(rows) == 8
    assert rows[0].startswith("step,phase,symbol")


@pytest.mark.parametrize("suffix", ["svg", "png"])
def test_diagram_image_export(window, tmp_path, suffix):
    path = tmp_path / f"diagram.{suffix}"
    assert save_scene(window.network_view, str(path))
    if suffix == "svg":
        root = ET.parse(path).getroot()
        assert root.tag.endswith("svg")
    else:
        assert path.stat().st_size > 5000


def test_example_gallery_opens_a_lesson_with_its_description(window, qtbot):
    from gui.gallery import GalleryDialog

    dialog = GalleryDialog("zh_CN", window)
    qtbot.addWidget(dialog)
    titles = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(titles) >= 8
    row = next(i for i, t in enumerate(titles) if "异或" in t or "XOR" in t)
    dialog.list.setCurrentRow(row)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in dialog.text.toPlainText())
    dialog.accept()
    assert window.open_example(dialog.chosen)
    assert window.lesson.network.sizes == [2, 4, 1]
    assert window.path is None  # a template: Save asks for a new name
    window.examples_menu.aboutToShow.emit()
    assert len(window.examples_menu.actions()) == len(titles)


def test_opening_lessons_does_not_pile_up_views(window, qtbot):
    from PySide6.QtWidgets import QApplication

    from gui.graph_view import GraphView
    from gui.inspector import Inspector

    for _ in range(5):
        window.open_path(LECTURE, remember=False)
    qtbot.wait(10)
    QApplication.sendPostedEvents(None, 0)  # run the deferred deletions
    assert len(window.findChildren(Inspector)) == 1
    assert len(window.findChildren(GraphView)) == 1


def test_dropping_a_lesson_on_the_window_opens_it(window, repo_root):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(repo_root / "resources" / "examples" / "xor.json"))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.lesson.network.sizes == [2, 4, 1]
    assert window.path.name == "xor.json"
