"""Proceedings and measures in words (reader.model.proceedings): one way of saying each, for every view."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.model.proceedings import change_words, effects, measure_label, person_name, stage_words
from reader.model.types import Amount, Case, Change, Citation, Entity, Event, FuzzyDate, Measure, Term
from reader.model.vocabulary import PROCEEDINGS_STAGES

CITE = [Citation("s", "quoted")]


def measure(kind: str, term: Term | None = None, amount: Amount | None = None, person: str = "a") -> Measure:
    return Measure(f"{kind}-1", kind, person, "e", CITE, term=term, amount=amount)


@pytest.mark.parametrize(("stage", "words"), [
    ("convicted", "convicted at first instance"), ("appeal-decided", "sentence changed on appeal"),
    ("charges-dropped", "charges dropped"), ("something-new", "something-new"),
])
def test_stage_words(stage: str, words: str) -> None:
    assert stage_words(stage) == words
    assert set(PROCEEDINGS_STAGES) >= {"accused", "on-trial", "final", "acquitted"}


@pytest.mark.parametrize(("made", "label"), [
    (measure("imprisonment", Term(years=7)), "imprisonment, 7 years"),
    (measure("community-service", Term(hours=400)), "community service, 400 hours"),
    (measure("fine", amount=Amount(500000, "KZT")), "fine, 500,000 KZT"),
    (measure("fine"), "fine, amount not given"),
    (measure("ban"), "ban on posts or activity, length not given"),
    (measure("confiscation"), "confiscation of property"),
    (measure("other"), "other measure"),
])
def test_a_measure_in_a_few_words(made: Measure, label: str) -> None:
    assert measure_label(made) == label


def test_a_measure_is_labelled_with_its_length_as_changed() -> None:
    service = measure("community-service", Term(hours=400))
    assert measure_label(service, Term(hours=100)) == "community service, 100 hours"
    fine = measure("fine", amount=Amount(500000, "KZT"))
    assert measure_label(fine, None, Amount(250000, "KZT")) == "fine, 250,000 KZT"


def test_a_change_in_words() -> None:
    prison = measure("imprisonment", Term(years=7))
    fine = measure("fine")
    assert change_words(Change(prison.id, "pardoned", "e2", CITE), prison) == "imprisonment, 7 years: pardoned"
    assert change_words(Change(prison.id, "reduced", "e2", CITE, term=Term(years=5)), prison) == \
        "imprisonment, 7 years: reduced to 5 years"
    assert change_words(Change(prison.id, "replaced", "e2", CITE, by=fine.id), prison, fine) == \
        "imprisonment, 7 years: replaced by fine, amount not given"
    assert change_words(Change("gone", "lifted", "e2", CITE), None) == "`gone`: lifted"  # an unknown measure


def test_what_an_event_does_person_by_person() -> None:
    prison = measure("imprisonment", Term(years=8), person="b")
    ban = measure("ban", Term(years=5), person="a")
    sentence = Event("e", "sentence", FuzzyDate("2017-07-25"), "Sentenced.", CITE, people=("a", "b"),
                     proceedings=(("a", "convicted"), ("b", "convicted")), measures=(ban, prison))
    lifting = Event("f", "other", FuzzyDate("2018-01"), "Lifted.", CITE, people=("a",),
                    changes=(Change(ban.id, "lifted", "f", CITE),))
    case = Case("c", "C", Path("c"), {}, entities={"a": Entity("a", "person", "Ann Ay", "A.", CITE)},
                events=[sentence, lifting], subject_ids=("a", "b"))
    assert [(e.person_id, e.text) for e in effects(case, sentence)] == [
        ("a", "convicted at first instance"), ("b", "convicted at first instance"),
        ("a", "ban on posts or activity, 5 years: imposed"), ("b", "imprisonment, 8 years: imposed")]
    assert [(e.person_id, e.text) for e in effects(case, lifting)] == [
        ("a", "ban on posts or activity, 5 years: lifted")]
    assert person_name(case, "a") == "Ann Ay" and person_name(case, "b") == "b"  # b is not defined
