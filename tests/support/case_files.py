"""A minimal valid case folder that a test can break one thing in, and a few ready-made variations.

``write_case(folder)`` writes a small case that loads with no problems at
all. Pass ``files={"entities.yaml": "..."}`` to replace one file (a string is
dedented and written as is, so a test knows the exact line and column of what
it breaks; bytes are written raw; a dict or list is dumped as YAML; None
removes the file). ``problem_texts`` renders problems exactly as ``reader
check`` locates them, with paths relative to the case folder.

The variations add to its files: ``SALT`` and the salted entity and event
(markup, script and terminal commands that must stay inert in every
export), the witnesses (sensitive people that redaction must hide), and
the limits (the longest term and the first and last days check accepts; a
flood of empty entities).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

from reader.load.case_loader import LoadResult, load_case
from reader.load.problems import Problem
from reader.model.types import Case

DAILY_TEXT = """\
Union leader sentenced

On 17 July 2019 Erlan Baltabay, a union leader, was sentenced to seven years in prison. \
Baltabay said he was innocent. The Ministry of Justice did not comment.
"""

WEEKLY_TEXT = """\
Baltabai released

Erlan Baltabai was released in August 2019 after a pardon. He had been sentenced in July.
"""

CASE_YAML = """\
version: 2
case:
  id: demo
  title: Demo case
  subjects: [erlan-baltabay]
sources:
  - id: daily
    file: sources/daily.txt
    title: Union leader sentenced
    publisher: The Daily
    author: null
    date: 2019-07-18
    kind: news
  - id: weekly
    file: sources/weekly.txt
    title: Baltabai released
    publisher: The Weekly
    date: unknown
    not_before: 2019-08
    date_inferred: true
    date_note: It reports the release of August 2019.
    kind: news
"""

ENTITIES_YAML = """\
entities:
  - id: erlan-baltabay
    type: person
    name: Erlan Baltabay
    aliases: [Baltabay, Erlan Baltabai, Baltabai]
    description: A union leader.
    citations:
      - source: daily
        quote: "Erlan Baltabay, a union leader"
  - id: ministry-of-justice
    type: organisation
    name: Ministry of Justice
    description: Did not comment.
    citations:
      - source: daily
        quote: "The Ministry of Justice did not comment."
"""

EVENTS_YAML = """\
events:
  - id: sentence
    kind: sentence
    date: 2019-07-17
    summary: Sentenced to seven years.
    people: [erlan-baltabay]
    entities: [erlan-baltabay]
    proceedings: convicted
    measures:
      - id: prison
        kind: imprisonment
        citations:
          - source: daily
            quote: "was sentenced to seven years in prison"
    citations:
      - source: daily
        quote: "was sentenced to seven years in prison"
  - id: release
    kind: release
    date: 2019-08
    summary: Released after a pardon.
    entities: [erlan-baltabay]
    citations:
      - source: weekly
        quote: "was released in August 2019 after a pardon"
"""

QUOTES_YAML = """\
quotes:
  - id: innocent
    speaker: erlan-baltabay
    mode: reported
    citation:
      source: daily
      quote: "Baltabay said he was innocent."
    about: [sentence]
"""

DIFFERENCES_YAML = """\
differences:
  - id: surname
    topic: name
    summary: The sources spell the surname differently.
    entities: [erlan-baltabay]
    sides:
      - says: Baltabay
        citations:
          - source: daily
            quote: "Erlan Baltabay"
      - says: Baltabai
        citations:
          - source: weekly
            quote: "Erlan Baltabai"
