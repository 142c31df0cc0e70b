"""Floor for `tasktrack remind --format json`: the same rows, grouped the same way, the same bytes out.

    python benchmarks/floors/remind.py DB AS_OF

Only the standard library: one SELECT through sqlite3, the sent-log, and json.dumps. Default settings
(remind_days 7 and 3, coordinator 区科技局, no coordinator e-mail), Chinese.
"""

import json
import sqlite3
import sys
from datetime import date, timedelta

SQL = """
SELECT m.id, p.key, m.code, m.metric, m.due, m.target, m.unit, m.comparison, m.kind,
       u.id, u.name, u.email, u.is_demo, p.title, p.doc_no
FROM milestone m
JOIN plan p ON p.id = m.plan_id
JOIN task t ON t.id = m.task_id
LEFT JOIN task pt ON pt.id = t.parent_id
LEFT JOIN task g ON g.id = pt.parent_id
LEFT JOIN responsibility r0 ON r0.task_id = t.id AND r0.role = 'lead'
LEFT JOIN responsibility r1 ON r1.task_id = pt.id AND r1.role = 'lead'
LEFT JOIN responsibility r2 ON r2.task_id = g.id AND r2.role = 'lead'
LEFT JOIN unit u ON u.id = coalesce(r0.unit_id, r1.unit_id, r2.unit_id)
WHERE m.status NOT IN ('done', 'closed', 'cancelled') AND m.due <= ?
ORDER BY m.due, m.id
"""
LEVELS = ("due_soon", "overdue", "overdue_30")
SYMBOL = {">=": "≥", ">": ">", "=": "=", "<=": "≤"}


def number(v):
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.4f}".rstrip("0").rstrip(".")


def main():
    db, as_of = sys.argv[1], date.fromisoformat(sys.argv[2])
    within, steps = 7, [3, 7]
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    sent = set(con.execute("SELECT milestone_id, stage, unit_id FROM remindersent"))
    groups = {}
    for (
        mid,
        plan,
        code,
        metric,
        due,
        target,
        unit,
        cmp,
        kind,
        uid,
        uname,
        email,
        demo,
        title,
        doc,
    ) in con.execute(SQL, (str(as_of + timedelta(days=within)),)):
        left = (date.fromisoformat(due) - as_of).days
        if left < 0:
            level = "overdue_30" if left < -30 else "overdue"
            stage = f"overdue-w{(-left - 1) // 7}"
        else:
            level, stage = "due_soon", f"soon-{min((s for s in steps if s >= left), default=max(steps))}"
        g = groups.setdefault(
            uid, ({"id": uid, "name": uname, "demo": bool(demo)} if uid else None, email, [], [], {})
        )
        g[4].setdefault(plan, {"key": plan, "title": title, "doc_no": doc})
        goal = (
            "事件"
            if kind == "event" or target is None
            else f"{SYMBOL.get(cmp, cmp)}{number(target)}{unit or ''}"
        )
        (g[2] if left < 0 else g[3]).append(
            {
                "milestone_id": mid,
                "plan": plan,
                "code": code,
                "metric": metric,
                "target": goal,
                "due": due,
                "days_left": left,
                "level": level,
                "stage": stage,
                "sent": (mid, stage, uid) in sent,
                "note": None,  # a return's reason; the generated ledgers have no returns (退回)
            }
        )
    notices = []
    for uid in sorted(groups, key=lambda k: (k is None, k or 0)):
        unit, email, overdue, soon, _ = groups[uid]
        items = overdue + soon
        plans = {}
        for i in items:
            plans.setdefault(i["plan"], groups[uid][4][i["plan"]])
        notices.append(
            {
                "unit": unit,
                "to": (unit["name"] + ("（示例）" if unit["demo"] else "")) if unit else "区科技局",
                "email": email,
                "level": max((i["level"] for i in items), key=LEVELS.index),
                "new": any(not i["sent"] for i in items),
                "reply_by": str(as_of + timedelta(days=7)),
                "plans": list(plans.values()),
                "items": items,
            }
        )
    code = 11 if any(n["level"] != "due_soon" for n in notices) else (10 if notices else 0)
    data = {"as_of": str(as_of), "within_days": within, "exit_code": code, "notices": notices}
    data["duties"] = []  # generated: no reporting duties
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


main()
