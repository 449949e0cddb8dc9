"""Property tests: no input makes the loader or ``reader check`` crash, and offsets round-trip.

Hypothesis writes arbitrary text, arbitrary bytes and arbitrary YAML into
the minimal case of conftest.py. Whatever it writes, ``load_case`` returns
problems (never raises), ``reader check`` exits 0, 1 or 2 (never a
traceback), and every citation and mention of a case that loads points at
text that is its quote or name. Events of people, proceedings, measures,
changes and disputed dates, right and wrong, either load or are refused
with located problems, and the status of a case that loads can be asked on
any date, by either basis, and holds together. Example counts are kept modest so the suite
stays fast; the strategies aim at the edges (controls, marks, nesting,
aliases, tags) rather than at volume.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import itertools
import tempfile
import unicodedata
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.load.case_loader import LoadResult, load_case
from reader.model.anchor import fold_normal
from reader.model.status import Standing, case_status
from reader.model.vocabulary import CHANGE_ACTIONS, MEASURE_KINDS, PROCEEDINGS_STAGES
from tests.support.case_files import WEEKLY_TEXT, write_case

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Characters that stress the reader: controls, bidi, marks, wide, surrogate-free astral, YAML syntax.
NASTY = st.sampled_from(list("\x00\x07\x1b\x7f\x85\x9b\x9d\u202e\u2066\u200f\u0301\u0308\u1161\ufeff\ufffe"
                             "\t\r\n :-#&*!|>'\"[]{}%@`,?中👩‍éÖ’“—\u00a0\u2028"))
TEXT = st.text(max_size=300) | st.text(NASTY, max_size=120) | st.text(st.characters(codec="utf-8"), max_size=200)

YAML_TOKENS = st.sampled_from([
    "- ", ": ", "\n", "\n  ", "\n    ", "\t", "&a ", "*a ", "&b ", "*b ", "!!python/object:os.system ", "!!str ",
    "!custom ", "<<: *a\n", "{", "}", "[", "]", ", ", '"', "'", "#", "|\n  ", ">-\n  ", "---\n", "...\n", "%YAML 1.1\n",
    "? ", "id", "id: x", "quote", "source: daily", "entities:", "sources:", "case:", "version: 1", "null", "~",
    "version: 2", "subjects: [erlan-baltabay]", "subject: erlan-baltabay", "people:", "measures:", "changes:",
    "proceedings: convicted", "status: {state: imprisoned}", "term: {years: 7}", "term: {hours: 9}", "date: disputed",
    "dates:", "action: pardoned", "by: x", "measure: prison",
    "2019-07-17", "0x1F", "1e9", "yes", "\\e]52;c;eA==\\a", "\u202e", "é", "\x1b", "[bold]",
])

LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(NASTY, max_size=20) | \
    st.sampled_from(["daily", "weekly", "erlan-baltabay", "2019-07-17", "unknown", "person", "[bold red]x[/]"])
DATA = st.recursive(LEAVES, lambda children: st.lists(children, max_size=4) |
                    st.dictionaries(st.text(NASTY, max_size=8) | st.sampled_from(
                        ["id", "type", "name", "quote", "source", "citations", "entities", "events", "case",
                         "sources", "file", "date", "aliases", "mentions", "people", "proceedings", "measures",
                         "changes", "dates", "term", "amount", "subjects", "measure", "action", "by"]), children,
                        max_size=4),
                    max_leaves=30)


@st.composite
def yaml_texts(draw: st.DrawFn) -> str | bytes:
    """YAML of every kind: token soup, dumped data, deep brackets, alias chains, raw bytes."""
    kind = draw(st.sampled_from(["tokens", "data", "nesting", "aliases", "bytes", "text"]))
    if kind == "tokens":
        return "".join(draw(st.lists(YAML_TOKENS, max_size=40)))
    if kind == "data":
        return yaml.safe_dump(draw(DATA), allow_unicode=draw(st.booleans()))
    if kind == "nesting":
        depth = draw(st.integers(1, 3000))
        opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ("- ", "")]))
        if opener == "- ":
            return "".join("  " * level + "- \n" for level in range(min(depth, 300)))
        return "x: " + opener * depth + closer * draw(st.integers(0, depth)) + "\n"
    if kind == "aliases":
        width, levels = draw(st.integers(1, 12)), draw(st.integers(1, 12))
        lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
        lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * width)}]" for n in range(1, levels)]
        return "\n".join(lines) + "\n"
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    return draw(TEXT)


def load_with(files: dict[str, str | bytes | None]) -> LoadResult:
    with tempfile.TemporaryDirectory() as folder:
        return load_case(write_case(Path(folder) / "case", files))


def check_with(files: dict[str, str | bytes]) -> tuple[int, str]:
    """Run ``reader check`` in this process; the exit code and everything it printed."""
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as folder:
        case = write_case(Path(folder) / "case", files)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", str(case)])
    return code, out.getvalue() + err.getvalue()


def squash(text: str) -> str:
    return " ".join(fold_normal(text).split())


def assert_round_trip(result: LoadResult) -> None:
    """Every resolved citation covers its quote, every mention one of its entity's names."""
    case = result.case
    if case is None:
        return
    for citation in case.all_citations():
        if citation.span is not None:
            text = case.sources[citation.source_id].text
            assert squash(text[citation.span.start:citation.span.end]) == squash(citation.quote)
    for source_id, mentions in case.mentions.items():
        text = case.sources[source_id].text
        for mention in mentions:
            if mention.explicit:
                continue
            names = {squash(name) for name in case.entities[mention.entity_id].names}
            assert squash(text[mention.span.start:mention.span.end]) in names


