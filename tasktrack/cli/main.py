"""The `tasktrack` command: global options, the sub-commands, and one-line errors with exit code 2."""

from __future__ import annotations

import gc
import sys
from datetime import date
from typing import Annotated, Any

import typer

from tasktrack import __version__
from tasktrack.cli.params import ClickException, NoArgsIsHelpError
from tasktrack.cli.state import CliState
from tasktrack.errors import UserError

# The commands, in the order --help lists them: (name, module under tasktrack.cli, attribute, group?).
# A run loads and builds only the one it names (the rest are loaded for --help, a bare `tasktrack` or a
# name that is not a command, where Typer needs them all).
COMMANDS = (
    ("init", "db", "init", False),
    ("db", "db", "app", True),
    ("seed", "seed", "app", True),
    ("plan", "plans", "app", True),
    ("task", "tasks", "app", True),
    ("milestone", "milestones", "app", True),
    ("evidence", "evidence", "app", True),
    ("indicator", "indicators", "app", True),
    ("unit", "units", "app", True),
    ("member", "members", "app", True),
    ("progress", "progress", "app", True),
    ("review", "review", "app", True),
    ("duty", "duties", "app", True),
    ("import", "importing", "app", True),
    ("export", "export", "app", True),
    ("history", "history", "history", False),
    ("undo", "undo", "undo", False),
    ("tui", "tui", "tui", False),
    ("report", "report", "app", True),
    ("remind", "remind", "remind", False),
    ("config", "settings", "app", True),
)
_NAMES = frozenset(name for name, *_ in COMMANDS)
_GLOBAL_WITH_VALUE = frozenset({"--db", "--as", "--as-of", "--lang"})


def parse_as_of(value: str | None) -> date | None:
    if value is None:
        return None
    from tasktrack.domain.dates import DateError, parse_date

    try:
        return parse_date(value, today=date.today()).value
    except DateError as exc:
        raise UserError("err.cli.option", option="--as-of", reason=exc) from None


def _version(value: bool) -> None:
    if value:
        print(f"tasktrack {__version__}")
        raise typer.Exit()


