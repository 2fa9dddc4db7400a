"""Indicators, survey results and disclosure control, checked against figures worked out by hand.

The fixture in tests/fixtures/small is small enough to compute on paper; each
expected value below shows its working.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dirreport.catalogue import load_catalogue
from dirreport.compute.indicators import compute
from dirreport.compute.stats import two_proportion_p, wilson
from dirreport.config.settings import load_config
from dirreport.data.dataset import load_dataset
from dirreport.figures.specs import composition_figure
from dirreport.prose import sentences

SMALL = Path(__file__).parent / "fixtures" / "small"


@pytest.fixture(scope="module")
def results():  # type: ignore[no-untyped-def]
    config = load_config(SMALL)
    catalogue = load_catalogue()
    return compute(config, catalogue, load_dataset(config, catalogue))


HAND_COMPUTED = {
    # id: (value as shown in English, working)
    "AD-REVIEWS-TIMELY": ("82.0%", "205 / 250"),
    "AD-DP-REVIEWS-TIMELY": ("75.0%", "30 / 40"),
    "AD-IAA-TIMELY": ("80.0%", "560 / (400 + 300)"),
    "AD-IAA-REPEAT": ("15.0%", "150 / 1000"),
    "AD-REABLEMENT-COMPLETED": ("75.0%", "90 / 120"),
    "AD-REABLEMENT-REDUCED": ("50.0%", "45 / 90"),
    "AD-REABLEMENT-MITIGATED": ("22.2%", "20 / 90 = 22.22"),
    "AD-PLANS-RATE": ("120.0 per 10,000", "3000 / (200000 + 30000 + 20000) x 10000"),
    "AD-DP-SHARE": ("20.0%", "600 / 3000"),
    "AD-DP-RATE": ("24.0 per 10,000", "600 / 250000 x 10000"),
    "AD-DTOC-RATE": ("2.5 per 1,000", "50 / 20000 x 1000"),
    "CH-LAC-RATE": ("50.0 per 10,000", "300 / 60000 x 10000"),
    "CH-LAC-THREE-PLACEMENTS": ("8.0%", "24 / 300"),
    "CH-CPR-DAYS": ("250.0 days", "5000 / 20"),
    "CH-ASSESSMENTS-TIMELY": ("90.0%", "450 / 500"),
    "WF-SICKNESS": ("10.0 days", "(3000 + 1500) / (300 + 150)"),
    "CA-IDENTIFIED-RATE": ("20.0 per 10,000", "500 / 250000 x 10000"),
    # suppressed: numerator 3 is a count of 1 to 4 children (3 / 40 = 7.5% is not shown)
    "CH-CPR-REREGISTRATIONS": ("[c]", "3 / 40, numerator small"),
    "WF-SW-VACANCIES": ("[c]", "3 vacant posts, a small count"),
}


@pytest.mark.parametrize("indicator_id", HAND_COMPUTED)
def test_indicator_agrees_with_hand_computation(results, indicator_id: str) -> None:  # type: ignore[no-untyped-def]
    expected, _working = HAND_COMPUTED[indicator_id]
    result = results.indicators[indicator_id]
    shown = sentences.point(result.latest, result.indicator.unit, "en", result.decimals)
    assert shown == expected


def test_change_direction_and_wales(results) -> None:  # type: ignore[no-untyped-def]
    reviews = results.indicators["AD-REVIEWS-TIMELY"]
    # 150 / 200 = 75.0% last year, 205 / 250 = 82.0% this year: up 7.0 points, higher is better, but the
    # two-proportion test does not support it: pooled 355 / 450 = 0.7889, se = sqrt(0.7889 x 0.2111 x
    # (1/250 + 1/200)) = 0.0387, z = 0.07 / 0.0387 = 1.81, p = 0.071 > 0.05: little change
    assert sentences.point(reviews.previous, "percent", "en", 1) == "75.0%"
    assert sentences.change(reviews, "en") == "up 7.0 percentage points since 2022-23, little change"
    assert reviews.trend.verdict is not None and reviews.trend.verdict.rule == "z"
    assert reviews.trend.verdict.p == pytest.approx(0.0706, abs=0.001)
    # Wales 1600 / 2000 = 80.0%, so this authority is above it; but by the same test as a change: pooled
    # 1805 / 2250 = 0.8022, se = sqrt(0.8022 x 0.1978 x (1/250 + 1/2000)) = 0.0267, z = 0.02 / 0.0267 = 0.75,
    # p = 0.45 > 0.05: not told from chance, so neither better nor worse than Wales
    assert reviews.versus_wales == "above" and reviews.wales_judgement == "little"
    # the other two authorities: 70 / 100 and 90 / 100
    assert reviews.others == (70.0, 90.0)
    assert "rose from 75.0% in 2022-23 to 82.0% in 2023-24" in sentences.describe_indicator(reviews, "X", "en")
    assert "above the figure for Wales (80.0%)" in sentences.describe_indicator(reviews, "X", "en")


def test_lower_is_better_is_judged_the_right_way(results) -> None:  # type: ignore[no-untyped-def]
    from dirreport.compute.indicators import judge

    assert judge(-2.0, "lower", 1) == ("down", "better")
    assert judge(2.0, "lower", 1) == ("up", "worse")
    assert judge(2.0, "none", 1) == ("up", "neutral")
    assert judge(0.04, "higher", 1) == ("same", "neutral")


def test_survey_result_with_wilson_interval_and_significance(results) -> None:  # type: ignore[no-untyped-def]
    safe = results.survey["SV03-adults"]
    latest = safe.latest
    assert (latest.respondents, latest.positive) == (200, 170)
    low, high = latest.interval
    # Wilson 95% for 170/200: centre 0.8434, half-width 0.0495
    assert round(low, 1) == 79.4 and round(high, 1) == 89.3
    # 85.0% against 75.0% last year: z = 2.5, p = 0.012: a significant rise
    assert safe.change_significant is True and safe.trend.movement == "up"
    # 85.0% against Wales 82.5% (3300 / 4000): z = 0.91, not significant, so not called better
    assert safe.wales_significant is False and safe.versus_wales == "same"
    assert "not significantly different from Wales" in sentences.describe_survey(safe, "X", "en")


def test_survey_with_fewer_than_ten_respondents_is_low(results) -> None:  # type: ignore[no-untyped-def]
    dignity = results.survey["SV09-adults"]
    assert dignity.latest.status == "low"
    assert sentences.survey_point(dignity.latest, "en") == "[low]"


def test_statistics_against_known_values() -> None:
    # 81/100: centre (0.81 + 1.96²/200) / (1 + 1.96²/100) = 0.79853,
    # half-width 1.96 x sqrt(0.81 x 0.19 / 100 + 1.96² / 40000) / 1.038416 = 0.07632
    interval = wilson(81, 100)
    assert round(interval.low, 4) == 0.7222 and round(interval.high, 4) == 0.8749
    assert round(two_proportion_p(170, 200, 150, 200), 4) == 0.0124


def test_secondary_suppression_hides_a_second_part(results) -> None:  # type: ignore[no-untyped-def]
    catalogue = load_catalogue()
    figure = composition_figure(catalogue.compositions["AD-CONTACT-SOURCES"], results, catalogue, "en")
    assert figure is not None
    cells = {row[0]: row[1] for row in figure.table.rows}
    # probation (2) is hidden; the total 1000 is shown, so the smallest other part (housing, 30) is hidden too
    assert cells["Probation"] == "[c]"
    assert cells["Housing"] == "[c]"
    assert cells["Total"] == "1,000"
    assert_not_recoverable(figure.table.rows)


def assert_not_recoverable(rows) -> None:  # type: ignore[no-untyped-def]
    """With a total shown, never exactly one hidden part: total minus the others would give it away."""
    hidden = [r for r in rows[:-1] if r[1] == "[c]"]
    total = rows[-1][1]
    assert total == "[c]" or len(hidden) != 1


def test_published_metric_values_are_suppressed(results) -> None:  # type: ignore[no-untyped-def]
    assert results.metric("AD/004f").status == "c"
    assert results.metric("AD/004g").status == "c"  # secondary
    assert results.metric("CH/023g").status == "ok"  # zero identifies nobody


@pytest.mark.parametrize(
    ("ours", "judged"),
    [
        # 448 / 500 = 89.6% against Wales 8980 / 10000 = 89.8%: pooled 9428 / 10500 = 0.8979,
        # se = sqrt(0.8979 x 0.1021 x (1/500 + 1/10000)) = 0.0140, z = -0.002 / 0.0140 = -0.14, p = 0.89: little
        (448, "little"),
        # 400 / 500 = 80.0%: pooled 9380 / 10500 = 0.8933, se = sqrt(0.8933 x 0.1067 x 0.0021) = 0.0141,
        # z = -0.098 / 0.0141 = -6.9, p < 0.001: worse than Wales (higher is better)
        (400, "worse"),
    ],
)
def test_the_wales_comparison_uses_the_test_a_change_uses(ours: int, judged: str) -> None:
    from dirreport.compute.judgement import against_wales

    indicator = load_catalogue().indicators["AD-REVIEWS-TIMELY"]
    assert indicator.polarity == "higher" and indicator.threshold is None
    difference = round(round(ours / 5, 1) - 89.8, 1)
    assert against_wales(indicator, True, (ours, 500), (8980, 10000), "down", difference) == judged
