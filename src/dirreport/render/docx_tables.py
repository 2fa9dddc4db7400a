"""Word's data tables sized to their content, so no word is broken inside a column.

pandoc gives every column of a pipe table a fixed share of the page, so a
narrow column of a wide table broke words ("Directio/n").  Here each column
is measured as a browser does: its narrowest width is its longest word, its
widest its longest cell on one line.  The page's width is shared out between
those, and where even the longest words do not fit, the table's text is set
smaller until they do.  Widths are written as fixed twips, which Word and
LibreOffice both honour.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

TABLE_POINTS = 9.5  # table text, a little smaller than the body's 11 pt
SMALLEST_POINTS = 7.0
CELL_PADDING_TWIPS = 2 * 108 + 60  # Word's default cell margins and a little room for rounding
FULL_WIDTH_TWIPS = 9638
SHORT_SHARE = 0.22  # of the width: a column no wider than this on one line is never wrapped
TALL_TABLE_LINES = 30  # but one whose rows print more lines than this may break: it would not fit a page
SHORT_TABLE_ROWS = 15  # a table of this many rows or fewer is kept on one page
BOLD_ROOM = 1.03  # a header row's bold words measured in the bold face, with a little room for its hinting


@cache
def _face(font: str, bold: bool = False) -> Any:
    """The font's metrics (its bold face for a header row), or a wider face's where it is not installed (so
    text never overflows)."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    weight = "bold" if bold else "normal"
    return FT2Font(font_manager.findfont(font_manager.FontProperties(family=[font, "DejaVu Sans"], weight=weight)))


def text_width(font: str) -> Callable[[str, float, bool], float]:
    """Width in twips of a piece of text set in `font` at a size in points, bold or not: the sum of its words
    and the spaces between them, so each word is measured once however often the tables repeat it."""

    def width(text: str, points: float, bold: bool) -> float:
        words = text.split(" ")
        space = _advance(font, " ", bold)
        advance = sum(_advance(font, w, bold) for w in words) + space * (len(words) - 1)  # in points at 100 pt
        return float(advance * points / 100 * 20 * BOLD_ROOM if bold else advance * points / 100 * 20)

    return width


@lru_cache(maxsize=1 << 16)
def _advance(font: str, text: str, bold: bool = False) -> float:
    """How far `text` advances in `font` at 100 pt, in points."""
    if not text:
        return 0.0
    face = _face(font, bold)
    face.set_size(100, 72)
    face.set_text(text)
    return float(face.get_width_height()[0] / 64)


def _cell_text(tc: Any) -> str:
    """A cell's text, a line break (between a bilingual cell's two languages) kept as a new line."""
    return " ".join(
        "".join((t.text or "") if t.tag == qn("w:t") else "\n" for t in p.iter(qn("w:t"), qn("w:br")))
        for p in tc.iter(qn("w:p"))
    )


def column_widths(
    rows: list[list[str]], available: float, measure: Callable[[str, float, bool], float], points: float
) -> tuple[list[int], float]:
    """Each column's width in twips and the text size that lets every word fit whole."""
    columns = max((len(r) for r in rows), default=0)
    while True:
        narrowest = [0.0] * columns
        widest = [0.0] * columns
        for row_number, row in enumerate(rows):
            bold = row_number == 0
            for i, text in enumerate(row):
                words = text.split() or [""]
                narrowest[i] = max(narrowest[i], max(measure(w, points, bold) for w in words) + CELL_PADDING_TWIPS)
                longest = max(measure(" ".join(line.split()), points, bold) for line in text.split("\n"))
                widest[i] = max(widest[i], longest + CELL_PADDING_TWIPS)  # a cell's longest line
        if sum(narrowest) <= available or points <= SMALLEST_POINTS:
            break
        points = max(SMALLEST_POINTS, points - 0.5)
    if sum(widest) <= available:
        spare = available - sum(widest)
        widths = [w + spare * w / sum(widest) for w in widest]
        return [int(w) for w in widths], points
    # a column whose every cell is short ("Little change", a year, a figure) keeps each cell on one line,
    # where the others can still have their longest words whole; the long columns wrap in what is left
    short = [w <= available * SHORT_SHARE for w in widest]
    kept = sum(w for w, s in zip(widest, short, strict=True) if s)
    least = kept + sum(n for n, s in zip(narrowest, short, strict=True) if not s)
    if not any(short) or all(short) or least > available:
        short = [False] * columns
        kept = 0.0
    stretch = [0.0 if s else w - n for w, n, s in zip(widest, narrowest, short, strict=True)]
    room = max(0.0, available - kept - sum(n for n, s in zip(narrowest, short, strict=True) if not s))
    widths = [
        w if s else n + (room * t / sum(stretch) if sum(stretch) else 0)
        for w, n, s, t in zip(widest, narrowest, short, stretch, strict=True)
    ]
    return [int(w) for w in widths], points


