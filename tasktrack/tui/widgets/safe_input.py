"""A text field that never holds control characters: a pasted escape code would otherwise reach the terminal."""

from __future__ import annotations

from textual.widgets import Input

from tasktrack.domain.text import sanitize


class SafeInput(Input):
    def validate_value(self, value: str) -> str:
        return sanitize(value)
