"""The PDFs are accessible documents: tagged, titled, bookmarked, in their languages, fonts embedded, PDF/UA-1.

Read with pikepdf (the objects themselves) and pdfplumber (the structure
tree with its marked content), as an accessibility checker would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from conftest import EDITIONS, output_file
from test_build import PRESCRIBED

LANG = {"en": "en-GB", "cy": "cy-GB"}
DOCUMENT_LANG = {"en": "en-GB", "cy": "cy-GB", "bilingual": "cy-GB"}  # the sample's bilingual edition is Welsh first


def chapters(edition: str) -> list[str]:
    languages = ["cy", "en"] if edition == "bilingual" else [edition]
    return [c for lang in languages for c in [*PRESCRIBED[lang]["chapters"], PRESCRIBED[lang]["chapter4"][0]]]


def straight(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def elements(root: pikepdf.Object, lang: str | None = None) -> Iterator[tuple[pikepdf.Dictionary, str | None]]:
    """Every structure element in reading order, with the language it is in (its own /Lang or inherited)."""
    stack: list[tuple[Any, str | None]] = [(root, lang)]
    while stack:
        node, inherited = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((kid, inherited) for kid in reversed(list(node)))
            continue
        if not isinstance(node, pikepdf.Dictionary) or ("/S" not in node and "/K" not in node):
            continue
        here = str(node.Lang) if "/Lang" in node else inherited
        if "/S" in node:
            yield node, here
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array | pikepdf.Dictionary):
            stack.append((kids, here))


def role(element: pikepdf.Dictionary) -> str:
    return str(element.S)[1:]


@pytest.fixture(scope="module")
def pdfs(built_sample: Path) -> Iterator[dict[str, pikepdf.Pdf]]:
    opened = {edition: pikepdf.open(output_file(built_sample, edition, "pdf")) for edition in EDITIONS}
    yield opened
    for pdf in opened.values():
        pdf.close()


@pytest.fixture(scope="module")
def structure(pdfs: dict[str, pikepdf.Pdf]) -> dict[str, list[tuple[pikepdf.Dictionary, str | None]]]:
    return {
        edition: list(elements(pdf.Root.StructTreeRoot, str(pdf.Root.get("/Lang", "")) or None))
        for edition, pdf in pdfs.items()
    }


@pytest.mark.parametrize("edition", EDITIONS)
def test_tagged(pdfs: dict[str, pikepdf.Pdf], edition: str) -> None:
    root = pdfs[edition].Root
    assert "/StructTreeRoot" in root
    assert root.MarkInfo.Marked is True
    assert root.MarkInfo.get("/Suspects", False) is False
    assert "/ParentTree" in root.StructTreeRoot, "marked content cannot be traced back to its elements"


@pytest.mark.parametrize("edition", EDITIONS)
def test_headings_are_tagged_by_level(structure: dict[str, list[Any]], edition: str) -> None:
    headings = [
        (int(role(e)[1:]), straight(str(e.get("/T", ""))))
        for e, _ in structure[edition]
        if role(e) in {f"H{n}" for n in range(1, 7)}
    ]
    assert {1, 2, 3} <= {level for level, _ in headings}
    level_one = [title for level, title in headings if level == 1]
    for chapter in chapters(edition):
        assert any(straight(chapter) in title for title in level_one), f"{chapter!r} is not an H1: {level_one}"
    # no level is skipped on the way down: H1 then H2, never H1 then H3
    previous = 0
    for level, title in headings:
        assert level <= previous + 1, f"{title!r} is H{level} straight after an H{previous}"
        previous = level


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_figure_has_alternative_text(structure: dict[str, list[Any]], edition: str) -> None:
    figures = [e for e, _ in structure[edition] if role(e) == "Figure"]
    assert len(figures) > 10
    missing = [f for f in figures if len(str(f.get("/Alt", "")).strip()) < 10]
    assert not missing, f"{len(missing)} of {len(figures)} figures have no alternative text"


def scope(cell: pikepdf.Dictionary) -> str | None:
    """A header cell's /Scope, from its attribute object or objects."""
    attributes = cell.get("/A")
    for owner in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(owner, pikepdf.Dictionary) and "/Scope" in owner:
            return str(owner.Scope)
    return None


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_table_has_header_cells(structure: dict[str, list[Any]], edition: str) -> None:
    tables = [e for e, _ in structure[edition] if role(e) == "Table"]
    assert len(tables) > 10
    for number, table in enumerate(tables, start=1):
        cells = [role(e) for e, _ in elements(table) if role(e) in ("TH", "TD")]
        assert "TH" in cells, f"table {number} has no header cells"
        header_rows = [e for e, _ in elements(table) if role(e) == "THead"]
        assert header_rows, f"table {number} has no THead"
        scopes = [scope(e) for e, _ in elements(header_rows[0]) if role(e) == "TH"]
        assert scopes and all(s == "/Column" for s in scopes), f"table {number} header scopes {scopes}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_document_language(pdfs: dict[str, pikepdf.Pdf], edition: str) -> None:
    pdf = pdfs[edition]
    assert str(pdf.Root.Lang) == DOCUMENT_LANG[edition]
    with pdf.open_metadata() as xmp:
        assert DOCUMENT_LANG[edition] in str(xmp.get("dc:language", ""))


