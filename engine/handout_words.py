"""What the Markdown and LaTeX handouts share: their headings (in English, translated by the
window) and how a layer, a wide matrix or a tall one is laid out."""

from __future__ import annotations

from .formula import num
from .handout_sentences import QT_TRANSLATE_NOOP
from .names import activation_label, loss_label

HEADINGS = (  # listed for lupdate; the handouts look them up through Handout.word
    QT_TRANSLATE_NOOP("Handout", "What is given"),
    QT_TRANSLATE_NOOP("Handout", "Program"),
    QT_TRANSLATE_NOOP("Handout", "Values"),
    QT_TRANSLATE_NOOP("Handout", "Layers"),
    QT_TRANSLATE_NOOP("Handout", "Loss"),
    QT_TRANSLATE_NOOP("Handout", "Weight decay"),
    QT_TRANSLATE_NOOP("Handout", "Learning rate"),
    QT_TRANSLATE_NOOP("Handout", "Sample"),
    QT_TRANSLATE_NOOP("Handout", "%1 of %2"),
    QT_TRANSLATE_NOOP("Handout", "all %1 at once (layer steps)"),
    QT_TRANSLATE_NOOP("Handout", "Input"),
    QT_TRANSLATE_NOOP("Handout", "Hidden %1"),
    QT_TRANSLATE_NOOP("Handout", "Output"),
)

MAX_COLUMNS = 8  # numbers per matrix row on a line; wider matrices wrap into blocks
MAX_BLOCKS = 3  # blocks shown before the middle ones are left out
MAX_ROWS = 12  # rows shown before the middle ones are left out


def layer_title(doc, given, n: int) -> str:
    """Input / Hidden 1 (sigmoid) / Output (sigmoid), in the handout's language."""
    layer = given.layers[n]
    if n == 0:
        return doc.word("Input")
    name = doc.word("Output") if n == len(given.layers) - 1 else doc.word("Hidden %1").replace("%1", str(n))
    return f"{name} ({activation_label(layer.activation, doc.translate)})"


def chunks(columns: int, size: int = MAX_COLUMNS) -> list[tuple[int, int]]:
    """Column ranges [first, last) of the blocks a wide matrix wraps into (middle ones left out)."""
    blocks = [(k, min(k + size, columns)) for k in range(0, columns, size)]
    return blocks if len(blocks) <= MAX_BLOCKS else [*blocks[:MAX_BLOCKS - 1], blocks[-1]]


def shown_rows(rows: int, limit: int = MAX_ROWS) -> list[int | None]:
    """Row indices to show, with None where the middle rows are left out (⋮)."""
    if rows <= limit:
        return list(range(rows))
    return [*range(limit - 3), None, *range(rows - 2, rows)]


def sample_text(doc, given) -> str:
    """Which samples the derivation steps through: "1 of 4", or all of them at layer granularity."""
    if given.batch:
        return doc.word("all %1 at once (layer steps)").replace("%1", str(given.samples))
    return doc.word("%1 of %2").replace("%1", str(given.sample + 1)).replace("%2", str(given.samples))


def data_rows(values):
    """A sample's numbers as one row, or every sample's as rows (layer granularity)."""
    return values.reshape(1, -1) if values.ndim == 1 else values


def given_items(doc, given) -> list[tuple[str, str]]:
    """(label, value) of what a network lesson is given, in the handout's language: its layers,
    loss, weight decay, learning rate and samples (every handout and exercise sheet lists these)."""
    w = doc.word
    sizes = " → ".join(f"{layer.size}" + ("" if layer.activation is None else
                                         f" ({activation_label(layer.activation, doc.translate)})")
                       for layer in given.layers)
    items = [(w("Layers"), sizes), (w("Loss"), loss_label(given.loss, doc.translate))]
    if given.weight_decay:
        items.append((w("Weight decay"), f"λ = {num(given.weight_decay).text}, J = L + λ/2·Σ‖W‖²"))
    return [*items, (w("Learning rate"), f"η = {num(given.learning_rate).text}"),
            (w("Sample"), sample_text(doc, given))]
