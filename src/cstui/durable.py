"""Writing a file durably: the one primitive both the store and the exports use."""

from __future__ import annotations

import os
from pathlib import Path


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
