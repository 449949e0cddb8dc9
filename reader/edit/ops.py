"""Annotation edits as changes to case file texts.

Each function takes the loaded :class:`~reader.model.Case` (to know what is
where) and the current texts of the case files, and returns the new texts of
the files it changes. Nothing is checked here beyond finding the place to
edit: the :class:`~reader.edit.session.EditSession` reloads the case with the
new texts and refuses the edit if ``reader check`` would report an error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from reader.edit.yamltext import (
    Change,
    EditError,
    append_item,
    compose,
    find,
    index_of,
    insert_item,
    remove_item,
    remove_key,
    replace_value,
    set_key,
)
from reader.model import Case, FuzzyDate, Span
from reader.model.anchor import FoldedText

Texts = Mapping[Path, str]
Changes = dict[Path, str]

#: Where a new item of each section goes when the case has none yet.
DEFAULT_FILES = {"entities": "entities.yaml", "events": "events.yaml", "quotes": "quotes.yaml",
                 "differences": "differences.yaml"}
#: What one item of each section is called, in messages.
ITEM_NAMES = {"sources": "source", "entities": "entity", "events": "event", "quotes": "quote",
              "differences": "difference"}


def citation_for(case: Case, source_id: str, span: Span) -> dict[str, object]:
    """A citation (as YAML data) that picks out exactly ``span`` of a source.

    The quote is the passage itself; when the same words occur more than
    once, ``occurrence`` says which one, counted as ``reader check`` counts.
    """
    source = case.sources[source_id]
    quote = source.text[span.start:span.end]
    if not quote.strip():
        raise EditError("the selection holds only spaces; select some words")
    citation: dict[str, object] = {"source": source_id, "quote": " ".join(quote.split())}
    places = FoldedText(source.text).find_all(quote)
    if len(places) > 1:
        starts = [place.start for place in places]
        if span.start in starts:
            citation["occurrence"] = starts.index(span.start) + 1
    return citation


def slug(text: str) -> str:
    """An id made from a name, as ids must be: ASCII lower case and digits, words joined by hyphens.

    Accents are dropped (``Özkan`` gives ``ozkan``); an id starts with a letter.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    ident = "-".join(words)[:60].strip("-")
    return ident if ident[:1].isalpha() else f"item-{ident}".rstrip("-")


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… when it is taken."""
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def _where(texts: Texts, section: str, item_id: str) -> tuple[Path, int]:
    """The file and index of the item with ``item_id`` in a section."""
    for path, text in _likely_first(texts, section):
        index = index_of(find(compose(text), [section]), "id", item_id)
        if index is not None:
            return path, index
    raise EditError(f"no {ITEM_NAMES.get(section, section)} `{item_id}` in the case files")


def _section_file(case: Case, texts: Texts, section: str) -> Path:
    """The file to add a new item of ``section`` to: the one that has that section, or the default file."""
    for path, text in _likely_first(texts, section):
        if find(compose(text), [section]) is not None:
            return path
    return case.folder / DEFAULT_FILES[section]


def _likely_first(texts: Texts, section: str) -> list[tuple[Path, str]]:
    """The case files, those with a line starting ``section:`` first.

    Reading a big file's YAML takes most of a second: the events are looked
    for in the file that has them before the one with 5,000 entities. The
    other files still follow, for a section written some other way.
    """
    starts = re.compile(rf"^{re.escape(section)}\s*:", re.MULTILINE)
    return sorted(texts.items(), key=lambda item: starts.search(item[1]) is None)


def _edit(texts: Texts, path: Path, change: Change) -> Changes:
    return {path: change.text}


def add_mention(case: Case, texts: Texts, entity_id: str, citation: dict[str, object]) -> Changes:
    """Record an explicit mention of an entity (a pronoun, a role phrase) at the cited passage."""
    path, index = _where(texts, "entities", entity_id)
    return _edit(texts, path, append_item(texts[path], ["entities", index, "mentions"], citation))


def exclude_mention(case: Case, texts: Texts, entity_id: str, citation: dict[str, object]) -> Changes:
    """Tell the name matcher that a match of the entity's name at the passage means something else."""
    path, index = _where(texts, "entities", entity_id)
    return _edit(texts, path, append_item(texts[path], ["entities", index, "exclude"], citation))


