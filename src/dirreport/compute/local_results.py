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
from dirreport.data.local_model import COMPLAINT_SERVICES, COMPLAINT_STAGES, SERVICE_AREAS, LocalTables

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
    return Budget(sum(round(line.budget) for line in lines), sum(round(line.outturn) for line in lines))


@dataclass(frozen=True)
class Count:
    """A count as it may be published: the value, or None when it is hidden or was not recorded."""

    value: int | None
    hidden: bool = False

    @property
    def shown(self) -> int | None:
        return None if self.hidden else self.value


@dataclass(frozen=True)
class ComplaintRow:
    """One line of the complaints table: a service and stage, or a total."""

    service: str | None  # None for a total
    stage: str | None  # None for every stage
    received: Count
    in_timescale: Count
    upheld: Count
    ombudsman: Count

    @property
    def percent(self) -> float | None:
        """The share answered within the timescale, unless either count is hidden or there were none."""
        x, n = self.in_timescale.shown, self.received.shown
        if x is None or not n:
            return None
        return 100.0 * x / n


COUNT_FIELDS = ("received", "in_timescale", "upheld", "ombudsman")


def complaint_years(local: LocalTables) -> list[str]:
    return sorted({c.year for c in local.complaints})


def _sum(values: Iterable[int | None]) -> int | None:
    found = list(values)
    return None if not found or any(v is None for v in found) else sum(v for v in found if v is not None)


def complaint_rows(local: LocalTables, year: str) -> list[ComplaintRow]:
    """The year's complaints by service and stage, then the total, with small counts hidden.

    Each column is a breakdown of its total, so a hidden part hides a second part (or the total) too.
    """
    parts = [c for c in local.complaints if c.year == year]
    order = [(s, t) for s in COMPLAINT_SERVICES for t in COMPLAINT_STAGES]
    parts.sort(key=lambda c: order.index((c.service, c.stage)))
    if not parts:
        return []
    raw: dict[str, list[int | None]] = {
        "received": [c.received for c in parts],
        "in_timescale": [c.in_timescale for c in parts],
        "upheld": [c.upheld for c in parts],
        "ombudsman": [c.ombudsman for c in parts],
    }
    hidden: dict[str, set[str]] = {}
    totals: dict[str, int | None] = {}
    for name, values in raw.items():
        totals[name] = _sum(values)
        codes = {str(i): float(v) if v is not None else None for i, v in enumerate(values)}
        hidden[name] = disclosure.suppress_breakdown("total", totals[name], codes)
    rows = []
    for i, c in enumerate(parts):
        counts = {name: Count(raw[name][i], str(i) in hidden[name]) for name in COUNT_FIELDS}
        rows.append(ComplaintRow(c.service, c.stage, **counts))
    total = {name: Count(totals[name], "total" in hidden[name]) for name in COUNT_FIELDS}
    rows.append(ComplaintRow(None, None, **total))
    return rows


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
