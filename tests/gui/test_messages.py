"""Engine messages reach the Chinese interface in Chinese, with fields and numbers intact."""

import pytest

from engine import csv_import
from engine.document import loads
from engine.errors import StudioError, ValidationError
from gui.fields import field_words
from gui.messages import engine_message
from tests.gui.languages import in_chinese


def _message(text):
    """The error loading ``text`` raises (the interface translates the error, by its code)."""
    try:
        loads(text)
    except ValidationError as exc:
        return exc
    raise AssertionError("the document was accepted")


def _error(call, *args):
    with pytest.raises(StudioError) as raised:
        call(*args)
    return raised.value


def test_messages_are_translated_with_fields_kept(qapp):
    bad_shape = _message('{"format": "backprop-studio", "version": 1, "network": {"layers": [{"size": 2}, '
                         '{"size": 2, "weights": [[1, 2, 3], [4, 5, 6]]}]}}')
    with in_chinese():
        assert engine_message(bad_shape) == "输出层 ▸ 权重: 应为 2×2，实际为 2×3"
        assert engine_message(_error(csv_import.load_csv, "x1,x2\n1,2\n3,4\n5,abc\n", ["x1"])) \
            == "第 4 行，列 'x2': “abc”不是数字"
        assert engine_message(_message("{ broken")).startswith("不是有效的 JSON（第 1 行，第 3 列：")
        assert engine_message("something the table does not know") == "something the table does not know"
    assert engine_message(bad_shape) == "Output layer ▸ weights: expected 2×2, got 2×3"  # the user's words
    assert str(bad_shape) == "network.layers[1].weights: expected 2×2, got 2×3"  # the command line's field path


# ---------------------------------------------------------------- every engine module, in Chinese
import contextlib  # noqa: E402
import json  # noqa: E402
import keyword  # noqa: E402
import re  # noqa: E402

import numpy as np  # noqa: E402

from engine import edits, export, expression_check, expressions, gradcheck, training  # noqa: E402
from engine.config import TrainingConfig  # noqa: E402
from engine.document import Data, Document, load  # noqa: E402
from engine.network import ACTIVATIONS, LOSSES, Network  # noqa: E402
from engine.ops import FUNCTIONS  # noqa: E402

# Names the product shows as they are: activation and loss functions, optimizers, file formats,
# and the Python words inside code examples such as (a if c else b).
_IDENTIFIERS = {*ACTIVATIONS, *LOSSES, *FUNCTIONS, "sgd", "momentum", "adam", "numpy", "pytorch",
                "JSON", "CSV", "UTF", "NaN", "nan", "inf", "Infinity", "NUL", "Unicode", *keyword.kwlist, "float"}
_PATH = re.compile(r"^[\w.\[\]-]+: ")  # a field path, or a file name, before the message
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”")  # names the user chose, kept as they are
_FILE = re.compile(r"[^\s：]*/[^\s：]*")  # a file's path


def _assert_chinese(text):
    rest = _FILE.sub("", _QUOTED.sub("", _PATH.sub("", text)))
    assert re.search(r"[\u4e00-\u9fff]", rest), text
    english = [word for word in re.findall(r"[A-Za-z_]{3,}", rest) if word not in _IDENTIFIERS]
    assert not english, f"{text!r} keeps English words {english}"


