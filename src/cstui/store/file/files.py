"""Safe file primitives: atomic writes, and the modes of the files and folders made.

In a folder shared with a team (its set-group-id bit on) every file the app makes is
0660 and every folder 2770; elsewhere 0600 and 0700. Modes are set explicitly, never
left to the umask. One person's state (a skills log, drafts) lives in a *personal*
folder, 0700 wherever it is, so its files are 0600 and nobody else can open them.

A write goes to a temporary file in the same folder, is fsynced, and replaces the
target with ``os.replace``: a reader sees the old file or the new one, never half.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from cstui.durable import FILE_MODE, SHARED_FILE_MODE, file_mode, write_synced
from cstui.errors import StoreError

__all__ = [
    "FILE_MODE",
    "SHARED_FILE_MODE",
    "atomic_write",
    "atomic_write_all",
    "file_mode",
    "write_synced",
]

DIR_MODE = 0o700
SHARED_DIR_MODE = 0o2770
"""A folder shared with a team: the group may enter and make files; new files and
folders in it take the team's group (the set-group-id bit)."""
TEMP_MARK = ".tmp-"


def reason(exc: OSError) -> str:
    """The operating system's words for ``exc`` (``No space left on device``)."""
    return exc.strerror or str(exc) or type(exc).__name__


def is_shared(folder: Path) -> bool:
    """Whether ``folder`` is shared with a team (its set-group-id bit is on)."""
    return file_mode(folder) == SHARED_FILE_MODE


def folder_mode(parent: Path, personal: bool = False) -> int:
    """The mode of a folder the app makes in ``parent``: 2770 in a team's shared folder,
    else 0700; a ``personal`` folder (one person's state) is 0700 wherever it is."""
    return SHARED_DIR_MODE if is_shared(parent) and not personal else DIR_MODE


def settle_mode(fd: int, mode: int) -> None:
    """Give the open file (or folder) ``fd`` exactly ``mode`` when it is this account's
    and has another: the umask shaped it, or an older version made it. Another
    account's file is left as it is (only its owner may change it)."""
    with contextlib.suppress(OSError):
        found = os.fstat(fd)
        if found.st_uid == os.geteuid() and stat.S_IMODE(found.st_mode) != mode:
            os.fchmod(fd, mode)


def let_the_team_read(path: Path) -> None:
    """In a folder a team shares, let the team read ``path`` if it is this account's file
    and the team cannot (an older version made it 0600). Nothing more is granted: who
    may change a hand-edited file stays the owner's choice."""
    with contextlib.suppress(OSError):
        found = path.stat()
        if (
            found.st_uid == os.geteuid()
            and not found.st_mode & stat.S_IRGRP
            and is_shared(path.parent)
        ):
            path.chmod(stat.S_IMODE(found.st_mode) | stat.S_IRGRP)


def _make_folder(path: Path, mode: int) -> None:
    try:
        path.mkdir(mode=mode & 0o777, parents=True, exist_ok=True)
        path.chmod(mode)  # whatever the umask; 0700 also drops an inherited group bit
    except OSError as exc:
        raise StoreError(f"cannot create the data folder {path}: {reason(exc)}") from None


def ensure_private_dir(path: Path, like: Path | None = None) -> bool:
    """Create ``path`` if missing; return whether it was created.

    Its mode is 2770 when the folder ``like`` (by default the one it is made in) is
    shared with a team, else 0700. An existing folder is left as it is.
    """
    if path.is_dir():
        return False
    _make_folder(path, folder_mode(like if like is not None else path.parent))
    return True


def ensure_app_folder(path: Path, personal: bool = False) -> None:
    """Make sure the folder ``path``, which the app makes inside the data folder, exists
    with the mode :func:`folder_mode` gives; an existing one of this account with another
    mode (from an older version) is corrected."""
    mode = folder_mode(path.parent, personal)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except FileNotFoundError:
        _make_folder(path, mode)
        return
    except OSError:
        return  # another person's folder, or not a folder: its users will say so
    try:
        settle_mode(fd, mode)
    finally:
        os.close(fd)


