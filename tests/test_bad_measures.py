"""Bad input in case format 2: people, proceedings, measures, changes, disputed dates, version 1 fields.

Each test breaks one thing in the minimal case (tests/support/case_files.py)
and asserts what ``reader check`` prints: the place, the problem and what
to write instead. docs/bad-input.md lists each with its message.
"""

from __future__ import annotations

from tests.support.case_files import CASE_YAML, ENTITIES_YAML, EVENTS_YAML, WITNESS_TEXT, problem_texts


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced once; fails if ``old`` is not there exactly once."""
    assert text.count(old) == 1, f"{old!r} not found exactly once"
    return text.replace(old, new)


#: The minimal case's release, as an event of the subject that acts on the sentence's prison term.
RELEASE_CHANGES = replaced(EVENTS_YAML, """\
    summary: Released after a pardon.
    entities: [erlan-baltabay]
""", """\
    summary: Released after a pardon.
    people: [erlan-baltabay]
    entities: [erlan-baltabay]
    changes:
      - measure: prison
        action: pardoned
        citations:
          - source: weekly
            quote: "was released in August 2019 after a pardon"
""")

#: A second change to the prison term on the day of the first, reported by the same source.
SECOND_CHANGE = """\
  - id: release-2
    kind: release
    date: 2019-08-20
    summary: The term is cut instead.
    people: [erlan-baltabay]
    changes:
      - measure: prison
        action: reduced
        term: {years: 1}
        citations:
          - source: weekly
            quote: "was released in August 2019 after a pardon"
    citations:
      - source: weekly
        quote: "was released in August 2019 after a pardon"
"""

#: A person the sources name whom the case does not follow.
WITNESS = """\
  - id: aigerim-nurlanovna
    type: person
    name: Aigerim Nurlanovna
    description: A witness.
    citations:
      - source: daily
        quote: "Aigerim Nurlanovna, a witness,"
"""


def prison_with(lines: str) -> str:
    """EVENTS_YAML with ``lines`` (indented for a measure) on the sentence's prison term."""
    return replaced(EVENTS_YAML, "        kind: imprisonment\n", "        kind: imprisonment\n" + lines)


# --- changes to measures ---------------------------------------------------------------------------

def test_a_change_to_a_measure_that_does_not_exist(broken) -> None:
    result = broken({"events.yaml": replaced(RELEASE_CHANGES, "measure: prison", "measure: prisn")})
    assert problem_texts(result) == [
        "events.yaml:25:18: error: unknown measure `prisn`\n"
        "    hint: did you mean `prison`? (known measure ids: `prison`)"]
    result = broken({"events.yaml": replaced(RELEASE_CHANGES, "measure: prison", "measure: seven-years")})
    assert problem_texts(result) == [
        "events.yaml:25:18: error: unknown measure `seven-years`\n"
        "    hint: known measure ids: `prison`; a change acts on a measure listed in the `measures:` of the "
        "decision that imposed it"]


def test_a_change_listed_before_the_decision_that_imposes_its_measure(broken) -> None:
    sentence, release = RELEASE_CHANGES.split("  - id: release\n")
    result = broken({"events.yaml": "events:\n  - id: release\n" + release + sentence.removeprefix("events:\n")})
    assert problem_texts(result) == [
        "events.yaml:9:9: error: `release` changes measure `prison`, which `sentence` imposes later in the file\n"
        "    hint: list events in the order they happened: the event that imposes a measure comes before the ones "
        "that change it",
        "events.yaml:19:11: warning: event `sentence` (2019-07-17) is listed after `release` (2019-08) but "
        "happened before it\n"
        "    hint: list events in the order they happened"]


def test_a_change_dated_before_its_measure_began(broken) -> None:
    result = broken({"events.yaml": replaced(RELEASE_CHANGES, "date: 2019-08", "date: 2019-06")})
    assert problem_texts(result) == [
        "events.yaml:20:11: warning: event `release` (2019-06) is listed after `sentence` (2019-07-17) but "
        "happened before it\n"
        "    hint: list events in the order they happened",
        "events.yaml:25:9: error: `release` (June 2019) changes measure `prison` before it began (17 July 2019)\n"
        "    hint: check both dates against the sources; a change cannot come before its measure"]


