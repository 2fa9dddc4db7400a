"""The Word files' pages as LibreOffice lays them out: nothing left stranded at the foot of a page.

Every edition's Word file (the full editions and the summaries) is laid out
once for the run (`word_laid_out`), and each page's text read with
pdfplumber.  What must hold, in Word's own terms (keep with next, keep lines
together, rows that cannot split):

- no heading, table or figure caption, or quotation is the last text on a
  page with what it belongs to on the next;
- no row of a data table is broken over two pages;
- a short table (15 rows or fewer) stands on one page.

What is kept is read from the Word file itself (its headings, captions and
tables), so the test follows the report's content rather than a list of its
words.  The bilingual edition's side-by-side layout table is not data: its
long passages flow from page to page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from conftest import EDITIONS, SUMMARY_EDITIONS, output_file, pdf_text

TALL_TABLE_LINES = 30  # but one whose rows print more lines than this may break: it would not fit a page
SHORT_TABLE_ROWS = 15  # a table this short is never split over two pages

KEPT_STYLES = {"Caption", "TOCHeading", *(f"Heading{n}" for n in range(1, 7))}
ALL_EDITIONS = (*EDITIONS, *SUMMARY_EDITIONS)
BODY_TOP, BODY_BOTTOM = 60.0, 60.0  # points: the page's header and footer lie outside (margins of 2.2 cm)


def words_of(text: str) -> str:
    """Text compared as LibreOffice's PDF gives it back: straight quotes, one space, no soft hyphen."""
    text = text.replace("’", "'").replace("‘", "'").replace("\u00ad", "").replace("\u00a0", " ")
    return " ".join(text.split())


def compact(text: str) -> str:
    """Text with no spaces at all: a wrapped cell's lines meet where the PDF puts them."""
    return re.sub(r"\s+", "", words_of(text))


@dataclass(frozen=True)
class Page:
    lines: list[str]  # the body's lines, top to bottom (no running head or page number)
    halves: tuple[list[str], list[str]]  # the lines of each half of the page (the bilingual edition's columns)
    flat: str  # the page's text in the order it is drawn (a table cell's lines together), without spaces


def pages_of(pdf: Path) -> list[Page]:
    pages = []
    drawn = pdf_text(pdf, "-raw").split("\f")
    with pdfplumber.open(pdf) as document:
        for page, raw in zip(document.pages, drawn, strict=False):
            body = page.crop((0, BODY_TOP, page.width, page.height - BODY_BOTTOM))
            lines = [words_of(line) for line in (body.extract_text() or "").splitlines() if line.strip()]
            middle = page.width / 2
            left = body.crop((0, BODY_TOP, middle, page.height - BODY_BOTTOM), strict=False)
            right = body.crop((middle, BODY_TOP, page.width, page.height - BODY_BOTTOM), strict=False)
            halves = tuple(
                [words_of(line) for line in (half.extract_text() or "").splitlines() if line.strip()]
                for half in (left, right)
            )
            pages.append(Page(lines, halves, compact(raw)))  # type: ignore[arg-type]
    return pages


@dataclass(frozen=True)
class WordTable:
    caption: str
    rows: list[list[str]]  # each row's cells' text
    short: bool  # kept on one page: 15 rows or fewer, a bilingual table's row of two languages counting two


def _text(element) -> str:  # type: ignore[no-untyped-def]
    return words_of("".join(t.text or "" for t in element.iter(qn("w:t"))))


def _style(p) -> str:  # type: ignore[no-untyped-def]
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return str(style.get(qn("w:val"))) if style is not None else ""


def kept_texts(path: Path) -> list[str]:
    """The paragraphs that must stand with what follows: headings and captions, and a quotation before its
    attribution."""
    body = docx.Document(str(path)).element.body
    kept = []
    paragraphs = list(body.iter(qn("w:p")))
    for number, p in enumerate(paragraphs):
        name = _style(p)
        after = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        following = _text(after) if after is not None else ""
        if name == "Caption" and after is not None and _style(after) == "CaptionedFigure":
            continue  # a figure's caption under it, followed by the other language's figure
        if (name in KEPT_STYLES or (name == "BlockText" and following.startswith("—"))) and _text(p):
            kept.append(_text(p))
    return kept


