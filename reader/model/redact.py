"""Redaction for sharing: every name of a sensitive entity replaced by its role, everywhere.

An entity marked ``sensitive: true`` (a witness, a minor) is shown as its
*label*: its ``role`` (or, without one, its type) and a number counted per
role in the order the entities are listed, "[witness 1]", "[witness 2]",
"[minor 1]". :func:`redact` returns a new :class:`~reader.model.types.Case`
in which:

- every name and alias of a sensitive entity is replaced by its label in
  every string a reader is shown: source texts, titles, publishers,
  authors, captions, names, aliases, descriptions, roles, notes, summaries,
  the words of quotes and differences, date notes, citations' quotes,
  prefixes, suffixes and notes;
- a name is found the way mentions are (:mod:`reader.model.anchor`): whole
  words only, typography, line breaks and Unicode normal form aside, and
  also **ignoring letter case**, so "ERLAN" goes too. A name inside a longer
  word ("Baltabayev" for "Baltabay") is a different word and stays: list
  such forms as aliases;
- ids that hold a sensitive name (``jane-doe``) are renamed (``witness-1``),
  and every reference follows; a sensitive entity's own id always becomes
  its label's slug; a source ``url`` that holds a name is dropped;
- every span (citations and mentions) is moved to the redacted text: a span
  that covered a name covers its label; a span that started or ended inside
  a name is widened to the whole label, so no highlight or link points at
  half a label.

The case given is never changed. Enumerated fields (types, kinds, stages, actions)
and dates are not free text and are copied as they are. File paths are
copied too: they are never shown in an export.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable

from reader.model.anchor import FoldedText, _mark_aware, build_name_regex, fold_normal
from reader.model.types import (
    Caption,
    Case,
    Change,
    Citation,
    DateClaim,
    Difference,
    Entity,
    Event,
    FuzzyDate,
    Measure,
    Mention,
    Quote,
    Side,
    Source,
    Span,
)

_SPACE = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def role_labels(case: Case) -> dict[str, str]:
    """The label of each sensitive entity, by id: ``{"witness-a": "[witness 1]"}``, in entity order."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for entity in case.entities.values():
        if not entity.sensitive:
            continue
        role = " ".join((entity.role or entity.type or "person").split()) or "person"
        counts[role] = counts.get(role, 0) + 1
        labels[entity.id] = f"[{role} {counts[role]}]"
    return labels


def slug(text: str) -> str:
    """``text`` as id-like words: lower case, accents dropped, runs of anything else made ``-``."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", fold_normal(text))
                    if not unicodedata.combining(char))
    return _NOT_SLUG.sub("-", plain.casefold()).strip("-")


def _key(name: str) -> str:
    return _SPACE.sub(" ", fold_normal(name).strip()).casefold()


class Redaction:
    """What to hide in one case and what to show instead; applies to any string of that case.

    Built by :meth:`for_case`; :func:`redact` uses it to rebuild the case.
    ``labels`` maps each sensitive entity's id to its label.
    """

    def __init__(self, entities: Iterable[Entity], labels: dict[str, str]) -> None:
        self.labels = labels
        self._label_by_key: dict[str, str] = {}
        self._slugs: list[tuple[re.Pattern[str], str]] = []
        names: dict[str, list[str]] = {}
        for entity in entities:
            if entity.id not in labels:
                continue
            label = labels[entity.id]
            for name in entity.names:
                key = _key(name)
                if not key or key in self._label_by_key:
                    continue  # a name two sensitive entities share goes to the first: either way it is hidden
                self._label_by_key[key] = label
                names[_SPACE.sub(" ", fold_normal(name).strip())] = [entity.id]
                if name_slug := slug(name):
                    self._slugs.append((re.compile(rf"(?<![a-z0-9]){re.escape(name_slug)}(?![a-z0-9])"),
                                        slug(label)))
        # Longest slug first, so "jane-doe" goes before "jane" could split it.
        self._slugs.sort(key=lambda item: -len(item[0].pattern))
        regex = build_name_regex(names)
        self._regex = re.compile(regex.pattern, re.IGNORECASE) if regex else None
        # Texts holding combining marks need the variant in which a mark is part of a word
        # (the mention finder uses the same one), so "Jose" is not found in "José".
        self._marks_regex = re.compile(_mark_aware(regex.pattern).pattern, re.IGNORECASE) if regex else None

    @classmethod
    def for_case(cls, case: Case) -> Redaction:
        """The redaction of ``case``'s sensitive entities."""
        return cls(case.entities.values(), role_labels(case))

    @property
    def active(self) -> bool:
        """True when there is anything to hide."""
        return self._regex is not None

    def _label_of(self, matched: str) -> str:
        label = self._label_by_key.get(_key(matched))
        if label is not None:
            return label
        # Letter case the regex ignores but casefold() treats differently: find the name by regex.
        for key, candidate in self._label_by_key.items():
            if re.fullmatch(r"\s+".join(map(re.escape, key.split(" "))), fold_normal(matched), re.IGNORECASE):
                return candidate
        return next(iter(self._label_by_key.values()))

    def replacements(self, text: str) -> list[tuple[Span, str]]:
        """Where ``text`` names a sensitive entity, in order, each with the label to put there."""
        if self._regex is None or self._marks_regex is None or not text:
            return []
        folded = FoldedText(text)
        regex = self._marks_regex if folded.has_marks else self._regex
        found = []
        for match in regex.finditer(folded.folded):
            span = folded.to_original(Span(match.start(), match.end()))
            found.append((span, self._label_of(match.group())))
        return found

    def text(self, text: str) -> str:
        """``text`` with every name of a sensitive entity replaced by its label."""
        return _apply(text, self.replacements(text))

    def optional(self, text: str | None) -> str | None:
        """:meth:`text` for a field that may be absent."""
        return None if text is None else self.text(text)

    def identifier(self, identifier: str) -> str:
        """An id with every sensitive name in it (as words or as a slug) replaced by its label's slug."""
        if not self.active or not identifier:
            return identifier
        renamed = _SPACE.sub("-", self.text(identifier).replace("[", "").replace("]", ""))
        for pattern, label_slug in self._slugs:
            renamed = pattern.sub(label_slug, renamed)
        return renamed

    def names_in(self, text: str) -> bool:
        """Whether ``text`` names a sensitive entity, as words or in an id's or address's slug form."""
        if not self.active:
            return False
        decoded = urllib.parse.unquote_plus(text)
        if self.replacements(decoded):
            return True
        lowered = decoded.casefold()
        return any(pattern.search(lowered) or pattern.search(slug(decoded)) for pattern, _ in self._slugs)


