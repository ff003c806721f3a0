"""cstui pop: a call is kept as a contact whether or not an app is open to show it; bad
numbers are refused (exit 2, field named, nothing kept); no app open is exit 3; the call
appears in the customer's history and follows erasure."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from tests.support.cli import Cli, command, process_env

pytestmark = pytest.mark.usefixtures("runtime_dir")


def test_with_no_app_open_the_call_is_kept_and_pop_exits_3(cli: Cli) -> None:
    result = cli("pop", "0400 111 222", "--call-id", "42", "--queue", "billing", "--json")
    assert result.exit_code == 3
    kept = json.loads(result.stdout)
    assert kept["shown"] is False
    contact = kept["contact"]
    assert (contact["kind"], contact["id"], contact["number"]) == (
        "contact",
        "T-000001",
        "+61400111222",
    )
    assert (contact["call_id"], contact["queue"], contact["agent"]) == ("42", "billing", "alice")
    plain = cli("pop", "+61400111222")
    assert plain.exit_code == 3
    assert "T-000002" in plain.stdout and "no cstui is open for alice" in plain.stdout


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["04"], "NUMBER"),
        (["not a number"], "NUMBER"),
        (["0400111222", "--queue", "q" * 81], "--queue"),
        (["0400111222", "--call-id", "9" * 81], "--call-id"),
    ],
)
def test_bad_input_is_exit_2_naming_the_field_and_keeps_nothing(
    cli: Cli, args: list[str], field: str
) -> None:
    message = cli.error("pop", *args)
    assert message.startswith(f"error: {field}:"), message
    assert "Traceback" not in message
    assert cli.json("customer", "history", "--phone", "0400111222") == []


def test_history_lists_cases_and_calls_on_one_timeline(cli: Cli) -> None:
    first = cli.new_case()["id"]  # Jo Citizen, 0412 345 678
    assert cli("pop", "0412345678", "--call-id", "1").exit_code == 3
    timeline = cli.json("customer", "history", "--phone", "0412 345 678")
    assert [entry["id"] for entry in timeline] == ["T-000001", first]
    assert timeline[0]["kind"] == "contact" and "kind" not in timeline[1]
    text = cli("customer", "history", "--phone", "0412345678").stdout
    assert first in text and "Calls:" in text and "T-000001" in text


def test_erasing_a_customer_removes_the_caller_from_their_calls(cli: Cli) -> None:
    cli.new_case()
    cli("pop", "0412345678")
    cli("pop", "0499000111")  # someone else
    erased = cli.json("privacy", "erase", "--phone", "0412345678", "--apply")
    assert erased["contacts"] == ["T-000001"]
    calls = cli.json("customer", "history", "--phone", "0499000111")
    assert [c["id"] for c in calls] == ["T-000002"]
    erased_number = cli.json("customer", "history", "--phone", "0412345678")
    assert erased_number == []  # neither the case nor the call is found by it any more


def test_pop_as_a_real_process(data_dir: Path, runtime_dir: Path) -> None:
    env = process_env()
    env.update({"CSTUI_DATA_DIR": str(data_dir), "XDG_RUNTIME_DIR": str(runtime_dir)})
    env["CSTUI_USER"] = "alice"
    done = subprocess.run(
        [*command(account="alice"), "pop", "+61400111222", "--json"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 3, done.stderr
    assert json.loads(done.stdout)["contact"]["number"] == "+61400111222"
    bad = subprocess.run(
        [*command(account="alice"), "pop", "12"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert bad.returncode == 2 and bad.stderr.startswith("error: NUMBER:")
    assert "Traceback" not in bad.stderr
