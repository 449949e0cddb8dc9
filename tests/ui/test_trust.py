"""The reader under hostile text and a hostile terminal: nothing reaches the terminal but text.

A source salted with terminal escape sequences (CSI, an OSC 52 that would
write the clipboard, an OSC 0 that would retitle the window), C1 controls,
bidi overrides and Rich markup is rendered; every segment of every rendered
line, and the very string the app would write to the terminal, is checked.
Then a storm of resizes, and a case read under an ASCII locale.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

from rich.console import Console
from textual.events import Resize
from textual.geometry import Size
from textual.strip import Strip

from reader.load.case_loader import load_case
from reader.model.text_safety import BIDI_CONTROLS
from reader.ui.app import ReaderApp
from reader.ui.screens.problems import ProblemsScreen
from reader.ui.widgets.source_view import SourceView
from tests.support.cases import long_text, make_case, reader_for
from tests.support.pilot import palette_search, screen_text

HOSTILE = (
    "Headline \x1b]0;PWNED\x07 with [bold red]markup[/bold red]\n\n"
    "Clipboard \x1b]52;c;cm0gLXJmIH4K\x07 here, [link=https://evil.example]a link[/link] there.\n"
    "CSI \x1b[2J\x1b[H erase, \x9b31m eight-bit CSI, \x9d0;title\x9c eight-bit OSC, \x85 NEL.\n"
    "Bidi \u202eexe.txt\u202c and \u2066isolated\u2069 and \u202d\u202a\u202b\u2067\u2068 more.\n"
    "Bell \x07 backspace \x08 tab\tend \x1bc reset \x7f del.\n"
)
#: What must never be in the text of a rendered segment.
FORBIDDEN = {chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))} | BIDI_CONTROLS


def rendered_strips(app: ReaderApp) -> list[Strip]:
    """Every line of the screen as the compositor renders it."""
    return app.screen._compositor.render_strips()


def terminal_output(app: ReaderApp) -> str:
    """The string the app would write to a real terminal to draw the whole screen."""
    update = app.screen._compositor.render_update(full=True)
    console = Console(force_terminal=True, color_system="truecolor", width=app.size.width, legacy_windows=False)
    return update.render_segments(console)


def assert_inert(app: ReaderApp) -> None:
    for y, strip in enumerate(rendered_strips(app)):
        for segment in strip:
            bad = FORBIDDEN & set(segment.text)
            assert not bad, f"line {y}: {sorted(map(hex, map(ord, bad)))} in {segment.text!r}"
    output = terminal_output(app)
    assert "\x1b]" not in output and "\x07" not in output  # no OSC at all: no clipboard, no title
    assert not (FORBIDDEN - {"\x1b", "\n"}) & set(output)
    # The only escapes are the app's own CSI sequences (colours, cursor moves).
    for piece in output.split("\x1b")[1:]:
        assert piece.startswith("["), repr(piece[:20])


async def test_a_hostile_source_is_shown_inertly_and_markup_literally() -> None:
    case = make_case({"evil": HOSTILE + long_text(3), "plain": "Plain\n\nNothing to see.\n"},
                     {"evil": [("person", "markup"), ("organisation", "a link")]})
    app = reader_for(case)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("e", "c")  # the panels closed: the panes as wide as they get
        await pilot.pause()
        text = screen_text(app)
        assert "[bold red]markup[/bold red]" in text
        assert "[link=https://evil.example]a" in text and "link[/link]" in text
        assert "␛]52;c;cm0gLXJmIH4K␇" in text and "␛]0;PWNED␇" in text
        assert "Bidi \ufffdexe.txt\ufffd" in text
        assert_inert(app)
        await pilot.press("h")  # without highlights too
        await pilot.pause()
        assert_inert(app)


async def test_hostile_metadata_is_shown_inertly() -> None:
    case = make_case({"evil": "Text\n\nBody.\n", "other": "Other\n\nBody.\n"})
    source = case.sources["evil"]
    source.publisher = "Evil \x1b]52;c;eA==\x07 [bold]Press[/bold] \u202eesrever"
    source.author = "\x9b2J[link=x]Author[/link]"
    source.kind = "news\x1b[5m"
    case.title = "Title \x1b]0;PWNED\x07 [b]not bold[/b]"
    async with (app := reader_for(case)).run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert "[bold]Press[/bold]" in screen_text(app)
        assert "Title ␛]0;PWNED␇ [b]not bold[/b]" in screen_text(app)
        assert_inert(app)
        await pilot.resize_terminal(80, 24)  # the tabs show the publisher too
        await pilot.pause()
        assert "[bold]Press" in screen_text(app)
        assert_inert(app)


async def test_a_hostile_case_that_does_not_load_shows_its_problems_inertly(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "case.yaml").write_text(textwrap.dedent("""\
        version: 1
        case: {id: x, title: "\\e]0;PWNED\\a [bold]t[/bold]"}
        "\\e]52;c;eA==\\a[red]key[/red]": 1
        sources:
          - id: s
            file: "\\u202e../../etc/passwd"
            title: t
            publisher: p
            date: unknown
            kind: news
        """), encoding="utf-8")
    result = load_case(folder)
    assert not result.ok
    app = ReaderApp(result=result)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        text = screen_text(app)
        assert "unknown field `␛]52;c;eA==␇[red]key[/red]`" in text
        assert_inert(app)


def storm(app: ReaderApp, sizes: list[tuple[int, int]]) -> None:
    """Queue many resizes at once, as a window being dragged does, without waiting for any."""
    for width, height in sizes:
        size = Size(width, height)
        app._driver._size = size  # what Pilot.resize_terminal does, minus its wait
        app.post_message(Resize(size, size))


async def test_a_storm_of_resizes_down_to_20x6() -> None:
    case = make_case({"a": HOSTILE + long_text(20, "Alpha"), "b": long_text(20, "Beta"), "c": "Short\n\nOne line.\n"},
                     {"a": [("person", "Alpha 1")]})
    app = reader_for(case)
    rng = random.Random(5)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("pagedown", "pagedown")
        storm(app, [(rng.randint(1, 220), rng.randint(1, 70)) for _ in range(60)] + [(20, 6)])
        await pilot.pause()
        # One step at a time across every layout boundary, pressing keys in between.
        for width, height in [(200, 60), (39, 9), (40, 10), (139, 30), (140, 30), (1, 1), (20, 6)]:
            await pilot.resize_terminal(width, height)
            await pilot.press(rng.choice(["j", "pagedown", "]", "h", "G", "g"]))
        await pilot.pause()
        assert "The terminal is too small: 20×6." in " ".join(screen_text(app).split())
        assert_inert(app)
        storm(app, [(rng.randint(1, 220), rng.randint(1, 70)) for _ in range(60)] + [(100, 30)])
        await pilot.pause()
        assert app.is_running
        shown = [view for view in app.screen.query(SourceView) if view.region.width > 0]
        assert shown
        for view in shown:  # each visible view is wrapped to its width
            assert view.rows and max(row.end - row.start for row in view.rows) <= view.scrollable_content_region.width
        assert_inert(app)


LANG_C_SCRIPT = """\
import asyncio, locale, sys
from reader.ui.app import ReaderApp

