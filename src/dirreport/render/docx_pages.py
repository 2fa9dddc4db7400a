"""Word's cover page, contents and page furniture, filled in so the file reads right as it is opened.

pandoc writes the contents as an empty field that Word offers to update and
LibreOffice shows empty.  Here the field is filled with one entry per
chapter and section (a link to the heading and its page number), and marked
as up to date.  Page numbers come from laying the file out: LibreOffice, where
it is installed, converts the finished file to PDF, and each heading's page is
read from that PDF's bookmarks.  Without LibreOffice the entries are there
without page numbers, and Word or LibreOffice fills them in on "Update field".

The cover (title, authority, director, date and the notices) has a page of its
own, the contents starts the next page, and every page after the cover has a
header (authority and year) and a footer with its page number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TOC_DEPTH = 2
TEXT_WIDTH_TWIPS = 9638  # 17 cm: A4 less the 2 cm side margins
PLACEHOLDER_PAGE = "00"  # as wide as most page numbers, so laying out with it moves nothing


@dataclass(frozen=True)
class Entry:
    level: int
    title: str
    bookmark: str
    # the heading's text run by run with each run's language, so an English heading's entry in the
    # bilingual edition's contents is read in English, not in the document's Welsh
    parts: tuple[tuple[str, str | None], ...] = ()


def straight(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def _heading_level(p: Any, styles: Mapping[str, int]) -> int | None:
    p_pr = p.find(qn("w:pPr"))
    style = p_pr.find(qn("w:pStyle")) if p_pr is not None else None
    return styles.get(style.get(qn("w:val"))) if style is not None else None


def heading_style_ids(word: Any) -> dict[str, int]:
    """Style id → level for Word's Heading 1 to 9."""
    found = {}
    for style in word.styles:
        name = style.name or ""
        if style.type == 1 and name.startswith("Heading ") and name[8:].isdigit():
            found[style.style_id] = int(name[8:])
    return found


def _text(p: Any) -> str:
    return "".join(
        "-" if t.tag == qn("w:noBreakHyphen") else t.text or "" for t in p.iter(qn("w:t"), qn("w:noBreakHyphen"))
    )


def headings(word: Any) -> Iterator[tuple[int, Any]]:
    """(level, paragraph) of every heading in the body, in order."""
    styles = heading_style_ids(word)
    for p in word.element.body.iter(qn("w:p")):
        level = _heading_level(p, styles)
        if level is not None:
            yield level, p


def _bookmark_of(p: Any, number: int) -> str:
    """The bookmark pandoc put just before a heading, or a new one around it."""
    before = p.getprevious()
    while before is not None and before.tag == qn("w:bookmarkStart"):
        name = before.get(qn("w:name"))
        if name and not name.startswith("_"):
            return str(name)
        before = before.getprevious()
    name = f"_Toc{number:08d}"
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(900000 + number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(900000 + number))
    p.insert(1 if p.find(qn("w:pPr")) is not None else 0, start)
    p.append(end)
    return name


def contents_entries(word: Any) -> list[Entry]:
    return [
        Entry(level, straight(_text(p)), _bookmark_of(p, i), _language_parts(p))
        for i, (level, p) in enumerate(headings(word))
        if level <= TOC_DEPTH
    ]


def _language_parts(p: Any) -> tuple[tuple[str, str | None], ...]:
    """A heading's text as (text, language) pieces, neighbouring runs of one language joined."""
    parts: list[tuple[str, str | None]] = []
    for run in p.iter(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        if not text:
            continue
        lang = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        tag = lang.get(qn("w:val")) if lang is not None else None
        if parts and parts[-1][1] == tag:
            parts[-1] = (parts[-1][0] + text, tag)
        else:
            parts.append((text, tag))
    return tuple(parts)


def _run(*children: Any) -> Any:
    r = OxmlElement("w:r")
    for child in children:
        r.append(child)
    return r


def _field_char(kind: str) -> Any:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return _run(char)


def _instruction(text: str) -> Any:
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = text
    return _run(instr)


def _t(text: str, lang: str | None = None) -> Any:
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    if lang is None:
        return _run(t)
    properties, language = OxmlElement("w:rPr"), OxmlElement("w:lang")
    language.set(qn("w:val"), lang)
    properties.append(language)
    return _run(properties, t)


def _entry_paragraph(entry: Entry, style_id: str, page: str) -> Any:
    p = OxmlElement("w:p")
    p_pr = OxmlElement("w:pPr")
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), style_id)
    p_pr.append(style)
    tabs, tab = OxmlElement("w:tabs"), OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:leader"), "dot")
    tab.set(qn("w:pos"), str(TEXT_WIDTH_TWIPS))
    tabs.append(tab)
    p_pr.append(tabs)
    p.append(p_pr)
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), entry.bookmark)
    link.set(qn("w:history"), "1")
    for text, lang in entry.parts or ((entry.title, None),):
        link.append(_t(text, lang))
    link.append(_run(OxmlElement("w:tab")))
    link.append(_field_char("begin"))
    link.append(_instruction(f" PAGEREF {entry.bookmark} \\h "))
    link.append(_field_char("separate"))
    link.append(_t(page))
    link.append(_field_char("end"))
    p.append(link)
    return p


