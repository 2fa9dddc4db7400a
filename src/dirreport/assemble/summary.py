"""The summary edition: a short report for the public, in each language, beside the full editions.

Councils promise "a short summary" of the Director's report, often for
children and young people.  It is made from what the full report already
says, so it can never disagree with it: the Director's summary, the year in
numbers and the priorities for next year (the narrative places ``1-summary``
and ``4d-priorities``), assembled by the same ``Assembler`` with the same
shortcodes and judgements.  Tables and charts stay in the full report, to
which the summary's last section points; a summary is words and key figures.
It has its own title ("…: summary", "…: crynodeb" unless the project names
it) and its own reading-ease target (``checks.summary``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from markupsafe import Markup

from dirreport.assemble import blocks
from dirreport.assemble.contact import contact_details
from dirreport.assemble.document import Document, output_basename
from dirreport.assemble.edition import Assembler, PlaceView, resources_for
from dirreport.assemble.edition_gate import (
    is_draft_edition,
    refuse_unpublishable,
)
from dirreport.assemble.metadata import front_matter, metadata_for, report_title
from dirreport.assemble.shortcodes import PAGEBREAK
from dirreport.assemble.templates import environment, raise_template_fault
from dirreport.assemble.year_in_numbers import SHORTCODE
from dirreport.config.settings import SUMMARY_SUFFIX
from dirreport.content import prescribed_form
from dirreport.errors import InputError
from dirreport.lang.bilingual_text import LANG_TAGS
from dirreport.lang.i18n import N_, _
from dirreport.pipeline.project import Project

PLACES = ("1-summary", "4d-priorities")  # the narrative the summary is made from, in its order
# the full report in the summary's own format: (setting, pandoc's format, file suffix)
FORMAT_FILES = (("html", "html", ".html"), ("pdf", "typst", ".pdf"), ("docx", "docx", ".docx"))


class SummaryAssembler(Assembler):
    """The full report's assembler, leaving its tables and charts to the full report and saying so."""

    def _chart(self, chart_id: str, kind: str) -> str:
        return LEFT_OUT

    def _table(self, table_id: str) -> str:
        return LEFT_OUT


# what a chart or table left to the full report leaves behind, until the section around it is judged
LEFT_OUT = "<!-- dirreport: in the full report -->"
HEADING = re.compile(r"^(#{1,6}) ")
# a chapter the summary does not contain: "in Chapter 3", "ym Mhennod 3" (with its mutations)
CHAPTER = {
    "en": (re.compile(r"\b(Chapter \d+)(?! of the full report)\b"), N_("{chapter} of the full report")),
    "cy": (re.compile(r"\b([PBM]h?h?ennod \d+)(?! yr adroddiad llawn)\b"), N_("{chapter} of the full report")),
}


def without_left_out(markdown: str) -> str:
    """A summary's narrative without the charts and tables it leaves to the full report.

    A section that held one only to introduce it (a heading, a sentence, the table) goes whole, so no
    heading stands empty; elsewhere only the chart or table goes.  The summary's last section links the
    full report, which has them all.
    """
    sections: list[list[str]] = [[]]
    fenced = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and HEADING.match(line) and sections[-1]:
            sections.append([])
        sections[-1].append(line)
    kept = []
    for section in sections:
        text = "\n".join(section)
        if LEFT_OUT in text:
            body = [ln for ln in section if not HEADING.match(ln)]
            paragraphs = [p for p in "\n".join(body).replace(LEFT_OUT, "").split("\n\n") if p.strip()]
            if HEADING.match(section[0]) and len(paragraphs) <= 1:
                continue
            text = text.replace(LEFT_OUT, "")
        kept.append(text)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept))


def chapters_of_the_full_report(markdown: str, lang: str) -> str:
    """ "a clear plan in Chapter 3" said of a summary that has no Chapter 3: the full report's chapter."""
    pattern, words = CHAPTER[lang]
    return pattern.sub(lambda m: _(words, lang, chapter=m.group(1)), markdown)


def summary_title(project: Project, lang: str) -> str:
    """The project's own summary title, or the report's title with ': summary'."""
    own = project.config.summary.title
    if own is not None:
        return own(lang)
    return _("{title}: summary", lang, title=report_title(project, lang))


