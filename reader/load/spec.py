"""The shape of a case file, written once and used three ways.

The same specification checks YAML written by hand (:meth:`Spec.check`, which
reports every problem with its location and a hint), produces the JSON
Schema that editors use while annotating (:meth:`Spec.json_schema`), and is
the reference that ``docs/format.md`` is tested against. A field added here
is validated, documented for editors and required in the docs at once.

Checking is lenient where YAML is surprising and the meaning is plain: a
``name: yes`` is the text "yes", not a boolean, and ``date: 2019-07-17`` is
the text of a date. It is strict where a mistake would mislead a reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reader.load.problems import Location, Problems, did_you_mean, with_article
from reader.load.yamlnodes import YMap, YNode, YScalar, YSeq, describe
from reader.model.types import FIRST_YEAR, LAST_YEAR, days_in_month, month_name

ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
DATE_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
UNKNOWN_DATE = "unknown"
DISPUTED_DATE = "disputed"

#: Returned by :meth:`Spec.check` for a value that was reported and left out.
INVALID: Any = object()


class Rec(dict):
    """A checked mapping: plain values plus where each one was written."""

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
        self.value_locations: dict[str, Location] = {}
        self.refused: set[str] = set()  # keys reported and left out: a refused value, an unknown field

    def at(self, key: str) -> Location:
        """Where the value of ``key`` was written (the record itself if absent)."""
        return self.value_locations.get(key, self.location)


class RList(list):
    """A checked list: plain items plus where each one was written."""

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
        self.item_locations: list[Location] = []

    def at(self, index: int) -> Location:
        return self.item_locations[index]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


# The specifications are plain dataclasses compared by identity (eq=False) and with no generated repr,
# not frozen ones: they are module constants that nothing changes or prints, and a frozen dataclass with
# equality and repr takes three times as long to define; for the thirteen here that was 3 ms of every
# command's start-up (-X importtime; callgrind counts 1.3 million instructions a class, not 4.2).
@dataclass(eq=False, repr=False)
class Spec:
    """Base of all value specifications."""

    doc: str = ""

    def check(self, node: YNode, problems: Problems) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _with_doc(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self.doc:
            schema["description"] = self.doc
        return schema

    def _scalar_text(self, node: YNode, problems: Problems, expected: str) -> str | Any:
        """The text of a scalar, or INVALID after reporting what was found instead."""
        if isinstance(node, YScalar) and not node.is_null:
            return node.value
        problems.error(node.location, f"expected {expected}, found {describe(node)}")
        return INVALID


@dataclass(eq=False, repr=False)
class Text(Spec):
    """A line or paragraph of text; when ``max_length`` is given, at most that many characters (of ``what``)."""

    max_length: int | None = None
    what: str = "text"  # what a text too long is called in the message ("a name")
    over_hint: str | None = None  # what to do about a text over ``max_length``

    def check(self, node: YNode, problems: Problems) -> Any:
        value = self._scalar_text(node, problems, "text")
        if value is INVALID:
            return INVALID
        if not value.strip():
            problems.error(node.location, "empty text", hint="write the value or leave the field out")
            return INVALID
        if self.max_length is not None and len(value) > self.max_length:
            problems.error(node.location, f"{self.what} of {len(value):,} characters is longer than the "
                                          f"{self.max_length:,} allowed", hint=self.over_hint)
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.max_length is not None:
            schema["maxLength"] = self.max_length
        return self._with_doc(schema)


@dataclass(eq=False, repr=False)
class Id(Spec):
    """An identifier: lower-case letters, digits and dashes."""

    refers_to: str | None = None  # the kind of thing a reference points at

    def check(self, node: YNode, problems: Problems) -> Any:
        what = f"the id of {self.refers_to}" if self.refers_to else "an id"
        value = self._scalar_text(node, problems, what)
        if value is INVALID:
            return INVALID
        if not ID_PATTERN.fullmatch(value):
            problems.error(node.location, f"`{value}` is not a valid id",
                           hint=f"use lower-case letters, digits and `-`, starting with a letter, "
                                f"e.g. `{_slug(value)}`")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"})


@dataclass(eq=False, repr=False)
class Choice(Spec):
    """One word from a fixed list."""

    values: tuple[str, ...] = ()

    def check(self, node: YNode, problems: Problems) -> Any:
        value = self._scalar_text(node, problems, "one of " + ", ".join(self.values))
        if value is INVALID:
            return INVALID
        if value not in self.values:
            hint = did_you_mean(value, self.values) or "use one of: " + ", ".join(self.values)
            problems.error(node.location, f"`{value}` is not one of: {', '.join(self.values)}", hint=hint)
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "string", "enum": list(self.values)})


@dataclass(eq=False, repr=False)
class Flag(Spec):
    """``true`` or ``false``."""

    def check(self, node: YNode, problems: Problems) -> Any:
        if isinstance(node, YScalar) and node.kind == "bool" and not node.quoted:
            return node.value.lower() in {"true", "yes", "on", "y"}
        problems.error(node.location, f"expected true or false, found {describe(node)}")
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "boolean"})


@dataclass(eq=False, repr=False)
class Count(Spec):
    """A whole number, at least ``minimum`` and, when given, at most ``maximum`` (of ``unit``)."""

    minimum: int = 0
    maximum: int | None = None
    unit: str = ""
    over_hint: str | None = None  # what to do about a number over ``maximum``

    def check(self, node: YNode, problems: Problems) -> Any:
        if isinstance(node, YScalar) and node.kind == "int" and not node.quoted:
            try:
                value = int(node.value.replace("_", ""), 0)
            except ValueError:
                value = None
            if value is not None and self.maximum is not None and value > self.maximum:
                unit = f" {self.unit}" if self.unit else ""
                problems.error(node.location, f"{value:,}{unit} is more than the {self.maximum:,}{unit} allowed",
                               hint=self.over_hint)
                return INVALID
            if value is not None and value >= self.minimum:
                return value
        problems.error(node.location, f"expected a whole number of at least {self.minimum}, "
                                      f"found {describe(node)}")
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer", "minimum": self.minimum}
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return self._with_doc(schema)


@dataclass(eq=False, repr=False)
class Number(Spec):
    """A number greater than zero, whole or not (an amount of money)."""

    def check(self, node: YNode, problems: Problems) -> Any:
        if isinstance(node, YScalar) and node.kind in {"int", "float"} and not node.quoted:
            try:
                value = float(node.value.replace("_", ""))
            except ValueError:
                value = None
            if value is not None and 0 < value < 1e15:
                return int(value) if value.is_integer() else value
        problems.error(node.location, f"expected a number greater than 0, found {describe(node)}",
                       hint="write the number alone, without the currency or thousands separators: "
                            "`value: 500000`")
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "number", "exclusiveMinimum": 0})


@dataclass(eq=False, repr=False)
class Date(Spec):
    """A date at the precision a source gives it: YYYY-MM-DD, YYYY-MM, YYYY or unknown.

    With ``disputed``, also the word ``disputed``: the sources give different
    dates, listed beside it.
    """

    disputed: bool = False

    def check(self, node: YNode, problems: Problems) -> Any:
        value = self._scalar_text(node, problems, "a date")
        if value is INVALID:
            return INVALID
        value = value.strip()
        if value == UNKNOWN_DATE or (self.disputed and value == DISPUTED_DATE):
            return value
        problem = date_problem(value)
        if problem:
            hint = ("write YYYY-MM-DD, YYYY-MM, YYYY, `unknown` or `disputed`" if self.disputed
                    else "write YYYY-MM-DD, YYYY-MM, YYYY or `unknown`")
            problems.error(node.location, f"bad date `{value}`: {problem}", hint=hint)
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        words = "unknown|disputed" if self.disputed else "unknown"
        pattern = rf"^({words}|[12]\d{{3}}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)$"
        # A bare year written without quotes is an integer to a YAML 1.2 editor.
        return self._with_doc({"anyOf": [{"type": "string", "pattern": pattern},
                                         {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}]})


def date_problem(value: str) -> str | None:
    """What is wrong with a date text, or None when it is a valid date."""
    match = DATE_PATTERN.fullmatch(value)
    if not match:
        return "not a date"
    year, month, day = (int(part) if part else None for part in match.groups())
    if year == 0:
        return "there is no year 0"
    assert year is not None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"the year must be from {FIRST_YEAR} to {LAST_YEAR}"
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month}"
    if day is not None:
        assert month is not None and year is not None
        last = days_in_month(year, month)
        if not 1 <= day <= last:
            return f"{month_name(month)} {year} has no day {day}"
    return None


@dataclass(eq=False, repr=False)
class ListOf(Spec):
    """A list of items of one kind."""

    item: Spec = field(default_factory=Text)
    min_items: int = 0
    few_hint: str | None = None  # what to do about a list shorter than ``min_items``

    def check(self, node: YNode, problems: Problems) -> Any:
        result = RList(node.location)
        if isinstance(node, YScalar) and node.is_null:
            node = YSeq(node.location)
        if not isinstance(node, YSeq):
            if isinstance(self.item, (Text, Id)) and isinstance(node, YScalar):
                hint = f"write it as a list: [{node.value}]"
            else:
                hint = "start each item on its own line with `- `"
            problems.error(node.location, f"expected a list, found {describe(node)}", hint=hint)
            return INVALID
        for item_node in node.items:
            value = self.item.check(item_node, problems)
            if value is not INVALID:
                result.append(value)
                result.item_locations.append(item_node.location)
        if len(node.items) < self.min_items:
            problems.error(node.location, f"needs at least {self.min_items} "
                                          f"item{'s' if self.min_items > 1 else ''}, has {len(node.items)}",
                           hint=self.few_hint)
        return result

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return self._with_doc(schema)


@dataclass(eq=False, repr=False)
class PerPerson(Spec):
    """One value for everyone (``convicted``) or a value for each person (``{erlan-baltabay: convicted}``).

    Checked into a mapping of person id to value; one value for everyone is
    kept under the key ``"*"``.
    """

    item: Spec = field(default_factory=Spec)

    def check(self, node: YNode, problems: Problems) -> Any:
        if not isinstance(node, YMap):
            value = self.item.check(node, problems)
            return INVALID if value is INVALID else {"*": value}
        record = Rec(node.location)
        for key, (key_location, value_node) in node.items.items():
            if not ID_PATTERN.fullmatch(key):
                problems.error(key_location, f"`{key}` is not a person's id",
                               hint="each key is the id of one of the event's `people`")
                continue
            value = self.item.check(value_node, problems)
            if value is not INVALID:
                record[key] = value
                record.value_locations[key] = key_location
        return record

    def json_schema(self) -> dict[str, Any]:
        item = self.item.json_schema()
        return self._with_doc({"anyOf": [item, {"type": "object", "additionalProperties": item}]})


@dataclass(eq=False, repr=False)
class Retired(Spec):
    """A field an earlier version of the format had: refused where it is written, with what to write instead.

    ``instead`` says what to write; ``hint_for``, when given, words it from
    the value written (the subject's id, the term's own lengths), or returns
    None to fall back on ``instead``. ``successor`` is the field that takes
    its place: when the retired one is written, the successor's absence is
    not reported as well (the refusal already says to write it). The JSON
    Schema leaves it out, so an editor flags it as unknown.
    """

    instead: str = ""
    successor: str | None = None
    hint_for: Callable[[YNode], str | None] | None = None

    def refuse(self, key: str, node: YNode, problems: Problems) -> Any:
        """Report the field ``key`` written as ``node``; nothing of it is kept."""
        hint = (self.hint_for(node) if self.hint_for else None) or self.instead
        problems.error(node.location, f"`{key}` is a field of version 1 of the case format", hint=hint)
        return INVALID

    def check(self, node: YNode, problems: Problems) -> Any:
        return self.refuse("this field", node, problems)

    def json_schema(self) -> dict[str, Any]:
        return {}


@dataclass(eq=False, repr=False)
class Field:
    """One field of a record."""

    spec: Spec
    required: bool = False
    nullable: bool = False  # may be written as `null` to say "not given"
    doc: str = ""


@dataclass(eq=False, repr=False)
class Record(Spec):
    """A mapping with named fields; ``name`` is what users call it ("entity")."""

    name: str = "record"
    fields: dict[str, Field] = field(default_factory=dict)
    #: What to write when a single value stands where the record should (``term: 7``); ``{value}``
    #: is replaced by the number written (7 when none is). None: no hint.
    scalar_hint: str | None = None

    def current_fields(self) -> list[str]:
        """The fields still in the format (not retired), as an unknown field's hint lists them."""
        return [key for key, spec_field in self.fields.items() if not isinstance(spec_field.spec, Retired)]

    def check(self, node: YNode, problems: Problems) -> Any:
        if not isinstance(node, YMap):
            hint = None
            if self.scalar_hint and isinstance(node, YScalar) and not node.is_null:
                # The number written (`7`, or the 7 of "7 years"), so the hint reads as the fix.
                number = re.search(r"\d+(?:\.\d+)?", node.value)
                hint = self.scalar_hint.replace("{value}", number.group() if number else "7")
            problems.error(node.location, f"expected {with_article(self.name)} (a mapping of fields), "
                                          f"found {describe(node)}", hint=hint)
            return INVALID
        record = Rec(node.location)
        retired_given: set[str] = set()
        for key, (key_location, value_node) in node.items.items():
            spec_field = self.fields.get(key)
            if spec_field is None:
                current = self.current_fields()
                hint = did_you_mean(key, current) or ("known fields: " + ", ".join(current))
                problems.error(key_location, f"unknown field `{key}` in {self.name}", hint=hint)
                record.refused.add(key)  # reported and left out, like a refused value
                continue
            if isinstance(spec_field.spec, Retired):
                spec_field.spec.refuse(key, value_node, problems)
                record.refused.add(key)
                if spec_field.spec.successor:
                    retired_given.add(spec_field.spec.successor)
                continue
            if spec_field.nullable and isinstance(value_node, YScalar) and value_node.is_null:
                record[key] = None
                record.value_locations[key] = value_node.location
                continue
            value = spec_field.spec.check(value_node, problems)
            if value is not INVALID:
                record[key] = value
                record.value_locations[key] = value_node.location
            else:
                record.refused.add(key)
        for key, spec_field in self.fields.items():
            if spec_field.required and key not in node.items and key not in retired_given:
                problems.error(node.location, f"{self.name} is missing the required field `{key}`",
                               hint=spec_field.doc or None)
        return record

    def json_schema(self) -> dict[str, Any]:
        properties = {}
        for key, spec_field in self.fields.items():
            if isinstance(spec_field.spec, Retired):
                continue
            schema = spec_field.spec.json_schema()
            if spec_field.nullable:
                schema = {"anyOf": [schema, {"type": "null"}]}
            if spec_field.doc:
                schema = {**schema, "description": spec_field.doc}
            properties[key] = schema
        schema: dict[str, Any] = {
            "type": "object",
            "title": self.name,
            "properties": properties,
            "additionalProperties": False,
        }
        required = [key for key, spec_field in self.fields.items() if spec_field.required]
        if required:
            schema["required"] = required
        return self._with_doc(schema)
