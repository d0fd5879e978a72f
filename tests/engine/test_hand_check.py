"""Checking a hand calculation: correct, carried over or a slip, the lecture's own printed values."""

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.__main__ import main
from engine.compile import compile_network
from engine.document import load, loads
from engine.errors import StudioError, ValidationError
from engine.hand_check import check_hand_calculation
from engine.hand_table import check_document, from_document, parse_table, read_table

from . import array_graphs
from . import lecture_reference as ref
from .check_cases import HEADS, random_case

# The lecture's worked example as printed (000_311b23a7654ecb91.txt, sections 2 and 3), transcribed here.
PRINTED = [
    ("z₁", "[2.0, 2.4]"), ("a₁", "[0.8808, 0.9084]"), ("z₂", "1.1835"), ("ŷ", "0.7692"), ("L", "0.035"),
    ("∂L/∂ŷ", "0.2692"), ("σ′(z₂)", "0.1776"), ("δ₂", "0.0478"), ("∂L/∂W₂", "[0.0421, 0.0434]"),
    ("∂L/∂b₂", "0.0478"), ("∂L/∂a₁", "[0.0430, 0.0048]"), ("σ′(z₁)", "[0.1051, 0.0833]"),
    ("δ₁", "[0.0045, 0.0004]"), ("∂L/∂W₁", "[[0.0045, 0.0090], [0.0004, 0.0008]]"), ("∂L/∂b₁", "[0.0045, 0.0004]"),
]


def _unit(text: str) -> float:
    return 10.0 ** -len(text.split(".")[1]) if "." in text else 1.0


def _agrees(text: str, reference: float) -> bool:
    """The rounding rule: a difference of one in the last printed digit is rounding."""
    return abs(float(text) - reference) <= _unit(text) * (1 + 1e-9)


def _derived_lecture() -> dict[str, tuple[str, float, list[float]]]:
    """Each printed cell: (as printed, the true value, the step recomputed from the lecture's own printed values)."""
    p = {"z₁[1]": "2.0", "z₁[2]": "2.4", "a₁[1]": "0.8808", "a₁[2]": "0.9084", "z₂": "1.1835", "ŷ": "0.7692",
         "L": "0.035", "∂L/∂ŷ": "0.2692", "σ′(z₂)": "0.1776", "δ₂": "0.0478", "∂L/∂W₂[1,1]": "0.0421",
         "∂L/∂W₂[2,1]": "0.0434", "∂L/∂b₂": "0.0478", "∂L/∂a₁[1]": "0.0430", "∂L/∂a₁[2]": "0.0048",
         "σ′(z₁[1])": "0.1051", "σ′(z₁[2])": "0.0833", "δ₁[1]": "0.0045", "δ₁[2]": "0.0004",
         "∂L/∂b₁[1]": "0.0045", "∂L/∂b₁[2]": "0.0004"}
    v = {k: float(t) for k, t in p.items()}
    s = ref.sigma
    out = {}
    for j in (1, 2):
        out[f"z₁[{j}]"] = (ref.z1[j - 1], [ref.X[0] * ref.W1[0][j - 1] + ref.X[1] * ref.W1[1][j - 1] + ref.B1[j - 1]])
        out[f"a₁[{j}]"] = (ref.a1[j - 1], [s(v[f"z₁[{j}]"])])
        out[f"∂L/∂W₂[{j},1]"] = (ref.dW2[j - 1], [v["δ₂"] * v[f"a₁[{j}]"]])
        out[f"∂L/∂a₁[{j}]"] = (ref.dL_da1[j - 1], [v["δ₂"] * ref.W2[j - 1]])
        slope_in = s(v[f"z₁[{j}]"]) * (1 - s(v[f"z₁[{j}]"]))
        out[f"σ′(z₁[{j}])"] = (ref.da1_dz1[j - 1], [v[f"a₁[{j}]"] * (1 - v[f"a₁[{j}]"]), slope_in])
        out[f"δ₁[{j}]"] = (ref.delta1[j - 1], [v[f"∂L/∂a₁[{j}]"] * v[f"σ′(z₁[{j}])"]])
        out[f"∂L/∂b₁[{j}]"] = (ref.db1[j - 1], [v[f"δ₁[{j}]"]])
    out["z₂"] = (ref.z2, [v["a₁[1]"] * ref.W2[0] + v["a₁[2]"] * ref.W2[1] + ref.B2])
    out["ŷ"] = (ref.yhat, [s(v["z₂"])])
    out["L"] = (ref.L, [0.5 * (v["ŷ"] - ref.Y) ** 2])
    out["∂L/∂ŷ"] = (ref.dL_dyhat, [v["ŷ"] - ref.Y])
    out["σ′(z₂)"] = (ref.dyhat_dz2, [v["ŷ"] * (1 - v["ŷ"]), s(v["z₂"]) * (1 - s(v["z₂"]))])
    out["δ₂"] = (ref.delta2, [v["∂L/∂ŷ"] * v["σ′(z₂)"]])
    out["∂L/∂b₂"] = (ref.db2, [v["δ₂"]])
    return {k: (p[k], *out[k]) for k in p}


