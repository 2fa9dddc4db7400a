"""Authored narrative: Markdown sections with front matter and Quarto-style shortcodes.

Files are parsed with markdown-it-py, not pattern-matched: a shortcode inside
a code span is text, a heading is a heading.  Parsing records where every
shortcode, image, link and piece of raw HTML sits (line and column), so
expansion can rewrite exactly those spans and every problem names its line.

Narrative is untrusted: raw HTML is reduced to a safe subset with nh3,
``javascript:`` and other active links are refused, images must be files
inside the project (no URLs, no absolute paths, no ``..``), because the
build never touches the network and an HTML edition must never run script.
"""

from __future__ import annotations

import bisect
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.front_matter import front_matter_plugin

from dirreport import yaml_text
from dirreport.content.integrity import structure_problems
from dirreport.content.pandoc_syntax import alt_text_problems, pandoc_problems
from dirreport.errors import Problem

STATUSES = ("draft", "final")
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
MAX_IMAGE_BYTES = 10 * 1024 * 1024
ACTIVE_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)
SHORTCODE_OPEN = "{{<"
SHORTCODE_CLOSE = ">}}"


@dataclass(frozen=True)
class Span:
    """Where something sits in the file: 1-based line, 0-based columns on that line."""

    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Shortcode:
    name: str
    args: tuple[str, ...]
    raw: str
    span: Span
    alone: bool  # the only thing in its paragraph, so it may expand to a block


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    span: Span


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    span: Span


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    setext: bool


@dataclass(frozen=True)
class HtmlPiece:
    html: str
    span: Span | None  # inline pieces have a span
    lines: tuple[int, int] | None  # blocks cover whole lines (first, last), 1-based inclusive


@dataclass(frozen=True)
class Narrative:
    """One parsed narrative file."""

    path: str
    meta: Mapping[str, Any]
    lines: tuple[str, ...]
    body_start: int  # 1-based line of the first body line
    shortcodes: tuple[Shortcode, ...]
    headings: tuple[Heading, ...]
    images: tuple[Image, ...]
    links: tuple[Link, ...]
    html: tuple[HtmlPiece, ...]
    paragraphs: tuple[tuple[int, str], ...] = field(default=())

    @property
    def status(self) -> str:
        return str(self.meta.get("status", "draft"))

    @property
    def body(self) -> str:
        return "\n".join(self.lines[self.body_start - 1 :])


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
    setattr(md, "validateLink", lambda url: True)  # noqa: B010 - we judge links ourselves, with a line number
    md.inline.ruler.before("text", "shortcode", _shortcode_rule)
    for rule in ("link", "image", "html_inline", "autolink"):
        _record_spans(md, rule)
    return md


def _shortcode_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith(SHORTCODE_OPEN, pos):
        return False
    end = _next_close(state.env, src, pos + len(SHORTCODE_OPEN))
    if end < 0 or src.find("\n", pos, end) >= 0:
        return False
    if not silent:
        token = state.push("shortcode", "", 0)
        token.content = src[pos : end + len(SHORTCODE_CLOSE)]
        token.meta = {"offset": pos}
    state.pos = end + len(SHORTCODE_CLOSE)
    return True


def _next_close(env: Any, src: str, start: int) -> int:
    """Where the next ``>}}`` is, remembered for the paragraph: thousands of unclosed ``{{<`` stay linear."""
    known = env.get("_dirreport_close") if isinstance(env, dict) else None
    if known is not None and known[0] is src and known[1] <= start and (known[2] < 0 or known[2] >= start):
        return int(known[2])
    end = src.find(SHORTCODE_CLOSE, start)
    if isinstance(env, dict):
        env["_dirreport_close"] = (src, start, end)
    return end


def _record_spans(md: MarkdownIt, name: str) -> None:
    """Wrap a built-in inline rule so its tokens remember where in the source they came from."""
    original = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)].fn
    wanted = {"link": ("link_open",), "image": ("image",), "html_inline": ("html_inline",), "autolink": ("link_open",)}[
        name
    ]

    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        before = len(state.tokens)
        matched: bool = original(state, silent)
        if matched and not silent:
            for token in state.tokens[before:]:
                if token.type in wanted:
                    token.meta = {**(token.meta or {}), "offset": start, "end": state.pos}
                    break
        return matched

    md.inline.ruler.at(name, wrapped)


