"""The CLI's contracts: help everywhere, JSON from every data command, no Textual on start, user text as text."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer

from tasktrack import __version__
from tasktrack.cli.main import app
from tasktrack.config import Settings
from tasktrack.services.ledger import open_ledger
from tests.conftest import SeedTemplate, clone_into, db_is_blank, make_blank, run_subprocess

AS_OF = ("--as-of", "2022-01-10")
M = "kaizhou-7p:1-M2"
TASK = "kaizhou-7p:1-3"


def walk(cmd: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command of the tree with its path, the root first (Typer may vendor Click: no isinstance)."""
    yield path, cmd
    for name, sub in sorted(getattr(cmd, "commands", {}).items()):
        yield from walk(sub, (*path, name))


COMMANDS = list(walk(typer.main.get_command(app)))
LEAVES = [(p, c) for p, c in COMMANDS if not getattr(c, "commands", None)]


@pytest.fixture
def seeded(db_path: Path, seed_template: SeedTemplate) -> Path:
    """The bundled plans plus the demonstration layer at db_path."""
    return clone_into(seed_template("kaizhou.yaml", "demo.yaml"), db_path)


# -- help ---------------------------------------------------------------------------------------------------


def test_the_tree_has_the_nouns_of_the_ledger() -> None:
    names = {p[0] for p, _ in COMMANDS if p}
    assert {
        "plan",
        "task",
        "milestone",
        "unit",
        "indicator",
        "evidence",
        "progress",
        "history",
        "config",
        "seed",
    } <= names
    assert len(LEAVES) >= 25


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[" ".join(p) or "tasktrack" for p, _ in COMMANDS])
def test_every_command_has_help_and_help_exits_0(cli, db_path: Path, path: tuple[str, ...], cmd: Any) -> None:
    make_blank(db_path)
    assert (cmd.help or "").strip(), f"{' '.join(path)} has no help text"
    res = cli(*path, "--help")
    assert res.code == 0, res.err
    assert "Usage" in res.out and "Traceback" not in res.err
    assert "--help" in res.out
    first_words = cmd.help.strip().split()[0]
    assert first_words in res.out
    assert db_is_blank(db_path), "--help opened the database"


DATA_LEAVES = [(p, c) for p, c in LEAVES if p[-1] in ("list", "show", "history", "verify", "current")]


@pytest.mark.parametrize(("path", "cmd"), DATA_LEAVES, ids=[" ".join(p) for p, _ in DATA_LEAVES])
def test_every_command_that_prints_data_accepts_json(path: tuple[str, ...], cmd: Any) -> None:
    flags = {o for param in cmd.params for o in getattr(param, "opts", [])}
    assert "--json" in flags, f"{' '.join(path)} has no --json"


