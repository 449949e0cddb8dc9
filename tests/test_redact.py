"""Redaction: sensitive entities' names replaced by role labels everywhere, spans moved to match.

The property tests build cases from fragments (filler words, names,
separators) so that the expected redacted text of every span can be worked
out here, independently of :mod:`reader.model.redact`: a fragment that is a
sensitive name becomes that entity's label, everything else stays.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reader.cli.status import status_json
from reader.load.case_loader import load_case
from reader.model.anchor import fold_normal
from reader.model.redact import Redaction, Shift, redact, role_labels, slug
from reader.model.status import case_status
from reader.model.types import (
    Case,
    Change,
    Citation,
    DateClaim,
    Difference,
    Entity,
    Event,
    FuzzyDate,
    Measure,
    Mention,
    Quote,
    Side,
    Source,
    Span,
)
from tests.support.case_files import ENTITIES_YAML, WITNESS_ENTITY, WITNESS_EVENTS, WITNESS_TEXT, write_case


@pytest.fixture
def witness_case(tmp_path: Path) -> Case:
    """A small case with three sensitive people (two witnesses, one person without a role)."""
    result = load_case(write_case(tmp_path / "case", {
        "entities.yaml": ENTITIES_YAML + WITNESS_ENTITY,
        "events.yaml": WITNESS_EVENTS,
        "sources/daily.txt": WITNESS_TEXT,
    }))
    assert result.case is not None and result.ok, [p.format() for p in result.problems]
    return result.case


# --- examples ---------------------------------------------------------------------------------

def test_labels_are_numbered_per_role_in_entity_order_and_default_to_the_type(witness_case: Case) -> None:
    assert role_labels(witness_case) == {"aigerim-nurlanovna": "[witness 1]", "bolat": "[person 1]",
                                         "dana": "[witness 2]"}


def test_every_name_and_alias_is_replaced_in_the_text_whatever_its_letter_case(witness_case: Case) -> None:
    text = redact(witness_case).sources["daily"].text
    assert ("[witness 1], a witness, said [witness 1] saw the papers; [witness 1]’s sister [witness 2] saw it "
            "too. [person 1] did not speak.") in text
    # Longer words that merely start with a name are other words.
    assert "Annabel, Danaher and Aigerimova are other people." in text


def test_every_shown_string_is_redacted(witness_case: Case) -> None:
    redacted = redact(witness_case)
    witness = redacted.entities["witness-1"]
    assert (witness.name, witness.aliases, witness.description) == (
        "[witness 1]", (), "[witness 1] testified for Baltabay.")
    assert redacted.entities["witness-2"].description == "[witness 2] spoke to [person 1]."
    event = next(e for e in redacted.events if e.summary.endswith("testifies."))
    assert event.summary == "[witness 1] testifies."
    assert event.citations[0].quote == "[witness 1], a witness, said [witness 1] saw the papers"


def test_ids_that_hold_a_name_are_renamed_and_references_follow(witness_case: Case) -> None:
    redacted = redact(witness_case)
    assert list(redacted.entities) == ["erlan-baltabay", "ministry-of-justice", "witness-1", "person-1",
                                       "witness-2"]
    event = redacted.events[-1]
    assert event.id == "witness-1-testimony"
    assert event.entity_ids == ("witness-1", "erlan-baltabay")
    assert {m.entity_id for m in redacted.mentions["daily"]} >= {"witness-1", "person-1", "witness-2"}


def test_mentions_and_citations_point_at_the_labels(witness_case: Case) -> None:
    redacted = redact(witness_case)
    text = redacted.sources["daily"].text
    shown = [text[m.span.start:m.span.end] for m in redacted.mentions["daily"] if m.entity_id == "witness-1"]
    # Mentions are case-sensitive ("AIGERIM" was never one), but every one found now shows the label.
    assert shown == ["[witness 1]", "[witness 1]"]  # "Aigerim Nurlanovna" and "Nurlanovna’s"
    for citation in redacted.all_citations():
        assert citation.span is not None
        passage = redacted.sources[citation.source_id].text[citation.span.start:citation.span.end]
        assert fold_normal(passage) == fold_normal(citation.quote)


def test_the_original_case_is_untouched(witness_case: Case) -> None:
    before = copy.deepcopy(witness_case)
    redact(witness_case)
    assert witness_case == before
    assert "Aigerim Nurlanovna" in witness_case.sources["daily"].text


def test_a_source_address_holding_a_name_is_dropped() -> None:
    case = _case("Jane Doe spoke.", [_entity("jane", "Jane Doe", sensitive=True)])
    case.sources["s"].url = "https://news.example/2019/jane-doe-speaks"
    other = _case("Jane Doe spoke.", [_entity("jane", "Jane Doe", sensitive=True)])
    other.sources["s"].url = "https://news.example/2019/a-witness-speaks"
    assert redact(case).sources["s"].url is None
    assert redact(other).sources["s"].url == "https://news.example/2019/a-witness-speaks"


def test_a_span_cut_inside_a_name_is_widened_to_the_whole_label() -> None:
    case = _case("Jane Doe said no.", [_entity("w", "Jane Doe", sensitive=True)])
    case.events = [Event("e", "other", FuzzyDate("2019"), "x", [Citation("s", "Doe said", span=Span(5, 13))])]
    redacted = redact(case)
    span = redacted.events[0].citations[0].span
    assert redacted.sources["s"].text[span.start:span.end] == "[person 1] said"


def test_a_case_with_no_sensitive_entity_comes_back_equal_but_new(bundled_case: Case) -> None:
    redacted = redact(bundled_case)
    assert redacted == bundled_case
    assert redacted is not bundled_case
    assert redacted.sources["owp"] is not bundled_case.sources["owp"]


def test_the_status_of_a_redacted_case_names_no_sensitive_person(witness_case: Case) -> None:
    shown = json.dumps(status_json(case_status(redact(witness_case))), ensure_ascii=False)
    assert "[witness 1] testifies." in shown
    assert not re.search(r"Aigerim|Nurlanovna|Bolat|Serikuly|\bDana\b", shown, re.IGNORECASE)


def test_shift_moves_offsets_around_each_replacement() -> None:
    # "ab NAME cd NAME ef": names at [3, 7) and [11, 15) become "[x 1]" (5 characters).
    shift = Shift([(Span(3, 7), "[x 1]"), (Span(11, 15), "[x 1]")])
    assert [shift.start(offset) for offset in (0, 3, 5, 7, 9, 11, 15, 17)] == [0, 3, 3, 8, 10, 12, 17, 19]
    assert [shift.end(offset) for offset in (0, 3, 5, 7, 9, 11, 13, 15)] == [0, 3, 8, 8, 10, 12, 17, 17]


# --- properties -------------------------------------------------------------------------------

ROLES = ("witness", "minor", "relative")
ENUM_WORDS = {"person", "organisation", *ROLES, "other", "news", "direct"}
WORD = st.from_regex(r"[A-Z][a-zéöüøł]{1,6}", fullmatch=True)
FILLER = st.from_regex(r"[a-z]{1,7}", fullmatch=True)
SEPARATORS = st.sampled_from([" ", ", ", ". ", ".\n", "\n\n", " (", ") ", " — ", "’s ", ": “", "” ", "\t"])


@st.composite
def cases(draw: st.DrawFn) -> tuple[Case, list[tuple[str, str | None]]]:
    """A case built from fragments, and its source's fragments as (text, entity id or None)."""
    count = draw(st.integers(1, 4))
    names: list[list[str]] = []
    seen: set[str] = set()
    for _ in range(count):
        spellings = []
        for _ in range(draw(st.integers(1, 3))):
            words = draw(st.lists(WORD, min_size=1, max_size=2))
            spelling = " ".join(words)
            key = spelling.casefold()
            # Every word of every name is distinct, so one name never sits inside another.
            if key in seen or any(w.casefold() in seen or w.casefold() in ENUM_WORDS for w in words):
                continue
            seen.update({key, *(w.casefold() for w in words)})
            spellings.append(spelling)
        assume(spellings)
        names.append(spellings)
    sensitive = [draw(st.booleans()) for _ in names]
    assume(any(sensitive))
    entities = [_entity(f"e{i}", spellings[0], aliases=tuple(spellings[1:]), sensitive=flag,
                        role=draw(st.sampled_from((None, *ROLES))), description=f"About {spellings[-1]}.")
                for i, (spellings, flag) in enumerate(zip(names, sensitive, strict=True))]
    fragments: list[tuple[str, str | None]] = []
    for _ in range(draw(st.integers(1, 25))):
        if draw(st.booleans()):
            index = draw(st.integers(0, len(entities) - 1))
            spelling = draw(st.sampled_from(names[index]))
            shape = draw(st.sampled_from(["same", "upper", "lower", "nfd", "line"]))
            spelling = {"same": spelling, "upper": spelling.upper(), "lower": spelling.lower(),
                        "nfd": unicodedata.normalize("NFD", spelling),
                        "line": spelling.replace(" ", "\n")}[shape]
            fragments.append((spelling, entities[index].id))
        else:
            word = draw(FILLER)
            assume(word.casefold() not in seen)
            fragments.append((word, None))
        fragments.append((draw(SEPARATORS), None))
    text = "".join(fragment for fragment, _ in fragments)
    starts = [0]
    for fragment, _ in fragments:
        starts.append(starts[-1] + len(fragment))
    citations = []
    for _ in range(draw(st.integers(1, 8))):
        first = draw(st.integers(0, len(fragments) - 1))
        last = draw(st.integers(first, len(fragments) - 1))
        span = Span(starts[first], starts[last + 1])
        citations.append(Citation("s", text[span.start:span.end], span=span,
                                  prefix=text[max(0, span.start - 10):span.start] or None))
    mentions = [Mention(entity_id, "s", Span(starts[i], starts[i + 1]))
                for i, (_, entity_id) in enumerate(fragments) if entity_id is not None]
    case = _case(text, entities)
    case.title = f"The case of {names[0][0]}"
    case.mentions = {"s": mentions}
    # The first person is the case's subject: sentenced to a ban that a later event, dated differently by
    # two sources, lifts. Every free text of it names someone, and its ids hold a name.
    subject = entities[0].id
    ban = f"{slug(names[0][0])}-ban"
    case.subject_ids = (subject,)
    case.events = [
        Event("ev", "other", FuzzyDate("2019", note=f"As {names[-1][0]} dated it."), f"{names[-1][-1]} spoke.",
              citations[:1], entity_ids=tuple(e.id for e in entities), people=(subject,),
              proceedings=((subject, "convicted"),),
              measures=(Measure(ban, "ban", subject, "ev", citations[:1], summary=f"{names[0][0]} may not speak.",
                                note=f"Asked for by {names[-1][-1]}."),)),
        Event(f"{slug(names[-1][0])}-appeal", "appeal",
              FuzzyDate("unknown", not_before="2020-01-01", not_after="2021-12-31", disputed=("2020", "2021")),
              f"{names[0][-1]} wins.", citations[-1:], people=(subject,), proceedings=((subject, "acquitted"),),
              changes=(Change(ban, "lifted", f"{slug(names[-1][0])}-appeal", citations[-1:],
                              note=f"{names[0][0]} was told."),),
              dates=(DateClaim(FuzzyDate("2020", note=f"{names[-1][-1]} says so."), citations[:1]),
                     DateClaim(FuzzyDate("2021"), citations[-1:]))),
    ]
    case.quotes = [Quote("q", entities[0].id, citations[-1], about=("ev",))]
    case.differences = [Difference("d", "name", "Spellings differ.",
                                   [Side(names[0][0], citations[:1]), Side("other", citations[-1:])])]
    for entity in entities:
        entity.citations = citations
    return case, fragments


