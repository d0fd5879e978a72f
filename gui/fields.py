"""Where a problem is, in the user's words: a field path of the lesson file as the window names it.

The engine names the place of a problem by its field path in the file (``network.layers[2].activation``,
``data.inputs[2]``), which the command line prints as it is. The window says what a teacher sees
instead: "Output layer", "Hidden layer 1 ▸ weights row 2", "Data ▸ inputs row 3", "Training ▸
learning rate". Rows, columns and neurons are counted from 1, as the diagram and the step log count.
A path the table does not know (a file name, a CSV row, a deep path inside the file) is shown as it is.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

_INDEX = r"\[(\d+)\]"
_NAME = r"([A-Za-z_]\w{0,39})"


def _table() -> list[tuple[str, str]]:
    """(path pattern, words): %L is the layer's name, %1, %2 … the pattern's groups after it (1-based)."""
    return [
        ("format", translate("FieldWords", "File format")),
        ("version", translate("FieldWords", "File format version")),
        ("network", translate("FieldWords", "Network")),
        ("network.layers", translate("FieldWords", "Layers")),
        (f"network.layers{_INDEX}", "%L"),
        (f"network.layers{_INDEX}.activation", "%L"),
        (f"network.layers{_INDEX}.size", translate("FieldWords", "%L ▸ number of neurons")),
        (f"network.layers{_INDEX}.weights", translate("FieldWords", "%L ▸ weights")),
        (f"network.layers{_INDEX}.weights{_INDEX}", translate("FieldWords", "%L ▸ weights row %1")),
        (f"network.layers{_INDEX}.weights{_INDEX}{_INDEX}", translate("FieldWords", "%L ▸ weight W[%1, %2]")),
        (f"network.layers{_INDEX}.biases", translate("FieldWords", "%L ▸ biases")),
        (f"network.layers{_INDEX}.biases{_INDEX}", translate("FieldWords", "%L ▸ bias of neuron %1")),
        ("network.loss", translate("FieldWords", "Loss function")),
        ("network.weight_decay", translate("FieldWords", "Weight decay λ")),
        ("data", translate("FieldWords", "Data")),
        ("data.inputs", translate("FieldWords", "Data ▸ inputs")),
        (f"data.inputs{_INDEX}", translate("FieldWords", "Data ▸ inputs row %1")),
        (f"data.inputs{_INDEX}{_INDEX}", translate("FieldWords", "Data ▸ inputs row %1, value %2")),
        ("data.targets", translate("FieldWords", "Data ▸ targets")),
        (f"data.targets{_INDEX}", translate("FieldWords", "Data ▸ targets row %1")),
        (f"data.targets{_INDEX}{_INDEX}", translate("FieldWords", "Data ▸ targets row %1, value %2")),
        ("training", translate("FieldWords", "Training")),
        ("training.optimizer", translate("FieldWords", "Training ▸ optimizer")),
        ("training.learning_rate", translate("FieldWords", "Training ▸ learning rate")),
        ("training.batch_size", translate("FieldWords", "Training ▸ batch size")),
        ("training.iterations", translate("FieldWords", "Training ▸ iterations")),
        ("training.epochs", translate("FieldWords", "Training ▸ epochs")),
        ("training.seed", translate("FieldWords", "Training ▸ random seed")),
        ("training.eval_every", translate("FieldWords", "Training ▸ evaluate every")),
        ("training.momentum", translate("FieldWords", "Training ▸ momentum")),
        ("training.beta1", "%T ▸ β₁"),
        ("training.beta2", "%T ▸ β₂"),
        ("training.eps", "%T ▸ ε"),
        ("training.test_fraction", translate("FieldWords", "Training ▸ test fraction")),
        ("expression", translate("FieldWords", "Expression")),
        ("expression.source", translate("FieldWords", "Expression ▸ program")),
        ("expression.values", translate("FieldWords", "Expression ▸ values")),
        (f"expression.values.{_NAME}", translate("FieldWords", "Expression ▸ value of %1")),
        ("title", translate("FieldWords", "Title")),
        ("description", translate("FieldWords", "Description")),
        ("dataset", translate("FieldWords", "Dataset")),
        ("target_columns", translate("FieldWords", "Target columns")),
    ]


def _layer(index: int, layers: int | None) -> str:
    if index == 0:
        return translate("FieldWords", "Input layer")
    if layers is not None and index == layers - 1:
        return translate("FieldWords", "Output layer")
    if layers is not None and index < layers:
        return translate("FieldWords", "Hidden layer %1").replace("%1", str(index))
    return translate("FieldWords", "Layer %1").replace("%1", str(index))


def field_words(path: str, layers: int | None = None) -> str | None:
    """``path`` in the user's words, or None when the table does not know it.

    ``layers`` is the network's layer count (ValidationError.layers): without it a layer other
    than the input is "Layer i", as the file counts them.
    """
    for pattern, words in _table():
        match = re.fullmatch(pattern.replace(".", r"\."), path)
        if match is None:
            continue
        groups = list(match.groups())
        if words.startswith("%T"):
            words = words.replace("%T", translate("FieldWords", "Training"))
        if "%L" in words:
            words = words.replace("%L", _layer(int(groups.pop(0)), layers))
        # numbers count from 1, as the window counts rows and neurons; names stay as they are
        for k, group in enumerate(groups, start=1):
            words = words.replace(f"%{k}", str(int(group) + 1) if group.isdigit() else group)
        return words
    return None
