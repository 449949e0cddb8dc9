"""The dialogs that make an edit: what the reader is asked, and the edit their answers make.

Each function here asks what it needs (a :class:`Choose`, a :class:`Pick`
or a :class:`Form` over the screen) and returns an :class:`Edit`: a
description (what the status line and undo call it) and how to make it with
:mod:`reader.edit.ops`; or None when the reader cancelled or changed
nothing. They change nothing themselves: the
:class:`~reader.ui.screens.editing.Annotator` decides whether an edit may
be made now, applies it to its session, and shows the result. The dialogs
wait for answers (``push_screen_wait``), so they run in the annotator's
workers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App

from reader.edit import ops
from reader.model import Case, Entity, Event, Mention, Span
from reader.model.vocabulary import ENTITY_TYPES, EVENT_KINDS, QUOTE_MODES
from reader.ui.screens.dialogs import Choose, Form, FormField, Pick

#: How an edit changes the case files: ``make(case, texts)`` returns the new texts of the files it changes.
Make = Callable[[Case, dict[Path, str]], dict[Path, str]]


@dataclass(frozen=True)
class Edit:
    """An edit the reader asked for, not made yet."""

    description: str
    """What it does, in a few lower-case words: "add a mention of …"."""

    make: Make
    """How it changes the case files."""


def entity_items(case: Case) -> list[tuple[str, str]]:
    """Entities for a :class:`Pick`: ``Name (type)``, and other names to match on."""
    items = []
    for entity in sorted(case.entities.values(), key=lambda e: e.name.casefold()):
        also = f" · {', '.join(entity.aliases)}" if entity.aliases else ""
        items.append((entity.id, f"{entity.name} ({entity.type}){also}"))
    return items


def event_items(case: Case) -> list[tuple[str, str]]:
    """Events for a :class:`Pick`, in case order: ``date · summary``."""
    return [(event.id, f"{event.date.display()} · {event.summary}") for event in case.events]


# -- annotating a selection ------------------------------------------------------------

async def ask_annotation(app: App[Any], case: Case, source_id: str, span: Span, text: str,
                         citation: dict[str, object]) -> Edit | None:
    """Ask what the selected ``text`` (``span`` of a source, cited as ``citation``) is: a mention, an entity…"""
    choices = [("mention", "A mention of an entity (a pronoun, a title, a role)…"),
               ("entity", "A new entity named by this text…"),
               ("alias", "Another name or spelling of an entity…")]
    overlapped = [m for m in case.mentions.get(source_id, ()) if not m.explicit and m.span.overlaps(span)]
    for mention in overlapped[:1]:
        name = case.entities[mention.entity_id].name
        choices.append(("exclude", f"Not a mention of {name}: the words mean something else here"))
    choices += [("cite", "A passage reporting an event…"), ("event", "A new event reported here…"),
                ("quote", "Words someone said: a quote…"), ("side", "One side of a difference…")]
    choice = await app.push_screen_wait(Choose("Annotate", choices, detail=f"“{text}”"))
    if choice == "mention":
        entity_id = await app.push_screen_wait(Pick("Which entity does it mention?", entity_items(case),
                                                    detail=f"“{text}”"))
        if entity_id:
            return Edit(f"add a mention of {case.entities[entity_id].name}",
                        lambda c, t: ops.add_mention(c, t, entity_id, citation))
    elif choice == "entity":
        values = await app.push_screen_wait(Form("New entity", [
            FormField("type", "Type", "person", ENTITY_TYPES),
            FormField("name", "Name", text),
            FormField("description", "Description (one line, backed by this passage)"),
        ], detail=f"“{text}”"))
        if values:
            return Edit(f"add {values['name']}", lambda c, t: ops.new_entity(
                c, t, values["type"], values["name"], values["description"], citation)[1])
    elif choice == "alias":
        entity_id = await app.push_screen_wait(Pick(f"“{text}” is another name of…", entity_items(case)))
        if entity_id:
            return Edit(f"add “{text}” as a name of {case.entities[entity_id].name}",
                        lambda c, t: ops.add_alias(c, t, entity_id, text))
    elif choice == "exclude":
        entity_id = overlapped[0].entity_id
        place = ops.citation_for(case, source_id, overlapped[0].span)
        return Edit(f"mark that this is not {case.entities[entity_id].name}",
                    lambda c, t: ops.exclude_mention(c, t, entity_id, place))
    elif choice == "cite":
        event_id = await app.push_screen_wait(Pick("Which event does it report?", event_items(case),
                                                   detail=f"“{text}”"))
        if event_id:
            return Edit("cite the passage for the event", lambda c, t: ops.cite_event(c, t, event_id, citation))
    elif choice == "event":
        values = await app.push_screen_wait(Form("New event", [
            FormField("kind", "Kind", "other", EVENT_KINDS),
            FormField("date", "Date (YYYY-MM-DD, YYYY-MM, YYYY or unknown)", "unknown"),
            FormField("summary", "Summary (one line)"),
        ], detail=f"“{text}”"))
        if values:
            return Edit(f"add the event “{values['summary']}”", lambda c, t: ops.new_event(
                c, t, values["kind"], values["date"], values["summary"], citation)[1])
    elif choice == "quote":
        speaker = await app.push_screen_wait(Pick("Who said it?", entity_items(case), detail=f"“{text}”"))
        if speaker:
            mode = await app.push_screen_wait(Choose("How is it reported?", [
                (mode, "Direct speech: their words" if mode == "direct" else "Reported speech")
                for mode in QUOTE_MODES]))
            if mode:
                return Edit(f"add a quote of {case.entities[speaker].name}",
                            lambda c, t: ops.new_quote(c, t, speaker, citation, mode)[1])
    elif choice == "side":
        return await _ask_side(app, case, text, citation)
    return None


async def _ask_side(app: App[Any], case: Case, text: str, citation: dict[str, object]) -> Edit | None:
    items = [(d.id, f"{d.topic}: {d.summary}") for d in case.differences]
    difference_id = await app.push_screen_wait(Pick("A side of which difference?", items, detail=f"“{text}”"))
    if not difference_id:
        return None
    values = await app.push_screen_wait(Form("This side says", [
        FormField("says", "What this side holds (one line)", text)]))
    if not values:
        return None
    return Edit("add a side to the difference",
                lambda c, t: ops.add_side(c, t, difference_id, values["says"], citation))


# -- editing and deleting from the panels ----------------------------------------------

async def ask_entity_edit(app: App[Any], entity: Entity) -> Edit | None:
    """Ask for an entity's new name and description (None: cancelled, or nothing changed)."""
    values = await app.push_screen_wait(Form(f"Edit {entity.name}", [
        FormField("name", "Name", entity.name),
        FormField("description", "Description", " ".join(entity.description.split())),
    ]))
    if not values:
        return None
    changed = {key: value for key, value in values.items() if value != getattr(entity, key).strip()}
    if not changed:
        return None
    return Edit(f"edit {entity.name}", lambda c, t: ops.edit_fields(c, t, "entities", entity.id, **changed))


