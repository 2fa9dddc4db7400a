"""A narrative as pandoc Markdown: shortcodes expanded, headings shifted under their place, unsafe parts neutralised."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from dirreport.content.narrative import (
    ACTIVE_SCHEMES,
    Heading,
    Narrative,
    Shortcode,
    Span,
)
from dirreport.content.sanitise import clean_html, image_is_unsafe, unsafe_html

Expander = Callable[[Shortcode], str]  # a shortcode's published text


def expand(narrative: Narrative, expander: Expander, heading_base: int, marks: Sequence[tuple[Span, str]] = ()) -> str:
    """The body as pandoc Markdown: shortcodes expanded, headings shifted, unsafe parts neutralised.

    ``heading_base`` is the level of the heading the narrative sits under; the
    author's top heading level becomes the next one down.  ``marks`` are further
    edits of running text (an abbreviation's first use), never overlapping the rest.
    """
    lines = list(narrative.lines)
    edits: dict[int, list[tuple[int, int, str]]] = {}

    def edit(span: Span, replacement: str) -> None:
        edits.setdefault(span.line - 1, []).append((span.start, span.end, replacement))

    for span, replacement in marks:
        edit(span, replacement)
    for code in narrative.shortcodes:
        edit(code.span, expander(code))
    for link in narrative.links:
        if ACTIVE_SCHEMES.match(link.href):
            edit(link.span, link.text)
    for piece in narrative.html:
        if piece.span is not None:
            edit(piece.span, piece.html if not unsafe_html(piece.html) else "")
    for image in narrative.images:
        if image_is_unsafe(image.src):
            edit(image.span, md_text(image.alt))
    for index, changes in edits.items():
        line = lines[index]
        for start, end, replacement in sorted(changes, reverse=True):
            line = line[:start] + replacement + line[end:]
        lines[index] = line
    for piece in narrative.html:
        if piece.lines is not None:
            first, last = piece.lines
            cleaned = clean_html("\n".join(lines[first - 1 : last]))
            lines[first - 1 : last] = [cleaned] + [""] * (last - first)
    _shift_headings(lines, narrative.headings, heading_base)
    return "\n".join(lines[narrative.body_start - 1 :]).strip() + "\n"


def md_text(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#!|])", r"\\\1", text)


def _shift_headings(lines: list[str], headings: tuple[Heading, ...], base: int) -> None:
    if not headings:
        return
    top = min(h.level for h in headings)
    for h in headings:
        level = min(6, base + 1 + (h.level - top))
        index = h.line - 1
        if h.setext:
            lines[index] = "#" * level + " " + lines[index].strip()
            lines[index + 1] = ""
        else:
            stripped = lines[index].lstrip()
            text = stripped.lstrip("#")
            lines[index] = "#" * level + text
