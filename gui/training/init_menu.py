"""Reset weights with a chosen initialiser (engine/init.py), and the symmetry note after training.

The initialisers are rows of the action table (gui/window/actions.py, submenu Train ▸ Initialise
weights); the Reset weights button offers the same actions in its drop-down menu. Each reset is
one undo entry, drawn from the training seed the panel shows.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QToolButton

from engine.init import initialised, symmetric_layers

from ..labels import init_label
from ..window.commands import ReplaceNetworkCommand

translate = QCoreApplication.translate  # its strings keep the panel's context, "TrainingPanel"


class InitialiseMixin:
    """Initialise weights and explain symmetry (a mixin of TrainingPanel)."""

    def _build_init_menu(self, actions: dict) -> None:
        """The initialisers' actions in the Reset weights button's drop-down menu."""
        self.init_actions = {name.removeprefix("actionInit_"): action for name, action in actions.items()
                             if name.startswith("actionInit_")}
        self.init_menu = QMenu(translate("TrainingAttachment", "Initialise weights"), self)
        self.init_menu.setObjectName("resetWeightsMenu")
        self.init_menu.setToolTipsVisible(True)  # each row's tooltip gives its formula
        self.init_menu.addActions(list(self.init_actions.values()))
        self.reset_button.setMenu(self.init_menu)
        self.reset_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

    def _update_init_actions(self, enabled: bool) -> None:
        for action in self.init_actions.values():
            action.setEnabled(enabled)

    def initialise_weights(self, name: str) -> None:
        """Every weight from initialiser ``name`` and the training seed, biases 0: one undo entry."""
        if self.lesson is None or self.run is not None:
            return
        seed = self.config().seed
        label = init_label(name)
        after = initialised(self.lesson.network, name, seed)
        self.undo_stack.push(ReplaceNetworkCommand(
            self.lesson.network, after,
            translate("TrainingPanel", "Initialise weights: %1 (seed %2)").replace("%1", label)
            .replace("%2", str(seed))))
        self._set_message(translate("TrainingPanel", "Weights initialised: %1, from seed %2.")
                          .replace("%1", label).replace("%2", str(seed)))

    def _symmetry_note(self) -> str:
        """After training: which hidden layers' neurons stayed identical, and why ("" when none)."""
        layers = symmetric_layers(self.lesson.network) if self.lesson is not None else []
        if not layers:
            return ""
        return (translate("TrainingPanel", "Symmetry: the neurons of hidden layer %1 stayed identical. They "
                          "started with the same weights, so they always got the same gradient; random initial "
                          "weights break the symmetry.").replace("%1", ", ".join(map(str, layers))))
