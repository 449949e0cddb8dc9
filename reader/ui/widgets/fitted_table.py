"""A DataTable laid out for its width: rebuilt when the width or the theme changes."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.events import Resize
from textual.widgets import DataTable


class FittedTable(DataTable):
    """A table whose columns are sized to the room it has; subclasses build it in :meth:`fill`."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._width = 0  # the width the table was last built for

    def fill(self) -> None:
        """(Re)build the table for ``self.size.width``."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self.fill()

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self.fill()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Cells carry styles taken from the stylesheet: a new theme needs new cells.
        if self.is_mounted and self.row_count:
            self.call_later(self.fill)

    def _style(self, component: str) -> Style:
        """A component's style for a cell, without colour under NO_COLOR."""
        style = self.get_component_rich_style(component, partial=True)
        return style.without_color if self.app.no_color else style
