"""`tasktrack remind`: 催办 notices per lead unit, printed, e-mailed (with a sent-log) or as a calendar.

Exit codes, for cron: 0 nothing due; 10 only items (or duty filings) due soon, or returned; 11 overdue
items (or a duty filing missed, 漏报) present; 12 items behind 序时进度 present, none overdue; 13 items not
updated for stale_days present, none overdue or behind;
1 an error (SMTP server unreachable or refusing, a unit without an e-mail address, the database);
2 a usage error (bad option or value).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from tasktrack.cli.output import info
from tasktrack.cli.report import FORCE_HELP, OUTPUT_HELP, apply_as_of, write
from tasktrack.cli.state import state
from tasktrack.errors import UserError, Words
from tasktrack.i18n import t

EXIT_NOTHING_DUE = 0
EXIT_DUE_SOON = 10
EXIT_OVERDUE = 11
EXIT_LAGGING = 12
EXIT_STALE = 13
FORMATS = ("text", "json", "email", "ics")


def exit_code(notices: list[Any], duties: list[Any] | tuple[Any, ...] = ()) -> int:
    """Duty reminders count too: a filing missed (漏报) as overdue, one due soon as due soon."""
    if any(n.has_overdue for n in notices) or any(d.level == "duty_missing" for d in duties):
        return EXIT_OVERDUE
    if any(n.has("lagging") for n in notices):
        return EXIT_LAGGING
    if any(n.has("stale") for n in notices):
        return EXIT_STALE
    return EXIT_DUE_SOON if notices or duties else EXIT_NOTHING_DUE


def parse_within(text: str | None) -> int | None:
    """7, 7d or 2w: a number of days."""
    if text is None:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*([dw]?)\s*", text.lower())
    if m is None:
        raise UserError("err.cli.within", value=repr(text))
    return int(m.group(1)) * (7 if m.group(2) == "w" else 1)


def remind(
    ctx: typer.Context,
    as_of: str = typer.Option(None, "--as-of", help="Evaluate on this date (same as the global --as-of)."),
    within: str = typer.Option(
        None, "--within", help="Also items due within this many days, e.g. 7d (default: largest remind_days)."
    ),
    unit: str = typer.Option(None, "--unit", help="Only the notice to this unit (as lead or co-unit)."),
    fmt: str = typer.Option(
        "text", "--format", "-f", help="text, json, email (the messages) or ics (calendar)."
    ),
    send: bool = typer.Option(False, "--send", help="E-mail each unit its notice (each new stage once)."),
    smtp: str = typer.Option(None, "--smtp", help="SMTP server HOST:PORT (default: setting smtp_host)."),
    resend: bool = typer.Option(False, "--resend", help="With --send: send even what was sent already."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="With --send: say what would be sent; send nothing."
    ),
    output: Path = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
) -> None:
    """Reminders (催办): one notice per responsible unit: overdue, due-soon, returned, behind 序时进度 and
    not-updated items it leads, then those it helps with as a co-unit.

    Items without a lead unit go to the coordinator (settings coordinator_name, coordinator_email).
    Exit codes: 0 nothing due, 10 only due soon, 11 overdue present, 12 behind 序时 present (none overdue),
    13 not updated present (none overdue or behind), 1 error, 2 usage error.
    """
    from tasktrack.domain.text import json_safe
    from tasktrack.reports import duty_reminders as duty_words
    from tasktrack.reports import reminders as words
    from tasktrack.services.reminders import ReminderService, duty_notices
    from tasktrack.services.views import dumps

    st = state(ctx)
    if fmt not in FORMATS:
        raise UserError("err.cli.format", formats=", ".join(FORMATS), value=repr(fmt))
    if (resend or dry_run or smtp) and not send:
        raise UserError("err.cli.send_only")
    if output is not None:
        st.output(output, force=force)
    today = apply_as_of(st, as_of)
    days = parse_within(within)
    ledger = st.ledger() if send else st.reader()  # sending records what was sent: the full ledger
    header = None if send else st.stood_header(ledger)  # sending acts now: on the ledger as it is
    if header:
        from tasktrack.cli.output import info

        info(header)
    service = ReminderService(ledger.ctx, source=ledger)
    if send and not dry_run:
        service.authorize_send()  # before any output is written or any mail is sent
    notices = service.notices(today, days, unit=unit)
    duties = duty_notices(
        ledger.connect,
        today,
        service.default_within() if days is None else days,
        unit=unit,
        remind_days=ledger.ctx.settings.remind_days,
    )
    code = exit_code(notices, duties)
    s = ledger.ctx.settings
    lang = st.lang
    if fmt == "text":
        text = words.to_text(notices, s.coordinator_name, lang) if notices or not duties else ""
        if duties:
            text = (text + "\n" + "═" * 60 + "\n\n" if text else "") + duty_words.to_text(
                duties, s.coordinator_name, lang
            )
        content: str | bytes = text
    elif fmt == "json":
        days = service.default_within() if days is None else days
        data = {**words.to_json(notices, today, days, code, lang), "duties": duty_words.to_json(duties, lang)}
        content = json_safe(dumps(data)) + "\n"
    elif fmt == "email":
        content = words.to_email_text(notices, sender=s.smtp_sender, signer=s.coordinator_name, lang=lang)
        if duties:
            mail = duty_words.to_email_text(duties, sender=s.smtp_sender, signer=s.coordinator_name, lang=lang)
            content = (content + "\n" if notices else "") + mail
    else:
        content = words.to_ics(_calendar(ledger, unit), today, lang, s.remind_days).decode("utf-8")
    write(content, output, fmt, lang=st.lang, force=force)
    if send:
        _send(ledger, service, [*notices, *duties], smtp, resend=resend, dry_run=dry_run, lang=lang)
    raise typer.Exit(code)


def _calendar(ledger: Any, unit: str | None) -> list[Any]:
    from tasktrack.services.views import MilestoneFilter

    rows = ledger.milestones.list(MilestoneFilter(unit=unit))
    return [m for m in rows if m.status not in ("done", "closed", "cancelled")]


class _Each(Words):
    """Several things to tell, one after another (the notices not sent), each in the reader's language."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[Words]) -> None:
        super().__init__("err.cli.not_sent")
        self.parts = parts

    def __call__(self, lang: str) -> str:
        return " | ".join(part(lang) for part in self.parts)


