"""Annotating: surgical YAML edits, edit operations, the editing session (undo, refusals, saving)."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.edit import ops
from reader.edit.session import ChangedOnDisk, EditRefused, EditSession
from reader.edit.yamltext import EditError, append_item, insert_item, remove_item, replace_value, set_key
from reader.load import yamlnodes
from reader.load.case_loader import load_case
from reader.model import Span
from reader.paths import default_case

ENTITIES = """\
# People first.
entities:

  - id: a   # the first
    type: person
    name: Alpha
    aliases: [Al, "A."]
    description: >-
      Someone.
    citations:
      - source: s
        quote: "Alpha"

  # ── Places ──

  - id: b
    type: place
    name: Beta
    description: Somewhere.
    citations:
      - source: s
        quote: "Beta"
"""


def changed_lines(old: str, new: str) -> list[str]:
    """The lines of ``old`` that ``new`` does not keep (deleted or replaced)."""
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    return [line for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("delete", "replace")
            for line in old.splitlines()[i1:i2]]


# -- yamltext -----------------------------------------------------------------

def test_append_to_a_block_list_matches_its_indentation_and_blank_lines() -> None:
    change = append_item(ENTITIES, ["entities"], {"id": "c", "type": "place", "name": "Gamma",
                                                  "description": "x", "citations": [{"source": "s", "quote": "G"}]})
    assert changed_lines(ENTITIES, change.text) == []  # nothing the user wrote changed
    assert change.text.endswith('        quote: "Beta"\n\n  - id: c\n    type: place\n    name: Gamma\n'
                                "    description: x\n    citations:\n      - source: s\n        quote: G\n")
    assert yaml.safe_load(change.text)["entities"][2]["name"] == "Gamma"


def test_append_to_a_flow_list_stays_flow() -> None:
    change = append_item(ENTITIES, ["entities", 0, "aliases"], "Mr [A]")
    assert '    aliases: [Al, "A.", Mr [A]]' not in change.text  # would not parse back
    assert yaml.safe_load(change.text)["entities"][0]["aliases"] == ["Al", "A.", "Mr [A]"]
    assert len(change.text.splitlines()) == len(ENTITIES.splitlines())


def test_a_missing_list_is_created_under_its_mapping() -> None:
    change = append_item(ENTITIES, ["entities", 1, "mentions"], {"source": "s", "quote": "it"})
    assert changed_lines(ENTITIES, change.text) == []
    assert yaml.safe_load(change.text)["entities"][1]["mentions"] == [{"source": "s", "quote": "it"}]
    assert "        quote: \"Beta\"\n    mentions:\n      - source: s\n        quote: it\n" in change.text


def test_a_missing_section_is_added_to_an_empty_file() -> None:
    change = append_item("", ["quotes"], {"id": "q", "speaker": "a"})
    assert yaml.safe_load(change.text) == {"quotes": [{"id": "q", "speaker": "a"}]}


def test_insert_before_an_item_keeps_comments_with_their_items() -> None:
    change = insert_item(ENTITIES, ["entities"], 1, {"id": "x", "type": "place"})
    assert changed_lines(ENTITIES, change.text) == []
    assert [e["id"] for e in yaml.safe_load(change.text)["entities"]] == ["a", "x", "b"]


def test_remove_an_item_keeps_the_comments_around_it() -> None:
    first = remove_item(ENTITIES, ["entities"], 0)
    assert "# ── Places ──" in first.text and "# People first." in first.text
    assert [e["id"] for e in yaml.safe_load(first.text)["entities"]] == ["b"]
    last = remove_item(ENTITIES, ["entities"], 1)
    assert "# ── Places ──" in last.text
    assert [e["id"] for e in yaml.safe_load(last.text)["entities"]] == ["a"]
    assert not last.text.endswith("\n\n\n")
    flow = remove_item(ENTITIES, ["entities", 0, "aliases"], 0)
    assert yaml.safe_load(flow.text)["entities"][0]["aliases"] == ["A."]


def test_replace_a_scalar_and_a_folded_block() -> None:
    name = replace_value(ENTITIES, ["entities", 1, "name"], "Béta: the [place]")
    assert yaml.safe_load(name.text)["entities"][1]["name"] == "Béta: the [place]"
    assert changed_lines(ENTITIES, name.text) == ["    name: Beta"]
    folded = set_key(ENTITIES, ["entities", 0], "description", "Someone else.")
    assert yaml.safe_load(folded.text)["entities"][0]["description"] == "Someone else."
    assert changed_lines(ENTITIES, folded.text) == ["    description: >-", "      Someone."]


def test_edits_where_there_is_nothing_to_edit_say_so() -> None:
    with pytest.raises(EditError):
        remove_item(ENTITIES, ["entities"], 5)
    with pytest.raises(EditError):
        replace_value(ENTITIES, ["entities", 0, "nope"], "x")


# -- the session on a copy of the bundled case --------------------------------

@pytest.fixture
def session(tmp_path: Path) -> EditSession:
    folder = tmp_path / "baltabay"
    shutil.copytree(default_case(), folder)
    result = load_case(folder)
    assert result.ok
    return EditSession.open(folder, result)


def span_of(session: EditSession, source_id: str, words: str, occurrence: int = 1) -> Span:
    text = session.case.sources[source_id].text
    start = -1
    for _ in range(occurrence):
        start = text.index(words, start + 1)
    return Span(start, start + len(words))


def test_citation_for_a_repeated_passage_names_its_occurrence(session: EditSession) -> None:
    case = session.case
    assert ops.citation_for(case, "owp", span_of(session, "owp", "Abdujalil Abdurasulov")) == {
        "source": "owp", "quote": "Abdujalil Abdurasulov"}
    second = ops.citation_for(case, "owp", span_of(session, "owp", "union", 2))
    assert second["occurrence"] == 2
    with pytest.raises(EditError):
        ops.citation_for(case, "owp", Span(0, 0))


def test_annotate_a_new_person_cite_a_new_event_save_and_check(session: EditSession) -> None:
    """The issue's acceptance, without the screen: only the intended lines change."""
    before = {path: path.read_text(encoding="utf-8") for path in session.texts}
    span = span_of(session, "industriall", "Kemal Özkan")
    citation = ops.citation_for(session.case, "industriall", span)

    created: list[str] = []

    def add_person(case, texts):
        entity_id, changes = ops.new_entity(case, texts, "person", "Kemal Özkan (2)", "A test person.", citation)
        created.append(entity_id)
        return changes

    session.apply("new person", add_person)
    event_citation = ops.citation_for(session.case, "industriall", span_of(session, "industriall", "campaign"))
    session.apply("new event", lambda case, texts: ops.new_event(case, texts, "reaction", "2019-11",
                                                                 "A test event.", event_citation)[1])
    assert session.unsaved == sorted(session.folder / name for name in ("entities.yaml", "events.yaml"))
    written = session.save()
    assert set(written) == {session.folder / "entities.yaml", session.folder / "events.yaml"}
    assert session.unsaved == []
    reloaded = load_case(session.folder)
    assert reloaded.ok, [p.format() for p in reloaded.problems]
    assert created[0] in reloaded.case.entities
    assert any(event.summary == "A test event." for event in reloaded.case.events)
    for path, old in before.items():
        assert changed_lines(old, path.read_text(encoding="utf-8")) == []  # only lines added


