"""Each action of the TUI, driven by keys: the database and the change log show it, with the actor."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tasktrack.errors import UserError, say

from tasktrack.services.history import HistoryFilter
from tasktrack.services.ledger import Ledger
from tasktrack.tui.app import TaskTrackApp
from tasktrack.tui.modals.edits import DueModal, EvidenceModal, StatusModal
from tasktrack.tui.modals.find import FilterModal
from tasktrack.tui.screens.plan import PlanScreen
from tests.tui.conftest import SIZE, press, screen_text, settle, type_text

REF = "kaizhou-7p:2-M1"  # 2021年成功创建市级高新区: overdue on 2022-01-10 in the plain seed


def fill(app, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put text in a dialog's field (as a paste would: typing long paths key by key only slows the tests)."""
    field = app.screen.query_one(selector, Input)
    field.value = text
    field.action_end()


def changes(ledger: Ledger, ref: str = REF) -> list[tuple[str, str, str | None, str | None]]:
    return [(c.actor, c.field, c.new, c.reason) for c in ledger.history.list(HistoryFilter(milestone=ref))]


async def jump(pilot, ref: str = REF) -> None:  # type: ignore[no-untyped-def]
    await press(pilot, "g")
    fill(pilot.app, "#code", ref)
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, PlanScreen)
    assert screen.current_milestone() is not None
    assert f"{screen.current_milestone().plan}:{screen.current_milestone().code}" == ref


async def test_set_status_done_with_note_and_evidence_file(plain: Ledger, tmp_path: Path) -> None:
    proof = tmp_path / "批复.pdf"
    proof.write_bytes(b"%PDF-1.4 approval")
    app = TaskTrackApp(plain)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, StatusModal)
        await press(pilot, "down", "down", "enter")  # 未启动 → 推进中 → 已完成; Enter goes on to the note
        fill(app, "#note", "市政府已批复")
        fill(app, "#file", str(proof))
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PlanScreen)
        assert "已完成" in screen_text(app)
    m = plain.milestones.get(REF)
    assert m.status == "done" and m.completed_on is not None
    evidence = plain.evidence.list(REF)
    assert [e.file_name for e in evidence] == ["批复.pdf"] and evidence[0].author == "tester"
    assert ("tester", "status", "done", "市政府已批复") in changes(plain)


async def test_record_actual(demo: Ledger) -> None:
    app = TaskTrackApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "kaizhou-7p:1-M2")
        await press(pilot, "a")
        fill(app, "#value", "")
        await type_text(pilot, "14")
        fill(app, "#note", "第三批认定3家")
        await press(pilot, "enter")
    assert demo.milestones.get("kaizhou-7p:1-M2").actual == 14
    assert ("tester", "actual", "14", "第三批认定3家") in changes(demo, "kaizhou-7p:1-M2")


async def test_add_evidence_note_and_refuse_bad_path_keeping_the_text(plain: Ledger, tmp_path: Path) -> None:
    app = TaskTrackApp(plain)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot)
        await press(pilot, "e")
        fill(app, "#text", "验收材料已报送")
        fill(app, "#file", str(tmp_path / "missing.pdf"))
        await press(pilot, "ctrl+s")
        # The path is refused: the dialog comes back with the reason, in the app's language, and everything typed.
        with pytest.raises(UserError) as refused:
            plain.evidence.add(REF, file=str(tmp_path / "missing.pdf"))
        assert isinstance(app.screen, EvidenceModal)
        assert app.screen.error == say(refused.value, "zh") and app.screen.error.split()[0] in screen_text(app)
        assert app.screen.query_one("#text", Input).value == "验收材料已报送"
        assert app.screen.query_one("#file", Input).value.endswith("missing.pdf")
        app.screen.query_one("#file", Input).value = ""
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PlanScreen)
    assert [e.text for e in plain.evidence.list(REF)] == ["验收材料已报送"]
    assert any(c.actor == "tester" and c.entity == "evidence" for c in plain.history.list(HistoryFilter()))


