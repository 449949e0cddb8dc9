"""How sources are named in few cells: short publisher names, compact dates, what tells two sources apart."""

from __future__ import annotations

from pathlib import Path

from reader.load.case_loader import load_case
from reader.model.source_labels import derived_short, numbers_text, source_labels
from reader.paths import bundled_cases
from tests.support.cases import make_source
from tests.support.four_sources import four_sources_case


def test_a_long_publisher_name_is_shortened_to_its_initials_and_a_short_one_kept() -> None:
    assert derived_short("The Organization for World Peace") == "OWP"
    assert derived_short("Hong Kong Free Press") == "HKFP"
    assert derived_short("South China Morning Post") == "SCMP"
    assert derived_short("PEN America") == "PEN America"
    assert derived_short("Kommersantdailynewspaper") == "Kommersantdailynewspaper"  # one letter names nothing


def test_the_cases_own_short_name_wins_and_is_read_from_case_yaml() -> None:
    result = load_case(bundled_cases() / "civic-square")
    assert result.case is not None
    assert result.case.sources["voa-cfa"].short == "VOA"
    labels = source_labels(result.case.sources)
    assert labels["voa-cfa"].short == "VOA"
    assert labels["voa-cfa"].publisher == "Voice of America"


def test_every_source_of_the_civic_square_case_has_a_label_of_its_own() -> None:
    result = load_case(bundled_cases() / "civic-square")
    assert result.case is not None
    labels = source_labels(result.case.sources)
    names = [label.name for label in labels.values()]
    assert len(set(names)) == len(names) == 15
    assert labels["hkfp-sentence"].numbered == "2 HKFP 15 Aug 2016"
    assert labels["hkfp-review"].numbered == "3 HKFP 21 Sep 2016"
    assert labels["rthk-cfa"].name == "RTHK"  # its publisher's only source: no date needed
    assert labels["pen-america"].name == "PEN America undated"


def test_sources_of_one_publisher_on_one_day_are_numbered() -> None:
    sources = {sid: make_source(sid, "Text.", publisher="The Daily Planet Newspaper") for sid in ("a", "b")}
    sources["c"] = make_source("c", "Text.", publisher="Other")
    labels = source_labels(sources)
    assert [labels[sid].name for sid in "abc"] == ["DPN 18 Jul 2019 #1", "DPN 18 Jul 2019 #2", "Other"]
    # The pane titles have the date anyway: the number tells them apart.
    assert labels["b"].heading(full=False, author=False) == ("DPN #2", "18 Jul 2019")


def test_two_publishers_whose_initials_match_keep_their_full_names() -> None:
    sources = {"a": make_source("a", "Text.", publisher="Human Rights Watch"),
               "b": make_source("b", "Text.", publisher="Hong Kong Rights Weekly")}
    labels = source_labels(sources)
    assert labels["a"].short == "HRW"
    sources["b"] = make_source("b", "Text.", publisher="Human Rights Worldwide")
    labels = source_labels(sources)
    assert (labels["a"].short, labels["b"].short) == ("Human Rights Watch", "Human Rights Worldwide")


def test_source_numbers_are_compact_and_all_there() -> None:
    assert numbers_text([1, 2, 3, 4, 7]) == "1–4,7"
    assert numbers_text([15, 2, 3, 14]) == "2,3,14,15"
    assert numbers_text([9, 10, 11, 12, 13, 1]) == "1,9–13"
    assert numbers_text([]) == ""


def test_the_four_source_case_tells_its_publishers_sources_apart(tmp_path: Path) -> None:
    result = load_case(four_sources_case(tmp_path / "four"))
    assert result.case is not None
    assert not result.problems.errors and not result.problems.warnings
    labels = source_labels(result.case.sources)
    assert [label.numbered for label in labels.values()] == [
        "1 HKFP 15 Aug 2016", "2 HKFP 21 Sep 2016", "3 PEN America 6 Feb 2018", "4 PEN America undated"]
    assert labels["pen-america"].date == "undated, ≥ 27 Feb 2021"
    assert labels["pen-america"].dated == "4 PEN America · undated, ≥ 27 Feb 2021"
