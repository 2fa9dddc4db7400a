"""Sentences that contradict the figures beside them, in English and Welsh, found at their line.

The sample's figures, worked out from data/metrics.csv: WF-SICKNESS rose (lower is better, so worse,
by more than its threshold); AD-DP-RATE fell and is below Wales; CH-LAC-VISITS-TIMELY rose, a tested
improvement; AD-DP-REVIEWS-TIMELY rose too little to tell from chance; CH-SCHOOL-MOVES is above Wales;
AD-WAIT-RESIDENTIAL fell (shorter waits, better) and is below Wales (better); SV03 (adults) is below Wales.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from conftest import REPO, copy_project, dirreport_here
from dirreport.checks.claims import Claim
from dirreport.checks.contradictions import contradictions, narrative_contradictions
from dirreport.content.narrative import parse
from dirreport.pipeline.project import Project, load_project


@cache
def sample() -> Project:
    return load_project(REPO)


def found(body: str, lang: str = "en") -> list[Claim]:
    narrative, problems = parse(f"narratives/{lang}/3d-i.md", "---\nstatus: final\n---\n\n" + body + "\n")
    assert not problems
    return narrative_contradictions(narrative, lang, sample().results)


def test_the_sample_figures_are_as_these_tests_assume() -> None:
    r = sample().results.indicators
    assert (r["WF-SICKNESS"].trend.movement, r["WF-SICKNESS"].trend.judgement) == ("up", "worse")
    assert (r["AD-DP-RATE"].trend.movement, r["AD-DP-RATE"].versus_wales) == ("down", "below")
    assert r["CH-LAC-VISITS-TIMELY"].trend.judgement == "better"
    assert (r["AD-DP-REVIEWS-TIMELY"].trend.movement, r["AD-DP-REVIEWS-TIMELY"].trend.judgement) == ("up", "little")
    assert r["CH-SCHOOL-MOVES"].versus_wales == "above"
    assert (r["AD-WAIT-RESIDENTIAL"].versus_wales, r["AD-WAIT-RESIDENTIAL"].indicator.polarity) == ("below", "lower")


def test_the_samples_own_sentences_contradict_nothing() -> None:
    assert [c.problem.located() for c in contradictions(sample())] == []


CONTRADICTIONS = [
    # (language, text, line of the claim, what the message must say)
    ("en", "Sickness absence fell to {{< indicator WF-SICKNESS >}} ({{< change WF-SICKNESS >}}).", 5, "up"),
    ("cy", "Gostyngodd absenoldeb salwch i {{< indicator WF-SICKNESS >}}.", 5, "up"),
    ("en", "Absence decreased.\nIt was {{< indicator WF-SICKNESS >}} per post.", 5, "up"),
    ("cy", "Lleihaodd absenoldeb salwch, i {{< indicator WF-SICKNESS >}}.", 5, "up"),
    ("en", "But use is low and rising. At 31 March, {{< indicator AD-DP-RATE >}} adults received them.", 5, "down"),
    ("cy", "Ond mae’r defnydd yn isel ac yn codi. Ar 31 Mawrth, roedd {{< indicator AD-DP-RATE >}}.", 5, "down"),
    ("en", "Sickness absence improved, to {{< indicator WF-SICKNESS >}}.", 5, "deterioration"),
    ("cy", "Gwellodd absenoldeb salwch, i {{< indicator WF-SICKNESS >}}.", 5, "deterioration"),
    ("en", "Statutory visits worsened, to {{< indicator CH-LAC-VISITS-TIMELY >}}.", 5, "improvement"),
    ("cy", "Gwaethygodd ymweliadau statudol, i {{< indicator CH-LAC-VISITS-TIMELY >}}.", 5, "improvement"),
    ("en", "At 31 March, {{< indicator AD-DP-RATE >}} adults had them. This is well above Wales.", 5, "below Wales"),
    ("cy", "Roedd {{< indicator AD-DP-RATE >}} o oedolion. Mae hyn ymhell uwchlaw ffigur Cymru.", 5, "below Wales"),
    ("en", "School moves were {{< indicator CH-SCHOOL-MOVES >}},\nlower than across Wales.", 6, "above Wales"),
    ("cy", "Roedd {{< indicator CH-SCHOOL-MOVES >}}, sy’n is nag ar draws Cymru.", 5, "above Wales"),
    ("en", "Waits were {{< indicator AD-WAIT-RESIDENTIAL >}}, worse than the figure for Wales.", 5, "below Wales"),
    ("cy", "Roedd yr aros yn {{< indicator AD-WAIT-RESIDENTIAL >}}, yn waeth na ffigur Cymru.", 5, "below Wales"),
    (
        "en",
        "Only {{< survey SV03 adults >}} of adults feel safe. This is above the figure for Wales.",
        5,
        "below Wales",
    ),
    ("cy", "Dim ond {{< survey SV03 adults >}} sy’n teimlo’n ddiogel. Mae hyn yn uwch na ffigur Cymru.", 5, "below"),
    ("en", "- Sickness absence went down, at {{< indicator WF-SICKNESS >}}.", 5, "up"),
    ("en", "Absence, at {{< indicator WF-SICKNESS >}}, was lower than last year.", 5, "up"),
    ("cy", "Roedd absenoldeb, sef {{< indicator WF-SICKNESS >}}, yn is na’r llynedd.", 5, "up"),
    ("en", "Use was {{< indicator AD-DP-RATE >}} adults.\nIt is higher than across Wales.", 6, "below Wales"),
    ("cy", "Roedd {{< indicator AD-DP-RATE >}} o oedolion. Mae hyn yn uwch na ffigur Cymru.", 5, "below Wales"),
]


@pytest.mark.parametrize(("lang", "text", "line", "actual"), [c for c in CONTRADICTIONS if c[3]])
def test_a_contradiction_is_an_error_at_its_line_with_the_figures_verdict(
    lang: str, text: str, line: int, actual: str
) -> None:
    claims = found(text, lang)
    assert [c.severity for c in claims] == ["error"], [c.problem.located() for c in claims]
    problem = claims[0].problem
    assert problem.line == line and actual in problem.message, problem.located()


def test_the_issues_own_example_is_caught_twice() -> None:
    text = (
        "Direct payments give people control. But use is low and rising. At 31 March, "
        "{{< indicator AD-DP-RATE >}} adults received direct payments ({{< change AD-DP-RATE >}}). "
        "This is well above Wales."
    )
    messages = [c.problem.message for c in found(text)]
    assert len(messages) == 2 and "'rising'" in messages[0] and "'above Wales'" in messages[1], messages


AGREEMENTS = [
    ("en", "Sickness absence rose to {{< indicator WF-SICKNESS >}} ({{< change WF-SICKNESS >}})."),
    ("cy", "Cododd absenoldeb salwch i {{< indicator WF-SICKNESS >}}."),
    ("en", "Sickness absence did not fall: it was {{< indicator WF-SICKNESS >}}."),
    ("en", "Sickness absence has not improved, at {{< indicator WF-SICKNESS >}}."),
    ("cy", "Nid yw absenoldeb salwch wedi gostwng: {{< indicator WF-SICKNESS >}}."),
    ("cy", "Nid yw absenoldeb salwch wedi gwella: {{< indicator WF-SICKNESS >}}."),
    ("en", "Sickness absence worsened, to {{< indicator WF-SICKNESS >}}."),
    ("en", "But use is low and falling. At 31 March, {{< indicator AD-DP-RATE >}} adults. This is well below Wales."),
    ("cy", "Ond mae’r defnydd yn isel ac yn gostwng. Roedd {{< indicator AD-DP-RATE >}}. Mae hyn islaw ffigur Cymru."),
    ("en", "Visits improved, to {{< indicator CH-LAC-VISITS-TIMELY >}}."),
    ("cy", "Gwellodd ymweliadau, i {{< indicator CH-LAC-VISITS-TIMELY >}}."),
    ("en", "Waits are {{< indicator AD-WAIT-RESIDENTIAL >}}, shorter and better than across Wales."),
    ("en", "School moves are not lower than Wales: {{< indicator CH-SCHOOL-MOVES >}}."),
    ("en", "Use fell in Wales. Nothing here places a figure."),
    ("en", "{{< metric WF/001 >}} staff: the number rose."),
    # a participle before its noun describes the noun, not the figure
    ("en", "Increased demand meant only {{< indicator AD-DP-RATE >}} adults received direct payments."),
    ("en", "With improved rotas, absence was {{< indicator WF-SICKNESS >}}."),
    # a sentence that does not point back to the figure before is about something else
    ("en", "Absence was {{< indicator WF-SICKNESS >}}. We completed fewer reviews than last year, as planned."),
    ("cy", "Roedd absenoldeb yn {{< indicator WF-SICKNESS >}}. Gwnaethom lai o adolygiadau na’r llynedd."),
    # a long sentence before a figure is not a lead-in to it
    (
        "en",
        "We completed many more reablement packages than last year across the whole county. "
        "{{< indicator WF-SICKNESS >}}.",
    ),
]


@pytest.mark.parametrize(("lang", "text"), AGREEMENTS)
def test_a_claim_the_data_bear_out_passes(lang: str, text: str) -> None:
    assert [c.problem.located() for c in found(text, lang)] == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Direct payment reviews improved, to {{< indicator AD-DP-REVIEWS-TIMELY >}}."),
        ("cy", "Gwellodd adolygiadau taliadau uniongyrchol, i {{< indicator AD-DP-REVIEWS-TIMELY >}}."),
    ],
)
def test_an_improvement_too_small_to_tell_from_chance_is_a_warning(lang: str, text: str) -> None:
    claims = found(text, lang)
    assert [c.severity for c in claims] == ["warning"] and "chance" in claims[0].problem.message


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # 75.2% against Wales 75.9%: below, but the z-test cannot tell the two apart (the report card's test too)
        ("en", "Enquiries in seven days, {{< indicator AD-ENQUIRIES-7-DAYS >}}, were worse than Wales."),
        ("cy", "Roedd ymholiadau mewn saith diwrnod, {{< indicator AD-ENQUIRIES-7-DAYS >}}, yn waeth na Chymru."),
    ],
)
def test_worse_than_wales_by_a_difference_too_small_to_tell_is_a_warning(lang: str, text: str) -> None:
    assert sample().results.indicators["AD-ENQUIRIES-7-DAYS"].wales_judgement == "little"
    claims = found(text, lang)
    assert [c.severity for c in claims] == ["warning"] and "chance" in claims[0].problem.message


def test_check_blocks_a_contradiction_at_its_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(REPO, tmp_path / "p")
    path = project / "narratives" / "cy" / "3d-i.md"
    text = path.read_text(encoding="utf-8")
    assert "Gwellodd ymweliadau statudol" in text
    path.write_text(text.replace("Gwellodd ymweliadau statudol", "Gwaethygodd ymweliadau statudol"), encoding="utf-8")
    line = 1 + text[: text.index("Gwellodd ymweliadau statudol")].count("\n")
    run = dirreport_here(capsys, "check", str(project))
    assert run.returncode == 1 and "publication is blocked" in run.output, run.output
    assert f"narratives/cy/3d-i.md:line {line}: says 'Gwaethygodd' of indicator CH-LAC-VISITS-TIMELY" in run.output
    assert "an improvement" in run.output
