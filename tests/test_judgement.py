"""Every change is judged by one written rule, checked here against p-values worked out by hand.

The rule (src/dirreport/judgement.py, and "About the figures" in the report):
a percentage of counts by the pooled two-proportion z-test at the 5% level,
Fisher's exact test when an expected count is below 5; a count or a rate by
the exact Poisson (conditional binomial) test; a value not built from counts
by the catalogue's threshold.  The hand-worked exact p-values below are sums
of hypergeometric or binomial probabilities written out with math.comb.
"""

from __future__ import annotations

import math

import pytest

from dirreport.catalogue import Indicator, Term
from dirreport.compute.indicators import OK, IndicatorResult, Point, Results, _trend
from dirreport.compute.judgement import printed_change
from dirreport.compute.stats import Interval, compare_counts, compare_proportions, wilson
from dirreport.figures.specs import indicator_table, summary_table, trend_figure
from dirreport.lang.bilingual_text import Bilingual
from dirreport.prose import sentences

# --- the tests themselves ------------------------------------------------------------------------------------


def test_the_issues_example_19_of_240_against_19_of_234_is_not_significant() -> None:
    # p1 = 0.07917, p2 = 0.08120, pooled 38/474 = 0.08017, se = sqrt(0.08017 x 0.91983 x (1/240 + 1/234))
    # = 0.02495, z = -0.00203 / 0.02495 = -0.081, p = 0.935
    result = compare_proportions(19, 240, 19, 234)
    assert result.test == "z"
    assert result.p == pytest.approx(0.935, abs=0.001)
    assert not result.significant


def test_a_large_difference_in_large_counts_is_significant() -> None:
    # 120/200 = 0.60 against 90/200 = 0.45: pooled 0.525, se = sqrt(0.525 x 0.475 x 0.01) = 0.04994,
    # z = 0.15 / 0.04994 = 3.004, p = erfc(3.004 / sqrt 2) = 0.00267
    result = compare_proportions(120, 200, 90, 200)
    assert result.test == "z"
    assert result.p == pytest.approx(0.00267, abs=0.0001)
    assert result.significant


def _hypergeometric(k: int) -> float:
    # 20 cases, 7 positive, 10 in the first year: P(X = k) = C(7, k) C(13, 10 - k) / C(20, 10)
    return math.comb(7, k) * math.comb(13, 10 - k) / math.comb(20, 10)


def test_small_counts_use_fishers_exact_test_and_it_can_disagree_with_z() -> None:
    # 1 of 10 against 6 of 10: expected positives 7 x 10 / 20 = 3.5 < 5, so Fisher's exact test.
    # Two-sided: every table no more likely than the one seen: k = 0, 1, 6, 7
    # = (286 + 5005 + 5005 + 286) / 184756 = 0.0573 - not significant, though z (2.34, p = 0.019) would say so
    hand = sum(_hypergeometric(k) for k in (0, 1, 6, 7))
    assert hand == pytest.approx(10582 / 184756)
    result = compare_proportions(1, 10, 6, 10)
    assert result.test == "fisher"
    assert result.p == pytest.approx(hand, rel=1e-9)
    assert not result.significant


def test_small_counts_can_still_be_significant() -> None:
    # 0 of 10 against 7 of 10: only k = 0 and k = 7 are as unlikely: 2 x 286 / 184756 = 0.0031
    result = compare_proportions(0, 10, 7, 10)
    assert result.test == "fisher"
    assert result.p == pytest.approx(2 * _hypergeometric(0), rel=1e-9)
    assert result.significant


def _binomial_two_sided(x: int, n: int) -> float:
    # exact two-sided binomial test with p = 1/2: the outcomes no more likely than x
    probabilities = [math.comb(n, k) / 2**n for k in range(n + 1)]
    seen = probabilities[x]
    return min(1.0, sum(p for p in probabilities if p <= seen * (1 + 1e-7)))


def test_counts_71_to_70_are_little_change() -> None:
    # 70 of the 141 events fall in this year, against an expected 70.5: p = 1
    assert compare_counts(70, 1, 71, 1).p == pytest.approx(1.0)
    assert not compare_counts(70, 1, 71, 1).significant


def test_counts_14_to_30_are_a_real_change() -> None:
    # 30 of 44 events this year, p = 1/2 if nothing changed: two-sided p = 2 P(X >= 30) = 0.0226
    hand = _binomial_two_sided(30, 44)
    assert hand == pytest.approx(0.0226, abs=0.0001)
    result = compare_counts(30, 1, 14, 1)
    assert result.test == "poisson" and result.p == pytest.approx(hand, rel=1e-6) and result.significant


