"""The main window's files: new, open, save, save as, recent files, examples and the title."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from engine import document as documents
from engine.errors import StudioError

from ..messages import engine_message
from ..paths import LECTURE
from .gallery import GalleryDialog, example_lessons
from .save_files import remove_save_leftovers

translate = QCoreApplication.translate  # its strings keep the window's context, "MainWindow"

MAX_RECENT = 8


class FileMixin:
    """Open, save, recent files and examples of MainWindow (a mixin of MainWindow)."""

    def new_network(self) -> None:
        if self.maybe_save():
            doc = documents.load(LECTURE)
            doc.title = {}
            doc.description = {}
            self.set_document(doc, None)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, translate("MainWindow", "Open lesson"), str(self._last_dir()),
                                              translate("MainWindow", "Lessons (*.json);;All files (*)"))
        if path:
            self.open_path(path)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "Save lesson"),
                                              str(self._last_dir() / "lesson.json"),
                                              translate("MainWindow", "Lessons (*.json)"))
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".json"
        return self._write(Path(path))

    def current_document(self) -> documents.Document:
        """The open lesson with its view state: granularity, sample, current step and scale."""
        doc = self.document
        lesson = self.lesson
        doc.extra["view"] = {"granularity": getattr(lesson, "granularity", "neuron"),
                             "sample": getattr(lesson, "sample", 0), "step": lesson.stepper.position,
                             "font_scale": round(self.font_scale, 3)}
        return doc

    def _write(self, path: Path) -> bool:
        from PySide6.QtCore import QSaveFile

        remove_save_leftovers(path)  # what an interrupted earlier save of this file left beside it
        try:  # everything that can fail before the file is touched
            content = self.current_document().to_json().encode("utf-8")
        except StudioError as exc:
            self.warn(translate("MainWindow", "Cannot save"), engine_message(exc))
            return False
        except UnicodeEncodeError:
            self.warn(translate("MainWindow", "Cannot save"),
                      translate("MainWindow", "The lesson holds text that is not valid Unicode."))
            return False
        file = QSaveFile(str(path))
        if not file.open(QSaveFile.OpenModeFlag.WriteOnly):
            self.warn(translate("MainWindow", "Cannot save"), file.errorString())
            return False
        file.write(QByteArray(content))
        if not file.commit():
            self.warn(translate("MainWindow", "Cannot save"), file.errorString())
            return False
        self.path = path
        self.undo_stack.setClean()
        self.setWindowModified(False)
        self._remember_recent(path)
        self._update_title()
        return True

    def maybe_save(self) -> bool:
        """Ask about unsaved changes. True when it is safe to go on."""
        if not self.isWindowModified():
            return True
        answer = QMessageBox.question(
            self, translate("MainWindow", "Unsaved changes"),
            translate("MainWindow", "The lesson has unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _last_dir(self) -> Path:
        return self.path.parent if self.path else Path.home()

    def _remember_recent(self, path: Path) -> None:
        settings = QSettings()
        recent = [p for p in settings.value("recentFiles", [], type=list) if p != str(path)]
        settings.setValue("recentFiles", [str(path), *recent][:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = QSettings().value("recentFiles", [], type=list)
        for entry in recent:
            action = self.recent_menu.addAction(entry)
            action.triggered.connect(lambda _=False, p=entry: self.maybe_save() and self.open_path(p))
        if not recent:
            self.recent_menu.addAction(translate("MainWindow", "(none yet)")).setEnabled(False)

    def _fill_examples_menu(self) -> None:
        self.examples_menu.clear()
        for path, title, description in example_lessons(self.language):
            action = self.examples_menu.addAction(title)
            action.setToolTip(description)
            action.triggered.connect(lambda _=False, p=path: self.open_example(p))
        self.examples_menu.setToolTipsVisible(True)

    def open_example(self, path: Path) -> bool:
        """Open a shipped lesson as a template: saving asks for a new file name."""
        return self.maybe_save() and self.open_path(path, remember=False, as_template=True)

    def show_gallery(self) -> None:
        dialog = GalleryDialog(self.language, self)
        if dialog.exec() and dialog.chosen is not None:
            self.open_example(dialog.chosen)

    def _update_title(self) -> None:
        doc = self.document
        name = self.path.name if self.path else (doc.title.get(self.language) or doc.title.get("en")
                                                 or translate("MainWindow", "Untitled lesson"))
        self.setWindowTitle(f"{name}[*] — " + translate("MainWindow", "Backprop Studio"))

    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)
