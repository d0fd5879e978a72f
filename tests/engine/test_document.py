"""Lesson files: validation names the field; no input, however odd, escapes as a traceback."""

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.document import loads
from engine.errors import ValidationError

from . import lecture_reference as ref

BASE = {
    "format": "backprop-studio", "version": 1,
    "network": {**ref.NETWORK, "weight_decay": 0.0},  # deep-copied by every test that changes it
    "data": {"inputs": [list(ref.X)], "targets": [[ref.Y]]},
    "training": {"optimizer": "sgd", "learning_rate": 0.5, "batch_size": 1, "iterations": 100, "seed": 0},
}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)

PATHS = [("network", "layers", 1, "weights"), ("network", "layers", 1, "biases"), ("network", "layers", 0, "size"),
         ("network", "layers", 2, "activation"), ("network", "loss"), ("network", "weight_decay"),
         ("data", "inputs"), ("data", "targets"), ("training", "learning_rate"), ("training", "optimizer"),
         ("training", "batch_size"), ("network", "layers"), ("data",), ("version",), ("network", "layers", 1)]


def _set(doc, path, value):
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


@settings(max_examples=300, deadline=None)
@given(path=st.sampled_from(PATHS), value=json_values)
def test_any_field_value_is_accepted_or_refused_with_a_message(path, value):
    doc = copy.deepcopy(BASE)
    _set(doc, path, value)
    message = ""
    try:
        loads(json.dumps(doc))
    except ValidationError as exc:
        message = str(exc) or "(empty)"
    assert "\n" not in message
    assert message != "(empty)"


@pytest.mark.parametrize(("path", "value", "message"), [
    (("network", "layers", 1, "weights"), [[1, 2, 3], [4, 5, 6]], "network.layers[1].weights: expected 2×2, got 2×3"),
    (("network", "layers", 1, "biases"), [0.1], "network.layers[1].biases: expected 2 numbers, got 1"),
    (("network", "layers", 2, "activation"), "softplus", "network.layers[2].activation: unknown activation"),
    (("network", "loss"), "cross_entropy", "network.loss: cross_entropy needs a softmax output layer"),
    (("data", "targets"), [[0.5], [0.2]], "data.targets: expected 1 rows like inputs, got 2"),
    (("training", "optimizer"), "rmsprop", "training.optimizer: unknown optimizer"),
    (("network", "layers", 0, "size"), 5000, "network.layers[0].size: expected 1 to 1024"),
])
def test_messages_name_the_field(path, value, message):
    doc = copy.deepcopy(BASE)
    _set(doc, path, value)
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        loads(json.dumps(doc))


@pytest.mark.parametrize("text", ['{"format": "backprop-studio", "version": 1, "network": {"layers": '
                                  '[{"size": 2}, {"size": 1, "biases": [Infinity]}]}}',
                                  "[" * 100000, "", "null", '{"format": "other"}'])
def test_non_finite_numbers_and_garbage_are_refused(text):
    with pytest.raises(ValidationError):
        loads(text)


def test_missing_weights_come_from_the_seeded_generator():
    doc = copy.deepcopy(BASE)
    del doc["network"]["layers"][1]["weights"]
    first = loads(json.dumps(doc)).network.weights(1)
    second = loads(json.dumps(doc)).network.weights(1)
    assert first.shape == (2, 2)
    assert (first == second).all()
    doc["training"]["seed"] = 1
    assert not (loads(json.dumps(doc)).network.weights(1) == first).all()


def test_round_trip_keeps_unknown_keys():
    doc = copy.deepcopy(BASE)
    doc["view"] = {"granularity": "operation"}
    again = json.loads(loads(json.dumps(doc)).to_json())
    assert again["view"] == {"granularity": "operation"}
    assert again["network"] == doc["network"]


def test_a_network_too_large_to_step_through_is_refused_with_the_limit():
    doc = copy.deepcopy(BASE)
    doc["network"]["layers"] = [{"size": 1000}, {"size": 1000, "activation": "sigmoid"}, {"size": 1}]
    del doc["data"]
    with pytest.raises(ValidationError, match="more than 200000 parameters"):
        loads(json.dumps(doc))
