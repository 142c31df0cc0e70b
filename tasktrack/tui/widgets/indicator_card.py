"""One indicator: baseline → latest → target, a progress bar with the 序时进度 mark, and a sparkline."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from tasktrack import present
from tasktrack.domain.text import sanitize
from tasktrack.i18n import t

BAR = 30


def value(ind: Any, v: float | None) -> str:
    if v is None:
        return "—"
    text = present.number(v)
    return f"【{text}】" if ind.cumulative else text


def header(ind: Any, lang: str) -> Text:
    line = Text()
    line.append(sanitize(ind.code), "bold")
    line.append("  ")
    line.append(sanitize(ind.name), "bold")
    if ind.unit:
        line.append(f"（{sanitize(ind.unit)}）" if lang == "zh" else f" ({sanitize(ind.unit)})")
    attr = t("binding_attr" if ind.attribute == "binding" else "expected_attr", lang)
    line.append(f"  [{attr}]", "bold magenta" if ind.attribute == "binding" else "cyan")
    if ind.cumulative:
        line.append(f"  {t('tui.cumulative', lang)}", "dim")
    return line


def path(ind: Any, lang: str) -> Text:
    latest = ind.latest
    line = Text()
    line.append(f"{t('baseline', lang)} {ind.baseline_year or ''} ", "dim")
    line.append(value(ind, ind.baseline_value))
    line.append("  →  ")
    line.append(f"{t('latest', lang)} {sanitize(latest.period) if latest else ''} ", "dim")
    line.append(value(ind, latest.value if latest else None), "bold")
    line.append("  →  ")
    line.append(f"{t('goal', lang)} {ind.target_year or ''} ", "dim")
    line.append(value(ind, ind.target_value))
    return line


def bar(ind: Any, lang: str, amber_points: float = 10.0) -> Text:
    """█ achieved share of baseline → target, ┃ where 序时进度 says it should be by now."""
    progress = ind.progress
    expected = max(min(ind.expected, 1.0), 0.0)
    filled = 0 if progress is None else round(max(min(progress, 1.0), 0.0) * BAR)
    mark = min(round(expected * BAR), BAR - 1)
    colour = "dim"
    if progress is not None:
        gap = (expected - progress) * 100
        colour = "green" if gap <= 0 else ("yellow" if gap <= amber_points else "red")
    out = Text()
    for i in range(BAR):
        if i == mark:
            out.append("┃", "bold yellow")
        else:
            out.append("█" if i < filled else "░", colour if i < filled else "dim")
    achieved = present.percent(progress) or t("tui.no_reading", lang)
    out.append(f"  {t('achieved', lang)} {achieved} · {t('expected', lang)} {present.percent(ind.expected)}")
    return out


class IndicatorCard(Vertical):
    def __init__(self, indicator: Any, lang: str) -> None:
        super().__init__(classes="card")
        self.indicator = indicator
        self.lang = lang

    def compose(self) -> ComposeResult:
        ind, lang = self.indicator, self.lang
        yield Static(header(ind, lang), classes="card-title")
        yield Static(path(ind, lang))
        with Horizontal(classes="card-bar"):
            yield Static(bar(ind, lang), classes="bar")
            series = ([ind.baseline_value] if ind.baseline_value is not None else []) + [
                r.value for r in ind.readings
            ]
            if len(series) >= 2:
                yield Sparkline(series, classes="spark")
            else:
                yield Static(Text(t("tui.no_series", lang), "dim"), classes="spark")
