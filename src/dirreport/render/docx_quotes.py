"""Word's pull quotes: paragraph styles a comms team can restyle, given dirreport's look when they are bare.

pandoc writes a story's quotation (``assemble/quotes.py``) as a paragraph in
the custom style "Pull Quote", opening with a run of the character style
"Pull Quote Mark" (the large quotation mark), then who said it in "Pull Quote
Attribution".  A style the project's reference.docx defines keeps its look;
one pandoc made bare gets dirreport's: the words larger, in italics and the
heading colour, behind a thick rule in that colour, the mark large and bold,
and the quotation kept on the page of its attribution (keep with next, keep
lines together), as the PDF's and the web page's pull quotes are.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from dirreport.render.docx_case_study import insert_in_order

QUOTE, MARK, BY = "Pull Quote", "Pull Quote Mark", "Pull Quote Attribution"


def style_pull_quotes(word: Any, colour: str) -> None:
    """Give bare pull-quote styles their look."""
    from docx.shared import Pt, RGBColor

    rgb = RGBColor.from_string(colour.lstrip("#").upper())
    for style in word.styles:
        if style.name == MARK and style.element.find(qn("w:rPr")) is None:
            style.font.size, style.font.bold, style.font.italic = Pt(30), True, False
            style.font.color.rgb = rgb
        elif style.name in (QUOTE, BY) and style.element.find(qn("w:pPr")) is None:
            fmt = style.paragraph_format
            properties = style.element.get_or_add_pPr()
            insert_in_order(properties, _rule(colour.lstrip("#").upper()))
            indent = OxmlElement("w:ind")
            indent.set(qn("w:left"), "284")
            insert_in_order(properties, indent)
            if style.name == QUOTE:
                # the quotation stays with who said it, and whole
                fmt.space_before, fmt.space_after = Pt(12), Pt(2)
                fmt.keep_with_next, fmt.keep_together = True, True
                style.font.size, style.font.italic = Pt(13), True
                style.font.color.rgb = rgb
            else:
                fmt.space_before, fmt.space_after, fmt.keep_together = Pt(0), Pt(12), True
                style.font.size = Pt(10)
                style.font.color.rgb = RGBColor(0x50, 0x5A, 0x5F)


def _rule(colour: str) -> Any:
    borders = OxmlElement("w:pBdr")
    edge = OxmlElement("w:left")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), "24")
    edge.set(qn("w:space"), "10")
    edge.set(qn("w:color"), colour)
    borders.append(edge)
    return borders
