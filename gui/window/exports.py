"""File ▸ Export: the derivation (Markdown, LaTeX, CSV), images (PNG, SVG) and network scripts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QGraphicsView, QMenu, QMessageBox

from engine.derivation import check_derivation_size, handout
from engine.errors import StudioError
from engine.export import export_script
from engine.lesson import NetworkLesson
from engine.notes import texts as note_texts

from ..lesson.explain import translate
from ..messages import engine_message


def derivation_text(window, fmt: str) -> str:
    """The whole derivation of the open lesson, in the interface language, whatever step the window is on.

    It is stepped on a fresh graph of the lesson (engine.derivation.derivation_of): the window's stepper
    and its views do not move or repaint."""
    doc = window.document
    title = doc.title.get(window.language) or doc.title.get("en")
    return handout(window.lesson, fmt, title, translate, note_texts(doc, window.language))


def save_scene(view: QGraphicsView, path: str) -> bool:
    """Render a view's whole scene to PNG or SVG (by the file's suffix). False if nothing could be drawn.

    A view that was never shown builds its scene first (the graph tab builds lazily)."""
    ensure = getattr(view, "ensure_current", None)
    if ensure is not None:
        ensure()
    scene = view.scene()
    if scene is None or not scene.items() or scene.itemsBoundingRect().isEmpty():
        return False
    rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
    if path.lower().endswith(".svg"):
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(QSize(int(rect.width()), int(rect.height())))
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle("Backprop Studio")
        painter = QPainter(generator)
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
        return Path(path).exists()
    return scene_image(view).save(path)


def scene_image(view: QGraphicsView, scale: float = 2.0) -> QImage:
    """A view's whole scene on white, ``scale`` pixels a scene unit (a null image when there is nothing)."""
    ensure = getattr(view, "ensure_current", None)
    if ensure is not None:
        ensure()
    scene = view.scene()
    if scene is None or not scene.items() or scene.itemsBoundingRect().isEmpty():
        return QImage()
    rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
    image = QImage(int(rect.width() * scale), int(rect.height() * scale), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    return image


VIEWS = ("network_view", "graph_view")  # the window's views that export as images


class Exporter:
    """Builds the Export submenu and runs each export with a file dialog."""

    def __init__(self, window) -> None:
        self.window = window
        self.menu = QMenu(QCoreApplication.translate("Exports", "&Export"), window)
        self.menu.setObjectName("exportMenu")
        self.menu.aboutToShow.connect(self._fill)
        self._fill()

    def _fill(self) -> None:
        menu, w = self.menu, self.window
        menu.clear()
        for fmt, label, pattern in (
            ("markdown", QCoreApplication.translate("Exports", "Derivation as Markdown…"), "*.md"),
            ("latex", QCoreApplication.translate("Exports", "Derivation as LaTeX…"), "*.tex"),
            ("csv", QCoreApplication.translate("Exports", "Derivation as CSV…"), "*.csv"),
        ):
            action = menu.addAction(label)
            action.setObjectName(f"actionExportDerivation_{fmt}")
            action.triggered.connect(lambda _=False, f=fmt, p=pattern: self.export_derivation(f, p))
        menu.addSeparator()
        for index in range(w.tabs.count()):
            view = w.tabs.widget(index)
            which = next((name for name in VIEWS if getattr(w, name, None) is view), None)
            if which is not None:
                action = menu.addAction(
                    QCoreApplication.translate("Exports", "Image of “%1” (PNG or SVG)…").replace(
                        "%1", w.tabs.tabText(index)
                    )
                )
                action.setObjectName(f"actionExportImage_{which}")
                # The view is looked up when the action runs: opening another lesson replaces the views.
                action.triggered.connect(lambda _=False, name=which: self.export_image(name))
        menu.addSeparator()
        from .sheet_export import add_sheet_actions

        add_sheet_actions(self)
        if isinstance(w.lesson, NetworkLesson):
            menu.addSeparator()
            for target, label in (
                ("numpy", QCoreApplication.translate("Exports", "Network as a NumPy script…")),
                ("pytorch", QCoreApplication.translate("Exports", "Network as a PyTorch script…")),
            ):
                action = menu.addAction(label)
                action.setObjectName(f"actionExportScript_{target}")
                action.triggered.connect(lambda _=False, t=target: self.export_network(t))

    def _ask(self, title: str, default: str, pattern: str) -> str:
        start = str((self.window.path.parent if self.window.path else Path.home()) / default)
        path, _ = QFileDialog.getSaveFileName(self.window, title, start, pattern)
        return path

    def _write(self, path: str, text: str) -> None:
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            failed = QCoreApplication.translate("Exports", "Export failed")
            QMessageBox.warning(self.window, failed, engine_message(exc))
            return
        self._saved(path)

    def _saved(self, path: str) -> None:
        self.window.statusBar().showMessage(QCoreApplication.translate("Exports", "Saved %1").replace("%1", path), 5000)

    def export_derivation(self, fmt: str, pattern: str) -> None:
        try:  # refuse a handout too long to write before asking for a file name
            check_derivation_size(len(self.window.lesson.stepper))
        except StudioError as exc:
            QMessageBox.warning(self.window, QCoreApplication.translate("Exports", "Export failed"),
                                engine_message(exc))
            return
        path = self._ask(
            QCoreApplication.translate("Exports", "Export the derivation"), "derivation" + pattern[1:], pattern
        )
        if path:
            self._write(path, derivation_text(self.window, fmt))

    def export_image(self, which: str) -> None:
        """Save the image of the window's current ``network_view`` or ``graph_view``."""
        view = getattr(self.window, which, None)
        if not isinstance(view, QGraphicsView):
            return
        path = self._ask(
            QCoreApplication.translate("Exports", "Export image"),
            "diagram.png",
            QCoreApplication.translate("Exports", "PNG image (*.png);;SVG drawing (*.svg)"),
        )
        if not path:
            return
        view = getattr(self.window, which, None)  # the dialog ran the event loop: resolve again
        if isinstance(view, QGraphicsView) and save_scene(view, path):
            self._saved(path)
            return
        QMessageBox.warning(
            self.window,
            QCoreApplication.translate("Exports", "Export failed"),
            QCoreApplication.translate("Exports", "Could not write %1").replace("%1", path),
        )

    def export_network(self, target: str) -> None:
        path = self._ask(
            QCoreApplication.translate("Exports", "Export the network as a script"), f"network_{target}.py", "*.py"
        )
        if not path:
            return
        try:
            text = export_script(self.window.document, target, Path(path).name)
        except StudioError as exc:
            failed = QCoreApplication.translate("Exports", "Export failed")
            QMessageBox.warning(self.window, failed, engine_message(exc))
            return
        self._write(path, text)
