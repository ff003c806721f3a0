"""``python bench/serve.py [--sessions 20]``: signed-in browser sessions at once.

Starts ``cstui serve`` on a throwaway data folder whose roster has one agent per session,
then signs every one of them in at the same moment, each opening the app's websocket as
the page does, and times each from the sign-in post to the home screen's footer in the
app's output (``New case``). Then, with every session open, it reads the resident memory
of each session's app process (``VmRSS`` of the server's children). Prints the median and
95th percentile of the times and the memory per session.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.conftest import start_server, stop_server
from tests.support.cli import invoke

ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
HOME = b"New case"


def roster(data: Path, people: int) -> list[tuple[str, str]]:
    """A folder led by ``lead`` with ``people`` agents, each with a passphrase."""
    agents = [(f"agent{n:02d}", f"passphrase of agent {n:02d}") for n in range(people)]
    for name, _ in agents:
        done = invoke(["--data-dir", str(data), "team", "add", name, "--role", "agent",
                       "--limit", "50"], account="lead")  # fmt: skip
        assert done.exit_code == 0, done.output
    for name, secret in agents:
        done = invoke(["--data-dir", str(data), "team", "passphrase", "--new-from-stdin"],
                      account=name, input=secret)  # fmt: skip
        assert done.exit_code == 0, done.output
    return agents


async def one_session(
    base: str, name: str, secret: str, times: list[float], hold: asyncio.Event
) -> None:
    """Sign in, open the app, note the seconds until home; stay open until ``hold``."""
    async with aiohttp.ClientSession() as client:
        started = time.perf_counter()
        async with client.post(
            base + "/sign-in",
            data={"name": name, "passphrase": secret},
            headers={"Origin": base},
            allow_redirects=False,
        ) as answer:
            assert answer.status == 303, await answer.text()
            cookie = answer.cookies["cstui_session"].value
        url = base.replace("http", "ws", 1) + "/ws?width=120&height=40"
        headers = {"Origin": base, "Cookie": f"cstui_session={cookie}"}
        async with client.ws_connect(url, headers=headers) as socket:
            seen = b""
            async for message in socket:
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen = (seen + ESCAPES.sub(b"", message.data))[-4096:]
                    if HOME in seen:
                        break
            times.append(time.perf_counter() - started)
            await hold.wait()


def session_memory(server_pid: int) -> list[int]:
    """Resident kilobytes of each of the server's child processes."""
    children: list[int] = []
    for task in Path(f"/proc/{server_pid}/task").iterdir():
        text = (task / "children").read_text().split()
        children.extend(int(pid) for pid in text)
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]))
    return sizes


async def measure(base: str, agents: list[tuple[str, str]], server_pid: int) -> None:
    """Every session at once; then the figures."""
    hold = asyncio.Event()
    times: list[float] = []
    tasks = [asyncio.create_task(one_session(base, n, s, times, hold)) for n, s in agents]
    deadline = time.monotonic() + 300
    while len(times) < len(tasks) and time.monotonic() < deadline:
        if any(t.done() for t in tasks):  # one failed
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.0)  # every app idle at home
    memory = session_memory(server_pid)
    hold.set()
    await asyncio.gather(*tasks)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    mib = [kb / 1024 for kb in memory]
    print(f"sessions at once:          {len(times)}")
    print(f"sign-in to home, median:   {statistics.median(times):.2f} s")
    print(f"sign-in to home, p95:      {p95:.2f} s")
    print(f"sign-in to home, slowest:  {times[-1]:.2f} s")
    print(f"app processes:             {len(mib)}")
    print(f"memory per session (RSS):  median {statistics.median(mib):.1f} MiB, "
          f"max {max(mib):.1f} MiB, total {sum(mib):.0f} MiB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        agents = roster(data, args.sessions)
        served = start_server(data)
        try:
            asyncio.run(measure(served.base, agents, served.process.pid))
        finally:
            stop_server(served)


if __name__ == "__main__":
    main()
