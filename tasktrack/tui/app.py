"""The terminal UI: six screens as modes, global keys, the command palette, the language. Nothing else."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import HelpPanel

from tasktrack.i18n import t
from tasktrack.services.ledger import Ledger
from tasktrack.services.tui_queries import TuiQueries
from tasktrack.tui.keys import described, key, translate
from tasktrack.tui.screens.attention import AttentionScreen
from tasktrack.tui.screens.history import HistoryScreen
from tasktrack.tui.screens.indicators import IndicatorsScreen
from tasktrack.tui.screens.plan import PlanScreen
from tasktrack.tui.screens.review import ReviewScreen
from tasktrack.tui.screens.units import UnitsScreen


class TaskTrackApp(App[None]):
    """Opened on a Ledger (database, actor, settings); `clock` is the date everything is judged on."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere find it too
    TITLE = "tasktrack"
    MODES = {
        "plan": PlanScreen,
        "attention": AttentionScreen,
        "indicators": IndicatorsScreen,
        "units": UnitsScreen,
        "history": HistoryScreen,
        "review": ReviewScreen,
    }
    DEFAULT_MODE = "plan"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        key("1", "switch_mode('plan')", "plan", show=False),
        key("2", "switch_mode('attention')", "attention", show=False),
        key("3", "switch_mode('indicators')", "indicators", show=False),
        key("4", "switch_mode('units')", "units", show=False),
        key("5", "switch_mode('history')", "history", show=False),
        key("6", "switch_mode('review')", "review", show=False),
        key("l", "toggle_lang", "lang"),
        key("question_mark", "toggle_help", "help"),
        key("q", "quit", "quit", show=False),
        key("ctrl+p", "command_palette", "palette", show=False, priority=True),
    ]

    lang: reactive[str] = reactive("zh", init=False)
    revision: reactive[int] = reactive(0, init=False)  # bumped by every save; screens reload when behind

    def __init__(
        self,
        ledger: Ledger,
        *,
        clock: Callable[[], date] | None = None,
        lang: str | None = None,
        as_of: date | None = None,
    ) -> None:
        super().__init__()
        self.ledger = ledger
        self.queries = TuiQueries(ledger.ctx)
        # With `as_of` (--as-of), every screen shows the ledger as it stood at the end of that day, rebuilt
        # from the change log by the services' own read model (ctx.as_it_stood), judged on that day, and
        # nothing can be changed: the rows shown are not the rows there are now.
        self.as_of = as_of
        if as_of is not None:
            ledger.ctx.as_it_stood = as_of
            clock = clock or (lambda: as_of)
        self.clock = clock or ledger.ctx.clock
        ledger.ctx.clock = self.clock  # one date for the rules and the screens
        self.set_reactive(TaskTrackApp.lang, lang or ledger.ctx.lang)
        ledger.ctx.lang = self.lang
        translate(self, self.lang)

    def refused_read_only(self) -> bool:
        """Under --as-of, say that nothing can be changed here (and how to change it) and return True."""
        if self.as_of is None:
            return False
        self.notify(
            t("tui.asof.read_only", self.lang, date=self.as_of.isoformat()), severity="warning", markup=False
        )
        return True

    def ledger_changed(self) -> None:
        """After a save: the showing screen reloads now, the others when they are next shown."""
        self.revision += 1
        current = self.screen
        if hasattr(current, "reload"):
            current.reload()

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"

    def watch_lang(self, lang: str) -> None:
        self.ledger.ctx.lang = lang  # the services' explanations (RAG reasons) follow
        translate(self, lang)
        self.ledger_changed()

    def action_toggle_help(self) -> None:
        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette lists every action of the screen and the app, in the user's language."""
        for node in (screen, self):
            for b in described(node):
                yield SystemCommand(b.description, b.key_display or b.key, partial(node.run_action, b.action))
        yield from super().get_system_commands(screen)
