"""Screenshots of gradient health on the deep sigmoid lesson at 1280×720, in English and Chinese:
docs/gradient_health_en.png, docs/gradient_health_zh.png.

The lesson is trained for its first ITERATIONS Adam iterations (the loss still on its plateau near log 2), then
stepped to the end of a backward pass with View ▸ Edge width: |∂J/∂w| on: the diagram shows each layer's ‖δ‖,
and the plot each layer's ‖∂J/∂W‖ over the run, the first layer's far below the last's.
Run from the repository root: ``.venv/bin/python tools/gradient_screenshots.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from screenshots import ROOT, each_language, settle, start

ITERATIONS = 80
SHOTS = {"en": ROOT / "docs" / "gradient_health_en.png", "zh_CN": ROOT / "docs" / "gradient_health_zh.png"}


def shoot(language: str, out: Path) -> int:
    app, window = start(language)
    from gui.paths import EXAMPLES

    window.open_path(EXAMPLES / "deep_sigmoid.json", remember=False, as_template=True)
    settle(app)
    panel = window.training.panel
    panel.set_length(ITERATIONS)
    window.actions_by_name["actionTrain"].trigger()
    deadline = time.monotonic() + 300
    while (panel.is_running() or panel.last_result is None) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    window.undo_stack.setClean()
    window.training.plot_tabs.setCurrentWidget(window.training.gradient_plot)
    window.training.plots_dock.raise_()
    window.actions_by_name["actionEdgeWidthGradient"].trigger()
    stepper = window.lesson.stepper
    stepper.goto(stepper.phase_bounds("backward")[1])  # the first backward pass, whole
    settle(app)
    window.network_view.fit()
    settle(app)
    return 0 if window.grab().save(str(out)) else 1


if __name__ == "__main__":
    if len(sys.argv) == 3:
        sys.exit(shoot(sys.argv[1], Path(sys.argv[2])))
    sys.exit(each_language(__file__, SHOTS))
