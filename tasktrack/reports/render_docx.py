"""A document as a Word file (.docx, python-docx) laid out as a 公文 (GB/T 9704-2012), for last edits in WPS
or Word before it is sealed: the fonts are named as offices have them (方正小标宋简体, 仿宋_GB2312, 黑体,
楷体_GB2312), the page is the standard's A4 with a 22-line × 28-character grid."""

from __future__ import annotations

import io
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tasktrack.domain.text import sanitize
from tasktrack.i18n import t as tr
from tasktrack.reports import gongwen as gw
from tasktrack.reports.model import Block, Cell, Chart, Document, Heading, Letterhead, Para, Table

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.section import Section
    from docx.text.paragraph import Paragraph

TITLE_FONT, BODY_FONT, HEI_FONT, KAI_FONT, SONG_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
LATIN_FONT = "Times New Roman"
RED_HEX = "C8102E"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What may follow w:pBdr in w:pPr, and w:vAlign in w:sectPr (ECMA-376 order; Word checks it).
PPR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
SECT_AFTER_VALIGN = ("w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                     "w:printerSettings", "w:sectPrChange")  # fmt: skip


def to_docx(doc: Document, font_dirs: list[str] | None = None) -> bytes:
    """The .docx bytes; its properties carry the as-of date, not the wall clock."""
    try:
        import docx
    except ImportError:
        from tasktrack.errors import Unavailable

        raise Unavailable(tr("docx.no_lib", doc.lang)) from None
    out = docx.Document()
    _Builder(out, doc, font_dirs).run()
    stamp = datetime.fromisoformat(doc.meta["as_of"]) if "as_of" in doc.meta else datetime(2000, 1, 1)
    props = out.core_properties
    props.title = doc.title
    props.author = props.last_modified_by = doc.meta.get("issuer", "tasktrack")
    props.created = props.modified = stamp
    props.revision = 1
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _set_fonts(rpr_owner: Any, east: str, latin: str = LATIN_FONT) -> None:
    """Latin and East Asian faces of a run or style (python-docx sets only the Latin one)."""
    from docx.oxml.ns import qn

    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east)


