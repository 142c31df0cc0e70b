"""Private names of libraries are used in one adapter module each, and what those adapters rely on is
pinned here, so that an upgrade that changes it fails in this file rather than somewhere in a command.

Neighbouring modules' private names (a leading underscore) are not imported across modules at all.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1] / "tasktrack"

# A library's private name -> the one module allowed to use it.
ADAPTERS = {
    r"\btyper\._|\b_TyperParameter\b|\._coerce_value\b|\._runtime_param\b": "cli/params.py",
    r"\brich_utils\b|\bformatter_class\b|\b_make_rich_text\b": "cli/params.py",  # help panels' words
    r"\._bindings\b": "tui/keys.py",
    r"\._tc\b": "importers/document/reading.py",
    r"\._(?:p|r|tr|sectPr)\b": "reports/render_docx.py",  # python-docx's oxml element behind each proxy
    r"\b_sa_registry\b": None,  # SQLModel's: not used at all (sqlalchemy.inspect(...).registry instead)
}


def _sources() -> list[tuple[str, str]]:
    return [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(ROOT.rglob("*.py"))]


@pytest.mark.parametrize("pattern", ADAPTERS)
def test_a_private_library_name_is_used_only_in_its_adapter(pattern: str) -> None:
    users = sorted(name for name, text in _sources() if re.search(pattern, text))
    allowed = ADAPTERS[pattern]
    assert users == ([allowed] if allowed else []), users


def test_only_an_adapter_imports_a_private_module_of_a_library() -> None:
    pattern = re.compile(r"^\s*(?:from|import)\s+(?!tasktrack\b)[\w.]*\._\w+", re.M)
    assert sorted(name for name, text in _sources() if pattern.search(text)) == ["cli/params.py"]


def test_no_module_imports_a_private_name_of_another() -> None:
    found = []
    for name, text in _sources():
        for m in re.finditer(r"^\s*from (tasktrack[\w.]*) import (\([^)]*\)|[^\n]+)", text, re.M):
            names = re.sub(r"#[^\n]*", "", m.group(2)).strip("()")
            imported = [part.split(" as ")[0].strip() for part in re.split(r"[,\n]", names)]
            found += [f"{name}: {m.group(1)}.{i}" for i in imported if i.startswith("_") and not i.startswith("__")]
    assert found == []


# A named tuple's documented methods carry an underscore only so they cannot clash with its fields.
NAMEDTUPLE_API = ("_fields", "_make", "_asdict", "_replace")


def test_no_module_reads_a_private_attribute_of_another_object() -> None:
    """`x._name` only on self/cls, on Enum's documented `_value_`, or inside an adapter."""
    adapters = {a for a in ADAPTERS.values() if a}
    found = []
    for name, text in _sources():
        if name in adapters:
            continue
        for m in re.finditer(r"\b(\w+)\.(_[a-z]\w*)", text):
            owner, attr = m.groups()
            if owner in ("self", "cls", "tasktrack") or attr in ("_value_", *NAMEDTUPLE_API):
                continue  # tasktrack._seed / tasktrack._migrations are our own packages
            if (owner, attr) == ("os", "_exit"):
                continue  # documented: how a forked child leaves without the parent's exit handlers
            found.append(f"{name}: {owner}.{attr}")
    assert found == []


# -- Typer (tasktrack/cli/params.py) ---------------------------------------------------------------------
def _app() -> typer.Typer:
    app = typer.Typer()
    sub = typer.Typer(no_args_is_help=True)

    @sub.command("show")
    def show(name: str = typer.Option(..., "--name"), n: int = typer.Option(1, "--n"),
             share: float = typer.Option(0.5, "--share")) -> None:  # fmt: skip
        print(repr((name, n, share)))

    @sub.command("other")
    def other() -> None:  # a second command, so `sub` stays a group
        pass

    app.add_typer(sub, name="sub")
    return app


def test_typer_usage_errors_are_the_click_exceptions_main_catches() -> None:
    from tasktrack.cli.params import ClickException, NoArgsIsHelpError

    command = get_command(_app())
    with pytest.raises(ClickException) as bad:
        command.main(["sub", "show", "--name", "a", "--n", "x"], standalone_mode=False)
    assert bad.value.exit_code == 2 and "integer" in bad.value.format_message()
    with pytest.raises(NoArgsIsHelpError):
        command.main(["sub"], standalone_mode=False)


def test_typer_parameters_take_the_plain_shortcut_and_still_coerce_the_rest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from typer import core

    from tasktrack.cli.params import ClickException, install

    install()
    assert core._TyperParameter.get_runtime_param.plain_first is True
    command = get_command(_app())
    command.main(["sub", "show", "--name", "张三", "--n", "12", "--share", "0.25"], standalone_mode=False)
    assert capsys.readouterr().out.strip() == repr(("张三", 12, 0.25))
    with pytest.raises(ClickException):
        command.main(["sub", "show", "--name", "a", "--share", "much"], standalone_mode=False)
    install()  # a second install changes nothing
    assert core._TyperParameter.get_runtime_param.plain_first is True


