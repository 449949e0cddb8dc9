"""Unicode normal forms: a quote or name in NFC matches a source in NFD and the other way round.

Spans always index the original text, whatever form it is in, so a
highlight or a ``line:col`` lands on the characters the file really holds.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.load.case_loader import load_case
from reader.model.anchor import FoldedText, NameMatcher, NormalMap, find_name_mentions, name_owners
from reader.model.types import Citation, Entity, FuzzyDate, Source, Span
from tests.support.case_files import ENTITIES_YAML, WEEKLY_TEXT, problem_texts, write_case


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def source(text: str) -> Source:
    return Source("src", Path("src.txt"), text, "title", "publisher", FuzzyDate(), "news")


def name_mentions(text: str, *names: str) -> list[str]:
    """The passages of ``text`` found as mentions of an entity with these names."""
    owners = name_owners([Entity("p", "person", names[0], "", [], aliases=names[1:])])
    passages = []
    for automaton in (True, False):  # both engines
        found = find_name_mentions(source(text), FoldedText(text), NameMatcher(owners, automaton=automaton))
        passages.append([text[m.span.start:m.span.end] for m in found])
    assert passages[0] == passages[1]
    return passages[0]


SENTENCE = "Kemal Özkan met José Peña in Zürich; Ömer and Mr Lê Văn Hiến came later."


@pytest.mark.parametrize(("text_form", "quote_form"), [(nfd, nfc), (nfc, nfd), (nfd, nfd)])
@pytest.mark.parametrize("quote", ["José Peña in Zürich", "Özkan", "Lê Văn Hiến came"])
def test_quotes_match_across_normal_forms_and_spans_index_the_original(text_form, quote_form, quote: str) -> None:
    text = text_form(SENTENCE)
    match = FoldedText(text).locate(Citation("src", quote_form(quote)))
    assert match.span is not None
    passage = text[match.span.start:match.span.end]
    assert passage == text_form(quote)  # the original characters, in the original's form
    assert nfc(passage) == nfc(quote)


def test_offsets_after_a_decomposed_letter_still_index_the_original() -> None:
    text = nfd("Öz Öz Öz end")  # each Ö is two code points in the text
    assert len(text) == 15
    assert FoldedText(text).find_all("end") == [Span(12, 15)]
    assert FoldedText(text).find_all(nfc("Öz")) == [Span(0, 3), Span(4, 7), Span(8, 11)]


def test_a_quote_never_cuts_a_letter_from_its_accent() -> None:
    text = nfd("José") + " and " + "q\u0307"  # q̇ has no precomposed form, even in NFC
    folded = FoldedText(text)
    assert folded.find_all("Jose") == []
    assert folded.find_all("q") == []
    assert folded.find_all("q\u0307") == [Span(len(text) - 2, len(text))]
    assert folded.find_all("os") == [Span(1, 3)]  # inside a word is fine; it is a quote, not a name


def test_the_closest_passage_is_a_span_of_the_original() -> None:
    text = nfd("Kemal Özkan, General Secretary, met Erlan Baltabay in Shymkent.")
    match = FoldedText(text).locate(Citation("src", "Özkan, General Secretery, met"))
    assert match.closest is not None
    passage = text[match.closest.start:match.closest.end]
    assert nfc(passage) == "Özkan, General Secretary, met"


@pytest.mark.parametrize(("text_form", "name_form"), [(nfd, nfc), (nfc, nfd)])
def test_names_match_across_normal_forms(text_form, name_form) -> None:
    text = text_form(SENTENCE)
    assert name_mentions(text, name_form("José Peña"), name_form("Zürich")) == [text_form("José Peña"),
                                                                               text_form("Zürich")]


def test_a_name_does_not_match_the_bare_letters_of_an_accented_word() -> None:
    assert name_mentions(nfd("José and Jose"), "Jose") == ["Jose"]
    assert name_mentions("q\u0307 and q", "q") == ["q"]
    assert name_mentions("\u0301Jose", "Jose") == []  # a stray mark belongs to the word before it


def test_hangul_written_as_jamo_matches_syllables() -> None:
    text = nfd("김정은 위원장")  # NFD splits each syllable into two or three jamo
    assert name_mentions(text, "김정은") == [text[:len(nfd("김정은"))]]


def test_loader_matches_names_and_quotes_across_forms(tmp_path: Path) -> None:
    # The source is written decomposed (as macOS tools sometimes save it); the YAML composed.
    weekly = nfd(WEEKLY_TEXT.replace("Baltabai released", "Baltabai released by Özkan’s union"))
    entities = ENTITIES_YAML + nfc("""\
  - id: kemal-ozkan
    type: person
    name: Özkan
    description: Mentioned.
    citations:
      - source: weekly
        quote: "released by Özkan’s union"
