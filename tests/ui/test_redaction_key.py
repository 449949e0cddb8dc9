"""R hides sensitive people's names in the reader, for screen sharing."""

from __future__ import annotations

from reader.ui.screens.case import CaseScreen
from reader.ui.widgets.source_view import SourceView
from tests.support.cases import make_case, reader_for
from tests.support.pilot import palette_search, screen_text


def witness_case():
    case = make_case({"court": "Hearing\n\nAigerim Sadykova told the court that Aigerim Sadykova saw it.\n",
                      "press": "Press\n\nA witness, Sadykova, spoke.\n"},
                     {"court": [("person", "Aigerim Sadykova")]})
    witness = next(iter(case.entities.values()))
    witness.sensitive = True
    witness.role = "witness"
    witness.aliases = ("Sadykova",)
    witness.description = "Aigerim Sadykova, a witness."
    return case


async def test_r_replaces_sensitive_names_everywhere_and_back() -> None:
    app = reader_for(witness_case())
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert "Aigerim Sadykova" in screen_text(app)
        await pilot.press("R")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen) and screen.redacted
        text = screen_text(app)
        assert "Sadykova" not in text and "[witness 1]" in text
        for view in screen.query(SourceView):
            assert "Sadykova" not in view.source.text
        # The highlight moved with the text: it covers the label now.
        court = screen.query_one("#source-court SourceView", SourceView)
        first = court.highlights[0]
        assert court.source.text[first.start:first.end] == "[witness 1]"
        await palette_search(pilot, "witness")
        assert "Sadykova" not in screen_text(app)
        await pilot.press("escape", "R")
        await pilot.pause()
        assert not screen.redacted and "Aigerim Sadykova" in screen_text(app)


async def test_r_says_so_when_no_one_is_sensitive() -> None:
    app = reader_for(make_case({"a": "Alpha\n\nText.\n"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        assert not app.screen.redacted
        assert "No one in this case is marked sensitive" in str(app.screen.query_one("#status-line").render())
