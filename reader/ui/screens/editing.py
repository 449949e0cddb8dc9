"""Annotating and saving, for the case screen: the annotator, an object the screen owns.

:class:`Annotator` owns the editing session (the case files as edited so
far, undo and redo), the check of the whole case after each change (in a
thread for a big case, when nothing else is edited, saved or reloaded until
it is done), saving (and what to do when a save fails), and what it has
asked about files changed on disk. What an edit asks the reader, and the
edit their answers make, is :mod:`reader.ui.screens.edit_dialogs`; the
annotator decides whether an edit may be made now and hands it to the
:class:`~reader.edit.session.EditSession`, which refuses anything ``reader
check`` would call an error. The screen then shows the edited case.

It knows the screen it works for only as :class:`Annotated`: the case
shown, whether it is a preview or redacted, the source deck (where the
selection is), the status line, and how to show an edited case and the
unsaved files. Its dialogs run as workers of that screen, so they end with it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from functools import partial, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, Protocol, TypeVar

from textual.app import App
from textual.timer import Timer
from textual.worker import Worker

from reader.edit import ops
from reader.edit.session import ChangedOnDisk, EditRefused, EditSession, SaveFailed, WouldOverwrite
from reader.edit.yamltext import EditError
from reader.model import Case, Mention
from reader.model.text_safety import clean
from reader.ui.background import crash, in_background
from reader.ui.screens.dialogs import Choose, Form, FormField, ShowProblems
from reader.ui.screens.edit_dialogs import (
    Edit,
    Make,
    ask_annotation,
    ask_entity_deletion,
    ask_entity_edit,
    ask_event_deletion,
    ask_event_edit,
    mention_removal,
)
from reader.ui.widgets.source_deck import SourceDeck
from reader.ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from reader.load.case_loader import LoadResult

Outcome = TypeVar("Outcome")
Params = ParamSpec("Params")

#: From this many characters of annotations (the case's YAML files) on, the case is checked again
#: after an edit in a thread, the screen staying live meanwhile: checking the benchmarks' medium
#: case (200,000 characters) takes 160 ms, the large one (2 million) three seconds, too long to
#: freeze the screen for.
CHECK_IN_THREAD_FROM = 100_000

#: What ``a`` says with no text selected, and ``ctrl+s`` with nothing to save.
HOW_TO_SELECT = "Select text first: v, then h/l, w/b, j/k; or drag with the mouse. Then a annotates."
NOTHING_TO_SAVE = "Nothing to save: no edits since the last save"


class Annotated(Protocol):
    """What the annotator needs of the screen it works for (the case screen)."""

    case: Case
    previewing: bool
    redacted: bool
    deck: SourceDeck
    status_line: StatusLine

    @property
    def app(self) -> App[Any]:
        """The app, for its dialogs and notifications."""

    @property
    def is_active(self) -> bool:
        """Whether the screen is the one on top (no dialog over it)."""

    def replace_case(self, case: Case) -> None:
        """Show an edited version of the case, keeping the reader's place."""

    def show_unsaved(self, unsaved: Sequence[Path]) -> None:
        """Show which case files have edits not yet saved."""

    def run_worker(self, work: Any, name: str | None = "", group: str = "default", description: str = "",
                   exit_on_error: bool = True, start: bool = True, exclusive: bool = False,
                   thread: bool = False) -> Worker[Any]:
        """Textual's: run work in a worker of the screen."""

    def set_interval(self, interval: float, callback: Any = None, *, name: str | None = None, repeat: int = 0,
                     pause: bool = False) -> Timer:
        """Textual's: call ``callback`` every ``interval`` seconds while the screen lives."""


