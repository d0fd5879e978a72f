"""A network lesson at layer granularity: every sample at once, the place in the pass kept when switching
N ↔ O ↔ L, one full-batch update per pass, large networks opening at layer steps, and which neurons
a layer node covers (``parts_of``)."""

import numpy as np
import pytest

from engine import batched
from engine.compile import LAYER_DEFAULT_PARAMETERS, OPERATION_MAX_PARAMETERS, part_of, parts_of
from engine.document import Data, Document, load
from engine.lesson import NetworkLesson, lesson_for
from engine.network import make_network
from engine.roles import Role

from . import lecture_reference as ref


def lecture(granularity="neuron"):
    return NetworkLesson(load(ref.PATH), granularity)


def current(lesson):
    step = lesson.stepper.current
    return None if step is None else (step.phase, step.node.sym.text)


@pytest.mark.parametrize(("neuron_steps", "expected"), [
    (1, ("forward", "z₁")),  # z₁[1] ↔ z₁
    (3, ("forward", "z₁")),  # z₁[2]
    (4, ("forward", "a₁")),  # a₁[2]
    (7, ("forward", "L")),
])
def test_switching_to_layer_steps_keeps_the_place_in_the_pass(neuron_steps, expected):
    lesson = lecture()
    lesson.stepper.goto(neuron_steps)
    lesson.set_granularity("layer")
    assert current(lesson) == expected


def test_switching_from_layer_steps_goes_to_the_last_neuron_of_the_layer():
    lesson = lecture("layer")
    lesson.stepper.goto(1)  # z₁
    lesson.set_granularity("neuron")
    assert current(lesson) == ("forward", "z₁[2]")
    lesson.set_granularity("layer")
    assert current(lesson) == ("forward", "z₁")
    lesson.stepper.goto(13)  # δ₁
    lesson.set_granularity("operation")
    assert current(lesson) == ("backward", "z₁[2]")  # δ₁[2], the bias add's gradient
    lesson.set_granularity("layer")
    assert current(lesson) == ("backward", "z₁")
    lesson.stepper.goto(12)  # σ′(z₁): no counterpart, so the step before it (∂L/∂a₁ ↔ ∂L/∂a₁[2])
    lesson.set_granularity("neuron")
    assert current(lesson) == ("backward", "a₁[2]")
    lesson.set_granularity("layer")
    lesson.stepper.goto(17)  # the update of b₁
    lesson.set_granularity("neuron")
    assert current(lesson) == ("update", "b₁[2]")


def several_samples():
    doc = load(ref.PATH)
    doc.data = Data(np.array([ref.X, [0.5, -1.0], [-2.0, 0.25]]), np.array([[ref.Y], [0.1], [0.9]]))
    return doc


def test_layer_steps_hold_every_sample_and_one_pass_is_one_full_batch_update():
    doc = several_samples()
    lesson = NetworkLesson(doc, "layer")
    lesson.set_sample(2)  # the sample box does not change layer steps
    assert lesson.graph.find(role=Role.INPUT)[0].value.shape == (3, 2)
    lesson.stepper.run_to_end()
    after, update = lesson.finish_pass()
    reference = batched.gradients(doc.network, doc.data.inputs, doc.data.targets)
    assert update.before == pytest.approx(reference.loss, rel=1e-15)
    for layer in (1, 2):
        step = 0.5 * reference.weights[layer - 1]
        np.testing.assert_allclose(after.weights(layer), doc.network.weights(layer) - step, rtol=1e-14)
        np.testing.assert_allclose(after.biases(layer), doc.network.biases(layer) - 0.5 * reference.biases[layer - 1],
                                   rtol=1e-14)
    assert update.after == pytest.approx(batched.loss_value(after, doc.data.inputs, doc.data.targets)[1], rel=1e-15)
    lesson.begin_pass(after, update)
    assert lesson.stepper.position == 0
    lesson.resume_pass(doc.network.copy())
    assert lesson.stepper.at_end


def test_large_networks_open_at_layer_steps_and_can_switch_to_neuron_steps():
    sizes = [120, 90, 2]
    network = make_network(sizes, "sigmoid", seed=1)
    assert network.parameter_count() > LAYER_DEFAULT_PARAMETERS >= OPERATION_MAX_PARAMETERS
    doc = Document(network=network, data=Data(np.full((2, 120), 0.5), np.full((2, 2), 0.25)))
    lesson = lesson_for(doc)
    assert lesson.granularity == "layer"
    assert len(lesson.stepper) == 5 + 10 + 4  # z₁ a₁ z₂ ŷ L; the lecture's 10 backward steps; 4 updates
    lesson.stepper.goto(3)
    lesson.set_granularity("neuron")
    assert current(lesson) == ("forward", "z₂[2]")
    small = Document(network=make_network([2, 2, 1], "sigmoid"), data=Data(np.zeros((1, 2)), np.zeros((1, 1))))
    assert lesson_for(small).granularity == "neuron"
    assert lesson_for(small, "layer").granularity == "layer"


def test_parts_of_a_layer_node_are_every_neuron_key_it_covers():
    layer = lecture("layer").graph
    neuron = lecture().graph
    names = {n.sym.text: n for n in layer.nodes}
    assert parts_of(names["z₁"]) == [("z", 1, 0), ("z", 1, 1)]
    assert parts_of(names["σ′(z₁)"]) == [("z", 1, 0), ("z", 1, 1)]
    assert parts_of(names["a₁"]) == [("a", 1, 0), ("a", 1, 1)]
    assert parts_of(names["W₁"]) == [("weight", 1, i, j) for i in range(2) for j in range(2)]
    assert parts_of(names["W₂"]) == [("weight", 2, 0, 0), ("weight", 2, 1, 0)]
    assert parts_of(names["b₂"]) == [("bias", 2, 0)]
    assert parts_of(names["X"]) == [("input", 0), ("input", 1)]
    assert parts_of(names["L"]) == [("loss",)]
    assert part_of(names["W₁"]) == ("weight", 1)  # the layer's own key
    neuron_keys = {part_of(n) for n in neuron.nodes} - {None}
    covered = {key for n in layer.nodes for key in parts_of(n)}
    assert covered == neuron_keys  # every neuron-step key is covered by some layer node, and no other
    z = neuron.by_name("z₁[2]")
    assert parts_of(z) == [part_of(z)] == [("z", 1, 1)]


def test_the_graph_view_draws_a_layer_lesson_s_own_graph():
    lesson = lecture("layer")
    assert lesson.batch
    assert lesson.operation_graph() is lesson.graph  # no neuron or operation graph is built for it
    assert not lecture().batch
