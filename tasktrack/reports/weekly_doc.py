"""The weekly circular worded as offices write it: title, 一、总体情况, 二、存在问题, 三、下步工作要求, 附件."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from tasktrack import present
from tasktrack.i18n import t
from tasktrack.reports.indicator_doc import indicator_table
from tasktrack.reports.model import Block, Cell, Chart, Document, Heading, Para, Sheet, SheetValue, Table
from tasktrack.reports.weekly import CountRow, Item, UnitItems, WeeklyReport

if TYPE_CHECKING:
    from tasktrack.config import Settings

REPLY_DAYS = 7  # units are asked to report back within a week
WORDS = {"done": "st.done", "on_schedule": "sch.on_schedule", "behind": "sch.behind"}
WORDS |= {"not_started": "sch.not_started", "overdue": "sch.overdue"}
# The chart's colours, one per word above: green done, blue on schedule, amber behind, grey, red overdue.
COLOURS = ("#2e7d32", "#1565c0", "#f9a825", "#9e9e9e", "#c62828")
DATE_FORMAT = {"zh": 'yyyy"年"m"月"d"日"', "en": "yyyy-mm-dd"}  # dates in the XLSX, as the text writes them
LEDGER_COLS = (
    ("col.no", 3),
    ("programme", 10),
    ("col.key_task", 14),
    ("col.target", 16),
    ("lead", 9),
    ("co", 12),
    ("due", 9),
    ("progress", 26),
    ("problems", 20),
    ("next_steps", 20),
    ("evidence", 16),
    ("col.status", 7),
)


def plan_cite(r: WeeklyReport, lang: str) -> str:
    """《title》（doc no）, joined: how a circular cites the plans it follows."""
    cites = [f"《{p.title}》" + (f"（{p.doc_no}）" if p.doc_no else "") for p in r.plans]
    return ("和" if lang == "zh" else " and ").join(cites)


def document(r: WeeklyReport, lang: str, settings: Settings | None = None) -> Document:
    """The circular; as a 公文 (masthead, 文号, 主送, 抄送, 印发 from `settings`) in PDF and .docx."""
    from tasktrack.config import Settings
    from tasktrack.reports.gongwen import letterhead

    date = present.day(r.as_of, lang)
    if len(r.plans) == 1:
        title = t("rep.title", lang, plan=r.plans[0].short_title or r.plans[0].title)
    else:
        title = t("rep.title_all", lang)
    if r.kind != "weekly":
        title = t("rep.title_kind", lang, title=title, kind=t(f"rep.kind.{r.kind}", lang))
    number = t("rep.preview", lang, n=r.issue_no) if r.preview else t("rep.issue", lang, n=r.issue_no)
    subtitle = [number]
    if r.kind != "weekly":
        subtitle.append(period_words(r.period, lang))
    subtitle.append(t("rep.as_of", lang, date=date))
    if r.unit:
        subtitle.append(t("rep.unit_scope", lang, unit=r.unit))
    if r.year is not None:
        subtitle.append(t("rep.year_scope", lang, year=r.year))
    blocks: list[Block] = [
        Para(t("rep.basis", lang, plans=plan_cite(r, lang)), "note"),
        Para(t("rep.opening", lang, date=date)),
        *_overall(r, lang),
        *_problems(r, lang),
        *_next(r, lang),
    ]
    if r.has_demo:
        blocks.append(Para(t("rep.demo_note", lang), "note"))
    if r.as_it_stood:
        blocks.append(Para(t("rep.as_it_stood", lang, date=date), "note"))
    blocks += [Para(r.issuer, "sign"), Para(date, "sign")]
    # The change log as it stood: a later rewrite of the history shows against this line.
    blocks.append(Para(t("rep.chain_head", lang, id=r.chain_head_id, hash=r.chain_head or "-"), "note"))
    blocks += [Heading(t("rep.annex", lang), 0), _ledger(r, lang)]
    return Document(
        title=title,
        subtitle=tuple(subtitle),
        blocks=tuple(blocks),
        name=f"{r.kind}-{r.as_of.isoformat()}",
        lang=lang,
        meta={"issuer": r.issuer, "as_of": r.as_of.isoformat()},
        letterhead=letterhead(settings or Settings(coordinator_name=r.issuer), r.issue_no, r.as_of, date),
    )


def _count_sentence(c: CountRow, lang: str) -> str:
    parts = [
        t("rep.part", lang, word=t(WORDS[k], lang), n=c.counts[k], share=f"{c.shares[k]:.1f}") for k in WORDS
    ]
    other = c.total - sum(c.counts.values())
    text = ("；" if lang == "zh" else "; ").join(parts)
    if other:
        text += ("；" if lang == "zh" else "; ") + t("rep.other", lang, n=other)
    return text


def _cell(c: CountRow, key: str) -> str:
    return f"{c.counts[key]}（{c.shares[key]:.1f}%）"


def _overall(r: WeeklyReport, lang: str) -> list[Block]:
    date = present.day(r.as_of, lang)
    heads = (
        t("col.no", lang),
        t("programme", lang),
        t("col.total", lang),
        *(t(WORDS[k], lang) for k in WORDS),
    )
    rows: list[tuple[Cell, ...]] = [(i, c.label, c.total, *(_cell(c, k) for k in WORDS)) for i, c in enumerate(r.programmes, 1)]
    rows.append(("", r.overall.label, r.overall.total, *(_cell(r.overall, k) for k in WORDS)))
    blocks: list[Block] = [
        Heading(t("rep.s1", lang)),
        Para(
            t("rep.s1_text", lang, date=date, total=r.overall.total, parts=_count_sentence(r.overall, lang))
        ),
        *_compared(r, lang),
        Heading(t("rep.by_programme", lang), 2),
        Table(
            "programmes",
            t("rep.by_programme", lang),
            heads,
            tuple(rows),
            (4, 34, 5, 11, 11, 11, 11, 11),
            (True, False, True, True, True, True, True, True),
            sheet=_programme_sheet(r, lang),
        ),
        _chart(r, lang),
        Heading(t("rep.changes", lang, since=present.day(r.since, lang), until=date), 2),
    ]
    if r.changes:
        blocks += [Para(_change_sentence(n, c, lang)) for n, c in enumerate(r.changes, 1)]
    else:
        blocks.append(Para(t("rep.no_changes", lang)))
    if r.indicators:
        blocks += [Heading(t("rep.indicators", lang), 2), indicator_table(r.indicators, lang, compact=True)]
    if r.classes:
        blocks += _classes(r, lang)
    if r.forecasts:
        blocks += _forecasts(r, lang)
    return blocks


def period_words(period: str, lang: str) -> str:
    """2022-01 → 2022年1月, 2022Q1 → 2022年第一季度, 2022H1 → 2022年上半年, 2022 → 2022年度 (English: as written)."""
    if lang != "zh":
        return period
    year, rest = period[:4], period[4:]
    if rest.startswith("-W"):
        return f"{year}年第{int(rest[2:])}周"
    if rest.startswith("-"):
        return f"{year}年{int(rest[1:])}月"
    if rest.startswith("Q"):
        return f"{year}年第{'一二三四'[int(rest[1]) - 1]}季度"
    if rest.startswith("H"):
        return f"{year}年{'上下'[int(rest[1]) - 1]}半年"
    return f"{year}年度"


def _change_sentence(n: int, c: Any, lang: str) -> str:
    """One item's net change in the period, as a sentence: 1．item（unit）：what changed。"""
    who = (f"（{c.unit}）" if lang == "zh" else f" ({c.unit})") if c.unit else ""
    end = "。" if lang == "zh" else "."
    return f"{n}．{c.item}{who}：{c.text}{end}" if lang == "zh" else f"{n}. {c.item}{who}: {c.text}{end}"


