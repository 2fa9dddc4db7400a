"""Word finishing for languages: each half of a bilingual label in its own language, pictures described once.

pandoc gives a Span's language to its runs (w:lang), so headings, the cover
and the passages of the bilingual edition already carry theirs.  Two labels
are not written by pandoc from Markdown: the contents heading (pandoc prints
toc-title as one plain run) and the DRAFT mark in the page header (written by
dirreport's finishing).  Here each of their halves becomes a run of its own
with its language.  pandoc also puts the picture's file name in the inner
picture element's description, which some screen readers read instead of
the alternative text: it gets the alternative text too, and a picture that is
only decoration (the year in numbers' icons) is marked so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SEPARATOR = " / "


def set_run_language(run: Any, tag: str) -> None:
    """Give one run (python-docx Run) its own language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_pr = run._r.get_or_add_rPr()
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), tag)


def write_halves(paragraph: Any, halves: Sequence[tuple[str, str]], replace: bool = True) -> list[Any]:
    """Write each half in its own language, joined by " / " (replacing the paragraph's text); the runs added."""
    for run in list(paragraph.runs) if replace else []:
        run._r.getparent().remove(run._r)
    runs = []
    for i, (tag, text) in enumerate(halves):
        if i:
            runs.append(paragraph.add_run(SEPARATOR))
        run = paragraph.add_run(text)
        set_run_language(run, tag)
        runs.append(run)
    return runs


def tag_contents_heading(word: Any, halves: Sequence[tuple[str, str]]) -> None:
    """The table of contents' heading ("Cynnwys / Contents"), one run per language."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    for p in word.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")) == "TOCHeading":
            write_halves(Paragraph(p, word._body), halves)
            return


DECORATIVE_FOLDER = "icons/"  # the year in numbers' pictures (assemble.icons): decoration, never described
_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def _decorative(doc_pr: Any) -> None:
    """Mark a picture as decoration as Word's own "Mark as decorative" does: no description, and the
    decorative extension, so Word's accessibility checker and a screen reader pass it by."""
    from lxml import etree

    drawing_ns = "http://schemas.openxmlformats.org/drawingml/2006/main"
    doc_pr.set("descr", "")
    doc_pr.set("title", "")
    ext_list = etree.SubElement(doc_pr, f"{{{drawing_ns}}}extLst")
    ext = etree.SubElement(ext_list, f"{{{drawing_ns}}}ext", uri=_DECORATIVE_EXT)
    decorative = etree.SubElement(
        ext, "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative", nsmap={"adec": _ADEC}
    )
    decorative.set("val", "1")


def describe_pictures(word: Any, name: str) -> None:
    """Every picture's inner description is its alternative text, and its name is in the document's language."""
    from docx.oxml.ns import qn

    pic_ns = "http://schemas.openxmlformats.org/drawingml/2006/picture"
    wp_ns = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    for drawing in word.element.body.iter(qn("w:drawing")):
        outer = drawing.find(f".//{{{wp_ns}}}docPr")
        inner = drawing.find(f".//{{{pic_ns}}}cNvPr")
        if outer is None or inner is None:
            continue
        if inner.get("descr", "").startswith(DECORATIVE_FOLDER):
            _decorative(outer)
        inner.set("descr", outer.get("descr", ""))
        inner.set("name", name)
        outer.set("name", name)
