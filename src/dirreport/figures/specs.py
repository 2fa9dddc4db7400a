"""What each chart and table shows, in one language: specifications drawn from Results.

A ChartSpec is plain data - labels already translated, values already
suppressed - so it can be hashed for the chart cache and drawn without
knowing about indicators.  Each chart comes with its data as a Table and with
alt text written from the same numbers, so the three can never disagree.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from dirreport.catalogue import Catalogue, Composition
from dirreport.compute.indicators import OK, SUPPRESSED, IndicatorResult, Results, SurveyResult, range_of
from dirreport.lang import i18n
from dirreport.lang.bilingual_text import Bilingual
from dirreport.lang.i18n import N_, _
from dirreport.prose import composition_sentences, sentences


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]
    role: str  # ours | wales | other
    labels: tuple[str, ...] = ()
    breaks: tuple[int, ...] = ()  # a break in series before these positions: the line is not joined across it


# A chart's width on the page.  Drawn small with large lettering, so the lettering stays legible when the
# chart is shrunk: at 4.6 inches and 11.5 pt, text is at least 12 CSS pixels on a 350-pixel column (a phone,
# or half of the bilingual page), and the PDF and Word file print the chart at this size.  The bilingual
# edition's printed charts, never shown on a phone, take the text's whole width (17 cm), so a name in both
# languages needs fewer lines.
WIDTH_IN = 4.6
WIDE_IN = 6.3


@dataclass(frozen=True)
class ChartSpec:
    id: str
    kind: str  # trend | comparison | survey | composition | local-trend (finance, complaints)
    lang: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_axis: str
    percent_axis: bool = False
    decimals: int = 1
    intervals: tuple[tuple[float, float] | None, ...] = ()
    notes: tuple[str, ...] = ()
    others: tuple[float, ...] = ()
    colour: str = "#12436D"  # the authority's own series: the brand's primary colour
    width_in: float = WIDTH_IN

    def digest(self) -> str:
        payload = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Table:
    """A table as published: header row, text cells, and the numbers behind them for downloads."""

    id: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numbers: tuple[tuple[float | str | None, ...], ...] = ()
    align: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    id: str
    spec: ChartSpec
    caption: str
    alt: str
    table: Table
    files: dict[str, str] = field(default_factory=dict)


def value_axis_label(unit: str, lang: str) -> str:
    labels = {
        "percent": N_("Percentage"),
        "per-10000": N_("Rate per 10,000"),
        "per-1000": N_("Rate per 1,000"),
        "days": N_("Days"),
        "number": N_("Number"),
        "count": N_("Number"),
    }
    return _(labels[unit], lang)


def unit_note(unit: str, lang: str) -> str | None:
    if unit == "percent":
        return None
    return value_axis_label(unit, lang)


def marker_notes(lang: str, cells: list[str], from_data: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Explain each shorthand that appears in a table, in the table's language.

    ``from_data`` holds the statuses the data itself gave (confidential, low figure, not applicable), whose
    reasons differ from the ones dirreport gives when it hides a figure.
    """
    notes = []
    text = " ".join(cells)
    if i18n.SUPPRESSED in text:
        notes.append(
            _(
                "[c] Not shown: the figure is confidential in the data, or rests on a count of 1 to 4 people, "
                "which could identify someone.",
                lang,
            )
            if "c" in from_data
            else _("[c] Not shown: the figure rests on a count of 1 to 4 people, which could identify someone.", lang)
        )
    if i18n.low_marker(lang) in text:
        notes.append(
            _("[low] Not shown: a low figure in the data, or fewer than 10 people answered.", lang)
            if "low" in from_data
            else _("[low] Not shown: fewer than 10 people answered.", lang)
        )
    if i18n.NOT_AVAILABLE in text:
        notes.append(_("[x] Not available.", lang))
    if i18n.NOT_APPLICABLE in text:
        notes.append(
            _("[z] Not applicable.", lang)
            if "z" in from_data
            else _("[z] Not applicable: a count for one authority is not compared with the total for Wales.", lang)
        )
    for code, note in FLAG_NOTES.items():
        if f"[{code}]" in text:
            notes.append(_(note, lang))
    return tuple(notes)


