"""The centre's content files: shipped defaults in ``data/``, overrides in the data folder.

Each file ``data/<name>.toml`` may be replaced by ``<data folder>/content/<name>.toml``. A
broken override never stops the app: the shipped default is used instead and a problem is
reported as ``<path>: key <key> <reason>``. ``check_content`` lists every problem of the
shipped files and of every override, including references between files and template
placeholders.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from cstui.content.paths import (
    DEVELOPMENT_FILE,
    GUIDANCE_FILE,
    TEMPLATES_FILE,
    TIPS_FILE,
    override_path,
)
from cstui.domain.guidance import template_problems
from cstui.errors import ConfigError
from cstui.models.base import FieldValueError
from cstui.models.content import Development, Guidance, Templates, Tips
from cstui.models.errors import _message as error_message
from cstui.resources import data_file

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with a content file: which file, which key, and why."""

    file: str
    key: str
    reason: str

    def __str__(self) -> str:
        if self.key:
            return f"{self.file}: key {self.key} {self.reason}"
        return f"{self.file}: {self.reason}"

    def as_json(self) -> dict[str, str]:
        """``{"file", "key", "reason"}``."""
        return {"file": self.file, "key": self.key, "reason": self.reason}


Check = Callable[[Any], list[tuple[str, str]]]
"""Checks beyond the model: returns (key, reason) pairs."""


@dataclass(frozen=True)
class ContentFile(Generic[M]):
    """One kind of content file: its name and the model it parses into."""

    name: str
    model: type[M]
    check: Check | None = None


def _template_check(templates: Templates) -> list[tuple[str, str]]:
    found = []
    for template in templates.templates:
        for reason in template_problems(template.body):
            found.append((f"templates[{template.id}].body", reason))
    return found


DEVELOPMENT = ContentFile(DEVELOPMENT_FILE, Development)
TIPS = ContentFile(TIPS_FILE, Tips)
GUIDANCE = ContentFile(GUIDANCE_FILE, Guidance)
TEMPLATES = ContentFile(TEMPLATES_FILE, Templates, _template_check)
FILES: tuple[ContentFile[Any], ...] = (DEVELOPMENT, TIPS, GUIDANCE, TEMPLATES)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A content file as loaded: the content, the file it came from, why an override failed."""

    content: M
    source: str
    problems: list[ContentProblem]

    @property
    def warning(self) -> str | None:
        """One line for the user when an override was passed over, else None.

        ``<path>: key <key> <reason>; key ... (the shipped default is used instead)``.
        """
        if not self.problems:
            return None
        head = self.problems[0].file
        details = "; ".join(str(p).removeprefix(f"{head}: ") for p in self.problems)
        return f"{head}: {details} (the shipped default is used instead)"


def _is_index(part: int | str) -> bool:
    return isinstance(part, int) or part.isdigit()


def _list_item(node: Any, index: int) -> tuple[str, Any]:
    """A list item's part of a key, named by its ``id`` when it has one, and the item."""
    item = node[index] if isinstance(node, list) and 0 <= index < len(node) else None
    ident = item.get("id") if isinstance(item, dict) else None
    return (f"[{ident}]" if isinstance(ident, str) and ident else f"[#{index + 1}]"), item


def _key(loc: tuple[int | str, ...], raw: Any) -> str:
    """A readable key: list items are named by their ``id`` when they have one."""
    key = ""
    node = raw
    for part in loc:
        if _is_index(part):
            name, node = _list_item(node, int(part))
            key += name
        elif not str(part).startswith("function-"):
            text = str(part)
            key += f".{text}" if key else text
            node = node.get(text) if isinstance(node, dict) else None
    return key


