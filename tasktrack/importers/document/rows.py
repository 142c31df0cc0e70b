"""What a table's rows say: indicators (name, unit, attribute, baseline, target, yearly values) or tasks
with their responsible units and deadlines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tasktrack.importers.document.owners import Owners, find_owners, is_unit_list, marked_lead, split_units
from tasktrack.importers.document.tables import Table, cell_unit, is_date_cell, kind_of
from tasktrack.importers.document.text import Span
from tasktrack.importers.document.when import FIVE_YEAR

_UNIT_IN_NAME = re.compile(r"\s*[(]\s*(?P<u>[^()]{1,10}?)\s*[)]?\s*$")
_VALUE_HEAD = re.compile(
    r"(?:19|20)\d\d|基期|现状|基数|目标|预期值|指标值|完成|规划值|实际|期末|十[三四五六]五"
)


@dataclass
class IndicatorRow:
    seq: str | None
    name: str
    quote: Span
    unit: str | None
    attribute: str | None
    baseline: tuple[int | None, float] | None
    target: tuple[int | None, float] | None
    yearly: dict[int, float] = field(default_factory=dict)
    cumulative: bool = False
    confidence: float = 0.9
    notes: list[str] = field(default_factory=list)
    rows: list[Span] = field(default_factory=list)  # the cells of the row, for its quote
    comparison: str = ">="  # >500 / ≤5 / 5以内 in the target cell


def cell_comparison(cell: Span) -> str:
    """The comparator a value cell writes with its number: >, <, ≤ (以内, 以下), else ≥ (以上, bare)."""
    f = cell.folded.replace(" ", "")
    if re.match(r"[<＜]=?|≤|不超过|不高于", f) or re.search(r"以内|以下", f):
        return "<=" if re.match(r"≤|<=|不超过|不高于", f) or re.search(r"以内|以下", f) else "<"
    if re.match(r">(?!=)|超过|高于", f):
        return ">"
    return ">="


@dataclass
class TaskRow:
    seq: str | None
    task: Span  # the task's own words (the first task column)
    texts: list[Span]  # every column that states the task or its target
    owners: Owners | None
    due: Span | None
    category: str | None = None


def value_of(cell: Span) -> tuple[float | None, bool]:
    """(number, printed in 【】) of a value cell; (None, False) for — or words."""
    m = re.search(r"-?\d+(?:,\d{3})*(?:\.\d+)?", cell.folded)
    if m is None:
        return None, False
    return float(m.group().replace(",", "")), "【" in cell.text or "〔" in cell.text


def _columns(table: Table, period: tuple[int, int] | None) -> list[tuple[str, int | None]]:
    """(role, year) of each value column in header order: baseline, target, year, or other."""
    cols: list[tuple[str, int | None]] = []
    for h in table.header:
        f = h.folded.replace(" ", "")
        if re.search(r"年均|增速|增长|备注|说明", f) and not re.search(r"(?:19|20)\d\d", f):
            cols.append(("other", None))
            continue
        if not _VALUE_HEAD.search(f) or re.search(r"名称|属性|单位|序号", f):
            continue
        year_m = re.search(r"(?:19|20)\d\d", f)
        year = int(year_m.group()) if year_m else None
        five = re.search(r"十[一二三四五六]五", f)
        if year is None and five and five.group() in FIVE_YEAR and re.search(r"末|期末", f):
            end = FIVE_YEAR[five.group()][1]  # “十三五”末 is 2020, “十四五”末 2025
            cols.append(("baseline", end) if period and end < period[0] else ("target", end))
            continue
        if "十四五" in f or "十五五" in f:
            year = year or (period[1] if period else None)
        if re.search(r"基期|现状|基数|实际|完成值|指标值", f) and "目标" not in f:
            cols.append(("baseline", year if year else (period[0] - 1 if period else None)))
        elif re.search(r"目标|规划|期末|预期", f):
            cols.append(("target", year if year else (period[1] if period else None)))
        else:
            cols.append(("year", year))
    years = [y for r, y in cols if r == "year" and y]
    if years and not any(r == "target" for r, _ in cols):
        # the plan's own end year when a column has it (2025 beside 2035 远景), else the latest
        last = period[1] if period and period[1] in years else max(years)
        cols = [("target", y) if r == "year" and y == last else (r, y) for r, y in cols]
    if not any(r == "baseline" for r, _ in cols):
        early = [y for r, y in cols if r == "year" and y]
        has_target = any(r == "target" for r, _ in cols)
        if early and ((period and min(early) < period[0]) or (has_target and len(early) >= 1 and not period)):
            cols = [("baseline", y) if r == "year" and y == min(early) else (r, y) for r, y in cols]
    return cols


def indicator_rows(table: Table, period: tuple[int, int] | None) -> list[IndicatorRow]:
    cols = _columns(table, period)
    roles = _header_roles(table, period)
    out = []
    for k, row in enumerate(table.rows):
        got = _aligned(row, roles, last=k == len(table.rows) - 1) if roles else None
        if got is None:
            got = _indicator(row, cols)
        if got is None:
            continue
        _check_row(got, row, table.rows[k + 1] if k + 1 < len(table.rows) else None, len(table.header))
        out.append(got)
    return out


def _header_roles(table: Table, period: tuple[int, int] | None) -> list[tuple[str, int | None]]:
    """The role of every header column by position: seq, name, unit, attr, baseline, target, year, other."""
    value_cols = iter(_columns(table, period))
    out: list[tuple[str, int | None]] = []
    for h in table.header:
        f = h.folded.replace(" ", "")
        if "序号" in f or f in ("编号", "序"):
            out.append(("seq", None))
        elif re.search(r"属性|性质", f):
            out.append(("attr", None))
        elif re.fullmatch(r"(?:计量)?单位", f):
            out.append(("unit", None))
        elif (re.search(r"年均|增速|增长|备注|说明", f) and not re.search(r"(?:19|20)\d\d", f)) or (
            _VALUE_HEAD.search(f) and not re.search(r"名称|属性|单位|序号", f)
        ):
            out.append(next(value_cols, ("other", None)))
        elif re.search(r"类别|领域|分类|方面|板块", f):
            out.append(("cat", None))
        else:
            out.append(("name", None))
    return out if [r for r, _ in out].count("name") == 1 else []


def _aligned(row: list[Span], roles: list[tuple[str, int | None]], last: bool) -> IndicatorRow | None:
    """Cells read by their position under the header, from the left (pages drop empty trailing cells);
    None when a cell does not hold what its column holds, for the reading by kinds to try. A row may lack
    its target only where the table is cut off (its last row)."""
    if len(row) > len(roles) or len(row) < 2:
        return None
    if roles[0][0] == "cat" and len(row) == len(roles) - 1 and kind_of(row[1].folded) != "text":
        roles = roles[1:]  # the category cell is merged over the rows above (rowspan)
    sub_row = roles[0][0] == "seq" and kind_of(row[0].folded) != "int"
    dropped = [r for r, _ in roles[len(row) + (1 if sub_row else 0) :]]
    if not last and any(r in ("target", "baseline") for r in dropped):
        return None
    if roles[0][0] == "seq" and kind_of(row[0].folded) != "int":
        if len(row) == len(roles) - 1:  # a 其中 sub-row: no 序号 of its own
            roles = roles[1:]
        else:
            return None
    cells = list(zip(roles, row, strict=False))
    seq = next((c.text.strip() for (r, _), c in cells if r == "seq"), None)
    name_cell = next((c for (r, _), c in cells if r == "name"), None)
    if name_cell is None or kind_of(name_cell.folded) not in ("text", "qual"):
        return None
    for (role, _), c in cells:
        k = kind_of(c.folded)
        if role in ("baseline", "target", "year") and k not in ("num", "int", "dash", "qual"):
            return None
        if role == "attr" and k not in ("attr", "dash"):
            return None
    name, unit = _name_and_unit(name_cell)
    unit_cell = next((c for (r, _), c in cells if r == "unit"), None)
    if unit_cell is not None and kind_of(unit_cell.folded) != "dash":
        unit = unit_cell.text.strip().strip("()（）")
    attribute = next((c.text for (r, _), c in cells if r == "attr" and kind_of(c.folded) == "attr"), None)
    unit = unit or next(
        (u for (role, _), c in cells if role in ("target", "baseline") and (u := cell_unit(c.folded))), None
    )
    r = IndicatorRow(seq, name, name_cell, unit, attribute, None, None)
    r.rows = list(row)
    values = [c for (role, _), c in cells if role in ("baseline", "target", "year")]
    r.cumulative = any("【" in c.text or "〔" in c.text for c in values) or "累计" in name
    for (role, year), c in cells:
        number, _ = value_of(c)
        if number is None or role not in ("baseline", "target", "year"):
            continue
        if role == "baseline":
            r.baseline = (year, number)
        elif role == "target":
            r.target = (year, number)
            r.comparison = cell_comparison(c)
        elif year:
            r.yearly[year] = number
    if len(row) < len(roles):
        r.notes.append(f"本行{len(row)}格，表头{len(roles)}列，按从左对齐读")
        r.confidence -= 0.05
        if any(x in ("target", "baseline") for x in dropped):
            r.notes.append("表格在此行中断")
            r.confidence -= 0.3
    if not attribute:
        r.confidence -= 0.05
    return r


def _name_and_unit(cell: Span) -> tuple[str, str | None]:
    """其中：高技能人才（万人） → (高技能人才, 万人)."""
    name = cell.text.strip()
    folded = cell.folded.strip()
    lead = re.match(r"其中\s*[:：]?\s*", folded)
    if lead:
        name, folded = name[lead.end() :], folded[lead.end() :]
    m = _UNIT_IN_NAME.search(folded)
    unit_like = m is not None and re.search(r"[%‰/]|[\u4e00-\u9fff]", m["u"]) and len(m["u"]) <= 8
    if m and unit_like and "助理" not in m["u"]:  # 执业（助理）医师数 keeps its brackets
        return name[: m.start()].strip(), name[m.start("u") : m.end("u")].strip()
    return name, None


def _check_row(r: IndicatorRow, row: list[Span], nxt: list[Span] | None, width: int) -> None:
    """A target that is a small whole number equal to the next row's 序号 is a misread row, not a value."""
    if r.target is None or not r.seq or not r.seq.isdigit():
        return
    if r.target[1] == int(r.seq) + 1 and len(row) < width:
        r.notes.append(f"目标值{int(r.target[1])}与下一行序号相同，疑为错行")
        r.target = None
        r.confidence = min(r.confidence, 0.4)