async def main():
    app = ReaderApp(sys.argv[1])
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("e", "c")  # the panels closed: the panes as wide as they get
        await pilot.pause()
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
    print(locale.getpreferredencoding(False), sys.flags.utf8_mode)
    sys.stdout.buffer.write("\\n".join(lines).encode("utf-8"))

asyncio.run(main())
"""


def test_a_utf8_case_is_read_as_utf8_under_an_ascii_locale(tmp_path: Path) -> None:
    from tests.support.case_files import WEEKLY_TEXT, write_case

    weekly = WEEKLY_TEXT.replace("He had been sentenced", "Kemal Özkan’s “union” — 中文 — had been sentenced")
    folder = write_case(tmp_path / "case", {"sources/weekly.txt": weekly})
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
           "PYTHONIOENCODING": "", "TERM": "dumb", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", LANG_C_SCRIPT, str(folder)], capture_output=True, env=env,
                          check=False, cwd=Path(__file__).resolve().parents[2])
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, out + done.stderr.decode("utf-8", "replace")
    encoding, utf8_mode = out.splitlines()[0].split()
    assert "utf" not in encoding.lower() and utf8_mode == "0"  # the locale really is ASCII
    assert "after a pardon. Kemal Özkan’s" in out  # the line wraps in its pane, after "Özkan’s"
    assert "“union” — 中文 — had been sentenced in July." in out


async def test_hostile_names_are_inert_in_the_panels_the_sidebar_and_the_palette() -> None:
    case = make_case({"evil": "Evil\n\nThe [b]Union[/b] met.\n", "other": "Other\n\nBody.\n"},
                     {"evil": [("organisation", "[b]Union[/b]")]})
    entity = next(iter(case.entities.values()))
    entity.description = "Founded \x1b]52;c;eA==\x07 by [red]nobody[/red]"
    entity.aliases = ("\u202eyppah",)
    async with (app := reader_for(case)).run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#entity-list").focus()
        await pilot.press("down")  # select it: description, aliases and mentions in context
        await pilot.pause()
        text = screen_text(app)
        assert "[b]Union[/b]" in text and "[red]nobody[/red]" in text
        assert_inert(app)
        await palette_search(pilot, "Union")
        assert "Entity: [b]Union[/b]" in screen_text(app)
        assert_inert(app)
