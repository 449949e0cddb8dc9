"""`reader export`: the same content in HTML, Markdown and text, every citation linked, all case text inert.

Browser-level checks (what a person sees) are in tests/test_browser.py; the
interoperable JSON formats in tests/test_interop.py.
"""

from __future__ import annotations

import datetime as dt
import errno
import html
import html.parser
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.cli import main
from reader.export import FORMATS, export
from reader.export.document import build, linked_citations
from reader.export.markdown import render as render_markdown
from reader.export.nesting import Chars, Close, Open, Piece, nest
from reader.export.nodes import Document, Para, Text, citation_anchor
from reader.export.timelinejs import timeline_js
from reader.model.proceedings import effects, person_name
from reader.model.status import CaseStatus, MeasureAt, case_status
from reader.model.types import Case
from reader.paths import bundled_cases
from tests.support.case_files import (
    CASE_YAML,
    DAILY_TEXT,
    ENTITIES_YAML,
    EVENTS_YAML,
    SALT,
    SALTED_ENTITY,
    SALTED_EVENT,
    WITNESS_ENTITY,
    WITNESS_EVENTS,
    WITNESS_TEXT,
    loaded,
    write_case,
)
from tests.support.co_defendants import BETWEEN_THE_DATES, NUROVA_WARNING, co_defendants_case
from tests.support.co_defendants import TODAY as CO_DEFENDANTS_TODAY
from tests.support.exported import FORMATS as DOCUMENT_FORMATS
from tests.support.exported import part, shown_lines

TODAY = dt.date(2025, 6, 1)

@pytest.fixture
def salted_case(tmp_path: Path) -> Path:
    """The minimal case with a source, an entity and an event full of markup and control characters."""
    return write_case(tmp_path / "salted", {
        "case.yaml": CASE_YAML.replace("title: Demo case", "title: \"<i>Demo</i> & <script>alert('t')</script>\""),
        "entities.yaml": ENTITIES_YAML + SALTED_ENTITY,
        "events.yaml": EVENTS_YAML + SALTED_EVENT,
        "sources/daily.txt": DAILY_TEXT + "\n" + SALT,
    })


