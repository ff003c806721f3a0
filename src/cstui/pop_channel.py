"""The channel from ``cstui pop`` to the TUI the same person has open: a Unix socket.

Each running TUI listens on its own socket, ``pop-<person>-<pid>.sock``, in a folder
only the OS user can open (``$XDG_RUNTIME_DIR/cstui``, else ``/tmp/cstui-<uid>``, 0700;
each socket 0600). The TUI touches its socket whenever a key is pressed, so ``pop``
hands a call to the one used last: it tries the person's sockets newest first. The TUI
checks the connecting process's user with ``SO_PEERCRED`` and ignores anyone else.

One message each way, one JSON line: the pop, then the TUI's :class:`Answer`. A pop that
comes without a contact id is kept by the TUI (which has the store open) before it
answers ``kept``: ``cstui pop`` hands a call over first and keeps it itself only when no
TUI took it (see :mod:`cstui.entry`). Nothing here imports Textual, click or pydantic:
``cstui pop`` loads this module, not the app.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import struct
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

MESSAGE_LIMIT = 4096
"""The longest pop message, in bytes (a pop is a few short fields)."""

CONNECT_TIMEOUT = 2.0
"""Seconds ``pop`` waits to reach a TUI and hand it a call."""

ANSWER_TIMEOUT = 10.0
"""Seconds ``pop`` waits for a TUI's answer once the call is handed over (the TUI keeps
the call in its store first)."""

_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@")


@dataclass(frozen=True)
class Pop:
    """A call handed to the TUI: who is calling and the contact it was kept as."""

    number: str
    contact_id: str = ""
    name: str = ""
    call_id: str = ""
    queue: str = ""
    at: str = ""
    """When the call came in (ISO 8601, UTC), as ``cstui pop`` saw it; the TUI keeps the
    call at that moment, so a call handed over twice is known as the same call."""

    def encode(self) -> bytes:
        """The pop as one JSON line."""
        return json.dumps(asdict(self)).encode() + b"\n"

    @classmethod
    def decode(cls, line: bytes) -> Pop | None:
        """The pop in ``line``, or None if it is not one."""
        try:
            raw = json.loads(line)
            fields = {name: str(raw.get(name) or "") for name in cls.__dataclass_fields__}
        except (ValueError, AttributeError, UnicodeDecodeError):
            return None
        return cls(**fields) if fields["number"] else None


@dataclass(frozen=True)
class Answer:
    """What a TUI said to a pop it was handed."""

    shown: bool
    """The caller's screen is open in the TUI."""
    kept: bool = False
    """The call is in the store (kept by the TUI, or by ``pop`` before)."""
    contact: dict[str, Any] | None = None
    """The call as the TUI kept it (as ``--json`` shows a contact)."""
    refused: bool = False
    """The TUI turned the call down (a bad field): nothing shown, nothing kept."""
    problem: str = ""
    """Why the TUI did not show or keep the call."""

    def encode(self) -> bytes:
        """The answer as one JSON line."""
        return json.dumps(asdict(self)).encode() + b"\n"

    @classmethod
    def decode(cls, line: bytes) -> Answer | None:
        """The answer in ``line``, or None if it is not one."""
        try:
            raw = json.loads(line)
            contact = raw.get("contact")
            return cls(
                shown=raw.get("shown") is True,
                kept=raw.get("kept") is True,
                contact=contact if isinstance(contact, dict) else None,
                refused=raw.get("refused") is True,
                problem=str(raw.get("problem") or ""),
            )
        except (ValueError, AttributeError, UnicodeDecodeError):
            return None


UNCONFIRMED = Answer(shown=False, problem="the open cstui took the call but did not answer")
"""Said for a TUI that was handed a call and did not answer: it may have kept it."""


class ChannelError(OSError):
    """The socket folder cannot be used safely (not ours, or open to others)."""


def socket_folder() -> Path:
    """The OS user's own folder for sockets, made 0700 if missing; ChannelError if it
    belongs to someone else or others may open it."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    base = Path(runtime) if runtime and Path(runtime).is_dir() else None
    folder = base / "cstui" if base is not None else Path(f"/tmp/cstui-{os.getuid()}")
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    found = os.lstat(folder)
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid():
        raise ChannelError(f"{folder} is not a folder of your own")
    if stat.S_IMODE(found.st_mode) & 0o077:
        raise ChannelError(f"{folder} may be opened by other users (it must be 0700)")
    return folder


def person_tag(person: str) -> str:
    """``person`` as it appears in a socket's name."""
    return "".join(c if c in _SAFE else "_" for c in person)[:64] or "_"


def socket_path(folder: Path, person: str, pid: int) -> Path:
    """The socket of the TUI of ``person`` running as process ``pid``."""
    return folder / f"pop-{person_tag(person)}-{pid}.sock"


def sockets_of(folder: Path, person: str) -> list[Path]:
    """``person``'s TUI sockets, the one used last first."""
    found = []
    for path in folder.glob(f"pop-{person_tag(person)}-*.sock"):
        with contextlib.suppress(OSError):
            found.append((path.lstat().st_mtime_ns, path))
    return [path for _, path in sorted(found, reverse=True)]


def peer_uid(sock: socket.socket) -> int:
    """The user id of the process at the other end of a Unix socket."""
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return int(uid)


def send(pop: Pop, person: str, timeout: float = CONNECT_TIMEOUT) -> bool:
    """Hand ``pop`` to ``person``'s TUI used last; whether one showed it."""
    answer = hand_over(pop, person, timeout)
    return answer is not None and answer.shown


def hand_over(pop: Pop, person: str, timeout: float = CONNECT_TIMEOUT) -> Answer | None:
    """Hand ``pop`` to ``person``'s TUI used last: its answer (:data:`UNCONFIRMED` if it
    took the call and said nothing), or None if no TUI could be handed it at all. A
    socket no process listens on any more (a TUI that was killed) is removed on the way.
    """
    for path in sockets_of(socket_folder(), person):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            try:
                sock.connect(str(path))
                sock.sendall(pop.encode())
            except (ConnectionRefusedError, FileNotFoundError):
                with contextlib.suppress(OSError):
                    path.unlink()
                continue
            except OSError:
                continue
            return _answer(sock)
    return None


def _answer(sock: socket.socket) -> Answer:
    """The TUI's answer to the pop just sent on ``sock``."""
    sock.settimeout(ANSWER_TIMEOUT)
    try:
        reply = sock.makefile("rb").readline(MESSAGE_LIMIT)
    except OSError:
        return UNCONFIRMED
    return Answer.decode(reply) or UNCONFIRMED
