"""Lesson files and exports, as a teacher preparing a lesson uses them."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui.paths import LECTURE
from gui.window.exports import derivation_text, save_scene
from gui.window.main_window import MainWindow
from tests.gui.languages import in_chinese


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
    assert begins[:4] == ["document", "description", "center", "tikzpicture"]
    assert sorted(begins) == sorted(ends)
    assert text.count("{") == text.count("}")
    assert "\\delta_{2}" in text
    assert window.lesson.stepper.position == 0  # exporting before stepping leaves the stepper alone


def test_exports_hold_the_whole_derivation_and_leave_the_window_where_it_is(window, qtbot):
    for _ in range(7):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    repaints = []
    window.lesson.stepped.connect(lambda: repaints.append(1))
    window.lesson.rebuilt.connect(lambda: repaints.append(1))
    markdown = derivation_text(window, "markdown")
    steps = len(window.lesson.stepper)
    assert all(f"**{k}.**" in markdown for k in range(1, steps + 1))
    assert "## Backpropagation" in markdown
    assert "What is given" in markdown
    rows = derivation_text(window, "csv").removeprefix("\ufeff").strip().splitlines()
    assert len(rows) == 1 + steps
    assert rows[0].startswith("step,phase,symbol")
    assert window.lesson.stepper.position == 7
    assert not repaints  # the views were never asked to repaint


def _painted(path) -> bool:
    """True when the image has content: larger than the empty-scene 80×80 and not one flat colour."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    if image.width() <= 80 or image.height() <= 80:
        return False
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    return len(colours) > 2


def test_graph_image_is_drawn_even_if_its_tab_was_never_opened(window, tmp_path):
    assert window.tabs.currentWidget() is window.network_view  # the graph tab was never shown
    path = tmp_path / "graph.png"
    assert save_scene(window.graph_view, str(path))
    assert _painted(path)


def test_image_export_after_opening_another_lesson(window, qtbot, tmp_path, repo_root, monkeypatch):
    from PySide6.QtWidgets import QApplication, QFileDialog

    window.exporter.menu.aboutToShow.emit()
    action = next(a for a in window.exporter.menu.actions() if a.text().startswith("Image of “Network diagram”"))
    assert window.open_path(repo_root / "resources" / "examples" / "xor.json", remember=False)
    qtbot.wait(10)
    QApplication.sendPostedEvents(None, 0)  # the old views are deleted now
    path = tmp_path / "after.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    action.trigger()
    assert not warnings
    assert _painted(path)
    assert "Saved" in window.statusBar().currentMessage()


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
    from gui.window.gallery import GalleryDialog

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

    from gui.graph.view import GraphView
    from gui.lesson.inspector import Inspector

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


def test_chinese_window_exports_chinese_handouts(qtbot):
    with in_chinese():
        window = MainWindow(language="zh_CN")
        qtbot.addWidget(window)
        window.open_path(LECTURE, remember=False)
        latex = derivation_text(window, "latex")
        csv_text = derivation_text(window, "csv")
    assert latex.startswith("% !TEX program = xelatex")
    assert "讲义中的 2-2-1 网络" in latex
    assert "已知条件" in latex
    assert "加权和" in latex  # the step sentences, translated by the window
    assert "前向传播" in latex
    assert csv_text.splitlines()[1].split(",")[1] == "前向传播"
    assert csv_text.removeprefix("\ufeff").splitlines()[0] == "步骤,阶段,符号,公式,代入数值,显示的数值,数值（float64）"
