"""What ``store check`` looks for beyond readable cases: every file as the manifest
recorded it, the counter above every id ever issued, no id used for two cases, a
roster with a team leader, nothing another user of the computer can read or write."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cstui.errors import CstuiError
from cstui.models.case import format_case_id
from cstui.store.file.manifest import (
    ARCHIVE_DIR,
    DERIVED,
    FILES,
    HIGHEST,
    Ledger,
    acceptable,
    changed,
    file_digest,
    highest_in,
    next_case,
)
from cstui.store.file.restore import journal_of
from cstui.store.file.roster_file import RosterFile

Tables = dict[str, Any]


def manifest_problems(ledger: Ledger) -> list[str]:
    """Each file not as the last commit recorded it: missing, emptied, cut, edited, or
    there though the store never wrote it."""
    manifest = ledger.load()
    if manifest is None:
        return [] if not ledger.path.exists() else [f"{ledger.path} cannot be read"]
    problems = []
    files: dict[str, Any] = manifest[FILES]
    for name, entry in sorted(files.items()):
        if name.startswith(DERIVED):  # compared with its block below
            continue
        now = file_digest(ledger.root / name)
        if now not in acceptable(entry):
            problems.append(f"{ledger.root / name} {changed(now, entry)}")
    archive = ledger.root / ARCHIVE_DIR
    for path in sorted(archive.glob("*.json")) if archive.is_dir() else []:
        if f"{ARCHIVE_DIR}/{path.name}" not in files:
            problems.append(f"{path} was not written by cstui (a block left behind?)")
    if journal := ledger.journal_problem(manifest):
        problems.append(journal)
    if journal_of(ledger.store).exists():
        problems.append("a restore was cut short: open the store again to finish it")
    return problems


def counter_problems(main: Tables, ledger: Ledger, parts: Mapping[str, Tables]) -> list[str]:
    """The main document's counter below a case number already issued."""
    manifest = ledger.settled()
    highest = max(
        [int(manifest.get(HIGHEST, 0)), highest_in(main), *map(highest_in, parts.values())]
    )
    following = next_case(main)
    if following <= highest:
        return [
            f"the case counter would issue {format_case_id(following)} again: "
            f"ids up to {format_case_id(highest)} were already issued"
        ]
    return []


def duplicate_problems(main: Tables, parts: Mapping[str, Tables]) -> list[str]:
    """Case numbers used for two different cases (the main document's copy of a case
    closed or reopened is the same case: same creation moment)."""
    seen: dict[str, tuple[str, Any]] = {}
    problems = []
    for where, tables in [("cases.json", main), *sorted(parts.items())]:
        cases = tables.get("cases")
        if not isinstance(cases, dict) or not where.startswith("cases"):
            continue
        for key, doc in cases.items():
            created = doc.get("created_at") if isinstance(doc, dict) else None
            if isinstance(doc, dict) and doc.get("id") not in (None, _case_id(key)):
                problems.append(f"{where}: case number {key} holds the case {doc.get('id')}")
            known = seen.get(key)
            if known is not None and known[1] != created:
                problems.append(f"{_case_id(key)} is two different cases ({known[0]}, {where})")
            seen.setdefault(key, (where, created))
    return problems


def _case_id(key: str) -> str:
    return format_case_id(int(key)) if key.isdigit() else key


def roster_problems(roster: RosterFile) -> list[str]:
    """A roster that cannot be read, or has nobody who may lead the team."""
    if not roster.exists():
        return []
    try:
        members = roster.load().members
    except CstuiError as exc:
        return [str(exc)]
    if members and not any(m.role == "team_leader" for m in members):
        return [f"{roster.path}: nobody on the roster is a team leader"]
    return []


STORE_FOLDERS = ("archive", "backups", "skills", "drafts")
STORE_FILES = ("cases.", "team.toml", "policy.toml")


def _store_paths(root: Path) -> list[Path]:
    """The data folder, and every file and folder in it that cstui makes."""
    found = [root]
    for entry in sorted(root.iterdir()) if root.is_dir() else []:
        if entry.name in STORE_FOLDERS and entry.is_dir():
            found.append(entry)
            for folder, folders, files in os.walk(entry):
                found += [Path(folder) / name for name in [*folders, *files]]
        elif entry.name.startswith(STORE_FILES):
            found.append(entry)
    return found


def mode_problems(root: Path) -> list[str]:
    """Every file or folder of the store that other users of the computer may read or
    write."""
    problems = []
    for path in _store_paths(root):
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            continue
        if mode & 0o006:
            problems.append(
                f"{path} can be read or written by every user of this computer "
                f"(mode {mode & 0o7777:o}): run `chmod o-rwx {path}`"
            )
    return problems