def test_a_measure_that_begins_later_than_its_decision(broken) -> None:
    # a stated start moves the check: a change before the start is refused, one after it is fine
    events = prison_with("        start: {date: 2019-09}\n")
    assert "before it began (September 2019)" in problem_texts(broken({"events.yaml": replaced(
        RELEASE_CHANGES, "        kind: imprisonment\n", "        kind: imprisonment\n        start: {date: 2019-09}\n")
    }))[0]
    assert problem_texts(broken({"events.yaml": events})) == []


def test_two_conflicting_changes_on_one_date(broken) -> None:
    events = replaced(RELEASE_CHANGES, "date: 2019-08", "date: 2019-08-20") + SECOND_CHANGE
    # the weekly is dated here, after both (else the order of undated sources would be another matter)
    result = broken({"events.yaml": events})
    assert problem_texts(result) == [
        "events.yaml:39:9: error: two changes to measure `prison` on 2019-08-20: `release` says `pardoned`, "
        "`release-2` says `reduced` to 1 year\n"
        "    hint: if the sources disagree, record a difference and keep the change most sources report; if "
        "both happened, date them apart"]
    agreeing = events.replace("        action: reduced\n        term: {years: 1}\n", "        action: pardoned\n")
    assert problem_texts(broken({"events.yaml": agreeing})) == []  # two reports of one pardon


def test_replaced_without_by(broken) -> None:
    result = broken({"events.yaml": replaced(RELEASE_CHANGES, "action: pardoned", "action: replaced")})
    assert problem_texts(result) == [
        "events.yaml:26:17: error: `replaced` needs the measure that replaces it\n"
        "    hint: give `by:` the id of a measure this same event imposes in `measures:`"]


def test_replaced_by_a_measure_another_event_imposes(broken) -> None:
    events = replaced(RELEASE_CHANGES, "        action: pardoned\n",
                      "        action: replaced\n        by: prison\n")
    assert problem_texts(broken({"events.yaml": events})) == [
        "events.yaml:25:9: error: measure `prison` is replaced by itself\n"
        "    hint: `by` names the new measure, imposed in this event's `measures`"]


def test_a_resizing_change_needs_the_new_length_and_only_it_takes_one(broken) -> None:
    result = broken({"events.yaml": replaced(RELEASE_CHANGES, "action: pardoned", "action: reduced")})
    assert problem_texts(result) == [
        "events.yaml:26:17: error: `reduced` needs the new length or amount\n"
        "    hint: give `term:` (e.g. `term: {years: 5}`) or `amount:` as the source states it"]
    events = replaced(RELEASE_CHANGES, "        action: pardoned\n",
                      "        action: pardoned\n        term: {years: 1}\n")
    assert problem_texts(broken({"events.yaml": events})) == [
        "events.yaml:27:15: error: `term` on a change that is `pardoned`\n"
        "    hint: only `reduced` and `increased` give a new length or amount; remove it, or change the action"]


# --- terms -----------------------------------------------------------------------------------------

def test_a_term_with_no_unit(broken) -> None:
    assert problem_texts(broken({"events.yaml": prison_with("        term: 7\n")})) == [
        "events.yaml:12:15: error: expected a term (a mapping of fields), found the number 7\n"
        "    hint: say what it counts: `term: {years: 7}`, `{months: 7}` or `{days: 7}`; for community "
        "service, `{hours: 7}`"]
    assert problem_texts(broken({"events.yaml": prison_with('        term: "7 years"\n')}))[0].endswith(
        "    hint: say what it counts: `term: {years: 7}`, `{months: 7}` or `{days: 7}`; for community "
        "service, `{hours: 7}`")
    assert problem_texts(broken({"events.yaml": prison_with("        term: {}\n")})) == [
        "events.yaml:12:15: error: a term needs a length\n"
        "    hint: give `years`, `months`, `days` (or `hours`, for community service) as the source states them, "
        "e.g. `months: 5` and `days: 8`"]
    # a field that is no unit is one error, not also "a term needs a length"
    assert problem_texts(broken({"events.yaml": prison_with("        term: {length: 7}\n")})) == [
        "events.yaml:12:16: error: unknown field `length` in term\n"
        "    hint: known fields: years, months, weeks, days, hours"]