def _occurs(name: str, text: str) -> bool:
    """Whether ``name`` occurs in ``text`` as whole words, ignoring case, typography and normal form."""
    words = fold_normal(name).split()
    pattern = r"(?<![\w\u0300-\u036f])" + r"\s+".join(map(re.escape, words)) + r"(?![\w\u0300-\u036f])"
    return re.search(pattern, fold_normal(text), re.IGNORECASE) is not None


def _strings(case: Case) -> list[str]:
    """Every free-text string of a case: what a reader of an export or the app can be shown."""
    found = [case.title, case.summary or ""]
    for source in case.sources.values():
        found += [source.text, source.title, source.publisher, source.author or "", source.note or ""]
        found += [caption.text for caption in source.captions]
    for entity in case.entities.values():
        found += [entity.name, *entity.aliases, entity.description, entity.note or "", entity.role or ""]
    for event in case.events:
        found += [event.summary, event.note or "", event.date.note or ""]
        found += [text or "" for measure in event.measures for text in (measure.summary, measure.note)]
        found += [change.note or "" for change in event.changes]
        found += [claim.date.note or "" for claim in event.dates]
    for quote in case.quotes:
        found.append(quote.note or "")
    for difference in case.differences:
        found += [difference.summary, difference.note or "", *(side.says for side in difference.sides)]
    for citation in case.all_citations():
        found += [citation.quote, citation.prefix or "", citation.suffix or "", citation.note or ""]
    return found


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.filter_too_much])


