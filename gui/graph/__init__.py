"""The operation graph: its view and the layout that places its nodes."""