_MD = _parser()


def normalise_newlines(text: str) -> str:
    """One line ending and no byte order mark, so every reader of a narrative counts lines alike."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_tokens(text: str) -> list[Any]:
    """markdown-it's tokens for a narrative, front matter included."""
    return list(_MD.parse(normalise_newlines(text)))


def parse(path: str, text: str) -> tuple[Narrative, list[Problem]]:
    """Parse a narrative file; problems are returned, not raised, so all can be reported together."""
    problems: list[Problem] = []
    text = normalise_newlines(text)
    lines = tuple(text.split("\n"))
    tokens = parse_tokens(text)
    meta: dict[str, Any] = {}
    body_start = 1
    shortcodes: list[Shortcode] = []
    headings: list[Heading] = []
    images: list[Image] = []
    links: list[Link] = []
    html: list[HtmlPiece] = []
    paragraphs: list[tuple[int, str]] = []

    for i, token in enumerate(tokens):
        if token.type == "front_matter":
            body_start = (token.map[1] if token.map else 0) + 1
            meta, fm_problems = read_front_matter(path, token.content)
            problems += fm_problems
        elif token.type == "heading_open" and token.map:
            inline = tokens[i + 1]
            headings.append(Heading(int(token.tag[1]), inline.content, token.map[0] + 1, token.markup in ("=", "-")))
        elif token.type == "html_block" and token.map:
            html.append(HtmlPiece(token.content, None, (token.map[0] + 1, token.map[1])))
        elif token.type == "inline" and token.map:
            if tokens[i - 1].type == "paragraph_open" and tokens[i - 1].level == 0:
                # running prose only: list items and quotes are not sentences to score for readability
                paragraphs.append((token.map[0] + 1, token.content))
            children = token.children or []
            meaningful = [
                c for c in children if not (c.type == "text" and not c.content.strip()) and c.type not in ("softbreak",)
            ]
            line_map = _LineMap(lines, token.map[0], token.content)
            link_texts = _link_texts(children)
            for child in children:
                offset = (child.meta or {}).get("offset")
                if offset is None:
                    continue
                end = (child.meta or {}).get("end", offset + len(child.content))
                span = line_map.span(offset, end)
                if child.type == "shortcode":
                    name, args, error = _split_shortcode(child.content)
                    if error:
                        problems.append(
                            Problem(error, file=path, line=span.line, hint="write shortcodes as {{< name argument >}}")
                        )
                        continue
                    shortcodes.append(Shortcode(name, args, child.content, span, alone=len(meaningful) == 1))
                elif child.type == "image":
                    alt = "".join(c.content for c in (child.children or []))
                    images.append(Image(str(child.attrs.get("src", "")), alt, span))
                elif child.type == "link_open":
                    links.append(Link(str(child.attrs.get("href", "")), link_texts.get(id(child), ""), span))
                elif child.type == "html_inline":
                    html.append(HtmlPiece(child.content, span, None))
    if body_start == 1 and lines and lines[0].strip() == "---":
        problems.append(
            Problem(
                "front matter opened with --- on line 1 is never closed, so it would be printed as text",
                file=path,
                line=1,
                hint="add a line holding only --- after the last 'key: value' line (status, owner, ...)",
            )
        )
    problems += control_characters(path, text)
    problems += structure_problems(path, lines, body_start)
    problems += pandoc_problems(path, lines, body_start)
    problems += alt_text_problems(path, [(image.alt, image.span.line) for image in images])
    narrative = Narrative(
        path,
        meta,
        lines,
        body_start,
        tuple(shortcodes),
        tuple(headings),
        tuple(images),
        tuple(links),
        tuple(html),
        tuple(paragraphs),
    )
    return narrative, problems


# C0 controls but tab and line feed, DEL and C1 controls: never typed, and refused by XML, Word and Typst
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")


