"""Floor for `tasktrack remind --format json`: the same rows, grouped the same way, the same bytes out.

    python benchmarks/floors/remind.py DB AS_OF

sqlite3 and json from the standard library, and tasktrack's pure rule modules for 序时进度
(tasktrack.domain.progress, standard library only: the same colour must come out). Default settings
(remind_days 7 and 3, coordinator 区科技局, no coordinator e-mail, stale_days 60, the default 三色督办
ladder with no contacts), Chinese.
"""

import json
import sqlite3
import sys
from datetime import date, timedelta

from tasktrack.domain.kinds import Comparison, MeasureKind, Status
from tasktrack.domain.progress import MilestoneFacts, Thresholds, assess, measure_start

SQL = """
SELECT m.id, p.key, m.code, m.metric, m.due, m.target, m.unit, m.comparison, m.kind,
       u.id, u.name, u.email, u.is_demo, p.title, p.doc_no,
       m.task_id, t.parent_id, pt.parent_id, m.year, m.baseline_year, m.baseline_value, m.actual, m.status,
       p.period_start, p.issued
FROM milestone m
JOIN plan p ON p.id = m.plan_id
JOIN task t ON t.id = m.task_id
LEFT JOIN task pt ON pt.id = t.parent_id
LEFT JOIN task g ON g.id = pt.parent_id
LEFT JOIN responsibility r0 ON r0.task_id = t.id AND r0.role = 'lead'
LEFT JOIN responsibility r1 ON r1.task_id = pt.id AND r1.role = 'lead'
LEFT JOIN responsibility r2 ON r2.task_id = g.id AND r2.role = 'lead'
LEFT JOIN unit u ON u.id = coalesce(r0.unit_id, r1.unit_id, r2.unit_id)
WHERE m.status NOT IN ('done', 'closed', 'cancelled')
ORDER BY m.due, m.id
"""
CO = """SELECT r.task_id, u.id, u.name, u.email, u.is_demo FROM responsibility r JOIN unit u ON u.id = r.unit_id
WHERE r.role = 'co' ORDER BY r.id"""
LAST = (
    "SELECT entity_id, NULL, max(at) FROM change WHERE entity = 'milestone' AND at < ? GROUP BY entity_id",
    "SELECT milestone_id, task_id, max(created_at) FROM progressreport WHERE created_at < ? "
    "GROUP BY milestone_id, task_id",
    "SELECT milestone_id, NULL, max(created_at) FROM evidence WHERE milestone_id IS NOT NULL AND created_at < ? "
    "GROUP BY milestone_id",
)
LEVELS = ("due_soon", "stale", "lagging", "returned", "overdue", "overdue_30")
COLOURS = ("blue", "yellow", "red")
SYMBOL = {">=": "≥", ">": ">", "=": "=", "<=": "≤"}


def number(v):
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.4f}".rstrip("0").rstrip(".")


def newest(found, key, value):
    if value is not None:
        d = date.fromisoformat(str(value)[:10])
        if key not in found or d > found[key]:
            found[key] = d


def main():
    db, as_of = sys.argv[1], date.fromisoformat(sys.argv[2])
    within, steps = 7, [3, 7]
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    sent = set(con.execute("SELECT milestone_id, stage, unit_id FROM remindersent"))
    history = {}
    for mid, stage, _ in con.execute(
        "SELECT milestone_id, stage, as_of FROM remindersent WHERE stage LIKE 'ladder-%' ORDER BY as_of, id"
    ):
        if stage not in history.setdefault(mid, []):
            history[mid].append(stage)
    returns = dict(con.execute("SELECT milestone_id, count(*) FROM request WHERE state = 'returned' GROUP BY milestone_id"))
    co = {}
    for tid, uid, name, email, demo in con.execute(CO):
        co.setdefault(tid, []).append((uid, name, email, demo))
    until = (str(as_of + timedelta(days=1)),)
    by_item, by_task = {}, {}
    for sql in LAST:
        for mid, tid, value in con.execute(sql, until):
            if mid is not None:
                newest(by_item, mid, value)
            else:
                newest(by_task, tid, value)
    units, plans_of, lead_items, candidates = {}, {}, {}, []
    th = Thresholds()
    for (
        mid, plan, code, metric, due, target, unit, cmp, kind, uid, uname, email, demo, title, doc,
        tid, parent, grand, year, byear, base, actual, status, pstart, issued,
    ) in con.execute(SQL):  # fmt: skip
        due_d = date.fromisoformat(due)
        left = (due_d - as_of).days
        plans_of.setdefault(plan, {"key": plan, "title": title, "doc_no": doc})
        if uid:
            units[uid] = ({"id": uid, "name": uname, "demo": bool(demo)}, email)
        seen, cos = {uid}, []
        for t in (tid, parent, grand):
            for cid, cname, cemail, cdemo in co.get(t, ()) if t else ():
                if cid not in seen:
                    seen.add(cid)
                    cos.append(cid)
                    units[cid] = ({"id": cid, "name": cname, "demo": bool(cdemo)}, cemail)
        goal = "事件" if kind == "event" or target is None else f"{SYMBOL.get(cmp, cmp)}{number(target)}{unit or ''}"
        base_item = {
            "milestone_id": mid, "plan": plan, "code": code, "metric": metric, "target": goal, "due": due,
            "days_left": left,
        }  # fmt: skip
        row = (base_item, uid, cos)
        if left <= within:  # overdue or due soon: chased for its date
            if left < 0:
                level, stage = ("overdue_30" if left < -30 else "overdue"), f"overdue-w{(-left - 1) // 7}"
            else:
                level, stage = "due_soon", f"soon-{min((s for s in steps if s >= left), default=max(steps))}"
            lead_items.setdefault(uid, []).append((row, level, stage, None))
            continue
        k = MeasureKind(kind)
        start = measure_start(k, year, byear, pstart)
        a = assess(MilestoneFacts(k, Status(status), due_d, start, target, actual, base, Comparison(cmp), unit), as_of, th)
        rag, sched = a.rag.value, a.schedule.value
        if rag in ("amber", "red") and sched in ("not_started", "behind") and status != "blocked":
            e = f"{round(a.expected, 4) * 100:.0f}%"  # as the views round them
            rule = (
                f"落后序时进度：尚无完成数，序时{e}"
                if a.progress is None
                else f"落后序时进度：完成{max(round(a.progress, 4), 0) * 100:.0f}%，序时{e}"
            )
            candidates.append((row, "lagging", f"lagging-{rag}", rule))
            continue
        days = [d for d in (by_item.get(mid), by_task.get(tid)) if d is not None]
        last = max(days) if days else (date.fromisoformat(issued[:10]) if issued else None)
        if last is None or rag == "grey":
            continue
        last = max(min(last, as_of), measure_start(k, year, byear, None))
        if (as_of - last).days > 60:
            rule = f"{(as_of - last).days}天未更新（最近更新{last.year}年{last.month}月{last.day}日）"
            candidates.append((row, "stale", f"stale-{last.isoformat()}", rule))
    order = sorted(lead_items, key=lambda k: (k is None, k or 0))
    by_lead = {k: lead_items[k] for k in order}
    for entry in candidates:
        by_lead.setdefault(entry[0][1], []).append(entry)
        order.append(entry[0][1])
    by_co = {}
    for entries in by_lead.values():
        for entry in entries:
            for cid in entry[0][2]:
                by_co.setdefault(cid, []).append(entry)
    leads = {u for u in order if u}
    order += [c for c in sorted(by_co) if c not in leads]
    notices = []
    for uid in dict.fromkeys(order):
        entries = [(e, "lead") for e in by_lead.get(uid, [])] + [(e, "co") for e in by_co.get(uid, [])] * (uid is not None)
        items = []
        for ((item, _, _), level, stage, note), role in entries:
            left, mid = item["days_left"], item["milestone_id"]
            if returns.get(mid, 0) >= 2 or (left < 0 and -left > 30):
                colour = "red"
            elif left < 0 or level == "lagging":
                colour = "yellow"
            elif level == "due_soon" and left <= 7:
                colour = "blue"
            else:
                colour = None
            steps_sent = history.get(mid, [])
            key = None
            if colour:
                last_colour = steps_sent[-1][len("ladder-"):].split("-", 1)[0] if steps_sent else None
                if last_colour == colour:
                    key = steps_sent[-1]
                elif not any(s[len("ladder-"):].split("-", 1)[0] == colour for s in steps_sent):
                    key = f"ladder-{colour}"
                else:
                    key = f"ladder-{colour}-{as_of.isoformat()}"
            items.append(item | {
                "level": level, "stage": stage, "sent": (mid, stage, uid) in sent, "note": note, "role": role,
                "ladder": colour, "ladder_stage": key, "ladder_sent": key is None or (mid, key, uid) in sent,
                "also": None, "history": [],
            })  # fmt: skip
        if not items:
            continue
        unit, email = units[uid] if uid else (None, None)
        plans = {}
        for i in items:
            plans.setdefault(i["plan"], plans_of[i["plan"]])
        colours = [i["ladder"] for i in items if i["ladder"]]
        notices.append(
            {
                "unit": unit,
                "to": (unit["name"] + ("（示例）" if unit["demo"] else "")) if unit else "区科技局",
                "email": email,
                "level": max((i["level"] for i in items), key=LEVELS.index),
                "new": any(not i["sent"] or not i["ladder_sent"] for i in items),
                "reply_by": str(as_of + timedelta(days=7)),
                "ladder": max(colours, key=COLOURS.index) if colours else None,
                "cc": [],
                "plans": list(plans.values()),
                "items": items,
                "readings": [],  # generated: no indicator has a data owner
            }
        )
    levels = {i["level"] for n in notices for i in n["items"]}
    code = 11 if levels & {"overdue", "overdue_30"} else 12 if "lagging" in levels else 13 if "stale" in levels else (10 if notices else 0)
    data = {"as_of": str(as_of), "within_days": within, "exit_code": code, "notices": notices}
    data["duties"] = []  # generated: no reporting duties (and no linked milestones: "also" is null)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


main()
