"""Where the data lives and who is using the app.

Data folder: ``--data-dir``, else ``CSTUI_DATA_DIR``, else ``$XDG_DATA_HOME/cstui``
(``~/.local/share/cstui``).

Store: ``--store URL``, else ``CSTUI_STORE``, else ``[store] url`` in the data folder's
``store.toml``, else the data folder's own files.

User: the operating-system account running the process. ``--user`` and ``CSTUI_USER``
may only name that same account, unless the folder's policy declares the account shared
(``[identity] shared_account``): there they name a person on the roster, who then signs
in with their passphrase before anything is opened.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cstui.errors import InputError

DATA_DIR_ENV = "CSTUI_DATA_DIR"
USER_ENV = "CSTUI_USER"
STORE_ENV = "CSTUI_STORE"
STORE_FILE = "store.toml"
"""In the data folder: ``[store] url = "postgresql://..."`` (no password: use the
server's peer or certificate sign-in, or ``~/.pgpass``)."""
STORE_SCHEMES = ("postgresql://", "postgres://")
MAX_USER_NAME = 64
_USER_NAME = re.compile(r"[\w.@-]+")
"""The roster's rule for a login name (:class:`cstui.models.team.Member`)."""


@dataclass(frozen=True)
class Settings:
    """The things every command needs to know first: the folder, and who is using it."""

    data_dir: Path
    user: str
    """The person using the app: the OS account, or on a shared account who signed in."""
    account: str = ""
    """The OS account running the process (empty: the same as ``user``)."""
    shared: bool = False
    """The account is shared by several people: ``user`` must sign in with a passphrase."""
    store: str = ""
    """A PostgreSQL server's URL that keeps the cases (empty: the data folder's files)."""
    password: str = field(default="", repr=False, compare=False)
    """On a server and a shared account, the signed-in person's database password: held in
    this process's memory only, never written or shown."""


def resolve_data_dir(option: str | Path | None, env: Mapping[str, str]) -> Path:
    """The data folder from the option, the environment, or the XDG default."""
    if option:
        return Path(option).expanduser()
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser()
    xdg = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", "~")) / ".local" / "share")
    return Path(xdg).expanduser() / "cstui"


def resolve_store(option: str | None, env: Mapping[str, str], data_dir: Path) -> str:
    """The PostgreSQL URL from the option, the environment or the folder's ``store.toml``
    (empty: the folder's files); InputError naming where a URL that is not one came from."""
    for value, source in ((option, "--store"), (env.get(STORE_ENV), STORE_ENV)):
        if value and value.strip():
            return _store_url(value.strip(), source)
    path = data_dir / STORE_FILE
    try:
        if path.stat().st_mode & 0o002:
            raise InputError.single(
                STORE_FILE, "any user of this computer can change it: chmod o-w it first"
            )
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("store")
    except (FileNotFoundError, NotADirectoryError):  # none (or no folder yet: said later)
        return ""
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError.single(STORE_FILE, f"cannot be read ({exc})") from None
    url = table.get("url") if isinstance(table, dict) else None
    where = f"{STORE_FILE} [store] url"
    if not isinstance(url, str):
        raise InputError.single(where, 'must be set: url = "postgresql://…"')
    checked = _store_url(url, where)
    if _password_of(checked):
        raise InputError.single(
            where, "must hold no password: use ~/.pgpass or the server's own sign-in"
        )
    return checked


MAX_STORE_URL = 2000


def _password_of(url: str) -> str:
    """The password a URL holds, if any (as written in it)."""
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).password or ""
    except ValueError:
        return ""


def _store_url(url: str, source: str) -> str:
    """``url`` if it is a PostgreSQL URL the client library can read; else InputError
    naming ``source`` (and never repeating the URL, which may hold a password)."""
    if (
        not url.startswith(STORE_SCHEMES)
        or len(url) > MAX_STORE_URL
        or any(c.isspace() or ord(c) < 32 for c in url)
    ):
        raise InputError.single(source, "must be a postgresql:// URL")
    from cstui.store.postgres.libpq import url_readable

    if url_readable(url) is False:  # (None: no client library, said when the store opens)
        raise InputError.single(source, "is not a PostgreSQL URL the client can read")
    return url


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


def os_account() -> str:
    """The name of the operating-system account this process runs as."""
    import pwd

    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:  # a uid with no account (a container): its number names it
        return str(os.geteuid())


def shared_accounts(data_dir: Path) -> frozenset[str]:
    """The OS accounts the folder's policy says several people share (none if unreadable:
    the policy's own check reports a damaged file)."""
    try:
        raw = (data_dir / "policy.toml").read_bytes()
        if b"shared_account" not in raw:  # nearly every folder: no need to parse it
            return frozenset()
        identity = tomllib.loads(raw.decode("utf-8")).get("identity", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return frozenset()
    accounts = identity.get("shared_account", []) if isinstance(identity, dict) else []
    accounts = [accounts] if isinstance(accounts, str) else accounts
    return (
        frozenset(a for a in accounts if isinstance(a, str))
        if isinstance(accounts, list)
        else frozenset()
    )


def named_user(option: str | None, env: Mapping[str, str]) -> tuple[str, str] | None:
    """The name ``--user`` or ``CSTUI_USER`` gives (checked), with where it came from."""
    if option and option.strip():
        return check_user_name(option.strip(), "--user"), "--user"
    if env.get(USER_ENV, "").strip():
        return check_user_name(env[USER_ENV].strip(), USER_ENV), USER_ENV
    return None


def resolve_user(option: str | None, env: Mapping[str, str], account: str, shared: bool) -> str:
    """Who is using the app: the OS ``account``, which a given name must match, or on a
    shared account the person the name gives (empty: to be asked at sign-in)."""
    named = named_user(option, env)
    if shared:
        return named[0] if named else ""
    if named is not None and named[0] != account:
        raise InputError.single(
            named[1],
            f"you are logged in as {account}; cstui works as the account you logged in "
            "as (log in as the other person to work as them)",
        )
    return check_user_name(account, "your login name")


def resolve(
    data_dir: str | Path | None,
    user: str | None,
    env: Mapping[str, str] | None = None,
    account: str | None = None,
    store: str | None = None,
) -> Settings:
    """Settings from command-line options, the environment and the OS account.

    ``account`` replaces the OS's answer only where a caller builds the CLI state itself
    (the test suite's entry point); the installed ``cstui`` always asks the OS.
    """
    environ = os.environ if env is None else env
    folder = resolve_data_dir(data_dir, environ)
    login = account if account is not None else os_account()
    shared = login in shared_accounts(folder)
    person = resolve_user(user, environ, login, shared)
    return Settings(folder, person, login, shared, resolve_store(store, environ, folder))
