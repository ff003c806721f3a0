"""What guidance hands the faces: a tip or an activity as search lists it, and a filled
message template."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from cstui.models.kinds import Step


class ItemKind(StrEnum):
    """What a search result is."""

    TIP = "tip"
    ACTIVITY = "activity"


@dataclass(frozen=True)
class GuideItem:
    """A tip or a development activity, as search and lists see it."""

    kind: ItemKind
    id: str
    title: str
    body: str
    themes: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class Rendered:
    """A filled template: its text, and the fields the case did not have yet."""

    text: str
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every placeholder had a value."""
        return not self.missing
