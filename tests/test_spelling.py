"""The optional Welsh spelling check: hunspell with a cy_GB dictionary reports, and never blocks."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, copy_project, dirreport

DICTIONARIES = REPO / ".test-deps" / "dictionaries"  # installed by scripts/run-tests


def test_misspelt_welsh_is_reported_with_its_line_and_does_not_block(tmp_path: Path) -> None:
    assert (DICTIONARIES / "cy_GB.dic").exists(), "run ./scripts/run-tests, which installs the Welsh dictionary"
    project = copy_project(REPO, tmp_path / "p")
    path = project / "narratives" / "cy" / "4b.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Rydym yn croesawu cwynion", "Rydym yn croesawu cwwynion", 1), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text_line in enumerate(lines, start=1) if "cwwynion" in text_line)
    run = dirreport("check", str(project), "--format", "json", env={"DICPATH": str(DICTIONARIES)})
    card = json.loads(run.stdout)
    spelling = [f for f in card["findings"] if "hunspell" in f["message"]]
    assert any(
        "'cwwynion'" in f["message"] and f["file"] == "narratives/cy/4b.md" and f["line"] == line for f in spelling
    )
    assert all(f["severity"] == "warning" for f in spelling)
    assert not any("'cwynion'" in f["message"] for f in spelling)  # a correct word is not flagged
    assert run.returncode == 0  # spelling never blocks publication
