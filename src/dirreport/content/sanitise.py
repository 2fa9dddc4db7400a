"""What a narrative may carry into a published report: safe HTML, links and pictures inside the project."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from dirreport.content.narrative import (
    ACTIVE_SCHEMES,
    IMAGE_EXTENSIONS,
    MAX_IMAGE_BYTES,
    Image,
    Narrative,
    Shortcode,
    parse,
)
from dirreport.content.pandoc_syntax import alt_text_problems, pandoc_problems
from dirreport.errors import Problem

SAFE_TAGS = {"abbr", "b", "br", "em", "i", "span", "strong", "sub", "sup", "small", "cite", "q", "p", "div"}
SAFE_ATTRIBUTES = {"lang", "title"}
URL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


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


def check_links_and_images(narrative: Narrative, project_root: Path) -> tuple[list[Problem], list[Problem]]:
    """Errors (an image that cannot be used) and warnings (unsafe content that is neutralised).

    Anything that could fetch from the network, escape the project or run
    script is removed from the output and reported, never passed through.
    """
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for link in narrative.links:
        if ACTIVE_SCHEMES.match(link.href):
            warnings.append(
                Problem(
                    f"link to '{link.href[:40]}' is not allowed and was removed",
                    file=narrative.path,
                    line=link.span.line,
                    hint="links may go to web pages (https://...) or email addresses only",
                )
            )
    for image in narrative.images:
        problem, fatal = _image_problem(image, narrative.path, project_root)
        if problem:
            (errors if fatal else warnings).append(problem)
    for piece in narrative.html:
        issues = unsafe_html(piece.html)
        if issues:
            line = piece.span.line if piece.span else (piece.lines[0] if piece.lines else None)
            warnings.append(
                Problem(
                    f"raw HTML with {', '.join(dict.fromkeys(issues))} is not allowed and was removed",
                    file=narrative.path,
                    line=line,
                    hint="write Markdown instead of HTML; only simple tags such as <abbr> or <span lang> are kept",
                )
            )
    return errors, warnings


def passage_problems(path: str, text: str) -> list[str]:
    """What a passage of narrative written elsewhere (a translator's segment) may not bring, in words.

    The same checks as a narrative file's, but every finding refuses the passage: a translation has no
    business adding script, raw passages or attributes that its source does not have.
    """
    narrative, _problems = parse(path, text)
    lines = narrative.lines
    found = [p.message for p in pandoc_problems(path, lines, 1)]
    found += [p.message for p in alt_text_problems(path, [(i.alt, i.span.line) for i in narrative.images])]
    found += [
        f"link to '{link.href[:40]}' is not allowed" for link in narrative.links if ACTIVE_SCHEMES.match(link.href)
    ]
    found += [
        f"image '{image.src[:40]}' is outside the project" for image in narrative.images if image_is_unsafe(image.src)
    ]
    for piece in narrative.html:
        issues = unsafe_html(piece.html)
        if issues:
            found.append(f"raw HTML with {', '.join(dict.fromkeys(issues))} is not allowed")
    return list(dict.fromkeys(found))


def image_is_unsafe(src: str) -> bool:
    """An image reference that would reach outside the project: it is replaced by its alt text."""
    src = src.strip()
    posix = PurePosixPath(src.replace("\\", "/"))
    return bool(URL.match(src)) or posix.is_absolute() or bool(re.match(r"^[A-Za-z]:", src)) or ".." in posix.parts


def _image_problem(image: Image, path: str, root: Path) -> tuple[Problem | None, bool]:
    src = image.src.strip()
    line = image.span.line
    if URL.match(src):
        return Problem(
            f"image '{src[:60]}' is on the internet and was left out",
            file=path,
            line=line,
            hint="download it into the project (e.g. images/) and refer to it by its path",
        ), False
    posix = PurePosixPath(src.replace("\\", "/"))
    if posix.is_absolute() or re.match(r"^[A-Za-z]:", src):
        return Problem(
            f"image path '{src}' is absolute and was left out",
            file=path,
            line=line,
            hint="use a path relative to the project folder, e.g. images/photo.jpg",
        ), False
    if ".." in posix.parts:
        return Problem(
            f"image path '{src}' leads outside the project and was left out",
            file=path,
            line=line,
            hint="put the image inside the project folder",
        ), False
    target = root / posix
    if posix.suffix.lower() not in IMAGE_EXTENSIONS:
        return Problem(
            f"image '{src}' is not a PNG, JPEG, GIF, SVG or WebP file",
            file=path,
            line=line,
            hint="convert it to PNG or JPEG",
        ), True
    if not target.exists() and not target.is_symlink():
        return Problem(
            f"image '{src}' does not exist", file=path, line=line, hint="check the file name and folder"
        ), True
    if not target.resolve().is_relative_to(root.resolve()):
        return Problem(
            f"image '{src}' is a link to a file outside the project",
            file=path,
            line=line,
            hint="copy the image into the project instead of linking to it",
        ), True
    size = target.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return Problem(
            f"image '{src}' is {size // (1024 * 1024)} MB",
            file=path,
            line=line,
            hint=f"reduce it below {MAX_IMAGE_BYTES // (1024 * 1024)} MB (2000 pixels wide is plenty)",
        ), True
    return None, False


Expander = Callable[[Shortcode], str]
