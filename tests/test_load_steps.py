"""The loader's steps, one by one: anchoring returns spans, and the case is built whole with them.

``load_case`` runs read → build → check → anchor and then builds the case
again with the spans anchoring found. These tests run the steps by hand and
check what each hands on: the case as written has no span and no mention,
anchoring leaves it as it was, and the case built at the end is the one
``load_case`` gives, with new citations rather than patched ones.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reader.load.anchoring import anchor_case
from reader.load.build import Built, anchored, build_case
from reader.load.case_loader import load_case
from reader.load.check import check_references
from reader.load.problems import Problems
from reader.load.read import read_sections, read_source_texts
from reader.model.anchor import name_owners
from reader.model.types import Span
from reader.paths import default_case


def built(folder: Path, problems: Problems) -> Built:
    """Read and build the case in ``folder``, as ``load_case`` does before it checks and anchors."""
    sections = read_sections(folder, problems)
    assert sections is not None
    return build_case(folder, sections, read_source_texts(folder, sections.lists["sources"]), problems)


def test_anchoring_returns_spans_and_the_case_is_built_again_with_them() -> None:
    folder = default_case()
    problems = Problems()
    written = built(folder, problems)
    check_references(written, problems)
    assert not problems.errors
    as_written = written.case.all_citations()
    # The bundled case has captions, explicit mentions and terms: every kind of citation is here.
    assert len(as_written) > 50 and all(citation.span is None for citation in as_written)
    assert written.case.mentions == {}

    anchors = anchor_case(written.case, name_owners(written.case.entities.values()))

    assert anchors.problems == []
    assert len(anchors.spans) == len(as_written) and None not in anchors.spans
    # Anchoring changed nothing: the case as written still has no span and no mention.
    assert written.case.all_citations() == as_written
    assert all(citation.span is None for citation in written.case.all_citations())
    assert written.case.mentions == {}

    case = anchored(written.case, anchors.spans, anchors.mentions)

    assert case == load_case(folder).case
    placed = case.all_citations()
    assert [citation.span for citation in placed] == anchors.spans
    assert [dataclasses.replace(citation, span=None) for citation in placed] == as_written
    assert not {id(citation) for citation in placed} & {id(citation) for citation in as_written}
    assert case.mentions == anchors.mentions and sum(map(len, case.mentions.values())) > 100
    for citation in placed:
        text = case.sources[citation.source_id].text
        assert citation.span is not None and text[citation.span.start:citation.span.end].strip()


def test_a_quote_not_found_gets_no_span_and_anchoring_reports_it(case_dir: Path) -> None:
    events = case_dir / "events.yaml"
    # only the event's own citation; the prison term it imposes cites the same passage, still right
    events.write_text(events.read_text().replace('\n        quote: "was sentenced to seven years',
                                                 '\n        quote: "was jailed for seven years'))
    problems = Problems()
    written = built(case_dir, problems)
    citations = written.case.all_citations()
    missing = next(i for i, c in enumerate(citations) if c.quote.startswith("was jailed"))

    anchors = anchor_case(written.case, name_owners(written.case.entities.values()))

    assert anchors.spans[missing] is None
    assert sum(span is None for span in anchors.spans) == 1
    assert [(p.location, p.message) for p in anchors.problems] == [
        (citations[missing].location, "quote not found in `daily` (daily.txt)")]
    result = load_case(case_dir)
    assert result.case is None
    assert [p.format() for p in result.problems] == [p.format() for p in anchors.problems]


def test_a_loaded_case_cannot_be_patched() -> None:
    case = load_case(default_case()).case
    assert case is not None
    citation = case.events[0].citations[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        citation.span = Span(0, 1)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.events[0].citations = []  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.quotes[0].citation = citation  # type: ignore[misc]
