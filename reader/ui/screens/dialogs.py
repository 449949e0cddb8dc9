"""Small modal dialogs: pick one of many, fill in a short form, choose what to do, read problems.

Each dialog returns its answer through :meth:`ModalScreen.dismiss` (None when
cancelled with Esc), so a screen can ``await push_screen_wait(...)`` it from
a worker. Everything shown from the case is inert :class:`Content`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from reader.load.problems import Problem
from reader.model.anchor import fold
from reader.model.text_safety import clean
from reader.paths import styles_dir
from reader.report import format_problem, shown_problems
from reader.ui.inert import plain
from reader.ui.list_keys import KeyedOptionList
from reader.ui.screens.once import DismissOnce

T = TypeVar("T")


class _Dialog(ModalScreen[T | None], DismissOnce[T | None], Generic[T]):
    """A modal with a title; Esc cancels."""

    CSS_PATH = str(styles_dir() / "dialogs.tcss")  # read when the first dialog opens, not at start-up
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-dialog")]

    def __init__(self, title: str) -> None:
        super().__init__(classes="dialog")
        self.dialog_title = title

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


class Pick(_Dialog[str]):
    """Pick one of many (an entity, an event): type to narrow the list, Enter to take the highlighted one."""

    #: Whether the list has a box to type in and narrow it.
    FILTERED = True

    def __init__(self, title: str, items: Sequence[tuple[str, str]], *, detail: str = "") -> None:
        super().__init__(title)
        self.items = items
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = plain(self.dialog_title)
            if self.detail:
                yield Static(plain(self.detail), classes="dialog-detail", markup=False)
            if self.FILTERED:
                yield Input(placeholder="Type to narrow the list", classes="dialog-filter", compact=True)
            yield KeyedOptionList(classes="dialog-options", markup=False)

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        needle = fold(query).casefold().strip()
        options = [Option(plain(label), id=item_id) for item_id, label in self.items
                   if not needle or needle in fold(label).casefold()]
        option_list = self.query_one(OptionList)
        option_list.set_options(options or [Option(Content("Nothing matches."), disabled=True)])
        option_list.highlighted = 0 if options else None

    @on(Input.Changed)
    def _narrow(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _take_highlighted(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(option.id)

    def on_key(self, event) -> None:
        # Up and down move through the list while typing in the filter.
        if event.key in ("up", "down") and isinstance(self.focused, Input):
            option_list = self.query_one(OptionList)
            option_list.action_cursor_down() if event.key == "down" else option_list.action_cursor_up()
            event.stop()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)


class Choose(Pick):
    """A short list of things to do, with no box to type in: returns the id of the one chosen."""

    FILTERED = False


@dataclass
class FormField:
    """One field of a :class:`Form`: free text, or one of ``choices``."""

    name: str
    label: str
    value: str = ""
    choices: Sequence[str] = field(default_factory=tuple)
    required: bool = True
    placeholder: str = ""


class Form(_Dialog[dict[str, str]]):
    """A few fields and Save: returns ``{name: value}``; refuses to save with a required field empty."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel-dialog"),
        Binding("ctrl+s", "save", "Save", id="save-dialog"),
    ]

    def __init__(self, title: str, fields: Sequence[FormField], *, detail: str = "") -> None:
        super().__init__(title)
        self.fields = fields
        self.detail = detail

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box", can_focus=False) as box:
            box.border_title = plain(self.dialog_title)
            if self.detail:
                yield Static(plain(self.detail), classes="dialog-detail", markup=False)
            for spec in self.fields:
                yield Label(Content(spec.label + ("" if spec.required else " (optional)")))
                if spec.choices:
                    yield Select([(Content(choice), choice) for choice in spec.choices], id=f"field-{spec.name}",
                                 value=spec.value if spec.value in spec.choices else spec.choices[0],
                                 allow_blank=False, compact=True)
                else:
                    # Shown cleaned (an Input draws what it holds); values() gives the original back if unchanged.
                    yield Input(value=clean(spec.value), placeholder=spec.placeholder, id=f"field-{spec.name}",
                                compact=True)
            yield Static(id="form-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="form-save", compact=True)
                yield Button("Cancel (Esc)", id="form-cancel", compact=True)

    def on_mount(self) -> None:
        # The first field has the keyboard, so Tab goes field by field from the top.
        self.query_one(f"#field-{self.fields[0].name}").focus()

    def values(self) -> dict[str, str]:
        """The fields' current values, stripped; a field left as it was filled in gives its value exactly.

        A text taken from a source may hold control characters, which the field
        shows as placeholders: unless the user changed it, the annotation gets
        the text itself, so it still matches the source.
        """
        values = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            value = str(widget.value) if isinstance(widget, (Input, Select)) else ""
            if isinstance(widget, Input) and value == clean(spec.value):
                value = spec.value
            values[spec.name] = " ".join(value.split())
        return values

    def action_save(self) -> None:
        """Return the values, unless a required field is empty."""
        values = self.values()
        missing = [spec.label for spec in self.fields if spec.required and not values[spec.name]]
        if missing:
            self.query_one("#form-error", Static).update(Content(f"Fill in: {', '.join(missing)}"))
            return
        self.dismiss(values)

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        if event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)


class ShowProblems(_Dialog[None]):
    """Why an edit was refused: the problems, as ``reader check`` words them."""

    BINDINGS = [
        Binding("escape,enter,q", "cancel", "Close", id="close-problems"),
    ]

    def __init__(self, title: str, problems: Sequence[Problem], intro: str) -> None:
        super().__init__(title)
        self.problems = problems
        self.intro = intro

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box", can_focus=False) as box:
            box.border_title = plain(self.dialog_title)
            yield Static(plain(self.intro), classes="dialog-detail", markup=False)
            shown, rest = shown_problems(self.problems)
            for problem in shown:
                yield Static(format_problem(problem), classes="problem", markup=False)
            if rest is not None:
                yield Static(Content(rest), classes="problem", markup=False)
            yield Button("Close", id="problems-close", compact=True)

    @on(Button.Pressed, "#problems-close")
    def _close(self) -> None:
        self.dismiss(None)
