"""考核 scoring: a rules file (TOML) read and checked, and a unit's score worked out from its items.

Pure: the ledger's rows come in as `Item`s (a reference to the row, and whether it passes); every point
of a result is the rule applied to the items listed with it, so a score can always be explained.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from tasktrack.errors import Said, Words

MEASURES = ("on_time_completion", "reporting", "evidence", "returns", "overdue")
KINDS = ("rate", "deduction")


class RulesError(Said, ValueError):
    """A rules file tasktrack cannot use: catalogue words naming the file, the rule and the fix; str() is
    the English line."""

    def __init__(self, message: str | Words, /, **params: object) -> None:
        super().__init__(self._say(message, params))


@dataclass(frozen=True)
class Rule:
    name: str
    name_en: str
    kind: str  # rate | deduction
    measure: str
    weight: float = 0.0  # rate: the points for every item passing
    if_none: str = "full"  # rate with no items: full points or none
    per: float = 0.0  # deduction: points off per item
    cap: float | None = None  # deduction: at most this many points off

    def label(self, lang: str) -> str:
        return self.name if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Rules:
    title: str
    full: float
    rules: tuple[Rule, ...]
    source: str  # the file the rules came from ("default" for the bundled one)


@dataclass(frozen=True)
class Item:
    """One ledger row a rule counts: `ref` names it (m20 milestone, p7 progress report, e4 evidence, r2
    request; d1/2021-09 a duty's period with no filing), `ok` whether it passes, `note` what it is."""

    ref: str
    ok: bool
    note: str = ""


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    points: float  # earned (rate) or taken off (deduction, negative)
    items: tuple[Item, ...]

    @property
    def passed(self) -> int:
        return sum(1 for i in self.items if i.ok)

    @property
    def lost(self) -> float:
        """Points this rule cost the unit: a rate's shortfall from its weight, a deduction's points."""
        return round(self.rule.weight - self.points, 2) if self.rule.kind == "rate" else -self.points


@dataclass(frozen=True)
class UnitScore:
    unit_id: int
    unit: str
    score: float
    results: tuple[RuleResult, ...]


def default_rules_text() -> str:
    return resources.files("tasktrack.domain").joinpath("scores.toml").read_text(encoding="utf-8")


def load_rules(path: Path | None = None) -> Rules:
    """The rules in `path` (TOML), else the bundled default; RulesError on anything wrong, in one line."""
    if path is None:
        return parse_rules(default_rules_text(), "default")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError("err.dom.rules.cannot_read", path=path, why=exc) from None
    return parse_rules(text, str(path))


def parse_rules(text: str, source: str) -> Rules:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError("err.dom.rules.not_toml", source=source, why=exc) from None
    entries = data.get("rule")
    if not isinstance(entries, list) or not entries:
        raise RulesError("err.dom.rules.none", source=source)
    rules = tuple(_rule(e, n, source) for n, e in enumerate(entries, 1))
    full = _number(data.get("full", 100), Words("err.dom.rules.field", where=source, field="full"))
    weights = sum(r.weight for r in rules if r.kind == "rate")
    if abs(weights - full) > 1e-9:
        raise RulesError("err.dom.rules.weights", source=source, weights=weights, full=full)
    title = data.get("title", "考核")
    if not isinstance(title, str):
        raise RulesError("err.dom.rules.title", source=source)
    return Rules(title, full, rules, source)


def _rule(e: Any, n: int, source: str) -> Rule:
    where = Words("err.dom.rules.rule", source=source, n=n)
    if not isinstance(e, dict):
        raise RulesError("err.dom.rules.not_table", where=where)
    known = {"name", "name_en", "kind", "measure", "weight", "if_none", "per", "cap"}
    unknown = sorted(set(e) - known)
    if unknown:
        raise RulesError(
            "err.dom.rules.unknown_key", where=where, key=unknown[0], keys=", ".join(sorted(known))
        )
    name = e.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RulesError("err.dom.rules.no_name", where=where)
    where = Words("err.dom.rules.named_rule", source=source, n=n, name=name)
    kind, measure = e.get("kind"), e.get("measure")
    if kind not in KINDS:
        raise RulesError("err.dom.rules.kind", where=where, kinds=", ".join(KINDS), kind=kind)
    if measure not in MEASURES:
        raise RulesError("err.dom.rules.measure", where=where, measures=", ".join(MEASURES), measure=measure)
    name_en = e.get("name_en", name)
    if not isinstance(name_en, str):
        raise RulesError("err.dom.rules.name_en", where=where)
    if kind == "rate":
        if "per" in e or "cap" in e:
            raise RulesError("err.dom.rules.rate_keys", where=where)
        weight = _number(e.get("weight"), Words("err.dom.rules.field", where=where, field="weight"))
        if_none = e.get("if_none", "full")
        if if_none not in ("full", "zero"):
            raise RulesError("err.dom.rules.if_none", where=where, value=if_none)
        return Rule(name.strip(), name_en, kind, measure, weight=weight, if_none=if_none)
    if "weight" in e or "if_none" in e:
        raise RulesError("err.dom.rules.deduction_keys", where=where)
    per = _number(e.get("per"), Words("err.dom.rules.field", where=where, field="per"))
    cap = _number(e["cap"], Words("err.dom.rules.field", where=where, field="cap")) if "cap" in e else None
    return Rule(name.strip(), name_en, kind, measure, per=per, cap=cap)


def _number(value: Any, what: Words) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or value < 0:
        raise RulesError("err.dom.rules.number", what=what, value=value)
    if value > 1000:
        raise RulesError("err.dom.rules.too_many", what=what, value=value)
    return float(value)


def apply(rule: Rule, items: tuple[Item, ...]) -> RuleResult:
    """The points `rule` gives for `items`."""
    if rule.kind == "rate":
        if not items:
            points = rule.weight if rule.if_none == "full" else 0.0
        else:
            points = rule.weight * sum(1 for i in items if i.ok) / len(items)
        return RuleResult(rule, round(points, 2), items)
    off = rule.per * sum(1 for i in items if not i.ok)
    if rule.cap is not None:
        off = min(off, rule.cap)
    return RuleResult(rule, -round(off, 2), items)


def score(unit_id: int, unit: str, rules: Rules, items: dict[str, tuple[Item, ...]]) -> UnitScore:
    """A unit's score: each rule on the items of its measure; never below 0."""
    results = tuple(apply(r, items.get(r.measure, ())) for r in rules.rules)
    total = max(0.0, round(sum(r.points for r in results), 2))
    return UnitScore(unit_id, unit, total, results)
