"""What a new user's attack on the status model found, held fixed (tests/probe_cases, issue 19).

Each case in tests/probe_cases was written from docs/format.md alone, with
what a careful reader would say at each date written down first
(tests/probe_cases/EXPECTED.md). These tests hold the reader to the answers
it got wrong: a measure shown in force before it began, an acquittal beside a
prison term with no word said, changes after a measure had ended, a measure
that ends before it begins; and "since when" and "how old" worked out
differently in each view (the status command, the watchlist, the sidebar,
the timeline), where the model now says each once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
from pathlib import Path
from textwrap import dedent

import pytest

from reader.cli import main
from reader.load.case_loader import load_case
from reader.model.status import CaseStatus, PersonStatus, case_status
from reader.model.types import Case
from reader.model.watchlist import Flag, case_rows
from reader.ui.app import ReaderApp
from reader.ui.widgets.person_status import person_blocks, says_text
from tests.support.case_files import story_case
from tests.support.pilot import wait_until

PROBES = Path(__file__).resolve().parent / "probe_cases"
TODAY = dt.date(2026, 12, 2)


def loaded(name: str) -> Case:
    result = load_case(PROBES / name)
    assert result.case is not None, [str(p) for p in result.problems]
    return result.case


def person(status: CaseStatus, person_id: str) -> PersonStatus:
    found = status.person(person_id)
    assert found is not None
    return found


def on(case: Case, day: str | None) -> CaseStatus:
    return case_status(case, as_of=dt.date.fromisoformat(day) if day else None, today=TODAY)


def messages(name: str) -> list[str]:
    return [f"{p.severity.value}: {p.message}" for p in load_case(PROBES / name).problems]


def test_a_ban_that_begins_after_the_prison_term_is_not_in_force_before_it_begins() -> None:
    case = loaded("lowmarsh-fine")
    mira = person(on(case, "2021-04-12"), "mira-stallworth")
    assert [m.label for m in mira.measures] == ["imprisonment, 3 years"]
    assert [m.label for m in mira.not_begun] == ["ban on posts or activity, 5 years"]
    assert mira.not_begun[0].began.display() == "date unknown (not before 12 April 2024) (inferred)"
    later = person(on(case, "2024-06-01"), "mira-stallworth")
    assert "ban on posts or activity, 5 years" in [m.label for m in later.measures]  # it may have begun by then


def test_a_prison_term_is_not_served_before_the_custody_that_began_it() -> None:
    case = loaded("quarrel-suspended")
    before = person(on(case, "2019-08-03"), "tamsin-quarrel")
    assert "imprisonment, 2 years" not in [m.label for m in before.measures]
    [waiting] = [m for m in before.not_begun if m.measure.kind == "imprisonment"]
    assert waiting.began.display() == "5 August 2019"
    assert waiting.until == "5 August 2021 (computed, if served in full)"  # counted from custody, not the ruling
    after = person(on(case, "2019-08-06"), "tamsin-quarrel")
    assert "imprisonment, 2 years" in [m.label for m in after.measures]


def test_an_acquittal_beside_a_measure_in_force_is_said_at_the_status_and_warned_at_check() -> None:
    case = loaded("acquitted-with-prison-in-force")
    status = on(case, None)
    bruno = person(status, "bruno-kessmer")
    assert bruno.stage == "acquitted"
    assert any(w.startswith("acquitted, yet no source here says what became of the imprisonment")
               for w in bruno.warnings)
    assert "warning: `appeal`: acquitted for `bruno-kessmer`, but no event ends `k-prison`" in \
        messages("acquitted-with-prison-in-force")
    assert "warning: `appeal`: charges dropped for `ada-varnholt`, but no event ends `v-prison`" in \
        messages("acquitted-with-prison-in-force")


def test_changes_after_a_measure_ended_are_warned_about_and_a_reduction_that_lengthens_too() -> None:
    found = messages("changes-after-the-end")
    assert "warning: `appeal` changes measure `v-prison` (reduced) after `pardon` ended it (pardoned)" in found
    assert "warning: measure `v-prison` reduced from 6 years to 9 years" in found
    assert "warning: `appeal` changes measure `k-prison` (began) after `pardon` ended it (served)" in found


def test_a_measure_that_ends_before_it_begins_is_refused() -> None:
    found = messages("contradictory-measures")
    assert "error: measure `m1` ends (1 January 2019) before `verdict`, which imposed it (9 March 2020)" in found
    assert "error: measure `m7` ends (1 June 2020) before its start (1 January 2021)" in found


@pytest.mark.parametrize("name", ["lowmarsh-fine", "quarrel-suspended", "marlovia-five", "brackwater-disputed",
                                  "undated-appeal-since"])
def test_the_probe_cases_that_are_well_formed_check_clean(name: str) -> None:
    assert messages(name) == []


# --- one "since" and one "newest source" per person, shown alike everywhere (issue 19, findings 1-4) ---------

def status_text(*args: str) -> str:
    """``reader status`` as text, its lines joined: what a user reads, wrapped or not."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["status", *args, "--today", TODAY.isoformat()])
    assert code == 0
    return " ".join(out.getvalue().split())


