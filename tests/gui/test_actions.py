"""The window's one action table: names, keys, menus and the shortcut sheet all come from it."""

import ast
import html
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QWidgetAction

from engine.init import INITIALISERS
from gui.paths import LECTURE
from gui.window.actions import ACTIONS, MENUS
from gui.window.main_window import MainWindow

GUI = Path(__file__).resolve().parents[2] / "gui"


def _menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found += _menu_actions(action.menu())
        elif not action.isSeparator():
            found.append(action)
    return found


def _all_menu_actions(window) -> list[QAction]:
    return [a for top in window.menuBar().actions() if top.menu() is not None for a in _menu_actions(top.menu())]


def _sheet_rows(text: str) -> list[tuple[str, str]]:
    return [(html.unescape(what), html.unescape(keys))
            for what, keys in re.findall(r"<tr><td[^>]*>(.*?)</td><td><b>(.*?)</b></td></tr>", text)]


def _native(action: QAction) -> list[str]:
    return [key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()]


@pytest.fixture
def chinese_window(qtbot):
    from gui.app import install_translators

    app = QApplication.instance()
    translators = install_translators(app, "zh_CN")
    window = MainWindow(language="zh_CN")
    qtbot.addWidget(window)
    window.open_path(LECTURE, remember=False)
    yield window
    for translator in translators:
        app.removeTranslator(translator)


def test_the_table_names_each_action_and_each_key_once():
    names = [row.name for row in ACTIONS]
    assert len(names) == len(set(names))
    menus = {path for path, *_ in MENUS}
    assert all(row.menu in menus for row in ACTIONS)


def test_each_text_is_marked_in_the_context_it_is_translated_in():
    """QT_TRANSLATE_NOOP's literal context (where lupdate files the text) is the context the row translates in."""
    tree = ast.parse((GUI / "window" / "actions.py").read_text(encoding="utf-8"))
    names = {"W": "MainWindow", "P": "TrainingPanel", "D": "TrainingAttachment"}

    def marked(node) -> set[str]:
        return {mark.args[0].value for mark in ast.walk(node) if isinstance(mark, ast.Call)
                and getattr(mark.func, "id", "") == "QT_TRANSLATE_NOOP"}

    rows = [node for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ActionSpec"]
    assert len(rows) >= len(ACTIONS) - 4 - (len(INITIALISERS) - 1)  # losses, languages, initialisers: generators
    for row in rows:
        context = next((k.value for k in row.keywords if k.arg == "context"), None)
        expected = "MainWindow" if context is None else names.get(getattr(context, "id", ""), "")
        assert marked(row) <= {expected}, ast.unparse(row)[:80]
    menus = next(n for n in tree.body if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "MENUS")
    for entry in menus.value.elts:
        assert marked(entry) == {names[entry.elts[2].id]}, ast.unparse(entry)


def test_every_action_of_the_window_has_its_own_name_and_keys(window):
    actions = {id(a): a for a in [*window.actions(), *_all_menu_actions(window),
                                  *window.step_toolbar.actions()] if not a.isSeparator()}
    table = {row.name for row in ACTIONS}
    by_name = {}
    for action in actions.values():
        name = action.objectName()
        if isinstance(action, QWidgetAction) or isinstance(action.parent(), QDockWidget):
            continue  # the toolbar's boxes (speed, granularity, sample) and the docks' own show/hide
        assert name, action.text()
        assert name not in by_name, name
        by_name[name] = action
    assert table <= set(by_name)
    assert all(window.findChild(QAction, name) is by_name[name] for name in table)  # built once
    owners = {}
    for action in by_name.values():
        for key in action.shortcuts():
            owners.setdefault(key.toString(), []).append(action.objectName())
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}


def test_every_table_entry_is_in_its_menu(window):
    menus = {path: window.findChild(QMenu, name) for path, name, *_ in MENUS}
    assert all(menus.values())
    reachable = {a.objectName() for a in _all_menu_actions(window)}
    for row in ACTIONS:
        assert row.name in reachable, row.name
        assert window.findChild(QAction, row.name) in menus[row.menu].actions(), (row.name, row.menu)
    train = window.findChild(QMenu, "trainMenu")
    titles = [a.menu().objectName() for a in window.menuBar().actions() if a.menu() is not None]
    assert titles[-2:] == ["trainMenu", "helpMenu"]  # Help stays last
    assert train.actions()[0].objectName() == "actionTrain"


@pytest.mark.parametrize("which", ["window", "chinese_window"])
def test_the_shortcut_sheet_lists_exactly_the_table_with_its_keys(which, request):
    window = request.getfixturevalue(which)
    rows = _sheet_rows(window.shortcuts_html())
    expected = []
    for row in ACTIONS:
        action = window.findChild(QAction, row.name)
        if action.shortcuts():
            expected.append(row.name)
            what, keys = rows[len(expected) - 1]
            shown = keys.split(" / ")
            assert shown[0] == _native(action)[0], row.name  # the key the menu shows, first
            assert set(shown) <= set(_native(action)), row.name
            if row.owner != "undoStack":  # the undo stack's text also names the next edit
                assert what == re.sub("&(?!&)", "", action.text()).removesuffix("…"), row.name
    assert len(rows) == len(expected)
    sheet = dict(rows)
    assert sheet[window.findChild(QAction, "actionOpen").text().replace("&", "").removesuffix("…")] == \
        QKeySequence("Ctrl+O").toString(QKeySequence.SequenceFormat.NativeText)  # not the keyboard's Open key
    assert sheet[window.findChild(QAction, "actionTrain").text()] == \
        QKeySequence("Ctrl+T").toString(QKeySequence.SequenceFormat.NativeText)
    if which == "chinese_window":
        assert {"前进一步", "训练"} <= set(sheet)  # Step forward, Train
    else:
        assert {"Step forward", "Train", "Keyboard shortcuts", "Undo"} <= set(sheet)


def test_the_chinese_menus_are_chinese(chinese_window):
    titles = [a.text() for a in chinese_window.menuBar().actions()]
    assert {"文件(&F)", "训练(&T)"} <= set(titles)
    assert chinese_window.findChild(QAction, "actionStepForward").text() == "前进一步"


def test_the_training_buttons_and_keys_are_the_window_actions(window, qtbot):
    panel = window.training.panel
    train = window.findChild(QAction, "actionTrain")
    assert panel.train_button.defaultAction() is train is panel.train_action
    assert panel.reset_button.defaultAction() is window.findChild(QAction, "actionResetWeights")
    assert train.toolTip() == "Train the network on the data with gradient descent"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.last_result is not None, timeout=20000)
    assert window.undo_stack.count() == 1  # one Train command, undoable
    window.undo_stack.setClean()  # closing asks nothing


def _gui_trees():
    for path in sorted(GUI.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_no_class_reaches_into_another_ones_private_names():
    found = []
    for path, tree in _gui_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                owner = node.value
                if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                    continue
                if isinstance(owner, ast.Call) and getattr(owner.func, "id", "") == "super":
                    continue
                found.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
    assert found == []


def test_no_module_adds_attributes_to_the_window():
    found = []
    for path, tree in _gui_trees():
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, ast.AnnAssign | ast.AugAssign) else []
            for target in targets:
                if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id == "window") or (isinstance(target, ast.Attribute) \
                        and ast.unparse(target.value) == "self.window"):
                    found.append(f"{path.name}:{node.lineno} {ast.unparse(target)}")
    assert found == []
