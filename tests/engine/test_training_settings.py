"""Training settings: one range per setting, refused with a reason outside it; honest divergence
advice; the ``training`` section reads only real settings; ``train --out`` streams its rows."""

import argparse
import copy
import csv
import io
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import edits
from engine.cli_train import run_train
from engine.config import RANGES, TrainingConfig
from engine.document import Data, loads
from engine.errors import ValidationError
from engine.lesson import NetworkLesson
from engine.network import Network
from engine.training import train

LESSON = {
    "format": "backprop-studio", "version": 1,
    "network": {"layers": [{"size": 2}, {"size": 3, "activation": "tanh"}, {"size": 1, "activation": "sigmoid"}],
                "loss": "bce"},
    "data": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]},
    "training": {"optimizer": "adam", "learning_rate": 0.05, "iterations": 20, "seed": 1},
}


def _doc(training=None, network=None):
    raw = copy.deepcopy(LESSON)
    raw["training"].update(training or {})
    raw["network"].update(network or {})
    return loads(json.dumps(raw))


def _args(path, out=None, **options):
    defaults = {"iterations": None, "learning_rate": None, "optimizer": None, "batch_size": None, "seed": None}
    return argparse.Namespace(file=str(path), out=None if out is None else str(out), **{**defaults, **options})


# ---------------------------------------------------------------- item 1: ranges, refused with a reason
@pytest.mark.parametrize("key", ["beta1", "beta2", "momentum"])
def test_adam_betas_and_momentum_of_one_are_refused_with_the_interval(key):
    with pytest.raises(ValidationError) as caught:
        _doc({key: 1})
    assert caught.value.field == f"training.{key}"
    assert caught.value.problem == "expected a number in [0, 1), got 1"
    assert 0.999999 in RANGES[key]
    assert 1.0 not in RANGES[key]


def test_adam_just_below_one_trains_to_a_finite_loss():
    # β₁ = β₂ = 1 − 2⁻⁵², the largest allowed: the bias corrections 1 − βᵗ stay positive.
    doc = _doc({"beta1": 1 - 2**-52, "beta2": 1 - 2**-52})
    result = train(doc.network, doc.data, doc.training)
    assert result.status == "finished"
    assert all(math.isfinite(row["loss"]) for row in result.history)


def test_adam_with_epsilon_zero_is_refused():
    with pytest.raises(ValidationError, match=r"training\.eps: expected a number in \(0, 1\], got 0"):
        _doc({"eps": 0})


def test_the_cli_refuses_beta_one_with_exit_2_and_one_line(tmp_path):
    raw = copy.deepcopy(LESSON)
    raw["training"]["beta1"] = 1
    path = tmp_path / "b.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    err = io.StringIO()
    assert run_train(_args(path), io.StringIO(), err) == 2
    assert err.getvalue() == "error: training.beta1: expected a number in [0, 1), got 1\n"


def test_weight_decay_takes_its_range_from_the_same_table():
    high = RANGES["weight_decay"].high
    assert _doc(network={"weight_decay": high}).network.weight_decay == high
    with pytest.raises(ValidationError) as caught:
        _doc(network={"weight_decay": high * 10})
    assert caught.value.field == "network.weight_decay"
    assert caught.value.problem == f"expected a number from 0 to {high:g}, got {high * 10!r}"


@pytest.mark.parametrize("value", [RANGES["weight_decay"].high * 10, -1.0, math.inf, math.nan])
def test_a_weight_decay_edit_is_refused_as_a_file_is(value):
    doc = _doc()
    with pytest.raises(ValidationError) as by_edit:
        edits.set_weight_decay(doc.network, value)
    with pytest.raises(ValidationError) as by_file:
        Network.from_dict({**doc.network.to_dict(), "weight_decay": value})
    assert (by_edit.value.field, by_edit.value.problem) == (by_file.value.field, by_file.value.problem)
    high = RANGES["weight_decay"].high
    assert edits.set_weight_decay(doc.network, high).weight_decay == high


def test_a_lessons_settings_change_in_one_place_and_say_so():
    doc = _doc()
    lesson = NetworkLesson(doc)
    told = []
    lesson.settings_changed.connect(lambda: told.append(lesson.setting("learning_rate")))
    lesson.set_settings({"learning_rate": 0.2, "batch_size": 2})
    assert (doc.training.learning_rate, doc.training.batch_size, lesson.stepper.learning_rate) == (0.2, 2, 0.2)
    assert told == [0.2]
    graph = lesson.graph
    lesson.set_settings({"weight_decay": 0.5})
    assert (doc.network.weight_decay, lesson.setting("weight_decay")) == (0.5, 0.5)
    assert lesson.graph is not graph  # recompiled: J = L + λ/2·Σ‖W‖² now
    with pytest.raises(ValidationError, match=r"training\.learning_rate"):
        lesson.set_settings({"learning_rate": -1.0, "weight_decay": 1.0})
    with pytest.raises(ValidationError, match=r"network\.weight_decay"):
        lesson.set_settings({"learning_rate": 0.3, "weight_decay": -1.0})
    assert (doc.training.learning_rate, doc.network.weight_decay) == (0.2, 0.5)  # a refused change changes nothing
    assert told == [0.2, 0.2]


def test_a_config_built_in_code_is_checked_before_training():
    doc = _doc()
    with pytest.raises(ValidationError, match=r"training\.beta2"):
        train(doc.network, doc.data, TrainingConfig(optimizer="adam", beta2=1.0))


def test_refused_values_are_shown_short():
    with pytest.raises(ValidationError) as caught:
        TrainingConfig.from_dict({"momentum": ["x" * 10_000]})
    assert len(str(caught.value)) < 120
    with pytest.raises(ValidationError) as caught:
        TrainingConfig.from_dict({"iterations": 10**5000})
    assert str(caught.value) == "training.iterations: expected a whole number from 0 to 100000000, got ~1e5000"


