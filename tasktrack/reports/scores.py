"""The 考核 result as a district sends it up to the city: 单位, 得分, 扣分项, 说明; with --explain, the rows
behind every point. Built as a Document (every renderer reads it) and as plain data for JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from tasktrack import present
from tasktrack.domain.scoring import RuleResult, Rules, UnitScore
from tasktrack.i18n import t
from tasktrack.reports.model import Block, Document, Heading, Para, Table


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def _count(r: RuleResult, lang: str) -> str:
    """What a rule counted: 3/5 for a rate, 2项 for a deduction."""
    if r.rule.kind == "rate":
        return f"{r.passed}/{len(r.items)}" if r.items else t("score.none", lang)
    return t("score.n_items", lang, n=len(r.items))


def deductions(s: UnitScore, lang: str) -> str:
    """扣分项: every rule that cost points, with what it cost."""
    sep = "；" if lang == "zh" else "; "
    parts = [f"{r.rule.label(lang)} {_count(r, lang)}（-{_num(r.lost)}）" if lang == "zh"
             else f"{r.rule.label(lang)} {_count(r, lang)} (-{_num(r.lost)})"
             for r in s.results if r.lost > 0]  # fmt: skip
    return sep.join(parts) or t("score.no_deduction", lang)


def explanation(s: UnitScore, lang: str) -> str:
    """说明: each rule, what it counted and the points it gave."""
    sep = "；" if lang == "zh" else "; "
    return sep.join(
        t("score.rule_line", lang, rule=r.rule.label(lang), count=_count(r, lang), points=_num(r.points))
        for r in s.results
    )


def document(scores: list[UnitScore], rules: Rules, year: int, as_of: date, lang: str, *, explain: bool) -> Document:
    rows = tuple((s.unit, _num(s.score), deductions(s, lang), explanation(s, lang)) for s in scores)
    heads = (t("unit", lang), t("score.score", lang), t("score.deductions", lang), t("score.notes", lang))
    blocks: list[Block] = [
        Table("scores", t("score.table", lang), heads, rows, (18, 6, 36, 60), (False, True), empty=t("score.empty", lang)),
        Para(t("score.basis", lang, source=t("score.default", lang) if rules.source == "default" else rules.source,
               full=_num(rules.full)), "note"),  # fmt: skip
    ]
    if explain:
        blocks.append(Heading(t("score.explain", lang)))
        heads = (t("unit", lang), t("score.rule", lang), t("score.points", lang), t("score.rows", lang))
        trace = tuple(
            (s.unit, r.rule.label(lang), _num(r.points), _rows(r, lang))
            for s in scores
            for r in s.results
        )
        blocks.append(Table("explain", t("score.explain", lang), heads, trace, (18, 14, 6, 70), (False, False, True)))
    return Document(
        title=t("score.title", lang, year=year, title=rules.title),
        subtitle=(t("rep.as_of", lang, date=present.day(as_of, lang)),),
        blocks=tuple(blocks),
        name=f"scores-{year}",
        lang=lang,
    )


def _rows(r: RuleResult, lang: str) -> str:
    """The rows behind a rule's points: ✓ for an item that passes, ✗ for one that does not."""
    if not r.items:
        return t("score.none", lang)
    return " ".join(f"{'✓' if i.ok else '✗'}{i.ref}" for i in r.items)


def data(scores: list[UnitScore], rules: Rules, year: int, as_of: date, lang: str) -> dict[str, Any]:
    """The result as JSON: every unit, every rule, and every item with its row."""
    return {
        "year": year,
        "as_of": as_of,
        "rules": rules.source,
        "full": rules.full,
        "units": [
            {
                "unit_id": s.unit_id,
                "unit": s.unit,
                "score": s.score,
                "deductions": deductions(s, lang),
                "notes": explanation(s, lang),
                "rules": [
                    {
                        "rule": r.rule.name,
                        "measure": r.rule.measure,
                        "kind": r.rule.kind,
                        "points": r.points,
                        "items": [{"ref": i.ref, "ok": i.ok, "note": i.note} for i in r.items],
                    }
                    for r in s.results
                ],
            }
            for s in scores
        ],
    }
