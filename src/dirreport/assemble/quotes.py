"""A person's story as a pull quote (``{{< quote ID >}}``): only with consent, only in the language asked for.

A published report sets people's own words apart: a large quotation mark in
the brand's colour, the words larger than the text around them, and who said
them kept with them on the same page.

- HTML: a ``<figure>`` holding the ``<blockquote>`` and, as its caption, the
  attribution (the HTML standard's way of naming a quotation's source); the
  large mark is the stylesheet's, with empty alternative text, so a screen
  reader does not read it.
- PDF: an unbreakable Typst block with a rule and the mark in the brand's colour.
- Word: the paragraph styles "Pull Quote" and "Pull Quote Attribution", the
  mark a run of the character style "Pull Quote Mark"; finishing gives bare
  styles their look and keeps the quote with its attribution
  (``render/docx_quotes.py``), each a style a comms team can restyle.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from dirreport.assemble import blocks
from dirreport.assemble.shortcode_errors import ShortcodeError

QUOTE_STYLE, MARK_STYLE, BY_STYLE = "Pull Quote", "Pull Quote Mark", "Pull Quote Attribution"


def story_quote(stories: Mapping[str, Any], lang: str, story_id: str) -> str:
    """The story's words as a block quote, with its attribution; refused without consent or text."""
    story = stories.get(story_id)
    if story is None:
        raise ShortcodeError(f"there is no story '{story_id}' in data/stories.csv", "check the id")
    if not story.consent:
        raise ShortcodeError(
            f"story '{story_id}' has no consent to publish", "only use stories whose consent column says yes"
        )
    text = story.text.get(lang, "").strip()
    if not text:
        raise ShortcodeError(f"story '{story_id}' has no {lang} text", f"fill in its {lang} column")
    who = story.attribution.get(lang, "").strip()
    return "\n\n".join(
        [
            blocks.visible("html", _html(text, who)),
            blocks.visible("typst", _typst(text, who)),
            blocks.visible("docx", _docx(text, who)),
        ]
    )


def _html(text: str, who: str) -> str:
    quote = [blocks.raw("html", '<figure class="pull-quote">'), "> " + blocks.md(text)]
    if who:
        quote.append(
            blocks.raw("html", f'<figcaption class="pull-quote-by">— {html.escape(_typeset(who))}</figcaption>')
        )
    quote.append(blocks.raw("html", "</figure>"))
    return "\n\n".join(quote)


def _typst(text: str, who: str) -> str:
    # brand is the page template's heading colour (report.typ); the block does not break, so the words and
    # who said them stay on one page; the mark is an artifact of the tagged PDF, the words' own are printed;
    # the rule is drawn centred on the block's edge: padded by half its width, it stays inside the margin
    opening = (
        "#pad(left: 1.5pt)[#block(breakable: false, width: 100%, above: 1.4em, below: 1.4em, "
        "inset: (left: 14pt, y: 4pt), stroke: (left: 3pt + brand))[\n"
        '#pdf.artifact(text(size: 34pt, weight: "bold", fill: brand, "“"))\n'
        "#v(-30pt)\n"
        '#set text(size: 12.5pt, fill: brand, style: "italic")'
    )
    parts = [blocks.raw("typst", opening), blocks.md(text)]
    if who:
        parts.append(
            blocks.raw(
                "typst", f'#text(size: 10pt, style: "normal", fill: luma(60))[— #{blocks.typst_string(_typeset(who))}]'
            )
        )
    parts.append(blocks.raw("typst", "]]"))
    return "\n\n".join(parts)


def _docx(text: str, who: str) -> str:
    quote = f'::: {{custom-style="{QUOTE_STYLE}"}}\n[“]{{custom-style="{MARK_STYLE}"}}{blocks.md(text)}”\n:::'
    if who:
        quote += f'\n\n::: {{custom-style="{BY_STYLE}"}}\n— {blocks.md(who)}\n:::'
    return quote


def _typeset(text: str) -> str:
    """The apostrophe pandoc prints in the rest of the report; raw blocks are not typeset by it."""
    return text.replace("'", "’")