def _indicator(row: list[Span], cols: list[tuple[str, int | None]]) -> IndicatorRow | None:
    kinds = [kind_of(c.folded) for c in row]
    seq = row[0].text.strip() if kinds and kinds[0] == "int" else None
    cells = list(zip(row[1:] if seq else row, kinds[1:] if seq else kinds, strict=True))
    names = [c for c, k in cells if k == "text"]
    if not names:
        return None
    name_cell = names[-1] if len(names) > 1 and cells[0][1] == "text" and cells[1][1] == "text" else names[0]
    unit = next((c.text.strip().strip("()（）") for c, k in cells if k == "unit"), None)
    name = name_cell.text.strip()
    m = _UNIT_IN_NAME.search(name_cell.folded.strip())
    if m and (unit is None) and re.search(r"[%‰]|[\u4e00-\u9fff]", m["u"]) and len(m["u"]) <= 8:
        unit = name[m.start("u") : m.end("u")].strip()
        name = name[: m.start()].strip()
    attribute = next((c.text for c, k in cells if k == "attr"), None)
    after_name = cells[[c for c, _ in cells].index(name_cell) + 1 :]
    values = [c for c, k in after_name if k in ("num", "int", "dash", "qual")]
    if len(values) == len(cols) + 1 and kind_of(values[0].folded) == "dash":
        values = values[1:]  # a unit cell left empty (—)
    unit = unit or next((u for c in values if (u := cell_unit(c.folded))), None)
    if name.startswith(("其中:", "其中：")):
        name = name[3:].strip()
    r = IndicatorRow(seq, name, name_cell, unit, attribute, None, None)
    r.rows = list(row)
    r.cumulative = any("【" in c.text or "〔" in c.text for c in values) or "累计" in name
    if not attribute:
        r.confidence -= 0.1
    roles = cols if len(cols) == len(values) else _fallback(cols, len(values))
    for (role, year), cell in zip(roles, values, strict=False):
        number, _ = value_of(cell)
        if number is None:
            continue
        if role == "baseline":
            r.baseline = (year, number)
        elif role == "target":
            r.target = (year, number)
            r.comparison = cell_comparison(cell)
        elif role == "year" and year:
            r.yearly[year] = number
    if len(cols) != len(values):
        r.confidence -= 0.2
    return r


