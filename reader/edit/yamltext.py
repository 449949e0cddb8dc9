"""Surgical edits of YAML text: add, replace or remove one thing, touch nothing else.

The reader saves annotations into files people wrote by hand, with comments,
blank lines, key order and quoting of their choosing. Rather than load the
YAML into objects and dump it back (which rewrites the whole file, even with
a round-trip library), each edit finds the node it changes with PyYAML's
composer, which knows where every node starts and ends in the text, and
splices new text in at that place. Every byte outside the changed lines
stays as it was.

New values are written by PyYAML's own dumper, so whatever it writes reads
back as the same value; block collections are indented to match their
siblings, flow collections (``[a, b]``) stay flow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import yaml

from reader.load.yamlnodes import MAX_NODES, QuickSafeLoader, TooManyNodes

#: A path to a node: mapping keys and sequence indices from the document root.
NodePath = Sequence[str | int]


class EditError(Exception):
    """The edit cannot be made in this text (the node is missing, or written in a way we cannot extend)."""


@lru_cache(maxsize=1)
def compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML text (None for an empty document); nodes are only read, never changed.

    An edit finds its place and then makes its change in the same text: the
    last tree is kept for that (a big file takes most of a second to read).
    :meth:`~reader.edit.session.EditSession.apply` lets it go once the edit is made.
    """
    try:
        return yaml.compose(text, Loader=QuickSafeLoader)
    except TooManyNodes:  # a file the loader refuses too: an edit never makes one, but say so if it meets one
        raise EditError(f"the file holds more than {MAX_NODES:,} values") from None


def find(root: yaml.Node | None, path: NodePath) -> yaml.Node | None:
    """The node at ``path`` (keys and indices), or None when any step is missing."""
    node = root
    for step in path:
        if isinstance(step, int):
            if not isinstance(node, yaml.SequenceNode) or not 0 <= step < len(node.value):
                return None
            node = node.value[step]
        else:
            if not isinstance(node, yaml.MappingNode):
                return None
            node = next((value for key, value in node.value if isinstance(key, yaml.ScalarNode)
                         and key.value == step), None)
            if node is None:
                return None
    return node


def index_of(sequence: yaml.Node | None, key: str, value: str) -> int | None:
    """The index of the item of ``sequence`` whose ``key`` is ``value`` (an ``id``, say)."""
    if not isinstance(sequence, yaml.SequenceNode):
        return None
    for index, item in enumerate(sequence.value):
        found = find(item, [key])
        if isinstance(found, yaml.ScalarNode) and found.value == value:
            return index
    return None


class _IndentedDumper(yaml.SafeDumper):
    """Indents a list under its key (``key:\n  - item``), as people write YAML and the case files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump_value(value: object) -> str:
    """``value`` as block YAML, no document markers, ending with a newline."""
    text = yaml.dump(value, Dumper=_IndentedDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10**6)
    return text.removesuffix("...\n")


def dump_inline(value: object) -> str:
    """``value`` as one line of flow YAML (a scalar, or ``[a, b]``/``{k: v}``)."""
    text = yaml.safe_dump([value], allow_unicode=True, sort_keys=False, default_flow_style=True, width=10**6)
    return text.strip()[1:-1]  # drop the list brackets put around it


def _content_end(text: str, node: yaml.Node) -> int:
    """Where the node's own text ends: after its last character that is not trailing space or blank lines.

    A collection's end mark is where the next token starts, past blank lines
    and comments that belong to what follows; its last scalar's end is not.
    """
    last = node
    while isinstance(last, (yaml.MappingNode, yaml.SequenceNode)) and last.value and not last.flow_style:
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    end = last.end_mark.index
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _line_end(text: str, index: int) -> int:
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _indent(block: str, column: int) -> str:
    pad = " " * column
    return "".join(pad + line if line.strip() else line for line in block.splitlines(keepends=True))


def _separated_by_blank_lines(text: str, sequence: yaml.SequenceNode) -> bool:
    """Whether the items of a block sequence have blank lines between them (entities do, citations do not)."""
    if len(sequence.value) < 2:
        return False
    first_end = _line_end(text, _content_end(text, sequence.value[0]))
    second_start = _line_start(text, sequence.value[1].start_mark.index)
    return "\n\n" in text[first_end:second_start + 1].replace(" ", "")


@dataclass(frozen=True)
class Change:
    """A new version of a text, and the lines changed (1-based, in the new text) for the reader's message."""

    text: str
    first_line: int
    last_line: int