def test_small_counts_1_to_6_are_not_enough_but_0_to_6_is() -> None:
    # 6 of 7 events: P(X >= 6) = 8/128, two-sided 0.125; 6 of 6: 2 x 1/64 = 0.03125
    assert compare_counts(6, 1, 1, 1).p == pytest.approx(0.125)
    assert not compare_counts(6, 1, 1, 1).significant
    assert compare_counts(6, 1, 0, 1).p == pytest.approx(0.03125)
    assert compare_counts(6, 1, 0, 1).significant


def test_rates_are_compared_per_head_of_population() -> None:
    # 20 events in 20,000 people against 10 in 10,000: the same rate, p = 1
    assert compare_counts(20, 20_000, 10, 10_000).p == pytest.approx(1.0)
    # 40 in 10,000 against 20 in 10,000: 40 of 60 with p = 1/2, two-sided 0.0135
    assert compare_counts(40, 10_000, 20, 10_000).p == pytest.approx(_binomial_two_sided(40, 60), rel=1e-6)
    assert compare_counts(40, 10_000, 20, 10_000).significant


# --- the change as printed ------------------------------------------------------------------------------------


def test_the_change_is_the_difference_of_the_printed_values() -> None:
    # 63.44% and 64.16% print as 63.4% and 64.2%: the change printed is -0.8, not -0.7 (-0.72 rounded)
    assert printed_change(63.44, 64.16, 1) == pytest.approx(-0.8)
    # 7.84% and 7.66% print as 7.8% and 7.7%: +0.1, never "no change"
    assert printed_change(7.84, 7.66, 1) == pytest.approx(0.1)
    assert printed_change(10.04, 9.96, 1) == pytest.approx(0.0)


# --- one judgement everywhere ---------------------------------------------------------------------------------


def _indicator(
    unit: str = "percent", polarity: str = "higher", threshold: float | None = None, denominator: bool = True
) -> Indicator:
    return Indicator(
        id="T-ONE",
        title=Bilingual(en="Test share", cy="Cyfran brawf"),
        unit=unit,
        polarity=polarity,
        standard="QS1",
        group="AD",
        numerator=(Term("metric", "AD/008a"),),
        denominator=(Term("metric", "AD/006"),) if denominator else (),
        threshold=threshold,
    )


def _result(
    ind: Indicator, last: tuple[float, float | None], previous: tuple[float, float | None], counted: bool = True
) -> IndicatorResult:
    scale = 100.0 if ind.unit == "percent" else 1.0

    def pt(year: str, pair: tuple[float, float | None]) -> Point:
        x, n = pair
        value = x / n * scale if n else x
        return Point(year, value, x, n, OK)

    series = (pt("2022-23", previous), pt("2023-24", last))
    wales = (Point("2022-23", None, None, None, "x"), Point("2023-24", None, None, None, "x"))
    return IndicatorResult(ind, series, wales, (), _trend(ind, series, counted), "none", "unknown")


@pytest.mark.parametrize("lang, words", [("en", "little change"), ("cy", "fawr o newid")])
def test_an_unsupported_change_is_little_change_in_every_place(lang: str, words: str) -> None:
    # 19 of 234 (8.1%) to 19 of 240 (7.9%): down 0.2 points, lower is better, p = 0.935
    result = _result(_indicator(polarity="lower"), (19, 240), (19, 234))
    assert result.trend.movement == "down" and result.trend.judgement == "little"
    sentence = sentences.change(result, lang)
    assert words in sentence
    assert "improvement" not in sentence and "welliant" not in sentence
    assert sentences.direction_label(result, lang) in ("Little change", "Fawr o newid")
    assert "▲" not in sentences.direction_label(result, lang) and "▼" not in sentences.direction_label(result, lang)
    assert words in sentences.describe_indicator(result, "Test", lang)
    assert sentences.signed_change(result, lang) == "−0.2"


def test_a_supported_change_is_an_improvement_everywhere() -> None:
    # 120 of 200 (60.0%) from 90 of 200 (45.0%): p = 0.0027, higher is better
    result = _result(_indicator(), (120, 200), (90, 200))
    assert result.trend.judgement == "better"
    assert sentences.change(result, "en") == "up 15.0 percentage points since 2022-23, an improvement"
    assert sentences.change(result, "cy").endswith("sy’n welliant")
    assert sentences.direction_label(result, "en") == "▲ Improved"
    assert sentences.signed_change(result, "en") == "+15.0"


