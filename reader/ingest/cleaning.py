"""What the page around an article leaves in its extracted text, removed and recorded.

The rules are the ones the bundled cases were cleaned by by hand
(``content/baltabay/CLEANING.md``, ``content/civic-square/CLEANING.md``),
applied where trafilatura leaves that residue:

- one paragraph a line, paragraphs separated by one blank line, the
  headline first, a final line break;
- non-breaking and other Unicode spaces become ordinary spaces, runs of
  spaces one space, and no line ends in spaces;
- page furniture goes: "Jump to main content" and other skip links,
  breadcrumbs (``Home > News > …``), share and print buttons, "Back to top",
  a logo's text, cookie notices, the borders of a layout table;
- the byline, the publisher's name and the printed date, where they stand
  as paragraphs of their own (or the date glued to the start of the first
  paragraph), go to ``case.yaml`` (``author``, ``publisher``, ``date``);
- a paragraph repeated straight after itself is kept once;
- control characters and terminal escape sequences (a page's attempt at the
  terminal, never text) are removed.

Nothing else is touched: spelling, typography and wording stay as
published. Each removal is described in words, for the case's
``CLEANING.md`` and for the command's report. Nothing here imports
trafilatura: it works on text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from reader.model.text_safety import find_unsafe

#: Unicode spaces that stand in for an ordinary one (CLEANING.md: "replaced by an ordinary space").
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_NAMES = {"\u00a0": ("non-breaking space", "U+00A0"), "\u202f": ("narrow non-breaking space", "U+202F")}
_RUNS = re.compile(r"[ \t]{2,}")
#: Links and buttons of the page, as whole paragraphs (letter case ignored).
_FURNITURE = re.compile(
    r"(?:jump|skip)(?: to)?(?: the)? (?:main )?(?:content|navigation|article)|back to top|to top|top of page"
    r"|share(?: this(?: article| page| story)?)?(?: on \w+)?|teilen(?: auf)?(?: \w+)?|partager(?: sur \w+)?"
    r"|print(?: this(?: article| page)?)?|drucken|imprimer|tweet|e-?mail this(?: article| page)?"
    r"|read more|weiterlesen|lire la suite|advertisement|anzeige|publicité|menu|close|schließen|fermer"
    r"|home|startseite|accueil|inicio"
    r"|(?:[\w.&' -]{1,60} )?(?:logo|logotype|logotyp)",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"\s(?:>|›|»|/|→)\s")
_COOKIES = re.compile(r"cookie", re.IGNORECASE)
_COOKIE_VERBS = re.compile(r"\b(?:use|uses|using|accept|consent|agree|verwende\w*|benutz\w*|nutz\w*|akzeptier\w*|"
                           r"utilis\w*|accept\w*|zustimm\w*)\b", re.IGNORECASE)
_TABLE_EDGE = re.compile(r"^(?:\|\s*)+|(?:\s*\|)+$")
_BY = re.compile(r"^(?:by|von|par|por|di|door)\s+", re.IGNORECASE)


@dataclass
class Cleaned:
    """The cleaned text and, in words, each change made to it."""

    text: str
    changes: list[str] = field(default_factory=list)


def clean_article(text: str, *, title: str | None, author: str | None, publisher: str | None,
                  date: str | None) -> Cleaned:
    """``text`` (paragraphs one a line) cleaned by the rules of the module's docstring."""
    changes: list[str] = []
    text = remove_unsafe(text, changes)
    text = _ordinary_spaces(text, changes)
    paragraphs = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    paragraphs = _table_edges(paragraphs, changes)
    paragraphs = [p for p in paragraphs if p]
    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        reason = _furniture(paragraph, author=author, publisher=publisher, date=date,
                            at_edge=index < 3 or index >= len(paragraphs) - 3)
        if reason:
            changes.append(f"removed {reason}: `{paragraph}`")
        elif kept and paragraph == kept[-1]:
            changes.append(f"removed a paragraph repeated straight after itself: `{_short(paragraph)}`")
        else:
            kept.append(paragraph)
    kept = _glued_date(kept, date, changes)
    if not kept:  # nothing of an article: not a page of one headline
        return Cleaned("", changes)
    if title and _same(kept[0], title):
        pass  # the headline is already the first paragraph
    elif title:
        later = next((i for i, p in enumerate(kept[:4]) if _same(p, title)), None)
        if later is not None:  # a kicker or a section label above the headline
            for paragraph in kept[:later]:
                changes.append(f"removed `{paragraph}`, which stood above the headline")
            kept = kept[later:]
        else:
            kept.insert(0, title)
            changes.append("added the headline, from the page's title, as the first paragraph")
    return Cleaned("\n\n".join(kept) + "\n" if kept else "", changes)


