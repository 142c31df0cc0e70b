"""`tasktrack history` in words: field names, statuses and review states through the catalogue in zh and
en, a creation or deletion as one word rather than its id or JSON; `--json` keeps the stored values."""

from __future__ import annotations

import json
from types import SimpleNamespace

from tasktrack import present
from tasktrack.i18n import MESSAGES
from tasktrack.services.ledger import Ledger
from tasktrack.services.history import HistoryFilter


def row(entity: str, field: str, old: str | None, new: str | None, label: str | None = "2-M3") -> SimpleNamespace:
    return SimpleNamespace(entity=entity, entity_id=7, label=label, field=field, old=old, new=new)


def test_a_status_change_reads_in_the_status_words() -> None:
    c = row("milestone", "status", "in_progress", "done")
    assert present.change(c, "zh") == ("节点 2-M3", "状态", "推进中", "已完成")
    assert present.change(c, "en") == ("milestone 2-M3", "status", "in progress", "done")


def test_field_names_come_from_the_catalogue() -> None:
    assert present.change(row("milestone", "actual", None, "42"), "zh")[1:] == ("实际", "", "42")
    assert present.change(row("milestone", "due", "2021-12-31", "2022-06-30"), "zh")[1] == "完成时限"
    assert present.change(row("evidence", "file_sha256", None, "ab" * 32), "zh")[:2] == ("佐证材料 2-M3", "佐证文件SHA-256")
    assert present.change(row("milestone", "completed_on", None, "2022-01-10"), "en")[1] == "completed on"
    assert present.change(row("unit", "is_demo", None, "true", "区科技局"), "zh")[1:] == ("示例数据", "", "是")


def test_a_review_state_reads_as_the_review_words() -> None:
    c = row("request", "state", "pending", "approved", "1-M2")
    assert present.change(c, "zh") == ("申请 1-M2", "审核状态", "待审核", "已批准")
    assert present.change(c, "en") == ("request 1-M2", "state", "pending", "approved")


def test_created_and_deleted_rows_are_a_word_not_json() -> None:
    assert present.change(row("milestone", "created", None, "2-M3"), "zh") == ("节点 2-M3", "新建", "", "")
    assert present.change(row("request", "created", None, "3", "1-M2"), "en") == ("request 1-M2", "created", "", "3")
    values = json.dumps({"id": "1", "name": "开州区科学技术局", "is_demo": "true"}, ensure_ascii=False)
    gone = row("unit", "deleted", values, None, None)
    assert present.change(gone, "zh") == ("单位 7", "删除", "开州区科学技术局", "")
    assert present.change(gone, "en") == ("unit 7", "deleted", "开州区科学技术局", "")
    assert present.change(row("unit", "deleted", "not json", None, None), "zh")[2] == ""


def test_a_field_the_catalogue_lacks_shows_as_logged() -> None:
    """A column added later is still shown (raw) rather than failing the whole listing."""
    assert present.change(row("milestone", "brand_new_column", "a", "b"), "zh") == ("节点 2-M3", "brand_new_column", "a", "b")


def test_every_entity_and_field_in_the_seed_log_has_words(demo_ledger: Ledger) -> None:
    whole = {"created", "deleted", "removed", "remark", "undone", "as_of"}
    for c in demo_ledger.history.list(HistoryFilter(limit=None)):
        assert f"hist.entity.{c.entity}" in MESSAGES, c.entity
        assert c.field in whole or f"hist.field.{c.field}" in MESSAGES, (c.entity, c.field)


def test_cli_history_in_words_and_json_raw(cli, ledger: Ledger) -> None:  # type: ignore[no-untyped-def]
    assert cli("--as-of", "2022-01-10", "milestone", "set", "kaizhou-7p:2-M3", "--status", "done", "--note", "核定").code == 0
    zh = cli("history", "kaizhou-7p:2-M3").out
    assert "状态" in zh and "未启动" in zh and "已完成" in zh and "not_started" not in zh and "completed_on" not in zh
    en = cli("--lang", "en", "history", "kaizhou-7p:2-M3").out
    assert "not started" in en and "completed on" in en and "not_started" not in en
    raw = json.loads(cli("history", "kaizhou-7p:2-M3", "--json").out)["changes"]
    assert {(c["field"], c["old"], c["new"]) for c in raw} >= {("status", "not_started", "done")}
