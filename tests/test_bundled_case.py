"""The bundled Baltabay case: it loads cleanly and its annotations hold up against the texts."""

from __future__ import annotations

import itertools

import pytest

from reader.load.case_loader import LoadResult, load_case
from reader.load.spec import date_problem
from reader.model.anchor import fold
from reader.model.types import Case, Precision, Term
from reader.model.vocabulary import (
    CHANGE_ACTIONS,
    DIFFERENCE_TOPICS,
    ENTITY_TYPES,
    EVENT_KINDS,
    MEASURE_KINDS,
    PROCEEDINGS_STAGES,
)
from reader.paths import default_case


@pytest.fixture(scope="module")
def result() -> LoadResult:
    return load_case(default_case())


@pytest.fixture(scope="module")
def case(result: LoadResult) -> Case:
    assert result.case is not None, [p.format() for p in result.problems]
    return result.case


def squash(text: str) -> str:
    return " ".join(fold(text).split())


def test_loads_with_no_errors_and_no_warnings(result: LoadResult) -> None:
    assert [p.format() for p in result.problems] == []
    assert result.ok


def test_case_header(case: Case) -> None:
    assert case.id == "baltabay"
    assert case.title == "Erlan Baltabay, Kazakh union leader"
    assert case.subject_ids == ("erlan-baltabay",)
    assert [person.name for person in case.subjects] == ["Erlan Baltabay"]
    assert case.language == "en"
    assert list(case.sources) == ["owp", "industriall"]


def test_entities_cover_every_type(case: Case) -> None:
    assert len(case.entities) >= 30
    assert {entity.type for entity in case.entities.values()} == set(ENTITY_TYPES)
    assert set(ENTITY_TYPES) == {"person", "organisation", "place", "law", "charge", "amount", "date"}


def test_every_citation_resolves_to_its_quote(case: Case) -> None:
    citations = case.all_citations()
    assert len(citations) > 100
    for citation in citations:
        assert citation.span is not None, citation
        text = case.sources[citation.source_id].text
        passage = text[citation.span.start:citation.span.end]
        assert squash(passage) == squash(citation.quote), citation
        assert citation.location is not None and citation.location.line > 0


def test_every_description_is_backed_by_a_citation(case: Case) -> None:
    for entity in case.entities.values():
        assert entity.citations, entity.id
        assert entity.description.strip(), entity.id


def test_both_spellings_of_the_surname_are_the_same_person(case: Case) -> None:
    def named(source_id: str, name: str) -> set[str]:
        text = case.sources[source_id].text
        return {m.entity_id for m in case.mentions[source_id] if text[m.span.start:m.span.end] == name}

    assert named("owp", "Baltabai") == {"erlan-baltabay"}
    assert named("owp", "Erlan Baltabai") == {"erlan-baltabay"}
    assert named("industriall", "Baltabay") == {"erlan-baltabay"}
    assert named("industriall", "Erlan Baltabay") == {"erlan-baltabay"}
    assert "Baltabay" not in case.sources["owp"].text
    assert "Baltabai" not in case.sources["industriall"].text


def test_the_subject_is_mentioned_in_both_sources(case: Case) -> None:
    counts = case.mention_counts("erlan-baltabay")
    assert counts["owp"] >= 8
    assert counts["industriall"] >= 10
    assert sum(counts.values()) == len(case.mentions_of("erlan-baltabay"))


def test_explicit_mentions_are_found(case: Case) -> None:
    text = case.sources["owp"].text
    explicit = [text[m.span.start:m.span.end] for m in case.mentions["owp"]
                if m.entity_id == "erlan-baltabay" and m.explicit]
    assert explicit == ["Trade Union Leader", "He", "him"]


def test_mentions_never_overlap_and_are_in_text_order(case: Case) -> None:
    for source_id, mentions in case.mentions.items():
        spans = [m.span for m in mentions]
        assert spans == sorted(spans), source_id
        for before, after in itertools.pairwise(spans):
            assert before.end <= after.start, (source_id, before, after)


