"""reader: read several news sources about one human-rights case side by side."""

__version__ = "0.1.0"
