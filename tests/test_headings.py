"""Every edition has the same headings in every format, and no PDF prints markup as text.

A heading lost in one format is lost from that format's contents, bookmarks
and navigation for screen readers, so the headings are read from what each
reader uses: the PDF's structure tree (pikepdf), the Word file's heading
styles (python-docx) and the HTML's h1 to h6 in its main landmark (lxml).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import docx
import pikepdf
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import html

from conftest import EDITIONS, output_file, pdf_text

HEADING_ROLES = {f"/H{n}": n for n in range(1, 7)}
CONTENTS_TITLES = {"Contents", "Cynnwys", "Cynnwys / Contents", "Contents / Cynnwys"}

# The start of a line of Typst or pandoc Markdown that should have been read as structure:
# a heading (= or #), a Typst command or label, a fenced Div, an attribute block.
MARKUP = re.compile(r"^\s*(=+\s|#{1,6}\s|#[a-z]+[\[(.]|<[a-z0-9-]+>$|:::|\{[#.]|\[[^\]]*\]\{)")


def straight(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def pdf_headings(path: Path) -> list[tuple[int, str]]:
    """(level, title) of every heading in the PDF's tags, in reading order, less the contents' own title."""
    found: list[tuple[int, str]] = []
    with pikepdf.open(path) as pdf:
        stack: list[object] = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(reversed(list(node)))
                continue
            if not isinstance(node, pikepdf.Dictionary):
                continue
            if str(node.get("/S", "")) in HEADING_ROLES:
                found.append((HEADING_ROLES[str(node.S)], straight(str(node.get("/T", "")))))
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array | pikepdf.Dictionary):
                stack.append(kids)
    return [(level, title) for level, title in found if title not in CONTENTS_TITLES]


def docx_headings(path: Path) -> list[tuple[int, str]]:
    document = docx.Document(str(path))
    found = []
    for element in document.element.body.iter(qn("w:p")):
        paragraph = Paragraph(element, document._body)
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("Heading ") and style[8:].isdigit():
            found.append((int(style[8:]), straight(paragraph.text)))
    return found


def html_headings(path: Path) -> list[tuple[int, str]]:
    """The report's headings are in <main>, one level down (the page's h1 is the report's title)."""
    tree = html.fromstring(path.read_bytes())
    (main,) = tree.xpath("//main")
    return [(int(e.tag[1]) - 1, straight(e.text_content())) for e in main.iter("h2", "h3", "h4", "h5", "h6")]


@pytest.fixture(scope="module")
def headings(built_sample: Path) -> dict[tuple[str, str], list[tuple[int, str]]]:
    readers = {"pdf": pdf_headings, "docx": docx_headings, "html": html_headings}
    return {
        (edition, fmt): read(output_file(built_sample, edition, fmt))
        for edition in EDITIONS
        for fmt, read in readers.items()
    }


@pytest.mark.parametrize("edition", EDITIONS)
def test_heading_counts_by_level_agree_across_formats(
    headings: dict[tuple[str, str], list[tuple[int, str]]], edition: str
) -> None:
    counts = {fmt: Counter(level for level, _ in headings[edition, fmt]) for fmt in ("pdf", "docx", "html")}
    assert counts["html"][1] >= 5 and counts["html"][4] > 0, counts  # chapters, appendix and sub-headings
    assert counts["pdf"] == counts["html"], counts
    assert counts["docx"] == counts["html"], counts


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_same_headings(headings: dict[tuple[str, str], list[tuple[int, str]]], edition: str) -> None:
    """In the same order, except that the bilingual PDF and Word file interleave the two languages.

    HTML keeps each passage whole, side by side; the PDF and Word file cut a
    passage at its tables and charts (pairs.lua), so two sub-headings of one
    language may be read before, or after, the other language's.
    """
    if edition == "bilingual":
        assert Counter(headings[edition, "pdf"]) == Counter(headings[edition, "html"])
        assert Counter(headings[edition, "docx"]) == Counter(headings[edition, "html"])
    else:
        assert headings[edition, "pdf"] == headings[edition, "html"]
        assert headings[edition, "docx"] == headings[edition, "html"]


def test_the_bilingual_edition_has_both_editions_headings(
    headings: dict[tuple[str, str], list[tuple[int, str]]],
) -> None:
    """Each of its headings is one of the Welsh edition's or the English edition's, or both joined by ' / '."""
    bilingual = Counter(level for level, _ in headings["bilingual", "pdf"])
    for lang in ("cy", "en"):
        single = Counter(level for level, _ in headings[lang, "pdf"])
        assert all(bilingual[level] >= count for level, count in single.items()), (lang, single, bilingual)


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_line_of_pdf_text_is_markup(built_sample: Path, edition: str) -> None:
    text = pdf_text(output_file(built_sample, edition, "pdf"))
    markup = [line for line in text.splitlines() if MARKUP.match(line)]
    assert not markup, markup[:10]
    for fragment in ("#set ", "#block[", "{lang=", "{#sec-", ":::"):
        assert fragment not in text, fragment