def test_every_event_is_cited_and_dated_validly(case: Case) -> None:
    assert len(case.events) >= 20
    for event in case.events:
        assert event.kind in EVENT_KINDS
        assert event.citations, event.id
        assert isinstance(event.date.precision, Precision)
        if event.date.is_known:
            assert date_problem(event.date.text) is None, event.id
        for bound in (event.date.not_before, event.date.not_after):
            assert bound is None or date_problem(bound) is None, event.id
        if event.date.inferred:
            assert event.date.note, event.id
        assert set(event.people) <= set(case.subject_ids), event.id
        for person, stage in event.proceedings:
            assert person in event.people and stage in PROCEEDINGS_STAGES, event.id
        for measure in event.measures:
            assert measure.kind in MEASURE_KINDS and measure.person_id in event.people, measure.id
            assert measure.citations and measure.event_id == event.id, measure.id
        for change in event.changes:
            assert change.action in CHANGE_ACTIONS and change.measure_id in case.measures, event.id
            assert change.citations, event.id
        assert not event.disputed  # the two sources never give two dates for one event


def test_the_proceedings_and_measures_are_what_the_sources_say(case: Case) -> None:
    events = {event.id: event for event in case.events}
    # OWP: "on trial since the end of June", "found guilty of embezzlement", "sentenced to 7 years in prison";
    # IndustriALL: "convicted", "sentenced to seven years in prison and banned from any public activity"
    assert [(e.id, e.stage_of("erlan-baltabay")) for e in case.events if e.proceedings] == [
        ("accusation", "accused"), ("trial", "on-trial"), ("verdict", "convicted"),
        ("sentence-2019", "convicted"), ("resentencing", "convicted")]
    assert {m.id: (m.kind, m.term, m.event_id) for m in case.measures.values()} == {
        "prison-2019-07": ("imprisonment", Term(years=7), "sentence-2019"),
        "activity-ban": ("ban", None, "sentence-2019"),  # no source gives its length
        "fine-2019": ("fine", None, "fine"),  # nor the fine's amount
        "prison-2019-10": ("imprisonment", Term(months=5, days=8), "resentencing"),
    }
    assert case.measures["prison-2019-07"].source_ids == ("owp", "industriall")
    assert case.measures["activity-ban"].source_ids == ("industriall",)
    # "released from prison in August 2019 after being pardoned"; "returned to prison to serve a new 5-month term"
    assert [(c.measure_id, c.action) for c in events["release-2019-08"].changes] == [("prison-2019-07", "pardoned")]
    assert [(c.measure_id, c.action) for c in events["reimprisonment"].changes] == [("prison-2019-10", "began")]
    assert [e.id for e in case.events if e.changes] == ["release-2019-08", "reimprisonment"]
    # context and the ILO's words are the case's as a whole; everything else is his
    assert [e.id for e in case.events if not e.people] == [
        "zhanaozen-protests", "union-suspension-2015", "ilc-2017", "tokayev-succession", "ilc-2019-scrutiny",
        "reaction-ilo"]


def test_event_dates_read_as_written(case: Case) -> None:
    events = {event.id: event for event in case.events}
    sentence = events["sentence-2019"].date
    assert (sentence.text, sentence.precision, sentence.inferred) == ("2019-07-17", Precision.DAY, True)
    assert events["tokayev-succession"].date.precision is Precision.MONTH
    assert events["union-suspension-2015"].date.precision is Precision.YEAR
    verdict = events["verdict"].date
    assert verdict.precision is Precision.UNKNOWN
    assert (verdict.not_before, verdict.not_after) == ("2019-06", "2019-07-17")


def test_owp_is_undated_with_an_inferred_lower_bound(case: Case) -> None:
    owp = case.sources["owp"]
    assert owp.date.precision is Precision.UNKNOWN
    assert owp.date.text == "unknown"
    assert owp.date.not_before == "2019-07-17"
    assert owp.date.not_after is None
    assert owp.date.inferred is True
    assert owp.date.note and "no publication date" in owp.date.note
    assert owp.date.display() == "date unknown (not before 17 July 2019) (inferred)"
    assert owp.author == "Jonathan Boyd"
    assert owp.publisher == "The Organization for World Peace"


