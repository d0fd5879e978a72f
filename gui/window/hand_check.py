"""Step ▸ Check my hand calculation and Help ▸ Compare with the lecture (a mixin of MainWindow)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from engine import document as documents
from engine.errors import StudioError
from engine.hand_table import FIELD, from_document

from ..lesson.hand_check_view import HandCheckDialog
from ..messages import engine_message
from ..paths import LECTURE


class HandCheckMixin:
    """Opens the hand-calculation check (gui/lesson/hand_check_view.py) beside the window."""

    hand_check_dialog: HandCheckDialog | None = None

    def show_hand_check(self) -> HandCheckDialog:
        dialog = self.hand_check_dialog
        if dialog is None or not dialog.isVisible():
            if dialog is not None:
                dialog.deleteLater()
            dialog = self.hand_check_dialog = HandCheckDialog(self)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def compare_with_lecture(self) -> HandCheckDialog | None:
        """The lecture lesson (opened as the gallery opens it, unless it is open) and its printed values, checked."""
        try:
            lecture = documents.load(LECTURE)
            printed = from_document(lecture)
        except StudioError as exc:
            self.warn(QCoreApplication.translate("MainWindow", "Compare with the lecture"), engine_message(exc))
            return None
        if not self._showing(lecture) and not self.open_example(LECTURE):
            return None
        dialog = self.show_hand_check()
        dialog.set_rows(printed.values)
        dialog.check()
        return dialog

    def _showing(self, lecture: documents.Document) -> bool:
        """Whether the open lesson is the lecture's: its network, data and printed values."""
        doc = getattr(self, "document", None)
        return doc is not None and doc.network is not None and \
            doc.network.to_dict() == lecture.network.to_dict() and \
            doc.data.inputs.tolist() == lecture.data.inputs.tolist() and \
            doc.data.targets.tolist() == lecture.data.targets.tolist() and \
            doc.extra.get(FIELD) == lecture.extra.get(FIELD)
