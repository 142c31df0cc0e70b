"""Linked targets (issue 13): the same commitment in two plans is one fact, recorded once and chased once;
a milestone feeds an indicator's reading for its year."""

from __future__ import annotations

import json

from datetime import date

import pytest

from tasktrack.errors import UserError
from tasktrack.reports import reminders as words
from tasktrack.services.history import HistoryFilter
from tasktrack.services.ledger import Ledger
from tasktrack.services.reminders import ReminderService

A, B = "kaizhou-7p:1-M1", "kaizhou-14fyp:专栏9-1-M-2021"
DEC_28 = date(2021, 12, 28)


def chased(notices, code: str):  # type: ignore[no-untyped-def]
    return [(i.milestone.code, i.also) for n in notices for i in n.items if i.milestone.code == code]


def test_linked_targets_are_chased_once_naming_both_plans(ledger: Ledger) -> None:
    before = ReminderService(ledger.ctx).notices(DEC_28)
    assert chased(before, "1-M1") and chased(before, "专栏9-1-M-2021")  # twice: once per plan
    ledger.links.link(A, B, reason="两规划同一目标")
    notices = ReminderService(ledger.ctx).notices(DEC_28)
    both = chased(notices, "1-M1") + chased(notices, "专栏9-1-M-2021")
    assert len(both) == 1  # one notice item, not two
    code, also = both[0]
    assert also == (("kaizhou-14fyp", "专栏9-1-M-2021") if code == "1-M1" else ("kaizhou-7p", "1-M1"))
    text = words.to_text(notices, "区科技局", "zh")
    assert "为同一目标，一并催办" in text
    notice = next(n for n in notices for i in n.items if i.milestone.code == code)
    assert {p.key for p in notice.plans} >= {"kaizhou-7p", "kaizhou-14fyp"}


def test_recording_on_one_shows_on_both_and_the_log_says_why(ledger: Ledger) -> None:
    ledger.links.link(A, B, reason="两规划同一目标")
    ledger.milestones.record_actual(B, 56, note="统计局年报")
    a, b = ledger.milestones.get(A), ledger.milestones.get(B)
    assert (a.actual, a.status) == (b.actual, b.status) == (56, "in_progress")
    ledger.milestones.set_status(A, "done")
    b = ledger.milestones.get(B)
    assert (b.status, b.completed_on) == ("done", ledger.ctx.today)
    log = ledger.history.list(HistoryFilter(milestone=A, limit=None))
    assert any(c.field == "actual" and c.new == "56" and c.reason == f"following its link to {B}" for c in log)
    # done on both: neither is chased any more
    assert not chased(ReminderService(ledger.ctx).notices(DEC_28), "1-M1")
    assert not chased(ReminderService(ledger.ctx).notices(DEC_28), "专栏9-1-M-2021")


def test_linking_takes_the_recorded_fact_and_refuses_two_that_differ(ledger: Ledger) -> None:
    ledger.milestones.record_actual(A, 56)
    ledger.links.link(A, B, reason="同一目标")
    assert ledger.milestones.get(B).actual == 56
    ledger.links.unlink(B, reason="口径不同")
    assert ledger.links.of(A) == (None, None) and ledger.milestones.get(B).actual == 56  # facts stay
    ledger.milestones.record_actual(B, 40)
    with pytest.raises(UserError, match="record different facts"):
        ledger.links.link(A, B, reason="同一目标")
    with pytest.raises(UserError, match="one plan"):
        ledger.links.link(A, "kaizhou-7p:1-M2", reason="x")
    with pytest.raises(UserError, match="--reason"):
        ledger.links.link(A, B, reason=" ")


def test_a_milestone_feeds_its_indicator_adding_an_increment_to_the_stock(ledger: Ledger) -> None:
    ledger.links.feed(A, "kaizhou-14fyp:专栏2-3")  # 科技型企业 【204】 in 2020, cumulative
    assert ledger.links.of(A)[1] == "kaizhou-14fyp:专栏2-3"
    ledger.milestones.record_actual(A, 50)
    ledger.milestones.record_actual(A, 56)  # corrected: the reading follows, it does not add twice
    ind = ledger.indicators.get("kaizhou-14fyp:专栏2-3")
    assert [(r.period, r.value) for r in ind.readings] == [("2021", 260)]
    assert ind.readings[0].note == f"fed by milestone {A}"
    log = ledger.history.list(HistoryFilter(limit=None))
    assert any(c.entity == "reading" and c.field == "value" and c.reason == f"fed by milestone {A}" for c in log)


def test_undo_takes_back_the_link_and_what_followed_it(ledger: Ledger) -> None:
    ledger.milestones.record_actual(A, 56)
    ledger.links.link(A, B, reason="同一目标")
    ledger.undo.undo()
    b = ledger.milestones.get(B)
    assert (b.actual, b.status) == (None, "not_started") and ledger.links.of(A) == (None, None)
    ledger.links.link(A, B, reason="同一目标")
    ledger.milestones.record_actual(A, 60)
    ledger.undo.undo()
    assert ledger.milestones.get(B).actual == 56


