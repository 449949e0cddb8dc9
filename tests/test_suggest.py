"""``reader suggest``: what the sources name that no entity covers, best first, and other spellings of known names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reader.cli import main
from reader.load.case_loader import load_case
from reader.model.spotting import guess_name_type
from reader.model.suggest import ALIAS, Suggestion, fold_key, quantity_key, similar, suggest, transliterated
from reader.paths import bundled_cases
from tests.support.unannotated import unannotated_copy

#: How many suggestions a reader looks at first, and how many of the annotator's entities must be among them.
FIRST = 60


def recall(name: str, where: Path) -> tuple[float, list[str]]:
    """Of bundled case ``name``'s entities, the share found among the first suggestions on its bare sources.

    An entity counts as found when its name or one of its aliases, folded
    (letter case, typography), is the text of one of the first suggestions.
    """
    entities = yaml.safe_load((bundled_cases() / name / "entities.yaml").read_text(encoding="utf-8"))["entities"]
    result = load_case(unannotated_copy(name, where), partial=True)
    assert result.case is not None and not result.case.entities
    first = {fold_key(suggestion.text) for suggestion in suggest(result.case)[:FIRST]}
    missed = [entity["name"] for entity in entities
              if not any(fold_key(n) in first for n in [entity["name"], *(entity.get("aliases") or [])])]
    return 1 - len(missed) / len(entities), missed


def test_the_first_sixty_suggestions_name_most_of_the_bundled_cases_entities(tmp_path: Path) -> None:
    share, missed = recall("baltabay", tmp_path)
    assert share >= 0.8, missed


def test_the_first_sixty_suggestions_of_fifteen_sources_name_most_of_their_entities(tmp_path: Path) -> None:
    # Fifteen sources, fifty entities of which seven are phrases no rule can find ("three week jail
    # sentence with a one year suspension"): the rules reach three quarters of them.
    share, missed = recall("civic-square", tmp_path)
    assert share >= 0.7, missed


def annotated(name: str) -> list[Suggestion]:
    result = load_case(bundled_cases() / name)
    assert result.case is not None
    return suggest(result.case)


def test_what_an_entity_covers_is_never_suggested() -> None:
    result = load_case(bundled_cases() / "civic-square")
    case = result.case
    assert case is not None
    names = {fold_key(name) for entity in case.entities.values() for name in entity.names}
    suggestions = suggest(case)
    assert suggestions  # there is still something to suggest ("2014", "Occupy")
    for suggestion in suggestions:
        assert fold_key(suggestion.text) not in names
        for place in suggestion.places:
            assert not any(mention.span.overlaps(place.span) for mention in case.mentions[place.source_id])


def test_each_place_says_where_it_is_and_shows_it_in_context() -> None:
    case = load_case(bundled_cases() / "civic-square").case
    assert case is not None
    for suggestion in suggest(case):
        for place in suggestion.places:
            source = case.sources[place.source_id]
            assert source.text[place.span.start:place.span.end] == place.text
            assert (place.line, place.column) == source.line_col(place.span.start)
            assert " ".join(place.text.split()) in place.context


def test_ranked_by_sources_then_mentions(tmp_path: Path) -> None:
    case = load_case(unannotated_copy("civic-square", tmp_path), partial=True).case
    assert case is not None
    suggestions = suggest(case)
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)
    # The three people every source is about come first, each with its surname gathered in.
    first = {s.text: s for s in suggestions[:5]}
    assert {"Joshua Wong", "Nathan Law", "Alex Chow"} <= set(first)
    assert "Wong" in first["Joshua Wong"].variants and first["Joshua Wong"].entity_type == "person"
    assert len(first["Joshua Wong"].source_ids) == 15


def test_dates_and_amounts_are_typed_and_spellings_of_one_amount_gathered(tmp_path: Path) -> None:
    case = load_case(unannotated_copy("baltabay", tmp_path), partial=True).case
    assert case is not None
    by_text = {s.text: s for s in suggest(case)}
    assert by_text["17th July"].entity_type == "date"
    assert by_text["$28,000"].entity_type == "amount"
    assert by_text["five months and eight days"].entity_type == "amount"
    seven = by_text["7 years"]
    assert {"seven-year", "seven years"} <= set(seven.variants) and len(seven.source_ids) == 2
    assert quantity_key("seven-year") == quantity_key("7 Years") == "7 year"


@pytest.mark.parametrize(("one", "other"), [("Baltabai", "Baltabay"), ("Yeleusinov", "Eleusinov"),
                                            ("Qushaqbaev", "Kushakbayev"), ("Kemal Özkan", "Kemal Ozkan"),
                                            ("Demosistō", "Demosisto")])
def test_transliterations_of_one_name_are_alike(one: str, other: str) -> None:
    assert similar(transliterated(one), transliterated(other))


@pytest.mark.parametrize(("one", "other"), [("Wong", "Wang"), ("Law", "Lai"), ("Nathan Law", "Nathan Lau"),
                                            ("Joshua Wong", "Joshua Wong Chi-fung")])
def test_different_names_are_not(one: str, other: str) -> None:
    assert not similar(transliterated(one), transliterated(other))


def write_case(folder: Path, text: str, entities: list[dict[str, object]]) -> Path:
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "a.txt").write_text(text, encoding="utf-8")
    (folder / "case.yaml").write_text(yaml.safe_dump({
        "version": 2,
        "case": {"id": "spellings", "title": "Spellings", "subjects": [entities[0]["id"]]},
        "sources": [{"id": "a", "file": "sources/a.txt", "title": "A", "publisher": "P", "date": "2020-01-01",
                     "kind": "news"}]}), encoding="utf-8")
    (folder / "entities.yaml").write_text(yaml.safe_dump({"entities": entities}), encoding="utf-8")
    return folder


def test_other_spellings_of_known_entities_are_suggested_as_their_aliases(tmp_path: Path) -> None:
    text = ("Headline\n\nThe court in Almaty heard Erlan Baltabay on Monday. Lawyers for Erlan Baltabai said the "
            "union leader Kushakbayev was also charged. A witness, Eleusinov, spoke. Later Qushaqbaev and "
            "Yeleusinov left, and Baltabay's daughter waited.\n")

    def person(identifier: str, name: str) -> dict[str, object]:
        return {"id": identifier, "type": "person", "name": name, "description": "Named.",
                "citations": [{"source": "a", "quote": name}]}

    folder = write_case(tmp_path / "spellings", text, [person("erlan-baltabay", "Erlan Baltabay"),
                                                      person("kushakbayev", "Kushakbayev"),
                                                      person("eleusinov", "Eleusinov")])
    result = load_case(folder)
    assert result.case is not None, [str(p) for p in result.problems]
    aliases = {s.text: s.alias_of for s in suggest(result.case) if s.kind == ALIAS}
    # Each transliteration, and the surname alone (in "Baltabay's daughter"), is another name.
    assert aliases == {"Erlan Baltabai": "erlan-baltabay", "Qushaqbaev": "kushakbayev",
                       "Yeleusinov": "eleusinov", "Baltabay": "erlan-baltabay"}


# -- the command ---------------------------------------------------------------------


def test_reader_suggest_lists_the_best_first_with_where_each_occurs(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = unannotated_copy("baltabay", tmp_path)
    assert main(["suggest", str(folder), "--limit", "5"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("baltabay: ") and "the best 5 shown" in lines[0]
    assert lines[1].startswith("1. Erlan Baltabay  person · 2 sources")
    assert lines[2].split()[:2] == ["owp", "3:14"]  # source, line:column, then the context
    assert "On 17th July Erlan Baltabai, the leader" in lines[2]
    assert sum(1 for line in lines if line[:1].isdigit()) == 5
    # The case has no entities yet, so its subjects name no one: said once, on standard error.
    assert "the case has 1 error" in captured.err and "reader check" in captured.err


def test_reader_suggest_json_has_every_place(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "civic-square", "--json", "--all"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"case", "total", "shown", "suggestions"}
    assert data["case"] == "civic-square" and data["total"] == data["shown"] == len(data["suggestions"]) > 0
    first = data["suggestions"][0]
    assert set(first) == {"rank", "text", "kind", "type", "alias_of", "variants", "sources", "mentions", "score",
                          "places"}
    assert first["rank"] == 1 and first["mentions"] == len(first["places"])
    assert set(first["places"][0]) == {"source", "line", "column", "start", "end", "text", "context"}


def test_bad_input_gets_the_errors_reader_check_gives(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "case.yaml").write_text("case: [\n  id: x\n", encoding="utf-8")
    assert main(["check", str(broken)]) == 1
    checked = capsys.readouterr().out
    assert main(["suggest", str(broken)]) == 1
    suggested = capsys.readouterr()
    assert suggested.out == ""
    assert suggested.err == checked and "case.yaml:" in checked


def test_a_folder_of_cases_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unannotated_copy("baltabay", tmp_path)
    assert main(["suggest", str(tmp_path)]) == 2
    assert "reader suggest works on one case" in capsys.readouterr().err


def test_rapidfuzz_and_unidecode_wait_until_suggestions_are_asked_for() -> None:
    probe = ("import sys\n"
             "from reader.cli import main\n"
             "main(['check', '-q'])\n"
             "print('imported:', sorted(m for m in ('rapidfuzz', 'unidecode') if m in sys.modules))\n"
             "main(['suggest', '--limit', '1'])\n"
             "print('imported:', sorted(m for m in ('rapidfuzz', 'unidecode') if m in sys.modules))\n")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    imported = [line for line in run.stdout.splitlines() if line.startswith("imported:")]
    assert imported == ["imported: []",  # reader check never imports them…
                        "imported: ['rapidfuzz', 'unidecode']"]  # …and suggestions do


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("our case before the European Court of Human Rights is", "European Court of Human Rights", "organisation"),
    ("a court in the Republic of Kazakhstan", "Republic of Kazakhstan", "place"),
    ("wrote the Committee for the Protection of Journalists", "Committee for the Protection of Journalists",
     "organisation"),
])
def test_a_names_head_before_its_of_gives_its_type(text: str, name: str, expected: str) -> None:
    at = text.index(name)
    assert guess_name_type(name, text, at, at + len(name), titled=False) == expected
