"""``python -m engine train``: exit codes, output and the history CSV."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli_train import main

ROOT = Path(__file__).resolve().parents[2]

XOR_LESSON = {
    "format": "backprop-studio", "version": 1,
    "network": {"layers": [{"size": 2}, {"size": 4, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
                "loss": "half_sse"},
    "data": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]},
    "training": {"optimizer": "sgd", "learning_rate": 2.0, "iterations": 10, "seed": 1},
}


def _write(tmp_path, lesson, name="lesson.json"):
    path = tmp_path / name
    path.write_text(json.dumps(lesson), encoding="utf-8")
    return path


def _engine(*args):
    return subprocess.run([sys.executable, "-m", "engine", "train", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_train_command_prints_final_loss_and_writes_history(tmp_path):
    lesson = _write(tmp_path, XOR_LESSON)
    out = tmp_path / "history.csv"
    done = _engine(lesson, "--iterations", 3000, "--out", out)
    assert done.returncode == 0, done.stderr
    final = float(done.stdout.splitlines()[0].removeprefix("final loss: "))
    assert final < 0.05
    assert "accuracy: 1.0000" in done.stdout
    progress = done.stderr.splitlines()
    assert progress[0].startswith("iteration 0/3000")
    assert progress[-1].startswith("iteration 3000/3000")
    assert 11 <= len(progress) <= 12  # about every 10%
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads it as UTF-8
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    # no test split, so no test_loss; then the gradient norm of each of the two weight layers
    assert list(rows[0]) == ["iteration", "loss", "accuracy", "‖∂J/∂W₁‖", "‖∂J/∂W₂‖"]
    # iteration 0: the whole set's gradient at the starting weights, which the first full-batch step uses too
    assert float(rows[0]["‖∂J/∂W₁‖"]) == pytest.approx(float(rows[1]["‖∂J/∂W₁‖"]), rel=1e-12)
    assert float(rows[1]["‖∂J/∂W₁‖"]) > 0
    assert [int(row["iteration"]) for row in rows] == list(range(3001))
    assert float(rows[-1]["loss"]) == pytest.approx(final, rel=1e-9)


def test_options_override_the_lesson_and_test_split_adds_a_column(tmp_path):
    lesson = dict(XOR_LESSON, training={"test_fraction": 0.25, "eval_every": 5, "iterations": 10})
    out = tmp_path / "h.csv"
    code = main([str(_write(tmp_path, lesson)), "--optimizer", "adam", "--learning-rate", "0.01",
                 "--batch-size", "2", "--seed", "3", "--out", str(out)])
    assert code == 0
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "iteration,loss,test_loss,accuracy,‖∂J/∂W₁‖,‖∂J/∂W₂‖"
    assert [line.split(",")[0] for line in out.read_text(encoding="utf-8-sig").splitlines()[1:]] == ["0", "5", "10"]


@pytest.mark.parametrize(("args", "message"), [
    (["missing.json"], "cannot read"),
    (["{lesson}", "--learning-rate", "-1"], "--learning-rate: expected a number from 0"),
    (["{lesson}", "--iterations", "many"], "invalid int value"),
    (["{lesson}", "--optimizer", "rmsprop"], "invalid choice"),
    (["{bad}"], "not valid JSON"),
    (["{nodata}"], "no data to train on"),
    (["{lesson}", "--out", "{tmp}/no/such/dir/h.csv"], "cannot write"),
])
def test_bad_input_exits_2_with_one_line(tmp_path, args, message):
    names = {"lesson": _write(tmp_path, XOR_LESSON), "tmp": tmp_path,
             "nodata": _write(tmp_path, {k: v for k, v in XOR_LESSON.items() if k != "data"}, "nodata.json")}
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    names["bad"] = tmp_path / "bad.json"
    done = _engine(*[arg.format(**names) for arg in args])
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
def test_a_full_disk_under_the_history_is_one_line_with_the_reason(tmp_path):
    done = _engine(_write(tmp_path, XOR_LESSON), "--out", "/dev/full")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines()[-1] == "error: cannot write /dev/full: No space left on device"
    assert "OSError" not in done.stderr


def test_divergence_exits_1_and_says_so(tmp_path, capsys):
    lesson = dict(XOR_LESSON, network={"layers": [{"size": 2}, {"size": 1, "activation": "linear"}]},
                  data={"inputs": [[3, 1], [-2, 4]], "targets": [[1], [0]]})
    code = main([str(_write(tmp_path, lesson)), "--learning-rate", "100", "--iterations", "500"])
    captured = capsys.readouterr()
    assert code == 1
    assert "Training diverged at iteration" in captured.err
    assert captured.out.startswith("final loss: ")
    assert "inf" not in captured.out
    assert "nan" not in captured.out