async def test_assign_lead_and_co_units(demo: Ledger) -> None:
    app = TaskTrackApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "kaizhou-14fyp:七(二)-M1")
        await press(pilot, "o")
        units = {u.short_name: u.id for u in demo.units.list()}
        app.screen.query_one("#lead").value = units["区科技局"]
        co = app.screen.query_one("#co")
        co.select(units["区财政局"])
        await settle(pilot)
        await press(pilot, "ctrl+s")
    m = demo.milestones.get("kaizhou-14fyp:七(二)-M1")
    assert m.lead is not None and m.lead.short_name == "区科技局"
    assert [u.short_name for u in m.co] == ["区财政局"]
    task_changes = demo.history.list(HistoryFilter(task=f"kaizhou-14fyp:{m.task_code}"))
    assert {(c.actor, c.field, c.new) for c in task_changes} >= {
        ("tester", "lead", "区科技局"),
        ("tester", "co", "区财政局"),
    }


async def test_change_due_date_in_the_documents_words(plain: Ledger) -> None:
    app = TaskTrackApp(plain)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot)
        await press(pilot, "d")
        assert isinstance(app.screen, DueModal)
        fill(app, "#due", "2022年6月底")
        await type_text(pilot, "前")
        assert "2022年6月30日" in screen_text(app)  # the parsed date is shown before saving
        fill(app, "#note", "评估延期")
        await press(pilot, "ctrl+s")
    m = plain.milestones.get(REF)
    assert m.due.isoformat() == "2022-06-30" and m.due_text == "2022年6月底前"
    assert ("tester", "due", "2022-06-30", "评估延期") in changes(plain)


async def test_filter_by_text_unit_year_and_status(demo: Ledger) -> None:
    app = TaskTrackApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await press(pilot, "slash")
        assert isinstance(app.screen, FilterModal)
        await type_text(pilot, "高新")
        await press(pilot, "enter")
        codes = {m.code for m in screen.table.loaded_rows()}
        assert {"2-M1", "1-M2", "专栏9-2-M-2021"} <= codes and "三-M1" not in codes
        assert screen.count == len(codes) < 29
        await press(pilot, "slash")
        units = {u.short_name: u.id for u in demo.units.list()}
        app.screen.query_one("#unit").value = units["区科技局"]
        app.screen.query_one("#year", Input).value = "2021"
        app.screen.query_one("#status").value = "not_started"
        await press(pilot, "ctrl+s")
        assert {m.code for m in screen.table.loaded_rows()} == {"专栏9-2-M-2021"}
        assert "筛选" in screen_text(app)
        await press(pilot, "x")
        assert screen.count == 29


async def test_switch_language(demo: Ledger) -> None:
    app = TaskTrackApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "牵头单位" in screen_text(app)
        await press(pilot, "l")
        text = screen_text(app)
        assert "Lead unit" in text and "Status" in text and "acting as tester" in text
        await press(pilot, "l")
        assert "牵头单位" in screen_text(app)


async def test_help_and_palette_list_the_actions(demo: Ledger) -> None:
    app = TaskTrackApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        text = screen_text(app)
        assert "实际值" in text and "跳转" in text  # the help panel lists the keys
        await press(pilot, "question_mark")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"状态", "实际值", "佐证", "单位", "时限", "筛选", "跳转", "English"} <= set(titles)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "时限")
        await press(pilot, "enter")
        assert isinstance(app.screen, DueModal)  # the palette runs the action


async def test_jump_to_unknown_code_says_so_and_keeps_it(demo: Ledger) -> None:
    app = TaskTrackApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "g")
        fill(app, "#code", "9-M9")
        await press(pilot, "enter")
        with pytest.raises(UserError) as unknown:
            demo.milestones.get("9-M9")
        assert app.screen.error == say(unknown.value, "zh") and app.screen.error.split()[0] in screen_text(app)
        assert app.screen.query_one("#code", Input).value == "9-M9"


async def test_history_filters_by_item_actor_and_date(plain: Ledger) -> None:
    plain.milestones.set_status(REF, "done", note="批复已到")
    app = TaskTrackApp(plain)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "5", "slash")
        fill(app, "#h-item", REF)
        fill(app, "#h-who", "tester")
        fill(app, "#h-tui-since", "2022年1月9日")
        await press(pilot, "enter")
        rows = app.screen.query_one("#changes").loaded_rows()
        assert rows and {(c.actor, c.label) for c in rows} == {("tester", "2-M1")}
        assert "批复已到" in screen_text(app)
        fill(app, "#h-tui-since", "2022-01-10")  # the change was made on the 9th
        app.screen.query_one("#h-tui-since").focus()
        await press(pilot, "enter")
        assert app.screen.query_one("#changes").loaded_rows() == []
        await press(pilot, "x")
        assert app.screen.query_one("#changes").row_count > 100  # the seed's own changes, a page at a time