class _Tags(html.parser.HTMLParser):
    """Collects what an HTML parser sees: elements (checking they nest), ids, links, scripts, text."""

    VOID = {"meta", "br", "img", "link", "input", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"] or "")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


# --- nesting ----------------------------------------------------------------------------------

def test_overlapping_spans_become_nested_pieces_covering_exactly_their_text() -> None:
    text = "abcdefghij"
    pieces = [Piece(0, 6, "A"), Piece(3, 9, "B"), Piece(3, 5, "C", rank=1), Piece(3, 5, "D"), Piece(8, 10, "E")]
    covered: dict[str, str] = {}
    stack: list[str] = []
    out = []
    firsts = []
    for step in nest(len(text), pieces):
        if isinstance(step, Open):
            stack.append(step.piece.value)
            if step.first:
                firsts.append(step.piece.value)
        elif isinstance(step, Close):
            assert stack.pop() == step.piece.value  # closes the innermost open piece: proper nesting
        else:
            assert isinstance(step, Chars)
            out.append(text[step.start:step.end])
            for value in stack:
                covered[value] = covered.get(value, "") + text[step.start:step.end]
    assert stack == []
    assert "".join(out) == text
    assert covered == {"A": "abcdef", "B": "defghi", "C": "de", "D": "de", "E": "ij"}
    assert sorted(firsts) == ["A", "B", "C", "D", "E"]  # each piece's first part comes once


# --- HTML -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled_html() -> str:
    from reader.paths import default_case

    return export(loaded(default_case()), "html", today=TODAY)


def test_html_is_one_self_contained_well_formed_file(bundled_html: str) -> None:
    tags = parse(bundled_html)
    assert tags.errors == [] and tags.stack == []
    # Nothing is fetched: no external stylesheet, script, font, image or frame; a CSP forbids any.
    assert [t for t, a in tags.tags if t in ("link", "img", "iframe", "object", "embed")] == []
    assert [a for t, a in tags.tags if t == "script" and a.get("src")] == []
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", bundled_html)
    assert "@import" not in bundled_html and "url(" not in bundled_html
    csp = next(a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in (csp or "")
    assert '<meta name="viewport"' in bundled_html and "prefers-color-scheme: dark" in bundled_html


def test_every_link_has_a_target_and_every_claim_citation_is_linked(bundled_html: str, bundled_case: Case) -> None:
    tags = parse(bundled_html)
    assert len(tags.ids) == len(set(tags.ids)), "ids must be unique"
    missing = {href for href in tags.hrefs if href.startswith("#") and href[1:] not in set(tags.ids)}
    assert missing == set()
    anchors = {citation_anchor(c.source_id, c.span) for c in linked_citations(bundled_case) if c.span}
    assert anchors <= set(tags.ids)
    assert anchors <= {href[1:] for href in tags.hrefs}


def test_every_mention_is_highlighted_with_its_type(bundled_html: str, bundled_case: Case) -> None:
    marks = [a for t, a in parse(bundled_html).tags if "m" in (a.get("class") or "").split()]
    # A mention split by an overlapping citation shows as more than one piece; count whole ones.
    starts = {(a.get("data-entity"), a.get("class")) for a in marks}
    assert len(marks) >= sum(len(m) for m in bundled_case.mentions.values())
    for entity_id, classes in starts:
        assert f"m-{bundled_case.entities[entity_id].type}" in (classes or "").split()


def test_html_escapes_all_case_text_and_shows_controls_as_placeholders(salted_case: Path) -> None:
    page = export(loaded(salted_case), "html", today=TODAY)
    tags = parse(page)
    assert tags.errors == []
    assert [t for t, _ in tags.tags].count("script") == 1  # ours, and only ours
    assert [t for t, _ in tags.tags if t in ("img", "b", "i")] == []
    assert not [a for _, a in tags.tags if any(k.startswith("on") for k in a)]
    text = "".join(tags.text)
    for literal in ('<script>alert("x")</script>', "<img src=x onerror=alert(1)>", "[bold]red[/bold]",
                    "ACME <Holdings> & Co", "<script>alert('entity')</script>", "<i>Demo</i>"):
        assert literal in text
    assert "␛]52;c;ZXZpbA==␇" in text and "␛[2J" in text and "\ufffdgnirts\ufffd" in text and "␇ and" in text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", page)


def test_markdown_is_inert_and_its_links_reach_their_anchors(salted_case: Path) -> None:
    markdown = export(loaded(salted_case), "md", today=TODAY)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", markdown)
    rendered = MarkdownIt("commonmark", {"html": True}).render(markdown)
    tags = parse(rendered)
    # Our anchors are the only HTML; the salt is text.
    assert {t for t, _ in tags.tags} <= {"a", "p", "h1", "h2", "h3", "h4", "ul", "li", "strong", "em", "br"}
    text = "".join(tags.text)
    for literal in ('<script>alert("x")</script>', "[bold]red[/bold]", "**md** `code` $x$ &amp; |a|b|",
                    "# heading", "- item", "1. one", "ACME <Holdings> & Co"):
        assert literal in text
    targets = set(tags.ids)
    assert {href[1:] for href in tags.hrefs if href.startswith("#")} <= targets
    assert not [p for p in re.findall(r"<(h\d|li|ul|pre|code)>", rendered) if p in ("pre", "code")]


@pytest.mark.parametrize("text", ["-5 dollars", "1. first", "+ plus", "> quote", "    code", "=====", "#1",
                                  "a_b_c", "*x*", "<b>", "[x](y)", "&copy;", "100) done"])
def test_markdown_escaping_keeps_any_paragraph_literal(text: str) -> None:
    markdown = render_markdown(Document("t", None, (Para((Text(text),)),)))
    rendered = MarkdownIt("commonmark", {"html": True}).render(markdown)
    tags = parse(rendered)
    assert [t for t, _ in tags.tags] == ["p"]
    assert "".join(tags.text).strip() == text.strip()


#: Every shape of address a Markdown renderer makes into a link by itself (GitHub's extended autolinks,
#: markdown-it's linkify): schemes, www., a bare domain, mail addresses with and without mailto:.
ADDRESSES = ("see https://example.org/a_b?x=1, HTTP://EXAMPLE.ORG, www.example.org, Reuters.com, "
             "пример.рф, mailto:me@example.org, me@example.org, xmpp:me@example.org, ftp://example.org "
             "and //example.org.")


@pytest.fixture
def addressed_case(tmp_path: Path) -> Path:
    """The minimal case with web and mail addresses in a title, a name, a description, a summary and a source."""
    return write_case(tmp_path / "addressed", {
        "case.yaml": CASE_YAML.replace("title: Demo case", f"title: 'Demo case, {ADDRESSES}'")
                              .replace("publisher: The Daily", "publisher: The Daily\n    url: https://daily.example"
                                                               ".org/2019/07/18/sentenced"),
        "entities.yaml": ENTITIES_YAML.replace("description: A union leader.", f"description: '{ADDRESSES}'")
                                      .replace("name: Ministry of Justice", "name: justice.gov.example"),
        "events.yaml": EVENTS_YAML.replace("summary: Sentenced to seven years.", f"summary: '{ADDRESSES}'"),
        "sources/daily.txt": DAILY_TEXT + "\n" + ADDRESSES + "\n",
    })


def _markdown_renderers() -> dict[str, Callable[[str], str]]:
    """Real renderers that link bare addresses: GitHub's cmark-gfm, and markdown-it with linkify."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    linkify = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable("linkify")
    return {"cmark-gfm": lambda text: cmarkgfm.github_flavored_markdown_to_html(text),
            "cmark-gfm unsafe": lambda text: cmarkgfm.github_flavored_markdown_to_html(
                text, options=Options.CMARK_OPT_UNSAFE),
            "markdown-it linkify": linkify.render,
            "markdown-it linkify, HTML off": MarkdownIt("commonmark", {"html": False, "linkify": True})
            .enable("linkify").render,
            "markdown-it gfm-like": MarkdownIt("gfm-like").render,
            "markdown-it gfm-like, HTML off": MarkdownIt("gfm-like", {"html": False}).render}


def test_markdown_links_no_web_or_mail_address(addressed_case: Path) -> None:
    markdown = export(loaded(addressed_case), "md", today=TODAY)
    renderers = _markdown_renderers()
    # The renderers do link the addresses when they are not escaped: the test would see a leak.
    for name, render in renderers.items():
        assert len(re.findall(r'href="(?:https?|ftp|mailto|xmpp):', render(ADDRESSES))) >= 6, name
    for name, render in renderers.items():
        tags = parse(render(markdown))
        external = [href for href in tags.hrefs if not href.startswith("#")]
        assert external == [], name
        text = " ".join("".join(tags.text).split())
        # Each address still reads as written, in every field it was in.
        assert text.count(ADDRESSES) >= 4 and "justice.gov.example" in text, name
        assert "https://daily.example.org/2019/07/18/sentenced" in text, name


#: What TimelineJS3 makes a link of in a slide's text (src/js/core/Util.js, ``linkify``), its three
#: patterns as Python expressions: JavaScript's flags ``gim``, and its ASCII-only ``\b`` and ``\w``.
TIMELINEJS_LINKIFY = [re.compile(pattern, re.IGNORECASE | re.MULTILINE | re.ASCII) for pattern in (
    r"\b(?:https?|ftp)://([a-z0-9-+&@#/%?=~_|!:,.;]*[a-z0-9-+&@#/%=~_|])",
    r"(^|[^/>])(www\.\S+(\b|$))",
    r"([a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+)",
)]


def test_timelinejs_links_no_web_or_mail_address(tmp_path: Path) -> None:
    # Addresses in each field a slide's text is made of: the case summary (the title slide), a
    # publisher, a date note and a quoted passage; and in a headline.
    folder = write_case(tmp_path / "case", {
        "case.yaml": CASE_YAML.replace("title: Demo case", f"title: 'Demo case, {ADDRESSES}'\n  summary: "
                                                            f"'{ADDRESSES}'")
                              .replace("publisher: The Daily", "publisher: 'The Daily, www.daily.example'"),
        "events.yaml": EVENTS_YAML.replace("summary: Sentenced to seven years.", f"summary: '{ADDRESSES}'\n"
                                                                                 f"    date_note: '{ADDRESSES}'")
                                  .replace('quote: "was sentenced to seven years in prison"',
                                           f"quote: '{ADDRESSES}'"),
        "sources/daily.txt": DAILY_TEXT + "\n" + ADDRESSES + "\n",
    })
    data = timeline_js(loaded(folder))
    # The patterns do find the addresses as written: the test would see a leak.
    assert all(pattern.search(ADDRESSES) for pattern in TIMELINEJS_LINKIFY)
    slides = [data["title"], *data["events"]]
    sentence = next(slide for slide in data["events"] if slide["unique_id"] == "sentence")
    # TimelineJS is told not to link (each slide's "autolink", whose default is true) ...
    assert [slide["autolink"] for slide in slides] == [False] * len(slides)
    # ... and, were it to ignore that, finds nothing to link in any text: yet the browser shows each address.
    for slide in slides:
        for field in ("headline", "text"):
            assert not any(pattern.search(slide["text"][field]) for pattern in TIMELINEJS_LINKIFY), slide
    shown = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", slide["text"]["text"])) for slide in slides)
    assert shown.count(ADDRESSES) == 3 and "The Daily, www.daily.example" in shown
    assert html.unescape(sentence["text"]["headline"]) == ADDRESSES


def test_html_and_text_exports_show_addresses_as_text(addressed_case: Path) -> None:
    case = loaded(addressed_case)
    tags = parse(export(case, "html", today=TODAY))
    assert [href for href in tags.hrefs if not href.startswith("#")] == []
    assert " ".join("".join(tags.text).split()).count(ADDRESSES) >= 4
    text = export(case, "txt", today=TODAY)
    assert text.count(ADDRESSES) >= 4 and "https://daily.example.org/2019/07/18/sentenced" in text


def test_text_export_cites_as_source_line_col_at_the_right_place(bundled_case: Case) -> None:
    text = export(bundled_case, "txt", today=TODAY)
    cited = re.findall(r"“([^”]*)” \[(\w[\w-]*) (\d+):(\d+)\]", text)
    assert cited
    for quote, source_id, line, column in cited:
        source = bundled_case.sources[source_id]
        start = source.line_starts[int(line) - 1] + int(column) - 1
        assert source.text[start:start + len(quote)] == quote
    # The source's numbered lines are its file's lines.
    owp = bundled_case.sources["owp"].text.split("\n")
    assert f" 3 | {owp[2]}" in text


def test_the_three_formats_hold_the_same_citations_and_parts(bundled_case: Case) -> None:
    document = build(bundled_case, today=TODAY)
    page = export(bundled_case, "html", today=TODAY)
    markdown = export(bundled_case, "md", today=TODAY)
    text = export(bundled_case, "txt", today=TODAY)
    in_html = re.findall(r'<span class="where">\((\S+ \d+:\d+)\)</span>', page)
    in_markdown = re.findall(r"\((\S+ \d+:\d+)\)\]\(#q-", markdown)
    in_text = re.findall(r"” \[(\S+ \d+:\d+)\]", text)
    assert in_html == in_markdown == in_text
    assert len(in_html) > 100
    for _, heading in document.contents:
        assert f">{heading}</h2>" in page
        assert f"</a>{heading}\n" in markdown
        assert f"\n{heading}\n{'=' * len(heading)}\n" in text
    for words in ("Measures in force", "if served in full", "only IndustriALL Global Union", "Legend"):
        assert words in page and words in markdown and words in text


# --- the status and the timeline, person by person ---------------------------------------------

@pytest.fixture(scope="module")
def co_defendants(tmp_path_factory: pytest.TempPathFactory) -> Case:
    """Two people sentenced together; the sources dispute the date of their appeal ruling."""
    return loaded(co_defendants_case(tmp_path_factory.mktemp("co-defendants") / "case"))


def shown_parts(case: Case, format: str, **options: object) -> tuple[list[str], list[str]]:
    """The status part's lines and the timeline part's, as the export in ``format`` shows them."""
    lines = shown_lines(export(case, format, **options), format)  # type: ignore[arg-type]
    return part(lines, "Status", "Timeline"), part(lines, "Timeline", "Legend")


def expected_status_lines(case: Case, status: CaseStatus) -> list[str]:
    """What the status part must show of each person, in order where order matters."""
    lines = []
    for person in status.people:
        lines.append(person.name)
        lines.append("Status: " + "; ".join([person.stage_words or "no stage recorded",
                                              *(m.label for m in person.measures)]))
        lines.extend(f"Warning: {warning}" for warning in person.warnings)
    return lines


def follows(lines: list[str], expected: list[str]) -> bool:
    """Whether ``expected`` are lines of ``lines``, in that order, each right after the one before it
    when it is a warning (a warning stands right under the status, nothing between)."""
    at = -1
    for line in expected:
        if line.startswith("Warning: "):
            if lines[at + 1] != line:
                return False
            at += 1
            continue
        try:
            at = lines.index(line, at + 1)
        except ValueError:
            return False
    return True


def measure_lines(measure: MeasureAt) -> list[str]:
    """The lines a measure in force shows: its label, since when, until when, its passages."""
    found = [measure.label if not measure.measure.summary else f"{measure.label}: {measure.measure.summary}"]
    if measure.computed_end is not None:
        found.append(f"Until: {measure.computed_end.value}, if served in full [COMPUTED]")
    return found


@pytest.mark.parametrize("format", DOCUMENT_FORMATS)
def test_the_status_is_told_person_by_person_with_warnings_right_under_it(bundled_case: Case, format: str) -> None:
    status = case_status(bundled_case, today=TODAY)
    shown, _ = shown_parts(bundled_case, format, today=TODAY)
    (person,) = status.people
    # The bundled case in 2025: the second prison term's computed end has passed, and nothing joins the
    # two unless the warning stands with the status (issue 19, item 8).
    assert person.warnings == ("the imprisonment, 5 months and 8 days would have ended between 24 March 2020 "
                               "and 9 April 2020; no source says what happened then",)
    assert follows(shown, expected_status_lines(bundled_case, status))
    assert shown[shown.index("Erlan Baltabay") + 1:][:2] == [
        "Status: convicted at first instance; ban on posts or activity, length not given; fine, amount not "
        "given; imprisonment, 5 months and 8 days", f"Warning: {person.warnings[0]}"]
    # Each measure in force: its label and summary, its end (computed, and labelled so), its own sources.
    for measure in person.measures:
        assert all(line in shown for line in measure_lines(measure)), measure.id
        at = shown.index(measure_lines(measure)[0])
        block = shown[at:]
        who = block[next(i for i, line in enumerate(block) if line.startswith("Says who: "))]
        publishers = ", ".join(bundled_case.sources[sid].publisher for sid in measure.source_ids)
        assert who == (f"Says who: only {publishers}" if measure.single_source else f"Says who: {publishers}"
                       f" ({len(measure.source_ids)} sources)")
    assert "Says who: only IndustriALL Global Union" in shown  # the new term: one source
    # The first prison term ended: pardoned, with the passage that says so.
    ended = shown[shown.index("Ended"):]
    assert ended[1] == "imprisonment, 7 years: pardoned, August 2019 (release-2019-08)"
    assert ended[2].startswith("“Baltabay was released from prison in August 2019 after being pardoned")
    assert f"Freshness: {status.freshness}" in shown


@pytest.mark.parametrize("format", DOCUMENT_FORMATS)
def test_the_timeline_says_whose_each_event_is_and_what_it_does(bundled_case: Case, format: str) -> None:
    _, shown = shown_parts(bundled_case, format, today=TODAY)
    for event in bundled_case.events:
        at = shown.index(f"{event.summary} ({event.id})")
        whose = person_name(bundled_case, event.people[0]) if event.people else "the case as a whole"
        assert f" · {whose} · " in shown[at - 1], event.id
        done = [f"{person_name(bundled_case, e.person_id)}: {e.text}" for e in effects(bundled_case, event)]
        block = shown[at + 1:at + 1 + len(done)]
        assert [line.split(", as “")[0] for line in block] == done, event.id
    assert "Erlan Baltabay: imprisonment, 7 years: imposed, as “has been sentenced to 7 years in prison” " \
           "(owp 3:109); “He was sentenced to seven years in prison” (industriall 11:234)" in shown
    assert any(line.startswith("Erlan Baltabay: imprisonment, 7 years: pardoned, as “") for line in shown)


@pytest.mark.parametrize("format", DOCUMENT_FORMATS)
def test_two_people_each_have_their_status_and_the_disputed_date_shows_both_dates(co_defendants: Case,
                                                                                  format: str) -> None:
    status = case_status(co_defendants, today=CO_DEFENDANTS_TODAY)
    shown, timeline = shown_parts(co_defendants, format, today=CO_DEFENDANTS_TODAY)
    assert follows(shown, [
        "Asel Nurova",
        "Status: sentence changed on appeal; imprisonment, 1 year",
        f"Warning: {NUROVA_WARNING}",
        "Changed: reduced to 1 year, date disputed: 12 June 2020 (The Monitor); 9 July 2020 (The Herald) (appeal)",
        "“to reduce Asel Nurova's prison term to one year” (monitor 3:40)",
        "“reduced the prison sentence of Asel Nurova to one year” (herald 3:33)",
        "Says who: The Courier, The Monitor, The Herald (3 sources)",
        "“sentenced Nurova to two years in prison” (courier 4:40)",
        "Differences: appeal-date",
        "Timur Bekov",
        "Status: appeal rejected; community service, 200 hours; fine, 150,000 tenge",
        "Until: not stated; a term in hours is not counted on the calendar",
        "fine, 150,000 tenge",
        "Says who: only The Courier",
        "“a fine of 150,000 tenge” (courier 4:139)",
    ])
    assert follows(shown, expected_status_lines(co_defendants, status))
    bekov = shown[shown.index("Timur Bekov"):]
    assert not [line for line in bekov if line.startswith("Warning: ")]  # a warning is its person's only
    assert "Until: 20 February 2021, if served in full [COMPUTED]" in shown
    # The timeline: whose each event is, what it does to whom, and each date of the disputed ruling with
    # who gives it and the passage that gives it.
    assert follows(timeline, [
        "date unknown (not after 3 February 2020) (inferred) · the case as a whole · only The Courier",
        "A strike at the cement plant. (strike)",
        "20 February 2020 · Asel Nurova and Timur Bekov · only The Courier",
        "Asel Nurova: imprisonment, 2 years: imposed, as “sentenced Nurova to two years in prison” (courier 4:40)",
        "Timur Bekov: fine, 150,000 tenge: imposed, as “a fine of 150,000 tenge” (courier 4:139)",
        "date disputed: 12 June 2020 (The Monitor); 9 July 2020 (The Herald) · Asel Nurova and Timur Bekov · "
        "The Monitor, The Herald (2 sources)",
        "The appeal court cuts Nurova's prison term and upholds Bekov's sentence. (appeal)",
        "12 June 2020, the date The Monitor gives: “The appeal court ruled on 12 June 2020” (monitor 3:1)",
        "9 July 2020, the date The Herald gives: “On 9 July 2020 the appeal court” (herald 3:1)",
        "Asel Nurova: sentence changed on appeal",
        "Timur Bekov: appeal rejected",
        "Asel Nurova: imprisonment, 2 years: reduced to 1 year, as “to reduce Asel Nurova's prison term to one "
        "year” (monitor 3:40); “reduced the prison sentence of Asel Nurova to one year” (herald 3:33)",
        "Timur Bekov: community service, 200 hours: upheld, as “Timur Bekov's sentence was upheld” (monitor 3:89)",
        "Differences: appeal-date",
    ])


@pytest.mark.parametrize("format", DOCUMENT_FORMATS)
def test_as_of_a_date_between_the_disputed_dates_the_ruling_may_have_come(co_defendants: Case, format: str) -> None:
    shown, timeline = shown_parts(co_defendants, format, today=CO_DEFENDANTS_TODAY, as_of=BETWEEN_THE_DATES)
    assert shown[1] == "Status on 30 June 2020, from the events that had happened by then"
    reason = ("the sources give different dates (12 June 2020: The Monitor; 9 July 2020: The Herald), on both "
              "sides of 30 June 2020")
    # Neither date is taken: the ruling is uncertain, so the two years stand, and what it would change is listed.
    assert follows(shown, [
        "Asel Nurova",
        "Status: convicted at first instance; imprisonment, 2 years",
        "Until: 20 February 2022, if served in full [COMPUTED]",
        "May have changed by 30 June 2020",
        "the proceedings may have moved to sentence changed on appeal: The appeal court cuts Nurova's prison term "
        f"and upholds Bekov's sentence. (appeal; {reason})",
        f"imprisonment, 2 years may have been reduced to 1 year (appeal; {reason})",
        "Timur Bekov",
        "Status: convicted at first instance; community service, 200 hours; fine, 150,000 tenge",
        f"community service, 200 hours may have been upheld (appeal; {reason})",
    ])
    assert not [line for line in shown if line.startswith("Warning: ")]  # nothing had passed by then
    assert f"By 30 June 2020: may have happened ({reason})" in timeline
    assert "By 30 June 2020: happened (dated 20 February 2020)" in timeline
    # By what the sources had reported: nothing published by then reports the ruling.
    shown, timeline = shown_parts(co_defendants, format, today=CO_DEFENDANTS_TODAY, as_of=BETWEEN_THE_DATES,
                                  basis="reported")
    assert shown[1] == "Status on 30 June 2020, from what the sources published by then had reported"
    assert "May have changed by 30 June 2020" not in shown
    assert "By 30 June 2020: not reported yet (not reported yet)" in timeline


@pytest.mark.parametrize(("name", "dates"), [
    ("baltabay", (None, dt.date(2019, 7, 31), dt.date(2019, 10, 20))),
    ("civic-square", (None, dt.date(2016, 8, 31), dt.date(2017, 9, 30))),
])
def test_each_bundled_case_shows_the_same_status_and_timeline_in_each_format(name: str, dates: tuple) -> None:
    case = loaded(bundled_cases() / name)
    for as_of in dates:
        shown = {format: shown_parts(case, format, today=TODAY, as_of=as_of) for format in DOCUMENT_FORMATS}
        assert shown["html"] == shown["md"] == shown["txt"], as_of
        status = case_status(case, today=TODAY, as_of=as_of)
        assert follows(shown["txt"][0], expected_status_lines(case, status)), as_of
        assert len(status.people) == len(case.subject_ids) >= 1
    tags = parse(export(case, "html", today=TODAY))
    assert tags.errors == [] and len(tags.ids) == len(set(tags.ids))
    assert {href for href in tags.hrefs if href.startswith("#") and href[1:] not in set(tags.ids)} == set()
    anchors = {citation_anchor(c.source_id, c.span) for c in linked_citations(case) if c.span}
    assert anchors <= {href[1:] for href in tags.hrefs}  # every passage a claim rests on is linked


def test_the_export_command_takes_as_of_and_basis(co_defendants: Case, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(co_defendants.folder)
    assert main(["export", folder, "-f", "txt", "-o", "-", "--today", "2025-06-01", "--as-of", "2020-06"]) == 0
    assert capsys.readouterr().out == export(co_defendants, "txt", today=CO_DEFENDANTS_TODAY, as_of=BETWEEN_THE_DATES)
    assert main(["export", folder, "-f", "md", "-o", "-", "--today", "2025-06-01", "--as-of", "2020-06-30",
                 "--basis", "reported"]) == 0
    assert capsys.readouterr().out == export(co_defendants, "md", today=CO_DEFENDANTS_TODAY, as_of=BETWEEN_THE_DATES,
                                             basis="reported")
    assert main(["export", folder, "-o", "-", "--as-of", "2020-02-30"]) == 2
    assert "bad --as-of date `2020-02-30`: February 2020 has no day 30" in capsys.readouterr().err


def test_the_header_names_each_person_followed(co_defendants: Case, bundled_case: Case) -> None:
    assert "People followed: Asel Nurova and Timur Bekov" in export(co_defendants, "txt", today=TODAY)
    assert "Person followed: Erlan Baltabay" in export(bundled_case, "txt", today=TODAY)
    page = parse(export(co_defendants, "html", today=TODAY))
    assert {"#ent-asel-nurova", "#ent-timur-bekov", "#status-asel-nurova", "#status-timur-bekov"} <= \
        {f"#{i}" for i in page.ids} | set(page.hrefs)


# --- the command ------------------------------------------------------------------------------

def test_export_writes_a_file_and_refuses_to_overwrite_it(tmp_path: Path, case_dir: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.html"
    assert main(["export", str(case_dir), "-o", str(target), "--today", "2025-06-01"]) == 0
    first = target.read_text(encoding="utf-8")
    assert first.startswith("<!DOCTYPE html>") and "Demo case" in first
    assert "wrote" in capsys.readouterr().err
    target.write_text("mine", encoding="utf-8")
    assert main(["export", str(case_dir), "-o", str(target)]) == 2
    assert "exists; add --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
    assert main(["export", str(case_dir), "-o", str(target), "--force", "--today", "2025-06-01"]) == 0
    assert target.read_text(encoding="utf-8") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "out.html"]  # no temporary file left


def test_export_to_standard_output(case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(case_dir), "--format", "md", "-o", "-", "--today", "2025-06-01"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("# Demo case\n") and out.err == ""


def test_force_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path, case_dir: Path) -> None:
    private = tmp_path / "private.md"
    private.write_text("mine", encoding="utf-8")
    private.chmod(0o600)
    assert main(["export", str(case_dir), "-o", str(private), "--force"]) == 0
    assert private.read_text(encoding="utf-8").startswith("# Demo case")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    shared = tmp_path / "new.md"  # a new file gets the usual permissions: 0666 less the umask
    umask = os.umask(0o022)
    try:
        assert main(["export", str(case_dir), "-o", str(shared)]) == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644


def test_force_writes_through_a_link_to_the_file_it_names(tmp_path: Path, case_dir: Path) -> None:
    (tmp_path / "real.md").write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    assert main(["export", str(case_dir), "-o", str(link), "--force"]) == 0
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert (tmp_path / "real.md").read_text(encoding="utf-8").startswith("# Demo case")


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/null", "folder"])
def test_force_replaces_regular_files_only(tmp_path: Path, case_dir: Path, kind: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.md"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target.symlink_to("/dev/null")  # a device, reached through a link in a folder of our own
    before = os.lstat(target)
    assert main(["export", str(case_dir), "-o", str(target), "--force"]) == 2
    err = capsys.readouterr().err
    expected = {"fifo": f"{target} is a named pipe, not a regular file",
                "link to /dev/null": f"{target} is a character device, not a regular file",
                "folder": f"{target} is a folder; give a file name to write"}[kind]
    assert expected in " ".join(err.split())
    if kind != "folder":
        assert "or use -o - for standard output" in " ".join(err.split())
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)  # untouched
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "out.md"]  # no temporary file left


def test_dev_stdout_is_refused_with_a_pointer_to_dash(case_dir: Path) -> None:
    for name in ("/dev/stdout", "/dev/fd/1"):
        done = subprocess.run([sys.executable, "-m", "reader", "export", str(case_dir), "-o", name, "--force"],
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
        assert done.returncode == 2
        assert done.stderr == f"reader: error: {name} is standard output; to write there, use -o -\n"
        assert done.stdout == ""


@pytest.mark.parametrize(("failure", "message"), [
    (errno.ENOSPC, "No space left on device; nothing was written. Free some space, or write elsewhere with -o"),
    (errno.EACCES, "Permission denied (in {folder}); nothing was written. Choose another folder with -o"),
])
@pytest.mark.parametrize("existing", [True, False])
def test_a_write_that_fails_says_why_and_leaves_nothing_behind(tmp_path: Path, case_dir: Path, failure: int,
                                                                message: str, existing: bool,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.md"
    if existing:
        target.write_text("mine", encoding="utf-8")

    def fails(*args: object, **kwargs: object) -> None:
        raise OSError(failure, os.strerror(failure))

    # The tests may run as root, whom no permission stops, on a disk that is not full: the system
    # calls fail as they would. The disk fills up while the file is written; permission to create it
    # is denied.
    if failure == errno.ENOSPC:
        monkeypatch.setattr(os, "fsync", fails)
    else:
        monkeypatch.setattr(tempfile, "mkstemp", fails)
    assert main(["export", str(case_dir), "-o", str(target), "--force"]) == 2
    err = capsys.readouterr().err
    assert f"reader: error: cannot write {target}: " + message.format(folder=tmp_path) in " ".join(err.split())
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == (["case", "out.md"] if existing else ["case"])
    if existing:
        assert target.read_text(encoding="utf-8") == "mine"


def test_standard_output_that_fails_says_why(case_dir: Path) -> None:
    command = [sys.executable, "-m", "reader", "export", str(case_dir), "-o", "-", "-f", "md"]
    with open("/dev/full", "w") as full:  # a real device that answers every write with "no space left"
        done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                              timeout=120)
    assert done.returncode == 2
    assert done.stderr == "reader: error: cannot write to standard output: No space left on device\n"
    # A reader of the output that stops early (| head) is no error: nothing is said.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (0, b"")


@pytest.mark.parametrize(("name", "expected"), [("a.htm", "<!DOCTYPE html>"), ("a.md", "# Demo case"),
                                                ("a.txt", "Demo case\n========="), ("a.jsonld", '{\n  "@context"')])
def test_the_format_follows_the_file_extension(tmp_path: Path, case_dir: Path, name: str, expected: str) -> None:
    assert main(["export", str(case_dir), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(expected)


def test_an_ambiguous_extension_asks_for_the_format(tmp_path: Path, case_dir: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(case_dir), "-o", str(tmp_path / "a.json")]) == 2
    assert "--format timelinejs or --format webannotation" in capsys.readouterr().err


def test_the_default_output_is_the_case_id_in_the_current_folder(tmp_path: Path, case_dir: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(case_dir), "-f", "timelinejs"]) == 0
    assert json.loads((tmp_path / "demo.json").read_text(encoding="utf-8"))["events"]


def test_a_case_with_errors_is_reported_like_check(broken, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = broken({"quotes.yaml": "quotes:\n  - id: q\n    speaker: nobody\n    citation: {source: daily, "
                                    "quote: Baltabay said}\n"}).folder
    assert main(["export", str(folder), "-o", str(tmp_path / "x.html")]) == 1
    err = capsys.readouterr().err
    assert "quotes.yaml:3:14: error: unknown entity `nobody`" in err
    assert "1 error" in err
    assert not (tmp_path / "x.html").exists()


def test_writing_into_a_missing_folder_says_so(tmp_path: Path, case_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(case_dir), "-o", str(tmp_path / "nowhere" / "x.html")]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_redacted_exports_name_no_sensitive_person(tmp_path: Path, format: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_case(tmp_path / "case", {"entities.yaml": ENTITIES_YAML + WITNESS_ENTITY,
                                            "events.yaml": WITNESS_EVENTS, "sources/daily.txt": WITNESS_TEXT})
    assert main(["export", str(folder), "--redact", "-f", format, "-o", "-", "--today", "2025-06-01"]) == 0
    shared = capsys.readouterr().out
    decoded = json.dumps(json.loads(shared), ensure_ascii=False) if format in ("webannotation", "timelinejs") \
        else shared
    assert not re.search(r"\b(?:aigerim|nurlanovna|bolat|serikuly|dana)\b", decoded, re.IGNORECASE)
    assert "[witness 1]" in decoded or "[witness 1]".replace("[", "\\[").replace("]", "\\]") in decoded
    if format in ("html", "md", "txt"):
        assert "Redacted for sharing: the names of 3 sensitive people are replaced by their roles" in shared
    # Without --redact the names are there: the test would notice a redaction that did nothing.
    assert main(["export", str(folder), "-f", format, "-o", "-", "--today", "2025-06-01"]) == 0
    assert "Nurlanovna" in capsys.readouterr().out


def _escaped_chars_one_by_one(text: str, drop_indent: bool) -> list[str]:
    """The Markdown escaping as first written, a character at a time: the oracle for the fast one."""
    from reader.export.markdown import _BLOCK_MARKERS, _SPECIAL, _digits_start_line
    from reader.model.text_safety import clean

    visible = clean(text)
    out: list[str] = []
    line_start = True
    for index, char in enumerate(visible):
        if char == "\n":
            lone = (index == 0 or visible[index - 1] != "\n") and \
                (index + 1 == len(visible) or visible[index + 1] != "\n")
            out.append("\\\n" if lone and 0 < index < len(visible) - 1 else "\n")
            line_start = True
            continue
        if line_start and char in " \t":
            out.append("" if drop_indent else char)
            continue
        ordered_marker = char in ".)" and index > 0 and visible[index - 1].isdigit() and \
            _digits_start_line(visible, index)
        before = visible[index - 1] if index else " "
        after = visible[index + 1] if index + 1 < len(visible) else " "
        link_dot = char == "." and (before.isalnum() or before == "_") and after.isalpha()
        link_colon = char == ":" and (visible.startswith("//", index + 1) or
                                      visible[max(0, index - 6):index].lower() == "mailto" or
                                      visible[max(0, index - 4):index].lower() == "xmpp")
        link_at = char == "@" and (before.isalnum() or before in "_.+-") and (after.isalnum() or after in "_-")
        if link_at:
            out.append("`@`")
        elif char in _SPECIAL or (line_start and char in _BLOCK_MARKERS) or ordered_marker or link_dot or link_colon:
            out.append("\\" + char)
        else:
            out.append(char)
        line_start = False
    return out


@given(text=st.lists(st.sampled_from([*"\n \t.)-+=>#*_[]<>|~$&`\\0123456789²aé:/@\x1b\u202e", "mailto", "XMPP",
                                        "www.", "://"]), max_size=30).map("".join),
       drop_indent=st.booleans())
@example(text="1. a\n  2) b\n\n> c\n-d\n", drop_indent=True)
@example(text="\n\n  \n", drop_indent=False)
@example(text="https://www.a.b mailto:a@b.c 1.a", drop_indent=True)
def test_markdown_escaping_gives_every_character_what_escaping_one_by_one_gives(text: str,
                                                                                drop_indent: bool) -> None:
    from reader.export.markdown import escaped_chars

    assert escaped_chars(text, drop_indent=drop_indent) == _escaped_chars_one_by_one(text, drop_indent)
