"""Option values without pydantic, where that changes nothing.

Typer 0.29 coerces every given option through a pydantic TypeAdapter: loading pydantic and building
the adapters costs more than most commands' own work. A value that already is what its annotation asks
for (text for `str`, plain digits in range for `int`, texts for `list[str]`) comes out of that adapter
unchanged, so it is passed on as it is; anything else (a bad value and its error message, a path, a
float, a choice, a parser) still goes through Typer's own coercion, built when first needed.

It also holds the other places where tasktrack leans on how Typer and its Click write for people: the
words of the help panels (module constants of `typer.rich_utils`, the "Usage: " of Click's formatter),
and the shapes of Click's English usage errors, read back to write them in Chinese.

This is the one module that uses Typer's private internals (`typer._coercion`, `typer.core._TyperParameter`,
`typer._click`); tests/test_private_apis.py pins what it relies on, so a Typer upgrade that changes them
fails there first.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

if TYPE_CHECKING:
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
else:
    try:  # Typer 0.29 carries its own copy of Click and raises that copy's exceptions
        from typer._click.exceptions import ClickException, NoArgsIsHelpError
    except ImportError:  # pragma: no cover - Typer releases that still use Click itself
        from click.exceptions import ClickException, NoArgsIsHelpError

__all__ = [
    "NEGATIVE_VALUES",
    "ClickException",
    "NoArgsIsHelpError",
    "help_panel_words",
    "install",
    "plain_value",
    "usage_error",
]

# For a command whose argument is a number that may be negative (`milestone progress 1-M2 -5`, a falling
# growth rate): "-5" is then the argument, not an unknown option. Known options still parse as options.
NEGATIVE_VALUES = {"ignore_unknown_options": True}

_PLAIN = object()  # no shortcut for this value: ask Typer


def _base(annotation: Any) -> Any:
    """`str | None` → str; anything else as it is."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def plain_value(annotation: Any, info: Any, value: Any) -> Any:
    """The value Typer's coercion would return for `value`, when that is certain; else _PLAIN."""
    if info.parser is not None or getattr(info, "click_type", None) is not None:
        return _PLAIN
    kind = _base(annotation)
    if kind is str:
        return value if isinstance(value, str) else _PLAIN
    if kind is int and not info.clamp and isinstance(value, str) and value.isascii() and value.isdigit():
        number = int(value)
        low_ok = info.min is None or number >= info.min
        high_ok = info.max is None or number <= info.max
        return number if str(number) == value and low_ok and high_ok else _PLAIN
    if get_origin(kind) is list and get_args(kind) == (str,) and isinstance(value, list | tuple):
        return list(value) if all(isinstance(v, str) for v in value) else _PLAIN
    return _PLAIN


def install() -> None:
    """Give Typer's parameters the shortcut; a no-op on a Typer without the internals it relies on."""
    try:
        from typer import core
        from typer._coercion import RuntimeParam, build_runtime_param
    except ImportError:  # pragma: no cover - another Typer: it coerces as it always does
        return
    parameter = getattr(core, "_TyperParameter", None)
    if parameter is None or not hasattr(parameter, "get_runtime_param"):  # pragma: no cover
        return
    if getattr(parameter.get_runtime_param, "plain_first", False):
        return

    @dataclass(frozen=True)
    class PlainFirst(RuntimeParam):
        descriptor: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            plain = plain_value(self.annotation, self.parameter_info, value)
            if plain is not _PLAIN:
                return plain
            full = build_runtime_param(self.descriptor)
            return full._coerce_value(value, param=param, ctx=ctx)

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            d = self.type_descriptor
            if d.file_annotation is not None:
                self._runtime_param = build_runtime_param(d)
            else:
                self._runtime_param = PlainFirst(d.parameter_info, d.annotation, d)
        return self._runtime_param

    get_runtime_param.plain_first = True  # type: ignore[attr-defined]  # a mark on the function: installed once
    parameter.get_runtime_param = get_runtime_param


# -- the help panels' own words --------------------------------------------------------------------------

# typer.rich_utils reads these module constants each time it lays out a help page (Typer fixes them,
# through gettext, when it is imported): the constant -> its catalogue key and the field its {} stands for.
_PANEL_WORDS = {
    "ARGUMENTS_PANEL_TITLE": ("help.word.arguments", None),
    "OPTIONS_PANEL_TITLE": ("help.word.options", None),
    "COMMANDS_PANEL_TITLE": ("help.word.commands", None),
    "DEFAULT_STRING": ("help.word.default", "value"),
    "REQUIRED_LONG_STRING": ("help.word.required", None),
    "ENVVAR_STRING": ("help.word.envvar", "var"),
    "DEPRECATED_STRING": ("help.word.deprecated", None),
}
_ORIGINAL: dict[str, Any] = {}


