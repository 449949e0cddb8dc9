"""The entity panel: every entity of the case by type, and the selected one in detail.

The top list groups entities by type with their mention counts per source
(in source order, the numbers the tabs and the ``1``-``9`` keys use) and
narrows as you type a filter. Moving through the list selects an entity;
below it, the entity's description, names and every mention in context
(keyword-in-context lines). Enter on a mention asks the screen to take the
reader there. The panel only posts messages; the screen decides what they do.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Case, Entity, Mention
from reader.model.anchor import fold
from reader.model.search import context_around
from reader.ui.widgets.source_view import ENTITY_TYPES
from reader.ui.widgets.wrap import clean

#: Group headings, in the order groups are listed.
TYPE_HEADINGS = {
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "law": "Laws",
    "charge": "Charges",
    "amount": "Amounts",
    "date": "Dates",
}


def plain(text: str) -> Content:
    """Text from the case as inert content: never markup, no control characters, one line."""
    return Content(clean(" ".join(text.split())))


def counts_label(counts: list[int]) -> str:
    """Mention counts for a list row: per source when there are few sources, else a total."""
    if len(counts) <= 4:
        return "·".join(str(count) for count in counts)
    in_sources = sum(1 for count in counts if count)
    return f"{sum(counts)} in {in_sources}"


def matches_filter(entity: Entity, query: str) -> bool:
    """Whether any of the entity's names contains ``query``, ignoring case and typography."""
    needle = fold(query).casefold().strip()
    return not needle or any(needle in fold(name).casefold() for name in entity.names)


