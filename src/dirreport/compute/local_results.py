"""Figures from the authority's own tables: totals and variances, complaints answered in time, and their changes.

Money is added up as it is printed (whole £ thousands), so a table's total is
always the sum of the rows above it and a variance is always the outturn less
the budget printed beside it.  Complaints are counts of people's complaints:
the report's disclosure rules apply to them as to any count (1 to 4 is not
shown, nor anything that would give it back), and the change in the share
answered within the timescale is judged by the report's one judgement (the
two-proportion test), so "improved" is printed only when the counts support it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dirreport.compute import disclosure
from dirreport.compute.judgement import Verdict, assess_proportions, judgement_of, movement_of, printed_change
from dirreport.data.local_model import COMPLAINT_SERVICES, SERVICE_AREAS, LocalTables
from dirreport.lang.i18n import rounded

PERCENT_DECIMALS = 1


@dataclass(frozen=True)
class Budget:
    """A budget and outturn as printed, in whole £ thousands; the variance is worked out from them."""

    budget: int
    outturn: int

    @property
    def variance(self) -> int:
        return self.outturn - self.budget


def area_codes(local: LocalTables) -> list[str]:
    """Service areas in the order the report lists them: the declared ones, then the project's own."""
    used = {line.area for line in local.finance}
    return [a for a in SERVICE_AREAS if a in used] + sorted(used - set(SERVICE_AREAS))


def finance_years(local: LocalTables) -> list[str]:
    return sorted({line.year for line in local.finance})


def budget_for(local: LocalTables, year: str, area: str | None = None) -> Budget | None:
    """One area's figures for a year, or the total of every area (None when the year has no rows)."""
    lines = [line for line in local.finance if line.year == year and (area is None or line.area == area)]
    if not lines:
        return None
    return Budget(sum(int(rounded(line.budget)) for line in lines), sum(int(rounded(line.outturn)) for line in lines))


@dataclass(frozen=True)
class Count:
    """A count as it may be published: the value, or None when it is hidden or was not recorded."""

    value: int | None
    hidden: bool = False

    @property
    def shown(self) -> int | None:
        return None if self.hidden else self.value


@dataclass(frozen=True)
class ComplaintMeasure:
    """One line of the complaints table: a count (at a stage, or at both) for each service and in all."""

    measure: str  # received | in_timescale | upheld | ombudsman
    stage: str | None  # None: both stages together
    services: tuple[tuple[str, Count], ...]
    total: Count


def complaint_years(local: LocalTables) -> list[str]:
    return sorted({c.year for c in local.complaints})


def _sum(values: Iterable[int | None]) -> int | None:
    found = list(values)
    return None if not found or any(v is None for v in found) else sum(v for v in found if v is not None)


# the complaints table's lines: each stage's complaints and how many were answered in time, then both stages'
COMPLAINT_LINES = (
    ("received", "1"),
    ("in_timescale", "1"),
    ("received", "2"),
    ("in_timescale", "2"),
    ("upheld", None),
    ("ombudsman", None),
)


def complaint_measures(local: LocalTables, year: str) -> list[ComplaintMeasure]:
    """The year's complaints line by line, each a breakdown by service of its total, small counts hidden.

    A hidden part hides a second part (or the total) too, so it cannot be worked out from what is shown.
    """
    rows = [c for c in local.complaints if c.year == year]
    if not rows:
        return []
    out = []
    for measure, stage in COMPLAINT_LINES:
        values = {
            service: _sum(
                getattr(c, measure) for c in rows if c.service == service and (stage is None or c.stage == stage)
            )
            for service in COMPLAINT_SERVICES
        }
        total = _sum(values.values())
        codes = {service: float(v) if v is not None else None for service, v in values.items()}
        hidden = disclosure.suppress_breakdown("total", total, codes)
        out.append(
            ComplaintMeasure(
                measure,
                stage,
                tuple((service, Count(values[service], service in hidden)) for service in COMPLAINT_SERVICES),
                Count(total, "total" in hidden),
            )
        )
    return out


def share(in_time: Count, received: Count) -> float | None:
    """The percentage answered in time, only where both counts are shown and there were complaints."""
    x, n = in_time.shown, received.shown
    return 100.0 * x / n if x is not None and n else None


@dataclass(frozen=True)
class Timeliness:
    """Complaints answered within the timescale out of those received, for one year (and stage, or all)."""

    year: str
    in_time: int
    received: int

    @property
    def disclosive(self) -> bool:
        return disclosure.ratio_is_disclosive(self.in_time, self.received, True)

    @property
    def percent(self) -> float | None:
        return 100.0 * self.in_time / self.received if self.received else None


def timeliness(local: LocalTables, year: str, stage: str | None = None) -> Timeliness | None:
    found = [c for c in local.complaints if c.year == year and (stage is None or c.stage == stage)]
    if not found:
        return None
    return Timeliness(year, sum(c.in_timescale for c in found), sum(c.received for c in found))


@dataclass(frozen=True)
class TimelinessChange:
    """This year's share answered in time against last year's, judged once for every sentence and table."""

    now: Timeliness
    before: Timeliness
    change: float  # percentage points, the difference of the two percentages as printed
    movement: str
    judgement: str  # better | worse | little | neutral
    verdict: Verdict


def timeliness_change(local: LocalTables, year: str, stage: str | None = None) -> TimelinessChange | None:
    """The change since the year before, or None where either year is missing, empty or not publishable."""
    years = complaint_years(local)
    if year not in years or years.index(year) == 0:
        return None
    now = timeliness(local, year, stage)
    before = timeliness(local, years[years.index(year) - 1], stage)
    if now is None or before is None or now.percent is None or before.percent is None:
        return None
    if now.disclosive or before.disclosive:
        return None
    change = printed_change(now.percent, before.percent, PERCENT_DECIMALS)
    verdict = assess_proportions(now.in_time, now.received, before.in_time, before.received)
    movement = movement_of(change)
    return TimelinessChange(now, before, change, movement, judgement_of(movement, verdict.supported, "higher"), verdict)


def inspection_years(local: LocalTables) -> list[str]:
    return sorted({i.year for i in local.inspections})
