"""Templates, narrative and results into one pandoc-Markdown document per edition.

The Jinja2 templates decide the report's shape (package templates, each
replaceable by a file of the same name in the project's ``templates/``);
this module gives them ready-made pieces: headings in the edition's language,
narrative with its shortcodes expanded, evidence tables and figures.
Templates run in Jinja2's sandbox: a project's template cannot reach Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from markupsafe import Markup

from dirreport.assemble import blocks, case_study, forewords, local_shortcodes, year_in_numbers
from dirreport.assemble.contact import contact_block
from dirreport.assemble.document import Document, output_basename
from dirreport.assemble.figure_book import FigureBook, data_files
from dirreport.assemble.glossary import glossary_list
from dirreport.assemble.metadata import front_matter, metadata_for
from dirreport.assemble.templates import environment, raise_template_fault
from dirreport.compute.indicators import OK, SUPPRESSED
from dirreport.content import prescribed_form
from dirreport.content.abbreviations import FirstUse
from dirreport.content.expansion import expand
from dirreport.content.integrity import SHORTCODE_NAMES
from dirreport.content.narrative import Narrative, Shortcode
from dirreport.errors import InputError, Problem
from dirreport.figures.charts import chart_files
from dirreport.figures.specs import (
    Figure,
    Table,
    comparison_figure,
    composition_figure,
    indicator_table,
    source_notes,
    summary_table,
    survey_figure,
    trend_figure,
)
from dirreport.lang import i18n, sentences
from dirreport.lang.bilingual_text import Bilingual
from dirreport.lang.i18n import _
from dirreport.pipeline.project import Project, narrative_path

PAGEBREAK = Markup(
    blocks.visible("typst", blocks.raw("typst", "#pagebreak(weak: true)"))
    + "\n\n"
    + blocks.visible("docx", blocks.raw("openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'))
)
SHORTCODES = SHORTCODE_NAMES


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


class Assembler:
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

    # --- shortcodes -------------------------------------------------------------------------------

    def _marker(self, shorthand: str) -> str:
        """A figure's shorthand in the edition's language ([low] is written [isel] in Welsh)."""
        return i18n.low_marker(self.lang) if shorthand == i18n.LOW_BASE else shorthand

    def expander(self, narrative: Narrative, level: int = 2) -> Callable[[Shortcode], str]:
        """Each shortcode's text; ``level`` is the heading level of the narrative's place."""

        def expand_one(code: Shortcode) -> str:
            try:
                if code.name == "case-study" and code.alone and len(code.args) == 1:
                    return "\n" + self._case_study(code.args[0], level + 1) + "\n"
                return self._shortcode(code)
            except _NotShown as exc:
                problem = Problem(str(exc), file=narrative.path, line=code.span.line, hint=exc.hint)
                if self.draft:
                    # a draft shows the gap and goes on; a final build must not print the sentence at all
                    self.warnings.append(problem)
                    return self._marker(exc.marker)
                self.errors.append(problem)
                return self._marker(exc.marker)
            except _ShortcodeError as exc:
                self.errors.append(Problem(str(exc), file=narrative.path, line=code.span.line, hint=exc.hint))
                return code.raw.replace("{{<", "\\{\\{<").replace(">}}", ">\\}\\}")

        return expand_one

    def _shortcode(self, code: Shortcode) -> str:
        results, lang = self.project.results, self.lang
        name, args = code.name, code.args
        if name not in SHORTCODES:
            raise _ShortcodeError(f"unknown shortcode '{name}'", "use one of: " + ", ".join(SHORTCODES))
        if name in local_shortcodes.NAMES:
            return self._local(code)
        if name == "pagebreak":
            self._arguments(code, 0, 0)
            return "\n\n" + PAGEBREAK + "\n\n"
        if name in ("indicator", "change"):
            self._arguments(code, 1, 3 if name == "indicator" else 1)
            result = self._indicator(args[0])
            if name == "change":
                return blocks.md(sentences.change(result, lang))
            rest = [a for a in args[1:] if a != "n"]
            with_base = len(rest) < len(args) - 1
            if len(rest) > 1:
                raise _ShortcodeError(
                    "shortcode 'indicator' takes an ID, a year and 'n', once each", f"write it as {_usage('indicator')}"
                )
            p = self._year_point(result, rest[0] if rest else None)
            if p.status != OK:
                raise _figure_not_shown(f"indicator {args[0]}", p.status, p.year)
            text = sentences.value(p.value, result.indicator.unit, lang, result.decimals)
            if with_base:
                if result.indicator.unit != "percent" or p.denominator is None:
                    raise _ShortcodeError(
                        f"indicator {args[0]} is not a percentage of counts, so it has no base to give", "leave out 'n'"
                    )
                text = sentences.with_base(text, p, lang)
            return blocks.md(text)
        if name == "metric":
            self._arguments(code, 1, 2)
            metric_code = args[0]
            if metric_code not in self.project.catalogue.metrics:
                raise _ShortcodeError(
                    f"metric '{metric_code}' is not in the catalogue",
                    "check the code with 'dirreport catalogue " + metric_code.split("/")[0] + "'",
                )
            year = args[1] if len(args) > 1 else results.year
            value = results.metric(metric_code, year)
            if value.status != OK:
                raise _figure_not_shown(f"metric {metric_code}", value.status, year)
            metric = self.project.catalogue.metrics[metric_code]
            decimals = 0 if metric.unit == "count" or float(value.value or 0).is_integer() else 1
            return blocks.md(i18n.number(value.value, lang, decimals))
        if name == "survey":
            self._arguments(code, 1, 3 if args[2:] == ("n",) else 2)
            result = self._survey(args[0], args[1] if len(args) > 1 else None)
            latest = result.latest
            if latest is None or latest.status != OK:
                raise _figure_not_shown(f"survey measure {args[0]}", latest.status if latest else "x", results.year)
            if "n" in args[2:]:
                return blocks.md(
                    _(
                        "{value} ({numerator} of {denominator})",
                        lang,
                        value=i18n.percent(latest.percent, lang),
                        numerator=i18n.number(latest.positive, lang),
                        denominator=i18n.number(latest.respondents, lang),
                    )
                )
            return blocks.md(i18n.percent(latest.percent, lang))
        if not code.alone:
            raise _ShortcodeError(
                f"shortcode '{name}' makes a block and must be on a line of its own",
                "put it in its own paragraph, with blank lines around it",
            )
        if name == year_in_numbers.SHORTCODE:
            self._arguments(code, 0, 0)
            return "\n" + self.year_in_numbers() + "\n"
        if name == "chart":
            self._arguments(code, 1, 2)
            return "\n" + self._chart(args[0], args[1] if len(args) > 1 else "trend") + "\n"
        if name == "table":
            self._arguments(code, 1, 1)
            return "\n" + self._table(args[0]) + "\n"
        self._arguments(code, 1, 1)
        return "\n" + self._quote(args[0]) + "\n"

    def _local(self, code: Shortcode) -> str:
        """finance, complaints and inspections: the authority's own tables (assemble/local_shortcodes.py)."""
        try:
            return local_shortcodes.expand_local(self.project, self.lang, self.book, code)
        except local_shortcodes.LocalShortcodeError as exc:
            if exc.marker is not None:
                raise _NotShown(str(exc), exc.hint, exc.marker) from None
            raise _ShortcodeError(str(exc), exc.hint) from None

    def _arguments(self, code: Shortcode, least: int, most: int) -> None:
        n = len(code.args)
        if not least <= n <= most:
            wanted = str(least) if least == most else f"{least} or {most}"
            raise _ShortcodeError(
                f"shortcode '{code.name}' takes {wanted} argument(s) but was given {n}",
                f"write it as {_usage(code.name)}",
            )

    def _indicator(self, iid: str) -> Any:
        result = self.project.results.indicators.get(iid)
        if result is None:
            raise _ShortcodeError(
                f"indicator '{iid}' is not in the catalogue",
                _did_you_mean(iid, list(self.project.results.indicators))
                or "list indicators with 'dirreport catalogue'",
            )
        return result

    def _year_point(self, result: Any, year: str | None) -> Any:
        if year is None:
            return result.latest
        for p in result.series:
            if p.year == year:
                return p
        raise _ShortcodeError(
            f"year '{year}' is not one of the report's years", "use one of " + ", ".join(self.project.results.years)
        )

    def _survey(self, measure: str, group: str | None) -> Any:
        found = self.project.results.survey_for(measure)
        if measure not in self.project.catalogue.survey:
            raise _ShortcodeError(
                f"survey measure '{measure}' is not in the catalogue", "use SV01..SV17 or a local measure"
            )
        if not found:
            raise _ShortcodeError(f"there are no survey results for {measure}", "add them to data/survey.csv")
        if group is None:
            if len(found) > 1:
                raise _ShortcodeError(
                    f"survey measure {measure} has results for several groups",
                    "name the group: " + ", ".join(r.group for r in found),
                )
            return found[0]
        for r in found:
            if r.group == group:
                return r
        raise _ShortcodeError(
            f"survey measure {measure} has no results for '{group}'", "use one of " + ", ".join(r.group for r in found)
        )

    def _chart(self, chart_id: str, kind: str) -> str:
        # charts label the series with the place's short name: "Glanafon", not the council's full title
        results, name = self.project.results, self.config.area
        if chart_id in results.indicators:
            result = results.indicators[chart_id]
            if kind == "compare":
                fig = comparison_figure(result, name, self.lang)
                if fig is None:
                    raise _ShortcodeError(
                        f"there are no other authorities' figures to compare {chart_id} with",
                        "add rows for other authorities to data/metrics.csv, or use a trend chart",
                    )
            elif kind == "trend":
                fig = trend_figure(result, name, self.lang)
            else:
                raise _ShortcodeError(f"chart kind '{kind}' is not known", "use trend or compare")
            return str(self.book.figure(fig))
        if chart_id in self.project.catalogue.compositions:
            fig = composition_figure(
                self.project.catalogue.compositions[chart_id], results, self.project.catalogue, self.lang
            )
            if fig is None:
                raise _ShortcodeError(f"there are no figures for {chart_id}", "add its metrics to the data")
            return str(self.book.figure(fig))
        if chart_id in self.project.catalogue.survey:
            found = results.survey_for(chart_id)
            measure = self.project.catalogue.survey[chart_id]
            fig = survey_figure(f"survey-{chart_id}", measure.title(self.lang), found, self.lang)
            if fig is None:
                raise _ShortcodeError(f"there are no survey results for {chart_id}", "add them to data/survey.csv")
            return str(self.book.figure(fig))
        raise _ShortcodeError(
            f"there is no chart '{chart_id}'",
            _did_you_mean(chart_id, list(results.indicators)) or "charts are named by indicator or survey measure id",
        )

    def _table(self, table_id: str) -> str:
        results = self.project.results
        if table_id == "summary":
            return str(self.summary())
        if table_id in self.project.catalogue.standards:
            ids = [i.id for i in self.project.catalogue.indicators_for(table_id)]
            return str(self.book.table(self._standard_table(table_id, ids)))
        if table_id in results.indicators:
            fig = trend_figure(results.indicators[table_id], self.config.area, self.lang)
            return str(self.book.table(fig.table))
        if table_id in self.project.catalogue.compositions:
            comp_fig = composition_figure(
                self.project.catalogue.compositions[table_id], results, self.project.catalogue, self.lang
            )
            if comp_fig is None:
                raise _ShortcodeError(f"there are no figures for {table_id}", "add its metrics to the data")
            return str(self.book.table(comp_fig.table))
        raise _ShortcodeError(
            f"there is no table '{table_id}'", "use summary, a quality standard (QS1..QS8) or an indicator id"
        )

    def summary(self) -> Markup:
        """The at-a-glance table, or nothing where it has been printed already."""
        return self.book.summary(
            summary_table(self.project.results, self.project.catalogue, self.config.authority_name, self.lang)
        )

    def year_in_numbers(self, level: int | None = None) -> str:
        """The page of key figures, under its own heading at ``level`` when it is placed by default."""
        project, lang = self.project, self.lang
        if not self._year_in_numbers_checked:
            self._year_in_numbers_checked = True
            self.errors += year_in_numbers.unknown_ids(self.config, project.results)
        figures = year_in_numbers.key_figures(self.config, project.catalogue, project.results, lang)
        page = year_in_numbers.block(figures, project.results, lang, f"key-figures-{lang}")
        if not page or level is None:
            return page
        title = year_in_numbers.heading(lang)
        return f"{'#' * level} {blocks.md(title)} {{#year-in-numbers-{lang}}}\n\n{page}"

    def year_in_numbers_placed(self) -> bool:
        """Whether a narrative of this edition places the page itself (else it goes in the Director's summary)."""
        return any(code.name == year_in_numbers.SHORTCODE for code in self._narrative_codes)

    def charts_trend(self, iid: str) -> bool:
        """Whether the evidence for a standard charts this indicator's trend (the project's `charts` setting).

        Never where the narrative places that chart itself: a chart is printed once.
        """
        if (iid, "trend") in self._narrative_charts:
            return False
        if self.config.charts == "key":
            return self.project.catalogue.indicators[iid].key
        if self.config.charts == "narrative":
            return iid in self._narrative_names
        return True

    @cached_property
    def _narrative_codes(self) -> list[Shortcode]:
        return [
            code for narrative in self.project.narratives.get(self.lang, {}).values() for code in narrative.shortcodes
        ]

    @cached_property
    def _narrative_charts(self) -> set[tuple[str, str]]:
        return {
            (code.args[0], code.args[1] if len(code.args) > 1 else "trend")
            for code in self._narrative_codes
            if code.name == "chart" and code.args
        }

    @cached_property
    def _narrative_names(self) -> set[str]:
        """Indicators the narrative names in any shortcode."""
        return {
            code.args[0]
            for code in self._narrative_codes
            if code.name in ("indicator", "change", "chart", "table") and code.args
        }

    def _quote(self, story_id: str) -> str:
        story = self.project.dataset.stories.get(story_id)
        if story is None:
            raise _ShortcodeError(f"there is no story '{story_id}' in data/stories.csv", "check the id")
        if not story.consent:
            raise _ShortcodeError(
                f"story '{story_id}' has no consent to publish", "only use stories whose consent column says yes"
            )
        text = story.text.get(self.lang, "").strip()
        if not text:
            raise _ShortcodeError(f"story '{story_id}' has no {self.lang} text", f"fill in its {self.lang} column")
        quote = "> " + blocks.md(text)
        who = story.attribution.get(self.lang, "").strip()
        if who:
            quote += "\n>\n> — " + blocks.md(who)
        return quote

    def _case_study(self, case_id: str, level: int) -> str:
        cases = self.project.dataset.case_studies
        file = self.project.dataset.files.get("case-studies", "data/case-studies.csv")
        case = cases.get(case_id)
        if case is None:
            close = _did_you_mean(case_id, list(cases))
            raise _ShortcodeError(
                f"there is no case study '{case_id}' in {file}",
                close or f"check the id, or add a row for it to {file}",
            )
        refused = case_study.refusal(case, self.lang, file)
        if refused is not None:
            raise _ShortcodeError(str(refused), refused.hint)
        return case_study.case_study_block(case, self.lang, level, self.project.brand.primary)

    # --- evidence -----------------------------------------------------------------------------------

    def _standard_table(self, standard_id: str, ids: list[str]) -> Table:
        std = self.project.catalogue.standards[standard_id]
        caption = _("Indicators for quality standard {n}", self.lang, n=std.number)
        return indicator_table(self.project.results, ids, caption, f"indicators-{standard_id.lower()}", self.lang)

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
            place.heading(self.lang),
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
                    point.text.get(self.lang, ""),
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