def _dialog(group: str) -> Callable[[Callable[Params, Awaitable[Outcome]]], Callable[Params, Worker[Outcome]]]:
    """Run the decorated coroutine as an exclusive worker of the annotator's screen, as Textual's ``@work`` would."""
    def decorate(method: Callable[Params, Awaitable[Outcome]]) -> Callable[Params, Worker[Outcome]]:
        @wraps(method)
        def start(*args: Params.args, **kwargs: Params.kwargs) -> Worker[Outcome]:
            annotator = args[0]
            assert isinstance(annotator, Annotator)
            return annotator._screen.run_worker(partial(method, *args, **kwargs), name=method.__name__,
                                                group=group, exclusive=True)
        return start
    return decorate


class Annotator:
    """Turns selections into annotations, edits and deletes from the panels, undoes, saves; asks when it must."""

    def __init__(self, screen: Annotated) -> None:
        self._screen = screen
        #: The case files as edited so far (None until the whole case is shown, or when it has no folder).
        self.session: EditSession | None = None
        #: What change is being checked in a thread (None: none is); no other change starts meanwhile.
        self.checking: str | None = None
        self._checked = asyncio.Event()  # set whenever no change is being checked
        self._checked.set()
        #: Checks every two seconds whether a case file changed on disk.
        self.disk_timer: Timer | None = None
        self._keep_mine = False  # the user chose to save over files changed on disk
        self._reported_on_disk: set[Path] = set()

    @property
    def app(self) -> App[Any]:
        """The app, for the dialogs."""
        return self._screen.app

    @property
    def case(self) -> Case:
        """The case on the screen."""
        return self._screen.case

    def _show_status(self, message: str = "") -> None:
        self._screen.status_line.show(message)

    # -- the session ------------------------------------------------------------

    def open_session(self) -> None:
        """Start an editing session when the case comes from a folder on disk."""
        folder = self.case.folder
        if (folder / "case.yaml").is_file():
            from reader.load.case_loader import LoadResult
            from reader.load.problems import Problems

            self.session = EditSession.open(folder, LoadResult(folder, Problems(), self.case))
            self.disk_timer = self._screen.set_interval(2.0, self.check_disk, name="check-disk")

    @property
    def unsaved_files(self) -> list[Path]:
        """Case files with edits not yet saved."""
        return self.session.unsaved if self.session else []

    @property
    def must_ask_before_leaving(self) -> bool:
        """Whether leaving the case must wait for an edit being checked, or ask about unsaved edits."""
        return self.checking is not None or bool(self.unsaved_files)

    def hint_annotate(self) -> None:
        """Say how to select text to annotate."""
        self._show_status(HOW_TO_SELECT)

    def hint_save(self) -> None:
        """Say there is nothing to save."""
        self._show_status(NOTHING_TO_SAVE)

    def _require_session(self) -> EditSession | None:
        if self._screen.previewing:
            self._show_status("The case is still loading: annotate once its highlights show")
            return None
        if self.checking is not None:
            self._show_status(f"Still checking the case after “{self.checking}”: a moment")
            return None
        if self.session is None:
            self._show_status("This case was not opened from a case folder, so it cannot be edited")
        elif self._screen.redacted:
            self._show_status("Names are hidden (R): show them again to annotate")
            return None
        return self.session

    def edit(self, description: str, make: Make) -> None:
        """Apply an edit; show the edited case, or why the edit was refused."""
        session = self._require_session()
        if session is None:
            return

        def edited(_result: object, error: Exception | None) -> None:
            if isinstance(error, EditError):
                self._show_status(f"Cannot {description}: {error}")
            elif isinstance(error, EditRefused):
                self.app.push_screen(ShowProblems(
                    "Not done", error.problems,
                    f"“{description}” would make the case invalid; reader check would report:"))
            else:
                self._after_edit(f"{description[0].upper()}{description[1:]} · ctrl+s saves, ctrl+z undoes")

        self._change(session, description, lambda: session.apply(description, make), edited)

    def _change(self, session: EditSession, description: str, change: Callable[[], Outcome],
                done: Callable[[Outcome | None, Exception | None], object]) -> None:
        """Make a change that checks the whole case again, then hand ``done`` its outcome or refusal.

        A small case is checked at once. A big one is checked in a thread
        while the reader goes on reading; the status line says so, and
        nothing else is edited, saved or reloaded until the check is done.
        """
        def finish(outcome: Outcome | None, error: Exception | None) -> None:
            if error is not None and not isinstance(error, (EditError, EditRefused)):
                crash(self.app, error)  # a bug in the check's thread, not a refused edit
                return
            if self.checking is not None:
                self.checking = None
                self._checked.set()
                self._show_status()  # "Checking…" no longer holds, whatever done() says next
            done(outcome, error)

        if session.size < CHECK_IN_THREAD_FROM:
            try:
                outcome = change()
            except (EditError, EditRefused) as error:
                finish(None, error)
            else:
                finish(outcome, None)
            return
        self.checking = description
        self._checked.clear()
        self._show_status(f"Checking the case after “{description}”…")
        in_background(self._screen, change, finish, name="check-edit")

    def _after_edit(self, message: str) -> None:
        assert self.session is not None
        self._screen.replace_case(self.session.case)
        for view in self._screen.deck.views():
            view.action_leave_visual()
        self._show_status(message)
        self._show_unsaved()

    def _show_unsaved(self) -> None:
        self._screen.show_unsaved(self.unsaved_files)

    def _make(self, edit: Edit | None) -> None:
        if edit is not None:
            self.edit(edit.description, edit.make)

    # -- annotating a selection, editing and deleting from the panels (edit_dialogs asks) ------

    @_dialog("annotate")
    async def annotate(self) -> None:
        """Turn the selected text into an annotation: a mention, an entity, a citation, a quote…"""
        if self._require_session() is None:
            return
        deck = self._screen.deck
        view = deck.view(deck.active_source)
        span = view.selection
        if span is None:
            selected = [v for v in deck.views() if v.selection is not None]
            if not selected:
                self.hint_annotate()
                return
            view, span = selected[0], selected[0].selection
        case, source_id, text = self.case, view.source.id, " ".join(view.selected_text.split())
        try:
            citation = ops.citation_for(case, source_id, span)
        except EditError as exc:
            self._show_status(str(exc))
            return
        self._make(await ask_annotation(self.app, case, source_id, span, text, citation))

    @_dialog("annotate")
    async def edit_entity(self, entity_id: str) -> None:
        """Change an entity's name and description."""
        entity = self.case.entities.get(entity_id)
        if entity is not None and self._require_session() is not None:
            self._make(await ask_entity_edit(self.app, entity))

    @_dialog("annotate")
    async def delete_entity(self, entity_id: str) -> None:
        """Delete an entity, after asking."""
        entity = self.case.entities.get(entity_id)
        if entity is not None and self._require_session() is not None:
            self._make(await ask_entity_deletion(self.app, entity))

    def delete_mention(self, mention: Mention) -> None:
        """Remove a mention: an explicit one from the YAML; a found name by excluding that place."""
        if self._require_session() is not None:
            self._make(mention_removal(self.case, mention))

    @_dialog("annotate")
    async def edit_event(self, event_id: str) -> None:
        """Change an event's date and summary."""
        event = next((e for e in self.case.events if e.id == event_id), None)
        if event is not None and self._require_session() is not None:
            self._make(await ask_event_edit(self.app, event))

    @_dialog("annotate")
    async def delete_event(self, event_id: str) -> None:
        """Delete an event, after asking."""
        event = next((e for e in self.case.events if e.id == event_id), None)
        if event is not None and self._require_session() is not None:
            self._make(await ask_event_deletion(self.app, event))

    # -- undo, redo, save, and files changed elsewhere ------------------------------

    def undo(self) -> None:
        """Undo the last edit."""
        self._step_history("undo")

    def redo(self) -> None:
        """Redo the last undone edit."""
        self._step_history("redo")

    def _step_history(self, way: str) -> None:
        session = self._require_session()
        if session is None:
            return
        if not (session.can_undo if way == "undo" else session.can_redo):
            self._show_status(f"Nothing to {way}")
            return

        def stepped(done: str | None, error: Exception | None) -> None:
            if isinstance(error, EditRefused):
                self.app.push_screen(ShowProblems(f"Cannot {way}", error.problems,
                                                  f"To {way} would make the case invalid:"))
            elif done is not None:
                self._after_edit(f"Undone: {done} · ctrl+y redoes" if way == "undo" else f"Redone: {done}")

        self._change(session, way, session.undo if way == "undo" else session.redo, stepped)

    @_dialog("save")
    async def save(self) -> bool:
        """Save every edited file (atomically); ask first if one changed on disk.

        A save that fails loses nothing: the reader says which file and why,
        keeps the edits, and offers to try again or to save to another folder.
        Returns whether the edits are now safe on disk (in the case folder, or
        copied to the other folder).
        """
        session = self._require_session()
        if session is None:
            return False
        if not session.unsaved:
            self.hint_save()
            return True
        overwrite = self._keep_mine  # the case folder's files, changed on disk: the user keeps theirs
        elsewhere: Path | None = None  # where to save instead of the case folder, once the user says
        replace = False  # files already in that folder: the user said to replace them
        while True:
            try:
                written = (session.save(overwrite=overwrite) if elsewhere is None
                           else session.save_to(elsewhere, overwrite=replace))
            except ChangedOnDisk as conflict:
                self._reported_on_disk |= set(conflict.paths)  # asked here; the timer need not ask again
                names = clean(", ".join(path.name for path in conflict.paths))
                answer = await self.app.push_screen_wait(Choose(f"{names} changed on disk", [
                    ("mine", "Keep mine: save my version over it"),
                    ("theirs", "Reload: take the version on disk and drop my edits"),
                    ("cancel", "Cancel: do not save now")],
                    detail=f"{names} changed since the reader read it, perhaps in an editor."))
                if answer == "mine":
                    overwrite = True
                    continue
                if answer == "theirs":
                    self._reload_from_disk()
                return False
            except WouldOverwrite as clash:
                names = clean(", ".join(path.name for path in clash.paths))
                answer = await self.app.push_screen_wait(Choose(f"Replace {names}?", [
                    ("replace", f"Replace: write over the {names} already in that folder"),
                    ("cancel", "Cancel: write nothing there")],
                    detail=f"{clean(str(elsewhere))} already holds {names}."))
                if answer != "replace":
                    return self._not_saved(session)
                replace = True
                continue
            except SaveFailed as failure:
                self._show_unsaved()  # the files written before it are saved
                answer = await self._ask_after_failed_save(session, failure)
                if answer == "retry":
                    continue
                if answer != "elsewhere":
                    return self._not_saved(session)
                elsewhere = await self._ask_for_another_folder(session)
                if elsewhere is None:
                    return self._not_saved(session)
                replace = False
                continue
            break
        names = ", ".join(path.name for path in written)
        if elsewhere is not None:
            # The case folder still holds the old files: they stay unsaved, and quitting still asks.
            self._show_status(f"Saved {names} to {elsewhere}; the case folder still has the old version")
            self.app.notify(clean(f"Saved {names} to {elsewhere}. The case folder still has the old version."),
                        title="Saved elsewhere", markup=False)
            return True
        self._keep_mine = False
        self._reported_on_disk.clear()
        self._show_unsaved()
        self._show_status(f"Saved {names}")
        return True

    async def _ask_after_failed_save(self, session: EditSession, failure: SaveFailed) -> str | None:
        """Say which file could not be saved and why; ask what to do: retry, save elsewhere, or cancel."""
        name = clean(failure.path.name)
        unsaved = clean(", ".join(path.name for path in session.unsaved))
        message = f"Could not save {clean(str(failure.path))}: {failure.reason}"
        self._show_status(f"{message} · your edits are kept")
        self.app.notify(message, title="Not saved", severity="error", timeout=10, markup=False)
        return await self.app.push_screen_wait(Choose(f"Could not save {name}", [
            ("retry", "Retry: save again (once there is room, or the folder may be written to)"),
            ("elsewhere", "Save to another folder…"),
            ("cancel", "Cancel: keep the edits here, unsaved")],
            detail=f"{message}. Nothing was lost: your edits to {unsaved} are kept, "
                   "and the file on disk is as it was."))

    async def _ask_for_another_folder(self, session: EditSession) -> Path | None:
        """Ask which folder to save the edited files to; None when cancelled."""
        suggested = session.folder.with_name(f"{session.folder.name}-saved")
        names = clean(", ".join(path.name for path in session.unsaved))
        values = await self.app.push_screen_wait(Form("Save to another folder", [
            FormField("folder", "Folder (made if missing)", clean(str(suggested)))],
            detail=f"Write {names} there; the case folder is left as it is. "
                   "A file already there is replaced only if you say so."))
        if not values:
            return None
        return Path(values["folder"]).expanduser().absolute()

    def _not_saved(self, session: EditSession) -> bool:
        names = ", ".join(path.name for path in session.unsaved)
        self._show_status(f"Not saved: your edits to {names} are kept · ctrl+s tries again")
        return False

    def check_disk(self) -> None:
        """Ask about any case file changed on disk since it was read or saved (the disk timer calls this)."""
        # Not while a dialog is open (a save asking about the same files, say), nor
        # while an edit is checked: the next tick asks instead.
        if self.session is None or not self._screen.is_active or self.checking is not None:
            return
        changed = set(self.session.changed_on_disk()) - self._reported_on_disk
        if changed:
            self._reported_on_disk |= changed
            self._ask_about_disk(sorted(changed))

    @_dialog("disk")
    async def _ask_about_disk(self, paths: list[Path]) -> None:
        names = ", ".join(path.name for path in paths)
        unsaved = self.session is not None and bool(self.session.unsaved)
        choices = [("theirs", "Reload it" + (": my unsaved edits are dropped" if unsaved else "")),
                   ("mine", "Keep reading this version" + (" (saving will overwrite it)" if unsaved else ""))]
        answer = await self.app.push_screen_wait(Choose(f"{names} changed on disk", choices,
                                                        detail=f"{names} changed since the reader read it."))
        if answer == "theirs":
            self._reload_from_disk()
        elif unsaved:
            self._keep_mine = True

    def _reload_from_disk(self) -> None:
        session = self.session
        assert session is not None
        self._reported_on_disk.clear()
        self._keep_mine = False

        def reloaded(result: LoadResult | None, _error: Exception | None) -> None:
            assert result is not None, "a reload reports bad files in its result, never by raising"
            if result.case is None:
                self.app.push_screen(ShowProblems(
                    "The case on disk has problems", result.problems.errors,
                    "The files on disk no longer load; fix them and open the case again:"))
                return
            self._screen.replace_case(result.case)
            self._show_unsaved()
            self._show_status("Reloaded from disk")

        self._change(session, "reloading from disk", session.reload, reloaded)

    @_dialog("quit")
    async def confirm_leave(self, leave: Callable[[], object], *, verb: str = "quit") -> None:
        """Leave the case with ``leave()`` (quit, or go back to the watchlist), asking first about unsaved edits.

        An edit still being checked is waited for first: it becomes an unsaved edit to ask about.
        """
        if self.checking is not None:
            self._show_status(f"Checking the case after “{self.checking}” before you {verb}…")
            await self._checked.wait()
        if self.unsaved_files:
            names = ", ".join(path.name for path in self.unsaved_files)
            answer = await self.app.push_screen_wait(Choose("Unsaved edits", [
                ("save", f"Save, then {verb}"), ("discard", f"{verb.capitalize()} without saving"),
                ("cancel", "Keep reading")],
                detail=f"Edits to {names} are not saved."))
            if answer == "cancel" or answer is None:
                return
            if answer == "save":
                worker = self.save()
                if not await worker.wait():  # not saved, and the reader said why: keep reading
                    return
        leave()