@settings(max_examples=40, deadline=None)
@given(key=st.sampled_from(sorted(set(RANGES) - {"weight_decay"})),
       value=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**12, 10**12)))
def test_every_setting_is_accepted_exactly_inside_its_range(key, value):
    allowed = RANGES[key]
    inside = (not allowed.whole or isinstance(value, int)) and math.isfinite(value) and value in allowed
    if not inside:
        with pytest.raises(ValidationError) as caught:
            TrainingConfig.from_dict({key: value})
        assert caught.value.field == f"training.{key}"
    else:
        assert getattr(TrainingConfig.from_dict({key: value}), key) == value


# ---------------------------------------------------------------- item 4: attribute names are no settings
@pytest.mark.parametrize("key", ["to_dict", "from_dict", "__class__", "__dict__"])
def test_a_training_key_named_like_an_attribute_is_ignored(key):
    config = TrainingConfig.from_dict({key: 3, "iterations": 7})
    assert config.iterations == 7
    assert callable(config.to_dict)
    assert config.to_dict()["iterations"] == 7
    assert loads(json.dumps({**LESSON, "training": {key: "x"}})).training == TrainingConfig()


# ---------------------------------------------------------------- item 6: the divergence advice
def _linear_doc(weight_decay=0.0, scale=1.0):
    net = Network.from_dict({"layers": [{"size": 1}, {"size": 1, "activation": "linear",
                                                      "weights": [[1.0]], "biases": [0.0]}],
                             "loss": "half_sse", "weight_decay": weight_decay})
    return net, Data(np.array([[scale]]), np.array([[0.0]]))


def test_divergence_from_the_learning_rate_advises_a_smaller_one():
    net, data = _linear_doc()
    # z = w·1, L = ½w², w ← w − η·w = (1 − η)w: with η = 1e3 |w| grows ×999 a step and overflows.
    result = train(net, data, TrainingConfig(learning_rate=1e3, iterations=500))
    assert result.status == "diverged"
    assert result.message.endswith(". Try a smaller learning rate.")


def test_divergence_from_weight_decay_names_weight_decay():
    # The largest λ with a small η diverges: w ← (1 − η(1 + λ))w, and η(1 + λ) ≈ 1e-3·1e6 = 1e3.
    net, data = _linear_doc(weight_decay=RANGES["weight_decay"].high)
    result = train(net, data, TrainingConfig(learning_rate=1e-3, iterations=500))
    assert result.status == "diverged"
    assert result.message.endswith("Try a smaller learning rate or a smaller weight decay λ.")


def test_an_infinite_loss_at_the_start_blames_the_data_not_the_learning_rate():
    net, data = _linear_doc(scale=1e200)  # ½(1e200)² overflows before any update
    result = train(net, data, TrainingConfig(learning_rate=1e-6, iterations=5))
    assert result.status == "diverged"
    assert result.iterations == 0
    assert result.message == ("Training diverged at the start: the loss became inf. "
                              "The data or the starting weights are too large.")
    assert "learning rate" not in result.message


# ---------------------------------------------------------------- item 5: train --out streams its rows
class _WatchingStderr(io.StringIO):
    """Stderr for run_train: at each progress line after the start, note the history file's size."""

    def __init__(self, out_path):
        super().__init__()
        self.out_path = out_path
        self.sizes = []

    def write(self, text):
        if text.startswith("iteration ") and not text.startswith("iteration 0/"):
            self.sizes.append(self.out_path.stat().st_size if self.out_path.exists() else 0)
        return super().write(text)


def test_the_cli_writes_history_rows_while_training_and_they_equal_the_history(tmp_path):
    raw = copy.deepcopy(LESSON)
    raw["training"].update({"iterations": 4000, "test_fraction": 0.25, "batch_size": 2})
    path = tmp_path / "lesson.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    out = tmp_path / "history.csv"
    err = _WatchingStderr(out)
    assert run_train(_args(path, out), io.StringIO(), err) == 0
    # Before the last progress line (the end), rows had already reached the file: about 110 kB in 8 kB buffers.
    assert len(err.sizes) >= 10
    assert err.sizes[len(err.sizes) // 2] > 0
    assert err.sizes[-2] < out.stat().st_size
    doc = loads(path.read_text(encoding="utf-8"))
    expected = train(doc.network, doc.data, doc.training).history
    with out.open(encoding="utf-8-sig") as handle:  # the app writes its CSV with a BOM, for Excel
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["iteration", "loss", "test_loss", "accuracy", "‖∂J/∂W₁‖", "‖∂J/∂W₂‖"]
    assert len(rows) == len(expected) == 4001
    for row, want in zip(rows, expected, strict=True):
        assert int(row["iteration"]) == want["iteration"]
        assert float(row["loss"]) == want["loss"]
        assert float(row["test_loss"]) == want["test_loss"]
        assert float(row["accuracy"]) == want["accuracy"]
        if want["iteration"]:  # the gradient norms of the step that led to the row
            assert [float(row["‖∂J/∂W₁‖"]), float(row["‖∂J/∂W₂‖"])] == want["gradient_norms"]


def test_a_sink_gets_every_row_once_even_when_training_falls_back():
    net, data = _linear_doc()
    kept = train(net.copy(), data, TrainingConfig(learning_rate=1e3, iterations=500))
    rows = []
    streamed = train(net.copy(), data, TrainingConfig(learning_rate=1e3, iterations=500), sink=rows.append)
    assert kept.status == streamed.status == "diverged"
    assert rows == kept.history
    assert streamed.history == kept.history[-1:]
