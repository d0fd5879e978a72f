"""A network too deep for the projector's width: Fit draws it bare (circles and headings, nothing under 14 px),
and everything it leaves out is a hover away; the gradient-health boxes sit above the headings.

The deep sigmoid lesson (2-4-4-4-4-4-4-1) on a 1280×720 screen, as the teacher opens it from the gallery.
"""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPointF, QRect, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem, QGraphicsTextItem, QToolTip

from engine.document import load
from engine.lesson import NetworkLesson
from gui.diagram.layout import TEXT_FLOOR_PX, wrap_words
from gui.diagram.view import NetworkView
from gui.paths import EXAMPLES
from gui.window.main_window import MainWindow

DEEP = EXAMPLES / "deep_sigmoid.json"


@pytest.fixture
def projector(qtbot, monkeypatch):
    """The window full screen on a 1280×720 projector, laid out as at the first start, the deep lesson open."""
    monkeypatch.setattr(MainWindow, "_available", lambda self: QRect(0, 0, 1280, 720))
    window = MainWindow(language="en")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.setGeometry(0, 0, 1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280 and window.height() == 720)
    window.actions_by_name["actionResetLayout"].trigger()
    assert window.open_path(DEEP, remember=False, as_template=True)
    qtbot.wait(20)
    qtbot.keyClick(window, Qt.Key.Key_F)  # View ▸ Fit
    yield window
    window.undo_stack.setClean()


def _screen_px(view, item) -> float:
    font = item.font()
    px = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * view.logicalDpiY() / 72
    return px * item.deviceTransform(view.viewportTransform()).m22()


def _visible_texts(view) -> list:
    out = []
    for item in view.scene().items():
        if item.isVisible() and isinstance(item, QGraphicsSimpleTextItem | QGraphicsTextItem):
            text = item.text() if isinstance(item, QGraphicsSimpleTextItem) else item.toPlainText()
            if text.strip():
                out.append((text, item))
    return out


def _hover(view, key, monkeypatch) -> list[str]:
    """What the tip says when the mouse rests on the item drawn for ``key``."""
    said: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda *args: said.append(args[1]))
    where = view.mapFromScene(view.item_for(key).sceneBoundingRect().center())
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(where), QPointF(view.viewport().mapToGlobal(where)),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), move)  # straight to the view, whatever window is on top
    return said[-1].splitlines() if said else []


def _disjoint(rects) -> bool:
    return not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])


def test_fit_keeps_the_headings_readable_and_apart_and_draws_only_circles(projector):
    view = projector.network_view
    texts = _visible_texts(view)
    headings = [view._headings[k] for k in sorted(view._headings)]
    assert [h.text.split("\n")[0] for h in headings] == \
        ["Input", *(f"Hidden {k}" for k in range(1, 7)), "Output", "Loss"]
    assert min(_screen_px(view, item) for _, item in texts) >= TEXT_FLOOR_PX - 0.02
    assert _disjoint([h.sceneBoundingRect() for h in headings])
    # Every visible text is a heading: no symbols or values in the circles, no target boxes, no weights.
    assert {text for text, _ in texts} <= {line for h in headings for line in h.text.split("\n")}
    port = view.viewport().rect()
    for key in (("neuron", 0, 0), ("neuron", 6, 3), ("loss",)):
        assert port.contains(view.mapFromScene(view.item_for(key).sceneBoundingRect()).boundingRect())


def test_what_the_bare_diagram_leaves_out_is_in_the_hover_tip(projector, qtbot, monkeypatch):
    view = projector.network_view
    doc = load(DEEP)
    x = doc.data.inputs[0]
    assert _hover(view, ("neuron", 0, 0), monkeypatch) == [f"X[1] = {x[0]:.4g}".replace("-", "−")]
    loss_tip = _hover(view, ("loss",), monkeypatch)
    assert f"y = {doc.data.targets[0][0]:g}" in loss_tip  # the target's box is not drawn
    for _ in range(4):  # z₁[1], a₁[1], z₁[2], a₁[2]
        qtbot.keyClick(projector, Qt.Key.Key_Right)
    w, b = doc.network.weights(1), doc.network.biases(1)
    a = 1 / (1 + math.exp(-(x @ w[:, 1] + b[1])))
    tip = _hover(view, ("neuron", 1, 1), monkeypatch)
    assert tip[0].startswith("a₁[2] = ")
    assert float(tip[0].split("= ")[1]) == pytest.approx(a, abs=5e-5)


