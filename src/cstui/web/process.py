"""One app process per browser tab, run as the session's person.

Built on textual-serve's :class:`AppService` (its packet protocol to the web driver),
with three changes: the process is this package's child, started without a shell, and
told who it is through an inherited pipe; its environment carries no ``CSTUI_``
variable; and it may only end the page's connection (no URLs opened in the browser, no
file downloads).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from cstui.web.handover import Identity, open_handover

STOP_SECONDS = 3.0
"""How long a process is given to quit before it is killed."""


class SessionProcess(AppService):
    """The terminal app for one browser tab, as one person."""

    def __init__(
        self,
        identity: Identity,
        *,
        write_bytes: Callable[[bytes], Awaitable[Any]],
        write_str: Callable[[str], Awaitable[Any]],
        close: Callable[[], Awaitable[Any]],
    ) -> None:
        super().__init__(
            "",
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,
            download_manager=DownloadManager(),
        )
        self.identity = identity

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        return {k: v for k, v in environment.items() if not k.startswith("CSTUI_")}

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        reading = open_handover(self.identity)
        try:
            self._process = process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "cstui.web.child",
                str(reading),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=self._build_environment(width, height),
                pass_fds=(reading,),
            )
        finally:
            os.close(reading)
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        """The process's id (None before it starts)."""
        return self._process.pid if self._process is not None else None

    async def on_meta(self, data: bytes) -> None:
        """The app ended: close the page's connection. Nothing else is passed on."""
        if json.loads(data).get("type") == "exit":
            await self.remote_close()

    async def stop(self) -> None:
        """Ask the app to quit; kill it if it has not within :data:`STOP_SECONDS`."""
        process = self._process
        if self._task is not None:
            with contextlib.suppress(Exception):
                await self.send_meta({"type": "quit"})
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._task), STOP_SECONDS)
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