def _toc_style_ids(word: Any) -> dict[int, str]:
    found = {}
    for style in word.styles:
        name = (style.name or "").lower()
        if name.startswith("toc ") and name[4:].isdigit():
            found[int(name[4:])] = style.style_id
    return found


def fill_contents(word: Any, pages: Mapping[str, int] | None) -> list[Entry]:
    """Replace the contents field's empty result with its entries; page numbers from `pages` (bookmark → page)."""
    sdt = _contents_block(word)
    if sdt is None:
        return []
    content = sdt.find(qn("w:sdtContent"))
    field = [p for p in content.findall(qn("w:p")) if p.find(f".//{qn('w:instrText')}") is not None]
    if not field:
        return []
    instruction = "".join(t.text or "" for t in field[0].iter(qn("w:instrText")))
    for p in field:
        content.remove(p)
    for p in content.findall(qn("w:p")):
        if p.find(f".//{qn('w:hyperlink')}") is not None:
            content.remove(p)  # entries of an earlier filling
    entries = contents_entries(word)
    styles = _toc_style_ids(word)
    paragraphs = [
        _entry_paragraph(
            e,
            styles.get(e.level, "Normal"),
            str(pages[e.bookmark])
            if pages and e.bookmark in pages
            else ("" if pages is not None else PLACEHOLDER_PAGE),
        )
        for e in entries
    ]
    if not paragraphs:
        return entries
    first, last = paragraphs[0], paragraphs[-1]
    link = first.find(qn("w:hyperlink"))
    for run in (_field_char("begin"), _instruction(instruction), _field_char("separate")):
        link.addprevious(run)
    last.append(_field_char("end"))
    for p in paragraphs:
        content.append(p)
    return entries


def _contents_block(word: Any) -> Any:
    for sdt in word.element.body.iter(qn("w:sdt")):
        gallery = sdt.find(f".//{qn('w:docPartGallery')}")
        if gallery is not None and gallery.get(qn("w:val")) == "Table of Contents":
            return sdt
    return None


def cover_page(word: Any) -> None:
    """The cover's own page: the contents moves after the notices and starts a new page.

    pandoc puts the contents straight after the title block, so the notices
    (sample data, the other edition) fell below it.
    """
    sdt = _contents_block(word)
    if sdt is None:
        return
    body = word.element.body
    first_heading = next((p for level, p in headings(word) if level == 1 and p.getparent() is body), None)
    if first_heading is None:
        return
    anchor = first_heading
    while anchor.getprevious() is not None and anchor.getprevious().tag == qn("w:bookmarkStart"):
        anchor = anchor.getprevious()
    before = anchor.getprevious()
    if (
        before is not None
        and before.tag == qn("w:p")
        and before.find(f".//{qn('w:br')}") is not None
        and not _text(before)
    ):
        anchor = before  # the page break before chapter 1 stays after the contents
    else:
        anchor.addprevious(_page_break())
        anchor = anchor.getprevious()
    anchor.addprevious(sdt)
    sdt.addprevious(_page_break())
    _first_page_different(word)


def _page_break() -> Any:
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    p = OxmlElement("w:p")
    p.append(_run(br))
    return p


def _first_page_different(word: Any) -> None:
    for section in word.sections:
        section.different_first_page_header_footer = True


def _simple_field(instruction: str, shown: str) -> Any:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    field.append(_t(shown))
    return field


