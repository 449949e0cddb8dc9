"""Suggestions: what a case's sources name that no entity covers yet, best first (``reader suggest``, ``u``).

:mod:`reader.model.spotting` finds names, dates and amounts in each
source; here they are grouped by what they say (letter case and typography
aside), the passages an entity's mention already covers are dropped, and
what is left is ranked by how many sources and mentions carry it.

A name that is another spelling of a known entity (``Baltabai`` of
``Erlan Baltabay``, ``Yeleusinov`` of ``Eleusinov``, a surname on its own)
is suggested as an alias of it. Spellings are compared after folding both
to plain Latin letters (``unidecode``) and evening out the usual
transliteration choices (``y``/``i``, ``q``/``k``, ``kh``/``h``, doubled
letters, a ``ye`` that starts a word), then with ``rapidfuzz``'s edit
ratio. Spellings of one name that no entity has yet are gathered into one
suggestion, their variants listed with it.

Both libraries are imported only when suggestions are asked for, never at
start-up.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.model.anchor import fold_normal
from reader.model.spotting import AMOUNT, DATE, NAME, Spans, Spotted, Vocabulary, spot
from reader.model.types import Case, Entity, Source, Span

#: What a suggestion is: a new name, date or amount, or another name of a known entity.
ALIAS = "alias"
SUGGESTION_KINDS = (NAME, DATE, AMOUNT, ALIAS)

#: How alike two spellings must be, as rapidfuzz's ratio (0-100) of their folded forms: as a whole,
#: and word by word (so ``Nathan Law`` and ``Nathan Lau``, one letter apart, stay two people).
SIMILAR_NAMES = 88
SIMILAR_WORDS = 80
#: Names shorter than this (folded) are compared exactly: ``Law`` and ``Lai`` are not spellings of one name.
SHORTEST_FUZZY = 5
#: How many characters of text a place's context shows on each side.
CONTEXT_CHARACTERS = 32


#: How much each guessed type adds to a suggestion's rank (see :func:`_suggestion`).
_TYPE_WEIGHTS = {"person": 0.75, "organisation": 0.5, "place": 0.5, "charge": 0.75, "law": 0.5, "date": 0.75,
                 "amount": 0.25}
_YEAR_ONLY = re.compile(r"\d{4}")
_MONEY = re.compile(r"[$€£¥₸]|\b(?:KZT|USD|EUR|GBP|HKD|RUB|CNY|tenge|dollars|euros|pounds|roubles|rubles|yuan)\b",
                    re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """Where a suggested text occurs: its source, span, line and column (counted from 1), and some context."""

    source_id: str
    span: Span
    text: str
    line: int
    column: int
    context: str


@dataclass(frozen=True)
class Suggestion:
    """Something the sources name that no annotation covers, and what it most likely is."""

    text: str
    kind: str  # one of SUGGESTION_KINDS
    entity_type: str | None  # the entity type it most likely has (None: the rules cannot tell)
    places: tuple[Place, ...]
    alias_of: str | None = None  # for ALIAS: the id of the entity it is another name of
    variants: tuple[str, ...] = ()  # other spellings in the sources, gathered into this suggestion
    score: float = field(default=0.0, compare=False)

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources it occurs in, in the order of its places."""
        return tuple(dict.fromkeys(place.source_id for place in self.places))


def fold_key(text: str) -> str:
    """A text as suggestions and names are compared: folded typography, lower case, single spaces."""
    return " ".join(fold_normal(text).casefold().split())


_NUMBERS = {word: str(number) for number, word in enumerate(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"))}
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(_NUMBERS)})\b")
_PLURAL = re.compile(r"(?<=[a-z])s\b")


def quantity_key(text: str) -> str:
    """A date or amount as it is compared: ``seven-year``, ``7 Years`` and ``seven years`` are one.

    Number words are written as digits, hyphens as spaces, plurals singular.
    """
    key = fold_key(text).replace("-", " ")
    key = _NUMBER_WORD.sub(lambda match: _NUMBERS[match.group()], key)
    return " ".join(_PLURAL.sub("", key).split())


