"""Word's case studies: one shaded, bordered box made of paragraph styles a comms team can restyle.

pandoc writes a case study (``assemble/case_study.py``) as paragraphs in the
custom styles "Case Study Kind", "Case Study Label" and "Case Study Text",
with its title as a Word heading between the first two.  Word and LibreOffice
draw consecutive paragraphs with the same borders as one box.  A style the
project's reference.docx defines keeps its look; one pandoc made bare is
given dirreport's: a pale fill, a thin frame and a thick rule in the heading
colour.  The title keeps its Heading style (so it is a heading for screen
readers and the navigation pane) and takes the box's frame from "Case Study
Text".
"""

from __future__ import annotations

import copy
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

KIND, LABEL, TEXT = "Case Study Kind", "Case Study Label", "Case Study Text"
FILL = "F3F2F1"
FRAME = "B1B4B6"


def box_case_studies(word: Any, colour: str) -> None:
    """Give bare case-study styles their look, and each case study's title the box's frame."""
    styles = {s.name: s for s in word.styles if s.name in (KIND, LABEL, TEXT)}
    if not styles:
        return
    for name, style in styles.items():
        if style.element.find(qn("w:pPr")) is None:
            _style(style, name, colour.lstrip("#").upper())
    text = styles.get(TEXT)
    frame = text.element.find(qn("w:pPr")) if text is not None else None
    if frame is None:
        return
    kind = styles[KIND].style_id if KIND in styles else None
    for element in word.element.body.iter(qn("w:p")):
        if kind is None or _style_id(element) != kind:
            continue
        title = _next_paragraph(element)
        if title is None or not (_style_id(title) or "").startswith("Heading"):
            continue
        properties = title.get_or_add_pPr()
        for tag in ("w:pBdr", "w:shd", "w:ind"):
            source = frame.find(qn(tag))
            if source is not None and properties.find(qn(tag)) is None:
                insert_in_order(properties, copy.deepcopy(source))


def _style(style: Any, name: str, colour: str) -> None:
    """dirreport's look for a case-study paragraph style pandoc created without one."""
    from docx.shared import Pt, RGBColor

    properties = style.element.get_or_add_pPr()
    insert_in_order(properties, _borders(colour))
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), FILL)
    insert_in_order(properties, shading)
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), "227")
    indent.set(qn("w:right"), "170")
    insert_in_order(properties, indent)
    fmt = style.paragraph_format
    if name == KIND:
        fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(12), Pt(0), True
        style.font.bold, style.font.size = True, Pt(9)
        style.font.color.rgb = RGBColor(0x50, 0x5A, 0x5F)
    elif name == LABEL:
        fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(6), Pt(2), True
        style.font.bold = True
    else:
        fmt.space_before, fmt.space_after = Pt(0), Pt(6)


def _borders(colour: str) -> Any:
    borders = OxmlElement("w:pBdr")
    for side, size, space, fill in (
        ("top", 4, 6, FRAME),
        ("left", 24, 8, colour),
        ("bottom", 4, 6, FRAME),
        ("right", 4, 6, FRAME),
    ):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), str(size))
        edge.set(qn("w:space"), str(space))
        edge.set(qn("w:color"), fill)
        borders.append(edge)
    return borders


# the order Word's schema gives a paragraph's properties; an element out of order makes the file invalid
_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def insert_in_order(properties: Any, child: Any) -> None:
    """Put a paragraph property where Word's schema orders it (shared by the case studies and pull quotes)."""
    rank = _ORDER.index(child.tag.split("}")[1])
    for i, existing in enumerate(properties):
        name = existing.tag.split("}")[1]
        if name in _ORDER and _ORDER.index(name) > rank:
            properties.insert(i, child)
            return
    properties.append(child)


def _style_id(paragraph: Any) -> str | None:
    properties = paragraph.find(qn("w:pPr"))
    style = properties.find(qn("w:pStyle")) if properties is not None else None
    return style.get(qn("w:val")) if style is not None else None


def _next_paragraph(element: Any) -> Any:
    """The next paragraph after this one, past bookmarks, in the same container."""
    following = element.getnext()
    while following is not None and following.tag != qn("w:p"):
        if following.tag not in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
            return None
        following = following.getnext()
    return following
