"""A paraphrase is never printed as a quotation, in any export or in ``reader status``.

The case is the bundled one with every text the annotator writes in their
own words (summaries, the sides of differences, descriptions, notes)
replaced by a marker no source holds (:mod:`tests.support.own_words`). Each
output must show the markers, none of them as a quotation; and it must
show the sources' exact words as quotations, so the two are told apart.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from rich.console import Console

from reader.cli.status import render_status
from reader.export import export
from reader.export.document import QUOTING_KEY
from reader.model.status import case_status
from reader.model.types import Case
from tests.support.case_files import loaded
from tests.support.own_words import (
    MARKER,
    html_quotations,
    html_quoted_markers,
    own_words_case,
    quoted_markers,
    visible_text,
)

TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def own_words(tmp_path_factory: pytest.TempPathFactory) -> tuple[Case, dict[str, list[str]]]:
    folder = tmp_path_factory.mktemp("own-words") / "baltabay"
    markers = own_words_case(folder)
    return loaded(folder), markers


def exported(case: Case, format: str) -> str:
    return export(case, format, today=TODAY)


def passages(case: Case) -> list[str]:
    """Each difference side's passages as the source prints them."""
    return [case.sources[c.source_id].text[c.span.start:c.span.end]
            for difference in case.differences for side in difference.sides for c in side.citations
            if c.span is not None]


def reported_words(case: Case) -> list[str]:
    """The passages of the quotes in reported speech: the source's words, not the speaker's."""
    return [case.sources[q.citation.source_id].text[q.citation.span.start:q.citation.span.end]
            for q in case.quotes if q.mode == "reported" and q.citation.span is not None]


@pytest.mark.parametrize("format", ["html", "md", "txt"])
def test_the_annotators_words_are_never_quoted_and_the_sources_always_are(
        own_words: tuple[Case, dict[str, list[str]]], format: str) -> None:
    case, markers = own_words
    output = exported(case, format)
    shown = visible_text(output) if format == "html" else output
    every_side = markers["says"]
    assert every_side and all(side in shown for side in every_side)  # every side is shown...
    found = {match.group() for match in MARKER.finditer(shown)}
    assert {*markers["summary"][:1], *markers["description"], *markers["note"][:3]} <= found
    # ...and no text of the annotator's is set as a quotation: not a side, a summary, a note.
    assert (html_quoted_markers(output) if format == "html" else quoted_markers(output)) == []
    # The sources' words are: every passage a side cites stands in quotation marks.
    for passage in passages(case):
        if format == "html":
            assert passage in html_quotations(output)
        else:  # on one line, Markdown's escapes dropped
            assert f"“{' '.join(passage.split(chr(10)))}”" in shown.replace("\\", ""), passage
    assert QUOTING_KEY in shown  # and the reader is told which is which


@pytest.mark.parametrize("format", ["html", "md", "txt"])
def test_reported_speech_is_the_sources_words_never_the_speakers(
        own_words: tuple[Case, dict[str, list[str]]], format: str) -> None:
    case, _ = own_words
    shown = exported(case, format)
    shown = visible_text(shown) if format == "html" else shown.replace("\\", "")
    # The quotes' part: from its heading (the last "Quotes" before the differences' heading).
    section = shown[shown.rindex("Quotes", 0, shown.rindex("Differences between the sources")):]
    reported = [q for q in case.quotes if q.mode == "reported"]
    assert reported
    for quote in reported:
        span = quote.citation.span
        assert span is not None
        words = case.sources[quote.citation.source_id].text[span.start:span.end]
        at = section.index(f"“{' '.join(words.split(chr(10)))}")
        head = [line for line in section[:at].split("\n")[:-1] if line.strip()][-1]  # the line above it
        speaker = case.entities[quote.speaker_id].name
        publisher = case.sources[quote.citation.source_id].publisher
        assert speaker in head and " said" not in head, head  # the speaker is not made to say them
        assert f", as {publisher} reports in its own words (reported speech, not a quotation)" in head, head


def test_web_annotation_bodies_are_the_annotators_words_never_quoted(
        own_words: tuple[Case, dict[str, list[str]]]) -> None:
    case, markers = own_words
    data = json.loads(exported(case, "webannotation"))
    items = data["first"]["items"]
    bodies = [body["value"] for item in items for body in item["body"]]
    exacts = [selector["exact"] for item in items for selector in item["target"]["selector"]
              if selector["type"] == "TextQuoteSelector"]
    joined = "\n".join(bodies)
    assert all(side in joined for side in markers["says"])
    assert quoted_markers(joined) == []
    assert not any(MARKER.search(exact) for exact in exacts)  # only the source's words are selected
    assert set(passages(case)) <= set(exacts)
    # A quote in reported speech is tagged so, and its body does not make the speaker say the passage.
    reported = [item for item in items if any(body["value"] == "quote/reported" for body in item["body"])]
    assert {item["target"]["selector"][0]["exact"] for item in reported} == set(reported_words(case))
    for item in reported:
        describing = next(body["value"] for body in item["body"] if body["purpose"] == "describing")
        assert describing.startswith("Reported speech: ") and "said this" not in describing
        assert "not a quotation" in describing


def test_timelinejs_quotes_only_the_sources_words(own_words: tuple[Case, dict[str, list[str]]]) -> None:
    case, markers = own_words
    data = json.loads(exported(case, "timelinejs"))
    slides = [data["title"], *data["events"]]
    pages = "\n".join(f"<h1>{slide['text']['headline']}</h1>{slide['text']['text']}" for slide in slides)
    headlines = [slide["text"]["headline"] for slide in data["events"]]
    assert sum(bool(MARKER.fullmatch(headline)) for headline in headlines) == len(headlines) > 0
    assert any(marker in pages for marker in markers["date_note"])
    assert html_quoted_markers(pages) == []
    # Each slide's passages are quotations of the source's exact text (not of the quote as typed).
    quotations = [" ".join(q.split()) for q in html_quotations(pages)]
    placed = {slide["unique_id"] for slide in data["events"]}
    for event in (event for event in case.events if event.id in placed):
        for citation in event.citations:
            assert citation.span is not None
            exact = case.sources[citation.source_id].text[citation.span.start:citation.span.end]
            assert any(q.startswith(f"“{' '.join(exact.split())}”") for q in quotations), exact


def test_status_text_quotes_only_the_sources_words(own_words: tuple[Case, dict[str, list[str]]]) -> None:
    case, markers = own_words
    status = case_status(case, today=TODAY)
    console = Console(width=400, color_system=None, record=True)
    with console.capture() as capture:
        console.print(render_status(status))
    text = capture.get()
    assert status.status is not None and status.status.summary in text
    assert sum(marker in text for marker in markers["summary"]) >= len(case.events)
    assert quoted_markers(text) == []
    for citation in status.citations:
        assert f"“{citation.quote}”" in text
