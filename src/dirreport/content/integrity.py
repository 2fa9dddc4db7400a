"""A narrative's structure, checked before it is read for meaning.

Markdown forgives everything, which is the danger: an unclosed ``<!--``
silently swallows the rest of a section, a shortcode left open at the end of
a paragraph (``{{< metric WF/001``) is printed as text, and a stray
``</div></section>`` pasted from a web page breaks the page around it.  Each of
these is found here and reported at its line, so nothing half-written can
reach a published report.
"""

from __future__ import annotations

import re

from dirreport.errors import Problem

SHORTCODE_OPEN, SHORTCODE_CLOSE = "{{<", ">}}"
SHORTCODE_NAMES = (
    "indicator",
    "metric",
    "change",
    "chart",
    "table",
    "survey",
    "quote",
    "case-study",
    "pagebreak",
    "finance",
    "complaints",
    "inspections",
    "year-in-numbers",
)
VOID_TAGS = {"br", "hr", "img", "wbr", "area", "base", "col", "embed", "input", "link", "meta", "source", "track"}
# elements whose end tag HTML lets a writer leave out
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "colgroup"}
# a tag, but not an autolink (<https://…>) or an address (<name@example.org>)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*?)?(/?)>")
# a shortcode written without its angle brackets, or with Hugo's {{% %}}: printed as text if let through
_MISWRITTEN = re.compile(r"\{\{\s*(%\s*)?(" + "|".join(SHORTCODE_NAMES) + r")\b")
_STRAY_CLOSE = re.compile(r"(?<![<>])>\}\}")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def structure_problems(path: str, lines: tuple[str, ...], body_start: int) -> list[Problem]:
    """Unclosed comments, unclosed shortcodes and unmatched HTML tags in a narrative's body, each at its line."""
    problems: list[Problem] = []
    comment_from: int | None = None
    open_tags: list[tuple[str, int]] = []
    fence: str | None = None
    for number in range(body_start, len(lines) + 1):
        line = lines[number - 1]
        fenced = _FENCE.match(line)
        if fence is not None:
            if fenced and fenced.group(1)[0] == fence[0] and len(fenced.group(1)) >= len(fence):
                fence = None
            continue
        if fenced and comment_from is None:
            fence = fenced.group(1)
            continue
        text = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        text, comment_from = _outside_comments(text, number, comment_from)
        problems += _shortcodes(path, number, text)
        problems += _tags(path, number, text, open_tags)
    if comment_from is not None:
        problems.append(
            Problem(
                "a comment opened with <!-- is never closed with -->, so everything after it would vanish from the "
                "report",
                file=path,
                line=comment_from,
                hint="close the comment with --> where the hidden text ends",
            )
        )
    for tag, number in open_tags:
        problems.append(
            Problem(
                f"<{tag}> is opened but never closed",
                file=path,
                line=number,
                hint=f"close it with </{tag}>, or remove it",
            )
        )
    return problems


def _outside_comments(text: str, number: int, comment_from: int | None) -> tuple[str, int | None]:
    """The text of a line with comments blanked out, and the line where a comment still open began."""
    out: list[str] = []
    pos = 0
    while pos < len(text):
        if comment_from is not None:
            end = text.find("-->", pos)
            if end < 0:
                return "".join(out), comment_from
            pos, comment_from = end + 3, None
            continue
        start = text.find("<!--", pos)
        if start < 0:
            out.append(text[pos:])
            break
        out.append(text[pos:start])
        pos, comment_from = start + 4, number
    return "".join(out), comment_from


def _shortcodes(path: str, number: int, text: str) -> list[Problem]:
    problems = []
    for match in _MISWRITTEN.finditer(text):
        problems.append(
            Problem(
                f"'{match.group(0)}' looks like a shortcode without its angle brackets",
                file=path,
                line=number,
                hint=f"write {{{{< {match.group(2)} ... >}}}}, "
                "with < after the opening braces and > before the closing",
            )
        )
    pieces: list[str] = []
    pos = 0
    while (start := text.find(SHORTCODE_OPEN, pos)) >= 0:  # blank out the well-formed ones to find stray >}}
        end = text.find(SHORTCODE_CLOSE, start)
        if end < 0:
            break
        pieces += [text[pos:start], " " * (end + len(SHORTCODE_CLOSE) - start)]
        pos = end + len(SHORTCODE_CLOSE)
    bare = "".join(pieces) + text[pos:]
    if not _MISWRITTEN.search(text) and SHORTCODE_OPEN not in bare and _STRAY_CLOSE.search(bare):
        problems.append(
            Problem(
                "'>}}' closes a shortcode that was never opened with {{<",
                file=path,
                line=number,
                hint="write the shortcode whole, e.g. {{< metric AD/001 >}}",
            )
        )
    pos = 0
    while (start := text.find(SHORTCODE_OPEN, pos)) >= 0:
        end = text.find(SHORTCODE_CLOSE, start + len(SHORTCODE_OPEN))
        following = text.find(SHORTCODE_OPEN, start + len(SHORTCODE_OPEN))
        if end < 0 or (0 <= following < end):
            shown = text[start : following if 0 <= following < end else len(text)].strip()
            if len(shown) > 40:
                shown = shown[:40] + "…"
            problems.append(
                Problem(
                    f"shortcode '{shown}' is not closed with >}}}} on the same line",
                    file=path,
                    line=number,
                    hint="finish it on this line, e.g. {{< metric AD/001 >}}; shortcodes cannot span lines",
                )
            )
            if end < 0:
                break
            pos = following
            continue
        pos = end + len(SHORTCODE_CLOSE)
    return problems


def _tags(path: str, number: int, text: str, open_tags: list[tuple[str, int]]) -> list[Problem]:
    problems = []
    for match in _TAG.finditer(text):
        closing, tag, self_closing = match.group(1), match.group(2).lower(), match.group(4)
        if tag in VOID_TAGS or self_closing or tag in OPTIONAL_END:
            continue
        if not closing:
            open_tags.append((tag, number))
            continue
        if any(t == tag for t, _ in open_tags):
            while open_tags:
                last, line = open_tags.pop()
                if last == tag:
                    break
                problems.append(
                    Problem(
                        f"<{last}> is opened but never closed (</{tag}> comes first)",
                        file=path,
                        line=line,
                        hint=f"close it with </{last}> before </{tag}>",
                    )
                )
        else:
            problems.append(
                Problem(
                    f"closing tag </{tag}> has no opening <{tag}>",
                    file=path,
                    line=number,
                    hint="remove it; text pasted from a web page often brings stray closing tags",
                )
            )
    return problems


def leftover_shortcode(markdown: str) -> str | None:
    """A piece of text in an assembled document that still looks like a shortcode, if there is one."""
    match = re.search(r"\\?\{\\?\{\\?<.{0,40}", markdown)
    return match.group(0).replace("\\", "") if match else None
