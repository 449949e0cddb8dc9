"""W3C Web Annotation and TimelineJS exports: their shape (JSON Schemas in docs/schemas/) and their content."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from reader.export import export
from reader.export.document import linked_citations
from reader.export.timelinejs import timeline_js
from reader.export.webannotation import source_iri, urn, web_annotations
from reader.load.case_loader import load_case
from reader.model.proceedings import measure_label
from reader.model.types import Case
from tests.support.case_files import CASE_YAML, EVENTS_YAML, write_case
from tests.support.co_defendants import co_defendants_case

SCHEMAS = Path(__file__).resolve().parent.parent / "docs" / "schemas"


def schema(name: str) -> jsonschema.Draft202012Validator:
    loaded = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return jsonschema.Draft202012Validator(loaded)


def loaded(folder: Path) -> Case:
    result = load_case(folder)
    assert result.case is not None and result.ok, [p.format() for p in result.problems]
    return result.case


# --- Web Annotation ---------------------------------------------------------------------------

def test_web_annotations_match_the_schema(bundled_case: Case) -> None:
    data = json.loads(export(bundled_case, "webannotation"))
    schema("webannotation").validate(data)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["total"] == len(data["first"]["items"])


@pytest.mark.parametrize("broken", [
    lambda d: d.pop("@context"),
    lambda d: d["first"]["items"][0].pop("target"),
    lambda d: d["first"]["items"][0]["target"]["selector"].pop(1),
    lambda d: d["first"]["items"][0]["target"]["selector"][0].pop("exact"),
    lambda d: d["first"]["items"][0].update(type="Note"),
    lambda d: d["first"]["items"][0]["target"]["selector"][1].update(start=-1),
])
def test_the_web_annotation_schema_rejects_what_it_should(bundled_case: Case, broken) -> None:
    data = web_annotations(bundled_case)
    broken(data)
    assert not schema("webannotation").is_valid(data)


def test_one_annotation_per_mention_and_per_claim_citation(bundled_case: Case) -> None:
    items = web_annotations(bundled_case)["first"]["items"]
    mentions = [i for i in items if i["motivation"] == "identifying"]
    citations = [i for i in items if i["motivation"] == "describing"]
    assert len(mentions) == sum(len(m) for m in bundled_case.mentions.values())
    assert len(citations) == len(list(linked_citations(bundled_case)))
    assert len({i["id"] for i in items}) == len(items)  # ids are unique
    assert web_annotations(bundled_case) == web_annotations(bundled_case)  # and stable


@pytest.fixture(scope="module")
def co_defendants(tmp_path_factory: pytest.TempPathFactory) -> Case:
    """Two people sentenced together; the sources dispute the date of their appeal ruling."""
    return loaded(co_defendants_case(tmp_path_factory.mktemp("co-defendants") / "case"))


def claims(case: Case, tag: str) -> dict[str, list[dict]]:
    """The citation annotations tagged ``tag``, by the passage each targets."""
    found: dict[str, list[dict]] = {}
    for item in web_annotations(case)["first"]["items"]:
        if any(body["purpose"] == "tagging" and body["value"] == tag for body in item["body"]):
            found.setdefault(item["target"]["selector"][0]["exact"], []).append(item)
    return found


def bodies(item: dict, purpose: str) -> list[str]:
    return [body["value"] for body in item["body"] if body["purpose"] == purpose]


def test_each_measure_annotates_its_passages_saying_the_measure_and_whose_it_is(bundled_case: Case,
                                                                               co_defendants: Case) -> None:
    for case in (bundled_case, co_defendants):
        # The person's link is the id their mentions are identified by.
        person_ids = {body["id"]: body["value"] for item in web_annotations(case)["first"]["items"]
                      if item["motivation"] == "identifying" for body in item["body"]
                      if body["purpose"] == "identifying"}
        for measure in case.measures.values():
            annotated = claims(case, f"measure/{measure.kind}")
            name = case.entities[measure.person_id].name
            for citation in measure.citations:
                exact = case.sources[citation.source_id].text[citation.span.start:citation.span.end]
                (item,) = [i for i in annotated[exact] if measure_label(measure) in bodies(i, "describing")[0]]
                assert bodies(item, "describing")[0].startswith(f"{name}: {measure_label(measure)}, imposed by "
                                                                f"{measure.event_id} (")
                (link,) = [body for body in item["body"] if body["purpose"] == "linking"]
                assert (link["value"], link["id"]) == (name, urn(case.id, "entity", measure.person_id))
                assert person_ids[link["id"]] == name
    fine = claims(co_defendants, "measure/fine")["a fine of 150,000 tenge"]
    assert bodies(fine[0], "describing") == ["Timur Bekov: fine, 150,000 tenge, imposed by sentence "
                                             "(20 February 2020)."]


def test_each_change_annotates_its_passages(bundled_case: Case, co_defendants: Case) -> None:
    (pardon,) = claims(bundled_case, "change/pardoned")["Baltabay was released from prison in August 2019 after "
                                                       "being pardoned by the President of the Republic of "
                                                       "Kazakhstan"]
    assert bodies(pardon, "describing") == ["Erlan Baltabay: imprisonment, 7 years: pardoned, by release-2019-08 "
                                            "(August 2019)."]
    assert bodies(pardon, "linking") == ["Erlan Baltabay"]
    reduced = claims(co_defendants, "change/reduced")
    assert set(reduced) == {"to reduce Asel Nurova's prison term to one year",
                            "reduced the prison sentence of Asel Nurova to one year"}
    for (item,) in reduced.values():
        assert bodies(item, "describing") == ["Asel Nurova: imprisonment, 2 years: reduced to 1 year, by appeal "
                                              "(date disputed: 12 June 2020 (The Monitor); 9 July 2020 "
                                              "(The Herald))."]
        assert bodies(item, "linking") == ["Asel Nurova"]
    (upheld,) = claims(co_defendants, "change/upheld")["Timur Bekov's sentence was upheld"]
    assert bodies(upheld, "linking") == ["Timur Bekov"]


def test_each_date_of_a_disputed_event_annotates_its_passage(co_defendants: Case) -> None:
    dates = claims(co_defendants, "date")
    assert set(dates) == {"The appeal court ruled on 12 June 2020", "On 9 July 2020 the appeal court"}
    (monitor,) = dates["The appeal court ruled on 12 June 2020"]
    assert bodies(monitor, "describing") == [
        "The Monitor gives 12 June 2020 as the date of this event (appeal: The appeal court cuts Nurova's prison "
        "term and upholds Bekov's sentence.) The sources dispute its date; the others: 9 July 2020 (The Herald)."]
    (herald,) = dates["On 9 July 2020 the appeal court"]
    assert "The Herald gives 9 July 2020 as the date" in bodies(herald, "describing")[0]
    assert bodies(monitor, "linking") == bodies(herald, "linking") == ["Asel Nurova", "Timur Bekov"]
    # The event itself: every date with who gives it, whose it is, what it does to each.
    (event,) = claims(co_defendants, "event/appeal")["The appeal court ruled on 12 June 2020 to reduce Asel "
                                                     "Nurova's prison term to one year."]
    assert bodies(event, "describing") == [
        "date disputed: 12 June 2020 (The Monitor); 9 July 2020 (The Herald): The appeal court cuts Nurova's prison "
        "term and upholds Bekov's sentence. Whose: Asel Nurova and Timur Bekov. What it does: Asel Nurova: sentence "
        "changed on appeal; Timur Bekov: appeal rejected; Asel Nurova: imprisonment, 2 years: reduced to 1 year; "
        "Timur Bekov: community service, 200 hours: upheld."]
    (strike,) = claims(co_defendants, "event/context")["after the strike at the cement plant"]
    assert bodies(strike, "describing")[0].endswith("Whose: the case as a whole.")
    assert bodies(strike, "linking") == []
    schema("webannotation").validate(web_annotations(co_defendants))


def test_selectors_point_at_the_passage_as_the_source_stores_it(bundled_case: Case) -> None:
    by_iri = {source_iri(bundled_case, s): s for s in bundled_case.sources.values()}
    for item in web_annotations(bundled_case)["first"]["items"]:
        source = by_iri[item["target"]["source"]]
        quote, position = item["target"]["selector"]
        text = source.text
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote.get("prefix", ""))
        assert text[position["end"]:].startswith(quote.get("suffix", ""))


def test_sources_are_named_by_their_address_or_a_stable_urn(case_dir: Path, bundled_case: Case) -> None:
    case = loaded(case_dir)
    case.sources["daily"].url = "https://daily.example/union-leader-sentenced"
    iris = {item["target"]["source"] for item in web_annotations(case)["first"]["items"]}
    assert "https://daily.example/union-leader-sentenced" in iris
    urns = iris - {"https://daily.example/union-leader-sentenced"}
    assert len(urns) == 1 and next(iter(urns)).startswith("urn:uuid:")
    assert source_iri(case, case.sources["weekly"]) == source_iri(loaded(case_dir), loaded(case_dir).sources["weekly"])


def test_a_mention_body_names_the_entity_and_its_type(bundled_case: Case) -> None:
    first = web_annotations(bundled_case)["first"]["items"][0]
    mention = bundled_case.mentions[next(iter(bundled_case.mentions))][0]
    entity = bundled_case.entities[mention.entity_id]
    values = {body["purpose"]: body["value"] for body in first["body"]}
    assert values == {"identifying": entity.name, "tagging": entity.type, "describing": entity.description}


def test_control_characters_are_escaped_in_json_yet_round_trip(tmp_path: Path) -> None:
    from tests.support.case_files import DAILY_TEXT

    text = DAILY_TEXT + "A \x1b[2J and \u202eevil\u202c line.\n"
    folder = write_case(tmp_path / "case", {"sources/daily.txt": text})
    written = export(loaded(folder), "webannotation")
    assert "\x1b" not in written and "\u202e" not in written
    assert "\\u202e" in written
    exacts = [i["target"]["selector"][0] for i in json.loads(written)["first"]["items"]]
    assert any("\u202e" in (s.get("suffix", "") + s.get("prefix", "") + s["exact"]) for s in exacts)


# --- TimelineJS -------------------------------------------------------------------------------

def test_timelinejs_matches_the_schema(bundled_case: Case) -> None:
    data = json.loads(export(bundled_case, "timelinejs"))
    schema("timelinejs").validate(data)


@pytest.mark.parametrize("broken", [
    lambda d: d.pop("events"),
    lambda d: d["events"][0]["start_date"].pop("year"),
    lambda d: d["events"][0]["start_date"].update(month=13),
    lambda d: d["events"][0].pop("start_date"),
])
def test_the_timelinejs_schema_rejects_what_it_should(bundled_case: Case, broken) -> None:
    data = timeline_js(bundled_case)
    broken(data)
    assert not schema("timelinejs").is_valid(data)


def test_each_slide_carries_its_people_and_what_the_event_does(bundled_case: Case) -> None:
    slides = {slide["unique_id"]: slide for slide in timeline_js(bundled_case)["events"]}
    for event in bundled_case.events:
        if event.id not in slides:
            continue
        text = slides[event.id]["text"]["text"]
        whose = "Erlan Baltabay" if event.people else "the case as a whole"
        assert f"<p>Whose: {whose}</p>" in text and slides[event.id]["group"] == whose
    assert "<li>Erlan Baltabay: imprisonment, 7 years: pardoned</li>" in slides["release-2019-08"]["text"]["text"]


def test_a_disputed_event_is_on_the_timeline_once_per_date(co_defendants: Case) -> None:
    data = timeline_js(co_defendants)
    schema("timelinejs").validate(data)
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    assert list(slides) == ["strike", "arrest", "sentence", "appeal--date-1", "appeal--date-2"]
    first, second = slides["appeal--date-1"], slides["appeal--date-2"]
    assert (first["start_date"], second["start_date"]) == ({"year": 2020, "month": 6, "day": 12},
                                                           {"year": 2020, "month": 7, "day": 9})
    assert "end_date" not in first and "end_date" not in second
    headline = "The appeal court cuts Nurova&#x27;s prison term and upholds Bekov&#x27;s sentence."
    assert first["text"]["headline"] == f"{headline} (disputed date, given by The Monitor)"
    assert second["text"]["headline"] == f"{headline} (disputed date, given by The Herald)"
    assert first["display_date"] == "12 June 2020 (disputed)"
    assert "This slide is at the date The Monitor gives, 12 June 2020; the other dates: 9 July 2020 (The Herald)." \
        in first["text"]["text"]
    assert "<blockquote>“The appeal court ruled on 12 June 2020” (The Monitor, monitor 3:1)</blockquote>" \
        in first["text"]["text"]
    assert "<blockquote>“On 9 July 2020 the appeal court” (The Herald, herald 3:1)</blockquote>" \
        in second["text"]["text"]
    for slide in (first, second):
        text = slide["text"]["text"]
        assert "<p>Whose: Asel Nurova and Timur Bekov</p>" in text
        assert "<li>Asel Nurova: imprisonment, 2 years: reduced to 1 year</li>" in text
        assert "<li>Timur Bekov: community service, 200 hours: upheld</li>" in text
    assert "<p>Whose: the case as a whole</p>" in slides["strike"]["text"]["text"]
    assert slides["strike"]["group"] == "the case as a whole"
    assert "Following: Asel Nurova and Timur Bekov." in data["title"]["text"]["text"]


DATED_EVENTS = EVENTS_YAML + """\
  - id: year-only
    kind: other
    date: "2019"
    summary: Something in 2019.
    citations:
      - source: daily
        quote: "The Ministry of Justice did not comment."
  - id: bounded
    kind: other
    date: unknown
    not_before: 2019-08
    not_after: 2019-09-15
    summary: Between two bounds.
    citations:
      - source: weekly
        quote: "He had been sentenced in July."
  - id: one-bound
    kind: other
    date: unknown
    not_before: 2019-10
    summary: After a bound.
    citations:
      - source: daily
        quote: "Baltabay said he was innocent."
  - id: nowhere
    kind: other
    date: unknown
    summary: "No date at all <script>x</script>"
    citations:
      - source: daily
        quote: "Union leader sentenced"