# the StatsWales shorthand shown beside a value, explained under every table that uses it
FLAG_NOTES = {
    "p": N_("[p] Provisional: the figure may change when the final figures are published."),
    "r": N_("[r] Revised since it was first published."),
    "e": N_("[e] Estimated."),
    "f": N_("[f] Forecast."),
    "u": N_("[u] Low reliability: read the figure with caution."),
}


def statuses_from_data(points: list[object]) -> frozenset[str]:
    """The statuses among these points that the data itself gave, rather than disclosure control."""
    from dirreport.compute.indicators import Point

    return frozenset(p.status for p in points if isinstance(p, Point) and p.status in p.flags)


def trend_figure(result: IndicatorResult, name: Bilingual, lang: str) -> Figure:
    ind = result.indicator
    title = ind.title(lang)
    wales_label = _("Wales", lang)
    ours = Series(
        name(lang),
        tuple(p.shown for p in result.series),
        "ours",
        tuple(sentences.point(p, ind.unit, lang, result.decimals) for p in result.series),
        tuple(i for i, p in enumerate(result.series) if p.breaks),
    )
    series = [ours]
    # a count for one authority is never drawn against the total for Wales: only rates compare
    if ind.unit != "count" and any(p.shown is not None for p in result.wales):
        series.append(
            Series(
                wales_label,
                tuple(p.shown for p in result.wales),
                "wales",
                tuple(sentences.point(p, ind.unit, lang, result.decimals) for p in result.wales),
                tuple(i for i, p in enumerate(result.wales) if p.breaks),
            )
        )
    years = tuple(i18n.financial_year(p.year, lang) for p in result.series)
    spec = ChartSpec(
        id=f"{ind.id}",
        kind="trend",
        lang=lang,
        title=title,
        categories=years,
        series=tuple(series),
        value_axis=value_axis_label(ind.unit, lang),
        percent_axis=ind.unit == "percent",
        decimals=result.decimals,
    )
    header: tuple[str, ...] = (_("Year", lang), name(lang), wales_label)
    is_count = ind.unit == "count"
    rows: tuple[tuple[str, ...], ...] = tuple(
        (
            years[i],
            ours.labels[i],
            i18n.NOT_APPLICABLE if is_count else series[1].labels[i] if len(series) > 1 else i18n.NOT_AVAILABLE,
        )
        for i in range(len(years))
    )
    numbers: tuple[tuple[float | str | None, ...], ...] = tuple(
        (
            years[i],
            _number_or_marker(result.series[i], result.decimals),
            i18n.NOT_APPLICABLE
            if is_count
            else _number_or_marker(result.wales[i], result.decimals)
            if result.wales
            else None,
        )
        for i in range(len(years))
    )
    align: tuple[str, ...] = ("l", "r", "r")
    if ind.unit == "percent" and ind.denominator and all(t.kind == "metric" for t in ind.denominator):
        # the base of each percentage: how many of how many, where the figure itself may be shown
        wte = result.latest.base == "wte"
        header += (_("Number (WTE)", lang), _("Out of (WTE)", lang)) if wte else (_("Number", lang), _("Out of", lang))
        rows = tuple((*row, *_base_cells(p, lang)) for row, p in zip(rows, result.series, strict=True))
        numbers = tuple((*row, *_base_numbers(p)) for row, p in zip(numbers, result.series, strict=True))
        align += ("r", "r")
    notes = [n for n in (unit_note(ind.unit, lang),) if n]
    notes += marker_notes(lang, [c for r in rows for c in r], statuses_from_data([*result.series, *result.wales]))
    for p in result.series:
        if p.breaks:
            notes.append(
                _(
                    "Break in series in {year}: figures from that year are not comparable with earlier "
                    "years, so the chart does not join them.",
                    lang,
                    year=i18n.financial_year(p.year, lang),
                )
            )
    table = Table(
        id=f"data-{slug(ind.id)}",
        caption=_("Data for the chart: {title}", lang, title=title),
        header=header,
        rows=rows,
        numbers=numbers,
        align=align,
        notes=tuple(notes),
    )
    alt = sentences.describe_indicator(result, title, lang)
    return Figure(spec.id, spec, title, alt, table)


