"""Small cases built in memory, opened in the reader.

Building the :class:`~reader.model.Case` by hand (rather than loading YAML)
lets a test put exactly the text it needs into a source (markup, control
characters, wide characters) and a mention exactly where it wants one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reader.load.case_loader import LoadResult
from reader.load.problems import Problems
from reader.model import Case, Citation, Entity, Event, FuzzyDate, Mention, Source, Span
from reader.ui.app import ReaderApp


def make_source(source_id: str, text: str, *, publisher: str | None = None) -> Source:
    """A source with plain metadata and the given text."""
    return Source(
        id=source_id,
        path=Path(f"sources/{source_id}.txt"),
        text=text,
        title=f"Title of {source_id}",
        publisher=publisher or f"Publisher {source_id}",
        date=FuzzyDate("2019-07-18"),
        kind="news",
    )


def make_case(texts: dict[str, str], mentions: dict[str, list[tuple[str, str]]] | None = None) -> Case:
    """A case with one source per ``texts`` item.

    ``mentions`` maps a source id to ``(entity type, words)`` pairs: each
    first occurrence of ``words`` in that source becomes a mention of an
    entity of that type.
    """
    sources = {source_id: make_source(source_id, text) for source_id, text in texts.items()}
    entities: dict[str, Entity] = {}
    found: dict[str, list[Mention]] = {}
    for source_id, pairs in (mentions or {}).items():
        text = sources[source_id].text
        for entity_type, words in pairs:
            entity_id = f"{entity_type}-{len(entities)}"
            entities[entity_id] = Entity(id=entity_id, type=entity_type, name=words, description="", citations=[])
            start = text.index(words)
            found.setdefault(source_id, []).append(Mention(entity_id, source_id, Span(start, start + len(words))))
    for source_mentions in found.values():
        source_mentions.sort(key=lambda mention: mention.span)
    return Case(id="test", title="Test case", folder=Path("test"), sources=sources, entities=entities,
                mentions=found)


def reader_for(case: Case) -> ReaderApp:
    """The reader app opened on an in-memory case."""
    return ReaderApp(result=LoadResult(case.folder, Problems(), case))


def long_text(paragraphs: int = 30, label: str = "Paragraph") -> str:
    """A headline and many paragraphs: enough to scroll at any size."""
    body = "\n\n".join(
        f"{label} {n}: " + " ".join(f"word{n}-{i}" for i in range(40)) for n in range(1, paragraphs + 1)
    )
    return f"A headline for {label}\n\n{body}\n"


def forty_sources(today: dt.date) -> ReaderApp:
    """The reader on a case of forty sources, each reporting one event of its own (more than fit on one screen)."""
    sources = {f"s{number}": make_source(f"s{number}", f"Text {number}.\n") for number in range(1, 41)}
    events = [Event(f"e{number}", "other", FuzzyDate("2019"), f"Event {number}.",
                    [Citation(f"s{number}", f"Text {number}.", span=Span(0, len(f"Text {number}.")))])
              for number in range(1, 41)]
    case = Case(id="many", title="Many sources", folder=Path("many"), sources=sources, events=events)
    return ReaderApp(result=LoadResult(Path("many"), Problems(), case), today=today)
