"""Hypothesis strategies for hostile inputs: mutated gallery lessons, expression programs, CSV text.

Shared by the engine's fuzz tests and the window's (tests/engine/test_fuzz_loading.py and
tests/gui/test_open_atomic.py). Each strategy draws bytes or text as a file would hold them.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "resources" / "examples").glob("*.json"))
GALLERY = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in EXAMPLES}

# Values that once broke loading somewhere, and ordinary ones around them.
hostile_values = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.sampled_from([0, 1, 2, -1, 1024, 1025, 10**6]),
    st.sampled_from([10**400, -(10**400)]), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 5e-324, 0.5]), st.text(max_size=12),
    st.sampled_from(["\ud800", "x\udfff", "a" * 300, "sigmoid", "softmax", "linear", "relu", "bce",
                     "cross_entropy", "mse", "adam", "momentum", "csv", "moons", "neuron", "operation",
                     "f = x.y", "f = x * y", "f = log(x)", "f = z", "to_dict", "__class__"]),
    st.lists(st.integers(-3, 3), max_size=4), st.lists(st.lists(st.floats(-2, 2), max_size=3), max_size=3),
    st.dictionaries(st.sampled_from(["name", "size", "x", "to_dict", "step", "source"]), st.integers(-2, 5),
                    max_size=3),
)
_KEYS = st.sampled_from(["to_dict", "__init__", "copy", "name", "dataset", "view", "values", "x", "\ud800",
                         "size", "weights", "activation", "loss", "step", "sample", "granularity", ""])


def _paths(tree, prefix=()):
    """Every (path, value) in a decoded JSON tree, the root first."""
    out = [(prefix, tree)]
    if isinstance(tree, dict):
        for key, value in tree.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree[:6]):  # a few rows are enough to reach every kind of field
            out += _paths(value, (*prefix, index))
    return out


def _mutate(tree, path, how, value, key):
    """``tree`` with one change at ``path`` (the tree is a fresh copy, changed in place)."""
    if not path:
        return value if how == "replace" else [tree] if how == "wrap" else tree
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "replace":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif how == "wrap":
        parent[last] = [parent[last]]
    elif how == "nest":
        nested = parent[last]
        for _ in range(70):
            nested = [nested]
        parent[last] = nested
    elif how == "rename" and isinstance(parent, dict):
        parent[key] = parent.pop(last)
    elif how == "add" and isinstance(parent[last], dict):
        parent[last][key] = value
    elif how == "grow" and isinstance(parent[last], list) and parent[last]:
        parent[last] = parent[last] * 3
    return tree


@st.composite
def mutated_lessons(draw, max_mutations: int = 3) -> bytes:
    """A gallery lesson with a few changes to its values, keys, types or nesting, then encoded."""
    tree = json.loads(json.dumps(GALLERY[draw(st.sampled_from(sorted(GALLERY)))]))
    for _ in range(draw(st.integers(1, max_mutations))):
        paths = _paths(tree)
        path, _ = paths[draw(st.integers(0, len(paths) - 1))]
        how = draw(st.sampled_from(["replace", "replace", "replace", "delete", "wrap", "nest", "rename", "add",
                                    "grow"]))
        tree = _mutate(tree, path, how, draw(hostile_values), draw(_KEYS))
    text = json.dumps(tree, ensure_ascii=draw(st.booleans()))
    text = draw(st.sampled_from([text, text, text, text.replace("0.5", "1e999", 1), text.replace("1,", "NaN,", 1),
                                 text[: len(text) // 2], text.replace('"', "'", 1)]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")


_PROGRAM_TOKENS = ["x", "y", "z", "f", "q", "=", "+", "-", "*", "/", "**", "(", ")", "\n", " ", "1", "2.5", "0",
                   "1e999", "10" * 200, "exp", "log", "sqrt", "sin", "relu", "sigmoid", "+=", "*=", ".", "'", "[",
                   "]", ",", "lambda", ":", "\ud800", "\x00", "#", "\t", "\\", "if", "é", "\uff11"]

programs = st.lists(st.sampled_from(_PROGRAM_TOKENS), max_size=25).map("".join) | st.sampled_from([
    "f = x * y + z", "q = x + y\nf = q * z", "f = log(x)", "f = " + "(" * 120 + "x" + ")" * 120,
    "f = " + "-" * 300 + "x", "f = x\n" * 600, "f = sqrt(x - 10)", "f = x / 0", "f = x ** y",
])
variable_values = st.dictionaries(
    st.sampled_from(["x", "y", "z", "q", "f", "not a name", "\ud800"]),
    st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-5, 5), st.sampled_from([10**400, 1e308]),
              st.text(max_size=3), st.none(), st.booleans()),
    max_size=4)


@st.composite
def expression_lessons(draw) -> bytes:
    raw = {"format": "backprop-studio", "version": 1,
           "expression": {"source": draw(programs), "values": draw(variable_values)}}
    return json.dumps(raw).encode("utf-8")


_CSV_TOKENS = [",", ";", "\t", "\n", "\r\n", "a", "b", "c", "1", "2.5", "-3", "1e999", "inf", "nan", '"', " ",
               "\x00", "\ufeff", "x", "0", "1", "cat", "dog", ",,", "\n\n"]
csv_texts = st.lists(st.sampled_from(_CSV_TOKENS), max_size=40).map(lambda parts: "a,b\n" + "".join(parts) + "\n")
csv_targets = st.sampled_from([0, 1, -1, 5, "a", "b", "c", ["a", "b"], ["a", "a"], [], True])
