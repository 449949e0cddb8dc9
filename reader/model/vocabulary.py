"""The case's closed vocabularies: every list of words a case file may choose from.

Each list is written here once, in the order the reader shows it, and
everything else imports it: the format (:mod:`reader.load.format`, which
checks case files against these lists and writes them into the JSON
Schema), the reader's screens (the legend, the entity panel, the annotate
forms, the voices view) and the exporters. A list copied into a second
place drifts; a new entity type or event kind added here reaches every one
of them. Like the rest of the model, this module imports nothing.
"""

from __future__ import annotations

#: What sort of document a source is.
SOURCE_KINDS = ("news", "opinion", "ngo-statement", "union-statement", "government-statement",
                "court-document", "report", "other")

#: The kinds of entity, in the order the legend, the entity panel and the exports list them.
#: Each has a highlight look of its own (``source-view--<type>`` in styles/reader.tcss).
ENTITY_TYPES = ("person", "organisation", "place", "law", "charge", "amount", "date")

#: Each entity type's heading in a list of entities.
ENTITY_TYPE_HEADINGS = {
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "law": "Laws",
    "charge": "Charges",
    "amount": "Amounts",
    "date": "Dates",
}

#: Where an organisation that speaks stands, in the order the voices view groups them.
STANDPOINTS = ("union", "ngo", "intergovernmental", "government", "court", "prosecution",
               "defendant", "family", "media", "other")

#: What sort of thing an event is.
EVENT_KINDS = ("arrest", "charge", "trial", "verdict", "sentence", "appeal", "pardon", "release",
               "fine", "refusal", "resentencing", "imprisonment", "reaction", "context", "other")

#: The case's legal status in one word, as an event's ``status`` states it.
STATUS_STATES = ("at-liberty", "accused", "on-trial", "convicted", "imprisoned", "released", "unknown")

#: How a quote gives someone's words: as they said them, or in the source's own words.
QUOTE_MODES = ("direct", "reported")

#: What the sources differ about.
DIFFERENCE_TOPICS = ("name", "sentence", "charges", "organisation", "date", "status", "framing", "other")

__all__ = [
    "DIFFERENCE_TOPICS",
    "ENTITY_TYPES",
    "ENTITY_TYPE_HEADINGS",
    "EVENT_KINDS",
    "QUOTE_MODES",
    "SOURCE_KINDS",
    "STANDPOINTS",
    "STATUS_STATES",
]
