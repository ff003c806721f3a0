"""Which store a workspace opens, and how: the data folder's files, or a PostgreSQL
server (``Settings.store``). Part of the composition root (:mod:`cstui.workspace`): it
hands each store the functions that work out briefs and report facts."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cstui.config import Settings
from cstui.config_files import POLICY_FILE, TEAM_FILE
from cstui.errors import StoreError
from cstui.models.report_facts import FACTS_FORMAT
from cstui.models.text_gate import shown
from cstui.store.file import CLOSED_BATCH, open_file_store

if TYPE_CHECKING:
    from cstui.published import Published
    from cstui.store.ports import Stores
    from cstui.workspace import Workspace


class _OnFirstUse:
    """A function of a module imported the first time it is called (a report's rules
    load only when a report's rows are worked out)."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name
        self._function: Callable[..., Any] | None = None

    def __call__(self, *args: Any) -> Any:
        if self._function is None:
            self._function = getattr(importlib.import_module(self.module), self.name)
        return self._function(*args)


def file_store(ws: Workspace, lock_timeout: float) -> Stores:
    """The data folder's file store, keeping briefs and report facts by the rules."""
    return open_file_store(
        ws.settings.data_dir,
        ws.user,
        brief_of=ws.brief_one,
        brief_stamp=lambda: ws.brief_stamp,
        facts_of=_OnFirstUse("cstui.domain.reports", "complaint_facts"),
        facts_format=FACTS_FORMAT,
        clock=ws.clock,
        lock_timeout=lock_timeout,
        closed_batch=CLOSED_BATCH,
        phone_region=lambda: ws.policy.phone_region,
    )


def postgres_store(ws: Workspace) -> Stores:
    """The PostgreSQL store at ``ws.settings.store``; the first to open an empty one brings
    their folder's roster (whose first person leads the team)."""
    from cstui.store.file.drafts import DraftFolder

    postgres = _postgres_package()
    stores = postgres.open_postgres_store(
        ws.settings.store,
        brief_of=ws.brief_one,
        facts_of=_OnFirstUse("cstui.domain.reports", "complaint_facts"),
        drafts=DraftFolder(ws.settings.data_dir, ws.user),
        brief_stamp=lambda: ws.brief_stamp,
        **({"user": ws.user, "password": ws.settings.password} if ws.settings.shared else {}),
    )
    if ws.user and stores.person != ws.user:
        raise StoreError(
            f"the database server signed you in as {shown(stores.person)}, but you are "
            f"{shown(ws.user)}: connect as your own database role (the store URL's user, or "
            "PGUSER); a person works only as themselves"
        )
    if not stores.roster.exists():
        from cstui.store.file.roster_file import RosterFile

        stores.roster.write(RosterFile(ws.settings.data_dir / TEAM_FILE).load())
    ws.published = _published(stores.config, ws.settings.data_dir, stores.admin.location)
    opened: Stores = stores
    return opened


def server_password_works(url: str, user: str, password: str) -> bool:
    """Whether the server at ``url`` signs ``user`` in with ``password`` (a shared OS
    account's sign-in on a server); StoreError if the server cannot be asked."""
    postgres = _postgres_package()
    try:
        postgres.connection.connect(url, user=user, password=password).close()
    except StoreError as exc:
        if postgres.connection.WRONG_PASSWORD in str(exc):
            return False
        raise
    return True


def _published(config: Any, data_dir: Path, where: Path) -> Published:
    """The server's policy and content; the first to open a store that has none brings
    their folder's."""
    from cstui.published import Published, as_text, folder_files

    files = config.files()
    if POLICY_FILE not in files:
        config.publish(as_text(folder_files(data_dir)))
        files = config.files()
    return Published(where, files)


def _postgres_package() -> Any:
    """The PostgreSQL store's package; StoreError says how to install what it needs."""
    try:
        return importlib.import_module("cstui.store.postgres")
    except ModuleNotFoundError as exc:
        raise StoreError(
            f"the PostgreSQL store needs {exc.name}: pip install 'cstui[postgres]'"
        ) from None


def migrate_store(settings: Settings) -> tuple[int, list[int]]:
    """Bring the PostgreSQL store of ``settings.store`` to this cstui's schema: the
    version it is at now, and the migrations applied."""
    package = _postgres_package()
    with package.connection.connect(settings.store) as conn:
        applied: list[int] = package.schema.migrate(conn)
        return package.schema.schema_version(conn), applied
