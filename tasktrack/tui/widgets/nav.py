"""The top line: the six screens with their keys (the current one marked), and the date and actor in force."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tasktrack.domain.text import display_width, sanitize
from tasktrack.i18n import t

SCREENS = ("plan", "attention", "indicators", "units", "history", "review")


class NavBar(Widget):
    """Which screen is showing and the context every number on it depends on."""

    COMPONENT_CLASSES = {"nav-bar--current", "nav-bar--other", "nav-bar--info"}

    current: reactive[str] = reactive("plan")
    lang: reactive[str] = reactive("zh")
    info: reactive[str] = reactive("")
    short: reactive[str] = reactive("")  # said instead of `info` where that does not fit (e.g. 截至 ... 只读)

    def render(self) -> Text:
        line = Text(no_wrap=True, overflow="crop")
        for n, name in enumerate(SCREENS, 1):
            style = "nav-bar--current" if name == self.current else "nav-bar--other"
            line.append(f" {n} {t('tui.screen.' + name, self.lang)} ", self.get_component_rich_style(style))
        for said in (self.info, self.short):
            info = sanitize(said)
            gap = self.size.width - line.cell_len - display_width(info) - 1
            if info and gap > 0:
                line.append(" " * gap)
                line.append(info, self.get_component_rich_style("nav-bar--info"))
                break
        return line