def _splice(text: str, start: int, end: int, new: str) -> Change:
    result = text[:start] + new + text[end:]
    first = text.count("\n", 0, start) + 1
    return Change(result, first, first + new.count("\n"))


def append_item(text: str, path: NodePath, item: object) -> Change:
    """Add ``item`` at the end of the sequence at ``path``; create the key when the mapping lacks it."""
    root = compose(text)
    sequence = find(root, path)
    if sequence is None:
        parent = find(root, path[:-1]) if path else None
        if not path or not isinstance(path[-1], str):
            raise EditError("there is no list here to add to")
        if parent is None and len(path) == 1 and root is None:
            separator = "" if not text or text.endswith("\n") else "\n"
            return _splice(text, len(text), len(text), separator + dump_value({path[0]: [item]}))
        return set_key(text, path[:-1], path[-1], [item])
    if not isinstance(sequence, yaml.SequenceNode):
        raise EditError(f"`{path[-1]}` is not a list")
    if sequence.flow_style:
        close = sequence.end_mark.index - 1  # the closing bracket
        inner = text[sequence.start_mark.index + 1:close]
        joiner = ", " if inner.strip() else ""
        return _splice(text, close, close, joiner + dump_inline(item))
    if not sequence.value:
        raise EditError("an empty block list cannot be extended")
    column = sequence.start_mark.column
    at = _line_end(text, _content_end(text, sequence.value[-1]))
    gap = "\n" if _separated_by_blank_lines(text, sequence) else ""
    block = _indent(dump_value([item]), column)
    return _splice(text, at, at, "\n" + gap + block.rstrip("\n"))


def insert_item(text: str, path: NodePath, index: int, item: object) -> Change:
    """Insert ``item`` before item ``index`` of the block sequence at ``path``."""
    sequence = find(compose(text), path)
    if not isinstance(sequence, yaml.SequenceNode) or not 0 <= index < len(sequence.value):
        raise EditError("there is no such item to insert before")
    if sequence.flow_style:
        at = sequence.value[index].start_mark.index
        return _splice(text, at, at, dump_inline(item) + ", ")
    at = _line_start(text, sequence.value[index].start_mark.index)
    gap = "\n" if _separated_by_blank_lines(text, sequence) else ""
    block = _indent(dump_value([item]), sequence.start_mark.column)
    return _splice(text, at, at, block + gap)


def set_key(text: str, path: NodePath, key: str, value: object) -> Change:
    """Give the mapping at ``path`` the entry ``key: value``, replacing the value if the key is there."""
    root = compose(text)
    mapping = find(root, path)
    if not isinstance(mapping, yaml.MappingNode):
        raise EditError("there is no mapping here to change")
    existing = find(mapping, [key])
    if existing is not None:
        return replace_value(text, [*path, key], value)
    if mapping.flow_style:
        close = mapping.end_mark.index - 1
        inner = text[mapping.start_mark.index + 1:close]
        joiner = ", " if inner.strip() else ""
        return _splice(text, close, close, joiner + dump_inline({key: value})[1:-1])
    column = mapping.start_mark.column
    at = _line_end(text, _content_end(text, mapping))
    block = _indent(dump_value({key: value}), column)
    return _splice(text, at, at, "\n" + block.rstrip("\n"))


