"""Train ▸ Initialise weights: each initialiser from the menu, seeded, one undo; zero weights explained as symmetry."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu

from engine.init import INITIALISERS, initialised

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _no_save_question(window, monkeypatch):
    monkeypatch.setattr(window, "maybe_save", lambda: True)  # closing after an edit must not ask to save


def _init_menu(window) -> QMenu:
    """Train ▸ Initialise weights, found from the menu bar as a user finds it."""
    train = next(a.menu() for a in window.menuBar().actions() if a.menu() and a.menu().objectName() == "trainMenu")
    return next(a.menu() for a in train.actions() if a.menu() is not None and a.menu().objectName() == "initMenu")


def _choose(qtbot, window, name: str) -> None:
    """Open the submenu and click the initialiser's row."""
    menu = _init_menu(window)
    action = next(a for a in menu.actions() if a.objectName() == f"actionInit_{name}")
    menu.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitExposed(menu)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not menu.isVisible())


def _params(network):
    return [a.copy() for k in range(1, network.depth + 1) for a in (network.weights(k), network.biases(k))]


def test_the_menu_offers_every_initialiser_with_its_formula(window):
    menu = _init_menu(window)
    rows = {a.objectName(): a for a in menu.actions()}
    assert list(rows) == [f"actionInit_{name}" for name in INITIALISERS]
    assert rows["actionInit_he"].text() == "He/Kaiming (normal)"
    assert rows["actionInit_he"].toolTip().startswith("w ~ N(0, 2/n_in) for every weight")
    assert "√(6/(n_in + n_out))" in rows["actionInit_xavier"].toolTip()
    assert "N(0, 25)" in rows["actionInit_too_large"].toolTip()
    button_menu = window.training.panel.reset_button.menu()  # the Reset weights button offers the same rows
    assert [a.objectName() for a in button_menu.actions()] == list(rows)


@pytest.mark.parametrize("name", ["he", "too_large"])
def test_choosing_an_initialiser_draws_from_the_training_seed_and_one_undo_restores(qtbot, window, name):
    panel, net = window.training.panel, window.lesson.network
    panel.seed_box.setValue(5)
    before = _params(net)
    depth = window.undo_stack.count()
    _choose(qtbot, window, name)
    expected = initialised(net, name, 5)  # the engine's draw from the seed the panel shows
    assert all(np.array_equal(a, b) for a, b in zip(_params(net), _params(expected), strict=True))
    assert window.undo_stack.count() == depth + 1
    assert "seed 5" in panel.message()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert all(np.array_equal(a, b) for a, b in zip(_params(net), before, strict=True))


def test_zero_weights_after_training_are_explained_as_symmetry(qtbot, window):
    panel = window.training.panel
    assert panel.choose_dataset("and")  # unbalanced classes: the output gets a gradient from zero weights
    panel.set_length(200)
    _choose(qtbot, window, "zero")
    headings = [item.text for item in window.network_view.scene().items() if hasattr(item, "text")
                and isinstance(item.text, str)]
    assert any("Hidden 1" in t and "identical neurons (symmetry)" in t for t in headings)  # before training too
    qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.is_running() and panel.last_result is not None, timeout=60_000)
    assert panel.last_result.status == "finished"
    net = window.lesson.network
    assert net.weights(2).any()  # training moved the weights, and yet:
    assert np.ptp(net.weights(1), axis=1).max() == 0.0
    assert np.ptp(net.biases(1)) == 0.0
    assert "Symmetry: the neurons of hidden layer 1 stayed identical" in panel.message()
    headings = [item.text for item in window.network_view.scene().items() if hasattr(item, "text")
                and isinstance(item.text, str)]
    assert any("identical neurons (symmetry)" in t for t in headings)
    _choose(qtbot, window, "xavier")  # random weights: the note goes
    headings = [item.text for item in window.network_view.scene().items() if hasattr(item, "text")
                and isinstance(item.text, str)]
    assert not any("symmetry" in t for t in headings)