def assert_located(result: LoadResult) -> None:
    for problem in result.problems:
        assert problem.message and "\n" not in problem.message
        assert problem.location.path is not None


@SETTINGS
@given(TEXT | st.binary(max_size=400))
def test_any_source_text_loads_without_raising(text: str | bytes) -> None:
    result = load_with({"sources/weekly.txt": text})
    assert_located(result)
    assert_round_trip(result)


@SETTINGS
@given(st.lists(TEXT | st.sampled_from(["Erlan Baltabai", "Baltabai", "Erlan Baltabay", "Baltabay",
                                        unicodedata.normalize("NFD", "Baltabaï"), "Ministry of Justice",
                                        "was released in August 2019 after a pardon"]), max_size=8),
       st.sampled_from(["NFC", "NFD"]))
def test_mentions_and_citations_round_trip_in_any_text(pieces: list[str], form: str) -> None:
    text = unicodedata.normalize(form, WEEKLY_TEXT + " ".join(pieces))
    result = load_with({"sources/weekly.txt": text})
    assert_located(result)
    assert_round_trip(result)
    if result.case is not None:
        weekly = result.case.mentions["weekly"]
        # Each mention is inside the text, and they do not overlap.
        assert all(0 <= m.span.start < m.span.end <= len(text) for m in weekly)
        assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(weekly))


@SETTINGS
@given(st.sampled_from(["case.yaml", "entities.yaml", "events.yaml", "notes.yaml"]), yaml_texts())
def test_any_yaml_loads_without_raising(name: str, text: str | bytes) -> None:
    result = load_with({name: text})
    assert_located(result)
    assert_round_trip(result)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["case.yaml", "entities.yaml", "sources/weekly.txt"]), yaml_texts() | TEXT)
def test_reader_check_exits_0_1_or_2_and_never_prints_a_traceback(name: str, text: str | bytes) -> None:
    code, printed = check_with({name: text})
    assert code in (0, 1, 2)
    assert "Traceback" not in printed
    # Nothing that reaches the terminal is a control character but the newline.
    assert not any(char in printed for char in "\x1b\x07\x9b\x9d\u202e")


# --- people, proceedings, measures, changes and disputed dates, right and wrong -----------------------

#: Passages of the minimal case's sources, so that citations are found and the rest is what is tested.
CITED = [{"source": "daily", "quote": "was sentenced to seven years in prison"},
         {"source": "weekly", "quote": "was released in August 2019 after a pardon"}]
DAYS = st.dates(dt.date(2015, 1, 1), dt.date(2021, 12, 31))

#: One thing to break in a valid list of events, so that the refusals are tested as well as the status.
BREAKAGES = ("kind", "hours", "unknown measure", "disputed without dates", "no people", "stage word", "action word",
             "replaced without by", "one date", "no unit")


def cite(draw: st.DrawFn) -> list[dict]:
    return [draw(st.sampled_from(CITED))]


def date_fields(draw: st.DrawFn, day: dt.date) -> dict:
    """The date of an event on or after ``day``: to the day, the month, unknown within bounds, or disputed."""
    shape = draw(st.sampled_from(["day", "month", "unknown", "bounded", "disputed"]))
    if shape == "day":
        return {"date": day.isoformat()}
    if shape == "month":
        return {"date": day.isoformat()[:7]}
    if shape == "unknown":
        return {"date": "unknown"}
    later = day + dt.timedelta(days=draw(st.integers(0, 400)))
    if shape == "bounded":
        return {"date": "unknown", "not_before": day.isoformat(), "not_after": later.isoformat(),
                "date_inferred": True, "date_note": "Bounded."}
    return {"date": "disputed", "dates": [{"date": d.isoformat(), "citations": cite(draw)} for d in (day, later)]}


