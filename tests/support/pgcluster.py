"""A throwaway PostgreSQL cluster, for the tests and the benchmarks: started, never assumed.

No pytest here (``bench/`` imports it too); the fixtures are in ``postgres.py``.

The cluster listens on a Unix socket only (no TCP port), in a folder of the test run,
and every connection authenticates with ``scram-sha-256`` (a password): ``trust`` would
let anyone be any role, which the tests of authority must not allow. ``initdb`` and
``pg_ctl`` refuse to run as root, so under root they run as the ``postgres`` OS user,
which then owns the cluster's folder. Debian keeps the server's programs in its own
folder (``/usr/lib/postgresql/VERSION/bin``), not on PATH.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
import psycopg.sql

SUPERUSER = "postgres"
PORT = 5432
"""Names the socket file only (``.s.PGSQL.5432``): nothing listens on TCP."""


def server_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl`` (the newest installed), if any."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3])
    )
    return versions[-1].parent if versions else None


@dataclass(frozen=True)
class Cluster:
    """A running throwaway cluster and how to reach it."""

    folder: Path
    bin: Path
    password: str
    """The superuser's password (the tests' own; the app never stores one)."""
    options: str = ""
    """The server's settings (``pg_ctl -o``)."""

    @property
    def sockets(self) -> Path:
        """The folder of the server's Unix socket."""
        return self.folder / "sockets"

    def url(self, user: str = SUPERUSER, password: str | None = None, db: str = "postgres") -> str:
        """A ``postgresql://`` URL for ``user`` (the superuser's password by default)."""
        secret = self.password if password is None else password
        host = quote(str(self.sockets), safe="")
        return f"postgresql://{quote(user)}:{quote(secret)}@/{db}?host={host}&port={PORT}"

    def stop(self) -> None:
        """Stop the server at once (its folder is the test run's to remove)."""
        _as_owner(
            self.folder,
            [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
        )

    def start(self) -> None:
        """Start the server (again, after :meth:`stop`), waiting until it takes connections."""
        _as_owner(self.folder, [
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", self.options, "-w",
            "-l", str(self.folder / "server.log"), "start",
        ])  # fmt: skip

    @property
    def data(self) -> Path:
        """The cluster's data folder."""
        return self.folder / "data"


def _owner() -> pwd.struct_passwd | None:
    """The OS user the server runs as: ``postgres`` under root, else whoever runs us."""
    return pwd.getpwnam(SUPERUSER) if os.geteuid() == 0 else None


def _as_owner(folder: Path, argv: list[str]) -> None:
    owner = _owner()
    prefix = ["runuser", "-u", owner.pw_name, "--"] if owner is not None else []
    done = subprocess.run(prefix + argv, capture_output=True, text=True, cwd=folder)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:2])} failed: {done.stderr or done.stdout}")


def start_cluster(
    folder: Path, *, fsync: bool = False, max_connections: int = 100, shared_buffers: str = "16MB"
) -> Cluster:
    """Make and start a cluster in ``folder`` (made here; about a second and a half).
    The tests' cluster does not fsync; a benchmark's does, as a real server would."""
    bin_dir = server_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL's server is not installed (apt-get install postgresql)")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sockets").mkdir(exist_ok=True)
    password = secrets.token_urlsafe(16)
    pwfile = folder / "pwfile"
    pwfile.write_text(password + "\n")
    owner = _owner()
    for path in (folder, folder / "sockets", pwfile):
        if owner is not None:
            os.chown(path, owner.pw_uid, owner.pw_gid)
    pwfile.chmod(0o600)
    options = (
        f"-k {folder / 'sockets'} -c listen_addresses='' -p {PORT} "
        f"-c fsync={'on' if fsync else 'off'} -c max_connections={max_connections} "
        f"-c shared_buffers={shared_buffers}"
    )
    cluster = Cluster(folder, bin_dir, password, options)
    _as_owner(folder, [
        str(bin_dir / "initdb"), "-D", str(cluster.data), "-U", SUPERUSER, "-N",
        "--auth=scram-sha-256", f"--pwfile={pwfile}", "--no-locale", "-E", "UTF8",
    ])  # fmt: skip
    pwfile.unlink()
    cluster.start()
    return cluster


def migrated(url: str) -> str:
    """``url``'s database brought to this cstui's schema, as its administrator would."""
    from cstui.store.postgres.schema import migrate

    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn)
    return url


def person_url(cluster: Cluster, database_url: str, name: str) -> str:
    """A URL that signs in as ``name``'s own login role (made now, with a new
    ``scram-sha-256`` password, a member of the staff group), on ``database_url``'s
    database, which must be migrated first."""
    password = secrets.token_urlsafe(12)
    with psycopg.connect(database_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(
            psycopg.sql.SQL("{} ROLE {} LOGIN PASSWORD {}").format(
                psycopg.sql.SQL(verb), psycopg.sql.Identifier(name), psycopg.sql.Literal(password)
            )
        )
        conn.execute(
            psycopg.sql.SQL("GRANT cstui_staff TO {}").format(psycopg.sql.Identifier(name))
        )
    db = database_url.split("@/", 1)[1].split("?", 1)[0]
    return cluster.url(user=name, password=password, db=db)
