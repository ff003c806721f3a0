"""Text cleaning: nothing a terminal could act on reaches storage; real text survives."""

from __future__ import annotations

import pytest

from cstui.models.text_gate import clean_line, clean_text, shown, shown_data


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b[31mred\x1b[0m", "red"),  # SGR colour
        ("a\x1b[2J\x1b[Hb", "ab"),  # clear screen, cursor home
        ("a\x1b[?1049hb", "ab"),  # private-mode CSI
        ("a\x9b31mb", "ab"),  # 8-bit CSI
        ("\x1b]0;pwned title\x07ok", "ok"),  # OSC set title, BEL-terminated
        ("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8 hyperlink
        ("x\x9d52;c;aGVsbG8=\x9cy", "xy"),  # 8-bit OSC clipboard write, 8-bit ST
        ("x\x1bPq#0;2;0;0;0\x1b\\y", "xy"),  # DCS (sixel) to ST
        ("x\x1b]0;never terminated", "x0;never terminated"),  # a lone ESC goes, the text stays
        ("a\x1bMb", "ab"),  # two-byte escape (reverse index)
        ("a\x1bcb", "acb"),  # any other lone ESC is dropped, so nothing is acted on
        ("a\x00b\x07c\x08d\x7fe", "abcde"),  # C0 controls and DEL
        ("a\x85b\x80c\x8dd", "abcd"),  # C1 controls
        ("user\u202eexe.txt", "userexe.txt"),  # right-to-left override
        ("\u2066isolated\u2069 \u202aembedded\u202c", "isolated embedded"),
    ],
)
def test_clean_text_removes_what_a_terminal_acts_on(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_keeps_newline_and_tab_and_folds_carriage_returns() -> None:
    assert clean_text("one\ttwo\nthree") == "one\ttwo\nthree"
    assert clean_text("windows\r\nline\rold mac") == "windows\nline\nold mac"


@pytest.mark.parametrize(
    "text",
    [
        "Thanks 👍🏽 — great service 🎉",
        "Family: 👨\u200d👩\u200d👧 ❤\ufe0f",
        "顾客投诉：包裹丢失",
        "お客様の苦情",
        "고객 불만",
        "مرحبا، طلبي لم يصل",
        "שלום, ההזמנה שלי לא הגיעה",
        "Café naïve façade Ünïcödé",
    ],
)
def test_clean_text_keeps_real_text(text: str) -> None:
    assert clean_text(text) == text
    assert clean_line(text) == text


@pytest.mark.parametrize(
    "text",
    ["[/]", "[@click=app.quit]x[/]", "[bold red]not bold[/bold red]", "[link=https://x]y[/link]"],
)
def test_markup_like_text_is_kept_literally(text: str) -> None:
    assert clean_text(text) == text
    assert clean_line(text) == text


def test_clean_line_folds_whitespace_after_cleaning() -> None:
    assert clean_line("  a\n\tb \x1b[1m  c  ") == "a b c"
    assert clean_line("\x1b[31m\x00\u202e ") == ""


def test_shown_is_the_cleaning_for_text_on_its_way_out() -> None:
    assert shown("Jo\x1b]52;c;SGk=\x07 Citizen\u202e") == "Jo Citizen"
    assert shown("one\ttwo\nthree\r\nfour") == "one\ttwo\nthree\nfour"
    assert shown("one\ttwo\nthree", newlines=False) == "one two three"
    assert shown("not utf-8: \udcff") == "not utf-8: \ufffd"  # a byte that was not UTF-8


@pytest.mark.parametrize("text", ["Thanks 👍🏽", "顾客投诉", "שלום", "[bold]x[/]", "a\tb\nc"])
def test_shown_keeps_real_text_as_it_is(text: str) -> None:
    assert shown(text) is text


def test_shown_data_cleans_every_string_keys_included() -> None:
    data = {"a\x1b[31m": ["x\x85y", {"k": "v\u2066"}], "n": 1, "none": None}
    assert shown_data(data) == {"a": ["xy", {"k": "v"}], "n": 1, "none": None}
