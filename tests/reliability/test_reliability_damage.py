"""A damaged store at start: named, never written over, restored from the newest good backup."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from tests.support.cli import Cli

from cstui.store.file.backups import KEEP, Backups
from cstui.store.file.manifest import Ledger


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC, so daily backups (local date) and named ones (UTC) sort together."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def healthy(tmp_path: Path, utc: None) -> tuple[Path, Path]:
    """A data folder with three cases and a backup of them: (folder, backup)."""
    cli = Cli(tmp_path / "healthy", now="")  # the real clock, as backups are named by it
    for _ in range(3):
        cli.new_case()
    made = Path(cli.json("store", "backup")["backup"])
    assert cli.json("store", "backups")[0] == str(made)  # the newest
    return cli.data_dir, made


def empty(raw: bytes) -> bytes:
    return b""


def truncated(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def garbled(raw: bytes) -> bytes:
    middle = len(raw) // 2
    return raw[:middle] + b"\x00\xff#garbage#" + raw[middle + 12 :]


DAMAGE: list[Callable[[bytes], bytes]] = [empty, truncated, garbled]


def test_damaged_store_is_named_left_alone_and_restored(healthy, tmp_path, figures) -> None:
    source, made = healthy
    restored_cases = []
    for damage in DAMAGE:
        cli = Cli(tmp_path / damage.__name__, now="")
        shutil.copytree(source, cli.data_dir)
        store = cli.data_dir / "cases.json"
        backup = cli.data_dir / "backups" / made.name
        damaged = damage(store.read_bytes())
        store.write_bytes(damaged)
        stamp = store.stat().st_mtime_ns
        words = "is empty" if damage is empty else "is damaged (not a complete JSON document)"

        check = cli("store", "check")
        assert check.exit_code == 1, damage.__name__
        assert f"{store}: PROBLEMS FOUND" in check.stdout
        assert f"problem: the store file {store} {words}" in check.stdout
        assert f"newest good backup: {backup}" in check.stdout
        report = orjson.loads(cli("store", "check", "--json").stdout)
        assert (report["ok"], report["newest_good_backup"]) == (False, str(backup))

        listed = cli("case", "list")
        assert listed.exit_code == 1
        assert listed.stdout == ""
        assert listed.stderr == (
            f"error: the store file {store} {words}; cstui will "
            f"not write over it. The newest good backup is {backup}: restore it with "
            f"`cstui store restore {backup.name}`\n"
        )
        assert cli(*NEW).exit_code == 1  # a write is refused too
        assert store.read_bytes() == damaged
        assert store.stat().st_mtime_ns == stamp

        restore = cli("store", "restore", backup.name)
        assert restore.exit_code == 0, restore.output
        [kept] = cli.data_dir.glob("backups/cases-*-before-restore.json")
        assert restore.stdout == (
            f"restored {backup.name}; what it replaced is kept as the restore point {kept.name}\n"
        )
        assert kept.read_bytes() == damaged
        assert str(kept) in cli.json("store", "backups")
        cases = [c["id"] for c in cli.json("case", "list")]
        assert cases == ["C-000001", "C-000002", "C-000003"]
        assert cli("store", "check").exit_code == 0
        restored_cases.append(len(cases))
    figures.add(
        f"damaged store: {len(DAMAGE)} of {len(DAMAGE)} ({', '.join(d.__name__ for d in DAMAGE)}) "
        "refused by store check and case list (exit 1, file and newest good backup named), "
        f"file never modified; restore brought back {'/'.join(map(str, restored_cases))} "
        "cases and kept the damaged file in a restore point"
    )


NEW = (
    "case", "new", "--customer", "Jo Citizen", "--phone", "0412 345 678",
    "--summary", "Charged twice", "--category", "Billing", "--channel", "phone",
)  # fmt: skip


def test_damaged_store_in_a_real_process(proc, data_dir, utc) -> None:
    assert proc(*NEW).returncode == 0
    assert proc(*NEW).returncode == 0  # the second write of the day makes the daily backup
    store = data_dir / "cases.json"
    store.write_bytes(store.read_bytes()[:-40])
    [daily] = (data_dir / "backups").glob("cases-*.json")
    listed = proc("case", "list")
    assert listed.returncode == 1
    assert listed.stdout == ""
    assert listed.stderr.startswith(f"error: the store file {store} is damaged")
    assert f"restore it with `cstui store restore {daily.name}`" in listed.stderr
    assert "Traceback" not in listed.stderr


# -- rolling backups ----------------------------------------------------------------------

DAYS = 20


def test_one_backup_a_day_and_at_most_fourteen_kept(tmp_path, figures) -> None:
    store = tmp_path / "cases.json"
    backups, ledger = Backups(store), Ledger(store)
    store.write_bytes(b'{"cases": {}}')
    manual = backups.finish(backups.now(datetime(2026, 2, 1, 8, 0, tzinfo=UTC), None))
    first = date(2026, 3, 1)
    contents: dict[str, bytes] = {}
    for n in range(DAYS):
        day = first + timedelta(days=n)
        snapshot = backups.daily(day, ledger.build())
        assert snapshot is not None
        made = backups.finish(snapshot)
        assert made.name == f"cases-{day.isoformat()}.json"
        contents[made.name] = store.read_bytes()
        assert backups.daily(day, ledger.build()) is None  # once a day only
        store.write_bytes(orjson.dumps({"cases": {"day": {"n": n}}}))  # the day's changes
        assert backups.daily(day, ledger.build()) is None
        daily = [p.name for p in backups.all() if "T" not in p.stem]
        assert len(daily) == min(n + 1, KEEP)
    kept = sorted(p.name for p in backups.all() if "T" not in p.stem)
    expected = [f"cases-{first + timedelta(days=n)}.json" for n in range(DAYS - KEEP, DAYS)]
    assert kept == expected
    assert all((backups.folder / name).read_bytes() == contents[name] for name in kept)
    assert manual.exists()  # backups made on request are never pruned
    assert backups.newest_good() == backups.folder / expected[-1]
    (backups.folder / expected[-1]).write_bytes(b'{"cases": ')  # the newest is damaged
    assert backups.newest_good() == backups.folder / expected[-2]
    assert os.stat(backups.folder).st_mode & 0o777 == 0o700
    figures.add(
        f"rolling backups: {DAYS} days of writes -> {len(kept)} daily backups kept (one a "
        f"day, the oldest {DAYS - len(kept)} pruned), the backup made on request kept, a "
        "damaged newest backup skipped"
    )
