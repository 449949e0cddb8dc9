"""The reader app: a thin shell that opens a loaded case on the right screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from reader.load.case_loader import LoadResult, load_case
from reader.paths import default_case, styles_dir
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.problems import ProblemsScreen


class ReaderApp(App[int]):
    """Reads one case. Shows the problems instead when the case does not load."""

    CSS_PATH = str(styles_dir() / "reader.tcss")
    TITLE = "reader"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "toggle_help", "Help", key_display="?", id="help"),
    ]

    def __init__(self, path: str | Path | None = None, *, result: LoadResult | None = None) -> None:
        """Open the case at ``path`` (the bundled case by default), or an already loaded ``result``."""
        super().__init__()
        if result is None:
            result = load_case(Path(path) if path is not None else default_case())
        self.result = result
        if result.case is not None:
            self.title = result.case.title
            self.sub_title = result.case.id

    def on_mount(self) -> None:
        if self.result.case is None:
            self.push_screen(ProblemsScreen(self.result))
        else:
            self.push_screen(CaseScreen(self.result.case, warnings=len(self.result.problems.warnings)))

    def action_toggle_help(self) -> None:
        """Show or hide Textual's help panel, which lists every key that works here."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_quit(self) -> None:
        """Quit; the exit code says whether the case had errors (1) or not (0)."""
        code = 0 if self.result.ok else 1
        self.exit(code, return_code=code)
