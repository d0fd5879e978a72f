"""Help: the first-lesson walkthrough for newcomers.

It opens beside the diagram, in a window that never takes the keyboard: → and ← keep stepping the lesson
while it is open (the main window's step actions also work when the walkthrough is clicked).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

SIZE = (440, 560)  # the walkthrough's size where there is room
MIN_STRIP = 160  # the narrowest strip beside the diagram the walkthrough goes into
GAP = 4  # pixels between the diagram and the walkthrough


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
            "Purple arrows show the gradient flowing back; the gold ring marks the current step.",
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
    """The walkthrough: a tool window that never takes focus, placed by ``show_beside``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstLessonDialog")
        self.setWindowTitle(self.tr("Your first lesson"))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.Tool, True)
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        layout = QVBoxLayout(self)
        text = QTextBrowser(self)
        text.setObjectName("firstLessonText")
        text.setHtml(first_lesson_html())
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for widget in (text, *buttons.buttons()):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrows stay with the lesson
        if parent is not None:
            self.addActions(parent.actions())  # should it become active anyway, the window's keys still work
        self.resize(*SIZE)

    def show_beside(self) -> None:
        """Show (or bring back) the walkthrough beside the diagram, never on it, and give focus back."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(self.place(parent))
        self.show()
        self.raise_()
        if parent is not None:
            parent.activateWindow()

    def place(self, window: QWidget) -> QRect:
        """Where the walkthrough goes: beside the window if the screen has room, else over the part of the
        window that is not the diagram (the step log below it, or the docks at its right)."""
        screen = (window.screen() or self.screen()).availableGeometry()
        frame = window.frameGeometry()
        width, height = SIZE
        height = min(height, screen.height())
        if screen.right() - frame.right() >= width:
            return QRect(frame.right() + 1, max(screen.top(), frame.top()), width, height)
        if frame.left() - screen.left() >= width:
            return QRect(frame.left() - width, max(screen.top(), frame.top()), width, height)
        diagram = getattr(window, "tabs", window)
        top_left = diagram.mapToGlobal(diagram.rect().topLeft())
        shown = QRect(top_left, diagram.size())
        inner = window.geometry()
        gap = GAP + max(self.frameGeometry().height() - self.geometry().height(), 0)  # our own title bar
        below = QRect(inner.left(), shown.bottom() + gap, shown.width(), inner.bottom() - shown.bottom() - gap)
        right = QRect(shown.right() + gap, inner.top(), inner.right() - shown.right() - gap, inner.height())
        strip = below if below.height() >= MIN_STRIP else right
        if strip.width() < MIN_STRIP or strip.height() < MIN_STRIP:
            strip = right if strip is below else below
        return QRect(strip.left(), strip.top(), min(strip.width(), width * 2), strip.height())
