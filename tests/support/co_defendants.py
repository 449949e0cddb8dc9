"""A small case of two people sentenced together, with an appeal whose date two sources dispute.

Three invented reports (The Courier, The Herald, The Monitor) about two
union organisers: Asel Nurova is sentenced to two years in prison, cut to
one year on appeal; Timur Bekov to 200 hours of community service and a
fine, upheld on appeal. The Monitor dates the appeal ruling 12 June 2020,
The Herald 9 July 2020. A strike before the arrests is the case's as a
whole (no people); Nurova's words in court are reported speech. Every fact
is quoted from the texts below.

What a reader of the sources would list, used by the tests:

- now (today 2025): Nurova's sentence changed on appeal, imprisonment of
  1 year whose computed end (20 February 2021) has passed with no source
  saying what happened; Bekov's appeal rejected, community service of 200
  hours and a fine of 150,000 tenge;
- on 30 June 2020, between the two dates: both convicted at first
  instance, Nurova's two years in force and maybe reduced to one year.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.case_files import write_case

#: The date the tests count ages to.
TODAY = dt.date(2025, 6, 1)
#: A date between the two dates the sources give for the appeal ruling.
BETWEEN_THE_DATES = dt.date(2020, 6, 30)

NUROVA_WARNING = ("the imprisonment, 1 year would have ended 20 February 2021; no source says what happened "
                  "then")

COURIER_TEXT = """\
Two union organisers sentenced

Asel Nurova and Timur Bekov, organisers of the plant workers' union, were arrested on 3 February 2020 \
after the strike at the cement plant.
On 20 February 2020 the district court sentenced Nurova to two years in prison. Bekov was sentenced to \
200 hours of community service and a fine of 150,000 tenge.
Nurova told the court that the strike had been lawful.
"""

MONITOR_TEXT = """\
Appeal court cuts Nurova's term

The appeal court ruled on 12 June 2020 to reduce Asel Nurova's prison term to one year. \
Timur Bekov's sentence was upheld.
"""

HERALD_TEXT = """\
Nurova's sentence reduced

On 9 July 2020 the appeal court reduced the prison sentence of Asel Nurova to one year.
"""

CASE_YAML = """\
version: 2
case:
  id: co-defendants
  title: Two organisers of the plant workers' union
  subjects: [asel-nurova, timur-bekov]
sources:
  - id: courier
    file: sources/courier.txt
    title: Two union organisers sentenced
    publisher: The Courier
    date: 2020-03-02
    kind: news
  - id: herald
    file: sources/herald.txt
    title: Nurova's sentence reduced
    publisher: The Herald
    date: 2020-08-01
    kind: news
  - id: monitor
    file: sources/monitor.txt
    title: Appeal court cuts Nurova's term
    publisher: The Monitor
    date: 2020-09-10
    kind: news
"""

ENTITIES_YAML = """\
entities:
  - id: asel-nurova
    type: person
    name: Asel Nurova
    aliases: [Nurova]
    description: An organiser of the plant workers' union.
    citations:
      - source: courier
        quote: "Asel Nurova and Timur Bekov, organisers of the plant workers' union"
  - id: timur-bekov
    type: person
    name: Timur Bekov
    aliases: [Bekov]
    description: An organiser of the plant workers' union.
    citations:
      - source: courier
        quote: "Asel Nurova and Timur Bekov, organisers of the plant workers' union"
"""

EVENTS_YAML = """\
events:
  - id: strike
    kind: context
    date: unknown
    not_after: 2020-02-03
    date_inferred: true
    date_note: The Courier says the arrests came after the strike; it does not date the strike.
    summary: A strike at the cement plant.
    citations:
      - source: courier
        quote: "after the strike at the cement plant"
  - id: arrest
    kind: arrest
    date: 2020-02-03
    summary: Both organisers are arrested.
    people: [asel-nurova, timur-bekov]
    proceedings: under-investigation
    citations:
      - source: courier
        quote: "were arrested on 3 February 2020"
  - id: sentence
    kind: sentence
    date: 2020-02-20
    summary: Nurova is sentenced to prison, Bekov to community service and a fine.
    people: [asel-nurova, timur-bekov]
    proceedings: convicted
    measures:
      - id: nurova-prison
        kind: imprisonment
        person: asel-nurova
        term: {years: 2}
        citations:
          - source: courier
            quote: "sentenced Nurova to two years in prison"
      - id: bekov-service
        kind: community-service
        person: timur-bekov
        term: {hours: 200}
        citations:
          - source: courier
            quote: "Bekov was sentenced to 200 hours of community service"
      - id: bekov-fine
        kind: fine
        person: timur-bekov
        amount: {value: 150000, currency: tenge}
        citations:
          - source: courier
            quote: "a fine of 150,000 tenge"
    citations:
      - source: courier
        quote: "On 20 February 2020 the district court sentenced Nurova to two years in prison."
  - id: appeal
    kind: appeal
    date: disputed
    dates:
      - date: 2020-06-12
        citations:
          - source: monitor
            quote: "The appeal court ruled on 12 June 2020"
      - date: 2020-07-09
        citations:
          - source: herald
            quote: "On 9 July 2020 the appeal court"
    summary: The appeal court cuts Nurova's prison term and upholds Bekov's sentence.
    people: [asel-nurova, timur-bekov]
    proceedings: {asel-nurova: appeal-decided, timur-bekov: appeal-rejected}
    changes:
      - measure: nurova-prison
        action: reduced
        term: {years: 1}
        citations:
          - source: monitor
            quote: "to reduce Asel Nurova's prison term to one year"
          - source: herald
            quote: "reduced the prison sentence of Asel Nurova to one year"
      - measure: bekov-service
        action: upheld
        citations:
          - source: monitor
            quote: "Timur Bekov's sentence was upheld"
    citations:
      - source: monitor
        quote: "The appeal court ruled on 12 June 2020 to reduce Asel Nurova's prison term to one year."
      - source: herald
        quote: "On 9 July 2020 the appeal court reduced the prison sentence of Asel Nurova to one year."
"""

QUOTES_YAML = """\
quotes:
  - id: lawful-strike
    speaker: asel-nurova
    mode: reported
    citation:
      source: courier
      quote: "Nurova told the court that the strike had been lawful."
    about: [sentence]
"""

DIFFERENCES_YAML = """\
differences:
  - id: appeal-date
    topic: date
    summary: The sources give different dates for the appeal ruling.
    events: [appeal]
    sides:
      - says: 12 June 2020
        citations:
          - source: monitor
            quote: "ruled on 12 June 2020"
      - says: 9 July 2020
        citations:
          - source: herald
            quote: "On 9 July 2020"
"""


def co_defendants_case(folder: Path) -> Path:
    """Write the case into ``folder`` (a new folder) and return it."""
    return write_case(folder, {
        "case.yaml": CASE_YAML,
        "entities.yaml": ENTITIES_YAML,
        "events.yaml": EVENTS_YAML,
        "differences.yaml": DIFFERENCES_YAML,
        "quotes.yaml": QUOTES_YAML,
        "sources/daily.txt": None,
        "sources/weekly.txt": None,
        "sources/courier.txt": COURIER_TEXT,
        "sources/herald.txt": HERALD_TEXT,
        "sources/monitor.txt": MONITOR_TEXT,
    })
