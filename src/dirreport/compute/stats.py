"""The statistics behind survey results: intervals and tests, written out so they can be checked.

Survey measures are proportions of a sample, so a change from one year to the
next may be noise.  We use the Wilson score interval (good coverage for small
samples and proportions near 0 or 1, unlike the normal approximation) and the
pooled two-proportion z-test at the 95% level, the usual choice in official
statistics for comparing two independent survey proportions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


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


def significant(x1: int, n1: int, x2: int, n2: int, alpha: float = 0.05) -> bool:
    return two_proportion_p(x1, n1, x2, n2) < alpha