def _send(ledger: Any, service: Any, notices: list[Any], smtp: str | None, **how: Any) -> None:
    """E-mail the 催办 notices and the duty reminders (报送提醒), each unit's new stages once."""
    from tasktrack.reports import duty_reminders, reminders
    from tasktrack.services.reminders import DutyNotice, SendError, parse_smtp

    s = ledger.ctx.settings
    target = smtp or s.smtp_host
    if not target:
        raise UserError("err.cli.no_smtp")
    host, port = parse_smtp(target)
    lang = how["lang"]

    def words(n: Any) -> Any:
        return duty_reminders if isinstance(n, DutyNotice) else reminders

    def sending(n: Any) -> dict[str, object]:
        """The parameters of a would-send / sent line: recipient, address, item count, level in words."""
        return {"who": words(n).recipient(n, lang), "email": n.email, "n": len(n.items),
                "level": t(f"rem.level.{n.level}", lang)}  # fmt: skip

    failures: list[Words] = []
    todo = []
    for n in notices:
        who = words(n).recipient(n, lang)
        if not (how["resend"] or n.is_new):
            info(t("status.remind_skipped", lang, who=who))
        elif not n.email:
            failures.append(Words("err.cli.no_email_unit" if n.unit else "err.cli.no_email_coordinator", who=who))
        else:
            todo.append(n)
    if how["dry_run"]:
        for n in todo:
            info(t("status.remind_would_send", lang, **sending(n)))
    else:
        now = ledger.ctx.now()
        messages = [
            (n, words(n).email(n, sender=s.smtp_sender, signer=s.coordinator_name, lang=lang, sent_at=now))
            for n in todo
        ]
        result = service.send(messages, host, port)
        for n in result.sent:
            info(t("status.remind_sent", lang, **sending(n)))
        failures += [Words("err.cli.send_failed", who=words(n).recipient(n, lang), email=n.email, why=why)
                     for n, why in result.failed]  # fmt: skip
    if failures:
        raise SendError("err.cli.not_sent", n=len(failures), failures=_Each(failures))