_TRANSLITERATION = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"[^a-z0-9]+", " "),  # hyphens, apostrophes, dots
    (r"\b(?:a|an|the)\b", " "),  # "participating in an unlawful assembly" is "participating in unlawful assembly"
    (r"\bye", "e"), (r"\byo", "o"), (r"\bya", "a"), (r"\byu", "u"),
    (r"dzh|zh|j", "j"), (r"kh", "h"), (r"ck|q|c(?=[aou])", "k"), (r"ph", "f"), (r"w", "v"), (r"ou", "u"),
    (r"y", "i"), (r"(.)\1+", r"\1"),
)]


def transliterated(text: str) -> str:
    """A name folded to plain Latin letters with the usual transliteration choices evened out.

    ``Baltabai`` and ``Baltabay`` both give ``baltabai``; ``Qushaqbaev``
    and ``Kushakbayev`` give ``kushakbaev`` and ``kushakbaiev``.
    """
    from unidecode import unidecode  # imported here: only suggestions need it, never start-up

    folded = unidecode(fold_normal(text)).lower()
    for pattern, replacement in _TRANSLITERATION:
        folded = pattern.sub(replacement, folded)
    return " ".join(folded.split())


def similar(one: str, other: str) -> bool:
    """Whether two transliterated names are spellings of one name (see :data:`SIMILAR_NAMES`)."""
    if one == other:
        return True
    if len(one) < SHORTEST_FUZZY or len(other) < SHORTEST_FUZZY:
        return False
    from rapidfuzz.fuzz import ratio  # imported here: only suggestions need it, never start-up

    words, other_words = one.split(), other.split()
    if len(words) != len(other_words) or ratio(one, other) < SIMILAR_NAMES:
        return False
    return all(a == b or (min(len(a), len(b)) >= SHORTEST_FUZZY - 1 and ratio(a, b) >= SIMILAR_WORDS)
               for a, b in zip(words, other_words, strict=True))


@dataclass(eq=False)  # compared by identity: a group is one place in the gathering
class _Group:
    """The places of one text (letter case aside) while suggestions are worked out."""

    kind: str
    spotted: list[Spotted] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    variants: list[_Group] = field(default_factory=list)
    alias_of: str | None = None

    @property
    def text(self) -> str:
        """The spelling written most often; on a tie, the one with fewer capitals (not a headline's ``7 Years``)."""
        counts = Counter(item.text for item in self.spotted)
        return max(counts, key=lambda text: (counts[text], -sum(char.isupper() for char in text)))

    @property
    def all_places(self) -> list[Place]:
        return [*self.places, *(place for variant in self.variants for place in variant.all_places)]

    def votes(self) -> Counter[str]:
        """What the rules made of each place: how many say it names a person, an organisation, a place."""
        votes: Counter[str] = Counter()
        for group in (self, *self.variants):
            for item in group.spotted:
                if item.entity_type is not None:
                    votes[item.entity_type] += 2 if item.titled else 1
        return votes

    def entity_type(self) -> str | None:
        votes = self.votes()
        if votes:
            return votes.most_common(1)[0][0]
        # Two to four capitalised words that are no organisation or place: most often someone's name.
        words = self.text.split()
        return "person" if self.kind == NAME and 2 <= len(words) <= 4 and all(w[0].isupper() for w in words) \
            else None


def suggest(case: Case) -> list[Suggestion]:
    """What the case's sources name that no entity covers, best first."""
    vocabulary = Vocabulary(source.text for source in case.sources.values())
    known = _known_names(case.entities.values())
    groups: dict[tuple[str, str], _Group] = {}
    order = {source_id: number for number, source_id in enumerate(case.sources)}
    for source_id, source in case.sources.items():
        covered = Spans(mention.span for mention in case.mentions.get(source_id, ()))
        for item in spot(source.text, vocabulary):
            key = fold_key(item.text) if item.kind == NAME else quantity_key(item.text)
            if fold_key(item.text) in known or covered.overlaps(item.span):
                continue
            group = groups.setdefault((item.kind, key), _Group(item.kind))
            group.spotted.append(item)
            group.places.append(_place(source, item.span))
    names = [group for (kind, _), group in groups.items() if kind == NAME]
    _match_known(names, case.entities.values())
    gathered = _gather_spellings([group for group in names if group.alias_of is None])
    kept = [group for group in groups.values() if group.kind != NAME or group.alias_of is not None]
    suggestions = [_suggestion(group, order) for group in [*kept, *gathered]]
    # Another name of an entity has that entity's type.
    suggestions = [dataclasses.replace(s, entity_type=case.entities[s.alias_of].type)
                   if s.alias_of in case.entities else s for s in suggestions]
    return sorted(suggestions, key=lambda s: (-s.score, s.places[0].source_id not in order,
                                              order.get(s.places[0].source_id, 0), s.places[0].span.start))


