"""Annotating in the reader: surgical YAML edits, edit operations, and an editing session with undo."""
