"""HTML: one self-contained file, charts as inline SVG so their text stays text.

pandoc writes it with dirreport's accessible page template (skip link,
landmarks, table of contents, print stylesheet); the narrative's pictures
are embedded as data, so the file works offline and fetches nothing.
"""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

from dirreport.assemble.blocks import svg_inline
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
from dirreport.render.page_safety import safe_page

# The web page's contents: chapters and their sections (headings are shifted down a level); the live
# preview's page uses the same depth so the two pages are one.
WEB_CONTENTS_DEPTH = 3


def render(document: Document, work: Path, settings: RenderSettings) -> list[Path]:
    source = stage(document, work)
    output = work / f"{document.basename}.html"
    run_pandoc(
        [
            source.name,
            "--from",
            "markdown",
            "--to",
            "html5",
            "--standalone",
            "--template",
            str(template(settings, "report.html")),
            *contents_args(document, depth=WEB_CONTENTS_DEPTH),
            "--shift-heading-level-by",
            "1",
            "--section-divs",
            *lua_filters(),
            *metadata_args(document, settings, "html"),
            "--output",
            output.name,
        ],
        cwd=work,
        epoch=settings.epoch,
    )
    # charts first, so the last wall sees the page exactly as it is published
    page = inline_charts(output.read_text(encoding="utf-8"), work)
    page = embed_images(safe_page(page, template(settings, "report.html")), work)
    output.write_text(page, encoding="utf-8")
    if not settings.site:
        return [output]
    from dirreport.render.html_site import write_site

    return [output, *write_site(page, document, work, settings)]


CHART_PLACE = re.compile(r'<img src="charts/([\w.-]+\.svg)" alt="([^"]*)" data-chart="([\w-]+)">')


def inline_charts(page: str, work: Path) -> str:
    """Each chart the document names, as the inline SVG drawn for it (staged in the work folder).

    Done on pandoc's output rather than its input, so pandoc never parses a page full of SVG.
    """

    def chart(match: re.Match[str]) -> str:
        path = work / "charts" / match.group(1)
        if not path.is_file():
            return match.group(0)
        return svg_inline(path, html_module.unescape(match.group(2)), match.group(3))

    return CHART_PLACE.sub(chart, page)


MIME = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}


def embed_images(page: str, work: Path) -> str:
    """Put the narrative's pictures into the page itself, so the file is whole on its own.

    Charts are already inline SVG; only the authors' pictures, staged in the work folder
    from inside the project, are left.  Doing this here rather than with pandoc's
    --embed-resources saves reparsing a page full of SVG (seconds and hundreds of MB).
    """
    import base64

    def inline(match: re.Match[str]) -> str:
        src = html_module.unescape(match.group(2))
        path = (work / src).resolve()
        if not path.is_relative_to(work.resolve()) or not path.is_file() or path.suffix.lower() not in MIME:
            return match.group(0)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'{match.group(1)}src="data:{MIME[path.suffix.lower()]};base64,{data}"'

    return re.sub(r'(<img\b[^>]*?\s)src="([^"]+)"', inline, page)
