"""Spotting what looks annotatable in one source text: names, charges and laws, dates, amounts.

The first half of ``reader suggest`` (:mod:`reader.model.suggest` groups
and ranks what is spotted here). No language model and no dictionary: a
few general rules about English news text.

- **Dates**: a day and a month (``17th July``, ``July 15``, ``1 November,
  2019``), a month and a year (``August 2019``), a year on its own, and a
  month with a rough place in it (``the end of June`` gives ``end of June``).
- **Amounts**: money (``$28,000``, ``HK$50,000``, ``KZT 1.2m``) and numbers
  with a unit (``7 years``, ``seven-year``, ``100 hours``, ``five months and
  eight days``, ``six to eight months``, ``at least 16 people``); followed
  by ``ago`` they are a date (``8 years ago``).
- **Names**: runs of capitalised words (``Erlan Baltabay``, ``Court of
  Final Appeal``), joined across ``of``, ``for``, ``the`` and, when the run
  ends in a word that heads an organisation's name (``Union``,
  ``Organisations``), ``and``. A title (``President``, ``Mr``) before a
  name is cut off and remembered as a hint that it names a person; a word
  that starts a sentence is dropped when the texts also use it in lower
  case (``The``, ``However``), when it is one of a few such words, or,
  alone, when no text capitalises it inside a sentence (``Speaking``).
  The type is guessed from the name's words and what stands around it
  (:func:`guess_name_type`).
- **Charges and laws** in lower case: what follows ``found guilty of``,
  ``charged with``… (``embezzlement``), and the words before ``law`` or
  ``ordinance`` (``national security law``).

Whether a word is a common one is learnt from every text of the case at
once (:class:`Vocabulary`), so one source's sentence-initial ``Police``
is judged by how the others write it.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reader.model.types import Span

#: What a spotted passage is: the kinds of suggestion ``reader suggest`` makes.
NAME, DATE, AMOUNT = "name", "date", "amount"


def word_set(words: str) -> frozenset[str]:
    """The words of a list written as one string, a word a line or a space apart."""
    return frozenset(words.split())


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = rf"(?:{'|'.join(_MONTHS)}|(?:{'|'.join(_MONTH_ABBREVIATIONS)})\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

_DATE = re.compile(
    rf"\b(?:"
    rf"{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"  # 17th July, 1 November, 2019
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?![\d,.]*\d)"  # July 15, 2019 (not July 1,000)
    rf"|{_MONTH},?\s+{_YEAR}"  # August 2019
    rf"|{_YEAR}(?!\s*(?:-|–)?\s*(?:years?|months?|hours?|people|members)\b)"  # 2019 (not 2019 people)
    rf")\b")
# The rough place must name a month or year: "the end of June", "early 2019".
_ROUGH_DATE = re.compile(rf"\b(?:the\s+)?((?:end|beginning|start|middle)\s+of\s+(?:{_MONTH}|{_YEAR})"
                         rf"|(?:early|late|mid-?)\s*(?:{_MONTH}|{_YEAR}))\b")

_NUMBER_WORDS = sorted(word_set("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                               "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
                               "eighty ninety hundred thousand million billion dozen"), key=len, reverse=True)
_NUMBER_WORD = rf"(?:{'|'.join(_NUMBER_WORDS)})(?:[-\s](?:{'|'.join(_NUMBER_WORDS)}))*"
_DIGITS = r"\d[\d,]*(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS}|{_NUMBER_WORD})"
#: Units a count of something is given in, singular and plural (and ``%``).
_UNITS = sorted(word_set("years? months? weeks? days? hours? minutes? people persons? workers? members? protesters? "
                         "activists? prisoners? times? percent per\\s+cent lawmakers? students? journalists? "
                         "defendants? cases? counts? charges? kilometres? kilometers? miles? km"), reverse=True)
_UNIT = rf"(?:{'|'.join(_UNITS)})\b"
_QUALIFIER = r"(?:(?:at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|up\s+to|about|around|almost|" \
             r"nearly|over|some)\s+)"
_CURRENCY = r"(?:[A-Z]{0,3}\$|€|£|¥|₸|(?:KZT|USD|EUR|GBP|HKD|RUB|CNY)\s?)"
_MAGNITUDE = r"(?:\s?(?:m|bn|k|million|billion|thousand)\b)?"
_ONE_AMOUNT = rf"{_NUMBER}(?:\s*-\s*|\s+){_UNIT}"

_AMOUNT = re.compile(
    rf"(?<![\w$€£¥₸])(?:{_QUALIFIER}?(?:"
    rf"{_CURRENCY}{_DIGITS}{_MAGNITUDE}"  # $28,000, HK$50,000, KZT 1.2m
    rf"|{_DIGITS}{_MAGNITUDE}\s?(?:tenge|dollars|euros|pounds|roubles|rubles|yuan)\b"  # 5,000 tenge
    rf"|{_ONE_AMOUNT}(?:(?:,\s*|\s+and\s+){_ONE_AMOUNT})*"  # five months and eight days
    rf"|{_NUMBER}\s+(?:to|and|or)\s+{_ONE_AMOUNT}"  # six to eight months
    rf"|{_DIGITS}\s?%"  # 40%
    rf"))(?P<ago>\s+ago\b)?", re.IGNORECASE)

#: Words that start a sentence without naming anything, even where the texts never write them in lower case.
STOP_WORDS = word_set("""
a an the this that these those there here it its he she they we i you his her their our my your him them us
in on at of for from to by with without after before during since until while when where why how what who whom
which whose if but and or nor so yet also as although though because however meanwhile moreover nevertheless
instead still then thus therefore besides furthermore additionally clearly indeed later earlier today yesterday
tomorrow now last next according despite under over about against among between through into upon
all any both each every many most much no none not one some such other another several few more less
said says told asked added mr mrs ms dr
""")

#: Titles and roles written before a name: they are cut off the name, and tell that it names a person.
TITLES = word_set("""
mr mrs ms miss dr prof professor sir president vice secretary general chief justice judge magistrate
minister prime premier governor mayor director chairman chairwoman chair deputy head leader spokesman
spokeswoman spokesperson lawyer attorney senator representative ambassador commissioner officer inspector
sergeant captain colonel lieutenant king queen prince princess pope bishop father sister brother activist
researcher reporter editor founder senior executive
""")

#: Words that head an organisation's name: a run ending in one may join two halves with ``and``.
ORGANISATION_HEADS = word_set("""
union unions organisation organisations organization organizations federation confederation congress
council committee commission court department ministry government party league association institute
institution university college school agency bank office society foundation group company corporation
assembly parliament watch network centre center alliance coalition movement front trust fund
""")

#: The little words a name may have between its capitalised words: ``Court of Final Appeal``.
_JOINERS = ("of the", "of", "for the", "for", "and the", "and", "de", "du", "des", "la", "le", "van", "von", "der",
            "al", "bin", "ibn", "y", "da", "do", "dos")
_WORD = re.compile(r"[^\W\d_](?:[^\W_]|[’'\-.](?=[^\W\d_]))*")
_POSSESSIVE = re.compile(r"[’']s$")
_SENTENCE_END = re.compile(r"[.!?:;—–][\"'”’)\]]*\s+[\"'“‘(\[]*$|^[\s\"'“‘(\[]*$|\n\s*$|[“‘(\[]$")


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` starts a sentence, a paragraph or a quotation: its capital says nothing."""
    return bool(_SENTENCE_END.search(text[max(0, start - 4):start]))


