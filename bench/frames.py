"""Knowing when Textual has finished drawing a frame, in a headless app.

Textual draws in one place: ``Screen._compositor_refresh`` asks the compositor for the
changed lines and hands them to ``App._display``, which (on a real terminal) turns them
into escape sequences and writes them to the driver. Headless, ``_display`` skips that
encoding and the write. The apps measured here override ``_display`` to do the encoding
anyway (``render_segments``, the same call a terminal frame costs) and then note the
moment: that moment is "the frame is done".

A burst of changes can take more than one frame (the cursor moves in one, a scroll
lands in the next). :meth:`FrameLog.settle` waits until no frame has come for a while
(``QUIET``, three frame periods at Textual's 60 frames a second); the last frame before
that silence is the one that shows everything the input caused. The waiting is never
part of a measurement: only the noted moments are.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

QUIET = 0.05
"""Seconds without a frame after which drawing is taken to be finished."""


@dataclass
class FrameLog:
    """The moments (``time.perf_counter``) at which frames were done, and what they showed."""

    times: list[float] = field(default_factory=list)
    shown: list[object] = field(default_factory=list)
    """Whatever ``probe`` returned at each frame (e.g. the table's cursor row)."""
    probe: Any = None
    _event: asyncio.Event | None = None

    @property
    def event(self) -> asyncio.Event:
        """Set at every frame (made on first use, inside the running loop)."""
        if self._event is None:
            self._event = asyncio.Event()
        return self._event

    def frame_done(self, app: Any, renderable: Any) -> None:
        """Call at the end of ``App._display``: encode as a terminal would, note the moment."""
        if renderable is None or app._batch_count:
            return
        encode = getattr(renderable, "render_segments", None)
        if encode is not None:
            encode(app.console)
        self.times.append(time.perf_counter())
        self.shown.append(self.probe() if self.probe is not None else None)
        self.event.set()

    async def settle(self, since: int = 0, limit: float = 600.0) -> None:
        """Wait until a frame newer than index ``since`` is done and none follows for QUIET."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            self.event.clear()
            try:
                await asyncio.wait_for(self.event.wait(), QUIET)
            except TimeoutError:
                if len(self.times) > since:
                    return
        raise TimeoutError(f"no quiet screen within {limit:g} s")


def timed(app_class: type[Any], frames: FrameLog) -> type[Any]:
    """``app_class``, noting in ``frames`` each frame it finishes (``FrameLog.frame_done``)."""

    class Timed(app_class):  # type: ignore[misc, valid-type]
        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            frames.frame_done(self, renderable)

    return Timed
