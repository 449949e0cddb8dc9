"""Suggestions in the reader (``u``): an object the case screen owns, as it owns the annotator.

:class:`Suggester` works out what ``reader suggest`` would list
(:func:`reader.model.suggest.suggest`) in a thread, so the screen never
waits for it, and hands each source view its suggested spans, drawn in a
look of their own. ``a`` on a suggested span (selected with a click, or
with ``v`` and the caret on it) asks how to take it in: as another name of
the entity it was suggested for, as a new entity (its type and name
filled in from the suggestion), or as another name of an entity the reader
picks. The edit itself is the annotator's, like any other.

After an edit the suggestions are worked out again, so one taken in is no
longer shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from textual.app import App
from textual.worker import Worker

from reader.edit import ops
from reader.edit.yamltext import EditError
from reader.model import Case, Span
from reader.ui.background import crash, in_background
from reader.ui.screens.dialogs import Choose, Form, FormField, Pick
from reader.ui.screens.edit_dialogs import Edit, entity_items
from reader.ui.widgets.source_deck import SourceDeck
from reader.ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from reader.model.suggest import Place, Suggestion
    from reader.ui.screens.editing import Annotator


class Suggested(Protocol):
    """What the suggester needs of the screen it works for (the case screen)."""

    case: Case
    previewing: bool
    deck: SourceDeck
    status_line: StatusLine
    annotator: Annotator

    @property
    def app(self) -> App[Any]:
        """The app, for its dialogs."""

    def run_worker(self, work: Any, name: str | None = "", group: str = "default", description: str = "",
                   exit_on_error: bool = True, start: bool = True, exclusive: bool = False,
                   thread: bool = False) -> Worker[Any]:
        """Textual's: run work in a worker of the screen."""


class Suggester:
    """Shows the case's suggestions in its sources (``u``), and takes one in as an annotation (``a``)."""

    def __init__(self, screen: Suggested) -> None:
        self._screen = screen
        #: Whether the suggestions are shown (or being worked out to be shown).
        self.shown = False
        #: The suggestions of the case on the screen (empty while hidden or being worked out).
        self.suggestions: list[Suggestion] = []
        self._at: dict[tuple[str, Span], tuple[Suggestion, Place]] = {}

    def toggle(self) -> None:
        """Show the suggestions (worked out in a thread), or hide them."""
        if self.shown:
            self.shown = False
            self.suggestions, self._at = [], {}
            self._screen.deck.show_suggestions({})
            self._screen.status_line.show("Suggestions hidden · u shows them")
            return
        if self._screen.previewing:
            self._screen.status_line.show("The case is still loading: suggestions once its highlights show")
            return
        self.shown = True
        self.refresh(announce=True)

    def refresh(self, *, announce: bool = False) -> None:
        """Work the suggestions out again for the case now on the screen (after an edit), if they are shown."""
        if not self.shown:
            return
        case = self._screen.case
        if announce:
            self._screen.status_line.show("Looking for names, dates and amounts no entity covers…")

        def work() -> list[Suggestion]:
            from reader.model.suggest import suggest  # with rapidfuzz and unidecode: only once asked for

            return suggest(case)

        def done(suggestions: list[Suggestion] | None, error: Exception | None) -> None:
            if error is not None:
                crash(self._screen.app, error)
                return
            if not self.shown or self._screen.case is not case or suggestions is None:
                return  # hidden meanwhile, or the case changed: a newer run follows
            self._show(suggestions, announce=announce)

        in_background(self._screen.deck, work, done, name="suggest", group="suggest", exclusive=True)

    def _show(self, suggestions: list[Suggestion], *, announce: bool) -> None:
        self.suggestions = suggestions
        self._at = {(place.source_id, place.span): (suggestion, place)
                    for suggestion in suggestions for place in suggestion.places}
        by_source: dict[str, list[Span]] = {}
        for source_id, span in self._at:
            by_source.setdefault(source_id, []).append(span)
        self._screen.deck.show_suggestions(by_source)
        if announce:
            count = len(suggestions)
            self._screen.status_line.show(
                f"{count} suggestion{'' if count == 1 else 's'} · click one (or v onto it), a takes it in · "
                "u hides them" if count
                else "No suggestions: every name, date and amount found is annotated · u hides this")

    def at_selection(self) -> tuple[Suggestion, Place] | None:
        """The suggestion the selection (or the caret) is on, in the source it is in; None if none."""
        if not self.shown:
            return None
        deck = self._screen.deck
        views = [deck.view(deck.active_source), *deck.views()]
        for view in views:
            if view.selection is None:
                continue
            span = view.suggestion_at(view.selection)
            if span is not None:
                return self._at.get((view.source.id, span))
        return None

    def accept(self, suggestion: Suggestion, place: Place) -> None:
        """Ask how to take in the suggestion at ``place``, then make that edit (the annotator's)."""
        self._screen.run_worker(self._accept(suggestion, place), name="accept-suggestion", group="annotate",
                                exclusive=True)

    async def _accept(self, suggestion: Suggestion, place: Place) -> None:
        case = self._screen.case
        try:
            citation = ops.citation_for(case, place.source_id, place.span)
        except EditError as exc:
            self._screen.status_line.show(str(exc))
            return
        edit = await ask_suggestion(self._screen.app, case, suggestion, place, citation)
        if edit is not None:
            self._screen.annotator.edit(edit.description, edit.make)


