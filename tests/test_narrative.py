"""Narrative Markdown: shortcodes found by parsing, expanded in place, errors located by line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, assert_user_error, copy_project, dirreport_here
from dirreport.content.expansion import expand
from dirreport.content.narrative import parse

TEXT = """---
title: Test
heading: 3a-i
status: final
---

# Our work

Reviews on time: {{< indicator AD-REVIEWS-TIMELY >}}, but `{{< metric AD/001 >}}` in code is text.

> A quote with {{< change AD-REVIEWS-TIMELY >}}
> on two lines {{< metric AD/001 2022-23 >}}

{{< chart AD-REVIEWS-TIMELY >}}

```
{{< chart NOT-A-SHORTCODE >}}
```
"""


def test_shortcodes_are_found_by_parsing_not_by_pattern() -> None:
    narrative, problems = parse("narratives/en/3a-i.md", TEXT)
    assert problems == []
    found = [(c.name, c.args, c.span.line, c.alone) for c in narrative.shortcodes]
    assert found == [
        ("indicator", ("AD-REVIEWS-TIMELY",), 9, False),
        ("change", ("AD-REVIEWS-TIMELY",), 11, False),
        ("metric", ("AD/001", "2022-23"), 12, False),
        ("chart", ("AD-REVIEWS-TIMELY",), 14, True),
    ]


def test_expansion_rewrites_exactly_the_shortcodes_and_shifts_headings() -> None:
    narrative, _ = parse("narratives/en/3a-i.md", TEXT)
    out = expand(narrative, lambda code: f"<{code.name}>", heading_base=3)
    assert "#### Our work" in out
    assert "Reviews on time: <indicator>, but `{{< metric AD/001 >}}` in code is text." in out
    assert "> A quote with <change>\n> on two lines <metric>" in out
    assert "{{< chart NOT-A-SHORTCODE >}}" in out  # inside a code block it is left alone


def write(project: Path, lang: str, place: str, body: str) -> int:
    """Replace a section's body; returns the file line of the body's last line."""
    path = project / "narratives" / lang / f"{place}.md"
    text = path.read_text(encoding="utf-8")
    front, _, _ = text.partition("\n---\n")
    content = front + "\n---\n\n" + body + "\n"
    path.write_text(content, encoding="utf-8")
    return content.count("\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(REPO, tmp_path / "p")


CASES = {
    "unknown shortcode": ("{{< indicatr AD-REVIEWS-TIMELY >}}", ["unknown shortcode 'indicatr'"]),
    "unknown indicator": (
        "{{< indicator AD-REVIEW-TIMELY >}}",
        ["'AD-REVIEW-TIMELY' is not in the catalogue", "did you mean AD-REVIEWS-TIMELY"],
    ),
    "too many arguments": ("{{< change AD-REVIEWS-TIMELY 2022-23 >}}", ["takes 1 argument(s) but was given 2"]),
    "no arguments": ("{{< metric >}}", ["takes 1 or 2 argument(s) but was given 0"]),
    "chart inside a sentence": ("See {{< chart AD-REVIEWS-TIMELY >}} here.", ["must be on a line of its own"]),
    "suppressed figure in a sentence": (
        "Only {{< metric CA/044 >}} young carers.",
        ["CA/044 for 2023-24 is not shown ([c])", "count of 1 to 4"],
    ),
    "story without consent": ("{{< quote STORY-05 >}}", ["no consent to publish"]),
}


@pytest.mark.parametrize("case", CASES)
def test_shortcode_mistakes_are_named_with_file_and_line(
    project: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    body, fragments = CASES[case]
    line = write(project, "en", "2-context", "Text.\n\n" + body)
    run = dirreport_here(capsys, "build", str(project), "--lang", "en", "--format", "html")
    assert_user_error(run, f"narratives/en/2-context.md:line {line}", *fragments)
    # a hidden figure quoted is a check that blocks publication (1); a shortcode that cannot be read, a file to fix (2)
    assert run.returncode == (1 if case == "suppressed figure in a sentence" else 2)


def test_evidence_is_filled_in_even_where_the_narrative_is_silent(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    for path in (project / "narratives").rglob("3a-ii.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.split("\n---\n")[0] + "\n---\n\nSee below.\n", encoding="utf-8")
    shutil.rmtree(project / "narratives" / "cy")
    (project / "_quarto.yml").write_text(
        (project / "_quarto.yml").read_text(encoding="utf-8").replace("languages: [en, cy]", "languages: [en]"),
        encoding="utf-8",
    )
    from dirreport.assemble.editions import assemble
    from dirreport.pipeline.project import load_project

    document = assemble(load_project(project), "en")
    section = document.markdown.split("Section (ii): How do we know?")[1].split("Section (iii)")[0]
    assert "See below." in section
    assert "Evidence for quality standard 1" in section and "Evidence for quality standard 2" in section
    assert "Indicators for quality standard 1" in section
    assert "Figure " in section and "What people told us: survey results for quality standard 1" in section


def test_last_years_improvements_sit_beside_this_years_account(built_sample: Path) -> None:
    from conftest import html_text, output_file

    text = html_text(output_file(built_sample, "en", "html"))
    assert text.count("What we said last year:") >= 8
    assert "IMP-0" not in text  # the data's own ids stay in the data: "(IMP-01)" means nothing to a reader
    assert "Ein blaenoriaethau" in html_text(output_file(built_sample, "cy", "html"))


def test_local_measures_appear_and_the_sufficiency_duty_waits_for_2026_27(built_sample: Path) -> None:
    from conftest import html_text, output_file, pdf_text

    text = html_text(output_file(built_sample, "en", "html"))
    # the 2023-24 sample holds sufficiency data, but section 75D is in force only from 1 April 2026
    assert "Sufficiency of accommodation for looked after children" not in text
    assert "Applications made to place children in a supplementary placement under section 81B" not in text
    assert "Staff reporting that they feel supported by their manager" in text
    welsh = " ".join(pdf_text(output_file(built_sample, "cy", "pdf")).split())
    assert "Digonolrwydd llety" not in welsh and "adran 81B" not in welsh


def test_last_years_points_can_come_from_last_years_project(tmp_path: Path) -> None:
    """Name last year's project in _quarto.yml and its 'What we need to improve' lists become this year's points."""
    last = copy_project(REPO, tmp_path / "2022-23")
    this = copy_project(REPO, tmp_path / "2023-24")
    (this / "data" / "last-year-improvements.csv").unlink()
    config = this / "_quarto.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  last-year: ../2022-23\n", encoding="utf-8")
    from dirreport.pipeline.project import load_project

    points = load_project(this).dataset.improvements
    first = next(p for p in points if p.part == "3a")
    assert first.id == "IMP-01"
    assert first.text["en"] == "The active offer of Welsh in children's services."
    assert first.text["cy"] == "Y cynnig rhagweithiol o’r Gymraeg yn y gwasanaethau plant."
    assert all("{{<" not in p.text["en"] for p in points)
    assert {p.part for p in points} == {"3a", "3b", "3c", "3d"}
    assert (last / "narratives").is_dir()
