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

MEASURES = ("on_time_completion", "reporting", "evidence", "returns", "overdue")
KINDS = ("rate", "deduction")


class RulesError(ValueError):
    """A rules file tasktrack cannot use; the message names the file, the rule and the fix."""


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
        raise RulesError(f"cannot read the rules file {path}: {exc}") from None
    return parse_rules(text, str(path))


def parse_rules(text: str, source: str) -> Rules:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{source} is not TOML: {exc}") from None
    entries = data.get("rule")
    if not isinstance(entries, list) or not entries:
        raise RulesError(f"{source} has no [[rule]] tables; see the default: tasktrack report scores --show-rules")
    rules = tuple(_rule(e, n, source) for n, e in enumerate(entries, 1))
    full = _number(data.get("full", 100), f"{source}: full")
    weights = sum(r.weight for r in rules if r.kind == "rate")
    if abs(weights - full) > 1e-9:
        raise RulesError(f"{source}: the rate rules' weights add up to {weights:g}, not full = {full:g}; make them equal")
    title = data.get("title", "考核")
    if not isinstance(title, str):
        raise RulesError(f"{source}: title must be text")
    return Rules(title, full, rules, source)


def _rule(e: Any, n: int, source: str) -> Rule:
    where = f"{source}: rule {n}"
    if not isinstance(e, dict):
        raise RulesError(f"{where} is not a table")
    known = {"name", "name_en", "kind", "measure", "weight", "if_none", "per", "cap"}
    unknown = sorted(set(e) - known)
    if unknown:
        raise RulesError(f"{where}: unknown key {unknown[0]!r}; the keys are {', '.join(sorted(known))}")
    name = e.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RulesError(f"{where} needs a name, e.g. name = \"按时完成率\"")
    where = f"{source}: rule {n} ({name})"
    kind, measure = e.get("kind"), e.get("measure")
    if kind not in KINDS:
        raise RulesError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if measure not in MEASURES:
        raise RulesError(f"{where}: measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    name_en = e.get("name_en", name)
    if not isinstance(name_en, str):
        raise RulesError(f"{where}: name_en must be text")
    if kind == "rate":
        if "per" in e or "cap" in e:
            raise RulesError(f"{where}: a rate rule takes weight (and if_none), not per or cap")
        weight = _number(e.get("weight"), f"{where}: weight")
        if_none = e.get("if_none", "full")
        if if_none not in ("full", "zero"):
            raise RulesError(f"{where}: if_none must be \"full\" or \"zero\", not {if_none!r}")
        return Rule(name.strip(), name_en, kind, measure, weight=weight, if_none=if_none)
    if "weight" in e or "if_none" in e:
        raise RulesError(f"{where}: a deduction rule takes per (and cap), not weight or if_none")
    per = _number(e.get("per"), f"{where}: per")
    cap = _number(e["cap"], f"{where}: cap") if "cap" in e else None
    return Rule(name.strip(), name_en, kind, measure, per=per, cap=cap)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or value < 0:
        raise RulesError(f"{what} must be a number 0 or more, not {value!r}")
    if value > 1000:
        raise RulesError(f"{what} is {value!r}; points are at most 1000")
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
