"""Floor for `tasktrack report weekly --format json --draft`: the same aggregation, the same bytes out.

    python benchmarks/floors/weekly.py DB AS_OF

sqlite3 and json from the standard library; the rules that judge a milestone (序时进度, overdue, the
reason text), the words for values and statuses and the period arithmetic are tasktrack's own pure modules
(tasktrack.domain.progress, tasktrack.present, tasktrack.domain.periods: standard library only), since the
same words must come out. No SQLAlchemy, no services, no views. Default settings, Chinese, whole ledger (no
--plan/--unit), a preview (--draft) read with --as-of: the milestones as they stood, which on a generated
ledger (nothing logged after the benchmarks' day) are the table's rows. 本期进展 is each item's net change.
"""

import json
import sqlite3
import sys
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from tasktrack import present
from tasktrack.domain.kinds import Comparison, MeasureKind, Status
from tasktrack.domain.progress import MilestoneFacts, Thresholds, assess, elapsed_share, measure_start
from tasktrack.domain.periods import period_of
from tasktrack.reports.periods import period_end, period_start

BUCKETS = ("done", "on_schedule", "behind", "not_started", "overdue")
MILESTONES = """SELECT m.id, pl.key, m.code, m.task_id, t.code, t.title, t.parent_id, p.parent_id,
coalesce(g.code, p.code, t.code), coalesce(g.title, p.title, t.title), m.metric, m.year, m.due, m.target, m.unit,
m.comparison, m.kind, m.baseline_year, m.baseline_value, m.actual, m.status, pl.period_start,
u.id, u.name, u.short_name, u.is_demo, pl.issued
FROM milestone m JOIN plan pl ON pl.id = m.plan_id JOIN task t ON t.id = m.task_id
LEFT JOIN task p ON p.id = t.parent_id LEFT JOIN task g ON g.id = p.parent_id
LEFT JOIN responsibility r0 ON r0.task_id = t.id AND r0.role = 'lead'
LEFT JOIN responsibility r1 ON r1.task_id = p.id AND r1.role = 'lead'
LEFT JOIN responsibility r2 ON r2.task_id = g.id AND r2.role = 'lead'
LEFT JOIN unit u ON u.id = coalesce(r0.unit_id, r1.unit_id, r2.unit_id)
ORDER BY m.plan_id, m.position, m.id"""
PLANS = """SELECT pl.id, pl.key, pl.doc_no, pl.title, pl.short_title, pl.issuer, pl.issued, pl.period_start,
pl.period_end, pp.key, pl.source, pl.quote, (SELECT count(*) FROM task x WHERE x.plan_id = pl.id),
(SELECT count(*) FROM milestone x WHERE x.plan_id = pl.id), (SELECT count(*) FROM indicator x WHERE x.plan_id = pl.id)
FROM plan pl LEFT JOIN plan pp ON pp.id = pl.parent_id ORDER BY pl.id"""
REPORTS = """SELECT r.id, r.task_id, r.milestone_id, r.period, r.progress, r.problems, r.next_steps, r.author,
r.is_demo, u.name, u.short_name, u.is_demo FROM progressreport r LEFT JOIN unit u ON u.id = r.unit_id
ORDER BY r.period, r.id"""


def label(name, short, demo):
    return "未明确" if name is None else (short or name) + ("（示例）" if demo else "")


def day_zh(d):
    return f"{d.year}年{d.month}月{d.day}日"


def counts(ms):
    c = Counter(m["bucket"] for m in ms if m["bucket"])
    total = len(ms)
    by = {k: c.get(k, 0) for k in BUCKETS}
    shares = {k: float(f"{by[k] * 100 / total + 1e-9:.1f}") if total else 0.0 for k in BUCKETS}
    return total, by, shares


def count_row(name, ms):
    total, by, shares = counts(ms)
    return {"label": name, "total": total, "counts": by, "shares": shares}