def _apply(text: str, replacements: list[tuple[Span, str]]) -> str:
    if not replacements:
        return text
    pieces, at = [], 0
    for span, label in replacements:
        pieces.append(text[at:span.start])
        pieces.append(label)
        at = span.end
    pieces.append(text[at:])
    return "".join(pieces)


class Shift:
    """Moves offsets of an original text to the text with its replacements made.

    An offset outside every replaced stretch moves by what the replacements
    before it added or removed. A span that starts inside a replaced name
    starts at its label; one that ends inside a name ends after its label.
    """

    def __init__(self, replacements: list[tuple[Span, str]]) -> None:
        self._spans = [span for span, _ in replacements]
        self._starts = [span.start for span in self._spans]
        self._new_starts: list[int] = []
        self._new_ends: list[int] = []
        delta = 0
        for span, label in replacements:
            self._new_starts.append(span.start + delta)
            delta += len(label) - len(span)
            self._new_ends.append(span.start + delta + len(span))

    def start(self, offset: int) -> int:
        """Where a span starting at ``offset`` starts in the new text."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return offset
        if offset < self._spans[index].end:
            return self._new_starts[index]
        return self._new_ends[index] + offset - self._spans[index].end

    def end(self, offset: int) -> int:
        """Where a span ending at ``offset`` ends in the new text."""
        index = bisect.bisect_left(self._starts, offset) - 1
        if index < 0:
            return offset
        if offset < self._spans[index].end:
            return self._new_ends[index]
        return self._new_ends[index] + offset - self._spans[index].end

    def span(self, span: Span) -> Span:
        """``span`` in the new text."""
        start = self.start(span.start)
        return Span(start, max(start, self.end(span.end)))


class _Rebuild:
    """Builds the redacted copy of a case, object by object (nothing of the original is shared or changed)."""

    def __init__(self, case: Case, redaction: Redaction) -> None:
        self.case = case
        self.r = redaction
        self.shifts = {sid: Shift(redaction.replacements(source.text)) for sid, source in case.sources.items()}
        self.ids: dict[str, str] = {}
        taken: set[str] = set()
        all_ids = [*case.sources, *case.entities, *(e.id for e in case.events), *case.measures,
                   *(q.id for q in case.quotes), *(d.id for d in case.differences)]
        for identifier in all_ids:
            if identifier in redaction.labels:
                new = slug(redaction.labels[identifier])
            else:
                new = redaction.identifier(identifier)
            base, suffix = new, 2
            while new in taken:  # ids stay unique: they are anchors and keys
                new, suffix = f"{base}-{suffix}", suffix + 1
            taken.add(new)
            self.ids[identifier] = new

    def id(self, identifier: str | None) -> str | None:
        if identifier is None:
            return None
        return self.ids.get(identifier, self.r.identifier(identifier))

    def ids_of(self, identifiers: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.ids.get(i, self.r.identifier(i)) for i in identifiers)

    def span(self, source_id: str, span: Span | None) -> Span | None:
        if span is None:
            return None
        shift = self.shifts.get(source_id)
        return shift.span(span) if shift else span

    def citation(self, citation: Citation) -> Citation:
        t = self.r.optional
        return dataclasses.replace(citation, source_id=self.id(citation.source_id) or "",
                                   quote=self.r.text(citation.quote), prefix=t(citation.prefix),
                                   suffix=t(citation.suffix), note=t(citation.note),
                                   span=self.span(citation.source_id, citation.span))

    def citations(self, citations: Iterable[Citation]) -> list[Citation]:
        return [self.citation(c) for c in citations]

    def date(self, date: FuzzyDate) -> FuzzyDate:
        return dataclasses.replace(date, note=self.r.optional(date.note))

    def source(self, source: Source) -> Source:
        t = self.r.optional
        url = None if source.url is None or self.r.names_in(source.url) else source.url
        return Source(
            id=self.id(source.id) or "", path=source.path, text=self.r.text(source.text),
            title=self.r.text(source.title), publisher=self.r.text(source.publisher), date=self.date(source.date),
            kind=source.kind, author=t(source.author), language=source.language, url=url,
            captions=[Caption(self.r.text(c.text), self.citation(c.before) if c.before else None)
                      for c in source.captions],
            note=t(source.note), short=t(source.short),
        )

    def entity(self, entity: Entity) -> Entity:
        t = self.r.optional
        aliases = tuple(dict.fromkeys(self.r.text(alias) for alias in entity.aliases))
        name = self.r.text(entity.name)
        return dataclasses.replace(
            entity, id=self.id(entity.id) or "", name=name, aliases=tuple(a for a in aliases if a != name),
            description=self.r.text(entity.description), citations=self.citations(entity.citations),
            affiliation=self.id(entity.affiliation), explicit_mentions=self.citations(entity.explicit_mentions),
            exclude=self.citations(entity.exclude), role=t(entity.role), note=t(entity.note))

    def optional_date(self, date: FuzzyDate | None) -> FuzzyDate | None:
        return self.date(date) if date is not None else None

    def measure(self, measure: Measure) -> Measure:
        t = self.r.optional
        return dataclasses.replace(
            measure, id=self.id(measure.id) or "", person_id=self.id(measure.person_id) or "",
            event_id=self.id(measure.event_id) or "", citations=self.citations(measure.citations),
            start=self.optional_date(measure.start), end=self.optional_date(measure.end),
            summary=t(measure.summary), note=t(measure.note))

    def change(self, change: Change) -> Change:
        return dataclasses.replace(
            change, measure_id=self.id(change.measure_id) or "", event_id=self.id(change.event_id) or "",
            citations=self.citations(change.citations), by=self.id(change.by), note=self.r.optional(change.note))

    def event(self, event: Event) -> Event:
        return dataclasses.replace(
            event, id=self.id(event.id) or "", date=self.date(event.date), summary=self.r.text(event.summary),
            citations=self.citations(event.citations), entity_ids=self.ids_of(event.entity_ids),
            people=self.ids_of(event.people),
            proceedings=tuple((self.id(person) or "", stage) for person, stage in event.proceedings),
            measures=tuple(self.measure(m) for m in event.measures),
            changes=tuple(self.change(c) for c in event.changes),
            dates=tuple(DateClaim(self.date(claim.date), self.citations(claim.citations)) for claim in event.dates),
            note=self.r.optional(event.note))

    def quote(self, quote: Quote) -> Quote:
        return dataclasses.replace(quote, id=self.id(quote.id) or "", speaker_id=self.id(quote.speaker_id) or "",
                                   citation=self.citation(quote.citation), about=self.ids_of(quote.about),
                                   note=self.r.optional(quote.note))

    def difference(self, difference: Difference) -> Difference:
        return dataclasses.replace(
            difference, id=self.id(difference.id) or "", summary=self.r.text(difference.summary),
            sides=[Side(self.r.text(side.says), self.citations(side.citations)) for side in difference.sides],
            entity_ids=self.ids_of(difference.entity_ids), event_ids=self.ids_of(difference.event_ids),
            note=self.r.optional(difference.note))

    def mention(self, mention: Mention) -> Mention:
        span = self.span(mention.source_id, mention.span)
        assert span is not None
        return Mention(self.id(mention.entity_id) or "", self.id(mention.source_id) or "", span, mention.explicit)

    def build(self) -> Case:
        case = self.case
        return Case(
            id=self.r.identifier(case.id), title=self.r.text(case.title), folder=case.folder,
            sources={self.id(sid) or sid: self.source(source) for sid, source in case.sources.items()},
            entities={self.id(eid) or eid: self.entity(entity) for eid, entity in case.entities.items()},
            events=[self.event(event) for event in case.events],
            quotes=[self.quote(quote) for quote in case.quotes],
            differences=[self.difference(difference) for difference in case.differences],
            mentions={self.id(sid) or sid: [self.mention(m) for m in mentions]
                      for sid, mentions in case.mentions.items()},
            subject_ids=self.ids_of(case.subject_ids), summary=self.r.optional(case.summary), language=case.language,
        )


def redact(case: Case) -> Case:
    """A new case with every sensitive entity's names replaced by its role label, spans moved to match.

    See the module docstring for the rule. ``case`` is not changed; with no
    sensitive entity the result is an equal copy.
    """
    return _Rebuild(case, Redaction.for_case(case)).build()


__all__ = ["Redaction", "Shift", "redact", "role_labels", "slug"]
