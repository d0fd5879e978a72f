"""Built-in datasets, the train/test split and CSV import errors."""

import numpy as np
import pytest

from engine import csv_import
from engine.datasets import DATASETS, generate, load_csv, spiral, train_test_split, xor
from engine.document import Data
from engine.errors import ValidationError


@pytest.mark.parametrize("name", list(DATASETS))
def test_registry_entries_generate_what_they_declare(name):
    spec = DATASETS[name]
    data = spec.generate(seed=1)
    assert isinstance(data, Data)
    assert data.inputs.shape == (spec.default_size, spec.n_inputs)
    assert data.targets.shape == (spec.default_size, spec.n_outputs)
    assert data.inputs.dtype == np.float64
    assert set(spec.description) == {"en", "zh_CN"}
    assert spec.task in ("classification", "regression")
    if spec.task == "classification":
        assert set(np.unique(data.targets)) <= {0.0, 1.0}
        if spec.n_outputs > 1:
            np.testing.assert_array_equal(data.targets.sum(axis=1), 1.0)


@pytest.mark.parametrize("name", [name for name in DATASETS if name != "lecture"])
def test_seed_size_and_noise_decide_the_numbers(name):
    a, b = generate(name, seed=5, size=40, noise=0.2), generate(name, seed=5, size=40, noise=0.2)
    np.testing.assert_array_equal(a.inputs, b.inputs)
    np.testing.assert_array_equal(a.targets, b.targets)
    assert len(a) == 40
    assert not np.array_equal(a.inputs, generate(name, seed=6, size=40, noise=0.2).inputs)


def test_logic_gates_without_noise_are_truth_tables():
    data = xor(size=4, noise=0.0)
    np.testing.assert_array_equal(data.inputs, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(data.targets.ravel(), [0, 1, 1, 0])
    np.testing.assert_array_equal(generate("and", size=4, noise=0.0).targets.ravel(), [0, 0, 0, 1])
    np.testing.assert_array_equal(generate("or", size=4, noise=0.0).targets.ravel(), [0, 1, 1, 1])


def test_spiral_targets_one_hot_for_three_classes_single_column_for_two():
    three = spiral(size=30, classes=3)
    assert three.targets.shape == (30, 3)
    assert three.targets.sum(axis=0).tolist() == [10, 10, 10]
    two = spiral(size=30, classes=2)
    assert two.targets.shape == (30, 1)
    assert two.targets.sum() == 15


def test_lecture_sample():
    data = generate("lecture")
    np.testing.assert_array_equal(data.inputs, [[1.0, 2.0]])
    np.testing.assert_array_equal(data.targets, [[0.5]])


def test_train_test_split_partitions_the_rows_by_seed():
    data = Data(np.arange(20.0).reshape(10, 2), np.arange(10.0).reshape(10, 1))
    train, test = train_test_split(data, 0.3, seed=2)
    assert (len(train), len(test)) == (7, 3)
    assert sorted(train.targets.ravel().tolist() + test.targets.ravel().tolist()) == list(range(10))
    np.testing.assert_array_equal(train.inputs[:, 0] / 2, train.targets.ravel())  # rows stay paired
    again = train_test_split(data, 0.3, seed=2)[1]
    np.testing.assert_array_equal(again.targets, test.targets)
    assert train_test_split(data, 0.0, seed=2) == (data, None)


# ----------------------------------------------------------------- CSV


def test_csv_numeric_targets_by_name_and_index():
    text = "x1,x2,y\n1,2,3\n4,5,6\n"
    by_name = load_csv(text, ["y"])
    np.testing.assert_array_equal(by_name.data.inputs, [[1, 2], [4, 5]])
    np.testing.assert_array_equal(by_name.data.targets, [[3], [6]])
    assert by_name.input_names == ["x1", "x2"]
    by_index = load_csv(text, [0, 2])
    np.testing.assert_array_equal(by_index.data.inputs, [[2], [5]])
    np.testing.assert_array_equal(by_index.data.targets, [[1, 3], [4, 6]])


def test_csv_class_labels_become_one_hot_in_sorted_order():
    result = load_csv("a,b,label\n1,2,virginica\n3,4,setosa\n5,6,versicolor\n7,8,setosa\n", "label",
                      classification=True)
    assert result.classes == ["setosa", "versicolor", "virginica"]
    np.testing.assert_array_equal(result.data.targets, [[0, 0, 1], [1, 0, 0], [0, 1, 0], [1, 0, 0]])


def test_csv_two_classes_stay_a_single_column_numeric_order():
    result = load_csv("a,c\n1,10\n2,9\n3,10\n", "c", classification=True)
    assert result.classes == ["9", "10"]
    np.testing.assert_array_equal(result.data.targets, [[1], [0], [1]])


def test_csv_from_a_file_with_bom_and_semicolons(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("\ufeffx;y\n1.5;2\n\n3;4\n", encoding="utf-8")
    result = load_csv(path, "y")
    np.testing.assert_array_equal(result.data.inputs, [[1.5], [3]])


@pytest.mark.parametrize(("text", "targets", "message"), [
    ("x1,x2,y\n1,2,3\n4,5,6\n7,8\n", "y", "row 4: expected 3 columns, got 2"),
    ("x1,x2,y\n1,2,3\n4,5,6\n7,abc,9\n", "y", "row 4, column 'x2': 'abc' is not a number"),
    ("x1,x2,y\n1,,3\n", "y", "row 2, column 'x2': the value is empty"),
    ("x1,x2,y\n1,inf,3\n", "y", "row 2, column 'x2': 'inf' is not a finite number"),
    ("x1,x2,y\n1,2,3\n", "z", "target_columns: no column 'z'; the columns are x1, x2, y"),
    ("x1,x2,y\n1,2,3\n", 3, "target_columns: no column 3"),
    ("x,y\n1,2\n", ["x", "y"], "at least one input column"),
    ("x,y\n", "y", "no data rows"),
    ("x,x\n1,2\n", 1, "the column name 'x' appears twice"),
    ("x,y\n1,a\n2,a\n", "y", "needs at least two classes"),
])
def test_csv_errors_name_the_row_and_column(text, targets, message):
    with pytest.raises(ValidationError) as info:
        load_csv(text, targets, classification=message.startswith("needs"))
    assert message in str(info.value)


def test_csv_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"empty\.csv: the file is empty"):
        load_csv(path, "y")


def test_csv_oversized_file_and_too_many_rows(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_text("x,y\n" + "1,2\n" * 10, encoding="utf-8")
    monkeypatch.setattr(csv_import, "MAX_CSV_BYTES", 20)
    with pytest.raises(ValidationError, match=r"big\.csv: the file is .* MB; the limit is"):
        load_csv(path, "y")
    monkeypatch.setattr(csv_import, "MAX_CSV_BYTES", 10**6)
    monkeypatch.setattr(csv_import, "MAX_CSV_ROWS", 5)
    with pytest.raises(ValidationError, match="more than 5 data rows"):
        load_csv(path, "y")


def test_csv_missing_file(tmp_path):
    with pytest.raises(ValidationError, match="cannot read the file"):
        load_csv(tmp_path / "nowhere.csv", "y")
