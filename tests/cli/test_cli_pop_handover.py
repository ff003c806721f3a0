"""``cstui pop`` reads a plain pop itself and leaves anything else to the full command;
a call handed to an app that did not confirm it is kept by the full command, once."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from tests.support.cli import Cli

from cstui.entry import HANDED_AT, PopRequest, parse_pop, quick_pop
from cstui.pop_channel import socket_folder, socket_path

pytestmark = pytest.mark.usefixtures("runtime_dir")


def silent_app(folder: Path, person: str) -> tuple[Path, threading.Thread]:
    """A listener that takes one call and says nothing (a TUI that hung or died)."""
    path = socket_path(folder, person, 1)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)

    def take_one() -> None:
        with server:
            conn, _ = server.accept()
            with conn:
                conn.recv(4096)

    thread = threading.Thread(target=take_one, daemon=True)
    thread.start()
    return path, thread


def test_a_call_handed_over_unconfirmed_is_kept_once_by_the_command(cli: Cli) -> None:
    cli("customer", "history", "--phone", "0400111222")  # the folder exists
    _, thread = silent_app(socket_folder(), cli.user)
    request = parse_pop(
        ["--data-dir", str(cli.data_dir), "--user", cli.user, "pop", "0400111222", "--call-id", "9"]
    )
    assert isinstance(request, PopRequest)
    rest = quick_pop(request, account=cli.user)
    thread.join(5)
    assert rest is not None and rest[0] == HANDED_AT
    for _ in range(2):  # said twice (a retry): still one call
        result = cli("pop", "0400111222", "--call-id", "9", *rest)
        assert result.exit_code == 3
        assert "did not confirm" in result.stdout
    calls = cli.json("customer", "history", "--phone", "0400111222")
    assert [(c["call_id"], c["at"]) for c in calls] == [("9", rest[1].replace("+00:00", "Z"))]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["pop"],
        ["pop", "--help"],
        ["pop", "1", "2"],
        ["pop", "1", "--call-id"],
        ["pop", "1", "--what", "x"],
        ["--passphrase-stdin", "pop", "1"],
        ["case", "list"],
        ["--caller", "1"],
    ],
)
def test_anything_but_a_plain_pop_goes_to_the_full_command(args: list[str]) -> None:
    assert parse_pop(args) is None


def test_a_plain_pop_is_read_with_its_top_level_options() -> None:
    request = parse_pop(
        ["--user", "alice", "--data-dir=/d", "pop", "+614", "--name", "Jo", "--json"]
    )
    assert request == PopRequest(
        number="+614", name="Jo", as_json=True, data_dir="/d", user="alice"
    )
