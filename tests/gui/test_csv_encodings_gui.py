"""Import CSV… in the window: a GBK or UTF-16 file from a Chinese spreadsheet shows its Chinese columns."""

from __future__ import annotations

import codecs

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog

from engine.datasets import generate
from engine.document import Document
from engine.lesson import NetworkLesson
from engine.network import make_network
from gui.training import csv_import
from gui.training.panel import TrainingPanel

TEXT = "身高,体重,类别\n1.5,50,猫\n1.7,70,狗\n1.6,60,猫\n1.8,80,狗\n"


@pytest.mark.parametrize(("encoding", "bom"), [("gbk", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
                                                ("utf-8", codecs.BOM_UTF8)])
def test_import_csv_lists_the_chinese_columns_and_imports_them(qtbot, tmp_path, monkeypatch, encoding, bom):
    path = tmp_path / "体检.csv"
    path.write_bytes(bom + TEXT.encode(encoding))
    lesson = NetworkLesson(Document(network=make_network([2, 3, 1], ["tanh", "sigmoid"], loss="bce", seed=0),
                                    data=generate("xor", seed=0)))
    panel = TrainingPanel(lesson, QUndoStack())
    qtbot.addWidget(panel)
    shown: list[list[str]] = []

    def accept(dialog) -> int:  # the user keeps the last column ticked as the target and presses OK
        shown.append([dialog.columns.item(k).text() for k in range(dialog.columns.count())])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(csv_import.QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    monkeypatch.setattr(csv_import.CsvTargetsDialog, "exec", accept)
    before = lesson.data
    panel.ask_import_csv()
    assert shown == [["身高", "体重", "类别"]]
    qtbot.waitUntil(lambda: panel.csv_import is None and lesson.data is not before, timeout=10_000)
    assert lesson.data.inputs.tolist() == [[1.5, 50], [1.7, 70], [1.6, 60], [1.8, 80]]
    assert lesson.data.targets[:, 0].tolist() == [1.0, 0.0, 1.0, 0.0]  # 狗 sorts before 猫
    panel.shutdown()
