"""The case screen's keys, in one table: what each does, the footer's word for it, and its id.

:data:`CASE_KEYS` is the case screen's ``BINDINGS``. Each key names an
action of :class:`~reader.ui.screens.case.CaseScreen` (``next_place`` is its
``action_next_place``), says in a few words what it does (the footer and
the help panel show them), and has an id (what Textual's keymaps name to
put an action on another key, and what the tests look keys up by). Only the
keys that matter most show in the footer, in the order listed; short of room
it drops the ones in :data:`FOOTER_DROPS_FIRST` (``?`` lists them all). The
views' keys (``o`` ``d`` ``w`` ``t``) come from :data:`reader.ui.view_table.VIEWS`,
like everywhere else they are offered.
"""

from __future__ import annotations

from textual.binding import Binding

from reader.ui.view_table import open_bindings

CASE_KEYS: list[Binding] = [
    Binding("slash", "search", "Search", key_display="/", tooltip="Search every source", id="search"),
    Binding("n", "next_place", "Next", show=False, tooltip="Next mention of the selected entity, or next match",
            id="next"),
    Binding("N", "previous_place", "Prev", key_display="N", show=False, tooltip="Previous mention or match",
            id="previous"),
    *open_bindings(show=True),
    Binding("e", "toggle_entities", "Entities", tooltip="Show or hide the entity panel", id="toggle-entities"),
    Binding("c", "toggle_status", "Status", tooltip="Show or hide the case-status sidebar", id="toggle-status"),
    Binding("p", "next_person", "Person", id="next-person",
            tooltip="Narrow the case to its next person (then everyone): their events and entities"),
    Binding("h", "toggle_highlights", "Highlights", tooltip="Show or hide the mentions' colours",
            id="toggle-highlights"),
    Binding("s", "toggle_sync", "Sync", show=False, tooltip="Scroll the side-by-side sources together",
            id="toggle-sync"),
    Binding("left_square_bracket", "previous_source", "Prev source", key_display="[", show=False,
            id="previous-source"),
    Binding("right_square_bracket", "next_source", "Next source", key_display="]", show=False,
            id="next-source"),
    Binding("escape", "clear", "Clear", show=False,
            tooltip="Clear the search, the selection and the marks; with none, back to the watchlist "
                    "the case was opened from",
            id="clear"),
    *(Binding(str(number), f"goto_source({number})", f"Source {number}", show=False, id=f"goto-source-{number}")
      for number in range(1, 10)),
    # Annotate and Save show in the footer only when they can do something (the
    # screen's check_action says when); the hidden twins after them say why not.
    Binding("a", "annotate", "Annotate", tooltip="Turn the selected text (v, or a drag) into an annotation",
            id="annotate"),
    Binding("a", "annotate_hint", "Annotate", show=False, id="annotate-hint"),
    Binding("u", "toggle_suggestions", "Suggestions", show=False, id="toggle-suggestions",
            tooltip="Show what the sources name that no entity covers (reader suggest); a on one takes it in"),
    Binding("ctrl+s", "save", "Save", tooltip="Save the edited case files", id="save"),
    Binding("ctrl+s", "save_hint", "Save", show=False, id="save-hint"),
    Binding("R", "toggle_redaction", "Redact", key_display="R", show=False,
            tooltip="Hide sensitive people's names behind their roles, for screen sharing",
            id="toggle-redaction"),
    Binding("ctrl+z", "undo", "Undo", show=False, tooltip="Undo the last edit", id="undo"),
    Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", show=False, tooltip="Redo the last undone edit", id="redo"),
]

#: The footer's keys it leaves out when short of room, the first first (the app's ``q`` among them).
FOOTER_DROPS_FIRST = ("quit", "next-person", "toggle-highlights", "toggle-status", "toggle-entities")
