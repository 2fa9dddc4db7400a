"""HTML: one self-contained file, charts as inline SVG so their text stays text.

pandoc writes it with dirreport's accessible page template (skip link,
landmarks, table of contents, print stylesheet); images from the narrative
are embedded, so the file works offline and fetches nothing.
"""

from __future__ import annotations

from pathlib import Path

from ..assemble import Document
from .common import RenderSettings, lua_filters, metadata_args, run_pandoc, stage, template


def render(document: Document, work: Path, settings: RenderSettings) -> list[Path]:
    source = stage(document, work)
    output = work / f"{document.basename}.html"
    run_pandoc(
        [
            source.name,
            "--from", "markdown",
            "--to", "html5",
            "--standalone",
            "--embed-resources",
            "--template", str(template(settings, "report.html")),
            "--toc",
            "--toc-depth", "2",
            "--shift-heading-level-by", "1",
            "--section-divs",
            "--resource-path", f".:{settings.project_root}",
            *lua_filters(),
            *metadata_args(document, settings),
            "--output", output.name,
        ],
        cwd=work,
        epoch=settings.epoch,
    )
    return [output]
