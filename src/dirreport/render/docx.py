"""Word: pandoc with a reference document, then python-docx to finish what pandoc leaves.

An authority can brand the Word edition by putting its own reference.docx in
the project's templates/ folder.  Finishing gives the document real Word
styles a comms team expects (Heading 1-3, Caption, Table Grid with a
repeated header row, List Bullet), the document's language on its styles,
its metadata, and a DRAFT mark in every page header when it is a draft.  It
reaches into table cells too, where the bilingual edition's passages sit; the
side-by-side layout tables themselves are not data and get no header row.
Styles an authority's reference.docx lacks are taken from Word's defaults.  The
file is rewritten with fixed timestamps so the same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import os
import zipfile
from pathlib import Path
from typing import Any

from dirreport.assemble.document import Document
from dirreport.errors import InputError, Problem
from dirreport.render import docx_case_study, docx_quotes, docx_tables
from dirreport.render.common import (
    RenderSettings,
    contents_args,
    lua_filters,
    metadata_args,
    pandoc_path,
    run_pandoc,
    stage,
)
from dirreport.render.word_language import describe_pictures, tag_contents_heading, write_halves

REFERENCE_VERSION = "6"
CAPTION_STYLES = {"Image Caption", "Table Caption"}
REQUIRED_STYLES = ("Heading 1", "Heading 2", "Heading 3", "Caption", "Table Grid", "List Bullet")
LAYOUT_STYLE = "Bilingual Layout"  # the custom style pairs.lua gives the bilingual side-by-side table
BODY_FONT = "Arial"  # without a brand; LibreOffice shows its metric twin, Liberation Sans
HEADING_COLOUR = "12436D"


def style_named(styles, name: str):  # type: ignore[no-untyped-def]
    """A style by the name Word shows; python-docx's own lookup renames built-ins such as Caption."""
    for style in styles:
        if style.name == name:
            return style
    raise KeyError(name)


def reference_doc(settings: RenderSettings, font: str = BODY_FONT, heading: str = HEADING_COLOUR) -> Path:
    """The project's reference.docx, or dirreport's own in the brand's typeface and heading colour (cached)."""
    own = settings.project_root / "templates" / "reference.docx"
    if own.is_file():
        return own
    look = hashlib.sha256(f"{font}|{heading}".encode()).hexdigest()[:8]
    cached = settings.cache_dir / f"reference-{REFERENCE_VERSION}-{look}.docx"
    if cached.exists():
        return cached
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    # several workers may make it at once: each in files of its own, the last one moved into place wins
    base = settings.cache_dir / f".pandoc-reference-{REFERENCE_VERSION}-{os.getpid()}.docx"
    styled = base.with_name(f".reference-{REFERENCE_VERSION}-{os.getpid()}.docx")
    import subprocess

    subprocess.run([pandoc_path(), "-o", str(base), "--print-default-data-file", "reference.docx"], check=True)
    _style_reference(base, styled, font, heading)
    base.unlink()
    os.replace(styled, cached)
    return cached


def _style_reference(source: Path, target: Path, font: str, heading_colour: str) -> None:
    import docx
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document(str(source))
    for section in document.sections:  # A4 with the PDF's margins, not pandoc's US Letter
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2.2)
        section.header_distance = section.footer_distance = Cm(1)
        section.gutter = Cm(0)
    styles = document.styles
    template_styles = docx.Document().styles
    for name in ("Table Grid", "List Bullet"):
        if name not in [s.name for s in styles]:
            styles.element.append(copy.deepcopy(template_styles[name].element))
    for style in styles:
        if style.type == 1 and style.font is not None:  # paragraph and character styles
            style.font.name = font
    one_typeface(document, font)
    for level in (1, 2):
        if f"TOC {level}" not in [s.name for s in styles]:
            toc = styles.add_style(f"toc {level}", 1)  # Word's own name for its contents styles
            toc.base_style = style_named(styles, "Normal")
            toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            toc.paragraph_format.space_after = Pt(4 if level == 1 else 2)
            toc.font.bold = level == 1
    style_named(styles, "Normal").font.size = Pt(11)
    for level, size in ((1, 20), (2, 16), (3, 13), (4, 12), (5, 11)):
        heading = style_named(styles, f"Heading {level}")
        heading.font.size = Pt(size)
        heading.font.color.rgb = RGBColor.from_string(heading_colour.lstrip("#").upper())
        heading.font.bold = True
    style_named(styles, "Title").font.color.rgb = RGBColor.from_string(heading_colour.lstrip("#").upper())
    caption = style_named(styles, "Caption")
    for name in CAPTION_STYLES:
        style_named(styles, name).base_style = caption
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
    document.save(str(target))


