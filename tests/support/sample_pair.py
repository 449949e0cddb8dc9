"""A case that follows two people, with a date the sources dispute: for the tests of people and disputed dates.

Made up for the tests (fictional names, places and publishers), in case
format 2: Dana Sample and Marat Sample, sentenced together on 12 February
2019 (Dana to two years of restricted freedom and a three-year ban, Marat,
arrested before, to three years in prison), an appeal ruling that two
sources date differently (20 May 2019 in The Gazette, 27 May 2019 in The
Bulletin; the second of its differences), an event of Dana's alone (her lawyer, Ivan Example, whom no event
of Marat's names) and one of the case as a whole (the union closed in 2017).
On a day in 2026 every term has run out, so each person's status warns.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.case_files import write_case

HERALD = """\
Two union activists sentenced

On 12 February 2019 a court in Sampletown sentenced Dana Sample, a union lawyer, to two years of \
restricted freedom and banned her from holding union posts for three years. Her colleague Marat Sample, \
arrested on 1 December 2018, was sentenced to three years in prison. Both say they are innocent. Her \
lawyer, Ivan Example, said she would appeal.
"""

GAZETTE = """\
Appeal court upholds sentences

The regional court upheld the sentences of Dana Sample and Marat Sample on 20 May 2019. \
The Sampletown union was closed in 2017.
"""

BULLETIN = """\
Appeal rejected

The appeal of the two activists was rejected on 27 May 2019. Marat Sample remains in prison.
"""

CASE_YAML = """\
version: 2
case:
  id: two-people
  title: Two people
  subjects: [dana-sample, marat-sample]
sources:
  - id: herald
    file: sources/herald.txt
    title: Two union activists sentenced
    publisher: The Herald
    date: 2019-02-13
    kind: news
  - id: gazette
    file: sources/gazette.txt
    title: Appeal court upholds sentences
    publisher: The Gazette
    date: 2019-06-10
    kind: news
  - id: bulletin
    file: sources/bulletin.txt
    title: Appeal rejected
    publisher: The Bulletin
    date: 2019-07-01
    kind: news
"""

ENTITIES_YAML = """\
entities:
  - id: dana-sample
    type: person
    name: Dana Sample
    description: A union lawyer.
    citations:
      - source: herald
        quote: "Dana Sample, a union lawyer"
  - id: marat-sample
    type: person
    name: Marat Sample
    description: Her colleague.
    citations:
      - source: herald
        quote: "Her colleague Marat Sample"
  - id: sampletown
    type: place
    name: Sampletown
    description: Where the court sat.
    citations:
      - source: herald
        quote: "a court in Sampletown"
  - id: regional-court
    type: organisation
    name: regional court
    description: The appeal court.
    citations:
      - source: gazette
        quote: "The regional court upheld the sentences"
  - id: ivan-example
    type: person
    name: Ivan Example
    description: Dana Sample's lawyer.
    citations:
      - source: herald
        quote: "Her lawyer, Ivan Example"
"""

EVENTS_YAML = """\
events:
  - id: union-closed
    kind: context
    date: "2017"
    summary: The Sampletown union is closed.
    entities: [sampletown]
    citations:
      - source: gazette
        quote: "The Sampletown union was closed in 2017."
  - id: arrest
    kind: arrest
    date: 2018-12-01
    summary: Marat Sample is arrested.
    people: [marat-sample]
    entities: [marat-sample]
    proceedings: under-investigation
    citations:
      - source: herald
        quote: "Marat Sample, arrested on 1 December 2018"
  - id: sentence
    kind: sentence
    date: 2019-02-12
    summary: Dana Sample is sentenced to restricted freedom and a ban; Marat Sample to prison.
    people: [dana-sample, marat-sample]
    entities: [dana-sample, marat-sample, sampletown]
    proceedings: convicted
    measures:
      - id: dana-restricted
        kind: restricted-freedom
        person: dana-sample
        term: {years: 2}
        citations:
          - source: herald
            quote: "to two years of restricted freedom"
      - id: dana-ban
        kind: ban
        person: dana-sample
        term: {years: 3}
        summary: Banned from holding union posts.
        citations:
          - source: herald
            quote: "banned her from holding union posts for three years"
      - id: marat-prison
        kind: imprisonment
        person: marat-sample
        term: {years: 3}
        citations:
          - source: herald
            quote: "was sentenced to three years in prison"
    citations:
      - source: herald
        quote: "On 12 February 2019 a court in Sampletown sentenced Dana Sample"
  - id: lawyer-statement
    kind: reaction
    date: unknown
    not_after: 2019-02-13
    summary: Her lawyer says she will appeal.
    people: [dana-sample]
    entities: [ivan-example, dana-sample]
    citations:
      - source: herald
        quote: "Her lawyer, Ivan Example, said she would appeal."
  - id: appeal
    kind: appeal
    date: disputed
    dates:
      - date: 2019-05-20
        citations:
          - source: gazette
            quote: "on 20 May 2019"
      - date: 2019-05-27
        citations:
          - source: bulletin
            quote: "was rejected on 27 May 2019"
    summary: The appeal court upholds both sentences.
    people: [dana-sample, marat-sample]
    entities: [regional-court, dana-sample, marat-sample]
    proceedings: appeal-rejected
    changes:
      - measure: marat-prison
        action: upheld
        citations:
          - source: gazette
            quote: "upheld the sentences of Dana Sample and Marat Sample"
    citations:
      - source: gazette
        quote: "The regional court upheld the sentences of Dana Sample and Marat Sample"
      - source: bulletin
        quote: "The appeal of the two activists was rejected"
"""

DIFFERENCES_YAML = """\
differences:
  - id: court-name
    topic: name
    summary: The Gazette calls the court that ruled on the appeal both the regional court and an appeal court.
    entities: [regional-court]
    sides:
      - says: the regional court
        citations:
          - source: gazette
            quote: "The regional court"
      - says: an appeal court
        citations:
          - source: gazette
            quote: "Appeal court upholds sentences"
  - id: appeal-date
    topic: date
    summary: The sources give two dates for the appeal ruling.
    events: [appeal]
    sides:
      - says: 20 May 2019
        citations:
          - source: gazette
            quote: "on 20 May 2019"
      - says: 27 May 2019
        citations:
          - source: bulletin
            quote: "was rejected on 27 May 2019"
"""

FILES: dict[str, str | None] = {
    "case.yaml": CASE_YAML,
    "entities.yaml": ENTITIES_YAML,
    "events.yaml": EVENTS_YAML,
    "quotes.yaml": "quotes: []\n",
    "differences.yaml": DIFFERENCES_YAML,
    "sources/herald.txt": HERALD,
    "sources/gazette.txt": GAZETTE,
    "sources/bulletin.txt": BULLETIN,
    # The minimal case's own sources are not this case's.
    "sources/daily.txt": None,
    "sources/weekly.txt": None,
}


def write_two_people(folder: Path) -> Path:
    """Write the two-person case into ``folder``."""
    return write_case(folder, FILES)