def test_an_edit_that_breaks_the_case_is_refused_with_check_messages(session: EditSession) -> None:
    texts = dict(session.texts)
    with pytest.raises(EditRefused) as refused:
        session.apply("delete", lambda case, t: ops.delete_item(case, t, "entities", "erlan-baltabay"))
    messages = [problem.message for problem in refused.value.problems]
    assert any("erlan-baltabay" in message for message in messages)
    assert session.texts == texts and not session.can_undo  # nothing changed


def test_undo_and_redo_restore_the_exact_texts(session: EditSession) -> None:
    original = dict(session.texts)
    session.apply("alias", lambda case, texts: ops.add_alias(case, texts, "mihra-rittman", "Ms Rittman"))
    edited = dict(session.texts)
    assert "Ms Rittman" in session.case.entities["mihra-rittman"].aliases
    assert session.undo() == "alias"
    assert session.texts == original and "Ms Rittman" not in session.case.entities["mihra-rittman"].aliases
    assert session.redo() == "alias"
    assert session.texts == edited
    assert session.redo() is None


def test_unsaved_compares_content_and_hashes_each_text_once(session: EditSession,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.edit import session as session_module

    hashed: list[int] = []
    fingerprint = session_module._fingerprint
    monkeypatch.setattr(session_module, "_fingerprint", lambda text: (hashed.append(1), fingerprint(text))[1])
    entities = session.folder / "entities.yaml"
    assert session.unsaved == [] and hashed == []  # fingerprinted when read
    session.texts[entities] = session.texts[entities] + "# a comment\n"
    assert session.unsaved == [entities] and len(hashed) == 1
    assert session.unsaved == [entities] and len(hashed) == 1  # asked again: not hashed again
    session.texts[entities] = "".join(session.texts[entities].rpartition("# a comment\n")[:1])  # as on disk again
    assert session.unsaved == [] and len(hashed) == 2  # a new text object with the old content


def test_saving_over_a_file_changed_on_disk_is_refused_until_confirmed(session: EditSession) -> None:
    session.apply("alias", lambda case, texts: ops.add_alias(case, texts, "mihra-rittman", "Ms Rittman"))
    path = session.folder / "entities.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# someone else's edit\n", encoding="utf-8")
    assert session.changed_on_disk() == [path]
    with pytest.raises(ChangedOnDisk) as conflict:
        session.save()
    assert conflict.value.paths == [path]
    assert "someone else's edit" in path.read_text(encoding="utf-8")  # not overwritten
    session.reload()
    assert "Ms Rittman" not in session.case.entities["mihra-rittman"].aliases
    assert "someone else's edit" in session.texts[path]
    session.apply("alias", lambda case, texts: ops.add_alias(case, texts, "mihra-rittman", "Ms Rittman"))
    session.save()
    text = path.read_text(encoding="utf-8")
    assert "someone else's edit" in text and "Ms Rittman" in text


