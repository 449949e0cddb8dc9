"""The help's groups of keys, and the help's rows made from the keys that work where the reader is.

The help (``?``, :class:`reader.ui.screens.help.HelpScreen`) lists every key
that works on the screen below it, from that screen's active bindings, so a
key added anywhere shows there without the help being edited. Each key goes
under a group by its action: :data:`ACTION_GROUPS` is the one place that
says which (an action it does not name goes under "Other keys"). A screen
may word a key more exactly than its binding can (the case screen names the
source behind ``1``…``9``) with a ``describe_key(binding)`` method.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.binding import Binding
from textual.screen import Screen

#: The help's groups, in the order it shows them.
GROUPS = ("Reading", "Moving", "Sources", "Views", "Annotating", "General", "Other keys")

#: Each action's group in the help, by the action's name (without its parameters or ``app.``).
ACTION_GROUPS: dict[str, str] = {
    **dict.fromkeys(("search", "next_place", "previous_place", "clear", "toggle_highlights", "toggle_type",
                     "toggle_entities", "toggle_status", "next_person", "toggle_redaction", "filter", "reveal",
                     "copy", "copy_text", "select", "select_cursor", "next_sort", "show_overlay"), "Reading"),
    **dict.fromkeys(("step", "page", "top", "end", "cursor_down", "cursor_up", "cursor_left", "cursor_right",
                     "first", "last", "page_down", "page_up", "scroll_top", "scroll_bottom", "scroll_home",
                     "scroll_end", "scroll_up", "scroll_down", "scroll_left", "scroll_right", "focus_next",
                     "focus_previous"), "Moving"),
    **dict.fromkeys(("goto_source", "next_source", "previous_source", "toggle_sync"), "Sources"),
    **dict.fromkeys(("open_view", "close", "turn_page"), "Views"),
    **dict.fromkeys(("visual", "caret", "caret_word", "caret_row", "caret_line_edge", "leave_visual", "annotate",
                     "annotate_hint", "save", "save_hint", "undo", "redo", "edit_entity", "delete", "edit_event",
                     "delete_event", "toggle_suggestions"), "Annotating"),
    **dict.fromkeys(("quit", "toggle_help", "command_palette", "back_to_cases", "cancel"), "General"),
}


def action_name(action: str) -> str:
    """An action's name bare (``app.quit``: ``quit``; ``goto_source(2)``: ``goto_source``)."""
    return action.partition("(")[0].rpartition(".")[2]


def group_of(binding: Binding) -> str:
    """The help's group for a key."""
    return ACTION_GROUPS.get(action_name(binding.action), GROUPS[-1])


@dataclass(frozen=True)
class HelpRow:
    """One line of the help: the keys of one action, and what it does."""

    keys: str
    description: str
    enabled: bool = True


def help_sections(screen: Screen[object]) -> list[tuple[str, list[HelpRow]]]:
    """The keys that work on ``screen`` now (focus included), one row an action, under their groups in order."""
    describe: Callable[[Binding], str | None] | None = getattr(screen, "describe_key", None)
    keys: dict[tuple[int, str], list[str]] = {}
    rows: dict[tuple[int, str], tuple[Binding, bool]] = {}
    for namespace, binding, enabled, _tooltip in screen.active_bindings.values():
        if binding.system:
            continue
        where = (id(namespace), binding.action)
        rows.setdefault(where, (binding, enabled))
        shown = screen.app.get_key_display(binding)
        if shown not in keys.setdefault(where, []):
            keys[where].append(shown)
    grouped: dict[str, list[HelpRow]] = {group: [] for group in GROUPS}
    for where, (binding, enabled) in rows.items():
        words = (describe(binding) if describe is not None else None) or binding.tooltip or binding.description
        grouped[group_of(binding)].append(HelpRow(" ".join(keys[where]), words, enabled))
    return [(group, group_rows) for group, group_rows in grouped.items() if group_rows]
