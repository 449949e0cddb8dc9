"""What the cross-source views share: their frame, their keys, and how they hand the reader back.

Each view (coverage, differences, voices, timeline) is a screen pushed over
the case screen. It never touches the sources itself: when the reader picks
something, the view closes with a :data:`ViewResult` saying what to show
(passages to mark, an event, or another view to open) and the case screen,
which owns the reading state, does it. Esc closes a view; ``o``, ``d``,
``w`` and ``t`` go straight to another view, and a view's own key closes it
(the keys come from :data:`reader.ui.view_table.VIEWS`).

A view opens narrowed to the person the case screen is narrowed to (see
:mod:`reader.ui.people`). In a case of several people, ``p`` narrows the
views that can be narrowed (``NARROWS``) to the next person, and tells the
case screen through the ``narrow`` it was handed, so the reader finds the
same person narrowed to when the view closes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import Footer, Static

from reader.model import Case, Citation, Event, Source
from reader.model.source_labels import SourceLabel, source_labels
from reader.paths import styles_dir
from reader.ui.commands import VIEW_COMMANDS
from reader.ui.inert import plain
from reader.ui.people import can_narrow, narrowed_to, next_person, who
from reader.ui.screens.once import DismissOnce
from reader.ui.view_table import open_bindings
from reader.ui.widgets.footer import KeysFooter
from reader.ui.widgets.header import ReaderHeader
from reader.ui.widgets.wrap import clean


@dataclass(frozen=True)
class Reveal:
    """Close the view and show these passages in their sources, marked."""

    citations: tuple[Citation, ...]
    message: str = ""


@dataclass(frozen=True)
class ShowEvent:
    """Close the view and show where the sources report an event."""

    event: Event


@dataclass(frozen=True)
class OpenView:
    """Close the view and open another one.

    ``source_id``: the voices view's "only in" filter; ``difference_id``:
    the difference the differences view opens at.
    """

    name: str
    source_id: str | None = None
    difference_id: str | None = None


ViewResult = Reveal | ShowEvent | OpenView


_labels: tuple[Mapping[str, Source], dict[str, SourceLabel]] | None = None


def source_label(case: Case, source_id: str) -> str:
    """``N name``: a source as the tabs name it and the ``1``-``9`` keys number it ("3 HKFP 21 Sep 2016")."""
    global _labels
    if _labels is None or _labels[0] is not case.sources:  # the labels of the case last asked about, kept
        _labels = (case.sources, source_labels(case.sources))
    label = _labels[1].get(source_id)
    return clean(label.numbered if label is not None else f"? {source_id}")


def quoted(citation: Citation) -> Content:
    """A cited passage in curly quotes, as inert text on one line."""
    return Content.assemble("“", plain(citation.quote), "”")


def passages_line(case: Case, citations: Iterable[Citation]) -> Content:
    """Each passage quoted, after the number of its source: ``1 “…” · 2 “…”``."""
    parts = []
    for citation in citations:
        number = list(case.sources).index(citation.source_id) + 1 if citation.source_id in case.sources else "?"
        parts.append(Content.assemble((f"{number} ", "bold"), quoted(citation)))
    return Content(" · ").join(parts)


class CrossView(DismissOnce[ViewResult | None]):
    """A cross-source view: a title, a main widget, a detail line for what the cursor is on, and the footer."""

    COMMANDS = VIEW_COMMANDS
    CSS_PATH = str(styles_dir() / "views.tcss")  # read when the first view opens, not at start-up

    #: The view's name in :data:`reader.ui.view_table.VIEWS`.
    NAME: ClassVar[str] = ""
    #: Whether the view shows less when narrowed to one person (``p``).
    NARROWS: ClassVar[bool] = False

    #: Below 30 rows a view drops the lines that only explain (the key to the marks).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Close the view and go back to the sources", id="close-view"),
        *open_bindings(show=True),
        Binding("p", "next_person", "Person", tooltip="Narrow to the next person of the case, then everyone",
                id="view-next-person"),
    ]

    def __init__(self, case: Case, *, today: dt.date | None = None, person: str | None = None,
                 narrow: Callable[[str | None], object] | None = None) -> None:
        """Show ``case``, narrowed to ``person``; ``narrow(person_id)`` is called when ``p`` narrows the view."""
        super().__init__(classes="cross-view")
        self.case = case
        self.today = today
        #: The person the view is narrowed to (None: everyone).
        self.person = narrowed_to(case, person)
        self._narrow = narrow

    def compose(self) -> ComposeResult:
        yield ReaderHeader()
        with Vertical(id="view-frame"):
            yield from self.compose_view()
        yield Static(id="view-detail", markup=False)
        yield KeysFooter(compact=True, drop_first=("quit", "view-next-person"))

    def compose_view(self) -> ComposeResult:
        """The view's own widgets, inside the bordered frame."""
        yield from ()

    def on_mount(self) -> None:
        frame = self.query_one("#view-frame")
        frame.border_title = Content(clean(self._titled()))
        frame.border_subtitle = Content(clean(self.frame_hint()))
        self._show_person()

    def _titled(self) -> str:
        narrowed = f" · {who(self.case, self.person)}" if self.person is not None else ""
        return self.frame_title() + narrowed

    def _show_person(self) -> None:
        """Say in the header whom the view is narrowed to (nothing when it is everyone)."""
        self.sub_title = f"{self.case.id} · {who(self.case, self.person)}" if self.person is not None else None

    # -- narrowing to one person ----------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_person":
            return self.NARROWS and can_narrow(self.case)
        return True

    def action_next_person(self) -> None:
        """Narrow to the next person of the case (after the last, everyone)."""
        self.narrow_to(next_person(self.case, self.person))

    def narrow_to(self, person_id: str | None) -> None:
        """Narrow the view to one person (None: everyone), and the case screen with it."""
        person_id = narrowed_to(self.case, person_id)
        if person_id == self.person:
            return
        self.person = person_id
        if self._narrow is not None:
            self._narrow(person_id)
        self.narrowed()
        self.query_one("#view-frame").border_title = Content(clean(self._titled()))
        self._show_person()

    def narrowed(self) -> None:
        """Show what the view shows of the person narrowed to (a view that ``NARROWS`` says how)."""

    def on_resize(self, event: Resize) -> None:
        # Below 80 columns the footer has no room for the palette's key (as on the case screen); ? lists it.
        self.query_one(Footer).show_command_palette = event.size.width >= 80

    def frame_title(self) -> str:
        """The frame's title: the view's name and what it counts."""
        return self.NAME.title()

    def frame_hint(self) -> str:
        """The frame's subtitle: what Enter does here."""
        return "Enter: show in the sources · Esc: back"

    def show_detail(self, content: Content | str) -> None:
        """Show what the cursor is on, in full, under the frame."""
        self.query_one("#view-detail", Static).update(content if isinstance(content, Content) else plain(content))

    # -- leaving the view -----------------------------------------------------

    def action_close(self) -> None:
        """Close the view; the sources are as they were."""
        self.dismiss(None)

    def action_open_view(self, name: str, source_id: str | None = None, difference_id: str | None = None) -> None:
        """Open another view in place of this one (this view's own key closes it)."""
        same = name == self.NAME and source_id is None and difference_id is None
        self.dismiss(None if same else OpenView(name, source_id, difference_id))

    def reveal(self, citations: Sequence[Citation], message: str = "") -> None:
        """Close the view and show ``citations`` in their sources, marked."""
        self.dismiss(Reveal(tuple(citations), clean(message)))

    def show_event(self, event: Event) -> None:
        """Close the view and show where the sources report ``event``."""
        self.dismiss(ShowEvent(event))
