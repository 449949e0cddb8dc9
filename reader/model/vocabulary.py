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

#: Where a person's proceedings stand after an event (an event's ``proceedings``), in the
#: order they usually come, each with its words on screen.
PROCEEDINGS_STAGES = {
    "under-investigation": "under investigation",
    "accused": "accused",
    "on-trial": "on trial",
    "convicted": "convicted at first instance",
    "appeal-pending": "appeal pending",
    "appeal-rejected": "appeal rejected",
    "appeal-decided": "sentence changed on appeal",
    "final": "verdict final",
    "retrial-ordered": "conviction quashed, retrial ordered",
    "acquitted": "acquitted",
    "charges-dropped": "charges dropped",
}

#: The stages a first-instance verdict sets.
VERDICT_STAGES = ("convicted", "acquitted")

#: The stages that come only after a verdict: an event that sets one for a person comes after an
#: event that gave that person a verdict (when the case records one), whatever their dates say.
AFTER_VERDICT_STAGES = ("appeal-pending", "appeal-rejected", "appeal-decided", "final")

#: The stages after which no measure of the proceedings should stay in force.
ENDING_STAGES = ("acquitted", "charges-dropped")

#: The kinds of measure a decision imposes on a person, each with its words on screen.
MEASURE_KINDS = {
    "pre-trial-detention": "pre-trial detention",
    "bail": "on bail",
    "house-arrest": "house arrest",
    "imprisonment": "imprisonment",
    "restricted-freedom": "restricted freedom",
    "suspended-sentence": "suspended sentence",
    "community-service": "community service",
    "fine": "fine",
    "confiscation": "confiscation of property",
    "travel-ban": "travel ban",
    "ban": "ban on posts or activity",
    "other": "other measure",
}

#: Measures that hold the person: a term of these is counted on the calendar, never in hours.
CUSTODIAL_MEASURES = ("pre-trial-detention", "house-arrest", "imprisonment")

#: Measures paid or taken once, not served over time: they have no end unless a source states one.
ONCE_MEASURES = ("fine", "confiscation")

#: Measures whose length is counted in hours of work rather than on the calendar.
HOURS_MEASURES = ("community-service",)

#: What a later event does to a measure, each with its words on screen ("reduced").
CHANGE_ACTIONS = {
    "upheld": "upheld",
    "reduced": "reduced",
    "increased": "increased",
    "extended": "extended",
    "replaced": "replaced",
    "began": "began to be served",
    "suspended": "suspended",
    "lifted": "lifted",
    "served": "served",
    "pardoned": "pardoned",
    "paid": "paid",
    "quashed": "quashed",
}

#: The changes after which a measure is no longer in force.
ENDING_ACTIONS = ("replaced", "suspended", "lifted", "served", "pardoned", "paid", "quashed")

#: The changes that give the measure a new length or amount.
RESIZING_ACTIONS = ("reduced", "increased")

#: How a quote gives someone's words: as they said them, or in the source's own words.
QUOTE_MODES = ("direct", "reported")
#: Each mode as the reader names it, the same in every list and message.
QUOTE_MODE_WORDS = {"direct": "direct quote", "reported": "reported speech"}

#: What the sources differ about.
DIFFERENCE_TOPICS = ("name", "sentence", "charges", "organisation", "date", "status", "framing", "other")

__all__ = [
                "AFTER_VERDICT_STAGES",
                "CHANGE_ACTIONS",
                "CUSTODIAL_MEASURES",
                "DIFFERENCE_TOPICS",
                "ENDING_ACTIONS",
                "ENDING_STAGES",
                "ENTITY_TYPES",
                "ENTITY_TYPE_HEADINGS",
                "EVENT_KINDS",
                "HOURS_MEASURES",
                "MEASURE_KINDS",
                "ONCE_MEASURES",
                "PROCEEDINGS_STAGES",
                "QUOTE_MODES",
                "RESIZING_ACTIONS",
                "SOURCE_KINDS",
                "STANDPOINTS",
                "VERDICT_STAGES",
]