def replace_value(text: str, path: NodePath, value: object) -> Change:
    """Replace the value at ``path`` (a scalar or a whole collection) with ``value``."""
    root = compose(text)
    node = find(root, path)
    if node is None:
        raise EditError("there is nothing at this place to replace")
    start = node.start_mark.index
    block_scalar = isinstance(node, yaml.ScalarNode) and node.style in (">", "|")
    block_collection = isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style
    end = _content_end(text, node) if block_scalar or block_collection else node.end_mark.index
    if isinstance(value, (dict, list)) and value:
        # A block collection starts on the line after its key.
        key_column = _key_column(root, path)
        block = _indent(dump_value(value), key_column + 2)
        start = _value_start_after_colon(text, start)
        return _splice(text, start, end, "\n" + block.rstrip("\n"))
    return _splice(text, start, end, dump_inline(value))


def _key_column(root: yaml.Node | None, path: NodePath) -> int:
    parent = find(root, path[:-1])
    if isinstance(parent, yaml.MappingNode):
        for key, _ in parent.value:
            if key.value == path[-1]:
                return key.start_mark.column
    return 0


def _value_start_after_colon(text: str, start: int) -> int:
    """For a block collection, where the text after ``key:`` begins (the collection starts on a later line)."""
    line_start = _line_start(text, start)
    colon = text.rfind(":", 0, line_start)
    return colon + 1 if colon != -1 else start


def remove_item(text: str, path: NodePath, index: int) -> Change:
    """Remove item ``index`` of the sequence at ``path``, with its lines (and one blank line separating it)."""
    root = compose(text)
    sequence = find(root, path)
    if not isinstance(sequence, yaml.SequenceNode) or not 0 <= index < len(sequence.value):
        raise EditError("there is no such item to remove")
    if sequence.flow_style:
        return _remove_flow_item(text, sequence, index)
    if len(sequence.value) == 1:
        raise EditError("the last item of a list cannot be removed; remove the whole key instead")
    item = sequence.value[index]
    return _remove_lines(text, _line_start(text, item.start_mark.index), _content_end(text, item),
                         last=index + 1 == len(sequence.value))


def _remove_lines(text: str, start: int, content_end: int, *, last: bool) -> Change:
    """Remove the whole lines from ``start`` to the line holding ``content_end``.

    Comments and other items around it stay. One blank line that separated
    the removed lines from their neighbours goes with them, so the spacing
    of what is left looks as if the lines had never been there.
    """
    end = min(len(text), _line_end(text, content_end) + 1)
    after = end
    while after < len(text) and not text[after:_line_end(text, after)].strip():
        after = _line_end(text, after) + 1
    blank_before = start >= 2 and text[start - 2:start] == "\n\n"
    if last and blank_before:
        start -= 1  # the blank line that separated it from the item before
    elif blank_before and after > end:
        end = min(after, len(text))
    return _splice(text, start, end, "")


def _remove_flow_item(text: str, sequence: yaml.SequenceNode, index: int) -> Change:
    items = sequence.value
    start, end = items[index].start_mark.index, items[index].end_mark.index
    if index + 1 < len(items):
        end = items[index + 1].start_mark.index
    elif index > 0:
        start = items[index - 1].end_mark.index
    return _splice(text, start, end, "")


def remove_key(text: str, path: NodePath, key: str) -> Change:
    """Remove ``key`` and its value from the block mapping at ``path``."""
    root = compose(text)
    mapping = find(root, path)
    if not isinstance(mapping, yaml.MappingNode) or mapping.flow_style:
        raise EditError("there is no block mapping here")
    pairs = mapping.value
    index = next((i for i, (k, _) in enumerate(pairs) if k.value == key), None)
    if index is None:
        raise EditError(f"there is no `{key}` here")
    if len(pairs) == 1:
        raise EditError("the only key of a mapping cannot be removed")
    key_node, value_node = pairs[index]
    return _remove_lines(text, _line_start(text, key_node.start_mark.index), _content_end(text, value_node),
                         last=index + 1 == len(pairs))
