"""PDF: pandoc's Typst writer, then Typst itself (the PyPI package), as Quarto does.

Typst writes a tagged PDF: structure tree, headings, figures with their
alternative text, table header cells, the document language and each
passage's own language, bookmarks from headings, embedded fonts.  The PDF is
declared PDF/UA-1, which Typst validates while writing it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from ..assemble import Document
from ..errors import InputError, Problem
from .common import RenderSettings, lua_filters, metadata_args, run_pandoc, stage, template

PDF_STANDARD: Literal["ua-1"] = "ua-1"


def font_paths() -> list[str]:
    """DejaVu Sans ships with matplotlib: the same face in charts and text, with every Welsh letter."""
    import matplotlib

    return [os.path.join(matplotlib.get_data_path(), "fonts", "ttf")]


def render(document: Document, work: Path, settings: RenderSettings) -> list[Path]:
    import typst

    source = stage(document, work)
    typ = work / f"{document.basename}.typ"
    run_pandoc(
        [
            source.name,
            "--from", "markdown",
            "--to", "typst",
            "--standalone",
            "--template", str(template(settings, "report.typ")),
            "--metadata", f"lang-code={document.lang}",
            *lua_filters(),
            *metadata_args(document, settings),
            "--output", typ.name,
        ],
        cwd=work,
        epoch=settings.epoch,
    )
    output = work / f"{document.basename}.pdf"
    try:
        typst.compile(
            str(typ),
            output=str(output),
            root=str(work),
            font_paths=font_paths(),
            ignore_system_fonts=True,
            pdf_standards=PDF_STANDARD,
            timestamp=settings.epoch,
        )
    except typst.TypstError as exc:
        raise InputError(Problem(
            f"Typst could not make the PDF: {exc.message}",
            file=str(template(settings, "report.typ").name),
            hint="; ".join(exc.hints) or "check any report.typ of your own in templates/",
        )) from None
    return [output]
