"""The HTML edition rendered section by section, for the live preview.

pandoc reads the whole report on every run; an author who saves one paragraph
should not wait for the other hundred sections.  Here the assembled Markdown is
cut at its chapter and part headings, each piece is rendered to an HTML fragment
on its own (cached by its text), and the fragments are nested back into the page
shell that pandoc makes from the headings alone (cached too: it changes only
when a heading does).  A saved paragraph costs one small pandoc run.

The published HTML is always rendered whole by ``render.html``; the preview's
page carries the same sections, headings, figures and text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dirreport.assemble.document import Document
from dirreport.render.common import (
    RenderSettings,
    contents_args,
    lua_filters,
    metadata_args,
    run_pandoc,
    stage,
    template,
)
from dirreport.render.html import WEB_CONTENTS_DEPTH, embed_images, inline_charts
from dirreport.render.page_safety import safe_page

HEADING = re.compile(r"^(#{1,2}) \S")
ANY_HEADING = re.compile(r"^#{1,6} \S")
FENCE = re.compile(r"^(`{3,}|~{3,})")
MAIN = re.compile(r'(<main id="main"[^>]*>\n?)(.*)(\n?</main>)', re.S)


@dataclass(frozen=True)
class Piece:
    level: int  # 0 before the first heading, else the heading's level (1 chapter, 2 part)
    text: str


def split_front_matter(markdown: str) -> tuple[str, str]:
    """The YAML front matter (with its fences) and the body after it."""
    if markdown.startswith("---\n"):
        end = markdown.index("\n---\n", 4) + len("\n---\n")
        return markdown[:end], markdown[end:]
    return "", markdown


def heading_lines(body: str) -> list[int]:
    """Indexes of every ATX heading line outside code blocks, at any depth of fenced divs."""
    fence: str | None = None
    found = []
    for n, line in enumerate(body.split("\n")):
        if fence is not None:
            if line.startswith(fence):
                fence = None
        elif match := FENCE.match(line):
            fence = match.group(1)
        elif ANY_HEADING.match(line):
            found.append(n)
    return found


def with_explicit_ids(line: str, identifier: str) -> str:
    """A heading line carrying the identifier pandoc gave it, unless it already has one."""
    attributes = re.search(r"\{([^{}]*)\}\s*$", line)
    if attributes is None:
        return f"{line} {{#{identifier}}}"
    if "#" in attributes.group(1):
        return line
    start = attributes.start(1)
    return f"{line[:start]}#{identifier} {line[start:]}"


def pieces(body: str) -> Iterator[Piece]:
    """The body cut before every chapter (#) and part (##) heading outside code and fenced divs."""
    fence: str | None = None
    divs = 0
    level = 0
    lines: list[str] = []
    for line in body.split("\n"):
        if fence is not None:
            if line.startswith(fence):
                fence = None
        elif match := FENCE.match(line):
            fence = match.group(1)
        elif line.startswith(":::"):
            divs += 1 if line.strip(": ") else -1
        elif divs == 0 and (heading := HEADING.match(line)):
            if lines:
                yield Piece(level, "\n".join(lines))
            level, lines = len(heading.group(1)), []
        lines.append(line)
    if lines:
        yield Piece(level, "\n".join(lines))


def skeleton(front: str, body: str) -> str:
    """What the page shell is made from: the front matter and every heading the contents lists.

    The contents lists chapters and parts wherever they stand, inside a fenced div too, so the
    headings are found by ``heading_lines`` rather than taken from the pieces.
    """
    lines = body.split("\n")
    headings = [lines[n] for n in heading_lines(body) if HEADING.match(lines[n])]
    return front + "\n" + "\n\n".join(headings) + "\n"


def nest(fragments: list[tuple[int, str]]) -> str:
    """Rendered pieces in order, each part inside its chapter's section, as a whole render would nest them."""
    out: list[str] = []
    chapter_open = False
    for level, html in fragments:
        if level == 1:
            if chapter_open:
                out.append("</section>")
            html = html.rstrip()
            if html.endswith("</section>"):
                html = html[: -len("</section>")]
                chapter_open = True
        out.append(html)
    if chapter_open:
        out.append("</section>")
    return "\n".join(out)


class SectionRenderer:
    """Renders one edition's HTML from cached section fragments; one per live preview."""

    def __init__(self, work: Path, settings: RenderSettings) -> None:
        self.work = work
        self.settings = settings
        self.fragments: dict[str, str] = {}
        self.shells: dict[str, str] = {}
        self.identifiers: dict[str, list[str]] = {}
        self.pandoc_runs = 0

    def render(self, document: Document) -> str:
        stage(document, self.work)  # the charts and pictures the fragments refer to
        front, body = split_front_matter(document.markdown)
        identified = self._identified(front, body)
        fragments = [(p.level, self._fragment(front, p)) for p in pieces(identified)]
        shell = self._shell(skeleton(front, identified), document)
        page = MAIN.sub(lambda m: m.group(1) + nest(fragments) + m.group(3), shell, count=1)
        page = inline_charts(page, self.work)
        return embed_images(safe_page(page, template(self.settings, "report.html")), self.work)

    def _identified(self, front: str, body: str) -> str:
        """The body with every heading's identifier written out, as pandoc makes them for the whole document.

        pandoc keeps identifiers unique within one run ("what-we-do-well-1"...); pieces rendered apart
        would repeat them, so the identifiers are asked of pandoc once, from all the headings together.
        """
        lines = body.split("\n")
        where = heading_lines(body)
        text = front + "\n" + "\n\n".join(lines[n] for n in where) + "\n"
        key = hashlib.sha256(text.encode()).hexdigest()
        if key not in self.identifiers:
            self.identifiers[key] = self._heading_ids(text, key)
        identifiers = self.identifiers[key]
        if len(identifiers) != len(where):
            return body  # a heading pandoc reads differently: pieces keep their own identifiers
        for n, identifier in zip(where, identifiers, strict=True):
            lines[n] = with_explicit_ids(lines[n], identifier)
        return "\n".join(lines)

    def _heading_ids(self, text: str, key: str) -> list[str]:
        source = self.work / f"headings-{key[:16]}.md"
        output = source.with_suffix(".json")
        source.write_text(text, encoding="utf-8")
        run_pandoc(
            [source.name, "--from", "markdown", "--to", "json", "--output", output.name],
            cwd=self.work,
            epoch=self.settings.epoch,
        )
        self.pandoc_runs += 1
        blocks = json.loads(output.read_text(encoding="utf-8"))["blocks"]
        source.unlink()
        output.unlink()
        return [b["c"][1][0] for b in blocks if b["t"] == "Header"]

    def _fragment(self, front: str, piece: Piece) -> str:
        key = hashlib.sha256(f"{front}\0{piece.text}".encode()).hexdigest()
        if key not in self.fragments:
            self.fragments[key] = self._pandoc(front + "\n" + piece.text, key, standalone=False)
        return self.fragments[key]

    def _shell(self, text: str, document: Document) -> str:
        key = hashlib.sha256(text.encode()).hexdigest()
        if key not in self.shells:
            self.shells[key] = self._pandoc(text, key, standalone=True, document=document)
        return self.shells[key]

    def _pandoc(self, text: str, key: str, standalone: bool, document: Document | None = None) -> str:
        source = self.work / f"piece-{key[:16]}.md"
        output = source.with_suffix(".html")
        source.write_text(text, encoding="utf-8")
        page_args = (
            [
                "--standalone",
                "--template",
                str(template(self.settings, "report.html")),
                *contents_args(document, depth=WEB_CONTENTS_DEPTH),
            ]
            if standalone and document is not None
            else []
        )
        run_pandoc(
            [
                source.name,
                "--from",
                "markdown",
                "--to",
                "html5",
                *page_args,
                "--shift-heading-level-by",
                "1",
                "--section-divs",
                *lua_filters(),
                *(metadata_args(document, self.settings, "html") if document else []),
                "--output",
                output.name,
            ],
            cwd=self.work,
            epoch=self.settings.epoch,
        )
        self.pandoc_runs += 1
        html = output.read_text(encoding="utf-8")
        source.unlink()
        output.unlink()
        return html