def _base_cells(p: object, lang: str) -> tuple[str, str]:
    from dirreport.compute.indicators import Point

    if not isinstance(p, Point) or p.status != OK or p.numerator is None or p.denominator is None:
        marker = sentences.MARKERS.get(getattr(p, "status", ""), i18n.NOT_AVAILABLE)
        return marker, marker
    return sentences.base_numbers(p, lang)


def _base_numbers(p: object) -> tuple[float | str | None, float | str | None]:
    from dirreport.compute.indicators import Point

    if not isinstance(p, Point) or p.status != OK or p.numerator is None or p.denominator is None:
        marker = sentences.MARKERS.get(getattr(p, "status", ""), i18n.NOT_AVAILABLE)
        return marker, marker
    decimals = 1 if p.base == "wte" else 0
    return i18n.rounded(p.numerator, decimals), i18n.rounded(p.denominator, decimals)


def comparison_figure(result: IndicatorResult, name: Bilingual, lang: str) -> Figure | None:
    ind = result.indicator
    ours, wales = result.latest.shown, result.wales_latest.shown if result.wales_latest else None
    if ours is None or not result.others:
        return None
    title = _(
        "{title}: {authority} and the other authorities, {year}",
        lang,
        title=ind.title(lang),
        authority=name(lang),
        year=i18n.financial_year(result.latest.year, lang),
    )
    series = [Series(name(lang), (ours,), "ours", (sentences.value(ours, ind.unit, lang, result.decimals),))]
    if wales is not None:
        series.append(
            Series(_("Wales", lang), (wales,), "wales", (sentences.value(wales, ind.unit, lang, result.decimals),))
        )
    spec = ChartSpec(
        id=f"{ind.id}-compare",
        kind="comparison",
        lang=lang,
        title=title,
        categories=(),
        series=tuple(series),
        value_axis=value_axis_label(ind.unit, lang),
        percent_axis=ind.unit == "percent",
        decimals=result.decimals,
        others=result.others,
    )
    low, mid, high = range_of(result.others) or (0.0, 0.0, 0.0)

    def fmt(amount: float) -> str:
        return sentences.value(amount, ind.unit, lang, result.decimals)

    alt = _(
        "{title}: {authority} {value}; the other {n} authorities range from {low} to {high} (median {mid}).",
        lang,
        title=ind.title(lang),
        authority=name(lang),
        value=fmt(ours),
        n=i18n.number(len(result.others), lang),
        low=fmt(low),
        high=fmt(high),
        mid=fmt(mid),
    )
    alt += " " + sentences.describe_indicator(result, ind.title(lang), lang)
    header = (_("Measure", lang), _("Value", lang))
    rows = [
        (name(lang), fmt(ours)),
        (_("Lowest of the other authorities", lang), fmt(low)),
        (_("Median of the other authorities", lang), fmt(mid)),
        (_("Highest of the other authorities", lang), fmt(high)),
    ]
    if wales is not None:
        rows.insert(1, (_("Wales", lang), fmt(wales)))
    table = Table(
        id=f"data-{slug(ind.id)}-compare",
        caption=_("Data for the chart: {title}", lang, title=title),
        header=header,
        rows=tuple(rows),
        numbers=tuple(
            (r[0], i18n.rounded(v, result.decimals))
            for r, v in zip(rows, [ours, *([wales] if wales is not None else []), low, mid, high], strict=True)
        ),
        align=("l", "r"),
        notes=tuple(n for n in (unit_note(ind.unit, lang),) if n),
    )
    return Figure(spec.id, spec, title, alt, table)


