"""The statistics behind every judgement of change: intervals and tests, written out so they can be checked.

Survey measures and many indicators are proportions of counts, so a change
from one year to the next may be noise.  We use the Wilson score interval
(good coverage for small samples and proportions near 0 or 1, unlike the
normal approximation) and, to compare two proportions, the pooled
two-proportion z-test at the 95% level, the usual choice in official
statistics.  When any expected cell of the 2×2 table is below 5 the normal
approximation is not trusted and Fisher's exact test is used instead.  Counts
and rates of events (per 10,000 people, say) are compared as Poisson counts
with the exact conditional test: given both years' events together, this
year's share is tested against the share of the exposure (binomial test).
Both exact tests are two-sided in SciPy's way (``fisher_exact``, ``binomtest``):
the p-value adds up every outcome no more likely than the one observed, with
SciPy's relative tolerance of 1e-7 for ties.  They are written out here with
the standard library, since importing SciPy took up to a third of a whole check
of the sample; the suite holds them to SciPy's results over 1,200 random tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054
ALPHA = 0.05
# Cochran's rule: the z-test needs every expected count in the 2x2 table to be at least 5
MIN_EXPECTED = 5.0


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


@dataclass(frozen=True)
class TestResult:
    """A test's name (one of TESTS), its two-sided p-value and whether it is significant at ALPHA."""

    test: str
    p: float

    @property
    def significant(self) -> bool:
        return self.p < ALPHA


TESTS = ("z", "fisher", "poisson")


def wilson(positive: int, n: int, z: float = Z95) -> Interval:
    """95% Wilson score interval for positive/n, as proportions in 0..1."""
    if n <= 0:
        return Interval(0.0, 1.0)
    p = positive / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def two_proportion_p(x1: int, n1: int, x2: int, n2: int) -> float:
    """Two-sided p-value of the pooled two-proportion z-test."""
    if n1 <= 0 or n2 <= 0:
        return 1.0
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0 if x1 / n1 == x2 / n2 else 0.0
    z = (x1 / n1 - x2 / n2) / se
    return math.erfc(abs(z) / math.sqrt(2))


def _expected_small(x1: int, n1: int, x2: int, n2: int) -> bool:
    total, positives = n1 + n2, x1 + x2
    negatives = total - positives
    return min(n * k / total for n in (n1, n2) for k in (positives, negatives)) < MIN_EXPECTED


def compare_proportions(x1: int, n1: int, x2: int, n2: int) -> TestResult:
    """x1 of n1 against x2 of n2: the z-test, or Fisher's exact test when an expected cell is below 5."""
    if n1 <= 0 or n2 <= 0:
        return TestResult("z", 1.0)
    if _expected_small(x1, n1, x2, n2):
        return TestResult("fisher", fisher_exact_p(x1, n1, x2, n2))
    return TestResult("z", two_proportion_p(x1, n1, x2, n2))


def compare_counts(x1: int, exposure1: float, x2: int, exposure2: float) -> TestResult:
    """Events x1 over exposure1 against x2 over exposure2, as Poisson counts: the exact conditional test.

    Given x1 + x2 events in all, x1 is binomial with probability
    exposure1 / (exposure1 + exposure2) if the two rates are equal.  For two
    plain counts the exposures are equal and the probability is one half.
    """
    events = x1 + x2
    if events <= 0 or exposure1 <= 0 or exposure2 <= 0:
        return TestResult("poisson", 1.0)
    share = exposure1 / (exposure1 + exposure2)
    return TestResult("poisson", binomial_p(x1, events, share))


NEGLIGIBLE = 745.0 + 41.0  # natural-log distance below which a probability is under the smallest float
TIES = 1 + 1e-7  # SciPy's relative tolerance: an outcome this close to the observed one's likelihood counts as it


def _two_sided(log_probability: list[float], observed: int) -> float:
    """The p-value of an exact test: the total probability of the outcomes no more likely than the observed one."""
    limit = log_probability[observed] + math.log(TIES)
    top = max(log_probability)
    total = sum(math.exp(lp - top) for lp in log_probability)
    tail = sum(math.exp(lp - top) for lp in log_probability if lp <= limit)
    return min(1.0, tail / total)


def fisher_exact_p(x1: int, n1: int, x2: int, n2: int) -> float:
    """Fisher's exact test of x1 of n1 against x2 of n2, two-sided: the hypergeometric outcomes of the 2x2
    table with its margins fixed (the first row's positives range over what the margins allow)."""
    positives = x1 + x2
    low, high = max(0, positives - n2), min(positives, n1)
    log_probability = [
        _log_choose(n1, k) + _log_choose(n2, positives - k) - _log_choose(n1 + n2, positives)
        for k in range(low, high + 1)
    ]
    return _two_sided(log_probability, x1 - low)


def binomial_p(successes: int, trials: int, probability: float) -> float:
    """The exact binomial test of ``successes`` in ``trials`` against ``probability``, two-sided."""
    if probability <= 0.0 or probability >= 1.0:
        expected = 0 if probability <= 0.0 else trials
        return 1.0 if successes == expected else 0.0
    log_p, log_q = math.log(probability), math.log1p(-probability)

    def log_pmf(k: int) -> float:
        return _log_choose(trials, k) + k * log_p + (trials - k) * log_q

    # outcomes a billion billion times less likely than 1e-300 of the most likely one add nothing a float
    # can hold: the sum stops there, so a count of a hundred thousand is tested over its few thousand outcomes
    mode = min(trials, math.floor((trials + 1) * probability))
    floor_ = log_pmf(mode) - NEGLIGIBLE
    low, high = mode, mode
    while low > 0 and log_pmf(low - 1) > floor_:
        low -= 1
    while high < trials and log_pmf(high + 1) > floor_:
        high += 1
    if not low <= successes <= high:
        return 0.0
    log_probability = [log_pmf(k) for k in range(low, high + 1)]
    return _two_sided(log_probability, successes - low)


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def significant(x1: int, n1: int, x2: int, n2: int, alpha: float = ALPHA) -> bool:
    """Whether two survey proportions differ, by compare_proportions."""
    return compare_proportions(x1, n1, x2, n2).p < alpha
