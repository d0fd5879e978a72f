"""Shared view bases: zoom and pan (ZoomableView), the lesson view's helpers, and the diagram's drawing items."""
