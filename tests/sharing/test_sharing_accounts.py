"""The README's shared folder, end to end, with two real OS accounts in one group.

Each account runs the app from a virtual environment made with the system's Python (the
test runner's own lives in a folder other accounts cannot enter). The accounts and the
group are made for the run and deleted after it. Root is needed to make them.
"""

from __future__ import annotations

import grp
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.sharing import (
    Account,
    run_as,
    shared_venv,
    team_accounts,
    why_no_accounts,
    wrong_modes,
)

WHY_NOT = why_no_accounts()
pytestmark = pytest.mark.skipif(bool(WHY_NOT), reason=WHY_NOT or "runs")

DRAFT = (
    "import sys, datetime; from pathlib import Path; "
    "from cstui.store.file.drafts import DraftFolder; "
    "DraftFolder(Path(sys.argv[1]), sys.argv[2])"
    ".save('new-case', {'summary': 'half typed'}, datetime.datetime.now(datetime.UTC))"
)
READ = "import sys; open(sys.argv[1], 'rb').read()"


@pytest.fixture(scope="session")
def venv() -> Path:
    """The app installed where every account can run it (made once per session)."""
    return shared_venv()


@pytest.fixture
def base() -> Iterator[Path]:
    """A folder every account can enter, holding the team's folder; removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="cstui-sharing-", dir="/var/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


class Person:
    """One account running the app on the team's folder with its own umask."""

    def __init__(self, account: Account, umask: int, venv: Path, data: Path) -> None:
        self.account, self.umask, self.venv, self.data = account, umask, venv, data
        self.env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "TZ": "UTC", "LANG": "C.UTF-8"}

    @property
    def name(self) -> str:
        return self.account.name

    def run(self, *argv: str) -> tuple[int, str, str]:
        done = run_as(self.account, self.umask, argv, self.env)
        return done.returncode, done.stdout, done.stderr

    def app(self, *args: str) -> str:
        code, out, err = self.run(
            str(self.venv / "bin" / "cstui"), "--data-dir", str(self.data), *args
        )
        assert code == 0, f"{self.name}: cstui {' '.join(args)} -> {code}\n{err}"
        return out

    def python(self, code: str, *args: str) -> tuple[int, str, str]:
        return self.run(str(self.venv / "bin" / "python"), "-c", code, *args)


def test_two_accounts_share_a_folder_and_keep_their_own_state(venv: Path, base: Path) -> None:
    with team_accounts(2) as (group, (first, second)):
        os.chown(base, first.uid, first.gid)
        data = base / "team"
        a = Person(first, 0o022, venv, data)
        b = Person(second, 0o002, venv, data)
        # The README's set-up: one group, a folder with its set-group-id bit on.
        setup = a.run("sh", "-c", f"mkdir {data} && chgrp {group} {data} && chmod 2770 {data}")
        assert setup[0] == 0, setup[2]

        case = json.loads(
            a.app(
                "case", "new", "--customer", "Jo Citizen", "--phone", "0412 345 678",
                "--summary", "Charged twice", "--category", "Billing", "--channel", "phone",
                "--json",
            )
        )["id"]  # fmt: skip
        a.app("team", "add", b.name, "--role", "agent", "--limit", "100")

        assert case in b.app("case", "list")
        before = json.loads(b.app("case", "show", case, "--json"))["step"]
        b.app("case", "advance", case, "--findings", "Charged twice by the card gateway")
        b.app("case", "note", case, f"{b.name} called the customer back")
        shown = json.loads(a.app("case", "show", case, "--json"))
        assert shown["step"] != before
        assert f"{b.name} called the customer back" in json.dumps(shown)

        # B's refund is over B's limit: it waits for A, the team leader, who approves it.
        asked = json.loads(
            b.app(
                "refund", "check", "--purchased", "2026-02-20", "--price", "450",
                "--paid-by", "card", "--proof", "receipt", "--reason", "major-failure",
                "--failure-kind", "unsafe", "--case", case, "--json",
            )
        )  # fmt: skip
        assert asked["status"] == "pending"
        code, _, err = b.run(
            str(venv / "bin" / "cstui"), "--data-dir", str(data), "refund", "approve",
            asked["refund_id"],
        )  # fmt: skip
        assert code == 2 and "only a team leader" in err
        approved = json.loads(a.app("refund", "approve", asked["refund_id"], "--json"))
        assert approved["status"] == "approved" and approved["approval"]["by"] == a.name
        [mine] = json.loads(b.app("refund", "list", "--case", case, "--json"))
        assert mine["status"] == "approved"

        for person in (a, b):
            person.app(
                "skills", "log", "add", "--kind", "reading", "--what", f"{person.name}'s book"
            )
        for reader, owner in ((a, b), (b, a)):
            log = data / "skills" / owner.name / f"{owner.name}.json"
            code, _, err = reader.python(READ, str(log))
            assert code != 0 and "PermissionError" in err, err
            assert f"{owner.name}'s book" not in reader.app("skills", "log", "list")
            assert f"{reader.name}'s book" in reader.app("skills", "log", "list")

        assert a.python(DRAFT, str(data), a.name)[0] == 0
        code, _, err = b.python(READ, str(data / "drafts" / a.name / "new-case.json"))
        assert code != 0 and "PermissionError" in err, err

        assert wrong_modes(data, shared=True) == []
        team_gid = grp.getgrnam(group).gr_gid
        uids = {first.name: first.uid, second.name: second.uid}
        for path in data.rglob("*"):
            found = path.lstat()
            assert found.st_gid == team_gid, path  # every file is the team's
            parts = path.relative_to(data).parts
            if parts[0] in ("skills", "drafts") and len(parts) >= 2:
                assert found.st_uid == uids[parts[1]], path  # a person's state is theirs
