"""One source in a bordered pane: who published it and when, and how far you have read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import DescendantBlur, DescendantFocus

from reader.model import Case, Source
from reader.model.source_labels import SourceLabel
from reader.ui.widgets.source_view import SourceView
from reader.ui.widgets.wrap import clean


def pane_title(label: SourceLabel, width: int | None) -> Content:
    """The pane's title: the longest heading of ``label`` that fits ``width`` cells, its date always shown.

    The heading gives way from the end: the author goes, then the
    publisher's full name gives way to its short one; the date stays, in
    italics when it was worked out rather than printed.
    """
    headings = label.headings()
    chosen = headings[-1]
    if width is None:
        chosen = headings[0]
    else:
        chosen = next((parts for parts in headings if len(" · ".join(parts)) <= width), chosen)
    pieces: list[str | tuple[str, str] | Content] = []
    for index, part in enumerate(chosen):
        if index:
            pieces.append(" · ")
        pieces.append((clean(part), "italic") if index == 1 and label.date_inferred else clean(part))
    return Content.assemble(*pieces)


class SourcePane(Vertical):
    """Frames a :class:`SourceView`; the title names the source, the subtitle the reading position."""

    def __init__(self, case: Case, source: Source, label: SourceLabel) -> None:
        super().__init__(id=f"source-{source.id}", classes="source-pane")
        self.case = case
        self.source = source
        self.label = label
        # Content is never parsed as markup, so a publisher called "[b]" stays
        # "[b]"; clean() keeps control characters in the metadata off the terminal.
        self._title = self.border_title = pane_title(label, None)
        self.border_subtitle = Content(clean(source.kind))
        # Made here, not in compose, so the screen can hand it state (a mark,
        # matches) the moment the pane exists, before it is mounted.
        self._view = SourceView(case, source)
        self._focus_on_mount = False

    def set_source(self, source: Source, label: SourceLabel) -> None:
        """Show another version of the source's metadata (a redacted one)."""
        self.source = source
        self.label = label
        self._fit_title()

    def _fit_title(self) -> None:
        # The border's corners and the spaces around the title take six cells.
        title = pane_title(self.label, self.size.width - 6 if self.size.width else None)
        shown = self._title
        # A new title lays the pane out again, even the same one.
        if (title.plain, title.spans) != (shown.plain, shown.spans):
            self._title = self.border_title = title

    def on_resize(self) -> None:
        self._fit_title()

    @property
    def view(self) -> SourceView:
        """The pane's source view."""
        return self._view

    def compose(self) -> ComposeResult:
        yield self._view

    def focus_view(self) -> None:
        """Focus the view: now when mounted, else as soon as it is (a pane made on demand mounts a moment later)."""
        if self._view.is_mounted:
            self._view.focus(scroll_visible=False)
        else:
            self._focus_on_mount = True

    def on_mount(self) -> None:
        # Children are mounted before their parent's Mount, so the view can take focus now.
        if self._focus_on_mount:
            self._focus_on_mount = False
            self._view.focus(scroll_visible=False)

    # The border says where the keyboard is. A class rather than CSS's :focus-within, which
    # makes Textual restyle the pane and all it holds at every change of focus (the source
    # view's many component classes included) when only the border changes.
    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self._show_focus(True)

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        self._show_focus(False)

    def _show_focus(self, focused: bool) -> None:
        if self.has_class("-focused") != focused:
            self.set_class(focused, "-focused", update=False)
            self.app.stylesheet.update_nodes([self], animate=True)

    def on_source_view_progressed(self, message: SourceView.Progressed) -> None:
        message.stop()
        self.border_subtitle = Content(f"{clean(self.source.kind)} · {message.percent}%")