def main(
    ctx: typer.Context,
    db_: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database: a file path or a SQLAlchemy URL "
            "(env TASKTRACK_DB; default: tasktrack.db in your data directory).",
            show_default=False,
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--as", help="Who is acting, for the change log (default: your OS account).", show_default=False
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Evaluate 'today' as this date (2022-01-10, 2021年底, +3d ...).",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="zh or en (default: settings, then locale).", show_default=False),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Global options come before the command: tasktrack --db FILE --as NAME --as-of DATE COMMAND ..."""
    from tasktrack.config import load_settings
    from tasktrack.i18n import detect_lang

    if lang not in (None, "zh", "en"):
        raise UserError("err.cli.lang", value=repr(lang))
    if actor is not None and not actor.strip():
        raise UserError("err.cli.as_empty")
    if actor is not None:
        from tasktrack.domain.text import one_line

        one_line(actor, "--as")
    settings_ = load_settings()
    _CHOSEN["lang"] = detect_lang(lang, settings_.lang)
    ctx.obj = CliState(
        db=db_,
        actor=actor.strip() if actor else None,
        as_of=parse_as_of(as_of),
        lang=_CHOSEN["lang"],
        settings=settings_,
    )
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            from tasktrack.cli import tui

            tui.open_tui(ctx.obj)  # imports Textual only now that the UI really opens
        else:
            print(ctx.get_help())


_BUILT: dict[str | None, typer.Typer] = {}
_CHOSEN: dict[str, str] = {}  # the language the global options chose, once main() has run


def error_lang(argv: list[str]) -> str:
    """The language to write an error in: the one the run chose, or (an error before the global options
    were read, or in reading them) --lang from the command line, the settings file, the locale."""
    if "lang" in _CHOSEN:
        return _CHOSEN["lang"]
    from itertools import pairwise

    from tasktrack.i18n import detect_lang

    argv = _before_command(argv)  # --lang is a global option: after the command it is not this run's
    pairs = [*pairwise(argv), *(tuple(a.split("=", 1)) for a in argv if "=" in a)]
    given = next((v for k, v in pairs if k == "--lang" and v in ("zh", "en")), None)
    try:
        from tasktrack.config import load_settings

        configured = load_settings().lang
    except Exception:  # an unreadable settings file is the error being reported
        configured = None
    return detect_lang(given, configured)


def build(only: str | None = None) -> typer.Typer:
    """The `tasktrack` app with every command, or with only the command named `only` (same options,
    same help and errors for it): the app a run needs, built once per process."""
    found = _BUILT.get(only)
    if found is not None:
        return found
    from importlib import import_module

    made = typer.Typer(
        name="tasktrack",
        help="Track a government plan's tasks, responsible units, dated targets and evidence.\n\n"
        "跟踪规划的任务分工、牵头单位、年度目标和佐证材料。",
        no_args_is_help=False,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    made.callback(invoke_without_command=True)(main)
    for name, module, attr, group in COMMANDS:
        if only is not None and name != only:
            continue
        target = getattr(import_module(f"tasktrack.cli.{module}"), attr)
        if group:
            made.add_typer(target, name=name)
        else:
            made.command(name)(target)
    _BUILT[only] = made
    return made


def _before_command(argv: list[str]) -> list[str]:
    """The global options of an argument list: everything before the command (or before --)."""
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg in _GLOBAL_WITH_VALUE:
            skip = True
        elif arg == "--" or not arg.startswith("-"):
            return argv[:i]
    return argv


def command_named(argv: list[str]) -> str | None:
    """The command an argument list runs (global options skipped), if it names one; else None."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _GLOBAL_WITH_VALUE:
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg if arg in _NAMES else None
    return None


def wants_help(argv: list[str]) -> bool:
    """Whether a run may show a help page: -h/--help, no command (tasktrack alone, or not a command), or
    a group named with nothing after it. Only such a run has its help written in its language."""
    words = argv[: argv.index("--")] if "--" in argv else argv
    if "-h" in words or "--help" in words:
        return True
    name = command_named(argv)
    if name is None:
        return True
    after = argv[len(_before_command(argv)) + 1 :]
    return not after and any(n == name and group for n, _, _, group in COMMANDS)


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the whole app, for Typer's test runner and documentation tools
        return build()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _command_path(ctx: Any) -> str:
    """`tasktrack milestone progress` for the command a Click context is at (whatever argv[0] was)."""
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(["tasktrack", *reversed(names)])


def run() -> None:
    """Console-script entry point: user errors are one line on stderr and exit code 2, no traceback."""
    from tasktrack.cli.params import install

    install()  # option values without loading pydantic, where that changes nothing
    # A command makes many small objects that live until it ends (rows, views), few of them cyclic: at the
    # default threshold of 700 the collector rescans them over and over, a sixth of a big report's time.
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    _CHOSEN.clear()  # (tests run many commands in one process)
    argv = sys.argv[1:]
    helping = wants_help(argv)
    try:
        command = typer.main.get_command(build(command_named(argv)))
        if helping:  # help in the run's language; a run that shows none pays nothing for it
            from tasktrack.cli.helpwords import translate

            translate(command, error_lang(argv))
        code = command(standalone_mode=False)
    except UserError as exc:
        from tasktrack.domain.text import sanitize
        from tasktrack.errors import say

        print(f"tasktrack: error: {sanitize(say(exc, error_lang(argv)))}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.Abort:
        from tasktrack.i18n import t

        print(f"tasktrack: {t('click.aborted', error_lang(argv))}", file=sys.stderr)
        sys.exit(130)
    except NoArgsIsHelpError as exc:  # `tasktrack milestone` alone: its help is what was asked for
        exc.show()
        sys.exit(0)
    except ClickException as exc:  # usage errors: Click's words in the run's language, on one line; exit 2
        from tasktrack.cli.params import usage_error
        from tasktrack.domain.text import sanitize
        from tasktrack.i18n import t

        lang = error_lang(argv)
        said = usage_error(exc, lang)
        hint = t("click.hint", lang, path=_command_path(getattr(exc, "ctx", None)))
        print(f"tasktrack: error: {sanitize(said)}{hint}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a database or OS failure: still one line, but exit 1 (not the user's input)
        from tasktrack.failures import describe
        from tasktrack.domain.text import sanitize

        print(f"tasktrack: error: {sanitize(describe(exc, error_lang(argv)))}", file=sys.stderr)
        sys.exit(1)
    finally:
        if helping:  # Typer's own panel words again, for whatever runs next in this process
            from tasktrack.cli.params import help_panel_words

            help_panel_words("en")
        gc.set_threshold(*before)  # as it was, for a process that goes on (tests run commands in-process)
    sys.exit(code if isinstance(code, int) else 0)
