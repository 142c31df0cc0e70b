"""One entry point for every output format: a document (and, for JSON, its data) to text or bytes."""

from __future__ import annotations

from typing import Any

from tasktrack.reports.model import Document

FORMATS = ("text", "md", "html", "pdf", "xlsx", "json")
BINARY = ("pdf", "xlsx")
SUFFIXES = {
    ".txt": "text",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
    ".json": "json",
}


def render(doc: Document, fmt: str, *, data: Any = None, width: int | None = None) -> str | bytes:
    """`doc` in format `fmt`; JSON renders `data` (the report's plain data), the others the document."""
    if fmt == "text":
        from tasktrack.reports.render_text import to_text

        return to_text(doc, width)
    if fmt == "md":
        from tasktrack.reports.render_text import to_markdown

        return to_markdown(doc)
    if fmt == "html":
        from tasktrack.reports.render_html import to_html

        return to_html(doc)
    if fmt == "pdf":
        from tasktrack.reports.render_html import to_pdf

        return to_pdf(doc)
    if fmt == "xlsx":
        from tasktrack.reports.render_xlsx import to_xlsx

        return to_xlsx(doc)
    if fmt == "json":
        from tasktrack.domain.text import json_safe
        from tasktrack.services.views import dumps

        return json_safe(dumps(data)) + "\n"
    raise ValueError(f"unknown format {fmt!r}")