def survey_figure(fig_id: str, title: str, results: list[SurveyResult], lang: str) -> Figure | None:
    """Bars of % positive with 95% intervals and the base, for a set of survey results."""
    if not results:
        return None
    labels, values, intervals, bars = [], [], [], []
    rows, numbers, alts = [], [], []
    for r in results:
        label = f"{r.measure.title(lang)} ({sentences.group_name(r.group, lang)})"
        latest = r.latest
        shown = latest.shown if latest else None
        labels.append(label)
        values.append(shown)
        intervals.append(latest.interval if latest is not None and shown is not None else None)
        base = i18n.number(latest.respondents, lang) if latest else i18n.NOT_AVAILABLE
        bars.append(_("{value} (n = {base})", lang, value=sentences.survey_point(latest, lang), base=base))
        ci = latest.interval if latest and shown is not None else None
        rows.append(
            (
                label,
                sentences.survey_point(latest, lang),
                f"{i18n.percent(ci[0], lang)} – {i18n.percent(ci[1], lang)}" if ci else i18n.NOT_AVAILABLE,
                base,
                _survey_change(r, lang),
                sentences.survey_point(r.wales, lang),
            )
        )
        numbers.append(
            (
                label,
                i18n.rounded(shown, 1) if shown is not None else None,
                None,
                latest.respondents if latest else None,
                i18n.rounded(r.trend.change, 1)
                if r.change_significant is not None
                and r.trend.change is not None
                and not compared_with_earlier(r.trend.since, previous_year(r.latest.year) if r.latest else None)
                else None,
                i18n.rounded(r.wales.shown, 1) if r.wales and r.wales.shown is not None else None,
            )
        )
        alts.append(sentences.describe_survey(r, r.measure.title(lang), lang))
    year = i18n.financial_year(results[0].latest.year if results[0].latest else "", lang)
    spec = ChartSpec(
        id=fig_id,
        kind="survey",
        lang=lang,
        title=title,
        categories=tuple(labels),
        series=(Series(title, tuple(values), "ours", tuple(bars)),),
        value_axis=_("Percentage who answered positively", lang),
        percent_axis=True,
        intervals=tuple(intervals),
    )
    header = (
        _("Survey measure", lang),
        year,
        _("95% confidence interval", lang),
        _("Respondents", lang),
        _("Change since last year (percentage points)", lang),
        _("Wales", lang),
    )
    table = Table(
        id=f"data-{slug(fig_id)}",
        caption=_("Data for the chart: {title}", lang, title=title),
        header=header,
        rows=tuple(rows),
        numbers=tuple(numbers),
        align=("l", "r", "r", "r", "l", "r"),
        notes=marker_notes(lang, [c for r in rows for c in r]),
    )
    return Figure(spec.id, spec, title, " ".join(alts), table)


