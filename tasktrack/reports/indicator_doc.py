"""The indicator table: compact in the circular, and in the plan's own annex layout for a mid-term review."""

from __future__ import annotations

from datetime import date
from typing import Any

from tasktrack import present
from tasktrack.i18n import t
from tasktrack.reports.model import Cell, Document, Para, Table
from tasktrack.reports.weekly import IndicatorLine, indicator_line


def value(v: float | None, cumulative: bool) -> str:
    """A figure as the plan prints it: 【】 around cumulative counts."""
    text = present.number(v)
    return f"【{text}】" if cumulative and text else text


def _share(x: float | None) -> str:
    return "" if x is None else f"{x * 100:.1f}%"


def _gap(i: IndicatorLine, lang: str) -> str:
    if i.progress is None:
        return ""
    points = round((i.progress - i.expected) * 100, 1)
    sign = "+" if points >= 0 else "−"
    return t("rep.gap", lang, sign=sign, points=f"{abs(points):.1f}")


def indicator_table(lines: tuple[IndicatorLine, ...], lang: str, *, compact: bool) -> Table:
    if compact:
        return _compact(lines, lang)
    return _annex(lines, lang)


def _compact(lines: tuple[IndicatorLine, ...], lang: str) -> Table:
    heads = tuple(
        t(k, lang)
        for k in (
            "col.no",
            "col.indicator",
            "unit",
            "attribute",
            "baseline",
            "latest",
            "goal",
            "achieved",
            "expected",
            "col.vs",
        )
    )
    rows = tuple(
        (
            n,
            i.name,
            i.unit,
            t(f"{i.attribute}_attr", lang),
            value(i.baseline, i.cumulative),
            value(i.latest, i.cumulative) + (f"（{i.latest_period}）" if i.latest_period else ""),
            value(i.target, i.cumulative),
            _share(i.progress),
            _share(i.expected),
            _gap(i, lang),
        )
        for n, i in enumerate(lines, 1)
    )
    return Table(
        "indicators",
        t("rep.indicators", lang),
        heads,
        rows,
        (4, 30, 5, 7, 8, 14, 8, 9, 9, 12),
        (True, False, False, False, True, True, True, True, True, True),
    )


def years(lines: tuple[IndicatorLine, ...]) -> tuple[int | None, list[int], int | None]:
    """(baseline year, the years between, target year) spanning all the lines."""
    base = min((i.baseline_year for i in lines if i.baseline_year), default=None)
    target = max((i.target_year for i in lines if i.target_year), default=None)
    first = (base + 1) if base else None
    span = list(range(first, target + 1)) if first and target else []
    return base, span, target


def _annex(lines: tuple[IndicatorLine, ...], lang: str) -> Table:
    base, span, target = years(lines)
    heads = [t(k, lang) for k in ("col.no", "col.indicator", "unit", "attribute")]
    heads.append(t("rep.baseline_year", lang, y=base) if base else t("baseline", lang))
    heads += [t("rep.year", lang, y=y) for y in span]
    heads.append(t("rep.target_year", lang, y=target) if target else t("goal", lang))
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            n,
            i.name,
            i.unit,
            t(f"{i.attribute}_attr", lang),
            value(i.baseline, i.cumulative),
            *(value(i.readings.get(str(y)), i.cumulative) for y in span),
            value(i.target, i.cumulative),
        )
        for n, i in enumerate(lines, 1)
    )
    widths = (4, 30, 5, 7, 9, *(9 for _ in span), 9)
    numeric = (True, False, False, False, *(True for _ in range(len(span) + 2)))
    return Table("indicators", t("rep.ind_title", lang), tuple(heads), rows, widths, numeric)


def indicators_document(ledger: Any, as_of: date, plan: str | None = None) -> Document:
    """`tasktrack report indicators`: every plan's indicator table, each in its annex layout."""
    lang = ledger.ctx.lang
    views = ledger.indicators.list(plan, as_of)
    plans = {p.key: p for p in ledger.plans.list()}
    blocks: list[Any] = []
    keys = list(dict.fromkeys(v.plan for v in views))
    for key in keys:
        lines = tuple(indicator_line(v, as_of) for v in views if v.plan == key)
        p = plans[key]
        if len(keys) > 1:
            blocks.append(Para(f"《{p.title}》", "note"))
        blocks.append(indicator_table(lines, lang, compact=False))
    if not views:
        blocks.append(Para(t("no_rows", lang)))
    blocks.append(Para(t("rep.ind_note", lang), "note"))
    if any(r.is_demo for v in views for r in v.readings):
        blocks.append(Para(t("rep.demo_note", lang), "note"))
    cite = "；".join(
        f"《{plans[k].title}》" + (f"（{plans[k].doc_no}）" if plans[k].doc_no else "") for k in keys
    )
    return Document(
        title=t("rep.ind_title", lang),
        subtitle=(t("rep.as_of", lang, date=present.day(as_of, lang)), *([cite] if cite else [])),
        blocks=tuple(blocks),
        name=f"indicators-{as_of.isoformat()}",
        lang=lang,
    )