def assemble_summary(project: Project, lang: str, engine: str = "pandoc", draft: bool = False) -> Document:
    """One language's summary edition (en-summary, cy-summary)."""
    config = project.config
    edition = f"{lang}{SUMMARY_SUFFIX}"
    assembler = SummaryAssembler(project, lang, engine, draft, data_edition=edition)
    is_draft = draft or is_draft_edition(project, [lang])
    metadata = _metadata(project, lang, edition, is_draft)
    views = [_view(assembler, place_id) for place_id in PLACES]
    narratives = project.narratives.get(lang, {})
    opening = narratives.get(PLACES[0])
    # the page goes where the Director's summary places it; placed in another chapter, it follows the summary here
    elsewhere = assembler.year_in_numbers_placed() and not (
        opening is not None and any(c.name == SHORTCODE for c in opening.shortcodes)
    )
    context = {
        "lang": lang,
        "meta": metadata,
        "places": views,
        "year_in_numbers": Markup(assembler.year_in_numbers(1)) if elsewhere else Markup(""),
        "full_report": Markup(_full_report(project, lang)),
        "contact": Markup(contact_details(config, lang, level=1)),
        "pagebreak": PAGEBREAK,
    }
    env = environment(config.root, lang)
    try:
        body = env.get_template("summary.md.j2").render(context)
    except InputError:
        raise
    except Exception as exc:
        raise_template_fault(exc, config.root)
    refuse_unpublishable(project, assembler.errors, body, edition)
    return Document(
        edition=edition,
        lang=lang,
        basename=output_basename(edition, config.year),
        markdown=front_matter(metadata) + body,
        metadata=metadata,
        figures=(),
        tables=(),
        resources=resources_for(project, []),
        draft=is_draft,
        warnings=(*project.warnings, *assembler.warnings),
    )


def _view(assembler: Assembler, place_id: str) -> PlaceView:
    """A narrative place as a top-level section of the summary: its plain title, its headings one level down."""
    place = prescribed_form.place(place_id)
    view = assembler.place_view(replace(place, level=1, kind="extra", numbering=()))
    if view.narrative is None:
        return view
    text = chapters_of_the_full_report(without_left_out(str(view.narrative)), assembler.lang)
    return replace(view, narrative=Markup(text))


def _metadata(project: Project, lang: str, edition: str, draft: bool) -> dict[str, object]:
    """The full edition's metadata with the summary's title, and the other language's summary as the other edition."""
    config = project.config
    meta = metadata_for(project, lang, edition, draft)
    meta["title"] = summary_title(project, lang)
    meta["no-contents"] = True  # a few pages, read from the start: a contents page would be most of a page blank
    meta.pop("summary-href", None)
    other = "cy" if lang == "en" else "en"
    if other in config.languages:
        other_file = output_basename(f"{other}{SUMMARY_SUFFIX}", config.year)
        meta["other-edition-file"] = other_file
        meta["other-edition-path"] = f"../{other}{SUMMARY_SUFFIX}/{other_file}"
        meta["other-edition-lang"] = LANG_TAGS[other]
    return meta


def _full_report(project: Project, lang: str) -> str:
    """Where the full report is, in the summary's own format (the web page links to the web page, and so on)."""
    basename = output_basename(lang, project.config.year)
    sentence = _(
        "The full report gives every figure, with tables and charts, and the evidence for each quality standard.",
        lang,
    )
    link_text = report_title(project, lang)
    parts = [blocks.md(sentence)]
    website = project.config.contact.website if project.config.contact is not None else ""
    if website:
        # an address that holds once the summary is published on its own, where a path beside it would not
        where = _(
            "The full report, {title}, is on our website: {website}",
            lang,
            title=f"*{blocks.md(link_text)}*",
            website=f"[{blocks.md(website)}]({website})",
        )
        parts.append(where)
        return "\n\n".join(parts)
    for setting, fmt, suffix in FORMAT_FILES:
        if setting in project.config.formats:
            parts.append(blocks.visible(fmt, f"[{blocks.md(link_text)}](../{lang}/{basename}{suffix})"))
    return "\n\n".join(parts)
