"""The list of voices: who is quoted saying what, grouped by organisation, with each speaker's standpoint.

An :class:`~textual.widgets.OptionList`: organisation and speaker headings
are disabled options, each quote is an option (Enter: go to it). With a
source chosen (:meth:`VoiceList.show_only`), the list holds what only that
source states: the events no other source reports (options too: Enter
shows the event), then the speakers no other source quotes. Text from the
case goes in as :class:`rich.text.Text`, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.widgets.option_list import Option

from reader.model import Case, Event, Quote
from reader.model.across import Voice, VoiceGroup, only_in, standpoint_of, voices
from reader.model.vocabulary import QUOTE_MODE_WORDS, STANDPOINTS
from reader.ui.list_keys import KeyedOptionList
from reader.ui.widgets.wrap import clean


def _text(text: str, style: str = "") -> Text:
    return Text(clean(" ".join(text.split())), style=style)


@dataclass(frozen=True)
class Pick:
    """What an option stands for: a quote, or (in the "only in" list) an event."""

    quote: Quote | None = None
    event: Event | None = None


def _indexes_by_identity(items: list[Quote]) -> dict[int, int]:
    return {id(item): index for index, item in enumerate(items)}


class VoiceList(KeyedOptionList):
    """The case's voices, or what only one source states."""

    def __init__(self, case: Case, *, only: str | None = None, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.case = case
        self.only: str | None = None
        self.picks: dict[str, Pick] = {}
        self._only_on_mount = only
        # Looked up for every quote listed: by identity, not by searching the lists (a big
        # case has 500 quotes and 200 sources).
        self._quote_numbers = _indexes_by_identity(case.quotes)
        self._source_numbers = {source_id: number for number, source_id in enumerate(case.sources, start=1)}

    def on_mount(self) -> None:
        self.show_only(self._only_on_mount)

    def _source(self, source_id: str) -> str:
        source = self.case.sources.get(source_id)
        return f"{self._source_numbers.get(source_id, '?')} {source.publisher if source else source_id}"

    def show_only(self, source_id: str | None) -> None:
        """List every voice (None), or only what ``source_id`` alone states."""
        self.only = source_id if source_id in self.case.sources else None
        self.picks = {}
        options: list[Option | None] = []
        if self.only is None:
            groups = voices(self.case, standpoint_order=STANDPOINTS)
            options.extend(self._voice_options(groups))
            if not groups:
                options.append(Option(Text("No one is quoted in this case.", style="italic"), disabled=True))
        else:
            found = only_in(self.case, self.only)
            publisher = clean(self.case.sources[self.only].publisher)
            options.append(Option(Text(f"Events only {publisher} reports ({len(found.events)})", style="bold"),
                                  disabled=True))
            for row in found.events:
                key = f"event-{row.index}"
                self.picks[key] = Pick(event=row.event)
                options.append(Option(Padding(Text.assemble((clean(row.event.date.display()), "bold"), "  ",
                                                            _text(row.event.summary)), (0, 0, 0, 2)), id=key))
            if not found.events:
                options.append(Option(Padding(Text("None: every event it reports, another source reports too.",
                                                   style="italic"), (0, 0, 0, 2)), disabled=True))
            options.append(None)
            groups = voices(self.case, standpoint_order=STANDPOINTS, source_id=self.only)
            count = sum(group.quote_count for group in groups)
            options.append(Option(Text(f"Voices only {publisher} quotes ({count} quotes)", style="bold"),
                                  disabled=True))
            options.extend(self._voice_options(groups, indent=2))
            if not groups:
                options.append(Option(Padding(Text("None: everyone it quotes, another source quotes too.",
                                                   style="italic"), (0, 0, 0, 2)), disabled=True))
        self.set_options(options)
        self.highlighted = next((i for i, option in enumerate(options) if option and not option.disabled), None)

    def _voice_options(self, groups: list[VoiceGroup], indent: int = 0) -> list[Option | None]:
        options: list[Option | None] = []
        for group in groups:
            organisation = group.organisation
            head = Text.assemble((clean(organisation.name), "bold"), *self._standpoint(organisation.id),
                                 (f"  {group.quote_count} quote{'s' if group.quote_count != 1 else ''}", "dim"))
            options.append(Option(Padding(head, (0, 0, 0, indent)), disabled=True))
            for voice in group.voices:
                inner = indent + 2
                if voice.speaker.id != organisation.id:
                    speaker = Text.assemble((clean(voice.speaker.name), "bold"), *self._standpoint(voice.speaker.id))
                    options.append(Option(Padding(speaker, (0, 0, 0, indent + 2)), disabled=True))
                    inner = indent + 4
                options.extend(self._quote_option(voice, quote, inner) for quote in voice.quotes)
        return options

    def _standpoint(self, entity_id: str) -> tuple[tuple[str, str], ...]:
        standpoint = standpoint_of(self.case, self.case.entities[entity_id])
        return ((" · ", "dim"), (clean(standpoint), "italic")) if standpoint else ()

    def _quote_option(self, voice: Voice, quote: Quote, indent: int) -> Option:
        key = f"quote-{self._quote_numbers[id(quote)]}"
        self.picks[key] = Pick(quote=quote)
        source = clean(self._source(quote.citation.source_id))
        words = Text.assemble(("“", "dim"), _text(quote.citation.quote), ("”", "dim"))
        if quote.mode == "direct":
            body = Text.assemble(words, (f"  {source} · {QUOTE_MODE_WORDS['direct']}", "dim"))
        else:  # the source's words for what was said: set under the speaker, they must not pass for theirs
            body = Text.assemble((f"{QUOTE_MODE_WORDS['reported']}, in the words of {source}: ", "dim"), words)
        return Option(Padding(Group(body), (0, 0, 0, indent)), id=key)

    @property
    def current(self) -> Pick | None:
        """What the cursor is on."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self.picks.get(option.id) if option.id else None
