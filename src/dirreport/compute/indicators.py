"""Every figure the report shows, computed once from the data by the catalogue's formulas.

Indicators are ratios of summed metrics (or population) with a stated scale;
survey measures are proportions with Wilson intervals.  For each, the values
over up to five years, the change since last year judged against the
indicator's polarity, and how the authority stands against Wales and the
range of the other authorities.  Disclosure control is applied here, so
nothing downstream can show a figure that should have been hidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from statistics import median

from dirreport import cells
from dirreport.catalogue import (
    POPULATION_GROUPS,
    WALES,
    Catalogue,
    Indicator,
    SurveyMeasure,
    Term,
    base_unit,
    counts_only,
)
from dirreport.compute.disclosure import LOW_BASE, is_small, ratio_is_disclosive, suppress_breakdown
from dirreport.compute.judgement import (
    Verdict,
    against_wales,
    assess_indicator,
    assess_proportions,
    judgement_of,
    movement_of,
    printed_change,
    proportion_test,
)
from dirreport.compute.stats import significant, wilson
from dirreport.config.settings import Config
from dirreport.data.model import Dataset
from dirreport.data.relationships import nested_refusal
from dirreport.errors import InputError
from dirreport.lang.i18n import rounded

OK, SUPPRESSED, MISSING, LOW = "ok", "c", "x", "low"
NOT_APPLICABLE = "z"
# when several figures behind a value are absent, the reader is told the strongest reason
ABSENCE_ORDER = (SUPPRESSED, LOW, NOT_APPLICABLE, MISSING)
SCALES = {"percent": 100.0, "per-10000": 10_000.0, "per-1000": 1_000.0, "days": 1.0, "number": 1.0, "count": 1.0}
DECIMALS = {"percent": 1, "per-10000": 1, "per-1000": 1, "days": 1, "number": 1, "count": 0}


@dataclass(frozen=True)
class Point:
    """One year's value of an indicator, with the counts it was computed from."""

    year: str
    value: float | None
    numerator: float | None
    denominator: float | None
    status: str
    flags: tuple[str, ...] = ()  # StatsWales shorthand of the figures behind it: p, r, e, f, u, b …
    base: str = "count"  # what numerator and denominator count: "count", or "wte" (printed 127.8 of 400.0 WTE)

    @property
    def shown(self) -> float | None:
        return self.value if self.status == OK else None

    @property
    def breaks(self) -> bool:
        """A break in series at this year: not comparable with the years before."""
        return cells.BREAK in self.flags


@dataclass(frozen=True)
class Trend:
    """Change between the last two years with a value, as printed, judged once (judgement.py)."""

    movement: str  # up | down | same | none
    judgement: str  # better | worse | neutral | little | unknown
    change: float | None  # the difference of the two values as printed
    since: str | None
    verdict: Verdict | None = None

    @property
    def supported(self) -> bool:
        """The data support calling this a change (a test or the catalogue's threshold says so)."""
        return self.judgement in ("better", "worse", "neutral") and self.movement in ("up", "down")


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator for the authority: values by year, Wales's, the change judged once; all outputs print it."""

    indicator: Indicator
    series: tuple[Point, ...]
    wales: tuple[Point, ...]
    others: tuple[float, ...]
    trend: Trend
    versus_wales: str  # above | below | same | none
    wales_judgement: str  # better | worse | neutral | little (not told from chance) | unknown

    @property
    def latest(self) -> Point:
        return self.series[-1]

    @property
    def previous(self) -> Point | None:
        return self.series[-2] if len(self.series) > 1 else None

    @property
    def wales_latest(self) -> Point | None:
        return self.wales[-1] if self.wales else None

    @property
    def decimals(self) -> int:
        return DECIMALS[self.indicator.unit]

    @property
    def has_series(self) -> bool:
        return sum(1 for p in self.series if p.status == OK) >= 2