def milestones(con, as_of):
    co = {}
    for tid, uid, name, short, demo in con.execute(
        "SELECT r.task_id, u.id, u.name, u.short_name, u.is_demo FROM responsibility r JOIN unit u ON u.id = r.unit_id"
        " WHERE r.role = 'co' ORDER BY r.id"
    ):
        co.setdefault(tid, []).append((uid, label(name, short, demo), demo))
    th, out = Thresholds(), []
    for (
        mid,
        plan,
        code,
        tid,
        tcode,
        ttitle,
        parent,
        grand,
        pcode,
        ptitle,
        metric,
        year,
        due,
        target,
        unit,
        cmp,
        kind,
        byear,
        base,
        actual,
        status,
        pstart,
        lid,
        lname,
        lshort,
        ldemo,
        issued,
    ) in con.execute(MILESTONES):
        due = date.fromisoformat(due)
        k = MeasureKind(kind)
        facts = MilestoneFacts(
            k,
            Status(status),
            due,
            measure_start(k, year, byear, pstart),
            target,
            actual,
            base,
            Comparison(cmp),
            unit,
        )
        a = assess(facts, as_of, th)
        seen, cos = {lid}, []
        for t in (tid, parent, grand):
            for uid, text, demo in co.get(t, ()) if t else ():
                if uid not in seen:
                    seen.add(uid)
                    cos.append((text, demo))
        sched = a.schedule.value
        goal = (
            ""
            if kind == "event" or target is None
            else f"{present.SYMBOL.get(cmp, cmp)}{present.number(target)}{unit or ''}"
        )
        out.append(
            {
                "id": mid,
                "plan": plan,
                "code": code,
                "task_id": tid,
                "metric": metric,
                "unit": unit,
                "due": due,
                "programme": f"{pcode} {ptitle}",
                "pcode": pcode,
                "ptitle": ptitle,
                "task": f"{tcode} {ttitle}",
                "target": f"{year}年{metric}{goal}",
                "lead": label(lname, lshort, ldemo),
                "lead_unit": label(lname, lshort, ldemo) if lid is not None else "",
                "lead_id": lid,
                "demo": bool(ldemo) or any(d for _, d in cos),
                "co": "、".join(t for t, _ in cos),
                "schedule": sched,
                "bucket": {"ahead": "on_schedule", "done_unmet": "done"}.get(sched, sched if sched in BUCKETS else None),
                "reason": a.explain("zh"),
                "days_left": a.days_left,
                "due_soon": a.due_soon,
                "actual": None if actual is None else f"{present.number(actual)}{unit or ''}",
                "status": status,
                "rag": a.rag.value,
                "overdue": a.overdue,
                "expected": round(a.expected, 4),  # as the views round them
                "progress": None if a.progress is None else round(a.progress, 4),
                "clock": measure_start(k, year, byear, None),  # from when silence counts
                "issued": None if issued is None else date.fromisoformat(issued[:10]),
            }
        )
    return out


LAST = (
    "SELECT entity_id, NULL, max(at) FROM change WHERE entity = 'milestone' AND at < ? GROUP BY entity_id",
    "SELECT milestone_id, task_id, max(created_at) FROM progressreport WHERE created_at < ? "
    "GROUP BY milestone_id, task_id",
    "SELECT milestone_id, NULL, max(created_at) FROM evidence WHERE milestone_id IS NOT NULL AND created_at < ? "
    "GROUP BY milestone_id",
)


def cadence(con, ms, as_of):
    """存在问题's items not started and behind 序时进度, and open items nobody updated for 60 days."""
    lagging = [
        m for m in ms
        if not m["overdue"] and m["schedule"] == "not_started" and m["rag"] in ("amber", "red")
        and m["status"] != "blocked"
    ]  # fmt: skip
    listed = {m["id"] for m in lagging}
    by_item, by_task = {}, {}
    for sql in LAST:
        for mid, tid, value in con.execute(sql, (str(as_of + timedelta(days=1)),)):
            found, key = (by_item, mid) if mid is not None else (by_task, tid)
            d = date.fromisoformat(str(value)[:10])
            if key not in found or d > found[key]:
                found[key] = d
    stale = []
    for m in ms:
        if m["id"] in listed or m["schedule"] in ("overdue", "behind") or m["overdue"]:
            continue
        if m["status"] in ("done", "closed", "cancelled") or m["rag"] == "grey":
            continue
        days = [d for d in (by_item.get(m["id"]), by_task.get(m["task_id"])) if d is not None]
        last = max(days) if days else m["issued"]
        if last is None:
            continue
        last = max(min(last, as_of), m["clock"])
        if (as_of - last).days > 60:
            stale.append((m, last))

    def lag(m):
        e = f"{m['expected'] * 100:.0f}%"
        if m["progress"] is None:
            return f"落后序时进度：尚无完成数，序时{e}"
        return f"落后序时进度：完成{max(m['progress'], 0) * 100:.0f}%，序时{e}"

    return {
        "lagging": by_lead([item(m) | {"reason": lag(m)} for m in lagging]),
        "not_updated": by_lead(
            [item(m) | {"reason": f"{(as_of - d).days}天未更新（最近更新{day_zh(d)}）"} for m, d in stale]
        ),
        "stale_days": 60,
    }


