"""The centre's policy and content files on the server (``config_files``): every person
reads them; a team leader publishes a changed one through ``cstui_publish_config``, which
the server refuses to anyone else once the first copy is there."""

from __future__ import annotations

from collections.abc import Mapping

from cstui.errors import PermissionDenied
from cstui.store.postgres.connection import Database
from cstui.store.postgres.start_read import Once


class PostgresConfigFiles:
    """The ``config_files`` table: file name (``policy.toml``, ``content/tips.toml``) to text."""

    def __init__(self, db: Database, files_at_start: Once[dict[str, bytes]] | None = None) -> None:
        """``files_at_start``: the files as the start read found them."""
        self.db = db
        self.files_at_start = files_at_start or Once()

    def files(self) -> dict[str, bytes]:
        """Every file published, by name, as UTF-8 bytes."""
        found = self.files_at_start.take()
        if found is not None:
            return found
        with self.db.reading() as conn:
            rows = conn.execute("SELECT name, body FROM config_files ORDER BY name").fetchall()
        return {str(name): str(body).encode("utf-8") for name, body in rows}

    def publish(self, changes: Mapping[str, str | None]) -> None:
        """Replace each named file with its text (None: remove it), all or none; the server
        lets only a team leader change files already published."""
        import psycopg

        try:
            with self.db.transaction() as conn:
                for name, body in sorted(changes.items()):
                    conn.execute("SELECT cstui_publish_config(%s, %s)", (name, body))
        except psycopg.errors.InsufficientPrivilege as exc:
            raise PermissionDenied(str(exc).splitlines()[0]) from None
