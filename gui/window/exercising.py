"""The main window's exercise mode (predict, then reveal): the toggle, Reveal, the teacher's Reveal all / Hide all.

The state is the lesson's Exercise (gui/lesson/exercise.py); the panel in the exercise dock asks and
checks (gui/lesson/answer_box.py). After any change of what is hidden, the lesson's ``stepped`` event
is sent again, so that every view (diagram, graph, inspector, step log, status bar) draws its numbers
anew through the one rule, ``exercise.revealed``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from ..lesson.answer_box import ExercisePanel
from ..lesson.exercise import Exercise

translate = QCoreApplication.translate


class ExerciseMixin:
    """Exercise mode of MainWindow (a mixin of MainWindow)."""

    def _create_exercise_dock(self) -> None:
        self.exercise_dock = QDockWidget(translate("MainWindow", "Predict, then reveal"), self)
        self.exercise_dock.setObjectName("exerciseDock")
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.exercise_dock)
        self.exercise_panel = ExercisePanel(self.actions_by_name, self.exercise_dock)
        self.exercise_panel.answered.connect(self._on_exercise_answered)
        self.exercise_dock.setWidget(self.exercise_panel)
        self.exercise_dock.visibilityChanged.connect(self._on_exercise_dock_visibility)
        self.exercise_dock.hide()
        self._exercise: Exercise | None = None

    @property
    def exercise(self) -> Exercise | None:
        return self._exercise

    def set_exercise_mode(self, on: bool) -> None:
        self.exercise_action.setChecked(on)
        self.stop_play()
        if on and not self.exercise_dock.isVisible():
            if not self.tabifiedDockWidgets(self.exercise_dock) and not self.exercise_dock.isFloating() \
                    and self.dockWidgetArea(self.log_dock) == self.dockWidgetArea(self.exercise_dock):
                self.tabifyDockWidget(self.log_dock, self.exercise_dock)  # a tab beside the step log
            self.exercise_dock.show()
            self.exercise_dock.raise_()
            QTimer.singleShot(0, self._hide_stray_tab_bars)
            self.resizeDocks([self.exercise_dock], [max(250, self.exercise_dock.height())], Qt.Orientation.Vertical)
        if self._exercise is not None:
            self._exercise.set_enabled(on)
        self._sync_exercise_actions()
        if on:
            message = translate("MainWindow", "Exercise mode: each step's result is hidden until you answer it "
                                              "(R reveals it).")
            self.statusBar().showMessage(message, 8000)

    def reveal_step(self) -> None:
        if self._exercise is not None and self._exercise.open:
            self._exercise.reveal()
            self.exercise_panel.reveal_feedback()
            self._hand_keys_back()

    def reveal_all(self) -> None:
        if self._exercise is not None:
            self._exercise.reveal_all()
            self.exercise_panel.reveal_feedback()

    def hide_all(self) -> None:
        if self._exercise is not None:
            self._exercise.hide_all()

    def _install_exercise(self, exercise: Exercise) -> None:
        """Follow the new lesson's exercise, in the mode the window is in (its score starts at zero)."""
        if self._exercise is not None:
            self._exercise.changed.disconnect(self._on_exercise_changed)
            self._exercise.detach()
        self._exercise = exercise
        exercise.changed.connect(self._on_exercise_changed)
        self.exercise_panel.set_exercise(exercise)
        exercise.set_enabled(self.exercise_action.isChecked())
        self._sync_exercise_actions()

    def _on_exercise_changed(self) -> None:
        self._sync_exercise_actions()
        if self.lesson is not None:
            self.lesson.stepped.emit()  # every view draws its numbers again through the rule

    def _on_exercise_answered(self) -> None:
        if self._exercise is not None and not self._exercise.open:
            self._hand_keys_back()

    def _hand_keys_back(self) -> None:
        """After the answer: → and ← step again (the answer boxes are done)."""
        self.tabs.setFocus()

    def _on_exercise_dock_visibility(self, visible: bool) -> None:
        if not visible and self.exercise_action.isChecked() and not self.isMinimized() \
                and not self.exercise_dock.isFloating() and self.isVisible() and self.exercise_dock.isHidden():
            self.set_exercise_mode(False)  # closing the panel ends the mode

    def _sync_exercise_actions(self) -> None:
        on = self.exercise_action.isChecked()
        for name in ("actionReveal", "actionRevealAll", "actionHideAll"):
            self.actions_by_name[name].setEnabled(on)
