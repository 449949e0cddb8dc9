"""The text of one source with its mentions highlighted by entity type."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from reader.model import Case, Source

#: One component class per entity type; colours live in styles/reader.tcss.
HIGHLIGHT_CLASSES = {
    entity_type: f"source-text--{entity_type}"
    for entity_type in ("person", "organisation", "place", "law", "charge", "amount", "date")
}


class SourceText(Widget):
    """A source's text, wrapped to the width, with highlighted mentions.

    The text is data: it is wrapped in :class:`~textual.content.Content`,
    which never parses markup, and styled by character offsets.
    """

    COMPONENT_CLASSES = {"source-text--headline", *HIGHLIGHT_CLASSES.values()}

    def __init__(self, case: Case, source: Source, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.case = case
        self.source = source

    def render(self) -> Content:
        text = self.source.text
        content = Content(text)
        headline_end = text.find("\n")
        if headline_end > 0:
            content = content.stylize(self.get_visual_style("source-text--headline", partial=True),
                                      0, headline_end)
        for mention in self.case.mentions.get(self.source.id, ()):
            entity = self.case.entities[mention.entity_id]
            component = HIGHLIGHT_CLASSES.get(entity.type)
            if component:
                content = content.stylize(self.get_visual_style(component, partial=True),
                                          mention.span.start, mention.span.end)
        return content
