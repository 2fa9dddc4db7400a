"""The sample project builds into nine real files whose content is the prescribed report."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
import yaml

from conftest import EDITIONS, FORMATS, REPO, docx_body_text, html_text, output_file, pdf_text

STANDARDS = yaml.safe_load((REPO / "src/dirreport/catalogue/standards.yaml").read_text(encoding="utf-8"))

PRESCRIBED = {
    "en": {
        "chapters": ["Chapter 1: Director's summary", "Chapter 2: Context", "Chapter 3: Performance assessment"],
        "parts": [
            "Chapter 3(a): People",
            "Chapter 3(b): Prevention",
            "Chapter 3(c): Partnership and integration",
            "Chapter 3(d): Well-being",
        ],
        "sections": [
            "Section (i): What do we know about the quality and impact of what we are doing?",
            "Section (ii): How do we know?",
            "Section (iii): What are we doing well and how can we do better?",
            "Section (iv): What progress did we make on the areas for improvement identified in last "
            "year's report? What difference did we make?",
        ],
        "chapter4": [
            "Chapter 4: Other information",
            "Chapter 4(a): Inspections and reviews",
            "Chapter 4(b): Complaints and representations",
            "Chapter 4(c): Referencing other sources of information",
            "Chapter 4(d): Any other information",
        ],
    },
    "cy": {
        "chapters": ["Pennod 1: Crynodeb y Cyfarwyddwr", "Pennod 2: Cyd-destun", "Pennod 3: Asesu perfformiad"],
        "parts": [
            "Pennod 3(a): Pobl",
            "Pennod 3(b): Atal",
            "Pennod 3(c): Partneriaeth ac integreiddio",
            "Pennod 3(d): Llesiant",
        ],
        "sections": [
            "Adran (i): Beth rydym yn ei wybod am ansawdd ac effaith yr hyn rydym yn ei wneud?",
            "Adran (ii): Sut rydym yn gwybod?",
            "Adran (iii): Beth rydym yn ei wneud yn dda a sut y gallwn wneud yn well?",
            "Adran (iv): Pa gynnydd a wnaethom ar y meysydd i'w gwella a nodwyd yn adroddiad y llynedd? "
            "Pa wahaniaeth a wnaethom?",
        ],
        "chapter4": [
            "Pennod 4: Gwybodaeth arall",
            "Pennod 4(a): Arolygiadau ac adolygiadau",
            "Pennod 4(b): Cwynion a sylwadau",
            "Pennod 4(c): Cyfeirio at ffynonellau gwybodaeth eraill",
            "Pennod 4(d): Unrhyw wybodaeth arall",
        ],
    },
}


def expected_order(lang: str) -> list[str]:
    """Every prescribed heading and quality standard, in the order the law and the code set them."""
    p = PRESCRIBED[lang]
    order = list(p["chapters"])
    for part, heading in zip(p["parts"], STANDARDS["headings"], strict=True):
        order.append(part)
        order += [" ".join(s[lang].split())[:60] for s in heading["standards"]]
        order += p["sections"]
    return order + p["chapter4"]


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("\u00ad", "").replace("\u2060", "")
    return " ".join(text.split())


def text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        return normalise(pdf_text(path))
    if path.suffix == ".html":
        return normalise(html_text(path))
    return normalise(docx_body_text(path))


def assert_in_order(text: str, expected: list[str], start_after: str) -> None:
    position = text.rfind(start_after)
    assert position >= 0, f"{start_after!r} not found"
    position -= 1
    for item in expected:
        found = text.find(normalise(item), position + 1)
        assert found > position, f"{item!r} missing or out of order after position {position}"
        position = found


def _figures_in(path: Path) -> int:
    """How many charts a published file carries: drawings in the web page and Word, numbered captions in the PDF."""
    if path.suffix == ".html":
        from lxml import html

        return len(html.fromstring(path.read_bytes()).xpath("//figure[.//svg or .//img]"))
    if path.suffix == ".pdf":
        return len(set(re.findall(r"\b(?:Figure|Ffigur) (\d+):", pdf_text(path))))
    import docx

    return len(docx.Document(str(path)).inline_shapes)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_edition_and_format_is_written(built_sample: Path, edition: str, fmt: str) -> None:
    """Each file is the edition it is named for: its language's chapters, and charts."""
    path = output_file(built_sample, edition, fmt)
    text = text_of(path)
    for lang in ["cy", "en"] if edition == "bilingual" else [edition]:
        assert normalise(PRESCRIBED[lang]["chapters"][0]) in text, f"{path.name}: no {lang} Chapter 1"
        assert normalise(PRESCRIBED[lang]["chapter4"][0]) in text, f"{path.name}: no {lang} Chapter 4"
    if edition != "bilingual":
        other = "cy" if edition == "en" else "en"
        assert normalise(PRESCRIBED[other]["chapters"][2]) not in text, f"{path.name} holds the other language"
    assert _figures_in(path) >= 10, f"{path.name} has {_figures_in(path)} charts"


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_prescribed_headings_and_standards_in_order(built_sample: Path, edition: str, fmt: str) -> None:
    text = text_of(output_file(built_sample, edition, fmt))
    languages = ["en", "cy"] if edition == "bilingual" else [edition]
    for lang in languages:
        expected = expected_order(lang)
        assert_in_order(text, expected, start_after=normalise(expected[0]))


