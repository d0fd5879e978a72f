"""CSV import reads what Chinese spreadsheets write, in any of their encodings, without asking."""

from __future__ import annotations

import codecs

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.csv_import import decode, load_csv, read_header
from engine.errors import ValidationError

# name → how a spreadsheet writes the text (UTF-16 with a BOM is what Excel's "Unicode text" saves)
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "gb18030": lambda text: text.encode("gb18030"),
    "gbk": lambda text: text.encode("gbk"),
    "utf-16-le with BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le without BOM": lambda text: text.encode("utf-16-le"),
    "utf-16-be without BOM": lambda text: text.encode("utf-16-be"),
}
HANZI = "身高体重年龄收入温度湿度压力速度面积价格类别标签一二三甲乙丙丁"
names = st.text(alphabet=HANZI + "xy_", min_size=1, max_size=6).map(str.strip).filter(bool)
numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


def _csv(header: list[str], rows: list[list[float]], newline: str = "\r\n") -> str:
    lines = [",".join(header)] + [",".join(repr(v) for v in row) for row in rows]
    return newline.join(lines) + newline


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.lists(names, min_size=2, max_size=4, unique=True), data=st.data(),
       encoding=st.sampled_from(sorted(ENCODINGS)))
def test_a_file_in_any_chinese_spreadsheet_encoding_reads_with_its_chinese_headers(tmp_path, header, data,
                                                                                   encoding):
    rows = data.draw(st.lists(st.lists(numbers, min_size=len(header), max_size=len(header)), min_size=1,
                              max_size=5))
    path = tmp_path / "数据.csv"
    path.write_bytes(ENCODINGS[encoding](_csv(header, rows)))
    assert read_header(path) == header
    dataset = load_csv(path, [header[-1]])
    assert dataset.input_names == header[:-1]
    assert dataset.target_names == [header[-1]]
    expected = np.array(rows, dtype=np.float64)
    np.testing.assert_array_equal(dataset.data.inputs, expected[:, :-1])
    np.testing.assert_array_equal(dataset.data.targets, expected[:, -1:])


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_chinese_class_labels_read_in_every_encoding(tmp_path, encoding):
    text = "身高,体重,类别\n1.5,50,猫\n1.7,70,狗\n1.6,60,猫\n"
    path = tmp_path / "labels.csv"
    path.write_bytes(ENCODINGS[encoding](text))
    dataset = load_csv(path, ["类别"], classification=True)
    assert dataset.input_names == ["身高", "体重"]
    assert dataset.classes == sorted(["猫", "狗"])
    assert dataset.data.targets[:, 0].tolist() == [float(dataset.classes.index(c)) for c in ("猫", "狗", "猫")]


def test_a_file_in_no_known_encoding_gets_a_clear_message(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("température,y\n1,2\n".encode("cp1252").replace(b"\xe9", b"\x80\xff"))
    with pytest.raises(ValidationError) as caught:
        load_csv(path, ["y"])
    assert str(caught.value) == "latin1.csv: cannot read the text: it is not UTF-8, GB18030 (GBK) or UTF-16"
    with pytest.raises(ValidationError, match="not UTF-8, GB18030"):
        decode(codecs.BOM_UTF8 + b"x,y\n\xff,1\n")  # a BOM that lies is refused too, not guessed past


def test_gb18030_is_tried_only_after_strict_utf8():
    text = "价格,y\n1,2\n"
    assert decode(text.encode("utf-8")) == text  # valid UTF-8 is never misread as GB18030
    assert decode(text.encode("gb18030")) == text


def test_a_utf8_file_with_a_stray_nul_is_not_taken_for_utf16():
    text = "x,y\n1,2\n3,4\n5,6\n7,\x008\n"
    assert decode(text.encode("utf-8")) == text


def test_a_short_gbk_file_that_is_also_valid_utf8_reads_as_gbk(tmp_path):
    # "一" is D2 BB in GBK, and D2 BB is also UTF-8 for the Cyrillic letter shha
    path = tmp_path / "short.csv"
    path.write_bytes("x,一\n1,2\n".encode("gb18030"))
    assert read_header(path) == ["x", "一"]
    accented = tmp_path / "accented.csv"
    accented.write_bytes("x,é\n1,2\n".encode())  # GBK would read C3 A9 as "茅"
    assert read_header(accented) == ["x", "é"]
