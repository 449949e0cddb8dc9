"""The footer: the keys that matter now, fitted to the width, and rebuilt only when they change.

Textual's footer shows every shown key with its label and lets the rest
run off the right edge. :class:`KeysFooter` fits them to the width instead,
in three steps, each taken only when the one before does not fit:

1. every key with its label (``o Coverage d Differences …``);
2. the keys of one binding group side by side under the group's label
   (``o d w t Views``): the views' keys are a group (see
   :mod:`reader.ui.view_table`);
3. the keys named in ``drop_first`` left out, in that order, until the rest
   fits (``?`` lists every key, so nothing is out of reach).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

#: The command palette's key at the right end (``^p palette``, its border and padding).
PALETTE_WIDTH = 12


@dataclass(frozen=True)
class Shown:
    """A key the footer shows: its binding, whether it can act now, and its tooltip."""

    binding: Binding
    enabled: bool
    tooltip: str

    @property
    def key(self) -> Hashable:
        """What a rebuild depends on."""
        binding = self.binding
        return binding.key, binding.description, binding.action, self.enabled, self.tooltip, binding.group


@dataclass(frozen=True)
class Item:
    """One place in the footer: a key with its label, or a group's keys under the group's label."""

    keys: tuple[Shown, ...]
    label: str | None = None
    """The group's label, when :attr:`keys` show together under it."""


class KeysFooter(Footer):
    """A :class:`~textual.widgets.Footer` that fits its keys to the width and skips rebuilding when they are the same.

    Textual's footer rebuilds all its keys (a dozen widgets, styled and laid
    out again: about 50 ms) whenever the screen's bindings may have changed,
    which is every focus change: each ``n`` that lands in another source,
    each click in another pane. Between two source views the keys shown are
    the same, so this footer compares what it would show with what it shows
    and rebuilds only when they differ.
    """

    def __init__(self, *, compact: bool = False, drop_first: Sequence[str] = ()) -> None:
        """``drop_first``: the ids of the keys left out when they do not all fit, the first first."""
        super().__init__(compact=compact)
        self.drop_first = tuple(drop_first)
        self._shown: Hashable = None
        self._items: tuple[Item, ...] = ()

    # -- what to show ------------------------------------------------------------------

    def _key_width(self, shown: Shown) -> int:
        """The cells a key with its label takes (Textual 8's FooterKey: its padding, and a compact key's margin)."""
        key, label = self.app.get_key_display(shown.binding), shown.binding.description
        if self.compact:
            return len(key) + (1 + len(label) if label else 0) + 1
        return len(key) + 2 + (len(label) + 1 if label else 0)

    def _width(self, item: Item) -> int:
        if item.label is None:
            return self._key_width(item.keys[0])
        # A group: each key and a space (compact; see reader.tcss), then the label and a space.
        keys = sum(len(self.app.get_key_display(shown.binding)) + (1 if self.compact else 3) for shown in item.keys)
        return keys + len(item.label) + 1

    def fit(self, screen: Screen[object], width: int) -> tuple[Item, ...]:
        """What the footer shows of ``screen``'s keys in ``width`` cells (the palette's key aside)."""
        shown: dict[str, Shown] = {}  # one key an action, as Textual's footer shows them
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = Shown(binding, enabled, tooltip)
        if self.show_command_palette:
            width -= PALETTE_WIDTH
        items = tuple(Item((key,)) for key in shown.values())
        if self._fits(items, width):
            return items
        items = tuple(self._grouped(list(shown.values())))
        for binding_id in self.drop_first:
            if self._fits(items, width):
                break
            items = tuple(item for item in items if item.label is not None or item.keys[0].binding.id != binding_id)
        return items

    def _fits(self, items: Sequence[Item], width: int) -> bool:
        return sum(self._width(item) for item in items) <= width

    @staticmethod
    def _grouped(keys: list[Shown]) -> Iterator[Item]:
        """The keys in order, those of one group next to each other made one item under the group's label."""
        index = 0
        while index < len(keys):
            group = keys[index].binding.group
            end = index + 1
            while group is not None and end < len(keys) and keys[end].binding.group == group:
                end += 1
            if group is not None and end - index > 1:
                yield Item(tuple(keys[index:end]), group.description)
            else:
                yield Item((keys[index],))
            index = end

    def shown_keys(self, screen: Screen[object]) -> Hashable:
        """What the footer shows for ``screen``'s bindings now: each key, label, action, state and tooltip."""
        self._items = self.fit(screen, self.size.width or screen.size.width)
        keys = tuple((tuple(shown.key for shown in item.keys), item.label) for item in self._items)
        return keys, self.show_command_palette

    # -- showing it --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        if not self._items and self.is_attached:
            self._items = self.fit(self.screen, self.size.width or self.screen.size.width)
        for item in self._items:
            if item.label is None:
                shown = item.keys[0]
                yield FooterKey(shown.binding.key, self.app.get_key_display(shown.binding), shown.binding.description,
                                shown.binding.action, disabled=not shown.enabled,
                                tooltip=shown.tooltip).data_bind(compact=Footer.compact)
                continue
            with KeyGroup():
                for shown in item.keys:
                    yield FooterKey(shown.binding.key, self.app.get_key_display(shown.binding), "",
                                    shown.binding.action, disabled=not shown.enabled,
                                    tooltip=shown.tooltip or shown.binding.description,
                                    classes="-grouped").data_bind(compact=Footer.compact)
            yield FooterLabel(item.label)
        yield from self._palette_key()

    def _palette_key(self) -> ComposeResult:
        """The command palette's key, at the right end (as Textual's footer shows it)."""
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return
        found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if found is None:
            return
        _node, binding, enabled, _tooltip = found
        yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                        classes="-command-palette", disabled=not enabled,
                        tooltip=binding.tooltip or binding.description)

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = self.shown_keys(screen)
        if shown == self._shown:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # the rebuild showing these keys is on its way

    def on_resize(self, event: Resize) -> None:
        # A new width may fit more keys, or fewer.
        if self.is_attached and self._bindings_ready:
            self.bindings_changed(self.screen)

    def watch_show_command_palette(self) -> None:
        # Textual's footer shows the change at its next rebuild; this one may skip that, so it asks now.
        if self.is_attached:
            self.bindings_changed(self.screen)
