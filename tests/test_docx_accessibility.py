"""The Word files use Word's own structure: heading, caption, table and list styles, alternative text, language.

Read with python-docx and lxml as the files are, then taken through
LibreOffice and back, as an authority's staff may do, to see the structure
and the words survive.  An authority's own reference.docx is used when the
project has one.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from conftest import EDITIONS, REPO, copy_project, dirreport, output_file, soffice_path
from test_build import PRESCRIBED

DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
LANG = {"en": "en-GB", "cy": "cy-GB", "bilingual": "cy-GB"}  # the sample's bilingual edition is Welsh first


def straight(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def languages(edition: str) -> list[str]:
    return ["cy", "en"] if edition == "bilingual" else [edition]


def paragraphs(document: Any) -> Iterator[Paragraph]:
    """Every paragraph in document order, including those in table cells (the bilingual side-by-side layout)."""
    for p in document.element.body.iter(qn("w:p")):
        yield Paragraph(p, document._body)


def style_of(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def text_of(element: Any) -> str:
    """An element's text as Word shows it: a line break (between a bilingual cell's two languages) a space."""
    return "".join(
        (t.text or "") if t.tag == qn("w:t") else " " for t in element.iter(qn("w:t"), qn("w:br"), qn("w:cr"))
    )


def is_layout(tbl: Any) -> bool:
    """The bilingual edition's side-by-side layout: rows of two passages (a heading's opening in a row of its
    own), no caption, no data-table style."""
    properties = tbl.find(qn("w:tblPr"))
    rows = tbl.findall(qn("w:tr"))
    return (
        properties is not None
        and properties.find(qn("w:tblCaption")) is None
        and properties.find(qn("w:tblStyle")) is None
        and len(rows) >= 1
        and all(len(tr.findall(qn("w:tc"))) == 2 for tr in rows)
    )


def header_repeats(tr: Any) -> bool:
    properties = tr.find(qn("w:trPr"))
    header = properties.find(qn("w:tblHeader")) if properties is not None else None
    return header is not None and header.get(qn("w:val"), "true") in ("true", "1", "on")


def bullet_numbering(document: Any) -> set[str]:
    """The numIds whose first level is a bullet."""
    numbering = document.part.numbering_part.element
    bullets = set()
    abstract = {}
    for definition in numbering.findall(qn("w:abstractNum")):
        level = definition.find(qn("w:lvl"))
        fmt = level.find(qn("w:numFmt")) if level is not None else None
        abstract[definition.get(qn("w:abstractNumId"))] = fmt is not None and fmt.get(qn("w:val")) == "bullet"
    for num in numbering.findall(qn("w:num")):
        if abstract.get(num.find(qn("w:abstractNumId")).get(qn("w:val"))):
            bullets.add(num.get(qn("w:numId")))
    return bullets


@pytest.fixture(scope="module")
def documents(built_sample: Path) -> dict[str, Any]:
    return {edition: docx.Document(str(output_file(built_sample, edition, "docx"))) for edition in EDITIONS}


@pytest.mark.parametrize("edition", EDITIONS)
def test_headings_use_word_heading_styles(documents: dict[str, Any], edition: str) -> None:
    headings = [
        (style_of(p), straight(p.text)) for p in paragraphs(documents[edition]) if style_of(p).startswith("Heading ")
    ]
    assert {"Heading 1", "Heading 2", "Heading 3"} <= {style for style, _ in headings}
    level_one = [text for style, text in headings if style == "Heading 1"]
    for lang in languages(edition):
        for chapter in [*PRESCRIBED[lang]["chapters"], PRESCRIBED[lang]["chapter4"][0]]:
            assert any(straight(chapter) in text for text in level_one), f"{chapter!r} is not Heading 1"
        for part in PRESCRIBED[lang]["parts"]:
            assert any(straight(part) in text for style, text in headings if style == "Heading 2"), part
    previous = 0
    for style, text in headings:
        level = int(style.split()[1])
        assert level <= previous + 1, f"{text!r} is {style} straight after Heading {previous}"
        previous = level


@pytest.mark.parametrize("edition", EDITIONS)
def test_captions_use_the_caption_style(documents: dict[str, Any], edition: str) -> None:
    document = documents[edition]
    body = document.element.body
    styles = [style_of(p) for p in paragraphs(document)]
    assert "Image Caption" not in styles and "Table Caption" not in styles
    all_paragraphs = list(paragraphs(document))
    figures = 0
    chapters = next(
        i
        for i, p in enumerate(all_paragraphs)
        if style_of(p) == "Heading 1" and re.search(r"\b(Chapter|Pennod) 1\b", p.text)
    )
    for index, paragraph in enumerate(all_paragraphs):
        if index < chapters:
            continue  # the cover's logo and the forewords' photo and signature are pictures, not numbered figures
        if any(not _decorative(d) for d in paragraph._p.iter(DOC_PR)):
            figures += 1
            caption = all_paragraphs[index + 1]
            assert style_of(caption) == "Caption", f"figure followed by {style_of(caption)}: {caption.text!r}"
            assert caption.text.strip()
    assert figures > 10
    captioned = [t for t in body.iter(qn("w:tbl")) if t.find(qn("w:tblPr")).find(qn("w:tblCaption")) is not None]
    assert captioned
    for tbl in captioned:
        before = tbl.getprevious()
        assert before.tag == qn("w:p") and style_of(Paragraph(before, document._body)) == "Caption", text_of(before)


@pytest.mark.parametrize("edition", EDITIONS)
def test_data_tables_use_table_grid_with_a_repeating_header(documents: dict[str, Any], edition: str) -> None:
    document = documents[edition]
    grid = next(s.style_id for s in document.styles if s.name == "Table Grid")
    tables = list(document.element.body.iter(qn("w:tbl")))
    layout = [t for t in tables if is_layout(t)]
    data = [t for t in tables if not is_layout(t)]
    assert len(data) > 10
    for tbl in data:
        style = tbl.find(qn("w:tblPr")).find(qn("w:tblStyle"))
        assert style is not None and style.get(qn("w:val")) == grid, text_of(tbl)[:80]
        rows = tbl.findall(qn("w:tr"))
        assert header_repeats(rows[0]), f"header row does not repeat: {text_of(rows[0])[:80]}"
        assert not any(header_repeats(tr) for tr in rows[1:])
    if edition == "bilingual":
        # the side-by-side layout is not data: no header row for a screen reader to announce
        assert layout
        assert not any(header_repeats(tr) for t in layout for tr in t.findall(qn("w:tr")))
        # and a data table is not put inside it, where Word cannot repeat the table's header row
        nested = [text_of(t)[:60] for t in data if t.getparent().tag == qn("w:tc")]
        assert not nested, nested
    else:
        assert not layout


EMU_PER_TWIP = 635


def text_width(document: Any) -> int:
    """The width between the margins, in twentieths of a point."""
    section = document.element.body.find(qn("w:sectPr"))
    size, margins = section.find(qn("w:pgSz")), section.find(qn("w:pgMar"))
    return int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))


def test_word_pages_are_a4_with_the_pdfs_margins(documents: dict[str, Any]) -> None:
    for document in documents.values():
        section = document.sections[0]
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
        assert round(section.left_margin.cm, 1) == round(section.right_margin.cm, 1) == 2.0


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_picture_fits_its_column(documents: dict[str, Any], edition: str) -> None:
    document = documents[edition]
    page = text_width(document) * EMU_PER_TWIP
    pictures = 0
    for extent in document.element.body.iter(qn("wp:extent")):
        pictures += 1
        room = page
        cell = next((a for a in extent.iterancestors() if a.tag == qn("w:tc")), None)
        if cell is not None:
            row = cell.getparent()
            tbl = row.getparent()
            widths = [int(c.get(qn("w:w"))) for c in tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
            column = list(row.findall(qn("w:tc"))).index(cell)
            room = page * widths[column] // sum(widths)
        assert int(extent.get("cx")) <= room, (
            f"a picture {int(extent.get('cx')) / 360000:.1f} cm wide in {room / 360000:.1f} cm"
        )
    assert pictures > 10


@pytest.mark.parametrize("edition", EDITIONS)
def test_bulleted_lists_use_list_bullet(documents: dict[str, Any], edition: str) -> None:
    document = documents[edition]
    bullets = bullet_numbering(document)
    listed = []
    for paragraph in paragraphs(document):
        properties = paragraph._p.pPr
        num = properties.find(qn("w:numPr")) if properties is not None else None
        num_id = num.find(qn("w:numId")) if num is not None else None
        if num_id is not None and num_id.get(qn("w:val")) in bullets:
            listed.append(paragraph)
    assert len(listed) > 5, "the sample's narratives have bulleted lists"
    wrong = [(style_of(p), p.text[:60]) for p in listed if style_of(p) != "List Bullet"]
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_picture_has_alternative_text(documents: dict[str, Any], edition: str) -> None:
    # a picture marked decorative (the year in numbers' icons) is passed by and has none
    pictures = [p for p in documents[edition].element.body.iter(DOC_PR) if b"adec:decorative" not in etree.tostring(p)]
    assert len(pictures) > 10
    missing = [p.get("name") for p in pictures if len((p.get("descr") or "").strip()) < 10]
    assert not missing, f"{len(missing)} of {len(pictures)} pictures have no alternative text"


@pytest.mark.parametrize("edition", EDITIONS)
def test_language_is_on_the_styles(documents: dict[str, Any], edition: str) -> None:
    document = documents[edition]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert LANG[edition] in {e.get(qn("w:val")) for e in defaults.iter(qn("w:lang"))}
    normal = document.styles["Normal"].element
    assert LANG[edition] in {e.get(qn("w:val")) for e in normal.iter(qn("w:lang"))}
    assert document.core_properties.language == LANG[edition]


def soffice(source: Path, target_format: str, outdir: Path, profile: Path) -> Path:
    result = subprocess.run(
        [
            soffice_path(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target_format,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    converted = outdir / f"{source.stem}.{target_format.split(':')[0]}"
    assert converted.exists() and converted.stat().st_size > 10_000, result.stdout + result.stderr
    return converted


@pytest.mark.parametrize("edition", EDITIONS)
def test_survives_a_libreoffice_round_trip(
    built_sample: Path, documents: dict[str, Any], soffice_profile: Path, tmp_path: Path, edition: str
) -> None:
    original = documents[edition]
    odt = soffice(output_file(built_sample, edition, "docx"), "odt", tmp_path / "odt", soffice_profile)
    back = soffice(odt, "docx:MS Word 2007 XML", tmp_path / "docx", soffice_profile)
    returned = docx.Document(str(back))
    text = straight(" ".join(text_of(p) for p in returned.element.body.iter(qn("w:p"))))
    level_one = [straight(p.text) for p in paragraphs(returned) if style_of(p) == "Heading 1"]
    for lang in languages(edition):
        for chapter in PRESCRIBED[lang]["chapters"]:
            assert any(straight(chapter) in heading for heading in level_one), f"{chapter!r} lost its Heading 1"
    # sentences of every kind: body text, a bullet, a caption, a table cell
    samples = []
    for style in ("First Paragraph", "List Bullet", "Caption"):
        found = [straight(p.text) for p in paragraphs(original) if style_of(p) == style and len(p.text) > 30]
        assert found, style
        samples += [found[0], found[-1]]
    cells = [straight(text_of(tc)) for tc in original.element.body.iter(qn("w:tc"))]
    samples.append(next(c for c in cells if len(c) > 30 and len(c) < 200))
    for sample in samples:
        assert sample in text, f"{sample!r} lost in the round trip"
    alt = [p.get("descr") for p in returned.element.body.iter(DOC_PR)]
    before = list(original.element.body.iter(DOC_PR))
    assert len(alt) == len(before)
    # every picture keeps its description; a decorative one (the year in numbers' icons) keeps none
    assert all(bool(a) != _decorative(b) for a, b in zip(alt, before, strict=True))


def _decorative(doc_pr: Any) -> bool:
    return b"adec:decorative" in etree.tostring(doc_pr)


@pytest.fixture(scope="module")
def branded_project(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with an authority's own reference.docx: dirreport's own, with Georgia as the body font."""
    project = copy_project(REPO, tmp_path_factory.mktemp("branded"))
    # the charts are cached by content: reuse them rather than draw them again
    shutil.copytree(built_sample / ".dirreport-cache" / "charts", project / ".dirreport-cache" / "charts")
    built_in = sorted((built_sample / ".dirreport-cache").glob("reference-*.docx"))
    assert built_in, "dirreport's own reference.docx is not in the cache"
    reference = docx.Document(str(built_in[-1]))
    normal = reference.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(12)
    (project / "templates").mkdir(exist_ok=True)
    reference.save(str(project / "templates" / "reference.docx"))
    run = dirreport("build", str(project), "--lang", "en", "--format", "docx", env={"SOURCE_DATE_EPOCH": "1730332800"})
    assert run.returncode == 0, run.output
    return project


