"""A document as PDF, laid out as a 公文 (GB/T 9704-2012) when it carries a letterhead; set with fpdf2.

The layout is done here, line by line on the standard's grid, so the cost grows with the text: a
5,000-row annex is 5,000 rows measured once and drawn once (WeasyPrint's table layout took 6 s for 200).
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from tasktrack.domain.text import sanitize
from tasktrack.i18n import t as tr
from tasktrack.reports import gongwen as gw
from tasktrack.reports.model import Cell, Chart, Document, Heading, Letterhead, Para, Table

if TYPE_CHECKING:
    from collections.abc import Callable

    from tasktrack.reports.fonts import CjkFonts

NO_START = set("，。、；：？！）》」』”’%％…·,.;:!?)]")  # never at a line's start (避头)
NO_END = set("（《「『“‘([")  # never at a line's end (避尾)
_TOKEN = re.compile(r"[A-Za-z0-9.,%+\-/:_#@]+|\s|.", re.S)  # Latin words and numbers stay whole
BODY_SIZE = gw.BODY_W / gw.CHARS / gw.PT  # 3号 set on the 28-character grid: 15.8 pt
CELL_PAD = 0.9  # mm inside a table cell, left and right
BLACK = (0, 0, 0)


@dataclass
class Box:
    """The 版心 of the current page, in mm."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


PORTRAIT = Box(gw.LEFT, gw.TOP, gw.BODY_W, gw.BODY_H)
# A landscape annex page: the 版心 turned, centred on the page.
LANDSCAPE = Box((gw.PAGE_H - gw.BODY_H) / 2, (gw.PAGE_W - gw.BODY_W) / 2, gw.BODY_H, gw.BODY_W)


def to_pdf(doc: Document, font_dirs: list[str] | None = None) -> bytes:
    """The PDF's bytes; refuses (exit 1, naming the Debian package) when no CJK font is installed."""
    from tasktrack.reports.fonts import find_fonts
    from tasktrack.reports.fonts import font_dirs as dirs_of

    from tasktrack.reports.chart import drawn_ahead

    fonts = find_fonts(dirs_of(font_dirs), doc.lang)
    try:
        import fpdf  # noqa: F401  # (the check only: the writer imports what it uses)
    except ImportError:
        from tasktrack.errors import Unavailable

        raise Unavailable(tr("pdf.no_fpdf", doc.lang)) from None
    charts = [b for b in doc.blocks if isinstance(b, Chart)]
    return PageWriter(doc, fonts, drawn_ahead(charts, doc.lang, str(fonts.hei.path))).run()