def _status(text: str, true: float, own: list[float]) -> str:
    return "correct" if _agrees(text, true) else "carried" if any(_agrees(text, o) for o in own) else "slip"


def _lecture_graph(granularity="neuron", lam=0.0):
    network = dict(ref.NETWORK, weight_decay=lam)
    from engine.network import Network

    graph = compile_network(Network.from_dict(network), ref.X, [ref.Y], granularity)
    graph.forward()
    graph.backward()
    return graph


def test_the_lesson_holds_the_lecture_values_as_printed():
    assert from_document(load(ref.PATH)).values == PRINTED


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_the_lecture_check_classifies_every_printed_value_as_derived(granularity):
    report = check_document(load(ref.PATH), granularity=granularity)
    derived = _derived_lecture()
    for symbol, (text, true, own) in derived.items():
        cell = report.cell(symbol)
        assert cell.typed.text == text
        assert cell.true == pytest.approx(true, rel=1e-12)
        assert cell.status == _status(text, true, own), symbol
    # ∂L/∂W₁ is printed as δ₁ᵀ·X, the transpose of the matrix shaped like W₁ (z₁ = X·W₁ + b₁)
    printed_w1 = [["0.0045", "0.0090"], ["0.0004", "0.0008"]]
    entry = next(e for e in report.entries if e.symbol == "∂L/∂W₁")
    assert entry.transposed
    assert not all(_agrees(printed_w1[i][j], ref.dW1[i][j]) for i in range(2) for j in range(2))
    for i in range(2):
        for j in range(2):
            assert _agrees(printed_w1[j][i], ref.dW1[i][j])
            assert report.cell(f"∂L/∂W₁[{i + 1},{j + 1}]").status == "correct"


def test_the_lecture_check_says_what_a_careful_reader_finds():
    report = check_document(load(ref.PATH))
    said = {c.symbol: str(c.message) for e in report.entries for c in e.cells}
    assert said["a₁[2]"] == "a₁[2] = 0.9084 is a slip: σ(2.4) = 0.9168."
    assert report.cell("z₂").status == "carried"
    assert report.cell("z₂").roots == ["a₁[2]"]
    assert said["ŷ"] == "ŷ = 0.7692 is a slip: σ(1.1835) = 0.7656, and the true value is 0.7657."
    assert said["L"] == ("L = 0.035 agrees with the true 0.03531 at the digits shown, but does not follow from "
                         "your own values: ½(0.7692 − 0.5)² = 0.03623.")
    for symbol in ("∂L/∂ŷ", "σ′(z₂)", "δ₂", "∂L/∂W₂[1,1]", "∂L/∂b₂"):
        assert report.cell(symbol).roots == ["ŷ"], symbol
    assert report.cell("∂L/∂W₂[2,1]").roots == ["a₁[2]", "ŷ"]
    assert report.cell("σ′(z₁[2])").roots == ["a₁[2]"]
    assert "one_digit" in report.cell("δ₁[2]").notes
    assert said["δ₁[2]"] == "δ₁[2] = 0.0004 is right to one significant digit, but hides the true 0.0003635."
    assert "rounding" in report.cell("∂L/∂a₁[1]").notes  # 0.0430 for 0.04290: off by one in the last digit
    assert report.slips == ["a₁[2]", "ŷ", "σ′(z₁[1])"]  # σ′(2) = 0.10499: 0.1051 is off by more than one unit
    assert str(report.summary) == "The first slip is a₁[2]; ŷ, σ′(z₁[1]) are further independent slips."
    assert "∂L/∂W₁ is transposed: rows and columns are swapped (∂L/∂W₁ is 2×2)." in map(str, report.messages())


