"""Colour: every text the reader draws in colour reads (WCAG 4.5:1) in both its themes, and each colour means one thing.

The colours are read from the running app, as Textual resolves them: a
highlight's tint blended over the pane it is drawn on, a legend chip's over
the bottom bar, a border's hint over the panel. The contrast is WCAG's,
from each colour's relative luminance.
"""

from __future__ import annotations

import colorsys
from itertools import combinations

import pytest
from rich.color import Color as RichColor
from rich.style import Style
from textual.color import Color
from textual.widget import Widget
from textual.widgets import OptionList

from reader.model.vocabulary import ENTITY_TYPES
from reader.ui.app import ReaderApp
from reader.ui.themes import HIGHLIGHTS, READER_THEMES
from reader.ui.widgets.coverage_table import CoverageTable
from reader.ui.widgets.legend import Legend
from reader.ui.widgets.source_view import (
    CARET_CLASS,
    HIGHLIGHT_CLASSES,
    MARK_CLASS,
    MATCH_CLASS,
    SELECTED_CLASS,
    SELECTION_CLASS,
    SourceView,
)
from reader.ui.widgets.timeline_table import SINGLE_CLASS as TIMELINE_SINGLE
from tests.support.pilot import TODAY, wait_until

#: WCAG's least contrast for normal text (AA).
LEAST = 4.5
#: The overlays drawn over the types' highlights: where you are, what you asked for, what you selected.
OVERLAYS = (SELECTED_CLASS, MATCH_CLASS, MARK_CLASS, SELECTION_CLASS, CARET_CLASS)


def luminance(color: Color) -> float:
    """WCAG's relative luminance of an opaque colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast(one: Color, other: Color) -> float:
    """WCAG's contrast ratio of two opaque colours, from 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours(style: Style) -> tuple[Color, Color]:
    """The text and background colours of a resolved Rich style, swapped when it is drawn reversed."""
    assert isinstance(style.color, RichColor) and isinstance(style.bgcolor, RichColor), style
    text, ground = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
    return (ground, text) if style.reverse else (text, ground)


def hue(color: str) -> float:
    """A colour's hue in degrees."""
    parsed = Color.parse(color)
    return colorsys.rgb_to_hls(parsed.r / 255, parsed.g / 255, parsed.b / 255)[0] * 360


def hue_apart(one: float, other: float) -> float:
    """How far apart two hues are on the colour wheel, in degrees (0 to 180)."""
    return min(abs(one - other), 360 - abs(one - other))


async def drawn(theme: str) -> dict[str, float]:
    """The contrast of every coloured text the reader draws in ``theme``, by what it is."""
    ratios: dict[str, float] = {}
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        app.theme = theme
        await pilot.pause()
        view = app.screen.query(SourceView).first()
        for component in (*HIGHLIGHT_CLASSES.values(), *OVERLAYS):
            ratios[component] = contrast(*colours(view.get_component_rich_style(component)))
        for chip in app.screen.query_one(Legend).children:
            ratios[f"legend {' '.join(chip.classes)}"] = contrast(*colours(chip.rich_style))
        headings = app.screen.query_one("#entity-list", OptionList)
        ratios["entity panel heading"] = contrast(
            *colours(headings.get_component_rich_style("option-list--option-disabled")))
        for panel_id in ("#entity-panel", "#case-status"):
            panel: Widget = app.screen.query_one(panel_id)
            ground, hint = panel.background_colors[1], panel.styles.border_subtitle_color
            if panel.styles.auto_border_subtitle_color:  # "auto": the text colour that contrasts most, at its alpha
                hint = ground.get_contrast_text(hint.a)
            ratios[f"{panel_id} keys on its border"] = contrast(ground + hint, ground)
        warning = app.screen.query_one(".status-warning")
        ratios["status warning"] = contrast(*colours(warning.rich_style))
        await pilot.press("o")
        await wait_until(pilot, lambda: bool(app.screen.query(CoverageTable)), "the coverage view")
        table = app.screen.query_one(CoverageTable)
        ratios["coverage: only one source"] = contrast(*colours(table.get_component_rich_style(
            "coverage-table--single")))
        await pilot.press("t")
        await wait_until(pilot, lambda: bool(app.screen.query("TimelineTable")), "the timeline view")
        timeline = app.screen.query_one("TimelineTable")
        ratios["timeline: only one source"] = contrast(*colours(timeline.get_component_rich_style(TIMELINE_SINGLE)))
    return ratios


@pytest.mark.parametrize("theme", READER_THEMES)
async def test_every_coloured_text_reads_in_each_theme_the_reader_ships(theme: str) -> None:
    ratios = await drawn(theme)
    assert {f"source-view--{entity_type}" for entity_type in ENTITY_TYPES} <= ratios.keys()
    assert sum(name.startswith("legend") for name in ratios) == len(ENTITY_TYPES) + 1
    faint = {name: round(ratio, 2) for name, ratio in ratios.items() if ratio < LEAST}
    assert not faint, f"under {LEAST}:1 in {theme}: {faint}"


@pytest.mark.parametrize("dark", [True, False])
def test_each_type_has_a_hue_of_its_own_and_none_is_the_warnings(dark: bool) -> None:
    # Apart by at least 30 degrees from each other and from the warning's amber (Textual's #ffa62b).
    hues = {entity_type: hue(HIGHLIGHTS[dark][entity_type][0]) for entity_type in ENTITY_TYPES}
    for one, other in combinations(ENTITY_TYPES, 2):
        assert hue_apart(hues[one], hues[other]) >= 30, (one, other, hues[one], hues[other])
    warning = hue(READER_THEMES["reader-dark" if dark else "reader-light"].warning or "")
    for entity_type, value in hues.items():
        assert hue_apart(value, warning) >= 30, (entity_type, value, warning)
    # Each type's tint is of its own hue, so a highlight's text and ground tell the same type.
    for entity_type in ENTITY_TYPES:
        color, tint = HIGHLIGHTS[dark][entity_type]
        assert hue_apart(hue(color), hue(tint)) < 15, entity_type


@pytest.mark.parametrize("theme", READER_THEMES)
async def test_the_overlays_are_grey_so_none_looks_like_a_type(theme: str) -> None:
    app = ReaderApp(today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        app.theme = theme
        await pilot.pause()
        view = app.screen.query(SourceView).first()
        grounds = {}
        for component in (SELECTED_CLASS, MATCH_CLASS, MARK_CLASS, SELECTION_CLASS):
            style = view.get_component_rich_style(component)
            ground = Color.from_rich_color(style.bgcolor)
            assert ground.r == ground.g == ground.b, (component, ground)  # no hue at all
            grounds[component] = ground
        # Each overlay has a ground of its own: the selected entity, the matches, the place gone to, a selection.
        assert len(set(grounds.values())) == len(grounds)
