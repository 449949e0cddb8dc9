"""``reader.app:ReaderApp``, the app's public name (for tools and embedding)."""

from reader.ui.app import ReaderApp

__all__ = ["ReaderApp"]
