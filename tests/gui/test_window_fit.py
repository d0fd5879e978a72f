"""The first window fits the screen (1366×768 laptops, 1280×720 projectors), and Fit shows the whole network."""

import subprocess
import sys

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication

from gui.window.main_window import MainWindow

PROBE = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
QCoreApplication.setOrganizationName("BackpropStudio")
QCoreApplication.setApplicationName("Backprop Studio")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {settings!r})
from gui.window.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
g, a = window.frameGeometry(), window.screen().availableGeometry()
print(g.width(), g.height(), window.width(), window.height(), a.contains(g))
"""


def test_first_window_fits_small_screens(tmp_path, repo_root, offscreen_screen):
    for width, height in ((1280, 720), (1366, 768), (1920, 1080)):
        env = offscreen_screen(width, height)
        script = PROBE.format(root=str(repo_root), settings=str(tmp_path / f"settings-{width}"))
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr[-2000:]
        *sizes, inside = out.stdout.split()
        frame_w, frame_h, client_w, client_h = map(int, sizes)
        assert inside == "True", (width, height, out.stdout)
        if width >= frame_w - client_w + 1400 and height >= frame_h - client_h + 860:
            assert (client_w, client_h) == (1400, 860)  # the designed size where there is room
        else:
            assert frame_w == min(width, frame_w - client_w + 1400)  # as large as the screen allows
            assert frame_h == min(height, frame_h - client_h + 860)


def test_saved_geometry_from_a_larger_screen_is_not_used(qtbot):
    available = QGuiApplication.primaryScreen().availableGeometry()
    big = MainWindow()
    qtbot.addWidget(big)
    big.setGeometry(QRect(0, 0, available.width() + 600, available.height() + 400))
    QSettings().setValue("geometry", big.saveGeometry())
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert available.contains(window.frameGeometry())
    assert window.width() <= available.width()


def test_first_window_fits_this_screen(qtbot):
    QSettings().setValue("geometry", QByteArray())
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert QGuiApplication.primaryScreen().availableGeometry().contains(window.frameGeometry())


def _outside(view):
    """Visible scene items (neurons, boxes, headings, the loss) whose rectangle leaves the viewport."""
    port = view.viewport().rect().adjusted(-1, -1, 1, 1)
    missing = []
    for item in view.scene().items():
        if not item.isVisible() or item.parentItem() is not None:
            continue
        rect = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        if not port.contains(rect):
            missing.append((item.data(0), getattr(item, "text", lambda: "")() if callable(getattr(item, "text", None))
                            else "", rect))
    return missing


def test_fit_shows_every_gallery_network_whole_at_1280x720(qtbot):
    from PySide6.QtCore import Qt

    from gui.window.gallery import example_lessons

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.setGeometry(QRect(0, 0, 1280, 720))  # a 720p projector, full screen
    checked = 0
    for path, _title, _description in example_lessons("en"):
        assert window.open_path(path, remember=False, as_template=True)
        if window.network_view is None:
            continue  # an expression lesson: no network diagram
        window.tabs.setCurrentWidget(window.network_view)
        qtbot.wait(10)
        qtbot.keyClick(window, Qt.Key.Key_F)  # View ▸ Fit
        assert _outside(window.network_view) == [], path.name
        checked += 1
    assert checked >= 3
