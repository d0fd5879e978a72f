"""One table of names: every activation, loss and optimizer id has one label, and every part of
the engine that offers them (the model, the kernels, the step graph, handouts) uses those ids."""

import json

import numpy as np
import pytest

from engine import config, kernels, names, network, ops
from engine.compile import compile_network, neuron_nodes, neuron_of, operation_node_count, part_of
from engine.expressions import compile_expression
from engine.network import make_network
from engine.roles import Role

TABLES = {"activation": names.ACTIVATIONS, "loss": names.LOSSES, "optimizer": names.OPTIMIZERS}


@pytest.mark.parametrize("kind", TABLES)
def test_every_id_has_exactly_one_nonempty_label_and_labels_differ(kind):
    table = TABLES[kind]
    assert all(isinstance(label, str) and label.strip() for label in table.values())
    assert len(set(table.values())) == len(table)  # no two ids read alike
    label = getattr(names, f"{kind}_label")
    for name, text in table.items():
        assert label(name) == text
        assert label(name, lambda context, english: f"[{context}] {english}") == f"[Names] {text}"
    assert label("no_such_id") == "no_such_id"


def test_the_model_the_kernels_and_the_step_graph_offer_the_tables_ids():
    assert tuple(names.ACTIVATIONS) == network.ACTIVATIONS
    assert tuple(names.LOSSES) == network.LOSSES
    assert config.OPTIMIZERS == tuple(names.OPTIMIZERS) == tuple(kernels.OPTIMIZERS)
    assert set(ops.ACTIVATION_OPS) | names.OUTPUT_ONLY == set(names.ACTIVATIONS)
    assert set(ops.LOSS_OPS) == set(names.LOSSES)
    assert set(kernels.FORWARD) | names.OUTPUT_ONLY == set(names.ACTIVATIONS)


def test_the_wording_is_the_consistent_one():
    assert names.activation_label("leaky_relu") == "leaky ReLU"
    assert names.loss_label("half_sse") == "half squared error ½Σ(ŷ − y)²"
    assert names.optimizer_label("momentum") == "SGD with momentum"


def test_roles_are_an_enum_equal_to_their_saved_strings():
    assert Role.WEIGHT == "weight"
    assert Role("bias_add") is Role.BIAS_ADD
    assert json.dumps({"role": Role.LOSS_TERM}) == '{"role": "loss_term"}'
    assert f"{Role.ACTIVATION}" == "activation"


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_every_compiled_network_node_has_a_role_from_the_enum(granularity):
    net = make_network([2, 3, 1], ["tanh", "sigmoid"], loss="bce", weight_decay=0.1, seed=1)
    graph = compile_network(net, [0.5, -1.0], [1.0], granularity)
    assert all(isinstance(node.meta["role"], Role) for node in graph.nodes)
    assert all(isinstance(n.meta["role"], Role) for n in compile_expression("f = x * 2 + 1", {"x": 1.0}).nodes)


@pytest.mark.parametrize(("sizes", "decay"), [([2, 3, 1], 0.0), ([3, 4, 2, 2], 0.25), ([1, 1], 0.5)])
def test_operation_node_count_is_what_compile_makes(sizes, decay):
    net = make_network(sizes, "sigmoid", weight_decay=decay, seed=2)
    graph = compile_network(net, np.zeros(sizes[0]), np.zeros(sizes[-1]), "operation")
    assert operation_node_count(net) == len(graph.nodes)


def test_part_of_ties_each_neuron_step_node_to_operation_nodes_of_the_same_part():
    net = make_network([2, 2, 1], "tanh", weight_decay=0.1, seed=3)
    x, y = [0.3, -0.7], [1.0]
    coarse = compile_network(net, x, y, "neuron")
    fine = compile_network(net, x, y, "operation")
    fine_parts = {part_of(n) for n in fine.nodes} - {None}
    coarse_parts = {part_of(n) for n in coarse.nodes} - {None}
    assert coarse_parts == fine_parts
    # the weighted sum of neuron 2 of layer 1 is made of 2 products, their sum and the bias add
    z_nodes = [n for n in fine.nodes if part_of(n) == ("z", 1, 1)]
    assert sorted(n.meta["role"] for n in z_nodes) == sorted(["product", "product", "sum", "bias_add"])
    assert {n.meta["role"] for n in neuron_nodes(fine, 1, 1)} == {"product", "sum", "bias_add", "activation"}
    assert [n.kind for n in neuron_nodes(fine, 0, 1)] == ["input"]
    weight = fine.find(role=Role.WEIGHT, layer=2, i=1, neuron=0)[0]
    assert neuron_of(weight) == (2, 0)
    assert neuron_of(fine.find(role=Role.LOSS)[0]) is None


@pytest.mark.parametrize("form", ["latex", "markdown"])
def test_handouts_name_the_layers_and_the_loss_with_the_tables_labels(lecture, form):
    from engine.derivation import handout
    from engine.handout_latex import latex_text

    net = lecture.network
    text = handout(lecture, form)
    shown = latex_text if form == "latex" else str
    assert shown(names.loss_label(net.loss)) in text  # the one wording everywhere
    assert shown(f"({names.activation_label(net.activation(1))})") in text