def test_a_projects_own_reference_docx_is_used(branded_project: Path) -> None:
    document = docx.Document(str(output_file(branded_project, "en", "docx")))
    normal = document.styles["Normal"]
    assert normal.font.name == "Georgia"
    assert normal.font.size == Pt(12)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Georgia"
    # and the finishing still applies: Word styles, language
    assert "Chapter 1: Director's summary" in [
        straight(p.text) for p in paragraphs(document) if style_of(p) == "Heading 1"
    ]
    assert document.core_properties.language == "en-GB"
    assert any(style_of(p) == "List Bullet" for p in paragraphs(document))


def test_a_reference_docx_without_word_styles_still_gets_them(built_sample: Path, tmp_path: Path) -> None:
    """pandoc's plain reference.docx has no Table Grid or List Bullet: the finishing adds Word's own."""
    import pypandoc

    project = copy_project(REPO, tmp_path / "plain")
    shutil.copytree(built_sample / ".dirreport-cache" / "charts", project / ".dirreport-cache" / "charts")
    (project / "templates").mkdir(exist_ok=True)
    subprocess.run(
        [
            pypandoc.get_pandoc_path(),
            "-o",
            str(project / "templates" / "reference.docx"),
            "--print-default-data-file",
            "reference.docx",
        ],
        check=True,
    )
    names = {s.name for s in docx.Document(str(project / "templates" / "reference.docx")).styles}
    assert "Table Grid" not in names and "List Bullet" not in names
    run = dirreport("build", str(project), "--lang", "en", "--format", "docx", env={"SOURCE_DATE_EPOCH": "1730332800"})
    assert run.returncode == 0, run.output
    document = docx.Document(str(output_file(project, "en", "docx")))
    tables = list(document.element.body.iter(qn("w:tbl")))
    grid = next(s.style_id for s in document.styles if s.name == "Table Grid")
    assert tables and all(t.find(qn("w:tblPr")).find(qn("w:tblStyle")).get(qn("w:val")) == grid for t in tables)
    assert any(style_of(p) == "List Bullet" for p in paragraphs(document))
    assert any(style_of(p) == "Caption" for p in paragraphs(document))