def item(m):
    return {
        "id": m["id"],
        "plan": m["plan"],
        "code": m["code"],
        "target": m["target"],
        "task": m["task"],
        "due": m["due"].isoformat(),
        "days_left": m["days_left"],
        "schedule": m["schedule"],
        "reason": m["reason"],
        "lead": m["lead"],
        "lead_id": m["lead_id"],
    }


def by_lead(items):
    groups = {}
    for i in items:
        groups.setdefault(i["lead_id"], []).append(i)
    return [
        {"unit": groups[k][0]["lead"], "unit_id": k, "items": groups[k]}
        for k in sorted(groups, key=lambda k: (k is None, k or 0))
    ]


def indicators(con, as_of):
    rows = con.execute(
        "SELECT i.id, i.code, i.name, i.unit, i.attribute, i.cumulative, i.baseline_year,"
        " i.baseline_value, i.target_year, i.target_value FROM indicator i"
        " ORDER BY i.plan_id, i.position, i.id"
    ).fetchall()
    readings = {}
    for iid, period, value in con.execute(
        "SELECT indicator_id, period, value FROM indicatorreading ORDER BY period"
    ):
        readings.setdefault(iid, []).append((period, value))
    out = []
    for iid, code, name, unit, attr, cum, byear, base, tyear, target in rows:
        start = (byear + 1) if byear else (tyear or as_of.year)
        expected = elapsed_share(date(start, 1, 1), date(tyear or start, 12, 31), as_of)
        known = [r for r in readings.get(iid, []) if period_end(r[0]) <= as_of]
        latest = known[-1] if known else None
        value = latest[1] if latest else None
        if value is None or target is None:
            progress = None
        elif base is None:
            progress = value / target if target else None
        else:
            progress = (
                (1.0 if value >= target else 0.0) if target == base else (value - base) / (target - base)
            )
        out.append(
            {
                "code": code,
                "name": name,
                "unit": unit or "",
                "attribute": attr,
                "cumulative": bool(cum),
                "baseline_year": byear,
                "baseline": base,
                "latest_period": latest[0] if latest else None,
                "latest": value,
                "target_year": tyear,
                "target": target,
                "progress": None if progress is None else round(progress, 4),
                "expected": round(expected, 4),
                "readings": {p: v for p, v in known if p.isdigit()},
            }
        )
    return out


FIELDS = ("status", "actual", "due")  # a milestone's fields 本期进展 reports, in its order
STATED = "SELECT command_id, new FROM change WHERE entity = 'command' AND field = 'as_of'"  # --as-of days


def utc(d):
    return datetime.combine(d, time.min).astimezone().astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def net(rows):
    """Per field, its value before the first row and after the last; fields back where they began left out."""
    first, last = {}, {}
    for r in rows:
        first.setdefault(r[5], r[6])
        last[r[5]] = r[7]
    return {k: (first[k], last[k]) for k in last if first[k] != last[k]}


def field_text(name, old, new, m):
    if name == "status":
        return f"状态 {present.status(old, 'zh') if old else '—'}→{present.status(new, 'zh') if new else '—'}"
    if name == "actual":
        was = present.number(float(old)) if old else "—"
        now = present.number(float(new)) if new else "—"
        return f"实际 {was}→{now}{m['unit'] or ''}"
    return f"完成时限 {old or '—'}→{new or '—'}"


