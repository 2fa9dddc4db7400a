"""Every passage of the bilingual edition is tagged with its own language (WCAG 3.1.2), in HTML, PDF and Word.

A screen reader reads each passage in the voice of its language tag.  The
test reads every piece of text of the built bilingual edition with the
language it is tagged with (HTML: the nearest ``lang``; PDF: the marked
content's ``/Lang``, else its structure element's, else the document's;
Word: the run's ``w:lang``, else the document default) and tells its language
from the known strings: words found only in the English edition are English,
words found only in the Welsh edition are Welsh.  A piece with two or more
words of one language and none of the other must be tagged with that
language: the cover, the contents title, both halves of the combined
headings and the page furniture included.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pikepdf
from lxml import html as lxml_html

from conftest import docx_body_text, html_text, output_file, pdf_text

WORD = re.compile(r"[^\W\d_][\w’'-]{2,}")
TAGS = {"en": "en-GB", "cy": "cy-GB"}


def words(text: str) -> list[str]:
    return [w.lower().replace("'", "’") for w in WORD.findall(text)]


class Languages:
    """Words only one edition has: a reliable sign of a piece's language."""

    def __init__(self, english: str, welsh: str) -> None:
        en, cy = set(words(english)), set(words(welsh))
        self.only = {"en-GB": en - cy, "cy-GB": cy - en}

    def of(self, text: str) -> str | None:
        found = words(text)
        counts = {tag: sum(w in only for w in found) for tag, only in self.only.items()}
        for tag, other in (("en-GB", "cy-GB"), ("cy-GB", "en-GB")):
            if counts[tag] >= 2 and counts[other] == 0:
                return tag
        return None


def mismatches(pieces: list[tuple[str, str | None]], languages: Languages) -> tuple[list[str], dict[str, int]]:
    wrong, seen = [], {"en-GB": 0, "cy-GB": 0}
    for text, tagged in pieces:
        detected = languages.of(text)
        if detected is None:
            continue
        seen[detected] += 1
        if tagged is None or not tagged.startswith(detected[:2]):
            wrong.append(f"{tagged}: {' '.join(text.split())[:100]}")
    return wrong, seen


def html_pieces(path: Path) -> Iterator[tuple[str, str | None]]:
    """Every text node of the page with the language of its nearest element that has one."""
    tree = lxml_html.fromstring(path.read_bytes())
    for bad in tree.xpath("//script|//style|//head"):
        bad.drop_tree()

    def language(element: object) -> str | None:
        here = element
        while here is not None:
            tag = here.get("lang")  # type: ignore[attr-defined]
            if tag:
                return str(tag)
            here = here.getparent()  # type: ignore[attr-defined]
        return None

    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.text and element.text.strip():
            yield element.text, language(element)
        parent = element.getparent()
        if element.tail and element.tail.strip() and parent is not None:
            yield element.tail, language(parent)


def pdf_pieces(path: Path) -> list[tuple[str, str | None]]:
    """Each marked-content sequence's text with its language."""
    langs: dict[tuple[int, int], str | None] = {}
    with pikepdf.open(path) as pdf:
        document = str(pdf.Root.get("/Lang", "")) or None
        parent_tree: dict[int, object] = {}
        nums: list[object] = []

        def collect(node: pikepdf.Dictionary) -> None:
            nums.extend(node.get("/Nums", []))
            for kid in node.get("/Kids", []):
                collect(kid)

        collect(pdf.Root.StructTreeRoot.ParentTree)
        for i in range(0, len(nums), 2):
            parent_tree[int(nums[i])] = nums[i + 1]  # type: ignore[call-overload]

        def element_language(element: object) -> str | None:
            while isinstance(element, pikepdf.Dictionary):
                if "/Lang" in element:
                    return str(element.Lang)
                element = element.get("/P")
            return document

        for index, page in enumerate(pdf.pages):
            parents = parent_tree.get(int(page.obj.get("/StructParents", -1)))
            for operands, _operator in pikepdf.parse_content_stream(page, "BDC"):
                properties = operands[1]
                if isinstance(properties, pikepdf.Name):
                    properties = page.Resources.Properties[properties]
                if not isinstance(properties, pikepdf.Dictionary) or "/MCID" not in properties:
                    continue
                mcid = int(properties.MCID)
                if "/Lang" in properties:
                    langs[(index, mcid)] = str(properties.Lang)
                else:
                    owner = parents[mcid] if isinstance(parents, pikepdf.Array) and mcid < len(parents) else None
                    langs[(index, mcid)] = element_language(owner)
    texts: dict[tuple[int, int], str] = defaultdict(str)
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    texts[(index, char["mcid"])] += char["text"]
    return [(text, langs.get(key)) for key, text in texts.items()]


