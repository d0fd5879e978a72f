"""Screenshots of exercise mode at 1280×720, in English and Chinese: docs/exercise_en.png, docs/exercise_zh.png.

Run from the repository root: ``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/exercise_screenshots.py``.
Each language runs in its own process (translators are installed before the first widget).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = {"en": ROOT / "docs" / "exercise_en.png", "zh_CN": ROOT / "docs" / "exercise_zh.png"}


def shoot(language: str, out: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from gui.app import create_application, install_translators
    from gui.fonts import pick_font

    app = create_application([sys.argv[0]])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    install_translators(app, language)
    app.setFont(pick_font(language))
    from gui.paths import LECTURE
    from gui.window.main_window import MainWindow

    window = MainWindow(language=language)
    window.unattended = True
    window.open_path(LECTURE, remember=False)
    window.show()
    window.resize(1280, 720)
    window._default_dock_sizes()
    for _ in range(5):
        app.processEvents()
    stepper = window.lesson.stepper
    stepper.goto(stepper.phase_bounds("backward")[0] + 2)  # ∂L/∂ŷ taken
    window.set_exercise_mode(True)  # ∂L/∂ŷ = ŷ − y is asked
    for _ in range(3):
        app.processEvents()
    for key in ("0.2657", None, "0.2657"):  # right; → δ₂ = ∂L/∂ŷ·σ′(z₂); the slope left out, and named
        if key is None:
            QTest.keyClick(window.tabs, Qt.Key.Key_Right)
            continue
        box = window.exercise_panel.boxes()[0]
        QTest.keyClicks(box, key)
        QTest.keyClick(box, Qt.Key.Key_Return)
    for _ in range(5):
        app.processEvents()
    if window.network_view is not None:
        window.network_view.fit()
    app.processEvents()
    return 0 if window.grab().save(str(out)) else 1


if __name__ == "__main__":
    if len(sys.argv) == 3:
        sys.exit(shoot(sys.argv[1], Path(sys.argv[2])))
    screen = Path(tempfile.mkdtemp()) / "screen.json"  # an offscreen screen larger than the window
    screen.write_text(json.dumps({"screens": [{"name": "shot", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                               "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}")
    failed = 0
    for language, path in SHOTS.items():
        failed |= subprocess.call([sys.executable, __file__, language, str(path)], env=env)
    sys.exit(failed)
