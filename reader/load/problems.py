"""Problems found while loading a case, located where the user wrote them.

Every problem names a file, a line and a column (1-based, as editors count),
says what is wrong and, where we can tell, what to do about it. The same
objects feed ``reader check``, the error screen of the app and the tests.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from reader.model.types import Location


class Severity(StrEnum):
    """How bad a problem is: errors stop a case from opening, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case.

    Attributes:
        location: where the user wrote the offending text.
        severity: error or warning.
        message: what is wrong, in one line.
        details: extra lines shown indented below the message (the closest
            passage for a missing quote, the places of an ambiguous one).
        hint: what to do about it, when we can tell.
    """

    location: Location
    severity: Severity
    message: str
    details: tuple[str, ...] = ()
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, relative_to: Path | None = None) -> str:
        """Render compiler-style: ``path:line:col: error: message`` plus details."""
        location = self.location
        if relative_to is not None:
            location = Location(_relative(location.path, relative_to), location.line, location.col)
        lines = [f"{location}: {self.severity.value}: {self.message}"]
        lines.extend(f"    {detail}" for detail in self.details)
        if self.hint:
            lines.append(f"    hint: {self.hint}")
        return "\n".join(lines)


def _relative(path: Path, base: Path) -> Path:
    base = base.resolve()
    # A case file may be a link: name the link, not where it leads (nowhere, for a loop of links).
    for candidate in (lambda: path.parent.resolve() / path.name, path.resolve):
        try:
            return candidate().relative_to(base)
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop, up to Python 3.12
            continue
    return path


@dataclass
class Problems:
    """An ordered collection of problems, filled in as checking goes on."""

    items: list[Problem] = field(default_factory=list)

    def error(self, location: Location, message: str, *, hint: str | None = None,
              details: Iterable[str] = ()) -> None:
        self.items.append(Problem(location, Severity.ERROR, _one_line(message),
                                  tuple(_bounded(detail) for detail in details), hint and _bounded(hint)))

    def warning(self, location: Location, message: str, *, hint: str | None = None,
                details: Iterable[str] = ()) -> None:
        self.items.append(Problem(location, Severity.WARNING, _one_line(message),
                                  tuple(_bounded(detail) for detail in details), hint and _bounded(hint)))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def sorted(self) -> list[Problem]:
        """Problems in file order, so they read top to bottom like the files."""
        return sorted(self.items, key=lambda p: (str(p.location.path), p.location.line, p.location.col))


#: The longest message, detail or hint kept whole. They quote what the user wrote, which
#: may be a megabyte long (a key, an id); the middle of a longer one is left out.
MAX_MESSAGE_CHARS = 2000


def _bounded(text: str) -> str:
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    keep = MAX_MESSAGE_CHARS // 2
    return f"{text[:keep]} … ({len(text) - 2 * keep:,} characters left out) … {text[-keep:]}"


def _one_line(message: str) -> str:
    # A message quotes what the user wrote, which may hold a line break (a quoted
    # YAML key, say); written as \n it keeps the `file:line:col: error:` line whole.
    return _bounded(message).replace("\n", "\\n")


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A ``did you mean `x`?`` hint for a misspelt name, or None."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None


def known_list(candidates: Iterable[str], limit: int = 8) -> str:
    """A short, sorted list of known names for a hint."""
    names = sorted(set(candidates))
    if not names:
        return "none are defined"
    shown = ", ".join(f"`{name}`" for name in names[:limit])
    more = len(names) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def with_article(noun: str) -> str:
    """``noun`` with "a" or "an" before it, for messages ("an entity", "a source")."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun
