"""The refusals of domain/, config and store/ in both languages: str() is the English line, `say(exc, lang)`
the reader's, and the CLI writes them in the run's language (zh under a Chinese or C locale, English with
--lang en)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tasktrack.config import load_settings
from tasktrack.domain.dates import DateError, parse_date, parse_deadline
from tasktrack.domain.duties import DutyError, parse_duty
from tasktrack.domain.numbers import NumberError, parse_number
from tasktrack.domain.periods import PeriodError, period_kind
from tasktrack.domain.scoring import RulesError, parse_rules
from tasktrack.domain.text import either, one_line
from tasktrack.domain.vocab import StatusError, parse_status
from tasktrack.errors import UserError, Words, say
from tasktrack.i18n import MESSAGES
from tasktrack.services.ledger import Ledger

PREFIX = "tasktrack: error: "


def _refusal(call: Any, kind: type[BaseException]) -> BaseException:
    with pytest.raises(kind) as exc:
        call()
    return exc.value


@pytest.mark.parametrize(
    ("call", "kind", "en", "zh"),
    [
        (
            lambda: parse_date("xx"),
            DateError,
            '"xx" is not a date tasktrack can read; write e.g. 2021-08-23, 2021年8月23日, 2021年底, 2021年三季度, +3d or next friday',
            "无法识别日期“xx”：请写成如 2021-08-23、2021年8月23日、2021年底、2021年三季度、+3d 或 next friday",
        ),
        (
            lambda: parse_date("2021-02-30"),
            DateError,
            '"2021-02-30" is not a real date (2021-02 has 28 days); write e.g. 2021-02-28 or 2021年2月28日',
            "“2021-02-30”不是有效日期（2021年2月只有28天）：请写成如 2021-02-28 或 2021年2月28日",
        ),
        (
            lambda: parse_date("2021111"),
            DateError,
            '"2021111" looks like a date that lost its 年月日 (could be 2021-01-11 or 2021-11-01); '
            "write it in full, e.g. 2021-01-11 or 2021年1月11日",
            "“2021111”像是漏写了年月日的日期（可能是 2021-01-11 或 2021-11-01）：请写完整，如 2021-01-11 或 2021年1月11日",
        ),
        (
            lambda: parse_date("03/04/21"),
            DateError,
            '"03/04/21" is ambiguous (day and month order, two-digit year); write 2021-04-03 or 2021年4月3日',
            "“03/04/21”有歧义（日、月顺序不明确，年份只有两位）：请写成 2021-04-03 或 2021年4月3日",
        ),
        (
            lambda: parse_deadline("2021年每月25日前"),
            DateError,
            '"2021年每月25日前" recurs in every period, not one due date; write one, e.g. 2021-01-25',
            "“2021年每月25日前”是每期都有的周期性时限，不是一个完成时限：请写一个日期，如 2021-01-25",
        ),
        (
            lambda: parse_number("56家", "target"),
            NumberError,
            "target must be a number, not '56家'; write e.g. 56, -5 or 1.55",
            "target 应为数字，不能是 '56家'：请写成如 56、-5 或 1.55",
        ),
        (
            lambda: parse_duty("每月25日前"),
            DutyError,
            "'每月25日前' says when but not what is filed, e.g. 每月25日前报送进展",
            "“每月25日前”只写了报送时限，没有写报送什么：请写成如 每月25日前报送进展",
        ),
        (
            lambda: parse_rules(
                '[[rule]]\nname = "x"\nkind = "rate"\nmeasure = "reporting"\nweight = 50\n', "r.toml"
            ),
            RulesError,
            "r.toml: the rate rules' weights add up to 50, not full = 100; make them equal",
            "r.toml：各比率规则的 weight 合计为 50，与满分 full = 100 不一致：请调整为相等",
        ),
        (
            lambda: parse_rules(
                '[[rule]]\nname = "x"\nkind = "deduction"\nmeasure = "overdue"\nper = -1\n', "r.toml"
            ),
            RulesError,
            "r.toml: rule 1 (x): per must be a number 0 or more, not -1",
            "r.toml：第1条规则（x）：per 应为不小于0的数，不能是 -1",
        ),
        (
            lambda: parse_status("finito"),
            StatusError,
            "unknown status 'finito'; use one of not_started, in_progress, done, blocked, cancelled, closed "
            "(or 未启动/推进中/已完成/受阻/已取消/已销号)",
            "没有“finito”这个状态：请用 not_started, in_progress, done, blocked, cancelled, closed 之一"
            "（或 未启动/推进中/已完成/受阻/已取消/已销号）",
        ),
        (
            lambda: period_kind("2021-13x"),
            PeriodError,
            "not a period: '2021-13x'; write 2022, 2022H1, 2022Q1, 2022-03 or 2022-W02",
            "“2021-13x”不是报送期：请写成如 2022、2022H1、2022Q1、2022-03 或 2022-W02",
        ),
        (
            lambda: one_line("区\n审计局", "--short"),
            UserError,
            "--short must be one line without control characters or line breaks, not '区↵审计局'; remove them and try again",
            "--short 只能是一行文字，不能含控制字符或换行（现为“区↵审计局”）：请删去后重试",
        ),
    ],
)
def test_a_domain_refusal_is_english_in_str_and_chinese_in_zh(
    call: Any, kind: type[BaseException], en: str, zh: str
) -> None:
    exc = _refusal(call, kind)
    assert str(exc) == en
    assert say(exc, "en") == en
    assert say(exc, "zh") == zh


def test_the_value_errors_are_still_value_errors() -> None:
    for call in (
        lambda: parse_date("xx"),
        lambda: parse_duty("x"),
        lambda: parse_status("x"),
        lambda: period_kind("x"),
    ):
        with pytest.raises(ValueError):
            call()


def test_a_wrapped_domain_error_is_written_in_the_wrappers_language() -> None:
    wrapped = UserError("err.cfg.in_file", path="c.toml", reason=_refusal(lambda: parse_date(""), DateError))
    assert str(wrapped) == (
        "settings file c.toml: empty date; write e.g. 2021-08-23, 2021年8月23日, 2021年底, 2021年三季度, +3d or next friday"
    )
    assert say(wrapped, "zh") == (
        "设置文件 c.toml：日期为空：请填写日期，如 2021-08-23、2021年8月23日、2021年底、2021年三季度、+3d 或 next friday"
    )


def test_either_names_the_choices_in_each_language() -> None:
    assert either([]) == ""
    assert either(["leader"]) == "leader"
    three = either(["a", "b", "c"])
    assert isinstance(three, Words)
    assert (three("en"), three("zh")) == ("a or b or c", "a 或 b 或 c")


def test_a_bad_settings_file_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('ladder_cc_red = ["boss"]\n', encoding="utf-8")
    exc = _refusal(lambda: load_settings(path), UserError)
    assert str(exc) == f"settings file {path}: ladder_cc_red lists 'boss'; use leader or office_head"
    assert say(exc, "zh") == f"设置文件 {path}：ladder_cc_red 中的 'boss' 无效：请用 leader 或 office_head"
    path.write_text('office_head = " "\n', encoding="utf-8")
    exc = _refusal(lambda: load_settings(path), UserError)
    assert say(exc, "zh").startswith(f"设置文件 {path}：office_head：“ ”不是联系人")
    assert str(exc).startswith(f"settings file {path}: office_head: ' ' is not a contact")


def _err(res: Any) -> str:
    assert res.code == 2 and res.out == "" and res.err.count("\n") == 1, res
    assert res.err.startswith(PREFIX)
    return res.err.removeprefix(PREFIX).rstrip("\n")


def test_unknown_plans_units_and_milestones_on_the_cli_in_both_languages(cli: Any, ledger: Ledger) -> None:
    assert _err(cli("milestone", "list", "--unit", "不存在局")) == (
        "找不到单位“不存在局”：请用 tasktrack unit list 查看，或用 tasktrack unit add 添加"
    )
    assert _err(cli("--lang", "en", "milestone", "list", "--unit", "不存在局")) == (
        "no unit '不存在局'; see 'tasktrack unit list' or add it with 'tasktrack unit add'"
    )
    zh = _err(cli("milestone", "list", "--plan", "nope"))
    en = _err(cli("--lang", "en", "milestone", "list", "--plan", "nope"))
    assert zh.startswith("找不到规划“nope”：现有规划 ") and "tasktrack plan list" in zh
    assert en.startswith("no plan nope; known plans: ") and "(see 'tasktrack plan list')" in en
    assert (
        _err(cli("milestone", "show", "9999"))
        == "找不到 ID 为 9999 的节点：请用 tasktrack milestone list 查看"
    )
    assert _err(cli("--lang", "en", "milestone", "show", "9999")) == (
        "no milestone with id 9999; see 'tasktrack milestone list'"
    )
    assert _err(cli("milestone", "show", "kaizhou-7p:9-M9")) == (
        "找不到节点“kaizhou-7p:9-M9”：请写 ID 或 PLAN:CODE（规划:编号），用 tasktrack milestone list 查看"
    )
    assert _err(cli("--lang", "en", "milestone", "show", "kaizhou-7p:9-M9")) == (
        "no milestone 'kaizhou-7p:9-M9'; give its id or PLAN:CODE (see 'tasktrack milestone list')"
    )


def test_a_missing_database_on_the_cli_in_both_languages(cli: Any, tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    zh = _err(cli("db", "backup", str(tmp_path / "copy.db"), db=missing))
    en = _err(cli("--lang", "en", "db", "backup", str(tmp_path / "copy.db"), db=missing))
    assert (zh, en) == (f"找不到数据库 {missing}：请检查 --db", f"no database {missing}; check --db")
    nowhere = tmp_path / "no" / "such"
    assert _err(cli("milestone", "list", db=nowhere / "t.db")) == (
        f"数据库目录 {nowhere} 不存在：请先创建，或用 --db 指定其他位置"
    )
    assert _err(cli("--lang", "en", "milestone", "list", db=nowhere / "t.db")) == (
        f"database directory {nowhere} does not exist; create it or pass another --db"
    )


def test_a_bad_settings_file_on_the_cli_in_both_languages(cli: Any, ledger: Ledger, tmp_path: Path) -> None:
    (tmp_path / "no-config.toml").write_text("stale_days = 0\n", encoding="utf-8")
    path = tmp_path / "no-config.toml"
    assert _err(cli("milestone", "list")) == f"设置文件 {path}：stale_days 不能小于1，现为 0"
    assert (
        _err(cli("--lang", "en", "milestone", "list"))
        == f"settings file {path}: stale_days must be at least 1, not 0"
    )


def test_every_key_of_these_layers_is_written_in_chinese() -> None:
    ours = [k for k in MESSAGES if k.startswith(("err.dom.", "err.cfg.", "err.store."))]
    assert len(ours) > 60
    latin_only = [k for k in ours if MESSAGES[k][0] == MESSAGES[k][1]]
    assert latin_only == []
