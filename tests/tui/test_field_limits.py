"""Limits are visible: a count near the limit, refused input says so, pastes are made one
line without losing their order; the command line gives the same message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.cli import invoke
from tests.support.tui import notifications, settle, type_text
from textual import events
from textual.pilot import Pilot

from cstui.tui.app import build_app
from cstui.tui.paste import CleanPasteParser
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.tui.widgets.form import Form, FormField
from cstui.workspace import Workspace

LIMIT_MESSAGE = "is too long (at most 500 characters)"


async def new_case_form(pilot: Pilot[Any]) -> Form:
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NewCaseScreen)
    return pilot.app.screen.query_one(Form)


async def paste_into(pilot: Pilot[Any], field: FormField, text: str) -> None:
    field.control.focus()
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)


def label(field: FormField) -> str:
    return str(field.query_one(".field-label").render())


async def test_a_paste_past_the_limit_is_refused_with_a_message(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await new_case_form(pilot)
        remedy = form.field("remedy_sought")
        await paste_into(pilot, remedy, "x" * 2000)
        assert remedy.get() == ""  # not cut to 500: refused
        assert any(
            m.startswith("What the customer wants done " + LIMIT_MESSAGE)
            for m in notifications(app)
        )


async def test_a_field_near_its_limit_counts_its_characters(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await new_case_form(pilot)
        remedy = form.field("remedy_sought")
        await paste_into(pilot, remedy, "x" * 100)
        assert label(remedy) == "What the customer wants done"
        await paste_into(pilot, remedy, "y" * 380)
        assert label(remedy) == "What the customer wants done  480/500"
        await paste_into(pilot, remedy, "z" * 20)
        assert label(remedy).endswith("500/500")
        await type_text(pilot, "!")  # one more is refused, and says so
        assert remedy.get() == "x" * 100 + "y" * 380 + "z" * 20
        assert any(LIMIT_MESSAGE in m for m in notifications(app))


async def test_several_lines_pasted_into_one_line_are_joined(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await new_case_form(pilot)
        summary = form.field("summary")
        await paste_into(pilot, summary, "Charged twice\nfor October\r\n\nplease help")
        assert summary.get() == "Charged twice for October please help"
        assert "Complaint in one line: the pasted lines were joined with spaces" in (
            notifications(app)
        )


async def test_control_sequences_in_a_paste_go_and_the_rest_keeps_its_order(
    workspace: Workspace,
) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await new_case_form(pilot)
        name = form.field("customer.name")
        await paste_into(pilot, name, "AAA \x1b[31mRED\x1b[0m BBB")
        assert name.get() == "AAA RED BBB"


def test_a_terminal_paste_keeps_its_order_without_its_control_sequences() -> None:
    parser = CleanPasteParser()
    read = [
        *parser.feed("x\x1b[200~AAA \x1b[31mRED\x1b[0m B"),
        *parser.feed("BB\x1b[201~y"),  # a paste read in two parts
    ]
    assert [
        (type(e).__name__, getattr(e, "key", None) or getattr(e, "text", None)) for e in read
    ] == [
        ("Key", "x"),
        ("Paste", "AAA RED BBB"),
        ("Key", "y"),
    ]


def test_the_command_line_gives_the_same_limit_message(tmp_path: Path) -> None:
    result = invoke(
        [
            "--data-dir", str(tmp_path / "data"), "case", "new", "--customer", "Jo Citizen",
            "--phone", "0412 345 678", "--summary", "Charged twice", "--category", "billing",
            "--remedy", "x" * 2000,
        ]
    )  # fmt: skip
    assert result.exit_code == 2
    assert LIMIT_MESSAGE in result.output
    assert "x" * 10 not in result.output
