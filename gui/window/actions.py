"""The window's one action table: every action's name, text, keys, slot, tip and menu, stated once.

The main window builds each QAction from ``ACTIONS`` (``MainWindow._create_actions``), its menus
from the same rows (``menu`` and the order here; ``MENUS`` titles the menus and submenus) and
the keyboard-shortcut sheet from it too (``shortcut_rows``). A standalone training panel (one
without a window) builds its own rows from here with ``build_action``.

``owner`` says whose method ``slot`` names: ``window`` (the main window), ``panel`` (the training
panel), ``lossPlot`` (the training loss plot) or ``undoStack`` (the undo stack makes the action).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from engine.init import INITIALISERS
from engine.network import LOSSES

from ..labels import init_label, init_tip, loss_label

Key = QKeySequence.StandardKey
MEDIA_KEYS = Qt.Key.Key_Back.value  # Qt's application and media keys (Back, Zoom In, New, Open, …) from here on
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))  # each named in its own language, never translated


@dataclass(frozen=True)
class ActionSpec:
    name: str  # the objectName (tests and saved toolbars rely on it: keep it stable)
    text: str | Callable[[], str]  # the English text (translated in ``context``) or a function giving the label
    slot: str  # the owner's method that runs it
    menu: str  # where it is in the menus: "file", "edit/loss", ... (see MENUS)
    shortcuts: tuple = ()  # strings, Qt keys or standard keys (a standard key may bring several)
    checkable: bool = False
    tip: str | Callable[[], str] = ""  # like ``text``
    owner: str = "window"
    args: tuple = ()  # passed to the slot instead of the ``checked`` flag
    group: str = ""  # checkable actions of one group exclude each other
    separator: bool = False  # a separator before it in its menu
    context: str = "MainWindow"  # the translation context of ``text`` and ``tip``
    on_toggled: bool = False  # the slot follows ``toggled`` (also when set in code), not ``triggered``

    def label(self) -> str:
        """The text in the running language."""
        if callable(self.text):
            return self.text()
        return QCoreApplication.translate(self.context, self.text) if self.context else self.text

    def tooltip(self) -> str:
        if callable(self.tip):
            return self.tip()
        return QCoreApplication.translate(self.context, self.tip) if self.tip else ""


# QT_TRANSLATE_NOOP marks a string for pyside6-lupdate, which reads only literal contexts (no aliases);
# ``label()`` translates it in the row's ``context`` (tests/gui/test_actions.py checks the two agree).
W, P, D = "MainWindow", "TrainingPanel", "TrainingAttachment"

# Menus and submenus in the order they appear: (path, objectName, translation context, title). A
# submenu is placed in its parent menu where its first row is (``MENU_PLACES`` places the ones the
# window fills itself).
MENUS = (
    ("file", "fileMenu", W, QT_TRANSLATE_NOOP("MainWindow", "&File")),
    ("edit", "editMenu", W, QT_TRANSLATE_NOOP("MainWindow", "&Edit")),
    ("edit/loss", "lossMenu", W, QT_TRANSLATE_NOOP("MainWindow", "Loss function")),
    ("step", "stepMenu", W, QT_TRANSLATE_NOOP("MainWindow", "&Step")),
    ("view", "viewMenu", W, QT_TRANSLATE_NOOP("MainWindow", "&View")),
    ("view/notation", "notationMenu", W, QT_TRANSLATE_NOOP("MainWindow", "Notation")),
    ("view/language", "languageMenu", W, QT_TRANSLATE_NOOP("MainWindow", "Language")),
    ("train", "trainMenu", D, QT_TRANSLATE_NOOP("TrainingAttachment", "&Train")),
    ("train/init", "initMenu", D, QT_TRANSLATE_NOOP("TrainingAttachment", "Initialise weights")),
    ("help", "helpMenu", W, QT_TRANSLATE_NOOP("MainWindow", "&Help")),
)

ACTIONS: tuple[ActionSpec, ...] = (
    # ---- file
    ActionSpec("actionNew", QT_TRANSLATE_NOOP("MainWindow", "&New network"), "new_network", "file", (Key.New,)),
    ActionSpec("actionNewExpression", QT_TRANSLATE_NOOP("MainWindow", "New &expression lesson…"),
               "new_expression_lesson", "file"),
    ActionSpec("actionOpen", QT_TRANSLATE_NOOP("MainWindow", "&Open…"), "open_dialog", "file", (Key.Open,)),
    ActionSpec("actionGallery", QT_TRANSLATE_NOOP("MainWindow", "Example &gallery…"), "show_gallery", "file",
               ("Ctrl+Shift+O",)),
    ActionSpec("actionSave", QT_TRANSLATE_NOOP("MainWindow", "&Save"), "save", "file", (Key.Save,), separator=True),
    ActionSpec("actionSaveAs", QT_TRANSLATE_NOOP("MainWindow", "Save &as…"), "save_as", "file", (Key.SaveAs,)),
    ActionSpec("actionQuit", QT_TRANSLATE_NOOP("MainWindow", "&Quit"), "close", "file", (Key.Quit, "Ctrl+Q"),
               separator=True),
    # ---- edit
    ActionSpec("actionUndo", QT_TRANSLATE_NOOP("MainWindow", "&Undo"), "undo", "edit", (Key.Undo,), owner="undoStack"),
    ActionSpec("actionRedo", QT_TRANSLATE_NOOP("MainWindow", "&Redo"), "redo", "edit", (Key.Redo,), owner="undoStack"),
    ActionSpec("actionEditExpression", QT_TRANSLATE_NOOP("MainWindow", "Edit e&xpression…"), "edit_expression", "edit",
               separator=True),
    ActionSpec("actionAddLayer", QT_TRANSLATE_NOOP("MainWindow", "Add hidden layer"), "add_hidden_layer", "edit"),
    ActionSpec("actionRemoveLayer", QT_TRANSLATE_NOOP("MainWindow", "Remove last hidden layer"), "remove_hidden_layer",
               "edit"),
    *(ActionSpec(f"actionLoss_{loss}", lambda loss=loss: loss_label(loss), "set_loss", "edit/loss", checkable=True,
                 args=(loss,), group="loss") for loss in LOSSES),
    ActionSpec("actionWeightDecay", QT_TRANSLATE_NOOP("MainWindow", "Weight decay λ…"), "ask_weight_decay", "edit"),
    ActionSpec("actionLearningRate", QT_TRANSLATE_NOOP("MainWindow", "Learning rate η…"), "ask_learning_rate", "edit"),
    ActionSpec("actionRandomize", QT_TRANSLATE_NOOP("MainWindow", "Randomize weights…"), "randomize_weights", "edit",
               separator=True),
    ActionSpec("actionResetToFile", QT_TRANSLATE_NOOP("MainWindow", "Reset weights to the file"), "reset_to_file",
               "edit"),
    # ---- step
    ActionSpec("actionStepForward", QT_TRANSLATE_NOOP("MainWindow", "Step forward"), "step_forward", "step",
               (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown),
               tip=QT_TRANSLATE_NOOP("MainWindow", "Take the next step (→, Space)")),
    ActionSpec("actionStepBack", QT_TRANSLATE_NOOP("MainWindow", "Step back"), "step_back", "step",
               (Qt.Key.Key_Left, Qt.Key.Key_PageUp), tip=QT_TRANSLATE_NOOP("MainWindow", "Undo the last step (←)")),
    ActionSpec("actionReset", QT_TRANSLATE_NOOP("MainWindow", "Reset"), "reset_steps", "step", (Qt.Key.Key_Home,),
               tip=QT_TRANSLATE_NOOP("MainWindow", "Back to the start of the pass (Home)")),
    ActionSpec("actionRunToEndOfPhase", QT_TRANSLATE_NOOP("MainWindow", "Run to end of phase"), "run_to_end_of_phase",
               "step", ("Ctrl+Right",),
               tip=QT_TRANSLATE_NOOP("MainWindow", "Finish the forward, backward or update phase")),
    ActionSpec("actionRunToEnd", QT_TRANSLATE_NOOP("MainWindow", "Run to end"), "run_to_end", "step", (Qt.Key.Key_End,),
               tip=QT_TRANSLATE_NOOP("MainWindow", "Take every remaining step (End)")),
    ActionSpec("actionPlay", QT_TRANSLATE_NOOP("MainWindow", "Play"), "toggle_play", "step", ("P",), checkable=True,
               tip=QT_TRANSLATE_NOOP("MainWindow", "Step automatically at the chosen speed (P)")),
    ActionSpec("actionNeuronGranularity", QT_TRANSLATE_NOOP("MainWindow", "Neuron steps"), "set_granularity", "step",
               ("N",), checkable=True, args=("neuron",), group="granularity", separator=True),
    ActionSpec("actionOperationGranularity", QT_TRANSLATE_NOOP("MainWindow", "Operation steps"), "set_granularity",
               "step", ("O",), checkable=True, args=("operation",), group="granularity"),
    ActionSpec("actionLayerGranularity", QT_TRANSLATE_NOOP("MainWindow", "Layer steps (matrices)"), "set_granularity",
               "step", ("L",), checkable=True, args=("layer",), group="granularity",
               tip=QT_TRANSLATE_NOOP("MainWindow", "One step per vector or matrix, every sample at once (L)")),
    ActionSpec("actionGradcheck", QT_TRANSLATE_NOOP("MainWindow", "Gradient check"), "gradient_check", "step",
               ("Ctrl+G",), tip=QT_TRANSLATE_NOOP("MainWindow", "Compare every gradient with finite differences"),
               separator=True),
    ActionSpec("actionHandCheck", QT_TRANSLATE_NOOP("MainWindow", "Check my hand calculation…"), "show_hand_check",
               "step", tip=QT_TRANSLATE_NOOP("MainWindow", "Enter the values you worked out by hand and find the "
                                                           "first slip")),
    # exercise mode (predict, then reveal): gui/window/exercising.py
    ActionSpec("actionExercise", QT_TRANSLATE_NOOP("MainWindow", "Exercise mode"), "set_exercise_mode", "step",
               ("E",), checkable=True, separator=True,
               tip=QT_TRANSLATE_NOOP("MainWindow", "Predict each step: its result is hidden until you answer it (E)")),
    ActionSpec("actionReveal", QT_TRANSLATE_NOOP("MainWindow", "Reveal"), "reveal_step", "step", ("R", "Ctrl+R"),
               tip=QT_TRANSLATE_NOOP("MainWindow", "Show the true value of the step asked (R)")),
    ActionSpec("actionRevealAll", QT_TRANSLATE_NOOP("MainWindow", "Reveal all"), "reveal_all", "step",
               tip=QT_TRANSLATE_NOOP("MainWindow", "Show every hidden value (for the class)")),
    ActionSpec("actionHideAll", QT_TRANSLATE_NOOP("MainWindow", "Hide all"), "hide_all", "step",
               tip=QT_TRANSLATE_NOOP("MainWindow", "Hide every value computed so far (for the class)")),
    # ---- view
    ActionSpec("actionZoomIn", QT_TRANSLATE_NOOP("MainWindow", "Larger"), "zoom_in", "view", (Key.ZoomIn, "Ctrl+=")),
    ActionSpec("actionZoomOut", QT_TRANSLATE_NOOP("MainWindow", "Smaller"), "zoom_out", "view",
               (Key.ZoomOut, "Ctrl+-")),
    ActionSpec("actionZoomReset", QT_TRANSLATE_NOOP("MainWindow", "Normal size"), "zoom_reset", "view", ("Ctrl+0",)),
    ActionSpec("actionFit", QT_TRANSLATE_NOOP("MainWindow", "Fit diagram to window"), "fit_view", "view", ("F",)),
    ActionSpec("actionResetLayout", QT_TRANSLATE_NOOP("MainWindow", "Reset layout"), "reset_layout", "view",
               tip=QT_TRANSLATE_NOOP("MainWindow", "Put every panel back in its place at its default size")),
    ActionSpec("actionWeightLabels", QT_TRANSLATE_NOOP("MainWindow", "Show weight values"), "toggle_weight_labels",
               "view", ("W",), checkable=True, separator=True),
    ActionSpec("actionEdgeWidthGradient", QT_TRANSLATE_NOOP("MainWindow", "Edge width: |∂J/∂w| instead of |w|"),
               "toggle_gradient_widths", "view", checkable=True,
               tip=QT_TRANSLATE_NOOP("MainWindow", "Gradient health: after a backward pass, draw each weight as wide "
                                                   "as its gradient in the current step and show each layer's ‖δ‖, "
                                                   "so vanishing gradients are visible")),
    ActionSpec("actionFullScreen", QT_TRANSLATE_NOOP("MainWindow", "Full screen"), "toggle_full_screen", "view",
               (Key.FullScreen, "F11"), checkable=True),
    ActionSpec("actionPresentationMode", QT_TRANSLATE_NOOP("MainWindow", "Presentation mode"), "toggle_presentation",
               "view", ("F5",), checkable=True,
               tip=QT_TRANSLATE_NOOP("MainWindow", "Full screen for a classroom: the diagram and the formula, large "
                                     "(F5; Esc leaves, B blanks the screen, PageDown and PageUp step)")),
    ActionSpec("actionPresentationSettings", QT_TRANSLATE_NOOP("MainWindow", "Presentation settings…"),
               "show_presentation_settings", "view"),
    ActionSpec("actionHighContrast", QT_TRANSLATE_NOOP("MainWindow", "High-contrast theme (projector)"),
               "toggle_high_contrast", "view", ("Ctrl+Shift+H",), checkable=True),
    ActionSpec("actionNotation_lecture", QT_TRANSLATE_NOOP("MainWindow", "Lecture notation (X·W₁ + b₁, a, ŷ)"),
               "set_notation", "view/notation", checkable=True, args=("lecture",), group="notation", separator=True),
    ActionSpec("actionNotation_d2l", QT_TRANSLATE_NOOP("MainWindow", "d2l notation (W⁽¹⁾x, h, o)"), "set_notation",
               "view/notation", checkable=True, args=("d2l",), group="notation"),
    *(ActionSpec(f"actionLanguage_{code}", label, "switch_language", "view/language", checkable=True, args=(code,),
                 group="language", context="") for code, label in LANGUAGES),
    # ---- train (the training panel's own controls; its buttons show the same actions)
    ActionSpec("actionTrain", QT_TRANSLATE_NOOP("TrainingPanel", "Train"), "train", "train", ("Ctrl+T",), owner="panel",
               context=P,
               tip=QT_TRANSLATE_NOOP("TrainingPanel", "Train the network on the data with gradient descent")),
    ActionSpec("actionPauseTraining", QT_TRANSLATE_NOOP("TrainingPanel", "Pause"), "set_paused", "train",
               checkable=True, owner="panel", context=P, on_toggled=True,
               tip=QT_TRANSLATE_NOOP("TrainingPanel", "Pause or resume training")),
    ActionSpec("actionStepIteration", QT_TRANSLATE_NOOP("TrainingPanel", "Step one iteration"), "step_iteration",
               "train", owner="panel", context=P,
               tip=QT_TRANSLATE_NOOP("TrainingPanel", "Train for exactly one iteration, then pause")),
    ActionSpec("actionStopTraining", QT_TRANSLATE_NOOP("TrainingPanel", "Stop"), "stop", "train", ("Ctrl+.",),
               owner="panel", context=P,
               tip=QT_TRANSLATE_NOOP("TrainingPanel", "Stop training and keep the weights reached so far")),
    ActionSpec("actionResetWeights", QT_TRANSLATE_NOOP("TrainingPanel", "Reset weights"), "reset_weights", "train",
               owner="panel", context=P,
               tip=QT_TRANSLATE_NOOP("TrainingPanel", "New random weights from the seed (can be undone)"),
               separator=True),
    *(ActionSpec(f"actionInit_{name}", lambda name=name: init_label(name), "initialise_weights", "train/init",
                 owner="panel", args=(name,), tip=lambda name=name: init_tip(name)) for name in INITIALISERS),
    ActionSpec("actionExportLossPng", QT_TRANSLATE_NOOP("TrainingAttachment", "Save loss plot as PNG…"), "ask_png",
               "train", owner="lossPlot", context=D, separator=True),
    ActionSpec("actionExportLossCsv", QT_TRANSLATE_NOOP("TrainingAttachment", "Save loss history as CSV…"), "ask_csv",
               "train", owner="lossPlot", context=D),
    # ---- help
    ActionSpec("actionFirstLesson", QT_TRANSLATE_NOOP("MainWindow", "Your first lesson"), "show_first_lesson", "help"),
    ActionSpec("actionCompareLecture", QT_TRANSLATE_NOOP("MainWindow", "Compare with the lecture"),
               "compare_with_lecture", "help",
               tip=QT_TRANSLATE_NOOP("MainWindow",
                                     "Check the lecture's printed values: its slips and what they carry")),
    ActionSpec("actionShortcuts", QT_TRANSLATE_NOOP("MainWindow", "Keyboard shortcuts"), "show_shortcuts", "help",
               (Key.HelpContents,)),
    ActionSpec("actionAbout", QT_TRANSLATE_NOOP("MainWindow", "About Backprop Studio"), "show_about", "help"),
)

# Submenus the window fills itself, each placed before the row named here (in the same menu).
MENU_PLACES = {"examplesMenu": "actionSave", "recentMenu": "actionSave", "exportMenu": "actionQuit"}


def key_sequences(shortcuts: Iterable) -> list[QKeySequence]:
    """The keys of a row, each once (a standard key may already hold the extra one: F11, Ctrl+-)."""
    keys: list[QKeySequence] = []
    for shortcut in shortcuts:
        candidates = (
            QKeySequence.keyBindings(shortcut)
            if isinstance(shortcut, QKeySequence.StandardKey)
            else [QKeySequence(shortcut)]
        )
        keys += [k for k in candidates if not k.isEmpty() and k.toString() not in {x.toString() for x in keys}]
    return keys


def build_action(row: ActionSpec, parent: QObject, action: QAction | None = None) -> QAction:
    """The QAction for a row (or ``action``, made elsewhere, given the row's name, keys and tip); not connected."""
    if action is None:
        action = QAction(row.label(), parent)
    action.setObjectName(row.name)
    keys = key_sequences(row.shortcuts)
    if keys:
        action.setShortcuts(keys)
    action.setCheckable(row.checkable)
    tip = row.tooltip()
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    return action


def connect_action(row: ActionSpec, action: QAction, target: QObject) -> None:
    """Run ``target``'s slot of ``row`` when the action is triggered (or toggled)."""
    slot = getattr(target, row.slot)
    if row.args:
        action.triggered.connect(lambda _checked=False, args=row.args: slot(*args))
    else:
        (action.toggled if row.on_toggled else action.triggered).connect(slot)


def keys_text(action: QAction) -> str:
    """An action's keys as its menu shows them, "Ctrl+T" or "Right / Space" (a keyboard's own New, Open, Zoom In
    … keys that a standard key also binds are left out: few keyboards have them)."""
    return " / ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
                      if key[0].key().value < MEDIA_KEYS)


def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every row of the table with keys, in table order: the keyboard-shortcut sheet."""
    return [
        (plain(row.label()), keys_text(actions[row.name]))
        for row in ACTIONS
        if row.name in actions and actions[row.name].shortcuts()
    ]


def plain(text: str) -> str:
    """A menu text without its mnemonic and its trailing ellipsis: "Save &as…" -> "Save as"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…").strip()
