"""Autosave and recovery, as a teacher whose laptop crashed (or who runs two windows) relies on them.

A crash is simulated for real: a separate process takes the copy's lock with QLockFile, writes the
copy and kills itself with SIGKILL, so the lock left behind names a process that no longer exists.
A second running instance is a separate process that holds its lock and stays alive.
"""

import json
import os
import subprocess
import sys
import time
import uuid

import pytest
from PySide6.QtCore import Qt, QTemporaryFile, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from engine import document as documents
from gui.paths import LECTURE
from gui.window import autosave
from gui.window.main_window import MainWindow
from gui.window.save_files import PROCESS_STARTED, is_save_leftover_name

HOLD_LOCK = """
import os, signal, sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(0), "could not take the lock"
if len(sys.argv) > 2:
    with open(sys.argv[2], "w", encoding="utf-8") as copy:
        copy.write(sys.stdin.readline())
if os.environ.get("CRASH") == "1":
    os.kill(os.getpid(), signal.SIGKILL)
print("locked", flush=True)
sys.stdin.readline()  # a running instance: holds the lock until told to stop
"""


def lesson_with_bias(value: float, original=None) -> dict:
    doc = documents.load(LECTURE).to_dict()
    doc["network"]["layers"][1]["biases"][1] = value
    doc["autosave"] = {"path": str(original) if original else None}
    return doc


def crashed_copy(doc: dict | None, name: str | None = None) -> str:
    """A copy left by a window whose process was killed; returns the copy's name (its id)."""
    name = name or uuid.uuid4().hex
    folder = autosave.autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    args = [str(folder / f"{name}.lock")] + ([str(folder / f"{name}.json")] if doc is not None else [])
    result = subprocess.run([sys.executable, "-c", HOLD_LOCK, *args], input=json.dumps(doc) + "\n", text=True,
                            env={**os.environ, "CRASH": "1"}, capture_output=True, timeout=60)
    assert result.returncode == -9, result.stderr
    assert (folder / f"{name}.lock").exists()  # the dead process's lock stays behind
    return name


@pytest.fixture
def running_instance():
    """Another Backprop Studio process whose window has autosaved and is still open."""
    name = uuid.uuid4().hex
    folder = autosave.autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(folder / f"{name}.lock"),
                                str(folder / f"{name}.json")], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    try:
        process.stdin.write(json.dumps(lesson_with_bias(0.25)) + "\n")
        process.stdin.flush()
        assert process.stdout.readline().strip() == "locked"
        yield name
    finally:
        process.kill()
        process.wait(timeout=30)


@pytest.fixture(autouse=True)
def give_up_unsaved_changes_on_close(monkeypatch):
    """Closing a window with unsaved changes answers "Discard" (the user's choice, never a hanging dialog)."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


class Answers:
    """Stands in for the recovery question: records what was asked and answers from a script."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.asked = []

    def __call__(self, parent, copy, number, count, can_open):
        self.asked.append((copy.path.stem, copy.title("en"), copy.original, number, count, can_open))
        return self.answers.pop(0)


def new_window(qtbot, path=None, answers=None, monkeypatch=None):
    if answers is not None:
        monkeypatch.setattr(autosave, "ask_recovery", answers)
    win = MainWindow(language="en")
    qtbot.addWidget(win)
    win.open_initial(str(path) if path else None)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # its shortcuts work
    return win


def copy_path(name):
    return autosave.autosave_folder() / f"{name}.json"


def saved_minutes_ago(name, minutes):
    """Date a copy back: copies are listed oldest first, by their time to the second."""
    when = time.time() - 60 * minutes
    os.utime(copy_path(name), (when, when))


def edit(win, value=0.5):
    win.network_view.value_edited.emit("bias", 1, -1, 0, value)
    assert win.isWindowModified()


@pytest.fixture
def lesson_file(tmp_path):
    path = tmp_path / "my lesson.json"
    path.write_text(documents.load(LECTURE).to_json(), encoding="utf-8")
    return path