def test_line_endings_and_a_byte_order_mark_survive_a_save(session: EditSession, tmp_path: Path) -> None:
    path = session.folder / "entities.yaml"
    raw = "\ufeff" + path.read_text(encoding="utf-8").replace("\n", "\r\n")
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(raw)
    fresh = EditSession.open(session.folder, load_case(session.folder))
    fresh.apply("alias", lambda case, texts: ops.add_alias(case, texts, "mihra-rittman", "Ms Rittman"))
    fresh.save()
    with path.open(encoding="utf-8", newline="") as file:
        saved = file.read()
    assert saved.startswith("\ufeff") and "\n" not in saved.replace("\r\n", "")
    assert load_case(session.folder).ok


EDITS = st.lists(st.sampled_from(["alias", "mention", "entity", "undo", "exclude"]), min_size=1, max_size=4)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(EDITS, st.integers(0, 30))
def test_any_edits_saved_and_reloaded_give_the_same_model(tmp_path_factory, edits, seed) -> None:
    folder = tmp_path_factory.mktemp("case") / "baltabay"
    shutil.copytree(default_case(), folder)
    session = EditSession.open(folder, load_case(folder))
    originals = {path: path.read_text(encoding="utf-8") for path in session.texts}
    text = session.case.sources["owp"].text
    words = [index for index in range(len(text) - 6) if text[index].isalpha() and not text[index - 1].isalnum()]
    for number, edit in enumerate(edits):
        start = words[(seed * 7 + number * 13) % len(words)]
        span = Span(start, start + 4)
        try:
            if edit == "undo":
                session.undo()
            elif edit == "alias":
                session.apply(edit, lambda c, t, n=number: ops.add_alias(c, t, "ilo", f"I.L.O. {n}"))
            elif edit == "mention":
                citation = ops.citation_for(session.case, "owp", span)
                session.apply(edit, lambda c, t, ci=citation: ops.add_mention(c, t, "kazakhstan", ci))
            elif edit == "exclude":
                citation = ops.citation_for(session.case, "owp", span)
                session.apply(edit, lambda c, t, ci=citation: ops.exclude_mention(c, t, "kazakhstan", ci))
            else:
                citation = ops.citation_for(session.case, "owp", span)
                session.apply(edit, lambda c, t, ci=citation, n=number: ops.new_entity(
                    c, t, "place", f"Place {seed} {n}", "A place.", ci)[1])
        except (EditRefused, EditError):
            pass  # a refused edit changes nothing; the next one goes on from there
    model = session.case
    session.save()
    reloaded = load_case(folder)
    assert reloaded.ok and reloaded.case is not None
    assert {e.id: (e.name, e.aliases) for e in reloaded.case.entities.values()} == {
        e.id: (e.name, e.aliases) for e in model.entities.values()}
    assert reloaded.case.mentions == model.mentions
    for path, old in originals.items():
        assert changed_lines(old, path.read_text(encoding="utf-8")) in ([], *[[line] for line in old.splitlines()
                                                                              if "aliases" in line])


