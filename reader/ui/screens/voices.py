"""The voices view (``w``): who is quoted saying what, and what only one source states.

The quotes by speaker, the speakers grouped by the organisation they speak
for, each with its standpoint (union, NGO, government, court, family ...).
Enter on a quote closes the view and marks it in its source. The filter at
the top (``f``) switches to what one source alone states: the events no
other source reports (Enter shows the event) and the speakers no other
source quotes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Select

from reader.model import Case
from reader.model.across import standpoint_of
from reader.model.vocabulary import QUOTE_MODE_WORDS
from reader.ui.inert import plain
from reader.ui.screens.cross_view import CrossView, quoted, source_label
from reader.ui.view_table import VIEWS
from reader.ui.widgets.voice_list import Pick, VoiceList

#: The filter's value for "everyone, in every source" (a Select cannot hold None).
EVERYONE = ""


class VoicesScreen(CrossView):
    """Who is quoted saying what; what only one source states."""

    NAME = "voices"
    BINDINGS = [
        VIEWS[NAME].close_binding(),
        Binding("f", "filter", "Only in…", show=False, tooltip="Show what only one source states", id="only-in"),
    ]

    def __init__(self, case: Case, *, today: dt.date | None = None, person: str | None = None,
                 narrow: Callable[[str | None], object] | None = None, only: str | None = None) -> None:
        super().__init__(case, today=today, person=person, narrow=narrow)
        self.only = only if only in case.sources else None

    def compose_view(self) -> ComposeResult:
        options = [(Content("Everyone quoted, in every source"), EVERYONE)]
        options += [(Content.assemble("Only in ", plain(source_label(self.case, source_id)),
                                      ": what no other source states"), source_id)
                    for source_id in self.case.sources]
        yield Select(options, value=self.only or EVERYONE, allow_blank=False, compact=True, id="voices-filter")
        yield VoiceList(self.case, only=self.only, id="voice-list")

    def frame_title(self) -> str:
        speakers = len({quote.speaker_id for quote in self.case.quotes})
        return f"Voices: {len(self.case.quotes)} quotes from {speakers} speakers"

    def frame_hint(self) -> str:
        return "Enter: go to the quote · f: only in… · Esc: back"

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(VoiceList).focus()

    def action_filter(self) -> None:
        """Open the filter: everyone, or what only one source states."""
        select = self.query_one(Select)
        select.focus()
        select.expanded = True

    @on(Select.Changed, "#voices-filter")
    def _filter_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) and event.value else None
        if value == self.only:
            return
        self.only = value
        voice_list = self.query_one(VoiceList)
        voice_list.show_only(value)
        voice_list.focus()

    @on(OptionList.OptionHighlighted, "#voice-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        pick = self.query_one(VoiceList).picks.get(event.option.id or "")
        if pick is not None:
            self.show_detail(self._describe(pick))

    def _describe(self, pick: Pick) -> Content:
        if pick.event is not None:
            event = pick.event
            return Content.assemble((event.date.display(), "bold"), " ", plain(event.summary), "\n",
                                    ("Enter: show it in its source", "dim"))
        quote = pick.quote
        assert quote is not None
        speaker = self.case.entities[quote.speaker_id]
        who = [plain(speaker.name)]
        organisation = self.case.entities.get(speaker.affiliation) if speaker.affiliation else None
        if organisation is not None:
            who.append(Content.assemble(", ", plain(organisation.name)))
        standpoint = standpoint_of(self.case, speaker)
        if standpoint:
            who.append(Content.assemble((" · ", "dim"), (standpoint, "italic")))
        lines = [Content.assemble(*who, ("  in ", "dim"), plain(source_label(self.case, quote.citation.source_id)),
                                  (f" · {QUOTE_MODE_WORDS[quote.mode]}", "dim"))]
        if quote.note:
            lines.append(Content.assemble(("Note: ", "dim"), plain(quote.note)))
        return Content("\n").join(lines)

    @on(OptionList.OptionSelected, "#voice-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        pick = self.query_one(VoiceList).picks.get(event.option.id or "")
        if pick is None:
            return
        if pick.event is not None:
            self.show_event(pick.event)
            return
        quote = pick.quote
        assert quote is not None
        speaker = self.case.entities[quote.speaker_id]
        source = self.case.sources[quote.citation.source_id]
        if quote.mode == "direct":
            self.reveal([quote.citation], f"{speaker.name} in {source.publisher}: {quoted(quote.citation).plain}")
        else:  # the words are the source's, not the speaker's
            self.reveal([quote.citation], f"{speaker.name}, reported speech in the words of {source.publisher}: "
                                          f"{quoted(quote.citation).plain}")