def test_starting_with_a_file_after_a_crash_offers_the_copy(qtbot, monkeypatch, lesson_file, tmp_path):
    original = tmp_path / "worked on.json"
    name = crashed_copy(lesson_with_bias(0.75, original))
    answers = Answers(autosave.OPEN)
    win = new_window(qtbot, lesson_file, answers, monkeypatch)  # a double-click on a lesson
    assert answers.asked == [(name, "The lecture's 2-2-1 network", original, 1, 1, True)]
    assert win.lesson.network.biases(1)[1] == 0.75
    assert win.path == original
    assert win.isWindowModified()
    # the recovered copy is now this window's own: still on disk until the work is saved
    assert win.autosaver.name == name
    assert copy_path(name).exists()
    assert json.loads(copy_path(name).read_text(encoding="utf-8"))["network"]["layers"][1]["biases"][1] == 0.75
    qtbot.keyClick(win, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert documents.load(original).network.biases(1)[1] == 0.75
    assert not copy_path(name).exists()


def test_recovered_work_stays_unsaved_after_undo(qtbot, monkeypatch):
    name = crashed_copy(lesson_with_bias(0.75))
    win = new_window(qtbot, None, Answers(autosave.OPEN), monkeypatch)
    edit(win)
    win.undo_stack.undo()  # back to the recovered state, which no file holds
    assert win.isWindowModified()
    assert copy_path(name).exists()


def test_quitting_a_session_keeps_copies_it_was_not_asked_about(qtbot, monkeypatch, lesson_file):
    name = crashed_copy(lesson_with_bias(0.75))
    win = new_window(qtbot, lesson_file, Answers(autosave.LATER), monkeypatch)
    win.close()
    assert copy_path(name).exists()
    again = Answers(autosave.LATER)
    new_window(qtbot, lesson_file, again, monkeypatch)  # Later: offered again at the next start
    assert [a[0] for a in again.asked] == [name]


def test_a_live_window_in_this_process_is_not_recovered(qtbot, monkeypatch):
    first = new_window(qtbot, None, Answers(), monkeypatch)
    edit(first)
    assert first.autosaver.save_now()
    assert first.autosaver.path.exists()
    answers = Answers()
    second = new_window(qtbot, None, answers, monkeypatch)
    assert answers.asked == []
    second.close()
    assert first.autosaver.path.exists()


def test_another_running_instance_is_not_recovered(qtbot, monkeypatch, running_instance):
    answers = Answers()
    win = new_window(qtbot, None, answers, monkeypatch)
    assert answers.asked == []
    win.close()
    assert copy_path(running_instance).exists()
    assert (autosave.autosave_folder() / f"{running_instance}.lock").exists()


def test_windows_autosave_to_their_own_copies_and_a_clean_exit_removes_only_its_own(qtbot, monkeypatch):
    first = new_window(qtbot, None, Answers(), monkeypatch)
    second = new_window(qtbot, None, Answers(), monkeypatch)
    edit(first, 0.5)
    edit(second, -0.5)
    assert first.autosaver.save_now()
    assert second.autosaver.save_now()
    assert first.autosaver.path != second.autosaver.path
    first.close()
    assert not first.autosaver.path.exists()
    saved = documents.load(second.autosaver.path)
    assert saved.network.biases(1)[0] == -0.5


def test_discard_deletes_only_that_copy_and_later_keeps_the_other(qtbot, monkeypatch, running_instance):
    older = crashed_copy(lesson_with_bias(0.75))
    newer = crashed_copy(lesson_with_bias(-0.75))
    saved_minutes_ago(older, 2)
    saved_minutes_ago(newer, 1)
    answers = Answers(autosave.DISCARD, autosave.LATER)
    win = new_window(qtbot, None, answers, monkeypatch)
    assert [(a[0], a[3], a[4]) for a in answers.asked] == [(older, 1, 2), (newer, 2, 2)]
    assert not copy_path(older).exists()
    assert copy_path(newer).exists()
    assert copy_path(running_instance).exists()
    assert win.lesson.network.biases(1)[1] == 0.2  # nothing opened: the lecture as shipped


def test_once_one_copy_is_opened_the_others_are_kept_or_discarded(qtbot, monkeypatch):
    first = crashed_copy(lesson_with_bias(0.75))
    second = crashed_copy(lesson_with_bias(-0.75))
    saved_minutes_ago(first, 2)
    saved_minutes_ago(second, 1)
    answers = Answers(autosave.OPEN, autosave.LATER)
    win = new_window(qtbot, None, answers, monkeypatch)
    assert [a[5] for a in answers.asked] == [True, False]  # a window holds one lesson
    assert win.lesson.network.biases(1)[1] == 0.75
    assert copy_path(first).exists()
    assert copy_path(second).exists()


def test_an_unreadable_copy_is_only_deleted_when_the_user_says_so(qtbot, monkeypatch):
    name = crashed_copy(None)
    copy_path(name).write_text("{ not json", encoding="utf-8")
    answers = Answers(autosave.LATER)
    new_window(qtbot, None, answers, monkeypatch)
    assert len(answers.asked) == 1
    assert copy_path(name).exists()
    new_window(qtbot, None, Answers(autosave.DISCARD), monkeypatch)
    assert not copy_path(name).exists()


def test_the_question_names_the_copy_and_later_is_the_safe_answer(qtbot, tmp_path):
    original = tmp_path / "worked on.json"
    crashed_copy(lesson_with_bias(0.75, original))
    [copy] = autosave.find_recoverable()
    seen = {}

    def answer_later():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer_later)
            return
        seen["text"] = box.text()
        seen["buttons"] = sorted(b.text().replace("&", "") for b in box.buttons())
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(0, answer_later)
    assert autosave.ask_recovery(None, copy, 1, 1, can_open=True) == autosave.LATER
    copy.keep()
    assert "The lecture's 2-2-1 network" in seen["text"]
    assert str(original) in seen["text"]
    assert seen["buttons"] == ["Discard", "Later", "Open"]