def test_cli_link_feed_show(cli, demo_ledger) -> None:  # type: ignore[no-untyped-def]
    r = cli("milestone", "link", A, B, "--reason", "两规划同一目标")
    assert r.code == 0 and "已关联" in r.out
    r = cli("milestone", "show", B)
    assert "同一目标  kaizhou-7p:1-M1" in r.out and "56家" in r.out
    r = cli("milestone", "link", A, B, "--reason", "再次")
    assert r.code != 0 and "已关联到" in r.err and "Traceback" not in r.err
    r = cli("milestone", "feed", A, "--indicator", "kaizhou-14fyp:专栏2-3")
    assert r.code == 0 and "计入指标" in r.out
    assert "【260】" in cli("indicator", "show", "kaizhou-14fyp:专栏2-3").out
    r = cli("milestone", "unlink", A)
    assert r.code != 0 and "--reason" in r.err
    shown = json.loads(cli("milestone", "show", A, "--json").out)
    assert (shown["linked_to"], shown["feeds"]) == (B, "kaizhou-14fyp:专栏2-3")
    assert json.loads(cli("milestone", "show", "kaizhou-7p:1-M2", "--json").out)["linked_to"] is None


def test_the_circular_names_a_linked_commitment_once(cli, ledger) -> None:  # type: ignore[no-untyped-def]
    def problems() -> str:
        out = cli("--as-of", "2021-10-15", "report", "weekly", "--draft").out
        return out.split("二、存在问题")[1].split("三、下步工作要求")[0]

    assert problems().count("2021年新增科技型企业≥50家") == 2  # behind 序时 in both plans: twice
    ledger.links.link(A, B, reason="两规划同一目标")
    text = problems()
    assert text.count("2021年新增科技型企业≥50家") == 1
    assert text.count("为同一目标") == 1 and ("专栏9-1-M-2021为同一目标" in text or "1-M1为同一目标" in text)


from tests.test_permissions import PG, office, open_as  # noqa: E402,F401  (fixtures: members of units)


def test_a_unit_records_its_fact_and_the_link_carries_it(office) -> None:  # type: ignore[no-untyped-def]
    """王五 (区财政局, lead of 1-3) may record 1-M1 only; the coordinator's link and feed carry the fact to
    the other plan's milestone and to the indicator, which he could not change himself."""
    boss, wang = office["boss"], office["wang"]
    boss.links.link(A, B, reason="两规划同一目标")
    boss.links.feed(A, "kaizhou-14fyp:专栏2-3")
    with pytest.raises(UserError):
        wang.links.link(A, "kaizhou-14fyp:专栏9-1-M-2022", reason="x")  # linking is the coordinator's
    if PG:  # row security hides the indicator from a unit's account: refused whole, nothing half-written
        with pytest.raises(UserError, match="ask a coordinator"):
            wang.milestones.record_actual(A, 56)
        assert boss.milestones.get(A).actual is None and boss.milestones.get(B).actual is None
        boss.milestones.record_actual(A, 56)
    else:
        wang.milestones.record_actual(A, 56)
    assert boss.milestones.get(B).actual == 56
    assert [(r.period, r.value) for r in boss.indicators.get("kaizhou-14fyp:专栏2-3").readings] == [("2021", 260)]


@pytest.mark.parametrize("edited", ["1-M2", "专栏9-2-M-2021"])
def test_a_ledger_sheet_edit_on_one_row_follows_the_link(cli, demo_ledger, tmp_path, edited) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    from tests.test_ledger_import import apply, export_csv, write_csv

    demo_ledger.links.link("kaizhou-7p:1-M2", "kaizhou-14fyp:专栏9-2-M-2021", reason="同为2021年新增高新技术企业")
    path = export_csv(cli, tmp_path)  # both plans: both rows are in the sheet
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    head = rows[0]
    row = next(r for r in rows if r[head.index("编号")] == edited)
    row[head.index("实际")] = "15"
    write_csv(path, rows)
    apply(demo_ledger, path)  # the other row still says 11: the sheet's unchanged cell does not undo the edit
    assert demo_ledger.milestones.get("kaizhou-7p:1-M2").actual == 15
    assert demo_ledger.milestones.get("kaizhou-14fyp:专栏9-2-M-2021").actual == 15


def test_a_ledger_sheet_giving_two_linked_rows_different_facts_is_refused(cli, demo_ledger, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    from tasktrack.importers.planfile import ImportErrors
    from tests.test_ledger_import import apply, export_csv, write_csv

    demo_ledger.links.link("kaizhou-7p:1-M2", "kaizhou-14fyp:专栏9-2-M-2021", reason="同为2021年新增高新技术企业")
    path = export_csv(cli, tmp_path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    head = rows[0]
    for code, value in (("1-M2", "15"), ("专栏9-2-M-2021", "14")):
        next(r for r in rows if r[head.index("编号")] == code)[head.index("实际")] = value
    write_csv(path, rows)
    with pytest.raises(ImportErrors, match="linked to another row of this sheet"):
        apply(demo_ledger, path)
    assert demo_ledger.milestones.get("kaizhou-7p:1-M2").actual == 11  # nothing written