def test_since_is_the_undated_reduction_with_the_bound_that_counted_it_not_the_verdict() -> None:
    case = loaded("undated-appeal-since")
    status = on(case, "2020-10-01")
    ada = person(status, "ada-varnholt")
    change = ada.last_change
    assert change is not None
    assert (change.step.step.event.id, change.what) == ("appeal", "imprisonment, 4 years: reduced to 4 years")
    assert change.date.display() == "date unknown (not after 21 September 2020)"  # the source that reports it
    assert change.latest == dt.date(2020, 9, 21) and change.earliest is None
    [row] = [r for r in case_rows(PROBES / "undated-appeal-since", case, status) if r.person_id == "ada-varnholt"]
    assert row.since == change  # the watchlist shows the same change
    text = status_text(str(PROBES / "undated-appeal-since"), "--as-of", "2020-10-01", "--person", "ada-varnholt")
    assert ("Since date unknown (not after 21 September 2020): imprisonment, 4 years: reduced to 4 years "
            "(appeal)") in text
    assert "Since 9 March 2020" not in text
    # the proceedings line keeps the bound the reader used to count the appeal as happened
    assert "since date unknown (not after 21 September 2020): appeal (appeal)" in text
    blocks = " ".join(str(w.render()) for w in person_blocks(case, status, ada, 0)[:1])
    assert "since not after 21 Sep 2020: imprisonment reduced to 4 years" in " ".join(blocks.split())


def test_the_newest_source_behind_a_status_is_the_same_in_every_view() -> None:
    case = loaded("brackwater-disputed")
    status = on(case, None)
    ilse = person(status, "ilse-brackwater")
    assert ilse.headline == "acquitted" and ilse.source_ids == ("blog",)
    # Free Voices (10 June 2022) is newer, but the acquittal rests on the undated blog alone.
    assert ilse.newest_source is not None and ilse.newest_source.source.id == "blog"
    assert status.newest_source is ilse.newest_source
    [row] = case_rows(PROBES / "brackwater-disputed", case, status, stale_after=30)
    assert row.newest_source is ilse.newest_source
    [stale] = [note.detail for note in row.flags if note.flag is Flag.STALE]
    assert "the newest: Brackwater Family Blog" in stale
    text = status_text(str(PROBES / "brackwater-disputed"))
    assert ("How old newest source behind the status: Brackwater Family Blog, undated; not before 20 May 2022 "
            "(inferred): at most about 5 years ago") in text
    assert "Freshness As of Brackwater Family Blog" in text and "As of Free Voices" not in text
    says = " ".join(str(says_text(case, status, ilse)).split())
    assert "As of Brackwater Family Blog" in says and "Free Voices" not in says
    # Varnholt: the CLI named Open Bar Association, the sidebar Rights Watch Marlovia; now both the latter.
    acquitted = loaded("acquitted-with-prison-in-force")
    now = on(acquitted, None)
    ada = person(now, "ada-varnholt")
    assert ada.newest_source is not None and ada.newest_source.source.publisher == "Rights Watch Marlovia"
    text = status_text(str(PROBES / "acquitted-with-prison-in-force"), "--person", "ada-varnholt")
    assert "How old newest source behind the status: Rights Watch Marlovia" in text
    says = " ".join(str(says_text(acquitted, now, ada)).split())
    assert "As of Rights Watch Marlovia" in says


