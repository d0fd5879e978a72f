"""Help: the first-lesson walkthrough for newcomers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout


def first_lesson_html() -> str:
    steps = [
        QCoreApplication.translate(
            "FirstLesson",
            "The window opens on the lecture's 2-2-1 network: two inputs X, two hidden neurons and one output ŷ.",
        ),
        QCoreApplication.translate(
            "FirstLesson",
            "Press → (or Space). The diagram highlights z₁[1] and the inspector shows its formula, the numbers "
            "put into it, and the result.",
        ),
        QCoreApplication.translate(
            "FirstLesson", "Keep pressing → through forward propagation until the loss L appears."
        ),
        QCoreApplication.translate(
            "FirstLesson",
            "Press → again: backpropagation starts at L and the error terms δ₂ and δ₁ follow by the chain rule. "
            "Orange arrows show the gradient flowing back.",
        ),
        QCoreApplication.translate(
            "FirstLesson",
            "Press ← to go back a step and explain it again. Home returns to the start, End runs to the end.",
        ),
        QCoreApplication.translate(
            "FirstLesson",
            "Double-click a weight on the diagram to change it: every value is recomputed. Ctrl+Z undoes it.",
        ),
        QCoreApplication.translate(
            "FirstLesson", "Press O to step through every single operation instead of whole neurons, and N to go back."
        ),
        QCoreApplication.translate(
            "FirstLesson",
            "Open File ▸ Examples for more lessons: XOR, circles, spirals, weight decay and expression circuits.",
        ),
    ]
    items = "".join(f"<li style='margin-bottom:8px'>{s}</li>" for s in steps)
    title = QCoreApplication.translate("FirstLesson", "Your first lesson")
    return f"<h2>{title}</h2><ol style='font-size:14pt'>{items}</ol>"


class FirstLessonDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("firstLessonDialog")
        self.setWindowTitle(self.tr("Your first lesson"))
        layout = QVBoxLayout(self)
        text = QTextBrowser(self)
        text.setHtml(first_lesson_html())
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 560)
