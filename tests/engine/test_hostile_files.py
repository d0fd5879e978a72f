"""Hostile lesson files: each is refused with one short line naming the problem, in bounded time.

Every case here once escaped as a Python exception, hung, or was accepted and then saved
as a file the app refused.
"""

import json
import os
import threading
from pathlib import Path

import pytest

from engine.document import MAX_DEPTH, MAX_FILE_BYTES, Document, Expression, load, loads
from engine.errors import StudioError, ValidationError
from engine.expressions import ExpressionError
from engine.lesson import lesson_for

ROOT = Path(__file__).resolve().parents[2]
LECTURE = ROOT / "resources" / "examples" / "lecture_2-2-1.json"
EXPRESSION = ROOT / "resources" / "examples" / "expr_add_mul.json"


def _lecture() -> dict:
    return json.loads(LECTURE.read_text(encoding="utf-8"))


def _refusal(text_or_bytes) -> str:
    with pytest.raises(ValidationError) as info:
        loads(text_or_bytes)
    message = str(info.value)
    assert "\n" not in message
    assert len(message) <= 160, message  # short: never the whole input
    return message


def _with_extra(raw: str) -> str:
    """The lecture with ``"x": <raw JSON text>`` added as an unknown top-level key."""
    return json.dumps(_lecture())[:-1] + ', "x": ' + raw + "}"


def _guarded(call, seconds: float = 20.0):
    """Run ``call`` on a thread; a call that never returns fails the test instead of hanging it."""
    outcome = {}

    def run():
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the test below
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    return thread, outcome


# ---------------------------------------------------------------- files that are not lesson files
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_with_no_writer_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    thread, outcome = _guarded(lambda: load(fifo))
    if thread.is_alive():  # let the blocked reader go, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(5)
        pytest.fail("reading a named pipe with no writer blocked")
    assert isinstance(outcome.get("error"), ValidationError)
    assert str(outcome["error"]) == "'pipe.json' is a named pipe, not a file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_without_reading_it():
    thread, outcome = _guarded(lambda: load("/dev/zero"))
    assert not thread.is_alive()
    assert str(outcome["error"]) == "'zero' is a device, not a file"


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ValidationError, match=r"^'lesson\.json' is a folder, not a file$"):
        load(tmp_path.joinpath("lesson.json").mkdir() or tmp_path / "lesson.json")


def test_a_file_over_the_size_limit_is_refused_before_reading_and_says_the_limit(tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as file:  # sparse: no disk space, no time
        file.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ValidationError, match=r"'big.json' is too large \(50 MB; the limit is 50 MB\)"):
        load(big)


# ---------------------------------------------------------------- encodings
def test_a_lesson_with_a_utf8_byte_order_mark_opens(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + LECTURE.read_bytes())
    assert load(path).network.sizes == [2, 2, 1]
    assert loads("\ufeff" + LECTURE.read_text(encoding="utf-8")).network.sizes == [2, 2, 1]


def test_a_file_in_another_encoding_is_named_as_such(tmp_path):
    path = tmp_path / "utf16.json"
    path.write_text(LECTURE.read_text(encoding="utf-8"), encoding="utf-16")
    with pytest.raises(ValidationError, match=r"^'utf16\.json' is not a UTF-8 text file$"):
        load(path)


# ---------------------------------------------------------------- numbers
def test_a_number_that_overflows_to_infinity_is_refused_even_in_an_unknown_key():
    assert _refusal(_with_extra("1e999")) == "x: a number is too large (the limit is about 1.8e308)"
    assert _refusal(_with_extra("[0, -1e999]")) == "x[1]: a number is too large (the limit is about 1.8e308)"


def test_save_never_writes_a_number_that_loading_refuses():
    doc = loads(LECTURE.read_text(encoding="utf-8"))
    doc.extra["x"] = float("inf")
    with pytest.raises(ValidationError, match="not finite; it cannot be saved"):
        doc.to_json()


