"""A small case that follows two people, for the tests of ``reader status`` and the watchlist.

Made up for the tests (the names, the union and the dates are not real): two
activists tried together, with the shapes the bundled case lacks: several
measures from one decision (restricted freedom, a ban, community service in
hours, a prison term, a fine), a reduction on appeal that only one source
reports, a Supreme Court ruling whose date two sources give differently, and
an undated release, bounded below, that replaced the rest of a prison term by
restricted freedom. ``write_two_people(folder)`` writes it; it loads with no
problem at all.

The story, as the status on a date should tell it:

- 15 January 2018: both arrested; Omar Stone held in pre-trial detention.
- 25 July 2018: both convicted. Nadia Field: four years of restricted freedom,
  a five-year ban on holding posts, 400 hours of community service (the
  Monitor says 100 hours). Omar Stone: five years in prison (replacing the
  pre-trial detention) and a fine of 500,000 tenge.
- 26 September 2018 (the Courier only): Nadia Field's community service cut to
  100 hours; Omar Stone's sentence upheld.
- The Supreme Court cuts Omar Stone's term to three years: on 7 November 2018
  says the Courier, on 22 May 2019 says the Monitor.
- Not before 22 May 2019 (the Bulletin, undated): Omar Stone released, the
  rest of his term replaced by two years of restricted freedom.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.case_files import write_case

COURIER_TEXT = """\
Two union activists sentenced

Nadia Field and Omar Stone, activists of the Harbour Workers' Union, were arrested on 15 January 2018. \
Omar Stone was held in pre-trial detention.

On 25 July 2018 a district court found both guilty. Nadia Field was sentenced to four years of restricted \
freedom, banned from holding posts in public organisations for five years and ordered to perform 400 hours \
of community service. Omar Stone was sentenced to five years in prison and fined 500,000 tenge.

On 26 September 2018 the appeal court cut Nadia Field's community service to 100 hours and upheld \
Omar Stone's sentence.

On 7 November 2018 the Supreme Court reduced Omar Stone's prison term to three years.
"""

MONITOR_TEXT = """\
Monitor: the Field and Stone case

Nadia Field received four years of restricted freedom and 100 hours of community service on 25 July 2018. \
Omar Stone received five years in prison.

On 22 May 2019 the Supreme Court reduced Omar Stone's term to three years.
"""

BULLETIN_TEXT = """\
Omar Stone released

Omar Stone has been released from prison. The rest of his term was replaced by two years of restricted \
freedom, after the Supreme Court ruling of 22 May 2019.
"""

CASE_YAML = """\
version: 2
case:
  id: field-stone
  title: Nadia Field and Omar Stone
  subjects: [nadia-field, omar-stone]
sources:
  - id: courier
    file: sources/courier.txt
    title: Two union activists sentenced
    publisher: The Courier
    date: 2019-03-02
    kind: news
  - id: monitor
    file: sources/monitor.txt
    title: "Monitor: the Field and Stone case"
    publisher: The Monitor
    date: 2019-06-10
    kind: report
  - id: bulletin
    file: sources/bulletin.txt
    title: Omar Stone released
    publisher: The Bulletin
    date: unknown
    not_before: 2019-05-23
    date_inferred: true
    date_note: It reports the Supreme Court ruling of 22 May 2019 as past.
    kind: news
"""

ENTITIES_YAML = """\
entities:
  - id: nadia-field
    type: person
    name: Nadia Field
    aliases: [Field]
    description: A union activist.
    citations:
      - source: courier
        quote: "Nadia Field and Omar Stone, activists of the Harbour Workers' Union"
  - id: omar-stone
    type: person
    name: Omar Stone
    aliases: [Stone]
    description: A union activist.
    citations:
      - source: courier
        quote: "Nadia Field and Omar Stone, activists of the Harbour Workers' Union"
