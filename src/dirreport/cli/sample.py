"""``dirreport new --sample PATH``: the full sample report project (Glanafon, invented data) to try things on.

One source of truth: the sample is the repository's own project files (``SAMPLE_PARTS`` at its root).
A wheel carries them as package data under ``dirreport/resources/sample/`` (``force-include`` in
pyproject.toml); a source checkout or an editable install reads them where they are.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from dirreport.errors import InputError, Problem

# The parts of a report project, as tools/project_files.py copies them for the tests.
SAMPLE_PARTS = ("_quarto.yml", "_brand.yml", "data", "narratives", "templates", "images")


def sample_source() -> Path:
    """Where the sample project's files are: packaged with dirreport, or the checkout it runs from."""
    packaged = Path(str(resources.files("dirreport").joinpath("resources", "sample")))
    if (packaged / "_quarto.yml").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "_quarto.yml").is_file() and (checkout / "narratives").is_dir():
        return checkout
    raise InputError(
        Problem(
            "the sample project is not part of this installation of dirreport",
            hint="reinstall dirreport from its wheel or its source folder",
        )
    )


def copy_parts(source: Path, target: Path) -> Path:
    """A copy of a report project's inputs (never its outputs or cache): what the sample is made of."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SAMPLE_PARTS:
        part = source / name
        if part.is_dir():
            shutil.copytree(part, target / name)
        elif part.is_file():
            shutil.copy2(part, target / name)
    return target


def write_sample(path: Path) -> list[Path]:
    """Copy the sample project into a new folder; the files written."""
    if path.exists() and any(path.iterdir()):
        raise InputError(Problem("already exists and is not empty", file=str(path), hint="choose a new folder name"))
    copy_parts(sample_source(), path)
    (path / ".gitignore").write_text("_output/\n.dirreport-cache/\n", encoding="utf-8")
    return [p for p in path.rglob("*") if p.is_file()]
