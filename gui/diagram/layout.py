"""Where the network diagram puts things (Qt-free): sizes, gaps, collapsing wide layers, slot positions."""

from __future__ import annotations

import networkx as nx

COLLAPSE_OVER = 24  # layers wider than this collapse
SHOW_FIRST, SHOW_LAST = 10, 3
RADIUS = 34.0  # neuron radius at font scale 1
LAYER_GAP = 330.0
ROW_GAP = 150.0  # room for a neuron's bias, z and δ above the next neuron
COMPACT_OVER = 5  # wider layers sit closer together and leave z and δ to the inspector
COMPACT_ROW_GAP = 100.0
AUTO_LABEL_EDGES = 48  # weight labels start visible when no more edges than this are drawn
LABEL_AT = (0.3, 0.42, 0.2, 0.54, 0.66)  # where along its edge a weight label may sit, first choice first
MAX_SPREAD = 2.0  # layers spread apart up to this many times LAYER_GAP to fill a wide viewport
MIN_SPREAD = 0.55  # and come this close together to fit a narrow one
LOSS_GAP = 270.0  # the output layer to the loss, at least: the targets y sit between them
HEADING_GAP = 1.0  # radii between a layer's heading and its top neuron
SMALL_PX = 14  # the smallest text of the diagram (biases, z, δ, weights) at font scale 1
TEXT_FLOOR_PX = 14  # Fit never shows a text smaller than this on screen (thinning the diagram instead)
THIN_GAP = 0.47  # radii between two neurons' circles when the diagram is thinned
TEXT_RADIUS = 27.0  # the smallest radius (font scale 1) that holds a neuron's symbol and value
MIN_RADIUS = 4.0  # a thinned neuron is never smaller than this (font scale 1)
HEADING_PX = 15  # the layers' headings (bold)
HEADING_PAD = 2.0  # around a heading's text
BARE_RADIUS = 0.24  # a bare diagram's circles: at most this share of the closest column gap


def shown_slots(size: int) -> list[int | None]:
    """Neuron indices drawn for a layer; None is the ellipsis."""
    if size <= COLLAPSE_OVER:
        return list(range(size))
    return [*range(SHOW_FIRST), None, *range(size - SHOW_LAST, size)]


def base_gap(font_scale: float) -> float:
    """The gap between layer columns before the spread is applied."""
    return LAYER_GAP * max(1.0, 0.75 + 0.25 * font_scale)


def slot_positions(
    shown: list[list[int | None]], gap_x: float, gap_y: float
) -> dict[tuple[int, int], tuple[float, float]]:
    """Slot positions (x, y) from networkx's multipartite layout (a dict subset_key: deterministic);
    the loss is one more column after the layers in ``shown``."""
    g = nx.Graph()
    subsets: dict[int, list[tuple[int, int]]] = {}
    for layer, slots in enumerate([*shown, [0]]):
        nodes = [(layer, k) for k in range(len(slots))]
        g.add_nodes_from(nodes)
        subsets[layer] = nodes
    pos = nx.multipartite_layout(g, subset_key=subsets, align="vertical")
    unit = float(pos[(1, 0)][0] - pos[(0, 0)][0]) or 1.0  # one layer step in layout units
    return {n: (float(p[0]) / unit * gap_x, float(p[1]) / unit * gap_y) for n, p in pos.items()}


def wrap_words(line: str, width: float, advance) -> list[str]:
    """``line`` broken between words into lines no wider than ``width`` (``advance``: a text's width); a word
    wider than that keeps a line of its own."""
    lines: list[str] = []
    for word in line.split(" "):
        if lines and advance(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [line]
