"""Templates, narrative and results into one pandoc-Markdown document per edition.

The Jinja2 templates decide the report's shape (package templates, each
replaceable by a file of the same name in the project's ``templates/``);
this module gives them ready-made pieces: headings in the edition's language,
narrative with its shortcodes expanded, evidence tables and figures.
Templates run in Jinja2's sandbox: a project's template cannot reach Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from dirreport.assemble import blocks, forewords, icons, year_in_numbers
from dirreport.assemble.contact import contact_block
from dirreport.assemble.document import Document, output_basename
from dirreport.assemble.edition_gate import (
    is_draft_edition,
    refuse_unpublishable,
)
from dirreport.assemble.figure_book import FigureBook, data_files
from dirreport.assemble.glossary import glossary_list
from dirreport.assemble.metadata import front_matter, metadata_for
from dirreport.assemble.shortcodes import PAGEBREAK, ShortcodeDispatch
from dirreport.assemble.templates import environment, raise_template_fault
from dirreport.compute.indicators import OK
from dirreport.content import prescribed_form
from dirreport.content.abbreviations import FirstUse
from dirreport.content.expansion import expand
from dirreport.content.narrative import Narrative
from dirreport.errors import InputError, Problem
from dirreport.figures.charts import chart_files
from dirreport.figures.method_notes import method_notes
from dirreport.figures.specs import (
    Figure,
    Table,
    composition_figure,
    source_notes,
    survey_figure,
    trend_figure,
)
from dirreport.lang import i18n
from dirreport.lang.i18n import _
from dirreport.pipeline.project import Project
from dirreport.prose import sentences


@dataclass
class StandardView:
    id: str
    number: int
    label: str
    text: str
    indicator_table: Markup
    figures: list[Markup]
    survey: Markup


@dataclass
class ImprovementView:
    id: str
    point: str
    heading: str | None
    account: Markup | None


@dataclass
class PlaceView:
    id: str
    level: int
    kind: str
    numeral: str
    heading: str
    anchor: str
    narrative: Markup | None
    status: str
    standards: list[StandardView] = field(default_factory=list)
    improvements: list[ImprovementView] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)
    missing: bool = False
    portrait: Markup | None = None
    sign_off: Markup | None = None


class Assembler(ShortcodeDispatch):
    """Builds one edition's document; collects problems rather than stopping at the first."""

    def __init__(
        self, project: Project, lang: str, engine: str = "pandoc", draft: bool = False, data_edition: str | None = None
    ) -> None:
        self.project = project
        self.lang = lang
        self.engine = engine
        self.draft = draft
        data_file = (
            f"{output_basename(data_edition or lang, project.config.year)}-data.xlsx"
            if project.config.appendix == "download"
            else None
        )
        self.book = FigureBook(lang, project.cache_dir / "charts", engine, data_file, project.brand.primary)
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.config = project.config
        self.first_use = FirstUse(project.glossary, lang)
        self._year_in_numbers_checked = False
        self.bilingual = data_edition == "bilingual"  # one side of the bilingual edition

    # --- evidence -----------------------------------------------------------------------------------

    def _standard_summary(self, standard_id: str) -> StandardView:
        std = self.project.catalogue.standards[standard_id]
        return StandardView(
            standard_id,
            std.number,
            _("Quality standard {n}", self.lang, n=std.number),
            std.text(self.lang),
            Markup(""),
            [],
            Markup(""),
        )

    def standard_view(self, standard_id: str) -> StandardView:
        catalogue, results, lang = self.project.catalogue, self.project.results, self.lang
        std = catalogue.standards[standard_id]
        ids = [i.id for i in catalogue.indicators_for(standard_id)]
        table = self.book.table(self._standard_table(standard_id, ids)) if ids else Markup("")
        figures = []
        for iid in ids:
            result = results.indicators[iid]
            if result.has_series and self.charts_trend(iid):
                figures.append(self.book.figure(trend_figure(result, self.config.area, lang)))
        for comp in catalogue.compositions_for(standard_id):
            figure = composition_figure(comp, results, catalogue, lang)
            if figure is not None:
                figures.append(self.book.figure(figure))
        survey_results = [r for m in catalogue.survey_for(standard_id) for r in results.survey_for(m.id)]
        survey = self.book.figure(
            survey_figure(
                f"survey-{standard_id}",
                _(
                    "What people told us: survey results for quality standard {n}, {year}",
                    lang,
                    n=std.number,
                    year=i18n.financial_year(results.year, lang),
                ),
                survey_results,
                lang,
            )
        )
        return StandardView(
            standard_id,
            std.number,
            _("Quality standard {n}", lang, n=std.number),
            std.text(lang),
            table,
            figures,
            survey,
        )

    # --- places -------------------------------------------------------------------------------------

    def place_view(self, place: prescribed_form.Place) -> PlaceView:
        narrative = self.project.narratives.get(self.lang, {}).get(place.id)
        text: Markup | None = None
        status = "final"
        improvements: list[ImprovementView] = []
        if narrative is not None:
            status = narrative.status
            body = expand(
                narrative, self.expander(narrative, place.level), place.level, self.first_use.marks(narrative)
            )
            if place.kind == "section" and place.numbering[-1] == "iv":
                body, improvements = self._improvements(place, narrative, body)
            text = Markup(body)
        if place.id == "1-summary" and not self.year_in_numbers_placed():
            page = self.year_in_numbers(place.level + 1)
            text = Markup(year_in_numbers.with_default_place(str(text or ""), page)) if page else text
        view = PlaceView(
            place.id,
            place.level,
            place.kind,
            place.numbering[-1] if place.numbering else "",
            # a declared section's or foreword's title is the authority's text: printed as text, never Markdown
            Markup(blocks.md(place.heading(self.lang))) if place.own_title is not None else place.heading(self.lang),
            place.anchor,
            text,
            status,
            improvements=improvements,
            missing=narrative is None
            and place in prescribed_form.narrative_places_of(self.config)
            and prescribed_form.in_force(place, self.config.year),
        )
        if place.foreword is not None:
            view.portrait = forewords.portrait(place.foreword, self.lang)
            view.sign_off = forewords.sign_off(place.foreword, self.lang, self.config.director)
        if view.missing:
            view.status = "draft"
        standards = self.project.catalogue.standards_of(place.heading_id) if place.heading_id else []
        if place.kind == "part":
            view.standards = [self._standard_summary(s.id) for s in standards]
        if place.kind == "section" and place.numbering[-1] == "ii":
            view.standards = [self.standard_view(s.id) for s in standards]
        if place.kind == "section" and place.numbering[-1] == "iii":
            view.planned = [imp.text.get(self.lang, "") for imp in self._this_year_improvements(place)]
        return view

    def _this_year_improvements(self, place: prescribed_form.Place) -> list[Any]:
        return []

    def _improvements(
        self, place: prescribed_form.Place, narrative: Narrative, body: str
    ) -> tuple[str, list[ImprovementView]]:
        """Split a section (iv) into accounts headed {#ID} and pair each with last year's point."""
        part = place.parent or ""
        points = [p for p in self.project.dataset.improvements if p.part == part]
        chunks = _split_by_anchor(body)
        views = []
        for point in points:
            found = chunks.pop(point.id.lower(), None)
            views.append(
                ImprovementView(
                    point.id,
                    Markup(blocks.md(point.text.get(self.lang, ""))),  # a CSV cell: printed as text, never Markdown
                    found[0] if found else None,
                    Markup(found[1]) if found else None,
                )
            )
        remaining = chunks.pop("", ("", ""))[1]
        for unknown in chunks:
            self.errors.append(
                Problem(
                    f"heading {{#{unknown}}} names no improvement from last year",
                    file=narrative.path,
                    hint="use an id from data/last-year-improvements.csv",
                )
            )
        return remaining, views

    def sufficiency_applies(self) -> bool:
        """Section 75D applies from the 2026-27 report on and never before, whatever the data hold."""
        return prescribed_form.in_force(prescribed_form.place("4d-sufficiency"), self.config.year)

    def sufficiency_table(self) -> Markup:
        catalogue, results, lang = self.project.catalogue, self.project.results, self.lang
        codes = sorted(c for c in catalogue.metrics if c.startswith("SU/"))
        rows, numbers = [], []
        for c in codes:
            v = results.metric(c)
            marker = sentences.MARKERS.get(v.status, i18n.NOT_AVAILABLE)
            shown = i18n.number(v.value, lang) if v.status == OK else marker
            rows.append((catalogue.metrics[c].label(lang), shown))
            numbers.append((catalogue.metrics[c].label(lang), v.value if v.status == OK else shown))
        if not rows:
            return Markup("")
        table = Table(
            "sufficiency",
            _("Sufficiency of accommodation, {year}", lang, year=i18n.financial_year(results.year, lang)),
            (_("Measure", lang), i18n.financial_year(results.year, lang)),
            tuple(rows),
            tuple(numbers),
            ("l", "r"),
        )
        return self.book.table(table)


