"""Which assembler makes which edition: one language, Welsh and English side by side, or a short summary."""

from __future__ import annotations

from dirreport.assemble.bilingual import assemble_bilingual
from dirreport.assemble.document import Document
from dirreport.assemble.edition import assemble_language
from dirreport.assemble.summary import assemble_summary
from dirreport.config.settings import summary_language
from dirreport.pipeline.project import Project


def assemble(project: Project, edition: str, engine: str = "pandoc", draft: bool = False) -> Document:
    """The edition's Markdown document (en, cy, bilingual, or a language's summary: en-summary, cy-summary)."""
    summary_of = summary_language(edition)
    if summary_of is not None:
        return assemble_summary(project, summary_of, engine=engine, draft=draft)
    if edition == "bilingual":
        return assemble_bilingual(project, engine=engine, draft=draft)
    return assemble_language(project, edition, engine=engine, draft=draft)
