"""`tasktrack --as-of DATE tui`: every screen shows the ledger as it stood at the end of DATE, rebuilt from the
change log by the services' read model (the one `milestone list/show --as-of` uses), says so in its top line
in the app's language, and refuses edits with words, not a traceback.

On the demo seed 1-M1 was completed on 2021-12-20 (the seed's own record): on 2021-10-15 it was 推进中."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from tasktrack.services.ledger import Ledger
from tasktrack.tui.app import TaskTrackApp
from tasktrack.tui.modals.edits import StatusModal
from tasktrack.tui.screens.plan import PlanScreen
from tests.tui.conftest import SIZE, open_at, press, screen_text, settle
from tests.tui.test_actions import fill

THEN = date(2021, 10, 15)
REF = "kaizhou-7p:1-M1"
WORDS = {
    "zh": {"status": "推进中", "done": "已完成", "header": "截至2021-10-15", "refused": "不能在此修改"},
    "en": {
        "status": "in progress",
        "done": "done",
        "header": "as of 2021-10-15",
        "refused": "nothing can be changed here",
    },
}


async def jump_to(pilot, ref: str = REF) -> None:  # type: ignore[no-untyped-def]
    await press(pilot, "g")
    fill(pilot.app, "#code", ref)
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, PlanScreen)
    m = screen.current_milestone()
    assert m is not None and f"{m.plan}:{m.code}" == ref


def heard(app: TaskTrackApp) -> list[str]:
    """What the app notifies from now on (its notify() recorded, then done as usual)."""
    said: list[str] = []
    notify = app.notify

    def recording(message: str, **kw: Any) -> None:
        said.append(message)
        notify(message, **kw)

    app.notify = recording  # type: ignore[method-assign]  # a test's spy on one app
    return said


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_plan_screen_shows_the_ledger_as_it_stood_and_says_so(demo_db: Path, lang: str) -> None:
    ledger = open_at(demo_db, lang=lang)
    words = WORDS[lang]
    try:
        app = TaskTrackApp(ledger, as_of=THEN)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await jump_to(pilot)
            screen = app.screen
            assert isinstance(screen, PlanScreen)
            m = screen.current_milestone()
            assert m is not None and m.status == "in_progress" and m.completed_on is None
            text = screen_text(app)
            assert words["header"] in text.splitlines()[0]  # the top line, on every screen
            detail = str(screen.query_one("#detail-body").render())
            assert words["status"] in detail and "2021-12-20" not in detail
            assert "入库名单" not in detail  # its evidence came with the completion, as in `milestone show`
            for key in ("2", "4", "5", "6", "1"):
                await press(pilot, key)
                assert words["header"] in screen_text(app).splitlines()[0], key
    finally:
        ledger.close()
    assert ledger_status(demo_db) == "done"  # nothing was changed: today it is done


def ledger_status(path: Path) -> str:
    ledger = open_at(path)
    try:
        return ledger.milestones.get(REF).status
    finally:
        ledger.close()


async def test_without_as_of_the_same_item_is_done(demo: Ledger) -> None:
    app = TaskTrackApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump_to(pilot)
        m = app.screen.current_milestone()  # type: ignore[attr-defined]
        assert m.status == "done"
        assert "截至2021-10-15" not in screen_text(app)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_an_edit_is_refused_with_words(demo_db: Path, lang: str) -> None:
    ledger = open_at(demo_db, lang=lang)
    try:
        app = TaskTrackApp(ledger, as_of=THEN)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await jump_to(pilot)
            before = len(ledger.history.list())
            said = heard(app)
            for k in ("s", "a", "e", "o", "d"):
                await press(pilot, k)
                assert not isinstance(app.screen, StatusModal) and isinstance(app.screen, PlanScreen), k
            assert len(said) == 5 and all(WORDS[lang]["refused"] in n and "2021-10-15" in n for n in said)
            await press(pilot, "6", "a")  # a review decision too
            assert WORDS[lang]["refused"] in said[-1]
            assert len(ledger.history.list()) == before
    finally:
        ledger.close()


async def test_units_attention_and_history_are_rebuilt(demo_db: Path) -> None:
    ledger = open_at(demo_db)
    try:
        app = TaskTrackApp(ledger, as_of=THEN)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "5")
            changes = app.screen.query_one("#changes").source  # type: ignore[attr-defined]
            rows = changes.fetch(0, 10_000)
            assert not any(c.entity == "milestone" and c.field == "completed_on" and (c.new or "") > "2021-10-15"
                           for c in rows)  # fmt: skip
            await press(pilot, "2")
            assert "2021年10月15日" in screen_text(app)
            field = app.screen.query_one("#as-of", Input)
            assert field.disabled and field.value == "2021-10-15"
            said = heard(app)
            await press(pilot, "t")
            assert said and "2021-10-15" in said[-1] and "--as-of" in said[-1]
    finally:
        ledger.close()


def test_the_plan_tree_as_it_stood(demo: Ledger) -> None:
    """A task added later (logged 2022-01-09) is not in the tree as the ledger stood on 2021-10-15."""
    from tasktrack.services.tui_queries import TuiQueries

    demo.tasks.add("kaizhou-7p", "8", "后来增补的工程")
    queries = TuiQueries(demo.ctx)
    now = [n.code for n in queries.children("kaizhou-7p").nodes]
    assert "8" in now and queries.children("kaizhou-7p").total == len(now)
    plans = [p.key for p in queries.plans()]
    demo.ctx.as_it_stood = THEN
    then = TuiQueries(demo.ctx).children("kaizhou-7p")
    assert [n.code for n in then.nodes] == [c for c in now if c != "8"] and then.total == len(now) - 1
    assert [p.key for p in TuiQueries(demo.ctx).plans()] == plans == ["kaizhou-14fyp", "kaizhou-7p"]  # seeded