def test_slugs_are_valid_ids() -> None:
    assert ops.slug("Kemal Özkan") == "kemal-ozkan"
    assert ops.slug("2019 sentence") == "item-2019-sentence"
    assert ops.slug("—") == "item"
    assert ops.unique_id("a", {"a", "a-2"}) == "a-3"


def test_a_change_on_disk_is_seen_even_when_the_size_stays_the_same(case_dir: Path) -> None:
    session = EditSession.open(case_dir, load_case(case_dir))
    path = case_dir / "case.yaml"
    assert session.changed_on_disk() == []
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("demo", "dome", 1), encoding="utf-8")  # same size, new content
    assert session.changed_on_disk() == [path]


def test_an_unchanged_file_is_not_read_again_while_its_stamp_holds(case_dir: Path, monkeypatch) -> None:
    from reader.edit import session as session_module

    session = EditSession.open(case_dir, load_case(case_dir))
    reads: list[Path] = []
    real_read = session_module._read
    monkeypatch.setattr(session_module, "_read", lambda path: reads.append(path) or real_read(path))
    assert session.changed_on_disk() == []
    assert reads == []
    path = case_dir / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert session.changed_on_disk() == [path]
    assert reads == [path]


def test_an_edit_reads_the_file_with_its_section_first_and_names_a_missing_item(session: EditSession,
                                                                                monkeypatch) -> None:
    from reader.edit import yamltext

    read: list[str] = []
    compose = yamltext.compose.__wrapped__

    def counting(text: str):
        read.append(next(name for path, name in ((p, p.name) for p in session.texts) if session.texts[path] == text))
        return compose(text)

    monkeypatch.setattr(ops, "compose", counting)
    event_id = session.case.events[0].id
    ops.edit_fields(session.case, session.texts, "events", event_id, summary="Changed.")
    assert read == ["events.yaml"]  # not case.yaml, differences.yaml and entities.yaml before it
    with pytest.raises(EditError, match="no entity `nobody` in the case files"):
        ops.edit_fields(session.case, session.texts, "entities", "nobody", description="Nobody.")


def test_a_section_written_another_way_is_still_found() -> None:
    texts = {Path("a.yaml"): "case: {id: x, title: X}\n", Path("b.yaml"): "{events: [{id: e1, summary: S}]}\n"}
    assert ops._where(texts, "events", "e1") == (Path("b.yaml"), 0)


def test_an_edit_in_a_file_of_more_values_than_the_loader_reads_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # The loader refuses such a file, so an edit never meets one; if it did, it says so rather than crash.
    monkeypatch.setattr(yamlnodes, "MAX_NODES", 5)
    text = "quotes:\n  - {id: a, speaker: b}\n  - {id: c, speaker: d}\n"
    with pytest.raises(EditError, match="the file holds more than"):
        append_item(text, ["quotes"], {"id": "e"})
