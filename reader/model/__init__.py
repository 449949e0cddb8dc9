"""The case model: plain typed objects and the pure logic on them.

Nothing here imports Textual or reads files; the loader builds these objects
and everything else (the app, the CLI, exporters) only reads them.
"""

from reader.model.types import (
    Caption,
    Case,
    Citation,
    Difference,
    Entity,
    Event,
    FuzzyDate,
    Location,
    Mention,
    Precision,
    Quote,
    Side,
    Source,
    Span,
    Status,
    Term,
)

__all__ = [
    "Caption",
    "Case",
    "Citation",
    "Difference",
    "Entity",
    "Event",
    "FuzzyDate",
    "Location",
    "Mention",
    "Precision",
    "Quote",
    "Side",
    "Source",
    "Span",
    "Status",
    "Term",
]
