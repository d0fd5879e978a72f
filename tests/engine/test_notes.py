"""Teacher's notes in the lesson file (engine/notes.py): read strictly, kept on saving, and printed in
the handouts (text, Markdown, LaTeX) and exercise sheets after the formula of their step."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine import notes
from engine.derivation import handout
from engine.document import load, loads
from engine.errors import ValidationError
from engine.exercise_sheet import exercise_sheet, handout_sheet, html
from engine.exercise_sheet import markdown as sheet_markdown
from engine.lesson import lesson_for

ROOT = Path(__file__).resolve().parents[2]
LECTURE = ROOT / "resources" / "examples" / "lecture_2-2-1.json"
NOTES = [{"phase": "backward", "symbol": "δ₂", "text": {"en": "The output error: 50% & $x_1$ #{}~^\\ here.",
                                                        "zh_CN": "输出层的误差项"}},
         {"phase": "forward", "symbol": "a₁[2]", "text": {"zh_CN": "只有中文的批注"}}]


def lecture(with_notes=NOTES) -> dict:
    raw = json.loads(LECTURE.read_text(encoding="utf-8"))
    raw["notes"] = with_notes
    return raw


def test_notes_survive_save_and_open_in_both_languages():
    doc = loads(json.dumps(lecture()))
    again = loads(doc.to_json())
    assert again.extra["notes"] == NOTES
    assert notes.texts(again, "en") == {("backward", "δ₂"): NOTES[0]["text"]["en"],
                                        ("forward", "a₁[2]"): "只有中文的批注"}  # falls back to the other language
    assert notes.texts(again, "zh_CN")[("backward", "δ₂")] == "输出层的误差项"


@pytest.mark.parametrize(("bad", "where", "code"), [
    ({"phase": "backward"}, "notes", "notes.list"),
    ([{"phase": "sideways", "symbol": "δ₂", "text": "x"}], "notes[0].phase", "notes.phase"),
    ([{"phase": "forward", "symbol": "", "text": "x"}], "notes[0].symbol", "notes.symbol"),
    ([{"phase": "forward", "symbol": "z₂", "text": {"fr": "x"}}], "notes[0].text", "notes.language"),
    ([{"phase": "forward", "symbol": "z₂", "text": {"en": "  "}}], "notes[0].text.en", "notes.text"),
    ([{"phase": "forward", "symbol": "z₂", "text": {}}], "notes[0].text", "notes.text"),
    ([{"phase": "forward", "symbol": "z₂", "text": "x" * (notes.MAX_NOTE_CHARS + 1)}], "notes[0].text.en",
     "file.max_characters"),
    ([{"phase": "forward", "symbol": "z₂", "text": "x", "script": "rm -rf /"}], "notes[0]", "notes.unknown_key"),
    ([{"phase": "forward", "symbol": "z₂", "text": "x"}] * 2, "notes[1]", "notes.duplicate"),
    ([{"phase": "forward", "symbol": "z₂", "text": "x"}] * (notes.MAX_NOTES + 1), "notes", "notes.max_notes"),
    (["a note"], "notes[0]", "expected.object"),
])
def test_a_bad_notes_field_is_refused_naming_the_field(bad, where, code):
    with pytest.raises(ValidationError) as caught:
        loads(json.dumps(lecture(bad)))
    assert caught.value.field == where
    assert caught.value.problem.code == code
    assert "\n" not in str(caught.value)
    assert len(str(caught.value)) < 160


def test_setting_and_removing_a_note_keeps_the_others_in_place():
    doc = loads(json.dumps(lecture()))
    kept = notes.from_document(doc)
    record = notes.with_note(kept, "backward", "δ₂", {"en": "new"})
    assert [n["symbol"] for n in record] == ["δ₂", "a₁[2]"]
    assert record[0]["text"] == {"en": "new"}
    record = notes.with_note(kept, "update", "b₂", {"en": "last", "zh_CN": "最后"})
    assert record[-1] == {"phase": "update", "symbol": "b₂", "text": {"en": "last", "zh_CN": "最后"}}
    assert notes.with_note(notes.read(NOTES[:1]), "backward", "δ₂", None) is None


def _steps(markdown: str) -> dict[int, str]:
    """Step number → the Markdown from its "**n.**" line to the next step's."""
    parts = re.split(r"^\*\*(\d+)\.\*\* ", markdown, flags=re.M)
    return {int(parts[k]): parts[k + 1] for k in range(1, len(parts), 2)}


