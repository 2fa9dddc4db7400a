"""The year in numbers: which figures, judged as the rest of the report judges them, and never a hidden one.

In-process tests on the sample project's inputs (no rendering): the choice of
figures, their values and changes against the indicator tables' and the
sentences' own, disclosure control, where the page goes and the setting's
errors.  What the built editions show is tested in test_summary_edition.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from project_files import copy_project

from conftest import REPO, with_settings
from dirreport.assemble import year_in_numbers
from dirreport.assemble.editions import assemble
from dirreport.compute.indicators import OK, SUPPRESSED, IndicatorResult, Point, Trend
from dirreport.compute.judgement import Verdict
from dirreport.errors import InputError
from dirreport.figures.specs import indicator_table
from dirreport.pipeline.project import Project, load_project
from dirreport.prose import sentences


@pytest.fixture(scope="module")
def sample() -> Project:
    return load_project(REPO)


def test_the_sample_shows_the_figures_its_settings_list_in_their_order(sample: Project) -> None:
    ids = year_in_numbers.chosen_ids(sample.config, sample.catalogue, sample.results)
    assert sample.config.year_in_numbers is not None
    assert ids == list(sample.config.year_in_numbers)


def test_the_default_is_a_key_indicator_per_standard_and_a_count(tmp_path: Path) -> None:
    project = load_project(with_settings(tmp_path, **{"year-in-numbers": None}))
    ids = year_in_numbers.chosen_ids(project.config, project.catalogue, project.results)
    indicators = [project.catalogue.indicators[i] for i in ids]
    assert 6 <= len(ids) <= 9, ids
    keys = [i for i in indicators if i.key]
    # one key indicator for each quality standard, in the standards' order
    assert [i.standard for i in keys] == sorted({i.standard for i in keys}, key=lambda s: int(s[2:]))
    assert len(keys) == len(project.catalogue.standards)
    # both adults' and children's services are on the page, and one count
    assert {"AD", "CH"} <= {i.group for i in indicators}
    assert [i.unit for i in indicators].count("count") == 1
    # every default figure can be printed
    assert all(project.results.indicators[i].latest.status == OK for i in ids)
    # false: no page at all, so no heading either
    none = load_project(with_settings(tmp_path / "none", **{"year-in-numbers": False}))
    assert year_in_numbers.chosen_ids(none.config, none.catalogue, none.results) == []
    assert "year-in-numbers-en" not in assemble(none, "en").markdown


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_each_figure_is_printed_as_its_indicator_table_prints_it(sample: Project, lang: str) -> None:
    results = sample.results
    ids = year_in_numbers.chosen_ids(sample.config, sample.catalogue, results)
    table = indicator_table(results, ids, "caption", "t", lang)
    figures = year_in_numbers.key_figures(sample.config, sample.catalogue, results, lang)
    for figure, row in zip(figures, table.rows, strict=True):
        result = results.indicators[figure.id]
        assert figure.label == row[0]
        # the card adds the unit the table's header gives ("26.9 days"): the number is the table's
        assert figure.value.startswith(row[1]), (figure.value, row[1])
        # the change is the sentence {{< change >}} writes, from the one judgement, without the year the
        # page's introduction names once ("how they changed since 2022-23")
        said = sentences.change(result, lang, "2022-23")
        assert figure.change == said[:1].upper() + said[1:]
        assert "2022-23" not in figure.change and sentences.change(result, lang).startswith(said.split(",")[0])
        if result.indicator.unit != "count":
            assert figure.wales is not None and figure.wales.startswith(row[5])


def test_a_change_the_rule_does_not_support_is_little_change(sample: Project) -> None:
    result = sample.results.indicators["AD-IAA-TIMELY"]
    unsupported = replace(result, trend=Trend("down", "little", -4.0, "2022-23", Verdict(False, "z", 0.2)))
    supported = replace(result, trend=Trend("down", "worse", -4.0, "2022-23", Verdict(True, "z", 0.001)))
    little = year_in_numbers.key_figure(unsupported, "en")
    worse = year_in_numbers.key_figure(supported, "en")
    assert little.change == "Down 4.0 percentage points since 2022-23, little change"
    assert little.judgement == "little"
    assert worse.change == "Down 4.0 percentage points since 2022-23, a deterioration"
    assert "nad yw’n fawr o newid" in year_in_numbers.key_figure(unsupported, "cy").change
    # where the page's introduction names the year, the card does not repeat it
    assert (
        year_in_numbers.key_figure(unsupported, "en", "2022-23").change == "Down 4.0 percentage points, little change"
    )
    assert year_in_numbers.key_figure(unsupported, "en", "2021-22").change.endswith("since 2022-23, little change")


def _hidden(result: IndicatorResult, status: str) -> IndicatorResult:
    latest = replace(result.latest, status=status)
    return replace(result, series=(*result.series[:-1], latest), trend=Trend("none", "unknown", None, None))


@pytest.mark.parametrize(("status", "marker"), [(SUPPRESSED, "[c]"), ("low", "[low]")])
def test_a_hidden_figure_shows_the_marker_never_a_number(sample: Project, status: str, marker: str) -> None:
    result = _hidden(sample.results.indicators["CH-ICPC-TIMELY"], status)
    figure = year_in_numbers.key_figure(result, "en")
    assert figure.value == marker and not figure.shown
    assert not re.search(r"\d", figure.value + figure.change)
    page = year_in_numbers.block([figure], sample.results, "en", "k")
    assert "58.8" not in page and marker in page
    assert "Not shown" in page  # the marker is explained under the page, as under a table
    # in Welsh, [low] is written [isel]
    assert year_in_numbers.key_figure(result, "cy").value == ("[isel]" if status == "low" else marker)


def test_the_default_leaves_out_a_figure_that_may_not_be_shown(sample: Project) -> None:
    results = sample.results
    default = replace(sample.config, year_in_numbers=None)
    first = year_in_numbers.chosen_ids(default, sample.catalogue, results)[0]
    indicators = dict(results.indicators)
    indicators[first] = _hidden(indicators[first], SUPPRESSED)
    hidden = replace(results, indicators=indicators)
    assert first not in year_in_numbers.chosen_ids(default, sample.catalogue, hidden)


def test_a_count_is_never_compared_with_wales(sample: Project) -> None:
    result = sample.results.indicators["CA-DP-COUNT"]
    wales = (*result.series[:-1], Point(result.latest.year, 900.0, 900.0, None, OK))
    figure = year_in_numbers.key_figure(replace(result, wales=wales), "en")
    assert figure.wales is None
    page = year_in_numbers.block([figure], sample.results, "en", "k")
    assert "900" not in page and "Wales:" not in page


def test_the_page_opens_the_directors_summary_unless_a_narrative_places_it(sample: Project, tmp_path: Path) -> None:
    markdown = assemble(sample, "en").markdown
    chapter_1 = markdown[markdown.index("{#sec-1-summary}") : markdown.index("{#sec-2-context}")]
    # after the opening paragraph, before the first subheading
    headings = re.findall(r"^## (.*?) \{", chapter_1, flags=re.M)
    assert headings[0] == "The year in numbers", headings
    assert markdown.count('class="key-figures"') == 1
    # placed with the shortcode in chapter 2, it is there and not in chapter 1
    project = copy_project(REPO, tmp_path / "placed")
    context = project / "narratives" / "en" / "2-context.md"
    context.write_text(context.read_text(encoding="utf-8") + "\n{{< year-in-numbers >}}\n", encoding="utf-8")
    placed = assemble(load_project(project), "en").markdown
    assert placed.count('class="key-figures"') == 1
    assert placed.index('class="key-figures"') > placed.index("{#sec-2-context}")
    assert "{#year-in-numbers-en}" not in placed  # the author's narrative gives it its heading
    # the summary still shows it, after the Director's summary
    summary = assemble(load_project(project), "en-summary").markdown
    assert summary.count('class="key-figures"') == 1
    assert summary.index("{#sec-1-summary}") < summary.index("key-figures") < summary.index("{#sec-4d-priorities}")


def test_an_unknown_figure_is_named_with_its_line(tmp_path: Path) -> None:
    project = load_project(with_settings(tmp_path, **{"year-in-numbers": ["AD-IAA-TIMELY", "AD-IAA-TIMLEY"]}))
    with pytest.raises(InputError) as raised:
        assemble(project, "en")
    message = str(raised.value)
    assert "_quarto.yml" in message and "AD-IAA-TIMLEY" in message and "dirreport catalogue" in message


@pytest.mark.parametrize(
    ("value", "words"),
    [(5, "list of indicator ids"), ([f"ID{n}" for n in range(13)], "at most 12")],
)
def test_a_wrong_setting_is_explained(tmp_path: Path, value: Any, words: str) -> None:
    with pytest.raises(InputError) as raised:
        load_project(with_settings(tmp_path, **{"year-in-numbers": value}))
    assert "year-in-numbers" in str(raised.value) and words in str(raised.value)


def test_the_shortcode_takes_no_argument(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    summary = project / "narratives" / "en" / "1-summary.md"
    text = summary.read_text(encoding="utf-8")
    summary.write_text(
        text.replace("## The year in brief", "{{< year-in-numbers QS1 >}}\n\n## The year in brief"), encoding="utf-8"
    )
    with pytest.raises(InputError) as raised:
        assemble(load_project(project), "en")
    message = str(raised.value)
    assert "1-summary.md" in message and "takes 0 argument" in message and "{{< year-in-numbers >}}" in message
