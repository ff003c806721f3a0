"""Where the data lives and who is using the app.

Data folder: ``--data-dir``, else ``CSTUI_DATA_DIR``, else ``$XDG_DATA_HOME/cstui``
(``~/.local/share/cstui``). User: ``--user``, else ``CSTUI_USER``, else the OS login.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "CSTUI_DATA_DIR"
USER_ENV = "CSTUI_USER"


@dataclass(frozen=True)
class Settings:
    """The two things every command needs to know first."""

    data_dir: Path
    user: str


def resolve_data_dir(option: str | Path | None, env: Mapping[str, str]) -> Path:
    """The data folder from the option, the environment, or the XDG default."""
    if option:
        return Path(option).expanduser()
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser()
    xdg = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", "~")) / ".local" / "share")
    return Path(xdg).expanduser() / "cstui"


def resolve_user(option: str | None, env: Mapping[str, str]) -> str:
    """The user from the option, the environment, or the OS login."""
    if option and option.strip():
        return option.strip()
    if env.get(USER_ENV, "").strip():
        return env[USER_ENV].strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "agent"


def resolve(
    data_dir: str | Path | None, user: str | None, env: Mapping[str, str] | None = None
) -> Settings:
    """Settings from command-line options, falling back to the environment."""
    environ = os.environ if env is None else env
    return Settings(resolve_data_dir(data_dir, environ), resolve_user(user, environ))
