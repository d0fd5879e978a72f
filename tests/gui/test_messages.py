"""Engine messages reach the Chinese interface in Chinese, with fields and numbers intact."""

from PySide6.QtWidgets import QApplication

from engine.document import loads
from engine.errors import ValidationError
from gui.app import install_translators
from gui.messages import engine_message


def _message(text):
    try:
        loads(text)
    except ValidationError as exc:
        return str(exc)
    raise AssertionError("the document was accepted")


def test_messages_are_translated_with_fields_kept(qapp):
    bad_shape = _message('{"format": "backprop-studio", "version": 1, "network": {"layers": [{"size": 2}, '
                         '{"size": 2, "weights": [[1, 2, 3], [4, 5, 6]]}]}}')
    app = QApplication.instance()
    translators = install_translators(app, "zh_CN")
    try:
        assert engine_message(bad_shape) == "network.layers[1].weights: 应为 2×2，实际为 2×3"
        assert engine_message("row 4, column 'x2': 'abc' is not a number") == "第 4 行，列 'x2': “abc”不是数字"
        assert engine_message(_message("{ broken")).startswith("不是有效的 JSON（第 1 行，第 3 列：")
        assert engine_message("something the table does not know") == "something the table does not know"
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    assert engine_message(bad_shape) == bad_shape  # English stays as the engine wrote it