def test_bilingual_passages_carry_their_own_language(structure: dict[str, list[Any]]) -> None:
    """A screen reader switches voice for the second language: its passages are tagged with /Lang."""
    tagged = {str(e.Lang) for e, _ in structure["bilingual"] if "/Lang" in e}
    assert "en-GB" in tagged
    assert {DOCUMENT_LANG["bilingual"], *tagged} >= {"cy-GB", "en-GB"}
    # a chart is printed once, in both languages: its alternative text is each language's own, Welsh then
    # English, known from the single-language editions (a PDF's /Alt holds one string, so both are there)
    alt_in = {lang: {straight(str(e.Alt)) for e, _ in structure[lang] if "/Alt" in e} for lang in ("en", "cy")}
    both = [
        alt
        for element, _lang in structure["bilingual"]
        if role(element) == "Figure" and "/Alt" in element
        for alt in [straight(str(element.Alt))]
        if any(alt.startswith(cy) for cy in alt_in["cy"]) and any(alt.endswith(en) for en in alt_in["en"])
    ]
    assert len(both) > 10
    # and each heading of the side-by-side passages is one heading in both languages, its English half English
    english = {straight(str(e.T)) for e, _ in structure["en"] if role(e) in ("H2", "H3") and "/T" in e}
    welsh = {straight(str(e.T)) for e, _ in structure["cy"] if role(e) in ("H2", "H3") and "/T" in e}
    paired = [
        element
        for element, _lang in structure["bilingual"]
        if role(element) in ("H2", "H3") and "/T" in element
        for halves in [straight(str(element.T)).split(" / ")]
        if len(halves) == 2 and halves[0] in welsh - english and halves[1] in english - welsh
    ]
    assert len(paired) > 10
    for heading in paired:
        assert "en-GB" in marked_languages(heading), straight(str(heading.T))


def marked_languages(element: pikepdf.Dictionary) -> set[str]:
    """The languages an element's own marked content declares on its page (Typst tags a span of another
    language inside a line there, with /Lang in the marked content's properties)."""
    kids = element.get("/K")
    ids = {int(k) for k in (kids if isinstance(kids, pikepdf.Array) else [kids]) if isinstance(k, int)}
    found = set()
    for operands, operator in pikepdf.parse_content_stream(pikepdf.Page(element.Pg)):
        if str(operator) == "BDC" and len(operands) > 1 and isinstance(operands[1], pikepdf.Dictionary):
            properties = operands[1]
            if int(properties.get("/MCID", -1)) in ids and "/Lang" in properties:
                found.add(str(properties.Lang))
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_title_is_shown_and_in_the_metadata(pdfs: dict[str, pikepdf.Pdf], edition: str) -> None:
    pdf = pdfs[edition]
    title = str(pdf.docinfo["/Title"])
    assert "Glanafon" in title
    with pdf.open_metadata() as xmp:
        assert straight(str(xmp.get("dc:title", ""))) == straight(title)
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


@pytest.mark.parametrize("edition", EDITIONS)
def test_bookmarks_follow_the_headings(pdfs: dict[str, pikepdf.Pdf], edition: str) -> None:
    pdf = pdfs[edition]
    assert "/Outlines" in pdf.Root
    with pdf.open_outline() as outline:
        top = outline.root
        titles = [straight(item.title) for item in top]
        for chapter in chapters(edition):
            assert any(straight(chapter) in title for title in titles), f"no bookmark for {chapter!r}: {titles}"
        assert all(item.destination is not None or item.action is not None for item in top)
        lang = "cy" if edition == "bilingual" else edition
        chapter3 = next(item for item in top if straight(PRESCRIBED[lang]["chapters"][2]) in straight(item.title))
        parts = [straight(child.title) for child in chapter3.children]
        for part in PRESCRIBED[lang]["parts"]:
            assert any(straight(part) in title for title in parts), f"no bookmark for {part!r} under Chapter 3"


def fonts_in(resources: Any, seen: set[tuple[int, int]]) -> Iterator[pikepdf.Dictionary]:
    """Every font a page uses, including those inside form XObjects (the charts) and Type 3 glyphs."""
    if not isinstance(resources, pikepdf.Dictionary):
        return
    for font in (resources.get("/Font") or {}).values():
        if font.objgen in seen:
            continue
        seen.add(font.objgen)
        yield font
        yield from fonts_in(font.get("/Resources"), seen)
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.objgen in seen:
            continue
        seen.add(xobject.objgen)
        yield from fonts_in(xobject.get("/Resources"), seen)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_font_is_embedded(pdfs: dict[str, pikepdf.Pdf], edition: str) -> None:
    seen: set[tuple[int, int]] = set()
    fonts = [font for page in pdfs[edition].pages for font in fonts_in(page.Resources, seen)]
    assert fonts
    not_embedded = []
    for font in fonts:
        if font.get("/Subtype") == "/Type3":
            continue  # glyphs drawn by the PDF itself
        for face in [font, *list(font.get("/DescendantFonts", []))]:
            descriptor = face.get("/FontDescriptor")
            if face.get("/Subtype") == "/Type0":
                continue  # a composite font: its descendant carries the descriptor
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                not_embedded.append(str(face.get("/BaseFont")))
    assert not not_embedded, f"fonts not embedded: {sorted(set(not_embedded))}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_declared_pdf_ua_1(pdfs: dict[str, pikepdf.Pdf], edition: str) -> None:
    with pdfs[edition].open_metadata() as xmp:
        assert str(xmp.get("pdfuaid:part")) == "1"
