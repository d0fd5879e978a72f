"""One table of labels: the window names every activation, loss and optimizer with the engine's
label (engine/names.py) translated once (gui/labels.py), and no other module spells them."""

import ast
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QMenu

from engine import names
from engine.network import LOSSES
from gui.app import install_translators
from gui.labels import activation_label, loss_label, optimizer_label
from gui.paths import LECTURE
from gui.window.main_window import MainWindow

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def _activation_menu(window, layer):
    menu = window.network_view.context_menu_for(layer, 0)
    sub = next(a.menu() for a in menu.actions() if a.menu() is not None)
    return [(a.data(), a.text()) for a in sub.actions()]


def _loss_menu(window):
    sub = window.findChild(QMenu, "lossMenu")  # Edit ▸ Loss function
    return [(a.objectName(), a.text()) for a in sub.actions()]


def _optimizer_combo(window):
    box = window.findChild(QComboBox, "optimizerBox")
    return [(box.itemData(k), box.itemText(k)) for k in range(box.count())]


def _header_texts(window):
    scene = window.network_view.scene()
    # one space for each line break: a heading may wrap its label (a bare diagram in a small window)
    return [" ".join(item.text.split()) for item in scene.items() if isinstance(getattr(item, "text", None), str)]


def test_every_menu_combo_and_legend_shows_the_tables_labels(window):
    hidden = [n for n in names.ACTIVATIONS if n not in names.OUTPUT_ONLY]
    assert _activation_menu(window, 1) == [(f"activation:{n}", names.ACTIVATIONS[n]) for n in hidden]
    last = len(window.lesson.network.sizes) - 1
    assert _activation_menu(window, last) == [(f"activation:{n}", text) for n, text in names.ACTIVATIONS.items()]
    assert _loss_menu(window) == [(f"actionLoss_{n}", names.LOSSES[n]) for n in LOSSES]
    assert _optimizer_combo(window) == list(names.OPTIMIZERS.items())
    net = window.lesson.network
    headers = _header_texts(window)
    assert "Loss " + names.loss_label(net.loss) in headers
    assert "Output " + names.activation_label(net.activation(last)) in headers


def test_the_chinese_window_shows_each_label_translated_once(qtbot):
    app = QApplication.instance()
    translators = install_translators(app, "zh_CN")
    try:
        window = MainWindow(language="zh_CN")
        qtbot.addWidget(window)
        window.open_path(LECTURE, remember=False)
        assert loss_label("half_sse") == "半平方误差 ½Σ(ŷ − y)²"
        assert optimizer_label("momentum") == "带动量的 SGD"
        assert activation_label("linear") == "线性"
        assert dict(_loss_menu(window))["actionLoss_half_sse"] == loss_label("half_sse")
        assert dict(_optimizer_combo(window))["momentum"] == optimizer_label("momentum")
        assert dict(_activation_menu(window, 1))["activation:linear"] == activation_label("linear")
    finally:
        for translator in translators:
            app.removeTranslator(translator)


# ------------------------------------------------------------------ nobody else spells the labels
_TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP"}


def _product_files():
    files = [*sorted((ROOT / "engine").rglob("*.py")), *sorted((ROOT / "gui").rglob("*.py")), ROOT / "main.py"]
    return [f for f in files if f != ROOT / "engine" / "names.py"]


def _call_name(node):
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def test_no_other_module_spells_a_label():
    labels = {*names.ACTIVATIONS.values(), *names.LOSSES.values(), *names.OPTIMIZERS.values()}
    ids = {*names.ACTIVATIONS, *names.LOSSES, *names.OPTIMIZERS}
    spelled = labels - ids  # ids themselves (sigmoid, tanh, …) are spelled everywhere, as ids
    any_case = {label.lower() for label in spelled if label.lower() not in ids}  # "Leaky ReLU" too
    glyphs = {("gui/graph/drawing.py", "ReLU")}  # the operator drawn in a graph node's circle, not a label
    found = []
    for path in _product_files():
        name = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node) in _TRANSLATING:
                texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                found += [(name, node.lineno, t) for t in texts if t in labels or t.lower() in any_case]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and (node.value in spelled or node.value.lower() in any_case) \
                    and (name, node.value) not in glyphs:
                found.append((name, node.lineno, node.value))
    assert found == []