class PageWriter:
    """One document onto pages: a cursor `y` in the current page's 版心 `box`."""

    def __init__(
        self, doc: Document, fonts: CjkFonts, drawing: Callable[[Chart], tuple[bytes, float]] | None = None
    ) -> None:
        from fpdf import FPDF
        from fpdf.fonts import TTFFont

        class _Pages(FPDF):
            def footer(inner) -> None:  # (FPDF calls it as each page closes)
                self._page_number()

        self.doc = doc
        self.fonts = fonts
        self.drawing = drawing or self._draw_here
        self.pdf = _Pages(unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(0, 0, 0)
        # fontTools warns on stderr about harmless quirks of the Arphic files (a padded glyf table).
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        for name, face in (("song", fonts.song), ("kai", fonts.kai), ("hei", fonts.hei)):
            self.pdf.add_font(name, fname=str(face.path), collection_font_number=face.index)
        song = self.pdf.fonts["song"]
        cmap = song.ttfont.getBestCmap() if isinstance(song, TTFFont) else {}
        if fonts.wide is not None and _needs_wide(doc, cmap):
            self.pdf.add_font("wide", fname=str(fonts.wide.path), collection_font_number=fonts.wide.index)
            self.pdf.set_fallback_fonts(["wide"], exact_match=False)
        self.widths: dict[tuple[str, float], dict[str, float]] = {}
        self.box = PORTRAIT
        self.y = PORTRAIT.top
        self.font: tuple[str, float] = ("", 0.0)
        self.colour = BLACK

    # -- drawing primitives -------------------------------------------------------------------------------

    def set_font(self, face: str, size: float) -> None:
        """`face` is song, kai, hei, or bold: the 宋 face drawn with a thin outline (小标宋 for the title)."""
        if self.font != (face, size):
            self.pdf.set_font("song" if face == "bold" else face, size=size)
            self.font = (face, size)

    def draw(self, x: float, baseline: float, text: str) -> None:
        """`text` in the current font; the bold face is outlined inside a saved graphics state, as fpdf2
        sets the text mode on a line but never sets it back."""
        face, size = self.font
        if face != "bold":
            self.pdf.text(x, baseline, text)
            return
        from fpdf.enums import TextMode

        with self.pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=size * gw.PT * 0.045,
                                    draw_color=self.colour):  # fmt: skip
            self.pdf.text(x, baseline, text)

    def lines_drawn(self) -> None:
        """Lines were drawn (their width and colour are the outline's too): set the font afresh next time."""
        self.font = ("", 0.0)

    def set_colour(self, rgb: tuple[int, int, int]) -> None:
        if self.colour != rgb:
            self.pdf.set_text_color(*rgb)
            self.colour = rgb
            self.font = ("", 0.0)  # the outline of a bold face takes the colour when the font is next set

    def width(self, text: str, face: str, size: float) -> float:
        table = self.widths.setdefault(("song" if face == "bold" else face, size), {})
        total = 0.0
        for ch in text:
            w = table.get(ch)
            if w is None:
                self.set_font(face, size)
                w = table[ch] = self.pdf.get_string_width(ch)
            total += w
        return total

    def wrap(self, text: str, face: str, size: float, width: float, indent: float = 0.0, *,
             hang: bool = True) -> list[str]:  # fmt: skip
        """Lines of at most `width` mm (the first `indent` mm narrower); 避头尾 kept, Latin words whole.
        `hang`: closing punctuation may stand in the margin (body text); else it takes a character along."""
        out: list[str] = []
        for para in text.split("\n"):
            out += self._wrap_one(sanitize(para), face, size, width, indent, hang)
            indent = 0.0
        return out or [""]

    def _wrap_one(self, text: str, face: str, size: float, width: float, indent: float, hang: bool) -> list[str]:
        lines: list[str] = []
        line, used, room = "", 0.0, width - indent
        for tok in _TOKEN.findall(text):
            w = self.width(tok, face, size)
            if used + w <= room + 1e-6 or (not line and w <= room):
                line, used = line + tok, used + w
                continue
            if tok[0] in NO_START and line and hang:  # hang the punctuation in the margin
                line, used = line + tok, used + w
                continue
            k = len(line) - 1  # else the last character (and any punctuation after it) goes along
            while k > 0 and line[k] in NO_START:
                k -= 1
            if tok[0] in NO_START and k > 0:
                lines.append(line[:k])
                line = line[k:] + tok
                used, room = self.width(line, face, size), width
                continue
            if not line or w > room:  # a token longer than a line: break it by character
                for ch in tok:
                    cw = self.width(ch, face, size)
                    if used + cw > room + 1e-6 and line:
                        lines.append(line)
                        line, used, room = "", 0.0, width
                    line, used = line + ch, used + cw
                continue
            carry = ""
            while line and line[-1] in NO_END:
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line.rstrip())
            line = (carry + tok).lstrip()
            used, room = self.width(line, face, size), width
        if line or not lines:
            lines.append(line)
        return lines

    def text(self, x: float, y_top: float, text: str, face: str, size: float, line_h: float) -> None:
        """`text` on the line whose box starts at `y_top` and is `line_h` high, its glyphs centred in it."""
        self.set_font(face, size)
        baseline = y_top + line_h / 2 + size * gw.PT * 0.36
        self.draw(x, baseline, text)

    def new_page(self, landscape: bool = False) -> None:
        self.pdf.add_page(orientation="L" if landscape else "P")
        self.box = LANDSCAPE if landscape else PORTRAIT
        self.y = self.box.top
        self.font = ("", 0.0)  # fpdf keeps the font across pages, but be safe
        self.colour = (-1, -1, -1)
        self.set_colour(BLACK)

    def ensure(self, height: float) -> None:
        if self.y + height > self.box.bottom + 1e-6:
            self.new_page(self.box is LANDSCAPE)

    def _page_number(self) -> None:
        """— N — in 4号 半角 digits 7 mm under the 版心: odd pages right, even pages left, one em in."""
        n = self.pdf.page_no()
        landscape = self.pdf.w > self.pdf.h
        box = LANDSCAPE if landscape else PORTRAIT
        label = f"— {n} —"
        size = gw.SIZE_FOOT
        self.pdf.set_font("song", size=size)
        self.pdf.set_text_color(*BLACK)
        one_em = size * gw.PT
        w = self.pdf.get_string_width(label)
        x = box.right - one_em - w if n % 2 else box.left + one_em
        self.pdf.text(x, box.bottom + gw.PAGE_NO_GAP + one_em * 0.85, label)
        self.font = ("", 0.0)
        self.colour = BLACK

    # -- blocks -------------------------------------------------------------------------------------------

    def paragraph(self, text: str, face: str = "song", size: float = BODY_SIZE, *, indent_em: float = 2,
                  align: str = "left", line_h: float = gw.LINE_PITCH, right_em: float = 0) -> None:  # fmt: skip
        one_em = size * gw.PT
        indent = indent_em * one_em if align == "left" else 0.0
        usable = self.box.width - right_em * one_em
        for i, line in enumerate(self.wrap(text, face, size, usable, indent)):
            self.ensure(line_h)
            w = self.width(line, face, size)
            if align == "centre":
                x = self.box.left + (usable - w) / 2
            elif align == "right":
                x = self.box.left + usable - w
            else:
                x = self.box.left + (indent if i == 0 else 0.0)
            self.text(x, self.y, line, face, size, line_h)
            self.y += line_h

    def blank(self, lines: float = 1) -> None:
        self.y += lines * gw.LINE_PITCH

    def rule(self, y: float, thickness: float, rgb: tuple[int, int, int] = BLACK) -> None:
        self.lines_drawn()
        self.pdf.set_draw_color(*rgb)
        self.pdf.set_line_width(thickness)
        self.pdf.line(self.box.left, y, self.box.right, y)

    def table(self, t: Table, size: float) -> None:
        if not t.rows:
            self.paragraph(t.empty)
            return
        for tried in (size, size - 1, size - 1.5, 8.0):  # a smaller size where the columns would not fit
            size, one_em = tried, tried * gw.PT
            widths_em, fits = gw.column_widths(t, self.box.width / one_em, pad=2 * CELL_PAD / one_em)
            if fits:
                break
        widths = [w * one_em for w in widths_em]
        line_h = one_em * 1.45
        head = [self.wrap(str(h), "hei", size, w - 2 * CELL_PAD, hang=False) for h, w in zip(t.headers, widths, strict=True)]
        self._row(head, widths, "hei", size, line_h, header=True, t=t)
        for row in t.rows:
            cells = [self.wrap(_cell(c), "song", size, w - 2 * CELL_PAD, hang=False) for c, w in zip(row, widths, strict=False)]
            self._row(cells, widths, "song", size, line_h, t=t, head=head)
        self.y += one_em * 0.6

    def _row(self, cells: list[list[str]], widths: list[float], face: str, size: float, line_h: float, *,
             t: Table, header: bool = False, head: list[list[str]] | None = None) -> None:  # fmt: skip
        """One row; where it does not fit, it goes on (and the header is repeated) on the next page."""
        pad_v = line_h * 0.2
        while True:
            n = max(len(c) for c in cells)
            room = int((self.box.bottom - self.y - 2 * pad_v + 1e-6) // line_h)
            head_lines = max((len(c) for c in head), default=0) if head else 0
            whole = int((self.box.height - 2 * pad_v) // line_h) - head_lines - 1  # on a fresh page
            if (room < n and (n <= whole or room < 2)) and self.y > self.box.top + 1e-6 and not header:
                self.new_page(self.box is LANDSCAPE)
                if head is not None:
                    self._row(head, widths, "hei", size, line_h, t=t, header=True)
                continue
            take = max(1, min(n, room))
            height = take * line_h + 2 * pad_v
            x = self.box.left
            self.lines_drawn()
            self.pdf.set_draw_color(*BLACK)
            self.pdf.set_line_width(0.2)
            for i, (lines, w) in enumerate(zip(cells, widths, strict=False)):
                self.pdf.rect(x, self.y, w, height)
                for k, line in enumerate(lines[:take]):
                    lw = self.width(line, face, size)
                    if header:
                        lx = x + (w - lw) / 2
                    elif t.is_numeric(i):
                        lx = x + w - CELL_PAD - lw
                    else:
                        lx = x + CELL_PAD
                    self.text(lx, self.y + pad_v + k * line_h, line, face, size, line_h)
                x += w
            self.y += height
            cells = [c[take:] for c in cells]
            if not any(cells):
                return
            self.new_page(self.box is LANDSCAPE)
            if head is not None:
                self._row(head, widths, "hei", size, line_h, t=t, header=True)

    def _draw_here(self, c: Chart) -> tuple[bytes, float]:
        from tasktrack.reports.chart import chart_png

        return chart_png(c, self.doc.lang, str(self.fonts.hei.path))

    def chart(self, c: Chart) -> None:
        png, aspect = self.drawing(c)  # (drawn ahead, on the other core: chart.drawn_ahead)
        height = self.box.width * aspect
        self.ensure(height)
        self.pdf.image(io.BytesIO(png), x=self.box.left, y=self.y, w=self.box.width, h=height)
        self.y += height + gw.LINE_PITCH * 0.3

    # -- the document -------------------------------------------------------------------------------------

    def run(self) -> bytes:
        doc, lh = self.doc, self.doc.letterhead
        self.pdf.set_title(doc.title)
        self.pdf.set_author(doc.meta.get("issuer", "tasktrack"))
        self.pdf.set_creator("tasktrack")
        stamp = datetime.fromisoformat(doc.meta["as_of"]) if "as_of" in doc.meta else datetime(2000, 1, 1)
        self.pdf.set_creation_date(stamp)
        self.new_page()
        if lh is not None:
            self._masthead(lh)
        self._title()
        if lh is not None:
            self.blank(1)
            self.paragraph(f"{lh.main_to}：", indent_em=0)
        body, annexes = gw.split_annexes(doc)
        after_sign: list[Para] = []
        signed = False
        first_sign = next((i for i, b in enumerate(body) if isinstance(b, Para) and b.style == "sign"), None)
        for i, b in enumerate(body):
            if lh is not None and first_sign is not None and i == first_sign - 1 and isinstance(b, Para):
                self._keep_with_signature(b, bool(annexes))
            if isinstance(b, Para) and b.style == "sign":
                if lh is None:
                    self.paragraph(b.text, align="right", right_em=2)
                elif not signed:
                    self._annex_note(annexes)
                    self._signature(lh)
                signed = True
            elif signed and isinstance(b, Para) and lh is not None:
                after_sign.append(b)
            else:
                self._block(b)
        for note in after_sign:  # 附注: under the 成文日期, two characters in
            self.paragraph(note.text, size=gw.SIZE_FOOT, line_h=gw.LINE_PITCH * 0.8)
        for heading, blocks in annexes:
            self._annex(heading, blocks)
        if lh is not None:
            self._colophon(lh)
        return bytes(self.pdf.output())

    def _block(self, b: Heading | Para | Table | Chart) -> None:
        if isinstance(b, Heading):
            self.paragraph(b.text, "hei" if b.level <= 1 else "kai")
        elif isinstance(b, Para):
            self.paragraph(b.text)
        elif isinstance(b, Table):
            self.table(b, gw.SIZE_TABLE)
        else:
            self.chart(b)

    def _masthead(self, lh: Letterhead) -> None:
        """发文机关标志 (red, 35 mm under the 版心's top edge), 文号 two lines under it, the red line 4 mm under."""
        text = sanitize(lh.masthead)
        size = gw.SIZE_MASTHEAD
        natural = self.width(text, "bold", size)
        if natural > self.box.width:
            size *= self.box.width / natural
        height = size * gw.PT
        top = self.box.top + gw.MASTHEAD_TOP
        self.set_colour(gw.RED)
        w = self.width(text, "bold", size)
        self.set_font("bold", size)
        self.draw(self.box.left + (self.box.width - w) / 2, top + height * 0.88, text)
        self.set_colour(BLACK)
        self.y = top + height + 2 * gw.LINE_PITCH
        self.paragraph(lh.doc_no, align="centre")
        line_y = self.y + 4.0 - (gw.LINE_PITCH - BODY_SIZE * gw.PT) / 2
        self.rule(line_y, gw.RULE_RED, gw.RED)
        self.y = line_y + 2 * gw.LINE_PITCH - gw.LINE_PITCH / 2

    def _title(self) -> None:
        self.paragraph(self.doc.title, "bold", gw.SIZE_TITLE, align="centre", line_h=gw.SIZE_TITLE * gw.PT * 1.5)
        for s in self.doc.subtitle:
            self.paragraph(s, align="centre")

    def _annex_note(self, annexes: list[tuple[Heading, list[Heading | Para | Table | Chart]]]) -> None:
        """附件说明: one line under the text, two characters in: 附件：重点任务推进台账."""
        if not annexes:
            return
        self.blank(1)
        names = [gw.annex_parts(h.text) for h, _ in annexes]
        if len(names) == 1:
            self.paragraph(f"{names[0][0]}：{names[0][1]}")
        else:
            label = names[0][0]
            for i, (_, name) in enumerate(names, 1):
                self.paragraph(f"{label}：{i}．{name}" if i == 1 else f"{'　' * (len(label) + 1)}{i}．{name}")

    def _keep_with_signature(self, last: Para, annex_note: bool) -> None:
        """The 署名 and 成文日期 never stand on a page of their own (此页无正文): when they would, the text's
        last paragraph goes over to the next page with them."""
        one_em = BODY_SIZE * gw.PT
        lines = len(self.wrap(last.text, "song", BODY_SIZE, self.box.width, 2 * one_em))
        tail = (2 if annex_note else 0) + 4  # 附件说明 and the blank before it; seal room, 署名, 成文日期
        fits_alone = self.y + lines * gw.LINE_PITCH <= self.box.bottom + 1e-6
        if fits_alone and self.y + (lines + tail) * gw.LINE_PITCH > self.box.bottom + 1e-6:
            self.new_page()

    def _signature(self, lh: Letterhead) -> None:
        """Room for the seal, the 署名 centred over the 成文日期, which ends four characters from the right."""
        one_em = BODY_SIZE * gw.PT
        self.ensure(4 * gw.LINE_PITCH)
        self.blank(2)
        date_w = self.width(lh.date, "song", BODY_SIZE)
        date_x = self.box.right - 4 * one_em - date_w
        name_w = self.width(lh.signer, "song", BODY_SIZE)
        self.text(date_x + (date_w - name_w) / 2, self.y, lh.signer, "song", BODY_SIZE, gw.LINE_PITCH)
        self.y += gw.LINE_PITCH
        self.text(date_x, self.y, lh.date, "song", BODY_SIZE, gw.LINE_PITCH)
        self.y += gw.LINE_PITCH

    def _annex(self, heading: Heading, blocks: list[Heading | Para | Table | Chart]) -> None:
        """附件 on a page of its own: 附件 top left in 黑体, its title centred on the third line."""
        landscape = any(isinstance(b, Table) and b.landscape for b in blocks)
        self.new_page(landscape)
        label, name = gw.annex_parts(heading.text)
        self.paragraph(label, "hei", indent_em=0)
        if name:
            self.blank(1)
            self.paragraph(name, "bold", gw.SIZE_TITLE, align="centre", line_h=gw.SIZE_TITLE * gw.PT * 1.5)
        for b in blocks:
            if isinstance(b, Table):
                self.table(b, gw.SIZE_ANNEX)
            else:
                self._block(b)

    def _colophon(self, lh: Letterhead) -> None:
        """版记 at the foot of the last page: 抄送 and 印发机关/印发日期 between a thick, a thin and a thick rule,
        the last on the 版心's bottom edge."""
        size = gw.SIZE_FOOT
        one_em = size * gw.PT
        line_h = gw.LINE_PITCH * 0.85
        cc = self.wrap(tr("gw.cc", self.doc.lang, names=lh.cc), "song", size, self.box.width - 2 * one_em) if lh.cc else []
        height = (len(cc) + 1) * line_h
        if self.y + height > self.box.bottom:
            self.new_page(self.box is LANDSCAPE)
        y = self.box.bottom - height
        self.rule(y, gw.RULE_THICK)
        for i, line in enumerate(cc):
            self.text(self.box.left + one_em, y + i * line_h, line, "song", size, line_h)
        if cc:
            self.rule(y + len(cc) * line_h, gw.RULE_THIN)
        y += len(cc) * line_h
        printed = tr("gw.printed", self.doc.lang, date=lh.date)
        self.text(self.box.left + one_em, y, lh.printer, "song", size, line_h)
        pw = self.width(printed, "song", size)
        self.text(self.box.right - one_em - pw, y, printed, "song", size, line_h)
        self.rule(self.box.bottom, gw.RULE_THICK)
        self.y = self.box.bottom


def _needs_wide(doc: Document, cmap: dict[int, str]) -> bool:
    """Whether some character of the document is missing from the 宋 face (GB 2312 has 6,763 hanzi)."""
    seen: set[str] = set(doc.title) | {ch for s in doc.subtitle for ch in s}
    for b in doc.blocks:
        if isinstance(b, Heading | Para):
            seen.update(b.text)
        elif isinstance(b, Table):
            seen.update(ch for h in b.headers for ch in h)
            seen.update(ch for r in b.rows for c in r if isinstance(c, str) for ch in c)
        elif isinstance(b, Chart):
            seen.update(ch for c in b.categories for ch in c)
    if doc.letterhead is not None:
        lh = doc.letterhead
        seen.update(lh.masthead + lh.doc_no + lh.main_to + lh.signer + lh.date + lh.cc + lh.printer)
    return any(ord(ch) not in cmap for ch in seen if not ch.isspace())


def _cell(c: Cell) -> str:
    return "" if c is None else str(c)
