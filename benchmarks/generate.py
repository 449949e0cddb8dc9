"""Synthetic cases for the benchmarks, generated from a seed and cached on disk.

A generated case is a real case folder (``case.yaml``, ``entities.yaml``,
``events.yaml``, ``quotes.yaml``, ``differences.yaml`` and ``sources/*.txt``)
that ``reader check`` accepts. The texts are made of lower-case pseudo-words
with capitalised entity names dropped in, so every mention is one the
generator put there on purpose: names are matched case-sensitively and no
filler word is capitalised except a few fixed sentence openers that no name
uses. Every citation is a window of a source's text, widened until it occurs
once only, so each one resolves.

What is exercised on the way: names that contain other names ("Mr Dunmar"
holds "Dunmar"), names with typographic apostrophes written straight in some
places and curly in others, explicit mentions (some overlapping an automatic
one, which they replace), excludes, events with citations in date order,
quotes and differences.

The same size and seed always give the same files (``random.Random`` with a
fixed seed, no set or dict iteration that depends on hashing). Generating the
large case takes a few seconds; it is written once under ``benchmarks/.cache``
and reused while the generator version and the parameters are unchanged.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

#: Bump when the generator's output changes, so cached cases are rebuilt.
GENERATOR_VERSION = 2  # 2: case format 2 (people, proceedings, measures)

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
BUNDLED_CASE = Path(__file__).resolve().parent.parent / "content" / "baltabay"


@dataclass(frozen=True)
class Size:
    """How big a generated case is. ``mentions`` counts the names put into the texts."""

    name: str
    sources: int
    words_per_source: int
    entities: int
    mentions: int
    events: int
    quotes: int
    differences: int
    explicit_per_source: int = 2
    excludes: int = 0
    seed: int = 7

    @property
    def words(self) -> int:
        return self.sources * self.words_per_source

    def key(self) -> str:
        """A short hash of the parameters and the generator version, naming the cache folder."""
        blob = json.dumps({**asdict(self), "version": GENERATOR_VERSION}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:10]


#: The generated sizes. Medium is a tenth of large in every dimension, so the
#: medium → large factor of a measurement shows how it grows (10 = linear).
SIZES = {
    "tiny": Size("tiny", sources=3, words_per_source=1_000, entities=60, mentions=600, events=20,
                 quotes=6, differences=3, excludes=3),
    "medium": Size("medium", sources=20, words_per_source=5_000, entities=500, mentions=10_000,
                   events=200, quotes=50, differences=20, excludes=20),
    "large": Size("large", sources=200, words_per_source=5_000, entities=5_000, mentions=100_000,
                  events=2_000, quotes=500, differences=200, excludes=200),
}

_OPENERS = ("The", "In", "On", "After", "Later", "Meanwhile", "According", "It", "This", "Their", "When", "By")
_FUNCTION_WORDS = ("the", "of", "and", "to", "in", "a", "was", "that", "for", "on", "with", "by", "at", "his",
                   "her", "from", "said", "had", "not", "be")
_ENTITY_TYPES = (("person", 50), ("organisation", 20), ("place", 14), ("law", 5), ("charge", 5),
                 ("amount", 3), ("date", 3))
_EVENT_KINDS = ("arrest", "charge", "trial", "verdict", "sentence", "appeal", "pardon", "release", "fine",
                "refusal", "resentencing", "imprisonment", "reaction", "context", "other")
_STAGES = ("accused", "on-trial", "convicted", "appeal-pending", "appeal-rejected", "final")


def _syllable_words(rng: random.Random, count: int, syllables: tuple[int, int], *,
                    taken: set[str]) -> list[str]:
    consonants, vowels, ends = "bdfgklmnprstvz", "aeiou", ("", "", "n", "r", "s", "l", "k")
    words: list[str] = []
    while len(words) < count:
        word = "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(*syllables)))
        word += rng.choice(ends)
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


@dataclass
class _Entity:
    id: str
    type: str
    names: list[str]  # the first is the canonical name
    occurrences: list[tuple[int, int, int]]  # (source index, start, end)


@dataclass
class _Text:
    """A source text being built piece by piece, knowing the offset each piece lands at."""

    parts: list[str]
    length: int = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length


def _entities(rng: random.Random, size: Size) -> list[_Entity]:
    taken: set[str] = set()
    tokens = iter(word.capitalize() for word in _syllable_words(rng, size.entities * 2 + 10, (2, 3), taken=taken))
    kinds = [kind for kind, _ in _ENTITY_TYPES]
    weights = [weight for _, weight in _ENTITY_TYPES]
    entities = []
    for number in range(size.entities):
        kind = "person" if number == 0 else rng.choices(kinds, weights)[0]
        first, last = next(tokens), next(tokens)
        if kind == "person":
            names = [f"{first} {last}", last, f"{rng.choice(('Mr', 'Ms', 'Dr'))} {last}"]
        elif kind == "organisation":
            names = [f"{first} Workers’ Union", f"{first} Union"]
        elif kind == "place":
            names = [first, f"{first} Region"]
        elif kind == "law":
            names = [f"Article {number} of the {first} Code", f"the {first} Code"]
        elif kind == "charge":
            names = [f"{first} embezzlement"]
        elif kind == "amount":
            names = [f"{number:,} {first} tenge"]
        else:
            names = [f"{first} Day"]
        entities.append(_Entity(f"{kind[:3]}-{first.lower()}-{number}", kind, names, []))
    return entities


def _written(name: str, rng: random.Random) -> str:
    """A name as a source writes it: curly apostrophes sometimes straight (matching tolerates it)."""
    return name.replace("’", "'") if "’" in name and rng.random() < 0.5 else name


def _source_text(rng: random.Random, size: Size, index: int, vocabulary: list[str], cumulative: list[float],
                 placements: list[_Entity]) -> str:
    """One source's text: a headline, then paragraphs of sentences with the placed names in them."""
    text = _Text([])
    text.add(f"Report {index + 1} on the case\n\n")
    words_left = size.words_per_source
    slots = len(placements)
    # Spread the names evenly enough over the words: about one name every `gap` words.
    gap = max(2, words_left // max(1, slots))
    placed = 0
    paragraph_words = 0
    while words_left > 0 or placed < slots:
        sentence_length = rng.randint(8, 24)
        text.add((" " if paragraph_words else "") + rng.choice(_OPENERS))
        words_left -= 1
        for position in range(sentence_length):
            text.add(" ")
            due = placed < slots and (words_left <= (slots - placed) * 2 or rng.random() < 1 / gap)
            if due and 0 < position < sentence_length - 1:
                entity = placements[placed]
                name = rng.choice(entity.names)
                start, end = text.add(_written(name, rng))
                entity.occurrences.append((index, start, end))
                placed += 1
                words_left -= name.count(" ") + 1
                text.add(" " + rng.choices(vocabulary, cum_weights=cumulative)[0])  # never two names in a row
                words_left -= 1
                continue
            word = rng.choices(vocabulary, cum_weights=cumulative)[0]
            text.add(word + ("," if rng.random() < 0.06 else ""))
            words_left -= 1
        text.add(".")
        paragraph_words += sentence_length
        if paragraph_words > rng.randint(60, 160):
            text.add("\n\n")
            paragraph_words = 0
    return "".join(text.parts).rstrip() + "\n"


def _flat(text: str) -> str:
    """The text as the quote matcher sees it: apostrophes folded, whitespace runs as one space."""
    return " ".join(text.replace("’", "'").split())


def _once(flat: str, passage: str) -> bool:
    """Whether ``passage`` occurs exactly once in the flattened text, overlapping occurrences counted."""
    first = flat.find(_flat(passage))
    return first != -1 and flat.find(_flat(passage), first + 1) == -1


def _window(text: str, flat: str, start: int, end: int, rng: random.Random, words: int = 4) -> tuple[int, int]:
    """A passage around ``text[start:end]`` (a few words each side, within its paragraph) that occurs once."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end == -1 else para_end
    left, right = start, end
    for _ in range(rng.randint(1, words)):
        left = max(para_start, text.rfind(" ", para_start, left - 1) + 1 if left > para_start else para_start)
    for _ in range(rng.randint(1, words)):
        found = text.find(" ", right + 1, para_end)
        right = para_end if found == -1 else found
    while not _once(flat, text[left:right]) and (left > para_start or right < para_end):
        if right < para_end:
            found = text.find(" ", right + 1, para_end)
            right = para_end if found == -1 else found
        else:
            left = max(para_start, text.rfind(" ", para_start, left - 1) + 1)
    return left, right


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def _citation_yaml(source_id: str, quote: str, indent: str, *, prefix: str | None = None) -> list[str]:
    lines = [f"{indent}- source: {source_id}", f"{indent}  quote: {_q(quote)}"]
    if prefix is not None:
        lines.append(f"{indent}  prefix: {_q(prefix)}")
    return lines


def generate(size: Size, folder: Path) -> Path:
    """Write the case of ``size`` into ``folder`` (replacing what is there); return the folder."""
    rng = random.Random(size.seed)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "sources").mkdir(parents=True)
    entities = _entities(rng, size)
    name_words = {word.lower() for entity in entities for name in entity.names for word in name.split()}
    vocabulary = [*_FUNCTION_WORDS, *_syllable_words(rng, 3_000, (1, 4), taken=set(name_words))]
    # Zipf-like word frequencies, as in real text.
    cumulative, total = [], 0.0
    for rank in range(len(vocabulary)):
        total += 1 / (rank + 1)
        cumulative.append(total)

    # Who is mentioned where: every entity once, then the rest Zipf-weighted (the
    # first entity, the case's subject, the most), shuffled over the sources.
    weights = [1 / (rank + 1) ** 0.8 for rank in range(size.entities)]
    extra = rng.choices(entities, weights, k=max(0, size.mentions - size.entities))
    placements = [*entities, *extra]
    rng.shuffle(placements)
    per_source = [placements[i::size.sources] for i in range(size.sources)]

    source_ids = [f"src-{number + 1:03d}" for number in range(size.sources)]
    texts = []
    for index, source_id in enumerate(source_ids):
        text = _source_text(rng, size, index, vocabulary, cumulative, per_source[index])
        texts.append(text)
        (folder / "sources" / f"{source_id}.txt").write_text(text, encoding="utf-8")

    _write_case_yaml(folder, size, source_ids, entities[0].id)
    _write_entities(folder, rng, size, entities, texts, source_ids)
    event_ids = _write_events(folder, rng, size, entities, texts, source_ids)
    _write_quotes(folder, rng, size, entities, texts, source_ids, event_ids)
    _write_differences(folder, rng, size, texts, source_ids)
    return folder


def _write_case_yaml(folder: Path, size: Size, source_ids: list[str], subject: str) -> None:
    lines = ["version: 2", "case:", f"  id: synthetic-{size.name}",
             f"  title: {_q(f'Synthetic case ({size.name})')}", f"  subjects: [{subject}]",
             "  summary: A generated case for the benchmarks; its texts are pseudo-words.", "  language: en",
             "sources:"]
    for number, source_id in enumerate(source_ids):
        lines += [f"  - id: {source_id}", f"    file: sources/{source_id}.txt",
                  f"    title: {_q(f'Report {number + 1} on the case')}",
                  f"    publisher: {_q(f'Publisher {number + 1}')}", "    author: null",
                  f"    date: 2020-{number % 12 + 1:02d}-{number % 28 + 1:02d}", "    kind: news"]
    (folder / "case.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_entities(folder: Path, rng: random.Random, size: Size, entities: list[_Entity], texts: list[str],
                    source_ids: list[str]) -> None:
    explicit: dict[str, list[list[str]]] = {}
    flats = [_flat(text) for text in texts]
    # Excludes: one occurrence each of entities named more than once (so each
    # stays mentioned somewhere and every exclude removes a mention).
    candidates = [number for number, entity in enumerate(entities) if len(entity.occurrences) > 2]
    rng.shuffle(candidates)
    exclude_yaml: dict[str, list[str]] = {}
    for number in candidates[: size.excludes]:
        entity = entities[number]
        index, start, end = entity.occurrences[-1]
        left, right = _window(texts[index], flats[index], start, end, rng, words=2)
        exclude_yaml[entity.id] = _citation_yaml(source_ids[index], texts[index][left:right], "      ")
    # Explicit mentions: a filler word given by its prefix, or a name and the word
    # after it claimed for another entity (it then replaces the automatic mention).
    for index, text in enumerate(texts):
        for _ in range(size.explicit_per_source):
            entity = entities[rng.randrange(1, len(entities))]
            start, end = _filler_word(text, rng)
            prefix_start = _unique_prefix(text, flats[index], start, end)
            if prefix_start is not None:
                explicit.setdefault(entity.id, []).append(_citation_yaml(
                    source_ids[index], text[start:end], "      ", prefix=text[prefix_start:start].rstrip()))
        other = entities[rng.randrange(1, len(entities))]
        named = [e for e in entities[1:] if e is not other and any(o[0] == index for o in e.occurrences)]
        if named:
            _, start, end = next(o for o in rng.choice(named).occurrences if o[0] == index)
            following = text.find(" ", end + 1)
            if following != -1 and "\n" not in text[start:following] and _once(flats[index], text[start:following]):
                explicit.setdefault(other.id, []).append(
                    _citation_yaml(source_ids[index], text[start:following], "      "))

    lines = ["entities:"]
    for entity in entities:
        index, start, end = entity.occurrences[0]
        left, right = _window(texts[index], flats[index], start, end, rng)
        lines += [f"  - id: {entity.id}", f"    type: {entity.type}", f"    name: {_q(entity.names[0])}"]
        if len(entity.names) > 1:
            lines.append("    aliases: [" + ", ".join(_q(name) for name in entity.names[1:]) + "]")
        lines += [f"    description: {_q(f'A generated {entity.type}.')}", "    citations:",
                  *_citation_yaml(source_ids[index], texts[index][left:right], "      ")]
        if entity.id in explicit:
            lines.append("    mentions:")
            for citation in explicit[entity.id]:
                lines += citation
        if entity.id in exclude_yaml:
            lines += ["    exclude:", *exclude_yaml[entity.id]]
    (folder / "entities.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _filler_word(text: str, rng: random.Random) -> tuple[int, int]:
    """The offsets of a lower-case filler word (never part of a name) somewhere in the body."""
    position = rng.randrange(len(text) // 10, len(text) - 200)
    while True:
        start = text.find(" ", position) + 1
        end = text.find(" ", start)
        if text[start:end].isalpha() and text[start:end].islower():
            return start, end
        position = end


def _unique_prefix(text: str, flat: str, start: int, end: int) -> int | None:
    """Where a prefix of whole words must start so that prefix + ``text[start:end]`` occurs once."""
    left = start
    para_start = text.rfind("\n", 0, start) + 1
    while left > para_start:
        left = max(para_start, text.rfind(" ", para_start, left - 1) + 1)
        if _once(flat, text[left:end]):
            return left
    return None


def _random_passage(rng: random.Random, texts: list[str], flats: list[str]) -> tuple[int, str]:
    index = rng.randrange(len(texts))
    text = texts[index]
    start = text.find(" ", rng.randrange(len(text) // 10, len(text) - 200)) + 1
    end = text.find(" ", start)
    left, right = _window(text, flats[index], start, end, rng, words=6)
    return index, text[left:right]


def _write_events(folder: Path, rng: random.Random, size: Size, entities: list[_Entity], texts: list[str],
                  source_ids: list[str]) -> list[str]:
    flats = [_flat(text) for text in texts]
    lines = ["events:"]
    ids = []
    for number in range(size.events):
        day = number * 3
        year, day_of_year = 2000 + day // 360, day % 360
        date = f"{year}-{day_of_year // 30 + 1:02d}-{min(day_of_year % 30 + 1, 28):02d}"  # in date order
        event_id = f"event-{number + 1}"
        ids.append(event_id)
        involved = sorted({entities[0].id, *(entities[rng.randrange(len(entities))].id for _ in range(2))})
        lines += [f"  - id: {event_id}", f"    kind: {rng.choice(_EVENT_KINDS)}", f"    date: {date}",
                  f"    summary: {_q(f'Generated event {number + 1}.')}",
                  "    entities: [" + ", ".join(involved) + "]"]
        passages = [_random_passage(rng, texts, flats) for _ in range(rng.randint(1, 2))]
        if number % 25 == 0:  # the subject's proceedings move on; every other time a measure is imposed
            lines += [f"    people: [{entities[0].id}]", f"    proceedings: {rng.choice(_STAGES)}"]
            if number % 50 == 0:
                lines += ["    measures:", f"      - id: measure-{number + 1}", "        kind: imprisonment",
                          f"        term: {{years: {rng.randint(1, 9)}}}", "        citations:"]
                lines += _citation_yaml(source_ids[passages[0][0]], passages[0][1], "          ")
            elif number > 25:
                lines += ["    changes:", f"      - measure: measure-{number - 24}", "        action: reduced",
                          f"        term: {{months: {rng.randint(1, 11)}}}", "        citations:"]
                lines += _citation_yaml(source_ids[passages[0][0]], passages[0][1], "          ")
        lines.append("    citations:")
        for index, quote in passages:
            lines += _citation_yaml(source_ids[index], quote, "      ")
    (folder / "events.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def _write_quotes(folder: Path, rng: random.Random, size: Size, entities: list[_Entity], texts: list[str],
                  source_ids: list[str], event_ids: list[str]) -> None:
    people = [entity for entity in entities if entity.type == "person"]
    flats = [_flat(text) for text in texts]
    lines = ["quotes:"]
    for number in range(size.quotes):
        index, quote = _random_passage(rng, texts, flats)
        lines += [f"  - id: quote-{number + 1}", f"    speaker: {rng.choice(people).id}", "    citation:",
                  f"      source: {source_ids[index]}", f"      quote: {_q(quote)}",
                  f"    mode: {rng.choice(('direct', 'reported'))}", f"    about: [{rng.choice(event_ids)}]"]
    (folder / "quotes.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_differences(folder: Path, rng: random.Random, size: Size, texts: list[str],
                       source_ids: list[str]) -> None:
    flats = [_flat(text) for text in texts]
    lines = ["differences:"]
    for number in range(size.differences):
        lines += [f"  - id: difference-{number + 1}", "    topic: framing",
                  f"    summary: {_q(f'Generated difference {number + 1}.')}", "    sides:"]
        for side in range(2):
            index, quote = _random_passage(rng, texts, flats)
            lines += [f"      - says: {_q(f'Side {side + 1}.')}", "        citations:",
                      *_citation_yaml(source_ids[index], quote, "          ")]
    (folder / "differences.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def case_folder(name: str, cache: Path = CACHE_DIR) -> Path:
    """The folder of the case called ``name``: the bundled case for "small", else generated (cached)."""
    if name == "small":
        return BUNDLED_CASE
    size = SIZES[name]
    folder = cache / f"{size.name}-{size.key()}"
    stamp = folder / ".complete"
    if not stamp.exists():
        generate(size, folder)
        stamp.write_text(size.key() + "\n", encoding="utf-8")
    return folder