async def test_the_timeline_header_and_its_freshness_name_the_same_source() -> None:
    app = ReaderApp(result=load_case(PROBES / "brackwater-disputed"), today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_until(pilot, lambda: app.screen.query("#status-0"), "the sidebar")
        head = str(app.screen.query_one("#status-says-0").render())
        assert "As of Brackwater Family Blog" in head and "Free Voices" not in head
        await pilot.press("t")
        await wait_until(pilot, lambda: app.screen.query("#timeline-now"), "the timeline")
        now = str(app.screen.query_one("#timeline-now").render())
        fresh = str(app.screen.query_one("#timeline-fresh").render())
        assert "as of Brackwater Family Blog" in now and fresh.startswith("As of Brackwater Family Blog")
        assert "Free Voices" not in now + fresh


def test_the_reported_basis_shows_only_what_published_sources_give() -> None:
    case = loaded("brackwater-disputed")
    status = case_status(case, as_of=dt.date(2022, 6, 5), basis="reported", today=TODAY)
    ilse = person(status, "ilse-brackwater")
    assert ilse.since is not None and ilse.since.display() == "20 May 2022"  # the Ledger's date; Free Voices: 10 June
    [prison] = ilse.measures
    assert prison.until == "20 May 2027 (computed, if served in full)" and prison.difference_ids == ()
    assert status.unseen_differences == {"sentence-date", "term-length"}
    text = status_text(str(PROBES / "brackwater-disputed"), "--as-of", "2022-06-05", "--basis", "reported")
    assert "(Free Voices Network)" not in text  # its date is not given as a source's (its name is in a summary)
    assert "18 May 2022" not in text and "sentence-date" not in text and "term-length" not in text
    # by what had happened, both dates and both differences stand
    happened = status_text(str(PROBES / "brackwater-disputed"), "--as-of", "2022-06-05")
    assert "18 May 2022 (Free Voices Network); 20 May 2022 (Northern Ledger)" in happened
    assert "sentence-date" in happened and "term-length" in happened


def test_an_unknown_start_is_said_unknown_and_an_inferred_one_not_called_stated(tmp_path: Path) -> None:
    folder = tmp_path / "unknown-start"
    shutil.copytree(PROBES / "undated-appeal-since", folder)
    events = folder / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "term: {years: 6}, citations:", "term: {years: 6}, start: {date: unknown}, citations:"), encoding="utf-8")
    ada = person(case_status(loaded_from(folder), today=TODAY), "ada-varnholt")
    [prison] = ada.measures
    assert prison.start_unknown and prison.computed_end is None
    assert prison.until == "not known: its start is unknown, so the end of its 4 years cannot be counted"
    text = status_text(str(folder), "--person", "ada-varnholt")
    assert "since not known: no source says when it began; imposed 9 March 2020 (verdict)" in text
    assert "date unknown (stated)" not in text and "no length to count from" not in text
    # a start worked out from the text is inferred, not stated
    mira = status_text(str(PROBES / "lowmarsh-fine"), "--as-of", "2024-06-01", "--person", "mira-stallworth")
    assert "date unknown (not before 12 April 2024) (inferred), imposed (verdict)" in mira
    assert "(inferred) (stated)" not in mira
    assert "ban on posts or activity, 5 years: may have begun to be served (verdict)" in mira


