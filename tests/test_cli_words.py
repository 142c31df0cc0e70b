"""The CLI's own errors and status lines in both languages: Chinese by default (the tests' locale), the same
English words as before with --lang en; each error is one line after `tasktrack: error:`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tasktrack.failures import describe
from tasktrack.i18n import t

PREFIX = "tasktrack: error: "

CASES = [
    (
        ["--as", " ", "plan", "list"],
        "--as 需要给出姓名，例如 --as 张明",
        "--as needs a name, e.g. --as 张明",
    ),
    (
        ["remind", "--within", "soon"],
        "--within 应为天数，如 7d（或周数，如 2w），不能是 'soon'",
        "--within must be days like 7d (or weeks like 2w), not 'soon'",
    ),
    (
        ["remind", "--dry-run"],
        "--resend、--dry-run 和 --smtp 须与 --send 一起使用",
        "--resend, --dry-run and --smtp go with --send",
    ),
    (
        ["remind", "--format", "pdf"],
        "--format 只能是 text, json, email, ics 之一，不能是 'pdf'",
        "--format must be one of text, json, email, ics, not 'pdf'",
    ),
    (
        ["export", "ledger", "--format", "pdf"],
        "--format 只能是 csv 或 xlsx，不能是 'pdf'",
        "--format must be csv or xlsx, not 'pdf'",
    ),
    (
        ["report", "weekly", "--draft", "--issue"],
        "--draft 与 --issue 互相矛盾：请只给其一",
        "--draft and --issue contradict each other; give one",
    ),
    (
        ["report", "scores"],
        "请给出考核年度，例如 --year 2021",
        "give the year to score, e.g. --year 2021",
    ),
    (
        ["duty", "status", "--year", "21"],
        "--year 21 不是年份（应如 2021）",
        "--year 21 is not a year like 2021",
    ),
    (
        ["task", "edit", "x:1"],
        "没有要修改的内容：请给出 --title、--text、--quote、--note 或 --status",
        "nothing to change; give --title, --text, --quote, --note or --status",
    ),
    (
        ["task", "assign", "x:1"],
        "没有要分配的内容：请给出 --lead、--co、--remove 或 --clear-lead",
        "nothing to assign; give --lead, --co, --remove or --clear-lead",
    ),
    (
        ["db", "check", "--head", "xyz"],
        "--head 应为通报上印的链头：12 至 64 位十六进制数字，不能是 'xyz'",
        "--head must be the chain head a circular printed: 12 to 64 hex digits, not 'xyz'",
    ),
]


@pytest.mark.parametrize(("args", "zh", "en"), CASES, ids=[" ".join(c[0][:2]) for c in CASES])
def test_a_cli_error_is_one_line_in_either_language(cli: Any, args: list[str], zh: str, en: str) -> None:
    r = cli(*args)
    assert (r.code, r.err) == (2, f"{PREFIX}{zh}\n")
    r = cli("--lang", "en", *args)
    assert (r.code, r.err) == (2, f"{PREFIX}{en}\n")


def test_a_date_option_names_itself_and_the_reason(cli: Any) -> None:
    r = cli("history", "--since", "someday")
    assert r.code == 2 and r.err.startswith(f"{PREFIX}--since：") and len(r.err.splitlines()) == 1
    r = cli("--lang", "en", "history", "--since", "someday")
    assert r.code == 2 and r.err.startswith(f"{PREFIX}--since: ")


def test_a_missing_draft_is_named(cli: Any, tmp_path: Path) -> None:
    gone = tmp_path / "gone.yaml"
    r = cli("import", "review", str(gone))
    assert (r.code, r.err) == (2, f"{PREFIX}没有文件 {gone}：请检查路径\n")
    r = cli("--lang", "en", "import", "review", str(gone))
    assert (r.code, r.err) == (2, f"{PREFIX}no file {gone}; check the path\n")


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("attempt to write a readonly database", "数据库为只读", "the database is read-only"),
        ("database is locked", "数据库一直被其他写入者锁定", "the database stayed locked by another writer"),
        ("file is not a database", "数据库文件已损坏", "the database file is damaged"),
    ],
)
def test_a_database_failure_is_described_in_either_language(text: str, zh: str, en: str) -> None:
    exc = RuntimeError(text)
    assert describe(exc, "zh").startswith(f"{zh}（{text}）：")
    assert describe(exc, "en").startswith(f"{en} ({text}); ")


def test_status_lines_have_both_languages() -> None:
    assert t("status.check_ok", "zh") == "检查通过" and t("status.check_ok", "en") == "ok"
    words = {"who": "区科技局", "email": "k@example.invalid", "n": 3, "level": t("rem.level.overdue", "zh")}
    assert t("status.remind_sent", "zh", **words) == "已发送给 区科技局 <k@example.invalid>：3 项，已逾期"
    words["level"] = t("rem.level.overdue", "en")
    assert t("status.remind_sent", "en", **words) == "sent to 区科技局 <k@example.invalid>: 3 items, overdue"
