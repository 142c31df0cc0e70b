"""Every command, every option, hostile values (Hypothesis): the CLI answers each with exit 0, a cron
code (10, 11), or a one-line error (2: the input; 1: a failure it names), never a traceback and never
an exception it did not expect (what `describe` would print as "SomeError: ...").

The number of inputs is TASKTRACK_FUZZ_EXAMPLES (default 300, the same ones each run); with
TASKTRACK_FUZZ_RANDOM=1 each run draws new ones.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BACKEND

EXAMPLES = int(os.environ.get("TASKTRACK_FUZZ_EXAMPLES", "300"))
RANDOM = os.environ.get("TASKTRACK_FUZZ_RANDOM") == "1"  # new inputs each run, instead of the fixed ones
ALLOWED_EXITS = {0, 1, 2, 10, 11}
UNEXPECTED = re.compile(r"^tasktrack: error: [A-Z][A-Za-z]*(Error|Exception|Warning|Exit|Interrupt)\b")
SKIP = {("tui",), ("member", "grant")}  # a full-screen app; PostgreSQL only (tested there)


def _commands() -> list[tuple[tuple[str, ...], list[str], list[tuple[str, bool]]]]:
    from tasktrack.cli.main import build

    found = []

    def walk(cmd: Any, path: tuple[str, ...]) -> None:
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                walk(sub, (*path, name))
            return
        if path in SKIP:
            return
        args = [p.name for p in cmd.params if type(p).__name__.endswith("Argument")]
        opts = [(p.opts[0], bool(getattr(p, "is_flag", False))) for p in cmd.params if p.opts[0].startswith("-")]
        found.append((path, args, opts))

    walk(typer.main.get_command(build()), ())
    return found


COMMANDS = _commands()

# Plausible references (so commands get past "no such milestone" and reach their real work) and
# hostile text of every kind the brief names.
REFS = ["1", "2", "20", "1-M1", "kaizhou-7p:1-M2", "2-M4", "三-M1", "kaizhou-7p", "kaizhou-14fyp", "1-3",
        "专栏2-3", "区科技局", "区财政局", "tester", "2021", "2021Q3", "2021-09", "2022-01-10", "2021年底",
        "三季度", "+3d", "-7d", "done", "推进中", "已完成", "md", "text", "json", "csv", "xlsx", "html", "pdf",
        "docx", "email", "ics", "7d", "2w", "last", ">=", "stock", "event", "56", "-5", "0", "1.55%"]
HOSTILE = ["", " ", "nan", "inf", "-inf", "1e308", "-1e400", "9" * 400, "0x10", "１２", "99999999999999999999",
           "\x00", "a\rb\nc", "\x1b]0;pwned\x07", "\x1b[2J", "\u202e覆盖", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
           "'; DROP TABLE change; --", "%s%s%n", "{0}", "../../etc/passwd", "/dev/null", "/", ".", "ledger.db",
           "ledger.db-wal", "out.xlsx", "out.md", "x" * 5000, "区" * 300, "2021-02-30", "0000-00-00", "9999年",
           "13月", "--", "-", "=1+1", "@SUM(A1)", "None", "无", "null", "true", "[]", "{}"]
VALUES = st.one_of(st.sampled_from(REFS), st.sampled_from(HOSTILE), st.text(max_size=30))


@st.composite
def argv(draw: Any) -> list[str]:
    path, args, opts = draw(st.sampled_from(COMMANDS))
    out: list[str] = []
    if draw(st.booleans()):
        out += ["--as-of", draw(st.sampled_from(["2022-01-10", "2021-06-30", "2025-12-31"]))]
    if draw(st.integers(0, 9)) == 0:
        out += ["--as", draw(VALUES)]
    if draw(st.integers(0, 4)) == 0:
        out += ["--lang", draw(st.sampled_from(["en", "zh", "fr"]))]
    out += list(path)
    for _ in args:
        if draw(st.integers(0, 7)):  # now and then an argument is left out
            out.append(draw(VALUES))
    for name, is_flag in draw(st.lists(st.sampled_from(opts), max_size=4, unique=True)) if opts else []:
        if name == "--smtp" or name == "--send":
            out += ["--smtp", "127.0.0.1:1"] if name == "--smtp" else ["--send", "--smtp", "127.0.0.1:1"]
        elif is_flag:
            out.append(name)
        else:
            out += [name, draw(VALUES)]
    return out


@pytest.fixture
def office(tmp_path: Path, demo_ledger: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The bundled plans with the demo layer, in a directory that is also the working directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TASKTRACK_FILES", str(tmp_path / "ledger.db.files"))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    yield db_path


@pytest.mark.skipif(BACKEND != "sqlite", reason="argument handling is the same on both backends")
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=not RANDOM,
    database=None,
)
@given(args=argv())
def test_no_input_gets_a_traceback_or_an_unexpected_exception(args: list[str], office: Path, cli: Any) -> None:
    r = cli(*args)
    code, err = r.code, r.err
    assert code in ALLOWED_EXITS, (args, code, err)
    assert "Traceback" not in err, (args, err)
    if code in (1, 2):
        lines = err.rstrip("\n").splitlines()
        assert lines and lines[-1].startswith("tasktrack: error: "), (args, code, err)
        last = lines[-1]
        assert not UNEXPECTED.match(last), (args, last)
        assert not any(ch in last for ch in "\x1b\x07\r\x00"), (args, last)  # shown as text, not obeyed
