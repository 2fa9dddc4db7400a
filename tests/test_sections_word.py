"""Sections sent to their owners as Word files and taken back: edited as Word and LibreOffice save them.

Every returned file here is edited with python-docx and then re-saved by LibreOffice
(``soffice --convert-to docx``), so what is imported is what an author's word processor writes.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from project_files import copy_project

from conftest import REPO, assert_user_error, dirreport, dirreport_here, docx_body_text, html_text, output_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def resave(files: list[Path], profile: Path, out: Path) -> list[Path]:
    """Each file opened and saved again by LibreOffice, as a .docx."""
    out.mkdir(exist_ok=True)
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return [out / f.name for f in files]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(REPO, tmp_path / "p")


def export(capsys: pytest.CaptureFixture[str], project: Path, *args: str) -> Path:
    run = dirreport_here(capsys, "sections", "export", "--project", str(project), *args)
    assert run.returncode == 0, run.output
    return project / "word" / "en"


def paragraph_starting(word: docx.document.Document, start: str):  # type: ignore[no-untyped-def]
    for paragraph in word.paragraphs:
        if paragraph.text.startswith(start):
            return paragraph
    raise AssertionError(f"no paragraph starts {start!r}")


def test_a_section_edited_in_libreoffice_comes_back_and_builds(
    project: Path, capsys: pytest.CaptureFixture[str], soffice_profile: Path, tmp_path: Path
) -> None:
    folder = export(capsys, project)
    sent = folder / "3a-i.docx"
    word = docx.Document(str(sent))
    # what the owner sees: the prescribed heading, the guidance as a note, the shortcodes locked and grey
    assert word.paragraphs[2].text.startswith("Section (i): What do we know about the quality")
    assert word.paragraphs[2].style.name == "Heading 1"
    assert any(p.style.name == "Guidance" and "Guidance:" in p.text for p in word.paragraphs)
    controls = word.element.body.findall(f".//{W}sdt")
    locked = [c for c in controls if c.find(f"{W}sdtPr/{W}lock") is not None]
    # each figure's current value first, in the same locked field, then its shortcode
    fields = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in locked]
    assert "97.3%\u00a0{{< indicator AD-LANGUAGE-CHOICE >}}" in fields
    assert "up 2.3 percentage points since 2022-23, little change\u00a0{{< change CH-ADVOCACY-OFFER >}}" in fields

    paragraph = paragraph_starting(word, "Some things are not good enough")
    paragraph.runs[0].text = paragraph.runs[0].text.replace("Some things are", "Several things are")
    added = paragraph.insert_paragraph_before("We opened a new community hub in Llandrindod Wells this year.")
    added.style = paragraph.style
    word.save(str(tmp_path / "3a-i.docx"))
    (returned,) = resave([tmp_path / "3a-i.docx"], soffice_profile, tmp_path / "saved")

    run = dirreport_here(capsys, "sections", "import", str(returned), "--project", str(project))
    assert run.returncode == 0, run.output
    assert "paragraph 2 added: 'We opened a new community hub" in run.stdout
    assert "paragraph 3 changed: 'Several things are not good enough" in run.stdout
    text = (project / "narratives" / "en" / "3a-i.md").read_text(encoding="utf-8")
    original = (REPO / "narratives" / "en" / "3a-i.md").read_text(encoding="utf-8")
    assert text.split("---")[1] == original.split("---")[1]  # the front matter as it was
    assert "\n\nWe opened a new community hub in Llandrindod Wells this year.\n\nSeveral things" in text
    assert "({{< change CH-WELSH-OFFER >}})" in text
    # the paragraphs not edited keep their exact Markdown
    assert (
        text.replace("We opened a new community hub in Llandrindod Wells this year.\n\n", "").replace(
            "Several things", "Some things"
        )
        == original
    )

    # the Welsh is now out of date (check says so), so this is a draft until the change is translated
    build = dirreport("build", str(project), "--lang", "en", "--draft")
    assert build.returncode == 0, build.output
    assert "We opened a new community hub in Llandrindod Wells" in html_text(output_file(project, "en", "html"))
    assert "Several things are not good enough" in docx_body_text(output_file(project, "en", "docx"))
    pdf = subprocess.run(
        ["pdftotext", str(output_file(project, "en", "pdf")), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Llandrindod Wells" in " ".join(pdf.split())


def test_a_damaged_shortcode_is_refused_with_its_place(
    project: Path, capsys: pytest.CaptureFixture[str], soffice_profile: Path, tmp_path: Path
) -> None:
    folder = export(capsys, project)
    word = docx.Document(str(folder / "3a-i.docx"))
    for text in word.element.body.iter(f"{W}t"):
        if text.text == "{{< indicator CH-WELSH-OFFER >}}":
            text.text = "{{< indicator CH-WELSH-OFFR >}}"
        if text.text == "{{< change AD-ADVOCACY-OFFER >}}":
            text.text = "{{< change AD-ADVOCACY-OFFER"
    word.save(str(tmp_path / "3a-i.docx"))
    (returned,) = resave([tmp_path / "3a-i.docx"], soffice_profile, tmp_path / "saved")
    before = (project / "narratives" / "en" / "3a-i.md").read_bytes()

    run = dirreport_here(capsys, "sections", "import", str(returned), "--project", str(project))
    assert_user_error(
        run,
        "paragraph 2: {{< indicator CH-WELSH-OFFR >}} is not a field this section was sent with",
        "was it {{< indicator CH-WELSH-OFFER >}}?",
        "paragraph 2: a grey field was broken, near",
    )
    assert run.returncode == 2
    assert (project / "narratives" / "en" / "3a-i.md").read_bytes() == before


def test_tracked_changes_and_comments_are_reported_not_taken_silently(
    project: Path, capsys: pytest.CaptureFixture[str], soffice_profile: Path, tmp_path: Path
) -> None:
    folder = export(capsys, project)
    word = docx.Document(str(folder / "4b.docx"))
    paragraph = paragraph_starting(word, "You can complain in Welsh or English")
    word.add_comment(paragraph.runs[0], text="Check the advocacy wording with legal.", author="Gwen Lloyd")
    inserted = etree.SubElement(
        paragraph._p, f"{W}ins", {f"{W}id": "901", f"{W}author": "Gwen Lloyd", f"{W}date": "2025-06-01T10:00:00Z"}
    )
    run = etree.SubElement(etree.SubElement(inserted, f"{W}r"), f"{W}t")
    run.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.text = " We answer within 10 working days."
    word.save(str(tmp_path / "4b.docx"))
    (returned,) = resave([tmp_path / "4b.docx"], soffice_profile, tmp_path / "saved")
    target = project / "narratives" / "en" / "4b.md"
    before = target.read_bytes()

    refused = dirreport_here(capsys, "sections", "import", str(returned), "--project", str(project))
    assert_user_error(refused, "tracked change (inserted by Gwen Lloyd: 'We answer within 10 working days.')")
    assert target.read_bytes() == before

    taken = dirreport_here(capsys, "sections", "import", str(returned), "--project", str(project), "--accept-changes")
    assert taken.returncode == 0, taken.output
    assert "inserted by Gwen Lloyd: 'We answer within 10 working days.'" in taken.stdout
    assert "comment by Gwen Lloyd: 'Check the advocacy wording with legal.'" in taken.stdout
    assert "at our offices. We answer within 10 working days." in target.read_text(encoding="utf-8")


def test_a_newer_edit_is_never_overwritten_without_force(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = export(capsys, project, "--owner", "principal social worker")
    returned = folder / "principal-social-worker.docx"
    assert [p.text for p in docx.Document(str(returned)).paragraphs if p.style.name == "Heading 1"] == [
        "Section (i): What do we know about the quality and impact of what we are doing?",
        "Section (ii): How do we know?",
        "Section (iii): What are we doing well and how can we do better?",
        "Section (iv): What progress did we make on the areas for improvement identified in last year's report? "
        "What difference did we make?",
    ]
    unchanged = dirreport_here(capsys, "sections", "import", str(returned), "--project", str(project))
    assert unchanged.returncode == 0, unchanged.output
    assert unchanged.stdout.count(": unchanged") == 4

    narrative = project / "narratives" / "en" / "3a-ii.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\nA late edit in Markdown.\n", encoding="utf-8")
    refused = dirreport_here(capsys, "sections", "import", str(returned), "--project", str(project))
    assert_user_error(refused, "narratives/en/3a-ii.md has been changed since this Word file was made", "--force")
    assert "A late edit in Markdown." in narrative.read_text(encoding="utf-8")

    forced = dirreport_here(capsys, "sections", "import", str(returned), "--project", str(project), "--force")
    assert forced.returncode == 0, forced.output
    assert "paragraph removed: 'A late edit in Markdown.'" in forced.stdout
    assert "A late edit in Markdown." not in narrative.read_text(encoding="utf-8")


def test_export_keeps_the_files_it_finds_and_names_the_owners(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = export(capsys, project, "--per-owner")
    assert (folder / "principal-social-worker.docx").exists()
    with zipfile.ZipFile(folder / "principal-social-worker.docx") as archive:
        assert "dirreport-sections" in archive.read("docProps/custom.xml").decode()
    again = dirreport_here(capsys, "sections", "export", "--project", str(project), "--per-owner")
    assert_user_error(again, "principal-social-worker.docx: already exists", "--force")
    unknown = dirreport_here(capsys, "sections", "export", "--project", str(project), "--owner", "Nobody")
    assert_user_error(unknown, "no section in narratives/en/ has the owner 'Nobody'", "Principal Social Worker")
    not_ours = docx.Document()
    not_ours.add_paragraph("Hello")
    not_ours.save(str(project / "other.docx"))
    refused = dirreport_here(capsys, "sections", "import", str(project / "other.docx"), "--project", str(project))
    assert_user_error(refused, "was not made by 'dirreport sections export'")


def test_a_picture_travels_as_a_field_and_comes_back(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    narrative = project / "narratives" / "en" / "4b.md"
    picture = "![The hub in Llandrindod](images/director-placeholder.png)"
    narrative.write_text(
        narrative.read_text(encoding="utf-8") + f"\nOur new hub: {picture} opened in May.\n", encoding="utf-8"
    )
    folder = export(capsys, project)
    word = docx.Document(str(folder / "4b.docx"))
    fields = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in word.element.body.iter(f"{W}sdt")]
    assert picture in fields
    paragraph = paragraph_starting(word, "Our new hub")
    paragraph.runs[0].text = "Our new community hub: "
    word.save(str(folder / "4b.docx"))
    run = dirreport_here(capsys, "sections", "import", str(folder / "4b.docx"), "--project", str(project))
    assert run.returncode == 0, run.output
    assert f"Our new community hub: {picture} opened in May." in narrative.read_text(encoding="utf-8")
