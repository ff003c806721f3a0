"""The data folder's hand-edited files (policy and roster), read once per start.

Each is validated in full (with the models) the first time its exact bytes are seen;
their hash is then noted in ``.checked.json`` in the data folder, so later starts that
find the same bytes skip the models and read the few values they need straight from
the TOML. Any edit changes the hash and brings the full check (and its errors) back.
"""

from __future__ import annotations

import contextlib
import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from cstui import __version__
from cstui.durable import file_mode, replace_durably
from cstui.errors import ConfigError, StoreError

CHECKED_FILE = ".checked.json"
POLICY_FILE = "policy.toml"
TEAM_FILE = "team.toml"
_FORMAT = f"{__version__}/1"
"""Checks made by another version of the app do not count."""


def digest(raw: bytes) -> str:
    """The hash a checked file is known by."""
    return hashlib.sha256(raw).hexdigest()


@dataclass
class ConfigFile:
    """One hand-edited TOML file of the data folder, its bytes read once."""

    path: Path
    _raw: bytes | None = field(default=None, init=False, repr=False)
    _values: dict[str, Any] | None = field(default=None, init=False, repr=False)

    @classmethod
    def holding(cls, path: Path, raw: bytes) -> ConfigFile:
        """A file whose bytes were read elsewhere (a server's copy), known as ``path``."""
        file = cls(path)
        file._raw = raw
        return file

    @property
    def raw(self) -> bytes:
        """The file's bytes; ConfigError naming the file if it cannot be read."""
        if self._raw is None:
            try:
                self._raw = self.path.read_bytes()
            except FileNotFoundError:
                raise ConfigError(f"{self.path}: the file is missing") from None
            except OSError as exc:
                raise ConfigError(f"{self.path}: cannot be read ({exc})") from None
        return self._raw

    def values(self) -> dict[str, Any]:
        """The file as plain TOML values, unchecked (for a file already checked), parsed once."""
        if self._values is None:
            try:
                self._values = tomllib.loads(self.raw.decode("utf-8"))
            except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"{self.path}: not valid TOML ({exc})") from None
        return self._values


@dataclass
class CheckedFiles:
    """Which file contents were already validated in full (see the module's notes)."""

    data_dir: Path
    _known: dict[str, str] | None = field(default=None, init=False, repr=False)

    @property
    def path(self) -> Path:
        """Where the hashes are noted."""
        return self.data_dir / CHECKED_FILE

    def _read(self) -> dict[str, str]:
        if self._known is None:
            self._known = {}
            with contextlib.suppress(OSError, orjson.JSONDecodeError):
                found = orjson.loads(self.path.read_bytes())
                if isinstance(found, dict) and found.get("format") == _FORMAT:
                    self._known = {k: v for k, v in found.items() if isinstance(v, str)}
        return self._known

    def known(self, file: ConfigFile) -> bool:
        """Whether ``file``'s exact bytes were checked before."""
        return self._read().get(file.path.name) == digest(file.raw)

    def note(self, file: ConfigFile) -> None:
        """``file``'s bytes passed the full check (noting it is a bonus: never fails)."""
        known = {**self._read(), "format": _FORMAT, file.path.name: digest(file.raw)}
        if known == self._known:
            return
        self._known = known
        with contextlib.suppress(StoreError, OSError):
            payload = orjson.dumps(known, option=orjson.OPT_SORT_KEYS)
            replace_durably(self.path, payload, file_mode(self.path.parent))
