"""Screenshots of exercise mode at 1280×720, in English and Chinese: docs/exercise_en.png, docs/exercise_zh.png.

Run from the repository root: ``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/exercise_screenshots.py``.
Each language runs in its own process (translators are installed before the first widget).
"""

from __future__ import annotations

import sys
from pathlib import Path

from screenshots import ROOT, each_language, settle, start

SHOTS = {"en": ROOT / "docs" / "exercise_en.png", "zh_CN": ROOT / "docs" / "exercise_zh.png"}


def shoot(language: str, out: Path) -> int:
    app, window = start(language)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from gui.paths import LECTURE

    window.open_path(LECTURE, remember=False)
    settle(app)
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
    sys.exit(each_language(__file__, SHOTS))