def composition_figure(comp: Composition, results: Results, catalogue: Catalogue, lang: str) -> Figure | None:
    """Bars of each part of a total with its share; hidden parts shown as [c], never recoverable."""
    from dirreport.compute.disclosure import is_small, suppress_breakdown

    year = results.year
    values = {code: results.metric(code, year) for code, _ in comp.parts}
    if all(v.value is None for v in values.values()):
        return None
    parts = {code: v.value for code, v in values.items()}
    # the total printed is the sum of the parts as given, never a figure they do not add up to; with a
    # part missing there is no total to print (the catalogue's total, where named, equals the sum:
    # inputs.consistency_problems refuses data where it does not)
    total = sum(v for v in parts.values() if v is not None) if all(v is not None for v in parts.values()) else None
    total_hidden = bool(comp.total) and results.metric(comp.total or "", year).status == SUPPRESSED
    counts = all(catalogue.metrics[c].unit == "count" for c, _ in comp.parts)
    hidden = {c for c, v in values.items() if v.status == SUPPRESSED}
    if counts:
        hidden |= suppress_breakdown("__total__", total, parts)
        total_hidden = total_hidden or "__total__" in hidden or (is_small(total) if total is not None else False)
    unit = catalogue.metrics[comp.parts[0][0]].unit
    decimals = 0 if unit == "count" else 1
    labels: list[str] = []
    bar_values: list[float | None] = []
    bar_labels: list[str] = []
    rows: list[tuple[str, str, str]] = []
    numbers: list[tuple[str, float | str, float | str]] = []
    for code, label in comp.parts:
        value = parts[code]
        labels.append(label(lang))
        if code in hidden or value is None:
            marker = i18n.SUPPRESSED if code in hidden else i18n.NOT_AVAILABLE
            bar_values.append(None)
            bar_labels.append(marker)
            rows.append((label(lang), marker, marker))
            numbers.append((label(lang), marker, marker))
            continue
        share = 100.0 * value / total if total and not total_hidden else None
        no_share = i18n.SUPPRESSED if total_hidden else i18n.NOT_AVAILABLE
        text = i18n.number(value, lang, decimals)
        bar_values.append(value)
        bar_labels.append(f"{text} ({i18n.percent(share, lang)})" if share is not None else text)
        rows.append((label(lang), text, i18n.percent(share, lang) if share is not None else no_share))
        numbers.append(
            (label(lang), i18n.rounded(value, decimals), i18n.rounded(share, 1) if share is not None else no_share)
        )
    no_total = i18n.SUPPRESSED if total_hidden else i18n.NOT_AVAILABLE
    shown_total = total is not None and not total_hidden
    total_text = i18n.number(total, lang, decimals) if shown_total else no_total
    rows.append((_("Total", lang), total_text, i18n.percent(100.0, lang) if shown_total else no_total))
    numbers.append(
        (
            _("Total", lang),
            i18n.rounded(total or 0, decimals) if shown_total else no_total,
            100.0 if shown_total else no_total,
        )
    )
    title = _("{title}, {year}", lang, title=comp.title(lang), year=i18n.financial_year(year, lang))
    spec = ChartSpec(
        id=comp.id,
        kind="composition",
        lang=lang,
        title=title,
        categories=tuple(labels),
        series=(Series(title, tuple(bar_values), "ours", tuple(bar_labels)),),
        value_axis=_("Number", lang) if unit == "count" else value_axis_label("number", lang),
        decimals=decimals,
    )
    header = (_("Group", lang), _("Number", lang), _("Share of total", lang))
    table = Table(
        id=f"data-{slug(comp.id)}",
        caption=_("Data for the chart: {title}", lang, title=title),
        header=header,
        rows=tuple(rows),
        numbers=tuple(numbers),
        align=("l", "r", "r"),
        notes=marker_notes(lang, [c for r in rows for c in r]),
    )
    alt = composition_sentences.describe_composition(
        title, labels, bar_values, bar_labels, total_text, comp, results, lang
    )
    return Figure(spec.id, spec, title, alt, table)


def _survey_change(r: SurveyResult, lang: str) -> str:
    """Signed, with its direction and whether the test found it significant: '−1.5 (down, not significant)'."""
    if r.change_significant is None or r.trend.change is None:
        return i18n.NOT_AVAILABLE
    last = previous_year(r.latest.year) if r.latest else None
    size = since_earlier(sentences.signed(r.trend.change, lang, 1), r.trend.since, last, lang)
    if r.trend.movement == "same":
        return _("{size} (no change)", lang, size=size)
    if r.trend.movement == "up":
        if r.change_significant:
            return _("{size} (up, significant)", lang, size=size)
        return _("{size} (up, not significant)", lang, size=size)
    if r.change_significant:
        return _("{size} (down, significant)", lang, size=size)
    return _("{size} (down, not significant)", lang, size=size)


