"""The reader's own two themes, dark and light, and the colours of the highlights in every theme.

One colour, one meaning, everywhere in the app:

- a **hue** says an entity's type: each of the seven types has its own
  (text in the hue on a faint tint of it), and nothing else uses them;
- **amber** (the theme's warning colour) says "check this": a single
  source, a dispute, an end that has passed; no type is amber;
- **greys, reverse and underline** say where you are: the selected
  entity's mentions, the search matches and passages asked for, the place
  you were taken to, the text selected to annotate;
- **blue** (the theme's primary) is the frame: borders, the focus, the
  cursor.

Textual's own dark and light themes give three types the same blue and
three the same amber, and some of their text falls under the 4.5:1
contrast WCAG asks for; ``reader-dark`` and ``reader-light`` are those
themes with the reader's hues (:data:`HIGHLIGHTS`, checked by
tests/ui/test_contrast.py in both themes) and darker or lighter text where
it was too faint. Any other theme the user picks gets the palette of its
kind, dark or light (:func:`highlight_variables`).
"""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES, Theme

from reader.model.vocabulary import ENTITY_TYPES

#: Each entity type's text colour and the colour of its tint, in a dark and a light theme. Hues, in
#: degrees: person 210 (blue), organisation 265 (violet), place 130 (green), law 176 (teal), charge 0
#: (red), amount 311 (magenta), date 72 (olive): apart from each other and from the warning's amber (35).
HIGHLIGHTS: dict[bool, dict[str, tuple[str, str]]] = {
    True: {  # dark: light text on a dark tint
        "person": ("#7CC0FF", "#2F7FD6"),
        "organisation": ("#CDAAFF", "#8A4FE0"),
        "place": ("#8EDD9A", "#3E9E4E"),
        "law": ("#5CDDD5", "#1E9990"),
        "charge": ("#FF9494", "#C93B3B"),
        "amount": ("#F7A6E8", "#B8409F"),
        "date": ("#C8DE6E", "#86A01E"),
    },
    False: {  # light: dark text on a light tint
        "person": ("#08427F", "#4C96E8"),
        "organisation": ("#54249A", "#A27AE8"),
        "place": ("#175222", "#5DBA6C"),
        "law": ("#004F50", "#3CB8B0"),
        "charge": ("#7E101B", "#E56A6A"),
        "amount": ("#701660", "#D878C4"),
        "date": ("#3F4F00", "#ADC23A"),
    },
}

#: The look of "only 2" (:func:`reader.model.across.only`) in text the views build: the warning colour,
#: as the coverage and timeline tables' ``--single`` component classes have it (styles/views.tcss).
SINGLE_SOURCE_STYLE = "$text-warning"

#: How much of its tint a highlight's background takes over the background it is drawn on.
TINT = "28%"


def highlight_variables(dark: bool) -> dict[str, str]:
    """The CSS variables of the highlights (``$person-color``, ``$person-background``…) for a dark or light theme."""
    variables: dict[str, str] = {}
    for entity_type in ENTITY_TYPES:
        color, tint = HIGHLIGHTS[dark][entity_type]
        variables[f"{entity_type}-color"] = color
        variables[f"{entity_type}-background"] = f"{tint} {TINT}"
    return variables


def _reader_theme(name: str, base: Theme, *, panel: str | None = None, foreground: str | None = None,
                  **variables: str) -> Theme:
    """Textual's ``base`` theme with the reader's highlights, and the colours and ``variables`` it changes.

    The accent is the primary colour: Textual's accent is the same amber as
    the warning, and the reader keeps amber for warnings alone.
    """
    return Theme(name=name, primary=base.primary, secondary=base.secondary, warning=base.warning,
                 error=base.error, success=base.success, accent=base.primary, foreground=foreground or base.foreground,
                 background=base.background, surface=base.surface, panel=panel or base.panel, boost=base.boost,
                 dark=base.dark, luminosity_spread=base.luminosity_spread, text_alpha=base.text_alpha,
                 variables={**base.variables, **highlight_variables(base.dark), **variables})


#: The reader's dark theme, the default: Textual's dark one with the reader's hues, and a neutral panel
#: (the bottom bar) so the legend's tints read on it as they do in the text.
READER_DARK = _reader_theme(
    "reader-dark", BUILTIN_THEMES["textual-dark"],
    panel="#1E252B", **{"footer-key-foreground": "#6CB0EE"},
)
#: The reader's light theme: Textual's light one with the reader's hues, and darker text where its
#: grey and amber were too faint on the light grounds (dimmed and muted text, warnings, the footer's keys).
READER_LIGHT = _reader_theme(
    "reader-light", BUILTIN_THEMES["textual-light"], foreground="#0A0A0A",
    **{"text-muted": "auto 72%", "text-warning": "#7A4A00", "footer-key-foreground": "#004578"},
)
#: The themes the reader ships, by name; the first is the default.
READER_THEMES = {theme.name: theme for theme in (READER_DARK, READER_LIGHT)}
#: Textual's themes the reader's replace: a setting saved with one of them opens the reader's.
REPLACES = {"textual-dark": READER_DARK.name, "textual-light": READER_LIGHT.name}
