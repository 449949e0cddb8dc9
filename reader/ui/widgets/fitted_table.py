"""A DataTable laid out for its width: rebuilt when the width or the theme changes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.events import Resize
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import Column, ColumnKey, RowKey

from reader.ui.list_keys import TABLE_KEYS


def lines_of(text: Text, console: Console, width: int, most: int) -> Text:
    """``text`` wrapped to ``width`` over at most ``most`` lines, the last cut with "…" when there were more."""
    lines = text.wrap(console, width)
    for line in lines:  # a wrapped line keeps the space it was broken at
        line.rstrip()
    if len(lines) > most:
        lines = lines[:most]
        lines[-1].truncate(width - 1)
        lines[-1].rstrip()
        lines[-1].append("…")
    return Text("\n").join(lines)


class FittedTable(DataTable):
    """A table whose columns are sized to the room it has; subclasses build it in :meth:`fill`."""

    BINDINGS = TABLE_KEYS

    def __init__(self, **options: Any) -> None:
        self._columns_in_order: list[Column] | None = None  # DataTable's __init__ asks for it already
        super().__init__(**options)
        self._width = 0  # the width the table was last built for
        self._cell_styles: tuple[Style, ...] = ()  # the component styles it was last built with

    @property
    def ordered_columns(self) -> list[Column]:
        """The columns in the order they show: DataTable's own list, kept until a column comes or goes.

        DataTable (Textual 8) makes this list anew on every call, and calls
        it for every row added and every row drawn: with a big case's 200
        sources, a third of the time the coverage table took to open.
        """
        if self._columns_in_order is None:
            self._columns_in_order = super().ordered_columns
        return self._columns_in_order

    # Forgotten after each change to the columns (not before: DataTable may ask for them midway).
    def add_column(self, *args: Any, **kwargs: Any) -> ColumnKey:
        key = super().add_column(*args, **kwargs)
        self._columns_in_order = None
        return key

    def remove_column(self, column_key: ColumnKey | str) -> None:
        super().remove_column(column_key)
        self._columns_in_order = None

    def clear(self, columns: bool = False) -> FittedTable:
        super().clear(columns)
        self._columns_in_order = None
        return self

    def fill(self) -> None:
        """(Re)build the table for ``self.size.width``."""
        raise NotImplementedError

    def _refill(self) -> None:
        self._cell_styles = self._component_styles_now()
        self.fill()

    def _component_styles_now(self) -> tuple[Style, ...]:
        return tuple(self._style(component) for component in sorted(self.COMPONENT_CLASSES))

    def on_mount(self) -> None:
        # Before its first layout the table has no width, and the resize that gives it
        # one builds it: building it here too would build a big case's table twice.
        if self.size.width:
            self._refill()

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self._refill()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Cells carry styles taken from the stylesheet: a new theme needs new cells. Looked
        # at later, once Textual has restyled the component classes too.
        if self.is_mounted and self.row_count:
            self.call_later(self._refill_if_restyled)

    def _refill_if_restyled(self) -> None:
        # Most style updates (the table taking the focus, say) leave the cells' styles as they are.
        if self._component_styles_now() != self._cell_styles:
            self._refill()

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # DataTable (private, Textual 8) measures every cell of every new row to size
        # the columns that size to their content. Every column here has a set width,
        # so that decides nothing, and it cost a big case's coverage table (2,000
        # events by 200 sources) 40 s. Only the scrolling size is left to work out.
        if any(column.auto_width for column in self.columns.values()) or \
                any(row.auto_height or row.label is not None for row in self.rows.values()):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header_height = self.header_height if self.show_header else 0
        self.virtual_size = Size(width + self._row_label_column_width, self._total_row_height + header_height)

    def _style(self, component: str) -> Style:
        """A component's style for a cell, without colour under NO_COLOR."""
        style = self.get_component_rich_style(component, partial=True)
        return style.without_color if self.app.no_color else style