"""

EVENTS_YAML = """\
events:
  - id: arrest
    kind: arrest
    date: 2018-01-15
    summary: Both arrested; Omar Stone held in pre-trial detention.
    people: [nadia-field, omar-stone]
    entities: [nadia-field, omar-stone]
    proceedings: under-investigation
    measures:
      - id: stone-detention
        kind: pre-trial-detention
        person: omar-stone
        citations:
          - source: courier
            quote: "Omar Stone was held in pre-trial detention."
    citations:
      - source: courier
        quote: "were arrested on 15 January 2018"
  - id: verdict
    kind: sentence
    date: 2018-07-25
    summary: Both found guilty and sentenced.
    people: [nadia-field, omar-stone]
    entities: [nadia-field, omar-stone]
    proceedings: convicted
    measures:
      - id: field-restricted
        kind: restricted-freedom
        person: nadia-field
        term: {years: 4}
        citations:
          - source: courier
            quote: "Nadia Field was sentenced to four years of restricted freedom"
          - source: monitor
            quote: "Nadia Field received four years of restricted freedom"
      - id: field-ban
        kind: ban
        person: nadia-field
        term: {years: 5}
        summary: Banned from holding posts in public organisations.
        citations:
          - source: courier
            quote: "banned from holding posts in public organisations for five years"
      - id: field-service
        kind: community-service
        person: nadia-field
        term: {hours: 400}
        citations:
          - source: courier
            quote: "ordered to perform 400 hours of community service"
          - source: monitor
            quote: "100 hours of community service"
      - id: stone-prison
        kind: imprisonment
        person: omar-stone
        term: {years: 5}
        citations:
          - source: courier
            quote: "Omar Stone was sentenced to five years in prison"
          - source: monitor
            quote: "Omar Stone received five years in prison"
      - id: stone-fine
        kind: fine
        person: omar-stone
        amount: {value: 500000, currency: KZT}
        citations:
          - source: courier
            quote: "fined 500,000 tenge"
    changes:
      - measure: stone-detention
        action: replaced
        by: stone-prison
        citations:
          - source: courier
            quote: "Omar Stone was sentenced to five years in prison"
    citations:
      - source: courier
        quote: "On 25 July 2018 a district court found both guilty."
      - source: monitor
        quote: "on 25 July 2018"
  - id: appeal
    kind: appeal
    date: 2018-09-26
    summary: The appeal court cuts Nadia Field's community service and upholds Omar Stone's sentence.
    people: [nadia-field, omar-stone]
    entities: [nadia-field, omar-stone]
    proceedings: {nadia-field: appeal-decided, omar-stone: appeal-rejected}
    changes:
      - measure: field-service
        action: reduced
        term: {hours: 100}
        citations:
          - source: courier
            quote: "the appeal court cut Nadia Field's community service to 100 hours"
      - measure: stone-prison
        action: upheld
        citations:
          - source: courier
            quote: "upheld Omar Stone's sentence"
    citations:
      - source: courier
        quote: "On 26 September 2018 the appeal court cut Nadia Field's community service to 100 hours"
  - id: supreme-court
    kind: appeal
    date: disputed
    dates:
      - date: 2018-11-07
        citations:
          - source: courier
            quote: "On 7 November 2018 the Supreme Court"
      - date: 2019-05-22
        citations:
          - source: monitor
            quote: "On 22 May 2019 the Supreme Court"
    summary: The Supreme Court cuts Omar Stone's prison term to three years.
    people: [omar-stone]
    entities: [omar-stone]
    proceedings: final
    changes:
      - measure: stone-prison
        action: reduced
        term: {years: 3}
        citations:
          - source: courier
            quote: "reduced Omar Stone's prison term to three years"
          - source: monitor
            quote: "reduced Omar Stone's term to three years"
    citations:
      - source: courier
        quote: "the Supreme Court reduced Omar Stone's prison term to three years"
      - source: monitor
        quote: "the Supreme Court reduced Omar Stone's term to three years"
  - id: release
    kind: release
    date: unknown
    not_before: 2019-05-22
    date_inferred: true
    date_note: After the Supreme Court ruling of 22 May 2019, as the Bulletin puts it.
    summary: Omar Stone is released; the rest of his term is replaced by restricted freedom.
    people: [omar-stone]
    entities: [omar-stone]
    measures:
      - id: stone-restricted
        kind: restricted-freedom
        person: omar-stone
        term: {years: 2}
        citations:
          - source: bulletin
            quote: "replaced by two years of restricted freedom"
    changes:
      - measure: stone-prison
        action: replaced
        by: stone-restricted
        citations:
          - source: bulletin
            quote: "The rest of his term was replaced by two years of restricted freedom"
    citations:
      - source: bulletin
        quote: "Omar Stone has been released from prison."
"""

DIFFERENCES_YAML = """\
differences:
  - id: service-hours
    topic: sentence
    summary: The sources give different hours of community service at the sentence.
    entities: [nadia-field]
    events: [verdict]
    sides:
      - says: 400 hours at the sentence, cut to 100 on appeal.
        citations:
          - source: courier
            quote: "ordered to perform 400 hours of community service"
      - says: 100 hours at the sentence.
        citations:
          - source: monitor
            quote: "100 hours of community service"
  - id: ruling-date
    topic: date
    summary: The sources date the Supreme Court ruling differently.
    entities: [omar-stone]
    events: [supreme-court]
    sides:
      - says: 7 November 2018.
        citations:
          - source: courier
            quote: "On 7 November 2018 the Supreme Court"
      - says: 22 May 2019.
        citations:
          - source: monitor
            quote: "On 22 May 2019 the Supreme Court"
"""

FILES: dict[str, str | bytes | dict | list | None] = {
    "case.yaml": CASE_YAML,
    "entities.yaml": ENTITIES_YAML,
    "events.yaml": EVENTS_YAML,
    "quotes.yaml": "quotes: []\n",
    "differences.yaml": DIFFERENCES_YAML,
    "sources/daily.txt": None,
    "sources/weekly.txt": None,
    "sources/courier.txt": COURIER_TEXT,
    "sources/monitor.txt": MONITOR_TEXT,
    "sources/bulletin.txt": BULLETIN_TEXT,
}


def write_two_people(folder: Path) -> Path:
    """Write the two-person case into ``folder`` (created); it loads with no problem at all."""
    return write_case(folder, FILES)