def _fallback(cols: list[tuple[str, int | None]], n: int) -> list[tuple[str, int | None]]:
    """More or fewer values than the header has columns: first is the baseline, last the target."""
    base = next((c for c in cols if c[0] == "baseline"), ("baseline", None))
    target = next((c for c in cols if c[0] == "target"), ("target", None))
    if n == 1:
        return [target]
    return [base] + [("other", None)] * (n - 2) + [target]


def task_rows(table: Table) -> list[TaskRow]:
    """Rows of a 重点任务 / 责任单位 / 完成时限 table; the first unit listed leads."""
    head = [h.folded.replace(" ", "") for h in table.header]
    out: list[TaskRow] = []
    category = None
    for row in table.rows:
        if len(row) == 1:
            category = row[0].text.strip()
            continue
        positional = _by_position(head, row)
        if positional is not None:
            seq = next((c.text.strip() for c, r in zip(row, positional, strict=True) if r == "seq"), None)
            pairs = [(c, r) for c, r in zip(row, positional, strict=True) if r != "seq"]
            cells, roles = [c for c, _ in pairs], [r for _, r in pairs]
        else:
            seq = row[0].text.strip() if kind_of(row[0].folded) == "int" else None
            cells = row[1:] if seq else row
            roles = _task_roles(head, cells)
        task = [c for c, r in zip(cells, roles, strict=True) if r == "task"]
        if not task:
            continue
        if any(r == "cat" for r in roles):
            category = next(c.text for c, r in zip(cells, roles, strict=True) if r == "cat")
        lead_cells = [c for c, r in zip(cells, roles, strict=True) if r == "lead"]
        co_cells = [c for c, r in zip(cells, roles, strict=True) if r == "co"]
        due = next((c for c, r in zip(cells, roles, strict=True) if r == "due"), None)
        out.append(TaskRow(seq, task[0], task, _owners(lead_cells, co_cells), due, category))
    return out


