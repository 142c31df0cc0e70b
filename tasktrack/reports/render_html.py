"""A document as a printable HTML page (A4, annexes landscape, header rows repeated); PDF is render_pdf's."""

from __future__ import annotations

from html import escape

from tasktrack.domain.text import sanitize_multiline
from tasktrack.reports.model import Cell, Document, Heading, Para, Table

FONTS = (
    '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC", '
    '"WenQuanYi Micro Hei", serif'
)
SHORT = 11  # characters: a column whose values are all this short is not wrapped
TITLE_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", SimHei, sans-serif'

CSS = f"""
@page {{ size: A4 portrait; margin: 25mm 20mm 20mm 20mm;
  @bottom-center {{ content: counter(page) " / " counter(pages); font-size: 9pt; }} }}
@page annex {{ size: A4 landscape; margin: 12mm 10mm 14mm 10mm;
  @bottom-center {{ content: counter(page) " / " counter(pages); font-size: 8pt; }} }}
html {{ font-family: {FONTS}; font-size: 12pt; line-height: 1.6; color: #000; }}
body {{ margin: 0 auto; max-width: 60em; }}
h1 {{ font-family: {TITLE_FONTS}; font-size: 20pt; text-align: center; margin: 0 0 .3em; color: #c00; }}
p.subtitle {{ text-align: center; margin: 0; }}
h2 {{ font-family: {TITLE_FONTS}; font-size: 14pt; margin: 1em 0 .3em; }}
h3 {{ font-size: 12pt; margin: .8em 0 .2em; }}
p {{ text-indent: 2em; margin: .2em 0; text-align: justify; }}
p.note {{ text-indent: 0; font-size: 10.5pt; }}
p.sign {{ text-align: right; text-indent: 0; margin-right: 2em; }}
table {{ border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: 10pt; line-height: 1.35; }}
th, td {{ border: 0.6pt solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left;
  white-space: pre-wrap; overflow-wrap: anywhere; }}
th {{ background: #eee; text-align: center; }}
td.num {{ text-align: right; }}
td.short {{ white-space: nowrap; }}
thead {{ display: table-header-group; }}
tr {{ page-break-inside: avoid; break-inside: avoid; }}
section.annex {{ page: annex; page-break-before: always; break-before: page; }}
section.annex table {{ font-size: 8.5pt; }}
section.annex h2 {{ text-align: left; }}
@media screen {{ body {{ padding: 1em; }} section.annex {{ margin-top: 2em; }} }}
"""


def _text(value: Cell) -> str:
    return escape(sanitize_multiline("" if value is None else str(value)))


def _table(t: Table) -> str:
    if not t.rows:
        return f'<p class="note">{_text(t.empty)}</p>'
    # Columns of short values (dates, units, 预期性) stay on one line: Chinese text may otherwise break
    # after any character, and automatic layout gives the long texts their width.
    short = [max((len(str(r[i] or "")) for r in t.rows), default=0) <= SHORT for i in range(len(t.headers))]
    total = sum(t.width(i) for i in range(len(t.headers))) or 1
    cols = "".join(f'<col style="width:{t.width(i) * 100 / total:.1f}%">' for i in range(len(t.headers)))
    head = "".join(f"<th>{_text(h)}</th>" for h in t.headers)
    body = "\n".join(
        "<tr>"
        + "".join(f'<td class="{_cls(t, i, short[i])}">{_text(c)}</td>' for i, c in enumerate(r))
        + "</tr>"
        for r in t.rows
    )
    return f'<table class="{escape(t.key)}"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>'


def _cls(t: Table, i: int, short: bool) -> str:
    return " ".join(c for c, on in (("num", t.is_numeric(i)), ("short", short)) if on) or "text"


def to_html(doc: Document) -> str:
    parts = [f"<h1>{_text(doc.title)}</h1>"]
    parts += [f'<p class="subtitle">{_text(s)}</p>' for s in doc.subtitle]
    annex_open = False
    for b in doc.blocks:
        if isinstance(b, Heading):
            if b.level == 0:
                parts.append("</section>" if annex_open else "")
                parts.append(f'<section class="annex"><h2>{_text(b.text)}</h2>')
                annex_open = True
            else:
                tag = "h2" if b.level == 1 else "h3"
                parts.append(f"<{tag}>{_text(b.text)}</{tag}>")
        elif isinstance(b, Para):
            parts.append(f'<p class="{escape(b.style)}">{_text(b.text)}</p>')
        elif isinstance(b, Table):
            parts.append(_table(b))
    if annex_open:
        parts.append("</section>")
    body = "\n".join(p for p in parts if p)
    lang = "zh-CN" if doc.lang == "zh" else "en"
    meta = "".join(
        f'<meta name="{name}" content="{_text(doc.meta[key])}">\n'
        for key, name in (("as_of", "dcterms.created"), ("issuer", "author"))
        if key in doc.meta
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_text(doc.title)}</title>\n{meta}<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