def page_furniture(
    word: Any,
    running_head: str,
    year: str,
    page_label: str,
    halves: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> None:
    """Header (council, year) and footer (page number) on every page but the cover.

    In the bilingual edition ``halves`` holds each label's languages: each half is a run of its own with its
    ``w:lang``, so "Tudalen / Page" is not read as Welsh throughout.
    """
    halves = halves or {}
    for section in word.sections:
        header = section.header
        header.is_linked_to_previous = False
        head = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        head.paragraph_format.tab_stops.add_tab_stop(Cm(17), alignment=2)  # right
        if "running-head" in halves:
            _furniture_halves(head, halves["running-head"])
            _furniture_run(head.add_run(f"\t{year}"))
        else:
            _furniture_run(head.add_run(f"{running_head}\t{year}"))
        footer = section.footer
        footer.is_linked_to_previous = False
        foot = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        foot.paragraph_format.alignment = 2  # right
        if "page-label" in halves:
            _furniture_halves(foot, halves["page-label"])
            _furniture_run(foot.add_run(" "))
        else:
            _furniture_run(foot.add_run(f"{page_label} "))
        field = _simple_field("PAGE", "1")
        foot._p.append(field)
        for r in field.iter(qn("w:r")):
            r.insert(0, _furniture_properties())


def _furniture_halves(paragraph: Any, halves: Sequence[tuple[str, str]]) -> None:
    """Each language's half of a label as a run with its own w:lang, joined by " / "."""
    for i, (tag, text) in enumerate(halves):
        if i:
            _furniture_run(paragraph.add_run(" / "))
        properties, language, t = _furniture_properties(), OxmlElement("w:lang"), OxmlElement("w:t")
        language.set(qn("w:val"), tag)
        properties.append(language)  # after colour and size, in the schema's order
        t.set(qn("xml:space"), "preserve")
        t.text = text
        paragraph._p.append(_run(properties, t))


def _furniture_run(run: Any) -> None:
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor(0x46, 0x46, 0x46)


def _furniture_properties() -> Any:
    r_pr = OxmlElement("w:rPr")
    color, size = OxmlElement("w:color"), OxmlElement("w:sz")
    color.set(qn("w:val"), "464646")
    size.set(qn("w:val"), "18")
    r_pr.append(color)
    r_pr.append(size)
    return r_pr


def contents_settled(word: Any) -> None:
    """The contents is up to date: no 'update fields?' question when Word opens the file."""
    for char in word.element.body.iter(qn("w:fldChar")):
        char.attrib.pop(qn("w:dirty"), None)
    settings = word.settings.element
    for update in settings.findall(qn("w:updateFields")):
        settings.remove(update)


def contents_to_update(word: Any) -> None:
    """The contents' page numbers are for the word processor to fill: Word updates the field on opening.

    Without LibreOffice no page numbers can be laid out at build; the field is marked dirty and the
    document asks for its fields to be updated (``w:updateFields``), so Word fills them in when the file
    is opened (it asks first) and LibreOffice on Tools > Update > Update All.
    """
    block = _contents_block(word)
    for char in block.iter(qn("w:fldChar")) if block is not None else ():
        if char.get(qn("w:fldCharType")) == "begin":
            char.set(qn("w:dirty"), "true")
    settings = word.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.insert_element_before(update, *(f"w:{tag}" for tag in SETTINGS_AFTER_UPDATE), "m:mathPr")


# The elements of settings.xml that come after w:updateFields in the schema's order, which Word insists on.
SETTINGS_AFTER_UPDATE = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


LOGO_HEIGHT_CM = 2.4


def cover_logo(word: Any, logo: Path, alt: str) -> None:
    """The brand's logo above the title, with its alternative text; an SVG is drawn as PNG by Typst first."""
    from docx.text.paragraph import Paragraph

    picture = logo
    if logo.suffix.lower() == ".svg":
        from dirreport.figures.fonts import font_paths
        from dirreport.typst_process import PictureJob, rasterise

        picture = logo.with_name(logo.stem + ".logo.png")
        work = logo.with_name(".logo-work")
        work.mkdir(exist_ok=True)
        rasterise(
            PictureJob(
                pairs=[(str(logo), str(picture))], work=str(work), width_in=3.0, ppi=300, font_paths=font_paths()
            )
        )
    body = word.element.body
    first = body.find(qn("w:p"))
    p = OxmlElement("w:p")
    first.addprevious(p)
    paragraph = Paragraph(p, word._body)
    run = paragraph.add_run()
    shape = run.add_picture(str(picture), height=Cm(LOGO_HEIGHT_CM))
    shape._inline.docPr.set("descr", alt)
    shape._inline.docPr.set("title", alt)
    paragraph.paragraph_format.space_after = Pt(24)


YEAR_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
COVER_STYLES = ("Title", "Subtitle")  # the cover's large type, where a break shows most


def unbroken_years(word: Any) -> None:
    """A year span ("2023-24") on the cover never breaks at its hyphen: Word would print "2023-" over "24".

    Each such hyphen becomes Word's own non-breaking hyphen (``w:noBreakHyphen``), which Word and
    LibreOffice draw as a hyphen and never break at; the text still reads "2023-24" to a screen reader.
    """
    style_names = {style.style_id: style.name for style in word.styles}
    cover = [p._p for p in word.paragraphs if style_names.get(p._p.style or "Normal") in COVER_STYLES]
    for t in [t for p in cover for t in p.iter(qn("w:t"))]:
        text = t.text or ""
        if not YEAR_HYPHEN.search(text) or t.getparent().tag != qn("w:r"):
            continue
        pieces = YEAR_HYPHEN.split(text)
        t.text = pieces[0]
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        anchor = t
        for piece in pieces[1:]:
            hyphen = OxmlElement("w:noBreakHyphen")
            anchor.addnext(hyphen)
            rest = OxmlElement("w:t")
            rest.text = piece
            rest.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            hyphen.addnext(rest)
            anchor = rest