def a_measure(draw: st.DrawFn, measure_id: str) -> dict:
    kind = draw(st.sampled_from(list(MEASURE_KINDS)))
    measure: dict = {"id": measure_id, "kind": kind, "citations": cite(draw)}
    if kind == "community-service":
        measure["term"] = {"hours": draw(st.integers(1, 1000))}
    elif kind == "fine":
        if draw(st.booleans()):
            measure["amount"] = {"value": draw(st.integers(1, 10**6)), "currency": "KZT"}
    elif draw(st.booleans()):
        measure["term"] = draw(st.dictionaries(st.sampled_from(["years", "months", "days"]), st.integers(1, 40),
                                               min_size=1))
    return measure


@st.composite
def measure_events(draw: st.DrawFn) -> dict:
    """An events.yaml of the subject's story, in order, that imposes and changes measures; one thing may be broken."""
    day = draw(DAYS)
    imposed: list[str] = []
    events = []
    for index in range(draw(st.integers(1, 5))):
        day += dt.timedelta(days=draw(st.integers(0, 300)))
        event: dict = {"id": f"e{index}", "kind": "other", **date_fields(draw, day), "summary": "Something.",
                       "people": ["erlan-baltabay"]}
        if draw(st.booleans()):
            event["proceedings"] = draw(st.sampled_from(list(PROCEEDINGS_STAGES)))
        measures = [a_measure(draw, f"m{index}-{n}") for n in range(draw(st.integers(0, 2)))]
        changes = []
        for measure_id in draw(st.lists(st.sampled_from(imposed), max_size=2, unique=True)) if imposed else []:
            action = draw(st.sampled_from(list(CHANGE_ACTIONS)))
            change: dict = {"measure": measure_id, "action": action, "citations": cite(draw)}
            if action in ("reduced", "increased"):
                change["term"] = {"days": draw(st.integers(1, 400))}
            if action == "replaced":
                measures.append(a_measure(draw, f"m{index}-by-{measure_id}"))
                change["by"] = measures[-1]["id"]
            changes.append(change)
        if measures:
            event["measures"] = measures
        if changes:
            event["changes"] = changes
        event["citations"] = cite(draw)
        imposed += [m["id"] for m in measures]
        events.append(event)
    breakage = draw(st.sampled_from([None, None, *BREAKAGES]))
    event = draw(st.sampled_from(events))
    measure = (event.get("measures") or [{}])[0]
    change = (event.get("changes") or [{}])[0]
    if breakage == "kind" and measure:
        measure["kind"] = "prison"
    elif breakage == "hours" and measure:
        measure["kind"], measure["term"] = "imprisonment", {"hours": 100}
    elif breakage == "unknown measure" and change:
        change["measure"] = "nothing"
    elif breakage == "disputed without dates":
        event.update(date="disputed")
        event.pop("dates", None)
    elif breakage == "no people":
        event.pop("people")
    elif breakage == "stage word":
        event["proceedings"] = "imprisoned"
    elif breakage == "action word" and change:
        change["action"] = "released"
    elif breakage == "replaced without by" and change:
        change["action"] = "replaced"
        change.pop("by", None)
        change.pop("term", None)
    elif breakage == "one date" and event["date"] == "disputed":
        event["dates"] = event["dates"][:1]
    elif breakage == "no unit" and measure:
        measure["term"] = 7
    return {"events": events}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(measure_events(), st.sampled_from([None, dt.date(1000, 1, 1), dt.date(2018, 12, 31), dt.date(2019, 7, 17),
                                          dt.date(2019, 8, 15), dt.date(2999, 12, 31)]))
def test_any_measures_load_or_are_refused_and_any_status_holds_together(events: dict, as_of: dt.date | None) -> None:
    # The minimal case's own events are replaced; its sources and entities stay.
    result = load_with({"events.yaml": yaml.safe_dump(events, sort_keys=False), "quotes.yaml": None})
    assert_located(result)
    assert_round_trip(result)
    case = result.case
    event("loads" if case is not None else "refused")
    if case is None:
        return
    event("imposes a measure" if case.measures else "imposes nothing")
    event("changes a measure" if any(e.changes for e in case.events) else "changes nothing")
    for basis in ("happened", "reported"):
        status = case_status(case, as_of=as_of, basis=basis, today=dt.date(2026, 12, 2))
        assert [p.person_id for p in status.people] == list(case.subject_ids)
        assert len(status.steps) == len(case.events)
        for person in status.people:
            assert person.headline and status.freshness
            for measure in person.all_measures:
                assert measure.person_id == person.person_id
                assert measure.standing is not Standing.NOT_YET  # not imposed yet: not listed at all
                assert not (measure.in_force and measure.ended)
                assert measure.label and all(isinstance(w, str) for w in (measure.until or "",))
            assert set(m.id for m in person.measures) <= set(m.id for m in person.all_measures)
            assert not set(m.id for m in person.measures) & set(m.id for m in person.uncertain_measures)
            assert all(isinstance(warning, str) and warning for warning in person.warnings)