def _known_names(entities: Iterable[Entity]) -> set[str]:
    return {fold_key(name) for entity in entities for name in entity.names}


def _place(source: Source, span: Span) -> Place:
    line, column = source.line_col(span.start)
    text = source.text
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    start = max(line_start, span.start - CONTEXT_CHARACTERS)
    end = min(line_end, span.end + CONTEXT_CHARACTERS)
    # Cut at a word's edge, so the context starts and ends with whole words.
    if start > line_start:
        space = text.find(" ", start, span.start)
        start = space + 1 if space >= 0 else start
    if end < line_end:
        space = text.rfind(" ", span.end, end)
        end = space if space >= 0 else end
    context = " ".join(text[start:end].split())
    context = f"{'…' if start > line_start else ''}{context}{'…' if end < line_end else ''}"
    return Place(source.id, span, text[span.start:span.end], line, column, context)


def _match_known(groups: Sequence[_Group], entities: Iterable[Entity]) -> None:
    """Mark each name that is another spelling of a known entity, or a known person's surname, as its alias."""
    spellings: dict[str, list[tuple[str, str]]] = defaultdict(list)  # bucket -> (transliterated, entity id)
    surnames: dict[str, set[str]] = defaultdict(set)  # folded last word of a person's name -> entity ids
    for entity in entities:
        for name in entity.names:
            folded = transliterated(name)
            if folded:
                spellings[_bucket(folded)].append((folded, entity.id))
        words = fold_key(entity.name).split()
        if entity.type == "person" and len(words) > 1:
            surnames[words[-1]].add(entity.id)
    for group in groups:
        folded = transliterated(group.text)
        owners = {entity_id for name, entity_id in spellings.get(_bucket(folded), ()) if similar(folded, name)}
        if not owners:
            owners = surnames.get(fold_key(group.text), set())
        if len(owners) == 1:
            group.alias_of = owners.pop()


def _bucket(folded: str) -> tuple[str, int]:
    """Names compared with each other: those with the same first letter and number of words."""
    return folded[:1], len(folded.split())


def _gather_spellings(groups: list[_Group]) -> list[_Group]:
    """Gather the spellings of one name into the group of its most frequent one; surnames into the full name.

    ``Baltabai`` and ``Baltabay``, written in different sources, are one
    suggestion; so are ``Erlan Baltabay`` and ``Baltabay`` when no other
    name of several words ends in ``Baltabay``.
    """
    by_size = sorted(groups, key=lambda group: -len(group.all_places))
    heads: list[_Group] = []
    buckets: dict[tuple[str, int], list[tuple[str, _Group]]] = defaultdict(list)
    for group in by_size:
        folded = transliterated(group.text)
        bucket = buckets[_bucket(folded)]
        head = next((head for name, head in bucket if similar(folded, name)), None)
        if head is None:
            bucket.append((folded, group))
            heads.append(group)
        else:
            head.variants.append(group)
    # A full name with more to it (``Alex Chow Yong-kang``) joins the one person's name it starts
    # with; then a surname on its own, the one full name of a person that has it.
    heads = _join_to_people(heads, longer=True)
    return _join_shorter_names(_join_to_people(heads, longer=False))


