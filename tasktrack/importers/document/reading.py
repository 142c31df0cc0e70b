"""Reading a plan document (plain text, Markdown, HTML or .docx) into plain text, tables one row or cell a line."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from tasktrack.errors import UserError, Words

if TYPE_CHECKING:
    from docx.table import Table as DocxTable

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}
_HINT = Words("err.imp.doc_hint")


class DocumentError(UserError):
    """A file that is not a document tasktrack can read; the message says what to give instead."""


def read_document(path: Path) -> tuple[str, str]:
    """(text, format) of the file at `path`; raises DocumentError with a one-line reason."""
    if not path.exists():
        raise DocumentError("err.imp.no_file", path=path)
    if path.is_dir():
        raise DocumentError("err.imp.doc_folder", path=path, hint=_HINT)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError("err.imp.cannot_read", path=path, why=exc.strerror or exc) from None
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str) -> tuple[str, str]:
    """(text, format) of a document's bytes; `name` gives the format by its suffix, else it is sniffed."""
    kind = FORMATS.get(Path(name).suffix.lower()) or _sniff(data)
    _refuse_known_binaries(data, name, kind)
    if kind == "docx":
        return _docx_text(data, name), kind
    text = decode(data, name)
    if kind == "html" or (kind == "text" and _looks_html(text)):
        return html_text(text), "html"
    if kind == "markdown":
        return markdown_text(text), kind
    return normalize_newlines(text), "text"


def _sniff(data: bytes) -> str:
    if data[:2] == b"PK":
        return "docx"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return "text"


def _refuse_known_binaries(data: bytes, name: str, kind: str) -> None:
    if data.startswith(b"%PDF"):
        raise DocumentError("err.imp.doc_pdf", name=name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError("err.imp.doc_old", name=name)
    if kind != "docx" and data.startswith(b"PK"):
        raise DocumentError("err.imp.doc_zip", name=name, hint=_HINT)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030 (GBK) as Chinese sites publish."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _is_plausible(text):
            return text
        break
    raise DocumentError("err.imp.doc_binary", name=name, hint=_HINT)


def _is_plausible(text: str) -> bool:
    """Text a person wrote: almost no control characters and no private-use or unassigned code points."""
    if not text:
        return True
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f\v") or "\ue000" <= c <= "\uf8ff")
    return "\x00" not in text and bad <= max(2, len(text) // 200)


def _looks_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


# ---- Markdown --------------------------------------------------------------------------------------

_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def markdown_text(text: str) -> str:
    """Headings lose their #, emphasis and links their marks, table rows become tab-separated cells."""
    out = []
    for line in normalize_newlines(text).split("\n"):
        if _MD_RULE.match(line) or line.strip() in ("---", "***", "___"):
            continue
        s = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
        s = re.sub(r"^\s*>\s?", "", s)
        s = re.sub(r"^\s*[-*+]\s+(?=\S)", "", s)
        s = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", s)
        s = re.sub(r"(\*\*|__)(.+?)\1", r"\2", s)
        s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", s)
        s = s.replace("`", "")
        if s.strip().startswith("|") or s.count("|") >= 2:
            cells = [c.strip() for c in s.strip().strip("|").split("|")]
            s = "\t".join(cells)
        out.append(s)
    return "\n".join(out)


# ---- HTML ------------------------------------------------------------------------------------------

_BLOCK = set(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "hr",
        "dt",
        "dd",
    ]
)
_SKIP = {"script", "style", "head", "title", "noscript", "template", "svg"}


class _HtmlText(HTMLParser):
    """Block elements become lines; each table row becomes one line of tab-separated cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.skip = 0
        self.cells: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "tr":
            self._flush()
            self.cells = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag in _BLOCK:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cell is not None:
            if self.cells is None:
                self.cells = []
            self.cells.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.cells is not None:
            self.lines.append("\t".join(self.cells))
            self.cells = None
        elif tag in _BLOCK or tag == "table":
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.buf.append(data)

    def _break(self) -> None:
        if self.cell is not None:
            self.cell.append(" ")
        else:
            self._flush()

    def _flush(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        for line in normalize_newlines(text).split("\n"):
            if line.strip():
                self.lines.append(line.strip())

    def close(self) -> None:
        super().close()
        if self.cell is not None:
            self.handle_endtag("td")
        if self.cells:
            self.lines.append("\t".join(self.cells))
        self._flush()


def html_text(html: str) -> str:
    parser = _HtmlText()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on some malformed markup
        pass
    return "\n".join(parser.lines)


# ---- .docx -----------------------------------------------------------------------------------------


def _docx_text(data: bytes, name: str) -> str:
    """Paragraphs and tables in body order; a merged cell is given once."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a declared dependency
        raise DocumentError("err.imp.doc_needs_docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.extend(normalize_newlines(Paragraph(child, document).text).split("\n"))
            elif tag == "tbl":
                lines.extend(_docx_rows(Table(child, document)))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, AttributeError, TypeError) as exc:
        raise DocumentError("err.imp.doc_bad_docx", name=name, kind=type(exc).__name__, hint=_HINT) from None
    except Exception as exc:  # lxml and python-docx raise many kinds on damaged files
        raise DocumentError("err.imp.doc_bad_docx", name=name, kind=type(exc).__name__, hint=_HINT) from None
    return "\n".join(lines)


def _docx_rows(table: DocxTable) -> list[str]:
    """One line per row. python-docx gives a merged cell once per grid column it spans, each time wrapping
    the same <w:tc> element (`_tc`, the one private name of python-docx used here; tests/test_private_apis.py
    pins it)."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        rows.append("\t".join(cells))
    return rows