def _compared(r: WeeklyReport, lang: str) -> list[Block]:
    """环比: one paragraph against the previous issue (none for the first issue of a series)."""
    c = r.compared
    if c is None:
        return []
    sep = "；" if lang == "zh" else "; "
    colours = [
        f"{label}（{present.rag(was, lang)}→{present.rag(now, lang)}）" if lang == "zh"
        else f"{label} ({present.rag(was, lang)} → {present.rag(now, lang)})"
        for label, was, now in c.colour_changes
    ]  # fmt: skip
    none = t("rep.none_word", lang)
    return [
        Para(
            t(
                "rep.compared",
                lang,
                n=c.previous_no,
                date=present.day(c.previous_as_of, lang),
                done=len(c.newly_done),
                done_items=sep.join(c.newly_done) or none,
                overdue=len(c.newly_overdue),
                overdue_items=sep.join(c.newly_overdue) or none,
                colours=len(colours),
                colour_items=sep.join(colours) or none,
            )
        )
    ]


def _classes(r: WeeklyReport, lang: str) -> list[Block]:
    total = sum(len(items) for _, items in r.classes) or 1
    heads = (t("rep.class", lang), t("col.total", lang), t("rep.share", lang), t("rep.items", lang))
    sep = "；" if lang == "zh" else "; "
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (_class_word(k, lang), len(items), f"{100 * len(items) / total:.1f}%", sep.join(items))
        for k, items in r.classes
    )
    return [
        Heading(t("rep.classes", lang), 2),
        Table("classes", t("rep.classes", lang), heads, rows, (10, 6, 8, 70), (False, True, True, False)),
    ]


