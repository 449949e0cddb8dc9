"""Textual's command palette, made to close once and to go quiet once closed.

Keys typed in a burst after Enter in the palette (a paste, a fast typist)
reach its input before it closes: each queues a search, or a second
choice. Textual's palette acts on them after it has closed and its widgets
are gone, and the reader crashed with ``NoMatches … CommandList``, or its
second dismiss popped the case screen under it (``ScreenStackError``).

:class:`ReaderPalette` is the same palette with four differences, all about
closing: it closes only while it is the screen on top (see
:class:`~reader.ui.screens.once.DismissOnce`), it stops the searches it
started, it ignores what its input and list still had queued, and one
closed before it was mounted does not set itself up.
"""

from __future__ import annotations

from textual import on
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.events import Mount
from textual.widgets import Button, Input, OptionList

from reader.ui.screens.once import DismissOnce


class ReaderPalette(CommandPalette, DismissOnce[None]):
    """The command palette (ctrl+p), safe against keys that arrive as it closes."""

    def _on_mount(self, event: Mount) -> None:
        # Closed before it was even mounted (ctrl+p then Esc in one burst): the palette's own
        # set-up (prevented here) would look for the screen under it and start a search.
        if not self.is_active:
            event.prevent_default()

    def dismiss(self, result: None = None) -> AwaitComplete:
        """Close the palette and stop what it was still doing."""
        if self.is_active:
            self.workers.cancel_node(self)  # a search still running would fill a list no longer there
            self._stop_no_matches_countdown()  # likewise its "No matches found", half a second later
        return super().dismiss(result)

    @on(Input.Changed)
    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _closed_already(self, event: Input.Changed | Input.Submitted | Button.Pressed
                        | OptionList.OptionSelected) -> None:
        # Runs before the palette's own handlers (a subclass's come first); once the
        # palette is closed, preventing the default keeps them from running at all.
        if not self.is_active:
            event.stop()
            event.prevent_default()
