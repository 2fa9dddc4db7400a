"""Word: pandoc with a reference document, then python-docx to finish what pandoc leaves.

An authority can brand the Word edition by putting its own reference.docx in
the project's templates/ folder (`dirreport new` writes one made from the
brand, docx_reference.py).  Finishing gives the document real Word
styles a comms team expects (Heading 1-3, Caption, Table Grid with a
repeated header row in the brand's colour, List Bullet), headings, captions
and a quotation kept on the page of what follows them, whatever the
reference document says, the document's language on its styles,
its metadata, and a DRAFT mark in every page header when it is a draft.  It
reaches into table cells too, where the bilingual edition's passages sit; the
side-by-side layout tables themselves are not data and get no header row.
Styles an authority's reference.docx lacks are taken from Word's defaults.  The
file is rewritten with fixed timestamps so the same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

from dirreport.assemble.document import Document
from dirreport.errors import InputError, Problem
from dirreport.render import docx_case_study, docx_quotes, docx_reference, docx_tables
from dirreport.render.common import (
    RenderSettings,
    contents_args,
    lua_filters,
    metadata_args,
    pandoc_path,
    run_pandoc,
    stage,
)
from dirreport.render.docx_reference import BODY_FONT, CAPTION_STYLES, WordLook, style_named
from dirreport.render.word_language import describe_pictures, tag_contents_heading, write_halves

REQUIRED_STYLES = ("Heading 1", "Heading 2", "Heading 3", "Caption", "Table Grid", "List Bullet")
LAYOUT_STYLE = "Bilingual Layout"  # the custom style pairs.lua gives the bilingual side-by-side table


def reference_doc(settings: RenderSettings, look: WordLook) -> Path:
    """The project's templates/reference.docx, or dirreport's own made from the brand (cached)."""
    return docx_reference.reference_doc(settings.project_root, settings.cache_dir, pandoc_path(), look)


def render(document: Document, work: Path, settings: RenderSettings) -> list[Path]:
    source = stage(document, work)
    raw = work / f"{document.basename}.pandoc.docx"
    reference = reference_doc(settings, WordLook.from_metadata(document.metadata))
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


def finish(source: Path, target: Path, document: Document, epoch: int) -> None:
    import docx

    from dirreport.render import docx_pages, libreoffice

    word = docx.Document(str(source))
    look = WordLook.from_metadata(document.metadata)
    _ensure_styles(word)
    docx_case_study.box_case_studies(word, look.heading)
    docx_quotes.style_pull_quotes(word, look.heading)
    docx_tables.style_tables(
        word,
        grid=style_named(word.styles, "Table Grid").style_id,
        font=style_named(word.styles, "Normal").font.name or BODY_FONT,
        layout_style=LAYOUT_STYLE,
        caption=style_named(word.styles, "Caption"),
        header_fill=look.primary,
        header_text=look.header_text,
        headings=frozenset(s.style_id for s in word.styles if str(s.name).startswith("Heading ")),
    )
    bullet, caption = style_named(word.styles, "List Bullet"), style_named(word.styles, "Caption")
    style_names = {style.style_id: style.name for style in word.styles}
    paragraphs = _all_paragraphs(word)
    for number, paragraph in enumerate(paragraphs):
        name = style_names.get(paragraph._p.style or "Normal", "")
        if name in CAPTION_STYLES:
            paragraph.style = caption
        elif name in ("Compact", "Body Text", "First Paragraph") and _is_bullet(paragraph):
            paragraph.style = bullet
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        if _kept_with_next(style_names.get(paragraph._p.style or "Normal", ""), paragraph, following):
            docx_tables.keep_with_next(paragraph._p)
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


KEPT_STYLES = {"Caption", "Captioned Figure", "TOC Heading", "Title", *(f"Heading {n}" for n in range(1, 10))}
QUOTE_STYLE = "Block Text"
ATTRIBUTION = "— "  # how quotes.py opens a quotation's attribution


def _kept_with_next(style: str, paragraph, following) -> bool:  # type: ignore[no-untyped-def]
    """Headings, captions and a picture with its caption stand on the page of what follows them, and a
    quotation on the page of its attribution; set on the paragraph itself, so a project's own reference.docx
    keeps them too."""
    if style == "Caption" and following is not None and _style_name(following) == "Captioned Figure":
        return False  # a figure's caption under it, then the other language's figure: it has what it names
    if style in KEPT_STYLES:
        return True
    return (
        style == QUOTE_STYLE
        and following is not None
        and following._p.style == paragraph._p.style
        and following.text.startswith(ATTRIBUTION)
    )


def _style_name(paragraph) -> str:  # type: ignore[no-untyped-def]
    return str(paragraph.style.name) if paragraph.style is not None else ""


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
