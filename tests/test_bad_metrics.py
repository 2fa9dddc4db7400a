"""A malformed metrics file gets a clear answer and the last good report survives."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import assert_user_error, dirreport


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def break_row(project: Path, row: int, replacement: str) -> None:
    path = project / "data" / "metrics.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[row - 1] = replacement
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


CASES = {
    "unknown code": (5, "X99999999,2023-24,AD/999,12", ["AD/999", "not in the catalogue"]),
    "not a number": (6, "X99999999,2023-24,AD/001,twelve", ["'twelve' is not a number"]),
    "negative count": (7, "X99999999,2023-24,AD/013,-4", ["cannot be negative"]),
    "duplicate row": (8, "W06000001,2019-20,AD/001,1294", ["given twice", "first on row"]),
}


@pytest.mark.parametrize("case", CASES)
def test_malformed_metrics_are_named_by_file_and_row(published_sample: Path, tmp_path: Path, case: str) -> None:
    project = tmp_path / "p"
    import shutil

    shutil.copytree(published_sample, project, symlinks=True)
    before = fingerprint(project / "_output")
    row, replacement, fragments = CASES[case]
    if case == "duplicate row":
        replacement = (project / "data" / "metrics.csv").read_text(encoding="utf-8").splitlines()[1]
    break_row(project, row, replacement)
    run = dirreport("build", str(project), "--lang", "en", "--format", "html")
    assert_user_error(run, "data/metrics.csv", f"row {row}", *fragments)
    assert run.returncode == 2
    assert fingerprint(project / "_output") == before
