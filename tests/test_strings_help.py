"""Help in both languages: every command, group, option and argument of the whole Click tree has help,
in English (the source's text, its message id) and in Chinese (the catalogue); `--help` is Chinese by
default and Typer's own English with --lang en; Click's usage errors in both; a run that shows no help
does not pay for translating it."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from tasktrack.cli import helpwords
from tasktrack.cli.helpwords import in_lang, known, texts, walk
from tasktrack.cli.main import build, wants_help
from tasktrack.i18n import MESSAGES
from tests.conftest import SeedTemplate, clone_into

CJK = re.compile(r"[\u3400-\u9fff]")


def _tree() -> list[tuple[str, Any, str, str]]:
    """(where, object, attribute, text) for every help text of the whole app (help options included)."""
    root = typer.main.get_command(build())
    names = root.context_settings["help_option_names"]
    found = []
    for command in walk(root):
        context = typer.Context(command, help_option_names=names)
        for owner, attr in texts(command, context):
            where = f"{command.name}:{getattr(owner, 'name', None) or attr}"
            found.append((where, owner, attr, getattr(owner, attr, None) or ""))
    return found


TREE = _tree()


def test_the_tree_is_the_whole_app() -> None:
    commands = {where.split(":")[0] for where, *_ in TREE}
    assert {"tasktrack", "milestone", "list", "review", "close-request", "weekly"} <= commands
    assert len(TREE) > 400


@pytest.mark.parametrize(
    ("where", "owner", "attr", "text"),
    [row for row in TREE if row[2] != "short_help"],
    ids=[row[0] for row in TREE if row[2] != "short_help"],
)
def test_every_command_and_parameter_has_help_in_both_languages(
    where: str, owner: Any, attr: str, text: str
) -> None:
    assert text.strip(), f"{where} has no help"
    assert known(text), f"{where}: no catalogue entry (help.*) whose English is {text!r}"
    zh = in_lang(text, "zh")
    assert CJK.search(zh) and zh != text, f"{where}: the Chinese help is not Chinese: {zh!r}"
    assert in_lang(text, "en") == text


def test_short_help_when_given_has_both_languages_too() -> None:
    for where, _, attr, text in TREE:
        if attr == "short_help" and text:
            assert known(text), where


def test_every_help_entry_of_the_catalogue_is_used() -> None:
    used = {text for *_, text in TREE}
    words = {"help.word.usage", "help.word.options", "help.word.arguments", "help.word.commands"}
    words |= {"help.word.default", "help.word.required", "help.word.envvar", "help.word.deprecated"}
    unused = [
        k for k, (_, en) in MESSAGES.items() if k.startswith("help.") and en not in used and k not in words
    ]
    assert unused == []


# -- what a person sees --------------------------------------------------------------------------------------


def test_tasktrack_help_is_chinese_by_default_and_english_with_lang_en(cli) -> None:  # type: ignore[no-untyped-def]
    zh = cli("--help")
    assert zh.code == 0
    for word in ("用法：", "选项", "命令", "跟踪规划的任务分工", "显示本帮助后退出", "节点：任务的限时目标"):
        assert word in zh.out, word
    assert "Usage:" not in zh.out and "Show this message" not in zh.out
    en = cli("--lang", "en", "--help")
    for word in ("Usage:", "Options", "Commands", "Track a government plan", "Show this message and exit."):
        assert word in en.out, word
    assert "显示本帮助后退出" not in en.out


@pytest.mark.parametrize("args", [("--help",), ("milestone", "list", "--help"), ("review", "approve", "-h")])
def test_english_help_is_what_typer_writes_from_the_source(cli, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    res = cli("--lang", "en", *args)
    plain = CliRunner().invoke(build(), list(args), prog_name="tasktrack")
    assert res.code == plain.exit_code == 0
    assert _same_prog(res.out) == _same_prog(plain.output)


def _same_prog(text: str) -> list[str]:
    """The help's lines, whatever program name the runner gave the usage line."""
    return [re.sub(r"Usage: .*?tasktrack", "Usage: tasktrack", line).rstrip() for line in text.split("\n")]


def test_milestone_list_help_in_both_languages(cli) -> None:  # type: ignore[no-untyped-def]
    zh = cli("milestone", "list", "--help").out
    assert "列出节点及其目标" in zh and "截至评估日期已逾期的" in zh and "--overdue" in zh
    en = cli("--lang", "en", "milestone", "list", "--help").out
    assert "List milestones with their targets" in en and "Overdue on the as-of date." in en


