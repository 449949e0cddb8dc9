"""The gate between the app and the terminal: everything the reader shows is inert text.

Case files and sources are written by others, and some of what they hold is
shown in places the app does not draw itself: the window's title (the
Header), notifications (toasts), the clipboard, dialog titles. A control
character there reaches the terminal as a command: an OSC 52 sequence writes
the user's clipboard, OSC 0 retitles the window, a CSI moves the cursor.

So there is one function, :func:`reader.model.text_safety.clean`, and it is
applied where text leaves the app, not where each piece of text is made:

- :class:`~reader.ui.app.ReaderApp` cleans its title and sub-title as they
  are set (``validate_title``), every notification (``notify``) and every
  text copied (``copy_to_clipboard``);
- :class:`CleanTitles`, which every screen of the reader derives from, does
  the same for a screen's own title and sub-title;
- :class:`InertLines`, a line filter the app applies to every line every
  widget draws, is the last check: it makes any control character left in a
  line visible and drops any hyperlink (the reader makes none; one can only
  come from case text taken as markup). It counts what it had to fix, so a
  test can insist that each place cleaned its text itself, which keeps the
  layout right: a control takes no cell, its placeholder takes one.

Nothing here decides what text says; it only keeps it from acting.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter

from reader.model.text_safety import clean, has_unsafe


def plain(text: str) -> Content:
    """Text from the case as inert content for a widget: never markup, no control characters, one line."""
    return Content(clean(" ".join(text.split())))


class CleanTitles:
    """Mixed into every screen: its title and sub-title are cleaned as they are set, so the Header shows them inert."""

    def validate_title(self, title: object) -> str | None:
        """Textual calls this whenever ``title`` is set."""
        return None if title is None else clean(str(title))

    def validate_sub_title(self, sub_title: object) -> str | None:
        """Textual calls this whenever ``sub_title`` is set."""
        return None if sub_title is None else clean(str(sub_title))


class InertLines(LineFilter):
    """A line filter: every control character in a drawn line becomes its placeholder; hyperlinks are dropped.

    Textual applies it to each line of each widget as it is drawn, and keeps
    the result with the line, so an unchanged line is checked once. A line
    that needed no change is returned as it was.
    """

    def __init__(self) -> None:
        super().__init__()
        #: How many segments needed a fix: 0 as long as every place cleans its own text.
        self.caught = 0

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """``segments`` with any control character made visible and any link removed; the same cell length."""
        fixed: list[Segment] | None = None
        for index, segment in enumerate(segments):
            text, style, control = segment
            if control is not None:  # Textual's own cursor moves: not text
                continue
            unsafe = has_unsafe(text)
            linked = style is not None and style.link is not None
            if not (unsafe or linked):
                continue
            self.caught += 1
            if fixed is None:
                fixed = list(segments)
            fixed[index] = Segment(clean(text) if unsafe else text, style.update_link(None) if linked else style)
        if fixed is None:
            return segments
        # A control took no cell and its placeholder takes one: keep the line as long as it was laid out.
        return Segment.adjust_line_length(fixed, Segment.get_line_length(segments))
