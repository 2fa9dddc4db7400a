"""The technical guidance's relationships between metrics: parts and wholes, exclusive and complete breakdowns."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dirreport.catalogue import Catalogue, Indicator
from dirreport.data.model import Dataset, MetricKey
from dirreport.errors import Problem

RULE_PART = "a part is never more than its whole"
RULE_EXCLUSIVE = "exclusive parts never add up to more than their total"
RULE_EXHAUSTIVE = "the parts of a complete breakdown add up to its total"
RULE_SAME = "metrics the guidance defines as the same count are equal"
RULE_NESTED = "a percentage's numerator is part of its denominator"


def rounding_allowance(catalogue: Catalogue, codes: Iterable[str]) -> float:
    """How far a sum of parts may stray from its total by rounding alone: none for counts, half a tenth each else."""
    codes = list(codes)
    if all(catalogue.metrics[c].unit == "count" for c in codes):
        return 1e-9
    return 0.05 * len(codes) + 1e-9


def whole_value(
    values: Mapping[MetricKey, float | None], authority: str, year: str, codes: Iterable[str]
) -> float | None:
    """The value of a whole: one metric's, or the sum of the metrics the guidance adds up (AD/002a+b); None
    when any of them is absent, since a part of a sum cannot be checked against some of it."""
    total = 0.0
    for code in codes:
        value = values.get((authority, year, code))
        if value is None:
            return None
        total += value
    return total


def _nearest_whole(
    catalogue: Catalogue, values: Mapping[MetricKey, float | None], authority: str, year: str, code: str
) -> tuple[tuple[str, ...], str]:
    """The whole a part is checked against: its own, or, where that is not given, the nearest one above it
    (AD/031 against AD/028 when AD/030 is missing), so a chain of parts is checked with a link absent."""
    metric = catalogue.metrics[code]
    codes, written = metric.whole, metric.parent or ""
    for _ in range(8):
        if not codes or whole_value(values, authority, year, codes) is not None or len(codes) > 1:
            break
        above = catalogue.metrics.get(codes[0])
        if above is None or not above.parent:
            break
        codes, written = above.whole, above.parent
    return codes, written


def _written(
    catalogue_codes: tuple[str, ...], written: str, values: Mapping[MetricKey, float | None], a: str, y: str
) -> str:
    """A whole and its value as a message prints it: 'AD/030 (479)', or 'AD/002a+b (479 = 300 + 179)'."""
    total = whole_value(values, a, y, catalogue_codes) or 0.0
    if len(catalogue_codes) == 1:
        return f"{written} ({_num(total)})"
    listed = " + ".join(_num(values.get((a, y, c)) or 0.0) for c in catalogue_codes)
    return f"{written} ({_num(total)} = {listed})"


def consistency_problems(dataset: Dataset, catalogue: Catalogue, file: str) -> list[Problem]:
    """The technical guidance's relationships: parts within wholes (a whole may be a sum of codes),
    exclusive parts within totals, complete breakdowns equal to their totals (within rounding), equal
    metrics equal, and every nested percentage's numerator within its denominator."""
    problems: list[Problem] = []
    values = dataset.metrics
    rows = dataset.metric_rows

    def loc(key: MetricKey) -> int | None:
        return rows.get(key)

    def rows_of(authority: str, year: str, codes: Iterable[str]) -> str:
        found = [f"{c} row {loc((authority, year, c))}" for c in codes if loc((authority, year, c)) is not None]
        return ", ".join(found) if found else "not in the file"

    for (authority, year, code), value in values.items():
        if value is None:
            continue
        metric = catalogue.metrics[code]
        codes, written = _nearest_whole(catalogue, values, authority, year, code)
        if codes:
            whole = whole_value(values, authority, year, codes)
            slack = rounding_allowance(catalogue, codes) if len(codes) > 1 else 0.0
            if whole is not None and value > whole + slack:
                problems.append(
                    Problem(
                        f"{code} ({_num(value)}) is larger than "
                        f"{_written(codes, written, values, authority, year)}, "
                        f"the total it is part of, for {authority} in {year} (rule: {RULE_PART})",
                        file=file,
                        line=loc((authority, year, code)),
                        position_kind="row",
                        hint=f"a part cannot exceed its whole; check both values ({rows_of(authority, year, codes)})",
                    )
                )
        if metric.same_as:
            other = values.get((authority, year, metric.same_as))
            if other is not None and other != value:
                problems.append(
                    Problem(
                        f"{code} ({_num(value)}) should equal {metric.same_as} ({_num(other)}) "
                        f"for {authority} in {year} (rule: {RULE_SAME})",
                        file=file,
                        line=loc((authority, year, code)),
                        position_kind="row",
                        hint="the guidance defines them as the same count; correct one of them",
                    )
                )
    reported: dict[str, set[tuple[str, str]]] = {}  # code -> the (authority, year) it is given for
    for authority, year, code in values:
        reported.setdefault(code, set()).add((authority, year))
    for breakdown in catalogue.breakdowns:
        allowance = rounding_allowance(catalogue, breakdown.parts)
        for authority, year in sorted(reported.get(breakdown.whole[0], set())):
            total = whole_value(values, authority, year, breakdown.whole)
            if total is None:
                continue
            parts = [(c, values.get((authority, year, c))) for c in breakdown.parts]
            present = [(c, v) for c, v in parts if v is not None]
            if not present:
                continue
            summed = sum(v for _, v in present)
            listed = " + ".join(f"{c} {_num(v)}" for c, v in present)
            first = present[0][0]
            if summed > total + allowance:
                problems.append(
                    Problem(
                        f"the parts of {breakdown.total} add up to {_num(summed)} ({listed}), more than the total "
                        f"{_num(total)} for {authority} in {year} (rule: {RULE_EXCLUSIVE})",
                        file=file,
                        line=loc((authority, year, first)),
                        position_kind="row",
                        hint="each case belongs to one category only; check the parts and the total",
                    )
                )
            elif breakdown.exhaustive and len(present) == len(parts) and abs(summed - total) > allowance:
                problems.append(
                    Problem(
                        f"the parts of {breakdown.total} add up to {_num(summed)} ({listed}), not the total "
                        f"{_num(total)} for {authority} in {year} (rule: {RULE_EXHAUSTIVE})",
                        file=file,
                        line=loc((authority, year, first)),
                        position_kind="row",
                        hint=f"every case falls in one of these categories, so they must add up to {breakdown.total}; "
                        f"check the parts and the total (row of {breakdown.total}: "
                        f"{rows_of(authority, year, breakdown.whole)})",
                    )
                )
    problems += nesting_problems(dataset, catalogue, file)
    problems.sort(key=lambda p: (p.line or 0, p.message))
    return problems