def _consistent_rows(a12: float, digits: int = 6) -> list[tuple[str, str]]:
    """The lecture's calculation done right, except a₁[2] = ``a12``, and every later number computed from it."""
    s = ref.sigma
    a1 = [ref.a1[0], a12]
    z2 = a1[0] * ref.W2[0] + a1[1] * ref.W2[1] + ref.B2
    yhat = s(z2)
    d2 = (yhat - ref.Y) * yhat * (1 - yhat)
    da1 = [d2 * w for w in ref.W2]
    slope = [a * (1 - a) for a in a1]
    d1 = [da1[j] * slope[j] for j in range(2)]
    f = f"{{:.{digits}g}}".format
    return [("z₁", f"[{f(ref.z1[0])}, {f(ref.z1[1])}]"), ("a₁[1]", f(a1[0])), ("a₁[2]", f(a12)), ("z₂", f(z2)),
            ("ŷ", f(yhat)), ("L", f(0.5 * (yhat - ref.Y) ** 2)), ("∂L/∂ŷ", f(yhat - ref.Y)), ("δ₂", f(d2)),
            ("∂L/∂W₂", f"[{f(d2 * a1[0])}, {f(d2 * a1[1])}]"), ("∂L/∂a₁", f"[{f(da1[0])}, {f(da1[1])}]"),
            ("δ₁", f"[{f(d1[0])}, {f(d1[1])}]"),
            ("∂L/∂W₁", "[[{}, {}], [{}, {}]]".format(*(f(x * d) for x in ref.X for d in d1))),
            ("∂L/∂b₁", f"[{f(d1[0])}, {f(d1[1])}]")]


@pytest.mark.parametrize("granularity", ["neuron", "operation"])
def test_a_wrong_value_and_consistent_values_after_it_make_one_slip(granularity):
    report = check_hand_calculation(_lecture_graph(granularity), _consistent_rows(0.912345))
    assert report.slips == ["a₁[2]"]
    assert str(report.summary) == "The first slip is a₁[2]: every later difference comes from it."
    for symbol in ("z₂", "ŷ", "L", "∂L/∂ŷ", "δ₂", "∂L/∂W₂[1,1]", "∂L/∂W₂[2,1]", "∂L/∂a₁[1]", "δ₁[1]", "δ₁[2]",
                   "∂L/∂W₁[2,2]", "∂L/∂b₁[2]"):
        cell = report.cell(symbol)
        assert cell.status == "carried", symbol
        assert cell.roots == ["a₁[2]"], symbol
    for symbol in ("z₁[1]", "z₁[2]", "a₁[1]"):
        assert report.cell(symbol).status == "correct"


def test_a_step_left_out_is_recomputed_from_the_students_numbers():
    rows = [r for r in _consistent_rows(0.912345) if r[0] not in ("z₂", "δ₂")]  # no z₂, no δ₂ written down
    report = check_hand_calculation(_lecture_graph(), rows)
    assert report.slips == ["a₁[2]"]
    assert report.cell("ŷ").status == "carried"
    assert report.cell("∂L/∂W₂[1,1]").status == "carried"


def test_a_gradient_matrix_entered_transposed_is_transposed_not_wrong():
    f = "{:.6g}".format
    text = f"[[{f(ref.dW1[0][0])}, {f(ref.dW1[1][0])}], [{f(ref.dW1[0][1])}, {f(ref.dW1[1][1])}]]"
    report = check_hand_calculation(_lecture_graph(), [("∂L/∂W₁", text)])
    entry = report.entries[0]
    assert entry.transposed
    assert entry.status == "correct"
    assert not report.slips


def test_symbols_are_read_loosely_and_problems_are_named():
    report = check_hand_calculation(_lecture_graph(), [
        ("a_1[2]", "0.916827"), ("dL/dW1[2,1]", "0.00900888"), ("yhat", "0,765738"), ("q₉", "1"), ("a₁", "[1]"),
        ("z₂", "abc"),
    ])
    assert [e.status for e in report.entries[:3]] == ["correct"] * 3
    assert [str(e.problem) for e in report.entries[3:]] == [
        "q₉: this lesson has no step with this symbol.", "a₁: expected 2 numbers, got 1.",
        "z₂: 'abc' is not a number."]


