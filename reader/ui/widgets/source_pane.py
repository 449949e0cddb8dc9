"""One source in a bordered pane: who published it and when, and how far you have read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import DescendantBlur, DescendantFocus

from reader.model import Case, Source
from reader.ui.widgets.source_view import SourceView
from reader.ui.widgets.wrap import clean


def source_heading(source: Source) -> str:
    """``publisher · date · author`` for a pane title."""
    parts = [source.publisher, source.date.display()]
    if source.author:
        parts.append(source.author)
    return " · ".join(parts)


class SourcePane(Vertical):
    """Frames a :class:`SourceView`; the title names the source, the subtitle the reading position."""

    def __init__(self, case: Case, source: Source) -> None:
        super().__init__(id=f"source-{source.id}", classes="source-pane")
        self.case = case
        self.source = source
        # Content is never parsed as markup, so a publisher called "[b]" stays
        # "[b]"; clean() keeps control characters in the metadata off the terminal.
        self.border_title = Content(clean(source_heading(source)))
        self.border_subtitle = Content(clean(source.kind))
        # Made here, not in compose, so the screen can hand it state (a mark,
        # matches) the moment the pane exists, before it is mounted.
        self._view = SourceView(case, source)
        self._focus_on_mount = False

    def set_source(self, source: Source) -> None:
        """Show another version of the source's metadata (a redacted one)."""
        self.source = source
        self.border_title = Content(clean(source_heading(source)))

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