def test_long_council_names_fit_words_properties() -> None:
    """A bilingual edition names the council twice; Neath Port Talbot's keywords ran past Word's 255 characters."""
    import docx

    from dirreport.render.docx import PROPERTY_LIMIT, clipped, keywords_within

    keywords = [
        "gwasanaethau cymdeithasol",
        "adroddiad blynyddol",
        "Cyfarwyddwr Gwasanaethau Cymdeithasol",
        "Cyngor Bwrdeistref Sirol Castell-nedd Port Talbot",
        "2023-24",
        "Cymru",
        "social services",
        "annual report",
        "Director of Social Services",
        "Neath Port Talbot County Borough Council",
        "Wales",
    ]
    assert len("; ".join(keywords)) > PROPERTY_LIMIT
    fitted = keywords_within(keywords)
    kept = fitted.split("; ")
    assert len(fitted) <= PROPERTY_LIMIT and kept == [k for k in keywords if k in kept]  # whole, in order
    assert kept == keywords[:-1]  # both councils' names fit; "Wales" is the one left out
    title = clipped("Adroddiad blynyddol / Annual report – " + "Castell-nedd Port Talbot / Neath Port Talbot " * 6)
    properties = docx.Document().core_properties
    properties.keywords, properties.title = fitted, title  # python-docx refuses more than Word holds
    assert properties.title.endswith("…") and len(properties.title) == PROPERTY_LIMIT