_ANCHORED = re.compile(r"^(#{1,6})\s+(.*?)\s*\{#([A-Za-z0-9_.:-]+)\}\s*$")


def _split_by_anchor(body: str) -> dict[str, tuple[str, str]]:
    """Body chunks keyed by the lower-cased {#id} of the heading that opens them; '' holds the rest."""
    chunks: dict[str, tuple[str, list[str]]] = {"": ("", [])}
    current = ""
    for line in body.split("\n"):
        m = _ANCHORED.match(line)
        if m:
            current = m.group(3).lower()
            chunks[current] = (m.group(2), [])
            continue
        chunks[current][1].append(line)
    return {k: (title, "\n".join(lines).strip() + "\n") for k, (title, lines) in chunks.items()}


# --- templates ----------------------------------------------------------------------------------------


def assemble_language(project: Project, lang: str, engine: str = "pandoc", draft: bool = False) -> Document:
    config = project.config
    assembler = Assembler(project, lang, engine, draft)
    is_draft = draft or is_draft_edition(project, [lang])
    metadata = metadata_for(project, lang, lang, is_draft)

    def views() -> Iterator[PlaceView]:
        # made as the template reaches each place, so tables and figures are numbered in reading order
        for place in prescribed_form.of_report(config):
            if place.id == "4d-sufficiency" and not assembler.sufficiency_applies():
                continue
            yield assembler.place_view(place)

    context = {
        "lang": lang,
        "meta": metadata,
        "places": views(),
        "summary": assembler.summary,
        "summary_number": lambda: assembler.book.summary_number,
        "sufficiency": lambda: assembler.sufficiency_table() if assembler.sufficiency_applies() else Markup(""),
        "book": assembler.book,
        "population": population_sentence(project, lang),
        "pagebreak": PAGEBREAK,
        "source_notes": marked_in_data(project, lang),
        "contact": lambda: contact_block(config, lang),
        "glossary": lambda: glossary_list(assembler.first_use, lang),
    }
    env = environment(config.root, lang)
    try:
        body = env.get_template("report.md.j2").render(context)
        appendix = env.get_template("appendix.md.j2").render(
            {**context, "appendix": assembler.book.appendix_tables(), "data_file": data_files(assembler.book)}
        )
    except InputError:
        raise
    except Exception as exc:
        raise_template_fault(exc, config.root)
    refuse_unpublishable(project, assembler.errors, body + appendix, lang)
    markdown = front_matter(metadata) + body + "\n" + appendix
    resources = resources_for(project, assembler.book.figures)
    return Document(
        edition=lang,
        lang=lang,
        basename=output_basename(lang, config.year),
        markdown=markdown,
        metadata=metadata,
        figures=tuple(assembler.book.figures),
        tables=tuple(assembler.book.numbered_tables()),
        resources=resources,
        draft=is_draft,
        warnings=(*project.warnings, *assembler.warnings),
    )