def _number_or_marker(p: object, decimals: int = 1) -> float | str | None:
    """The value as the report shows it (rounded the same way), or its marker."""
    from dirreport.compute.indicators import Point

    if not isinstance(p, Point):
        return None
    if p.status == OK and p.value is not None:
        return i18n.rounded(p.value, decimals)
    return sentences.MARKERS.get(p.status, None)


def summary_table(
    results: Results, catalogue: Catalogue, name: Bilingual, lang: str, ids: list[str] | None = None
) -> Table:
    """Indicator, this year, last year, direction, Wales: the report's performance at a glance."""
    this_year = i18n.financial_year(results.year, lang)
    last = results.years[-2] if len(results.years) > 1 else results.year
    header = (_("Indicator", lang), this_year, i18n.financial_year(last, lang), _("Direction", lang), _("Wales", lang))
    rows, numbers = [], []
    chosen = [results.indicators[i] for i in ids] if ids else list(results.indicators.values())
    any_earlier = False
    for r in chosen:
        unit, dec = r.indicator.unit, r.decimals
        any_earlier = any_earlier or compared_with_earlier(r.trend.since, last)
        rows.append(
            (
                r.indicator.title(lang),
                sentences.cell(r.latest, unit, lang, dec),
                sentences.cell(r.previous, unit, lang, dec),
                since_earlier(sentences.direction_label(r, lang), r.trend.since, last, lang),
                _wales_cell(r, lang),
            )
        )
        numbers.append(
            (
                r.indicator.title(lang),
                _number_or_marker(r.latest, dec),
                _number_or_marker(r.previous, dec),
                None,
                _wales_number(r),
            )
        )
    notes = [direction_note(lang)]
    if any_earlier:
        notes.append(earlier_note(last, lang))
    notes += marker_notes(
        lang,
        [c for r in rows for c in r],
        statuses_from_data([p for r in chosen for p in (r.latest, r.previous, r.wales_latest)]),
    )
    return Table(
        id="summary",
        caption=_("Performance at a glance, {year}", lang, year=this_year),
        header=header,
        rows=tuple(rows),
        numbers=tuple(numbers),
        align=("l", "r", "r", "l", "r"),
        notes=tuple(notes),
    )


def indicator_table(results: Results, ids: list[str], caption: str, table_id: str, lang: str) -> Table:
    """The indicators evidencing one quality standard: two years, change, direction, Wales."""
    last = results.years[-2] if len(results.years) > 1 else results.year
    header = (
        _("Indicator", lang),
        i18n.financial_year(results.year, lang),
        i18n.financial_year(last, lang),
        _("Change", lang),
        _("Direction", lang),
        _("Wales", lang),
    )
    rows, numbers = [], []
    any_earlier = False
    for iid in ids:
        r = results.indicators[iid]
        unit, dec = r.indicator.unit, r.decimals
        earlier = compared_with_earlier(r.trend.since, last)
        rows.append(
            (
                r.indicator.title(lang),
                sentences.cell(r.latest, unit, lang, dec),
                sentences.cell(r.previous, unit, lang, dec),
                since_earlier(sentences.signed_change(r, lang), r.trend.since, last, lang),
                sentences.direction_label(r, lang),
                _wales_cell(r, lang),
            )
        )
        change = (
            i18n.rounded(r.trend.change, dec) if r.trend.change is not None and r.trend.movement != "none" else None
        )
        # a change against an earlier year than the column beside it is kept as its words, year and all
        change = None if earlier else change
        any_earlier = any_earlier or earlier
        numbers.append(
            (
                r.indicator.title(lang),
                _number_or_marker(r.latest, dec),
                _number_or_marker(r.previous, dec),
                change,
                None,
                _wales_number(r),
            )
        )
    notes = [
        _(
            "Change is this year's value minus last year's, as printed; for percentages it is in percentage points.",
            lang,
        ),
        direction_note(lang),
    ]
    if any_earlier:
        notes.append(earlier_note(last, lang))
    shown = [results.indicators[iid] for iid in ids]
    notes += marker_notes(
        lang,
        [c for r in rows for c in r],
        statuses_from_data([p for r in shown for p in (r.latest, r.previous, r.wales_latest)]),
    )
    return Table(
        id=table_id,
        caption=caption,
        header=header,
        rows=tuple(rows),
        numbers=tuple(numbers),
        align=("l", "r", "r", "r", "l", "r"),
        notes=tuple(notes),
    )


