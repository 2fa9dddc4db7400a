"""How figures are printed and judged: rounding half up, WTE bases, complements, ratios that are not nested,
a change against an earlier year, and what 'About the figures' says of them.  Every expected value is worked
out by hand in the comment beside it."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from dirreport.catalogue import Indicator, Term, load_catalogue
from dirreport.compute.disclosure import SMALL_MAX, SMALL_MIN, ratio_is_disclosive
from dirreport.compute.indicators import OK, SUPPRESSED, IndicatorResult, Point, Results, _trend, point
from dirreport.compute.judgement import assess_indicator, printed_change
from dirreport.data.model import Dataset
from dirreport.errors import InputError
from dirreport.figures.method_notes import method_notes, statistical_tests
from dirreport.figures.specs import (
    _base_numbers,
    _number_or_marker,
    indicator_table,
    summary_table,
)
from dirreport.lang import i18n
from dirreport.lang.bilingual_text import Bilingual
from dirreport.prose import sentences

# --- rounding half up, on the decimal value ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "en"),
    [
        (127.8 / 400 * 100, 1, "32.0"),  # 31.95: binary floats and round() gave 31.9
        (1 / 16 * 100, 1, "6.3"),  # 6.25: round-half-even gave 6.2
        (0.05, 1, "0.1"),
        (0.15, 1, "0.2"),  # the float 0.15 is 0.1499999…; its decimal value is 0.15
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),  # half away from zero
        (1234567.25, 1, "1,234,567.3"),
        (31.94999, 1, "31.9"),
        (1e20, 0, "100,000,000,000,000,000,000"),  # past the decimal module's default 28 digits
    ],
)
def test_values_are_rounded_half_up_on_their_decimal_value(value: float, decimals: int, en: str) -> None:
    assert i18n.number(value, "en", decimals) == en
    assert i18n.number(value, "cy", decimals) == en  # Welsh writes numbers the same way
    assert i18n.rounded(value, decimals) == float(en.replace(",", ""))


def test_every_printed_form_uses_the_same_rounding() -> None:
    p = Point("2023-24", 127.8 / 400 * 100, 127.8, 400.0, OK, base="wte")
    assert sentences.cell(p, "percent", "en", 1) == "32.0%"  # tables
    assert sentences.point(p, "percent", "en", 1) == "32.0%"  # sentences and chart labels
    assert _number_or_marker(p, 1) == 32.0  # the downloads' numbers
    assert i18n.percent(1 / 16 * 100, "en") == "6.3%"


def test_the_printed_difference_rule_works_on_the_printed_values() -> None:
    # 31.95 prints 32.0 and 31.9 prints 31.9: the change printed beside them is 0.1, not 0.0
    assert printed_change(31.95, 31.9, 1) == pytest.approx(0.1)
    assert printed_change(6.25, 6.2, 1) == pytest.approx(0.1)
    assert printed_change(32.04, 31.95, 1) == 0.0  # both print 32.0
    assert i18n.signed(-0.04, "en", 1) == "0.0"


# --- WTE bases ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "text"), [("en", "32.0% (127.8 of 400.0 WTE)"), ("cy", "32.0% (127.8 o 400.0 CALl)")])
def test_a_share_of_whole_time_equivalents_prints_its_base_as_wte(lang: str, text: str) -> None:
    p = Point("2023-24", 127.8 / 400 * 100, 127.8, 400.0, OK, base="wte")
    assert sentences.with_base(sentences.point(p, "percent", lang, 1), p, lang) == text
    assert _base_numbers(p) == (127.8, 400.0)
    counted = Point("2023-24", 22 / 40 * 100, 22.0, 40.0, OK)
    assert sentences.with_base("55.0%", counted, "en") == "55.0% (22 of 40)"


def test_the_catalogue_says_which_indicators_have_wte_bases() -> None:
    from dirreport.catalogue import base_unit

    catalogue = load_catalogue()
    assert base_unit(catalogue.indicators["WF-SW-ADULTS"], catalogue.metrics) == "wte"
    assert base_unit(catalogue.indicators["AD-REVIEWS-TIMELY"], catalogue.metrics) == "count"


# --- complements: a percentage that leaves out 1 to 4 cases is hidden ---------------------------------------------

A, Y = "X", "2023-24"


def _point(indicator: str, numerator: float, denominator: float) -> Point:
    catalogue = load_catalogue()
    ind = catalogue.indicators[indicator]
    top, bottom = ind.numerator[0].ref, ind.denominator[0].ref
    return point(ind, Dataset({(A, Y, top): numerator, (A, Y, bottom): denominator}, {}, {}), A, Y)


@pytest.mark.parametrize(
    ("numerator", "status"),
    [
        (23.0, OK),  # 100%: nobody left out
        (22.0, SUPPRESSED),  # 95.7% (22 of 23) tells the reader 1 was not
        (19.0, SUPPRESSED),  # complement 4: the last hidden
        (18.0, OK),  # complement 5: shown
        (4.0, SUPPRESSED),  # the count itself is small
        (5.0, OK),
    ],
)
def test_a_percentage_whose_complement_is_1_to_4_is_hidden(numerator: float, status: str) -> None:
    assert (SMALL_MIN, SMALL_MAX) == (1, 4)
    assert _point("AD-REVIEWS-TIMELY", numerator, 23.0).status == status


@pytest.mark.parametrize(
    ("numerator", "denominator", "is_count", "hidden"),
    [(10.0, 3.0, True, True), (10.0, 4.0, True, True), (10.0, 5.0, True, False), (10.0, 3.0, False, False)],
)
def test_a_rate_on_a_small_count_of_people_is_hidden(
    numerator: float, denominator: float, is_count: bool, hidden: bool
) -> None:
    """10 per 3 people tells how many the 3 are; a denominator that is no count of people (a population
    estimate in thousands, a sum of money) hides nobody."""
    assert ratio_is_disclosive(numerator, denominator, is_count) is hidden


def test_a_ratio_that_is_not_nested_has_no_complement() -> None:
    # 21 children returned home against 23 looked after: 2 is no count of anyone
    assert _point("CH-RETURNED-HOME", 21.0, 23.0).status == OK


# --- ratios that are not nested: a Poisson rate test, whatever the data ------------------------------------------


def _binomial_two_sided_half(x: int, n: int) -> float:
    """Two-sided exact binomial p-value for p = 1/2: twice the smaller tail."""
    tail = sum(math.comb(n, k) for k in range(0, min(x, n - x) + 1)) / 2**n
    return min(1.0, 2 * tail)


def test_a_ratio_that_is_not_nested_is_tested_as_a_rate() -> None:
    catalogue = load_catalogue()
    returned = catalogue.indicators["CH-RETURNED-HOME"]
    # 30 returned home of 100 looked after, against 15 of 100: given 45 events and equal exposures, this
    # year's 30 is binomial(45, 1/2): p = 2 x P(X <= 15) = 0.0357
    verdict = assess_indicator(returned, True, (30.0, 100.0), (15.0, 100.0), 15.0)
    assert verdict.rule == "poisson"
    assert verdict.p == pytest.approx(_binomial_two_sided_half(30, 45), rel=1e-9)
    assert verdict.p == pytest.approx(0.0357, abs=0.0005)
    # the same counts in a nested percentage are a proportion: the z-test
    reviews = catalogue.indicators["AD-REVIEWS-TIMELY"]
    assert assess_indicator(reviews, True, (30.0, 100.0), (15.0, 100.0), 15.0).rule == "z"


def test_the_data_never_switches_the_test() -> None:
    catalogue = load_catalogue()
    turnover = catalogue.indicators["WF-TURNOVER"]
    # above 100% or below, a ratio that is not nested is tested the same way
    assert assess_indicator(turnover, True, (120.0, 100.0), (90.0, 100.0), 30.0).rule == "poisson"
    assert assess_indicator(turnover, True, (12.0, 100.0), (9.0, 100.0), 3.0).rule == "poisson"
    # a nested percentage above 100% is an error, never a quietly different test
    with pytest.raises(ValueError, match="numerator above its denominator"):
        assess_indicator(catalogue.indicators["AD-ENQUIRIES-7-DAYS"], True, (520.0, 479.0), (400.0, 450.0), 20.0)


def test_a_percentage_neither_nested_nor_declared_so_is_refused(tmp_path: Path) -> None:
    local = tmp_path / "local-catalogue.yml"
    local.write_text(
        """
