"""The PDF as a comms team publishes it: a cover of its own, the contents next, then chapter 1.

It opens with its bookmarks showing, says what it is about in its Keywords,
and names each data table's rows with row-header cells (as the web page's
tables do).  Read with pdftotext (pages), pikepdf (catalogue, metadata,
structure tree) and lxml (the web page).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf
import pytest

from conftest import EDITIONS, output_file, pdf_text

CONTENTS = {"en": "Contents", "cy": "Cynnwys", "bilingual": "Cynnwys"}
CHAPTER_ONE = {"en": "Chapter 1", "cy": "Pennod 1", "bilingual": "Pennod 1"}
FOREWORD = {
    "en": "Foreword by the Director",
    "cy": "Rhagair gan y Cyfarwyddwr",
    "bilingual": "Rhagair gan y Cyfarwyddwr",
}
TITLE = {
    "en": "Director of Social Services annual report",
    "cy": "Adroddiad blynyddol",
    "bilingual": "Adroddiad blynyddol",
}
NOTICE = {"en": "This document is available in Welsh", "cy": "ar gael yn Saesneg"}
SUBJECT = {"en": "social services", "cy": "gwasanaethau cymdeithasol"}


def straight(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


@pytest.fixture(scope="module")
def pages(built_sample: Path) -> dict[str, list[str]]:
    return {
        edition: [straight(p) for p in pdf_text(output_file(built_sample, edition, "pdf")).split("\f")]
        for edition in EDITIONS
    }


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_cover_is_a_page_of_its_own(pages: dict[str, list[str]], edition: str) -> None:
    cover = pages[edition][0]
    assert TITLE[edition].lower() in cover.lower(), cover
    assert "2023" in cover and "Glanafon" in cover
    assert CONTENTS[edition] not in cover and CHAPTER_ONE[edition] not in cover
    if edition in NOTICE:
        assert NOTICE[edition] in cover, cover


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_contents_follows_and_chapter_one_starts_the_next_page(pages: dict[str, list[str]], edition: str) -> None:
    contents = pages[edition][1]
    assert contents.startswith(CONTENTS[edition]) or f" {CONTENTS[edition]} " in contents[:200], contents[:200]
    assert contents.count(CHAPTER_ONE[edition][:-2]) >= 4, contents  # chapters 1 to 4 listed
    # the contents may run on to a second page; the page after it opens with the first foreword (the sample
    # has two), never with notices, and chapter 1 follows the forewords
    first = next(i for i, page in enumerate(pages[edition]) if i >= 2 and FOREWORD[edition] in page[:300])
    assert first <= 3, [page[:100] for page in pages[edition][:4]]
    chapter_one = next(i for i, page in enumerate(pages[edition]) if i >= 2 and CHAPTER_ONE[edition] in page[:300])
    assert first < chapter_one <= first + 4, [page[:100] for page in pages[edition][: chapter_one + 1]]


@pytest.mark.parametrize("edition", EDITIONS)
def test_opens_with_the_bookmarks_showing(built_sample: Path, edition: str) -> None:
    with pikepdf.open(output_file(built_sample, edition, "pdf")) as pdf:
        assert pdf.Root.PageMode == pikepdf.Name.UseOutlines
        assert "/Outlines" in pdf.Root


@pytest.mark.parametrize("edition", EDITIONS)
def test_keywords_say_what_the_report_is_about(built_sample: Path, edition: str) -> None:
    with pikepdf.open(output_file(built_sample, edition, "pdf")) as pdf:
        keywords = str(pdf.docinfo.get("/Keywords", ""))
    assert "available" not in keywords and "ar gael" not in keywords, keywords
    for lang in ["cy", "en"] if edition == "bilingual" else [edition]:
        assert SUBJECT[lang] in keywords, keywords
    assert "Glanafon" in keywords
    assert "\n" not in keywords, keywords  # pandoc wrapped "Director of Social" / "Services" onto two lines


@pytest.mark.parametrize("edition", ["en", "cy"])
def test_the_cover_links_the_other_languages_pdf(built_sample: Path, edition: str) -> None:
    other = {"en": "cy", "cy": "en"}[edition]
    with pikepdf.open(output_file(built_sample, edition, "pdf")) as pdf:
        links = [
            str(a.A.URI)
            for a in pdf.pages[0].get("/Annots", [])
            if a.get("/Subtype") == "/Link" and "/A" in a and "/URI" in a.A
        ]
    assert any(link.startswith(f"../{other}/") and link.endswith(".pdf") for link in links), links


def _kids(node: Any) -> list[Any]:
    kids = node.get("/K")
    if isinstance(kids, pikepdf.Array):
        return [k for k in kids if isinstance(k, pikepdf.Dictionary)]
    return [kids] if isinstance(kids, pikepdf.Dictionary) else []


def _all(node: Any, role: str) -> list[Any]:
    found, stack = [], [node]
    while stack:
        current = stack.pop()
        if str(current.get("/S", "")) == role:
            found.append(current)
        stack.extend(_kids(current))
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_data_table_rows_have_row_headers(built_sample: Path, edition: str) -> None:
    with pikepdf.open(output_file(built_sample, edition, "pdf")) as pdf:
        tables = _all(pdf.Root.StructTreeRoot, "/Table")
        assert tables
        for table in tables:
            rows = _all(table, "/TR")
            body = [r for r in rows if any(str(c.S) == "/TD" for c in _kids(r))]
            assert body
            for row in body:
                first = _kids(row)[0]
                assert str(first.S) == "/TH" and str(first.A.Scope) == "/Row", first


@pytest.mark.parametrize("edition", EDITIONS)
def test_html_data_tables_have_row_headers(built_sample: Path, edition: str) -> None:
    from lxml import html

    tree = html.fromstring(output_file(built_sample, edition, "html").read_bytes())
    tables = tree.xpath("//main//table")
    assert tables
    for table in tables:
        assert all(th.get("scope") == "col" for th in table.xpath("./thead//th"))
        for row in table.xpath("./tbody/tr"):
            first = row[0]
            assert first.tag == "th" and first.get("scope") == "row", html.tostring(row)[:200]
