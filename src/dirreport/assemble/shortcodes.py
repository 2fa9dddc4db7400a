"""Shortcodes in a narrative turned into the edition's text: figures in sentences, charts, tables, stories.

Every figure a narrative quotes comes from here, from the same results as the
tables, so a number in a sentence always agrees with the table that prints
it.  A shortcode that cannot be honoured is a problem at its file and line;
a figure that disclosure control hides stops a final build, and a draft shows
its marker and goes on.  ``ShortcodeDispatch`` is the part of an edition's
``Assembler`` that owns this; the Assembler gives it its project, language,
figure book and the lists its problems go to.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from markupsafe import Markup

from dirreport import cells
from dirreport.assemble import blocks, case_study, key_figure_cards, local_shortcodes, year_in_numbers
from dirreport.assemble.figure_book import FigureBook
from dirreport.assemble.quotes import story_quote
from dirreport.assemble.shortcode_errors import NotShown, ShortcodeError, did_you_mean, figure_not_shown, usage
from dirreport.compute.indicators import OK
from dirreport.config.settings import Config
from dirreport.content.integrity import SHORTCODE_NAMES
from dirreport.content.narrative import Narrative, Shortcode
from dirreport.errors import Problem, Withheld
from dirreport.figures.specs import (
    Table,
    comparison_figure,
    composition_figure,
    indicator_table,
    summary_table,
    survey_figure,
    trend_figure,
)
from dirreport.lang import i18n
from dirreport.lang.i18n import _
from dirreport.pipeline.project import Project
from dirreport.prose import sentences

PAGEBREAK = Markup(
    blocks.visible("typst", blocks.raw("typst", "#pagebreak(weak: true)"))
    + "\n\n"
    + blocks.visible("docx", blocks.raw("openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'))
)
SHORTCODES = SHORTCODE_NAMES


class ShortcodeDispatch:
    """The shortcodes of one edition, and the pieces they print that templates print too."""

    project: Project
    lang: str
    config: Config
    book: FigureBook
    draft: bool
    errors: list[Problem]
    warnings: list[Problem]
    _year_in_numbers_checked: bool
    bilingual: bool

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
            except NotShown as exc:
                kind = Problem if exc.missing else Withheld  # no value at all: the data file is short
                problem = kind(str(exc), file=narrative.path, line=code.span.line, hint=exc.hint)
                if self.draft:
                    # a draft shows the gap and goes on; a final build must not print the sentence at all
                    self.warnings.append(problem)
                    return self._marker(exc.marker)
                self.errors.append(problem)
                return self._marker(exc.marker)
            except ShortcodeError as exc:
                self.errors.append(Problem(str(exc), file=narrative.path, line=code.span.line, hint=exc.hint))
                return code.raw.replace("{{<", "\\{\\{<").replace(">}}", ">\\}\\}")

        return expand_one

    def _marked_x(self, metrics: tuple[str, ...], year: str) -> bool:
        """Whether the data marks one of these metrics [x] for the year: not collected, rather than left out."""
        dataset, authority = self.project.dataset, self.project.config.authority
        return any(dataset.status((authority, year, code)) == cells.NOT_AVAILABLE for code in metrics)

    def _shortcode(self, code: Shortcode) -> str:
        results, lang = self.project.results, self.lang
        name, args = code.name, code.args
        if name not in SHORTCODES:
            raise ShortcodeError(f"unknown shortcode '{name}'", "use one of: " + ", ".join(SHORTCODES))
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
            rest = [a for a in args[1:] if a not in ("n", "value")]
            with_base, bare = "n" in args[1:], "value" in args[1:]
            if len(rest) > 1 or (with_base and bare) or len(set(args[1:])) < len(args[1:]):
                raise ShortcodeError(
                    "shortcode 'indicator' takes an ID, a year and 'n' or 'value', once each",
                    f"write it as {usage('indicator')}",
                )
            p = self._year_point(result, rest[0] if rest else None)
            if p.status != OK:
                marked = self._marked_x(result.indicator.metrics, p.year)
                raise figure_not_shown(f"indicator {args[0]}", p.status, p.year, marked)
            if bare:  # the number alone: the sentence around it names the unit
                return blocks.md(sentences.bare(p, lang, result.decimals))
            text = sentences.value(p.value, result.indicator.unit, lang, result.decimals)
            if with_base:
                if result.indicator.unit != "percent" or p.denominator is None:
                    raise ShortcodeError(
                        f"indicator {args[0]} is not a percentage of counts, so it has no base to give", "leave out 'n'"
                    )
                text = sentences.with_base(text, p, lang)
            return blocks.md(text)
        if name == "metric":
            self._arguments(code, 1, 2)
            metric_code = args[0]
            if metric_code not in self.project.catalogue.metrics:
                raise ShortcodeError(
                    f"metric '{metric_code}' is not in the catalogue",
                    "check the code with 'dirreport catalogue " + metric_code.split("/")[0] + "'",
                )
            year = args[1] if len(args) > 1 else results.year
            value = results.metric(metric_code, year)
            if value.status != OK:
                marked = self._marked_x((metric_code,), year)
                raise figure_not_shown(f"metric {metric_code}", value.status, year, marked)
            metric = self.project.catalogue.metrics[metric_code]
            decimals = 0 if metric.unit == "count" or float(value.value or 0).is_integer() else 1
            return blocks.md(i18n.number(value.value, lang, decimals))
        if name == "survey":
            self._arguments(code, 1, 3 if args[2:] == ("n",) else 2)
            result = self._survey(args[0], args[1] if len(args) > 1 else None)
            latest = result.latest
            if latest is None or latest.status != OK:
                raise figure_not_shown(f"survey measure {args[0]}", latest.status if latest else "x", results.year)
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
            raise ShortcodeError(
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
        return "\n" + story_quote(self.project.dataset.stories, self.lang, args[0]) + "\n"

    def _local(self, code: Shortcode) -> str:
        """finance, complaints and inspections: the authority's own tables (assemble/local_shortcodes.py)."""
        try:
            return local_shortcodes.expand_local(self.project, self.lang, self.book, code)
        except local_shortcodes.LocalShortcodeError as exc:
            if exc.marker is not None:
                raise NotShown(str(exc), exc.hint, exc.marker) from None
            raise ShortcodeError(str(exc), exc.hint) from None

    def _arguments(self, code: Shortcode, least: int, most: int) -> None:
        n = len(code.args)
        if not least <= n <= most:
            wanted = str(least) if least == most else f"{least} or {most}"
            raise ShortcodeError(
                f"shortcode '{code.name}' takes {wanted} argument(s) but was given {n}",
                f"write it as {usage(code.name)}",
            )

    def _indicator(self, iid: str) -> Any:
        result = self.project.results.indicators.get(iid)
        if result is None:
            raise ShortcodeError(
                f"indicator '{iid}' is not in the catalogue",
                did_you_mean(iid, list(self.project.results.indicators))
                or "list indicators with 'dirreport catalogue'",
            )
        return result

    def _year_point(self, result: Any, year: str | None) -> Any:
        if year is None:
            return result.latest
        for p in result.series:
            if p.year == year:
                return p
        raise ShortcodeError(
            f"year '{year}' is not one of the report's years", "use one of " + ", ".join(self.project.results.years)
        )

    def _survey(self, measure: str, group: str | None) -> Any:
        found = self.project.results.survey_for(measure)
        if measure not in self.project.catalogue.survey:
            raise ShortcodeError(
                f"survey measure '{measure}' is not in the catalogue", "use SV01..SV17 or a local measure"
            )
        if not found:
            raise ShortcodeError(f"there are no survey results for {measure}", "add them to data/survey.csv")
        if group is None:
            if len(found) > 1:
                raise ShortcodeError(
                    f"survey measure {measure} has results for several groups",
                    "name the group: " + ", ".join(r.group for r in found),
                )
            return found[0]
        for r in found:
            if r.group == group:
                return r
        raise ShortcodeError(
            f"survey measure {measure} has no results for '{group}'", "use one of " + ", ".join(r.group for r in found)
        )

    def _chart(self, chart_id: str, kind: str) -> str:
        # charts label the series with the place's short name: "Glanafon", not the council's full title
        results, name = self.project.results, self.config.area
        if chart_id in results.indicators:
            result = results.indicators[chart_id]
            if kind == "compare":
                if result.indicator.unit == "count":
                    raise ShortcodeError(
                        f"{chart_id} is a count, and counts are not compared across authorities of different "
                        "sizes: a larger authority has more of everything",
                        "compare a rate or percentage instead (list them with 'dirreport catalogue'), "
                        f"or show this count's trend with {{{{< chart {chart_id} >}}}}",
                    )
                if result.latest.shown is None:
                    # told like any figure not shown, so a file with no figures at all is one problem, not many
                    latest = result.latest
                    marked = self._marked_x(result.indicator.metrics, latest.year)
                    raise figure_not_shown(f"the comparison of {chart_id}", latest.status, latest.year, marked)
                fig = comparison_figure(result, name, self.lang)
                if fig is None:
                    raise ShortcodeError(
                        f"there are no other authorities' figures to compare {chart_id} with",
                        "add rows for other authorities to data/metrics.csv, or use a trend chart",
                    )
            elif kind == "trend":
                fig = trend_figure(result, name, self.lang)
            else:
                raise ShortcodeError(f"chart kind '{kind}' is not known", "use trend or compare")
            return str(self.book.figure(fig))
        if chart_id in self.project.catalogue.compositions:
            fig = composition_figure(
                self.project.catalogue.compositions[chart_id], results, self.project.catalogue, self.lang
            )
            if fig is None:
                raise ShortcodeError(f"there are no figures for {chart_id}", "add its metrics to the data")
            return str(self.book.figure(fig))
        if chart_id in self.project.catalogue.survey:
            found = results.survey_for(chart_id)
            measure = self.project.catalogue.survey[chart_id]
            fig = survey_figure(f"survey-{chart_id}", measure.title(self.lang), found, self.lang)
            if fig is None:
                raise ShortcodeError(f"there are no survey results for {chart_id}", "add them to data/survey.csv")
            return str(self.book.figure(fig))
        raise ShortcodeError(
            f"there is no chart '{chart_id}'",
            did_you_mean(chart_id, list(results.indicators)) or "charts are named by indicator or survey measure id",
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
                raise ShortcodeError(f"there are no figures for {table_id}", "add its metrics to the data")
            return str(self.book.table(comp_fig.table))
        raise ShortcodeError(
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
        if figures and self.bilingual:
            # the bilingual edition prints the page once across the page (assemble.bilingual): here, its place
            return year_in_numbers.place_mark(level)
        page = key_figure_cards.block(figures, project.results, lang, f"key-figures-{lang}")
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

    def _case_study(self, case_id: str, level: int) -> str:
        cases = self.project.dataset.case_studies
        file = self.project.dataset.files.get("case-studies", "data/case-studies.csv")
        case = cases.get(case_id)
        if case is None:
            close = did_you_mean(case_id, list(cases))
            raise ShortcodeError(
                f"there is no case study '{case_id}' in {file}",
                close or f"check the id, or add a row for it to {file}",
            )
        refused = case_study.refusal(case, self.lang, file)
        if refused is not None:
            raise ShortcodeError(str(refused), refused.hint)
        return case_study.case_study_block(case, self.lang, level, self.project.brand.primary)

    def _standard_table(self, standard_id: str, ids: list[str]) -> Table:
        std = self.project.catalogue.standards[standard_id]
        caption = _("Indicators for quality standard {n}", self.lang, n=std.number)
        return indicator_table(self.project.results, ids, caption, f"indicators-{standard_id.lower()}", self.lang)