async def ask_suggestion(app: App[Any], case: Case, suggestion: Suggestion, place: Place,
                         citation: dict[str, object]) -> Edit | None:
    """Ask how to take in a suggestion: another name of its entity, a new entity, another name of one picked."""
    from reader.model.suggest import describe

    text = " ".join(place.text.split())
    choices = []
    if suggestion.alias_of is not None and suggestion.alias_of in case.entities:
        choices.append(("alias", f"Another name of {case.entities[suggestion.alias_of].name}: add “{text}”"))
    kind = suggestion.entity_type or "entity"
    choices += [("entity", f"A new {kind}: “{suggestion.text}”…"),
                ("pick", "Another name of an entity…")]
    choice = await app.push_screen_wait(Choose(f"Suggested: “{text}”", choices,
                                               detail=describe(case, suggestion)))
    if choice == "alias":
        entity_id = suggestion.alias_of
        assert entity_id is not None
        return Edit(f"add “{text}” as a name of {case.entities[entity_id].name}",
                    lambda c, t: ops.add_alias(c, t, entity_id, text))
    if choice == "entity":
        from reader.model.vocabulary import ENTITY_TYPES

        variants = [variant for variant in suggestion.variants if variant != suggestion.text]
        values = await app.push_screen_wait(Form("New entity", [
            FormField("type", "Type", suggestion.entity_type if suggestion.entity_type in ENTITY_TYPES
                      else "person", ENTITY_TYPES),
            FormField("name", "Name", suggestion.text),
            FormField("aliases", "Other names in the sources (separated by commas)", ", ".join(variants),
                      required=False),
            FormField("description", "Description (one line, backed by this passage)"),
        ], detail=f"“{place.context}”"))
        if not values:
            return None
        aliases = [alias.strip() for alias in values["aliases"].split(",")
                   if alias.strip() and alias.strip() != values["name"].strip()]
        return Edit(f"add {values['name']}", lambda c, t: ops.new_entity(
            c, t, values["type"], values["name"], values["description"], citation, aliases)[1])
    if choice == "pick":
        entity_id = await app.push_screen_wait(Pick(f"“{text}” is another name of…", entity_items(case)))
        if entity_id:
            return Edit(f"add “{text}” as a name of {case.entities[entity_id].name}",
                        lambda c, t: ops.add_alias(c, t, entity_id, text))
    return None
