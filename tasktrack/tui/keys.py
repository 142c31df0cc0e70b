"""Key bindings with ids, described in the user's language; the same list feeds the footer, `?` help and palette.

This is the one module that reads Textual's private `DOMNode._bindings` (the BindingsMap keymaps are applied
to); tests/test_private_apis.py pins what it relies on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from typing import Any

from textual.app import SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.screen import Screen

from tasktrack.i18n import MESSAGES, t


def key(keys: str, action: str, id: str, *, show: bool = True, priority: bool = False) -> Binding:
    """A binding whose description is the message `key.<id>`; the id also lets a keymap remap it."""
    return Binding(keys, action, t(f"key.{id}", "zh"), show=show, id=id, priority=priority)


def translate(node: DOMNode, lang: str) -> None:
    """Describe a node's bindings in `lang`.

    Textual reads descriptions from each node's own BindingsMap (the one keymaps are applied to), so
    replacing the Binding objects there is enough; the screen is told to redraw its footer.
    """
    bindings = node._bindings.key_to_bindings
    for k, items in bindings.items():
        bindings[k] = [
            replace(b, description=t(f"key.{b.id}", lang)) if b.id and f"key.{b.id}" in MESSAGES else b
            for b in items
        ]


def described(node: DOMNode) -> Iterator[Binding]:
    """The node's bindings that carry an id (ours), each once, in the order they were declared."""
    seen: set[str] = set()
    for _, b in node._bindings:
        if b.id and b.id not in seen:
            seen.add(b.id)
            yield b


# -- Textual's own words: its widgets' key descriptions and its palette entries ------------------------------


@cache
def _textual() -> dict[str, str]:
    """Textual's English -> Chinese, from the catalogue (keys tui.key.textual.*, tui.label.palette.*)."""
    prefixes = ("tui.key.textual.", "tui.label.palette.")
    return {en: zh for k, (zh, en) in MESSAGES.items() if k.startswith(prefixes)}


def textual_words(text: str, lang: str) -> str:
    """One of Textual's own texts (a key description, a palette entry) in `lang`."""
    return text if lang == "en" or not text else _textual().get(text, text)


def _ours(b: Binding) -> bool:
    return bool(b.id) and f"key.{b.id}" in MESSAGES


def active_in(active: dict[str, ActiveBinding], lang: str) -> dict[str, ActiveBinding]:
    """A screen's active bindings with Textual's own descriptions and tooltips in `lang` (ours already are)."""
    if lang == "en":
        return active
    said = {}
    for k, a in active.items():
        b = a.binding
        if not _ours(b) and (b.description or b.tooltip):
            b = replace(
                b, description=textual_words(b.description, lang), tooltip=textual_words(b.tooltip, lang)
            )
        said[k] = a._replace(binding=b, tooltip=textual_words(a.tooltip, lang))
    return said


def palette_in(commands: Iterable[SystemCommand], lang: str) -> Iterator[SystemCommand]:
    """Textual's own palette entries in `lang`; its Quit is left out (ours, `q`, is listed already)."""
    for c in commands:
        if c.title != "Quit":
            yield c._replace(title=textual_words(c.title, lang), help=textual_words(c.help, lang))


class KeysInLanguage(Screen[Any]):
    """A screen whose footer and key panel show Textual's own key descriptions in the app's language
    (put it first among a screen's bases: `class FindModal(KeysInLanguage, ModalScreen[str])`)."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return active_in(super().active_bindings, getattr(self.app, "lang", "zh"))