def test_help_pages_take_the_panel_words_and_usage_of_a_language() -> None:
    """typer.rich_utils reads its panel words from module constants at each layout, Typer's Context
    has Click's formatter class (write_usage with a prefix), and help text goes through _make_rich_text."""
    from typer import rich_utils

    from tasktrack.cli.params import help_panel_words

    app = _app()
    runner = CliRunner()
    english = runner.invoke(app, ["sub", "show", "--help"], prog_name="x").output
    assert "Usage: x sub show" in english and "Options" in english and "[required]" in english
    assert "[default: 1]" in english
    try:
        help_panel_words("zh")
        chinese = runner.invoke(app, ["sub", "show", "--help"], prog_name="x").output
        assert "用法：x sub show" in chinese and "选项" in chinese and "[必填]" in chinese
        assert "[默认：1]" in chinese and "Options" not in chinese and "Usage" not in chinese
        assert rich_utils._make_rich_text(text="文" * 200, markup_mode="rich").overflow == "fold"
    finally:
        help_panel_words("en")
    assert runner.invoke(app, ["sub", "show", "--help"], prog_name="x").output == english


@pytest.mark.parametrize(
    ("args", "zh"),
    [
        (["sub", "show", "--nme", "a"], "没有选项 --nme（可能是：--n, --name）"),
        (["sub", "show"], "缺少选项 --name"),
        (["sub", "show", "--name", "a", "--n", "x"], "--n 的值无效：应为整数"),
        (["sub", "shw"], "没有命令 “shw”。是否要用 “show”？"),
        (["sub", "show", "--name", "a", "b"], "多余的参数：b"),
        (["sub", "show", "--name"], "选项 --name 需要一个值"),
        (["sub", "other", "--help=1"], "选项 --help 不接受值"),
    ],
)
def test_click_usage_errors_have_the_english_shapes_read_back(args: list[str], zh: str) -> None:
    """tasktrack/cli/params.py reads Click's English sentence to write it in Chinese: those shapes."""
    from tasktrack.cli.params import ClickException, usage_error

    with pytest.raises(ClickException) as caught:
        get_command(_app()).main(args, standalone_mode=False)
    assert usage_error(caught.value, "zh") == zh
    assert usage_error(caught.value, "en") == " ".join(caught.value.format_message().split()).rstrip(".")


# -- Textual (tasktrack/tui/keys.py) ---------------------------------------------------------------------
def test_textual_bindings_are_described_in_the_language_asked() -> None:
    from textual.widget import Widget

    from tasktrack.i18n import t
    from tasktrack.tui.keys import described, key, translate

    class Pane(Widget):
        BINDINGS = [key("p", "plan", "plan"), key("i", "indicators", "indicators"), ("x", "other", "Other")]

    pane = Pane()
    assert [b.description for b in described(pane)] == [t("key.plan", "zh"), t("key.indicators", "zh")]
    translate(pane, "en")
    assert [(b.id, b.description) for b in described(pane)] == [("plan", "Plan"), ("indicators", "Indicators")]
    assert any(b.description == "Other" for _, b in pane._bindings)  # a binding without an id is left alone


# -- python-docx (tasktrack/importers/document/reading.py) -----------------------------------------------
def test_a_merged_docx_cell_is_read_once() -> None:
    import docx

    from tasktrack.importers.document.reading import read_bytes

    document = docx.Document()
    document.add_paragraph("一、总体要求")
    table = document.add_table(rows=2, cols=3)
    for i, text in enumerate(["序号", "指标", "目标"]):
        table.cell(0, i).text = text
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "1 地区生产总值"
    table.cell(1, 2).text = "7%"
    buf = io.BytesIO()
    document.save(buf)
    text, kind = read_bytes(buf.getvalue(), "plan.docx")
    assert kind == "docx"
    assert text.split("\n") == ["一、总体要求", "序号\t指标\t目标", "1 地区生产总值\t7%"]


# -- python-docx (tasktrack/reports/render_docx.py) ----------------------------------------------------------


def test_python_docx_proxies_expose_their_oxml_elements() -> None:
    """Borders, field codes, repeated header rows and the section's grid and vertical alignment have no
    python-docx API: render_docx edits the element behind the paragraph, run, row and section."""
    import docx

    d = docx.Document()
    p = d.add_paragraph("x")
    row = d.add_table(rows=1, cols=1).rows[0]
    assert p._p.tag.endswith("}p") and p.runs[0]._r.tag.endswith("}r") and row._tr.tag.endswith("}tr")
    assert d.sections[0]._sectPr.tag.endswith("}sectPr")
    assert hasattr(p._p.get_or_add_pPr(), "insert_element_before")
