"""The case model: plain typed objects and the pure logic on them.

Nothing here imports Textual or reads files; the loader builds these objects
and everything else (the app, the CLI, exporters) only reads them.
"""

from reader.model.types import (
    Amount,
    Caption,
    Case,
    Change,
    Citation,
    DateClaim,
    Difference,
    Entity,
    Event,
    FuzzyDate,
    Location,
    Measure,
    Mention,
    Precision,
    Quote,
    Side,
    Source,
    Span,
    Term,
)

__all__ = [
    "Amount",
    "Caption",
    "Case",
    "Change",
    "Citation",
    "DateClaim",
    "Difference",
    "Entity",
    "Event",
    "FuzzyDate",
    "Location",
    "Measure",
    "Mention",
    "Precision",
    "Quote",
    "Side",
    "Source",
    "Span",
    "Term",
]
