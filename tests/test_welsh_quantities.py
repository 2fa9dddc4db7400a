"""The Welsh says the same quantities as the English: each number in the same role.

A sentence about a change carries up to three quantities: where it started
(a value and its year), where it ended, and the difference.  Welsh "Cododd y
cyfanswm o 7,938" reads as "the total rose *by* 7,938", so a translation can
keep every number and still change its meaning.  These tests read each
sentence pattern in both languages into roles (start, end, values in a year,
difference, the figure for Wales) and require the same roles with the same
numbers: every message of the catalogue that states a change, and every
sentence builder (indicators, survey results, a breakdown's total) on real
catalogue entries.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from babel.messages.pofile import read_po

from dirreport.catalogue import Indicator, load_catalogue
from dirreport.compute.indicators import OK, IndicatorResult, Point, SurveyPoint, SurveyResult, Trend
from dirreport.lang import i18n
from dirreport.prose import composition_sentences, sentences

CATALOGUE = load_catalogue()
NUMBER = r"(\d+(?:,\d{3})*(?:\.\d+)?%?)"
YEAR = r"(\d{4}-\d{2})"
UNITS = re.compile(
    r" (?:per 10,000|per 1,000|fesul 10,000|fesul 1,000|days|diwrnod|percentage points?|pwynt canran)(?=\W|$)"
)
FROM_TO = {
    "en": rf"\bfrom {NUMBER} in {YEAR} to {NUMBER} in {YEAR}",
    "cy": rf"\bo {NUMBER} yn {YEAR} i {NUMBER} yn {YEAR}",
}
DIFFERENCE = {
    "en": rf"(?:\brose by|\bfell by|\brise of|\bfall of|\b[Uu]p|\b[Dd]own) {NUMBER}",
    "cy": rf"(?:\b[Cc]ynnydd o|\b[Gg]ostyngiad o) {NUMBER}",
}
# a verb of change followed, in its clause, by "o N" that is not "o N yn Y i M": Welsh reads it as "by N"
BARE_BY = {
    "en": rf"\b(?:rose|fell)\b[^.;,]*?\bby {NUMBER}",
    "cy": rf"\b(?:[Cc]ododd|[Gg]ostyngodd)\b[^.;,]*?\bo {NUMBER}",
}
AT_YEAR = {"en": rf"{NUMBER} in {YEAR}", "cy": rf"{NUMBER} yn {YEAR}"}
WALES = rf"\({NUMBER}\)"


def roles(text: str, lang: str) -> dict[str, object]:
    """The quantities a sentence states, by role: what a reader of that language takes it to say."""
    text = UNITS.sub("", text)
    found: dict[str, object] = {"difference": [], "at-year": [], "wales": []}
    pairs = []
    for match in re.finditer(FROM_TO[lang], text):
        pairs.append((match.group(1, 2), match.group(3, 4)))
    found["from-to"] = pairs
    text = re.sub(FROM_TO[lang], " ", text)
    for pattern in (DIFFERENCE[lang], BARE_BY[lang]):
        found["difference"] += re.findall(pattern, text)  # type: ignore[operator]
        text = re.sub(pattern, " ", text)
    found["at-year"] = sorted(re.findall(AT_YEAR[lang], text))
    text = re.sub(AT_YEAR[lang], " ", text)
    found["wales"] = re.findall(WALES, text)
    text = re.sub(WALES, " ", text)
    found["years"] = sorted(re.findall(YEAR, text))  # "since 2022-23", "the same as in 2019-20"
    text = re.sub(YEAR, " ", text)
    found["other"] = re.findall(NUMBER, text)  # any other number ("stage 1"), the same in both
    return found


def same_roles(english: str, welsh: str, strip: tuple[str, str] = ("", "")) -> dict[str, object]:
    en = roles(english.replace(strip[0], "TITLE") if strip[0] else english, "en")
    cy = roles(welsh.replace(strip[1], "TITLE") if strip[1] else welsh, "cy")
    assert en == cy, f"\nEnglish: {english}\n  {en}\nWelsh:   {welsh}\n  {cy}"
    return en


# --- the parser itself: it catches the reading the issue found --------------------------------------------------


def test_a_bare_o_after_cododd_reads_as_the_difference() -> None:
    with pytest.raises(AssertionError):
        same_roles("The total rose from 7,938 in 2022-23.", "Cododd y cyfanswm o 7,938 yn 2022-23.")
    assert roles("Cododd y cyfanswm o 62, o 7,938 yn 2022-23 i 8,000 yn 2023-24.", "cy")["difference"] == ["62"]
    assert roles("Roedd y cyfanswm yn 7,938 yn 2022-23 ac yn 8,000 yn 2023-24, cynnydd o 62.", "cy") == roles(
        "The total was 7,938 in 2022-23 and 8,000 in 2023-24, a rise of 62.", "en"
    )


# --- every message of the catalogue that states a change ----------------------------------------------------------

FILL = {
    "start": "10.5",
    "end": "12.5",
    "before": "7,938",
    "after": "8,000",
    "difference": "62",
    "size": "2.0",
    "wales": "11.0",
    "year": "2022-23",
    "start_year": "2019-20",
    "end_year": "2023-24",
    "this_year": "2023-24",
}
CHANGE_WORDS = re.compile(r"\b(rose|fell|rise|fall|up|down|was \{end\}|was \{before\}|the same as)\b")


def change_messages() -> list[tuple[str, str]]:
    with i18n.po_resource().open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        if not (isinstance(message.id, str) and message.id and CHANGE_WORDS.search(message.id)):
            continue
        if any("{" + key + "}" in message.id for key in ("start", "end", "before", "after", "size", "difference")):
            found.append((message.id, str(message.string)))
    return found


def test_the_catalogue_has_change_messages_to_check() -> None:
    ids = [english for english, _welsh in change_messages()]
    assert "The total was {before} in {year} and {after} in {this_year}, a rise of {difference}." in ids
    assert "{title} rose from {start} in {start_year} to {end} in {end_year}." in ids
    assert len(ids) >= 20


@pytest.mark.parametrize(("english", "welsh"), change_messages(), ids=lambda text: text[:60])
def test_each_change_message_states_the_same_quantities_in_welsh(english: str, welsh: str) -> None:
    values = {key: "X" for key in re.findall(r"\{(\w+)\}", english + welsh)} | FILL
    found = same_roles(english.format(**values), welsh.format(**values))
    assert any(found[role] for role in ("from-to", "difference", "at-year", "other")), found


# --- the sentence builders, on every indicator ------------------------------------------------------------------


def result_for(ind: Indicator, values: tuple[float, ...], wales: float | None = None) -> IndicatorResult:
    years = ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24")[-len(values) :]
    series = tuple(Point(y, v, v, 100.0, OK) for y, v in zip(years, values, strict=True))
    change = values[-1] - values[-2] if len(values) > 1 else None
    movement = "none" if change is None else "up" if change > 0 else "down" if change < 0 else "same"
    wales_points = (Point(years[-1], wales, wales, 100.0, OK),) if wales is not None else ()
    versus = "none" if wales is None else "above" if values[-1] > wales else "below"
    return IndicatorResult(
        ind,
        series,
        wales_points,
        (),
        Trend(movement, "better", change, years[-2] if change is not None else None),
        versus,
        "unknown",
    )


@pytest.mark.parametrize("indicator_id", sorted(CATALOGUE.indicators))
def test_each_indicator_sentence_says_the_same_in_both_languages(indicator_id: str) -> None:
    ind = CATALOGUE.indicators[indicator_id]
    subject = ind.welsh_subject()
    assert subject is not None
    strip = (ind.title.en, subject.subject())
    for values in ((42.9, 44.0, 45.0), (45.0, 44.0, 42.9), (40.0, 41.0, 40.0), (42.9,)):
        result = result_for(ind, values, wales=43.5)
        english = sentences.describe_indicator(result, ind.title.en, "en")
        welsh = sentences.describe_indicator(result, ind.title.cy, "cy")
        found = same_roles(english, welsh, strip)
        printed = [sentences.value(v, ind.unit, "en", result.decimals) for v in (values[0], values[-1])]
        printed = [UNITS.sub("", p) for p in printed]
        if len(values) > 1 and values[0] != values[-1]:
            assert found["from-to"] == [((printed[0], "2021-22"), (printed[1], "2023-24"))], english
            assert found["difference"], english  # last year's change, as "up 1.0" / "cynnydd o 1.0"


def survey_result(change_significant: bool, movement: str) -> SurveyResult:
    measure = next(iter(CATALOGUE.survey.values()))
    before, after = (SurveyPoint("2022-23", 200, 120, OK), SurveyPoint("2023-24", 200, 130, OK))
    if movement == "down":
        before, after = replace(before, positive=130), replace(after, positive=120)
    trend = Trend(movement, "neutral", 5.0 if movement == "up" else -5.0, "2022-23")
    return SurveyResult(measure, "adults", (before, after), None, trend, change_significant, "none", None)


@pytest.mark.parametrize(("significant", "movement"), [(True, "up"), (True, "down"), (False, "up"), (False, "down")])
def test_each_survey_change_says_the_same_in_both_languages(significant: bool, movement: str) -> None:
    result = survey_result(significant, movement)
    english = sentences.describe_survey(result, "Survey", "en").split("). ", 1)[1]
    welsh = sentences.describe_survey(result, "Arolwg", "cy").split("). ", 1)[1]
    found = same_roles(english, welsh)
    assert found["difference"] == ([] if significant else ["5.0"]), english


@pytest.mark.parametrize(("last", "this"), [(7938.0, 8000.0), (8000.0, 7938.0), (8000.0, 8000.0)])
def test_a_breakdowns_total_change_says_the_same_in_both_languages(last: float, this: float) -> None:
    english = composition_sentences.total_change(last, this, "2022-23", "2023-24", "en")
    welsh = composition_sentences.total_change(last, this, "2022-23", "2023-24", "cy")
    found = same_roles(english, welsh)
    start, end = i18n.number(last, "en"), i18n.number(this, "en")
    if last == this:
        assert found["at-year"] == [(end, "2023-24")] and not found["difference"], english
    else:
        assert found["at-year"] == sorted([(start, "2022-23"), (end, "2023-24")]), english
        assert found["difference"] == ["62"], english


def test_a_total_in_tenths_is_printed_as_its_breakdown_prints_it() -> None:
    # whole-time equivalents: 677.2 then 663.9, a fall of 13.3 (never "677 … 664, a fall of 13")
    assert composition_sentences.total_change(677.2, 663.9, "2022-23", "2023-24", "en") == (
        "The total was 677.2 in 2022-23 and 663.9 in 2023-24, a fall of 13.3."
    )
    assert composition_sentences.total_change(677.2, 663.9, "2022-23", "2023-24", "cy") == (
        "Roedd y cyfanswm yn 677.2 yn 2022-23 ac yn 663.9 yn 2023-24, gostyngiad o 13.3."
    )