class _ShortcodeError(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


class _NotShown(_ShortcodeError):
    """A figure that exists but may not or cannot be printed in a sentence."""

    def __init__(self, message: str, hint: str, marker: str) -> None:
        super().__init__(message, hint)
        self.marker = marker


def _figure_not_shown(what: str, status: str, year: str) -> _NotShown:
    if status == SUPPRESSED:
        return _NotShown(
            f"{what} for {year} is not shown ([c]): it is marked confidential in the data or rests on "
            "a count of 1 to 4",
            "do not quote it in a sentence; describe it without the number or use a table",
            i18n.SUPPRESSED,
        )
    if status == "low":
        return _NotShown(
            f"{what} for {year} is not shown ([low]): a low figure, or fewer than 10 respondents",
            "do not quote it as a figure",
            i18n.LOW_BASE,
        )
    if status == "z":
        return _NotShown(
            f"{what} for {year} is marked not applicable ([z]) in the data",
            "remove the figure from the text",
            i18n.NOT_APPLICABLE,
        )
    return _NotShown(
        f"{what} has no value for {year}", "add the data or remove the figure from the text", i18n.NOT_AVAILABLE
    )


def _usage(name: str) -> str:
    return {
        "indicator": "{{< indicator ID >}}, {{< indicator ID 2022-23 >}} or, with its base, {{< indicator ID n >}}",
        "metric": "{{< metric AD/001 >}} or {{< metric AD/001 2022-23 >}}",
        "change": "{{< change ID >}}",
        "chart": "{{< chart ID >}} or {{< chart ID compare >}}",
        "table": "{{< table ID >}}",
        "survey": "{{< survey SV03 adults >}} or, with its base, {{< survey SV03 adults n >}}",
        "quote": "{{< quote STORY-ID >}}",
        "case-study": "{{< case-study CASE-STUDY-ID >}}",
        "pagebreak": "{{< pagebreak >}}",
        "year-in-numbers": "{{< year-in-numbers >}}, on a line of its own",
    }[name]


def _did_you_mean(value: str, options: list[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else None


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
    if assembler.errors:
        raise InputError(cause_first(project, assembler.errors))
    refuse_leftover_shortcode(body + appendix, lang)
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


def cause_first(project: Project, errors: list[Problem]) -> list[Problem]:
    """When the data holds no figures for the authority at all, say so once instead of once per figure quoted."""
    authority = project.config.authority
    if any(a == authority for a, _y, _c in project.dataset.metrics):
        return errors
    empty = not project.dataset.metrics  # no comparators either: comparison charts are symptoms too
    symptoms = [
        e
        for e in errors
        if " has no value for " in e.message or (empty and "no other authorities' figures" in e.message)
    ]
    if not symptoms:
        return errors
    metrics_file = project.dataset.files.get("metrics", "data/metrics.csv")
    cause = Problem(
        f"has no figures for {authority}, so none of the figures the narratives quote has a value",
        file=metrics_file,
        line=2,
        position_kind="row",
        hint="add the authority's figures (authority,year,metric,value), import a StatsWales table with "
        "'dirreport data import FILE', or check the authority code in _quarto.yml",
    )
    return [cause, *(e for e in errors if e not in symptoms)]


def refuse_leftover_shortcode(markdown: str, edition: str) -> None:
    """Nothing of the form {{< may reach a published report: the narrative checks should have found it first."""
    from dirreport.content.integrity import leftover_shortcode

    found = leftover_shortcode(markdown)
    if found is not None:
        raise InputError(
            Problem(
                f"the {edition} report would print '{found.strip()}' as text",
                file="narratives/",
                hint="a shortcode is not closed or was written into a template or a data file; "
                "search the narratives, templates and data for {{<",
            )
        )


def marked_in_data(project: Project, lang: str) -> list[Markup]:
    """'About the figures' sentences naming the figures the data marks provisional, confidential and so on."""
    return [Markup(blocks.md(note)) for note in source_notes(project.results, project.catalogue, lang)]


def is_draft_edition(project: Project, languages: list[str]) -> bool:
    """Any section in these languages missing or not marked final makes the edition a draft."""
    places = [
        p
        for p in prescribed_form.narrative_places_of(project.config)
        if prescribed_form.in_force(p, project.config.year)
    ]
    for lang in languages:
        narratives = project.narratives.get(lang, {})
        if any(p.id not in narratives for p in places):
            return True
        if any(n.status != "final" for n in narratives.values()):
            return True
    return False


def resources_for(project: Project, figures: list[Figure]) -> dict[str, str]:
    out = {}
    for fig in figures:
        files = chart_files(fig.spec, project.cache_dir / "charts")
        out[f"charts/{blocks.svg_name(fig)}"] = str(files["svg"])
        out[f"charts/{blocks.png_name(fig)}"] = str(files["png"])
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


def narrative_file(lang: str, place_id: str) -> str:
    return narrative_path(lang, place_id)


def bilingual_pair(first: Bilingual, lang: str) -> str:
    return first(lang)
