"""Undo commands: all in gui/window/commands.py, each complete when built."""

import ast
from pathlib import Path

import numpy as np
from PySide6.QtGui import QUndoStack

from engine.document import load
from gui.paths import LECTURE
from gui.window.commands import ReplaceNetworkCommand

GUI = Path(__file__).resolve().parents[2] / "gui"


def _trees():
    for path in sorted(GUI.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_every_undo_command_is_defined_in_the_commands_module():
    elsewhere = [f"{path.name}: {node.name}" for path, tree in _trees() if path.name != "commands.py"
                 for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                 and any(ast.unparse(base).endswith("QUndoCommand") for base in node.bases)]
    assert elsewhere == []


def test_no_command_is_patched_after_it_is_built():
    patched = []
    for path, tree in _trees():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            commands = {target.id for node in ast.walk(function) if isinstance(node, ast.Assign)
                        and isinstance(node.value, ast.Call) and ast.unparse(node.value.func).endswith("Command")
                        for target in node.targets if isinstance(target, ast.Name)}
            for node in ast.walk(function):
                targets = node.targets if isinstance(node, ast.Assign) else []
                patched += [f"{path.name}:{node.lineno} {ast.unparse(t)}" for t in targets
                            if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
                            and t.value.id in commands]
    assert patched == []


def _shifted(network, by: float):
    """A copy of ``network`` with every weight moved by ``by``."""
    layers = range(1, network.depth + 1)
    moved = network.copy()
    moved.set_parameters([network.weights(k) + by for k in layers], [network.biases(k) for k in layers])
    return moved


def test_a_network_command_undoes_to_the_network_it_was_given_as_before(qtbot):
    """A training run shows snapshots in the network; its command undoes to the weights before the run."""
    network = load(LECTURE).network
    before = network.copy()
    network.assign(_shifted(before, 1.0))  # the last snapshot the window showed during the run
    after = _shifted(before, 2.0)
    stack = QUndoStack()
    stack.push(ReplaceNetworkCommand(network, after, "Train 5 iterations", before=before))
    assert np.allclose(network.weights(1), before.weights(1) + 2.0)
    stack.undo()
    assert np.allclose(network.weights(1), before.weights(1))
    assert np.allclose(network.weights(2), before.weights(2))
    stack.redo()
    assert np.allclose(network.weights(2), before.weights(2) + 2.0)
