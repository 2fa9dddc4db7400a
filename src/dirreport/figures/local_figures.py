"""Tables and charts of the authority's own tables: budget and outturn, and complaints (inspections: local_inspections).

Built like every other figure (``specs.Table``, ``specs.ChartSpec``): labels
already in the edition's language, small counts already hidden, alt text and
the data table written from the same numbers as the chart.
"""

from __future__ import annotations

from dirreport.compute import local_results as lr
from dirreport.compute.judgement import movement_of, printed_change
from dirreport.data.local_model import (
    COMPLAINT_SERVICES,
    COMPLAINT_STAGES,
    SERVICE_AREAS,
    LocalTables,
)
from dirreport.figures.specs import ChartSpec, Figure, Series, Table, marker_notes
from dirreport.lang import i18n
from dirreport.lang.i18n import N_, _

THOUSANDS = N_("£ thousand")
VARIANCE_NOTE = N_(
    "The variance is the outturn less the budget: + is an overspend (the outturn is higher), − an underspend."
)


class NoFigures(LookupError):
    """The data holds nothing for what was asked: the message says what, the hint how to add it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


# --- finance ------------------------------------------------------------------------------------------


def area_label(local: LocalTables, area: str, lang: str) -> str:
    if area in SERVICE_AREAS:
        return _(SERVICE_AREAS[area], lang)
    return local.area_labels[area][lang]


def variance_words(variance: int, lang: str) -> str:
    """'an overspend of £3.1 million', for a sentence: the size and its direction together."""
    if variance > 0:
        return _("an overspend of {amount}", lang, amount=i18n.money(variance, lang))
    if variance < 0:
        return _("an underspend of {amount}", lang, amount=i18n.money(-variance, lang))
    return _("spending equal to the budget", lang)


def _money_header(lang: str) -> tuple[str, ...]:
    unit = _(THOUSANDS, lang)
    return (
        _("Budget ({unit})", lang, unit=unit),
        _("Outturn ({unit})", lang, unit=unit),
        _("Variance ({unit})", lang, unit=unit),
    )


def _money_cells(b: lr.Budget, lang: str) -> tuple[str, ...]:
    """The variance signed: + an overspend, − an underspend (the table's note says so)."""
    return (i18n.number(b.budget, lang), i18n.number(b.outturn, lang), i18n.signed(b.variance, lang))


def _money_numbers(b: lr.Budget, lang: str) -> tuple[float | str | None, ...]:
    return (b.budget, b.outturn, b.variance)


def finance_table(local: LocalTables, year: str, lang: str) -> Table:
    """Budget, outturn and variance by service area for the year, with a total that is the sum of the rows."""
    areas = [a for a in lr.area_codes(local) if lr.budget_for(local, year, a) is not None]
    total = lr.budget_for(local, year)
    if total is None:
        raise NoFigures(f"the finance data has no rows for {year}", f"add rows for {year} to data/finance.csv")
    lines = [(area_label(local, a, lang), lr.budget_for(local, year, a)) for a in areas]
    rows = [(label, *_money_cells(b, lang)) for label, b in lines if b is not None]
    numbers = [(label, *_money_numbers(b, lang)) for label, b in lines if b is not None]
    rows.append((_("Total", lang), *_money_cells(total, lang)))
    numbers.append((_("Total", lang), *_money_numbers(total, lang)))
    return Table(
        id=f"finance-{year}",
        caption=_("Budget and outturn by service area, {year}", lang, year=i18n.financial_year(year, lang)),
        header=(_("Service area", lang), *_money_header(lang)),
        rows=tuple(rows),
        numbers=tuple(numbers),
        align=("l", "r", "r", "r"),
        notes=(_(VARIANCE_NOTE, lang),),
    )


def finance_figure(local: LocalTables, year: str, area: str | None, name: str, lang: str) -> Figure:
    """Budget and outturn over the years, for the whole service or one area, in £ million."""
    years = [y for y in lr.finance_years(local) if y <= year and lr.budget_for(local, y, area) is not None]
    if not years:
        raise NoFigures(
            f"the finance data has no rows{' for ' + area if area else ''} up to {year}",
            "add budget and outturn rows to data/finance.csv",
        )
    budgets = [lr.budget_for(local, y, area) for y in years]
    figures = [b for b in budgets if b is not None]
    what = area_label(local, area, lang) if area else name
    title = _("Budget and outturn: {what}", lang, what=what)
    categories = tuple(i18n.financial_year(y, lang) for y in years)
    outturn = Series(
        _("Outturn", lang),
        tuple(i18n.rounded(b.outturn / 1000, 1) for b in figures),
        "ours",
        tuple(i18n.number(b.outturn / 1000, lang, 1) for b in figures),
    )
    budget = Series(
        _("Budget", lang),
        tuple(i18n.rounded(b.budget / 1000, 1) for b in figures),
        "second",
        tuple(i18n.number(b.budget / 1000, lang, 1) for b in figures),
    )
    spec = ChartSpec(
        id=f"finance-{area or 'total'}",
        kind="local-trend",
        lang=lang,
        title=title,
        categories=categories,
        series=(outturn, budget),
        value_axis=_("£ million", lang),
        decimals=1,
    )
    table = Table(
        id=f"data-finance-{area or 'total'}",
        caption=_("Data for the chart: {title}", lang, title=title),
        header=(_("Year", lang), *_money_header(lang)),
        rows=tuple((c, *_money_cells(b, lang)) for c, b in zip(categories, figures, strict=True)),
        numbers=tuple((c, *_money_numbers(b, lang)) for c, b in zip(categories, figures, strict=True)),
        align=("l", "r", "r", "r"),
        notes=(_(VARIANCE_NOTE, lang),),
    )
    latest, first = figures[-1], figures[0]
    alt = _(
        "{title}, {first} to {last}. In {last} the budget was {budget} and the outturn {outturn}: {variance}.",
        lang,
        title=title,
        first=categories[0],
        last=categories[-1],
        budget=i18n.money(latest.budget, lang),
        outturn=i18n.money(latest.outturn, lang),
        variance=variance_words(latest.variance, lang),
    )
    if len(figures) > 1:
        moved = {
            "up": N_("The outturn rose from {start} in {start_year} to {end} in {end_year}."),
            "down": N_("The outturn fell from {start} in {start_year} to {end} in {end_year}."),
            "same": N_("The outturn was {end} in {end_year}, the same as in {start_year}."),
        }[movement_of(latest.outturn - first.outturn)]
        alt += " " + _(
            moved,
            lang,
            start=i18n.money(first.outturn, lang),
            start_year=categories[0],
            end=i18n.money(latest.outturn, lang),
            end_year=categories[-1],
        )
    return Figure(spec.id, spec, title, alt, table)


# --- complaints ---------------------------------------------------------------------------------------


def _count_cell(count: lr.Count, lang: str) -> str:
    if count.value is None:
        return i18n.NOT_AVAILABLE
    return i18n.SUPPRESSED if count.hidden else i18n.number(count.value, lang)


def _count_number(count: lr.Count) -> float | str | None:
    if count.value is None:
        return i18n.NOT_AVAILABLE
    return i18n.SUPPRESSED if count.hidden else count.value


LINE_LABELS = {
    ("received", "1"): N_("Stage 1: complaints received"),
    ("in_timescale", "1"): N_("Stage 1: responded to within the timescale"),
    ("received", "2"): N_("Stage 2: complaints received"),
    ("in_timescale", "2"): N_("Stage 2: responded to within the timescale"),
    ("upheld", None): N_("Upheld, at either stage"),
    ("ombudsman", None): N_("Referred to the Ombudsman"),
}
SHARE_LABEL = N_("Stage {n}: percentage within the timescale")
SERVICE_HEADERS = {"adults": N_("Adults"), "children": N_("Children")}


def complaints_table(local: LocalTables, year: str, lang: str) -> Table:
    """The year's complaints, a line per stage and measure, a column per service and one for both.

    Narrow enough for half of the bilingual page: the measures run down, the services across.
    """
    measures = lr.complaint_measures(local, year)
    if not measures:
        raise NoFigures(f"the complaints data has no rows for {year}", f"add rows for {year} to data/complaints.csv")
    cells: list[tuple[str, ...]] = []
    numbers: list[tuple[float | str | None, ...]] = []
    for line in measures:
        label = _(LINE_LABELS[(line.measure, line.stage)], lang)
        counts = [c for _s, c in line.services] + [line.total]
        cells.append((label, *(_count_cell(c, lang) for c in counts)))
        numbers.append((label, *(_count_number(c) for c in counts)))
        if line.measure == "in_timescale":
            received = next(m for m in measures if m.measure == "received" and m.stage == line.stage)
            bases = [c for _s, c in received.services] + [received.total]
            shares = [lr.share(x, n) for x, n in zip(counts, bases, strict=True)]
            label = _(SHARE_LABEL, lang, n=line.stage)
            cells.append(
                (
                    label,
                    *(
                        i18n.percent(v, lang, lr.PERCENT_DECIMALS) if v is not None else _share_marker(x, n)
                        for v, x, n in zip(shares, counts, bases, strict=True)
                    ),
                )
            )
            numbers.append(
                (
                    label,
                    *(
                        i18n.rounded(v, lr.PERCENT_DECIMALS) if v is not None else _share_marker(x, n)
                        for v, x, n in zip(shares, counts, bases, strict=True)
                    ),
                )
            )
    flat = [c for r in cells for c in r]
    return Table(
        id=f"complaints-{year}",
        caption=_("Complaints about social services, {year}", lang, year=i18n.financial_year(year, lang)),
        header=(
            _("Complaints", lang),
            *(_(SERVICE_HEADERS[s], lang) for s in COMPLAINT_SERVICES),
            _("Total", lang),
        ),
        rows=tuple(cells),
        numbers=tuple(numbers),
        align=("l", "r", "r", "r"),
        notes=marker_notes(lang, flat),
    )


def _share_marker(in_time: lr.Count, received: lr.Count) -> str:
    if received.value == 0:
        return i18n.NOT_APPLICABLE
    return i18n.SUPPRESSED if received.hidden or in_time.hidden else i18n.NOT_AVAILABLE


def _timeliness_cells(t: lr.Timeliness | None, lang: str) -> tuple[str, str, str]:
    if t is None or t.percent is None:
        return i18n.NOT_AVAILABLE, i18n.NOT_AVAILABLE, i18n.NOT_AVAILABLE
    if t.disclosive:
        return i18n.SUPPRESSED, i18n.SUPPRESSED, i18n.SUPPRESSED
    return (
        i18n.percent(t.percent, lang, lr.PERCENT_DECIMALS),
        i18n.number(t.in_time, lang),
        i18n.number(t.received, lang),
    )


def complaints_figure(local: LocalTables, year: str, name: str, lang: str) -> Figure:
    """The share of complaints answered within the timescale at each stage over the years."""
    years = [y for y in lr.complaint_years(local) if y <= year]
    if not years:
        raise NoFigures(f"the complaints data has no rows up to {year}", "add rows to data/complaints.csv")
    title = _("Complaints responded to within the timescale: {name}", lang, name=name)
    categories = tuple(i18n.financial_year(y, lang) for y in years)
    series = []
    rows: list[tuple[str, ...]] = []
    numbers: list[tuple[float | str | None, ...]] = []
    for stage, role in (("1", "ours"), ("2", "second")):
        points = [lr.timeliness(local, y, stage) for y in years]
        values = tuple(
            None if p is None or p.percent is None or p.disclosive else i18n.rounded(p.percent, lr.PERCENT_DECIMALS)
            for p in points
        )
        if all(v is None for v in values) and stage == "2":
            continue
        labels = tuple(_timeliness_cells(p, lang)[0] for p in points)
        # the line's own label is short, so the chart keeps its width; the data table names the stage in full
        series.append(Series(_("Stage {n}", lang, n=stage), values, role, labels))
        for c, p in zip(categories, points, strict=True):
            shown = _timeliness_cells(p, lang)
            rows.append((c, _(COMPLAINT_STAGES[stage], lang), *shown))
            numbers.append(
                (
                    c,
                    _(COMPLAINT_STAGES[stage], lang),
                    *(
                        (i18n.rounded(p.percent or 0, lr.PERCENT_DECIMALS), p.in_time, p.received)
                        if p is not None and p.percent is not None and not p.disclosive
                        else shown
                    ),
                )
            )
    spec = ChartSpec(
        id="complaints-timescale",
        kind="local-trend",
        lang=lang,
        title=title,
        categories=categories,
        series=tuple(series),
        value_axis=_("Percentage", lang),
        percent_axis=True,
        decimals=lr.PERCENT_DECIMALS,
    )
    table = Table(
        id="data-complaints-timescale",
        caption=_("Data for the chart: {title}", lang, title=title),
        header=(
            _("Year", lang),
            _("Stage", lang),
            _("Within the timescale", lang),
            _("Number", lang),
            _("Out of", lang),
        ),
        rows=tuple(rows),
        numbers=tuple(numbers),
        align=("l", "l", "r", "r", "r"),
        notes=marker_notes(lang, [c for r in rows for c in r]),
    )
    alt = f"{title}. " + " ".join(
        s.label + ": " + ", ".join(f"{c} {label}" for c, label in zip(categories, s.labels, strict=True)) + "."
        for s in series
    )
    alt += " " + _stage_one_moved(local, years, lang)
    change = lr.timeliness_change(local, year, "1")
    if change is not None:
        alt += " " + _("Stage {n}", lang, n=1) + ": " + timeliness_change_words(change, lang) + "."
    return Figure(spec.id, spec, title, alt, table)


def _stage_one_moved(local: LocalTables, years: list[str], lang: str) -> str:
    """How the share answered in time at stage 1 moved from the first year charted to the last."""
    shown = [(y, t) for y in years if (t := lr.timeliness(local, y, "1")) is not None and t.percent is not None]
    shown = [(y, t) for y, t in shown if not t.disclosive]
    if len(shown) < 2:
        return ""
    (start_year, first), (end_year, last) = shown[0], shown[-1]
    assert first.percent is not None and last.percent is not None
    change = printed_change(last.percent, first.percent, lr.PERCENT_DECIMALS)
    moved = {
        "up": N_("At stage 1 the share answered in time rose from {start} in {start_year} to {end} in {end_year}."),
        "down": N_("At stage 1 the share answered in time fell from {start} in {start_year} to {end} in {end_year}."),
        "same": N_("At stage 1 the share answered in time was {end} in {end_year}, the same as in {start_year}."),
    }[movement_of(change)]
    return _(
        moved,
        lang,
        start=i18n.percent(first.percent, lang, lr.PERCENT_DECIMALS),
        start_year=i18n.financial_year(start_year, lang),
        end=i18n.percent(last.percent, lang, lr.PERCENT_DECIMALS),
        end_year=i18n.financial_year(end_year, lang),
    )


def timeliness_change_words(change: lr.TimelinessChange, lang: str) -> str:
    """The change in words, as ``{{< change >}}`` writes an indicator's: improvement only when supported."""
    year = i18n.financial_year(change.before.year, lang)
    if change.movement == "same":
        return _("unchanged since {year}", lang, year=year)
    size = i18n.points(change.change, lang, lr.PERCENT_DECIMALS)
    messages = {
        ("up", "better"): N_("up {size} since {year}, an improvement"),
        ("up", "little"): N_("up {size} since {year}, little change"),
        ("down", "worse"): N_("down {size} since {year}, a deterioration"),
        ("down", "little"): N_("down {size} since {year}, little change"),
    }
    return _(messages[(change.movement, change.judgement)], lang, size=size, year=year)