def test_welsh_pdf_keeps_welsh_letters_and_headings(built_sample: Path) -> None:
    text = pdf_text(output_file(built_sample, "cy", "pdf"))
    assert "Pennod 3(a): Pobl" in text
    assert "ŵ" in text and "ŷ" in text
    assert "Crynodeb y Cyfarwyddwr" in text


@pytest.mark.parametrize(("edition", "tag"), [("cy", "cy-GB"), ("en", "en-GB"), ("bilingual", "cy-GB")])
def test_pdf_is_tagged_with_its_language_and_title(built_sample: Path, edition: str, tag: str) -> None:
    with pikepdf.open(output_file(built_sample, edition, "pdf")) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == tag
        assert pdf.Root.MarkInfo.Marked
        assert "Glanafon" in str(pdf.docinfo["/Title"])


@pytest.mark.parametrize(("edition", "lang"), [("cy", "cy"), ("en", "en")])
def test_html_declares_its_language_and_is_one_file(built_sample: Path, edition: str, lang: str) -> None:
    source = output_file(built_sample, edition, "html").read_text(encoding="utf-8")
    assert re.search(rf'<html[^>]*\blang="{lang}"', source)
    # self-contained: nothing is fetched from anywhere
    assert not re.search(r'<(img|script|link)[^>]+(src|href)="(https?:)?//', source)
    assert "<svg" in source


@pytest.mark.parametrize(("edition", "tag"), [("cy", "cy-GB"), ("en", "en-GB")])
def test_word_language_is_set_on_its_styles(built_sample: Path, edition: str, tag: str) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(output_file(built_sample, edition, "docx")))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    langs = {e.get(qn("w:val")) for e in defaults.iter(qn("w:lang"))}
    assert tag in langs
    assert document.core_properties.language == tag


def test_sample_is_marked_as_sample_data(built_sample: Path) -> None:
    assert "Sample data" in text_of(output_file(built_sample, "en", "pdf"))
    assert "Data enghreifftiol" in text_of(output_file(built_sample, "cy", "pdf"))
    assert "Data enghreifftiol" in text_of(output_file(built_sample, "cy", "docx"))


def test_indicator_and_chart_with_alt_text_in_every_edition(built_sample: Path) -> None:
    for edition in EDITIONS:
        html = output_file(built_sample, edition, "html").read_text(encoding="utf-8")
        assert re.search(r'<svg role="img" aria-labelledby="[^"]+"', html)
        assert re.search(r"<title id=\"[^\"]+\">[^<]{20,}</title>", html)
        with pikepdf.open(output_file(built_sample, edition, "pdf")) as pdf:
            alts = [str(node.Alt) for node in _struct_nodes(pdf.Root.StructTreeRoot) if "/Alt" in node]
        assert alts and all(len(a) > 20 for a in alts)


def _struct_nodes(node):  # type: ignore[no-untyped-def]
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, pikepdf.Dictionary):
            yield current
            kids = current.get("/K")
            if isinstance(kids, pikepdf.Array):
                stack.extend(kids)
            elif kids is not None:
                stack.append(kids)
        elif isinstance(current, pikepdf.Array):
            stack.extend(current)


@pytest.mark.parametrize("edition", EDITIONS)
def test_libreoffice_opens_the_word_file(word_laid_out: dict[str, Path], edition: str) -> None:
    text = normalise(pdf_text(word_laid_out[edition]))
    for lang in ("en", "cy") if edition == "bilingual" else (edition,):
        assert normalise(PRESCRIBED[lang]["chapters"][0]) in text


def test_batch_builds_a_report_for_every_authority_in_the_data(tmp_path: Path) -> None:
    from conftest import copy_project, dirreport

    project = copy_project(REPO / "tests" / "fixtures" / "small", tmp_path / "p")
    run = dirreport(
        "build", str(project), "--authority", "all", "--format", "html", "--lang", "en", "--lang", "cy", "--draft"
    )
    assert run.returncode == 0, run.output
    assert "built 3 of 3 authorities" in run.output
    # the selection is honoured: no bilingual edition, no PDF or Word file
    built = {p.suffix for p in (project / "_output" / "authorities").rglob("*.*") if p.is_file()}
    assert ".html" in built and not {".pdf", ".docx"} & built
    assert not list((project / "_output" / "authorities").glob("*/bilingual/*.html"))
    names = {  # each report is published by its council, named as the council in each language
        "W06000011": ("City and County of Swansea Council", "Cyngor Dinas a Sir Abertawe"),
        "W06000015": ("Cardiff Council", "Cyngor Caerdydd"),
        "W06000022": ("Newport City Council", "Cyngor Dinas Casnewydd"),
    }
    for code, (english, welsh) in names.items():
        folder = project / "_output" / "authorities" / code
        en_title = re.search(r"<title>([^<]*)</title>", (folder / "en" / "directors-report-2023-24.html").read_text())
        cy_title = re.search(
            r"<title>([^<]*)</title>", (folder / "cy" / "adroddiad-y-cyfarwyddwr-2023-24.html").read_text()
        )
        # pandoc may wrap a long <title> onto two lines
        assert en_title and " ".join(en_title.group(1).split()).endswith(f"– {english}")
        assert cy_title and " ".join(cy_title.group(1).split()).endswith(f"– {welsh}")
    # Cardiff has years of data: its trend charts, drawn during the batch, are in its page
    cardiff = project / "_output" / "authorities" / "W06000015" / "en" / "directors-report-2023-24.html"
    assert cardiff.read_text().count("<svg") >= 2