def test_hours_on_a_prison_term(broken) -> None:
    assert problem_texts(broken({"events.yaml": prison_with("        term: {hours: 100}\n")})) == [
        "events.yaml:12:23: error: hours on a measure of kind `imprisonment`\n"
        "    hint: a term in hours is for community service or forced labour (`kind: community-service`); give "
        "this one in years, months or days"]
    reduced = replaced(RELEASE_CHANGES, "        action: pardoned\n",
                       "        action: reduced\n        term: {hours: 100}\n")
    assert problem_texts(broken({"events.yaml": reduced})) == [
        "events.yaml:25:9: error: hours on measure `prison`, of kind `imprisonment`\n"
        "    hint: give the new length in years, months or days, as the measure's term is"]
    service = replaced(prison_with("        term: {hours: 100, months: 2}\n"), "kind: imprisonment",
                       "kind: community-service")
    assert problem_texts(broken({"events.yaml": service})) == [
        "events.yaml:10:9: error: measure `prison` has a term both in hours and on the calendar\n"
        "    hint: give the length the way the source counts it: hours, or years, months and days"]


# --- people ----------------------------------------------------------------------------------------

def test_a_measure_on_someone_who_is_not_a_subject(broken) -> None:
    entities = ENTITIES_YAML + WITNESS
    events = replaced(replaced(EVENTS_YAML, "    people: [erlan-baltabay]\n",
                               "    people: [erlan-baltabay, aigerim-nurlanovna]\n"),
                      "        kind: imprisonment\n",
                      "        kind: imprisonment\n        person: aigerim-nurlanovna\n")
    result = broken({"entities.yaml": entities, "events.yaml": events, "sources/daily.txt": WITNESS_TEXT})
    assert problem_texts(result) == [
        "events.yaml:4:11: error: event `sentence` is about `aigerim-nurlanovna`, who is not a subject\n"
        "    hint: the case follows `erlan-baltabay`; if it follows `aigerim-nurlanovna` too, add them to "
        "`subjects` in case.yaml, else name them in the event's `entities` instead of `people`"]
    # on someone not even among the event's people: both are said
    events = prison_with("        person: aigerim-nurlanovna\n")
    result = broken({"entities.yaml": entities, "events.yaml": events, "sources/daily.txt": WITNESS_TEXT})
    assert problem_texts(result) == [
        "events.yaml:10:9: error: measure `prison` is on `aigerim-nurlanovna`, who is not a subject\n"
        "    hint: the case follows `erlan-baltabay`; if it follows `aigerim-nurlanovna` too, add them to "
        "`subjects` in case.yaml, else say what happened to them in the event's `summary` or `note`",
        "events.yaml:12:17: error: measure `prison` is on `aigerim-nurlanovna`, who is not one of the event's "
        "`people`\n"
        "    hint: a measure is on one of the event's `people` (erlan-baltabay): name one of them, or add "
        "`aigerim-nurlanovna` to them"]


def test_subjects_are_people_the_case_defines(broken) -> None:
    result = broken({"case.yaml": replaced(CASE_YAML, "subjects: [erlan-baltabay]", "subjects: []")})
    # A warning, not an error: a case just begun with `reader new` follows no one yet.
    assert "case.yaml:5:13: warning: the case follows no one yet\n    hint: add the person to `entities` " \
           "(`type: person`) and their id to `subjects`, e.g. `subjects: [erlan-baltabay]`" in problem_texts(result)
    result = broken({"case.yaml": replaced(CASE_YAML, "subjects: [erlan-baltabay]",
                                           "subjects: [erlan-baltabay, ministry-of-justice]")})
    assert problem_texts(result) == [
        "case.yaml:5:30: error: subject `ministry-of-justice` is an organisation, not a person\n"
        "    hint: `subjects` lists the people the case follows; an organisation goes in events' `entities`"]


