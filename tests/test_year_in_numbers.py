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
from dirreport.assemble import key_figure_cards, year_in_numbers
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


def test_the_default_opens_with_counts_then_a_key_indicator_per_standard_and_a_count(tmp_path: Path) -> None:
    project = load_project(with_settings(tmp_path, **{"year-in-numbers": None}))
    ids = year_in_numbers.chosen_ids(project.config, project.catalogue, project.results)
    indicators = [project.catalogue.indicators[i] for i in ids]
    assert 9 <= len(ids) <= 12, ids
    # three headline counts of people helped and work done first, one from each of adults, children and carers
    first = indicators[: year_in_numbers.HEADLINE_COUNTS]
    assert all(i.unit == "count" and i.counted is not None for i in first), ids
    assert {i.group for i in first} == {"AD", "CH", "CA"}
    keys = [i for i in indicators if i.key]
    # one key indicator for each quality standard, in the standards' order
    assert [i.standard for i in keys] == sorted({i.standard for i in keys}, key=lambda s: int(s[2:]))
    assert len(keys) == len(project.catalogue.standards)
    # both adults' and children's services are on the page, and one more count after the key indicators
    assert {"AD", "CH"} <= {i.group for i in indicators}
    assert [i.unit for i in indicators].count("count") == year_in_numbers.HEADLINE_COUNTS + 1
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
        assert figure.title == row[0]
        counted = result.indicator.counted
        # a count's card names it with the words after its number; every other card with the table's title
        assert figure.label == (counted.words(int(row[1].replace(",", "")), lang) if counted else row[0])
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
    page = key_figure_cards.block([figure], sample.results, "en", "k")
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
    page = key_figure_cards.block([figure], sample.results, "en", "k")
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


def _sample_value(code: str, year: str = "2023-24") -> int:
    """The sample's own figure, read from its data file, not from anything dirreport computed."""
    for line in (REPO / "data" / "metrics.csv").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"X99999999,{year},{code},"):
            return int(line.rsplit(",", 1)[1])
    raise AssertionError(code)


def test_a_count_card_prints_the_data_s_count_with_words_that_agree(sample: Project) -> None:
    contacts = _sample_value("AD/001")
    assert contacts >= 1000  # the sample's figure needs a thousands separator
    printed = f"{contacts:,}"
    en = year_in_numbers.key_figure(sample.results.indicators["AD-IAA-CONTACTS"], "en", "2022-23")
    cy = year_in_numbers.key_figure(sample.results.indicators["AD-IAA-CONTACTS"], "cy", "2022-23")
    assert en.value == cy.value == printed and en.icon == "hand"
    assert en.label.startswith("contacts to our information, advice and assistance service")
    # Welsh: "o" and the plural, softened after it, for a number above four
    assert cy.label.startswith("o gysylltiadau â’n gwasanaeth")
    # judged as its table: a count is tested against last year like any other count, never against Wales
    assert en.change.startswith(("Up", "Down", "Unchanged")) and en.wales is None
    # on the pages of both languages, in every format's block
    for lang, words in (("en", "contacts to our"), ("cy", "o gysylltiadau")):
        markdown = assemble(sample, lang).markdown
        page = markdown[markdown.index(f"{{#year-in-numbers-{lang}}}") :]
        html_block = page[: page.index("</ul>")]
        assert f"<span>{printed}</span>" in html_block and words in html_block
        typst_block = page[page.index("{=typst}") : page.index("{=typst}") + 5000]
        assert f'"{printed}"' in typst_block
        word_block = page[page.index('when-format="docx"') :][:3000]
        assert f" {printed} |" in word_block and "![](icons/hand.png)" in word_block


@pytest.mark.parametrize(
    ("n", "en", "cy"),
    [
        (1, "contact to our", "cyswllt â’n"),
        (2, "contacts to our", "gyswllt â’n"),  # dau gyswllt: soft after dau
        (3, "contacts to our", "chyswllt â’n"),  # tri chyswllt: aspirate after tri
        (8000, "contacts to our", "o gysylltiadau â’n"),
    ],
)
def test_a_count_s_words_agree_with_its_number(sample: Project, n: int, en: str, cy: str) -> None:
    counted = sample.catalogue.indicators["AD-IAA-CONTACTS"].counted
    assert counted is not None
    assert counted.words(n, "en").startswith(en + " ")
    assert counted.words(n, "cy").startswith(cy + " ")


def test_a_feminine_count_softens_after_one_and_two() -> None:
    from dirreport.lang.welsh import counted

    assert counted(1, "cyfran", "cyfrannau", "f") == "gyfran"
    assert counted(2, "cyfran", "cyfrannau", "f") == "gyfran"
    assert counted(3, "cyfran", "cyfrannau", "f") == "cyfran"  # tair cyfran
    assert counted(12, "cyfran", "cyfrannau", "f") == "o gyfrannau"


