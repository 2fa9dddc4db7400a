"""Whether a change since last year is one the data supports: the single judgement the whole report uses.

A report that calls 19 of 234 becoming 19 of 240 "an improvement" claims
more than its data shows.  So every change is judged once, here, and the
arrows, the Direction and Change columns, the sentences from
``{{< change >}}``, the alt text, the downloads and the report card all
read the same verdict:

* the change is the difference of the two values *as printed* (each rounded
  to the decimals the report shows), so a table's Change column always equals
  the difference of the figures beside it;
* an indicator built from counts is tested on its counts at the 95% level
  (stats.ALPHA): a nested percentage (its numerator part of its denominator)
  with the pooled two-proportion z-test, or Fisher's exact test when an
  expected count is below 5; a count, a rate per head of population, or a
  percentage the catalogue declares not nested (leavers over staff in post)
  with the exact Poisson (conditional binomial) test, the denominator as
  exposure.  The catalogue fixes which test applies, never the data;
* an indicator not built from counts (an average in days, a share of
  whole-time equivalents) has a threshold in the catalogue, and so may any
  indicator that states one: a change smaller than the threshold is little
  change;
* a change that passes is "better" or "worse" by the indicator's polarity
  ("neutral" for polarity none); one that does not is "little" change, and is
  never called an improvement or a deterioration.
"""

from __future__ import annotations

from dataclasses import dataclass

from dirreport.catalogue import Indicator
from dirreport.compute.stats import TestResult, compare_counts, compare_proportions
from dirreport.lang.i18n import decimal_value, rounded

# a tolerance for comparing printed decimals held in floats
EPSILON = 1e-9


@dataclass(frozen=True)
class Verdict:
    """How a change was judged: by which rule (z, fisher, poisson, threshold), with what p-value."""

    supported: bool
    rule: str
    p: float | None = None


def printed(value: float, decimals: int) -> float:
    """A value rounded as the report prints it (half up on the decimal value, i18n.rounded)."""
    return rounded(value, decimals)


def printed_change(last: float, previous: float, decimals: int) -> float:
    """This year's printed value minus last year's printed value, worked in decimals so 32.0 - 31.9 is 0.1."""
    return float(decimal_value(last, decimals) - decimal_value(previous, decimals))


def movement_of(change: float) -> str:
    """up, down or same, from a printed change."""
    if abs(change) < EPSILON:
        return "same"
    return "up" if change > 0 else "down"


def judgement_of(movement: str, supported: bool, polarity: str) -> str:
    """better | worse | neutral | little | unknown, from a movement, its verdict and the polarity."""
    if movement == "none":
        return "unknown"
    if movement == "same":
        return "neutral"
    if not supported:
        return "little"
    if polarity == "none":
        return "neutral"
    return "better" if (movement == "up") == (polarity == "higher") else "worse"


def _count(value: float | None) -> int:
    return round(value or 0.0)


def assess_indicator(
    indicator: Indicator,
    counted: bool,
    last: tuple[float | None, float | None],
    previous: tuple[float | None, float | None],
    change: float,
) -> Verdict:
    """Judge one indicator's change from (numerator, denominator) of each year.

    ``counted`` says the indicator is built from counts alone
    (catalogue.counts_only); ``change`` is the printed change.
    """
    if indicator.threshold is not None:
        return Verdict(abs(change) + EPSILON >= indicator.threshold, "threshold")
    if not counted:
        # the catalogue requires a threshold for these; without one nothing is claimed
        return Verdict(False, "threshold")
    (x1, n1), (x2, n2) = last, previous
    result: TestResult
    if not indicator.denominator:
        result = compare_counts(_count(x1), 1.0, _count(x2), 1.0)
    elif proportion_test(indicator):
        # the data's relationships refuse a numerator above its denominator before anything is computed
        if not (0 <= (x1 or 0) <= (n1 or 0) and 0 <= (x2 or 0) <= (n2 or 0)):
            raise ValueError(f"{indicator.id}: a nested percentage with its numerator above its denominator")
        result = compare_proportions(_count(x1), _count(n1), _count(x2), _count(n2))
    else:
        result = compare_counts(_count(x1), float(n1 or 0), _count(x2), float(n2 or 0))
    return Verdict(result.significant, result.test, result.p)


def against_wales(
    indicator: Indicator,
    counted: bool,
    ours: tuple[float | None, float | None],
    wales: tuple[float | None, float | None],
    movement: str,
    difference: float,
) -> str:
    """Better, worse or little against Wales, by the same test or threshold as a change since last year.

    A difference the test cannot tell from chance is "little": the report card never calls 89.6% "worse
    than Wales" (89.8%) on the printed difference alone.  ``ours`` and ``wales`` are (numerator, denominator).
    """
    if movement == "same":
        return "neutral"
    verdict = assess_indicator(indicator, counted, ours, wales, difference)
    return judgement_of(movement, verdict.supported, indicator.polarity)


def proportion_test(indicator: Indicator) -> bool:
    """Whether a change is tested as a proportion: a nested percentage of counted cases, by the catalogue alone.

    Anything else built from counts (a count, a rate per head of population, a
    percentage declared not nested) is tested as a Poisson rate.  The data never
    chooses the test: which one applies is fixed by the indicator's declaration.
    """
    return (
        indicator.unit == "percent"
        and indicator.nested
        and bool(indicator.denominator)
        and all(t.kind == "metric" for t in indicator.denominator)
    )


def assess_proportions(x1: int, n1: int, x2: int, n2: int) -> Verdict:
    """Judge a change between two survey proportions."""
    result = compare_proportions(x1, n1, x2, n2)
    return Verdict(result.significant, result.test, result.p)