def open_plain(path: str | Path, flags: int, mode: int = FILE_MODE) -> int:
    """``path`` opened with ``flags``, never through a link and never waiting on a pipe
    or a device put in its place (OSError EINVAL: it is not a plain file)."""
    fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK, mode)
    try:
        plain = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        os.close(fd)
        raise
    if not plain:
        os.close(fd)
        raise OSError(errno.EINVAL, "not a plain file")
    return fd


def atomic_write(path: Path, payload: bytes, sync_folder: bool = True) -> None:
    """Replace ``path`` with ``payload`` all at once, readable by its owner only.

    With ``sync_folder`` false the rename is left for the folder's next fsync to make
    durable: for a file whose loss in a power cut is harmless (the audit head).
    """
    atomic_write_all([(path, payload)], sync_folder)


def atomic_write_all(writes: Sequence[tuple[Path, bytes]], sync_folder: bool = True) -> None:
    """Replace each path with its payload: every temp file is written and fsynced, then
    all are renamed, then each folder is fsynced once, so all are durable together.

    A failure leaves no temp file behind; before the first rename it changes nothing.
    """
    temps: list[tuple[Path, Path]] = []
    path = Path()
    try:
        for path, payload in writes:
            temp = path.with_name(f"{path.name}{TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")
            temps.append((temp, path))
            write_synced(temp, payload, file_mode(path.parent))
        for temp, path in temps:
            os.replace(temp, path)
    except OSError as exc:
        for temp, _ in temps:
            with contextlib.suppress(OSError):
                temp.unlink()
        raise StoreError(
            f"could not write {path.name}: {reason(exc)}; nothing was changed"
        ) from None
    if sync_folder:
        for folder in dict.fromkeys(target.parent for target, _ in writes):
            _fsync_dir(folder)


def remove_files(paths: Sequence[Path]) -> None:
    """Delete ``paths`` (those already gone are fine), then fsync their folders once."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise StoreError(f"could not remove {path.name}: {reason(exc)}") from None
    for folder in dict.fromkeys(target.parent for target in paths):
        _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temps(folder: Path, name: str) -> int:
    """Delete temporary files a crashed writer left beside ``name``; return how many."""
    removed = 0
    for temp in folder.glob(f"{name}*{TEMP_MARK}*" if not name else f"{name}{TEMP_MARK}*"):
        with contextlib.suppress(OSError):
            temp.unlink()
            removed += 1
    return removed


# -- where a store's files live, beside its main document ----------------------------------

ARCHIVE_DIR = "archive"
"""The folder of the main document's parts."""
BACKUPS_DIR = "backups"
"""The folder of the copies."""
BLOCKS = "blocks"
"""Inside the backups: the content-addressed copies of archive files."""


def relative(name: str) -> str:
    """The manifest key of the archive part ``name``."""
    return f"{ARCHIVE_DIR}/{name}.json"


def audit_head(log: Path) -> Path:
    """The file that holds the audit log ``log``'s last entry."""
    return log.with_name(log.name + ".head")


def manifest_path(store: Path) -> Path:
    """The manifest of the store whose main document is ``store``."""
    return store.with_suffix(".manifest")


def check_private(mode: int, path: Path) -> None:
    """Refuse a store file that every user of this computer can read."""
    if mode & 0o007:
        raise StoreError(
            f"the store file {path} can be read by every user of this computer; cstui will "
            f"not use it. Run `chmod o-rwx {path}` and start again"
        )


def has_temps(folder: Path, name: str) -> bool:
    """Whether ``folder`` holds a temp file of ``name`` (one pass over the folder's names:
    the archive holds thousands)."""
    try:
        with os.scandir(folder) as entries:
            return any(TEMP_MARK in e.name and e.name.startswith(name) for e in entries)
    except OSError:
        return False
