"""The file store's documents held in memory: for tests of the TinyDB repositories,
with the same semantics as :class:`~cstui.store.file.backend.JSONFileBackend`."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import orjson

from cstui.store.file.audit import AuditEvent
from cstui.store.file.backend import Buffer, Tables


def _dump(data: Tables) -> bytes:
    return orjson.dumps(data)


@dataclass
class MemoryBackend:
    """The document in memory: for tests, and the same semantics as the file backend."""

    _raw: bytes = b"{}"
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _parts: dict[str, bytes] = field(default_factory=dict)
    events: list[AuditEvent] = field(default_factory=list)
    """The audit events of every committed transaction."""

    def snapshot(self) -> Tables:
        """A copy of the document."""
        data: Tables = orjson.loads(self._raw)
        return data

    def part(self, name: str) -> Tables:
        """A copy of the part ``name`` (empty if none)."""
        data: Tables = orjson.loads(self._parts.get(name, b"{}"))
        return data

    def part_names(self) -> list[str]:
        """The name of every part stored."""
        return sorted(self._parts)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Buffer]:
        """Serialise writers; keep the change only if the block finishes."""
        with self._lock:
            buffer = Buffer(orjson.loads(self._raw), load_part=self.part)
            yield buffer
            for name in [*buffer.early, *buffer.late]:
                self._parts[name] = _dump(buffer.parts[name])
            for name in buffer.dropped_parts:
                self._parts.pop(name, None)
            if buffer.dirty:
                self._raw = _dump(buffer.data)
            if buffer.any_change:
                self.events.extend(buffer.events)