""")
    folder = write_case(tmp_path / "case", {"sources/weekly.txt": weekly, "entities.yaml": entities})
    result = load_case(folder)
    assert problem_texts(result) == []
    case = result.case
    assert case is not None
    text = case.sources["weekly"].text
    assert text == weekly  # kept as written
    mention = next(m for m in case.mentions["weekly"] if m.entity_id == "kemal-ozkan")
    assert text[mention.span.start:mention.span.end] == nfd("Özkan")
    citation = case.entities["kemal-ozkan"].citations[0]
    assert citation.span is not None
    assert text[citation.span.start:citation.span.end] == nfd("released by Özkan’s union")


def test_names_that_differ_only_in_normal_form_clash(tmp_path: Path) -> None:
    entities = ENTITIES_YAML.replace("    aliases: [Baltabay, Erlan Baltabai, Baltabai]",
                                     "    aliases: [Baltabay, Erlan Baltabai, Baltabai, " + nfc("Peña") + "]")
    entities += "  - id: other\n    type: person\n    name: " + nfd("Peña") + \
        "\n    description: x.\n    citations:\n      - source: daily\n        quote: union leader\n"
    result = load_case(write_case(tmp_path / "case", {"entities.yaml": entities}))
    assert any("belongs to several entities: `erlan-baltabay`, `other`" in text for text in problem_texts(result))


# --- properties ---------------------------------------------------------------------------

#: Letters that have composed and decomposed forms, marks with no composed form,
#: Hangul, Indic vowel signs that compose with the letter before them, plain text.
LETTERS = ["a", "e", "o", "n", "A", "é", "ö", "ñ", "Å", "ệ", "ǘ", "q\u0307", "x\u0323\u0301", "각", "한",
           "\u1100\u1161", "কো", "ক", "கி", "\u0b92\u0bd7", "ю\u0301", "ﬁ", "Ω", "Ω", " ", " ", "\n", "’", "—", "."]


@st.composite
def clusters(draw: st.DrawFn) -> list[str]:
    """A text as a list of clusters (a letter and its marks never split), each in a random form."""
    forms = st.sampled_from([nfc, nfd, lambda s: s])
    return [draw(forms)(draw(st.sampled_from(LETTERS))) for _ in range(draw(st.integers(1, 25)))]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=40)
       | st.text(st.sampled_from("".join(LETTERS) + "\u0300\u0301\u0308\u0327\u1161\u11a8\u0bbe"), max_size=40))
@example("\u1100\u1161\u11a8")
@example("\u0bc6\u0bbe\n\u0301a")
def test_the_normal_copy_is_nfc_and_maps_back_monotonically(text: str) -> None:
    mapping = NormalMap(text)
    assert mapping.normal == nfc(text)
    starts = [mapping.start(i) for i in range(len(mapping.normal) + 1)]
    ends = [mapping.end(i) for i in range(len(mapping.normal) + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert starts[0] == ends[0] == 0 and ends[-1] == len(text)
    # A stretch of the copy maps to whole stretches of the original that hold it.
    third = len(mapping.normal) // 3
    span = mapping.span(Span(third, 2 * third))
    assert mapping.normal[third:2 * third] in nfc(text[span.start:span.end])
    assert mapping.span(Span(0, len(mapping.normal))) == Span(0, len(text))


@settings(max_examples=200, deadline=None)
@given(clusters(), st.data())
@example(["\u1100\u1161", "\u11a8", "a"], None)
def test_any_passage_in_any_form_is_found_at_its_original_offsets(parts: list[str], data) -> None:
    if data is None:  # the explicit example: the whole text, composed
        first, last, quote_form = 0, len(parts), nfc
    else:
        first = data.draw(st.integers(0, len(parts) - 1))
        last = data.draw(st.integers(first + 1, len(parts)))
        quote_form = data.draw(st.sampled_from([nfc, nfd]))
    text = "".join(parts)
    start = len("".join(parts[:first]))
    end = start + len("".join(parts[first:last]))
    passage = text[start:end]
    if not passage.strip() or nfc(text) != "".join(nfc(part) for part in parts):
        return  # whitespace only, or clusters that compose across the join (a jamo after a syllable)
    quote = quote_form(passage)
    # Trim whitespace as matching does; the passage then starts and ends on a cluster.
    start += len(passage) - len(passage.lstrip())
    end -= len(passage) - len(passage.rstrip())
    folded = FoldedText(text)
    earlier = [span for span in folded.find_all(quote) if span.start < start]
    match = folded.locate(Citation("src", quote, occurrence=len(earlier) + 1))
    assert match.span == Span(start, end)
    assert " ".join(nfc(text[start:end]).split()) == " ".join(nfc(quote).split())
