"""Reading a file store: the main document with its journal, and the parts, each file
re-read only when it changed. Reads need no lock: files are replaced atomically, and the
journal is only ever appended to (a last line without its newline is not read yet)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cstui.store.file.files import ARCHIVE_DIR, check_private
from cstui.store.file.journal import Journal, applied, journal_path
from cstui.store.file.loading import SIZE, StatKey, parse, stat_key
from cstui.store.file.loading import read_file as read_file  # (tests count the reads)

if TYPE_CHECKING:
    from cstui.store.file.backups import Backups

Tables = dict[str, dict[str, Any]]
ARCHIVE = ARCHIVE_DIR
"""The folder, beside the main document, that holds its parts."""
PART_CACHE_BYTES = 4 << 20
"""How much of the parts' files a reader keeps parsed in memory, the most recently used:
ten full blocks of closed cases, beside the small index and lookup files."""


@dataclass
class StoreFiles:
    """The files of a store as this process last read them."""

    path: Path
    _cache_key: StatKey | None = field(default=None, init=False, repr=False)
    _checkpoint: Tables = field(default_factory=dict, init=False, repr=False)
    """The main document's file as parsed; ``_cache`` is it with the journal applied."""
    _cache: Tables = field(default_factory=dict, init=False, repr=False)
    _base: str = field(default="", init=False, repr=False)
    """The sha256 of the main document's file as parsed."""
    _parts: dict[str, tuple[StatKey, Tables]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.journal = Journal(journal_path(self.path))

    @cached_property
    def backups(self) -> Backups:
        """The copies of the store."""
        from cstui.store.file.backups import Backups

        return Backups(self.path)

    @property
    def archive(self) -> Path:
        """The folder of the parts."""
        return self.path.parent / ARCHIVE

    def part_path(self, name: str) -> Path:
        """The file of the part ``name``."""
        return self.archive / f"{name}.json"

    def part_names(self) -> list[str]:
        """The name of every part stored."""
        if not self.archive.is_dir():
            return []
        return sorted(p.stem for p in self.archive.glob("*.json"))

    def _load(self, path: Path, known: StatKey | None) -> tuple[StatKey | None, Tables | None]:
        key, raw = read_file(path, known)
        if key is None:
            return None, {}
        if raw is None:
            return key, None
        parsed = parse(raw, path, lambda: self.backups)
        check_private(key[-1], path)
        if path == self.path:
            from cstui.store.file.manifest import digest

            self._base = digest(raw)
        return key, parsed

    def snapshot(self) -> Tables:
        """The main document with its journal's lines (see :mod:`.journal`), re-read only
        where its files changed."""
        lines: list[dict[str, Any]] | None = []
        for _ in range(3):  # a fold between reading the two files: read the new ones
            self._checkpoint_now()
            lines = self.journal.read(self._base)
            if lines is not None or not self._checkpoint_now():
                break  # lines of an older checkpoint: a fold cut short, left to its writer
        if self.journal.restarted:
            self._cache = self._checkpoint
        if lines:
            self._cache = applied(self._cache, lines)
        return self._cache

    def _checkpoint_now(self) -> bool:
        """Read the main document's file again if it changed; whether it had."""
        if self._adopt_fold():
            return True
        key, parsed = self._load(self.path, self._cache_key)
        if parsed is None:
            return False
        self._checkpoint = self._cache = parsed
        self._cache_key = key
        if key is None:
            self._base = ""
        self.journal.reset(self._base)
        return True

    def _adopt_fold(self) -> bool:
        """After a fold of the journal read so far: read the rest of it (set aside) and
        take what is held as the new main document, without reading it; whether done."""
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        key = stat_key(st)
        if key == self._cache_key or not self._base or self.journal.ino < 0:
            return False
        header = self.journal.fold_header()
        if header is None or header["folded"] != self._base:
            return False
        if header.get("checkpoint") != [st.st_ino, st.st_size]:
            return False  # the main document is not the one the fold wrote (yet)
        rest = self.journal.catch_up_before_fold(self._base)
        if rest is None or self.journal.last != header.get("through"):
            return False
        check_private(key[-1], self.path)
        self._checkpoint = self._cache = applied(self._cache, [*rest, header])
        self._cache_key, self._base = key, str(header["base"])
        self.journal.reset(self._base)
        return True

    def revision(self) -> StatKey | None:
        """A token that changes whenever the store's main document or its journal changes
        (None if there is no file yet)."""
        try:
            main = stat_key(os.stat(self.path))
        except OSError:
            return None
        try:
            return main + stat_key(os.stat(self.journal.path))
        except OSError:
            return main

    def part(self, name: str) -> Tables:
        """The part ``name``, re-read only when its file has changed."""
        known = self._parts.get(name)
        key, parsed = self._load(self.part_path(name), known[0] if known else None)
        if parsed is None and known is not None:
            self._parts[name] = self._parts.pop(name)  # most recently used last
            return known[1]
        if key is not None and parsed is not None:
            self._remember(name, key, parsed)
        return parsed or {}

    def _remember(self, name: str, key: StatKey, data: Tables) -> None:
        """Keep ``data`` as the part ``name``, most recently used, within PART_CACHE_BYTES."""
        self._parts.pop(name, None)
        self._parts[name] = (key, data)
        size = sum(known[SIZE] for known, _ in self._parts.values())
        while size > PART_CACHE_BYTES and len(self._parts) > 1:
            size -= self._parts.pop(next(iter(self._parts)))[0][SIZE]
