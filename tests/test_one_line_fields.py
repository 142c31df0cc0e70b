"""Fields that go into mail headers, calendar entries and table cells are one line: a line break or an
escape sequence is refused at entry, and one stored before that rule is shown, never obeyed."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from tasktrack.services.ledger import Ledger

HOSTILE = ["区\r\n审计局", "区审计局\nBcc: x@example.com", "区\x1b]0;pwned\x07审计局", "区\x00局", "区\u202e局"]


@pytest.mark.parametrize("bad", HOSTILE, ids=["crlf", "lf-header", "osc-title", "nul", "bidi"])
@pytest.mark.parametrize("field", ["name", "--short", "--contact", "--phone"])
def test_a_unit_field_with_a_control_character_is_refused(cli: Any, ledger: Ledger, field: str, bad: str) -> None:
    before = len(ledger.units.list())
    args = ["unit", "add", bad] if field == "name" else ["unit", "add", "开州区审计局", field, bad]
    r = cli(*args)
    assert r.code == 2
    assert r.err.count("\n") == 1 and "只能是一行文字，不能含控制字符或换行" in r.err
    assert "\x1b" not in r.err and "\r" not in r.err
    assert len(ledger.units.list()) == before


def test_editing_a_unit_is_held_to_the_same_rule(cli: Any, ledger: Ledger) -> None:
    ledger.units.add("开州区审计局", short_name="区审计局")
    r = cli("unit", "edit", "区审计局", "--contact", "张三\r\nBcc: x@example.com")
    assert r.code == 2 and "contact 只能是一行文字" in r.err
    assert ledger.units.get("区审计局").contact is None


def test_as_is_held_to_the_same_rule(cli: Any) -> None:
    r = cli("--as", "张三\x1b[2J", "unit", "list")
    assert r.code == 2 and r.err.startswith("tasktrack: error: --as 只能是一行文字") and "\x1b" not in r.err


def test_a_name_stored_before_the_rule_cannot_break_a_reminder(cli: Any, demo_ledger: Ledger) -> None:
    with demo_ledger.ctx.engine.begin() as conn:  # as an older version could have stored it
        conn.execute(
            text("UPDATE unit SET name = :n WHERE short_name = '区科技局'"),
            {"n": "开州区科学技术局\r\nBcc: x@example.com\x1b]0;pwned\x07"},
        )
    for fmt in ("email", "text", "ics", "json"):
        r = cli("--as-of", "2022-01-10", "remind", "--format", fmt)
        assert r.code in (10, 11), (fmt, r.err)
        assert "\x1b" not in r.out and "\x07" not in r.out
        assert "\nBcc: x@example.com" not in r.out.replace("\r\n", "\n")
