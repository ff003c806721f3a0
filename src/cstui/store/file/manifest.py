"""What the store holds, recorded at each commit: a hash per file, counts, the highest id.

The manifest (``cases.manifest`` beside ``cases.json``) names every file of the store
(the main document and each archive part) with the sha256 of its bytes, the number of
cases a case-holding file has, the number of open cases and the highest case number
ever issued. A commit writes it *before* the files it changes, each changed file named
with its new hash and, under ``was``, the hash it had (None: no file): a crash anywhere
leaves every file at one of the two. The next commit settles those entries by hashing
just the files the previous commit changed, so no save re-hashes the archive.

:func:`~cstui.store.file.shapes.shape_problem` says when a parsed document is not the
shape of its kind.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from cstui.errors import StoreError
from cstui.store.file.files import ARCHIVE_DIR as ARCHIVE_DIR
from cstui.store.file.files import atomic_write, manifest_path, reason
from cstui.store.file.files import relative as relative
from cstui.store.file.journal import JOURNAL_SUFFIX
from cstui.store.file.shapes import shape_problem as shape_problem

Manifest = dict[str, Any]
"""``{"files": {relative path: entry}, "open": n, "highest": n}``; an entry is
``{"sha256": hex or None, "was": [hex or None, ...], "cases": n}``."""
FILES = "files"
DERIVED = f"{ARCHIVE_DIR}/analysis-"
"""Archive files worked out from the blocks (report rows): a write may replace them."""
HIGHEST = "highest"
JOURNAL = "journal"
"""Whether the store made the main document's journal (which must then be there). The
journal is not hashed here: it grows with each save, and its lines chain by hash."""
HIGHEST_WAS = "highest_was"
"""The highest number before the commit that wrote the manifest: the one that holds if the
main document's write never landed (an id of a commit cut short was never given out)."""


def digest(raw: bytes) -> str:
    """The sha256 of ``raw``, in hex."""
    return hashlib.sha256(raw).hexdigest()


def read_or_none(path: Path) -> bytes | None:
    """The bytes of ``path``, or None if there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {reason(exc)}") from None


def file_digest(path: Path) -> str | None:
    """The sha256 of the file ``path``, or None if there is no such file."""
    raw = read_or_none(path)
    return None if raw is None else digest(raw)


def acceptable(entry: dict[str, Any]) -> set[str | None]:
    """The hashes a file may have under ``entry``: its own, and its previous one while
    the commit that changed it may not have finished."""
    return {entry.get("sha256"), *entry.get("was", [])}


def changed(now: str | None, entry: dict[str, Any]) -> str:
    """How a file whose hash is ``now`` (None: missing) differs from its ``entry``."""
    held = f" (it held {entry['cases']} cases)" if entry.get("cases") else ""
    if now is None:
        return f"is missing{held}"
    if entry.get("sha256") is None:
        return "should not be there (the store deleted it)"
    return f"has been changed outside cstui{held}"


# -- the manifest file -------------------------------------------------------------------


def count_of(document: dict[str, Any]) -> int:
    """How many cases a document holds (0 if it holds none)."""
    cases = document.get("cases")
    return len(cases) if isinstance(cases, dict) else 0


def highest_in(document: dict[str, Any]) -> int:
    """The highest case number a document holds (0 if none)."""
    cases = document.get("cases")
    if not isinstance(cases, dict):
        return 0
    return max((int(k) for k in cases if isinstance(k, str) and k.isdigit()), default=0)


def next_case(document: dict[str, Any]) -> int:
    """The next case number the main document's counter gives (1 if it has none)."""
    meta = document.get("meta")
    row = meta.get("1") if isinstance(meta, dict) else None
    value = row.get("next_case") if isinstance(row, dict) else None
    return value if isinstance(value, int) else 1


