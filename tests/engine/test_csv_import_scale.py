"""CSV import at scale: a class cap with a clear message, progress and cancel, and the fast
reader agreeing with Python's csv module."""

import csv
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import csv_import
from engine.csv_import import ImportCancelled, load_csv
from engine.errors import ValidationError
from engine.network import MAX_NEURONS


def _labels_csv(classes: int) -> str:
    return "x,label\n" + "".join(f"{k},c{k}\n" for k in range(classes))


def test_more_classes_than_output_neurons_are_refused_with_a_message():
    with pytest.raises(ValidationError) as caught:
        load_csv(_labels_csv(MAX_NEURONS + 1), ["label"], classification=True)
    assert str(caught.value) == (f"column 'label': has {MAX_NEURONS + 1} classes; at most {MAX_NEURONS} "
                                 "(one output neuron per class)")


def test_exactly_the_largest_number_of_classes_is_one_hot():
    loaded = load_csv(_labels_csv(MAX_NEURONS), ["label"], classification=True)
    assert loaded.data.targets.shape == (MAX_NEURONS, MAX_NEURONS)
    labels = sorted(f"c{k}" for k in range(MAX_NEURONS))
    assert loaded.classes == labels
    assert np.array_equal(loaded.data.targets.argmax(axis=1), [labels.index(f"c{k}") for k in range(MAX_NEURONS)])


class _Report:
    def __init__(self, stop_after=None):
        self.calls, self.stop_after = [], stop_after

    def progress(self, done, total):
        self.calls.append((done, total))

    def should_stop(self):
        return self.stop_after is not None and len(self.calls) >= self.stop_after


def _big(rows):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(rows, 2))
    text = "a,b,y\n" + "".join(f"{a!r},{b!r},{int(a > b)}\n" for a, b in x.tolist())
    return text, x


def test_progress_rises_to_the_end_and_values_are_exact():
    text, x = _big(20_000)
    report = _Report()
    loaded = load_csv(text, ["y"], classification=True, report=report)
    done = [d for d, _ in report.calls]
    assert len(report.calls) >= 4
    assert done == sorted(done)
    assert report.calls[-1] == (20_005, 20_005)  # 20,002 lines, then 3 columns
    np.testing.assert_array_equal(loaded.data.inputs, x)  # repr round-trips float64 exactly
    np.testing.assert_array_equal(loaded.data.targets.ravel(), (x[:, 0] > x[:, 1]).astype(float))


def test_a_stop_request_cancels_the_import():
    text, _ = _big(20_000)
    with pytest.raises(ImportCancelled):
        load_csv(text, ["y"], report=_Report(stop_after=1))


def test_a_bad_cell_is_still_named_in_a_fast_column():
    text, _ = _big(5000)
    lines = text.splitlines()
    lines[3000] = "1.5,oops,0"
    with pytest.raises(ValidationError, match=r"^row 3001, column 'b': 'oops' is not a number$"):
        load_csv("\n".join(lines) + "\n", ["y"])
    lines[3000] = "1.5," + "9" * 5000 + "e9999,0"
    with pytest.raises(ValidationError) as caught:
        load_csv("\n".join(lines) + "\n", ["y"])
    assert "is not a finite number" in str(caught.value)
    assert len(str(caught.value)) < 100


_CELL = st.text(alphabet=st.sampled_from(list("ab1 .-,;\t\n")), max_size=30)


@settings(max_examples=60, deadline=None)
@given(text=_CELL, delimiter=st.sampled_from([",", ";", "\t"]))
def test_the_plain_reader_reads_as_csv_does(text, delimiter):
    expected = [(reader_line, row) for reader_line, row in _csv_rows(text, delimiter)]
    plain = csv_import._PlainReader(text, delimiter)
    assert [(plain.line_num, row) for row in plain] == expected


def _csv_rows(text, delimiter):
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for row in reader:
        yield reader.line_num, row


def _outcome(text):
    try:
        loaded = load_csv(text, ["b"], classification=True)
    except ValidationError as exc:
        return str(exc)
    return loaded.data.inputs.tolist(), loaded.data.targets.tolist(), loaded.classes


_ROW_CELL = st.sampled_from(["1", "2.5", " 3 ", "", " ", "x", "-0", "1e400", "k"])


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.lists(_ROW_CELL, min_size=1, max_size=4), min_size=1, max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]), final_newline=st.booleans())
def test_the_fast_table_reads_every_file_as_the_row_by_row_path_does(rows, delimiter, final_newline):
    text = delimiter.join(["a", "b"]) + "\n" + "\n".join(delimiter.join(row) for row in rows)
    text += "\n" if final_newline else ""
    fast = _outcome(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csv_import, "_plain_table", lambda *_args: None)
        slow = _outcome(text)
    assert fast == slow


def test_a_bom_is_no_part_of_the_first_column_name_in_a_file_or_in_text(tmp_path):
    text = "\ufeffx1,x2,label\n1,2,a\n3,4,b\n"
    path = tmp_path / "excel.csv"
    path.write_text(text, encoding="utf-8")
    for source in (path, text):
        dataset = load_csv(source, "label", classification=True)
        assert dataset.input_names == ["x1", "x2"]
        assert dataset.data.inputs.tolist() == [[1.0, 2.0], [3.0, 4.0]]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_rows_end_at_any_line_end_plain_or_quoted(tmp_path, end):
    for text in (f"x,y{end}1,2{end}3,4{end}", f'"x","y"{end}"1",2{end}3,"4"{end}'):
        path = tmp_path / "ends.csv"
        path.write_bytes(text.encode("utf-8"))
        for source in (path, text):
            dataset = load_csv(source, "y")
            assert dataset.data.inputs.tolist() == [[1.0], [3.0]]
            assert dataset.data.targets.tolist() == [[2.0], [4.0]]
