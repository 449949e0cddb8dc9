"""YAML read safely into a small tree that remembers where each value was written.

PyYAML's composer gives us nodes with marks but builds no objects, so no tag
can run code. We then copy the nodes into :class:`YMap`, :class:`YSeq` and
:class:`YScalar`, which carry a :class:`~reader.load.problems.Location`, and
on the way we report what a plain ``safe_load`` would hide or refuse badly:
duplicate keys, tags that are not plain data, keys that are not strings,
nesting too deep and aliases that expand too far (the "billion laughs").

Scalars stay text. A date such as ``2019-07-17`` is kept as written rather
than turned into a ``datetime.date``, so the checker can read its precision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reader.load.problems import Location, Problems
from reader.load.unsafe_text import UnsafeReporter, check_yaml_characters, warn_escaped_unsafe

try:  # The C loader is several times faster; fall back when libyaml is absent.
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

#: First characters of the plain scalars that may be something other than text (a number,
#: a boolean, null, a date, a merge key `<<`): every other plain scalar is text.
_MAY_NOT_BE_TEXT = frozenset(key for key in _BaseLoader.yaml_implicit_resolvers if key)
#: Whether some resolver looks at every plain scalar, whatever its first character (none does).
_RESOLVES_ANY_FIRST = None in _BaseLoader.yaml_implicit_resolvers
#: The tags of short plain scalars resolved so far; a short text is resolved once per process.
_short_plain_tags: dict[str, str] = {}
_REMEMBERED_UP_TO = 16
_REMEMBERED_AT_MOST = 50_000


#: Most values (scalars, lists and mappings, keys included) one file may hold. A file of the
#: large benchmark case holds 102,000; 8 MB of `- {}` held 1,200,000, which cost 40 s and
#: 2.7 GB to report (five problems each) before anything could be said.
MAX_NODES = 250_000


class TooManyNodes(Exception):
    """More than :data:`MAX_NODES` values; ``mark`` is where the list or mapping that grew past it starts."""

    def __init__(self, mark: yaml.Mark | None) -> None:
        super().__init__(mark)
        self.mark = mark


class QuickSafeLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, minus work it does in Python for every value of a big file, plus a count of the values.

    Even the C loader calls back into Python to resolve each value's tag and
    to track paths for path resolvers, which the safe loader has none of.
    That call, made before every value is composed, is where values are
    counted: composing stops past :data:`MAX_NODES`, before the nodes of a
    huge file fill the memory.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.nodes = 0

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0] and isinstance(value, str) and not _RESOLVES_ANY_FIRST:
            if value and value[0] not in _MAY_NOT_BE_TEXT:
                return self.DEFAULT_SCALAR_TAG
            if len(value) <= _REMEMBERED_UP_TO:  # keys and dates: the same few words, over and over
                tag = _short_plain_tags.get(value)
                if tag is None:
                    if len(_short_plain_tags) >= _REMEMBERED_AT_MOST:
                        _short_plain_tags.clear()
                    tag = _short_plain_tags[value] = super().resolve(kind, value, implicit)
                return tag
        return super().resolve(kind, value, implicit)

    def descend_resolver(self, current_node: yaml.Node | None, current_index: object) -> None:
        # Called before each value is composed, its parent given (None for the root).
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise TooManyNodes(current_node.start_mark if current_node is not None else None)

    def ascend_resolver(self) -> None:
        pass


#: Deepest nesting accepted; real case files need five or six levels.
MAX_DEPTH = 64
#: Nodes reachable through aliases before we call it an alias bomb.
MAX_ALIAS_NODES = 10_000
#: Characters of text (values and keys) reachable through aliases, likewise: a few values
#: can be huge (a 1 MB text used 9,000 times was 9 GB of messages and quotes to check).
MAX_ALIAS_CHARS = 1_000_000

_QUOTED = frozenset("'\"")
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class YScalar:
    """A scalar as written: its text, its resolved YAML tag, and where it is."""

    value: str
    tag: str
    quoted: bool
    location: Location

    @property
    def is_null(self) -> bool:
        return self.tag == "tag:yaml.org,2002:null"

    @property
    def kind(self) -> str:
        """The YAML type a plain reader would see: str, int, float, bool, null or timestamp."""
        return self.tag.rsplit(":", 1)[-1]


@dataclass
class YMap:
    """A mapping; keys are plain strings, each remembered with its location."""

    location: Location
    items: dict[str, tuple[Location, YNode]] = field(default_factory=dict)


@dataclass
class YSeq:
    """A sequence."""

    location: Location
    items: list[YNode] = field(default_factory=list)


YNode = YScalar | YMap | YSeq


def describe(node: YNode) -> str:
    """The kind of a node in words, for messages ("a list", "the number 3")."""
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    if node.is_null:
        return "nothing (null)"
    if node.kind in {"int", "float"}:
        return f"the number {node.value}"
    if node.kind == "bool":
        return f"the boolean {node.value}"
    if len(node.value) > SHOWN_VALUE_CHARS:
        return f"the text {node.value[:SHOWN_VALUE_CHARS - 1] + '…'!r} ({len(node.value):,} characters)"
    return f"the text {node.value!r}"


#: How much of a long text a message quotes.
SHOWN_VALUE_CHARS = 80


def parse_yaml(text: str, path: Path, problems: Problems) -> YNode | None:
    """Parse one YAML document, reporting every problem found into ``problems``.

    Returns None when the file cannot be read as YAML at all (a syntax error,
    a character YAML forbids); otherwise the tree, possibly with the
    offending parts left out. Control and bidi characters that YAML reads are
    reported as warnings (see :mod:`reader.load.unsafe_text`).
    """
    reporter = UnsafeReporter(path, problems, "case file")
    if not check_yaml_characters(text, path, problems, reporter):
        return None
    try:
        node = yaml.compose(text, Loader=QuickSafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and exc.problem_mark and _at_end(text, exc.problem_mark):
            # The parser ran to the end of the file looking for the end of something
            # (a quoted text, a [list]): the mistake is where that something began.
            mark = exc.context_mark
        location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        problems.error(location, f"YAML syntax error: {problem}", hint=_syntax_hint(problem, text, exc.problem_mark))
        return None
    except yaml.YAMLError as exc:
        problems.error(Location(path, 1, 1), f"YAML error: {exc}")
        return None
    except TooManyNodes as exc:
        mark = exc.mark
        problems.error(Location(path, mark.line + 1, mark.column + 1) if mark else Location(path, 1, 1),
                       f"more than {MAX_NODES:,} values in one file; the file was not read",
                       hint="split it into several case files (entities.yaml, events.yaml, …): the reader "
                            "merges them")
        return None
    except RecursionError:
        problems.error(Location(path, 1, 1), "YAML nested too deeply to read",
                       hint=f"case files need only a few levels; keep nesting under {MAX_DEPTH}")
        return None
    if node is None:
        reporter.finish()
        return None
    tree = _Converter(path, problems, text, reporter).convert(node)
    reporter.finish()
    return tree


def _at_end(text: str, mark: yaml.Mark) -> bool:
    """Whether nothing but whitespace follows ``mark`` (the parser hit the end of the file)."""
    lines = text.split("\n")
    if mark.line >= len(lines):
        return True
    return not (lines[mark.line][mark.column:].strip() or "\n".join(lines[mark.line + 1:]).strip())


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _syntax_hint(problem: str, text: str, mark: yaml.Mark | None) -> str | None:
    # libyaml (the C loader) words its messages differently from PyYAML's own
    # loader and does not quote the offending character, so look at the text too.
    if "\t" in problem or "'\\t'" in problem or "tab character" in problem or _char_at(text, mark) == "\t":
        return "YAML does not allow tabs for indentation; indent with spaces"
    if "mapping values are not allowed" in problem:
        return "a value containing `: ` must be quoted, e.g. summary: \"Note: ...\""
    if any(phrase in problem for phrase in ("could not find expected ':'", "expected <block end>",
                                            "did not find expected key",
                                            "did not find expected '-' indicator")):
        return "check the indentation of this line and the one before it"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "a [list] or {mapping} is not closed, or two of its items lack a `,` between them"
    if "maximum nesting depth" in problem:
        return f"case files need only a few levels; keep nesting under {MAX_DEPTH}"
    if "found undefined alias" in problem:
        return "define the anchor (&name) before using the alias (*name)"
    if "while scanning a quoted scalar" in problem or "found unexpected end of stream" in problem:
        return "a quoted text is not closed; add the closing quote"
    return None


class _Converter:
    """Copies composed nodes into located nodes, checking as it goes."""

    def __init__(self, path: Path, problems: Problems, text: str, reporter: UnsafeReporter) -> None:
        self.path = path
        self.problems = problems
        self.text = text
        self.reporter = reporter
        self.alias_nodes = 0
        self.alias_chars = 0
        self.refused = False
        self.seen: set[int] = set()
        # An alias is written `*name`: a file without a `*` has none, and its
        # nodes need not be remembered to spot one (a big file has 100,000s).
        self.may_alias = "*" in text

    def location(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def check_escapes(self, node: yaml.Node) -> None:
        """Warn about a double-quoted text whose escapes write control or bidi characters."""
        if isinstance(node, yaml.ScalarNode) and node.style == '"':
            raw = self.text[node.start_mark.index:node.end_mark.index]
            if "\\" in raw:  # only an escape writes what the file does not show; most texts have none
                warn_escaped_unsafe(node.value, raw, self.location(node), self.reporter)

    def convert(self, node: yaml.Node, depth: int = 0, via_alias: bool = False) -> YNode | None:
        if self.refused:
            return None
        # PyYAML hands back the very same node object for every alias of an
        # anchor; a node met twice was reached through an alias.
        node_id = id(node)
        if self.may_alias and node_id in self.seen:
            via_alias = True
        else:
            if self.may_alias:
                self.seen.add(node_id)
            if isinstance(node, yaml.ScalarNode) and node.style == '"':  # only these have escapes
                self.check_escapes(node)
        if via_alias:
            self.alias_nodes += 1
            if isinstance(node, yaml.ScalarNode):
                self.alias_chars += len(node.value)
            elif isinstance(node, yaml.MappingNode):  # the keys are copied too
                self.alias_chars += sum(len(key.value) for key, _ in node.value if isinstance(key, yaml.ScalarNode))
            if self.alias_nodes > MAX_ALIAS_NODES:
                self.refused = True
                self.problems.error(self.location(node),
                                    f"aliases expand to more than {MAX_ALIAS_NODES:,} values (an alias bomb?)",
                                    hint="write the values out instead of nesting aliases of aliases")
                return None
            if self.alias_chars > MAX_ALIAS_CHARS:
                self.refused = True
                self.problems.error(self.location(node),
                                    f"aliases expand to more than {MAX_ALIAS_CHARS:,} characters of text "
                                    "(an alias bomb?)",
                                    hint="write the text out where it is needed instead of repeating a long "
                                         "text through aliases")
                return None
        if depth > MAX_DEPTH:
            self.refused = True
            self.problems.error(self.location(node), f"nested more than {MAX_DEPTH} levels deep",
                                hint="case files need only a few levels; check the indentation")
            return None
        if node.tag not in _PLAIN_TAGS:
            self.problems.error(self.location(node), f"tag `{node.tag}` is not allowed here",
                                hint="case files hold plain text, numbers, lists and mappings; remove the tag")
            return None
        mark = node.start_mark  # inlined self.location(node): this runs for every value of a big file
        location = Location(self.path, mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return YScalar(node.value, node.tag, node.style in _QUOTED, location)
        if isinstance(node, yaml.SequenceNode):
            seq = YSeq(location)
            for item in node.value:
                converted = self.convert(item, depth + 1, via_alias)
                if converted is not None:
                    seq.items.append(converted)
            return seq
        assert isinstance(node, yaml.MappingNode)
        mapping = YMap(location)
        first_seen: dict[str, Location] = {}
        path = self.path
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            key_location = Location(path, mark.line + 1, mark.column + 1)
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.error(key_location, "merge keys (`<<`) are not supported",
                                    hint="write the fields out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.error(key_location, "a key must be a plain name, not a list or mapping")
                continue
            if key_node.tag not in _PLAIN_TAGS:
                self.problems.error(key_location, f"tag `{key_node.tag}` is not allowed here",
                                    hint="case files hold plain text, numbers, lists and mappings; "
                                         "remove the tag")
                continue
            if key_node.style == '"':  # a scalar, checked above
                self.check_escapes(key_node)
            key = key_node.value
            if key in first_seen:
                earlier = first_seen[key]
                self.problems.error(key_location, f"duplicate key `{key}` (first at line {earlier.line})",
                                    hint="YAML keeps only one of them; remove or rename one")
                continue
            first_seen[key] = key_location
            value = self.convert(value_node, depth + 1, via_alias)
            if value is not None:
                mapping.items[key] = (key_location, value)
        return mapping