def control_characters(path: str, text: str) -> list[Problem]:
    """A NUL or other control character: left by a broken copy or a binary file saved as .md, never text."""
    problems = []
    for found in _CONTROL.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        problems.append(
            Problem(
                f"holds the control character U+{ord(found.group()):04X}, which is not text",
                file=path,
                line=line,
                hint="delete it (retype the line if the character is invisible in your editor), "
                "or paste the text again from its source as plain text",
            )
        )
        if len(problems) == 3:
            break
    return problems


def _link_texts(children: list[Any]) -> dict[int, str]:
    """Each link's text, by its opening token's id, in one pass over a paragraph's tokens (links do not nest)."""
    texts: dict[int, str] = {}
    opener: Any = None
    text: list[str] = []
    for child in children:
        if child.type == "link_open":
            opener, text = child, []
        elif child.type == "link_close" and opener is not None:
            texts[id(opener)] = "".join(text)
            opener = None
        elif opener is not None:
            text.append(child.content)
    if opener is not None:
        texts[id(opener)] = "".join(text)
    return texts


class _LineMap:
    """Offsets in one block's inline content mapped back to lines and columns of the file.

    The content's line breaks are found once and each line's place in the file
    once, so a paragraph of thousands of links or tags is mapped in linear
    time (searching the content afresh for each of them was quadratic).
    """

    def __init__(self, lines: tuple[str, ...], first_line: int, content: str) -> None:
        self.lines, self.first_line, self.content = lines, first_line, content
        self.breaks = [m.start() for m in re.finditer("\n", content)]
        self.prefixes: dict[int, int] = {}

    def span(self, offset: int, end: int) -> Span:
        k = bisect.bisect_left(self.breaks, offset)  # the line breaks before the offset
        line_index = self.first_line + k
        line_start = self.breaks[k - 1] + 1 if k else 0
        prefix = self.prefixes.get(k)
        if prefix is None:
            line_end = self.breaks[k] if k < len(self.breaks) else len(self.content)
            content_line = self.content[line_start:line_end]
            source = self.lines[line_index] if line_index < len(self.lines) else ""
            prefix = max(source.find(content_line), 0) if content_line else 0
            self.prefixes[k] = prefix
        start = prefix + (offset - line_start)
        return Span(line_index + 1, start, start + (end - offset))


def _split_shortcode(raw: str) -> tuple[str, tuple[str, ...], str | None]:
    inner = raw[len(SHORTCODE_OPEN) : -len(SHORTCODE_CLOSE)].strip()
    try:
        parts = shlex.split(inner)
    except ValueError as exc:
        if "quotation" in str(exc):
            return (
                "",
                (),
                (
                    f"shortcode {raw} cannot be read: it holds a quote mark or apostrophe that is never "
                    "closed (is the shortcode missing its >}} before the text that follows?)"
                ),
            )
        return "", (), f"shortcode {raw} cannot be read ({exc})"
    if not parts:
        return "", (), f"shortcode {raw} has no name"
    return parts[0], tuple(parts[1:]), None


def read_front_matter(path: str, content: str) -> tuple[dict[str, Any], list[Problem]]:
    data, problem = yaml_text.parse(content, path, subject="front matter", first_line=2)
    if problem is not None:
        return {}, [problem]
    data = data or {}
    if not isinstance(data, dict):
        return {}, [
            Problem(
                "front matter must be 'key: value' lines",
                file=path,
                line=1,
                hint="see the narrative stubs made by 'dirreport new'",
            )
        ]
    problems = []
    status = data.get("status", "draft")
    if status not in STATUSES:
        problems.append(
            Problem(
                f"status '{status}' is not draft or final",
                file=path,
                line=_key_line(content, "status"),
                hint="write status: draft or status: final",
            )
        )
    standards = data.get("standards", [])
    if standards and not isinstance(standards, list):
        problems.append(
            Problem(
                "standards must be a list such as [QS1, QS2]",
                file=path,
                line=_key_line(content, "standards"),
                hint="write standards: [QS1]",
            )
        )
    return data, problems


def _key_line(content: str, key: str) -> int:
    for n, line in enumerate(content.split("\n"), start=2):
        if line.startswith(f"{key}:"):
            return n
    return 1
