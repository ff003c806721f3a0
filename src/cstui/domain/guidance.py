"""Guidance logic, pure: search and rank tips and activities, filter them, pick the tip of
the day, and fill message templates from a case's values as plain text.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from cstui.domain.daily import of_the_day
from cstui.models.content import PLACEHOLDERS, Development, Tip
from cstui.models.guide import GuideItem, ItemKind, Rendered
from cstui.models.kinds import Step

MISSING_MARK = "⟨missing: {name}⟩"
"""How a value the case does not have yet shows in a rendered message."""

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Text as search compares it: case-folded, curly quotes and dashes made plain."""
    return text.translate(_FOLD).casefold()


# -- search -----------------------------------------------------------------------------


def tip_item(tip: Tip) -> GuideItem:
    """A quick tip as a guide item."""
    return GuideItem(ItemKind.TIP, tip.id, tip.title, tip.body, tuple(tip.themes), tuple(tip.steps))


def activity_items(development: Development) -> list[GuideItem]:
    """Every development activity as a guide item (its theme is its only theme)."""
    return [
        GuideItem(ItemKind.ACTIVITY, a.id, a.title, a.body, (a.theme,))
        for a in development.activities
    ]


def filter_items(
    items: Iterable[GuideItem], theme: str | None = None, step: Step | None = None
) -> list[GuideItem]:
    """The items of ``theme`` and applying to ``step`` (None: any)."""
    return [
        i
        for i in items
        if (theme is None or theme in i.themes) and (step is None or step in i.steps)
    ]


def search_words(query: str) -> list[str]:
    """The words of a query, folded; empty when there is nothing to search for."""
    return fold(query).split()


def search(items: Sequence[GuideItem], query: str) -> list[GuideItem]:
    """Items containing every word of ``query`` (in the title or the body), best first.

    Ranking: more of the words in the title first; then a title starting with the first
    word; then tips before activities; then the original order. An empty query returns
    every item in order.
    """
    words = search_words(query)
    if not words:
        return list(items)
    scored: list[tuple[tuple[int, int, int, int], GuideItem]] = []
    for index, item in enumerate(items):
        title, body = fold(item.title), fold(item.body)
        if not all(w in title or w in body for w in words):
            continue
        in_title = sum(1 for w in words if w in title)
        starts = 0 if title.startswith(words[0]) else 1
        kind = 0 if item.kind is ItemKind.TIP else 1
        scored.append(((-in_title, starts, kind, index), item))
    scored.sort(key=lambda pair: pair[0])
    return [item for _, item in scored]


def tip_of_the_day(tips: Sequence[Tip], day: date) -> Tip | None:
    """The same tip all day, the next one tomorrow."""
    return of_the_day(tips, day)


# -- templates ----------------------------------------------------------------------------


def template_problems(body: str) -> list[str]:
    """What is wrong with a template's placeholders (empty when it can be rendered).

    Only bare names from :data:`PLACEHOLDERS` are allowed: no attribute or index access,
    no conversion, no format spec. Literal braces are written ``{{`` and ``}}``.
    """
    try:
        parts = list(string.Formatter().parse(body))
    except ValueError as exc:
        return [f"has a stray {{ or }} ({exc}); write {{{{ or }}}} for a literal brace"]
    problems: list[str] = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            shown = "{" + name + "}"
            problems.append(
                f"has an unknown placeholder {shown} (allowed: {', '.join(PLACEHOLDERS)})"
            )
        elif spec or conversion:
            problems.append(f"placeholder {{{name}}} must be a bare name, without ! or :")
    return problems


def render_template(body: str, values: Mapping[str, str | None]) -> Rendered:
    """Fill ``body``'s placeholders with ``values`` as plain text, nothing evaluated.

    A value that is None or blank shows as ``⟨missing: name⟩`` and is listed in
    ``missing`` (each name once, in order). Raises ValueError for a template that
    :func:`template_problems` would refuse.
    """
    problems = template_problems(body)
    if problems:
        raise ValueError("; ".join(problems))
    out: list[str] = []
    missing: list[str] = []
    for literal, name, _, _ in string.Formatter().parse(body):
        out.append(literal)
        if name is None:
            continue
        value = values.get(name)
        if value is None or not value.strip():
            out.append(MISSING_MARK.format(name=name))
            if name not in missing:
                missing.append(name)
        else:
            out.append(value)
    return Rendered("".join(out), missing)
