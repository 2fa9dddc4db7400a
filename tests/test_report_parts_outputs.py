"""The sample's forewords, own section, contact block and glossary, read from what the build produced.

The web page is read with lxml, the PDF with poppler's pdftotext and pikepdf,
the Word file with python-docx: as a reader's tools would find them.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pikepdf
import pytest
from docx.oxml.ns import qn
from lxml import html

from conftest import docx_body_text, output_file, pdf_text

WORDS = {
    "en": {
        "forewords": ("Foreword by the Director of Social Services", "Foreword by the Cabinet Member"),
        "foreword_text": "Welcome to my report on social services in Glanafon",
        "chapter_1_text": "This is my annual report as Director of Social Services",
        "signed": "Councillor Dafydd Prys-Jones",
        "first_use": "information, advice and assistance (IAA)",
        "abbr": ("IAA", "information, advice and assistance"),
        "glossary": "Glossary",
        "own_section": "How our social services are organised",
        "contact": ("Contact us", "01632 960 123", "We welcome correspondence in Welsh"),
        "statement": "Accessibility statement",
        "formats": "Formats of this report",
        "part_4c": "Chapter 4(c)",
        "part_4d": "Chapter 4(d)",
    },
    "cy": {
        "forewords": (
            "Rhagair gan y Cyfarwyddwr Gwasanaethau Cymdeithasol",
            "Rhagair gan Aelod y Cabinet",
        ),
        "foreword_text": "Croeso i fy adroddiad ar wasanaethau cymdeithasol yng Nglanafon",
        "chapter_1_text": "Dyma fy adroddiad blynyddol",
        "signed": "Y Cynghorydd Dafydd Prys-Jones",
        "first_use": "gwybodaeth, cyngor a chymorth (GCC)",
        "abbr": ("GCC", "gwybodaeth, cyngor a chymorth"),
        "glossary": "Geirfa",
        "own_section": "Sut mae ein gwasanaethau cymdeithasol wedi’u trefnu",
        "contact": ("Cysylltu â ni", "01632 960 123", "Rydym yn croesawu gohebiaeth yn Gymraeg"),
        "statement": "Datganiad hygyrchedd",
        "formats": "Fformatau’r adroddiad hwn",
        "part_4c": "Pennod 4(c)",
        "part_4d": "Pennod 4(d)",
    },
}
LANGS = ("en", "cy")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def texts(built_sample: Path) -> dict[tuple[str, str], str]:
    """Each single-language edition's text in each format, whitespace made single."""
    out = {}
    for lang in LANGS:
        page = html.fromstring(output_file(built_sample, lang, "html").read_bytes())
        out[(lang, "html")] = flat(page.xpath("//main")[0].text_content())
        out[(lang, "pdf")] = flat(pdf_text(output_file(built_sample, lang, "pdf")))
        out[(lang, "docx")] = flat(docx_body_text(output_file(built_sample, lang, "docx")))
    return out


def first_chapter_1_body(text: str, lang: str) -> int:
    position = text.find(WORDS[lang]["chapter_1_text"])
    assert position > 0, f"no chapter 1 text in {text[:300]}"
    return position


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_forewords_come_before_chapter_1(texts: dict[tuple[str, str], str], lang: str, fmt: str) -> None:
    text = texts[(lang, fmt)]
    words = WORDS[lang]
    chapter_1 = first_chapter_1_body(text, lang)
    foreword = text.find(words["foreword_text"])
    assert 0 < foreword < chapter_1
    director, member = (text.rfind(title, 0, chapter_1) for title in words["forewords"])
    assert 0 <= director < foreword < member < chapter_1  # the headings, in order, with the text between them
    assert 0 < text.find(words["signed"]) < chapter_1
    assert "Rhian Ellis-Morgan" in text[foreword:member]