def changes(con, since, until, ms, evidence, reports, inds):
    """本期进展: per item its net change in the period, by the day each command was made for (its stated
    --as-of day, else the local day it was logged); a seed load's rows are the starting record."""
    by_id = {m["id"]: m for m in ms}
    by_task = {}
    for m in ms:
        by_task.setdefault(m["task_id"], m)
    stated = {c: date.fromisoformat(v[:10]) for c, v in con.execute(STATED) if v}

    def day(r):
        return stated.get(r[2]) or datetime.fromisoformat(r[1]).replace(tzinfo=UTC).astimezone().date()

    log = [
        r
        for r in con.execute(
            "SELECT id, at, command_id, entity, entity_id, field, old, new, reason, command FROM change"
            " WHERE at >= ? ORDER BY id",
            (utc(since),),
        )
        if not (r[9] or "").startswith("seed load") and since <= day(r) <= until
    ]
    readings = dict(
        (
            (i, f"{c} {p}")
            for i, c, p in con.execute(
                "SELECT r.id, i.code, r.period FROM indicatorreading r JOIN indicator i ON i.id = r.indicator_id"
            )
        )
    )
    names = {i["code"]: i for i in inds}
    out, groups, readings_by = [], {}, {}
    for r in log:
        if r[3] == "milestone" and r[5] in FIELDS and r[4] in by_id:
            groups.setdefault(r[4], []).append(r)
        elif r[3] == "reading" and r[5] == "value" and r[4] in readings:
            readings_by.setdefault(readings[r[4]], []).append(r)
    for mid, rows in groups.items():
        changed = net(rows)
        if not changed:
            continue
        m = by_id[mid]
        text = "；".join(field_text(f, *changed[f], m) for f in FIELDS if f in changed)
        reasons = [r[8] for r in rows if r[5] in changed and r[8]]
        if reasons:
            text += f"（{reasons[-1]}）"
        out.append((rows[-1][0], day(rows[-1]), m["plan"], m["target"], "milestone", text, m["lead_unit"]))
    for lab, rows in readings_by.items():
        code, _, period = lab.rpartition(" ")
        ind, value = names.get(code), net(rows).get("value")
        if ind is None or value is None:
            continue
        old, new = (f"{present.number(float(v))}{ind['unit']}" if v else "—" for v in value)
        text = f"{period}年读数{f'{old}→{new}' if value[0] else new}"
        out.append((rows[-1][0], day(rows[-1]), "", ind["name"], "reading", text, ""))
    for r in log:
        if r[5] != "created":
            continue
        if r[3] == "evidence" and r[4] in evidence:
            e = evidence[r[4]]
            m = by_id.get(e[0]) if e[0] else by_task.get(e[1])
            if m is not None:
                out.append((r[0], day(r), m["plan"], m["target"], "evidence", "新增佐证材料" + e[2], m["lead_unit"]))
        elif r[3] == "progress" and r[4] in reports:
            p = reports[r[4]]
            m = by_id.get(p[2]) if p[2] else by_task.get(p[1])
            if m is not None:
                who = label(p[9], p[10], p[11]) if p[9] is not None else ""
                text = f"报送{p[3]}进展：{p[4] or ''}".rstrip("：")
                out.append((r[0], day(r), m["plan"], m["target"], "progress", text, who))
    out.sort(key=lambda x: x[0])
    keys = ("day", "plan", "item", "kind", "text", "unit")
    return [dict(zip(keys, (x[1].isoformat(), *x[2:]), strict=True)) for x in out]