def _join_shorter_names(heads: list[_Group]) -> list[_Group]:
    """Join a shorter name of an organisation or place to the longer one with all its words, first and last alike.

    ``Eastern Court`` and ``Eastern Law Court`` are ``Eastern Magistrates’
    Court``. Only names of capitalised words: ``Court of Appeal`` and
    ``Court of Final Appeal`` are two courts.
    """
    def words(group: _Group) -> list[str]:
        return transliterated(group.text).split()

    candidates = [group for group in heads if group.entity_type() in ("organisation", "place")
                  and all(word[:1].isupper() for word in group.text.split()) and len(words(group)) > 1]
    longest_first = sorted(candidates, key=lambda group: (-len(words(group)), -len(group.all_places)))
    joined: set[int] = set()
    for number, shorter in enumerate(longest_first):
        short = words(shorter)
        owners = [longer for longer in longest_first[:number] if id(longer) not in joined
                  and len(words(longer)) > len(short) and words(longer)[0] == short[0]
                  and words(longer)[-1] == short[-1] and set(short) <= set(words(longer))]
        if len(owners) == 1:
            owners[0].variants.append(shorter)
            joined.add(id(shorter))
    return [group for group in heads if id(group) not in joined]


def _join_to_people(heads: list[_Group], *, longer: bool) -> list[_Group]:
    """Join each longer name (or each single word) to the one person's name it starts with (or is part of)."""
    owners_of: dict[str, list[_Group]] = defaultdict(list)
    for group in heads:
        if group.entity_type() != "person":
            continue
        for spelling in (group, *group.variants):
            words = transliterated(spelling.text).split()
            if 1 < len(words) <= 4:
                # Chow of Alex Chow; Cheung of June Cheung Tin-ngan
                for key in [" ".join(words)] if longer else words:
                    owners_of[key].append(group)
    kept = []
    for group in heads:
        words = transliterated(group.text).split()
        if longer:
            owners = next((owners_of[" ".join(words[:size])] for size in range(len(words) - 1, 1, -1)
                           if " ".join(words[:size]) in owners_of), []) if len(words) > 2 else []
        else:
            owners = owners_of.get(words[0], []) \
                if len(words) == 1 and group.entity_type() in ("person", None) else []
        owners = [owner for owner in dict.fromkeys(owners) if owner is not group]
        if len(owners) == 1:
            owners[0].variants.append(group)
        else:
            kept.append(group)
    return kept


def _suggestion(group: _Group, order: dict[str, int]) -> Suggestion:
    places = tuple(sorted(group.all_places, key=lambda place: (order.get(place.source_id, 0), place.span.start)))
    text = group.text
    variants = tuple(dict.fromkeys(place.text for place in places if fold_key(place.text) != fold_key(text)))
    kind = ALIAS if group.alias_of is not None else group.kind
    entity_type = "date" if group.kind == DATE else "amount" if group.kind == AMOUNT else group.entity_type()
    sources = len({place.source_id for place in places})
    # Each source that names it counts most; each mention a little, up to a point, so one
    # long article repeating a word does not outrank what every source names. Among those
    # named as often: another name of a known entity first, then people, organisations and
    # places, dates and sums of money, then other amounts; a lone word of no known type last.
    told = kind != NAME or bool(group.votes())  # a type the rules found, not guessed from the name's shape
    score = sources + 0.25 * min(len(places), 12) + (_TYPE_WEIGHTS.get(entity_type, 0.0) if told else 0.25)
    if kind == DATE and not _YEAR_ONLY.fullmatch(text):
        score += 0.25  # a day or a month: when something happened, more than a year is
    if kind == ALIAS:
        score += 1.0
    elif kind == NAME and told:
        score += 0.5
    elif kind == NAME and entity_type is None and " " not in text:
        score -= 0.5
    elif kind == AMOUNT and _MONEY.search(text):
        score += 0.5  # a fine, bail, a sum embezzled: money counts as much as a date
    return Suggestion(text, kind, entity_type, places, group.alias_of, variants, score)


def describe(case: Case, suggestion: Suggestion) -> str:
    """What a suggestion is, in a few words: ``person · 2 sources, 14 mentions · also Baltabai``."""
    parts = []
    entity = case.entities.get(suggestion.alias_of or "")
    if entity is not None:
        parts.append(f"another name of {entity.name}")
    parts.append(suggestion.entity_type or "type unknown")
    sources, mentions = len(suggestion.source_ids), len(suggestion.places)
    parts.append(f"{sources} source{'' if sources == 1 else 's'}, {mentions} mention{'' if mentions == 1 else 's'}")
    if suggestion.variants:
        parts.append(f"also {', '.join(suggestion.variants)}")
    return " · ".join(parts)