@pytest.mark.parametrize("lang", LANGS)
def test_the_photo_and_signature_carry_their_alternative_text(built_sample: Path, lang: str) -> None:
    page = html.fromstring(output_file(built_sample, lang, "html").read_bytes())
    photo = page.xpath("//img[@class='foreword-photo']")
    assert len(photo) == 1 and "Rhian Ellis-Morgan" in photo[0].get("alt")
    assert ("Placeholder portrait" if lang == "en" else "Portread dros dro") in photo[0].get("alt")
    signature = page.xpath("//img[@class='foreword-signature']")
    assert ("Signature" if lang == "en" else "Llofnod") in signature[0].get("alt")
    document = docx.Document(str(output_file(built_sample, lang, "docx")))
    described = [p.get("descr", "") for p in document.element.body.iter(qn("wp:docPr"))]
    assert any(photo[0].get("alt") == d for d in described), described[:5]
    with pikepdf.open(output_file(built_sample, lang, "pdf")) as pdf:
        alts = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                if "/Alt" in node:
                    alts.append(str(node.Alt))
                if "/K" in node:
                    stack.append(node.K)
        assert photo[0].get("alt") in alts and signature[0].get("alt") in alts


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
@pytest.mark.parametrize("lang", LANGS)
def test_an_abbreviation_is_spelled_out_where_it_is_first_used(
    texts: dict[tuple[str, str], str], lang: str, fmt: str
) -> None:
    text = texts[(lang, fmt)]
    first = text.find(WORDS[lang]["first_use"])
    assert first > 0
    foreword = text.find(WORDS[lang]["foreword_text"])
    assert foreword < first < first_chapter_1_body(text, lang)  # in the Director's foreword, the first use


@pytest.mark.parametrize("lang", LANGS)
def test_the_web_page_marks_the_first_use_as_an_abbreviation(built_sample: Path, lang: str) -> None:
    page = html.fromstring(output_file(built_sample, lang, "html").read_bytes())
    short, words = WORDS[lang]["abbr"]
    marked = page.xpath(f"//main//abbr[text()='{short}']")
    assert len(marked) == 1 and marked[0].get("title") == words
    assert not page.xpath("//main//h1//abbr|//main//h2//abbr|//main//h3//abbr|//main//a//abbr|//main//table//abbr")


@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_lists_only_the_terms_the_edition_uses(built_sample: Path, lang: str) -> None:
    page = html.fromstring(output_file(built_sample, lang, "html").read_bytes())
    section = page.xpath("//section[starts-with(@id, 'sec-glossary')]")
    assert len(section) == 1
    assert flat(section[0].xpath("./*[1]")[0].text_content()) == WORDS[lang]["glossary"]
    terms = [flat(dt.text_content()) for dt in section[0].xpath(".//dt")]
    short, words = WORDS[lang]["abbr"]
    assert f"{short}: {words}" in terms
    assert not any("CAMHS" in t for t in terms)  # in dirreport's glossary, never used in the sample
    if lang == "cy":
        assert not any(t.startswith(("IAA", "CIW", "BSL")) for t in terms), terms  # the Welsh abbreviations
        assert "AGC: Arolygiaeth Gofal Cymru" in terms and "IAP: Iaith Arwyddion Prydain" in terms
    main = flat(page.xpath("//main")[0].text_content())
    body = main[: main.find(WORDS[lang]["glossary"] + " ")]
    for term in terms:
        shown = term.split(": ")[0]
        assert shown.lower() in body.lower(), f"{term!r} is listed but not used"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_is_in_the_pdf_and_word_file(texts: dict[tuple[str, str], str], lang: str, fmt: str) -> None:
    text = texts[(lang, fmt)]
    short, words = WORDS[lang]["abbr"]
    assert f"{short}: {words}" in text
    assert text.rfind(WORDS[lang]["glossary"]) > text.rfind(WORDS[lang]["part_4d"])


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
@pytest.mark.parametrize("lang", LANGS)
def test_contact_block_and_formats_are_in_part_4c(texts: dict[tuple[str, str], str], lang: str, fmt: str) -> None:
    text = texts[(lang, fmt)]
    words = WORDS[lang]
    start = text.rfind(words["part_4c"])
    end = text.rfind(words["part_4d"])
    assert 0 < start < end
    part = text[start:end]
    for fragment in (*words["contact"], words["formats"]):
        assert fragment in part, f"{fragment!r} is not in part 4(c)"
    # the same heading everywhere; the statement itself is the web page's, which the PDF and Word file point to
    assert words["statement"] in part
    assert ("WCAG" in part) == (fmt == "html")
    own = text.rfind(words["own_section"])
    assert own > end  # the authority's own section, after the prescribed sections of 4(d)


def test_the_bilingual_edition_has_both_forewords_and_glossaries(built_sample: Path) -> None:
    page = html.fromstring(output_file(built_sample, "bilingual", "html").read_bytes())
    text = flat(page.xpath("//main")[0].text_content())
    for lang in LANGS:
        assert WORDS[lang]["foreword_text"] in text and WORDS[lang]["contact"][0] in text
    # one glossary, side by side under one heading in both languages, reached by either language's anchor
    assert page.xpath("//section[@id='sec-glossary-cy']") and page.xpath("//*[@id='sec-glossary-en']")
    heading = flat(page.xpath("//section[@id='sec-glossary-cy']/*[1]")[0].text_content())
    assert heading == "Geirfa / Glossary"