def loaded_from(folder: Path) -> Case:
    result = load_case(folder)
    assert result.case is not None, [str(p) for p in result.problems]
    return result.case


# -- what the format could not say: weeks, a fine paid, a retrial ordered --------------------------

def test_weeks_a_paid_fine_and_a_retrial_ordered(tmp_path: Path) -> None:
    text = ("On 3 March 2021 Ana Vell was jailed for three weeks and fined 200 euros. She paid the fine on "
            "10 March 2021. On 1 June 2021 the Supreme Court quashed her conviction and ordered a retrial.")
    folder = story_case(tmp_path / "case", people={"ana-vell": "Ana Vell"}, sources={"post": ("2021-06-02", text)},
                        events=dedent("""\
        events:
          - id: sentence
            kind: sentence
            date: 2021-03-03
            summary: Jailed for three weeks and fined.
            people: [ana-vell]
            proceedings: convicted
            measures:
              - id: jail
                kind: imprisonment
                term: {weeks: 3}
                citations: [{source: post, quote: "jailed for three weeks"}]
              - id: fine
                kind: fine
                amount: {value: 200, currency: euros}
                citations: [{source: post, quote: "fined 200 euros"}]
            citations: [{source: post, quote: "Ana Vell was jailed for three weeks"}]
          - id: payment
            kind: fine
            date: 2021-03-10
            summary: She pays the fine.
            people: [ana-vell]
            changes:
              - measure: fine
                action: paid
                citations: [{source: post, quote: "She paid the fine on 10 March 2021"}]
            citations: [{source: post, quote: "She paid the fine"}]
          - id: cassation
            kind: appeal
            date: 2021-06-01
            summary: The Supreme Court quashes the conviction and orders a retrial.
            people: [ana-vell]
            proceedings: retrial-ordered
            changes:
              - measure: jail
                action: quashed
                citations: [{source: post, quote: "quashed her conviction"}]
            citations: [{source: post, quote: "ordered a retrial"}]
        """))
    result = load_case(folder)
    assert result.case is not None and [str(p) for p in result.problems] == []
    early = person(case_status(result.case, as_of=dt.date(2021, 3, 5), today=TODAY), "ana-vell")
    assert [(m.label, m.until) for m in early.measures] == [
        ("imprisonment, 3 weeks", "24 March 2021 (computed, if served in full)"), ("fine, 200 euros", None)]
    paid = person(case_status(result.case, as_of=dt.date(2021, 3, 11), today=TODAY), "ana-vell")
    assert [m.label for m in paid.measures] == ["imprisonment, 3 weeks"]
    assert [(m.label, m.ended_by.words) for m in paid.ended_measures if m.ended_by] == [("fine, 200 euros", "paid")]
    now = person(case_status(result.case, today=TODAY), "ana-vell")
    assert now.stage_words == "conviction quashed, retrial ordered" and now.measures == ()