@dataclass(frozen=True)
class SurveyPoint:
    year: str
    respondents: int
    positive: int
    status: str

    @property
    def percent(self) -> float:
        return 100.0 * self.positive / self.respondents if self.respondents else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        ci = wilson(self.positive, self.respondents)
        return 100.0 * ci.low, 100.0 * ci.high

    @property
    def shown(self) -> float | None:
        return self.percent if self.status == OK else None


@dataclass(frozen=True)
class SurveyResult:
    measure: SurveyMeasure
    group: str
    series: tuple[SurveyPoint | None, ...]
    wales: SurveyPoint | None
    trend: Trend
    change_significant: bool | None
    versus_wales: str
    wales_significant: bool | None

    @property
    def latest(self) -> SurveyPoint | None:
        return self.series[-1]

    @property
    def key(self) -> str:
        return f"{self.measure.id}-{self.group}"


@dataclass(frozen=True)
class MetricValue:
    code: str
    year: str
    value: float | None
    status: str
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Results:
    """Everything computed for one authority and year, once: every stage and the Python API read the same."""

    authority: str
    year: str
    years: tuple[str, ...]
    indicators: Mapping[str, IndicatorResult]
    survey: Mapping[str, SurveyResult]
    metrics: Mapping[tuple[str, str], MetricValue]
    population: Mapping[str, int] = field(default_factory=dict)

    def metric(self, code: str, year: str | None = None) -> MetricValue:
        return self.metrics.get((code, year or self.year), MetricValue(code, year or self.year, None, MISSING))

    def survey_for(self, measure: str) -> list[SurveyResult]:
        return [r for r in self.survey.values() if r.measure.id == measure]


def compute(config: Config, catalogue: Catalogue, dataset: Dataset) -> Results:
    """Compute every indicator, survey measure and published metric for the report's authority."""
    years = config.years
    others = [a for a in dataset.authorities if a not in (config.authority, WALES)]
    metrics, here = catalogue.metrics, config.authority
    indicators = {
        i.id: _indicator(i, dataset, here, years, others, counts_only(i, metrics), base_unit(i, metrics))
        for i in catalogue.indicators.values()
    }
    survey: dict[str, SurveyResult] = {}
    for measure in catalogue.survey.values():
        for group in measure.groups:
            result = _survey(measure, group, dataset, config.authority, years)
            if result is not None:
                survey[result.key] = result
    population = {
        band: dataset.population[(config.authority, config.year, band)]
        for band in POPULATION_GROUPS["all"]
        if (config.authority, config.year, band) in dataset.population
    }
    return Results(
        authority=config.authority,
        year=config.year,
        years=years,
        indicators=indicators,
        survey=survey,
        metrics=_published_metrics(catalogue, dataset, config.authority, years),
        population=population,
    )


def _sum(terms: tuple[Term, ...], dataset: Dataset, authority: str, year: str) -> float | None:
    total = 0.0
    for term in terms:
        if term.kind == "metric":
            value = dataset.metrics.get((authority, year, term.ref))
        else:
            bands = POPULATION_GROUPS[term.ref]
            pops = [dataset.population.get((authority, year, b)) for b in bands]
            value = None if any(p is None for p in pops) else float(sum(p for p in pops if p is not None))
        if value is None:
            return None
        total += value
    return total


def _notes_of(terms: tuple[Term, ...], dataset: Dataset, authority: str, year: str) -> tuple[str, ...]:
    """Every shorthand code on the figures a value is made from."""
    codes: list[str] = []
    for term in terms:
        if term.kind == "metric":
            codes += dataset.notes.get((authority, year, term.ref), ())
    return tuple(dict.fromkeys(codes))


def _absent(codes: tuple[str, ...]) -> str:
    """Why a value cannot be shown: the strongest status among its figures, or not available."""
    return next((status for status in ABSENCE_ORDER if status in codes), MISSING)