@dataclass(frozen=True)
class Spotted:
    """A passage of one source that looks annotatable."""

    span: Span
    text: str
    kind: str  # NAME, DATE or AMOUNT
    entity_type: str | None  # the type it most likely has, when the rules can tell
    titled: bool = False  # a name written after a title (``President``, ``Mr``): a person


class Vocabulary:
    """How the case's texts write each word: in lower case (a common word), capitalised inside a sentence (a name)."""

    def __init__(self, texts: Iterable[str]) -> None:
        lower: set[str] = set()
        inside: set[str] = set()
        for text in texts:
            for match in _WORD.finditer(text):
                word = match.group()
                if word[0].islower():
                    lower.add(word)
                elif not starts_sentence(text, match.start()):
                    inside.add(word)
        self._lower = frozenset(lower)
        self._inside = frozenset(inside)

    def is_common(self, word: str) -> bool:
        """Whether ``word`` (capitalised, say at a sentence's start) is a common word rather than a name."""
        plain = word.lower()
        return plain in STOP_WORDS or plain in self._lower

    def capitalised_inside(self, word: str) -> bool:
        """Whether some text capitalises ``word`` inside a sentence, where only a name would be."""
        return word in self._inside


def headline_end(text: str) -> int:
    """Where the first line, the headline, ends."""
    end = text.find("\n")
    return len(text) if end < 0 else end