def docx_pieces(path: Path) -> list[tuple[str, str | None]]:
    """Runs of the same language, paragraph by paragraph; a run without w:lang is in the document's language."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    default = None
    for lang in document.styles.element.iter(qn("w:lang")):
        default = lang.get(qn("w:val"))
        break
    pieces = []
    for paragraph in document.element.body.iter(qn("w:p")):
        current: list[str] = []
        current_lang: str | None = None
        for run in paragraph.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            if not text:
                continue
            lang_el = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
            lang = lang_el.get(qn("w:val")) if lang_el is not None else default
            if text.strip() in ("/", ""):
                current.append(text)
                continue
            if lang != current_lang and current:
                pieces.append(("".join(current), current_lang))
                current = []
            current_lang = lang
            current.append(text)
        if current:
            pieces.append(("".join(current), current_lang))
    return pieces


def test_html_every_passage_in_its_own_language(built_sample: Path) -> None:
    languages = Languages(
        html_text(output_file(built_sample, "en", "html")), html_text(output_file(built_sample, "cy", "html"))
    )
    page = output_file(built_sample, "bilingual", "html")
    wrong, seen = mismatches(list(html_pieces(page)), languages)
    assert not wrong, f"{len(wrong)} passages tagged with the wrong language or none: {wrong[:10]}"
    assert seen["en-GB"] > 100 and seen["cy-GB"] > 100
    cover = lxml_html.fromstring(page.read_bytes()).xpath("//header[@class='cover']//h1/span/@lang")
    assert cover == ["cy-GB", "en-GB"]


def test_pdf_every_passage_in_its_own_language(built_sample: Path) -> None:
    languages = Languages(
        pdf_text(output_file(built_sample, "en", "pdf")), pdf_text(output_file(built_sample, "cy", "pdf"))
    )
    pieces = pdf_pieces(output_file(built_sample, "bilingual", "pdf"))
    wrong, seen = mismatches(pieces, languages)
    assert not wrong, f"{len(wrong)} passages tagged with the wrong language or none: {wrong[:10]}"
    assert seen["en-GB"] > 100 and seen["cy-GB"] > 100
    # both halves of a combined chapter heading, each with its own language
    halves = {text.strip(): lang for text, lang in pieces}
    assert halves.get("Chapter 1: Director's summary") == "en-GB"
    assert halves.get("Pennod 1: Crynodeb y Cyfarwyddwr") == "cy-GB"
    assert halves.get("Contents") == "en-GB"


def test_pdf_page_furniture_in_both_languages(built_sample: Path) -> None:
    text = " ".join(pdf_text(output_file(built_sample, "bilingual", "pdf"), "-f", "2", "-l", "2").split())
    assert "Tudalen / Page 2" in text


def test_word_every_passage_in_its_own_language(built_sample: Path) -> None:
    languages = Languages(
        docx_body_text(output_file(built_sample, "en", "docx")), docx_body_text(output_file(built_sample, "cy", "docx"))
    )
    pieces = docx_pieces(output_file(built_sample, "bilingual", "docx"))
    wrong, seen = mismatches(pieces, languages)
    assert not wrong, f"{len(wrong)} runs tagged with the wrong language or none: {wrong[:10]}"
    assert seen["en-GB"] > 100 and seen["cy-GB"] > 100
    assert ("Contents", "en-GB") in [(t.strip(), lang) for t, lang in pieces]


def test_the_check_would_find_an_english_passage_tagged_welsh(built_sample: Path) -> None:
    languages = Languages(
        html_text(output_file(built_sample, "en", "html")), html_text(output_file(built_sample, "cy", "html"))
    )
    wrong, _seen = mismatches(
        [("Director of Social Services annual report", "cy-GB"), ("Adroddiad blynyddol y Cyfarwyddwr", "cy-GB")],
        languages,
    )
    assert len(wrong) == 1


# Faults a Welsh reader found in earlier Welsh editions; none may come back.
WELSH_FAULTS = (
    "dau gyfran",
    "Cododd gofalwyr",
    "Gostyngodd amser",
    "Cododd cynadleddau",
    "mwyaf oedd Yr ",
    "Yn nesaf",
    "Table_",
    "[note",
    "[low]",
    "Y cant",
    "wahaniaeth o Gymru",
    "ar gyfer canrannau mae",
    "ddim yn arwyddocaol",
    ", arwyddocaol",
    "Canran asesiadau",
    "charts/",
    "o'r ",
)


def test_welsh_edition_has_none_of_the_known_faults(built_sample: Path) -> None:
    import zipfile

    from openpyxl import load_workbook

    html = output_file(built_sample, "cy", "html").read_text(encoding="utf-8")
    page = lxml_html.fromstring(html.encode("utf-8"))
    attributes = " ".join(page.xpath("//@alt|//@aria-label|//@title|//*[local-name()='desc']//text()"))
    with zipfile.ZipFile(output_file(built_sample, "cy", "docx")) as word:
        word_xml = word.read("word/document.xml").decode("utf-8")
    book = load_workbook(built_sample / "_output" / "cy" / "adroddiad-y-cyfarwyddwr-2023-24-data.xlsx")
    cells = " ".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c)
    texts = {
        "html": html_text(output_file(built_sample, "cy", "html")) + " " + attributes,
        "pdf": pdf_text(output_file(built_sample, "cy", "pdf")),
        "docx": word_xml,
        "xlsx": " ".join(book.sheetnames) + " " + cells,
    }
    found = {fmt: [f for f in WELSH_FAULTS if f in " ".join(text.split())] for fmt, text in texts.items()}
    assert not any(found.values()), found
    assert "Canran" in texts["html"] and "[nodyn 1]" in texts["xlsx"] and "Tabl_1" in book.sheetnames


def test_word_header_and_footer_hold_a_run_per_language(built_sample: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(output_file(built_sample, "bilingual", "docx")))
    section = document.sections[-1]
    for part, expected in (
        (section.header, {"Cyngor Bwrdeistref Sirol Glanafon": "cy-GB", "Glanafon County Borough Council": "en-GB"}),
        (section.footer, {"Tudalen": "cy-GB", "Page": "en-GB"}),
    ):
        runs = {}
        for run in part._element.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(qn("w:t"))).strip()
            lang = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
            if text in expected:
                runs[text] = lang.get(qn("w:val")) if lang is not None else None
        assert runs == expected, runs


def test_the_logo_is_described_in_the_language_its_tag_says(built_sample: Path) -> None:
    page = lxml_html.fromstring(output_file(built_sample, "bilingual", "html").read_bytes())
    (logo,) = page.xpath("//header[@class='cover']//img[@class='logo']")
    assert (logo.get("alt"), logo.get("lang")) == ("Cyngor Bwrdeistref Sirol Glanafon", "cy-GB")
    english = lxml_html.fromstring(output_file(built_sample, "en", "html").read_bytes())
    (logo,) = english.xpath("//header[@class='cover']//img[@class='logo']")
    assert (logo.get("alt"), logo.get("lang")) == ("Glanafon County Borough Council", "en-GB")


def test_pdf_page_furniture_marks_each_half_with_its_language(built_sample: Path) -> None:
    """Typst writes the header and footer as one artifact; each language's half gets its own /Lang inside it."""
    with pikepdf.open(output_file(built_sample, "bilingual", "pdf")) as pdf:
        languages: dict[str, list[str]] = {}
        attached, depth = None, 0
        for operands, operator in pikepdf.parse_content_stream(pdf.pages[2]):
            name = str(operator)
            if name == "BDC" and operands[0] == pikepdf.Name.Artifact and attached is None:
                properties = operands[1]
                if isinstance(properties, pikepdf.Dictionary) and properties.get("/Type") == pikepdf.Name.Pagination:
                    attached, depth = str(properties.Attached[0]), 0
            if attached is None:
                continue
            depth += 1 if name in ("BDC", "BMC") else -1 if name == "EMC" else 0
            if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/Lang" in operands[1]:
                languages.setdefault(attached, []).append(str(operands[1].Lang))
            if depth == 0:
                attached = None
    assert languages["/Top"] == ["cy-GB", "en-GB"]  # the council in Welsh / in English
    assert languages["/Bottom"][-2:] == ["cy-GB", "en-GB"]  # Tudalen / Page
