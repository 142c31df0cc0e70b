"""A document as terminal text (CJK-aligned tables) and as Markdown; user text is never markup."""

from __future__ import annotations

import re

from tasktrack.domain.table import render_table
from tasktrack.domain.text import display_width, sanitize, wrap
from tasktrack.reports.model import Cell, Document, Heading, Para, Table


def _str(c: Cell) -> str:
    return "" if c is None else str(c)


def _centre(text: str, width: int | None) -> str:
    if width is None:
        return text
    gap = max(0, width - display_width(text)) // 2
    return " " * gap + text


def _lines(text: str, width: int | None, indent: str = "") -> list[str]:
    text = sanitize(text)
    if width is None:
        return [indent + text]
    return [indent + line for line in wrap(text, max(20, width - display_width(indent)))]


def to_text(doc: Document, width: int | None = None) -> str:
    """Plain text; `width` None (piped) means no wrapping and tables at their natural width."""
    centre_w = width or 80
    out = [_centre(sanitize(doc.title), centre_w)]
    out += [_centre(sanitize(s), centre_w) for s in doc.subtitle]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += ["", sanitize(b.text)] if b.level <= 1 else [sanitize(b.text)]
            if b.level == 0:
                out.append("═" * min(centre_w, max(display_width(b.text), 20)))
        elif isinstance(b, Para):
            if b.style == "sign":
                text = sanitize(b.text)
                out.append(" " * max(0, centre_w - display_width(text) - 4) + text)
            else:
                out += _lines(b.text, width, "" if b.style == "note" else "  ")
        elif isinstance(b, Table):
            out.append(_table(b, width))
    return "\n".join(out) + "\n"


def _table(t: Table, width: int | None) -> str:
    if not t.rows:
        return t.empty
    aligns = ["right" if t.is_numeric(i) else "left" for i in range(len(t.headers))]
    rows = [[_str(c) for c in r] for r in t.rows]
    return render_table(t.headers, rows, aligns=aligns, max_width=width, wrap_cols=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&$])")
_MD_LINE_START = re.compile(r"^(\s*)([-=]|\d+\.(?=\s|$))", re.M)


def md_escape(text: str) -> str:
    """Text that Markdown shows literally: punctuation escaped, line breaks kept as <br>."""
    text = _MD_SPECIAL.sub(r"\\\1", sanitize(text))
    return _MD_LINE_START.sub(_escape_marker, text)


def _escape_marker(m: re.Match[str]) -> str:
    """A list or heading marker at a line start: `- ` → `\\- `, `1. ` → `1\\. `."""
    marker = m.group(2)
    return m.group(1) + (marker[:-1] + "\\." if marker.endswith(".") else "\\" + marker)


def _md_cell(c: Cell) -> str:
    return md_escape(_str(c)).replace("↵", "<br>")


def to_markdown(doc: Document) -> str:
    out = [f"# {md_escape(doc.title)}", ""]
    if doc.subtitle:
        out += ["  \n".join(f"**{md_escape(s)}**" for s in doc.subtitle), ""]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += [f"{'#' * (b.level + 1) if b.level else '##'} {md_escape(b.text)}", ""]
        elif isinstance(b, Para):
            text = md_escape(b.text)
            out += [f"*{text}*" if b.style == "note" else text, ""]
        elif isinstance(b, Table):
            out += [*_md_table(b), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _md_table(t: Table) -> list[str]:
    if not t.rows:
        return [md_escape(t.empty)]
    rule = ["---:" if t.is_numeric(i) else "---" for i in range(len(t.headers))]
    lines = ["| " + " | ".join(md_escape(h) for h in t.headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in t.rows]
    return lines