def title_cased(line: str) -> bool:
    """Whether a line is in title case (``Trade Union Leader Sentenced To 7 Years``): its capitals say nothing."""
    words = [word for word in _WORD.findall(line) if len(word) > 3]
    return len(words) >= 3 and sum(word[0].isupper() for word in words) >= 0.7 * len(words)


def spot(text: str, vocabulary: Vocabulary) -> list[Spotted]:
    """Every date, amount and name-like run of capitalised words in ``text``, in text order."""
    found = list(_spot_patterns(text))
    taken = Spans(item.span for item in found)
    end = headline_end(text)
    skip_headline = title_cased(text[:end])
    previous: Spotted | None = None
    for item in _spot_names(text, vocabulary):
        if skip_headline and item.span.start < end:
            continue
        if taken.overlaps(item.span):
            # A name run on from a date (``On 17th July Erlan Baltabai``) is the words after it.
            after = max(span.end for span in taken.overlapping(item.span))
            tail = text[after:item.span.end].lstrip(" ,")
            if not tail or not tail[0].isupper() or after >= item.span.end:
                continue
            start = item.span.end - len(tail)
            item = Spotted(Span(start, item.span.end), tail, NAME,
                           guess_name_type(tail, text, start, item.span.end, titled=False))
        # A name listed after a person's (``justices Roberto Ribeiro, Joseph Fok and …``) is one too.
        if previous is not None and previous.entity_type == "person" and item.entity_type is None and \
                text[previous.span.end:item.span.start] in (", ", " and ", ", and ") and \
                not _LOWER_WORD_NEXT.match(text, item.span.end):
            item = dataclasses.replace(item, entity_type="person")
        found.append(item)
        previous = item
    return sorted(found, key=lambda item: item.span)