@dataclass
class Ledger:
    """The manifest of one store, read and written under the store's lock."""

    store: Path
    _cached: tuple[tuple[int, int], Manifest] | None = field(default=None, repr=False)
    _known: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict, repr=False)
    """The hash of each file this process wrote or hashed, by its stat when it did."""

    @property
    def path(self) -> Path:
        """The manifest's file."""
        return manifest_path(self.store)

    @property
    def journal(self) -> str:
        """The name of the main document's journal (see :mod:`.journal`)."""
        return self.store.with_suffix(JOURNAL_SUFFIX).name

    @property
    def root(self) -> Path:
        """The folder the manifest's paths are relative to."""
        return self.store.parent

    def digest_of(self, name: str) -> str | None:
        """The sha256 of the store's file ``name`` (relative), hashed again only if the
        file changed since this process last wrote or hashed it; None if it is gone."""
        try:
            st = os.stat(self.root / name)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"cannot read {self.root / name}: {reason(exc)}") from None
        key = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        known = self._known.get(name)
        if known is not None and known[0] == key:
            return known[1]
        now = file_digest(self.root / name)
        if now is not None:
            self._known[name] = (key, now)
        return now

    def remember(self, names: list[str]) -> None:
        """After a commit wrote the files ``names``: their hashes are the manifest's."""
        files = self._cached[1][FILES] if self._cached is not None else {}
        for name in names:
            sha = files.get(name, {}).get("sha256")
            self._known.pop(name, None)
            with contextlib.suppress(OSError):
                st = os.stat(self.root / name)
                if sha is not None:
                    self._known[name] = (
                        (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns),
                        sha,
                    )

    def load(self) -> Manifest | None:
        """The manifest as stored; None if there is none (or it is not readable)."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        key = (st.st_ino, st.st_mtime_ns)
        if self._cached is not None and self._cached[0] == key:
            return self._cached[1]
        try:
            found = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None
        if not isinstance(found, dict) or not isinstance(found.get(FILES), dict):
            return None
        if not all(isinstance(e, dict) for e in found[FILES].values()):
            return None
        self._cached = (key, found)
        return found

    def build(self) -> Manifest:
        """A manifest of the files as they are: each hashed once; the counts of the
        archive's blocks taken from its index files (small), not from the blocks."""
        files: dict[str, Any] = {}
        names = [self.store.name]
        archive = self.root / ARCHIVE_DIR
        if archive.is_dir():
            names += sorted(f"{ARCHIVE_DIR}/{p.name}" for p in archive.glob("*.json"))
        highest = 0
        summaries: dict[str, Any] = {}
        for name in names:
            raw = read_or_none(self.root / name)
            if raw is None:
                continue
            files[name] = {"sha256": digest(raw)}
            if name == self.store.name:
                document = _parsed(raw)
                files[name]["cases"] = count_of(document)
                highest = max(highest_in(document), next_case(document) - 1)
            elif name.startswith(f"{ARCHIVE_DIR}/index-"):
                blocks = _parsed(raw).get("blocks")
                summaries.update(blocks if isinstance(blocks, dict) else {})
        for block, summary in summaries.items():
            if not str(block).isdigit():
                continue
            entry = files.get(f"{ARCHIVE_DIR}/cases-{int(block):04d}.json")
            if entry is not None and isinstance(summary, dict):
                entry["cases"] = summary.get("count")
                highest = max(highest, int(summary.get("last", 0)))
        built: Manifest = {FILES: files, HIGHEST: highest}
        if (self.root / self.journal).exists():
            built[JOURNAL] = True
        return built

    def settled(self) -> Manifest:
        """The manifest with the previous commit's changes settled (or built afresh).

        Where the main document's write did not land, the highest number issued is the
        one from before that commit: its new ids were never given out."""
        found = self.load()
        if found is None:
            return self.build()
        files = dict(found[FILES])
        landed = True
        for name, entry in found[FILES].items():
            if "was" not in entry:
                continue
            now = self.digest_of(name)
            if now not in acceptable(entry):
                continue  # changed outside cstui: left for check and the next write to find
            if name == self.store.name:
                landed = now == entry.get("sha256")
            if now is None:
                del files[name]
                continue
            settled = {k: v for k, v in entry.items() if k != "was"}
            if now != entry.get("sha256"):  # the commit did not finish: as it was
                settled["sha256"] = now
                settled.pop("cases", None)
            files[name] = settled
        result = {**found, FILES: files}
        was = result.pop(HIGHEST_WAS, None)
        if not landed and isinstance(was, int):
            result[HIGHEST] = was
        return result

    def record(
        self,
        manifest: Manifest,
        writes: dict[str, bytes | None],
        documents: dict[str, dict[str, Any]],
        journal: bool = False,
    ) -> None:
        """Write the manifest of the files after ``writes`` (relative path -> new bytes,
        None: deleted), before the files; ``journal``: the commit makes the main document's
        journal (empty), which must then always be there. The parsed ``documents`` give
        counts; the main document's, there when the change is to it, the highest number
        issued. When the main document is written, its write syncs the folder (with the
        manifest's name)."""
        files = dict(manifest[FILES])
        highest = int(manifest.get(HIGHEST, 0))
        for name, raw in writes.items():
            old = files.get(name, {}).get("sha256")
            if raw is None:
                files[name] = {"sha256": None, "was": [old]}
                continue
            entry: dict[str, Any] = {"sha256": digest(raw), "was": [old]}
            document = documents.get(name)
            if document is not None and "cases" in document:
                entry["cases"] = count_of(document)
                highest = max(highest, highest_in(document))
            files[name] = entry
        main = documents.get(self.store.name)
        if main is not None:
            highest = max(highest, highest_in(main), next_case(main) - 1)
        written = {**manifest, FILES: files, HIGHEST: highest}
        if journal:
            written[JOURNAL] = True
        written.pop(HIGHEST_WAS, None)
        if main is not None:
            written[HIGHEST_WAS] = int(manifest.get(HIGHEST, 0))
        try:
            atomic_write(self.path, orjson.dumps(written), self.store.name not in writes)
        except StoreError as exc:  # the manifest is the first file of the store's write
            raise StoreError(str(exc).replace(self.path.name, self.store.name, 1)) from None
        self._cached = None
        with contextlib.suppress(OSError):
            st = os.stat(self.path)
            self._cached = ((st.st_ino, st.st_mtime_ns), written)

    def journal_problem(self, manifest: Manifest) -> str:
        """What is wrong with the main document's journal: gone though the store made it
        (its lines are checked as they are read, see :mod:`.journal`); "" if nothing."""
        path = self.root / self.journal
        if manifest.get(JOURNAL) and not os.path.lexists(path):
            return f"{path} is missing (it held the latest saves)"
        return ""

    def damaged(self, manifest: Manifest, names: list[str]) -> str:
        """What is wrong with the first of the files ``names`` (relative paths) that was
        changed outside cstui and lost something: gone, unreadable, fewer cases than
        recorded, a counter below an id issued, or an index or lookup changed; "" if none.
        (An edit that keeps every case, such as a corrected word, is let through.)"""
        files = manifest[FILES]
        for name in names:
            entry = files.get(name)
            if entry is None or name.startswith(DERIVED):  # worked out again from a block
                continue
            now = self.digest_of(name)
            if now in acceptable(entry):
                continue
            if self._keeps_everything(name, entry, read_or_none(self.root / name), manifest):
                continue
            return f"{self.root / name} {changed(now, entry)}"
        return ""

    def _keeps_everything(
        self, name: str, entry: dict[str, Any], raw: bytes | None, manifest: Manifest
    ) -> bool:
        """Whether a file changed outside cstui still holds every case it held (and, for
        the main document, a counter above every id issued)."""
        held = entry.get("cases")
        if raw is None or not isinstance(held, int):
            return False
        document = _parsed(raw)
        if count_of(document) < held:
            return False
        return name != self.store.name or next_case(document) > int(manifest.get(HIGHEST, 0))

    def write(self, manifest: Manifest) -> None:
        """Replace the manifest (a restore, which knows every file's hash)."""
        atomic_write(self.path, orjson.dumps(manifest))
        self._cached = None


def _parsed(raw: bytes) -> dict[str, Any]:
    try:
        found = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return {}
    return found if isinstance(found, dict) else {}
