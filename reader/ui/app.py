"""The reader app: a thin shell that opens a case on the right screen.

:meth:`ReaderApp.open_case` is the one way a case is opened, from the
command line or the watchlist of a folder of cases (which hands the app the
folder chosen, and the person to narrow the case to).
A big case (see :data:`PREVIEW_FROM_BYTES`) takes seconds to read and check,
so it opens on a preview (its sources, and the first one's text, from
``case.yaml`` alone) while it is loaded whole in the background; the case
screen then takes the whole case in, keeping the reader's place. Whatever
is read while the app runs is read with :func:`~reader.ui.background.in_background`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from reader.load.case_loader import LoadResult, case_size, load_case, preview_case
from reader.load.catalog import CaseEntry, cases_in
from reader.model import Case
from reader.model.text_safety import clean
from reader.paths import default_case, styles_dir
from reader.settings import Settings, SettingsStore
from reader.ui.background import crash, in_background
from reader.ui.inert import InertLines
from reader.ui.palette import ReaderPalette
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.problems import ProblemsScreen
from reader.ui.textual_fixes import install as install_textual_fixes
from reader.ui.themes import READER_DARK, READER_THEMES, REPLACES, highlight_variables

install_textual_fixes()

#: A case whose annotation files hold more bytes than this opens on a preview while it loads
#: (about a second of reading and checking; the bundled case holds 55 kB).
PREVIEW_FROM_BYTES = 1_000_000


class ReaderApp(App[int]):
    """Reads one case. Shows the problems instead when the case does not load."""

    CSS_PATH = str(styles_dir() / "reader.tcss")
    TITLE = "reader"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "toggle_help", "Help", key_display="?", id="help",
                tooltip="Show every key that works here"),
    ]

    def __init__(self, path: str | Path | None = None, *, result: LoadResult | None = None,
                 settings: SettingsStore | None = None, today: dt.date | None = None) -> None:
        """Open the case at ``path`` (the bundled case by default), or an already loaded ``result``.

        ``settings`` is where the theme and highlight choices are remembered
        (the user's config directory by default); ``today`` is the date the
        status's age is counted to (the real today by default; tests fix it).
        """
        super().__init__()
        #: The last check on every line drawn (see :mod:`reader.ui.inert`).
        self.inert_lines = InertLines()
        #: Set once the app starts to close: input still queued is dropped.
        self._exiting = False
        folder = Path(path) if path is not None else default_case()
        #: The cases of the watchlist, when ``path`` is a folder of cases rather than a case
        #: (told apart as ``reader check|status`` tell them: :func:`~reader.load.catalog.cases_in`).
        self.cases: list[CaseEntry] = (cases_in(folder) or []) if result is None else []
        #: What a big case shows while it is loaded whole (None once loaded, or for a small case).
        self.preview: Case | None = None
        #: Set once the whole case is loaded (at once for a small case): ``await app.case_loaded.wait()``.
        self.case_loaded = asyncio.Event()
        self.case_loaded.set()
        #: The folder of the case being opened, until it is loaded whole.
        self._opening: Path | None = None
        #: The person the case being opened is narrowed to (chosen on the watchlist), until it is shown.
        self._person: str | None = None
        self.folder = folder
        self.today = today
        self.result: LoadResult | None = result
        self.settings_store = settings if settings is not None else SettingsStore()
        self.settings, self._settings_warning = self.settings_store.load()
        for theme in READER_THEMES.values():
            self.register_theme(theme)
        saved = REPLACES.get(self.settings.theme or "", self.settings.theme)
        self._start_on_theme(saved if saved in self.available_themes else READER_DARK.name)
        if result is None and not self.cases:
            self.open_case(folder)

    def get_default_screen(self) -> Screen[object]:
        """The first screen: the case, its problems, or the watchlist of a folder of cases.

        It is the app's base screen rather than one pushed over Textual's blank
        default: a screen pushed while the app is still mounting is laid out
        and painted once for a frame Textual then drops, which cost the first
        frame a whole extra paint.
        """
        if self.preview is not None:
            return self._preview_screen(self.preview)
        if self.result is None:
            # Imported here: a case opened on its own (the common start) never pays for the watchlist's
            # table, its model and DataTable (about 6 ms of the first paint, measured with -X importtime).
            from reader.ui.screens.watchlist import WatchlistScreen

            return WatchlistScreen(self.folder, self.cases, open_case=self.open_case, today=self.today)
        return self._result_screen(self.result)

    def on_mount(self) -> None:
        if self._opening is not None:
            self._load_whole_case(self._opening)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        # The first screen's widgets live as long as the case does: like the case
        # (see the loader), keep them out of the garbage collector's full passes.
        self.call_after_refresh(gc.freeze)
        if self._settings_warning:
            self.notify(self._settings_warning, title="Settings", severity="warning", timeout=10, markup=False)

    # -- opening a case ---------------------------------------------------------

    def open_case(self, folder: Path, *, person: str | None = None) -> None:
        """Open the case in ``folder``: the one way a case is opened (the command line, the watchlist).

        A big case shows its preview at once and is loaded whole in the
        background. A small one is loaded at once while the app is starting
        (nothing is on screen yet, and its first frame shows the whole case),
        and in the background once the app runs (the watchlist stays live
        meanwhile). Loaded, the case is shown, narrowed to ``person`` when
        given (and one of the case's several people), or its problems when
        it has errors.
        """
        self.result = None
        self._person = person
        self.preview = preview_case(folder) if case_size(folder) > PREVIEW_FROM_BYTES else None
        if self.preview is None and not self.is_running:
            self.result = load_case(folder)
            return  # the first screen shows it (see get_default_screen)
        self.case_loaded.clear()
        self._opening = folder
        if not self.is_running:
            return  # the first screen shows the preview; on_mount starts the load
        if self.preview is not None:
            self.push_screen(self._preview_screen(self.preview))
        self._load_whole_case(folder)

    def _load_whole_case(self, folder: Path) -> None:
        """Read and check the whole case in the background (a newer case chosen meanwhile replaces it)."""
        in_background(self, lambda: load_case(folder), self._whole_case_loaded, name="load-case",
                      group="open-case", exclusive=True)

    def _whole_case_loaded(self, result: LoadResult | None, error: Exception | None) -> None:
        """The whole case is read: show it (in place of its preview), or show why it cannot be read."""
        if error is not None:  # a bug, not bad input (the loader reports that)
            crash(self, error)
            return
        assert result is not None, "the loader returns a result whenever it does not raise"
        preview = next((screen for screen in self.screen_stack
                        if isinstance(screen, CaseScreen) and screen.previewing), None)
        self.preview = None
        self._opening = None
        self.result = result
        self.case_loaded.set()
        if result.case is None:
            self.title = "reader"
            problems = ProblemsScreen(result)
            if preview is not None and preview is self.screen and len(self.screen_stack) > 1:
                self.switch_screen(problems)  # the preview of a case that cannot be read goes
            else:
                self.push_screen(problems)
        elif preview is not None:
            preview.case_loaded(result.case, warnings=len(result.problems.warnings))
            if self._person is not None:
                preview.narrow_to(self._person)
        else:
            self.push_screen(self._result_screen(result))

    def _preview_screen(self, preview: Case) -> Screen[None]:
        self.title = preview.title  # cleaned as it is set: see validate_title
        self.sub_title = preview.id
        return CaseScreen(preview, previewing=True, settings=self.settings, today=self.today)

    def _result_screen(self, result: LoadResult) -> Screen[None]:
        if result.case is None:
            self.title = "reader"
            return ProblemsScreen(result)
        self.title = result.case.title  # cleaned as it is set: see validate_title
        self.sub_title = result.case.id
        return CaseScreen(result.case, warnings=len(result.problems.warnings), settings=self.settings,
                          today=self.today, person=self._person)

    def action_back_to_cases(self) -> None:
        """Go back to the watchlist (when the case was opened from one), asking first about unsaved edits."""
        if not self.cases or len(self.screen_stack) < 2:
            return
        screen = self.screen
        if isinstance(screen, CaseScreen) and screen.annotator.must_ask_before_leaving:
            screen.annotator.confirm_leave(lambda: self._close_case(screen), verb="leave")
        else:
            self._close_case(screen)

    def _close_case(self, screen: Screen[object]) -> None:
        # Two Escs in a burst each ask to leave: only the first, while the case is still
        # the screen on top, closes it (the second would pop the watchlist itself).
        if self.screen is not screen or len(self.screen_stack) < 2:
            return
        self.workers.cancel_group(self, "open-case")  # a case still loading is not shown after all
        self.preview = None
        self._opening = None
        self._person = None
        self.case_loaded.set()
        self.pop_screen()
        gc.unfreeze()  # the case read until now may be freed, cycles and all
        self.result = None
        self.title = "reader"
        self.sub_title = str(self.folder)

    # -- the gate to the terminal (see reader.ui.inert): what the case wrote never acts --

    def validate_title(self, title: object) -> str:
        """The title, cleaned of controls whenever it is set: the Header shows it, and a screenshot is named by it."""
        return clean(str(title))

    def validate_sub_title(self, sub_title: object) -> str:
        """The sub-title, cleaned of controls whenever it is set."""
        return clean(str(sub_title))

    def format_title(self, title: str, sub_title: str) -> Content:
        """The Header's text: a screen's own title is cleaned too, whatever screen set it."""
        return super().format_title(clean(title), clean(sub_title))

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Show a notification, its message and title cleaned of controls (widgets' ``notify`` comes here too).

        Markup is the caller's choice: a message that holds case text must be
        sent with ``markup=False``, or a ``[link=…]`` in it becomes a link.
        """
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=markup)

    def copy_to_clipboard(self, text: str) -> None:
        """Copy ``text`` cleaned of controls: what is pasted is what was shown, and pasting runs nothing."""
        super().copy_to_clipboard(clean(text))

    def get_line_filters(self) -> list[LineFilter]:
        """Textual's filters (colours), then the last check that no control character is drawn."""
        return [*super().get_line_filters(), self.inert_lines]

    def _start_on_theme(self, name: str) -> None:
        """Start on the theme ``name``, as setting ``theme`` would, without parsing the styles twice.

        Setting ``theme`` queues a full refresh of the CSS (every file parsed
        again, every widget restyled) that would run just after the styles'
        first parse: a tenth of the first paint. Before that first parse the
        stylesheet needs only the theme's variables, and the app the classes
        and colour filter the theme's watcher sets (``App._watch_theme``,
        Textual 8; the filter is Textual's private API).
        """
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        theme = self.current_theme
        self.set_class(True, f"-theme-{name}", update=False)
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """The highlights' colours in a theme that is not the reader's own: the palette of its kind, dark or light."""
        return highlight_variables(self.current_theme.dark)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self.settings.theme = theme.name
            self.save_settings()

    def on_case_screen_settings_changed(self, message: CaseScreen.SettingsChanged) -> None:
        self.save_settings(message.settings)

    def save_settings(self, settings: Settings | None = None) -> None:
        """Remember the current choices; a failure to write is shown, never raised."""
        if settings is not None:
            self.settings = settings
        error = self.settings_store.save(self.settings)
        if error:
            self.notify(error, title="Settings", severity="warning", markup=False)

    def action_command_palette(self) -> None:
        """Show the command palette: Textual's own, safe against keys that arrive as it closes."""
        if self.use_command_palette and not ReaderPalette.is_open(self):
            # No id, unlike Textual's: ctrl+p, Esc, ctrl+p in a burst opened a palette while
            # the last one, closed but not yet removed, still held the id (DuplicateIds).
            self.push_screen(ReaderPalette())

    def action_toggle_help(self) -> None:
        """Show the help over the screen: every key that works here, grouped (``?`` again, or Esc, closes it)."""
        # Imported on first use: most readings never open the help.
        from reader.ui.key_groups import help_sections
        from reader.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(help_sections(self.screen)))

    def action_quit(self) -> None:
        """Quit (asking first about unsaved edits); the exit code says whether the case had errors (1) or not (0)."""
        # The case may be under a view, a dialog or the palette: its unsaved edits count all the same.
        case_screen = next((s for s in reversed(self.screen_stack) if isinstance(s, CaseScreen)), None)
        if case_screen is not None and case_screen.annotator.must_ask_before_leaving:
            case_screen.annotator.confirm_leave(self._quit_now)
        else:
            # At once, not from a worker: keys typed after q must find the app already closing.
            self._quit_now()

    def exit(self, result: int | None = None, return_code: int = 0, message: object = None) -> None:
        """Exit the app; from now on, keys and pastes still queued are dropped."""
        self._exiting = True
        super().exit(result, return_code, message)  # type: ignore[arg-type]

    async def on_event(self, event: events.Event) -> None:
        # Keys typed after q (a burst, a paste) are still queued when the app starts to
        # close: acted on, they would open screens that are never composed, on an app
        # with no screen left to show them.
        if (self._exiting or not self.screen_stack) and isinstance(event, (events.InputEvent, events.Paste)):
            return
        await super().on_event(event)

    def _quit_now(self) -> None:
        code = 0 if self.result is None or self.result.ok else 1
        self.exit(code, return_code=code)