def test_a_value_not_built_from_counts_is_judged_by_its_threshold() -> None:
    ind = _indicator(unit="days", polarity="lower", threshold=3.0)
    # 30.0 days to 27.1 days: down 2.9, under the 3-day threshold
    small = _result(ind, (271.0, 10.0), (300.0, 10.0), counted=False)
    assert small.trend.change == pytest.approx(-2.9) and small.trend.judgement == "little"
    assert small.trend.verdict is not None and small.trend.verdict.rule == "threshold"
    # 30.0 days to 27.0 days: down 3.0, the threshold itself: a change, and lower is better
    exact = _result(ind, (270.0, 10.0), (300.0, 10.0), counted=False)
    assert exact.trend.judgement == "better"


def test_a_table_and_its_change_column_agree_with_what_is_printed() -> None:
    # 634.4 / 1000 = 63.44% (63.4%), 641.6 / 1000 = 64.16% (64.2%): Change -0.8 in cells and download
    result = _result(_indicator(), (634.4, 1000.0), (641.6, 1000.0))
    results = Results("X", "2023-24", ("2022-23", "2023-24"), {"T-ONE": result}, {}, {})
    table = indicator_table(results, ["T-ONE"], "caption", "t", "en")
    row = table.rows[0]
    assert row[1:4] == ("63.4%", "64.2%", "−0.8")
    assert table.numbers[0][3] == pytest.approx(-0.8)
    assert row[4] == "Little change"
    summary = summary_table(results, None, Bilingual(en="X", cy="X"), "en")  # type: ignore[arg-type]
    assert summary.rows[0][3] == "Little change"


def test_a_count_is_never_drawn_against_the_total_for_wales() -> None:
    ind = _indicator(unit="count", denominator=False)
    series = (Point("2022-23", 14.0, 14.0, None, OK), Point("2023-24", 15.0, 15.0, None, OK))
    wales = (Point("2022-23", 418.0, 418.0, None, OK), Point("2023-24", 420.0, 420.0, None, OK))
    result = IndicatorResult(ind, series, wales, (), _trend(ind, series, True), "none", "unknown")
    figure = trend_figure(result, Bilingual(en="Glanafon", cy="Glanafon"), "en")
    assert [s.role for s in figure.spec.series] == ["ours"]
    assert all(row[2] == "[z]" for row in figure.table.rows)
    assert any(note.startswith("[z]") for note in figure.table.notes)


def test_a_percentage_can_carry_its_base() -> None:
    p = Point("2023-24", 120 / 204 * 100, 120.0, 204.0, OK)
    assert sentences.with_base("58.8%", p, "en") == "58.8% (120 of 204)"
    assert sentences.with_base("58.8%", p, "cy") == "58.8% (120 o 204)"


@pytest.mark.parametrize(
    "lang, expected",
    [("en", "−1.5 (down, not significant)"), ("cy", "−1.5 (gostyngiad; nid yw’r newid yn arwyddocaol)")],
)
def test_a_survey_change_carries_its_sign_direction_and_significance(lang: str, expected: str) -> None:
    from dirreport.catalogue import load_catalogue
    from dirreport.compute.indicators import _survey
    from dirreport.data.model import Dataset, SurveyCount
    from dirreport.figures.specs import survey_figure

    # 84 of 150 = 56.0% this year, 115 of 200 = 57.5% last year: down 1.5 points, p = 0.78
    dataset = Dataset(
        {},
        {},
        {
            ("X", "2023-24", "SV03", "adults"): SurveyCount(150, 84),
            ("X", "2022-23", "SV03", "adults"): SurveyCount(200, 115),
        },
    )
    measure = load_catalogue().survey["SV03"]
    result = _survey(measure, "adults", dataset, "X", ("2022-23", "2023-24"))
    assert result is not None and result.change_significant is False
    figure = survey_figure("f", "Survey", [result], lang)
    assert figure is not None
    assert figure.table.rows[0][4] == expected
    assert figure.table.numbers[0][4] == pytest.approx(-1.5)
    described = sentences.describe_survey(result, "Safe", lang)
    assert (
        "It fell by 1.5 percentage points since 2022-23, which is not statistically significant." in described
        if lang == "en"
        else "Bu gostyngiad o 1.5 pwynt canran ers 2022-23, ond nid yw’r newid yn arwyddocaol yn ystadegol" in described
    )


