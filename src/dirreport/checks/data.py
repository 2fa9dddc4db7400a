"""The data: metrics the indicators need, and values that move more than is plausible in a year."""

from __future__ import annotations

from itertools import pairwise

from dirreport.checks.findings import (
    OUTLIER_MIN,
    WARNING,
    ReportCard,
)
from dirreport.errors import Problem
from dirreport.lang.i18n import _
from dirreport.pipeline.project import Project


def check_data(project: Project, card: ReportCard) -> None:
    results, dataset, catalogue = project.results, project.dataset, project.catalogue
    authority, say = project.config.authority, card.lang
    metrics_file = dataset.files.get("metrics", "data/metrics.csv")
    present = {code for (auth, _y, code) in dataset.metrics if auth == authority}
    wanted = sorted({c for i in catalogue.indicators.values() for c in i.metrics})
    absent = [c for c in wanted if c not in present]
    if absent:
        card.add(
            "data",
            WARNING,
            Problem(
                _(
                    "{n} metrics used by indicators have no rows for {authority}: {codes}",
                    say,
                    n=len(absent),
                    authority=authority,
                    codes=", ".join(absent[:12]) + (" ..." if len(absent) > 12 else ""),
                ),
                file=metrics_file,
                hint=_("add them, or leave the indicators they feed showing [x]", say),
            ),
        )
    for result in results.indicators.values():
        # a value the data itself marks not available ([x] or '..') is accounted for, not missing
        missing = [p.year for p in result.series if p.status == "x" and "x" not in p.flags]
        used = [c for c in result.indicator.metrics if c in present]
        if missing and used and len(missing) < len(result.series):
            card.add(
                "data",
                WARNING,
                Problem(
                    _("{id} has no value for {years}", say, id=result.indicator.id, years=", ".join(missing)),
                    file=metrics_file,
                    hint=_("add the missing years if they were collected", say),
                ),
            )
    factor = project.config.outlier_factor
    years = results.years
    for code in sorted(present):
        if catalogue.metrics[code].unit != "count":
            continue
        for before, after in pairwise(years):
            a, b = dataset.value(authority, before, code), dataset.value(authority, after, code)
            if a is None or b is None or max(a, b) < OUTLIER_MIN or min(a, b) == 0:
                continue
            if b / a > factor or a / b > factor:
                card.add(
                    "data",
                    WARNING,
                    Problem(
                        _(
                            "{code} moved from {start} in {start_year} to {end} in {end_year}, more than a factor "
                            "of {factor}",
                            say,
                            code=code,
                            start=f"{a:g}",
                            start_year=before,
                            end=f"{b:g}",
                            end_year=after,
                            factor=f"{factor:g}",
                        ),
                        file=metrics_file,
                        line=dataset.metric_rows.get((authority, after, code)),
                        position_kind="row",
                        hint=_("check the value; if it is right, explain the change in the narrative", say),
                    ),
                )
