"""The bare toolchain: what dirreport's build does, minus dirreport - for the comparison in run.py.

Charts are drawn by matplotlib through the same drawing code with no cache;
documents are written by pandoc and compiled by Typst with the same templates
and filters, called directly.  No checks, no caching, no downloads, no
publishing step.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from dirreport.assemble.document import Document
from dirreport.figures import charts
from dirreport.figures.fonts import font_paths
from dirreport.figures.specs import ChartSpec
from dirreport.render.common import lua_filters, pandoc_path, resource, stage


def draw_with_matplotlib(spec: object, folder: Path) -> None:
    """SVG for the web page and PDF, PNG at print resolution for Word: matplotlib's usual two saves."""
    assert isinstance(spec, ChartSpec)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{spec.kind}-{spec.digest()}"
    fig = charts.figure(spec)
    if fig.get_layout_engine() is None:
        fig.set_layout_engine("tight", pad=0.4)
    fig.savefig(stem.with_suffix(".svg"), format="svg")
    fig.savefig(stem.with_suffix(".png"), format="png", dpi=charts.PNG_DPI)
    charts._pyplot().close(fig)


def render_with_pandoc_and_typst(document: Document, fmt: str, folder: Path) -> None:
    source = stage(document, folder)
    pandoc = [pandoc_path(), source.name, "--from", "markdown", *lua_filters()]
    if fmt == "html":
        subprocess.run(
            [
                *pandoc,
                "--to",
                "html5",
                "--standalone",
                "--embed-resources",
                "--template",
                str(resource("report.html")),
                "--toc",
                "--output",
                "out.html",
            ],
            cwd=folder,
            check=True,
        )
    elif fmt == "docx":
        subprocess.run([*pandoc, "--to", "docx", "--toc", "--output", "out.docx"], cwd=folder, check=True)
    else:
        import typst

        subprocess.run(
            [
                *pandoc,
                "--to",
                "typst",
                "--standalone",
                "--template",
                str(resource("report.typ")),
                "--metadata",
                f"lang-code={document.lang}",
                "--output",
                "out.typ",
            ],
            cwd=folder,
            check=True,
        )
        typst.compile(
            str(folder / "out.typ"),
            output=str(folder / "out.pdf"),
            root=str(folder),
            font_paths=font_paths(),
            ignore_system_fonts=True,
        )
