"""The assembled document: the one contract between assembly and every render engine.

Renderers, downloads and the pipeline depend on this module alone, never on the
Jinja assembler, so an engine can be written or tested without templates.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dirreport.errors import Problem
from dirreport.figures.specs import ChartSpec, Figure, Table


@dataclass(frozen=True)
class Document:
    """One edition's assembled Markdown and everything needed to render it."""

    edition: str
    lang: str
    basename: str
    markdown: str
    metadata: Mapping[str, Any]
    figures: tuple[Figure, ...]
    tables: tuple[tuple[str, Table], ...]
    resources: Mapping[str, str]
    draft: bool
    warnings: tuple[Problem, ...] = ()

    def digest(self) -> str:
        """What the rendered files depend on, known as soon as the document is assembled.

        A chart is named by its specification's digest, style and the matplotlib that draws it (its cache
        path), so it is hashed by that name, never read: the digest does not wait for charts to be drawn.
        The authors' own pictures are project files, hashed by their content.
        """
        h = hashlib.sha256(self.markdown.encode())
        h.update(repr(sorted(self.metadata.items())).encode())
        for name, path in sorted(self.resources.items()):
            h.update(f"{name}\0{Path(path).name}\0".encode())
            if not name.startswith("charts/"):
                h.update(Path(path).read_bytes() if Path(path).exists() else b"")
        return h.hexdigest()

    @property
    def charts(self) -> tuple[ChartSpec, ...]:
        return tuple(f.spec for f in self.figures)


def output_basename(edition: str, year: str) -> str:
    """File names in the edition's own language, so each edition can name the other."""
    return {
        "en": f"directors-report-{year}",
        "cy": f"adroddiad-y-cyfarwyddwr-{year}",
        "bilingual": f"adroddiad-y-cyfarwyddwr-directors-report-{year}",
        "en-summary": f"directors-report-{year}-summary",
        "cy-summary": f"adroddiad-y-cyfarwyddwr-{year}-crynodeb",
    }[edition]