@pytest.mark.parametrize("digits", [400, 5000])
def test_whole_numbers_beyond_float64_are_refused_with_a_short_message(digits):
    huge = "1" + "0" * (digits - 1)
    assert "a number is too large" in _refusal(_with_extra(huge))
    weights = json.dumps(_lecture()).replace("[0.5, 0.6]", f"[{huge}, 0.6]", 1)
    message = _refusal(weights)
    assert message.startswith("not valid JSON (a number is too large") if digits > 4300 else \
        message == f"network.layers[1].weights[0][0]: expected a finite number, got ~1e{digits - 1}"


def test_10000_strings_in_a_weight_row_are_refused_by_the_row_length():
    raw = _lecture()
    raw["network"]["layers"][1]["weights"][0] = ["a" * 2000] * 10_000
    assert _refusal(json.dumps(raw)) == "network.layers[1].weights[0]: expected 2 numbers, got 10000"


def test_a_long_string_where_a_number_belongs_is_quoted_briefly():
    raw = _lecture()
    raw["network"]["layers"][1]["weights"][0][1] = "b" * 2000
    message = _refusal(json.dumps(raw))
    assert message.startswith("network.layers[1].weights[0][1]: expected a finite number, got 'bbbb")
    assert message.endswith("…'")


def test_a_10_million_number_row_is_refused_by_its_length():
    raw = _lecture()
    raw["data"]["inputs"] = [[0] * 10_000_000]
    assert _refusal(json.dumps(raw)) == "data.inputs[0]: expected 2 numbers, got 10000000"


# ---------------------------------------------------------------- structure
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 900, 100_000])
def test_deep_nesting_is_refused(depth):
    message = _refusal(_with_extra("[" * depth + "]" * depth))
    assert "nested more than 64 levels deep" in message


def test_nesting_within_the_limit_round_trips():
    doc = loads(_with_extra("[" * 20 + "]" * 20))
    assert loads(doc.to_json()).extra["x"] == doc.extra["x"]


def test_a_dataset_record_with_a_list_for_its_name_is_refused():
    raw = _lecture()
    raw["dataset"] = {"name": ["moons"], "size": 10}
    assert _refusal(json.dumps(raw)) == "dataset.name: expected text, got a list"
    raw["dataset"] = {"name": "moons", "size": -3}
    assert _refusal(json.dumps(raw)) == "dataset.size: expected a whole number, got -3"


def test_a_training_key_named_like_a_method_is_ignored():
    raw = _lecture()
    raw["training"]["to_dict"] = 1
    raw["training"]["__class__"] = "x"
    doc = loads(json.dumps(raw))
    assert doc.training.to_dict()["learning_rate"] == raw["training"]["learning_rate"]


def test_a_100000_entry_value_table_is_refused_by_its_size():
    raw = json.loads(EXPRESSION.read_text(encoding="utf-8"))
    raw["expression"]["values"] = {f"v{i}": 1.0 for i in range(100_000)}
    assert _refusal(json.dumps(raw)) == "expression.values: at most 5000 values, got 100000"


# ---------------------------------------------------------------- text
@pytest.mark.parametrize(("field", "where"), [("source", "expression.source"), ("title", "title")])
def test_a_lone_surrogate_is_refused(field, where):
    raw = json.loads(EXPRESSION.read_text(encoding="utf-8"))
    if field == "source":
        raw["expression"]["source"] = "f = x\ud800"
    else:
        raw["title"] = "lesson \udc00"
    message = _refusal(json.dumps(raw))  # json.dumps writes the surrogate as \\ud800
    assert message == f"{where}: the text holds a lone surrogate (text that is not valid Unicode)"
    message.encode("utf-8")  # the message itself can be printed


def test_a_missing_variable_value_is_refused_when_the_lesson_is_built():
    doc = loads(EXPRESSION.read_text(encoding="utf-8"))
    doc.expression.values.clear()
    with pytest.raises(ExpressionError, match="has no value"):
        lesson_for(doc)


def test_a_refused_program_is_a_studio_error():
    with pytest.raises(StudioError):
        lesson_for(Document(expression=Expression("f = x.y", {"x": 1.0})))
