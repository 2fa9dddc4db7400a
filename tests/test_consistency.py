"""The catalogue's rules hold in the data: parts within wholes, breakdowns within totals, counts not negative."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import assert_user_error, dirreport

SMALL = Path(__file__).parent / "fixtures" / "small"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "small"
    shutil.copytree(SMALL, target)
    return target


def replace_value(project: Path, authority: str, year: str, code: str, value: str) -> int:
    """Change one value; returns its row number as a spreadsheet shows it."""
    path = project / "data" / "metrics.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith(f"{authority},{year},{code},"):
            lines[number - 1] = f"{authority},{year},{code},{value}"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return number
    raise AssertionError(code)


def test_a_part_may_not_exceed_its_whole(project: Path) -> None:
    row = replace_value(project, "W06000015", "2023-24", "AD/025", "260")
    run = dirreport("check", str(project))
    assert_user_error(run, f"data/metrics.csv:row {row}", "AD/025 (260) is larger than AD/024 (250)")


def test_exclusive_parts_may_not_sum_past_their_total(project: Path) -> None:
    replace_value(project, "W06000015", "2023-24", "AD/002c", "400")
    run = dirreport("check", str(project))
    assert_user_error(
        run, "the parts of AD/001 add up to 1100", "AD/002a 400 + AD/002b 300 + AD/002c 400", "more than the total 1000"
    )


def test_counts_are_not_negative(project: Path) -> None:
    row = replace_value(project, "W06000015", "2023-24", "AD/013", "-5")
    run = dirreport("check", str(project))
    assert_user_error(run, f"data/metrics.csv:row {row}", "AD/013 is -5, but counts cannot be negative")


def test_every_violation_is_listed_in_one_run(project: Path) -> None:
    first = replace_value(project, "W06000015", "2023-24", "AD/027", "41")
    second = replace_value(project, "W06000015", "2023-24", "AD/015a", "95")
    run = dirreport("check", str(project))
    assert_user_error(run, f"row {first}", f"row {second}", "AD/027 (41)", "AD/015a (95)")
