"""A Taskwarrior 2.6 store of the same size, for comparing ``task list`` with ``cstui``.

The store is written directly in Taskwarrior's file format (one ``[key:"value" ...]``
line per task in ``pending.data`` and ``completed.data``), with a taskrc of its own
(``data.location``, ``confirmation=off``, ``verbose=nothing``), used through ``TASKRC``.
Stores are kept under ``WORK/taskwarrior-PENDING-COMPLETED`` and reused.

Usage: python bench/taskwarrior.py [--pending 500] [--completed 100000] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import uuid
from pathlib import Path

TASKRC = "taskrc"
DONE = "complete"


def line(i: int, status: str, rng: random.Random) -> str:
    """Task number ``i`` as Taskwarrior 2.6 stores it."""
    entered = 1_600_000_000 + i * 60
    extra = f' end:"{entered + 86_400}"' if status == "completed" else ""
    ident = uuid.UUID(int=rng.getrandbits(128), version=4)
    return (
        f'[description:"Customer complaint {i} about late delivery of order {i * 7 % 99991}"'
        f'{extra} entry:"{entered}" modified:"{entered}" project:"cat{i % 8}" '
        f'status:"{status}" uuid:"{ident}"]\n'
    )


def build(work: Path, pending: int, completed: int) -> Path:
    """The store's taskrc, writing the store first if it is not there yet."""
    folder = work / f"taskwarrior-{pending}-{completed}"
    rc = folder / TASKRC
    if (folder / DONE).exists():
        return rc
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = random.Random(pending * 1_000_003 + completed)
    with open(folder / "completed.data", "w", encoding="utf-8") as out:
        out.writelines(line(i, "completed", rng) for i in range(completed))
    with open(folder / "pending.data", "w", encoding="utf-8") as out:
        out.writelines(line(completed + i, "pending", rng) for i in range(pending))
    rc.write_text(f"data.location={folder}\nconfirmation=off\nverbose=nothing\n")
    (folder / DONE).write_text("")
    return rc


def task_binary() -> str | None:
    """Where ``task`` is installed, if it is."""
    return shutil.which("task")


def command(rc: Path) -> tuple[list[str], dict[str, str]]:
    """``task list`` on the store of ``rc``, and the environment to run it in."""
    binary = task_binary()
    if binary is None:
        raise FileNotFoundError("task is not installed: apt-get install taskwarrior")
    return [binary, "list"], {**os.environ, "TASKRC": str(rc)}


def main() -> None:
    """Write (or find) the store and print its taskrc."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pending", type=int, default=500)
    parser.add_argument("--completed", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/cstui-bench"))
    args = parser.parse_args()
    print(build(args.work, args.pending, args.completed))


if __name__ == "__main__":
    main()