def test_whose_measure_it_is_when_the_event_does_not_say(broken) -> None:
    nobody = replaced(EVENTS_YAML, "    people: [erlan-baltabay]\n", "")
    assert problem_texts(broken({"events.yaml": nobody}))[0] == (
        "events.yaml:7:18: error: `proceedings` on an event with no `people`\n"
        "    hint: say whose proceedings these are: add `people: [id]` to the event")
    no_stage = replaced(nobody, "    proceedings: convicted\n", "")
    assert problem_texts(broken({"events.yaml": no_stage})) == [
        "events.yaml:8:9: error: measure `prison` does not say whose it is, and its event has no `people`\n"
        "    hint: give the event `people: [id]`, or the measure `person: id`"]
    both = replaced(EVENTS_YAML, "    people: [erlan-baltabay]\n", "    people: [erlan-baltabay, aigerim-nurlanovna]\n")
    case = replaced(CASE_YAML, "subjects: [erlan-baltabay]", "subjects: [erlan-baltabay, aigerim-nurlanovna]")
    result = broken({"events.yaml": both, "case.yaml": case, "entities.yaml": ENTITIES_YAML + WITNESS,
                     "sources/daily.txt": WITNESS_TEXT})
    assert problem_texts(result) == [
        "events.yaml:10:9: error: measure `prison` does not say whose it is, and its event has several `people`\n"
        "    hint: say whose it is with `person:`, one of: erlan-baltabay, aigerim-nurlanovna"]


def test_proceedings_on_an_event_with_no_people(broken) -> None:
    events = replaced(EVENTS_YAML, "    entities: [erlan-baltabay]\n    citations:\n      - source: weekly",
                      "    entities: [erlan-baltabay]\n    proceedings: final\n    citations:\n      - source: weekly")
    assert problem_texts(broken({"events.yaml": events})) == [
        "events.yaml:23:18: error: `proceedings` on an event with no `people`\n"
        "    hint: say whose proceedings these are: add `people: [id]` to the event"]
    mapped = replaced(EVENTS_YAML, "    proceedings: convicted\n", "    proceedings: {erlan-baltabai: convicted}\n")
    assert problem_texts(broken({"events.yaml": mapped})) == [
        "events.yaml:8:19: error: `erlan-baltabai` in `proceedings` is not one of the event's `people`\n"
        "    hint: add it to the event's `people`, or use one of: erlan-baltabay"]


# --- disputed dates --------------------------------------------------------------------------------

DISPUTED = """\
    date: disputed
    dates:
      - date: 2019-08
        citations:
          - source: weekly
            quote: "was released in August 2019"
      - date: 2019-09
        citations:
          - source: weekly
            quote: "after a pardon"
"""


def test_a_disputed_date_without_dates(broken) -> None:
    result = broken({"events.yaml": replaced(EVENTS_YAML, "date: 2019-08", "date: disputed")})
    assert problem_texts(result) == [
        "events.yaml:20:11: error: a disputed date needs the dates the sources give\n"
        "    hint: list them in `dates:`, each with its `date` and `citations`"]


def test_dates_without_a_disputed_date_and_a_dispute_of_one(broken) -> None:
    dated = replaced(EVENTS_YAML, "    date: 2019-08\n", DISPUTED.replace("date: disputed", "date: 2019-08"))
    assert problem_texts(broken({"events.yaml": dated})) == [
        "events.yaml:22:7: error: `dates` lists the dates the sources dispute, but the event's `date` is not "
        "`disputed`\n"
        "    hint: write `date: disputed`, or remove `dates`"]
    one = replaced(EVENTS_YAML, "    date: 2019-08\n", DISPUTED.split("      - date: 2019-09")[0])
    assert problem_texts(broken({"events.yaml": one})) == [
        "events.yaml:22:7: error: needs at least 2 items, has 1\n"
        "    hint: list each date the sources give, with who gives it; when they all give one date, write it in "
        "`date` instead of `disputed`"]


def test_bounds_go_on_each_disputed_date(broken) -> None:
    events = replaced(EVENTS_YAML, "    date: 2019-08\n", DISPUTED + "    not_after: 2019-12\n")
    assert problem_texts(broken({"events.yaml": events})) == [
        "events.yaml:30:16: error: `not_after` on a disputed date\n"
        "    hint: give the bounds on each entry of `dates` instead"]
    assert problem_texts(broken({"events.yaml": replaced(EVENTS_YAML, "    date: 2019-08\n", DISPUTED)})) == []


