"""Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A :class:`~textual.widgets.Footer` that skips rebuilding when its keys are the same.

    Textual's footer rebuilds all its keys (a dozen widgets, styled and laid
    out again: about 50 ms) whenever the screen's bindings may have changed,
    which is every focus change: each ``n`` that lands in another source,
    each click in another pane. Between two source views the keys shown are
    the same, so this footer compares what it would show with what it shows
    and rebuilds only when they differ.
    """

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._shown: Hashable = None

    def shown_keys(self, screen: Screen[object]) -> Hashable:
        """What the footer shows for ``screen``'s bindings now: each key, label, action, state and tooltip."""
        keys = tuple((binding.key, binding.description, binding.action, enabled, tooltip, binding.group)
                     for _node, binding, enabled, tooltip in screen.active_bindings.values() if binding.show)
        return keys, self.show_command_palette

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = self.shown_keys(screen)
        if shown == self._shown:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # the rebuild showing these keys is on its way

    def watch_show_command_palette(self) -> None:
        # Textual's footer shows the change at its next rebuild; this one may skip that, so it asks now.
        if self.is_attached:
            self.bindings_changed(self.screen)
