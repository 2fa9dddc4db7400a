"""The translation record cannot lose work: no placeholder is recorded as translated, a record can be
taken back, a partly stale XLIFF file gives its good segments, and a changed paragraph goes to the
translator with its previous translation beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lxml import etree
from project_files import copy_project

from conftest import REPO, assert_user_error, dirreport_here

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
NS = {"x": XLIFF}
OLD = "It runs from the coast, through two river valleys, to the upland farms of the north."
NEW = "It runs from the coast, through two river valleys, to the hill farms of the north."


def record(path: Path) -> list[str] | None:
    front = path.read_text(encoding="utf-8").split("---\n")[1]
    found = (yaml.safe_load(front) or {}).get("translation")
    return None if found is None else [str(d) for d in found["segments"]]


def write(path: Path, heading: str, body: str) -> None:
    path.write_text(f"---\ntitle: T\nheading: {heading}\nstatus: draft\nowner: ''\n---\n\n{body}\n", encoding="utf-8")


@pytest.fixture
def new_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    project = tmp_path / "new"
    run = dirreport_here(capsys, "new", str(project), "--authority", "W06000023", "--year", "2024-25")
    assert run.returncode == 0, run.output
    return project


def test_baseline_never_records_a_placeholder(new_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    en, cy = new_project / "narratives" / "en", new_project / "narratives" / "cy"
    write(en / "1-summary.md", "1-summary", "We listened to people.")  # the Welsh is still the stub
    write(en / "2-context.md", "2-context", "Powys is large.\n\nMost people live in small towns.")
    write(
        cy / "2-context.md", "2-context", "Mae Powys yn fawr.\n\n[Dalfan: nid yw'r adran hon wedi'i hysgrifennu eto.]"
    )
    run = dirreport_here(capsys, "translate", "baseline", "--project", str(new_project))
    assert run.returncode == 0, run.output
    assert "narratives/cy/1-summary.md: not written or not translated yet (placeholders only)" in run.stdout
    assert "narratives/cy/2-context.md: 1 paragraph(s) still placeholders" in run.stdout
    assert record(cy / "1-summary.md") is None
    assert record(cy / "3a-i.md") is None  # a stub in both languages
    kept = record(cy / "2-context.md")
    assert kept is not None and kept[0] and kept[1] == ""

    xliff = new_project / "t.xlf"
    exported = dirreport_here(capsys, "translate", "export", str(xliff), "--project", str(new_project))
    assert exported.returncode == 0, exported.output
    tree = etree.parse(str(xliff))
    for target in tree.iterfind(".//x:target", NS):
        assert "[Dalfan" not in "".join(target.itertext())
    summary = tree.find(".//x:file[@original='narratives/en/1-summary.md']", NS)
    assert [s.get("state") for s in summary.iterfind(".//x:segment", NS)] == ["initial"]
    context = tree.find(".//x:file[@original='narratives/en/2-context.md']", NS)
    assert [s.get("state") for s in context.iterfind(".//x:segment", NS)] == ["final", "initial"]


def test_baseline_takes_files_and_can_be_undone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(REPO, tmp_path / "p")
    cy = project / "narratives" / "cy"
    before = {name: record(cy / name) for name in ("2-context.md", "4b.md")}
    assert all(before.values())
    gone = dirreport_here(
        capsys, "translate", "baseline", "--project", str(project), "--forget", "narratives/cy/2-context.md", "4b"
    )
    assert gone.returncode == 0, gone.output
    assert "forgot the translation record of 2 file(s)" in gone.stdout
    assert record(cy / "2-context.md") is None and record(cy / "4b.md") is None
    xliff = tmp_path / "t.xlf"
    dirreport_here(capsys, "translate", "export", str(xliff), "--project", str(project))
    states = {s.get("state") for s in etree.parse(str(xliff)).iterfind(".//x:file[@id='f-2-context']//x:segment", NS)}
    assert states == {"initial"}

    again = dirreport_here(capsys, "translate", "baseline", "narratives/cy/2-context.md", "--project", str(project))
    assert again.returncode == 0, again.output
    assert "recorded 1 translation(s)" in again.stdout
    assert record(cy / "2-context.md") == before["2-context.md"]
    assert record(cy / "4b.md") is None  # not named, not recorded
    unknown = dirreport_here(capsys, "translate", "baseline", "5z", "--project", str(project))
    assert_user_error(unknown, "'5z' is not a narrative of this project")
    bare = dirreport_here(capsys, "translate", "baseline", "--forget", "--project", str(project))
    assert_user_error(bare, "--forget needs the files to forget")


def test_a_partly_stale_xliff_gives_its_good_segments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(REPO, tmp_path / "p")
    xliff = tmp_path / "t.xlf"
    dirreport_here(capsys, "translate", "export", str(xliff), "--project", str(project))
    tree = etree.parse(str(xliff))
    translated = {}
    for unit in tree.iterfind(".//x:unit", NS):
        source = "".join(unit.find("x:segment/x:source", NS).itertext())
        target = unit.find("x:segment/x:target", NS)
        if OLD in source:
            stale_unit = unit.get("id")
        if "Mae Glanafon" in "".join(target.itertext()) or OLD in source:
            target.text = (target.text or "") + " (adolygwyd)"  # the translator's revision of this paragraph
            translated[unit.get("id")] = source
        if unit.get("id").startswith("4b.") and target.text and not len(target):
            target.text += " Diwygiwyd."
            translated[unit.get("id")] = source
    tree.write(str(xliff), xml_declaration=True, encoding="UTF-8")
    english = project / "narratives" / "en" / "2-context.md"
    english.write_text(english.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")

    run = dirreport_here(capsys, "translate", "import", str(xliff), "--project", str(project))
    assert run.returncode == 0, run.output
    assert "1 segment(s) not imported: their source changed after export" in run.stdout
    assert f"unit '{stale_unit}' (narratives/en/2-context.md)" in run.stdout
    welsh_complaints = (project / "narratives" / "cy" / "4b.md").read_text(encoding="utf-8")
    assert "Diwygiwyd." in welsh_complaints
    assert "(adolygwyd)" not in (project / "narratives" / "cy" / "2-context.md").read_text(encoding="utf-8")


def test_a_changed_paragraph_goes_out_with_its_previous_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(REPO, tmp_path / "p")
    english = project / "narratives" / "en" / "2-context.md"
    english.write_text(english.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    xliff = tmp_path / "t.xlf"
    run = dirreport_here(capsys, "translate", "export", str(xliff), "--project", str(project))
    assert "1 to translate" in run.stdout
    tree = etree.parse(str(xliff))
    (segment,) = tree.findall(".//x:segment[@state='initial']", NS)
    notes = segment.getparent().findall("x:notes/x:note[@category='previous-translation']", NS)
    assert len(notes) == 1
    assert "i ffermydd yr ucheldir yn y gogledd" in notes[0].text
    assert notes[0].text.startswith("Previous translation")
    assert len(tree.findall(".//x:note[@category='previous-translation']", NS)) == 1