def previous_year(year: str) -> str | None:
    """The financial year before '2023-24': '2022-23'."""
    try:
        start = int(year.split("-")[0])
    except ValueError:
        return None
    return f"{start - 1}-{str(start)[-2:]}"


def compared_with_earlier(since: str | None, last: str | None) -> bool:
    """Whether a change is measured against a year before last year (last year's figure hidden or absent)."""
    return since is not None and last is not None and since < last


def since_earlier(text: str, since: str | None, last: str | None, lang: str) -> str:
    """A change's cell, saying the year it is measured against when that is not the column beside it."""
    if not compared_with_earlier(since, last):
        return text
    return _("{change} (since {year})", lang, change=text, year=i18n.financial_year(since or "", lang))


def earlier_note(last: str, lang: str) -> str:
    return _(
        "Where the {year} figure is not shown, the change is measured against the latest earlier year that is "
        "shown, and the cell names that year.",
        lang,
        year=i18n.financial_year(last, lang),
    )


def direction_note(lang: str) -> str:
    """How the Direction column is judged: one rule for every table, set out in 'About the figures'."""
    return _(
        "Direction: ▲ rose, ▼ fell, improved or worsened by whether a higher value is better for that "
        "indicator, only where the change passes the test or threshold set out in 'About the figures'; "
        "otherwise 'Little change'.",
        lang,
    )


def _wales_cell(result: IndicatorResult, lang: str) -> str:
    if result.indicator.unit == "count":
        return i18n.NOT_APPLICABLE
    return sentences.cell(result.wales_latest, result.indicator.unit, lang, result.decimals)


def _wales_number(result: IndicatorResult) -> float | str | None:
    if result.indicator.unit == "count":
        return i18n.NOT_APPLICABLE
    return _number_or_marker(result.wales_latest, result.decimals)


def slug(text: str) -> str:
    return "".join(ch.lower() if ch.isalnum() else "-" for ch in text).strip("-")


SOURCE_NOTES = {
    "p": N_("Figures the data marks provisional, shown [p] in tables: {items}."),
    "r": N_("Figures the data marks revised, shown [r] in tables: {items}."),
    "e": N_("Figures the data marks estimated, shown [e] in tables: {items}."),
    "f": N_("Figures the data marks as forecasts, shown [f] in tables: {items}."),
    "u": N_("Figures the data marks of low reliability, shown [u] in tables: {items}."),
    "b": N_("Figures after a break in series, not compared with earlier years: {items}."),
    "c": N_("Figures the data marks confidential, shown [c]: {items}."),
    "x": N_("Figures the data marks not available, shown [x]: {items}."),
    "z": N_("Figures the data marks not applicable, shown [z]: {items}."),
    "low": N_("Figures the data marks as low figures, shown [low]: {items}."),
}


def source_notes(results: Results, catalogue: Catalogue, lang: str) -> list[str]:
    """Sentences for 'About the figures': which of the authority's figures the data marks, and how.

    Each marked value is named by its metric and year, so a reader can trace the [p] beside a rate to the
    provisional count it was calculated from.
    """
    marked: dict[str, list[str]] = {}
    for (code, year), value in sorted(results.metrics.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        for flag in value.flags:
            if flag in SOURCE_NOTES:
                label = f"{catalogue.metrics[code].label(lang)} ({code}, {i18n.financial_year(year, lang)})"
                marked.setdefault(flag, []).append(label)
    return [
        _(SOURCE_NOTES[flag], lang, items="; ".join(items))
        for flag, items in sorted(marked.items(), key=lambda kv: list(SOURCE_NOTES).index(kv[0]))
    ]