def test_required_and_default_in_chinese(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("review", "reject", "--help").out
    assert "[必填]" in out and "[required]" not in out
    out = cli("--lang", "en", "review", "reject", "--help").out
    assert "[required]" in out


def test_the_language_of_help_comes_from_settings_when_not_given(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "settings.toml"
    config.write_text('lang = "en"\n', encoding="utf-8")
    monkeypatch.setenv("TASKTRACK_CONFIG", str(config))
    assert "Show this message and exit." in cli("plan", "--help").out
    assert "显示本帮助后退出" in cli("--lang", "zh", "plan", "--help").out
    assert "显示本帮助后退出" in cli("--lang=zh", "plan", "list", "--help").out


def test_lang_after_the_command_is_not_the_run_s_language(cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("milestone", "list", "--lang", "en")
    assert res.code == 2 and res.err.startswith("tasktrack: error: 没有选项 --lang"), res.err


def test_a_bare_group_shows_its_help_in_chinese(cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("milestone")
    assert res.code == 0
    assert "用法：" in res.out + res.err and "列出节点" in res.out + res.err


def test_after_a_chinese_help_run_typer_has_its_own_words_again(cli) -> None:  # type: ignore[no-untyped-def]
    cli("milestone", "list", "--help")
    plain = CliRunner().invoke(build(), ["milestone", "list", "--help"], prog_name="tasktrack")
    assert "Usage:" in plain.output and "Options" in plain.output and "选项" not in plain.output


# -- Click's usage errors --------------------------------------------------------------------------------------

USAGE = [
    (
        ("milestone", "list", "--ovrdue"),
        "没有选项 --ovrdue（可能是：--overdue）",
        "No such option: --ovrdue (Possible options: --overdue)",
    ),
    (("milestone", "add"), "缺少参数 “task”", "Missing argument 'task'"),
    (("evidence", "get", "1"), "缺少选项 --output / -o", "Missing option '--output' / '-o'"),
    (
        ("milestone", "list", "--year", "x"),
        "--year 的值无效：应为整数",
        "Invalid value for '--year': Input should be a valid integer",
    ),
    (
        ("milestone", "list", "--limit", "0"),
        "--limit 的值无效：应不小于 1",
        "Invalid value for '--limit': Input should be greater than or equal to 1",
    ),
    (
        ("milestne",),
        "没有命令 “milestne”。是否要用 “milestone”？",
        "No such command 'milestne'. Did you mean 'milestone'?",
    ),
    (("plan", "list", "a", "b"), "多余的参数：a b", "Got unexpected extra argument(s) (a b)"),
    (("milestone", "list", "--limit"), "选项 --limit 需要一个值", "Option '--limit' requires an argument"),
    (("plan", "list", "--json=1"), "选项 --json 不接受值", "Option '--json' does not take a value"),
]


@pytest.mark.parametrize(("args", "zh", "en"), USAGE, ids=[" ".join(a) for a, _, _ in USAGE])
def test_a_usage_error_in_both_languages(cli, args: tuple[str, ...], zh: str, en: str) -> None:  # type: ignore[no-untyped-def]
    res = cli(*args)
    assert res.code == 2 and res.err.count("\n") == 1
    assert res.err.startswith("tasktrack: error: " + zh), res.err
    assert "（用法见 tasktrack" in res.err
    res = cli("--lang", "en", *args)
    assert res.code == 2 and res.err.startswith("tasktrack: error: " + en), res.err
    assert "(see 'tasktrack" in res.err


# -- the start-up cost -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "helping"),
    [
        (["--help"], True),
        (["milestone", "list", "-h"], True),
        ([], True),
        (["milestone"], True),
        (["--lang", "en", "milestone"], True),
        (["milestone", "list"], False),
        (["--db", "milestone", "plan", "list"], False),
        (["milestone", "show", "1-M1"], False),
        (["history"], False),  # a command, not a group
        (["--db", "milestone", "milestone"], True),  # the database file is called milestone
        (["milestone", "progress", "1-M1", "5", "--", "--help"], False),
    ],
)
def test_which_runs_may_show_help(argv: list[str], helping: bool) -> None:
    assert wants_help(argv) is helping


def test_a_run_without_help_does_not_translate_it(
    cli, db_path: Path, seed_template: SeedTemplate, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    clone_into(seed_template("kaizhou.yaml"), db_path)

    def refuse(*_: object) -> None:
        raise AssertionError("help translated for a run that shows none")

    monkeypatch.setattr(helpwords, "translate", refuse)
    res = cli("--as-of", "2022-01-10", "milestone", "show", "kaizhou-7p:1-M2")
    assert res.code == 0, res.err
    assert "tasktrack.cli.helpwords" in sys.modules  # (imported by this test: the patch is what counts)


def test_an_aborted_run_says_so_in_both_languages(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from tasktrack.cli import plans

    def abort(*_: object, **__: object) -> None:
        raise typer.Abort()

    monkeypatch.setattr(plans, "state", abort)
    res = cli("plan", "list")
    assert res.code == 130 and res.err == "tasktrack: 已中止\n"
    assert cli("--lang", "en", "plan", "list").err == "tasktrack: aborted\n"