def test_a_small_count_is_suppressed_and_never_printed(tmp_path: Path) -> None:
    from conftest import replace_metrics

    project = with_settings(tmp_path, **{"year-in-numbers": ["CA-IDENTIFIED-COUNT", "AD-IAA-TIMELY"]})
    replace_metrics(project, {"CA/006": "3"})  # carers identified: 3, a count disclosure control hides
    loaded = load_project(project)
    iid = "CA-IDENTIFIED-COUNT"
    assert loaded.results.indicators[iid].latest.status == SUPPRESSED
    counted = loaded.catalogue.indicators[iid].counted
    assert counted is not None
    for lang in ("en", "cy"):
        figure = year_in_numbers.key_figure(loaded.results.indicators[iid], lang, "2022-23")
        assert figure.value == "[c]" and not figure.shown
        # the words are the plural as a label: agreeing with no number, they cannot tell the number
        assert figure.label == counted.plural(lang)
        assert not re.search(r"\d", figure.value + figure.change)
        # the page as assembly places it (the sample's narrative quotes this figure, so the edition is refused)
        figures = year_in_numbers.key_figures(loaded.config, loaded.catalogue, loaded.results, lang)
        page = key_figure_cards.block(figures, loaded.results, lang, "k")
        card = page[page.index(f'data-indicator="{iid}"') :]
        card = card[: card.index("</li>")]
        assert "[c]" in card and not re.search(r"\b3\b", card)
        assert "| 3 |" not in page and '"3"' not in page
    # the default choice leaves out a count it may not print
    default = replace(loaded.config, year_in_numbers=None)
    assert iid not in year_in_numbers.chosen_ids(default, loaded.catalogue, loaded.results)


def test_a_count_with_no_earlier_year_is_plainly_the_year_s_count(sample: Project) -> None:
    result = sample.results.indicators["AD-PLANS-COUNT"]
    alone = replace(result, trend=Trend("none", "unknown", None, None))
    assert year_in_numbers.key_figure(alone, "en").change == "Our count for 2023-24"
    assert year_in_numbers.key_figure(alone, "cy").change == "Ein cyfrif ar gyfer 2023-24"


def test_the_bilingual_edition_prints_the_page_once_with_both_languages(sample: Project) -> None:
    markdown = assemble(sample, "bilingual").markdown
    assert markdown.count('class="key-figures') == 1
    assert markdown.count("{=typst}\n#grid(") == 1
    assert "dirreport:year-in-numbers" not in markdown  # the place's mark never reaches a page
    assert "{#year-in-numbers-cy}" not in markdown and "{#year-in-numbers-en}" not in markdown
    heading = "## [Y flwyddyn mewn rhifau]{lang=cy-GB} / [The year in numbers]{lang=en-GB} {#year-in-numbers}"
    assert heading in markdown
    page = markdown[markdown.index(heading) : markdown.index("</ul>", markdown.index(heading))]
    ids = year_in_numbers.chosen_ids(sample.config, sample.catalogue, sample.results)
    assert page.count("<li ") == len(ids)
    # each card: the figure once, then the Welsh and the English, each tagged
    card = page[page.index('data-indicator="AD-WAIT-DOMICILIARY"') :]
    card = card[: card.index("</li>")]
    assert card.count("26.9") == 1 + 0 and '<span lang="cy-GB">diwrnod</span> / <span lang="en-GB">days</span>' in card
    assert card.index('<div class="key-figure-side" lang="cy-GB">') < card.index(
        '<div class="key-figure-side" lang="en-GB">'
    )
    # the passage after the page (the summary's subheadings) is still paired in both languages
    after = markdown[markdown.index("</ul>", markdown.index(heading)) : markdown.index("{#sec-2-context}")]
    assert '## [Y flwyddyn yn gryno]{lang="cy-GB"} / [The year in brief]{lang="en-GB"}' in after


def test_placed_by_the_narratives_the_bilingual_page_is_printed_once_where_they_place_it(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "placed")
    for lang in ("en", "cy"):
        context = project / "narratives" / lang / "2-context.md"
        context.write_text(context.read_text(encoding="utf-8") + "\n{{< year-in-numbers >}}\n", encoding="utf-8")
    markdown = assemble(load_project(project), "bilingual").markdown
    assert markdown.count('class="key-figures') == 1 and "dirreport:year-in-numbers" not in markdown
    assert markdown.index("{#sec-2-context}") < markdown.index('class="key-figures')
    # the narratives' own headings name it: no heading of dirreport's, the list named in the first language
    assert "{#year-in-numbers}" not in markdown
    assert 'aria-label="Y flwyddyn mewn rhifau" lang="cy-GB"' in markdown
