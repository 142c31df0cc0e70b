"""Narrow terminals: every list command, at 80 and 60 columns in zh and en, shows each fact cell (ids, codes,
dates, values, statuses, 灯) whole, shortens only the free-text columns, and keeps its columns lined up by
display width (a CJK character is two cells).

The wide table (no width: what a pipe gets) is the reference: its rule line gives each column's span, so
its cells can be read back; the same command fitted to a width must show each fact cell of a row whole
in that row's lines."""

from __future__ import annotations

import pytest

from tasktrack.domain.table import render_table
from tasktrack.domain.text import display_width
from tasktrack.i18n import MESSAGES

UNIT_ZH, UNIT_EN = MESSAGES["unit"]
# command, the headers (zh, en) of its free-text columns: every other column carries a fact
COMMANDS: list[tuple[tuple[str, ...], dict[str, set[str]]]] = [
    (("milestone", "list"), {"zh": {"目标内容", "牵头单位"}, "en": {"Target", "Lead unit"}}),
    (("task", "list"), {"zh": {"名称", "牵头单位", "配合单位"}, "en": {"Title", "Lead unit", "Co-units"}}),
    (("plan", "list"), {"zh": {"名称"}, "en": {"Title"}}),
    (("indicator", "list"), {"zh": {"名称"}, "en": {"Name"}}),
    (("history", "--limit", "40"), {"zh": {"说明"}, "en": {"Reason"}}),
    (("review", "list"), {"zh": {"申请单位"}, "en": {"Unit"}}),
    (("duty", "list"), {"zh": {"报送要求", "报送单位"}, "en": {"Duty", "Who files"}}),
    (("duty", "status"), {"zh": {UNIT_ZH, "报送要求"}, "en": {UNIT_EN, "Duty"}}),
    (("report", "issues"), {"zh": {"状态"}, "en": {"State"}}),
    (("unit", "list"), {"zh": {"名称", "联络员"}, "en": {"Name", "Contact"}}),
]


def _slice(line: str, start: int, end: int) -> str:
    """The characters of line in display cells [start, end)."""
    out, at = [], 0
    for ch in line:
        w = display_width(ch)
        if at >= start and at + w <= end:
            out.append(ch)
        at += w
    return "".join(out)


def _boundaries_clean(line: str, spans: list[tuple[int, int]]) -> bool:
    """No character of line straddles a column's edge: the columns line up by display width."""
    edges = {s for s, _ in spans} | {e for _, e in spans}
    at = 0
    for ch in line:
        w = display_width(ch)
        if any(at < edge < at + w for edge in edges):
            return False
        at += w
    return True


def _spans(rule: str) -> list[tuple[int, int]]:
    """Each column's display cells, from the rule of "─" under the header."""
    spans, at, start = [], 0, None
    for ch in rule + " ":
        if ch == "─" and start is None:
            start = at
        elif ch != "─" and start is not None:
            spans.append((start, at))
            start = None
        at += 1
    return spans


def _parse(out: str) -> tuple[list[str], list[tuple[int, int]], list[list[str]]]:
    """A table's headers, column spans and row blocks (a row's first line and its continuation lines)."""
    lines = out.rstrip("\n").split("\n")
    k = next(i for i, line in enumerate(lines) if line.startswith("─"))
    spans = _spans(lines[k])
    head = [_slice(lines[k - 1], s, e).strip() for s, e in spans]
    blocks: list[list[str]] = []
    first_w = spans[0][1]
    for line in lines[k + 1 :]:
        if "报送及时率" in line or "on-time reporting" in line:  # duty status: the rates under the table
            break
        if _slice(line, 0, first_w).strip() or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return head, spans, blocks


def _setup(cli) -> None:  # type: ignore[no-untyped-def]  # the conftest fixture's callable
    for args in (
        ("review", "request", "1-M1", "--due", "2022-06-30", "--reason", "待省里批复后再启动，需要延期半年"),
        ("duty", "add", "每月25日前报送进展", "--plan", "kaizhou-7p", "--from", "2021-10-01"),
        ("report", "weekly", "--plan", "kaizhou-7p", "--issue"),
    ):
        r = cli("--as", "tester", *args)
        assert r.code == 0, (args, r.err)


