"""What a person sees in a real browser: the exported page, and the reader served by `reader serve`.

These tests drive the system's Chromium (Debian's ``chromium`` package) with
Playwright; no browser is downloaded. `.ci/run` installs Chromium when it is
missing. Elsewhere, a missing Chromium makes these tests fail with the
command that installs it: they are never skipped.

What is asserted, and how:

- exported HTML: mentions carry their type's class and computed colours
  (different per type, different from the page); clicking a citation in the
  timeline makes its passage the ``:target``, outlined and scrolled into
  view, with and without JavaScript; the status section shows each
  person's status, the warning right under it in the warning colour, and
  the computed fact; a case of two people shows one status each, and a
  disputed date both dates with who gives each; nothing is fetched from anywhere; salted case text
  runs no script; light and dark schemes differ; on a phone the sources
  stack and nothing overflows sideways.
- served reader: xterm.js draws the terminal on a canvas, so the text is not
  in the page's DOM. The test reads what the reader sends to the browser
  instead: every websocket frame, decoded and stripped of terminal escape
  sequences, is the text the canvas draws. It waits for the case title
  there, types ``?`` into the terminal (focusing xterm's input textarea, as
  a click does) and waits for the help panel's text, then types ``q`` and
  waits for the page to mark the session closed. The page is opened at the
  address `reader serve` printed, token and all; its one websocket carries
  the token too. Every request the page made went to the reader's own server.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.export import export
from reader.model.status import case_status
from reader.model.types import Case
from reader.paths import default_case
from tests.support.case_files import (
    DAILY_TEXT,
    ENTITIES_YAML,
    EVENTS_YAML,
    SALT,
    SALTED_ENTITY,
    SALTED_EVENT,
    loaded,
    write_case,
)
from tests.support.co_defendants import TODAY as CO_DEFENDANTS_TODAY
from tests.support.co_defendants import co_defendants_case

TODAY = dt.date(2025, 6, 1)
INSTALL = ("Chromium is needed for the browser tests and was not found. Install Debian's package: "
           "`apt-get install -y chromium` (.ci/run does this), or set READER_CHROMIUM to a Chromium or Chrome "
           "executable.")


def chromium_path() -> str:
    """The Chromium to drive: $READER_CHROMIUM, else the first of chromium, chromium-browser, google-chrome."""
    candidates = [os.environ.get("READER_CHROMIUM"), *(shutil.which(name) for name in
                                                       ("chromium", "chromium-browser", "google-chrome"))]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail(INSTALL, pytrace=False)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is needed for the browser tests: pip install -e '.[test]'", pytrace=False)
    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, bundled_case: Case) -> Path:
    """The bundled case exported as HTML, as a file a browser opens."""
    path = tmp_path_factory.mktemp("export") / "baltabay.html"
    path.write_text(export(bundled_case, "html", today=TODAY), encoding="utf-8")
    return path


def open_page(browser: Any, path: Path, **options: Any) -> Any:
    page = browser.new_page(**{"viewport": {"width": 1300, "height": 900}, **options})
    page.goto(path.as_uri())
    return page


def style(page: Any, selector: str, prop: str) -> str:
    return page.eval_on_selector(selector, f"e => getComputedStyle(e).getPropertyValue('{prop}')")


# --- the exported page ------------------------------------------------------------------------

def test_mentions_are_highlighted_by_type(browser: Any, exported: Path, bundled_case: Case) -> None:
    page = open_page(browser, exported)
    first = next(m for m in bundled_case.mentions["owp"] if bundled_case.entities[m.entity_id].type == "person")
    person = page.locator("#src-owp a.m-person").first
    assert person.inner_text() == bundled_case.sources["owp"].text[first.span.start:first.span.end]
    assert person.get_attribute("data-entity") == first.entity_id
    backgrounds = {kind: style(page, f".text a.m-{kind}", "background-color")
                   for kind in ("person", "organisation", "place", "charge")}
    body = style(page, "body", "background-color")
    assert len(set(backgrounds.values())) == 4 and body not in backgrounds.values()
    assert int(style(page, "#src-owp a.m-person", "font-weight")) >= 600
    assert style(page, ".text a.m-law", "font-style") == "italic"
    page.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_a_citation_in_the_timeline_leads_to_its_passage(browser: Any, exported: Path, javascript: bool) -> None:
    context = browser.new_context(viewport={"width": 1300, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(exported.as_uri())
    link = page.locator("#ev-sentence-2019 a.cite").first
    href = link.get_attribute("href")
    quote = link.locator("q").inner_text()
    # Click on the first words (the centre of a link wrapped over two lines may fall between them).
    link.click(position={"x": 16, "y": 8})
    page.wait_for_url(f"**/{exported.name}{href}")
    target = page.locator(":target")
    assert target.get_attribute("id") == href[1:]
    assert target.inner_text().startswith(quote[:30])
    assert page.locator(f"#src-owp {href}").count() == 1  # the passage is in its source's text
    box = target.bounding_box()
    assert 0 <= box["y"] < 900
    assert style(page, ":target", "outline-style") == "solid"
    context.close()


def test_the_status_is_shown_with_its_warning_and_computed_fact(browser: Any, exported: Path,
                                                                 bundled_case: Case) -> None:
    status = case_status(bundled_case, today=TODAY)
    (person,) = status.people
    page = open_page(browser, exported)
    section = page.locator("section.person").filter(has=page.locator(f"#status-{person.person_id}"))
    fields = section.locator("dl.fields").first
    assert [" ".join(t.split()) for t in fields.locator("dt").all_inner_texts()] == [
        "Status", "Warning", "Since", "Says who", "Newest source"]
    status_line, warning = fields.locator("dd").nth(0), fields.locator("dd").nth(1)
    # the same last change and newest source as every other view (issue 19)
    change, newest = person.last_change, person.newest_source
    assert change is not None and newest is not None
    since = " ".join(fields.locator("dd").nth(2).inner_text().split())
    assert since == f"{change.date.display()}: {change.what} ({change.step.step.event.id})"
    assert " ".join(fields.locator("dd").nth(4).inner_text().split()) == f"{newest.source.publisher}, {newest.label}"
    assert " ".join(status_line.inner_text().split()) == person.headline
    assert warning.inner_text().strip() == person.warnings[0]
    # In the warning colour, and right under the status line: nothing stands between them.
    assert style(page, "section.person dl.fields dd .warn", "color") not in (style(page, "body", "color"),
                                                                             style(page, "section.person dd",
                                                                                   "color"))
    above, below = status_line.bounding_box(), warning.bounding_box()
    assert 0 <= below["y"] - (above["y"] + above["height"]) < 16
    shown = " ".join(section.inner_text().split())
    for measure in person.measures:
        if measure.computed_end is not None:
            fact = measure.computed_end
            assert f"{fact.label}: {fact.value}" in shown and "COMPUTED" in shown  # the badge, upper-cased by CSS
    assert "only IndustriALL Global Union" in shown  # one source alone, said as everywhere (across.only)
    page.close()


def test_two_people_each_have_a_status_of_their_own(browser: Any, tmp_path: Path) -> None:
    case = loaded(co_defendants_case(tmp_path / "case"))
    path = tmp_path / "co-defendants.html"
    path.write_text(export(case, "html", today=CO_DEFENDANTS_TODAY), encoding="utf-8")
    page = open_page(browser, path)
    status = case_status(case, today=CO_DEFENDANTS_TODAY)
    sections = page.locator("section.person")
    assert sections.count() == len(status.people) == 2
    for index, person in enumerate(status.people):
        first = sections.nth(index).locator("dl.fields").first
        assert first.locator("dd").first.inner_text().strip() == person.headline
        assert first.locator(".warn").all_inner_texts() == list(person.warnings)
    # The disputed ruling in the timeline: both dates, each with who gives it, in the warning style.
    when = page.locator("#ev-appeal p.when .warn").inner_text()
    assert when == "date disputed: 12 June 2020 (The Monitor); 9 July 2020 (The Herald)"
    page.close()


def test_the_page_fetches_nothing(browser: Any, exported: Path) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(exported.as_uri())
    page.wait_for_load_state("networkidle")
    assert requests == [exported.as_uri()]
    page.close()


def test_salted_case_text_runs_nothing_and_shows_as_written(browser: Any, tmp_path: Path) -> None:
    folder = write_case(tmp_path / "salted", {"entities.yaml": ENTITIES_YAML + SALTED_ENTITY,
                                              "events.yaml": EVENTS_YAML + SALTED_EVENT,
                                              "sources/daily.txt": DAILY_TEXT + "\n" + SALT})
    path = tmp_path / "salted.html"
    path.write_text(export(loaded(folder), "html", today=TODAY), encoding="utf-8")
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri())
    # goto returns after the load event: every script has run and every image (src=x) has failed by then,
    # and an alert() would hold the page, so the evaluate below could not answer before the dialog was seen.
    assert page.evaluate("document.readyState") == "complete"
    assert dialogs == []
    assert page.evaluate("document.scripts.length") == 1
    text = page.locator("#src-daily .text").inner_text()
    assert '<script>alert("x")</script> and <img src=x onerror=alert(1)>' in text
    assert "␛]52;c;ZXZpbA==␇" in text and "\ufffdgnirts\ufffd" in text
    page.close()


def test_light_and_dark_schemes_both_read(browser: Any, exported: Path) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        page = open_page(browser, exported, color_scheme=scheme)
        colours[scheme] = (_luminance(style(page, "body", "background-color")),
                           _luminance(style(page, "body", "color")))
        page.close()
    (light_bg, light_fg), (dark_bg, dark_fg) = colours["light"], colours["dark"]
    assert light_bg > 0.8 and light_fg < 0.2
    assert dark_bg < 0.2 and dark_fg > 0.7


def test_sources_stack_on_a_phone_and_stand_side_by_side_on_a_wide_screen(browser: Any, exported: Path) -> None:
    phone = open_page(browser, exported, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    first, second = phone.locator("#src-owp").bounding_box(), phone.locator("#src-industriall").bounding_box()
    assert second["y"] >= first["y"] + first["height"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()
    wide = open_page(browser, exported)
    first, second = wide.locator("#src-owp").bounding_box(), wide.locator("#src-industriall").bounding_box()
    assert first["y"] == second["y"] and second["x"] > first["x"] + first["width"]
    wide.close()


def _luminance(colour: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", colour)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


# --- the served reader ------------------------------------------------------------------------

_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[P^_][^\x1b]*\x1b\\|.)")


@pytest.fixture
def served() -> Iterator[str]:
    """`reader serve` on a free port of 127.0.0.1, run as a user would; yields the URL it prints, with its token."""
    process = subprocess.Popen([sys.executable, "-m", "reader", "serve", "--port", "0", str(default_case())],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    url = None
    seen = []
    try:
        while url is None:
            try:
                line = lines.get(timeout=30)
            except queue.Empty:
                pytest.fail(f"reader serve printed no address in 30 s: {seen}")
            seen.append(line)
            if found := re.search(r"serving .* at (http://127\.0\.0\.1:\d+/\?token=[\w-]+)$", line.strip()):
                url = found.group(1)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_served_reader_shows_the_case_and_answers_keys(browser: Any, served: str, bundled_case: Case) -> None:
    from reader.ui.screens.case import CaseScreen

    search_tooltip = next(b.tooltip for b in CaseScreen.BINDINGS if getattr(b, "id", None) == "search")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    frames: list[bytes] = []
    sockets: list[str] = []
    page.on("websocket", lambda socket: (sockets.append(socket.url), socket.on(
        "framereceived", lambda payload: frames.append(payload) if isinstance(payload, bytes) else None)))

    def screen_text(since: int = 0) -> str:
        return _ESCAPES.sub("", b"".join(frames[since:]).decode("utf-8", "replace"))

    def wait_for_text(words: str, since: int = 0) -> None:
        for _ in range(150):
            if words in screen_text(since):
                return
            page.wait_for_timeout(100)
        pytest.fail(f"the served reader never showed {words!r}; it showed: {screen_text(since)[-2000:]!r}")

    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served)
    page.wait_for_selector("body.-first-byte", timeout=30_000)
    wait_for_text(bundled_case.title)
    page.focus(".xterm-helper-textarea")
    before = len(frames)
    page.keyboard.press("?")
    wait_for_text(search_tooltip, since=before)
    page.keyboard.press("q")
    page.wait_for_selector("body.-closed", state="attached", timeout=15_000)
    page.close()
    # The page and everything it loads come from the reader's own server: nothing asks another site.
    host = served.removeprefix("http://").split("/")[0]
    assert requests and all(re.match(rf"(?:http|ws)://{re.escape(host)}/", url) for url in requests), requests
    # The websocket went to the reader's own server, with the token in its address.
    token = served.split("token=")[1]
    assert len(sockets) == 1 and sockets[0].startswith(f"ws://{host}/ws/{token}?width="), sockets
