"""Who a session's app process runs as, handed from the server to the process through an
inherited pipe: never an environment variable, an argument or a file.

The server writes one JSON document into a pipe whose reading end the process inherits
(``pass_fds``) and closes its writing end; the process reads it to the end and closes it.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from cstui.config import Settings


@dataclass(frozen=True)
class Identity:
    """The person a session's process works as, and what it shows."""

    data_dir: str
    user: str
    account: str
    store: str = ""
    password: str = field(default="", repr=False)
    """On a PostgreSQL store, the person's database password (in memory only)."""
    signed_in: bool = True
    """The person signed in with a passphrase (a shared account's sign-in); False for the
    server's own identity (an unattended wall board)."""
    wall: bool = False
    """Show the wall board instead of the app."""

    def settings(self) -> Settings:
        """The settings the app opens its workspace with."""
        return Settings(
            Path(self.data_dir),
            self.user,
            self.account,
            shared=self.signed_in,
            store=self.store,
            password=self.password,
        )

    @classmethod
    def of(cls, settings: Settings, *, wall: bool = False) -> Identity:
        """The identity of signed-in ``settings``."""
        return cls(
            str(settings.data_dir),
            settings.user,
            settings.account,
            settings.store,
            settings.password,
            signed_in=settings.shared,
            wall=wall,
        )


def open_handover(identity: Identity) -> int:
    """A pipe holding ``identity``: the reading end's descriptor, to be passed to the
    process and then closed by the caller. The writing end is closed here."""
    reading, writing = os.pipe()
    with os.fdopen(writing, "wb") as pipe:
        pipe.write(json.dumps(asdict(identity)).encode("utf-8"))
    return reading


def read_handover(descriptor: int) -> Identity:
    """The identity in the pipe ``descriptor`` (read to the end, then closed)."""
    with os.fdopen(descriptor, "rb") as pipe:
        values = json.loads(pipe.read().decode("utf-8"))
    return Identity(**values)
