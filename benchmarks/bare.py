"""The bare toolchain: what dirreport's build does, minus dirreport - for the comparison in run.py.

Charts are drawn by matplotlib through the same drawing code with no cache;
documents are written by pandoc and compiled by Typst with the same templates
and filters, called directly.  No checks, no caching, no downloads, no
publishing step.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from dirreport.assemble import Document
from dirreport.charts import draw
from dirreport.figures import ChartSpec
from dirreport.render.common import lua_filters, pandoc_path, resource, stage
from dirreport.render.pdf import font_paths


def draw_with_matplotlib(spec: object, folder: Path) -> None:
    assert isinstance(spec, ChartSpec)
    draw(spec, folder)


def render_with_pandoc_and_typst(document: Document, fmt: str, folder: Path) -> None:
    source = stage(document, folder)
    pandoc = [pandoc_path(), source.name, "--from", "markdown", *lua_filters()]
    if fmt == "html":
        subprocess.run([*pandoc, "--to", "html5", "--standalone", "--embed-resources", "--template",
                        str(resource("report.html")), "--toc", "--output", "out.html"], cwd=folder, check=True)
    elif fmt == "docx":
        subprocess.run([*pandoc, "--to", "docx", "--toc", "--output", "out.docx"], cwd=folder, check=True)
    else:
        import typst

        subprocess.run([*pandoc, "--to", "typst", "--standalone", "--template", str(resource("report.typ")),
                        "--metadata", f"lang-code={document.lang}", "--output", "out.typ"], cwd=folder, check=True)
        typst.compile(str(folder / "out.typ"), output=str(folder / "out.pdf"), root=str(folder),
                      font_paths=font_paths(), ignore_system_fonts=True)