def _class_word(k: str, lang: str) -> str:
    return t(f"rep.cls.{k}", lang) if k in ("done", "ahead", "on_track", "behind") else present.schedule(k, lang)


def _forecasts(r: WeeklyReport, lang: str) -> list[Block]:
    blocks: list[Block] = [Heading(t("rep.forecasts", lang), 2), Para(t("rep.forecast_method", lang), "note")]
    for f in r.forecasts:
        points = ("、" if lang == "zh" else ", ").join(f"{y}: {present.number(v)}" for y, v in f.points)
        words = "rep.forecast_short" if f.short else "rep.forecast_ok"
        blocks.append(
            Para(
                t(
                    words,
                    lang,
                    name=f.name,
                    points=points,
                    per_year=present.number(round(f.per_year, 2)),
                    year=f.target_year,
                    projected=present.number(round(f.projected, 2)),
                    target=present.number(f.target),
                    unit=f.unit,
                    gap=present.number(round(abs(f.target - f.projected), 2)),
                )
            )
        )
    return blocks


def _programme_sheet(r: WeeklyReport, lang: str) -> Sheet:
    """The 分工程 table for XLSX: each count a number and each share a percentage, in columns of their own."""
    heads: list[str] = [t("col.no", lang), t("programme", lang), t("col.total", lang)]
    formats: list[str | None] = [None, None, "0"]
    for k in WORDS:
        heads += [t(WORDS[k], lang), t("col.share_of", lang, word=t(WORDS[k], lang))]
        formats += ["0", "0.0%"]
    rows: list[tuple[SheetValue, ...]] = []
    for n, c in [*enumerate(r.programmes, 1), (None, r.overall)]:
        values: list[SheetValue] = [n, c.label, c.total]
        for k in WORDS:
            values += [c.counts[k], round(c.shares[k] / 100, 4)]
        rows.append(tuple(values))
    return Sheet(tuple(heads), tuple(rows), tuple(formats))


def _chart(r: WeeklyReport, lang: str) -> Chart:
    """Progress by programme as a picture: one bar per programme, stacked by status."""
    return Chart(
        "programmes_chart",
        t("gw.chart", lang),
        tuple(c.label for c in r.programmes),
        tuple((t(WORDS[k], lang), tuple(c.counts[k] for c in r.programmes)) for k in WORDS),
        COLOURS,
    )


def _unit_paras(groups: tuple[UnitItems, ...], lang: str, fmt: str) -> list[Block]:
    if not groups:
        return [Para(t("rep.none", lang))]
    sep = "；" if lang == "zh" else "; "
    out: list[Block] = []
    for g in groups:
        items = sep.join(_item(i, lang, fmt) for i in g.items)
        if g.unit_id is None:
            out.append(Para(t("rep.unassigned_items", lang, n=len(g.items), items=items)))
        else:
            out.append(Para(t("rep.unit_items", lang, unit=g.unit, n=len(g.items), items=items)))
    return out


def _item(i: Item, lang: str, fmt: str) -> str:
    target = i.target  # the item in words: internal codes stay out of the prose
    if fmt == "overdue":
        return t("rep.overdue_item", lang, target=target, due=present.day(i.due, lang), days=-i.days_left)
    return t("rep.behind_item", lang, target=target, reason=i.reason)


