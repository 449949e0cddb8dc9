"""Four sources from two publishers: the layout's case (tabs, pane titles, the views' columns).

A part of the bundled Civic Square case, cut down to Joshua Wong and to
four of its reports: two from Hong Kong Free Press (15 August and 21
September 2016) and two from PEN America (6 February 2018, and an undated
case file). The texts are the bundled ones, read from the installed case;
every event and quote below is copied from its ``events.yaml``, so nothing
here is invented (a long quote goes on over two lines, which YAML joins with
a space). The storming of Civic Square is told by all four
sources, which a view must show without dropping one.
"""

from __future__ import annotations

from pathlib import Path

from reader.paths import bundled_cases
from tests.support.case_files import BASE_FILES, write_case

NOTE = "\n    date_note: worked out as the bundled Civic Square case says"
#: The sources, in the case's order: id, publisher, date lines.
SOURCES = (
    ("hkfp-sentence", "Hong Kong Free Press", "2016-08-15\n    date_inferred: true" + NOTE),
    ("hkfp-review", "Hong Kong Free Press", "2016-09-21\n    date_inferred: true" + NOTE),
    ("pen-cfa", "PEN America", "2018-02-06\n    date_inferred: true" + NOTE),
    ("pen-america", "PEN America", "unknown\n    not_before: 2021-02-27\n    date_inferred: true" + NOTE),
)

ENTITIES = """\
entities:
  - id: joshua-wong
    type: person
    name: Joshua Wong
    aliases: [Joshua Wong Chi-fung, Wong]
    description: Student activist, convenor of the student group Scholarism at the time of the Civic Square protest.
    citations:
      - source: hkfp-sentence
        quote: "At the time, Wong was the convenor of student group Scholarism"
"""

EVENTS = """\
events:
  - id: civic-square-storming
    kind: context
    date: 2014-09-26
    people: [joshua-wong]
    summary: >-
      The three lead protesters into Civic Square, the forecourt of the
      government headquarters in Admiralty, helping to spark the 79-day
      Occupy protests.
    citations:
      - source: hkfp-sentence
        quote: "the trio stormed Admiralty’s Civic Square in September 2014, kickstarting Hong Kong’s
          pro-democracy Occupy protests"
      - source: hkfp-review
        quote: "The trio led protesters to occupy the forecourt of the government headquarters in Admiralty
          in 2014 – an incident which helped spark the 79-day pro-democracy Occupy protests."
      - source: pen-america
        quote: "the protest at Hong Kong Civic Square in September 2014"
      - source: pen-cfa
        quote: "their protest in Hong Kong’s Civic Square on September 26, 2014"

  - id: charges
    kind: charge
    date: "2015"
    people: [joshua-wong]
    proceedings: accused
    summary: Charged with unlawful assembly or incitement to take part in an assembly.
    citations:
      - source: pen-america
        quote: "on charges, initially leveled in 2015, of “unlawful assembly” or “incitement to take part in assembly”"

  - id: sentence-2016
    kind: sentence
    date: 2016-08-15
    date_inferred: true
    date_note: worked out as the bundled Civic Square case says
    people: [joshua-wong]
    proceedings: convicted
    summary: The magistrate sentences Wong to 80 hours of community service.
    measures:
      - id: wong-community-service
        person: joshua-wong
        kind: community-service
        term: {hours: 80}
        citations:
          - source: hkfp-sentence
            quote: "Activist Joshua Wong has been sentenced to a community service order of 80 hours at the
              Eastern Magistrates’ Court."
    citations:
      - source: hkfp-sentence
        quote: "Activist Joshua Wong has been sentenced to a community service order of 80 hours at the
          Eastern Magistrates’ Court."
      - source: hkfp-review
        quote: "Magistrate June Cheung Tin-ngan originally sentenced Wong to a community service order of 80
          hours last month."
"""


def four_sources_case(folder: Path) -> Path:
    """Write the case (see the module's docstring) into ``folder`` and return it."""
    bundled = bundled_cases() / "civic-square" / "sources"
    case_lines = ["version: 2", "case:", "  id: four-sources", "  title: Joshua Wong, told by four sources",
                  "  subjects: [joshua-wong]", "sources:"]
    for source_id, publisher, date in SOURCES:
        case_lines += [f"  - id: {source_id}", f"    file: sources/{source_id}.txt", f"    title: {source_id}",
                       f"    publisher: {publisher}", f"    date: {date}", "    kind: news"]
    files: dict[str, str | bytes | dict | list | None] = {name: None for name in BASE_FILES}
    files |= {"case.yaml": "\n".join(case_lines) + "\n", "entities.yaml": ENTITIES, "events.yaml": EVENTS}
    files |= {f"sources/{source_id}.txt": (bundled / f"{source_id}.txt").read_bytes() for source_id, _, _ in SOURCES}
    return write_case(folder, files)