def _raised(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except StudioError as exc:
        return exc
    raise AssertionError(f"{call.__name__} accepted its input")


_BASE = {"format": "backprop-studio", "version": 1}
_NET = {"layers": [{"size": 2}, {"size": 1, "activation": "sigmoid"}], "loss": "half_sse"}


def _network():
    return Network.from_dict(_NET)


def _diverge():
    """Train a linear network on huge numbers with a huge learning rate: the loss overflows."""
    linear = Network.from_dict({"layers": [{"size": 2}, {"size": 1, "activation": "linear"}], "loss": "mse"})
    wild = Data(np.array([[1e150, -1e150], [-1e150, 1e150]]), np.array([[1e150], [-1e150]]))
    trainer = training.Trainer(linear, wild, TrainingConfig.from_dict({"learning_rate": 1e6, "iterations": 50}))
    for _ in range(50):
        trainer.step()


def _overflowing_steps():
    """Step a network whose weights overflow z: the first non-finite step, named as the command line does."""
    from engine.compile import compile_network
    from engine.stepper import Stepper, first_non_finite

    huge = Network.from_dict({"layers": [{"size": 1}, {"size": 1, "activation": "linear", "weights": [[1e308]],
                                                       "biases": [0.0]}], "loss": "half_sse"})
    stepper = Stepper(compile_network(huge, [10.0], [0.0]), 0.1)
    stepper.run_to_end()
    raise first_non_finite([stepper.explain(k) for k in range(len(stepper))])


def _engine_messages():
    """(module, message) pairs: real messages, raised by the engine from bad input."""
    loads = lambda raw: _message(json.dumps({**_BASE, **raw}))  # noqa: E731
    net = _network()
    data = Data(np.array([[0.0, 1.0]]), np.array([[1.0]]))
    many = Data(np.random.default_rng(0).normal(size=(70, 2)), np.full((70, 1), 0.5))
    return [
        ("network", _raised(Network.from_dict, {"layers": [{"size": 2}, {"size": 1, "activation": "swish"}]})),
        ("network", _raised(Network.from_dict, {"layers": [{"size": 2}]})),
        ("network", _raised(Network.from_dict, {"layers": [{"size": 2}, {"size": 3, "weights": [[1, 2], [3]]}]})),
        ("network", _raised(Network.from_dict, {**_NET, "loss": "bce",
                                                "layers": [{"size": 2}, {"size": 1, "activation": "tanh"}]})),
        ("document", _message("{ broken")),
        ("document", _message('{"format": "backprop-studio", "version": 1, "x": NaN}')),
        ("document", loads({"version": 99})),
        ("document", loads({"title": 3, "network": _NET})),
        ("document", loads({"expression": {"source": "f = x", "values": []}})),
        ("document", loads({"network": {**_NET, "loss": "bce"}, "data": {"inputs": [[1, 2]], "targets": [[2]]}})),
        ("document", _raised(load, "/no/such/lesson.json")),
        ("document", _raised(load, "/")),
        ("document", _message('{"format": "backprop-studio", "version": 1, "x": 1e999}')),
        ("document", _message('{"format": "backprop-studio", "version": 1, "x": 1' + "0" * 5000 + "}")),
        ("document", _message('{"format": "backprop-studio", "version": 1, "x": ' + "[" * 70 + "]" * 70 + "}")),
        ("document", _message('{"format": "backprop-studio", "version": 1, "x": ' + "[" * 5000 + "]" * 5000 + "}")),
        ("document", _message('{"format": "backprop-studio", "version": 1, "x": "\\ud800"}')),
        ("document", _message('{"format": "backprop-studio", "version": 1, "\\ud800": 1}')),
        ("document", loads({"dataset": {"name": ["moons"]}, "network": _NET})),
        ("document", loads({"dataset": {"classification": 1}, "network": _NET})),
        ("document", loads({"title": "t" * 501, "network": _NET})),
        ("document", loads({"title": {"x" * 101: "t"}, "network": _NET})),
        ("document", loads({"expression": {"source": "f = x", "values": {"a b": 1}}})),
        ("document", loads({"expression": {"source": "f = x", "values": {f"v{i}": 1 for i in range(5001)}}})),
        ("document", loads({"network": {**_NET, "layers": [{"size": 2}, {"size": 1, "weights": [[[1]], [2]]}]}})),
        ("document", _raised(Document(network=_network(), extra={"x": float("nan")}).to_json)),
        ("config", _raised(TrainingConfig.from_dict, {"optimizer": "rmsprop"})),
        ("config", _raised(TrainingConfig.from_dict, {"momentum": 2})),
        ("config", _raised(TrainingConfig.from_dict, {"batch_size": -1})),
        ("csv_import", _raised(csv_import.load_csv, "a,b\n1,x\n", ["b"])),
        ("csv_import", _raised(csv_import.load_csv, "a,b\n1,2\n", ["c"])),
        ("csv_import", _raised(csv_import.load_csv, "a,a\n1,2\n", ["a"])),
        ("csv_import", _raised(csv_import.load_csv, "a,,c\n1,2,3\n", ["a"])),
        ("csv_import", _raised(csv_import.load_csv, "a,b\n1,inf\n", ["a"])),
        ("csv_import", _raised(csv_import.load_csv, "a,b\n1,2\n3\n", ["a"])),
        ("csv_import", _raised(csv_import.load_csv, "a,b\n1,x\n2,x\n", ["b"], classification=True)),
        ("csv_import", _raised(csv_import.load_csv, "a,b\n", ["b"])),
        ("csv_import", _raised(csv_import.load_csv, "a,b\n1,2\n", ["a", "b"])),
        ("edits", _raised(edits.remove_hidden_layer, net, 1)),
        ("edits", _raised(edits.remove_neuron, net, 1, 0)),
        ("edits", _raised(edits.add_hidden_layer, net, 0)),
        ("edits", _raised(edits.set_activation, net, 1, "swish")),
        ("edits", _raised(edits.set_loss, net, "hinge")),
        ("edits", _raised(edits.set_weight_decay, net, -1)),
        ("training", _raised(_diverge)),
        ("training", _raised(training.Trainer, net, data, TrainingConfig(optimizer="rmsprop"))),
        ("training", _raised(training.Trainer, net, Data(np.array([[0.0, 1.0, 2.0]]), np.array([[1.0]])),
                             TrainingConfig())),
        ("gradcheck", _raised(gradcheck.network_gradcheck, net, None)),
        ("gradcheck", _raised(gradcheck.network_gradcheck, net, (np.zeros((2, 2)), np.zeros((1, 1))))),
        *(("gradcheck", note) for note in gradcheck.network_gradcheck(net, many, max_per_group=1).notes),
        *(("gradcheck", note) for note in gradcheck.network_gradcheck(net, many, graph_budget=6).notes),
        *(("gradcheck", note) for note in gradcheck.network_gradcheck(net, data, graph_budget=1).notes),
        *(("expressions", _raised(expressions.evaluate, source, values)) for source, values in (
            ("a = x - 10\nb = log(a)\nf = b * 2", {"x": 2.0}), ("f = sqrt(x)", {"x": 0.0}),
            ("f = x ** -1", {"x": 0.0}), ("f = x * y", {"x": 1e200, "y": 1e200}), ("f = sqrt(x)", {"x": -1.0}),
            ("f = x / y", {"x": 1.0, "y": 0.0}), ("f = (-x) ** 0.5", {"x": 2.0}), ("f = exp(x)", {"x": 1e3}))),
        ("stepper", _raised(_overflowing_steps)),
        ("export", _raised(export.export_script, Document(network=net), "numpy")),
        ("export", _raised(export.export_script, Document(network=net, data=data), "julia")),
        *(("expressions", _raised(expressions.compile_expression, source, {"x": 1.0, "y": 2.0})) for source in (
            "f = x.y", "f = x // y", "f //= 2", "f = not x", "import os", "f = True", "f = 2j", "f = 'text'",
            "f = [x]", "f = x if y else 1", "f = (x + y", "f = x（y）", "f = x y", "f = sin(x y)", "f = 1a",
            "f = 012", "f = (x]", "f = x)", " f = x", "if x:\nf = 1", "x + 1 = f", "f = x\xa0+ y", "f = 'abc",
            "f = a = b", "x + y", "", "f = sin", "sin = x", "f = foo(x)", "f = sin(x, y)", "f = 1e999",
            "f = x + z", "f.a = 1", "f = 1 if x", "f = x\\ y", "f = 0x",
        )),
        ("expressions", _raised(expressions.compile_expression, "f = x", {"x": float("nan")})),
        ("expressions", _raised(expressions.compile_expression, "f = x\ud800", {"x": 1.0})),
        ("expressions", _raised(expressions.compile_expression, "f = x\n" * 501, {"x": 1.0})),
        ("expressions", _raised(expressions.compile_expression, "f = " + "(" * 150 + "x" + ")" * 150, {"x": 1.0})),
    ]


@contextlib.contextmanager
def _chinese():
    with in_chinese():
        yield


def test_every_engine_module_speaks_chinese_and_english_passes_through(qapp):
    found = _engine_messages()
    assert {module for module, _ in found} == {"network", "document", "config", "csv_import", "edits",
                                               "training", "gradcheck", "export", "expressions", "stepper"}
    with _chinese():
        translated = [(text, engine_message(text)) for _, text in found]
    for english, chinese in translated:
        _assert_chinese(chinese)
        assert chinese != str(english)
    for _, text in found:  # no translator: the engine's words exactly, the place in the user's words
        words = field_words(text.field, text.layers) if isinstance(text, ValidationError) \
            and isinstance(text.field, str) else None
        assert engine_message(text) == (f"{words}: {text.problem}" if words else str(text))


def test_fields_names_and_numbers_are_kept(qapp):
    with _chinese():
        csv = engine_message(_raised(csv_import.load_csv, "a,,c\n1,2,3\n", ["a"]))
        diverged = engine_message(_raised(_diverge))
        expression = _raised(expressions.compile_expression, "f = x\ng = x.y", {"x": 1.0})
        config = engine_message(_raised(TrainingConfig.from_dict, {"optimizer": "rmsprop"}))
    assert csv == "第 1 行，第 2 列: 标题行中有一列的列名为空"
    assert re.fullmatch(r"训练在第 \d+ 次迭代时发散：损失变成了 (inf|nan)。请尝试更小的学习率。", diverged), diverged
    assert engine_message(expression) == str(expression)
    with _chinese():
        assert engine_message(expression) == "第 2 行，第 5 列: 表达式课程中不允许使用属性访问（a.b）"
    assert config == "训练 ▸ 优化器: 未知的优化器 'rmsprop'；可选：sgd, momentum, adam"


def test_everything_an_expression_may_not_contain_is_named_in_chinese(qapp):
    from engine.messages import Message

    whats = {*expression_check._DESCRIPTIONS.values(), Message("construct.truth_value", value=True),
             Message("construct.complex")}
    with _chinese():
        for what in whats:
            _assert_chinese(engine_message(Message("expr.not_allowed", what=what)))


@pytest.mark.parametrize("text", ["something the table does not know", "row 3: something new",
                                  "network.layers: 100%1 odd"])
def test_unknown_shapes_are_shown_as_they_are(qapp, text):
    with _chinese():
        assert engine_message(text) == text


def test_the_gradient_check_note_on_a_step_near_zero_reads_in_chinese(qapp):
    report = gradcheck.gradcheck(expressions.compile_expression("f = 1 / x", {"x": 1e-5}))
    with _chinese():
        assert [engine_message(note) for note in report.notes] == ["在 0 附近改用步长 h = ε·|x|：x"]


# ---------------------------------------------------------------- by code, not by text
def test_a_reworded_engine_message_is_still_shown_in_chinese(qapp, monkeypatch):
    from engine import messages as catalogue

    monkeypatch.setitem(catalogue.CATALOGUE, "expected.shape",
                        "the matrix should be {rows} by {columns} but it is {got_rows} by {got_columns}")
    reworded = _raised(Network.from_dict, {"layers": [{"size": 2}, {"size": 2, "weights": [[1, 2, 3], [4, 5, 6]]}]})
    assert str(reworded) == "network.layers[1].weights: the matrix should be 2 by 2 but it is 2 by 3"
    with pytest.raises(StudioError) as raised:
        Network.from_dict({"layers": [{"size": 2}, {"size": 2, "weights": [[1, 2, 3], [4, 5, 6]]}]})
    with _chinese():
        assert engine_message(raised.value) == "输出层 ▸ 权重: 应为 2×2，实际为 2×3"
    # the English interface shows the engine's new words
    assert engine_message(raised.value) == "Output layer ▸ weights: the matrix should be 2 by 2 but it is 2 by 3"


def test_every_catalogue_code_has_a_chinese_translation(qapp):
    from PySide6.QtCore import QCoreApplication

    from engine.messages import CATALOGUE
    from gui._engine_catalogue_strings import SOURCES

    assert SOURCES == CATALOGUE  # regenerate with python tools/i18n.py after changing the catalogue
    with _chinese():
        for code, template in CATALOGUE.items():
            if code == "at":  # "{where}: {problem}" reads the same in Chinese
                continue
            assert QCoreApplication.translate("EngineMessage", template, code) != template, code
