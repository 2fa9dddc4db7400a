"""Assembly in process: shortcodes expand to the figures in Results, problems name the file and line,
and each edition carries the prescribed headings in order with figures numbered in reading order."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import REPO
from dirreport.assemble.edition import Assembler
from dirreport.assemble.editions import assemble
from dirreport.compute.indicators import OK, SUPPRESSED
from dirreport.content import prescribed_form
from dirreport.content.expansion import expand
from dirreport.content.narrative import Narrative, parse
from dirreport.lang import i18n
from dirreport.pipeline.project import Project, load_project


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(REPO)


def narrative(text: str, path: str = "narratives/en/2-context.md") -> Narrative:
    parsed, problems = parse(path, f"---\ntitle: Test\nstatus: final\n---\n\n{text}\n")
    assert not problems, problems
    return parsed


def expanded(project: Project, text: str, lang: str = "en", draft: bool = False) -> tuple[str, Assembler]:
    assembler = Assembler(project, lang, draft=draft)
    doc = narrative(text)
    return expand(doc, assembler.expander(doc), heading_base=2), assembler


def a_shown_indicator(project: Project) -> str:
    return next(i for i, r in project.results.indicators.items() if r.latest.status == OK)


@pytest.mark.parametrize(("lang", "expected"), [("en", "80.6%"), ("cy", "80.6%")])
def test_an_indicator_shortcode_prints_the_value_in_results(project: Project, lang: str, expected: str) -> None:
    # the sample's 2023-24 return: 1,499 of 1,860 adults' reviews on time, worked by hand as 80.59… → 80.6%
    result = project.results.indicators["AD-REVIEWS-TIMELY"]
    assert (result.latest.numerator, result.latest.denominator) == (1499, 1860)
    text, assembler = expanded(project, "The value is {{< indicator AD-REVIEWS-TIMELY >}}.", lang)
    assert f"The value is {expected}" in text.replace("\\", "") and not assembler.errors


def test_a_metric_shortcode_prints_the_value_for_the_language(project: Project) -> None:
    (code, _year), value = next(
        (
            (k, v)
            for k, v in project.results.metrics.items()
            if v.status == OK and v.year == project.results.year and v.value and v.value >= 1000
        )
    )
    english, _ = expanded(project, f"{{{{< metric {code} >}}}} people", "en")
    welsh, _ = expanded(project, f"{{{{< metric {code} >}}}} o bobl", "cy")
    decimals = 0 if float(value.value or 0).is_integer() else 1
    assert i18n.number(value.value, "en", decimals) in english
    assert i18n.number(value.value, "cy", decimals) in welsh


@pytest.mark.parametrize(
    ("shortcode", "message"),
    [
        ("{{< indicatr X >}}", "unknown shortcode 'indicatr'"),
        ("{{< indicator >}}", "argument(s) but was given 0"),
        ("{{< indicator NOT-AN-INDICATOR >}}", "indicator 'NOT-AN-INDICATOR' is not in the catalogue"),
        ("{{< metric XX/999 >}}", "metric 'XX/999' is not in the catalogue"),
        ("Text before {{< chart AD-REVIEWS-TIMELY >}} and after", "makes a block and must be on a line of its own"),
    ],
)
def test_a_wrong_shortcode_is_an_error_at_its_line(project: Project, shortcode: str, message: str) -> None:
    text, assembler = expanded(project, f"First paragraph.\n\n{shortcode}")
    assert [p.message for p in assembler.errors] == [message] or message in assembler.errors[0].message
    problem = assembler.errors[0]
    assert problem.file == "narratives/en/2-context.md" and problem.line == 8
    assert "{{<" not in text.replace("\\{\\{<", "")  # never published as a live shortcode


def test_a_suppressed_figure_is_refused_in_a_final_build_and_marked_in_a_draft(project: Project) -> None:
    key, value = next((k, v) for k, v in project.results.metrics.items() if v.status == OK)
    metrics = {**project.results.metrics, key: replace(value, value=3.0, status=SUPPRESSED)}  # a count of 3
    small = replace(project, results=replace(project.results, metrics=metrics))
    shortcode = f"{{{{< metric {key[0]} {key[1]} >}}}}"
    final_text, final = expanded(small, shortcode)
    assert final.errors and final.errors[0].line == 6 and "3" not in final_text.replace(key[0], "")
    draft_text, draft = expanded(small, shortcode, draft=True)
    assert not draft.errors and draft.warnings and "[c]" in draft_text


@pytest.mark.parametrize("edition", ["en", "cy"])
def test_an_edition_has_every_prescribed_heading_in_order(project: Project, edition: str) -> None:
    document = assemble(project, edition)
    positions = []
    for place in prescribed_form.places():
        if place.kind not in ("chapter", "part"):
            continue
        heading = place.heading(edition)
        where = document.markdown.find(heading.replace("'", "&#39;"))
        if where < 0:
            where = document.markdown.find(heading)
        assert where >= 0, heading
        positions.append(where)
    assert positions == sorted(positions)


def test_figures_are_numbered_in_reading_order(project: Project) -> None:
    document = assemble(project, "en")
    numbers = [int(n) for n in re.findall(r"Figure (\d+):", document.markdown)]
    first_mentions = list(dict.fromkeys(numbers))
    assert first_mentions == list(range(1, len(document.figures) + 1))


def test_the_bilingual_edition_tags_both_languages(project: Project) -> None:
    document = assemble(project, "bilingual")
    assert '{lang="cy-GB"}' in document.markdown and '{lang="en-GB"}' in document.markdown
    assert "Pennod 1" in document.markdown and "Chapter 1" in document.markdown


def test_assembly_reads_no_file_outside_the_project(project: Project, tmp_path: Path) -> None:
    document = assemble(project, "en")
    for name, source in document.resources.items():
        path = Path(source).resolve()
        assert path.is_relative_to(REPO.resolve()), (name, source)
