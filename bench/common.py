"""What every benchmark script shares: child processes with their peak memory, statistics.

A measured command is started by a tiny launcher (``LAUNCHER``, Python with no site
packages, about 5 MB) that forks, execs the command, reaps it with ``os.wait4`` and
reports back: the ``time.monotonic()`` just before the fork, the wall time from fork to
exit, the exit code, and the command's peak resident memory, ``ru_maxrss`` of the rusage
``wait4`` returns (kilobytes on Linux). Why not wait4 the command directly: on Linux a
process's ``ru_maxrss`` keeps the high-water mark of the memory it had before ``exec``,
that is, the memory of the process that forked it; started straight from this (large)
benchmark process, every command would report at least this process's size. Started
from the launcher, a command that does nothing (``/bin/true``) reports about 5 MB.
"""

from __future__ import annotations

import math
import os
import pwd
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ACCOUNT = pwd.getpwuid(os.geteuid()).pw_name
"""The OS account the benchmarks run as: the app works as the account it runs under."""
"""This folder."""


class ChildFailed(RuntimeError):
    """A measured command exited with an error."""


@dataclass(frozen=True)
class ChildRun:
    """One finished child process."""

    seconds: float
    """Wall time from start (fork) to exit."""
    rss_kb: int
    """Peak resident set size."""
    stdout: bytes
    started: float
    """``time.monotonic()`` just before the child was forked."""


LAUNCHER = """
import os, sys, time
fd = int(sys.argv[1])
os.set_inheritable(fd, False)
started, begin = time.monotonic(), time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - begin
code = os.waitstatus_to_exitcode(status)
os.write(fd, f"{started!r} {seconds!r} {code} {usage.ru_maxrss}".encode())
"""


def run_child(
    argv: Sequence[str],
    env: dict[str, str] | None = None,
    capture: bool = False,
    cwd: Path | None = None,
) -> ChildRun:
    """Run ``argv`` to its end; raise ChildFailed (with its stderr) if it fails."""
    report, write_end = os.pipe()
    try:
        with tempfile.TemporaryFile() as errors:
            proc = subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", LAUNCHER, str(write_end), *argv],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                stderr=errors,
                env=env,
                cwd=cwd,
                pass_fds=(write_end,),
            )
            os.close(write_end)
            write_end = -1
            out = proc.communicate()[0] or b""
            words = os.read(report, 4096).decode().split()
            errors.seek(0)
            text = errors.read().decode("utf-8", "replace")[-3000:]
    finally:
        os.close(report)
        if write_end >= 0:
            os.close(write_end)
    if proc.returncode != 0 or len(words) != 4 or words[2] != "0":
        code = words[2] if len(words) == 4 else f"(launcher {proc.returncode})"
        raise ChildFailed(f"{' '.join(argv)} exited {code}:\n{text}")
    return ChildRun(float(words[1]), int(words[3]), out, float(words[0]))


def python_child(script: str, *args: str) -> list[str]:
    """The command running ``bench/SCRIPT`` with this Python."""
    return [sys.executable, str(BENCH / script), *args]


def compile_cstui() -> None:
    """Compile the app's modules to bytecode, as installing a package does, so a measured
    start reads them as a user's would (not compiled afresh when bytecode is never written,
    as with ``PYTHONDONTWRITEBYTECODE``)."""
    import compileall

    import cstui

    compileall.compile_dir(Path(cstui.__file__).parent, quiet=1)


def cstui_command() -> list[str]:
    """The installed ``cstui`` command (beside this Python), else ``python -m cstui``."""
    found = shutil.which("cstui", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "cstui"]


def median(values: Sequence[float]) -> float:
    """The median (NaN for no values)."""
    return statistics.median(values) if values else math.nan


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct`` percentile, interpolated between the nearest ranks (NaN for none)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Budget:
    """How many times to repeat a measurement: ``runs``, unless that takes too long.

    After ``seconds`` of measuring, it stops once ``least`` runs are done, so a slow
    store still finishes in reasonable time (the table says how many runs were made).
    """

    runs: int
    seconds: float
    least: int = 3

    def more(self, done: int, started: float) -> bool:
        """Whether to do another run after ``done`` runs since ``started``."""
        if done >= self.runs:
            return False
        return done < self.least or time.perf_counter() - started < self.seconds


def alternate(
    first: Callable[[], ChildRun],
    second: Callable[[], ChildRun],
    budget: Budget,
    label: str,
    warm: bool = True,
) -> tuple[list[ChildRun], list[ChildRun]]:
    """Run ``first`` and ``second`` in turn (ABAB...), after one unmeasured run of each.

    Alternating means both see the same machine: caches, load and clock speed. With
    ``warm`` false the unmeasured runs are left out (the caller has made them).
    """
    if warm:
        first()
        second()
    ones: list[ChildRun] = []
    twos: list[ChildRun] = []
    started = time.perf_counter()
    while budget.more(len(ones), started):
        ones.append(first())
        twos.append(second())
        say(f"  {label}: run {len(ones)}: {ones[-1].seconds:.3f} s vs {twos[-1].seconds:.3f} s")
    return ones, twos


def say(text: str) -> None:
    """Progress for the person waiting, on stderr."""
    print(text, file=sys.stderr, flush=True)