def marked_in_data(project: Project, lang: str) -> list[Markup]:
    """'About the figures' sentences naming the figures the data marks provisional, confidential and so on."""
    notes = [
        *method_notes(project.results, project.catalogue, lang),
        *source_notes(project.results, project.catalogue, lang),
    ]
    return [Markup(blocks.md(note)) for note in notes]


def resources_for(project: Project, figures: list[Figure]) -> dict[str, str]:
    out = {}
    for fig in figures:
        files = chart_files(fig.spec, project.cache_dir / "charts")
        out[f"charts/{blocks.svg_name(fig)}"] = str(files["svg"])
        out[f"charts/{blocks.png_name(fig)}"] = str(files["png"])
    if project.config.year_in_numbers != ():
        out.update(icons.word_pictures(project.cache_dir, project.brand.primary))
    if project.brand.logo is not None:
        out[f"brand/{project.brand.logo.name}"] = str(project.brand.logo)
    for foreword in project.config.forewords:
        for src in forewords.pictures(foreword):
            out[src] = str(project.root / src)
    for lang_narratives in project.narratives.values():
        for narrative in lang_narratives.values():
            for image in narrative.images:
                from dirreport.content.sanitise import image_is_unsafe

                if not image_is_unsafe(image.src) and (project.root / image.src).is_file():
                    out[image.src] = str(project.root / image.src)
    return out


def population_sentence(project: Project, lang: str) -> str:
    total = sum(project.results.population.values())
    if not total:
        return ""
    return sentences.people_in_place(total, project.config.area(lang), project.config.year, lang)
