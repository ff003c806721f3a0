"""Writes that fail half-way (disk full, I/O error, read-only): nothing changes, plain words.

Faults are injected into the ``os`` module as ``cstui.store.file.files`` sees it (as
``tests/store/test_file_backend.py`` does): one call fails with one errno. A read-only
data folder is also tried for real, with ``chmod 0500``, in a CLI subprocess.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from tests.support.reliability.workers import log_case
from tests.support.stores import REPORT_ROWS

from cstui import durable
from cstui.domain import workflow
from cstui.errors import StoreError
from cstui.services.maintenance import StoreMaintenance
from cstui.store.file import files
from cstui.store.file import journal as journal_module
from cstui.store.file.admin import FileStoreAdmin
from cstui.store.file.backend import JSONFileBackend
from cstui.store.file.tinydb_cases import TinyDBCaseRepository
from cstui.store.file.upgrades import guard

ERRNOS = {"ENOSPC": errno.ENOSPC, "EIO": errno.EIO, "EROFS": errno.EROFS}
CALLS = ("write", "fsync", "replace")
JOURNAL_CALLS = ("write", "fsync")
"""Where appending a line to the journal can fail."""


class FaultyOs:
    """The ``os`` module as the store sees it, with ``call`` failing with ``code``."""

    def __init__(self, call: str, code: int) -> None:
        self.call, self.code = call, code
        self.failures = 0

    def __getattr__(self, name: str) -> Any:
        if name != self.call:
            return getattr(os, name)

        def fail(*args: object, **kwargs: object) -> None:
            self.failures += 1
            raise OSError(self.code, os.strerror(self.code))

        return fail


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, but the lock file (its holder's label
    changes) and the audit log, which records the failed attempt (checked apart)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock") and ".audit.log" not in p.name
    }


def audit_actions(folder: Path) -> list[str]:
    """The action of every audit entry, in order."""
    log = folder / "cases.audit.log"
    return [orjson.loads(line)["action"] for line in log.read_bytes().splitlines()]


def try_fault(
    folder: Path, call: str, code: int, monkeypatch: pytest.MonkeyPatch, journal: bool = False
) -> list[str]:
    """Inject one fault into a create and into a save (``journal``: in a store whose
    everyday saves go to its journal); return what went wrong (nothing, ideally)."""
    folder.mkdir(mode=0o700)
    store = folder / "cases.json"
    backend = JSONFileBackend(store, guard=guard if journal else None)
    repo = TinyDBCaseRepository(backend)
    first = log_case(repo, "alice")
    log_case(repo, "alice")  # the second write of the day also makes the daily backup
    before = files_of(folder)
    written = "cases.journal" if journal else "cases.json"
    expected = f"could not write {written}: {os.strerror(code)}; nothing was changed"
    problems: list[str] = []
    note = workflow.add_note(first, "called back", "alice", datetime.now(UTC))
    attempts: dict[str, Callable[[], object]] = {
        "create": lambda: log_case(repo, "alice"),
        "save": lambda: repo.save(note, first.version),
    }
    for what, attempt in attempts.items():
        faulty = FaultyOs(call, code)
        with monkeypatch.context() as patch:
            patch.setattr(files, "os", faulty)
            patch.setattr(durable, "os", faulty)  # where files are written and fsynced
            patch.setattr(journal_module, "os", faulty)  # and lines appended
            try:
                attempt()
                problems.append(f"{what}: no error")
            except StoreError as exc:
                if type(exc) is not StoreError or str(exc) != expected:
                    problems.append(f"{what}: {type(exc).__name__}: {exc}")
        if not faulty.failures:
            problems.append(f"{what}: the fault was never hit")
        if files_of(folder) != before:
            problems.append(f"{what}: the data folder changed")
        if audit_actions(folder)[-1] != "not stored":
            problems.append(f"{what}: the audit log does not mark the attempt as not stored")
        if list(folder.rglob("*.tmp-*")):
            problems.append(f"{what}: temp files left")
    # The fault is gone: the next writes succeed, numbered as if nothing had happened.
    if log_case(repo, "alice").id != "C-000003":
        problems.append("the next create did not get C-000003")
    if repo.save(note, first.version).version != 2:
        problems.append("the next save was not stored as version 2")
    maintenance = StoreMaintenance(FileStoreAdmin(backend, REPORT_ROWS), lambda: datetime.now(UTC))
    if not maintenance.verify().ok:
        problems.append("the audit log does not verify")
    return problems


@pytest.mark.parametrize("journal", [False, True], ids=["main-document", "journal"])
def test_failed_writes_change_nothing_and_say_why(tmp_path, monkeypatch, figures, journal) -> None:
    calls = JOURNAL_CALLS if journal else CALLS
    results = {
        (name, call): try_fault(tmp_path / f"{name}-{call}", call, code, monkeypatch, journal)
        for name, code in ERRNOS.items()
        for call in calls
    }
    bad = {f"{name} at os.{call}": p for (name, call), p in results.items() if p}
    figures.add(
        f"faults: {len(results) - len(bad)} of {len(results)} injected failures "
        f"({', '.join(ERRNOS)} at os.{', os.'.join(calls)}; a create and a save each) refused "
        f"with 'could not write {'cases.journal' if journal else 'cases.json'}: <OS reason>; "
        "nothing was changed', store and backups "
        "byte-for-byte unchanged, the attempt audited as 'not stored', 0 temp files left, "
        "next write ok"
    )
    assert bad == {}


# -- the command line, as a real process ---------------------------------------------

BOOT = """
import errno, os, sys
from cstui.store.file import files
from cstui.store.file import journal as journal_module

