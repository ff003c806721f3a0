"""CSV cells a spreadsheet could run as formulas are neutralised; numbers stay numbers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cstui.models.csv_safe import cell, is_dangerous, neutralise, restore, write_rows

DANGEROUS = [
    "=1+2",
    "+1",
    "-1",
    "@SUM(A1:A2)",
    "\t=1",
    "\rcmd",
    "\nfoo",
    '   =HYPERLINK("http://evil")',
    "  +cmd",
    " -2+3",
    "  @x",
    "=cmd|' /C calc'!A0",
]
SAFE = ["hello", "1+2", "a=b", "", " plain", "'quoted", "Zoë 😀", "x-1", "€5"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_dangerous_cells_get_a_quote_in_front(text: str) -> None:
    assert is_dangerous(text)
    assert neutralise(text) == "'" + text
    assert not is_dangerous(neutralise(text))


@pytest.mark.parametrize("text", SAFE)
def test_safe_cells_are_left_alone(text: str) -> None:
    assert not is_dangerous(text)
    assert neutralise(text) == text


def test_a_quote_already_there_is_kept_through_restore() -> None:
    assert neutralise("'=1") == "''=1"
    assert restore("''=1") == "'=1"
    assert restore("'=1") == "=1"
    assert restore("'plain") == "'plain"


def test_numbers_stay_numbers_even_negative() -> None:
    assert cell(Decimal("-12.50")) == Decimal("-12.50")
    assert cell(-3) == -3
    assert cell(2.5) == 2.5
    assert cell(None) == ""
    assert cell(True) == "yes"
    assert cell("-12.50") == "'-12.50"  # text that looks like a number is still text


def test_every_field_is_quoted_and_reads_back() -> None:
    out = io.StringIO()
    count = write_rows(
        out,
        ["Name", "=Header", "Amount"],
        [["=1+2", "plain, with comma", Decimal("-12.50")], ['say "hi"', "line\nbreak", 7]],
    )
    assert count == 2
    lines = out.getvalue().split("\r\n")
    assert lines[0] == '"Name","\'=Header","Amount"'
    assert lines[1] == '"\'=1+2","plain, with comma","-12.50"'
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[2] == ['say "hi"', "line\nbreak", "7"]


@given(st.text())
def test_neutralised_text_is_never_dangerous_and_restores(text: str) -> None:
    safe = neutralise(text)
    assert not is_dangerous(safe)
    assert restore(safe) == text


@pytest.mark.parametrize(
    "text",
    [
        "＝1+2",  # fullwidth equals
        "＋1",
        "－1",
        "＠SUM(A1:A2)",
        "\u3000＝1",  # an ideographic space first
        "\u00a0=1",  # a no-break space first
        "﹦cmd",  # small equals sign
    ],
)
def test_compatibility_forms_of_formula_starts_are_caught(text: str) -> None:
    assert is_dangerous(text)
    assert neutralise(text) == "'" + text
    assert restore(neutralise(text)) == text


def test_written_cells_pass_the_output_gate() -> None:
    out = io.StringIO()
    write_rows(out, ["Name\x1b[31m"], [["Jo\x1b]52;c;eA==\x07 Citizen\u202e"], ["＝1"]])
    assert out.getvalue() == '"Name"\r\n"Jo Citizen"\r\n"\'＝1"\r\n'
