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

import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.front_matter import front_matter_plugin

from dirreport.config.settings import value_error_line
from dirreport.content.integrity import structure_problems
from dirreport.errors import Problem

STATUSES = ("draft", "final")
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
MAX_IMAGE_BYTES = 10 * 1024 * 1024
SAFE_TAGS = {"abbr", "b", "br", "em", "i", "span", "strong", "sub", "sup", "small", "cite", "q", "p", "div"}
SAFE_ATTRIBUTES = {"lang", "title"}
ACTIVE_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)
URL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
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
        return "\n".join(self.lines[self.body_start - 1:])


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
    end = src.find(SHORTCODE_CLOSE, pos + len(SHORTCODE_OPEN))
    if end < 0 or "\n" in src[pos:end]:
        return False
    if not silent:
        token = state.push("shortcode", "", 0)
        token.content = src[pos : end + len(SHORTCODE_CLOSE)]
        token.meta = {"offset": pos}
    state.pos = end + len(SHORTCODE_CLOSE)
    return True


def _record_spans(md: MarkdownIt, name: str) -> None:
    """Wrap a built-in inline rule so its tokens remember where in the source they came from."""
    original = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)].fn
    wanted = {"link": ("link_open",), "image": ("image",), "html_inline": ("html_inline",),
              "autolink": ("link_open",)}[name]

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


class _Tags(HTMLParser):
    """Lists the tags and attributes in a piece of HTML, to judge it against the safe subset."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def unsafe_html(html: str) -> list[str]:
    """What in this HTML is not allowed, in words ('<script>', 'onerror attribute')."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    issues: list[str] = []
    for tag, attrs in parser.found:
        if tag not in SAFE_TAGS:
            issues.append(f"<{tag}>")
        for attr, value in attrs:
            if attr not in SAFE_ATTRIBUTES:
                issues.append(f"{attr}= attribute on <{tag}>")
            elif value and ACTIVE_SCHEMES.match(value):
                issues.append(f"active link in {attr}= on <{tag}>")
    if re.search(r"<\s*/?\s*(script|style|iframe|object|embed)", html, re.IGNORECASE) and not any(
        i.startswith(("<script", "<style", "<iframe", "<object", "<embed")) for i in issues
    ):
        issues.append("<script>")
    return issues


def clean_html(html: str) -> str:
    """Keep only the safe subset of HTML; everything else is dropped, never executed."""
    import nh3

    attributes = {tag: set(SAFE_ATTRIBUTES) for tag in SAFE_TAGS}
    return str(nh3.clean(html, tags=SAFE_TAGS, attributes=attributes, url_schemes=set(), strip_comments=True))


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
            meaningful = [c for c in children if not (c.type == "text" and not c.content.strip())
                          and c.type not in ("softbreak",)]
            for child in children:
                offset = (child.meta or {}).get("offset")
                if offset is None:
                    continue
                end = (child.meta or {}).get("end", offset + len(child.content))
                span = _span(lines, token.map[0], token.content, offset, end)
                if child.type == "shortcode":
                    name, args, error = _split_shortcode(child.content)
                    if error:
                        problems.append(Problem(error, file=path, line=span.line,
                                                hint="write shortcodes as {{< name argument >}}"))
                        continue
                    shortcodes.append(Shortcode(name, args, child.content, span, alone=len(meaningful) == 1))
                elif child.type == "image":
                    alt = "".join(c.content for c in (child.children or []))
                    images.append(Image(str(child.attrs.get("src", "")), alt, span))
                elif child.type == "link_open":
                    links.append(Link(str(child.attrs.get("href", "")), _link_text(children, child), span))
                elif child.type == "html_inline":
                    html.append(HtmlPiece(child.content, span, None))
    problems += structure_problems(path, lines, body_start)
    narrative = Narrative(path, meta, lines, body_start, tuple(shortcodes), tuple(headings), tuple(images),
                          tuple(links), tuple(html), tuple(paragraphs))
    return narrative, problems


def _link_text(children: list[Any], opener: Any) -> str:
    text, inside = [], False
    for child in children:
        if child is opener:
            inside = True
            continue
        if inside and child.type == "link_close":
            break
        if inside:
            text.append(child.content)
    return "".join(text)


def _span(lines: tuple[str, ...], first_line: int, content: str, offset: int, end: int) -> Span:
    """Map an offset in a block's inline content back to a line and column in the file."""
    line_index = first_line + content.count("\n", 0, offset)
    line_start = content.rfind("\n", 0, offset) + 1
    content_line = content[line_start:].split("\n", 1)[0]
    source = lines[line_index] if line_index < len(lines) else ""
    prefix = source.find(content_line) if content_line else 0
    prefix = max(prefix, 0)
    start = prefix + (offset - line_start)
    length = end - offset
    return Span(line_index + 1, start, start + length)


def _split_shortcode(raw: str) -> tuple[str, tuple[str, ...], str | None]:
    inner = raw[len(SHORTCODE_OPEN):-len(SHORTCODE_CLOSE)].strip()
    try:
        parts = shlex.split(inner)
    except ValueError as exc:
        if "quotation" in str(exc):
            return "", (), (f"shortcode {raw} cannot be read: it holds a quote mark or apostrophe that is never "
                            "closed (is the shortcode missing its >}} before the text that follows?)")
        return "", (), f"shortcode {raw} cannot be read ({exc})"
    if not parts:
        return "", (), f"shortcode {raw} has no name"
    return parts[0], tuple(parts[1:]), None


