"""The list of recorded differences: each with its topic and summary, then every side and what it quotes.

An :class:`~textual.widgets.OptionList` in which a difference and each of
its sides are options of their own: Enter on a difference shows all its
sides in their sources at once, Enter on a side only that side's passages
(which matters when both sides are in the same source). Every text comes
from the case and goes in as :class:`rich.text.Text`, never as markup; the
sides are indented under their difference with a hanging indent, so a
wrapped line stays under its side.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.widgets.option_list import Option

from reader.model import Case, Citation, Difference
from reader.ui.list_keys import KeyedOptionList
from reader.ui.widgets.wrap import clean

#: How far a side is indented under its difference.
SIDE_INDENT = 3


def _text(text: str, style: str = "") -> Text:
    return Text(clean(" ".join(text.split())), style=style)


def sides_first(difference: Difference) -> tuple[Citation, ...]:
    """Every side's passages, ordered so that each side comes first in a source of its own where it can.

    A source shows one mark at a time, its first passage listed: with the
    sides' passages in the case's order, a first side that cites all three
    sources took every mark and the other two sides showed nowhere. Here each
    side leads with a passage in a source no side before it has; the rest
    follow in order.
    """
    taken: set[str] = set()
    leads: list[Citation] = []
    for side in difference.sides:
        lead = next((c for c in side.citations if c.source_id not in taken), None)
        if lead is not None:
            taken.add(lead.source_id)
            leads.append(lead)
    rest = [c for side in difference.sides for c in side.citations if all(c is not lead for lead in leads)]
    return (*leads, *rest)


@dataclass(frozen=True)
class Choice:
    """What an option stands for: a whole difference (``side`` None) or one of its sides."""

    difference: Difference
    side: int | None = None

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The passages to show: every side's, each side first in a source of its own (:func:`sides_first`), or the
        one side's."""
        if self.side is None:
            return sides_first(self.difference)
        return tuple(self.difference.sides[self.side].citations)


class DifferenceList(KeyedOptionList):
    """Every difference of the case, its sides under it."""

    def __init__(self, case: Case, *, only: Collection[str] | None = None, id: str | None = None) -> None:
        """``only``: the ids of the differences to list (None: every one)."""
        self.case = case
        self.only = only
        self.choices: dict[str, Choice] = {}
        super().__init__(*self._make_options(), id=id, markup=False)

    def show(self, only: Collection[str] | None) -> None:
        """List only these differences (None: every one), the cursor staying on the one it was on if listed."""
        was_on = self.current
        self.only = only
        self.choices = {}
        self.set_options(self._make_options())
        keys = [key for key, choice in self.choices.items()
                if was_on is not None and choice.difference is was_on.difference and choice.side == was_on.side]
        self.highlighted = self.get_option_index(keys[0]) if keys else (0 if self.option_count else None)

    def _number(self, source_id: str) -> str:
        order = list(self.case.sources)
        return str(order.index(source_id) + 1) if source_id in order else "?"

    def _make_options(self) -> list[Option | None]:
        options: list[Option | None] = []
        for index, difference in enumerate(self.case.differences):
            if self.only is not None and difference.id not in self.only:
                continue
            if options:
                options.append(None)  # a separator line between differences
            key = f"difference-{index}"
            self.choices[key] = Choice(difference)
            head = Text.assemble((clean(difference.topic.upper()), "bold"), "  ", _text(difference.summary))
            parts: list[Text] = [head]
            if difference.note:
                parts.append(_text(f"Note: {difference.note}", "dim italic"))
            options.append(Option(Group(*parts), id=key))
            for side_index, side in enumerate(difference.sides):
                key = f"difference-{index}-side-{side_index}"
                self.choices[key] = Choice(difference, side_index)
                options.append(Option(self._side_prompt(side.says, side.citations), id=key))
        return options

    def _side_prompt(self, says: str, citations: list[Citation]) -> Padding:
        sources = list(dict.fromkeys(citation.source_id for citation in citations))
        publishers = ", ".join(f"{self._number(s)} {self.case.sources[s].publisher}" if s in self.case.sources
                               else s for s in sources)
        # The side's words are the annotator's summary, said so and never quoted; the passages
        # under it are the sources' words, in quotation marks.
        lines = [Text.assemble((clean(publishers), "bold"), (", summarised: ", "dim"), _text(says))]
        for citation in citations:
            lines.append(Text.assemble(("“", "dim"), _text(citation.quote, "italic"), ("”", "dim")))
        return Padding(Group(*lines), (0, 0, 0, SIDE_INDENT))

    @property
    def current(self) -> Choice | None:
        """What the cursor is on."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self.choices.get(option.id) if option.id else None