def test_a_step_on_a_hidden_bias_rings_its_neuron(projector, qtbot):
    view = projector.network_view
    qtbot.keyClick(projector, Qt.Key.Key_End)  # Run to end: the last step updates b₇
    assert view.current_highlight().item == ("neuron", 7, 0)
    assert not view.item_for(("bias", 7, 0)).isVisible()


def _own_delta_norms(doc) -> list[float]:
    """‖δ‖ of each layer for the first sample: sigmoid everywhere, binary cross-entropy (δ = a − y at the output)."""
    net = doc.network
    x, y = np.asarray(doc.data.inputs[0], float), np.asarray(doc.data.targets[0], float)
    acts = [x]
    for k in range(1, len(net.sizes)):
        acts.append(1 / (1 + np.exp(-(acts[-1] @ net.weights(k) + net.biases(k)))))
    delta = acts[-1] - y
    norms = [float(np.linalg.norm(delta))]
    for k in range(len(net.sizes) - 1, 1, -1):
        a = acts[k - 1]
        delta = (delta @ net.weights(k).T) * a * (1 - a)
        norms.append(float(np.linalg.norm(delta)))
    return norms[::-1]


def test_gradient_health_shows_each_layers_delta_norm_above_its_heading(projector, qtbot):
    view = projector.network_view
    projector.actions_by_name["actionEdgeWidthGradient"].trigger()
    qtbot.keyClick(projector, Qt.Key.Key_End)
    expected = _own_delta_norms(load(DEEP))
    tags = [view._delta_tags[k] for k in sorted(view._delta_tags)]
    assert all(tag.isVisible() for tag in tags)
    shown = [float(tag.text.split("\n")[-1].replace("−", "-")) for tag in tags]
    np.testing.assert_allclose(shown, expected, rtol=1e-3)  # four significant digits
    assert expected[-1] / expected[0] > 1000  # vanishing: the first layer's is the smallest by far
    assert _disjoint([tag.sceneBoundingRect() for tag in tags])
    for layer, tag in zip(sorted(view._delta_tags), tags, strict=True):
        heading = view._headings[layer].sceneBoundingRect()
        assert tag.sceneBoundingRect().bottom() <= heading.top()
        assert abs(tag.sceneBoundingRect().center().x() - heading.center().x()) < 1
        assert _screen_px(view, tag.label) >= TEXT_FLOOR_PX - 0.02
        port = view.viewport().rect()
        assert port.contains(view.mapFromScene(tag.sceneBoundingRect()).boundingRect())


def test_a_small_network_keeps_its_numbers_on_the_same_screen(projector):
    path = EXAMPLES / "lecture_2-2-1.json"
    assert projector.open_path(path, remember=False, as_template=True)
    view = projector.network_view
    view.fit()
    texts = {text for text, _ in _visible_texts(view)}
    doc = load(path)
    assert {"X[1]", "ŷ"} <= texts  # symbols in the circles
    assert f"y = {doc.data.targets[0][0]:g}" in texts  # the target's box
    assert f"b₁[1] = {doc.network.biases(1)[0]:g}" in texts  # the bias boxes


def test_a_window_too_small_even_for_the_bare_drawing_keeps_the_thinned_one(qtbot):
    doc = load(DEEP)
    view = NetworkView(NetworkLesson(doc))
    qtbot.addWidget(view)
    view.resize(480, 300)  # a window dragged small: no drawing of nine columns reaches 14 px here
    view.show()
    qtbot.waitExposed(view)
    view.fit()
    texts = {text for text, _ in _visible_texts(view)}
    assert f"y = {doc.data.targets[0][0]:g}" in texts  # the target's box, which the bare drawing leaves out
    port = view.viewport().rect()
    for key in (("neuron", 0, 0), ("neuron", 6, 3), ("loss",)):  # and still the whole diagram
        assert port.contains(view.mapFromScene(view.item_for(key).sceneBoundingRect()).boundingRect())


@given(st.lists(st.text("ab½Σ(ŷ−)²", min_size=1, max_size=8), min_size=1, max_size=8), st.integers(1, 30))
def test_wrapping_a_heading_keeps_every_word_in_order_within_the_width(words, width):
    lines = wrap_words(" ".join(words), width, len)
    assert " ".join(lines) == " ".join(words)
    assert all(len(line) <= width or " " not in line for line in lines)  # only a lone long word is wider
    assert all(len(a) + 1 + len(b.split(" ")[0]) > width for a, b in pairwise(lines))  # greedy