def one_typeface(document, font: str) -> None:  # type: ignore[no-untyped-def]
    """Every style and the document defaults in one typeface.

    pandoc's reference styles name theme fonts (majorHAnsi for headings) as
    well as a font; Word gives the theme font precedence, so headings came
    out in the theme's typeface, and text without a style in the minor one.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    root = document.styles.element
    defaults = root.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if r_pr is not None and r_pr.find(qn("w:rFonts")) is None:
        r_pr.insert(0, OxmlElement("w:rFonts"))
    for fonts in root.iter(qn("w:rFonts")):
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        for name in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(name), font)


def render(document: Document, work: Path, settings: RenderSettings) -> list[Path]:
    source = stage(document, work)
    raw = work / f"{document.basename}.pandoc.docx"
    reference = reference_doc(settings, *_look(document))
    try:
        _pandoc_to_word(source, raw, reference, document, settings, work)
    except InputError as exc:
        if not reference.is_relative_to(settings.project_root / "templates"):
            raise
        said = exc.problems[0].message.removeprefix("pandoc could not convert the report: ")
        raise InputError(
            Problem(
                f"pandoc could not make the Word file with this reference document ({said.strip()})",
                file="templates/reference.docx",
                hint="open it in Word and save it again as a .docx 'Word Document', or delete it to use "
                "dirreport's own styles",
            )
        ) from None
    output = work / f"{document.basename}.docx"
    finish(raw, output, document, settings.epoch)
    raw.unlink()
    return [output]


def _pandoc_to_word(
    source: Path, raw: Path, reference: Path, document: Document, settings: RenderSettings, work: Path
) -> None:
    run_pandoc(
        [
            source.name,
            "--from",
            "markdown",
            "--to",
            "docx",
            "--reference-doc",
            str(reference),
            *contents_args(document),
            "--resource-path",
            f".:{settings.project_root}",
            *lua_filters(),
            *metadata_args(document, settings, "docx"),
            "--output",
            raw.name,
        ],
        cwd=work,
        epoch=settings.epoch,
    )


def _look(document: Document) -> tuple[str, str]:
    """The brand's typeface (dirreport's Word default without a brand of its own) and heading colour."""
    font = str(document.metadata.get("font-base", "")) or BODY_FONT
    if font == "DejaVu Sans":
        font = BODY_FONT  # dirreport's own PDF face is not on council PCs; Arial is
    return font, str(document.metadata.get("brand-heading", HEADING_COLOUR))


def finish(source: Path, target: Path, document: Document, epoch: int) -> None:
    import docx

    from dirreport.render import docx_pages, libreoffice

    word = docx.Document(str(source))
    _ensure_styles(word)
    docx_case_study.box_case_studies(word, *_look(document)[1:])
    docx_quotes.style_pull_quotes(word, *_look(document)[1:])
    docx_tables.style_tables(
        word,
        grid=style_named(word.styles, "Table Grid").style_id,
        font=style_named(word.styles, "Normal").font.name or BODY_FONT,
        layout_style=LAYOUT_STYLE,
        caption=style_named(word.styles, "Caption"),
    )
    bullet, caption = style_named(word.styles, "List Bullet"), style_named(word.styles, "Caption")
    style_names = {style.style_id: style.name for style in word.styles}
    for paragraph in _all_paragraphs(word):
        name = style_names.get(paragraph._p.style or "Normal", "")
        if name in CAPTION_STYLES:
            paragraph.style = caption
        elif name in ("Compact", "Body Text", "First Paragraph") and _is_bullet(paragraph):
            paragraph.style = bullet
    _set_language(word, document.metadata.get("lang", "en-GB"))
    halves = document.metadata.get("language-parts", {})
    if "toc-title" in halves:
        tag_contents_heading(word, halves["toc-title"])
    describe_pictures(word, str(document.metadata.get("figure-label", "Figure")))
    properties = word.core_properties
    properties.title = clipped(f"{document.metadata.get('title', '')} – {document.metadata.get('subtitle', '')}")
    properties.subject = clipped(str(document.metadata.get("authority", "")))
    properties.author = clipped(str(document.metadata.get("author", "")))
    properties.language = str(document.metadata.get("lang", "en-GB"))
    properties.keywords = keywords_within([str(k) for k in document.metadata.get("keywords", [])])
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).replace(tzinfo=None)
    properties.created = properties.modified = stamp
    properties.last_modified_by = "dirreport"
    properties.revision = 1
    meta = document.metadata
    docx_pages.cover_page(word)
    docx_pages.unbroken_years(word)
    if meta.get("logo"):
        docx_pages.cover_logo(word, target.parent / str(meta["logo"]), str(meta.get("logo-alt", "")))
    docx_pages.page_furniture(
        word,
        str(meta.get("running-head", "")),
        str(meta.get("year", "")),
        str(meta.get("page-label", "")),
        halves,
    )
    if document.draft:
        _draft_mark(word, str(document.metadata.get("draft-mark", "DRAFT")), halves.get("draft-mark"))
    docx_pages.contents_settled(word)
    unstable = work_file(target)
    entries = docx_pages.fill_contents(word, None)
    word.save(str(unstable))
    laid_out = libreoffice.heading_pages(unstable, target.parent) if entries else None
    docx_pages.fill_contents(word, _pages_of(entries, laid_out or []))
    if entries and laid_out is None:
        docx_pages.contents_to_update(word)
    word.save(str(unstable))
    _deterministic_zip(unstable, target, epoch)
    unstable.unlink()


PROPERTY_LIMIT = 255  # characters in a Word file's core property (title, subject, keywords ...)


def clipped(text: str, limit: int = PROPERTY_LIMIT) -> str:
    """A core property cut to what Word holds; a bilingual title of two long council names can run past it."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def keywords_within(keywords: list[str], limit: int = PROPERTY_LIMIT) -> str:
    """As many whole keywords as Word's property holds, in order: one that does not fit is left out, not cut."""
    kept: list[str] = []
    for keyword in keywords:
        if len("; ".join([*kept, keyword])) <= limit:
            kept.append(keyword)
    return "; ".join(kept)