async def ask_entity_deletion(app: App[Any], entity: Entity) -> Edit | None:
    """Ask whether to delete an entity and what only it holds (its mentions, its citations)."""
    answer = await app.push_screen_wait(Choose(f"Delete {entity.name}?", [
        ("delete", f"Delete {entity.name} and what only it holds (its mentions, its citations)"),
        ("keep", "Keep it")]))
    if answer != "delete":
        return None
    # The screen drops the selection of an entity the case no longer has.
    return Edit(f"delete {entity.name}", lambda c, t: ops.delete_item(c, t, "entities", entity.id))


def mention_removal(case: Case, mention: Mention) -> Edit | None:
    """Remove a mention (no dialog): an explicit one from the YAML; a found name by excluding that place."""
    entity = case.entities[mention.entity_id]
    if mention.explicit:
        index = next((i for i, citation in enumerate(entity.explicit_mentions)
                      if citation.source_id == mention.source_id and citation.span == mention.span), None)
        if index is None:
            return None
        return Edit(f"remove the mention of {entity.name}", lambda c, t: ops.remove_mention(c, t, entity.id, index))
    place = ops.citation_for(case, mention.source_id, mention.span)
    return Edit(f"mark that this is not {entity.name}", lambda c, t: ops.exclude_mention(c, t, entity.id, place))


async def ask_event_edit(app: App[Any], event: Event) -> Edit | None:
    """Ask for an event's new date and summary (None: cancelled, or nothing changed)."""
    values = await app.push_screen_wait(Form("Edit the event", [
        FormField("date", "Date (YYYY-MM-DD, YYYY-MM, YYYY or unknown)", event.date.text),
        FormField("summary", "Summary", " ".join(event.summary.split())),
    ]))
    if not values:
        return None
    changed = {key: value for key, value in values.items()
               if value != (event.date.text if key == "date" else " ".join(event.summary.split()))}
    if not changed:
        return None
    return Edit("edit the event", lambda c, t: ops.edit_fields(c, t, "events", event.id, **changed))


async def ask_event_deletion(app: App[Any], event: Event) -> Edit | None:
    """Ask whether to delete an event."""
    answer = await app.push_screen_wait(Choose("Delete this event?", [
        ("delete", f"Delete “{event.summary}”"), ("keep", "Keep it")]))
    if answer != "delete":
        return None
    return Edit("delete the event", lambda c, t: ops.delete_item(c, t, "events", event.id))
