"""A screen that closes once: a second dismiss, or one from under another screen, does nothing.

Keys arrive in bursts (a fast typist, a key repeat, a paste): two Enters
in a view each select a row before the view has closed, and each asks it
to close. Textual's :meth:`~textual.screen.Screen.dismiss` pops whatever
screen is on top, so the second one closed the case screen under the view,
then found no screen left to pop (``ScreenStackError``).
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import Screen

from reader.ui.inert import CleanTitles

ResultType = TypeVar("ResultType")


class DismissOnce(CleanTitles, Screen[ResultType]):
    """A screen whose :meth:`dismiss` closes it only while it is the one on top.

    Put it after a Textual screen class in the bases (``class Dialog(ModalScreen[T],
    DismissOnce[T])``): Textual takes a screen's styles from the first base only.
    """

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        """Close this screen with ``result``, unless it is already closed or another screen covers it."""
        if not self.is_active:
            # Already dismissed (by the first of two keys), or a dialog opened over it since:
            # popping now would close a screen that did not ask to close.
            return AwaitComplete.nothing()
        return super().dismiss(result)
