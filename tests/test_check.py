"""`dirreport check`: the report card a Director reads before publishing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import REPO, copy_project, dirreport, dirreport_here
from dirreport.checks.personal_data import nhs_number_valid, personal_data_in


def test_the_sample_passes(tmp_path: Path) -> None:
    run = dirreport("check", str(copy_project(REPO, tmp_path / "p")))
    assert run.returncode == 0, run.output
    assert "0 errors" in run.stdout and "ready to publish" in run.stdout


def body_line(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_a_flawed_copy_is_named_finding_by_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(REPO, tmp_path / "p")
    # 1. a Welsh section removed
    (project / "narratives" / "cy" / "4b.md").unlink()
    # 2. an NHS number (943 476 5919 has a valid check digit) planted in a narrative
    context = project / "narratives" / "en" / "2-context.md"
    context.write_text(
        context.read_text(encoding="utf-8") + "\nOne resident, NHS number 943 476 5919, told us.\n", encoding="utf-8"
    )
    nhs_line = body_line(context, "943 476 5919")
    # 3. an unsuppressed count of 3 in the text
    summary = project / "narratives" / "en" / "1-summary.md"
    summary.write_text(
        summary.read_text(encoding="utf-8") + "\nThis year 3 children waited too long.\n", encoding="utf-8"
    )
    count_line = body_line(summary, "3 children waited")
    # 4. an image with no alternative text
    (project / "images").mkdir(exist_ok=True)
    (project / "images" / "team.png").write_bytes((REPO / "tests" / "fixtures" / "small.png").read_bytes())
    finance = project / "narratives" / "en" / "4d-finance.md"
    finance.write_text(finance.read_text(encoding="utf-8") + "\n![](images/team.png)\n", encoding="utf-8")
    image_line = body_line(finance, "images/team.png")
    # 5. a standard with no evidence: every workforce metric and the staff survey removed
    for name, column, prefix in (("metrics.csv", "metric", "WF/"), ("survey.csv", "measure", "SV-STAFF")):
        path = project / "data" / name
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        kept = [r for r in rows if not (r["authority"] == "X99999999" and r[column].startswith(prefix))]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(kept)

    # the narrative quotes workforce figures no longer in the data: the files cannot be used as given, so
    # check exits 2, as build does for the same problem
    run = dirreport_here(capsys, "check", str(project), "--format", "json")
    assert run.returncode == 2, run.output
    card = json.loads(run.stdout)
    errors = [f for f in card["findings"] if f["severity"] == "error"]

    def found(section: str, file: str, text: str, line: int | None = None) -> bool:
        return any(
            f["section"] == section
            and f["file"] == file
            and text in f["message"]
            and (line is None or f["line"] == line)
            for f in errors
        )

    assert found("translation", "narratives/cy/4b.md", "is missing")
    assert found("personal-data", "narratives/en/2-context.md", "NHS number", nhs_line)
    assert found("disclosure", "narratives/en/1-summary.md", "3 children", count_line)
    assert found("accessibility", "narratives/en/4d-finance.md", "no alternative text", image_line)
    assert found("coverage", "narratives/en/3a-ii.md", "quality standard 2 (QS2) has no evidence")
    text = dirreport_here(capsys, "check", str(project))
    assert text.returncode == 2 and "publication is blocked" in text.stdout
    build = dirreport_here(
        capsys, "build", str(project)
    )  # refuses to publish: the text quotes figures no longer in the data
    assert build.returncode == 2 and "WF-WELSH-FLUENT has no value for 2023-24" in build.output


def test_build_with_draft_marks_every_page(built_sample: Path, tmp_path: Path) -> None:
    from conftest import copy_with_cache

    project = copy_with_cache(built_sample, tmp_path / "p")  # the charts from the cache: the pages are the point
    (project / "narratives" / "cy" / "4b.md").unlink()
    run = dirreport("build", str(project), "--draft", "--format", "pdf", "--lang", "en", "--lang", "cy")
    assert run.returncode == 0, run.output
    from conftest import output_file, pdf_text

    for edition, mark in (("en", "DRAFT"), ("cy", "DRAFFT")):
        pages = pdf_text(output_file(project, edition, "pdf")).split("\f")
        marked = [page for page in pages if page.strip() and all(letter in page for letter in mark)]
        assert len(marked) == len([p for p in pages if p.strip()])


@pytest.mark.parametrize(
    ("number", "valid"), [("9434765919", True), ("9434765918", False), ("4010232137", True), ("1234567890", False)]
)
def test_nhs_number_check_digit(number: str, valid: bool) -> None:
    assert nhs_number_valid(number) is valid


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("write to jane.jones@example.org", "an email address"),
        ("call 029 2087 1234 today", "a phone number"),
        ("ring +44 7700 900123", "a phone number"),
        ("NI number AB 12 34 56 C", "a National Insurance number"),
        ("lives at CF10 1AA", "a postcode"),
        ("born on 12/03/1950", "a date of birth"),
        ("ganwyd 3 Mawrth 1950", "a date of birth"),
        ("Mrs Gwyneth Pryce, 82, of 4 Heol y Dderwen, Newtown, told us", "a person's name"),
        ("Mrs Gwyneth Pryce, 82, of 4 Heol y Dderwen, Newtown, told us", "a street address"),
        ("Dywedodd Mrs Gwyneth Pryce o 4 Heol y Dderwen, Y Drenewydd", "a person's name"),
        ("Dywedodd Mrs Gwyneth Pryce o 4 Heol y Dderwen, Y Drenewydd", "a street address"),
        ("Mr Jones said", "a person's name"),
        ("Ms Ahmed said", "a person's name"),
        ("Miss Rees said", "a person's name"),
        ("Dr. Evans visited", "a person's name"),
        ("Mx Taylor told us", "a person's name"),
        ("Meistr Dafydd Huws", "a person's name"),
        ("Y Parch. Huw Jones", "a person's name"),
        ("Mr A. B. Smith", "a person's name"),
        ("lives at 12 Station Road", "a street address"),
        ("at 3a Church Lane", "a street address"),
        ("yn 7 Ffordd y Bryn", "a street address"),
        ("yn 22 Stryd Fawr", "a street address"),
        ("yn 5 Lôn Las", "a street address"),
        ("yn 9 Rhodfa’r Môr", "a street address"),
        ("yn 1 Cilgant Glan", "a street address"),
        ("at 14 Oak Avenue", "a street address"),
        ("at 8 Cedar Close", "a street address"),
        ("at 19, High Street", "a street address"),
        ("yn Y Drenewydd SY16 2AB", "a postcode"),
    ],
)
def test_personal_data_patterns(text: str, kind: str) -> None:
    assert kind in [k for k, _ in personal_data_in(text)]


def test_plain_report_text_is_not_personal_data() -> None:
    text = (
        "In 2023-24 we had 1,234 contacts; 87.3% were dealt with on time. See section 4(d) and "
        "https://www.careinspectorate.wales for more. The budget was £112.4m. In 2023 Road safety work began. "
        "Don't miss out: Miss out on nothing. Chapter 3 Place-based care. We opened 2 homes on the street. "
        "Mae 4 heol yn y sir. Roedd 12 o ffyrdd ar gau."
    )
    assert personal_data_in(text) == []


def test_a_name_the_settings_declare_is_not_personal_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(REPO, tmp_path / "p")
    foreword = project / "narratives" / "en" / "foreword-director.md"
    foreword.write_text(
        foreword.read_text(encoding="utf-8")
        + "\nDr Rhian Ellis-Morgan, Director of Social Services\n\nMrs Gwyneth Pryce of 4 Heol y Dderwen helped.\n",
        encoding="utf-8",
    )
    card = json.loads(dirreport_here(capsys, "check", str(project), "--format", "json").stdout)
    personal = [(f["file"], f["message"]) for f in card["findings"] if f["section"] == "personal-data"]
    assert sorted(m.split(" (")[0] for _, m in personal) == [
        "looks like a person's name",
        "looks like a street address",
    ]
    assert all(file == "narratives/en/foreword-director.md" for file, _ in personal)


def test_allow_list_lets_a_public_number_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(REPO, tmp_path / "p")
    formats = project / "narratives" / "en" / "4c-formats.md"
    formats.write_text(
        formats.read_text(encoding="utf-8") + "\nCall our contact centre on 01234 567890.\n", encoding="utf-8"
    )

    def personal() -> list[str]:
        card = json.loads(dirreport_here(capsys, "check", str(project), "--format", "json").stdout)
        return [f["message"] for f in card["findings"] if f["section"] == "personal-data"]

    assert any("a phone number" in m for m in personal())
    config = project / "_quarto.yml"
    config.write_text(config.read_text(encoding="utf-8") + '  allow: ["01234 567890"]\n', encoding="utf-8")
    assert personal() == []


def test_quiet_prints_only_errors_and_html_card_is_a_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(REPO, tmp_path / "p")
    quiet = dirreport_here(capsys, "check", str(project), "--quiet")
    assert quiet.returncode == 0 and "Evidence for the quality standards" not in quiet.stdout
    card = tmp_path / "card.html"
    assert dirreport_here(capsys, "check", str(project), "--format", "html", "--output", str(card)).returncode == 0
    page = card.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<caption>Evidence for the quality standards</caption>" in page


def test_a_finding_is_filed_under_the_category_it_was_made_with(tmp_path: Path) -> None:
    """Removed pictures and HTML are the narrative's to fix, whatever words their messages use."""
    import dirreport
    from dirreport.checks.findings import SECTIONS

    project = copy_project(REPO, tmp_path / "p")
    context = project / "narratives" / "en" / "2-context.md"
    context.write_text(
        context.read_text(encoding="utf-8")
        + "\n\n![A map of the county](https://example.org/map.png)\n\n<marquee>Latest news</marquee>\n",
        encoding="utf-8",
    )
    card = dirreport.check(project)
    removed = [f for f in card.findings if f.problem.file == "narratives/en/2-context.md" and "removed" in str(f)]
    assert len(removed) >= 1 and {f.section for f in removed} == {"narrative"}, removed
    assert all(f.section in SECTIONS for f in card.findings)
