"""Units printed once: the number alone with 'value', and a unit written again after a figure warned at its line."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from conftest import REPO
from dirreport.assemble.edition import Assembler
from dirreport.checks.units import doubled_units
from dirreport.content.expansion import expand
from dirreport.content.narrative import parse
from dirreport.pipeline.project import Project, load_project


@cache
def sample() -> Project:
    return load_project(REPO)


def with_text(body: str, lang: str) -> Project:
    project = sample()
    narrative, problems = parse(f"narratives/{lang}/3a-i.md", f"---\ntitle: x\nstatus: final\n---\n\n{body}\n")
    assert not problems
    narratives = {k: dict(v) for k, v in project.narratives.items()}
    narratives[lang]["3a-i"] = narrative
    return replace(project, narratives=narratives)


def test_the_sample_indicators_have_the_units_these_tests_assume() -> None:
    units = {i: sample().results.indicators[i].indicator.unit for i in ("WF-SICKNESS", "AD-DP-RATE", "AD-IAA-TIMELY")}
    assert units == {"WF-SICKNESS": "days", "AD-DP-RATE": "per-10000", "AD-IAA-TIMELY": "percent"}


@pytest.mark.parametrize(
    ("lang", "body", "line", "unit"),
    [
        ("en", "Absence was {{< indicator WF-SICKNESS >}} days per post.", 6, "days"),
        ("cy", "Roedd absenoldeb yn {{< indicator WF-SICKNESS >}} diwrnod fesul swydd.", 6, "diwrnod"),
        ("en", "Use was\n{{< indicator AD-DP-RATE >}} per 10,000 adults.", 7, "per 10,000"),
        ("en", "Use was {{< indicator AD-DP-RATE >}}\nper 10,000 adults.", 6, "per 10,000"),
        ("cy", "Roedd y defnydd yn {{< indicator AD-DP-RATE >}} fesul 10,000 o oedolion.", 6, "fesul 10,000"),
        ("en", "Only {{< indicator AD-IAA-TIMELY >}} per cent had a decision.", 6, "per cent"),
        ("cy", "Dim ond {{< indicator AD-IAA-TIMELY >}} y cant a gafodd benderfyniad.", 6, "y cant"),
        ("en", "Only {{< survey SV03 adults >}}% of adults feel safe.", 6, "%"),
    ],
)
def test_a_unit_written_again_is_a_warning_at_its_line(lang: str, body: str, line: int, unit: str) -> None:
    found = doubled_units(with_text(body, lang))
    assert [(c.severity, c.problem.line) for c in found] == [("warning", line)], found
    assert f"'{unit}'" in found[0].problem.message


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("en", "Absence was {{< indicator WF-SICKNESS value >}} days per post."),
        ("cy", "Roedd absenoldeb yn {{< indicator WF-SICKNESS value >}} diwrnod fesul swydd."),
        ("en", "Absence was {{< indicator WF-SICKNESS >}} per whole-time equivalent post."),
        ("en", "Use was {{< indicator AD-DP-RATE >}} adults, a daily figure."),
        ("en", "Staff had {{< metric WF/001 >}} days of training."),
    ],
)
def test_a_unit_written_once_passes(lang: str, body: str) -> None:
    assert doubled_units(with_text(body, lang)) == []


def test_the_sample_writes_every_unit_once() -> None:
    assert doubled_units(sample()) == []


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_value_prints_the_number_without_its_unit(lang: str) -> None:
    project = sample()
    result = project.results.indicators["WF-SICKNESS"]
    assembler = Assembler(project, lang)
    doc, _ = parse(
        f"narratives/{lang}/2-context.md",
        "---\nstatus: final\n---\n\nA {{< indicator WF-SICKNESS value >}} B {{< indicator WF-SICKNESS >}} C\n",
    )
    text = expand(doc, assembler.expander(doc), heading_base=2).replace("\\", "")
    number = f"{result.latest.value:.1f}"  # Welsh and English both write a decimal point
    unit = "days" if lang == "en" else "diwrnod"
    assert f"A {number} B {number} {unit} C" in text, text
    assert not assembler.errors


def test_value_and_n_together_are_refused() -> None:
    assembler = Assembler(sample(), "en")
    doc, _ = parse(
        "narratives/en/2-context.md", "---\nstatus: final\n---\n\n{{< indicator AD-IAA-TIMELY n value >}} x\n"
    )
    expand(doc, assembler.expander(doc), heading_base=2)
    assert [p.line for p in assembler.errors] == [5] and "'n' or 'value'" in assembler.errors[0].message