class Spans:
    """Spans (mentions, say), with a fast test of whether another span overlaps one of them."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self._spans = sorted(spans)
        self._starts = [span.start for span in self._spans]
        # A span overlapping [start, end) starts before end, and no earlier than start minus the longest.
        self._longest = max((len(span) for span in self._spans), default=0)

    def overlaps(self, span: Span) -> bool:
        """Whether ``span`` overlaps any of the spans."""
        return bool(self.overlapping(span))

    def overlapping(self, span: Span) -> list[Span]:
        """The spans that ``span`` overlaps."""
        low = bisect.bisect_left(self._starts, span.start - self._longest)
        high = bisect.bisect_left(self._starts, span.end)
        return [other for other in self._spans[low:high] if other.overlaps(span)]


#: What a person is charged with or convicted of (``found guilty of embezzlement``): a charge.
_CHARGE = re.compile(
    r"\b(?:guilty\s+of|convicted\s+of|charged\s+with|accused\s+of|acquitted\s+of|prosecuted\s+for|"
    r"indicted\s+for|arrested\s+for|jailed\s+for|imprisoned\s+for|charges?\s+of|counts?\s+of)\s+"
    r"(?:an?\s+|the\s+)?(?P<charge>[a-z][a-z’'-]*(?:\s+(?!(?:and|or|but|after|before|by|over|at|on|when|which|who|"
    r"for|with|while|since|as|because|was|were|is|are|has|had|offences?|charges?)\b)[a-z][a-z’'-]*){0,8})")
#: A law written in lower case (``national security law``, ``public order ordinance``).
_LAW = re.compile(r"\b(?P<law>(?:[a-z][a-z-]+\s+){1,3}(?:law|ordinance|code|decree|statute))\b")


#: A name followed by a word in lower case (``Central Asia researcher``) is no item of a list of names.
_LOWER_WORD_NEXT = re.compile(r" (?!and\b|or\b)[a-z]")


def _spot_terms(text: str) -> Iterator[Spotted]:
    """Charges and laws written in lower case: what a case is about, though no capital marks them."""
    for match in _CHARGE.finditer(text):
        charge = match.group("charge")
        # Little words never end it: ``sparking protests in`` is ``sparking protests``.
        # nor a verb after it: ``unlawful assembly dismissed``.
        while len(last := charge.rsplit(maxsplit=1)) > 1 and (last[1] in STOP_WORDS or last[1].endswith("ed")):
            charge = last[0]
        if charge not in STOP_WORDS:
            start = match.start("charge")
            yield Spotted(Span(start, start + len(charge)), charge, NAME, "charge")
    for match in _LAW.finditer(text):
        words = match.group("law").split()
        # Only the words right before ``law`` name it: ``rule of law`` names none.
        while words and any(word in STOP_WORDS for word in words[:-1]):
            words = words[1:]
        if len(words) > 1:
            law = " ".join(words)
            end = match.end("law")
            yield Spotted(Span(end - len(law), end), law, NAME, "law")


def _spot_patterns(text: str) -> Iterator[Spotted]:
    """Dates, amounts, charges and laws, the longest where they overlap."""
    matches: list[Spotted] = list(_spot_terms(text))
    for match in _AMOUNT.finditer(text):
        kind, entity_type = (DATE, "date") if match.group("ago") else (AMOUNT, "amount")
        matches.append(Spotted(Span(match.start(), match.end()), match.group(), kind, entity_type))
    for match in _ROUGH_DATE.finditer(text):
        matches.append(Spotted(Span(match.start(1), match.end(1)), match.group(1), DATE, "date"))
    for match in _DATE.finditer(text):
        matches.append(Spotted(Span(match.start(), match.end()), match.group(), DATE, "date"))
    # Longest first; a match overlapping one kept is dropped (matches are short, so only
    # the few kept just before or after it can overlap).
    chosen: list[Spotted] = []
    starts: list[int] = []
    for item in sorted(matches, key=lambda item: (-len(item.span), item.span.start)):
        index = bisect.bisect_left(starts, item.span.start)
        if not any(other.span.overlaps(item.span) for other in chosen[max(0, index - 2):index + 2]):
            chosen.insert(index, item)
            starts.insert(index, item.span.start)
    yield from chosen


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(match.start(), match.end(), match.group()) for match in _WORD.finditer(text)]


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def _spot_names(text: str, vocabulary: Vocabulary) -> Iterator[Spotted]:
    """Runs of capitalised words, cut at titles, sentence-initial common words and ``and``."""
    words = _words(text)
    # Only a capitalised word starts a run: jump from one to the next rather than walk every word.
    capitalised = [number for number, (_, _, word) in enumerate(words) if word[0].isupper()]
    index = 0
    for start in capitalised:
        if start < index:
            continue  # inside the run just made
        index = start
        run = [index]
        cursor = index + 1
        while cursor < len(words):
            gap = text[words[cursor - 1][1]:words[cursor][0]]
            if _capitalised(words[cursor][2]) and _plain_gap(gap):
                run.append(cursor)
                cursor += 1
                continue
            joined = _joined(text, words, cursor - 1, vocabulary)
            if joined is None:
                break
            run.extend(range(cursor, joined + 1))
            cursor = joined + 1
        index = cursor
        yield from _names_in_run(text, words, run, vocabulary)


def _plain_gap(gap: str) -> bool:
    """Whether two capitalised words with ``gap`` between them belong to one name (a space, ``Workers’ Union``)."""
    return gap in (" ", "’ ", "' ", "-")


def _joined(text: str, words: list[tuple[int, int, str]], last: int, vocabulary: Vocabulary) -> int | None:
    """The index of the capitalised word a joiner after word ``last`` leads to (``of``, ``of the``), if any.

    Only a word that is not itself a name leads on to one: ``Court of Final
    Appeal``, ``Decree of the President``, but ``Abdujalil Abdurasulov`` and
    ``the BBC`` are two names.
    """
    word = words[last][2].lower()
    # ``and`` joins freely here: _split_at_and cuts the run again unless it names an organisation.
    leads_on = word in ORGANISATION_HEADS or word in _PLACE_HEADS or vocabulary.is_common(word)
    for joiner in _JOINERS:
        if not leads_on and joiner != "and":
            continue
        parts = joiner.split()
        end = last + len(parts) + 1
        if end >= len(words) or not _capitalised(words[end][2]):
            continue
        if [words[last + 1 + k][2] for k in range(len(parts))] != parts:
            continue
        gaps = [text[words[k][1]:words[k + 1][0]] for k in range(last, end)]
        if all(gap in (" ", "’ ", "' ") for gap in gaps):
            return end
    return None


def _names_in_run(text: str, words: list[tuple[int, int, str]], run: list[int],
                  vocabulary: Vocabulary) -> Iterator[Spotted]:
    """The names in a run of capitalised words: cut at ``and`` (unless an organisation), at titles."""
    for part in _split_at_and(words, run):
        titled = False
        # Drop a common word at a sentence's start, and any title before the name.
        shouting = all(words[position][2].isupper() for position in part) and len(part) > 1  # NEW YORK
        # A title is part of an organisation's name: ``Justice Department``, ``President’s Office``.
        organisation = _POSSESSIVE.sub("", words[part[-1]][2]).lower() in ORGANISATION_HEADS
        while part and not shouting:
            first_start, _, first = words[part[0]]
            sentence_start = starts_sentence(text, first_start)
            plain = first.lower()
            if plain in TITLES and len(part) > 1 and not organisation:
                titled = True
            elif first[0].isupper() and not (sentence_start and _starts_sentence_only(first, len(part), vocabulary)):
                break
            part = part[1:]
        # Titles in the middle (``ITUC General Secretary Sharan Burrow``) end one name and start another;
        # so does a name's possessive (``Admiralty’s Civic Square``, but ``National People’s Congress``).
        pieces: list[list[int]] = [[]]
        for position in part:
            word = words[position][2]
            if word.lower() in TITLES and position != part[-1] and _capitalised(words[position + 1][2]) \
                    and not organisation:
                if pieces[-1]:
                    pieces.append([])
                titled = True
                continue
            pieces[-1].append(position)
            owner = _POSSESSIVE.sub("", word)
            if owner != word and not vocabulary.is_common(owner) and \
                    sum(_capitalised(words[later][2]) for later in part if later > position) >= 2:
                pieces.append([])
        pieces = [piece for piece in pieces if piece]
        for number, piece in enumerate(pieces):
            # Joiners never end a name.
            while piece and not _capitalised(words[piece[-1]][2]):
                piece = piece[:-1]
            if piece:
                yield from _name(text, words, piece, titled=titled and number == len(pieces) - 1)


def _starts_sentence_only(word: str, run_length: int, vocabulary: Vocabulary) -> bool:
    """Whether a capitalised word at a sentence's start is a common word (``However``, ``Speaking``).

    A word the texts write in lower case is; so is a word alone that no
    text capitalises inside a sentence, where a name would be capitalised.
    """
    return vocabulary.is_common(word) or (run_length == 1 and not vocabulary.capitalised_inside(word))


def _split_at_and(words: list[tuple[int, int, str]], run: list[int]) -> list[list[int]]:
    """``Nathan Law and Alex Chow`` is two names; ``Independent Oil and Energy Workers’ Union`` one."""
    if words[run[-1]][2].lower().rstrip("’'s") in ORGANISATION_HEADS or words[run[-1]][2].lower() in \
            ORGANISATION_HEADS:
        return [run]
    parts: list[list[int]] = [[]]
    for position in run:
        if words[position][2] == "and":
            parts.append([])
        else:
            parts[-1].append(position)
    return [part for part in parts if part]


def _name(text: str, words: list[tuple[int, int, str]], piece: list[int], *, titled: bool) -> Iterator[Spotted]:
    start, end = words[piece[0]][0], words[piece[-1]][1]
    possessive = _POSSESSIVE.search(text[start:end])
    if possessive:
        end -= len(possessive.group())
    name = text[start:end]
    if len(piece) == 1 and (name in _MONTHS or name in _WEEKDAYS or len(name) < 2 or name.lower() in TITLES
                            or name.lower() in STOP_WORDS):
        return
    yield Spotted(Span(start, end), name, NAME, guess_name_type(name, text, start, end, titled=titled), titled)


_BEFORE_PERSON = re.compile(rf"\b(?:said|says|told|according\s+to|by|(?:{'|'.join(sorted(TITLES))})s?)\s+$",
                            re.IGNORECASE)
_BEFORE_PLACE = re.compile(r"\b(?:in|at|from|near|across|outside|inside)\s+(?:the\s+)?$")
_AFTER_PERSON = re.compile(r"^,?\s+(?:said|says|told|added|wrote|argued|was\s+(?:sentenced|jailed|arrested|released)"
                           r"|has\s+been\s+(?:sentenced|jailed|arrested|released))\b")
#: A name followed by a role (``Mihra Rittman, Central Asia researcher``): a person.
_ROLE_AFTER = re.compile(rf"^,\s+(?:an?\s+|the\s+)?(?:[\w’'-]+\s+){{0,3}}?(?:{'|'.join(sorted(TITLES))})\b",
                         re.IGNORECASE)
_PLACE_HEADS = word_set("""
square street road avenue prison city province region oblast district county island islands state republic
kingdom building correctional park bridge harbour port village town
""")


def guess_name_type(name: str, text: str, start: int, end: int, *, titled: bool) -> str | None:
    """The entity type a name most likely has, from its words and what stands around it (None: cannot tell)."""
    words = [word.lower() for word in _WORD.findall(name)]
    if not words:
        return None
    if any(word in _PLACE_HEADS for word in words):
        return "place"
    # The head of a name is at its end ("Supreme Court"), or before its "of" ("Court of Human Rights").
    heads = words[-2:] + [words[at - 1] for at, word in enumerate(words) if at and word in ("of", "for")]
    if any(word.rstrip("’'s") in ORGANISATION_HEADS or word in ORGANISATION_HEADS for word in heads) or \
            (len(words) == 1 and name.replace("-", "").replace(".", "").isupper() and len(name) > 1):
        return "organisation"
    if titled:
        return "person"
    before = text[max(0, start - 16):start]
    after = text[end:end + 40]
    if _BEFORE_PLACE.search(before):
        return "place"
    if _AFTER_PERSON.search(after) or _BEFORE_PERSON.search(before) or _ROLE_AFTER.search(after):
        return "person"
    return None