def _pages_of(entries: list[Any], laid_out: list[tuple[str, int]]) -> dict[str, int]:
    """Each contents entry's page: the next heading of the same title in LibreOffice's layout."""
    pages: dict[str, int] = {}
    position = 0
    titles = [" ".join(title.replace("’", "'").split()) for title, _ in laid_out]
    for entry in entries:
        try:
            found = titles.index(entry.title, position)
        except ValueError:
            continue
        pages[entry.bookmark] = laid_out[found][1]
        position = found + 1
    return pages


def _ensure_styles(word) -> None:  # type: ignore[no-untyped-def]
    """An authority's own reference.docx may lack a style the finishing uses: take Word's default for it."""
    import docx

    names = {s.name for s in word.styles}
    defaults = None
    for name in REQUIRED_STYLES:
        if name in names:
            continue
        if defaults is None:
            defaults = docx.Document().styles
        word.styles.element.append(copy.deepcopy(style_named(defaults, name).element))


def _all_paragraphs(word) -> list[Any]:  # type: ignore[no-untyped-def]
    """Every paragraph of the body in order, including those in table cells (the bilingual layout's passages)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    body = word.element.body
    return [Paragraph(p, word._body) for p in body.iter(qn("w:p"))]


def work_file(target: Path) -> Path:
    return target.with_name(target.stem + ".unzipped.docx")


def _is_bullet(paragraph) -> bool:  # type: ignore[no-untyped-def]
    from docx.oxml.ns import qn

    p_pr = paragraph._p.pPr
    return p_pr is not None and p_pr.find(qn("w:numPr")) is not None and _bullet_numbering(paragraph)


def _bullet_numbering(paragraph) -> bool:  # type: ignore[no-untyped-def]
    """pandoc gives bullet lists and numbered lists numPr alike; only bullets become List Bullet."""
    from docx.oxml.ns import qn

    num_pr = paragraph._p.pPr.find(qn("w:numPr"))
    num_id = num_pr.find(qn("w:numId"))
    if num_id is None:
        return False
    numbering = paragraph.part.numbering_part.element
    value = num_id.get(qn("w:val"))
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == value:
            abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
            for definition in numbering.findall(qn("w:abstractNum")):
                if definition.get(qn("w:abstractNumId")) == abstract:
                    fmt = definition.find(f".//{qn('w:numFmt')}")
                    return fmt is not None and fmt.get(qn("w:val")) == "bullet"
    return False


def _set_language(word, tag: str) -> None:  # type: ignore[no-untyped-def]
    """Word reads the proofing language from the styles: set it on the document defaults and Normal."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    targets = []
    if defaults is not None:
        r_pr_default = defaults.find(qn("w:rPrDefault"))
        if r_pr_default is not None:
            r_pr = r_pr_default.find(qn("w:rPr"))
            if r_pr is not None:
                targets.append(r_pr)
    targets.append(word.styles["Normal"].element.get_or_add_rPr())
    for r_pr in targets:
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        lang.set(qn("w:val"), tag)


def _draft_mark(word, text: str, halves: list[tuple[str, str]] | None = None) -> None:  # type: ignore[no-untyped-def]
    """DRAFT in every page header; in the bilingual edition "DRAFFT / DRAFT", each half in its own language."""
    from docx.shared import Pt, RGBColor

    for section in word.sections:
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        runs = write_halves(paragraph, halves, replace=False) if halves else [paragraph.add_run(text)]
        for run in runs:
            run.bold = True
            run.font.size = Pt(28)
            run.font.color.rgb = RGBColor(0xA4, 0x16, 0x1A)


def _deterministic_zip(source: Path, target: Path, epoch: int) -> None:
    """Same content, same bytes: fixed timestamps and order for every part of the package."""
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), tz=dt.UTC).timetuple()[:6]
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        ordered = ["[Content_Types].xml", *sorted(n for n in names if n != "[Content_Types].xml")]
        for name in ordered:
            if name not in names:
                continue
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
