"""Skills tests: full sets of self-assessment ratings."""

from __future__ import annotations

from cstui.content.self_assessment import load_self_assessment
from cstui.models.skills import Rating


def ids() -> list[str]:
    """Every statement id, in order."""
    return load_self_assessment().ids()


def ratings_for(pattern: dict[str, Rating], default: Rating = Rating.ADEQUATE) -> dict[str, str]:
    """A full set of ratings (as JSON values): ``pattern`` where given, else ``default``."""
    return {sid: pattern.get(sid, default).value for sid in ids()}
