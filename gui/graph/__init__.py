"""The operation graph: its view, the layout that places its nodes, their drawing and the step's highlight."""
