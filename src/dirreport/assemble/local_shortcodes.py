"""The shortcodes of the authority's own tables: ``finance``, ``complaints`` and ``inspections``.

Each takes a view first, then its options in any order (a year such as 2022-23, a service area, a
stage, ``n`` for a percentage's base)::

    {{< finance table >}}            budget, outturn and variance by service area for the report year
    {{< finance chart [AREA] >}}     budget and outturn over the years (all areas, or one)
    {{< finance budget|outturn|variance [AREA] [YEAR] >}}   a figure in a sentence: £112.4 million,
                                                            "an overspend of £3.1 million"
    {{< complaints table >}}         the year's complaints by service and stage
    {{< complaints chart >}}         the share answered within the timescale over the years
    {{< complaints received|upheld|ombudsman [STAGE] >}}    a count in a sentence
    {{< complaints timescale [STAGE] [n] >}}                 "84.1%" or "84.1% (106 of 126)"
    {{< complaints change [STAGE] >}}                        the change since last year, judged
    {{< inspections table >}}        the year's inspections and reviews, dated in the edition's language
    {{< inspections summary >}}      how many of each type in each year
    {{< inspections count [TYPE] >}} how many in the report year

A number in a sentence is the number in the table, in both languages; a count of 1 to 4 complaints is
not printed in a sentence, as for any count of people.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from dirreport import cells
from dirreport.assemble import blocks
from dirreport.assemble.figure_book import FigureBook
from dirreport.compute import disclosure
from dirreport.compute import local_results as lr
from dirreport.content.narrative import Shortcode
from dirreport.data.local_model import COMPLAINT_STAGES, INSPECTION_TYPES, LocalTables
from dirreport.figures import local_figures as lf
from dirreport.figures import local_inspections
from dirreport.lang import i18n
from dirreport.lang.i18n import _
from dirreport.pipeline.project import Project

NAMES = ("finance", "complaints", "inspections")
VIEWS = {
    "finance": {"table": True, "chart": True, "budget": False, "outturn": False, "variance": False},
    "complaints": {
        "table": True,
        "chart": True,
        "received": False,
        "upheld": False,
        "ombudsman": False,
        "timescale": False,
        "change": False,
    },
    "inspections": {"table": True, "summary": True, "count": False},
}  # view: whether it makes a block
USAGE = {
    "finance": "{{< finance table >}}, {{< finance chart >}} or {{< finance budget|outturn|variance [AREA] [YEAR] >}}",
    "complaints": "{{< complaints table >}}, {{< complaints chart >}}, {{< complaints timescale [1|2] [n] >}}, "
    "{{< complaints change [1|2] >}} or {{< complaints received|upheld|ombudsman [1|2] >}}",
    "inspections": "{{< inspections table >}}, {{< inspections summary >}} or {{< inspections count [TYPE] >}}",
}
FILES = {"finance": "data/finance.csv", "complaints": "data/complaints.csv", "inspections": "data/inspections.csv"}


class LocalShortcodeError(Exception):
    """A shortcode that cannot be expanded; with a marker, a figure that exists but may not be printed."""

    def __init__(self, message: str, hint: str, marker: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint
        self.marker = marker


@dataclass(frozen=True)
class _Options:
    year: str
    area: str | None = None
    stage: str | None = None
    kind: str | None = None
    base: bool = False


def expand_local(project: Project, lang: str, book: FigureBook, code: Shortcode) -> str:
    """The shortcode's text (inline) or block (alone in its paragraph), from the project's local tables."""
    name = code.name
    local = project.dataset.local
    if not code.args or code.args[0] not in VIEWS[name]:
        raise LocalShortcodeError(
            f"shortcode '{name}' needs one of the views {', '.join(VIEWS[name])} first"
            + (f", not '{code.args[0]}'" if code.args else ""),
            f"write it as {USAGE[name]}",
        )
    if not _has_rows(local, name):
        raise LocalShortcodeError(
            f"there is no {name} data for shortcode '{name}'",
            f"add {FILES[name]} (its columns are in the README, and 'dirreport new' writes an example)",
        )
    view = code.args[0]
    options = _options(name, code.args[1:], local, project.config.year)
    if VIEWS[name][view]:
        if not code.alone:
            raise LocalShortcodeError(
                f"shortcode '{name} {view}' makes a block and must be on a line of its own",
                "put it in its own paragraph, with blank lines around it",
            )
        return "\n" + str(_block(project, lang, book, name, view, options)) + "\n"
    return blocks.md(_inline(local, lang, name, view, options))


def _has_rows(local: LocalTables, name: str) -> bool:
    return bool({"finance": local.finance, "complaints": local.complaints, "inspections": local.inspections}[name])


def _options(name: str, args: tuple[str, ...], local: LocalTables, report_year: str) -> _Options:
    year, area, stage, kind, base = report_year, None, None, None, False
    areas = lr.area_codes(local)
    for arg in args:
        read = cells.financial_year(arg) if arg[:1].isdigit() and len(arg) > 1 else None
        if isinstance(read, str):
            year = read
        elif name == "finance" and arg in areas:
            area = arg
        elif name == "complaints" and arg in COMPLAINT_STAGES:
            stage = arg
        elif name == "complaints" and arg == "n":
            base = True
        elif name == "inspections" and arg in INSPECTION_TYPES:
            kind = arg
        else:
            known = {
                "finance": "a year such as 2022-23 or a service area (" + ", ".join(areas) + ")",
                "complaints": "a year such as 2022-23, a stage (1 or 2) or n",
                "inspections": "a year such as 2022-23 or a type (" + ", ".join(INSPECTION_TYPES) + ")",
            }[name]
            raise LocalShortcodeError(f"'{arg}' is not an option of shortcode '{name}'", f"use {known}")
    return _Options(year, area, stage, kind, base)


def _block(project: Project, lang: str, book: FigureBook, name: str, view: str, o: _Options) -> Markup:
    local, area_name = project.dataset.local, project.config.area(lang)
    try:
        if name == "finance" and view == "table":
            return book.table(lf.finance_table(local, o.year, lang))
        if name == "finance":
            return book.figure(lf.finance_figure(local, o.year, o.area, area_name, lang))
        if name == "complaints" and view == "table":
            return book.table(lf.complaints_table(local, o.year, lang))
        if name == "complaints":
            return book.figure(lf.complaints_figure(local, o.year, area_name, lang))
        if view == "summary":
            return book.table(local_inspections.inspections_summary_table(local, o.year, lang))
        return book.table(local_inspections.inspections_table(local, o.year, lang))
    except lf.NoFigures as exc:
        raise LocalShortcodeError(str(exc), exc.hint) from None


def _inline(local: LocalTables, lang: str, name: str, view: str, o: _Options) -> str:
    if name == "finance":
        figures = lr.budget_for(local, o.year, o.area)
        if figures is None:
            raise LocalShortcodeError(
                f"the finance data has no rows for {o.area or 'any service area'} in {o.year}",
                "add them to data/finance.csv, or name another year",
            )
        if view == "variance":
            return lf.variance_words(figures.variance, lang)
        return i18n.money(figures.budget if view == "budget" else figures.outturn, lang)
    if name == "inspections":
        found = [i for i in local.inspections if i.year == o.year and (o.kind is None or i.type == o.kind)]
        return i18n.number(len(found), lang)  # inspections are not people: a small count identifies no one
    if view == "change":
        change = lr.timeliness_change(local, o.year, o.stage)
        if change is None:
            return _("no comparison with last year is available", lang)
        return lf.timeliness_change_words(change, lang)
    if view == "timescale":
        t = lr.timeliness(local, o.year, o.stage)
        if t is None or t.percent is None:
            raise LocalShortcodeError(
                f"there are no complaints{_stage(o.stage)} in {o.year} to give a percentage of",
                "add them to data/complaints.csv, or remove the figure from the text",
            )
        if t.disclosive:
            raise _not_shown(f"the percentage of complaints{_stage(o.stage)} answered in time", o.year)
        text = i18n.percent(t.percent, lang, lr.PERCENT_DECIMALS)
        if o.base:
            text = _(
                "{value} ({numerator} of {denominator})",
                lang,
                value=text,
                numerator=i18n.number(t.in_time, lang),
                denominator=i18n.number(t.received, lang),
            )
        return text
    column = {"received": "received", "upheld": "upheld", "ombudsman": "ombudsman"}[view]
    counted = [c for c in local.complaints if c.year == o.year and (o.stage is None or c.stage == o.stage)]
    values = [getattr(c, column) for c in counted]
    if not counted or any(v is None for v in values):
        raise LocalShortcodeError(
            f"the complaints data has no {view} figure{_stage(o.stage)} for {o.year}",
            f"fill in the {'referred_to_ombudsman' if view == 'ombudsman' else view} column of data/complaints.csv",
        )
    total = sum(v for v in values if v is not None)
    if disclosure.is_small(total):
        raise _not_shown(f"the number of complaints {view}{_stage(o.stage)}", o.year)
    return i18n.number(total, lang)


def _stage(stage: str | None) -> str:
    return f" at stage {stage}" if stage else ""


def _not_shown(what: str, year: str) -> LocalShortcodeError:
    return LocalShortcodeError(
        f"{what} for {year} is not shown ([c]): it rests on a count of 1 to 4, which could identify someone",
        "do not quote it in a sentence; describe it without the number, or place the table",
        i18n.SUPPRESSED,
    )
