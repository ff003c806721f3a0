"""Writing a file durably: the primitives the store, the exports and the config cache use."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FILE_MODE = 0o600
SHARED_FILE_MODE = 0o660


def file_mode(folder: Path) -> int:
    """0600, or 0660 when ``folder`` is shared with a team (its set-group-id bit is on)."""
    try:
        shared = bool(folder.stat().st_mode & stat.S_ISGID)
    except OSError:
        shared = False
    return SHARED_FILE_MODE if shared else FILE_MODE


def write_synced(temp: Path, payload: bytes, mode: int) -> None:
    """Create ``temp`` (it must not exist) with exactly ``mode``, write ``payload``, fsync."""
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.fchmod(fd, mode)  # exactly this mode, whatever the umask
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_durably(target: Path, payload: bytes, mode: int) -> None:
    """Replace ``target`` with ``payload`` all at once: a temp file beside it, written and
    fsynced, then renamed over it. On OSError the temp file is gone and ``target`` is as
    it was; the error is raised again."""
    temp = target.with_name(f".{target.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        write_synced(temp, payload, mode)
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
