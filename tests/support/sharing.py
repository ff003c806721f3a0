"""Folders a team shares: the mode every file and folder should have, and real OS users
running the app (a virtual environment every account can use; accounts made and removed).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pwd
import secrets
import shutil
import stat
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = Path("/usr/bin/python3")
VENV_HOME = Path("/var/tmp")
"""Where the shared virtual environment is made: a folder every account can enter."""
ACCOUNT_TOOLS = ("groupadd", "groupdel", "useradd", "userdel", "setpriv")

PERSONAL_PARENTS = ("skills", "drafts")
"""Each folder in one of these holds one person's state."""


def expected_mode(relative: Path, is_folder: bool, shared: bool) -> int:
    """The mode the app gives ``relative`` (a path in the data folder)."""
    if len(relative.parts) >= 2 and relative.parts[0] in PERSONAL_PARENTS:
        return 0o700 if is_folder else 0o600
    if shared:
        return 0o2770 if is_folder else 0o660
    return 0o700 if is_folder else 0o600


def wrong_modes(data: Path, shared: bool) -> list[str]:
    """Every file and folder under ``data`` whose mode is not :func:`expected_mode`'s."""
    wrong = []
    for path in sorted(data.rglob("*")):
        found = path.lstat()
        relative = path.relative_to(data)
        want = expected_mode(relative, stat.S_ISDIR(found.st_mode), shared)
        if stat.S_IMODE(found.st_mode) != want or stat.S_ISLNK(found.st_mode):
            wrong.append(f"{relative}: {oct(found.st_mode)}, not {oct(want)}")
    return wrong


def why_no_accounts() -> str:
    """Why tests cannot run the app as other OS accounts here ("" when they can)."""
    if os.geteuid() != 0:
        return "making OS users and a group needs root (CI runs the tests as root)"
    missing = [tool for tool in ACCOUNT_TOOLS if shutil.which(tool) is None]
    if missing:
        return f"these commands are missing: {', '.join(missing)}"
    if not SYSTEM_PYTHON.exists():
        return f"{SYSTEM_PYTHON} is missing: other accounts need a Python they can run"
    probe = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import ensurepip, venv"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        return "Debian's python3-venv is not installed (apt-get install -y python3-venv)"
    return ""


def _source_key() -> str:
    digest = hashlib.sha256()
    for path in sorted([PROJECT / "pyproject.toml", *(PROJECT / "src").rglob("*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PROJECT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def shared_venv() -> Path:
    """A virtual environment made from the system's Python, with this project installed,
    that every account can run (made once per version of the source; reused after)."""
    folder = VENV_HOME / f"cstui-sharing-venv-{_source_key()}"
    ready = folder / ".ready"
    with open(VENV_HOME / "cstui-sharing-venv.lock", "a") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)  # test workers of one run make it once
        if ready.exists():
            return folder
        for old in VENV_HOME.glob("cstui-sharing-venv-*"):
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
        old_umask = os.umask(0o022)
        try:
            subprocess.run([str(SYSTEM_PYTHON), "-m", "venv", str(folder)], check=True)
            subprocess.run(
                [str(folder / "bin" / "pip"), "install", "-q", "--no-cache-dir", str(PROJECT)],
                check=True,
                capture_output=True,
            )
        finally:
            os.umask(old_umask)
        folder.chmod(0o755)
        ready.touch()
    return folder


@dataclass(frozen=True)
class Account:
    """An OS account made for a test."""

    name: str
    uid: int
    gid: int


@contextlib.contextmanager
def team_accounts(count: int) -> Iterator[tuple[str, list[Account]]]:
    """A new group and ``count`` new accounts in it (no home folders), named uniquely;
    all deleted afterwards."""
    tag = secrets.token_hex(3)
    group = f"cst{tag}"
    names = [f"cst{tag}{chr(ord('a') + i)}" for i in range(count)]
    subprocess.run(["groupadd", group], check=True, capture_output=True)
    try:
        for name in names:
            subprocess.run(
                ["useradd", "-M", "-N", "-g", group, "-s", "/bin/sh", name],
                check=True,
                capture_output=True,
            )
        accounts = [Account(n, pwd.getpwnam(n).pw_uid, pwd.getpwnam(n).pw_gid) for n in names]
        yield group, accounts
    finally:
        for name in names:
            subprocess.run(["userdel", name], capture_output=True, check=False)
        subprocess.run(["groupdel", group], capture_output=True, check=False)


def run_as(
    account: Account, umask: int, argv: Sequence[str], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` as ``account`` (its groups, ``umask``), in ``env``."""
    return subprocess.run(
        [
            "setpriv",
            f"--reuid={account.uid}",
            f"--regid={account.gid}",
            "--init-groups",
            "sh",
            "-c",
            f'umask {umask:03o} && exec "$@"',
            "sh",
            *argv,
        ],
        env={**env, "USER": account.name, "LOGNAME": account.name},
        cwd="/",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
