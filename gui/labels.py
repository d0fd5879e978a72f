"""The window's one table of labels for activations, losses and optimizers.

The English labels are the engine's (engine/names.py, also used by handouts and the CLI);
this module translates them through Qt, context ``Names``. Every menu, combo box, legend,
inspector line and tooltip that names one of them calls these functions.
"""

from __future__ import annotations

from engine import init, names

from .lesson.explain import translate


def activation_label(name: str) -> str:
    return names.activation_label(name, translate)


def loss_label(name: str) -> str:
    return names.loss_label(name, translate)


def optimizer_label(name: str) -> str:
    return names.optimizer_label(name, translate)


def init_label(name: str) -> str:
    """A weight initialiser's name (engine/init.py), as the Reset weights menu shows it."""
    return init.init_label(name, translate)


def init_tip(name: str) -> str:
    """The initialiser's formula and what else it does: the tooltip of its menu row."""
    return (translate("TrainingPanel", "%1 for every weight (n_in, n_out: the layer's inputs and neurons); "
                      "biases start at 0. Drawn from the training seed; can be undone.")
            .replace("%1", init.INITIALISERS[name].formula))


def activation_choices(output_layer: bool) -> list[tuple[str, str]]:
    """(id, label) of each activation a layer may take: output-only ones on the output layer alone."""
    return [(name, activation_label(name)) for name in names.ACTIVATIONS
            if output_layer or name not in names.OUTPUT_ONLY]