def _validation_problems(exc: ValidationError, raw: Mapping[str, Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for error in exc.errors(include_input=False, include_url=False):
        loc = tuple(error["loc"])
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, FieldValueError):
            loc = loc + tuple(cause.field.split("."))
        reason = error_message(error)
        if error["type"] == "too_short":
            reason = "must not be empty"
        pair = (_key(loc, raw) or "(top level)", reason)
        if pair not in found:
            found.append(pair)
    return found


def parse_file(
    path: Path, kind: ContentFile[M], raw: bytes | None = None
) -> tuple[M | None, list[ContentProblem]]:
    """Read ``path`` (or ``raw``, its bytes read elsewhere) as ``kind``: the content, or
    None and what is wrong with it."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8") if raw is None else raw.decode("utf-8")
        values = tomllib.loads(text)
    except FileNotFoundError:
        return None, [ContentProblem(where, "", "the file is missing")]
    except UnicodeDecodeError:
        return None, [ContentProblem(where, "", "is not UTF-8 text")]
    except OSError as exc:
        return None, [ContentProblem(where, "", f"cannot be read ({exc.strerror or exc})")]
    except tomllib.TOMLDecodeError as exc:
        return None, [ContentProblem(where, "", f"is not valid TOML ({exc})")]
    try:
        content = kind.model.model_validate(values)
    except ValidationError as exc:
        return None, [ContentProblem(where, k, r) for k, r in _validation_problems(exc, values)]
    extra = kind.check(content) if kind.check else []
    if extra:
        return None, [ContentProblem(where, k, r) for k, r in extra]
    return content, []


def load_default(kind: ContentFile[M]) -> M:
    """The shipped file; ConfigError if the installation itself is damaged."""
    content, problems = parse_file(data_file(kind.name), kind)
    if content is None:
        raise ConfigError("; ".join(str(p) for p in problems))
    return content


Overrides = Mapping[str, tuple[Path, bytes]]
"""Content files published elsewhere (a server): file name to (where it is, its bytes)."""


def load_content(
    kind: ContentFile[M], data_dir: Path | None, overrides: Overrides | None = None
) -> Loaded[M]:
    """The centre's override if present and valid, else the shipped default.

    The override is ``overrides``' copy when given, else the data folder's. The problems
    say why an override was not used (empty when it was, or when there is none).
    """
    found: tuple[Path, bytes | None] | None = None
    if overrides is not None:
        found = overrides.get(kind.name)
    elif data_dir is not None and override_path(data_dir, kind.name).exists():
        found = (override_path(data_dir, kind.name), None)
    if found is not None:
        content, problems = parse_file(found[0], kind, found[1])
        if content is not None:
            return Loaded(content, str(found[0]), [])
        return Loaded(load_default(kind), str(data_file(kind.name)), problems)
    return Loaded(load_default(kind), str(data_file(kind.name)), [])


def cross_problems(
    development: Development,
    tips: Tips,
    guidance: Guidance,
    files: Mapping[str, str],
) -> list[ContentProblem]:
    """References between files: tip themes, guidance tips. ``files`` names each file."""
    found = []
    themes = {t.id for t in development.themes}
    for tip in tips.tips:
        for theme in tip.themes:
            if theme not in themes:
                found.append(
                    ContentProblem(
                        files[TIPS_FILE],
                        f"tips[{tip.id}].themes",
                        f"names a theme that is not in {files[DEVELOPMENT_FILE]}: {theme!r}",
                    )
                )
    tip_ids = {t.id for t in tips.tips}
    for step, guide in guidance.steps.items():
        unknown = [t for t in guide.tips if t not in tip_ids]
        if unknown:
            names = ", ".join(repr(t) for t in unknown)
            found.append(
                ContentProblem(
                    files[GUIDANCE_FILE],
                    f"steps.{step.value}.tips",
                    f"names tips that are not in {files[TIPS_FILE]}: {names}",
                )
            )
    return found


class ContentLibrary:
    """Every content file, each loaded on first use (override if valid, else default)."""

    def __init__(self, data_dir: Path | None = None, overrides: Overrides | None = None) -> None:
        self.data_dir = data_dir
        self.overrides = overrides
        """The overrides published on a server, in place of the data folder's."""
        self.warnings: list[str] = []
        """Why an override was not used, as ``<path>: key <key> <reason>`` lines."""
        self._sources: dict[str, str] = {}

    def _load(self, kind: ContentFile[M]) -> M:
        loaded = load_content(kind, self.data_dir, self.overrides)
        if loaded.warning is not None:
            self.warnings.append(loaded.warning)
        self._sources[kind.name] = loaded.source
        return loaded.content

    @cached_property
    def development(self) -> Development:
        """Themes, activities and readings."""
        return self._load(DEVELOPMENT)

    @cached_property
    def tips(self) -> Tips:
        """The quick tips."""
        return self._load(TIPS)

    @cached_property
    def guidance(self) -> Guidance:
        """What to do, say and record at each step."""
        return self._load(GUIDANCE)

    @cached_property
    def templates(self) -> Templates:
        """Messages to customers."""
        return self._load(TEMPLATES)

    def load_all(self) -> list[str]:
        """Load every file now; the warnings (also kept in :attr:`warnings`)."""
        _ = (self.development, self.tips, self.guidance, self.templates)
        cross = cross_problems(self.development, self.tips, self.guidance, self._sources)
        for problem in cross:
            if str(problem) not in self.warnings:
                self.warnings.append(str(problem))
        return list(self.warnings)


def check_content(data_dir: Path | None) -> list[ContentProblem]:
    """Every problem of the shipped files and of each override present in ``data_dir``.

    References between files are checked on the set the app would use (each valid
    override in place of its default).
    """
    problems: list[ContentProblem] = []
    used: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for kind in FILES:
        default_path = data_file(kind.name)
        content, found = parse_file(default_path, kind)
        problems.extend(found)
        used[kind.name], sources[kind.name] = content, str(default_path)
        if data_dir is not None:
            path = override_path(data_dir, kind.name)
            if path.exists():
                override, found = parse_file(path, kind)
                problems.extend(found)
                if override is not None:
                    used[kind.name], sources[kind.name] = override, str(path)
    development, tips, guidance = used[DEVELOPMENT_FILE], used[TIPS_FILE], used[GUIDANCE_FILE]
    if development is not None and tips is not None and guidance is not None:
        problems.extend(cross_problems(development, tips, guidance, sources))
    return problems
