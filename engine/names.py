"""The activations, losses and optimizers on offer: each id once, with its English label.

The ids are what lesson files, the CLI and the engine use. The labels are the names handouts
and the CLI print; the window translates the same labels through Qt (gui/labels.py), so every
menu, combo box, legend and handout names a thing in one wording. tools/i18n.py runs lupdate over
this file, which finds the ``QT_TRANSLATE_NOOP`` marks (context ``Names``).
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str, str], str]
CONTEXT = "Names"  # the Qt translation context of every label below


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text


def english(context: str, text: str) -> str:
    return text


ACTIVATIONS = {
    "sigmoid": QT_TRANSLATE_NOOP("Names", "sigmoid"),
    "tanh": QT_TRANSLATE_NOOP("Names", "tanh"),
    "relu": QT_TRANSLATE_NOOP("Names", "ReLU"),
    "leaky_relu": QT_TRANSLATE_NOOP("Names", "leaky ReLU"),
    "linear": QT_TRANSLATE_NOOP("Names", "linear"),
    "softmax": QT_TRANSLATE_NOOP("Names", "softmax"),
}
OUTPUT_ONLY = frozenset({"softmax"})  # activations allowed on the output layer only
LEAKY_SLOPE = 0.01  # leaky ReLU's slope for z ≤ 0 (one slope for the step graph and the batched path)

LOSSES = {
    "half_sse": QT_TRANSLATE_NOOP("Names", "half squared error ½Σ(ŷ − y)²"),
    "mse": QT_TRANSLATE_NOOP("Names", "mean squared error"),
    "bce": QT_TRANSLATE_NOOP("Names", "binary cross-entropy"),
    "cross_entropy": QT_TRANSLATE_NOOP("Names", "cross-entropy"),
}

OPTIMIZERS = {
    "sgd": QT_TRANSLATE_NOOP("Names", "SGD"),
    "momentum": QT_TRANSLATE_NOOP("Names", "SGD with momentum"),
    "adam": QT_TRANSLATE_NOOP("Names", "Adam"),
}


def _label(table: dict[str, str], name: str, translate: Translate) -> str:
    return translate(CONTEXT, table[name]) if name in table else name


def activation_label(name: str, translate: Translate = english) -> str:
    """The activation's name in the language of ``translate`` (English by default); an unknown id as it is."""
    return _label(ACTIVATIONS, name, translate)


def loss_label(name: str, translate: Translate = english) -> str:
    return _label(LOSSES, name, translate)


def optimizer_label(name: str, translate: Translate = english) -> str:
    return _label(OPTIMIZERS, name, translate)
