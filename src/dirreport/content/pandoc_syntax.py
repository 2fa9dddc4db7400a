"""What pandoc reads in a narrative that markdown-it does not: raw passages, attributes, metadata blocks.

The narrative is parsed with markdown-it, but published by pandoc, which
reads more: a raw passage for one output format (`` `<b>`{=html} ``, a
```` ```{=openxml} ```` block) goes into that format verbatim, an attribute
block (``[text]{onclick=...}``, ``## Heading {onmouseover=...}``,
``::: {onclick=...}``) becomes an HTML attribute, and a YAML block in the
middle of a file (``---`` ... ``---``) sets the page's metadata, such as its
``header-includes``.  None of these is something an author of a report
needs, and each could put script in a council's web page or arbitrary
content in its PDF or Word file, so each is refused at its line.

Attributes dirreport itself relies on stay allowed: identifiers
(``{#IMP-03}``), classes (``{.unnumbered}``, Quarto's ``.content-visible``)
and a passage's language (``{lang=cy}``).  A picture's description is
plain text: HTML there would be printed as markup in a caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from dirreport.errors import Problem

# the attribute keys an author may write; every other key (onclick, style, href, src ...) is refused
ALLOWED_KEYS = frozenset({"lang", "dir", "when-format", "unless-format", "width", "height"})
_RAW_INLINE = re.compile(r"`\s*\{\s*=\s*([^\s{}]*)")
_RAW_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*\{\s*=\s*([^\s{}]*)")
# one attribute inside braces, as pandoc reads it: #id, .class, -, key=value (quoted or not)
_ATTRIBUTE = re.compile(
    r"""\s*(?:
        [#.][^\s{}"'=]+
      | -(?=[\s}])
      | (?P<key>[^\s{}"'=]+)\s*=\s*(?:"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|[^\s{}"']*)
    )""",
    re.VERBOSE | re.DOTALL,
)
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_YAML_FENCE = re.compile(r"^---\s*$")
_YAML_END = re.compile(r"^(---|\.\.\.)\s*$")
# the first line of a YAML mapping (key: value), which is what pandoc takes as metadata; never parsed here
_YAML_KEY = re.compile(r"^\s*[^\s:#>\-][^:]*:(\s|$)")


def pandoc_problems(path: str, lines: Sequence[str], body_start: int) -> list[Problem]:
    """Raw passages, attributes that are not allowed and metadata blocks in a narrative's body, at their lines."""
    problems: list[Problem] = []
    body = "\n".join(lines[body_start - 1 :])
    first = body_start

    def line_of(offset: int) -> int:
        return first + body.count("\n", 0, offset)

    for number, line in enumerate(lines[body_start - 1 :], start=body_start):
        fence = _RAW_FENCE.match(line)
        if fence:
            problems.append(_raw_problem(path, number, fence.group(2)))
    for match in _RAW_INLINE.finditer(body):
        if not _escaped(body, match.start()):
            problems.append(_raw_problem(path, line_of(match.start()), match.group(1)))
    for offset in _braces(body):
        keys = _keys(body, offset + 1)
        refused = [k for k in keys if k.lower() not in ALLOWED_KEYS]
        if refused:
            problems.append(
                Problem(
                    f"attribute {', '.join(dict.fromkeys(refused))}= is not allowed in a report",
                    file=path,
                    line=line_of(offset),
                    hint="take the {...} attributes away; only an identifier {#id}, a class {.name} "
                    "and a language {lang=cy} may be given",
                )
            )
    problems += _metadata_blocks(path, lines, body_start)
    return _one_per_line(problems)


def alt_text_problems(path: str, pictures: Iterable[tuple[str, int]]) -> list[Problem]:
    """A picture's description holding HTML: pandoc would print it as markup in the caption."""
    return [
        Problem(
            "the picture's description (the text in ![...]) holds HTML",
            file=path,
            line=line,
            hint="describe the picture in plain words, without <...> tags",
        )
        for alt, line in pictures
        if _HTML_TAG.search(alt)
    ]


def _raw_problem(path: str, line: int, fmt: str) -> Problem:
    what = f"a raw {fmt} passage" if fmt else "a raw passage"
    return Problem(
        f"{what} ({{={fmt}}}) cannot be published: it would go into the report unchecked",
        file=path,
        line=line,
        hint="write the text in Markdown instead, and take the {=...} away",
    )


def _escaped(text: str, index: int) -> bool:
    """Whether the character at index is escaped by an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _braces(text: str) -> list[int]:
    """Every opening brace that pandoc could read as the start of attributes."""
    return [m.start() for m in re.finditer(r"\{", text) if not _escaped(text, m.start())]


def _keys(text: str, start: int) -> list[str]:
    """The keys of the attributes that follow an opening brace, read as pandoc reads them."""
    keys: list[str] = []
    pos = start
    limit = min(len(text), start + 4000)
    while pos < limit:
        match = _ATTRIBUTE.match(text, pos, limit)
        if not match or match.end() == pos:
            break
        if match.group("key"):
            keys.append(match.group("key"))
        pos = match.end()
    return keys


def _metadata_blocks(path: str, lines: Sequence[str], body_start: int) -> list[Problem]:
    """A YAML block inside the text: pandoc reads it as the whole page's metadata."""
    problems: list[Problem] = []
    index = body_start - 1
    while index < len(lines):
        line = lines[index]
        before_blank = index == body_start - 1 or not lines[index - 1].strip()
        after = lines[index + 1] if index + 1 < len(lines) else ""
        if _YAML_FENCE.match(line) and before_blank and after.strip():
            end = next((j for j in range(index + 1, len(lines)) if _YAML_END.match(lines[j])), None)
            if end is not None and any(_YAML_KEY.match(text) for text in lines[index + 1 : end]):
                problems.append(
                    Problem(
                        "a metadata block (--- ... ---) inside the text would change the whole page",
                        file=path,
                        line=index + 1,
                        hint="put settings in the front matter at the top of the file; for a line across the page "
                        "leave a blank line after ---",
                    )
                )
                index = end
        index += 1
    return problems


def _one_per_line(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int | None, str]] = set()
    out = []
    for p in sorted(problems, key=lambda p: p.line or 0):
        if (p.line, p.message) not in seen:
            seen.add((p.line, p.message))
            out.append(p)
    return out
