"""The help (``?``): every key that works where the reader is, grouped, over the screen.

It is made from the keys the screen below has active (see
:func:`reader.ui.key_groups.help_sections`), so it lists only what works
there and now, a new key included, and only the sources the case has. It
is an overlay: the sources stay as wide as they were under it. Esc or ``?``
(or a click outside it) closes it.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Click
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.paths import styles_dir
from reader.ui.key_groups import HelpRow
from reader.ui.list_keys import KeyedScroll
from reader.ui.screens.once import DismissOnce


class HelpKeys(Static):
    """One group's keys: each key and what it does (wrapped beside the key)."""

    COMPONENT_CLASSES = {"help-keys--key", "help-keys--disabled"}

    def __init__(self, rows: list[HelpRow]) -> None:
        super().__init__()
        self.rows = rows

    def render(self) -> RenderableType:
        key_style = self.get_component_rich_style("help-keys--key")
        disabled = self.get_component_rich_style("help-keys--disabled")
        table = Table(show_header=False, box=None, padding=(0, 1, 0, 0), expand=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(ratio=1)
        for row in self.rows:
            # Our own words (binding descriptions), shown as plain text, never as markup.
            table.add_row(Text(row.keys, style=key_style), Text(row.description, style="" if row.enabled else disabled))
        return table


class HelpScreen(ModalScreen[None], DismissOnce[None]):
    """The keys that work on the screen below, by group, in a box over it."""

    CSS_PATH = str(styles_dir() / "help.tcss")  # read when the help first opens, not at start-up
    BINDINGS = [Binding("escape,question_mark", "close", "Close help", id="close-help"),
                # q quits from the help too, as from every screen it is shown over.
                Binding("q", "app.quit", "Quit", show=False, id="quit")]
    #: Wide enough, the groups go in two columns.
    HORIZONTAL_BREAKPOINTS = [(0, "-one-column"), (110, "-two-columns")]

    def __init__(self, sections: list[tuple[str, list[HelpRow]]], *, title: str = "Keys") -> None:
        """Show ``sections`` (each group's title and rows, in order), under ``title``."""
        super().__init__()
        self.sections = sections
        self.help_title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            box.border_title = self.help_title
            box.border_subtitle = "Esc or ? closes"
            with KeyedScroll(id="help-sections"):
                for title, rows in self.sections:
                    with Vertical(classes="help-section"):
                        yield Static(title, classes="help-title", markup=False)
                        yield HelpKeys(rows)

    def on_mount(self) -> None:
        self.query_one("#help-sections").focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)

    def on_click(self, event: Click) -> None:
        # A click outside the box closes the help, as a click outside a menu does.
        if event.widget is self:
            self.dismiss(None)
