"""Typer help in the run's language.

The English help in the source (docstrings, `help=`) is each text's message id: the catalogue
(tasktrack/i18n.py, keys `help.*`) holds it with its Chinese. `translate` rewrites, in place, the Click
tree built for one run, only when that run shows help (see `wants_help` in tasktrack/cli/main.py); English
help is the source's own text, untouched. tests/test_strings_help.py fails when a text has no entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any


@cache
def _chinese() -> dict[str, str]:
    from tasktrack.i18n import MESSAGES

    return {en: zh for key, (zh, en) in MESSAGES.items() if key.startswith("help.")}


def in_lang(text: str, lang: str) -> str:
    """A help text of the source, in `lang` (the text itself where the catalogue has none)."""
    return text if lang == "en" else _chinese().get(text, text)


def known(text: str) -> bool:
    """Whether the catalogue has this help text (the English as its message id)."""
    return text in _chinese()


def walk(command: Any) -> Iterator[Any]:
    """A Click command and every command below it (Typer vendors Click: duck-typed)."""
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from walk(sub)


def texts(command: Any, context: Any) -> Iterator[tuple[Any, str]]:
    """Every object of a command that carries help, and the attribute that holds it: the command
    (help, short help), its parameters and its help option (made for `context`, as Click makes it)."""
    yield command, "help"
    yield command, "short_help"
    for param in command.params:
        yield param, "help"
    option = command.get_help_option(context)
    if option is not None:
        yield option, "help"


def translate(root: Any, lang: str) -> None:
    """Write the help of a built Click tree, and the help panels' words, in `lang`."""
    import typer

    from tasktrack.cli.params import help_panel_words

    help_panel_words(lang)
    if lang == "en":
        return
    names = (root.context_settings or {}).get("help_option_names")
    for command in walk(root):
        for owner, attr in texts(command, typer.Context(command, help_option_names=names)):
            text = getattr(owner, attr, None)
            if text:
                setattr(owner, attr, in_lang(text, lang))