def test_a_local_indicator_not_built_from_counts_must_state_its_threshold(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dirreport.catalogue import load_catalogue
    from dirreport.errors import InputError

    entry = """
indicators:
  - id: LOCAL-SW-SHARE
    title: {en: Social workers as a share of staff, cy: Gweithwyr cymdeithasol fel cyfran o'r staff}
    numerator: WF/004a
    denominator: WF/003a
    unit: percent
    polarity: none
    standard: QS2
    group: WF
"""
    local = tmp_path / "local-catalogue.yml"
    local.write_text(entry, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalogue(local, "data/local-catalogue.yml")
    message = str(caught.value.problems[0])
    assert "LOCAL-SW-SHARE is not built from counts alone" in message and "threshold" in message
    local.write_text(entry + "    threshold: 2.5\n", encoding="utf-8")
    assert load_catalogue(local).indicators["LOCAL-SW-SHARE"].threshold == 2.5


def test_an_indicator_may_state_its_own_threshold_instead_of_the_test() -> None:
    # 120 of 200 from 90 of 200 passes the test (p = 0.0027), but a stated 20-point threshold is not met
    result = _result(_indicator(threshold=20.0), (120, 200), (90, 200))
    assert result.trend.judgement == "little" and result.trend.verdict is not None
    assert result.trend.verdict.rule == "threshold"


def test_a_composition_prints_the_total_of_its_parts_or_none() -> None:
    from dirreport.catalogue import load_catalogue
    from dirreport.compute.indicators import MISSING, MetricValue
    from dirreport.figures.specs import composition_figure

    catalogue = load_catalogue()
    comp = catalogue.compositions["AD-ABUSE-CATEGORIES"]
    values = dict(zip([c for c, _l in comp.parts], [140.0, 64.0, 124.0, 121.0, 89.0], strict=True))
    metrics = {(c, "2023-24"): MetricValue(c, "2023-24", v, OK) for c, v in values.items()}
    results = Results("X", "2023-24", ("2023-24",), {}, {}, metrics)
    figure = composition_figure(comp, results, catalogue, "en")
    assert figure is not None and figure.table.rows[-1][:2] == ("Total", "538")  # 140 + 64 + 124 + 121 + 89
    metrics[("AD/034e", "2023-24")] = MetricValue("AD/034e", "2023-24", None, MISSING)
    figure = composition_figure(comp, Results("X", "2023-24", ("2023-24",), {}, {}, metrics), catalogue, "en")
    assert figure is not None and figure.table.rows[-1] == ("Total", "[x]", "[x]")


def test_a_percentages_data_table_shows_its_base() -> None:
    result = _result(_indicator(), (120, 204), (116, 192))
    figure = trend_figure(result, Bilingual(en="Glanafon", cy="Glanafon"), "cy")
    assert figure.table.header[-2:] == ("Nifer", "Sylfaen")
    assert figure.table.rows[-1][1] == "58.8%" and figure.table.rows[-1][-2:] == ("120", "204")
    assert figure.table.numbers[-1][-2:] == (120, 204)


def test_the_exact_tests_give_scipys_p_values() -> None:
    """Fisher's exact test and the binomial test are written out with the standard library (importing SciPy took
    up to a third of a check of the sample): over 1,200 random tables, their two-sided p-values are SciPy's."""
    import random

    from scipy.stats import binomtest, fisher_exact

    from dirreport.compute.stats import binomial_p, fisher_exact_p

    draw = random.Random(20240331)
    for _ in range(600):
        n1, n2 = draw.randint(1, 80), draw.randint(1, 80)
        x1, x2 = draw.randint(0, n1), draw.randint(0, n2)
        expected = fisher_exact([[x1, n1 - x1], [x2, n2 - x2]], alternative="two-sided").pvalue
        assert fisher_exact_p(x1, n1, x2, n2) == pytest.approx(expected, rel=1e-9, abs=1e-300), (x1, n1, x2, n2)
    for _ in range(600):
        trials = draw.choice([draw.randint(1, 60), draw.randint(60, 3000)])
        share = draw.choice([0.5, 0.1, 0.9, draw.random()])
        events = draw.choice([draw.randint(0, trials), round(trials * share) + draw.randint(-3, 3)])
        events = min(trials, max(0, events))
        expected = binomtest(events, trials, share, alternative="two-sided").pvalue
        assert binomial_p(events, trials, share) == pytest.approx(expected, rel=1e-9, abs=1e-250), (
            events,
            trials,
            share,
        )
    assert binomial_p(50_000, 100_000, 0.5) == pytest.approx(binomtest(50_000, 100_000, 0.5).pvalue, rel=1e-9)
    assert binomial_p(60_000, 100_000, 0.5) == 0.0  # less likely than 1e-300: SciPy's p-value is 0 too


def test_a_proportion_of_nobody_has_the_whole_range_and_one_person_is_tested_exactly() -> None:
    """No respondents: nothing is known, the interval is 0 to 1 (not a division by zero); one respondent
    against a hundred is a table with tiny expected cells, so Fisher's exact test judges it, not a blanket p = 1."""
    assert wilson(0, 0) == Interval(0.0, 1.0)
    result = compare_proportions(1, 1, 0, 100)
    assert result.test == "fisher" and result.significant
    assert math.isclose(result.p, 1 / 101)
