"""The lesson owns the operation-level graph the graph view draws; views only read it."""

import math

from engine.compile import part_of

from . import lecture_reference as ref


def _by_part(graph):
    return {part_of(node): node for node in graph.nodes if node.is_leaf and part_of(node) is not None}


def test_a_neuron_step_lesson_hands_out_its_sample_at_operation_granularity_with_numbers(lecture):
    assert lecture.granularity == "neuron"
    graph = lecture.operation_graph()
    assert graph is not lecture.graph
    assert any(node.meta.get("role") is not None and "product" in str(node.meta["role"]).lower()
               for node in graph.nodes)  # products exist only at operation granularity
    assert math.isclose(float(graph.output.value), ref.L, rel_tol=1e-12)
    leaves = _by_part(graph)
    for i in range(2):
        for j in range(2):
            assert math.isclose(float(leaves[("weight", 1, i, j)].grad), ref.dW1[i][j], rel_tol=1e-9)
    assert math.isclose(float(leaves[("bias", 2, 0)].grad), ref.db2, rel_tol=1e-9)


def test_the_operation_graph_is_kept_until_the_lesson_rebuilds(lecture):
    first = lecture.operation_graph()
    lecture.stepper.goto(3)  # stepping changes nothing the operation graph holds
    assert lecture.operation_graph() is first
    lecture.set_input(0, 2.0)
    second = lecture.operation_graph()
    assert second is not first
    x = (2.0, ref.X[1])
    z = [sum(x[i] * ref.W1[i][j] for i in range(2)) + ref.B1[j] for j in range(2)]
    yhat = ref.sigma(sum(ref.sigma(z[j]) * ref.W2[j] for j in range(2)) + ref.B2)
    assert math.isclose(float(second.output.value), 0.5 * (yhat - ref.Y) ** 2, rel_tol=1e-12)


def test_at_operation_granularity_it_is_the_lessons_own_graph(lecture):
    lecture.set_granularity("operation")
    assert lecture.operation_graph() is lecture.graph


def test_a_node_gives_its_local_derivative_once_its_numbers_are_known(lecture):
    graph = lecture.operation_graph()
    product = next(n for n in graph.nodes if n.op is not None and len(n.inputs) == 2
                   and {m.kind for m in n.inputs} == {"input", "param"})
    x_pos = next(k for k, m in enumerate(product.inputs) if m.kind == "input")
    w_pos = 1 - x_pos
    assert math.isclose(float(product.local(x_pos)), float(product.inputs[w_pos].value))
    assert math.isclose(float(product.local(w_pos)), float(product.inputs[x_pos].value))
    assert graph.nodes[0].local(0) is None  # a leaf has no local derivative
