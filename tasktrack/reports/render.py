"""One entry point for every output format: a document (and, for JSON, its data) to text or bytes."""

from __future__ import annotations

from typing import Any

from tasktrack.reports.model import Document

FORMATS = ("text", "md", "html", "pdf", "docx", "xlsx", "json")
BINARY = ("pdf", "docx", "xlsx")
SUFFIXES = {
    ".txt": "text",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".json": "json",
}


def render(
    doc: Document, fmt: str, *, data: Any = None, width: int | None = None, font_dirs: list[str] | None = None
) -> str | bytes:
    """`doc` in format `fmt`; JSON renders `data` (the report's plain data), the others the document.
    `font_dirs` (the setting) is where PDF looks for its CJK fonts; $TASKTRACK_FONT_DIRS overrides it."""
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
        from tasktrack.reports.render_pdf import to_pdf

        return to_pdf(doc, font_dirs)
    if fmt == "docx":
        from tasktrack.reports.render_docx import to_docx

        return to_docx(doc, font_dirs)
    if fmt == "xlsx":
        from tasktrack.reports.render_xlsx import to_xlsx

        return to_xlsx(doc)
    if fmt == "json":
        from tasktrack.domain.text import json_safe
        from tasktrack.services.views import dumps

        return json_safe(dumps(data)) + "\n"
    raise ValueError(f"unknown format {fmt!r}")