def _problems(r: WeeklyReport, lang: str) -> list[Block]:
    n_over = sum(len(g.items) for g in r.overdue)
    n_behind = sum(len(g.items) for g in r.behind)
    blocks: list[Block] = [
        Heading(t("rep.s2", lang)),
        Heading(t("rep.overdue", lang, n=n_over), 2),
        *_unit_paras(r.overdue, lang, "overdue"),
        Heading(t("rep.behind", lang, n=n_behind), 2),
        *_unit_paras(r.behind, lang, "behind"),
    ]
    # Only the sections that have items: a ledger with none reads as before; numbered on from （三）.
    extra: list[tuple[str, list[Block]]] = []
    if r.unmet:
        extra.append((t("rep.unmet", lang, n=sum(len(g.items) for g in r.unmet)), _unit_paras(r.unmet, lang, "behind")))
    if r.returned:
        n = sum(len(g.items) for g in r.returned)
        extra.append((t("rep.returned", lang, n=n), _unit_paras(r.returned, lang, "behind")))
    if r.lagging:
        n = sum(len(g.items) for g in r.lagging)
        extra.append((t("rep.lagging", lang, n=n), _unit_paras(r.lagging, lang, "behind")))
    if r.not_updated:
        n = sum(len(g.items) for g in r.not_updated)
        extra.append((t("rep.not_updated", lang, days=r.stale_days, n=n), _unit_paras(r.not_updated, lang, "behind")))
    if r.stale_requests:
        sep = "；" if lang == "zh" else "; "
        heading = t("rep.stale", lang, days=r.pending_days, n=len(r.stale_requests))
        extra.append((heading, [Para(sep.join(r.stale_requests) + ("。" if lang == "zh" else "."))]))
    if r.late_reporters:
        extra.append((t("rep.late", lang, n=len(r.late_reporters)), [Para(line) for line in r.late_reporters]))
    for k, (heading, paras) in enumerate(extra, 3):
        number = f"（{'一二三四五六七八九'[k - 1]}）" if lang == "zh" else f"2.{k} "
        blocks += [Heading(number + heading, 2), *paras]
    return blocks


def _next(r: WeeklyReport, lang: str) -> list[Block]:
    until = present.day(r.as_of + timedelta(days=r.due_soon_days), lang)
    heads = (t("col.no", lang), t("code", lang), t("col.target", lang), t("lead", lang), t("due", lang))
    rows = tuple((n, i.code, i.target, i.lead, present.day(i.due, lang)) for n, i in enumerate(r.due_soon, 1))
    reply = present.day(r.as_of + timedelta(days=REPLY_DAYS), lang)
    blocks: list[Block] = [
        Heading(t("rep.s3", lang)),
        Heading(t("rep.due_soon", lang, days=r.due_soon_days, until=until, n=len(rows)), 2),
    ]
    if rows:
        sheet = Sheet(heads, tuple((n, i.code, i.target, i.lead, i.due) for n, i in enumerate(r.due_soon, 1)),
                      (None, None, None, None, DATE_FORMAT[lang]))  # fmt: skip
        blocks.append(Table("due_soon", t("due", lang), heads, rows, (4, 14, 40, 16, 16), (True,), sheet=sheet))
    else:
        blocks.append(Para(t("rep.none", lang)))
    blocks += [
        Heading(t("rep.requests", lang), 2),
        Para(t("rep.request_text", lang, date=reply, issuer=r.issuer)),
    ]
    return blocks


def _ledger(r: WeeklyReport, lang: str) -> Table:
    heads = tuple(t(k, lang) for k, _ in LEDGER_COLS)
    rows = tuple(
        (
            x.no,
            x.programme,
            x.task,
            x.target,
            x.lead,
            x.co,
            x.due,
            x.progress,
            x.problems,
            x.next_steps,
            x.evidence,
            x.status,
        )
        for x in r.ledger
    )
    widths = tuple(w for _, w in LEDGER_COLS)
    due = [k for k, _ in LEDGER_COLS].index("due")
    typed = tuple((*row[:due], x.due_on or row[due], *row[due + 1 :]) for row, x in zip(rows, r.ledger, strict=True))
    sheet = Sheet(heads, typed, tuple(DATE_FORMAT[lang] if i == due else None for i in range(len(heads))))
    return Table("ledger", t("rep.annex", lang), heads, rows, widths, (True,), landscape=True, sheet=sheet)