"""


def test_dates_carry_only_the_parts_the_case_knows(tmp_path: Path) -> None:
    case = loaded(write_case(tmp_path / "case", {"events.yaml": DATED_EVENTS}))
    data = timeline_js(case)
    schema("timelinejs").validate(data)
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    assert slides["sentence"]["start_date"] == {"year": 2019, "month": 7, "day": 17}
    assert slides["release"]["start_date"] == {"year": 2019, "month": 8}
    assert slides["year-only"]["start_date"] == {"year": 2019}
    assert (slides["bounded"]["start_date"], slides["bounded"]["end_date"]) == (
        {"year": 2019, "month": 8}, {"year": 2019, "month": 9, "day": 15})
    assert slides["bounded"]["display_date"] == "date unknown (not before August 2019, not after 15 September 2019)"
    assert slides["one-bound"]["start_date"] == {"year": 2019, "month": 10}
    assert "end_date" not in slides["one-bound"]
    assert slides["one-bound"]["display_date"] == "date unknown (not before October 2019)"
    # An event with no date and no bound cannot be placed: it is listed on the title slide instead.
    assert "nowhere" not in slides
    assert "No date at all &lt;script&gt;x&lt;/script&gt;" in data["title"]["text"]["text"]


def test_timeline_text_is_escaped_html_with_the_quotes(tmp_path: Path) -> None:
    case = loaded(write_case(tmp_path / "case", {
        "case.yaml": CASE_YAML.replace("title: Demo case", 'title: "<b>Demo</b>"'),
        "events.yaml": EVENTS_YAML.replace("summary: Sentenced to seven years.",
                                           'summary: "Sentenced <img src=x onerror=alert(1)>"'),
    }))
    data = timeline_js(case)
    assert data["title"]["text"]["headline"] == "&lt;b&gt;Demo&lt;/b&gt;"
    sentence = data["events"][0]
    assert sentence["text"]["headline"] == "Sentenced &lt;img src=x onerror=alert(1)&gt;"
    assert "<blockquote>“was sentenced to seven years in prison” (The Daily, daily 3:" in sentence["text"]["text"]
    assert "<p>Whose: Erlan Baltabay</p><ul><li>Erlan Baltabay: convicted at first instance</li>" \
           "<li>Erlan Baltabay: imprisonment, length not given: imposed</li></ul>" in sentence["text"]["text"]
