"""The status board: every section's owner, state, length, evidence, translation and blockers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lhtml
from project_files import copy_project

import dirreport
from conftest import REPO, dirreport_here


def test_the_sample_is_final_translated_and_ready(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(REPO, tmp_path / "p")
    run = dirreport_here(capsys, "status", str(project), "--json")
    assert run.returncode == 0, run.output
    board = json.loads(run.stdout)
    assert board["authority"] == "Glanafon County Borough Council" and board["year"] == "2023-24"
    assert board["ready"] is True and board["other_blocks"] == []
    sections = {s["id"]: s for s in board["sections"]}
    assert len(sections) == 30
    assert {s["status"] for s in sections.values()} == {"final"}
    assert {s["translation"] for s in sections.values()} == {"translated"}
    first = sections["3a-i"]
    assert first["owner"] == "Principal Social Worker"
    assert first["standards"] == ["QS1", "QS2"]
    # 3a-i cites indicators and changes, one staff survey result, and one case study
    assert (first["figures"], first["surveys"], first["stories"]) == (12, 1, 1)
    assert 120 < first["words"] < 200


def _write(path: Path, front: str, body: str) -> None:
    path.write_text(f"---\n{front}\n---\n\n{body}\n", encoding="utf-8")


def test_a_new_project_half_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "powys"
    made = dirreport_here(capsys, "new", str(project), "--authority", "W06000023", "--year", "2024-25")
    assert made.returncode == 0, made.output
    en, cy = project / "narratives" / "en", project / "narratives" / "cy"
    _write(
        en / "1-summary.md",
        'title: "Summary"\nheading: 1-summary\nstatus: final\nowner: "Director"',
        "This year we listened to people and their carers.\n\nWe will do better on waiting times.",
    )
    _write(
        cy / "1-summary.md",
        'title: "Crynodeb"\nheading: 1-summary\nstatus: final\nowner: "Cyfarwyddwr"',
        "Eleni gwrandawon ni ar bobl a’u gofalwyr.\n\nByddwn yn gwneud yn well ar amseroedd aros.",
    )
    baseline = dirreport_here(capsys, "translate", "baseline", "--project", str(project))
    assert baseline.returncode == 0, baseline.output
    summary = (en / "1-summary.md").read_text(encoding="utf-8")
    (en / "1-summary.md").write_text(summary.replace("waiting times", "waiting times for care"), encoding="utf-8")
    _write(
        en / "2-context.md",
        'title: "Context"\nheading: 2-context\nstatus: draft\nowner: "Performance Manager"',
        "Powys is the largest county in Wales. {{< metric AD/005 >}} adults were assessed.",
    )
    (en / "4a.md").unlink()

    board = dirreport.status(project)
    assert "status" in dirreport.__all__ and "StatusBoard" in dirreport.__all__
    sections = {s.id: s for s in board.sections}
    assert board.authority == "Powys County Council" and board.year == "2024-25"
    assert (sections["1-summary"].status, sections["1-summary"].translation) == ("final", "out of date")
    assert sections["1-summary"].owner == "Director" and sections["1-summary"].words == 18
    assert (sections["2-context"].status, sections["2-context"].translation) == ("draft", "not translated")
    assert sections["2-context"].figures == 1 and sections["2-context"].owner == "Performance Manager"
    assert (sections["3a-i"].status, sections["3a-i"].words) == ("empty", 0)
    assert sections["4a"].status == "missing"
    assert any("narratives/en/4a.md" in b and "is missing" in b for b in sections["4a"].blocks)
    assert any("out of date" in b for b in sections["1-summary"].blocks)
    assert not board.ready

    page = tmp_path / "status.html"
    run = dirreport_here(capsys, "status", str(project), "--html", str(page))
    assert run.returncode == 0, run.output
    assert re.search(r"1-summary\s.*final.*out of date", run.stdout)
    doc = lhtml.fromstring(page.read_text(encoding="utf-8"))
    assert doc.get("lang") == "en"
    assert "Powys" in doc.findtext(".//title")
    assert "2024-25" in doc.text_content()
    assert doc.find(".//time").get("datetime") == board.date
    assert doc.findtext(".//caption")
    assert all(th.get("scope") == "col" for th in doc.findall(".//thead//th"))
    row = next(tr for tr in doc.findall(".//tbody/tr") if "(4a)" in tr.text_content())
    assert row.get("scope") is None and row.find("th").get("scope") == "row"
    assert "missing" in row.text_content()  # a state in words, never colour alone