def _by_position(head: list[str], row: list[Span]) -> list[str] | None:
    """Roles of a row's cells by their column, when the row fills the header (or all but a merged 类别
    cell) and its 序号 stands where the header has it."""
    roles = [_head_role(h) for h in head]
    if len(row) == len(roles) - 1 and roles[0] == "cat":
        roles = roles[1:]  # the category cell is merged over the rows above
    if len(row) != len(roles) or "seq" not in roles:
        return None
    if kind_of(row[roles.index("seq")].folded) != "int":
        return None
    if roles.count("lead") > 1:
        first = roles.index("lead")
        roles = [("co" if r == "lead" and i != first else r) for i, r in enumerate(roles)]
    return roles


def _task_roles(head: list[str], cells: list[Span]) -> list[str]:
    named = [_head_role(h) for h in head if _head_role(h) != "seq"]
    if named.count("lead") > 1:
        first = named.index("lead")
        named = [("co" if r == "lead" and i != first else r) for i, r in enumerate(named)]
    if len(named) == len(cells):
        return named
    roles = []
    units_seen = 0
    for c in cells:
        if is_unit_list(c):
            roles.append("lead" if units_seen == 0 else "co")
            units_seen += 1
        elif is_date_cell(c) and len(c.text) <= 20:
            roles.append("due")
        else:
            roles.append("task")
    return roles


def _head_role(h: str) -> str:
    if "序号" in h or h in ("编号", "序"):
        return "seq"
    if re.search(r"牵头|主责|责任单位|责任部门|负责单位", h):
        return "lead" if "配合" not in h else "co"
    if re.search(r"配合|协同|协办|参与", h):
        return "co"
    if re.search(r"时限|时间|节点|进度|年限|工期", h):  # 建设年限 2022-2024: due by its last year
        return "due"
    if re.search(r"类别|领域|分类|方面|板块|工程$", h):
        return "cat"
    if re.search(r"备注|说明", h):
        return "note"
    return "task"


def _owners(lead_cells: list[Span], co_cells: list[Span]) -> Owners | None:
    if len(lead_cells) == 1 and not co_cells:  # one 责任单位 cell saying 牵头：X；配合：Y
        labelled = [o for o in find_owners(lead_cells[0]) if o.label]
        if len(labelled) == 1 and labelled[0].lead:
            return labelled[0]
    leads = [u for c in lead_cells for u in split_units(c, 0, len(c.text))]
    if len(lead_cells) == 1 and len(leads) > 1:  # 区财政局、区住房城乡建委（牵头）: the marked one leads
        lead, rest = marked_lead(lead_cells[0], leads)
        leads = [u for u in [lead, *rest] if u]
    co = [u for c in co_cells for u in split_units(c, 0, len(c.text))]
    if not leads and not co:
        return None
    quote = lead_cells[0] if lead_cells else co_cells[0]
    if not leads:
        return Owners(None, co, quote, 0, 0.8)
    return Owners(leads[0], [u for u in leads[1:] + co if u != leads[0]], quote, 0, 0.9)
