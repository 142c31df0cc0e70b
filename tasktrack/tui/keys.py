"""Key bindings with ids, described in the user's language; the same list feeds the footer, `?` help and palette.

This is the one module that reads Textual's private `DOMNode._bindings` (the BindingsMap keymaps are applied
to); tests/test_private_apis.py pins what it relies on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

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
