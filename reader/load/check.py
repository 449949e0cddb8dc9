"""Step 3 of loading a case, check: what is wrong across its records.

Each check looks at the case as built (:mod:`reader.load.build`) and
reports into the :class:`~reader.load.problems.Problems` it is given, each
problem where the user wrote the thing to change, with a hint:

- :func:`check_references`: an id referred to that no record defines, or
  one of another kind (an event where an entity is wanted);
- :func:`check_shared_names`: a name (or alias) that belongs to several
  entities, so a mention of it could not be told apart;
- :func:`check_unmentioned`: an entity no source mentions (given the
  mentions anchoring found);
- :func:`check_chronology`: dated events listed out of the order they
  happened in.

Checks change nothing and build nothing; they read no file and search no
text. The loader runs them in this order (the unmentioned check once the
mentions are known), which is the order their problems are listed in.
"""

from __future__ import annotations

from collections.abc import Mapping

from reader.load.build import Built, fold_name
from reader.load.problems import Problems, did_you_mean, known_list, with_article
from reader.model.types import Event, Location, Mention


def check_references(built: Built, problems: Problems) -> None:
    """Report each reference to an id that no record of its kind defines."""
    by_kind: dict[str, list[str]] = {}
    for identifier, (kind, _) in built.ids.items():
        by_kind.setdefault(kind, []).append(identifier)
    for kind, identifier, where in built.references:
        # built.ids answers "is it known?" in one look-up; the list is only for messages.
        if built.ids.get(identifier, ("",))[0] == kind:
            continue
        known = by_kind.get(kind, [])
        if identifier in built.ids:
            actual = built.ids[identifier][0]
            problems.error(where, f"`{identifier}` is {with_article(actual)}, not {with_article(kind)}",
                           hint=f"known {kind} ids: {known_list(known)}")
            continue
        if not built.complete:
            continue  # it may be defined in the file that could not be read
        hint = did_you_mean(identifier, known)
        hint = f"{hint} (known {kind} ids: {known_list(known)})" if hint else \
            f"known {kind} ids: {known_list(known)}"
        problems.error(where, f"unknown {kind} `{identifier}`", hint=hint)


def check_shared_names(built: Built, owners: Mapping[str, list[str]], problems: Problems) -> None:
    """Report each name that ``owners`` (folded name -> the ids it names) gives to several entities."""
    for name, ids in owners.items():
        for entity_id in ids[1:]:
            where = built.name_locations.get(entity_id, {}).get(name)
            problems.error(where or Location(built.case.folder),
                           f"name `{name}` belongs to several entities: " + ", ".join(f"`{i}`" for i in ids),
                           hint="a name may belong to one entity only; for shared words "
                                "such as “the President” use explicit `mentions`")


def check_unmentioned(built: Built, mentions: Mapping[str, list[Mention]], problems: Problems, *,
                      all_marked: bool = True) -> None:
    """Warn about entities that no source mentions (nor names as author or publisher).

    Nothing is reported when a source could not be built, or (``all_marked``
    False) when some source had too many names for all of them to be marked:
    what it mentions is unknown.
    """
    if built.sources_missing or not all_marked:
        return
    case = built.case
    mentioned = {m.entity_id for found in mentions.values() for m in found}
    # A byline or publisher is named in the metadata the reader shows, not in the text.
    named_in_metadata = {fold_name(name) for source in case.sources.values()
                         for name in (source.author, source.publisher) if name}
    for entity in case.entities.values():
        if entity.id in mentioned or not case.sources or not entity.name:
            continue  # an entity whose name was refused (or left out) is reported already
        if named_in_metadata & {fold_name(name) for name in entity.names}:
            continue
        if entity.id:
            where = built.name_locations.get(entity.id, {}).get(fold_name(entity.name))
            problems.warning(where or Location(case.folder),
                             f"entity `{entity.id}` is never mentioned in any source",
                             hint="add the spelling the sources use to `aliases`, "
                                  "or an explicit `mentions` entry")


def check_chronology(built: Built, problems: Problems) -> None:
    """Warn where dated events are listed out of the order they happened in."""
    previous: Event | None = None
    for event in built.case.events:
        if not event.date.is_known:
            continue
        if previous is not None and event.date.latest() < previous.date.earliest():
            problems.warning(
                event.location or Location(built.case.folder),
                f"event `{event.id}` ({event.date.text}) is listed after `{previous.id}` "
                f"({previous.date.text}) but happened before it",
                hint="list events in the order they happened")
        previous = event