def _lesson(granularity="neuron"):
    doc = loads(json.dumps(lecture()))
    return doc, lesson_for(doc, granularity)


def test_markdown_handout_has_each_note_after_its_steps_formula():
    doc, lesson = _lesson()
    steps = _steps(handout(lesson, "markdown", notes=notes.texts(doc, "en")))
    # neuron steps of the lecture: z₁[1] a₁[1] z₁[2] a₁[2] z₂ ŷ L, then ∂L/∂L ∂L/∂ŷ δ₂ …
    formula_end = steps[10].index("$$\n", steps[10].index(r"\end{aligned}"))
    note_at = steps[10].index("> ✎ **Teacher's note:** The output error: 50% & \\$x\\_1\\$ \\#{}~^\\\\ here.")
    assert note_at > formula_end
    assert "只有中文的批注" in steps[4]
    assert sum("Teacher's note" in text for text in steps.values()) == 2


def test_chinese_handout_shows_the_chinese_text():
    doc, lesson = _lesson()
    out = handout(lesson, "markdown", translate=lambda context, text: {"Teacher's note": "教师批注"}.get(text, text),
                  notes=notes.texts(doc, "zh_CN"))
    assert "> ✎ **教师批注:** 输出层的误差项" in _steps(out)[10]


def test_latex_handout_has_the_note_escaped_after_its_step():
    doc, lesson = _lesson()
    tex = handout(lesson, "latex", notes=notes.texts(doc, "en"))
    step10, step11 = tex.index(r"\step{10}"), tex.index(r"\step{11}")
    note = tex.index(r"\teachernote{Teacher's note}{The output error: 50\% \& \$x\_1\$ \#\{\}"
                     r"\textasciitilde{}\textasciicircum{}\textbackslash{} here.}")
    assert step10 < tex.index(r"\formula", step10) < note < step11
    assert tex.count(r"\teachernote{") == 3  # two notes, and the macro's definition


def test_a_note_whose_symbol_has_no_step_at_this_granularity_is_not_shown():
    doc, lesson = _lesson("layer")  # layer steps name a₁, never a₁[2]; δ₂ is still a step
    out = handout(lesson, "markdown", notes=notes.texts(doc, "en"))
    assert "只有中文的批注" not in out
    assert out.count("Teacher's note") == 1


def test_text_handout_and_exercise_sheets_carry_the_notes():
    doc, lesson = _lesson()
    texts = notes.texts(doc, "en")
    assert "✎ Teacher's note: The output error" in handout(lesson, "text", notes=texts)
    sheet = exercise_sheet(lesson, {"backward"}, notes=texts)
    md = _steps(sheet_markdown(sheet))
    assert "> ✎ **Teacher's note:** The output error" in md[10]
    assert "____" in md[10]
    key = exercise_sheet(lesson, {"backward"}, key=True, notes=texts)
    assert "Teacher's note" in _steps(sheet_markdown(key))[10]
    page = html(handout_sheet(lesson, notes=texts))
    assert "<b>Teacher's note:</b> <i>The output error: 50% &amp; $x_1$ #{}~^\\ here.</i>" in page


def test_command_line_steps_print_the_lessons_notes(tmp_path):
    path = tmp_path / "noted.json"
    path.write_text(json.dumps(lecture(), ensure_ascii=False), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine", "steps", str(path), "--format", "markdown"], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8", timeout=120, check=True).stdout
    assert "Teacher's note:** The output error" in _steps(out)[10]


def test_gallery_lessons_notes_are_valid():
    for path in sorted((ROOT / "resources" / "examples").glob("*.json")):
        notes.from_document(load(path))
