"""Output engines: each turns an assembled Document into files.

Every engine is a function ``render(document, work_dir, settings) -> list[Path]``
that writes only inside ``work_dir``; publishing moves the results into place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dirreport.assemble.document import Document
from dirreport.render.common import RenderSettings

Engine = Callable[[Document, Path, RenderSettings], list[Path]]


def engine_for(fmt: str) -> Engine:
    """The render function for an output format, imported only when used."""
    if fmt == "html":
        from dirreport.render.html import render as html

        return html
    if fmt == "pdf":
        from dirreport.render.pdf import render as pdf

        return pdf
    if fmt == "docx":
        from dirreport.render.docx import render as docx

        return docx
    raise ValueError(f"unknown format {fmt}")
