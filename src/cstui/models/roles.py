"""What a person on the roster may do (no pydantic: the home screen's header reads it)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a person may do: team leaders manage the roster and reassign cases."""

    AGENT = "agent"
    TEAM_LEADER = "team_leader"

    @property
    def label(self) -> str:
        """The role as people say it: ``agent``, ``team leader``."""
        return self.value.replace("_", " ")
