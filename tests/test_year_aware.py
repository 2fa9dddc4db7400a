"""Statutory content follows the report year; the card finds evidence only in what the author wrote."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import dirreport
from dirreport.checks.card import run_checks
from dirreport.checks.claims import SMALL_BASE, narrative_claims
from dirreport.cli.scaffold import scaffold
from dirreport.content import prescribed_form
from dirreport.content.narrative import parse
from dirreport.pipeline.project import load_project

SMALL = Path(__file__).parent / "fixtures" / "small"
SUFFICIENCY = prescribed_form.place("4d-sufficiency")


def test_the_sufficiency_section_is_in_force_from_2026_27() -> None:
    assert not prescribed_form.in_force(SUFFICIENCY, "2023-24")
    assert not prescribed_form.in_force(SUFFICIENCY, "2025-26")
    assert prescribed_form.in_force(SUFFICIENCY, "2026-27")
    assert prescribed_form.in_force(SUFFICIENCY, "2030-31")


@pytest.fixture(scope="module")
def project_2026(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("new") / "cardiff-2026-27"
    scaffold(target, "W06000015", "2026-27", None, None)
    return target


def test_new_makes_the_sufficiency_section_for_2026_27_only(project_2026: Path, tmp_path: Path) -> None:
    for lang in ("en", "cy"):
        assert (project_2026 / "narratives" / lang / "4d-sufficiency.md").is_file()
    earlier = tmp_path / "cardiff-2025-26"
    scaffold(earlier, "W06000015", "2025-26", None, None)
    assert not (earlier / "narratives" / "en" / "4d-sufficiency.md").exists()


def test_a_new_project_has_no_evidence_and_its_placeholders_block(project_2026: Path) -> None:
    card = run_checks(load_project(project_2026))
    assert all(not row.evidence_cited for row in card.coverage)
    placeholders = [f.problem for f in card.errors if "still holds the placeholder" in f.problem.message]
    places = {p.file for p in placeholders}
    assert "narratives/en/4d-sufficiency.md" in places and "narratives/cy/3a-ii.md" in places
    first = next(p for p in placeholders if p.file == "narratives/en/3a-ii.md")
    lines = (project_2026 / "narratives" / "en" / "3a-ii.md").read_text(encoding="utf-8").splitlines()
    assert first.line is not None and lines[first.line - 1].startswith("[Placeholder:")


def test_new_then_check_says_evidence_cited_no_and_names_the_placeholders(project_2026: Path) -> None:
    run = dirreport("check", str(project_2026))
    assert run.returncode == 1
    assert "Evidence cited" in run.output and "│ yes            │" not in run.output
    assert "narratives/en/4d-sufficiency.md:line" in run.output


def test_an_empty_sufficiency_section_is_an_error(project_2026: Path, tmp_path: Path) -> None:
    target = tmp_path / "p"
    shutil.copytree(project_2026, target)
    path = target / "narratives" / "en" / "4d-sufficiency.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("---", 4) + 4] + "\n<!-- to do -->\n", encoding="utf-8")
    claims = narrative_claims(load_project(target))
    assert any(
        c.severity == "error"
        and c.problem.file == "narratives/en/4d-sufficiency.md"
        and "is empty" in c.problem.message
        and "75D" in c.problem.message
        for c in claims
    )
    path.unlink()
    project = load_project(target)
    assert any(p.file == "narratives/en/4d-sufficiency.md" and "is missing" in p.message for p in project.missing)


def test_before_2026_27_a_sufficiency_file_is_not_read(tmp_path: Path) -> None:
    target = tmp_path / "p"
    scaffold(target, "W06000015", "2024-25", None, None)
    (target / "narratives" / "en" / "4d-sufficiency.md").write_text(
        "---\ntitle: x\nheading: 4d-sufficiency\nstatus: final\n---\n\nWe opened a home.\n", encoding="utf-8"
    )
    project = load_project(target)
    assert "4d-sufficiency" not in project.narratives["en"]
    assert not any("4d-sufficiency" in (p.file or "") for p in project.missing)


@pytest.mark.parametrize("year, warned", [("2023-24", 2), ("2024-25", 1), ("2026-27", 0)])
def test_citing_law_not_yet_in_force_is_warned(year: str, warned: int) -> None:
    from dirreport.checks.claims import _laws

    text = (
        "---\ntitle: x\n---\n\nThe Health and Social Care (Wales) Act 2025 brings changes.\n\n"
        "We report under section 75D.\n\n<!-- section 75D in a comment is not cited -->\n"
    )
    narrative, _problems = parse("narratives/en/4d.md", text)
    found = _laws(narrative, year)
    assert len(found) == warned
    assert all(c.severity == "warning" and c.problem.line in (5, 7) for c in found)


def test_evidence_is_not_found_in_a_comment_or_the_placeholder() -> None:
    from dirreport.checks.claims import cites_evidence
    from dirreport.checks.findings import EVIDENCE_WORDS

    stub = (
        "---\ntitle: x\n---\n\n<!-- How do we know? Name the evidence: audits, research. -->\n\n"
        "[Placeholder: this section has not been written yet.]\n"
    )
    assert not cites_evidence(parse("a.md", stub)[0], EVIDENCE_WORDS)
    written = stub + "\nA case file audit in May found most plans up to date.\n"
    assert cites_evidence(parse("a.md", written)[0], EVIDENCE_WORDS)


def test_a_count_of_places_is_not_suppressed_but_a_count_of_people_is() -> None:
    from dirreport.catalogue import load_catalogue
    from dirreport.compute.indicators import OK, SUPPRESSED, _published_metrics
    from dirreport.data.model import Dataset

    repo = Path(__file__).resolve().parents[1]
    catalogue = load_catalogue(repo / "data" / "local-catalogue.yml")
    assert not catalogue.metrics["SU/001"].people and catalogue.metrics["SU/002"].people
    dataset = Dataset({("X", "2026-27", "SU/001"): 3.0, ("X", "2026-27", "SU/002"): 3.0}, {}, {})
    published = _published_metrics(catalogue, dataset, "X", ("2026-27",))
    assert published[("SU/001", "2026-27")].status == OK  # three places identify nobody
    assert published[("SU/002", "2026-27")].status == SUPPRESSED  # three applications for children may


def test_a_percentage_on_a_small_base_is_warned(tmp_path: Path) -> None:
    target = tmp_path / "small"
    shutil.copytree(SMALL, target)
    metrics = target / "data" / "metrics.csv"
    text = metrics.read_text(encoding="utf-8")
    metrics.write_text(
        text.replace("W06000015,2023-24,AD/026,40", "W06000015,2023-24,AD/026,20").replace(
            "W06000015,2023-24,AD/027,30", "W06000015,2023-24,AD/027,15"
        ),
        encoding="utf-8",
    )
    folder = target / "narratives" / "en"
    folder.mkdir(parents=True)
    (folder / "3c-i.md").write_text(
        "---\ntitle: x\nheading: 3c-i\n---\n\nReviews on time: {{< indicator AD-DP-REVIEWS-TIMELY >}}.\n",
        encoding="utf-8",
    )
    claims = [c for c in narrative_claims(load_project(target)) if "cases" in c.problem.message]
    assert len(claims) == 1 and claims[0].severity == "warning"
    assert claims[0].problem.file == "narratives/en/3c-i.md" and claims[0].problem.line == 6
    assert f"only 20 cases (fewer than {SMALL_BASE})" in claims[0].problem.message


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("We reported that reviews of plans were late.", False),
        ("Dywedom fod adolygiadau o gynlluniau yn hwyr.", False),
        ("We will review our evidence next year and report on it.", False),
        ("Byddwn yn adolygu ein gwaith ac yn adrodd arno.", False),
        ("Our audit of 40 case files found that most plans were late.", True),
        ("Dangosodd ein harolwg o ofalwyr fod y rhan fwyaf yn fodlon.", True),
        ("Canfu’r archwiliad fod y rhan fwyaf o gynlluniau yn hwyr.", True),
        ("The independent review in May showed that plans were late.", True),
        ("Care Inspectorate Wales inspected our children's services in March.", True),
        ("Arolygodd Arolygiaeth Gofal Cymru ein gwasanaethau plant ym mis Mawrth.", True),
        ("Reviews on time: {{< indicator AD-REVIEWS-TIMELY >}}.", True),
        ("Rhieni: {{< survey SV14 parents >}}.", True),
        ("{{< quote STORY-01 >}}", True),
        ("{{< case-study CS-01 >}}", True),
        ("Read [the inspection report](https://www.careinspectorate.wales).", True),
    ],
)
def test_evidence_needs_a_figure_a_survey_a_story_a_case_study_or_a_named_source(text: str, cited: bool) -> None:
    from dirreport.checks.claims import cites_evidence
    from dirreport.checks.findings import EVIDENCE_WORDS

    assert cites_evidence(parse("a.md", f"---\ntitle: x\n---\n\n{text}\n")[0], EVIDENCE_WORDS) is cited


@pytest.mark.parametrize(
    "text",
    [
        "We report under s 75D.",
        "We report under s.75D of the 2014 Act.",
        "Under sections 75A to 75D we must report.",
        "Under ss 75A–75E we must report.",
        "Sections 75B, 75C and 75D apply.",
        "Rydym yn adrodd o dan adrannau 75A i 75D.",
        "The Health and Social Care (Wales)\nAct 2025 brings changes.",
        "Mae Deddf Iechyd a Gofal\nCymdeithasol (Cymru) 2025 yn dod â newidiadau.",
    ],
)
def test_law_is_found_across_lines_and_in_its_variants(text: str) -> None:
    from dirreport.checks.claims import _laws

    narrative, _problems = parse("narratives/en/4d.md", f"---\ntitle: x\n---\n\nIntro.\n{text}\n")
    found = _laws(narrative, "2023-24")
    assert [c.problem.line for c in found] == [6], [c.problem.located() for c in found]


@pytest.mark.parametrize("text", ["Section 75A applies.", "Sections 75E to 75F apply.", "This was 75D in a list."])
def test_other_sections_are_not_the_sufficiency_duty(text: str) -> None:
    from dirreport.checks.claims import _laws

    narrative, _problems = parse("narratives/en/4d.md", f"---\ntitle: x\n---\n\n{text}\n")
    assert _laws(narrative, "2023-24") == []