def test_industriall_is_dated_1_november_2019(case: Case) -> None:
    industriall = case.sources["industriall"]
    assert industriall.date.text == "2019-11-01"
    assert industriall.date.precision is Precision.DAY
    assert industriall.date.inferred is False
    assert industriall.date.display() == "1 November 2019"
    assert industriall.author is None
    assert industriall.kind == "union-statement"


def test_the_caption_is_kept_apart_and_placed(case: Case) -> None:
    industriall = case.sources["industriall"]
    assert [caption.text for caption in industriall.captions] == ["Kemal Özkan meets Erlan Baltabay"]
    assert "Kemal Özkan meets" not in industriall.text
    before = industriall.captions[0].before
    assert before is not None and before.span is not None
    assert industriall.text[before.span.start:before.span.end] == "“Erlan Baltabay is innocent,”"


def test_every_difference_has_sides_citing_text(case: Case) -> None:
    assert len(case.differences) >= 5
    for difference in case.differences:
        assert difference.topic in DIFFERENCE_TOPICS
        assert len(difference.sides) >= 2, difference.id
        for side in difference.sides:
            assert side.says.strip(), difference.id
            assert side.citations, difference.id
            assert all(citation.span is not None for citation in side.citations), difference.id
        for entity_id in difference.entity_ids:
            assert entity_id in case.entities
        event_ids = {event.id for event in case.events}
        assert set(difference.event_ids) <= event_ids


def test_surname_difference_cites_both_spellings(case: Case) -> None:
    surname = next(d for d in case.differences if d.id == "surname-spelling")
    cited = {(c.source_id, case.sources[c.source_id].text[c.span.start:c.span.end])
             for side in surname.sides for c in side.citations if c.span}
    assert ("owp", "Erlan Baltabai") in cited
    assert ("industriall", "Erlan Baltabay") in cited


def test_every_quote_speaker_is_an_entity(case: Case) -> None:
    assert len(case.quotes) >= 10
    event_ids = {event.id for event in case.events}
    for quote in case.quotes:
        assert quote.speaker_id in case.entities, quote.id
        assert case.entities[quote.speaker_id].type in {"person", "organisation"}
        assert quote.mode in {"direct", "reported"}
        assert set(quote.about) <= event_ids
        assert quote.citation.span is not None


def test_every_event_entity_exists(case: Case) -> None:
    for event in case.events:
        assert set(event.entity_ids) <= set(case.entities), event.id
    for entity in case.entities.values():
        assert entity.affiliation is None or entity.affiliation in case.entities


@pytest.mark.parametrize("residue", ["Jump to main content", "logotype", "1 November, 2019IndustriALL",
                                     "1 November, 2019", "\u00a0", "\r"])
def test_cleaned_texts_have_no_scraping_residue(case: Case, residue: str) -> None:
    for source in case.sources.values():
        assert residue not in source.text, (source.id, residue)


def test_owp_byline_and_publisher_line_were_moved_out(case: Case) -> None:
    text = case.sources["owp"].text
    assert "Jonathan Boyd" not in text
    assert "The Organization for World Peace" not in text
    assert text.endswith("are not allowed to continue.\n")


@pytest.mark.parametrize(("source_id", "typo"), [
    ("industriall", "legal procedings"),
    ("owp", "went onto that"),
    ("owp", "Human Rights Watch,."),
    ("owp", "International Labor Conference"),
    ("owp", "worker’s rights"),
    ("industriall", "Baltabay's release"),
])
def test_authors_typos_are_kept(case: Case, source_id: str, typo: str) -> None:
    assert typo in case.sources[source_id].text


def test_texts_start_with_their_headline(case: Case) -> None:
    for source in case.sources.values():
        first_paragraph = source.text.split("\n\n")[0]
        assert first_paragraph == source.title
