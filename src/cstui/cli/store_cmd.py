"""``cstui store ...``: check, back up, restore and verify the store."""

from __future__ import annotations

import click

from cstui.cli.command import MACHINE_ERROR, Shown, action
from cstui.cli.context import settings_of, state, workspace
from cstui.cli.store_move import MOVING
from cstui.store_choice import migrate_store


@click.group("store")
def store_group() -> None:
    """Look after the case store: check, back up, restore, verify the audit log, migrate."""


@action(store_group, "check")
def check() -> Shown:
    """Read every case; say what is damaged and which backup is the newest good one."""
    health = workspace().store.check()
    newest = str(health.newest_backup) if health.newest_backup else None
    data = {
        "ok": health.ok,
        "store": str(health.store),
        "cases": health.cases,
        "problems": health.problems,
        "newest_good_backup": newest,
    }
    lines = [f"{health.store}: " + ("ok" if health.ok else "PROBLEMS FOUND")]
    lines.append(f"cases readable: {health.cases}")
    lines += [f"problem: {p}" for p in health.problems]
    lines.append(f"newest good backup: {newest or 'none yet'}")
    return Shown(data, "\n".join(lines), 0 if health.ok else MACHINE_ERROR)


@action(store_group, "backup")
def backup() -> Shown:
    """Copy the store now into the backups folder."""
    made = workspace().store.backup()
    return Shown({"backup": str(made)}, f"backed up to {made}")


@action(store_group, "backups")
def backups() -> Shown:
    """List the backups, newest first."""
    found = workspace().store.backups()
    return Shown([str(p) for p in found], "\n".join(str(p) for p in found) or "no backups yet")


@action(store_group, "restore")
@click.argument("backup_name", metavar="BACKUP")
def restore(backup_name: str) -> Shown:
    """Put a backup (a file name from "cstui store backups") in place of the store; what it
    replaces is kept as a restore point, listed with the backups."""
    kept = workspace().store.restore(backup_name)
    note = f"; what it replaced is kept as the restore point {kept.name}" if kept else ""
    return Shown(
        {"restored": backup_name, "kept": str(kept) if kept else None},
        f"restored {backup_name}{note}",
    )


@action(store_group, "verify")
def verify() -> Shown:
    """Check the audit log's hash chain: finds edited, deleted, reordered or cut entries."""
    verdict = workspace().store.verify()
    data: dict[str, object] = {
        "ok": verdict.ok,
        "entries": verdict.entries,
        "problem": verdict.problem or None,
    }
    if verdict.notes:
        data["notes"] = list(verdict.notes)
    text = (
        f"audit log intact: {verdict.entries} entries"
        if verdict.ok
        else f"audit log DAMAGED after entry {verdict.entries}: {verdict.problem}"
    )
    text += "".join(f"\n{note}" for note in verdict.notes)
    return Shown(data, text, 0 if verdict.ok else MACHINE_ERROR)


@action(store_group, "migrate")
def migrate() -> Shown:
    """Bring a PostgreSQL store's tables up to this cstui's schema (run once per upgrade)."""
    settings = settings_of(state())
    if not settings.store:
        note = "the data folder's file store upgrades itself when opened: nothing to migrate"
        return Shown({"schema_version": None, "applied": []}, note)
    version, applied = migrate_store(settings)
    done = ", ".join(str(n) for n in applied)
    text = f"schema at version {version}" + (
        f" (applied migration {done})" if applied else " (nothing to do)"
    )
    return Shown({"schema_version": version, "applied": applied}, text)


for _command in MOVING.commands.values():
    store_group.add_command(_command)