"""

BASE_FILES: dict[str, str] = {
    "case.yaml": CASE_YAML,
    "entities.yaml": ENTITIES_YAML,
    "events.yaml": EVENTS_YAML,
    "quotes.yaml": QUOTES_YAML,
    "differences.yaml": DIFFERENCES_YAML,
    "sources/daily.txt": DAILY_TEXT,
    "sources/weekly.txt": WEEKLY_TEXT,
}


def write_case(folder: Path, files: dict[str, str | bytes | dict | list | None] | None = None) -> Path:
    """Write the minimal valid case into ``folder``, with ``files`` replacing some of it."""
    contents: dict[str, str | bytes | dict | list | None] = {**BASE_FILES, **(files or {})}
    folder.mkdir(parents=True, exist_ok=True)
    for relative, content in contents.items():
        path = folder / relative
        if content is None:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def problem_texts(result: LoadResult) -> list[str]:
    """Every problem as ``reader check`` shows it, paths relative to the case folder."""
    return [p.format(relative_to=result.folder) for p in result.problems.sorted()]


def only_problem(result: LoadResult) -> Problem:
    """The one problem a broken case must have; fails listing them all otherwise."""
    problems = list(result.problems)
    assert len(problems) == 1, "\n".join(problem_texts(result))
    return problems[0]


def headline(problem: Problem, folder: Path) -> str:
    """The first line of a problem: ``file:line:col: severity: message``."""
    return problem.format(relative_to=folder).splitlines()[0]


def loaded(folder: Path) -> Case:
    """The case in ``folder``, which must load with no problem at all."""
    result = load_case(folder)
    assert result.case is not None and result.ok, [p.format() for p in result.problems]
    return result.case


# -- variations ---------------------------------------------------------------

#: Text that would be markup, script, terminal commands or reordering if it were not made inert.
SALT = ('ACME <Holdings> & Co wrote <script>alert("x")</script> and <img src=x onerror=alert(1)> '
        "[bold]red[/bold] **md** `code` $x$ &amp; |a|b| ~~s~~ \\n.\n"
        "# heading\n- item\n1. one\n    indented\n"
        "Escape \x1b]52;c;ZXZpbA==\x07 here, \x1b[2J there, reversed \u202egnirts\u202c, a BEL \x07 and a C1 \x9b.\n")

SALTED_ENTITY = """\
  - id: acme
    type: organisation
    name: ACME <Holdings> & Co
    description: "<script>alert('entity')</script> & friends"
    citations:
      - source: daily
        quote: 'wrote <script>alert("x")</script>'
"""

SALTED_EVENT = """\
  - id: salted
    kind: other
    date: 2019-08
    summary: "<b>bold</b> <script>alert('event')</script> [red]x[/red]"
    citations:
      - source: daily
        quote: "<img src=x onerror=alert(1)>"
"""

WITNESS_ENTITY = """\
  - id: aigerim-nurlanovna
    type: person
    name: Aigerim Nurlanovna
    aliases: [Aigerim, Nurlanovna]
    sensitive: true
    role: witness
    description: Aigerim Nurlanovna testified for Baltabay.
    citations:
      - source: daily
        quote: "Aigerim Nurlanovna, a witness,"
  - id: bolat
    type: person
    name: Bolat Serikuly
    sensitive: true
    description: A relative.
    citations:
      - source: daily
        quote: "Bolat Serikuly"
  - id: dana
    type: person
    name: Dana
    sensitive: true
    role: witness
    description: Dana spoke to Bolat Serikuly.
    citations:
      - source: daily
        quote: "Dana saw it"
"""

WITNESS_TEXT = DAILY_TEXT + (
    "Aigerim Nurlanovna, a witness, said AIGERIM saw the papers; Nurlanovna’s sister Dana saw it too. "
    "Bolat Serikuly did not speak. Annabel, Danaher and Aigerimova are other people.\n"
)

WITNESS_EVENTS = EVENTS_YAML + """\
  - id: aigerim-testimony
    kind: trial
    date: 2019-07
    summary: Aigerim Nurlanovna testifies.
    entities: [aigerim-nurlanovna, erlan-baltabay]
    citations:
      - source: daily
        quote: "Aigerim Nurlanovna, a witness, said AIGERIM saw the papers"
"""

#: The longest term check accepts, for the measure the sentence imposes (YAML lines).
LONGEST_TERM = "        term: {years: 1000, months: 12000, days: 365250}\n"


def with_term(term: str) -> str:
    """EVENTS_YAML with ``term`` (YAML lines, indented for a measure) on the sentence's prison term."""
    return EVENTS_YAML.replace("        kind: imprisonment\n", "        kind: imprisonment\n" + term)


def extreme_case(folder: Path) -> Path:
    """A case at every limit check accepts: the first and last days, the longest term from each."""
    events = with_term(LONGEST_TERM).replace(
        "    date: 2019-08\n", "    date: unknown\n    not_before: 1000-01-01\n    not_after: 2999-12-31\n"
        "    people: [erlan-baltabay]\n    measures:\n      - id: second-term\n        kind: imprisonment\n"
        + LONGEST_TERM
        + "        citations:\n          - source: weekly\n            quote: \"was released in August 2019\"\n")
    case = CASE_YAML.replace("    date: 2019-07-18\n", "    date: 2999-12-31\n").replace(
        "    not_before: 2019-08\n", "    not_before: 1000\n    not_after: 2999-12-31\n")
    return write_case(folder, {"events.yaml": events, "case.yaml": case})


def empty_entities(count: int) -> str:
    """An entities.yaml of ``count`` empty entities: several problems each."""
    return "entities:\n" + "  - {}\n" * count
