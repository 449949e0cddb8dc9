"""The reader's remembered choices: the theme and the highlight types turned off, kept between runs.

Stored as JSON in the user's config directory (``READER_CONFIG_DIR`` overrides
it, for tests and portable setups). Written atomically: a temporary file in
the same folder, flushed to disk, then renamed over the old one, so a crash
mid-write never leaves half a file. A file that cannot be read or parsed is
ignored with a warning and kept aside as ``settings.json.corrupt`` before the
next save, so nothing the user wrote is lost.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from platformdirs import user_config_dir

SETTINGS_FILE = "settings.json"


def config_dir() -> Path:
    """Where the reader keeps its settings."""
    override = os.environ.get("READER_CONFIG_DIR")
    return Path(override) if override else Path(user_config_dir("reader", appauthor=False))


@dataclass
class Settings:
    """What the reader remembers."""

    theme: str | None = None
    hidden_types: list[str] = field(default_factory=list)
    """The entity types whose highlights are off (the legend's switches).

    Turning every highlight off (``h``) is not remembered: it lasts as long as
    the case is open, so a reader never starts on a case with no highlights
    and no idea why. A file from an older reader may still hold
    ``show_highlights``; it is ignored.
    """


def _parse(data: object) -> Settings:
    """Settings from parsed JSON; raises ValueError naming the first bad field."""
    if not isinstance(data, dict):
        raise ValueError("the file does not hold a JSON object")
    settings = Settings()
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise ValueError("“theme” must be a theme name")
    settings.theme = theme
    hidden = data.get("hidden_types", [])
    if not isinstance(hidden, list) or not all(isinstance(item, str) for item in hidden):
        raise ValueError("“hidden_types” must be a list of entity types")
    settings.hidden_types = hidden
    return settings


class SettingsStore:
    """Loads and saves :class:`Settings` in one file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else config_dir() / SETTINGS_FILE
        self._set_aside = False  # the file on disk is unreadable and must be kept, not overwritten

    def load(self) -> tuple[Settings, str | None]:
        """The saved settings (defaults when there are none), and a warning when the file was unusable."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings(), None
        except (OSError, UnicodeDecodeError) as exc:
            self._set_aside = True
            return Settings(), f"Could not read the settings file {self.path} ({exc}); using the defaults."
        try:
            return _parse(json.loads(raw)), None
        except ValueError as exc:  # json.JSONDecodeError is a ValueError too
            self._set_aside = True
            return Settings(), (f"Ignored the settings file {self.path}: {exc}. Using the defaults; "
                                f"the file will be kept as {self.path.name}.corrupt when settings are next saved.")

    def save(self, settings: Settings) -> str | None:
        """Write ``settings`` atomically; return an error message instead of raising."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self._set_aside and self.path.exists():
                os.replace(self.path, self.path.with_name(self.path.name + ".corrupt"))
            self._set_aside = False
            handle, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    json.dump(asdict(settings), file, indent=2)
                    file.write("\n")
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            return f"Could not save the settings to {self.path}: {exc}"
        return None
