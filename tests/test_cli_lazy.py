"""A run builds only the command it names: the same help, the same errors as the whole app."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tasktrack.cli.main import COMMANDS, build, command_named


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--db", "x.db", "--as-of", "2022-01-10", "milestone", "list"], "milestone"),
        (["--db", "milestone", "plan", "list"], "plan"),  # an option's value is not the command
        (["--as-of=2022-01-10", "--lang", "en", "remind"], "remind"),
        (["--as", "张明", "undo"], "undo"),
        (["--help"], None),
        ([], None),
        (["milestne", "list"], None),  # not a command: the whole app says so, with a suggestion
        (["--", "plan"], None),
    ],
)
def test_the_command_a_run_names(argv: list[str], expected: str | None) -> None:
    assert command_named(argv) == expected


@pytest.mark.parametrize("name", [name for name, *_ in COMMANDS])
def test_a_command_built_alone_answers_as_in_the_whole_app(name: str) -> None:
    runner = CliRunner()
    for args in ([name, "--help"], [name, "--no-such-option"]):
        alone = runner.invoke(build(name), args, prog_name="tasktrack")
        whole = runner.invoke(build(), args, prog_name="tasktrack")
        assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output), args
        assert alone.output.strip()
