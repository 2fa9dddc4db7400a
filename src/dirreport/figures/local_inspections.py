"""Tables of the inspections and reviews of the authority's social services, from ``data/inspections.csv``."""

from __future__ import annotations

from dirreport.compute import local_results as lr
from dirreport.data.local_model import INSPECTION_TYPES, INSPECTORATES, LocalTables
from dirreport.figures.local_figures import NoFigures
from dirreport.figures.specs import Table
from dirreport.lang import i18n
from dirreport.lang.i18n import _


def inspections_table(local: LocalTables, year: str, lang: str) -> Table:
    found = [i for i in local.inspections if i.year == year]
    if not found:
        raise NoFigures(
            f"the inspections data has no inspections in {year}",
            f"add the year's inspections to data/inspections.csv (dates from 1 April {year[:4]})",
        )
    rows = tuple(
        (
            i18n.date(i.date, lang),
            i.setting[lang],
            f"{_(INSPECTION_TYPES[i.type], lang)} ({_(INSPECTORATES[i.inspectorate], lang)})",
            i.outcome[lang],
        )
        for i in found
    )
    links = [
        _(
            "The report on {setting} ({date}): {link}",
            lang,
            setting=i.setting[lang],
            date=i18n.date(i.date, lang),
            link=i.link,
        )
        for i in found
        if i.link
    ]
    return Table(
        id=f"inspections-{year}",
        caption=_("Inspections and reviews, {year}", lang, year=i18n.financial_year(year, lang)),
        header=(
            _("Date", lang),
            _("Service or setting", lang),
            _("Inspection or review", lang),
            _("Outcome", lang),
        ),
        rows=rows,
        numbers=tuple((i.date.isoformat(), *row[1:]) for i, row in zip(found, rows, strict=True)),
        align=("l", "l", "l", "l"),
        notes=tuple(links),
    )


def inspections_summary_table(local: LocalTables, year: str, lang: str) -> Table:
    """How many inspections and reviews of each type in each year up to the report's: the trend in a table."""
    years = [y for y in lr.inspection_years(local) if y <= year]
    if not years:
        raise NoFigures(f"the inspections data has no inspections up to {year}", "add them to data/inspections.csv")
    types = [t for t in INSPECTION_TYPES if any(i.type == t for i in local.inspections if i.year in years)]
    counts = [[sum(1 for i in local.inspections if i.year == y and i.type == t) for y in years] for t in types]
    totals = [sum(column) for column in zip(*counts, strict=True)]
    header = (_("Type", lang), *(i18n.financial_year(y, lang) for y in years))
    rows = [
        (_(INSPECTION_TYPES[t], lang), *(i18n.number(n, lang) for n in c)) for t, c in zip(types, counts, strict=True)
    ]
    rows.append((_("Total", lang), *(i18n.number(n, lang) for n in totals)))
    numbers: list[tuple[float | str | None, ...]] = [
        (_(INSPECTION_TYPES[t], lang), *c) for t, c in zip(types, counts, strict=True)
    ]
    numbers.append((_("Total", lang), *totals))
    return Table(
        id=f"inspections-by-type-{year}",
        caption=_("Inspections and reviews by type, {first} to {last}", lang, first=header[1], last=header[-1]),
        header=header,
        rows=tuple(rows),
        numbers=tuple(numbers),
        align=("l", *("r" for _y in years)),
    )