class EntityPanel(Vertical):
    """Lists the entities and shows the selected one's details and mentions."""

    BINDINGS = [
        Binding("slash", "filter", "Filter", key_display="/", tooltip="Type to narrow the list of entities",
                id="filter-entities"),
        Binding("r", "edit_entity", "Edit", show=False, tooltip="Change the selected entity's name and description",
                id="edit-entity"),
        Binding("delete", "delete", "Delete", show=False,
                tooltip="Delete the selected entity, or the mention under the cursor",
                id="delete-entity"),
    ]

    selected: reactive[str | None] = reactive(None, init=False)
    """The id of the entity shown in detail (None: no entity selected)."""

    class Selected(Message):
        """The reader selected an entity (None: cleared the selection)."""

        def __init__(self, entity_id: str | None) -> None:
            super().__init__()
            self.entity_id = entity_id

    class MentionChosen(Message):
        """The reader asked to go to a mention."""

        def __init__(self, mention: Mention) -> None:
            super().__init__()
            self.mention = mention

    class EditRequested(Message):
        """The reader asked to edit an entity."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    class DeleteRequested(EditRequested):
        """The reader asked to delete an entity."""

    class MentionDeleteRequested(MentionChosen):
        """The reader asked to remove a mention (or, for a found name, to say it is not one)."""

    def __init__(self, case: Case, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.case = case
        self._counts = case.mention_count_table()
        self._mentions: list[Mention] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter by name", id="entity-filter", compact=True)
        yield OptionList(id="entity-list", markup=False, compact=True)
        with Vertical(id="entity-detail"):
            with VerticalScroll(id="entity-about-scroll", can_focus=False):
                yield Static(id="entity-about", markup=False)
            yield OptionList(id="entity-mentions", markup=False, compact=True)

    def set_case(self, case: Case) -> None:
        """Show an edited version of the case: new counts, names and mentions; the same selection and filter."""
        self.case = case
        self._counts = case.mention_count_table()
        if self.selected is not None and self.selected not in case.entities:
            self.selected = None
        self._fill_list(self.query_one("#entity-filter", Input).value)
        self.border_title = f"Entities ({len(case.entities)})"
        self.watch_selected(self.selected)

    def action_edit_entity(self) -> None:
        """Ask to edit the selected entity."""
        if self.selected:
            self.post_message(self.EditRequested(self.selected))

    def action_delete(self) -> None:
        """Ask to delete the mention under the cursor (in the mentions list) or the selected entity."""
        mentions = self.query_one("#entity-mentions", OptionList)
        if mentions.has_focus:
            option = mentions.highlighted_option
            if option is not None and option.id is not None:
                self.post_message(self.MentionDeleteRequested(self._mentions[int(option.id)]))
        elif self.selected:
            self.post_message(self.DeleteRequested(self.selected))

    def on_mount(self) -> None:
        self.border_title = f"Entities ({len(self.case.entities)})"
        # The panel's own keys: the footer has no room for them at 80 columns.
        self.border_subtitle = "/ filter · r edit · del"
        self.query_one("#entity-detail").display = False
        self._fill_list("")

    # -- the list -------------------------------------------------------------

    def _fill_list(self, query: str) -> None:
        options: list[Option | None] = []
        by_type: dict[str, list[Entity]] = {}
        for entity in self.case.entities.values():
            if matches_filter(entity, query):
                by_type.setdefault(entity.type, []).append(entity)
        for entity_type in sorted(by_type, key=lambda t: ENTITY_TYPES.index(t) if t in ENTITY_TYPES else 99):
            entities = by_type[entity_type]
            heading = TYPE_HEADINGS.get(entity_type, entity_type.title())
            options.append(Option(Content.styled(f"{heading} ({len(entities)})", "bold"), disabled=True))
            for entity in sorted(entities, key=lambda e: (-sum(self._counts[e.id]), fold(e.name).casefold())):
                options.append(Option(self._entity_prompt(entity), id=entity.id))
        entity_list = self.query_one("#entity-list", OptionList)
        entity_list.set_options(options or [Option(Content("No entity matches the filter."), disabled=True)])
        if self.selected and self.selected in {o.id for o in options if o}:
            entity_list.highlighted = entity_list.get_option_index(self.selected)
        elif query:
            entity_list.highlighted = next((i for i, o in enumerate(options) if o and not o.disabled), None)
        else:
            entity_list.highlighted = None

    def _entity_prompt(self, entity: Entity) -> Content:
        return Content.assemble(plain(entity.name), " ", (counts_label(self._counts[entity.id]), "dim"))

    @on(Input.Changed, "#entity-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill_list(event.value)

    @on(Input.Submitted, "#entity-filter")
    def _filter_done(self) -> None:
        self.query_one("#entity-list").focus()

    def action_filter(self) -> None:
        """Open the filter box to narrow the list."""
        self.add_class("-filtering")
        self.query_one("#entity-filter").focus()

    @on(Input.Blurred, "#entity-filter")
    def _filter_left(self, event: Input.Blurred) -> None:
        # An empty filter box closes, so the list has the room back.
        self.set_class(bool(event.value), "-filtering")

    def clear_filter(self) -> bool:
        """Empty the filter and go back to the list; False when there was nothing to clear."""
        entity_filter = self.query_one("#entity-filter", Input)
        had_focus = entity_filter.has_focus
        if not entity_filter.value and not had_focus:
            return False
        entity_filter.value = ""
        self.remove_class("-filtering")
        self.query_one("#entity-list").focus()
        return True

    @on(OptionList.OptionHighlighted, "#entity-list")
    def _entity_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        # Only the reader moving the cursor selects; the cursor placed by
        # select() or by a refill must not echo back as a new selection.
        if event.option.id and event.option_list.has_focus and event.option.id != self.selected:
            self.selected = event.option.id
            self.post_message(self.Selected(event.option.id))

    @on(OptionList.OptionSelected, "#entity-list")
    def _entity_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id != self.selected:
            self.selected = event.option.id
            self.post_message(self.Selected(event.option.id))
        mentions = self.query_one("#entity-mentions", OptionList)
        if mentions.option_count and mentions.display:
            mentions.focus()

    def select(self, entity_id: str | None) -> None:
        """Select an entity from outside the panel (a click in the text, the palette)."""
        if entity_id == self.selected:
            return
        self.selected = entity_id
        if entity_id is None:
            return
        entity_list = self.query_one("#entity-list", OptionList)
        try:
            index = entity_list.get_option_index(entity_id)
        except Exception:  # filtered out: show the whole list again
            self.query_one("#entity-filter", Input).value = ""
            self.remove_class("-filtering")
            self._fill_list("")
            index = entity_list.get_option_index(entity_id)
        entity_list.highlighted = index

    # -- the selected entity --------------------------------------------------

    def watch_selected(self, entity_id: str | None) -> None:
        detail = self.query_one("#entity-detail")
        entity = self.case.entities.get(entity_id) if entity_id else None
        detail.display = entity is not None
        if entity is None:
            return
        self.query_one("#entity-about", Static).update(self._about(entity))
        self._mentions = self.case.mentions_of(entity.id)
        options: list[Option] = []
        current_source = None
        for index, mention in enumerate(self._mentions):
            if mention.source_id != current_source:
                current_source = mention.source_id
                number = list(self.case.sources).index(current_source) + 1
                source = self.case.sources[current_source]
                count = self._counts[entity.id][number - 1]
                options.append(Option(Content.assemble((f"{number} ", "bold"), plain(source.publisher),
                                                       (f" · {count}", "dim")), disabled=True))
            options.append(Option(self._context_prompt(mention), id=str(index)))
        mentions = self.query_one("#entity-mentions", OptionList)
        mentions.set_options(options or [Option(Content("Not mentioned in any source."), disabled=True)])
        mentions.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)
        mentions.border_title = f"Mentions ({len(self._mentions)})"

    def _about(self, entity: Entity) -> Content:
        lines = [Content.assemble((clean(entity.name), "bold"), ("  " + entity.type, "dim"))]
        if entity.description:
            lines.append(plain(entity.description))
        other_names = [name for name in entity.aliases if name != entity.name]
        if other_names:
            lines.append(Content.assemble(("Also: ", "dim"), plain("; ".join(other_names))))
        if entity.affiliation and entity.affiliation in self.case.entities:
            lines.append(Content.assemble(("Part of: ", "dim"), plain(self.case.entities[entity.affiliation].name)))
        if entity.standpoint:
            lines.append(Content.assemble(("Standpoint: ", "dim"), plain(entity.standpoint)))
        return Content("\n").join(lines)

    def _context_prompt(self, mention: Mention) -> Content:
        context = context_around(self.case.sources[mention.source_id].text, mention.span, 24)
        return Content.assemble(clean(context.before), (clean(context.keyword), "bold reverse"), clean(context.after))

    @on(OptionList.OptionSelected, "#entity-mentions")
    def _mention_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.MentionChosen(self._mentions[int(event.option.id)]))

    def show_mention(self, mention: Mention) -> None:
        """Move the mentions list's cursor to ``mention`` (after ``n``/``N`` moved the reader there)."""
        if mention in self._mentions:
            mentions = self.query_one("#entity-mentions", OptionList)
            mentions.highlighted = mentions.get_option_index(str(self._mentions.index(mention)))