@PROPERTY
@given(cases())
def test_no_sensitive_name_or_alias_is_left_in_any_string_or_id(built: tuple[Case, list]) -> None:
    case, _ = built
    redacted = redact(case)
    sensitive = [name for entity in case.entities.values() if entity.sensitive for name in entity.names]
    strings = _strings(redacted)
    for name in sensitive:
        assert not [s for s in strings if _occurs(name, s)], name
    ids = [*redacted.entities, *redacted.sources, *(e.id for e in redacted.events),
           *(e for event in redacted.events for e in event.entity_ids), redacted.quotes[0].speaker_id,
           *redacted.subject_ids, *(p for event in redacted.events for p in event.people),
           *(p for event in redacted.events for p, _ in event.proceedings),
           *(i for m in redacted.measures.values() for i in (m.id, m.person_id, m.event_id)),
           *(i for event in redacted.events for c in event.changes for i in (c.measure_id, c.event_id))]
    for name in sensitive:
        assert not [i for i in ids if re.search(rf"(?<![a-z0-9]){re.escape(slug(name))}(?![a-z0-9])", i)]


@PROPERTY
@given(cases())
def test_every_span_shows_the_redacted_version_of_what_it_showed(built: tuple[Case, list]) -> None:
    case, fragments = built
    labels = role_labels(case)
    # Worked out from the fragments, not by the module: a sensitive name becomes its label.
    redacted_fragments = [labels.get(entity_id, fragment) if entity_id else fragment
                          for fragment, entity_id in fragments]
    starts = [0]
    for fragment, _ in fragments:
        starts.append(starts[-1] + len(fragment))
    new_starts = [0]
    for fragment in redacted_fragments:
        new_starts.append(new_starts[-1] + len(fragment))
    expected_text = "".join(redacted_fragments)

    redacted = redact(case)
    # The one source, looked up by place: its id "s" is itself redacted when a sensitive name slugs to "s".
    (source,) = redacted.sources.values()
    assert source.text == expected_text
    old_citations, new_citations = case.all_citations(), redacted.all_citations()
    old_mentions, new_mentions = case.mentions["s"], redacted.mentions[source.id]
    for old, new in [*((c.span, n.span) for c, n in zip(old_citations, new_citations, strict=True)),
                     *((m.span, n.span) for m, n in zip(old_mentions, new_mentions, strict=True))]:
        first, last = starts.index(old.start), starts.index(old.end)
        assert new == Span(new_starts[first], new_starts[last])
        assert expected_text[new.start:new.end] == "".join(redacted_fragments[first:last])
    for old, new in zip(old_mentions, new_mentions, strict=True):
        entity = case.entities[old.entity_id]
        if entity.sensitive:
            assert expected_text[new.span.start:new.span.end] == labels[entity.id]


@PROPERTY
@given(cases())
def test_redaction_leaves_the_original_alone(built: tuple[Case, list]) -> None:
    case, _ = built
    before = copy.deepcopy(case)
    redact(case)
    assert case == before


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.sampled_from(["Ann", "Jo Lee", "Zoë", "O’Neil"]))
def test_redacting_any_text_removes_the_name(text: str, name: str) -> None:
    redaction = Redaction([_entity("x", name, sensitive=True)], {"x": "[witness 1]"})
    salted = f"{text} {name} {text.upper()}"
    assert not _occurs(name, redaction.text(salted))


# --- helpers ----------------------------------------------------------------------------------

def _entity(identifier: str, name: str, *, aliases: tuple[str, ...] = (), sensitive: bool = False,
            role: str | None = None, description: str = "Someone.") -> Entity:
    return Entity(identifier, "person", name, description, [], aliases=aliases, sensitive=sensitive, role=role)


def _case(text: str, entities: list[Entity]) -> Case:
    source = Source("s", Path("s.txt"), text, "A title", "A publisher", FuzzyDate("2019-07-18"), "news")
    return Case("case", "A case", Path("."), {"s": source}, entities={e.id: e for e in entities})