def test_layer_granularity_arrays_are_checked_entry_by_entry():
    graph = array_graphs.layer_graph()
    graph.forward()
    graph.backward()
    r = array_graphs.reference()
    f = "{:.6g}".format
    wrong_a12 = 0.912345  # a slip in one entry of the vector a₁; the later values computed from it
    a1 = np.array([[r["a1"][0, 0], wrong_a12]])
    z2 = a1 @ array_graphs.W2 + array_graphs.B2
    rows = [("a₁", f"[{f(a1[0, 0])}, {f(a1[0, 1])}]"), ("z₂", f"[{f(z2[0, 0])}, {f(z2[0, 1])}]"),
            ("∂L/∂W₁", "[[{}, {}], [{}, {}]]".format(*(f(v) for v in r["dW1"].T.ravel())))]
    report = check_hand_calculation(graph, rows)
    assert report.slips == ["a₁[2]"]
    assert report.cell("a₁[1]").status == "correct"
    assert report.cell("z₂[1]").status == report.cell("z₂[2]").status == "carried"
    assert report.entries[2].transposed
    assert report.entries[2].status == "correct"


def test_pasted_tables_and_csv_files(tmp_path):
    pasted = "symbol\tvalue\na₁[2]\t0.9084\n∂L/∂W₁\t[[0.0045, 0.0090], [0.0004, 0.0008]]\n"
    assert parse_table(pasted) == [("a₁[2]", "0.9084"), ("∂L/∂W₁", "[[0.0045, 0.0090], [0.0004, 0.0008]]")]
    assert parse_table("W₁[1,1],0.5\na₁,\"[0.88, 0.92]\"\n") == [("W₁[1,1]", "0.5"), ("a₁", "[0.88, 0.92]")]
    assert parse_table("a₁[2];0,9084\n") == [("a₁[2]", "0,9084")]
    path = tmp_path / "mine.csv"
    path.write_text("\ufeffsymbol,value\nz₂,1.18440\nŷ,0.7692\n", encoding="utf-8")
    assert read_table(path) == [("z₂", "1.18440"), ("ŷ", "0.7692")]
    with pytest.raises(ValidationError, match="row 2"):
        parse_table("a,1\nonly\n")


def test_the_field_round_trips_and_a_bad_one_names_where():
    doc = load(ref.PATH)
    again = loads(doc.to_json())
    assert again.extra["hand_calculation"] == json.loads(ref.PATH.read_text(encoding="utf-8"))["hand_calculation"]
    raw = json.loads(ref.PATH.read_text(encoding="utf-8"))
    raw["hand_calculation"]["values"][2] = ["z₂", "one point one"]
    with pytest.raises(ValidationError, match=r"^hand_calculation\.values\[2\]: 'one point one' is not a number$"):
        loads(json.dumps(raw))
    raw["hand_calculation"] = {"values": [["z₂"]]}
    with pytest.raises(ValidationError, match=r"hand_calculation\.values\[0\]: expected a symbol and a value"):
        loads(json.dumps(raw))


def test_the_command_line_prints_the_classification(tmp_path, capsys):
    assert main(["check", str(ref.PATH)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "a₁[2] = 0.9084 is a slip: σ(2.4) = 0.9168." in out
    assert out[-1] == "The first slip is a₁[2]; ŷ, σ′(z₁[1]) are further independent slips."
    mine = tmp_path / "right.csv"
    mine.write_text("symbol,value\nŷ,0.765738\nδ₂,0.0476690\n", encoding="utf-8")
    assert main(["check", str(ref.PATH), str(mine), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [e["status"] for e in payload["entries"]] == ["correct", "correct"]


def test_a_lesson_without_a_hand_calculation_needs_a_table(tmp_path, capsys):
    raw = json.loads(ref.PATH.read_text(encoding="utf-8"))
    del raw["hand_calculation"]
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(StudioError, match="no hand calculation"):
        check_document(load(path))
    assert main(["check", str(path)]) == 2


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), granularity=st.sampled_from(["neuron", "operation"]),
       hidden=st.sampled_from(["sigmoid", "tanh", "relu", "linear"]), decay=st.sampled_from([0.0, 0.1]),
       head=st.sampled_from(HEADS))
def test_true_values_always_check_as_correct(seed, granularity, hidden, decay, head):
    net, x, y = random_case(seed, hidden, decay, head)
    graph = compile_network(net, x, y, granularity)
    graph.forward()
    graph.backward()
    rows = [(n.sym.text, f"{float(n.value):.8e}") for n in graph.forward_order]
    rows += [(n.grad_sym.text, f"{float(n.grad):.8e}") for n in graph.backward_order if math.isfinite(n.grad)]
    report = check_hand_calculation(graph, rows)
    assert report.all_correct, [str(m) for m in report.messages() if m.code != "hand.correct"][:3]

