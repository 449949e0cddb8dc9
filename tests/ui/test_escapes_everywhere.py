"""Every hostile string, through every place the reader shows text, and nothing reaches the terminal as a command.

Each payload (OSC 52, OSC 0, CSI, the 8-bit CSI, a bidi override, BEL, NUL,
Rich markup and a markup link) is put into everything a case author or a file
system controls: the case title and id, the folder and file names, an entity's
name, a source's title and publisher, an event, a difference, a line of a
source. Then the real app is driven with Pilot the way a user goes: the list
of cases, Enter, the case, an edit that leaves a hostile-named file unsaved,
the dialogs, the command palette, ``ctrl+c`` on the hostile line, back to the
list, the case that does not load. Everything the app sends out is captured:
every byte written to the terminal (a driver that records what a real one
would write), the titles and sub-titles of every screen, every notification,
the clipboard. Then the command line: check, status (text and JSON), export
to standard output and to a hostile file name, usage errors and argparse's.

Textual's own sequences (CSI, the pointer shape OSC 22, the clipboard's
OSC 52 with its base64 text) are allowed; the payloads, any other OSC, any
C1 or bidi control and any C0 control but newline never are.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import Input

from reader.cli import main
from reader.model import Span
from reader.model.text_safety import BIDI_CONTROLS, clean, has_unsafe
from reader.ui.app import ReaderApp
from reader.ui.screens.case import CaseScreen
from reader.ui.screens.dialogs import Choose, Form, Pick
from reader.ui.screens.problems import ProblemsScreen
from reader.ui.screens.watchlist import WatchlistScreen
from tests.support.case_files import CASE_YAML, DAILY_TEXT, DIFFERENCES_YAML, ENTITIES_YAML, EVENTS_YAML, write_case
from tests.support.pilot import screen_text, wait_until

PAYLOADS = {
    "osc52": "\x1b]52;c;cm0gLXJmIH4K\x07",  # writes "rm -rf ~" to the clipboard
    "osc0": "\x1b]0;PWNED\x07",  # retitles the window
    "csi": "\x1b[21t",  # asks the terminal to type its title back
    "c1-csi": "\x9b6n",  # the 8-bit CSI: asks for the cursor position
    "bidi": "\u202eexe.txt",  # shows "txt.exe"
    "bel": "\x07",
    "nul": "\x00",
    "markup": "[bold]x[/]",
    "link": "[link=https://evil.example]x[/link]",
}
#: The payloads that are commands as they stand (the others are commands only if taken as markup).
CONTROL_PAYLOADS = {name: payload for name, payload in PAYLOADS.items() if has_unsafe(payload)}

#: Textual's own OSC sequences: the pointer's shape and the clipboard (base64, so inert itself).
TEXTUAL_OSC = re.compile(r"\x1b\]22;[a-z-]*\x07|\x1b\]52;c;(?P<clipboard>[A-Za-z0-9+/=]*)\x07")
ALLOWED_C0 = {"\x1b", "\n", "\r"}  # ESC only as the start of Textual's own CSI sequences
FORBIDDEN = ({chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))} | BIDI_CONTROLS) - ALLOWED_C0
TODAY = "2026-01-01"


def file_safe(payload: str) -> str:
    """The payload as a file name can hold it: no NUL, no slash."""
    return payload.replace("\x00", "").replace("/", "")


def hostile_case(folder: Path, payload: str) -> tuple[Path, str]:
    """A case that loads (with warnings) with ``payload`` in every field it can be in; its hostile line and file."""
    case = yaml.safe_load(CASE_YAML)
    case["case"]["title"] = f"Case {payload}"
    case["sources"][0]["title"] = f"Title {payload}"
    case["sources"][0]["publisher"] = f"Publisher {payload}"
    entities = yaml.safe_load(ENTITIES_YAML)
    entities["entities"][1]["name"] = f"Ministry {payload}"
    events = yaml.safe_load(EVENTS_YAML)
    events["events"][0]["summary"] = f"Sentenced {payload}"
    differences = yaml.safe_load(DIFFERENCES_YAML)
    differences["differences"][0]["summary"] = f"They differ {payload}"
    line = f"Hostile {payload} line."
    # After 8 KB of words: a NUL in the first 8 KB would make the text a "binary file".
    daily = DAILY_TEXT + "\n" + "Filler words. " * 600 + "\n\n" + line + "\n"
    entities_file = f"e{file_safe(payload)}.yaml"
    write_case(folder, {"case.yaml": case, "entities.yaml": None, entities_file: entities, "events.yaml": events,
                        "differences.yaml": differences, "sources/daily.txt": daily})
    return folder, line


def broken_case(folder: Path, payload: str) -> Path:
    """A case that does not load: a bad id, an unknown field and a missing source file, each with ``payload``."""
    case = yaml.safe_load(CASE_YAML)
    case["case"]["id"] = f"bad {payload}"
    case["case"]["title"] = f"Broken {payload}"
    case[f"key {payload}"] = 1
    case["sources"][0]["file"] = f"sources/s{file_safe(payload)}.txt"
    return write_case(folder, {"case.yaml": case})


class Outputs:
    """Everything the app sent out during a run: terminal bytes, titles, notifications, clipboard."""

    def __init__(self) -> None:
        self.written: list[str] = []
        self.titles: list[str] = []
        self.notifications: list[tuple[str, str, bool]] = []

    def driver(self) -> type[HeadlessDriver]:
        """A driver that records what a real terminal would be sent (a headless one draws nothing)."""
        written = self.written

        class Recording(HeadlessDriver):
            @property
            def is_headless(self) -> bool:
                return False  # so the app renders and writes as to a real terminal

            def write(self, data: str) -> None:
                written.append(data)

        return Recording

    def take_titles(self, app: App[object]) -> None:
        self.titles += [app.title, app.sub_title]
        for screen in app.screen_stack:
            self.titles += [screen.title or "", screen.sub_title or ""]


@pytest.fixture
def outputs(monkeypatch: pytest.MonkeyPatch) -> Outputs:
    """The outputs of the run; notifications are recorded as they reach Textual."""
    seen = Outputs()
    notify = App.notify

    def recording_notify(self: App[object], message: str, *, title: str = "", markup: bool = True,
                         **options: object) -> None:
        seen.notifications.append((message, title, markup))
        notify(self, message, title=title, markup=markup, **options)

    monkeypatch.setattr(App, "notify", recording_notify)
    return seen


def assert_inert_terminal_output(written: str, payload: str) -> list[str]:
    """Check every byte written to the terminal; return the texts it copied to the clipboard."""
    copied = [base64.b64decode(match["clipboard"]).decode("utf-8")
              for match in TEXTUAL_OSC.finditer(written) if match["clipboard"] is not None]
    rest = TEXTUAL_OSC.sub("", written)
    if has_unsafe(payload):
        assert payload not in rest
    assert "\x1b]" not in rest  # no other OSC: no title, no clipboard, no hyperlink (OSC 8)
    bad = sorted(FORBIDDEN & set(rest))
    assert not bad, [f"U+{ord(char):04X}" for char in bad]
    for piece in rest.split("\x1b")[1:]:  # every ESC starts one of Textual's CSI sequences
        assert piece.startswith("["), repr(piece[:20])
    assert "\x1b[21t" not in rest and "\x1b[6n" not in rest
    return copied


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
async def test_no_hostile_string_reaches_the_terminal_from_any_place(
        tmp_path: Path, payload: str, outputs: Outputs) -> None:
    cases = tmp_path / f"cases {file_safe(payload)}"
    _, line = hostile_case(cases / f"case {file_safe(payload)}", payload)
    broken_case(cases / "broken", payload)
    entities_file = f"e{file_safe(payload)}.yaml"
    app = ReaderApp(cases)
    app.driver_class = outputs.driver()
    async with app.run_test(size=(120, 40), headless=False, notifications=True, tooltips=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WatchlistScreen)
        outputs.take_titles(app)

        # The watchlist, Enter on the hostile case: "Opening …" names it.
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseScreen), "the case opens")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert (f"Opening Case {clean(payload)}…", "", False) in outputs.notifications
        assert app.title == clean(f"Case {payload}")
        outputs.take_titles(app)

        # An edit: "Ministry of Justice" becomes a name of the hostile entity, whose file is then unsaved.
        view = screen.deck.view("daily")
        start = view.source.text.index("Ministry of Justice")
        screen.deck.active_source = "daily"
        view.focus()
        view.selection = Span(start, start + len("Ministry of Justice"))
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, Choose), "the annotate dialog")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("OptionList").highlighted = dialog.query_one("OptionList").get_option_index("alias")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Pick), "the pick dialog")
        await pilot.press(*"Ministry", "enter")
        await wait_until(pilot, lambda: bool(screen.annotator.unsaved_files), "the edit")
        await pilot.pause()
        assert f"unsaved: {clean(entities_file)}" in screen.sub_title
        outputs.take_titles(app)

        # The command palette, searching for what the case named.
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"Ministry")
        await wait_until(pilot, lambda: app.screen.query_one(CommandList).option_count > 0, "the palette's matches")
        await pilot.pause()
        outputs.take_titles(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "the palette closes")

        # ctrl+c on the hostile line copies what is shown, and says so.
        start = view.source.text.index(line)
        view.focus()
        view.selection = Span(start, start + len(line))
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == clean(line)
        replaced = sum(1 for char in payload if has_unsafe(char))
        assert outputs.notifications[-1][0] == (
            "Copied the selected text." if not replaced else
            f"Copied the selected text as shown: {replaced} control character"
            f"{' is' if replaced == 1 else 's are'} copied as {'its' if replaced == 1 else 'their'} placeholder"
            f"{'' if replaced == 1 else 's'} (such as ␛ or �), so pasting it sends no commands to a terminal.")

        # Annotating the hostile line: it is the title of the Pick dialog, and the Form's Name field holds it.
        for choice, dialog_type in (("alias", Pick), ("entity", Form)):
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, Choose), "the annotate dialog")
            options = app.screen.query_one("OptionList")
            options.highlighted = options.get_option_index(choice)
            await pilot.press("enter")
            await wait_until(pilot, lambda kind=dialog_type: isinstance(app.screen, kind), f"the {choice} dialog")
            await pilot.pause()
            outputs.take_titles(app)
            shown = screen_text(app)
            assert f"“Hostile {clean(payload)} line.”" in shown  # markup shown as written, never applied
            if dialog_type is Form:
                assert app.screen.query_one("#field-name", Input).value == clean(line)
                assert app.screen.values()["name"] == " ".join(line.split())  # the text itself, if left alone
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is screen, "the dialog closes")
        assert view.selection == Span(start, start + len(line))

        # Back to the watchlist (Esc clears the selection, then leaves): the unsaved file is named in the question.
        await pilot.press("escape")
        await wait_until(pilot, lambda: view.selection is None, "the selection cleared")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Choose), "the unsaved-edits question")
        await pilot.pause()
        outputs.take_titles(app)
        assert clean(entities_file) in str(app.screen.query_one(".dialog-detail").render())
        options = app.screen.query_one("OptionList")
        options.highlighted = options.get_option_index("discard")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WatchlistScreen), "back on the watchlist")
        outputs.take_titles(app)

        # The case that does not load: its problems, naming the hostile id, key and file.
        await pilot.press("up", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ProblemsScreen), "the problems")
        await pilot.pause()
        outputs.take_titles(app)
        await pilot.press("q")

    assert outputs.notifications and outputs.titles
    for text in [*outputs.titles, *(part for message, title, _ in outputs.notifications for part in (message, title))]:
        assert not has_unsafe(text), repr(text)
    for message, _, markup in outputs.notifications:  # case text in a notification is never taken as markup
        assert not (markup and clean(payload) in message), message
    copied = assert_inert_terminal_output("".join(outputs.written), payload)
    assert copied == [clean(line)]
    # Each place cleaned its own text (so it was laid out right): the last check found nothing to fix.
    assert app.inert_lines.caught == 0


def test_every_screen_cleans_its_titles() -> None:
    """A screen added later cannot forget: every screen of the reader cleans its title and sub-title as set."""
    from textual.screen import Screen

    import reader.ui.screens.views  # noqa: F401 - imports every view, so each screen class exists
    from reader.ui.inert import CleanTitles

    def subclasses(cls: type) -> Iterator[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    screens = {cls for cls in subclasses(Screen) if cls.__module__.startswith("reader.")}
    assert len(screens) >= 8
    assert [cls.__name__ for cls in screens if not issubclass(cls, CleanTitles)] == []
    assert WatchlistScreen(Path("."), []).validate_title("a\x1b]0;x\x07") == "a␛]0;x␇"


def cli_outputs(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:  # argparse's errors
        code = exit_.code if isinstance(exit_.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_no_hostile_string_reaches_the_terminal_from_the_command_line(
        tmp_path: Path, payload: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # as on a terminal: Rich writes colours, so ESC is allowed in CSI
    monkeypatch.chdir(tmp_path)
    folder, _ = hostile_case(tmp_path / f"case {file_safe(payload)}", payload)
    broken = broken_case(tmp_path / "broken", payload)
    name = file_safe(payload)
    runs = {
        "check": ("check", str(folder)),
        "check broken": ("check", str(broken)),
        "status": ("status", str(folder), "--today", TODAY),
        "status --json": ("status", str(folder), "--json", "--today", TODAY),
        "status broken": ("status", str(broken)),
        "export md": ("export", str(folder), "-f", "md", "-o", "-", "--today", TODAY),
        "export txt": ("export", str(folder), "-f", "txt", "-o", "-", "--today", TODAY),
        "export html": ("export", str(folder), "-f", "html", "-o", "-", "--today", TODAY),
        "export json": ("export", str(folder), "-f", "webannotation", "-o", "-", "--today", TODAY),
        "export to a file": ("export", str(folder), "-o", f"out {name}.md", "--today", TODAY),
        "export over it": ("export", str(folder), "-o", f"out {name}.md", "--today", TODAY),
        "no such folder": ("check", str(tmp_path / f"nowhere {name}")),
        "bad date": ("status", str(folder), "--as-of", f"20{payload}"),
        "argparse: unknown argument": ("check", str(folder), f"extra {payload}"),
        "argparse: unknown option": ("check", f"--{payload}"),
        "argparse: bad choice": ("export", str(folder), "-f", f"x{payload}"),
    }
    seen = {}
    for what, args in runs.items():
        code, out, err = cli_outputs(capsys, *args)
        seen[what] = code
        for stream in (out, err):
            rest = re.sub(r"\x1b\[[0-9;]*m", "", stream)  # Rich's colours
            bad = sorted(FORBIDDEN & set(rest) | ({"\x1b"} & set(rest)))
            assert not bad, (what, [f"U+{ord(char):04X}" for char in bad], rest[:500])
    assert seen == {**dict.fromkeys(runs, 0), "check broken": 1, "status broken": 1, "export over it": 2,
                    "no such folder": 2, "bad date": 2, "argparse: unknown argument": 2,
                    "argparse: unknown option": 2, "argparse: bad choice": 2}
    # status --json keeps the data exact: the controls are \u escapes, which JSON readers turn back.
    _, out, _ = cli_outputs(capsys, "status", str(folder), "--json", "--today", TODAY)
    assert json.loads(out)["case"]["title"] == f"Case {payload}"