def point(ind: Indicator, dataset: Dataset, authority: str, year: str, base: str = "count") -> Point:
    """One year's value, hidden when a count behind it, or the count a percentage leaves out, is small."""
    codes = _notes_of(ind.numerator + ind.denominator, dataset, authority, year) if dataset.notes else ()
    flags = codes
    numerator = _sum(ind.numerator, dataset, authority, year)
    if not ind.denominator:
        if numerator is None:
            return Point(year, None, None, None, _absent(codes), flags)
        status = SUPPRESSED if is_small(numerator) else OK
        return Point(year, numerator, numerator, None, status, flags)
    denominator = _sum(ind.denominator, dataset, authority, year)
    if numerator is None or denominator is None or denominator == 0:
        return Point(year, None, numerator, denominator, _absent(codes), flags)
    if proportion_test(ind) and numerator > denominator:
        raise InputError(nested_refusal(ind, dataset, authority, year, numerator, denominator))
    value = numerator / denominator * SCALES[ind.unit]
    counted = any(t.kind == "metric" for t in ind.denominator)
    # 95.7% of 23 tells the reader 1 case was left out: a small complement is hidden like a small count
    complement = denominator - numerator if proportion_test(ind) and base == "count" else None
    status = SUPPRESSED if ratio_is_disclosive(numerator, denominator, counted) or is_small(complement) else OK
    return Point(year, value, numerator, denominator, status, flags, base)


def judge(change: float | None, polarity: str, decimals: int) -> tuple[str, str]:
    """Movement of a difference between printed values, and which way it points by polarity (no test)."""
    if change is None:
        return "none", "unknown"
    movement = movement_of(rounded(change, decimals))
    if movement == "same":
        return "same", "neutral"
    return movement, judgement_of(movement, True, polarity)


def _trend(ind: Indicator, series: tuple[Point, ...], counted: bool) -> Trend:
    shown = [p for p in series if p.shown is not None]
    if len(shown) < 2 or shown[-1].year != series[-1].year:
        return Trend("none", "unknown", None, None)
    prev, last = shown[-2], shown[-1]
    if any(prev.year < p.year <= series[-1].year and p.breaks for p in series):
        return Trend("none", "unknown", None, None)  # a break in series: the two years measure different things
    decimals = DECIMALS[ind.unit]
    change = printed_change(last.value or 0.0, prev.value or 0.0, decimals)
    movement = movement_of(change)
    verdict = assess_indicator(
        ind, counted, (last.numerator, last.denominator), (prev.numerator, prev.denominator), change
    )
    return Trend(movement, judgement_of(movement, verdict.supported, ind.polarity), change, prev.year, verdict)


def _indicator(
    ind: Indicator,
    dataset: Dataset,
    authority: str,
    years: tuple[str, ...],
    others: list[str],
    counted: bool = True,
    base: str = "count",
) -> IndicatorResult:
    series = tuple(point(ind, dataset, authority, y, base) for y in years)
    wales = tuple(point(ind, dataset, WALES, y, base) for y in years)
    decimals = DECIMALS[ind.unit]
    trend = _trend(ind, series, counted)
    other_values = []
    for other in others if ind.unit != "count" else []:
        p = point(ind, dataset, other, years[-1], base)
        if p.status == OK and p.value is not None:
            other_values.append(p.value)
    versus, judgement = "none", "unknown"
    ours, theirs = series[-1].shown, wales[-1].shown
    # a count grows with the authority's size: set against Wales's total it says nothing
    if ours is not None and theirs is not None and ind.unit != "count":
        movement = movement_of(difference := printed_change(ours, theirs, decimals))
        versus = {"up": "above", "down": "below", "same": "same"}[movement]
        ours_n, theirs_n = ((q.numerator, q.denominator) for q in (series[-1], wales[-1]))
        judgement = against_wales(ind, counted, ours_n, theirs_n, movement, difference)
    return IndicatorResult(ind, series, wales, tuple(sorted(other_values)), trend, versus, judgement)


def _survey_point(dataset: Dataset, authority: str, year: str, measure: str, group: str) -> SurveyPoint | None:
    count = dataset.survey.get((authority, year, measure, group))
    if count is None:
        return None
    if count.respondents < LOW_BASE:
        status = LOW
    elif is_small(count.positive) or is_small(count.respondents - count.positive):
        status = SUPPRESSED  # 22 of 23 answered yes tells the reader that 1 did not
    else:
        status = OK
    return SurveyPoint(year, count.respondents, count.positive, status)