def test_tasktrack_with_no_command_prints_help(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: help, not the TUI
    res = cli()
    assert res.code == 0
    assert "Usage" in res.out and "milestone" in res.out


def test_a_group_without_a_sub_command_prints_its_help_without_an_error(cli) -> None:
    res = cli("milestone")
    assert "Usage" in res.out + res.err
    assert "NoArgsIsHelpError" not in res.err
    assert res.code in (0, 2)


# -- JSON ---------------------------------------------------------------------------------------------------

JSON_COMMANDS = [
    ("plan", "list"),
    ("plan", "show", "kaizhou-7p"),
    ("task", "list"),
    ("task", "list", "--unit", "区科技局"),
    ("task", "show", TASK),
    ("milestone", "list"),
    ("milestone", "list", "--overdue", "--unit", "区科技局"),
    ("milestone", "show", M),
    ("unit", "list"),
    ("indicator", "list"),
    ("indicator", "show", "专栏2-3"),
    ("evidence", "list"),
    ("evidence", "verify"),
    ("progress", "list"),
    ("progress", "list", "--all"),
    ("history",),
    ("history", M),
    ("config", "show"),
    ("db", "current"),
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=" ".join)
def test_data_commands_print_valid_json(cli, seeded: Path, args: tuple[str, ...]) -> None:
    res = cli(*AS_OF, *args, "--json")
    assert res.code == 0, res.err
    data = json.loads(res.out)  # the whole of stdout is one JSON document
    assert isinstance(data, dict) and data


def test_list_json_is_not_empty_for_the_demo_ledger(cli, seeded: Path) -> None:
    sizes = {
        "plans": len(json.loads(cli("plan", "list", "--json").out)["plans"]),
        "tasks": len(json.loads(cli("task", "list", "--json").out)["tasks"]),
        "milestones": json.loads(cli(*AS_OF, "milestone", "list", "--json").out)["count"],
        "units": len(json.loads(cli("unit", "list", "--json").out)["units"]),
        "indicators": len(json.loads(cli("indicator", "list", "--json").out)["indicators"]),
        "reports": len(json.loads(cli("progress", "list", "--json").out)["reports"]),
        "changes": len(json.loads(cli("history", "--json").out)["changes"]),
    }
    assert all(sizes.values()), sizes


def test_commands_that_change_things_print_json_too(cli, seeded: Path, tmp_path: Path) -> None:
    proof = tmp_path / "proof.txt"
    proof.write_text("批复", encoding="utf-8")
    for args in [
        ("milestone", "set", M, "--status", "in_progress", "--note", "x"),
        ("milestone", "progress", M, "12"),
        ("milestone", "edit", M, "--note", "y"),
        ("task", "assign", TASK, "--co", "区财政局"),
        ("unit", "add", "开州区审计局", "--short", "区审计局"),
        ("unit", "edit", "区审计局", "--contact", "王五"),
        ("evidence", "add", M, "--file", str(proof)),
        ("indicator", "record", "专栏2-3", "2023", "300"),
        ("progress", "add", TASK, "--unit", "区科技局", "--period", "2022-01", "--progress", "x"),
        ("seed", "load", "--update"),
    ]:
        res = cli(*AS_OF, *args, "--json")
        assert res.code == 0, (args, res.err)
        json.loads(res.out)


# -- no Textual in the CLI, and the module entry point --------------------------------------------------------

NO_TEXTUAL = textwrap.dedent(
    """
    import sys

    def textual_loaded():
        return sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))

    from tasktrack.cli.main import app, run
    assert not textual_loaded(), textual_loaded()

    for argv in (["--help"], ["--db", sys.argv[1], "--as-of", "2022-01-10", "milestone", "list"]):
        sys.argv = ["tasktrack", *argv]
        try:
            run()
        except SystemExit as exc:
            assert exc.code in (0, None), (argv, exc.code)
    assert not textual_loaded(), textual_loaded()
    print("no textual")
    """
)


def test_the_cli_does_not_import_textual(seeded: Path, tmp_path: Path) -> None:
    env = {"TASKTRACK_CONFIG": str(tmp_path / "none.toml"), "LANG": "C.UTF-8"}
    proc = subprocess.run(
        [sys.executable, "-c", NO_TEXTUAL, str(seeded)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**_base_env(), **env},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("no textual")
    assert "Usage" in proc.stdout and "1-M2" in proc.stdout  # both commands really ran


def _base_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("TASKTRACK_")}


def test_python_m_tasktrack_version() -> None:
    res = run_subprocess("--version")
    assert res.code == 0, res.err
    assert res.out.strip() == f"tasktrack {__version__}"
    assert res.err == ""


# -- user text is text --------------------------------------------------------------------------------------

HOSTILE = "[/] [@click=app.quit] \x1b[31mred\x1b[0m \x1b]52;c;AAAA\x07 [bold]粗体[/bold] \x9b2J \u202eevil"
LITERAL = ("[/]", "[@click=app.quit]", "[bold]粗体[/bold]", "red", "evil")
CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")


def assert_inert(out: str) -> None:
    for ch in CONTROLS:
        assert ch not in out, f"{ch!r} reached the terminal"


@pytest.fixture
def hostile_task(seeded: Path) -> Path:
    ledger = open_ledger(str(seeded), actor="tester", clock=lambda: date(2022, 1, 10), settings=Settings())
    try:
        ledger.tasks.edit(TASK, {"title": HOSTILE, "text": HOSTILE + "\n第二行"})
    finally:
        ledger.close()
    return seeded


@pytest.mark.parametrize(
    ("args", "literal"),
    [
        pytest.param(args, literal, id=" ".join(args))
        for args, literal in [
            (("task", "list"), LITERAL),
            (("task", "show", TASK), LITERAL),
            (("task", "list", "--text", "evil"), LITERAL),
            (("plan", "show", "kaizhou-7p"), LITERAL[:2]),  # the tree cuts titles to 60 cells
            (("milestone", "show", M), LITERAL),
            (("history", "--limit", "5"), LITERAL),
            (("history", "1-3", "--task"), LITERAL),
        ]
    ],
)
def test_a_hostile_task_title_is_shown_as_text(
    cli, hostile_task: Path, args: tuple[str, ...], literal: tuple[str, ...]
) -> None:
    res = cli(*AS_OF, *args)
    assert res.code == 0, res.err
    assert_inert(res.out)
    for text in literal:
        assert text in res.out, text


def test_a_hostile_task_title_is_kept_exactly_in_json(cli, hostile_task: Path) -> None:
    res = cli("task", "show", TASK, "--json")
    assert res.code == 0, res.err
    assert "\x1b" not in res.out and "\x07" not in res.out  # JSON escapes C0 controls
    assert json.loads(res.out)["title"] == HOSTILE
    titles = [t["title"] for t in json.loads(cli("task", "list", "--json").out)["tasks"]]
    assert HOSTILE in titles


def test_a_hostile_error_message_is_one_inert_line(cli, seeded: Path) -> None:
    res = cli("milestone", "show", "kaizhou-7p:\x1b]52;c;AAAA\x07\nx")
    assert res.code == 2
    assert len(res.err.splitlines()) == 1
    assert_inert(res.err)


@pytest.mark.parametrize("how", ["note", "reason", "actor", "evidence"])
def test_milestone_show_prints_history_and_evidence_as_text(cli, seeded: Path, how: str) -> None:
    actor = HOSTILE if how == "actor" else "张明"
    if how == "actor":  # a name with control characters is refused at entry, its message inert
        res = cli("--as", actor, "milestone", "edit", M, "--note", "备注", "--reason", "原因")
        assert res.code == 2 and "--as 只能是一行文字" in res.err and res.err.count("\n") == 1
        assert_inert(res.err)
        return
    if how == "evidence":
        assert cli("evidence", "add", M, "--text", HOSTILE).code == 0
    else:
        note = HOSTILE if how == "note" else "备注"
        reason = HOSTILE if how == "reason" else "原因"
        assert cli("--as", actor, "milestone", "edit", M, "--note", note, "--reason", reason).code == 0
    res = cli(*AS_OF, "milestone", "show", M)
    assert res.code == 0, res.err
    assert_inert(res.out)


@pytest.mark.parametrize(
    "what", ["milestone edit --metric", "unit add", "unit edit", "evidence file", "plan tree"]
)
def test_confirmations_print_user_text_as_text(cli, seeded: Path, tmp_path: Path, what: str) -> None:
    if what == "milestone edit --metric":
        res = cli(*AS_OF, "milestone", "edit", M, "--metric", HOSTILE)
    elif what in ("unit add", "unit edit"):  # a unit's fields are one line: refused at entry, inertly
        args = ("add", HOSTILE) if what == "unit add" else ("edit", "区科技局", "--contact", HOSTILE)
        res = cli("unit", *args)
        assert res.code == 2 and "只能是一行文字" in res.err
        assert_inert(res.err)
        return
    elif what == "evidence file":
        proof = tmp_path / "a\x1b]52;c;AAAA\x07.txt"
        proof.write_text("x", encoding="utf-8")
        res = cli("evidence", "add", M, "--file", str(proof))
    else:
        assert cli("unit", "edit", "区科技局", "--short", "[bold]科技局[/bold]").code == 0
        res = cli("plan", "show", "kaizhou-7p")
        assert "[bold]科技局[/bold]" in res.out  # markup shown as typed
    assert res.code == 0, res.err
    assert_inert(res.out)
