"""Wrapping and cleaning source text: pure functions, no terminal needed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.ui.widgets.wrap import Row, _wrap_line, _wrap_narrow_line, clean, wrap


def shown(text: str, rows: list[Row]) -> list[str]:
    return [text[row.start : row.end] for row in rows]


def test_wraps_on_word_boundaries_and_keeps_paragraphs() -> None:
    text = "Hello world this is a test\n\nNext paragraph"
    assert shown(text, wrap(text, 10)) == ["Hello", "world this", "is a test", "", "Next", "paragraph"]


def test_rows_never_exceed_the_width_in_cells() -> None:
    text = "中文中文中文 ok — naïve café 👩‍👩‍👧 family " * 5
    for width in range(2, 30):
        for line in shown(text, wrap(text, width)):
            assert cell_len(line) <= width, (width, line)


def test_wide_characters_count_two_cells() -> None:
    text = "中文中文中文"
    assert shown(text, wrap(text, 5)) == ["中文", "中文", "中文"]


def test_a_word_longer_than_the_row_is_cut() -> None:
    text = "x abcdefghij y"
    assert shown(text, wrap(text, 4)) == ["x", "abcd", "efgh", "ij y"]


def test_no_character_but_break_spaces_is_lost() -> None:
    text = "  indented line\n\nwith   several   spaces inside and a verylongwordindeed\n"
    rows = wrap(text, 7)
    kept = "".join(shown(text, rows))
    assert kept.replace(" ", "") == text.replace(" ", "").replace("\n", "")



def test_clean_replaces_controls_one_for_one() -> None:
    text = "a\x1b]52;c;SGVsbG8=\x07b\tc\x9b31md\x7fe\r\n"
    cleaned = clean(text)
    assert len(cleaned) == len(text)
    assert cleaned == "a␛]52;c;SGVsbG8=␇b c\ufffd31md␡e␍\n"
    assert not any((ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) < 0xA0 for ch in cleaned)


def test_a_final_newline_adds_no_blank_row() -> None:
    assert shown("one\n", wrap("one\n", 10)) == ["one"]
    assert shown("one\n\n", wrap("one\n\n", 10)) == ["one", ""]


@given(st.text(alphabet=st.sampled_from("ab  ’—é"), max_size=60), st.integers(1, 12))
def test_narrow_lines_wrap_as_the_general_rule_does(line: str, width: int) -> None:
    # A line of narrow characters takes the fast path; it must give the rows the general rule gives.
    expected: list[Row] = []
    _wrap_line(line, 5, width, expected)
    rows: list[Row] = []
    _wrap_narrow_line(line, 5, width, rows)
    assert rows == expected
    assert wrap(line, width) == [Row(row.start - 5, row.end - 5) for row in expected]


def test_a_line_with_a_wide_or_combining_character_takes_the_general_rule() -> None:
    for text in ("ab 中文 cd ef", "cafe\u0301 au lait", "tab\there x"):
        assert all(cell_len(line) <= 4 for line in shown(text, wrap(text, 4))), text
    assert shown("ab 中文 cd", wrap("ab 中文 cd", 4)) == ["ab", "中文", "cd"]