def _survey(
    measure: SurveyMeasure, group: str, dataset: Dataset, authority: str, years: tuple[str, ...]
) -> SurveyResult | None:
    series = tuple(_survey_point(dataset, authority, y, measure.id, group) for y in years)
    if all(p is None for p in series):
        return None
    wales = _survey_point(dataset, WALES, years[-1], measure.id, group)
    latest = series[-1]
    earlier = [p for p in series[:-1] if p is not None and p.status == OK]
    trend = Trend("none", "unknown", None, None)
    change_sig: bool | None = None
    if latest is not None and latest.status == OK and earlier:
        prev = earlier[-1]
        verdict = assess_proportions(latest.positive, latest.respondents, prev.positive, prev.respondents)
        change_sig = verdict.supported
        change = printed_change(latest.percent, prev.percent, 1)
        movement = movement_of(change)
        trend = Trend(movement, judgement_of(movement, verdict.supported, "higher"), change, prev.year, verdict)
    versus, wales_sig = "none", None
    if latest is not None and latest.status == OK and wales is not None and wales.status == OK:
        wales_sig = significant(latest.positive, latest.respondents, wales.positive, wales.respondents)
        movement, _ = judge(latest.percent - wales.percent, "higher", 1)
        versus = {"up": "above", "down": "below", "same": "same"}[movement] if wales_sig else "same"
    return SurveyResult(measure, group, series, wales, trend, change_sig, versus, wales_sig)


def _published_metrics(
    catalogue: Catalogue, dataset: Dataset, authority: str, years: tuple[str, ...]
) -> dict[tuple[str, str], MetricValue]:
    """The authority's metric values as they may be published, after primary and secondary suppression."""
    out: dict[tuple[str, str], MetricValue] = {}
    wanted = set(years)
    for (auth, year, code), value in dataset.metrics.items():
        if auth != authority or year not in wanted:
            continue
        metric = catalogue.metrics[code]
        codes = dataset.notes.get((auth, year, code), ())
        if value is None:
            status = _absent(codes)
        elif metric.unit == "count" and metric.people and is_small(value):
            status = SUPPRESSED
        else:
            status = OK
        out[(code, year)] = MetricValue(code, year, value, status, codes)
    for breakdown in catalogue.breakdowns:
        if not all(catalogue.metrics[c].people for c in breakdown.parts):
            continue
        for year in years:
            total = dataset.metrics.get((authority, year, breakdown.total))
            parts = {c: dataset.metrics.get((authority, year, c)) for c in breakdown.parts}
            for code in suppress_breakdown(breakdown.total, total, parts):
                if (code, year) in out:
                    out[(code, year)] = MetricValue(
                        code, year, out[(code, year)].value, SUPPRESSED, out[(code, year)].flags
                    )
    return out


def weakest(results: Results, limit: int = 5) -> list[IndicatorResult]:
    """Indicators that got worse or trail Wales most, so the report cannot leave them out."""

    def badness(r: IndicatorResult) -> float:
        score = 0.0
        if r.trend.judgement == "worse" and r.trend.change is not None and r.previous and r.previous.value:
            score += abs(r.trend.change) / max(abs(r.previous.value), 1e-9)
        ours, wales = r.latest.shown, r.wales_latest.shown if r.wales_latest else None
        if r.wales_judgement == "worse" and ours is not None and wales:
            score += abs(ours - wales) / max(abs(wales), 1e-9)
        return score

    scored = [(badness(r), r.indicator.id, r) for r in results.indicators.values()]
    return [r for score, _, r in sorted(scored, key=lambda t: (-t[0], t[1])) if score > 0][:limit]


def range_of(values: tuple[float, ...]) -> tuple[float, float, float] | None:
    if not values:
        return None
    return min(values), median(values), max(values)