# --- version 1 ---------------------------------------------------------------------------------------

VERSION_1_CASE = replaced(replaced(CASE_YAML, "version: 2", "version: 1"),
                          "subjects: [erlan-baltabay]", "subject: erlan-baltabay")

VERSION_1_EVENTS = replaced(EVENTS_YAML, """\
    proceedings: convicted
    measures:
      - id: prison
        kind: imprisonment
        citations:
          - source: daily
            quote: "was sentenced to seven years in prison"
""", """\
    status: {state: imprisoned, summary: In prison.}
    term:
      years: 7
      citations:
        - source: daily
          quote: "seven years in prison"
""")


def test_a_version_1_case_says_at_each_old_field_what_to_write(broken) -> None:
    result = broken({"case.yaml": VERSION_1_CASE, "events.yaml": VERSION_1_EVENTS})
    assert problem_texts(result) == [
        "case.yaml:1:10: error: this file is in version 1 of the case format\n"
        '    hint: write `version: 2`; each field version 2 writes otherwise is reported where it is '
        '(docs/format.md, "Version 1")',
        "case.yaml:5:12: error: `subject` is a field of version 1 of the case format\n"
        '    hint: write `subjects: [erlan-baltabay]`: a case may follow several people (docs/format.md, '
        '"Version 1")',
        "events.yaml:8:13: error: `status` is a field of version 1 of the case format\n"
        "    hint: a prison term is a measure of the decision that imposed it (`measures: [{id: …, kind: "
        "imprisonment, term: {years: 7}, citations: […]}]`); on the event that put the person in prison, write "
        '`changes: [{measure: …, action: began, citations: […]}]` (docs/format.md, "Version 1")',
        "events.yaml:10:7: error: `term` is a field of version 1 of the case format\n"
        "    hint: the length is now a measure's: on the decision that imposed it, `measures: [{id: …, kind: "
        "imprisonment, term: {years: 7}, citations: […]}]` (the term's citations become the measure's); on the "
        'event it began, `changes: [{measure: …, action: began, citations: […]}]` (docs/format.md, "Version 1")',
    ]
    assert result.case is None


def test_each_version_1_status_word_says_what_it_becomes(broken) -> None:
    hints = {}
    for state in ("accused", "on-trial", "convicted", "imprisoned", "released", "at-liberty", "unknown"):
        events = replaced(EVENTS_YAML, "    proceedings: convicted\n",
                          f"    status: {{state: {state}, summary: Said.}}\n    proceedings: convicted\n")
        [problem] = [p for p in broken({"events.yaml": events}).problems]
        assert problem.message == "`status` is a field of version 1 of the case format"
        hints[state] = problem.hint
    assert hints["accused"] == ("write `proceedings: accused` and give the event `people: [id]` "
                                '(docs/format.md, "Version 1")')
    assert hints["on-trial"].startswith("write `proceedings: on-trial`")
    assert "`proceedings: convicted`" in hints["convicted"] and "`measures:`" in hints["convicted"]
    assert "action: pardoned" in hints["released"]
    assert hints["at-liberty"].startswith("leave it out") and hints["unknown"].startswith("leave it out")
    # a status with no state word falls back on the general hint
    events = replaced(EVENTS_YAML, "    proceedings: convicted\n",
                      "    status: imprisoned\n    proceedings: convicted\n")
    [problem] = list(broken({"events.yaml": events}).problems)
    assert problem.hint is not None
    assert problem.hint.startswith("write where the proceedings stand as `proceedings:`")


def test_a_version_1_term_is_rewritten_with_its_own_lengths(broken) -> None:
    events = replaced(VERSION_1_EVENTS, "      years: 7\n", "      months: 5\n      days: 8\n")
    [problem] = [p for p in broken({"events.yaml": replace_status(events)}).problems]
    assert problem.message == "`term` is a field of version 1 of the case format"
    assert problem.hint is not None and "term: {months: 5, days: 8}" in problem.hint


def replace_status(events: str) -> str:
    """Version 1 events whose only version 1 field left is ``term`` (the stage written as in version 2)."""
    return replaced(events, "    status: {state: imprisoned, summary: In prison.}\n", "    proceedings: convicted\n")
