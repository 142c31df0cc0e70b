"""What every screen shares: the ledger, the language, loading off the UI thread, reloading after a save."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import Worker, WorkerState

from tasktrack import present
from tasktrack.domain.text import sanitize
from tasktrack.errors import UserError, Words, say
from tasktrack.i18n import t
from tasktrack.tui.keys import KeysInLanguage, translate
from tasktrack.tui.widgets.nav import NavBar

if TYPE_CHECKING:
    from tasktrack.services.ledger import Ledger
    from tasktrack.tui.app import TaskTrackApp


def describe_error(exc: BaseException, lang: str) -> str:
    """One line for the user in `lang`: an error's own words (a UserError, or any error raised with
    catalogue words), else what failed, as the CLI says it (the details go to the log)."""
    if isinstance(exc, UserError) or isinstance(getattr(exc, "words", None), Words):
        return sanitize(say(exc, lang))
    from tasktrack.failures import describe

    return t("tui.failed", lang, error=sanitize(describe(exc, lang)))


class LedgerScreen(KeysInLanguage, Screen[None]):
    """A screen that loads its data with a service call on a worker, and reloads when the ledger changed."""

    NAME = "plan"

    def __init__(self) -> None:
        super().__init__()
        self.loaded_revision = -1

    @property
    def tapp(self) -> TaskTrackApp:
        return self.app  # type: ignore[return-value]  # these screens run only in TaskTrackApp

    @property
    def ledger(self) -> Ledger:
        return self.tapp.ledger

    @property
    def lang(self) -> str:
        return self.tapp.lang

    def compose_nav(self) -> ComposeResult:
        yield NavBar(id="nav")

    def compose_footer(self) -> ComposeResult:
        yield Footer(compact=True)

    def on_mount(self) -> None:
        translate(self, self.lang)

    def on_screen_resume(self) -> None:
        if self.loaded_revision != self.tapp.revision:
            self.reload()
        else:
            self.relabel()

    def reload(self) -> None:
        """Redraw labels in the current language and fetch fresh data."""
        self.loaded_revision = self.tapp.revision
        translate(self, self.lang)
        self.refresh_bindings()
        self.relabel()
        self.load()

    def relabel(self) -> None:
        """Set every label from the current language and context (subclasses add their own)."""
        nav = self.query_one(NavBar)
        nav.lang = self.lang
        nav.current = self.NAME
        stood = self.tapp.as_of
        if stood is None:
            as_of = present.day(self.tapp.clock(), self.lang)
            nav.info = t("tui.context", self.lang, date=as_of, actor=self.ledger.ctx.actor)
        else:  # the ledger as it stood then: said on every screen, in full where it fits
            nav.info = t("tui.asof.context", self.lang, date=stood.isoformat(), actor=self.ledger.ctx.actor)
            nav.short = t("tui.asof.short", self.lang, date=stood.isoformat())

    @work(thread=True, exclusive=True, group="screen-load", exit_on_error=False)
    def load(self) -> None:
        try:
            data = self.fetch()
        except Exception as exc:  # a worker's error must not end the app: say it and keep going
            self.app.call_from_thread(self.failed, exc)
            return
        self.app.call_from_thread(self.show, data)

    def fetch(self) -> Any:
        """Runs on a worker thread: call the services, return plain data for show()."""
        return None

    def show(self, data: Any) -> None:
        """Runs on the UI thread with what fetch() returned."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that died of an unexpected error (workers catch what they expect) is reported, not lost."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.failed(event.worker.error)

    def failed(self, exc: BaseException) -> None:
        self.log.error(repr(exc))
        self.say(describe_error(exc, self.lang), "error")

    def say(self, text: str, severity: str = "information") -> None:
        """A notification; text from the database is shown literally, never as markup."""
        self.app.notify(sanitize(text), markup=False, severity=severity)  # type: ignore[arg-type]  # one of Textual's severity words
