"""The main window: its action table, undo commands, files, exports, dialogs, autosave and crash log."""
