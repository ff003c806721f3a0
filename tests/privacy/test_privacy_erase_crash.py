"""An erasure killed (SIGKILL, a real process) at every write it makes in turn is
finished by the next start or a rerun, and then no byte under the data folder holds the
customer's phone, email or name (raw, JSON-decoded or decompressed)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.privacy.customer_folder import PHONE, build, traces
from tests.support.cli import process_env
from tests.support.reliability.cli import NOW

BOOT = """
import os, signal, sys
KILL_AT, LOG = int(sys.argv[1]), sys.argv[2]
count = 0

def counted(name):
    real = getattr(os, name)
    def call(*args, **kwargs):
        global count
        count += 1
        if LOG:
            with open(LOG, "a") as log:
                log.write(f"{name} {args[0] if name != 'write' else ''}\\n")
        if count == KILL_AT:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    setattr(os, name, call)

for name in ("write", "replace", "rename", "unlink"):
    counted(name)
from tests.support.cli import run
run(sys.argv[3:])
"""
"""``python -c BOOT N LOG ARGS``: the CLI, killed at its Nth file write, rename or delete
(0: never); each such call is listed in LOG (if given)."""

ERASE = ("privacy", "erase", "--phone", PHONE, "--apply")


def _run(data: Path, *args: str, kill_at: int = 0, log: str = "") -> int:
    env = {**process_env(), "CSTUI_DATA_DIR": str(data), "CSTUI_USER": "alice", "TZ": "UTC"}
    command = [sys.executable, "-c", BOOT, str(kill_at), log, "--now", NOW, *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    return done.returncode


@pytest.mark.slow
def test_erase_killed_at_every_write_leaves_no_personal_data(tmp_path, figures) -> None:
    template = tmp_path / "template"
    build(template)
    log = tmp_path / "writes.txt"
    counting = tmp_path / "counting"
    shutil.copytree(template, counting)
    assert _run(counting, *ERASE, log=str(log)) == 0
    writes = log.read_text().splitlines()
    journal = next(
        n for n, w in enumerate(writes, 1) if w.startswith("replace") and "erasures" in w
    )
    left: dict[int, list[str]] = {}
    finished_by_start = 0
    for kill_at in range(1, len(writes) + 1):
        data = tmp_path / f"kill-{kill_at}"
        shutil.copytree(template, data)
        assert _run(data, *ERASE, kill_at=kill_at) == -9
        assert _run(data, "case", "list") == 0  # the next start
        if kill_at > journal:
            finished_by_start += not traces(data)
            left[kill_at] = traces(data)
        else:
            assert _run(data, *ERASE) == 0  # the erase was never begun: run it again
            left[kill_at] = traces(data)
        assert _run(data, "store", "verify") == 0, f"verify failed after a kill at {kill_at}"
    bad = {n: found for n, found in left.items() if found}
    figures.add(
        f"erase crash test: {len(writes)} write points (journal durable at write {journal}), "
        f"SIGKILL at each in turn: {finished_by_start} of {len(writes) - journal} erasures "
        f"past the journal finished by the next start, the rest by a rerun; "
        f"{len(bad)} folders with the customer's phone, email or name left; verify ok after each"
    )
    assert bad == {}