def read_front_matter(path: str, content: str) -> tuple[dict[str, Any], list[Problem]]:
    try:
        data = yaml.safe_load(content) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return {}, [Problem(f"front matter is not valid YAML ({getattr(exc, 'problem', exc)})", file=path,
                            line=(mark.line + 2) if mark else 1, hint="check the lines between the two ---")]
    except ValueError as exc:  # YAML reads 2024-09-31 as a date, and there is no such day
        return {}, [Problem(f"front matter has a date that does not exist ({exc})", file=path,
                            line=value_error_line(content, first_line=2) or 1,
                            hint="write dates as YYYY-MM-DD, or put the text in quotes")]
    if not isinstance(data, dict):
        return {}, [Problem("front matter must be 'key: value' lines", file=path, line=1,
                            hint="see the narrative stubs made by 'dirreport new'")]
    problems = []
    status = data.get("status", "draft")
    if status not in STATUSES:
        problems.append(Problem(f"status '{status}' is not draft or final", file=path,
                                line=_key_line(content, "status"), hint="write status: draft or status: final"))
    standards = data.get("standards", [])
    if standards and not isinstance(standards, list):
        problems.append(Problem("standards must be a list such as [QS1, QS2]", file=path,
                                line=_key_line(content, "standards"), hint="write standards: [QS1]"))
    return data, problems


def _key_line(content: str, key: str) -> int:
    for n, line in enumerate(content.split("\n"), start=2):
        if line.startswith(f"{key}:"):
            return n
    return 1


def check_links_and_images(narrative: Narrative, project_root: Path) -> tuple[list[Problem], list[Problem]]:
    """Errors (an image that cannot be used) and warnings (unsafe content that is neutralised).

    Anything that could fetch from the network, escape the project or run
    script is removed from the output and reported, never passed through.
    """
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for link in narrative.links:
        if ACTIVE_SCHEMES.match(link.href):
            warnings.append(Problem(f"link to '{link.href[:40]}' is not allowed and was removed", file=narrative.path,
                                    line=link.span.line,
                                    hint="links may go to web pages (https://...) or email addresses only"))
    for image in narrative.images:
        problem, fatal = _image_problem(image, narrative.path, project_root)
        if problem:
            (errors if fatal else warnings).append(problem)
    for piece in narrative.html:
        issues = unsafe_html(piece.html)
        if issues:
            line = piece.span.line if piece.span else (piece.lines[0] if piece.lines else None)
            warnings.append(Problem(f"raw HTML with {', '.join(dict.fromkeys(issues))} is not allowed and was removed",
                                    file=narrative.path, line=line,
                                    hint="write Markdown instead of HTML; only simple tags such as <abbr> or "
                                    "<span lang> are kept"))
    return errors, warnings


def image_is_unsafe(src: str) -> bool:
    """An image reference that would reach outside the project: it is replaced by its alt text."""
    src = src.strip()
    posix = PurePosixPath(src.replace("\\", "/"))
    return bool(URL.match(src)) or posix.is_absolute() or bool(re.match(r"^[A-Za-z]:", src)) or ".." in posix.parts


def _image_problem(image: Image, path: str, root: Path) -> tuple[Problem | None, bool]:
    src = image.src.strip()
    line = image.span.line
    if URL.match(src):
        return Problem(f"image '{src[:60]}' is on the internet and was left out", file=path, line=line,
                       hint="download it into the project (e.g. images/) and refer to it by its path"), False
    posix = PurePosixPath(src.replace("\\", "/"))
    if posix.is_absolute() or re.match(r"^[A-Za-z]:", src):
        return Problem(f"image path '{src}' is absolute and was left out", file=path, line=line,
                       hint="use a path relative to the project folder, e.g. images/photo.jpg"), False
    if ".." in posix.parts:
        return Problem(f"image path '{src}' leads outside the project and was left out", file=path, line=line,
                       hint="put the image inside the project folder"), False
    target = root / posix
    if posix.suffix.lower() not in IMAGE_EXTENSIONS:
        return Problem(f"image '{src}' is not a PNG, JPEG, GIF, SVG or WebP file", file=path, line=line,
                       hint="convert it to PNG or JPEG"), True
    if not target.exists() and not target.is_symlink():
        return Problem(f"image '{src}' does not exist", file=path, line=line,
                       hint="check the file name and folder"), True
    if not target.resolve().is_relative_to(root.resolve()):
        return Problem(f"image '{src}' is a link to a file outside the project", file=path, line=line,
                       hint="copy the image into the project instead of linking to it"), True
    size = target.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return Problem(f"image '{src}' is {size // (1024 * 1024)} MB", file=path, line=line,
                       hint=f"reduce it below {MAX_IMAGE_BYTES // (1024 * 1024)} MB "
                       "(2000 pixels wide is plenty)"), True
    return None, False


Expander = Callable[[Shortcode], str]


def expand(narrative: Narrative, expander: Expander, heading_base: int) -> str:
    """The body as pandoc Markdown: shortcodes expanded, headings shifted, unsafe parts neutralised.

    ``heading_base`` is the level of the heading the narrative sits under; the
    author's top heading level becomes the next one down.
    """
    lines = list(narrative.lines)
    edits: dict[int, list[tuple[int, int, str]]] = {}

    def edit(span: Span, replacement: str) -> None:
        edits.setdefault(span.line - 1, []).append((span.start, span.end, replacement))

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
            cleaned = clean_html("\n".join(lines[first - 1:last]))
            lines[first - 1:last] = [cleaned] + [""] * (last - first)
    _shift_headings(lines, narrative.headings, heading_base)
    return "\n".join(lines[narrative.body_start - 1:]).strip() + "\n"


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