def remove_unsafe(text: str, changes: list[str]) -> str:
    """Remove control characters and escape sequences (tabs and line breaks stay); bidi controls stay.

    Run on the page before its article is extracted, too: the HTML parser drops the escape character
    itself and would leave the rest of a sequence (``[31m``) in the text as if it were words.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    findings = [f for f in find_unsafe(text) if f.kind != "bidi" and text[f.start:f.end] != "\t"]
    if not findings:
        return text
    parts, last = [], 0
    for finding in findings:
        parts.append(text[last:finding.start])
        last = finding.end
    parts.append(text[last:])
    escapes = sum(1 for f in findings if f.kind == "escape")
    words = []
    if escapes:
        words.append(f"{escapes} terminal escape sequence{'s' if escapes > 1 else ''}")
    if len(findings) > escapes:
        count = len(findings) - escapes
        words.append(f"{count} control character{'s' if count > 1 else ''}")
    changes.append(f"removed {' and '.join(words)}: commands to a terminal, not text")
    return "".join(parts)


def _ordinary_spaces(text: str, changes: list[str]) -> str:
    counts: dict[str, int] = {}
    for match in _SPACES.finditer(text):
        counts[match.group()] = counts.get(match.group(), 0) + 1
    for char, count in sorted(counts.items()):
        name, code = _SPACE_NAMES.get(char, ("Unicode space", f"U+{ord(char):04X}"))
        changes.append(f"replaced {count} {name}{'s' if count > 1 else ''} ({code}) by ordinary spaces")
    text = _SPACES.sub(" ", text)
    runs = sum(1 for line in text.split("\n") for _ in _RUNS.finditer(line.strip()))
    if runs:
        changes.append(f"collapsed {runs} run{'s' if runs > 1 else ''} of spaces inside a line to one space")
    return "\n".join(_RUNS.sub(" ", line.strip()) for line in text.split("\n"))


def _table_edges(paragraphs: list[str], changes: list[str]) -> list[str]:
    """Drop the empty cells and borders (``|  |``) a page laid out in a table leaves at a line's ends."""
    result, count = [], 0
    for paragraph in paragraphs:
        if paragraph.startswith("|") or paragraph.endswith("|"):
            stripped = _TABLE_EDGE.sub("", paragraph).strip()
            if "|" not in stripped:  # a real table (cells side by side) is left as it is
                count += 1
                paragraph = stripped
        result.append(paragraph)
    if count:
        changes.append(f"removed the borders of the page's layout table (`|`) around {count} "
                       f"paragraph{'s' if count > 1 else ''}")
    return result


def _furniture(paragraph: str, *, author: str | None, publisher: str | None, date: str | None,
               at_edge: bool) -> str | None:
    """Why ``paragraph`` is page furniture or metadata, or None when it is the article's."""
    bare = paragraph.strip(" .:|·•–—-")
    if _FURNITURE.fullmatch(bare):
        return "a link or button of the page"
    if len(paragraph) < 300 and len(_BREADCRUMB.findall(f" {paragraph} ")) >= 2 and not paragraph.endswith("."):
        return "the breadcrumb trail (the page's place in the site)"
    if _COOKIES.search(paragraph) and _COOKIE_VERBS.search(paragraph) and len(paragraph) < 600:
        return "the cookie notice"
    if at_edge and author and _same(_BY.sub("", bare), author):
        return "the byline (now `author`)"
    if at_edge and publisher and _same(bare, publisher):
        return "the publisher's name (now `publisher`)"
    if date and _is_dateline(paragraph, date):
        return "the printed date (now `date`)"
    return None


def _is_dateline(paragraph: str, date: str) -> bool:
    """Whether ``paragraph`` is only a date (in any language), the date found: a few words with its year and day."""
    if len(paragraph) > 60 or len(paragraph.split()) > 6 or (paragraph.endswith((".", "!", "?")) and \
            not re.search(r"\d\.$", paragraph)):
        return False
    year, _, day = date.split("-")
    numbers = re.findall(r"\d+", paragraph)
    return year in numbers and str(int(day)) in {n.lstrip("0") for n in numbers}


def _glued_date(paragraphs: list[str], date: str | None, changes: list[str]) -> list[str]:
    """Remove the date printed at the very start of the first paragraphs (``1 November, 2019IndustriALL …``)."""
    if not date:
        return paragraphs
    year, month, day = (int(part) for part in date.split("-"))
    month_names = f"(?:{calendar.month_name[month]}|{calendar.month_abbr[month]})\\.?"
    forms = [rf"0?{day}(?:st|nd|rd|th)?\.? {month_names},? {year}", rf"{month_names} 0?{day},? {year}",
             rf"0?{day}\.0?{month}\.{year}", rf"{year}-{month:02d}-{day:02d}"]
    glued = re.compile(rf"^(?:{'|'.join(forms)})(?=[A-Z\u00c0-\u024f“\"])", re.IGNORECASE)
    for index, paragraph in enumerate(paragraphs[:3]):
        match = glued.match(paragraph)
        if match:
            changes.append(f"removed the date `{match.group()}` glued to the start of a paragraph (now `date`)")
            paragraphs = [*paragraphs[:index], paragraph[match.end():].lstrip(), *paragraphs[index + 1:]]
            break
    return paragraphs


def _same(a: str, b: str) -> bool:
    def fold(text: str) -> str:
        return " ".join(re.sub(r"[\"'“”‘’«»„]", "", text).casefold().split()).strip(" .:")
    return fold(a) == fold(b)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
