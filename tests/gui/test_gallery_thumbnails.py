"""The example gallery shows a thumbnail beside every lesson: its network coloured by activation, or its graph."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from engine.document import load
from gui.paths import EXAMPLES
from gui.window.gallery import GalleryDialog
from gui.window.gallery_thumbnails import ACTIVATION_COLOURS, SIZE, lesson_thumbnail, points


def test_every_gallery_lesson_is_listed_with_a_thumbnail(qtbot):
    dialog = GalleryDialog("en")
    qtbot.addWidget(dialog)
    count = dialog.list.count()
    assert count == len(list(EXAMPLES.glob("*.json")))
    for row in range(count):
        icon = dialog.list.item(row).icon()
        assert not icon.isNull(), dialog.list.item(row).text()
    assert dialog.list.iconSize().width() == SIZE
    titles = [dialog.list.item(row).text() for row in range(count)]
    assert "A step-by-step backpropagation example: the 2-2-2 sigmoid network" in titles


def _colour_at(doc, column: int, row: int) -> QColor:
    sizes = doc.network.sizes
    at = points(SIZE, [[None] * min(n, 6) for n in sizes])[column][row]
    return lesson_thumbnail(doc).toImage().pixelColor(int(at.x()), int(at.y()))


def test_the_deep_sigmoid_and_relu_thumbnails_differ_by_their_hidden_neurons_colour(qtbot):
    sigmoid, relu = load(EXAMPLES / "deep_sigmoid.json"), load(EXAMPLES / "deep_relu.json")
    assert sigmoid.network.sizes == relu.network.sizes  # the same sketch but for the fill
    for column in range(1, len(sigmoid.network.sizes) - 1):
        assert _colour_at(sigmoid, column, 0) == QColor(ACTIVATION_COLOURS["sigmoid"])
        assert _colour_at(relu, column, 0) == QColor(ACTIVATION_COLOURS["relu"])
    assert _colour_at(relu, 0, 0) == QColor(Qt.GlobalColor.white)  # inputs are left white
    last = len(relu.network.sizes) - 1
    assert _colour_at(relu, last, 0) == QColor(ACTIVATION_COLOURS["sigmoid"])  # the output stays sigmoid


def test_an_expression_thumbnail_draws_its_graph(qtbot):
    image = lesson_thumbnail(load(EXAMPLES / "expr_shopping.json")).toImage()
    filled = sum(image.pixelColor(x, y) == QColor("#CC79A7") for x in range(SIZE) for y in range(SIZE))
    assert filled > 20  # the four operations (two products, a sum, the tax product) are drawn filled
