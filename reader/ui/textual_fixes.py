"""Two guards around Textual 8.2 code that raises on sizes a terminal can really have.

A storm of keys and resizes (``tests/ui/test_storm.py``) found them; both are
in Textual's own widgets, so the reader cannot avoid them by using the
widgets differently:

- Text wrapped to no width at all (a list squeezed to its padding in a 1×1
  terminal, or in the command palette of a narrow one) asked Rich to cut it
  into pieces of zero cells (``ValueError: range() arg 3 must not be zero``).
  Wrapped to one cell instead, it is as tall as it can be; nothing of it
  shows anyway.
- PageUp or PageDown in an option list with no room on screen (the palette's
  list in a terminal a few rows high, a list scrolled out of sight) looked
  the highlighted option up in a table of lines that is only filled once
  the list has room (``KeyError``). With no lines, there is no page to move
  by: the keys do nothing.

Each guard wraps Textual's method and only changes what it is given or
whether it runs, so the rest of Textual's behaviour is its own.
:func:`install` is called once, when the app module is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from textual.content import Content
from textual.widgets import OptionList

_INSTALLED = "_reader_guarded"


def _at_least_one_cell(wrap: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(wrap)
    def guarded(self: Content, width: int, *args: Any, **kwargs: Any) -> Any:
        return wrap(self, max(width, 1), *args, **kwargs)

    setattr(guarded, _INSTALLED, True)
    return guarded


def _only_with_lines(move_page: Callable[[OptionList, int], None]) -> Callable[[OptionList, int], None]:
    @wraps(move_page)
    def guarded(self: OptionList, direction: int) -> None:
        if self._lines:  # laid out: it has a line for each option
            move_page(self, direction)

    setattr(guarded, _INSTALLED, True)
    return guarded


def install() -> None:
    """Put the guards in place (once; calling again changes nothing)."""
    if not getattr(Content._wrap_and_format, _INSTALLED, False):
        Content._wrap_and_format = _at_least_one_cell(Content._wrap_and_format)  # type: ignore[method-assign]
    if not getattr(OptionList._move_page, _INSTALLED, False):
        OptionList._move_page = _only_with_lines(OptionList._move_page)  # type: ignore[method-assign]