def direct(catalogue: Catalogue, top: tuple[str, ...], bottom: tuple[str, ...]) -> bool:
    """Whether one part rule or one breakdown already says top <= bottom, so the indicator rule would repeat it."""
    if len(top) == 1 and catalogue.metrics[top[0]].whole == bottom:
        return True
    return any(set(b.parts) == set(top) and b.whole == bottom for b in catalogue.breakdowns)


def nesting_problems(dataset: Dataset, catalogue: Catalogue, file: str) -> list[Problem]:
    """A nested percentage's numerator above its denominator, for any authority and year.

    The part rules above catch a part above its own whole; this catches the
    rest, such as AD/031 above AD/028 through AD/030 when AD/030 is not given.
    """
    problems: list[Problem] = []
    values = dataset.metrics
    keys = {(a, y) for a, y, _c in values}
    for ind in catalogue.indicators.values():
        if ind.unit != "percent" or not ind.nested or any(t.kind != "metric" for t in ind.denominator):
            continue
        top, bottom = tuple(t.ref for t in ind.numerator), tuple(t.ref for t in ind.denominator)
        if direct(catalogue, top, bottom):
            continue
        for authority, year in sorted(keys):
            x = whole_value(values, authority, year, top)
            n = whole_value(values, authority, year, bottom)
            if x is None or n is None or x <= n + rounding_allowance(catalogue, top):
                continue
            first = next((dataset.metric_rows.get((authority, year, c)) for c in top), None)
            problems.append(
                Problem(
                    f"{' + '.join(top)} ({_num(x)}) is larger than {' + '.join(bottom)} ({_num(n)}) for "
                    f"{authority} in {year}, so {ind.id} would be {_num(round(100 * x / n, 1))}% "
                    f"(rule: {RULE_NESTED})",
                    file=file,
                    line=first,
                    position_kind="row",
                    hint="the numerator is counted within the denominator; check both values (rows "
                    + ", ".join(str(dataset.metric_rows.get((authority, year, c))) for c in (*top, *bottom))
                    + ")",
                )
            )
    return problems


def _num(value: float) -> str:
    return f"{value:g}"


def nested_refusal(ind: Indicator, dataset: Dataset, authority: str, year: str, top: float, bottom: float) -> Problem:
    """A nested percentage above 100%, refused where it is computed (consistency_problems refuses it first)."""
    codes = [t.ref for t in (*ind.numerator, *ind.denominator)]
    rows = ", ".join(f"{c} row {dataset.metric_rows.get((authority, year, c), '?')}" for c in codes)
    return Problem(
        f"{' + '.join(t.ref for t in ind.numerator)} ({_num(top)}) is larger than "
        f"{' + '.join(t.ref for t in ind.denominator)} ({_num(bottom)}) for {authority} in {year}, so {ind.id} "
        f"would pass 100% (rule: {RULE_NESTED})",
        file=dataset.files.get("metrics", "data/metrics.csv"),
        hint=f"the numerator is counted within the denominator; check both values ({rows})",
    )
