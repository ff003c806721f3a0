"""Where the data lives and who is using the app.

Data folder: ``--data-dir``, else ``CSTUI_DATA_DIR``, else ``$XDG_DATA_HOME/cstui``
(``~/.local/share/cstui``). User: ``--user``, else ``CSTUI_USER``, else the OS login.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cstui.errors import InputError

DATA_DIR_ENV = "CSTUI_DATA_DIR"
USER_ENV = "CSTUI_USER"
MAX_USER_NAME = 64
_USER_NAME = re.compile(r"[\w.@-]+")
"""The roster's rule for a login name (:class:`cstui.models.team.Member`)."""


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


def check_user_name(name: str, source: str) -> str:
    """``name`` if it can be a user's name; else InputError naming ``source``.

    A name is valid UTF-8 text of at most 64 letters, digits and ``. _ - @``, as on the
    roster: nothing a terminal could act on is ever stored as an owner or an actor.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError.single(source, "is not valid UTF-8 text") from None
    if len(name) > MAX_USER_NAME:
        raise InputError.single(source, f"is too long (at most {MAX_USER_NAME} characters)")
    if not _USER_NAME.fullmatch(name):
        raise InputError.single(source, "may only contain letters, digits and . _ - @")
    return name


def resolve_user(option: str | None, env: Mapping[str, str]) -> str:
    """The user from the option, the environment, or the OS login (checked)."""
    if option and option.strip():
        return check_user_name(option.strip(), "--user")
    if env.get(USER_ENV, "").strip():
        return check_user_name(env[USER_ENV].strip(), USER_ENV)
    try:
        login = getpass.getuser()
    except (OSError, KeyError):
        return "agent"
    return check_user_name(login, "your login name")


def resolve(
    data_dir: str | Path | None, user: str | None, env: Mapping[str, str] | None = None
) -> Settings:
    """Settings from command-line options, falling back to the environment."""
    environ = os.environ if env is None else env
    return Settings(resolve_data_dir(data_dir, environ), resolve_user(user, environ))
