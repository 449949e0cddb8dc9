"""The header: Textual's, with a title that is updated at once, never after the header has gone.

Textual's :class:`~textual.widgets.Header` shows the title from an async
watcher, which it queues when it is mounted and runs later. A view opened
and closed in one burst of keys (``o`` then Esc) removed its header in
between, and the queued update found no title to update: ``NoMatches …
HeaderTitle`` ended the reader. This header watches the same titles with a
plain function, run at once, which looks for its title rather than insisting
on it.
"""

from __future__ import annotations

from contextlib import suppress

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header, Static


class ReaderHeader(Header):
    """The app's title and the screen's sub-title, kept up to date without queueing."""

    def _on_mount(self, event: Mount) -> None:
        # In place of Header's own handler (preventing the default skips it), which
        # queues the update that may outlive the header.
        event.prevent_default()
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._show_title)
            self.watch(owner, "sub_title", self._show_title)

    def _show_title(self) -> None:
        with suppress(NoMatches, NoScreen):  # being removed: nothing left to show the title in
            self.query_one("HeaderTitle", Static).update(self.format_title())