def _context_base() -> Any:
    """The class of Typer's contexts that says which formatter lays out their usage line."""
    import typer

    return next(c for c in typer.Context.__mro__ if "formatter_class" in vars(c))


def help_panel_words(lang: str) -> None:
    """Lay help pages out with the panel titles, [default: ...], [required] and "Usage: " of `lang`, and
    break Chinese help anywhere in a line rather than cut it at the panel's edge (rich wraps at spaces,
    and Typer's panels cut a longer run of text with "…"). English: Typer's own, as they were before
    this was first called."""
    from typer import rich_utils

    from tasktrack.i18n import t

    base = _context_base()
    if not _ORIGINAL:
        _ORIGINAL.update({name: getattr(rich_utils, name) for name in _PANEL_WORDS})
        _ORIGINAL["formatter_class"] = base.formatter_class
        _ORIGINAL["_make_rich_text"] = rich_utils._make_rich_text
    if lang == "en":
        for name in (*_PANEL_WORDS, "_make_rich_text"):
            setattr(rich_utils, name, _ORIGINAL[name])
        base.formatter_class = _ORIGINAL["formatter_class"]
        return
    for name, (key, field) in _PANEL_WORDS.items():
        setattr(rich_utils, name, t(key, lang, **{field: "{}"}) if field else t(key, lang))
    usage = t("help.word.usage", lang)
    original: Any = _ORIGINAL["formatter_class"]

    class Formatter(original):  # type: ignore[misc]  # Click's HelpFormatter, as Typer has it
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, usage if prefix is None else prefix)

    make_text = _ORIGINAL["_make_rich_text"]

    def folding(**kwargs: Any) -> Any:
        made = make_text(**kwargs)
        if hasattr(made, "overflow"):  # a rich Text (Markdown wraps itself)
            made.overflow = "fold"
        return made

    base.formatter_class = Formatter
    rich_utils._make_rich_text = folding


# -- Click's usage errors, in a language -----------------------------------------------------------------

_NAMES = r"'[^']*'(?: / '[^']*')*"
# Click's English sentence (one line, no final stop) -> the catalogue key that says it. A sentence of
# another shape stays as Click wrote it.
_USAGE = [
    (re.compile(r"(?P<message>.+) \(Possible options: (?P<options>.+)\)"), "click.possible"),
    (re.compile(r"(?P<message>No such command .+)\. Did you mean (?P<names>.+)\?"), "click.did_you_mean"),
    (re.compile(r"No such option: (?P<option>\S+)"), "click.no_such_option"),
    (re.compile(rf"Missing option (?P<name>{_NAMES})"), "click.missing_option"),
    (re.compile(rf"Missing argument (?P<name>{_NAMES})"), "click.missing_argument"),
    (re.compile(rf"Missing parameter (?P<name>{_NAMES})"), "click.missing_parameter"),
    (re.compile(rf"Invalid value for (?P<name>{_NAMES}): (?P<reason>.+)"), "click.invalid"),
    (re.compile(r"No such command (?P<name>'.*')"), "click.no_such_command"),
    (re.compile(r"Missing command"), "click.missing_command"),
    (re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)"), "click.extra_args"),
    (re.compile(r"Option (?P<option>'[^']*') requires an argument"), "click.needs_value"),
    (re.compile(r"Option (?P<option>'[^']*') requires (?P<n>\d+) arguments"), "click.needs_values"),
    (re.compile(r"Option (?P<option>'[^']*') does not take a value"), "click.takes_no_value"),
]
# Why a value is invalid, as Typer's pydantic coercion says it (the common ones).
_REASONS = [
    (re.compile(r"Input should be a valid integer, unable to parse string as an integer"), "click.not_int"),
    (re.compile(r"Input should be a valid number, unable to parse string as a number"), "click.not_number"),
    (re.compile(r"Input should be greater than or equal to (?P<n>\S+)"), "click.at_least"),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)"), "click.at_most"),
]


def _name(text: str) -> str:
    """'--output' / '-o' as Click quotes it; in Chinese an option bare, any other name in “”."""
    return re.sub(r"'([^']*)'", lambda m: m[1] if m[1].startswith("-") else f"“{m[1]}”", text)


def _said(text: str, lang: str, patterns: list[tuple[re.Pattern[str], str]]) -> str:
    from tasktrack.i18n import t

    for pattern, key in patterns:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        fields = m.groupdict()
        for field, value in fields.items():
            if field == "message":
                fields[field] = _said(value, lang, _USAGE)
            elif field == "reason":
                fields[field] = _said(value, lang, _REASONS)
            elif field in ("name", "option", "names"):
                fields[field] = _name(value)
        return t(key, lang, **fields)
    return text


def usage_error(exc: Any, lang: str) -> str:
    """A Click usage error on one line, without the final stop, in `lang` (English: Click's own words)."""
    text = " ".join(exc.format_message().split()).rstrip(".")
    return text if lang == "en" else _said(text, lang, _USAGE)
