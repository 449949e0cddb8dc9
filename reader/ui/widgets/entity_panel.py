"""The entity panel: every entity of the case by type, and the selected one in detail.

The top list groups entities by type with their mention counts per source,
right-aligned in columns (:mod:`reader.ui.widgets.count_columns`) under
each type's heading, which carries the sources' numbers (those the tabs and
the ``1``-``9`` keys use); entities never mentioned come last, dimmed. It
narrows as you type a filter. Moving through the list selects an entity;
below it, the entity's description, names and every mention in context
(keyword-in-context lines). Enter on a mention asks the screen to take the
reader there. The panel only posts messages; the screen decides what they do.

A big case has thousands of entities, and an entity thousands of mentions, so
the panel does its work when it is seen: the list is filled the first time the
panel opens (:meth:`EntityPanel.opened`), the selected entity's details while
the panel is open, and its mentions a page of :data:`MENTION_PAGE` at a time
(a last row shows more; ``n`` past the listed ones lists up to the one reached).

Narrowed to one person of the case (:meth:`EntityPanel.narrow`), the list
holds that person and the entities their events name (see
:mod:`reader.ui.people`).
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.model import Case, Entity, Mention
from reader.model.anchor import fold
from reader.model.search import context_around
from reader.model.vocabulary import ENTITY_TYPE_HEADINGS, ENTITY_TYPES
from reader.ui.inert import plain
from reader.ui.people import narrowed_to, person_entities, who
from reader.ui.widgets.count_columns import CountColumns
from reader.ui.widgets.quick_list import QuickOptionList
from reader.ui.widgets.wrap import clean

#: How many of the selected entity's mentions are listed at first, and how many more each "show more" adds.
MENTION_PAGE = 100
#: The id of the mentions list's last row, which lists the next page.
MORE_ID = "more"


#: Up to this many sources, the list has a column of counts for each; more, a total and how many sources.
COLUMNS_UP_TO = 4


def count_cells(counts: list[int]) -> list[str]:
    """Mention counts for a list row: one per source when there are few sources (a dot for none), else the total
    and how many sources name it (under the headings of :func:`count_headings`)."""
    if len(counts) <= COLUMNS_UP_TO:
        return [str(count) if count else "·" for count in counts]
    return [str(sum(counts)), str(len(counts) - counts.count(0))]


def count_headings(sources: int) -> list[str]:
    """The headings over the count columns: the sources' numbers (as the tabs and ``1``-``9`` give them), or, for
    many sources, "times" (mentions in all) and "in" (how many sources)."""
    if sources <= COLUMNS_UP_TO:
        return [str(number) for number in range(1, sources + 1)]
    return ["times", "in"]


def filter_needle(query: str) -> str:
    """A filter query as :func:`matches_filter` compares it: folded, case-folded, stripped."""
    return fold(query).casefold().strip()


def matches_filter(entity: Entity, query: str) -> bool:
    """Whether any of the entity's names contains ``query``, ignoring case and typography."""
    needle = filter_needle(query)
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
        #: Mentions of each entity per source, and in all: counted when first needed (not while the case opens).
        self._count_table: dict[str, list[int]] | None = None
        self._total_table: dict[str, int] | None = None
        #: The list's rows, made when first filled (see _ranked_rows), and the widths of their count columns.
        self._rows: dict[str, list[tuple[tuple[str, ...], Option]]] | None = None
        self._widths: list[int] = []
        self._mentions: list[Mention] = []
        #: Where each listed mention is in ``_mentions`` (``n`` moves the list's cursor to it).
        self._mention_index: dict[Mention, int] = {}
        #: How many of ``_mentions`` the mentions list shows so far.
        self._listed = 0
        #: Whether the panel has opened (its widgets are made and the list filled then, not before).
        self._filled = False
        #: The person the list is narrowed to (None: everyone), and the entities it then lists.
        self.person: str | None = None
        self._narrowed_ids: frozenset[str] | None = None
        #: Whether the details below the list are behind the selection (it changed while the panel was closed).
        self._detail_stale = False
        #: The mention n/N went to while the details were behind: their cursor goes there when they catch up.
        self._pending_mention: Mention | None = None
        # The panel's widgets, mounted when it first opens (see opened()).
        self._filter_box = Input(placeholder="Filter by name", id="entity-filter", compact=True)
        self._entity_list = QuickOptionList(id="entity-list", markup=False, compact=True)
        self._about_box = Static(id="entity-about", markup=False)
        self._mention_list = QuickOptionList(id="entity-mentions", markup=False, compact=True)
        #: What shows below the list once an entity is selected.
        self._detail = Vertical(VerticalScroll(self._about_box, id="entity-about-scroll", can_focus=False),
                                self._mention_list, id="entity-detail")
        self._detail.display = False

    @property
    def _counts(self) -> dict[str, list[int]]:
        """How many times each source mentions each entity, in source order."""
        if self._count_table is None:
            self._count_table = self.case.mention_count_table()
        return self._count_table

    @property
    def _totals(self) -> dict[str, int]:
        """How many times the sources mention each entity in all."""
        if self._total_table is None:
            self._total_table = {entity_id: sum(counts) for entity_id, counts in self._counts.items()}
        return self._total_table

    def opened(self) -> None:
        """The panel is about to show: make and fill the list the first time, and catch up with the selection.

        Until then the panel holds no widgets at all, so a closed panel costs
        the first frame nothing (each widget is styled on mount, the filter
        box alone a few milliseconds).
        """
        if not self._filled:
            self._filled = True
            self.mount_all([self._filter_box, self._entity_list, self._detail])
            self._fill_list("")
        if self._detail_stale:
            self._show_detail(self.selected)

    def set_case(self, case: Case) -> None:
        """Show an edited version of the case: new counts, names and mentions; the same selection and filter."""
        self.case = case
        self._count_table = self._total_table = self._rows = None
        self.person = narrowed_to(case, self.person)
        self._narrowed_ids = person_entities(case, self.person)
        if self.selected is not None and self.selected not in case.entities:
            self.selected = None
        if self._filled:
            self._fill_list(self._filter_box.value)
        self._show_title()
        self.watch_selected(self.selected)

    def narrow(self, person_id: str | None) -> None:
        """List only one person and the entities their events name (None: every entity)."""
        person_id = narrowed_to(self.case, person_id)
        if person_id == self.person:
            return
        self.person = person_id
        self._narrowed_ids = person_entities(self.case, person_id)
        if self._filled:
            self._fill_list(self._filter_box.value)
        self._show_title()

    def _show_title(self) -> None:
        every = len(self.case.entities)
        if self._narrowed_ids is None:
            self.border_title = f"Entities ({every})"
        else:
            self.border_title = f"Entities ({len(self._narrowed_ids)} of {every}) · {who(self.case, self.person)}"

    def action_edit_entity(self) -> None:
        """Ask to edit the selected entity."""
        if self.selected:
            self.post_message(self.EditRequested(self.selected))

    def action_delete(self) -> None:
        """Ask to delete the mention under the cursor (in the mentions list) or the selected entity."""
        mentions = self._mention_list
        if mentions.has_focus:
            option = mentions.highlighted_option
            if option is not None and option.id is not None and option.id != MORE_ID:
                self.post_message(self.MentionDeleteRequested(self._mentions[int(option.id)]))
        elif self.selected:
            self.post_message(self.DeleteRequested(self.selected))

    def on_mount(self) -> None:
        self._show_title()
        # The panel's own keys: the footer has no room for them at 80 columns.
        self.border_subtitle = "/ filter · r edit · del"

    # -- the list -------------------------------------------------------------

    def _ranked_rows(self) -> dict[str, list[tuple[tuple[str, ...], Option]]]:
        """Every entity's row by type, in list order (most mentioned first, those never mentioned last), with its
        names as the filter compares them.

        Made once per case: a keystroke in the filter then only picks rows
        (as :func:`matches_filter` would), rather than folding, sorting and
        drawing thousands of names again.
        """
        if self._rows is None:
            by_type: dict[str, list[Entity]] = {}
            for entity in self.case.entities.values():
                by_type.setdefault(entity.type, []).append(entity)
            totals = self._totals
            # Each count column as wide as the widest number or heading it holds.
            columns = zip(count_headings(len(self.case.sources)),
                          *(count_cells(counts) for counts in self._counts.values()), strict=False)
            self._widths = [max(len(cell) for cell in column) for column in columns]
            self._rows = {}
            for entity_type in sorted(by_type, key=lambda t: ENTITY_TYPES.index(t) if t in ENTITY_TYPES else 99):
                ranked = sorted(by_type[entity_type], key=lambda e: (-totals[e.id], fold(e.name).casefold()))
                self._rows[entity_type] = [(tuple(fold(name).casefold() for name in entity.names),
                                            Option(self._entity_prompt(entity), id=entity.id)) for entity in ranked]
        return self._rows

    def _fill_list(self, query: str) -> None:
        options: list[Option] = []
        needle = filter_needle(query)
        narrowed = self._narrowed_ids
        for entity_type, rows in self._ranked_rows().items():
            matching = [option for names, option in rows
                        if (narrowed is None or option.id in narrowed)
                        and (not needle or any(needle in name for name in names))]
            if not matching:
                continue
            heading = ENTITY_TYPE_HEADINGS.get(entity_type, entity_type.title())
            # Each type's heading is the count columns' heading row too.
            cells = [Content.styled(text, "dim") for text in count_headings(len(self.case.sources))]
            options.append(Option(CountColumns(Content.styled(f"{heading} ({len(matching)})", "bold"), cells,
                                               self._widths), disabled=True))
            options.extend(matching)
        entity_list = self._entity_list
        if not self.case.entities:
            empty = "No entities (yet: a big case is still loading)."
        elif query:
            empty = "No entity matches the filter."
        else:
            empty = f"No entity is named in the events of {who(self.case, self.person)}."
        entity_list.set_options(options or [Option(Content(empty), disabled=True)])
        index = self._index_in_list(self.selected)
        if index is not None:
            entity_list.highlighted = index
        elif query:
            entity_list.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)
        else:
            entity_list.highlighted = None

    def _index_in_list(self, entity_id: str | None) -> int | None:
        """Where the list shows an entity; None when it does not (filtered out, or nothing selected)."""
        if entity_id is None:
            return None
        try:
            return self._entity_list.get_option_index(entity_id)
        except OptionDoesNotExist:
            return None

    def _entity_prompt(self, entity: Entity) -> CountColumns:
        """The entity's name, and its counts in their columns; one never mentioned is dimmed whole."""
        counts = self._counts[entity.id]
        name = plain(entity.name) if any(counts) else plain(entity.name).stylize("dim")
        return CountColumns(name, [Content.styled(cell, "dim") for cell in count_cells(counts)], self._widths)

    @on(Input.Changed, "#entity-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill_list(event.value)

    @on(Input.Submitted, "#entity-filter")
    def _filter_done(self) -> None:
        self._entity_list.focus()

    def action_filter(self) -> None:
        """Open the filter box to narrow the list."""
        self.add_class("-filtering")
        self._filter_box.focus()

    @on(Input.Blurred, "#entity-filter")
    def _filter_left(self, event: Input.Blurred) -> None:
        # An empty filter box closes, so the list has the room back.
        self.set_class(bool(event.value), "-filtering")

    def clear_filter(self) -> bool:
        """Empty the filter and go back to the list; False when there was nothing to clear."""
        if not self._filled:
            return False
        entity_filter = self._filter_box
        had_focus = entity_filter.has_focus
        if not entity_filter.value and not had_focus:
            return False
        entity_filter.value = ""
        self.remove_class("-filtering")
        self._entity_list.focus()
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
        mentions = self._mention_list
        if mentions.option_count and mentions.display:
            mentions.focus()

    def select(self, entity_id: str | None) -> None:
        """Select an entity from outside the panel (a click in the text, the palette)."""
        if entity_id == self.selected:
            return
        self.selected = entity_id
        if entity_id is None or not self._filled:
            return  # a list not filled yet highlights the selection when it is
        index = self._index_in_list(entity_id)
        if index is None:  # filtered out: show the whole list again
            self._filter_box.value = ""
            self.remove_class("-filtering")
            self._fill_list("")
            index = self._index_in_list(entity_id)
        self._entity_list.highlighted = index

    # -- the selected entity --------------------------------------------------

    def watch_selected(self, entity_id: str | None) -> None:
        self._pending_mention = None
        if self.display and self._filled:
            self._show_detail(entity_id)
        else:  # closed: nobody sees the details; opened() brings them up to date
            self._detail_stale = True

    def _show_detail(self, entity_id: str | None) -> None:
        """Show an entity's description, names and first page of mentions below the list."""
        self._detail_stale = False
        detail = self._detail
        entity = self.case.entities.get(entity_id) if entity_id else None
        detail.display = entity is not None
        mentions = self._mention_list
        if entity is None:
            self._mentions, self._mention_index, self._listed = [], {}, 0
            mentions.clear_options()
            return
        self._about_box.update(self._about(entity))
        self._mentions = self.case.mentions_of(entity.id)
        self._mention_index = {}
        self._listed = 0
        options = self._mention_options(MENTION_PAGE)
        mentions.set_options(options or [Option(Content("Not mentioned in any source."), disabled=True)])
        mentions.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)
        mentions.border_title = f"Mentions ({len(self._mentions)})"
        if self._pending_mention is not None:  # n/N moved on while the panel was closed
            self.show_mention(self._pending_mention)
            self._pending_mention = None

    def _mention_options(self, count: int) -> list[Option]:
        """Rows for the next ``count`` mentions not listed yet (with their sources' headings), and a last "more" row.

        Only a page is made at a time: an entity named thousands of times
        would otherwise cost a context line each before the panel could show.
        """
        start, stop = self._listed, min(len(self._mentions), self._listed + count)
        sources = list(self.case.sources)
        counts = self._counts.get(self._mentions[0].entity_id, []) if self._mentions else []
        current_source = self._mentions[start - 1].source_id if start else None
        options: list[Option] = []
        for index in range(start, stop):
            mention = self._mentions[index]
            if mention.source_id != current_source:
                current_source = mention.source_id
                number = sources.index(current_source) + 1
                source = self.case.sources[current_source]
                count_here = counts[number - 1] if number - 1 < len(counts) else 0
                options.append(Option(Content.assemble((f"{number} ", "bold"), plain(source.publisher),
                                                       (f" · {count_here}", "dim")), disabled=True))
            self._mention_index[mention] = index
            options.append(Option(self._context_prompt(mention), id=str(index)))
        self._listed = stop
        left = len(self._mentions) - stop
        if left:
            options.append(Option(Content.styled(f"Show {min(left, MENTION_PAGE)} more of {left} (Enter)", "italic"),
                                  id=MORE_ID))
        return options

    def _list_more(self, upto: int | None = None) -> None:
        """List the next page of mentions (or every one up to index ``upto``) in place of the "more" row."""
        mentions = self._mention_list
        if self._listed >= len(self._mentions):
            return
        count = MENTION_PAGE if upto is None else max(MENTION_PAGE, upto + 1 - self._listed)
        first_new = mentions.option_count - 1  # where the "more" row stands now
        mentions.remove_option(MORE_ID)
        mentions.add_options(self._mention_options(count))
        if upto is None:  # the cursor goes on to the first mention just listed
            options = mentions.options
            mentions.highlighted = next((i for i in range(first_new, len(options)) if not options[i].disabled), None)

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
        if event.option.id == MORE_ID:
            self._list_more()
        elif event.option.id is not None:
            self.post_message(self.MentionChosen(self._mentions[int(event.option.id)]))

    def show_mention(self, mention: Mention) -> None:
        """Move the mentions list's cursor to ``mention`` (after ``n``/``N`` moved the reader there).

        A mention past the listed ones is listed first. While the mentions
        wait for the panel to open, the cursor goes there when they are listed.
        """
        if self._detail_stale:
            self._pending_mention = mention
            return
        if not self._mentions or mention.entity_id != self._mentions[0].entity_id:
            return
        index = self._mention_index.get(mention)
        if index is None:
            try:
                index = self._mentions.index(mention)
            except ValueError:
                return
            self._list_more(upto=index)
        mentions = self._mention_list
        mentions.highlighted = mentions.get_option_index(str(index))
