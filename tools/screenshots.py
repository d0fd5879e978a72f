"""What every screenshot tool shares: an offscreen application in one language, the window at a size, and
one process per language (translators are installed before the first widget)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start(language: str, size: tuple[int, int] = (1280, 720)):
    """The application and a window of ``size`` in ``language``, with settings of its own (nothing remembered)."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings

    from gui.app import create_application, install_translators
    from gui.fonts import pick_font

    app = create_application([sys.argv[0]])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    install_translators(app, language)
    app.setFont(pick_font(language))
    from gui.window.main_window import MainWindow

    window = MainWindow(language=language)
    window.unattended = True
    window.show()
    window.resize(*size)
    window._default_dock_sizes()
    settle(app)
    return app, window


def settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def each_language(script: str, shots: dict[str, Path]) -> int:
    """Run ``script`` LANGUAGE PNG once per language, on an offscreen screen larger than the window."""
    screen = Path(tempfile.mkdtemp()) / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "shot", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                               "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}")
    failed = 0
    for language, path in shots.items():
        failed |= subprocess.call([sys.executable, script, language, str(path)], env=env)
    return failed
