"""Floor for `tasktrack milestone list --overdue`: the same query, the same table, the same bytes out.

    python benchmarks/floors/overdue.py DB AS_OF

sqlite3 and unicodedata from the standard library; a milestone's 序时 judgement (the 进度 and 灯 columns)
and the words for it come from tasktrack's pure modules (tasktrack.domain.progress, tasktrack.present,
tasktrack.i18n: standard library only), since the same words must come out. Cell widths by East Asian Width (wide and fullwidth: 2 cells), which is what
tasktrack measures for the text a generated ledger holds. Default settings, Chinese, piped (no width limit).
"""

import sqlite3
import sys
import unicodedata
from datetime import date

from tasktrack import present
from tasktrack.domain.kinds import Comparison, MeasureKind, Status
from tasktrack.domain.progress import MilestoneFacts, Thresholds, assess, measure_start
from tasktrack.i18n import t

SQL = """SELECT m.id, m.code, m.year, m.metric, m.due, m.target, m.unit, m.comparison, m.kind,
m.baseline_year, m.baseline_value, m.actual, m.status, pl.period_start, u.name, u.short_name, u.is_demo
FROM milestone m JOIN plan pl ON pl.id = m.plan_id JOIN task t ON t.id = m.task_id
LEFT JOIN task p ON p.id = t.parent_id LEFT JOIN task g ON g.id = p.parent_id
LEFT JOIN responsibility r0 ON r0.task_id = t.id AND r0.role = 'lead'
LEFT JOIN responsibility r1 ON r1.task_id = p.id AND r1.role = 'lead'
LEFT JOIN responsibility r2 ON r2.task_id = g.id AND r2.role = 'lead'
LEFT JOIN unit u ON u.id = coalesce(r0.unit_id, r1.unit_id, r2.unit_id)
WHERE m.status IN ('not_started', 'in_progress', 'blocked') AND m.due < ?
ORDER BY m.plan_id, m.position, m.id"""
HEADS = tuple(t(k, "zh") for k in ("id", "code", "year", "metric", "target", "actual", "due", "status", "schedule",
                                     "rag", "lead"))  # fmt: skip
RIGHT = (True, False, True, False, True, True, False, False, False, False, False)


def width(s, known={}):  # noqa: B006 - a cache
    w = known.get(s)
    if w is None:
        w = known[s] = (
            len(s) if s.isascii() else sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
        )
    return w


def main():
    db, as_of = sys.argv[1], date.fromisoformat(sys.argv[2])
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    th, rows = Thresholds(), []
    for mid, code, year, metric, due, target, unit, cmp, kind, byear, base, actual, status, pstart, lname, lshort, demo in con.execute(SQL, (as_of.isoformat(),)):  # fmt: skip
        k = MeasureKind(kind)
        due = date.fromisoformat(due)
        start = measure_start(k, year, byear, pstart)
        a = assess(
            MilestoneFacts(k, Status(status), due, start, target, actual, base, Comparison(cmp)), as_of, th
        )
        goal = (
            "事件"
            if kind == "event" or target is None
            else f"{present.SYMBOL.get(cmp, cmp)}{present.number(target)}{unit or ''}"
        )
        lead = "未明确" if lname is None else (lshort or lname) + ("（示例）" if demo else "")
        actual_text = "" if actual is None else f"{present.number(actual)}{unit or ''}"
        words = (
            present.status(status, "zh"),
            present.schedule(a.schedule.value, "zh"),
            present.rag(a.rag.value, "zh"),
        )
        rows.append((str(mid), code, str(year), metric, goal, actual_text, due.isoformat(), *words, lead))
    if not rows:
        print("（无）")
        return
    widths = [max(width(h), *(width(r[i]) for r in rows)) for i, h in enumerate(HEADS)]
    out = []
    for row in (HEADS, *rows):
        cells = []
        for i, (s, w, right) in enumerate(zip(row, widths, RIGHT, strict=True)):
            pad = " " * (w - width(s))
            cells.append(pad + s if right else s if i == len(row) - 1 else s + pad)
        out.append("  ".join(cells).rstrip(" "))
        if row is HEADS:
            out.append("  ".join("─" * w for w in widths))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
