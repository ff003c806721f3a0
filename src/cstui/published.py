"""The centre's policy and content files on a server: read from there by every terminal,
brought by the first person to open an empty store, published by a team leader
(``cstui store config push``) and fetched for editing (``cstui store config pull``).

Names are as in the data folder: ``policy.toml`` and ``content/<file>.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cstui.config_files import POLICY_FILE, ConfigFile
from cstui.content.paths import CONTENT_DIR, CONTENT_FILES, override_path
from cstui.errors import ConfigError

if TYPE_CHECKING:
    from cstui.content.library import ContentProblem, Overrides
    from cstui.workspace import Workspace


def content_name(file: str) -> str:
    """How content file ``file`` (``tips.toml``) is named on the server."""
    return f"{CONTENT_DIR}/{file}"


@dataclass(frozen=True)
class Published:
    """The files as the server holds them, and where that is (``postgresql:/DBNAME``)."""

    where: Path
    files: dict[str, bytes]

    def file(self, name: str) -> ConfigFile:
        """File ``name`` as a config file; ConfigError if the server has none."""
        if name not in self.files:
            raise ConfigError(f"{self.where / name}: the file is missing")
        return ConfigFile.holding(self.where / name, self.files[name])

    def content(self) -> Overrides:
        """The content overrides published, by content file name."""
        found = {}
        for file in CONTENT_FILES:
            name = content_name(file)
            if name in self.files:
                found[file] = (self.where / name, self.files[name])
        return found


def folder_files(data_dir: Path) -> dict[str, bytes]:
    """The data folder's policy and content overrides, by name on the server."""
    found = {POLICY_FILE: ConfigFile(data_dir / POLICY_FILE).raw}
    for file in CONTENT_FILES:
        path = override_path(data_dir, file)
        if path.exists():
            found[content_name(file)] = ConfigFile(path).raw
    return found


def folder_problems(data_dir: Path) -> list[ContentProblem]:
    """Everything wrong with the folder's policy and content (file, key, reason)."""
    from cstui.content.library import ContentProblem, check_content
    from cstui.content.toml_files import model_of
    from cstui.models.policy import Policy

    problems = check_content(data_dir)
    policy = ConfigFile(data_dir / POLICY_FILE)
    try:
        model_of(policy.path, policy.values(), Policy)
    except ConfigError as exc:
        problems.insert(0, ContentProblem(str(policy.path), "", str(exc).split(": ", 1)[-1]))
    return problems


def as_text(files: dict[str, bytes]) -> dict[str, str]:
    """``files`` as text for the server; ConfigError naming a file that is not UTF-8."""
    texts = {}
    for name, raw in files.items():
        try:
            texts[name] = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ConfigError(f"{name}: is not UTF-8 text") from None
    return texts


def changes_to(server: dict[str, bytes], wanted: dict[str, bytes]) -> dict[str, str | None]:
    """What makes the server hold ``wanted``: each changed file's text, None to remove."""
    changes: dict[str, str | None] = {
        name: text for name, text in as_text(wanted).items() if server.get(name) != wanted[name]
    }
    changes.update({name: None for name in server if name not in wanted})
    return changes


def write_folder(data_dir: Path, files: dict[str, bytes]) -> list[str]:
    """Put the server's ``files`` in the data folder (content overrides the server does not
    have are removed); the names written or removed."""
    from cstui.durable import file_mode, replace_durably

    done = []
    for name, raw in sorted(files.items()):
        path = data_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != raw:
            replace_durably(path, raw, file_mode(data_dir))
            done.append(name)
    for file in CONTENT_FILES:
        path = override_path(data_dir, file)
        if content_name(file) not in files and path.exists():
            path.unlink()
            done.append(content_name(file))
    return done


@dataclass(frozen=True)
class Publishing:
    """What ``store config push`` or ``pull`` did: the files changed, by name."""

    changed: list[str]
    where: Path


def push(ws: Workspace) -> Publishing:
    """Publish the data folder's policy and content on the server, after checking them:
    PermissionDenied unless a team leader; ConfigError naming file, key and reason."""
    from cstui.errors import PermissionDenied

    config = _server_config(ws)
    if not ws.team.roster().is_team_leader(ws.user):
        raise PermissionDenied("only a team leader publishes the centre's policy and content")
    problems = folder_problems(ws.settings.data_dir)
    if problems:
        raise ConfigError("; ".join(str(p) for p in problems))
    changes = changes_to(config.files(), folder_files(ws.settings.data_dir))
    config.publish(changes)
    return Publishing(sorted(changes), ws.stores.admin.location)


def pull(ws: Workspace) -> Publishing:
    """Write the server's policy and content into the data folder, for editing."""
    files = _server_config(ws).files()
    return Publishing(write_folder(ws.settings.data_dir, files), ws.stores.admin.location)


def _server_config(ws: Workspace) -> Any:
    config = getattr(ws.stores, "config", None)
    if config is None:
        raise ConfigError(
            "the file store reads the data folder's policy and content: nothing to publish"
        )
    return config