indicators:
  - id: LOCAL-RATIO
    title: {en: Returned home per looked after child, cy: Wedi dychwelyd adref fesul plentyn sy’n derbyn gofal}
    numerator: CH/047
    denominator: CH/041
    unit: percent
    polarity: none
    standard: QS5
    group: CH
""",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_catalogue(local, "data/local-catalogue.yml")
    problem = caught.value.problems[0]
    assert "indicator LOCAL-RATIO is a percentage, but the catalogue does not make its numerator (CH/047)" in (
        problem.message
    )
    assert "nested: false" in (problem.hint or "") and problem.file == "data/local-catalogue.yml"
    local.write_text(local.read_text(encoding="utf-8") + "    nested: false\n", encoding="utf-8")
    assert not load_catalogue(local, "data/local-catalogue.yml").indicators["LOCAL-RATIO"].nested


# --- a change that says what it compares --------------------------------------------------------------------------

YEARS = ("2021-22", "2022-23", "2023-24")


def _percent() -> Indicator:
    return Indicator(
        id="T-SHARE",
        title=Bilingual("Share on time", "Cyfran mewn pryd"),
        unit="percent",
        polarity="higher",
        standard="QS1",
        group="AD",
        numerator=(Term("metric", "AD/025"),),
        denominator=(Term("metric", "AD/024"),),
    )


def _hidden_last_year() -> Results:
    ind = _percent()
    series = (
        Point("2021-22", 950 / 1000 * 100, 950.0, 1000.0, OK),
        Point("2022-23", None, None, None, SUPPRESSED),
        Point("2023-24", 946 / 1000 * 100, 946.0, 1000.0, OK),
    )
    wales = tuple(Point(y, None, None, None, "x") for y in YEARS)
    result = IndicatorResult(ind, series, wales, (), _trend(ind, series, True), "none", "unknown")
    return Results("X", "2023-24", YEARS, {ind.id: result}, {}, {})


@pytest.mark.parametrize(
    ("lang", "cell", "note"),
    [
        ("en", "−0.4 (since 2021-22)", "Where the 2022-23 figure is not shown"),
        ("cy", "−0.4 (ers 2021-22)", "Lle nad yw ffigur 2022-23 yn cael ei ddangos"),
    ],
)
def test_a_change_against_an_earlier_year_says_so(lang: str, cell: str, note: str) -> None:
    results = _hidden_last_year()
    assert results.indicators["T-SHARE"].trend.since == "2021-22"
    table = indicator_table(results, ["T-SHARE"], "caption", "t", lang)
    assert table.header[2] == "2022-23" and table.rows[0][2] == "[c]"
    assert table.rows[0][3] == cell
    assert table.numbers[0][3] is None  # the download keeps the words, year and all, not a bare −0.4
    assert any(n.startswith(note) for n in table.notes)
    summary = summary_table(results, load_catalogue(), Bilingual("X", "X"), lang)
    assert "2021-22" in summary.rows[0][3] and any(n.startswith(note) for n in summary.notes)


def test_a_change_against_last_year_needs_no_note() -> None:
    results = _hidden_last_year()
    ind = results.indicators["T-SHARE"]
    series = (ind.series[0], Point("2022-23", 95.0, 950.0, 1000.0, OK), ind.series[2])
    result = IndicatorResult(ind.indicator, series, ind.wales, (), _trend(ind.indicator, series, True), "none", "")
    table = indicator_table(Results("X", "2023-24", YEARS, {"T-SHARE": result}, {}, {}), ["T-SHARE"], "c", "t", "en")
    assert table.rows[0][3] == "−0.4" and table.numbers[0][3] == pytest.approx(-0.4)
    assert not any("not shown, the change" in n for n in table.notes)


# --- 'About the figures' -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "This report rests on 1 statistical tests"), ("cy", "Mae’r adroddiad hwn yn dibynnu ar 1 o brofion")],
)
def test_about_the_figures_counts_the_tests_and_names_the_rules(lang: str, words: str) -> None:
    results = _hidden_last_year()
    assert statistical_tests(results) == 1  # one change tested by z
    notes = method_notes(results, load_catalogue(), lang)
    assert any(n.startswith(words) for n in notes)
    assert any("0" in n and ("by chance" in n or "drwy siawns" in n) for n in notes)
    assert any("32.0%" in n for n in notes) and any("95.7%" in n for n in notes)


def test_the_multiple_comparisons_sentence_gives_n_over_20() -> None:
    results = _hidden_last_year()
    many = Results("X", "2023-24", YEARS, {f"T{i}": results.indicators["T-SHARE"] for i in range(88)}, {}, {})
    assert statistical_tests(many) == 88
    sentence = next(n for n in method_notes(many, load_catalogue(), "en") if "statistical tests" in n)
    assert "rests on 88 statistical tests" in sentence and "about 4 of them" in sentence  # 88 / 20 = 4.4


@pytest.mark.parametrize(
    ("positive", "status"), [(22, SUPPRESSED), (19, SUPPRESSED), (18, OK), (23, OK), (4, SUPPRESSED)]
)
def test_a_survey_result_whose_complement_is_1_to_4_is_hidden(positive: int, status: str) -> None:
    from dirreport.compute.indicators import _survey_point
    from dirreport.data.model import SurveyCount

    dataset = Dataset({}, {}, {(A, Y, "SV01", "adults"): SurveyCount(23, positive)})
    point_ = _survey_point(dataset, A, Y, "SV01", "adults")
    assert point_ is not None and point_.status == status