def test_litter_of_dead_sessions_is_cleared_at_start_and_live_litter_is_kept(qtbot, monkeypatch, running_instance):
    dead = crashed_copy(None)  # killed during its first autosave: a lock and a temporary file, no copy
    folder = autosave.autosave_folder()
    (folder / f"{dead}.json.QwErTy").write_text('{"format": "backprop-studio"', encoding="utf-8")
    (folder / f"{dead}.json.abcdef").write_text("", encoding="utf-8")  # in our own folder any letters are ours
    (folder / f"{running_instance}.json.AsDfGh").write_text("", encoding="utf-8")  # a save under way
    answers = Answers()
    new_window(qtbot, None, answers, monkeypatch)
    assert answers.asked == []
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{running_instance}.json", f"{running_instance}.lock", f"{running_instance}.json.AsDfGh"])


# ---------------------------------------------------------------- leftovers of interrupted saves
def test_qt_temporary_names_are_recognised(tmp_path):
    """QSaveFile names its temporary file like QTemporaryFile does for the same target."""
    target = tmp_path / "lesson.json"
    names = []
    for _ in range(40):
        temporary = QTemporaryFile(str(target))
        assert temporary.open()
        names.append(temporary.fileName())
    mixed = [n for n in names if not n[-6:].islower() and not n[-6:].isupper()]
    assert len(mixed) >= 30
    assert all(is_save_leftover_name(target, type(target)(n)) for n in mixed)


def test_saving_removes_what_an_interrupted_save_left_beside_the_lesson(window, qtbot, tmp_path):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    target = tmp_path / "lesson.json"
    assert window._write(target)
    lesson = target.read_text(encoding="utf-8")
    long_ago = PROCESS_STARTED - 3600
    leftovers = {"lesson.json.rFXEBH": lesson[:100], "lesson.json.KqzWpA": ""}
    kept = {"lesson.json.backup": lesson, "lesson.json.BACKUP": lesson, "lesson.json.Backup1": lesson,
            "other.json.rFXEBH": lesson, "lesson.json.NotOur": "a note, not a lesson", "lesson.json": None}
    for name, text in {**leftovers, **kept}.items():
        if text is not None:
            (tmp_path / name).write_text(text, encoding="utf-8")
            os.utime(tmp_path / name, (long_ago, long_ago))
    (tmp_path / "lesson.json.NewOne").write_text(lesson, encoding="utf-8")  # another save still under way
    edit(window)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*kept, "lesson.json.NewOne"])
    assert documents.load(target).network.biases(1)[0] == 0.5
