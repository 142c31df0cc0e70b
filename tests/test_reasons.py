"""The reasons tasktrack writes into the change log are stored in English and shown in the reader's
language (tasktrack/reasons.py); what a person typed is shown as typed."""

from __future__ import annotations

import pytest

from tasktrack.reasons import KEYS, shown, written

CASES = [
    ("why.coord_filed", {"actor": "刘主任", "unit": "区财政局"}, "协调人 刘主任 代 区财政局 报送"),
    ("why.approved", {"id": 3, "basis": "受疫情影响顺延（开州科〔2022〕1号）", "by": "张明", "approver": "刘主任"},
     "申请 r3：受疫情影响顺延（开州科〔2022〕1号）；张明 申请，刘主任 批准"),
    ("why.undo", {"id": 41, "name": "milestone progress"}, "撤销第 41 号操作（milestone progress）"),
    ("why.link_follow", {"label": "kaizhou-7p:1-M1"}, "随关联节点 kaizhou-7p:1-M1 同步"),
    ("why.fed", {"source": "kaizhou-7p:1-M1"}, "由节点 kaizhou-7p:1-M1 的实际值计入"),
]


def test_every_reason_has_a_case() -> None:
    assert sorted(k for k, _, _ in CASES) == sorted(KEYS)


@pytest.mark.parametrize(("key", "params", "zh"), CASES, ids=[c[0] for c in CASES])
def test_a_written_reason_is_stored_in_english_and_read_back_in_chinese(key: str, params: dict, zh: str) -> None:  # type: ignore[type-arg]
    stored = written(key, **params)
    assert stored.isascii() or any(isinstance(v, str) and not v.isascii() for v in params.values())
    assert shown(stored, "en") == stored
    assert shown(stored, "zh") == zh


def test_a_persons_reason_is_shown_as_typed() -> None:
    for typed in ("年底达到42家（示例）", "undo it please", "following the meeting", "", None):
        assert shown(typed, "zh") == typed


def test_history_shows_an_undo_and_a_link_in_chinese(cli, demo_ledger) -> None:  # type: ignore[no-untyped-def]
    assert cli("milestone", "progress", "kaizhou-7p:1-M2", "12").code == 0
    assert cli("undo").code == 0
    assert cli("milestone", "link", "kaizhou-7p:1-M1", "kaizhou-14fyp:专栏9-1-M-2021", "--reason", "同一目标").code == 0
    assert cli("milestone", "progress", "kaizhou-7p:1-M1", "56").code == 0
    zh = cli("history", "--limit", "20").out
    assert "撤销第" in zh and "号操作（milestone progress）" in zh
    assert "随关联节点 kaizhou-7p:1-M1 同步" in zh
    en = cli("--lang", "en", "history", "--limit", "20").out
    assert "following its link to kaizhou-7p:1-M1" in en and "(milestone progress)" in en
