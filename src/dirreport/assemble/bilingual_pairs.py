"""Two languages' passages cut at their headings into side-by-side pairs, each heading once in both languages.

A passage of the bilingual edition holds the same sections in each language
("Y flwyddyn mewn rhifau" and "The year in numbers").  Left whole, the two
columns drift apart, the Welsh sections end where the English ones begin, and
the contents lists every Welsh heading and then every English one.  Cut at
their headings, each section starts level in both columns under one heading
that holds both languages, each half tagged with its own, so the contents
reads "Y flwyddyn mewn rhifau / The year in numbers" with one page number.

The passages are pandoc Markdown written by the templates; a heading is cut
at only where it stands outside any fenced block or div.  Where the two
passages' headings differ in number or level (an author wrote a section in
one language only), they are left whole, side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dirreport.lang.bilingual_text import LANG_TAGS

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+\{([^{}]*)\})?[ \t]*$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_DIV_OPEN = re.compile(r"^:{3,}[ \t]*\S")
_DIV_CLOSE = re.compile(r"^:{3,}[ \t]*$")


@dataclass(frozen=True)
class Section:
    """A heading (none for what comes before the first) and the passage under it."""

    level: int
    text: str
    attributes: str
    body: str


def sections(markdown: str) -> list[Section]:
    """A passage cut at its top-level headings: those outside every fenced code block and div."""
    found = [Section(0, "", "", "")]
    lines: list[str] = []
    fence: str | None = None
    depth = 0
    for line in markdown.splitlines():
        heading = _HEADING.match(line) if fence is None and depth == 0 else None
        if heading:
            found[-1] = _with_body(found[-1], lines)
            lines = []
            found.append(Section(len(heading.group(1)), heading.group(2), heading.group(3) or "", ""))
            continue
        lines.append(line)
        if fence is not None:
            if line.startswith(fence):
                fence = None
        elif match := _FENCE.match(line):
            fence = match.group(1)
        elif _DIV_CLOSE.match(line):
            depth = max(0, depth - 1)
        elif _DIV_OPEN.match(line):
            depth += 1
    found[-1] = _with_body(found[-1], lines)
    return found


def _with_body(section: Section, lines: list[str]) -> Section:
    return Section(section.level, section.text, section.attributes, "\n".join(lines).strip("\n"))


def paired(passages: list[tuple[str, str]]) -> str:
    """Pandoc Markdown for two languages' passages (language, Markdown), side by side section by section."""
    cut = [sections(text) for _lang, text in passages]
    langs = [lang for lang, _text in passages]
    if len(cut) != 2 or [s.level for s in cut[0]] != [s.level for s in cut[1]]:
        return _side_by_side(langs, [text for _lang, text in passages])
    out = []
    for first, second in zip(cut[0], cut[1], strict=True):
        if first.level:
            out.append(_heading(langs, first, second))
        out.append(_side_by_side(langs, [first.body, second.body]))
    return "\n\n".join(part for part in out if part)


def _heading(langs: list[str], first: Section, second: Section) -> str:
    """One heading in both languages, with the first's attributes; the second's anchor kept before it."""
    second_id = re.search(r"#([\w:.-]+)", second.attributes)
    before = f"::: {{#{second_id.group(1)}}}\n:::\n\n" if second_id else ""
    halves = zip(langs, (first, second), strict=True)
    text = (
        first.text
        if first.text == second.text  # a name the same in both languages is printed once
        else " / ".join(f'[{s.text}]{{lang="{LANG_TAGS[lang]}"}}' for lang, s in halves)
    )
    attributes = f" {{{first.attributes}}}" if first.attributes else ""
    return f"{before}{'#' * first.level} {text}{attributes}"


def _side_by_side(langs: list[str], bodies: list[str]) -> str:
    if not any(body.strip() for body in bodies):
        return ""
    sides = "\n\n".join(
        f'::: {{lang="{LANG_TAGS[lang]}"}}\n{body}\n:::' for lang, body in zip(langs, bodies, strict=True)
    )
    return f"::: {{.pair}}\n{sides}\n:::"


__all__ = ["Section", "paired", "sections"]
