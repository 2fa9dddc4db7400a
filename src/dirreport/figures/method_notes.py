"""The sentences of 'About the figures' on method: rounding, complements, changes against an earlier year,
ratios that are not nested and their test, and how many tests the report rests on.

Kept apart from the tables and charts (specs.py) because they describe the rules every figure follows, and the
count of tests is of the whole report, not of one figure.
"""

from __future__ import annotations

from dirreport.catalogue import Catalogue
from dirreport.compute.indicators import OK, Results
from dirreport.lang import i18n
from dirreport.lang.i18n import _


def statistical_tests(results: Results) -> int:
    """How many statistical tests the report's judgements rest on: changes tested, and survey results against Wales."""
    count = sum(
        1 for r in results.indicators.values() if r.trend.verdict is not None and r.trend.verdict.rule != "threshold"
    )
    count += sum(1 for r in results.survey.values() if r.change_significant is not None)
    count += sum(1 for r in results.survey.values() if r.wales_significant is not None)
    return count


def method_notes(results: Results, catalogue: Catalogue, lang: str) -> list[str]:
    """Sentences for 'About the figures' on how this report's figures were tested, rounded and compared."""
    notes = [
        _(
            "Figures are rounded to the decimals shown, halves upwards: 31.95% is printed 32.0%, and 6.25% "
            "is printed 6.3%. Changes are worked out from the rounded figures.",
            lang,
        ),
        _(
            "A percentage is also hidden, and marked [c], when the cases it leaves out number 1 to 4: 95.7% of 23 "
            "would tell the reader that 1 case was left out.",
            lang,
        ),
        _(
            "Where last year's figure is not shown ([c] or [x]), a change is measured against the latest earlier "
            "year that is shown, and the table and the sentence name that year.",
            lang,
        ),
    ]
    ratios = [
        r.indicator.title(lang) for r in results.indicators.values() if not r.indicator.nested and r.latest.status == OK
    ]
    if ratios:
        notes.append(
            _(
                "Some percentages divide one count by another that does not contain it: {items}. They can be above "
                "100%, and a change in them is judged as a rate, by the exact Poisson test of this year's count "
                "against last year's with each year's denominator as its exposure, at the 5% level.",
                lang,
                items="; ".join(ratios),
            )
        )
    tested = statistical_tests(results)
    if tested:
        notes.append(
            _(
                "This report rests on {n} statistical tests at the 5% level. Even if nothing had really changed, "
                "about {chance} of them would be expected to pass by chance alone (1 in 20), so one change marked "
                "▲ or ▼ is a reason to look closer, not proof on its own.",
                lang,
                n=i18n.number(tested, lang),
                chance=i18n.number(tested / 20, lang),
            )
        )
    return notes
