"""The diagram's graph index finds every weight and every node's item without indexing all weights."""

import pytest

from engine.compile import compile_network
from engine.network import make_network
from engine.roles import Role
from gui.diagram.graph_index import GraphKeys, NodeIndex


def _graph(granularity, decay):
    net = make_network([3, 5, 4, 2], ["tanh", "sigmoid", "softmax"], loss="cross_entropy", seed=2)
    net.weight_decay = decay
    return net, compile_network(net, [0.1, -0.2, 0.3], [0.0, 1.0], granularity)


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
@pytest.mark.parametrize("decay", [0.0, 0.01])
def test_every_node_has_the_key_of_the_item_that_shows_it(granularity, decay):
    net, graph = _graph(granularity, decay)
    keys, index = GraphKeys(graph), NodeIndex(graph, net.sizes)
    for node in graph.nodes:
        meta, role = node.meta, node.meta.get("role")
        key = keys.get(node.id)
        if node.kind == "const":
            assert key is None
        elif node.kind == "input" or role in (Role.ACTIVATION, Role.WEIGHTED_SUM, Role.BIAS_ADD, Role.SUM):
            assert key == ("neuron", meta.get("layer", 0), meta["neuron"])
        elif role in (Role.WEIGHT, Role.PRODUCT):
            assert key == ("edge", meta["layer"], meta["i"], meta["neuron"])
        elif role == Role.BIAS:
            assert key == ("bias", meta["layer"], meta["neuron"])
            assert index.get(key) is node
        elif node.kind == "target":
            assert key == ("target", meta["neuron"])
            assert index.get(key) is node
        else:
            assert key == ("loss",)
    assert keys.get(len(graph.nodes)) is None
    assert keys.get(-1, ("loss",)) == ("loss",)
    for layer in range(1, len(net.sizes)):  # every edge finds its weight, with the network's value
        for i in range(net.sizes[layer - 1]):
            for j in range(net.sizes[layer]):
                w = index.get(("edge", layer, i, j))
                assert w.meta == {"layer": layer, "i": i, "neuron": j, "role": Role.WEIGHT}
                assert float(w.value) == net.weights(layer)[i, j]
            assert index.get(("neuron", layer, 0)).meta["role"] == Role.ACTIVATION
            assert index.z[("neuron", layer, 0)].meta["role"] in (Role.WEIGHTED_SUM, Role.BIAS_ADD)
    assert index.get(("edge", 1, 3, 0)) is None  # no such edge
    assert index.get(("loss",)).meta["role"] == Role.LOSS
    assert (index.objective is not None) == (decay > 0)


def test_another_layout_falls_back_to_indexing_every_weight():
    _net, graph = _graph("neuron", 0.0)
    index = NodeIndex(graph, [4, 6, 4, 2])  # the offsets from the biases point elsewhere
    for i in range(3):
        assert index.get(("edge", 1, i, 2)).meta == {"layer": 1, "i": i, "neuron": 2, "role": Role.WEIGHT}
