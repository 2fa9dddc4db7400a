"""The Word files as a comms team opens them: a cover, a filled contents, page numbers, whole words in tables.

Each file is laid out by LibreOffice (converted to PDF, as a reader's word
processor would show it) and the text of each page read with poppler's pdftotext.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from conftest import EDITIONS, output_file, pdf_text

PAGE_WORD = {"en": "Page", "cy": "Tudalen", "bilingual": "Tudalen / Page"}  # each half in its own language
CONTENTS = {"en": "Contents", "cy": "Cynnwys", "bilingual": "Cynnwys"}


def straight(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


@pytest.fixture(scope="module")
def laid_out(word_laid_out: dict[str, Path]) -> dict[str, list[str]]:
    """Each edition's Word file as LibreOffice lays it out: the text of each page."""
    return {edition: pdf_text(pdf, "-layout").split("\f")[:-1] for edition, pdf in word_laid_out.items()}


def contents_lines(pages: list[str], edition: str) -> list[str]:
    """The contents' entries: the lines ending in a dot leader and a page number, on the page titled so."""
    (page,) = [p for p in pages[1:4] if any(line.strip().startswith(CONTENTS[edition]) for line in p.splitlines())]
    return [line for line in page.splitlines() if re.search(r"\.{3,}\s*\d+$", line)]


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_cover_has_a_page_of_its_own(laid_out: dict[str, list[str]], edition: str) -> None:
    cover = laid_out[edition][0]
    assert "Glanafon" in cover
    assert CONTENTS[edition] not in cover and "Chapter 1" not in cover.replace("Chapter 1 /", "")
    assert PAGE_WORD[edition] not in cover  # no page furniture on the cover


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_contents_is_filled_with_true_page_numbers(laid_out: dict[str, list[str]], edition: str) -> None:
    pages = laid_out[edition]
    entries = contents_lines(pages, edition)
    assert len(entries) >= 10, entries
    numbers = [int(re.search(r"(\d+)$", line).group(1)) for line in entries]  # type: ignore[union-attr]
    if edition != "bilingual":  # where the two languages stand side by side, either may run on to the next page
        assert numbers == sorted(numbers), entries
    for line, number in zip(entries, numbers, strict=True):
        title = straight(re.sub(r"\.{3,}\s*\d+$", "", line))
        if not title:
            continue  # a long entry's page number on a line of its own, below its words
        # the heading is on the page the contents names (its first words: a long heading may wrap, and in
        # the bilingual edition the two languages' lines stand side by side)
        assert " ".join(title.split()[:2]) in straight(pages[number - 1]), (line, pages[number - 1][:300])


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_after_the_cover_has_its_number(laid_out: dict[str, list[str]], edition: str) -> None:
    for number, page in enumerate(laid_out[edition][1:], start=2):
        assert f"{PAGE_WORD[edition]} {number}" in page, (number, page[-200:])


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_word_in_a_table_is_broken(built_sample: Path, laid_out: dict[str, list[str]], edition: str) -> None:
    """Every word of every table cell appears whole in the laid-out text."""
    document = docx.Document(str(output_file(built_sample, edition, "docx")))
    laid = set(re.findall(r"\w+", " ".join(laid_out[edition])))
    words: set[str] = set()
    for tc in document.element.body.iter(qn("w:tc")):
        if tc.find(f".//{qn('w:tbl')}") is not None:
            continue  # the bilingual layout's cells hold passages, not data
        # a line break (the contact block's lines) parts words as a space does
        text = " ".join(
            "".join(t.text or "" if t.tag == qn("w:t") else " " for t in p.iter(qn("w:t"), qn("w:br")))
            for p in tc.iter(qn("w:p"))
        )
        words.update(w for w in re.findall(r"\w+", text) if len(w) > 3)
    assert words
    broken = sorted(words - laid)
    assert not broken, broken[:20]


def test_one_typeface_throughout(built_sample: Path) -> None:
    """No style takes a theme font: Word would give it precedence over the style's own typeface."""
    document = docx.Document(str(output_file(built_sample, "en", "docx")))
    fonts: set[Any] = set()
    for element in document.styles.element.iter(qn("w:rFonts")):
        assert not any(k.endswith("Theme") or k.endswith("theme") for k in element.attrib), element.attrib
        fonts.add(element.get(qn("w:ascii")))
    assert len(fonts - {None}) == 1, fonts