@pytest.fixture
def narrow_cli(demo_ledger, cli, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    _setup(cli)
    import tasktrack.cli.output as output

    def run(width: int | None, lang: str, *args: str) -> str:
        monkeypatch.setattr(output, "terminal_width", lambda: width)
        r = cli("--lang", lang, *args)
        assert r.code == 0, r.err
        return r.out

    return run


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_list_commands_keep_facts_whole(narrow_cli, lang: str, width: int) -> None:  # type: ignore[no-untyped-def]
    for args, text in COMMANDS:
        wide = narrow_cli(None, lang, *args)
        head, spans, rows = _parse(wide)
        assert len(rows) >= 1, (args, wide)
        assert text[lang] <= set(head), (args, head)  # the table has the columns this test names
        narrow = narrow_cli(width, lang, *args)
        n_head, n_spans, n_rows = _parse(narrow)
        assert len(n_rows) == len(rows), (args, narrow)
        for row, block in zip(rows, n_rows, strict=True):
            assert _boundaries_clean(block[0], n_spans), (args, block[0])
            cells = [_slice(row[0], s, e).strip() for s, e in spans]
            for k, (h, cell) in enumerate(zip(head, cells, strict=True)):
                if h in text[lang] or not cell:
                    continue
                # whole on one line, or (a fact wider than a line, like a file's sha256) wrapped, not cut
                wrapped = "".join(line.strip() for line in block[1:])
                assert any(cell in line for line in block) or cell in wrapped, (args, lang, width, h, cell, block)
                nth = head[:k].count(h)  # review list has two columns headed 编号
                at = [j for j, x in enumerate(n_head) if x == h]
                if nth < len(at):  # a fact in the first line stands under its header
                    s, e = n_spans[at[nth]]
                    assert _slice(block[0], s, e).strip() == cell, (args, h, cell, block[0])
        for line in (line for block in n_rows for line in block):  # the table's lines (not the 及时率 prose)
            assert display_width(line) <= width, (args, lang, width, line)


def test_milestone_list_at_80_keeps_due_dates_and_values_on_the_row(narrow_cli) -> None:  # type: ignore[no-untyped-def]
    out = narrow_cli(80, "zh", "milestone", "list")
    head, spans, rows = _parse(out)
    assert {"编号", "年度", "目标值", "实际", "完成时限", "状态", "进度", "灯"} <= set(head)
    assert "2021-1…" not in out and "2025-…" not in out
    assert "2025-12-31" in out
    en = narrow_cli(120, "en", "milestone", "list")
    assert {"Year", "Actual", "Due", "Status", "Progress", "RAG"} <= set(_parse(en)[0])


def test_render_table_roles_fold_and_shorten_only_text() -> None:
    rows = [[1, "甲甲甲甲甲甲甲甲甲甲甲甲", "2021-12-31", "not started"], [22, "乙", "2022-01-31", "done"]]
    heads = ["ID", "目标内容", "Due", "Status"]
    roles = ["fact", "text", "fact", "fact"]
    one_line = render_table(heads, rows, max_width=36, roles=roles)
    assert "2021-12-31" in one_line and "not started" in one_line and "甲…" in one_line
    assert all(display_width(line) <= 36 for line in one_line.split("\n"))
    folded = render_table(heads, rows, max_width=28, roles=roles).split("\n")
    assert folded[0].split() == ["ID", "Due", "Status"]
    assert folded[3].strip().startswith("目标内容 甲")  # the text goes under its row
    assert "2022-01-31" in folded[4] and "done" in folded[4]
    with pytest.raises(ValueError):
        render_table(heads, rows, max_width=28, roles=["fact"])
    # Without roles, nothing changes: the widest columns give up cells first
    assert "…" in render_table(heads, rows, max_width=26)