def _element(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


class _Builder:
    def __init__(self, out: DocxDocument, doc: Document, font_dirs: list[str] | None) -> None:
        self.out = out
        self.doc = doc
        self.font_dirs = font_dirs
        self.one_em = gw.SIZE_BODY

    # -- page and paragraphs ------------------------------------------------------------------------------

    def _page(self, section: Section, landscape: bool) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(gw.PAGE_H), Mm(gw.PAGE_W)
            side, top = (gw.PAGE_H - gw.BODY_H) / 2, (gw.PAGE_W - gw.BODY_W) / 2
            section.left_margin = section.right_margin = Mm(side)
            section.top_margin = section.bottom_margin = Mm(top)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(gw.PAGE_W), Mm(gw.PAGE_H)
            section.top_margin, section.left_margin = Mm(gw.TOP), Mm(gw.LEFT)
            section.right_margin = Mm(gw.PAGE_W - gw.LEFT - gw.BODY_W)
            section.bottom_margin = Mm(gw.PAGE_H - gw.TOP - gw.BODY_H)
        section.footer_distance = Mm(gw.PAGE_H - gw.TOP - gw.BODY_H - gw.PAGE_NO_GAP - 6)
        sect = section._sectPr  # python-docx's documented oxml escape hatch for sectPr
        for old in sect.findall(W + "docGrid"):
            sect.remove(old)
        # 22 lines of 28 characters: line pitch in twips, character pitch as Word's 1/4096-point delta.
        pitch_pt = gw.BODY_W / gw.CHARS / gw.PT
        sect.append(_element("w:docGrid", type="linesAndChars", linePitch=str(int(gw.LINE_PITCH / gw.PT * 20)),
                             charSpace=str(int((pitch_pt - gw.SIZE_BODY) * 4096))))  # fmt: skip
        self._footers(section)

    def _footers(self, section: Section) -> None:
        """— N — in 4号 宋体: odd pages right, even pages left, one character in."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]
            p.clear()
            p.alignment = align
            indent = Pt(gw.SIZE_FOOT)
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                p.paragraph_format.right_indent = indent
            else:
                p.paragraph_format.left_indent = indent
            self._run(p, "— ", SONG_FONT, gw.SIZE_FOOT)
            field = _element("w:fldSimple", instr="PAGE")
            r = self._run(p, "1", SONG_FONT, gw.SIZE_FOOT)
            p._p.remove(r._r)  # the run moves inside the field
            field.append(r._r)
            p._p.append(field)
            self._run(p, " —", SONG_FONT, gw.SIZE_FOOT)

    def _run(self, p: Paragraph, text: str, east: str, size: float, *, bold: bool = False,
             red: bool = False) -> Any:  # fmt: skip
        from docx.shared import Pt, RGBColor

        r = p.add_run(sanitize(text))
        r.font.size = Pt(size)
        r.font.bold = bold
        if red:
            r.font.color.rgb = RGBColor.from_string(RED_HEX)
        _set_fonts(r._r, east)  # python-docx names no East Asian font of its own
        return r

    def para(self, text: str, east: str = BODY_FONT, size: float = gw.SIZE_BODY, *, indent: float = 2,
             align: str = "left", red: bool = False, right_em: float = 0, exact: float | None = None) -> Paragraph:  # fmt: skip
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Pt

        p = self.out.add_paragraph()
        f = p.paragraph_format
        f.space_before = f.space_after = Pt(0)
        f.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        f.line_spacing = Pt(exact or gw.LINE_PITCH / gw.PT)
        p.alignment = {"left": WD_ALIGN_PARAGRAPH.JUSTIFY, "centre": WD_ALIGN_PARAGRAPH.CENTER,
                       "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]  # fmt: skip
        if align == "left" and indent:
            f.first_line_indent = Pt(indent * size)
        if right_em:
            f.right_indent = Pt(right_em * size)
        lines = text.split("\n")
        for i, line in enumerate(lines):
            r = self._run(p, line, east, size, red=red)
            if i < len(lines) - 1:
                r.add_break()
        return p

    def blank(self, n: int = 1) -> None:
        for _ in range(n):
            self.para("")

    def border(self, p: Paragraph, side: str, eighths: int, colour: str = "000000", space: int = 1) -> None:
        """A rule above or below a paragraph: `eighths` of a point thick, `space` points from the text."""
        ppr = p._p.get_or_add_pPr()  # borders have no python-docx API
        bdr = ppr.find(W + "pBdr")
        if bdr is None:  # (Word refuses a file whose elements are out of the schema's order)
            bdr = _element("w:pBdr")
            ppr.insert_element_before(bdr, *PPR_AFTER_BORDER)
        bdr.append(_element(f"w:{side}", val="single", sz=str(eighths), space=str(space), color=colour))

    # -- blocks -------------------------------------------------------------------------------------------

    def table(self, t: Table, size: float, width_mm: float) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm, Pt

        if not t.rows:
            self.para(t.empty)
            return
        for tried in (size, size - 1, size - 1.5, 8.0):  # a smaller size where the columns would not fit
            size, one_em = tried, tried * gw.PT
            widths_em, fits = gw.column_widths(t, width_mm / one_em, pad=0.9)
            if fits:
                break
        widths = [Mm(w * one_em) for w in widths_em]
        table = self.out.add_table(rows=1, cols=len(t.headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for col, w in zip(table.columns, widths, strict=True):
            col.width = w
        head = table.rows[0]
        head._tr.get_or_add_trPr().append(_element("w:tblHeader"))  # repeated on every page
        for i, (cell, h) in enumerate(zip(head.cells, t.headers, strict=True)):
            self._cell(cell, str(h), HEI_FONT, size, widths[i], WD_ALIGN_PARAGRAPH.CENTER)
        for row in t.rows:
            cells = table.add_row().cells
            for i, (cell, value) in enumerate(zip(cells, row, strict=False)):
                align = WD_ALIGN_PARAGRAPH.RIGHT if t.is_numeric(i) else WD_ALIGN_PARAGRAPH.LEFT
                self._cell(cell, _text(value), BODY_FONT, size, widths[i], align)
        gap = self.para("", size=size, exact=size * 1.2)
        gap.paragraph_format.space_after = Pt(0)

    def _cell(self, cell: Any, text: str, east: str, size: float, width: Any, align: Any) -> None:
        from docx.enum.text import WD_LINE_SPACING

        cell.width = width
        p = cell.paragraphs[0]
        p.alignment = align
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        lines = text.split("\n")
        for i, line in enumerate(lines):
            r = self._run(p, line, east, size)
            if i < len(lines) - 1:
                r.add_break()

    def chart(self, c: Chart, width_mm: float) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        from tasktrack.errors import Unavailable
        from tasktrack.reports.chart import chart_png
        from tasktrack.reports.fonts import find_fonts, font_dirs

        try:
            path: str | None = str(find_fonts(font_dirs(self.font_dirs), self.doc.lang).hei.path)
        except Unavailable:  # no CJK face to label it with: the table above carries the same numbers
            return
        png, _ = chart_png(c, self.doc.lang, path)
        self.out.add_picture(io.BytesIO(png), width=Mm(width_mm))
        self.out.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def block(self, b: Block) -> None:
        if isinstance(b, Heading):
            self.para(b.text, HEI_FONT if b.level <= 1 else KAI_FONT)
        elif isinstance(b, Para):
            self.para(b.text)
        elif isinstance(b, Table):
            self.table(b, gw.SIZE_TABLE, gw.BODY_W)
        else:
            self.chart(b, gw.BODY_W)

    # -- the document -------------------------------------------------------------------------------------

    def run(self) -> None:
        from docx.shared import Pt

        doc, lh = self.doc, self.doc.letterhead
        self.out.settings.odd_and_even_pages_header_footer = True
        normal = self.out.styles["Normal"]
        normal.font.size = Pt(gw.SIZE_BODY)
        _set_fonts(normal.element, BODY_FONT)
        self._page(self.out.sections[0], landscape=False)
        first = self.out.paragraphs[0] if self.out.paragraphs else None
        if first is not None:  # the template's empty paragraph
            first._p.getparent().remove(first._p)
        if lh is not None:
            self._masthead(lh)
        self.para(doc.title, TITLE_FONT, gw.SIZE_TITLE, align="centre", exact=gw.SIZE_TITLE * 1.5)
        for s in doc.subtitle:
            self.para(s, KAI_FONT, align="centre")
        if lh is not None:
            self.blank()
            self.para(f"{lh.main_to}：", indent=0)
        body, annexes = gw.split_annexes(doc)
        signed = False
        first_sign = next((i for i, b in enumerate(body) if isinstance(b, Para) and b.style == "sign"), None)
        for i, b in enumerate(body):
            if first_sign is not None and i == first_sign and self.out.paragraphs:
                # the text's last paragraph stays on the page of the 署名 and 成文日期 (no 此页无正文)
                self.out.paragraphs[-1].paragraph_format.keep_with_next = True
            if isinstance(b, Para) and b.style == "sign":
                if lh is None:
                    self.para(b.text, align="right", right_em=2)
                elif not signed:
                    self._annex_note(annexes)
                    self._signature(lh)
                signed = True
            elif signed and isinstance(b, Para) and lh is not None:
                self.para(b.text, size=gw.SIZE_FOOT, exact=gw.SIZE_FOOT * 1.5)  # 附注
            else:
                self.block(b)
        landscape = False
        for heading, blocks in annexes:
            landscape = self._annex(heading, blocks)
        if lh is not None:
            self._colophon(lh, landscape)

    def _masthead(self, lh: Letterhead) -> None:
        from docx.shared import Mm, Pt

        size = min(gw.SIZE_MASTHEAD, gw.BODY_W / max(gw.em(lh.masthead), 1) / gw.PT)
        p = self.para(lh.masthead, TITLE_FONT, size, align="centre", red=True, exact=size * 1.15)
        p.paragraph_format.space_before = Mm(gw.MASTHEAD_TOP)
        self.blank(2)
        no = self.para(lh.doc_no, align="centre")
        no.paragraph_format.space_after = Pt(0)
        self.border(no, "bottom", 12, RED_HEX, space=11)  # the red line, 4 mm under the 文号
        self.blank(2)

    def _annex_note(self, annexes: list[tuple[Heading, list[Block]]]) -> None:
        if not annexes:
            return
        self.para("").paragraph_format.keep_with_next = True
        names = [gw.annex_parts(h.text) for h, _ in annexes]
        lines = [f"{names[0][0]}：{names[0][1]}"] if len(names) == 1 else [
            f"{label}：{i}．{name}" if i == 1 else f"{'　' * (len(label) + 1)}{i}．{name}"
            for i, (label, name) in enumerate(names, 1)
        ]
        for line in lines:
            self.para(line).paragraph_format.keep_with_next = True

    def _signature(self, lh: Letterhead) -> None:
        """Room for the seal; the 署名 centred over the 成文日期, which ends four characters from the right."""
        for _ in range(2):
            self.para("").paragraph_format.keep_with_next = True
        date_em, name_em = gw.em(lh.date), gw.em(lh.signer)
        signer = self.para(lh.signer, align="right", right_em=4 + max(0.0, (date_em - name_em) / 2))
        signer.paragraph_format.keep_with_next = True
        self.para(lh.date, align="right", right_em=4)

    def _annex(self, heading: Heading, blocks: list[Block]) -> bool:
        from docx.enum.section import WD_SECTION

        landscape = any(isinstance(b, Table) and b.landscape for b in blocks)
        self._page(self.out.add_section(WD_SECTION.NEW_PAGE), landscape)
        label, name = gw.annex_parts(heading.text)
        self.para(label, HEI_FONT, indent=0)
        if name:
            self.blank()
            self.para(name, TITLE_FONT, gw.SIZE_TITLE, align="centre", exact=gw.SIZE_TITLE * 1.5)
        width = gw.BODY_H if landscape else gw.BODY_W
        for b in blocks:
            if isinstance(b, Table):
                self.table(b, gw.SIZE_ANNEX, width)
            elif isinstance(b, Chart):
                self.chart(b, width)
            else:
                self.block(b)
        return landscape

    def _colophon(self, lh: Letterhead, after_landscape: bool) -> None:
        """版记 on a last page of its own, at its foot (the section is aligned to the bottom): 抄送 and
        印发机关/印发日期 between a thick, a thin and a thick rule."""
        from docx.enum.section import WD_SECTION
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Mm, Pt

        section = self.out.add_section(WD_SECTION.NEW_PAGE)
        self._page(section, landscape=False)
        valign = _element("w:vAlign", val="bottom")  # (before docGrid: the schema's order)
        section._sectPr.insert_element_before(valign, *SECT_AFTER_VALIGN)  # no python-docx API
        one = Pt(gw.SIZE_FOOT)
        first = True
        if lh.cc:
            cc = self.para(tr("gw.cc", self.doc.lang, names=lh.cc), size=gw.SIZE_FOOT, indent=0,
                           exact=gw.SIZE_FOOT * 1.9)  # fmt: skip
            cc.paragraph_format.left_indent = cc.paragraph_format.right_indent = one
            self.border(cc, "top", 8)
            first = False
        printed = self.para(lh.printer, size=gw.SIZE_FOOT, indent=0, exact=gw.SIZE_FOOT * 1.9)
        printed.runs[-1].add_tab()  # the 印发日期 at the right-aligned tab stop, one character in
        self._run(printed, tr("gw.printed", self.doc.lang, date=lh.date), BODY_FONT, gw.SIZE_FOOT)
        printed.paragraph_format.left_indent = one
        printed.paragraph_format.tab_stops.add_tab_stop(Mm(gw.BODY_W) - one, WD_TAB_ALIGNMENT.RIGHT)
        self.border(printed, "top", 8 if first else 6)
        self.border(printed, "bottom", 8)


def _text(c: Cell) -> str:
    return "" if c is None else sanitize(str(c)) if "\n" not in str(c) else str(c)
