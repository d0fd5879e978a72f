"""Opening a lesson is all or nothing: a refused file changes nothing in the window.

After a failed open the document, file name, title, lesson, step and modified flag are exactly
as before, one short message says why, and Ctrl+S still saves the lesson on screen to its own
file, never to the refused one.
"""

import contextlib
import json
import logging
import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from engine import document as documents
from gui.paths import LECTURE
from gui.window import main_window as main_window_module
from gui.window.main_window import MainWindow
from tests.fuzz_inputs import expression_lessons, mutated_lessons

EXPRESSION = Path(LECTURE).parent / "expr_add_mul.json"


class Hung(BaseException):
    """Raised by the alarm when an open never returns (not an Exception: nothing may swallow it)."""


@contextlib.contextmanager
def returns_within(seconds: int):
    """Fail instead of hanging: a blocked system call is interrupted by SIGALRM."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def hung(*_):
        raise Hung(f"did not return within {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def messages(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    return shown


@pytest.fixture
def saved_window(window, tmp_path):
    """The lecture saved as mine.json, modified by one edit and a few steps."""
    assert window._write(tmp_path / "mine.json")
    window.network_view.value_edited.emit("bias", 1, -1, 1, 0.75)
    window.lesson.stepper.goto(3)
    assert window.isWindowModified()
    window.maybe_save = lambda: True  # closing at the end of the test must not ask about unsaved changes
    return window


def _state(window):
    return {"document": window.document, "contents": window.document.to_dict(), "path": window.path,
            "title": window.windowTitle(), "lesson": window.lesson, "modified": window.isWindowModified(),
            "step": window.lesson.stepper.position, "views": (window.network_view, window.graph_view),
            "undo": window.undo_stack.count()}


def _lecture() -> dict:
    return json.loads(Path(LECTURE).read_text(encoding="utf-8"))


def _expression() -> dict:
    return json.loads(EXPRESSION.read_text(encoding="utf-8"))


def _text(raw: dict) -> str:
    return json.dumps(raw)


def _set(raw, path, value):
    target = raw
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return raw


BAD_LESSONS = {
    "refused program": lambda: _text(_set(_expression(), ("expression", "source"), "f = x.y")),
    "missing variable value": lambda: _text(_set(_expression(), ("expression", "values"), {})),
    "integer above 1.8e308": lambda: _text(_lecture()).replace("[0.5, 0.6]", "[1" + "0" * 400 + ", 0.6]", 1),
    "5000-digit integer": lambda: _text(_lecture())[:-1] + ', "x": 1' + "0" * 5000 + "}",
    "1e999 in an unknown key": lambda: _text(_lecture())[:-1] + ', "x": 1e999}',
    "lone surrogate in a program": lambda: _text(_set(_expression(), ("expression", "source"), "f = x\ud800")),
    "deep nesting": lambda: _text(_lecture())[:-1] + ', "x": ' + "[" * 900 + "]" * 900 + "}",
    "list as dataset name": lambda: _text(_set(_lecture(), ("dataset",), {"name": ["moons"]})),
    "100,000-entry value table": lambda: _text(_set(_expression(), ("expression", "values"),
                                                    {f"v{i}": 1 for i in range(100_000)})),
    "10,000-string weight row": lambda: _text(_set(_lecture(), ("network", "layers", 1, "weights", 0),
                                                   ["w" * 500] * 10_000)),
}


@pytest.mark.parametrize("case", sorted(BAD_LESSONS))
def test_a_refused_lesson_changes_nothing_and_says_why_in_one_short_message(saved_window, tmp_path, messages,
                                                                            case):
    before = _state(saved_window)
    bad = tmp_path / "bad.json"
    bad.write_text(BAD_LESSONS[case](), encoding="utf-8")
    assert not saved_window.open_path(bad)
    assert _state(saved_window) == before
    assert len(messages) == 1
    assert "'bad.json' could not be opened" in messages[0]
    assert len(messages[0]) < 250, messages[0]


def _special_files(tmp_path):
    files = {"folder": tmp_path / "folder.json"}
    files["folder"].mkdir()
    if hasattr(os, "mkfifo"):
        files["named pipe with no writer"] = tmp_path / "pipe.json"
        os.mkfifo(files["named pipe with no writer"])
    if Path("/dev/zero").exists():
        files["/dev/zero"] = Path("/dev/zero")
    return files


def test_folders_pipes_and_devices_are_refused_at_once(saved_window, tmp_path, messages):
    before = _state(saved_window)
    files = _special_files(tmp_path)
    for path in files.values():
        with returns_within(20):
            assert not saved_window.open_path(path)
        assert _state(saved_window) == before
    assert len(messages) == len(files)
    for message in messages:
        assert message.endswith(("is a folder, not a file", "is a named pipe, not a file", "is a device, not a file"))


def test_running_out_of_memory_while_opening_changes_nothing(saved_window, tmp_path, messages, monkeypatch):
    before = _state(saved_window)

    def no_memory(path):
        raise MemoryError

    monkeypatch.setattr(documents, "load", no_memory)
    assert not saved_window.open_path(tmp_path / "huge.json")
    assert _state(saved_window) == before
    assert messages == ["'huge.json' could not be opened:\nThere is not enough memory to open this lesson."]


def test_a_view_that_cannot_be_built_leaves_the_old_views(saved_window, tmp_path, messages, monkeypatch, caplog):
    before = _state(saved_window)
    good = tmp_path / "good.json"
    good.write_text(Path(LECTURE).read_text(encoding="utf-8"), encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in a view")

    monkeypatch.setattr(main_window_module, "StepLog", broken)
    with caplog.at_level(logging.ERROR):
        assert not saved_window.open_path(good)
    assert _state(saved_window) == before
    assert saved_window.tabs.count() == 2
    assert saved_window.tabs.widget(0) is saved_window.network_view
    assert messages == ["'good.json' could not be opened:\n"
                        "An unexpected problem stopped the lesson from opening (RuntimeError)."]
    assert "a bug in a view" in caplog.text  # logged for whoever fixes it


def test_ctrl_s_after_a_failed_open_saves_the_lesson_on_screen_to_its_own_file(saved_window, qtbot, tmp_path,
                                                                                messages):
    bad = tmp_path / "bad.json"
    bad.write_text(BAD_LESSONS["refused program"](), encoding="utf-8")
    refused = bad.read_bytes()
    assert not saved_window.open_path(bad)
    qtbot.keyClick(saved_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert bad.read_bytes() == refused
    mine = documents.load(tmp_path / "mine.json")
    assert mine.network.biases(1)[1] == 0.75  # the edit made on screen was saved
    assert not saved_window.isWindowModified()


def test_a_training_key_named_like_a_method_opens(window, tmp_path, messages):
    raw = _set(_lecture(), ("training", "to_dict"), 1)
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert window.open_path(path)
    assert messages == []
    assert window.path == path


def test_a_lesson_with_a_byte_order_mark_opens(window, tmp_path, messages):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + Path(LECTURE).read_bytes())
    assert window.open_path(path)
    assert messages == []


def test_starting_with_a_refused_file_shows_the_lecture_and_one_line(qtbot, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(BAD_LESSONS["refused program"](), encoding="utf-8")
    window = MainWindow(language="en")
    qtbot.addWidget(window)
    window.unattended = True  # as `main.py FILE --smoke`: the message goes to stderr
    window.open_initial(str(bad))
    assert window.path is None  # the lecture as a template: Save asks for a name
    assert window.lesson.network.sizes == [2, 2, 1]
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0].startswith("Cannot open lesson: 'bad.json' could not be opened:")
    assert len(lines) == 2  # the sentence and its reason


# ---------------------------------------------------------------- fuzz
def _open_fuzzed(window, tmp_path, content, messages, caplog):
    messages.clear()
    before = _state(window)
    path = tmp_path / "fuzzed.json"
    path.write_bytes(content)
    with caplog.at_level(logging.ERROR), returns_within(60):
        opened = window.open_path(path)
    assert "unexpected error while opening" not in caplog.text  # a bug, not a message
    if opened:
        assert window.path == path
        assert window.document is not before["document"]
        assert not window.isWindowModified()
    else:
        assert _state(window) == before
        assert len(messages) == 1
        assert len(messages[0]) < 400, messages[0]


FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])


@FUZZ
@given(content=mutated_lessons())
def test_fuzzed_lessons_open_or_change_nothing(window, tmp_path, messages, caplog, content):
    _open_fuzzed(window, tmp_path, content, messages, caplog)


@FUZZ
@given(content=expression_lessons())
def test_fuzzed_expression_lessons_open_or_change_nothing(window, tmp_path, messages, caplog, content):
    _open_fuzzed(window, tmp_path, content, messages, caplog)


def test_a_huge_message_is_cut_before_it_is_translated(qapp):
    from gui.messages import MAX_MESSAGE_CHARS, engine_message

    shown = engine_message("network.layers[1].weights[0][0]: expected a finite number, got " + "'a: b' " * 2000)
    assert len(shown) == MAX_MESSAGE_CHARS
    assert shown.endswith("…")
