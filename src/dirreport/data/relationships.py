"""The technical guidance's relationships between metrics: parts and wholes, exclusive and complete breakdowns."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from dirreport.catalogue import Catalogue
from dirreport.errors import Problem

if TYPE_CHECKING:
    pass

from dirreport.data.model import Dataset, MetricKey

RULE_PART = "a part is never more than its whole"
RULE_EXCLUSIVE = "exclusive parts never add up to more than their total"
RULE_EXHAUSTIVE = "the parts of a complete breakdown add up to its total"
RULE_SAME = "metrics the guidance defines as the same count are equal"


def rounding_allowance(catalogue: Catalogue, codes: Iterable[str]) -> float:
    """How far a sum of parts may stray from its total by rounding alone: none for counts, half a tenth each else."""
    codes = list(codes)
    if all(catalogue.metrics[c].unit == "count" for c in codes):
        return 1e-9
    return 0.05 * len(codes) + 1e-9


def consistency_problems(dataset: Dataset, catalogue: Catalogue, file: str) -> list[Problem]:
    """The technical guidance's relationships: parts within wholes, exclusive parts within totals,
    complete breakdowns equal to their totals (within rounding), equal metrics equal."""
    problems: list[Problem] = []
    values = dataset.metrics
    rows = dataset.metric_rows

    def loc(key: MetricKey) -> int | None:
        return rows.get(key)

    for (authority, year, code), value in values.items():
        if value is None:
            continue
        metric = catalogue.metrics[code]
        if metric.parent:
            whole = values.get((authority, year, metric.parent))
            if whole is not None and value > whole:
                problems.append(
                    Problem(
                        f"{code} ({_num(value)}) is larger than {metric.parent} ({_num(whole)}), "
                        f"the total it is part of, for {authority} in {year} (rule: {RULE_PART})",
                        file=file,
                        line=loc((authority, year, code)),
                        position_kind="row",
                        hint=f"a part cannot exceed its whole; check both values (row of {metric.parent}: "
                        f"{loc((authority, year, metric.parent))})",
                    )
                )
        if metric.same_as:
            other = values.get((authority, year, metric.same_as))
            if other is not None and other != value:
                problems.append(
                    Problem(
                        f"{code} ({_num(value)}) should equal {metric.same_as} ({_num(other)}) "
                        f"for {authority} in {year}"
                        f" (rule: {RULE_SAME})",
                        file=file,
                        line=loc((authority, year, code)),
                        position_kind="row",
                        hint="the guidance defines them as the same count; correct one of them",
                    )
                )
    for breakdown in catalogue.breakdowns:
        allowance = rounding_allowance(catalogue, breakdown.parts)
        for authority, year in {(a, y) for a, y, c in values if c == breakdown.total}:
            total = values.get((authority, year, breakdown.total))
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
                        f"{loc((authority, year, breakdown.total))})",
                    )
                )
    problems.sort(key=lambda p: (p.line or 0, p.message))
    return problems


def _num(value: float) -> str:
    return f"{value:g}"