def _available(tbl: Any) -> float:
    """The page's text width, or the width of the layout cell a table sits in."""
    cell = next((a for a in tbl.iterancestors() if a.tag == qn("w:tc")), None)
    if cell is None:
        return FULL_WIDTH_TWIPS
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if width is not None and width.get(qn("w:type")) == "dxa":
        return float(width.get(qn("w:w"))) - CELL_PADDING_TWIPS
    return FULL_WIDTH_TWIPS / 2 - CELL_PADDING_TWIPS


def size_table(tbl: Any, font: str) -> None:
    rows = tbl.findall(qn("w:tr"))
    texts = [[_cell_text(tc) for tc in tr.findall(qn("w:tc"))] for tr in rows]
    if not texts or any(len(r) != len(texts[0]) for r in texts):
        return  # merged cells: leave pandoc's widths
    widths, points = column_widths(texts, _available(tbl), text_width(font), TABLE_POINTS)
    tbl_pr = tbl.find(qn("w:tblPr"))
    _set(tbl_pr, "w:tblW", {"w:type": "dxa", "w:w": str(sum(widths))})
    _set(tbl_pr, "w:tblLayout", {"w:type": "fixed"})
    grid = tbl.find(qn("w:tblGrid"))
    if grid is not None:
        for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
            col.set(qn("w:w"), str(width))
    for tr in rows:
        for tc, width in zip(tr.findall(qn("w:tc")), widths, strict=True):
            tc.get_or_add_tcPr().width = Twips(width)  # python-docx keeps the schema's order of elements
            for r in tc.iter(qn("w:r")):
                r.get_or_add_rPr().get_or_add_sz().val = Pt(points)


def _set(parent: Any, tag: str, attributes: dict[str, str]) -> None:
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for name, value in attributes.items():
        element.set(qn(name), value)


def style_tables(
    word: Any,
    grid: str,
    font: str,
    layout_style: str,
    caption: Any,
    header_fill: str,
    header_text: str,
    headings: frozenset[str] = frozenset(),
) -> None:
    """Data tables, also those nested in the bilingual layout, get Table Grid, a header row in the brand's
    colour repeated on every page, rows that never break over two pages, and a short table is kept on one
    page; the bilingual layout tables themselves get none of this, so they are not read as data and their
    long passages flow from page to page, all but a row holding a heading and the block after it (`headings`:
    the heading styles' ids)."""
    for tbl in word.element.body.iter(qn("w:tbl")):
        tbl_pr = tbl.find(qn("w:tblPr"))
        if tbl_pr is None:
            tbl_pr = OxmlElement("w:tblPr")
            tbl.insert(0, tbl_pr)
        style = tbl_pr.find(qn("w:tblStyle"))
        rows = tbl.findall(qn("w:tr"))
        if style is not None and style.get(qn("w:val")) == layout_style:
            tbl_pr.remove(style)
            for tr in rows:
                tr_pr = tr.find(qn("w:trPr"))
                for name in ("w:tblHeader", "w:cantSplit"):
                    found = tr_pr.find(qn(name)) if tr_pr is not None else None
                    if found is not None:
                        tr_pr.remove(found)
                if _opens_with_headings(tr, headings):
                    _row_property(tr, "w:cantSplit")  # a heading's opening (pairs.lua) is never left at a page's foot
            continue
        if style is None:
            style = OxmlElement("w:tblStyle")
            tbl_pr.insert(0, style)
        style.set(qn("w:val"), grid)
        size_table(tbl, font)
        for tr in rows:
            _row_property(tr, "w:cantSplit")
        if rows:
            _row_property(rows[0], "w:tblHeader")
            _brand_header(rows[0], header_fill, header_text)
        if short(rows):
            for tr in rows[:-1]:  # Word's way of keeping a table on one page: every row kept with the next
                for p in tr.iter(qn("w:p")):
                    keep_with_next(p)
        _caption_before(word, tbl, tbl_pr, caption)