def test_an_extension_moves_the_end_or_leaves_it_open_and_never_warns_of_a_stale_computed_end(tmp_path: Path) -> None:
    text = ("On 1 February 2018 a court held Lev Orn in pre-trial detention for two months. On 28 March 2018 "
            "it extended his detention until 10 June 2018. In June his detention was extended again.")
    folder = story_case(tmp_path / "case", people={"lev-orn": "Lev Orn"}, sources={"post": ("2018-07-01", text)},
                        events=dedent("""\
        events:
          - id: remand
            kind: arrest
            date: 2018-02-01
            summary: Held in pre-trial detention for two months.
            people: [lev-orn]
            proceedings: under-investigation
            measures:
              - id: detention
                kind: pre-trial-detention
                term: {months: 2}
                citations: [{source: post, quote: "held Lev Orn in pre-trial detention for two months"}]
            citations: [{source: post, quote: "a court held Lev Orn in pre-trial detention"}]
          - id: first-extension
            kind: other
            date: 2018-03-28
            summary: Detention extended to 10 June.
            people: [lev-orn]
            changes:
              - measure: detention
                action: extended
                end: {date: 2018-06-10}
                citations: [{source: post, quote: "it extended his detention until 10 June 2018"}]
            citations: [{source: post, quote: "it extended his detention"}]
          - id: second-extension
            kind: other
            date: 2018-06
            summary: Detention extended again.
            people: [lev-orn]
            changes:
              - measure: detention
                action: extended
                citations: [{source: post, quote: "his detention was extended again"}]
            citations: [{source: post, quote: "In June his detention was extended again."}]
        """))
    result = load_case(folder)
    assert result.case is not None and [str(p) for p in result.problems] == []

    def detention(day: dt.date | None):
        lev = person(case_status(result.case, as_of=day, today=TODAY), "lev-orn")
        return lev, next(m for m in lev.all_measures if m.id == "detention")

    lev, seen = detention(dt.date(2018, 3, 15))
    assert seen.until == "1 April 2018 (computed, if served in full)" and lev.warnings == ()
    lev, seen = detention(dt.date(2018, 5, 1))  # past the computed end, but extended to 10 June: no warning
    assert seen.in_force and seen.until == "10 June 2018 (stated)" and lev.warnings == ()
    lev, seen = detention(None)  # extended again, for how long no one says: still in force, no end computed
    assert seen.in_force and seen.until == "not known: it was extended, and no source says until when"
    assert lev.warnings == ()


def test_time_already_served_is_credited_by_the_start_and_the_sentence_is_not_in_force_before_it(
        tmp_path: Path) -> None:
    """A term counted from the arrest (credit for time in custody) runs from its `start`, yet only once imposed."""
    text = ("Ana Verdi was arrested on 10 January 2020 and held in pre-trial detention. On 1 June 2020 the court "
            "sentenced Ana Verdi to three years in prison, counting the time she had spent in detention since "
            "10 January 2020.")
    folder = story_case(tmp_path / "case", people={"ana-verdi": "Ana Verdi"}, sources={"post": ("2020-06-02", text)},
                        events=dedent("""\
        events:
          - id: arrest
            kind: arrest
            date: 2020-01-10
            summary: Arrested and held in pre-trial detention.
            people: [ana-verdi]
            proceedings: accused
            measures:
              - id: detention
                kind: pre-trial-detention
                citations: [{source: post, quote: "held in pre-trial detention"}]
            citations: [{source: post, quote: "Ana Verdi was arrested on 10 January 2020"}]
          - id: sentence
            kind: sentence
            date: 2020-06-01
            summary: Three years in prison, counted from the arrest.
            people: [ana-verdi]
            proceedings: convicted
            measures:
              - id: prison
                kind: imprisonment
                term: {years: 3}
                start: {date: 2020-01-10}
                citations: [{source: post, quote: "counting the time she had spent in detention since 10 January 2020"}]
            changes:
              - measure: detention
                action: replaced
                by: prison
                citations: [{source: post, quote: "sentenced Ana Verdi to three years in prison"}]
            citations: [{source: post, quote: "On 1 June 2020 the court sentenced Ana Verdi"}]
        """))
    result = load_case(folder)
    assert result.case is not None and [str(p) for p in result.problems] == []
    case = result.case
    held = person(on(case, "2020-03-01"), "ana-verdi")
    assert [m.label for m in held.measures] == ["pre-trial detention, length not given"]
    assert held.stage_words == "accused"
    sentenced = person(on(case, "2020-07-01"), "ana-verdi")
    assert [(m.label, m.began.text, m.until) for m in sentenced.measures] == [
        ("imprisonment, 3 years", "2020-01-10", "10 January 2023 (computed, if served in full)")]
    assert [m.label for m in sentenced.ended_measures] == ["pre-trial detention, length not given"]
    assert not sentenced.warnings
    after = person(on(case, "2023-02-01"), "ana-verdi")
    assert [w for w in after.warnings if "10 January 2023" in w and "no source says" in w]