def remove_mention(case: Case, texts: Texts, entity_id: str, mention_index: int) -> Changes:
    """Remove an explicit mention (``mentions`` item ``mention_index``) of an entity."""
    path, index = _where(texts, "entities", entity_id)
    mentions = find(compose(texts[path]), ["entities", index, "mentions"])
    if mentions is not None and len(mentions.value) == 1:
        return _edit(texts, path, remove_key(texts[path], ["entities", index], "mentions"))
    return _edit(texts, path, remove_item(texts[path], ["entities", index, "mentions"], mention_index))


def new_entity(case: Case, texts: Texts, entity_type: str, name: str, description: str,
               citation: dict[str, object], aliases: Sequence[str] = ()) -> tuple[str, Changes]:
    """Create an entity whose description the cited passage supports; returns its id and the changes."""
    entity_id = unique_id(slug(name), set(case.entities))
    item: dict[str, object] = {"id": entity_id, "type": entity_type, "name": name}
    if aliases:
        item["aliases"] = list(aliases)
    item.update({"description": description, "citations": [citation]})
    path = _section_file(case, texts, "entities")
    return entity_id, _edit(texts, path, append_item(texts.get(path, ""), ["entities"], item))


def add_alias(case: Case, texts: Texts, entity_id: str, alias: str) -> Changes:
    """Add another name or spelling of an entity, so its mentions are found too."""
    entity = case.entities[entity_id]
    if " ".join(alias.split()) in entity.names:
        raise EditError(f"“{alias}” is already a name of {entity.name}")
    path, index = _where(texts, "entities", entity_id)
    return _edit(texts, path, append_item(texts[path], ["entities", index, "aliases"], alias))


def edit_fields(case: Case, texts: Texts, section: str, item_id: str, **values: str) -> Changes:
    """Change fields of an item (an entity's ``name``, an event's ``summary``…), adding those it lacks."""
    path, index = _where(texts, section, item_id)
    text = texts[path]
    for key, value in values.items():
        text = set_key(text, [section, index], key, value).text
    return {path: text}


def delete_item(case: Case, texts: Texts, section: str, item_id: str) -> Changes:
    """Delete an entity, event, quote or difference by id (refused later if anything still refers to it)."""
    path, index = _where(texts, section, item_id)
    return _edit(texts, path, remove_item(texts[path], [section], index))


def cite_event(case: Case, texts: Texts, event_id: str, citation: dict[str, object]) -> Changes:
    """Add a passage that reports an event."""
    path, index = _where(texts, "events", event_id)
    return _edit(texts, path, append_item(texts[path], ["events", index, "citations"], citation))


def new_event(case: Case, texts: Texts, kind: str, date: str, summary: str,
              citation: dict[str, object]) -> tuple[str, Changes]:
    """Create an event reported by the cited passage, placed in date order among the events."""
    event_id = unique_id(slug(summary)[:40].rstrip("-") or "event", {event.id for event in case.events})
    item: dict[str, object] = {"id": event_id, "kind": kind, "date": date, "summary": summary,
                               "citations": [citation]}
    day = FuzzyDate(date).earliest()
    later = next((event for event in case.events
                  if day is not None and (event.date.earliest() or day) > day), None)
    if later is None:
        path = _section_file(case, texts, "events")
        return event_id, _edit(texts, path, append_item(texts.get(path, ""), ["events"], item))
    path, index = _where(texts, "events", later.id)
    return event_id, _edit(texts, path, insert_item(texts[path], ["events"], index, item))


def new_quote(case: Case, texts: Texts, speaker_id: str, citation: dict[str, object],
              mode: str = "direct") -> tuple[str, Changes]:
    """Record the cited words as said by ``speaker_id``."""
    quote_id = unique_id(f"{speaker_id}-quote", {quote.id for quote in case.quotes})
    item: dict[str, object] = {"id": quote_id, "speaker": speaker_id, "citation": citation}
    if mode != "direct":
        item["mode"] = mode
    path = _section_file(case, texts, "quotes")
    return quote_id, _edit(texts, path, append_item(texts.get(path, ""), ["quotes"], item))


def add_side(case: Case, texts: Texts, difference_id: str, says: str, citation: dict[str, object]) -> Changes:
    """Add the cited passage as one more side of a recorded difference."""
    path, index = _where(texts, "differences", difference_id)
    side = {"says": says, "citations": [citation]}
    return _edit(texts, path, append_item(texts[path], ["differences", index, "sides"], side))


def replace_field(case: Case, texts: Texts, section: str, item_id: str, key: str, value: object) -> Changes:
    """Replace one field of an item by a new value."""
    path, index = _where(texts, section, item_id)
    return _edit(texts, path, replace_value(texts[path], [section, index, key], value))