def _lines_of(tc: Any) -> int:
    """A cell's lines as printed, roughly: each language's line (a w:br between), or its text at about 25
    characters a line (a narrow column), whichever is more."""
    text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
    return max(1 + len(tc.findall(f".//{qn('w:br')}")), -(-len(text) // 25))


def short(rows: list[Any]) -> bool:
    """A table kept on one page: at most SHORT_TABLE_ROWS rows and TALL_TABLE_LINES lines, each row as tall
    as its tallest cell (a bilingual cell's two languages a line break apart; a long text wrapped), so a
    table that cannot fit a page is not held together."""
    lines = sum(max((_lines_of(tc) for tc in tr.iter(qn("w:tc"))), default=1) for tr in rows)
    return len(rows) <= SHORT_TABLE_ROWS and lines <= TALL_TABLE_LINES


def _opens_with_headings(tr: Any, headings: frozenset[str]) -> bool:
    """A layout row whose every passage opens with a heading: the heading and the block after it."""
    cells = tr.findall(qn("w:tc"))
    firsts = [next(tc.iter(qn("w:p")), None) for tc in cells]
    styles = [p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if p is not None else None for p in firsts]
    return bool(cells) and all(s is not None and s.get(qn("w:val")) in headings for s in styles)


def keep_with_next(p: Any) -> None:
    """A paragraph kept on the page of the one after it (w:keepNext)."""
    p.get_or_add_pPr().keepNext_val = True


def _brand_header(tr: Any, fill: str, text: str) -> None:
    """The header row shaded in the brand's colour, its text bold in the colour that contrasts with it."""
    for tc in tr.findall(qn("w:tc")):
        tc_pr = tc.get_or_add_tcPr()
        shading = tc_pr.find(qn("w:shd"))
        if shading is None:
            shading = OxmlElement("w:shd")
            # the schema's order: after the width, span, merge and borders, before the rest
            before = [tc_pr.find(qn(n)) for n in ("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders")]
            last = [b for b in before if b is not None]
            if last:
                last[-1].addnext(shading)
            else:
                tc_pr.insert(0, shading)
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill.lstrip("#").upper())
        for r in tc.iter(qn("w:r")):
            r_pr = r.get_or_add_rPr()
            r_pr.get_or_add_b().val = True
            r_pr.get_or_add_color().set(qn("w:val"), text.lstrip("#").upper())


def _caption_before(word: Any, tbl: Any, tbl_pr: Any, caption_style: Any) -> None:
    """pandoc styles a table's caption Compact when the table sits in a table cell (the bilingual layout)."""
    from docx.text.paragraph import Paragraph

    caption = tbl_pr.find(qn("w:tblCaption"))
    before = tbl.getprevious()
    if caption is None or before is None or before.tag != qn("w:p"):
        return
    text = "".join(t.text or "" for t in before.iter(qn("w:t")))
    if " ".join(text.split()) == " ".join((caption.get(qn("w:val")) or "").split()):
        Paragraph(before, word._body).style = caption_style


def _row_property(tr: Any, name: str) -> None:
    """A row property that is on or off (w:tblHeader, w:cantSplit), set on."""
    tr_pr = tr.get_or_add_trPr()
    found = tr_pr.find(qn(name))
    if found is None:
        found = OxmlElement(name)
        # the schema's order of a row's properties: cantSplit before tblHeader
        header = tr_pr.find(qn("w:tblHeader"))
        if name == "w:cantSplit" and header is not None:
            header.addprevious(found)
        else:
            tr_pr.append(found)
    found.set(qn("w:val"), "true")
