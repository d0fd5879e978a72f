"""File ▸ Example gallery…: every lesson that ships with the app, with its description."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

from engine import document as documents
from engine.errors import StudioError

from ..paths import EXAMPLES
from .gallery_thumbnails import SIZE, lesson_thumbnail


def example_lessons(language: str) -> list[tuple[Path, str, str]]:
    """(path, title, description) of each valid example, in the interface language when given."""
    return [(path, title, description) for path, title, description, _doc in example_documents(language)]


def example_documents(language: str) -> list[tuple[Path, str, str, documents.Document]]:
    """``example_lessons`` with each lesson's document (for its thumbnail)."""
    found = []
    # the lecture first, then networks, then expression circuits
    order = sorted(EXAMPLES.glob("*.json"), key=lambda p: (not p.stem.startswith("lecture"), p.stem.startswith("expr"),
                                                            p.stem))
    for path in order:
        try:
            doc = documents.load(path)
        except StudioError:
            continue
        title = doc.title.get(language) or doc.title.get("en") or path.stem
        description = doc.description.get(language) or doc.description.get("en", "")
        found.append((path, title, description, doc))
    return found


class GalleryDialog(QDialog):
    """A list of lessons on the left, the chosen one's description on the right."""

    def __init__(self, language: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("galleryDialog")
        self.setWindowTitle(self.tr("Example lessons"))
        self.chosen: Path | None = None
        self.list = QListWidget(self)
        self.list.setObjectName("galleryList")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text = QTextBrowser(self)
        self.list.setIconSize(QSize(SIZE, SIZE))
        for path, title, description, doc in example_documents(language):
            item = QListWidgetItem(QIcon(lesson_thumbnail(doc)), title, self.list)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setData(Qt.ItemDataRole.UserRole + 1, description)
        self.list.currentItemChanged.connect(self._on_item_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.list, 2)
        row.addWidget(self.text, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.list.setFont(font)
        self.text.setFont(font)
        self.resize(900, 520)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _on_item_changed(self, item) -> None:
        if item is None:
            return
        self.text.setHtml(f"<h2>{item.text()}</h2><p>{item.data(Qt.ItemDataRole.UserRole + 1)}</p>")

    def accept(self) -> None:
        item = self.list.currentItem()
        self.chosen = Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        super().accept()
