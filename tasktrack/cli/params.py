"""Option values without pydantic, where that changes nothing.

Typer 0.29 coerces every given option through a pydantic TypeAdapter: loading pydantic and building
the adapters costs more than most commands' own work. A value that already is what its annotation asks
for (text for `str`, plain digits in range for `int`, texts for `list[str]`) comes out of that adapter
unchanged, so it is passed on as it is; anything else (a bad value and its error message, a path, a
float, a choice, a parser) still goes through Typer's own coercion, built when first needed.

This is the one module that uses Typer's private internals (`typer._coercion`, `typer.core._TyperParameter`,
`typer._click`); tests/test_private_apis.py pins what it relies on, so a Typer upgrade that changes them
fails there first.
"""

from __future__ import annotations

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

__all__ = ["NEGATIVE_VALUES", "ClickException", "NoArgsIsHelpError", "install", "plain_value"]

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
