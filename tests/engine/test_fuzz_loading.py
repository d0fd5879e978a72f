"""Fuzz the engine's loading path: a message (StudioError) or success, never another exception.

A lesson that loads also saves, and the saved text loads again to the same document.
"""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.csv_import import load_csv
from engine.document import load, loads
from engine.errors import StudioError
from engine.expressions import compile_expression
from engine.lesson import lesson_for
from tests.fuzz_inputs import csv_targets, csv_texts, expression_lessons, mutated_lessons, programs, variable_values

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_message(exc: StudioError) -> None:
    text = str(exc)
    assert text
    assert "\n" not in text
    assert len(text) <= 300, text
    text.encode("utf-8")  # printable and showable


def _open_like_the_app(content: bytes):
    """What the CLI and the window do with a file: load, save back, build the lesson."""
    try:
        doc = loads(content)
    except StudioError as exc:
        _check_message(exc)
        return None
    saved = doc.to_json()  # a document that loads can be saved, and the saved file loads again
    assert loads(saved).to_dict() == json.loads(saved)
    small = doc.network is None or (doc.network.parameter_count() <= 2_000
                                    and (doc.data is None or len(doc.data) <= 500))
    if small:
        try:
            lesson_for(doc)
        except StudioError as exc:
            _check_message(exc)
    return doc


@FUZZ
@given(mutated_lessons())
def test_mutated_gallery_lessons_load_or_are_refused_with_a_message(content):
    _open_like_the_app(content)


@FUZZ
@given(expression_lessons())
def test_expression_lessons_load_or_are_refused_with_a_message(content):
    _open_like_the_app(content)


@settings(max_examples=150, deadline=None)
@given(programs, variable_values)
def test_expression_programs_compile_or_are_refused_with_a_message(source, values):
    try:
        compile_expression(source, values)
    except StudioError as exc:
        _check_message(exc)


@settings(max_examples=150, deadline=None)
@given(csv_texts, csv_targets, st.booleans())
def test_csv_text_loads_or_is_refused_with_a_message(text, targets, classification):
    try:
        loaded = load_csv(text, targets, classification=classification)
    except StudioError as exc:
        _check_message(exc)
        return
    assert len(loaded.data) >= 1


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=mutated_lessons(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]), csv=csv_texts)
def test_files_on_disk_load_or_are_refused_with_a_message(tmp_path, content, encoding, csv):
    lesson = tmp_path / "lesson.json"
    lesson.write_bytes(content)
    try:
        load(lesson)
    except StudioError as exc:
        _check_message(exc)
    table = tmp_path / "table.csv"
    table.write_bytes(csv.encode(encoding, errors="surrogatepass"))
    try:
        load_csv(table, 0)
    except StudioError as exc:
        _check_message(exc)
