"""The command palette's order: what was typed at a word's start, then inside a word, then loosely (fuzzy).

"pard" once put "Protests in Zhanaozen…" (p, a, r, d scattered through the
summary) among the pardons; a reader typing the start of a word means that
word.
"""

from __future__ import annotations

import datetime as dt

from textual.command import CommandList
from textual.fuzzy import Matcher

from reader.ui.app import ReaderApp
from reader.ui.commands import rank
from tests.support.pilot import palette_search

TODAY = dt.date(2026, 11, 26)


def kind(query: str, text: str) -> int:
    """0 no match, 1 fuzzy, 2 inside a word, 3 at a word's start (the thousands of :func:`rank`'s score)."""
    score, _ = rank(Matcher(query), text)
    return 0 if not score else 1 + int(score // 10_000)


def test_a_word_start_ranks_above_a_match_inside_a_word_above_a_fuzzy_one() -> None:
    word_start = rank(Matcher("pard"), "Event: 2020 · Baltabay is pardoned")
    inside = rank(Matcher("pard"), "Entity: Leopard Society")
    fuzzy = rank(Matcher("pard"), "Event: Protests in Zhanaozen: police fire and kill")
    assert word_start[0] > inside[0] > fuzzy[0] > 0
    assert kind("pard", "Baltabay is pardoned") == 3
    assert kind("pard", "Leopard") == 2
    assert kind("pard", "Protests in Zhanaozen: fire and") == 1
    assert kind("pard", "Zhanaozen") == 0


def test_a_word_start_counts_even_after_a_match_inside_a_word() -> None:
    # Textual's own score takes the first occurrence: "Leopard and pardon" scored as "Leopard" did.
    text = "Leopard and pardon"
    assert rank(Matcher("pard"), text)[0] > rank(Matcher("pard"), "Leopard society")[0]
    _, offsets = rank(Matcher("pard"), text)
    assert [text[i] for i in offsets] == list("pard")
    assert offsets[0] == text.index("pardon")  # the highlight is on the word the reader meant


def test_a_longer_fuzzy_score_never_beats_a_plainer_kind() -> None:
    # Many letters spread at word starts score high as a fuzzy match; a plain substring still wins.
    many_starts = "Court Of Urgent Rulings Today"  # c-o-u-r-t at five word starts, fuzzy
    assert kind("court", many_starts) == 3  # "Court" itself is there whole
    assert kind("cour", "a Cou R decision") == 1
    assert rank(Matcher("ourt"), "the court")[0] > rank(Matcher("ourt"), "Of Unions Regional Talks")[0]


def test_spaces_typed_are_taken_as_one() -> None:
    assert kind("erlan  balt", "Entity: Erlan Baltabay") == 3


async def test_the_palette_lists_word_starts_first() -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await palette_search(pilot, "pard")
        commands = app.screen.query_one(CommandList)
        listed = [str(commands.get_option_at_index(i).prompt).splitlines()[0]
                  for i in range(commands.option_count)]
        kinds = [kind("pard", text) for text in listed]
        assert kinds == sorted(kinds, reverse=True), listed
        assert kinds[0] == 3 and "pardon" in listed[0].casefold(), listed
        loose = [text for text in listed if text.startswith("Event:") and "Zhanaozen" in text]
        assert loose, listed  # still offered, but after every pardon
        assert listed.index(loose[0]) > max(i for i, k in enumerate(kinds) if k == 3)
