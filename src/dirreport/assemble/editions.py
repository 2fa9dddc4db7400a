"""Which assembler makes which edition: one language, or Welsh and English side by side."""

from __future__ import annotations

from dirreport.assemble.bilingual import assemble_bilingual
from dirreport.assemble.document import Document
from dirreport.assemble.edition import assemble_language
from dirreport.pipeline.project import Project


def assemble(project: Project, edition: str, engine: str = "pandoc", draft: bool = False) -> Document:
    """The edition's Markdown document (en, cy, or bilingual)."""
    if edition == "bilingual":
        return assemble_bilingual(project, engine=engine, draft=draft)
    return assemble_language(project, edition, engine=engine, draft=draft)