def _lines_of(tc: Any) -> int:
    """A cell's lines as printed, roughly: each language's line (a w:br between), or its text at about 25
    characters a line (a narrow column), whichever is more."""
    text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
    return max(1 + len(tc.findall(f".//{qn('w:br')}")), -(-len(text) // 25))


def short(rows: list) -> bool:  # type: ignore[type-arg]
    """At most SHORT_TABLE_ROWS rows and TALL_TABLE_LINES lines, each row as tall as its tallest cell (a
    bilingual cell's two languages a line break apart; a long text wrapped)."""
    lines = sum(max((_lines_of(tc) for tc in tr.findall(qn("w:tc"))), default=1) for tr in rows)
    return len(rows) <= SHORT_TABLE_ROWS and lines <= TALL_TABLE_LINES


def data_tables(path: Path) -> list[WordTable]:
    """Every data table of the Word file (those in the bilingual layout too), not the layout tables."""
    tables = []
    for tbl in docx.Document(str(path)).element.body.iter(qn("w:tbl")):
        caption = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
        if tbl.find(f"{qn('w:tr')}/{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
            continue  # the bilingual layout: every data table has a header row, the layout none
        rows = [[_text(tc) for tc in tr.findall(qn("w:tc"))] for tr in tbl.findall(qn("w:tr"))]
        caption_text = words_of(caption.get(qn("w:val"))) if caption is not None else ""
        tables.append(WordTable(caption_text, rows, short(tbl.findall(qn("w:tr")))))
    return tables


def stranded(pages: list[Page], kept: list[str]) -> list[str]:
    """Kept paragraphs that are the last text of a page (the end of one that wraps counts too)."""
    wanted = {compact(k): k for k in kept}
    found = []
    for number, page in enumerate(pages[:-1], start=1):
        for lines in (page.lines, *page.halves):
            for count in range(1, 5):  # a kept paragraph wrapped over up to four lines, each line whole
                last = compact(" ".join(lines[-count:]))
                if lines and last in wanted:
                    found.append(f"page {number}: {wanted[last]!r}")
    return sorted(set(found))


def row_pages(pages: list[Page], table: WordTable, start: int) -> list[list[int]]:
    """The pages on which each row's cells are found, reading on from the page of the table's caption."""
    placed = []
    for row in table.rows:
        on = []
        for number in range(start, min(start + 12, len(pages))):  # a long bilingual table takes several
            if compact(" ".join(row)) in pages[number].flat:
                on.append(number)
        placed.append(on)
    return placed


def caption_page(pages: list[Page], caption: str, after: int) -> int:
    for number in range(after, len(pages)):
        if compact(caption) and compact(caption) in pages[number].flat:
            return number
    return after


@pytest.fixture(scope="module")
def laid_out(word_laid_out: dict[str, Path]) -> dict[str, list[Page]]:
    return {edition: pages_of(pdf) for edition, pdf in word_laid_out.items()}


@pytest.mark.parametrize("edition", ALL_EDITIONS)
def test_no_heading_caption_or_quotation_ends_a_page(
    built_sample: Path, laid_out: dict[str, list[Page]], edition: str
) -> None:
    kept = kept_texts(output_file(built_sample, edition, "docx"))
    assert kept
    assert stranded(laid_out[edition], kept) == []


@pytest.mark.parametrize("edition", ALL_EDITIONS)
def test_no_table_row_is_split_and_short_tables_stand_on_one_page(
    built_sample: Path, laid_out: dict[str, list[Page]], edition: str
) -> None:
    pages = laid_out[edition]
    tables = data_tables(output_file(built_sample, edition, "docx"))
    assert tables
    split_rows, split_tables = [], []
    at = 0
    for table in tables:
        at = caption_page(pages, table.caption, at)
        placed = row_pages(pages, table, at)
        for row, on in zip(table.rows, placed, strict=True):
            if not on:  # its cells are on no one page: the row was broken over two
                split_rows.append(f"{table.caption or table.rows[0]}: {' | '.join(row)}")
        body_pages = {min(on) for on in placed[1:] if on}
        if table.short and len(body_pages) > 1:
            split_tables.append(f"{table.caption or table.rows[0]} over pages {sorted(body_pages)}")
        if placed and placed[-1]:
            at = min(placed[-1])
    assert split_rows == []
    assert split_tables == []


# In the Word file itself: the properties the layout above rests on, read without laying anything out.


def _data_and_layout_rows(path: Path) -> tuple[list, list]:  # type: ignore[type-arg]
    data, layout = [], []
    for tbl in docx.Document(str(path)).element.body.iter(qn("w:tbl")):
        rows = tbl.findall(qn("w:tr"))
        is_data = tbl.find(f"{qn('w:tr')}/{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        (data if is_data else layout).append(rows)
    return data, layout


def _opens_with_heading(tr) -> bool:  # type: ignore[no-untyped-def]
    firsts = [next(tc.iter(qn("w:p")), None) for tc in tr.findall(qn("w:tc"))]
    return all(p is not None and _style(p).startswith("Heading") for p in firsts)


def _on(element, path: str) -> bool:  # type: ignore[no-untyped-def]
    found = element.find(path)
    return found is not None and found.get(qn("w:val"), "true") in ("true", "1", "on")


@pytest.mark.parametrize("edition", ALL_EDITIONS)
def test_data_rows_cannot_split_and_short_tables_keep_together(built_sample: Path, edition: str) -> None:
    data, layout = _data_and_layout_rows(output_file(built_sample, edition, "docx"))
    assert data
    cant_split = f"{qn('w:trPr')}/{qn('w:cantSplit')}"
    for rows in data:
        assert all(_on(tr, cant_split) for tr in rows)
        if short(rows):
            for tr in rows[:-1]:
                assert all(_on(p, f"{qn('w:pPr')}/{qn('w:keepNext')}") for p in tr.iter(qn("w:p")))
    # the bilingual layout's long passages flow from page to page; only a heading's opening (the heading and
    # the block after it, in a row of its own) is kept whole
    if edition != "bilingual":
        assert not layout
        return
    flowing = [tr for rows in layout for tr in rows if not _opens_with_heading(tr)]
    assert flowing and not any(tr.find(cant_split) is not None for tr in flowing)
    openings = [tr for rows in layout for tr in rows if _opens_with_heading(tr)]
    assert openings and all(_on(tr, cant_split) for tr in openings)


def test_header_rows_are_in_the_brands_colour_with_text_that_reads(built_sample: Path) -> None:
    from dirreport.brand import contrast, load_brand

    brand = load_brand(built_sample)
    data, _ = _data_and_layout_rows(output_file(built_sample, "en", "docx"))
    for rows in data:
        for tc in rows[0].findall(qn("w:tc")):
            shading = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
            assert shading is not None and shading.get(qn("w:fill")) == brand.primary.lstrip("#").upper()
            for r in tc.iter(qn("w:r")):
                colour = r.find(f"{qn('w:rPr')}/{qn('w:color')}").get(qn("w:val"))
                assert contrast(f"#{colour}", brand.primary) >= 4.5
                assert _on(r, f"{qn('w:rPr')}/{qn('w:b')}")
        assert _on(rows[0], f"{qn('w:trPr')}/{qn('w:tblHeader')}")


@pytest.mark.parametrize("edition", ("en", "cy"))
def test_short_verdicts_stay_on_one_line(built_sample: Path, edition: str) -> None:
    """The glance table's verdict column is as wide as its longest verdict, so "Little change" never wraps."""
    from dirreport.render.docx_tables import CELL_PADDING_TWIPS, text_width

    document = docx.Document(str(output_file(built_sample, edition, "docx")))
    glance = next(t for t in document.tables if len(t.rows) > 40)
    font = document.styles["Normal"].font.name
    for column in range(1, len(glance.columns)):
        cells = [glance.cell(row, column) for row in range(1, len(glance.rows))]
        longest = max(text_width(font)(c.text, 9.5, False) for c in cells)
        assert cells[0].width.twips >= longest + CELL_PADDING_TWIPS - 1, (column, cells[0].text)


def test_contents_heading_and_links_take_the_brand(built_sample: Path) -> None:
    from dirreport.brand import load_brand

    brand = load_brand(built_sample)
    styles = {s.name: s for s in docx.Document(str(output_file(built_sample, "en", "docx"))).styles}
    assert str(styles["TOC Heading"].font.color.rgb) == brand.heading.lstrip("#").upper()
    assert str(styles["Hyperlink"].font.color.rgb) == brand.link.lstrip("#").upper()
    assert styles["Hyperlink"].font.name == styles["Normal"].font.name == styles["TOC Heading"].font.name


def test_the_bilingual_forewords_photo_is_the_size_of_one_languages(built_sample: Path) -> None:
    def first_picture(edition: str) -> tuple[int, int]:
        body = docx.Document(str(output_file(built_sample, edition, "docx"))).element.body
        extents = [e for e in body.iter(qn("wp:extent"))]
        pictures = [(int(e.get("cx")), int(e.get("cy"))) for e in extents]
        return next(p for p in pictures if p[0] < 3_000_000)  # the photo, not the cover's logo or a chart

    assert first_picture("bilingual") == first_picture("en") == first_picture("cy")
