"""Reviewing a draft: list its items with their confidence, drop some, mark the rest as reviewed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tasktrack.errors import UserError


@dataclass(frozen=True)
class Item:
    kind: str  # task, milestone, indicator
    code: str
    confidence: float | None
    label: str
    quote: str
    why: str = ""  # the draft's note on the item: what lowered its confidence


def by_confidence(found: list[Item]) -> list[Item]:
    """The least certain first (those a reviewer must read), document order among equals."""
    return sorted(found, key=lambda i: 2.0 if i.confidence is None else i.confidence)


def _short(text: Any, n: int = 40) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _conf(d: dict[str, Any]) -> float | None:
    value = d.get("confidence")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def items(data: dict[str, Any]) -> list[Item]:
    """Every drafted item in document order."""
    out: list[Item] = []
    for plan in data.get("plans") or []:
        for i in plan.get("indicators") or []:
            target = (i.get("target") or {}).get("value")
            out.append(
                Item(
                    "indicator",
                    str(i.get("code")),
                    _conf(i),
                    _short(f"{i.get('name')} → {target}"),
                    _short(i.get("quote")),
                    _short(i.get("note"), 60),
                )
            )
        for task in _tasks(plan.get("tasks") or []):
            owner = f" [{task['lead']}]" if task.get("lead") else ""
            out.append(
                Item(
                    "task",
                    str(task.get("code")),
                    _conf(task),
                    _short(f"{task.get('title')}{owner}"),
                    _short(task.get("quote")),
                    _short(task.get("note"), 60),
                )
            )
            for m in task.get("milestones") or []:
                when = m.get("year") or "–".join(str(y) for y in m.get("every_year") or [])
                value = "" if m.get("target") is None else f" {m['target']}{m.get('unit') or ''}"
                out.append(
                    Item(
                        "milestone",
                        str(m.get("code")),
                        _conf(m),
                        _short(f"{when} {m.get('metric')}{value}"),
                        _short(m.get("quote")),
                        _short(m.get("note"), 60),
                    )
                )
    return out


def _tasks(tasks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for t in tasks:
        yield t
        yield from _tasks(t.get("tasks") or [])


def revise(data: dict[str, Any], *, drop: list[str], below: float | None, accept: bool) -> list[str]:
    """Drop the coded items and those below a confidence; with accept, what is kept gets confidence 1."""
    if below is not None and not 0 <= below <= 1:
        raise UserError("err.imp.below", below=below)
    known = {i.code for i in items(data)}
    missing = [c for c in drop if c not in known]
    if missing:
        raise UserError("err.imp.no_drafted", codes=", ".join(missing))
    wanted = set(drop)
    dropped: list[str] = []

    def gone(d: dict[str, Any]) -> bool:
        c = _conf(d)
        if str(d.get("code")) in wanted or (below is not None and c is not None and c < below):
            dropped.append(str(d.get("code")))
            return True
        if accept and c is not None:
            d["confidence"] = 1
        return False

    def walk(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
        kept = []
        for t in tasks:
            if gone(t):
                continue
            t["milestones"] = [m for m in t.get("milestones") or [] if not gone(m)]
            t["tasks"] = walk(t.get("tasks") or [])
            kept.append(t)
        return kept

    for plan in data.get("plans") or []:
        plan["indicators"] = [i for i in plan.get("indicators") or [] if not gone(i)]
        plan["tasks"] = walk(plan.get("tasks") or [])
    return dropped