class ReadOnly:
    def __getattr__(self, name):
        if name == "replace":
            def fail(*args, **kwargs):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS))
            return fail
        return getattr(os, name)

files.os = ReadOnly()
from tests.support.cli import run
run(sys.argv[1:])
"""
"""``python -c BOOT ARGS``: the CLI, with every file replace failing as on a read-only disk."""

NEW = (
    "case", "new", "--customer", "Jo Citizen", "--phone", "0412 345 678",
    "--summary", "Charged twice", "--category", "Billing", "--channel", "phone",
)  # fmt: skip


def test_cli_on_a_read_only_disk_exits_1_in_plain_words(proc, data_dir, figures) -> None:
    assert proc(*NEW).returncode == 0
    before = files_of(data_dir)
    failed = proc(*NEW, boot=BOOT)
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert failed.stderr == (
        "error: could not write cases.journal: Read-only file system; nothing was changed\n"
    )
    assert files_of(data_dir) == before
    assert not list(data_dir.rglob("*.tmp-*"))
    listed = proc("case", "list", "--json", boot=BOOT)  # reading still works
    assert listed.returncode == 0
    figures.add(f"read-only disk (CLI process): exit 1, {failed.stderr.strip()!r}, nothing changed")


def _without_root_powers() -> list[str] | None:
    """A command prefix under which permission bits apply, or None if there is none."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [
        setpriv,
        "--bounding-set=-dac_override,-dac_read_search",
        "--inh-caps=-dac_override,-dac_read_search",
        "--",
    ]
    probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    return prefix if probe.returncode == 0 else None


@pytest.mark.parametrize(
    "backups_exist",
    [
        True,
        False,
    ],
    ids=["backups-folder-exists", "first-backup"],
)
def test_cli_on_a_read_only_folder_exits_1_in_plain_words(
    proc, data_dir, backups_exist, figures
) -> None:
    prefix = _without_root_powers()
    if prefix is None:
        pytest.skip(
            "running as root, where chmod 0500 does not stop writes, and setpriv cannot drop "
            "CAP_DAC_OVERRIDE here; the monkeypatched faults above cover the same code"
        )
    assert proc(*NEW).returncode == 0
    if backups_exist:
        assert proc(*NEW).returncode == 0  # the second write makes backups/
        assert (data_dir / "backups").is_dir()
    before = files_of(data_dir)
    data_dir.chmod(0o500)
    try:
        command = subprocess.run(
            [*prefix, *proc.command(*NEW)],
            env=proc.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        data_dir.chmod(0o700)
    assert command.returncode == 1
    assert command.stdout == ""
    assert command.stderr == (
        "error: could not write cases.json: Permission denied; nothing was changed\n"
    )
    assert files_of(data_dir) == before
    figures.add(
        f"read-only folder (chmod 0500, CLI process{', setpriv' if prefix else ''}): exit 1, "
        f"{command.stderr.strip()!r}, nothing changed"
    )
