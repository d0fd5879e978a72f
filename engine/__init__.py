"""Backprop Studio engine: computational graphs, stepping and training.

Qt-free by design: numpy, networkx and the standard library only.
"""

__version__ = "0.1.0"
