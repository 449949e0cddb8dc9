"""The keys every list and table of the reader answers to, as the sources do: ``j`` ``k`` ``g`` ``G``.

A source scrolls with ``j``/``k`` and goes to its top and end with
``g``/``G``; a list (the entity panel, the sidebar's timeline, the views'
lists and tables, the watchlist, the problems) moves its cursor with the same
keys, beside the arrows, Home and End that Textual's widgets already know.
Textual's lists name their moves differently (an ``OptionList`` goes to its
``first`` option, a ``DataTable`` to its ``scroll_top``, a scrolled panel to
its ``scroll_home``), so each kind has its own list here, made by
:func:`list_keys`; a widget puts one in its ``BINDINGS``.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList


def list_keys(*, down: str = "cursor_down", up: str = "cursor_up", top: str = "first",
              bottom: str = "last") -> list[Binding]:
    """``j``/``k`` (a row down/up) and ``g``/``G`` (the first/last row), bound to a widget's own actions."""
    return [
        Binding("j", down, "Down", show=False, id="list-down"),
        Binding("k", up, "Up", show=False, id="list-up"),
        Binding("g", top, "First", show=False, id="list-first"),
        Binding("G", bottom, "Last", key_display="G", show=False, id="list-last"),
    ]


#: For an ``OptionList`` (the entity panel, the sidebar's timeline, the differences and voices lists).
OPTION_LIST_KEYS = list_keys()

#: For a ``DataTable`` (coverage, timeline, watchlist): its top and bottom move the cursor to the first and last row.
TABLE_KEYS = list_keys(top="scroll_top", bottom="scroll_bottom")

#: For a scrolled panel of text (the problems of a case that does not load).
SCROLL_KEYS = list_keys(down="scroll_down", up="scroll_up", top="scroll_home", bottom="scroll_end")


class KeyedOptionList(OptionList):
    """An ``OptionList`` that answers to ``j`` ``k`` ``g`` ``G`` as well as the arrows, Home and End."""

    BINDINGS = OPTION_LIST_KEYS


class KeyedScroll(VerticalScroll):
    """A scrolled panel that answers to ``j`` ``k`` ``g`` ``G`` as well as the arrows, Home and End."""

    BINDINGS = SCROLL_KEYS
