"""A new user is told what to do next, can have the sample from an installed wheel, fills in workbooks that
refuse a wrong code as it is typed, and sees a build's progress."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import REPO, dirreport, dirreport_here


def test_new_says_what_to_do_next(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = dirreport_here(capsys, "new", str(tmp_path / "r"), "--authority", "W06000023", "--year", "2024-25")
    assert run.returncode == 0, run.output
    assert f"dirreport build {tmp_path / 'r'} --draft" in run.stdout
    assert f"dirreport check {tmp_path / 'r'}" in run.stdout
    assert "dirreport sections export" in run.stdout
    missing = dirreport_here(capsys, "new", str(tmp_path / "s"))
    assert missing.returncode == 2 and "--authority and --year must be given" in missing.stderr


def test_the_sample_comes_from_an_installed_wheel(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(wheels)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("dirreport-*.whl")
    installed = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(installed)  # a wheel's files are what pip installs into site-packages
    assert (installed / "dirreport" / "resources" / "sample" / "narratives" / "en" / "3a-i.md").is_file()
    target = tmp_path / "glanafon"
    run = subprocess.run(
        [sys.executable, "-m", "dirreport", "new", "--sample", str(target)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(installed), "PATH": str(Path(sys.executable).parent)},
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"next: dirreport build {target}" in run.stdout
    for name in ("_quarto.yml", "narratives/en/3a-i.md", "narratives/cy/4b.md", "data/metrics.csv"):
        assert (target / name).read_bytes() == (REPO / name).read_bytes(), name


def test_the_wheel_carries_every_part_of_the_sample() -> None:
    import tomllib

    from dirreport.cli.sample import SAMPLE_PARTS

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    present = [part for part in SAMPLE_PARTS if (REPO / part).exists()]
    assert present and sorted(included) == sorted(present)
    assert all(included[part] == f"dirreport/resources/sample/{part}" for part in present)


def _validations(path: Path) -> dict[str, tuple[str, str | None, str | None, str | None]]:
    sheet = load_workbook(path).worksheets[0]
    header = {cell.column_letter: cell.value for cell in sheet[1]}
    out = {}
    for rule in sheet.data_validations.dataValidation:
        letter = str(rule.sqref).split(":")[0].rstrip("0123456789")
        out[header[letter]] = (rule.type, rule.operator, rule.formula1, rule.errorStyle)
    return out


def test_local_table_workbooks_offer_the_codes_and_refuse_a_negative_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "r"
    dirreport_here(capsys, "new", str(project), "--authority", "W06000023", "--year", "2024-25")
    made = {}
    for table in ("inspections", "complaints", "finance"):
        target = project / "data" / f"{table}.xlsx"
        run = dirreport_here(capsys, "data", "template", str(target), "--project", str(project), "--table", table)
        assert run.returncode == 0, run.output
        made[table] = _validations(target)
    inspections = made["inspections"]
    assert inspections["type"][0] == "list" and "assurance-check" in inspections["type"][2]
    assert inspections["type"][3] in (None, "stop")  # openpyxl leaves Excel's default, stop, unwritten
    assert inspections["inspectorate"][2] == '"ciw,audit-wales,hiw,estyn"'
    complaints = made["complaints"]
    assert complaints["stage"][2] == '"1,2"' and complaints["service"][2] == '"adults,children"'
    for count in ("received", "responded_in_timescale", "upheld", "referred_to_ombudsman"):
        assert complaints[count][:3] == ("whole", "greaterThanOrEqual", "0"), count
    assert made["finance"]["service_area"][3] == "warning"  # a code of the authority's own is allowed
    # the workbooks sit beside the empty CSVs 'new' wrote, and the project still reads
    assert (project / "data" / "inspections.csv").exists()
    check = dirreport_here(capsys, "check", str(project), "--format", "json")
    assert "are both present" not in check.output


def test_a_build_says_what_it_is_doing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "r"
    dirreport_here(capsys, "new", str(project), "--authority", "W06000023", "--year", "2024-25")
    run = dirreport("build", str(project), "--draft", "--lang", "en", "--format", "html")
    assert run.returncode == 0, run.output
    lines = run.stderr.splitlines()
    assert "assembling the report…" in lines
    assert "writing 1 file…" in lines  # a new project has no summary edition
    assert "  en html: done" in lines
    quiet = dirreport("build", str(project), "--draft", "--lang", "en", "--format", "html", "--force", "-q")
    assert quiet.returncode == 0 and "assembling" not in quiet.output