def main():
    db, as_of = sys.argv[1], date.fromisoformat(sys.argv[2])
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    issues = con.execute(
        "SELECT issue_no, as_of FROM reportissue WHERE kind = 'weekly' AND scope = 'plan=*;unit=*'"
    )
    issues = [(n, date.fromisoformat(d)) for n, d in issues]
    same = next((n for n, d in issues if d == as_of), None)
    number_ = same or max((n for n, _ in issues), default=0) + 1
    previous = max((d for _, d in issues if d < as_of), default=None)
    since = previous + timedelta(days=1) if previous else as_of - timedelta(days=6)
    ms = milestones(con, as_of)
    plan_rows = con.execute(PLANS).fetchall()
    keys = {m["plan"] for m in ms}
    plans = [
        {
            "id": r[0],
            "key": r[1],
            "doc_no": r[2],
            "title": r[3],
            "short_title": r[4],
            "issuer": r[5],
            "issued": r[6],
            "period_start": r[7],
            "period_end": r[8],
            "parent_key": r[9],
            "source": r[10],
            "quote": r[11],
            "tasks": r[12],
            "milestones": r[13],
            "indicators": r[14],
        }
        for r in plan_rows
        if r[1] in keys or not ms
    ]
    titles = {p["key"]: p["short_title"] or p["title"] for p in plans}
    programmes = {}
    for m in ms:
        programmes.setdefault((m["plan"], m["pcode"]), (m["ptitle"], []))[1].append(m)
    multi = len(plans) > 1
    evidence, proofs = {}, {}
    for eid, mid, tid, text, doc, file, accepted in con.execute(
        "SELECT id, milestone_id, task_id, text, doc_no, file_name, accepted_by FROM evidence ORDER BY id"
    ):
        what = "，".join(b for b in (text, doc, file) if b)
        evidence[eid] = (mid, tid, what)
        if mid is not None:
            proofs.setdefault(mid, []).append(what + ("（已认定）" if accepted else ""))
    all_reports = {r[0]: r for r in con.execute(REPORTS)}
    reports = [r for r in all_reports.values() if period_start(r[3]) <= as_of]
    latest = {}
    for r in reports:
        key = ("m", r[2]) if r[2] is not None else ("t", r[1])
        best = latest.get(key)
        if best is None or (period_start(r[3]), r[0]) > (period_start(best[3]), best[0]):
            latest[key] = r
    inds = indicators(con, as_of)
    ledger = []
    for n, m in enumerate(ms, 1):
        r = latest.get(("m", m["id"])) or latest.get(("t", m["task_id"]))
        status = present.schedule(m["schedule"], "zh") + (
            f"（{m['actual']}）" if m["actual"] is not None else ""
        )
        ledger.append(
            {
                "no": n,
                "programme": m["programme"],
                "task": m["task"],
                "target": m["target"],
                "lead": m["lead"],
                "co": m["co"],
                "due": day_zh(m["due"]),
                "progress": (r[4] or "") if r else "",
                "problems": (r[5] or "") if r else "",
                "next_steps": (r[6] or "") if r else "",
                "evidence": "；".join(proofs.get(m["id"], ())),
                "status": status,
                "due_on": m["due"].isoformat(),
            }
        )
    data = {
        "as_of": as_of.isoformat(),
        "since": since.isoformat(),
        "issue_no": number_,
        "issuer": "区科技局",
        "plans": plans,
        "unit": None,
        "overall": count_row("合计", ms),
        "programmes": [
            count_row(f"{titles.get(p, p)}·{c} {t}" if multi else f"{c} {t}", g)
            for (p, c), (t, g) in programmes.items()
        ],
        "changes": changes(con, since, as_of, ms, evidence, all_reports, inds),
        "overdue": by_lead([item(m) for m in ms if m["schedule"] == "overdue"]),
        "behind": by_lead([item(m) for m in ms if m["schedule"] == "behind"]),
        "due_soon": sorted((item(m) for m in ms if m["due_soon"]), key=lambda i: (i["due"], i["id"])),
        "due_soon_days": 14,
        "indicators": inds,
        "ledger": ledger,
        "has_demo": any(m["demo"] for m in ms) or any(r[8] for r in reports),
    }
    head = con.execute("SELECT id, hash FROM change ORDER BY id DESC LIMIT 1").fetchone()
    data["chain_head_id"], data["chain_head"] = head or (0, "0" * 64)
    data["unmet"] = by_lead([item(m) for m in ms if m["schedule"] == "done_unmet"])
    data["returned"], data["stale_requests"], data["pending_days"] = [], [], 7  # generated: no review loop
    data["late_reporters"] = []  # generated: no reporting duties
    data |= cadence(con, ms, as_of)
    data |= {
        "kind": "weekly",
        "period": period_of("weekly", as_of),
        "year": None,
        "preview": True,  # --draft: not issued, no number printed
        "as_it_stood": True,  # --as-of: the milestones as they stood, the same rows here (nothing logged later)
        "items": [{"id": m["id"], "label": m["target"], "lead": m["lead"], "schedule": m["schedule"], "rag": m["rag"]}
                  for m in ms],
        "compared": None,  # generated issues keep no frozen figures to compare with
        "classes": [],  # halfyear and annual only
        "forecasts": [],
    }
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


main()
